"""make-script-executable: a mode-only change for a script the shell refused to run, and its declines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ci_agent.healing.model import EXECUTABLE_FILE, Decline, ProposedChange
from ci_agent.healing.strategies.make_script_executable import STRATEGY, denied_path
from ci_agent.healing.strategies.repository_paths import repository_path
from ci_agent.store.records import FailureRecord
from tests.unit.healing.doubles import InMemoryRepository, failure_from_log


def denied(message: str) -> FailureRecord:
    return failure_from_log(
        "2026-11-29T10:00:00.0000000Z ##[group]Run ./scripts/release.sh dist/*.whl\n"
        "2026-11-29T10:00:00.0000000Z ./scripts/release.sh dist/*.whl\n"
        "2026-11-29T10:00:00.1000000Z ##[endgroup]\n"
        f"2026-11-29T10:00:00.2000000Z {message}\n"
        "2026-11-29T10:00:00.3000000Z ##[error]Process completed with exit code 126.\n"
    )


def test_the_issue_example_changes_only_the_mode() -> None:
    repository = InMemoryRepository.from_fixture("shop")
    failure = denied("/home/runner/work/_temp/0b6c3a.sh: line 1: ./scripts/release.sh: Permission denied")

    change = STRATEGY.propose(failure, repository)

    assert isinstance(change, ProposedChange)
    assert change.diff() == ("diff --git a/scripts/release.sh b/scripts/release.sh\nold mode 100644\nnew mode 100755\n")
    (edit,) = change.edits
    assert edit.content is None
    assert edit.new_mode == EXECUTABLE_FILE
    assert change.summary == "Make scripts/release.sh executable"
    assert change.notes == ()
    applicability = STRATEGY.applies(failure)
    assert applicability is not None
    assert applicability.fit == 0.9


@pytest.mark.parametrize(
    ("message", "path"),
    [
        ("bash: ./gradlew: Permission denied", "gradlew"),
        ("bash: line 1: ./gradlew: Permission denied", "gradlew"),
        ("sh: 1: ./build.sh: Permission denied", "build.sh"),
        ("zsh: permission denied: ./run.sh", "run.sh"),
        ("make: execvp: ./tools/gen.sh: Permission denied", "tools/gen.sh"),
        ("env: './scripts/check.sh': Permission denied", "scripts/check.sh"),
        (
            "/home/runner/work/_temp/1f.sh: line 3: /home/runner/work/shop/shop/scripts/release.sh: Permission denied",
            "scripts/release.sh",
        ),
        ("/__w/_temp/1f.sh: line 1: /__w/shop/shop/bin/deploy: Permission denied", "bin/deploy"),
    ],
)
def test_each_shell_wording_names_the_repository_file(message: str, path: str) -> None:
    repository = InMemoryRepository({path: b"#!/bin/sh\nexit 0\n"})
    change = STRATEGY.propose(denied(message), repository)
    assert isinstance(change, ProposedChange), change
    assert change.edits[0].path == path
    assert change.edits[0].new_mode == EXECUTABLE_FILE


def test_a_script_without_a_shebang_gets_a_note() -> None:
    repository = InMemoryRepository({"gradlew": b"echo no shebang\n"})
    change = STRATEGY.propose(denied("bash: ./gradlew: Permission denied"), repository)
    assert isinstance(change, ProposedChange)
    assert change.notes == ("gradlew has no #! line: a shell will run it as a shell script; add one if it is not.",)


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("bash: /usr/local/bin/deploy: Permission denied", "outside the repository"),
        ("bash: ../other/run.sh: Permission denied", "outside the repository"),
        ("bash: ./missing.sh: Permission denied", "not a file at the failing commit"),
        ("bash: ./scripts/already.sh: Permission denied", "already executable"),
    ],
)
def test_declines(message: str, reason: str) -> None:
    repository = InMemoryRepository(
        {"scripts/already.sh": b"#!/bin/sh\n"}, modes={"scripts/already.sh": EXECUTABLE_FILE}
    )
    decline = STRATEGY.propose(denied(message), repository)
    assert isinstance(decline, Decline)
    assert reason in decline.reason


def test_a_python_permission_error_is_not_a_script_to_make_executable() -> None:
    failure = failure_from_log("PermissionError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/acme'\n")
    assert denied_path([failure.culprit.text if failure.culprit else ""]) is None
    assert STRATEGY.applies(failure) is None
    decline = STRATEGY.propose(failure, InMemoryRepository({}))
    assert isinstance(decline, Decline)


PATH_PIECES = [*"./~-_ab:'\"\\", "/home/runner/work/", "/__w/", "..", "shop/"]


@settings(max_examples=300)
@given(reported=st.lists(st.sampled_from(PATH_PIECES), max_size=12).map("".join))
def test_a_reported_path_never_leaves_the_repository(reported: str) -> None:
    path = repository_path(reported)
    if path is not None:
        assert not path.startswith(("/", "../")) and path not in ("", ".", "..")
        assert "/../" not in f"/{path}/"


@settings(max_examples=200)
@given(line=st.text(max_size=200))
def test_any_log_line_is_read_without_crashing(line: str) -> None:
    failure = failure_from_log(line + "\n")
    result = STRATEGY.propose(failure, InMemoryRepository({}))
    assert isinstance(result, Decline)  # an empty repository has no script to change
