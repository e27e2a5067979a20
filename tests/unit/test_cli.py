"""The ci-agent analyze command: its output contract and its behaviour on bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from ci_agent.cli import main

FAILING = (
    "2026-03-04T10:11:12.0000000Z ##[group]Run pytest\n"
    "2026-03-04T10:11:12.0000000Z ##[endgroup]\n"
    "2026-03-04T10:11:13.0000000Z FAILED tests/test_api.py::test_create - AssertionError\n"
    "2026-03-04T10:11:14.0000000Z ##[error]Process completed with exit code 1.\n"
)
CONTRACT = {
    "path",
    "category",
    "confidence",
    "signature",
    "culprit",
    "error_lines",
    "failed_step",
    "rule",
    "ruleset_version",
}


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode()))
    try:
        code = main(list(argv), out=out, err=err)
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def test_json_prints_one_object_per_input_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "b.log", tmp_path / "a.log"
    first.write_text(FAILING)
    second.write_text("nothing useful here\n")
    code, out, _ = run("analyze", "--format", "json", str(first), str(second))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [row["path"] for row in rows] == [str(first), str(second)]
    assert set(rows[0]) >= CONTRACT
    assert rows[0]["category"] == "test"
    assert rows[0]["culprit"] == {"line": 3, "text": "FAILED tests/test_api.py::test_create - AssertionError"}
    assert rows[0]["failed_step"] == "pytest"
    assert all(set(line) == {"line", "text"} for line in rows[0]["error_lines"])


def test_missing_file_is_an_error_but_the_others_are_still_analysed(tmp_path: Path) -> None:
    good = tmp_path / "good.log"
    good.write_text(FAILING)
    code, out, err = run("analyze", "--format", "json", str(tmp_path / "missing.log"), str(good))
    assert code != 0
    assert "missing.log" in err
    assert [json.loads(line)["path"] for line in out.splitlines()] == [str(good)]


def test_dash_reads_standard_input() -> None:
    code, out, _ = run("analyze", "--format", "json", "-", stdin=FAILING)
    assert code == 0
    assert json.loads(out)["path"] == "-"


def test_text_format_is_a_short_human_summary(tmp_path: Path) -> None:
    log = tmp_path / "job.log"
    log.write_text(FAILING)
    code, out, _ = run("analyze", str(log))
    assert code == 0
    assert "test" in out.splitlines()[0]
    assert "line 3: FAILED tests/test_api.py::test_create" in out


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "ci-agent"
    result = subprocess.run(
        [str(script), "analyze", "--format", "json", "-"],
        input=FAILING,
        text=True,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rule"] == "pytest-failed-test"


def test_baseline_points_at_what_the_passing_run_never_printed(tmp_path: Path) -> None:
    # Given a failing log whose only error-looking line the passing run printed too
    stamp = "2026-03-04T10:11:12.0000000Z"
    header = f"{stamp} ##[group]Run ./deploy.sh\n{stamp} ##[endgroup]\n"
    passing = tmp_path / "pass.log"
    passing.write_text(header + f"{stamp} Error: telemetry endpoint unreachable\n{stamp} deployed\n")
    failing = tmp_path / "fail.log"
    failing.write_text(
        header
        + f"{stamp} Error: telemetry endpoint unreachable\n{stamp} deploy lock held by run 8812\n"
        + f"{stamp} ##[error]Process completed with exit code 1.\n"
    )
    # When it is analysed with --baseline
    code, out, _ = run("analyze", "--format", "json", "--baseline", str(passing), str(failing))
    # Then the culprit is the line the passing run never printed
    assert code == 0
    assert json.loads(out)["culprit"] == {"line": 4, "text": "deploy lock held by run 8812"}


def test_an_unreadable_baseline_is_an_input_error(tmp_path: Path) -> None:
    log = tmp_path / "fail.log"
    log.write_text(FAILING)
    code, out, err = run("analyze", "--baseline", str(tmp_path / "missing.log"), str(log))
    assert code == 2
    assert out == ""
    assert "baseline" in err
