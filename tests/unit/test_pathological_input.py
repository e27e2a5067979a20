"""The analyzer and the fix flow's file editors on pathological input: one huge line, very many short lines, lone
carriage returns, nested and unterminated escape sequences, invalid UTF-8, and mixes of them (hypothesis).

Each must answer, never raise: the analyzer an analysis whose lines are real lines of the log and carry no escape
sequence; an editor the exact change or a decline that says why. The shapes are small here: what they cost at
10 MB is measured by ``bench/pathological.py`` (make bench), not asserted in a test.
"""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ci_agent.analysis import Analysis, Category, analyze_log
from ci_agent.healing.model import Decline, FileEdit, ProposedChange, RepositoryFile, _unified_diff, line_opcodes
from ci_agent.healing.strategies.base import MAX_EDITED_FILE_BYTES
from ci_agent.healing.strategies.python_dependency_files import requirement_lines
from ci_agent.untrusted import has_controls
from tests.pathological import (
    INVALID_UTF8_PIECES,
    NESTED_ESCAPE,
    PYPROJECT_HEAD,
    REQUIREMENTS_TAIL,
    SHAPES,
    WORKFLOW_TAIL,
    EditorCase,
    assert_dependency_editors_edit_exactly_or_refuse,
    editor_cases,
    is_utf8,
)

SIZE = 16 * 1024
FUZZ = settings(max_examples=150)
# What logs and files are made of, pathological pieces included: line endings of every kind, escape sequences
# opened and not closed (7- and 8-bit), invalid UTF-8, runner markers, error words, a long run of one byte.
PIECES = [
    b"\n",
    b"\r",
    b"\r\n",
    b"\x1b",
    b"\x1b[",
    b"\x1b]",
    b"\x1bP",
    b"\x1b\\",
    b"\x07",
    b"\x9b",
    "\x9d".encode(),
    NESTED_ESCAPE,
    *INVALID_UTF8_PIECES,
    b"2026-11-29T10:00:00.0000000Z ",
    b"##[group]Run make test\n",
    b"##[endgroup]\n",
    b"##[error]Process completed with exit code 1.\n",
    b"Error: ",
    b"FAILED tests/test_api.py::test_total - AssertionError",
    b"x" * 300,
]
pathological_bytes = st.lists(st.sampled_from(PIECES) | st.binary(max_size=8), max_size=60).map(b"".join)


def assert_sound(analysis: Analysis, log: bytes) -> None:
    """What every analysis must be, whatever the log: a known category, a confidence, lines that exist in the
    log, nothing that could drive a terminal, and a result that serialises."""
    assert analysis.category in set(Category)
    assert 0.0 <= analysis.confidence <= 1.0
    assert analysis.signature
    lines = log.count(b"\n") + 1
    for line in [analysis.culprit, *analysis.error_lines] if analysis.culprit else analysis.error_lines:
        assert 1 <= line.line <= lines
        assert not has_controls(line.text)
    assert not has_controls(analysis.failed_step or "")
    json.dumps(analysis.to_dict())


# -- the analyzer ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
def test_the_analyzer_reads_every_pathological_shape(shape: str) -> None:
    log = SHAPES[shape](SIZE)
    assert_sound(analyze_log(log), log)
    assert_sound(analyze_log(log, baseline=log), log)  # the same shape as the passing run's log


@pytest.mark.parametrize("shape", SHAPES)
def test_a_real_failure_after_a_pathological_shape_is_still_found(shape: str) -> None:
    failure = b"\n2026-11-29T10:00:01.0000000Z ModuleNotFoundError: No module named 'yaml'\n"
    log = SHAPES[shape](SIZE) + failure + b"2026-11-29T10:00:01.1000000Z ##[error]Process completed with exit code 1.\n"

    analysis = analyze_log(log)

    assert_sound(analysis, log)
    assert analysis.culprit is not None
    assert analysis.culprit.text == "ModuleNotFoundError: No module named 'yaml'"
    assert analysis.category is Category.DEPENDENCY


@FUZZ
@given(log=pathological_bytes, baseline=st.none() | pathological_bytes)
def test_the_analyzer_never_fails_on_a_mix_of_pathological_pieces(log: bytes, baseline: bytes | None) -> None:
    assert_sound(analyze_log(log, baseline=baseline), log)


# -- the fix flow's editors --------------------------------------------------------------------------------------


def _edit_of(case: EditorCase) -> tuple[ProposedChange | Decline, FileEdit | None]:
    outcome = case.run()
    if isinstance(outcome.proposal, Decline):
        return outcome.proposal, None
    assert outcome.weakens_build is None
    assert outcome.diff is not None and outcome.diff.startswith(f"diff --git a/{case.path} b/{case.path}\n")
    (edit,) = outcome.proposal.edits
    assert edit.path == case.path and edit.before.content == case.content
    return outcome.proposal, edit


def _text_edit_of(case: EditorCase, data: bytes) -> FileEdit | None:
    """The edit of a text editor, or None when ``data`` is not UTF-8 and the editor (rightly) declined it."""
    proposal, edit = _edit_of(case)
    if not is_utf8(data):
        assert isinstance(proposal, Decline) and "not UTF-8" in proposal.reason
        return None
    assert edit is not None
    return edit


@pytest.mark.parametrize("shape", SHAPES)
def test_a_workflow_file_is_bumped_exactly_or_declined_when_it_is_not_text(shape: str) -> None:
    data = SHAPES[shape](SIZE)
    edit = _text_edit_of(editor_cases(data)["bump-deprecated-action (workflow)"], data)
    if edit is None:
        return
    assert edit.new_content == data + WORKFLOW_TAIL.replace(b"@v3", b"@v4")  # the ref only, every other byte kept


