"""Pathological inputs for the analyzer and the fix flow's file editors, at any size.

The tests build them small (tens of kB: the shape is what matters for correctness); ``bench/pathological.py``
builds them at full size (10 MB) and prints how long each consumer takes and how much memory it needs.
Each shape is bytes, as a job log or a repository file arrives from GitHub.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import cycle, islice
from typing import TYPE_CHECKING

from ci_agent.healing.model import Decline, ProposedChange
from ci_agent.healing.strategies.python_dependency_files import (
    Refusal,
    add_to_pep621,
    add_to_poetry,
    add_to_requirements,
    requirement_lines,
)

if TYPE_CHECKING:
    from ci_agent.healing.strategies.base import PullRequestStrategy
    from ci_agent.store.records import FailureRecord

# Every way a byte string can fail to be UTF-8: a lone continuation byte, an overlong encoding, an encoded
# surrogate, a truncated four-byte sequence, bytes UTF-8 never uses, and a valid character between them.
INVALID_UTF8_PIECES = (b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf0\x9f\x98", b"\xff\xfe", "é".encode(), b"x")
# Escape sequences opened inside one another and never closed: a DCS holding an OSC 8 link holding a CSI
# that never gets its final byte, then the same again inside it.
NESTED_ESCAPE = b"\x1bP1$r\x1b]8;;https://example.invalid/\x1b[38;5;"


def one_line(size: int) -> bytes:
    """A single line of ``size`` bytes with no line ending at all."""
    return b"Error: " + b"x" * max(0, size - 7)


def short_lines(size: int) -> bytes:
    """``size / 2`` lines of one character each: millions at 10 MB."""
    return b"a\n" * (size // 2)


def carriage_returns(size: int) -> bytes:
    """Only carriage returns: one line to a byte splitter, millions to ``str.splitlines``."""
    return b"r\r" * (size // 2)


def nested_escapes(size: int) -> bytes:
    """Escape sequences nested in one another, none of them terminated."""
    return NESTED_ESCAPE * (size // len(NESTED_ESCAPE))


def unterminated_escape(size: int) -> bytes:
    """One OSC (a window title) opened at the start and never terminated: everything after it is its payload."""
    return b"\x1b]0;" + b"t" * max(0, size - 4)


def invalid_utf8(size: int) -> bytes:
    """Every kind of invalid UTF-8, repeated."""
    return b"".join(islice(cycle(INVALID_UTF8_PIECES), size // 2))[:size]


SHAPES: dict[str, Callable[[int], bytes]] = {
    "a single line": one_line,
    "millions of short lines": short_lines,
    "carriage returns only": carriage_returns,
    "nested escapes": nested_escapes,
    "an unterminated escape": unterminated_escape,
    "invalid UTF-8": invalid_utf8,
}


def assert_dependency_editors_edit_exactly_or_refuse(text: str) -> None:
    """Each dependency-file editor, given any text, returns the edited text or a refusal, never raises (but for
    invalid TOML, which the strategy parses before it edits), and an edited requirements file names the new
    requirement once."""
    for editor in (add_to_requirements, add_to_pep621, add_to_poetry):
        try:
            result = editor(text, "PyYAML")
        except tomllib.TOMLDecodeError:
            continue  # the strategy parses pyproject.toml before it edits: invalid TOML never reaches the editor
        assert isinstance(result, str | Refusal)
        if isinstance(result, str) and editor is add_to_requirements:
            assert [r.name for _, r in requirement_lines(result)].count("PyYAML") == 1


def is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# -- the fix flow's editors, fed a shape the way the flow would feed them a repository file ----------------------

_STAMP = "2026-11-29T10:00:00.0000000Z"
# What each strategy is asked to fix: the failure the real analyzer makes of a log of that failure.
_LOGS = {
    "bump-deprecated-action": (
        f"{_STAMP} ##[error]This request has been automatically failed because it uses a deprecated version of "
        "`actions/upload-artifact: v3`. Learn more: https://github.blog/changelog/2024-04-16-deprecation-notice\n"
    ),
    "add-missing-python-dependency": (
        f"{_STAMP} ##[group]Run python -m pytest -q\n{_STAMP} ##[endgroup]\n"
        f"{_STAMP} E   ModuleNotFoundError: No module named 'yaml'\n"
        f"{_STAMP} ##[error]Process completed with exit code 4.\n"
    ),
    "make-script-executable": (
        f"{_STAMP} ##[group]Run ./scripts/release.sh\n{_STAMP} ##[endgroup]\n"
        f"{_STAMP} /home/runner/work/_temp/a1.sh: line 1: ./scripts/release.sh: Permission denied\n"
        f"{_STAMP} ##[error]Process completed with exit code 126.\n"
    ),
    "apply-formatter": (
        f"{_STAMP} ##[group]Run ruff format --check .\n{_STAMP} ##[endgroup]\n"
        f"{_STAMP} Would reformat: src/app.py\n{_STAMP} 1 file would be reformatted\n"
        f"{_STAMP} ##[error]Process completed with exit code 1.\n"
    ),
}
WORKFLOW_TAIL = b"\njobs:\n  build:\n    steps:\n      - uses: actions/upload-artifact@v3\n"
REQUIREMENTS_TAIL = b"\nrequests\n"
PYPROJECT_HEAD = b'[project]\nname = "shop"\ndependencies = ["requests"]\n'


@dataclass(frozen=True, slots=True)
class EditorCase:
    """One editor fed one shape: the strategy, the repository it sees, and the file the shape went into."""

    strategy: PullRequestStrategy
    path: str
    content: bytes

    def run(self) -> FlowOutcome:
        return propose_as_the_flow_does(self.strategy, failure_for(self.strategy.name), {self.path: self.content})


@dataclass(frozen=True, slots=True)
class FlowOutcome:
    """What the flow makes of a proposal: the proposal or the decline, and for a proposal its diff and whether
    the guardrail refused it."""

    proposal: ProposedChange | Decline
    diff: str | None = None
    weakens_build: str | None = None


def editor_cases(shape: bytes) -> dict[str, EditorCase]:
    """Each editor, given ``shape`` as (part of) the file it edits."""
    from ci_agent.healing.strategies import (
        add_missing_python_dependency,
        apply_formatter,
        bump_deprecated_action,
        make_script_executable,
    )

    commented = b"\n".join(b"# " + line for line in shape.split(b"\n"))
    return {
        "bump-deprecated-action (workflow)": EditorCase(
            bump_deprecated_action.STRATEGY, ".github/workflows/ci.yml", shape + WORKFLOW_TAIL
        ),
        "add-missing-python-dependency (requirements.txt)": EditorCase(
            add_missing_python_dependency.STRATEGY, "requirements.txt", shape + REQUIREMENTS_TAIL
        ),
        "add-missing-python-dependency (pyproject.toml)": EditorCase(
            add_missing_python_dependency.STRATEGY, "pyproject.toml", PYPROJECT_HEAD + commented + b"\n"
        ),
        "make-script-executable (script)": EditorCase(make_script_executable.STRATEGY, "scripts/release.sh", shape),
        "apply-formatter (Python file)": EditorCase(apply_formatter.STRATEGY, "src/app.py", shape),
    }


@cache
def failure_for(strategy: str) -> FailureRecord:
    from tests.unit.healing.doubles import failure_from_log

    return failure_from_log(_LOGS[strategy])


def propose_as_the_flow_does(
    strategy: PullRequestStrategy, failure: FailureRecord, files: Mapping[str, bytes]
) -> FlowOutcome:
    """``strategy.propose`` on an in-memory repository, then what the flow does with a proposal before it commits
    it (service/fixes.py): the guardrail, then the diff kept in the attempt record and the pull request."""
    from ci_agent.healing.guardrails import weakens_build
    from tests.unit.healing.doubles import InMemoryRepository

    proposal = strategy.propose(failure, InMemoryRepository(files))
    if isinstance(proposal, Decline):
        return FlowOutcome(proposal)
    return FlowOutcome(proposal, weakens_build=weakens_build(proposal), diff=proposal.diff())
