"""apply-formatter: ruff's formatter run for real on the named files with the repository's settings; black and
prettier declined with their reasons."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ci_agent.analysis import LogLine
from ci_agent.healing.model import Decline, ProposedChange, RepositoryFile
from ci_agent.healing.strategies.apply_formatter import STRATEGY
from ci_agent.store.records import FailureRecord
from tests.unit.healing.doubles import InMemoryRepository, failure_from_log


def check_failed(*lines: str, command: str = "ruff format --check .") -> FailureRecord:
    body = "".join(f"2026-11-29T10:00:01.0000000Z {line}\n" for line in lines)
    return failure_from_log(
        f"2026-11-29T10:00:00.0000000Z ##[group]Run {command}\n"
        "2026-11-29T10:00:00.0000000Z ##[endgroup]\n"
        f"{body}"
        "2026-11-29T10:00:01.1000000Z ##[error]Process completed with exit code 1.\n"
    )


def test_ruff_formats_the_named_file_with_the_repository_settings() -> None:
    failure = check_failed("Would reformat: src/shop/api.py", "1 file would be reformatted, 1 file already formatted")

    change = STRATEGY.propose(failure, InMemoryRepository.from_fixture("ruff-app"))

    assert isinstance(change, ProposedChange), change
    # single quotes and the 100-column limit come from the fixture's [tool.ruff] settings
    assert change.diff() == (
        "diff --git a/src/shop/api.py b/src/shop/api.py\n"
        "--- a/src/shop/api.py\n"
        "+++ b/src/shop/api.py\n"
        "@@ -1,10 +1,13 @@\n"
        ' """The shop\'s HTTP client."""\n'
        "+\n"
        " import httpx\n"
        " \n"
        '-BASE_URL = "https://shop.example.com/api"\n'
        "+BASE_URL = 'https://shop.example.com/api'\n"
        " \n"
        " \n"
        "-def get_order(client: httpx.Client, order_id: int)->dict:\n"
        '-    response = client.get(f"{BASE_URL}/orders/{order_id}", '
        'headers={"Accept": "application/json"}, timeout=10)\n'
        "+def get_order(client: httpx.Client, order_id: int) -> dict:\n"
        "+    response = client.get(\n"
        "+        f'{BASE_URL}/orders/{order_id}', headers={'Accept': 'application/json'}, timeout=10\n"
        "+    )\n"
        "     response.raise_for_status()\n"
        "     return response.json()\n"
    )
    assert change.summary == "Format src/shop/api.py with ruff"
    assert STRATEGY.applies(failure) is not None


def test_the_closest_configuration_wins_as_ruff_would_choose_it() -> None:
    repository = InMemoryRepository(
        {
            "pyproject.toml": "[tool.ruff.format]\nquote-style = 'single'\n",
            "tools/ruff.toml": "[format]\nquote-style = 'double'\n",
            "tools/gen.py": "x = {'a':1}\n",
        }
    )
    change = STRATEGY.propose(check_failed("Would reformat: tools/gen.py"), repository)
    assert isinstance(change, ProposedChange)
    assert change.edits[0].new_content == b'x = {"a": 1}\n'


def test_files_in_one_directory_look_their_configuration_up_once() -> None:
    class CountingRepository(InMemoryRepository):
        reads: list[str]

        def read(self, path: str) -> RepositoryFile | None:
            self.reads.append(path)
            return super().read(path)

    repository = CountingRepository({"ruff.toml": "line-length = 100\n", "src/a.py": "a=1\n", "src/b.py": "b=2\n"})
    repository.reads = []
    change = STRATEGY.propose(check_failed("Would reformat: src/a.py", "Would reformat: src/b.py"), repository)
    assert isinstance(change, ProposedChange)
    assert [edit.new_content for edit in change.edits] == [b"a = 1\n", b"b = 2\n"]
    assert sorted(repository.reads) == sorted(
        ["src/a.py", "src/.ruff.toml", "src/ruff.toml", "src/pyproject.toml", ".ruff.toml", "ruff.toml", "src/b.py"]
    )


def test_without_configuration_ruff_uses_its_defaults_and_a_workspace_path_is_resolved() -> None:
    repository = InMemoryRepository({"app.py": "def f( a ):\n  return a\n"})
    change = STRATEGY.propose(check_failed("Would reformat: /home/runner/work/shop/shop/app.py"), repository)
    assert isinstance(change, ProposedChange)
    assert change.edits[0].path == "app.py"
    assert change.edits[0].new_content == b"def f(a):\n    return a\n"


@pytest.mark.parametrize(
    ("failure", "repository", "reason"),
    [
        (
            check_failed("would reformat src/shop/api.py", "Oh no! 💥 💔 💥", command="black --check ."),
            InMemoryRepository.from_fixture("ruff-app"),
            "not byte-identical to black",
        ),
        (
            check_failed(
                "Checking formatting...",
                "[warn] src/api/orders/handler.ts",
                "[warn] Code style issues found in the above file. Run Prettier with --write to fix.",
                command="npx prettier --check .",
            ),
            InMemoryRepository({}),
            "needs Node.js",
        ),
        (
            check_failed("Would reformat: src/shop/api.py", "3 files would be reformatted, 1 file already formatted"),
            InMemoryRepository.from_fixture("ruff-app"),
            "names 1 of the 3 files",
        ),
        (
            check_failed(*(f"Would reformat: m{index}.py" for index in range(25))),
            InMemoryRepository({}),
            "kept only 20 lines",
        ),
        (
            check_failed("Would reformat: tests/test_api.py"),
            InMemoryRepository.from_fixture("ruff-app"),
            "leaves every named file as it is",
        ),
        (
            check_failed("Would reformat: broken.py"),
            InMemoryRepository({"broken.py": "def f(:\n"}),
            "ruff could not format broken.py",
        ),
        (
            check_failed("Would reformat: app.py"),
            InMemoryRepository({"app.py": "x=1\n", "ruff.toml": 'extend = "../shared/ruff.toml"\n'}),
            "extends another configuration",
        ),
        (
            check_failed("Would reformat: gone.py"),
            InMemoryRepository({}),
            "not a file in the repository",
        ),
    ],
)
def test_declines(failure: FailureRecord, repository: InMemoryRepository, reason: str) -> None:
    decline = STRATEGY.propose(failure, repository)
    assert isinstance(decline, Decline)
    assert reason in decline.reason


def test_more_files_than_one_change_may_hold_are_declined() -> None:
    failure = check_failed("Would reformat: app.py")
    listed = tuple(LogLine(10 + index, f"Would reformat: m{index}.py") for index in range(21))
    crowded = replace(failure, error_lines=(*listed, LogLine(40, "21 files would be reformatted")))
    decline = STRATEGY.propose(crowded, InMemoryRepository({}))
    assert isinstance(decline, Decline)
    assert "more than the 20" in decline.reason


def test_does_not_apply_to_formatters_it_cannot_run() -> None:
    assert STRATEGY.applies(check_failed("would reformat src/app.py", command="black --check .")) is None
    assert STRATEGY.applies(failure_from_log("##[error]Process completed with exit code 1.\n")) is None
