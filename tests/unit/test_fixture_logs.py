"""Real-shaped job logs under tests/fixtures/logs: each names its verdict in a header and marks its culprit line.

The convention is documented in tests/fixtures/logs/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ci_agent.analysis import Category, analyze_log, redact

LOGS = Path(__file__).resolve().parent.parent / "fixtures" / "logs"
HEADER = "#! "
MARKER = "  <<<CULPRIT"
_STAMP = re.compile(r"^\ufeff?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?")
_ANSI = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][A-Za-z0-9]|[=>])")


@dataclass(frozen=True)
class LogFixture:
    path: Path
    log: str  # the log as the analyzer sees it: no header lines, no culprit marker
    expect: dict[str, str]  # header fields: category, and optionally rule, step, xfail
    culprit_line: int  # 1-based, counted after the header lines are removed
    culprit_text: str  # the marked line's message: no timestamp, no colour codes

    @property
    def id(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def load_fixture(path: Path) -> LogFixture:
    lines = path.read_text(encoding="utf-8").split("\n")
    expect: dict[str, str] = {}
    while lines and lines[0].startswith(HEADER):
        key, _, value = lines.pop(0)[len(HEADER) :].partition(":")
        expect[key.strip()] = value.strip()
    marked = [index for index, line in enumerate(lines) if line.endswith(MARKER)]
    assert len(marked) == 1, f"{path}: exactly one line must end with {MARKER!r}, found {len(marked)}"
    lines[marked[0]] = lines[marked[0]][: -len(MARKER)]
    assert "category" in expect, f"{path}: missing '#! category:' header"
    return LogFixture(
        path=path,
        log="\n".join(lines),
        expect=expect,
        culprit_line=marked[0] + 1,
        culprit_text=message(lines[marked[0]]),
    )


def message(raw_line: str) -> str:
    """A log line without its timestamp, colour codes or trailing whitespace; of a line a progress display redrew
    with carriage returns, only the text after the last one (what a terminal shows)."""
    text = _STAMP.sub("", _ANSI.sub("", raw_line), count=1).rstrip()
    return text[text.rfind("\r") + 1 :]


LOADED = [load_fixture(path) for path in sorted(LOGS.glob("*/*.log"))]
FIXTURES = [
    pytest.param(
        fixture,
        id=fixture.id,
        marks=[pytest.mark.xfail(reason=fixture.expect["xfail"], strict=True)] if "xfail" in fixture.expect else [],
    )
    for fixture in LOADED
]


@pytest.mark.parametrize("fixture", FIXTURES)
def test_fixture_log_verdict(fixture: LogFixture) -> None:
    # When the analyzer reads the log
    analysis = analyze_log(fixture.log)

    # Then it names the category, rule and failed step the header expects
    assert analysis.category == Category(fixture.expect["category"])
    if "rule" in fixture.expect:
        assert analysis.rule == fixture.expect["rule"]
    if "step" in fixture.expect:
        assert analysis.failed_step == fixture.expect["step"]
    # And it points at the marked line (a culprit reported below its match comes without its indentation)
    assert analysis.culprit is not None
    assert analysis.culprit.line == fixture.culprit_line
    assert analysis.culprit.text.strip() == redact(fixture.culprit_text).strip()


def test_fixture_folders_are_categories_and_each_has_several_logs() -> None:
    by_folder: dict[str, int] = {}
    for path in LOGS.glob("*/*.log"):
        by_folder[path.parent.name] = by_folder.get(path.parent.name, 0) + 1
    assert set(by_folder) == {category.value for category in Category}
    assert all(count >= 3 for count in by_folder.values()), by_folder
    assert sum(by_folder.values()) >= 60


@pytest.mark.parametrize("fixture", LOADED, ids=[fixture.id for fixture in LOADED])
def test_fixture_header_matches_its_folder(fixture: LogFixture) -> None:
    assert fixture.expect["category"] == fixture.path.parent.name


def test_loader_strips_header_and_marker() -> None:
    # Given a fixture with two header lines and a marked second line
    text = (
        "#! category: test\n#! rule: go-test-failed\n"
        "2026-03-04T10:11:12.1234567Z ok\n"
        "2026-03-04T10:11:12.1234568Z \x1b[31m--- FAIL: TestX (0.00s)\x1b[0m  <<<CULPRIT\n"
    )
    path = LOGS / "test" / "_loader_probe.log"
    try:
        path.write_text(text, encoding="utf-8")
        fixture = load_fixture(path)
    finally:
        path.unlink()
    # Then the header is gone, the line number counts from the first log line, and the text is the message
    assert fixture.expect == {"category": "test", "rule": "go-test-failed"}
    assert fixture.culprit_line == 2
    assert fixture.culprit_text == "--- FAIL: TestX (0.00s)"
    assert MARKER not in fixture.log and HEADER not in fixture.log