@pytest.mark.parametrize("shape", SHAPES)
def test_a_requirements_file_gains_one_requirement_or_is_declined_when_it_is_not_text(shape: str) -> None:
    data = SHAPES[shape](SIZE)
    edit = _text_edit_of(editor_cases(data)["add-missing-python-dependency (requirements.txt)"], data)
    if edit is None:
        return
    before = sorted(r.name for _, r in requirement_lines(edit.before.text))
    assert sorted(r.name for _, r in requirement_lines(edit.new_content.decode())) == sorted([*before, "PyYAML"])
    assert len(edit.new_content.decode().splitlines()) == len(edit.before.text.splitlines()) + 1


@pytest.mark.parametrize("shape", SHAPES)
def test_a_pyproject_gains_one_dependency_or_is_declined_when_it_is_not_toml(shape: str) -> None:
    data = SHAPES[shape](SIZE)
    proposal, edit = _edit_of(editor_cases(data)["add-missing-python-dependency (pyproject.toml)"])
    # TOML comments may hold any character but the control characters (tab aside): escapes and lone CRs are not
    valid_comments = is_utf8(data) and not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data)
    if not valid_comments:
        assert isinstance(proposal, Decline) and "does not parse" in proposal.reason
        return
    assert edit is not None
    assert tomllib.loads(edit.new_content.decode())["project"]["dependencies"] == ["requests", "PyYAML"]
    assert edit.new_content.endswith(edit.before.content[len(PYPROJECT_HEAD) :])  # the comments are untouched


@pytest.mark.parametrize("shape", SHAPES)
def test_a_script_gets_its_mode_whatever_it_holds(shape: str) -> None:
    data = SHAPES[shape](SIZE)
    _proposal, edit = _edit_of(editor_cases(data)["make-script-executable (script)"])
    assert edit is not None
    assert (edit.new_mode, edit.new_content) == ("100755", data)
    assert edit.diff() == ("diff --git a/scripts/release.sh b/scripts/release.sh\nold mode 100644\nnew mode 100755\n")


@pytest.mark.parametrize("shape", SHAPES)
def test_the_formatter_formats_or_says_why_not(shape: str) -> None:
    data = SHAPES[shape](SIZE)
    proposal, edit = _edit_of(editor_cases(data)["apply-formatter (Python file)"])
    if isinstance(proposal, Decline):
        assert "src/app.py" in proposal.reason or "ruff" in proposal.reason
    else:
        assert edit is not None and edit.new_content != data


def test_files_over_the_size_a_fix_edits_are_declined_before_they_are_read() -> None:
    # One line, so that the file at the limit is edited quickly: the size is what is tested
    for name, case in editor_cases(b"# " + b"x" * MAX_EDITED_FILE_BYTES).items():
        if name.startswith("make-script-executable"):
            continue  # changes the mode only: never reads the text
        proposal = case.run().proposal
        assert isinstance(proposal, Decline), name
        assert f"over the {MAX_EDITED_FILE_BYTES:,} bytes a fix edits" in proposal.reason, name
    for name, tail in (
        ("bump-deprecated-action (workflow)", WORKFLOW_TAIL),
        ("add-missing-python-dependency (requirements.txt)", REQUIREMENTS_TAIL),
    ):
        case = editor_cases(b"# " + b"x" * (MAX_EDITED_FILE_BYTES - len(tail) - 2))[name]
        assert len(case.content) == MAX_EDITED_FILE_BYTES
        assert isinstance(case.run().proposal, ProposedChange), name


@FUZZ
@given(text=pathological_bytes.map(lambda data: data.decode("utf-8", errors="replace")))
def test_the_dependency_editors_edit_exactly_or_refuse_on_pathological_text(text: str) -> None:
    assert_dependency_editors_edit_exactly_or_refuse(text)


# -- the diff the flow records and the guardrail reads -----------------------------------------------------------

LINES = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "\n", "a", "x\r\n"]), max_size=40)


@settings(max_examples=300)
@given(old=LINES, edits=st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["a\n", "d\n", None])), max_size=5))
def test_the_line_diff_turns_the_old_lines_into_the_new(old: list[str], edits: list[tuple[int, str | None]]) -> None:
    new = list(old)
    for position, line in edits:
        if line is None:
            if new:
                del new[position % len(new)]
        else:
            new.insert(position % (len(new) + 1), line)
    rebuilt: list[str] = []
    for tag, i1, i2, j1, j2 in line_opcodes(old, new):
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
            rebuilt += old[i1:i2]
        else:
            rebuilt += new[j1:j2]
    assert rebuilt == new
    assert _apply_unified(old, _unified_diff(old, new, "a/f", "b/f")) == new


def test_a_small_edit_of_a_file_of_many_identical_lines_is_one_hunk() -> None:
    before = RepositoryFile("requirements.txt", b"a\n" * 50_000)
    edit = FileEdit(before.path, before, content=b"a\n" * 25_000 + b"PyYAML\n" + b"a\n" * 25_000)
    assert edit.diff().count("\n@@ ") == 1
    assert "+PyYAML\n" in edit.diff()


def _apply_unified(old: list[str], diff: list[str]) -> list[str]:
    """``patch``: the new lines from the old ones and a unified diff."""
    hunk = re.compile(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@\n")
    result: list[str] = []
    at = 0
    for line in diff[2:]:
        found = hunk.fullmatch(line)
        if found:
            start = int(found.group(1)) - (0 if found.group(2) == "0" else 1)
            result += old[at:start]
            at = start
        elif line.startswith(" "):
            result.append(old[at])
            at += 1
        elif line.startswith("-"):
            at += 1
        else:
            result.append(line[1:])
    return result + old[at:]
