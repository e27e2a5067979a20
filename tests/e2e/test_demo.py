"""`make demo`'s path, as a user runs it: five weeks of signed deliveries through the whole local stack, the
fix flow's re-runs, and the weekly report rendered by the ReportFunction handler, stored and opened as an issue."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_", "REPORT_"))}


def _listening(url: str) -> bool:
    host, port = re.match(r"http://([\d.]+):(\d+)", url).groups()  # type: ignore[union-attr]
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, int(port))) == 0


def test_the_demo_replays_the_history_lets_the_fix_flow_play_out_and_publishes_the_report() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ci_agent.demo"],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr[-3000:]
    # a realistic week goes through without one error logged (the structured logs are on stderr and stdout)
    errors = [line for line in (out + result.stderr).splitlines() if '"level":"ERROR"' in line]
    assert not errors, errors[0][:2000]

    # the example logs are diagnosed first
    assert "== 1. ci-agent analyze: 12 failing GitHub Actions job logs" in out
    # the replay: every delivery accepted; the fix flow fixed today's five failures, three by re-running them and
    # two by a pull request each, verified by the runs their fix commits started
    assert re.search(r"history, fix flow off: \d+ signed deliveries .* -> \d+ x HTTP 202\n", out)
    assert "the last hour, fix flow on: 5 signed deliveries" in out
    assert "fix flow: 5 ended in Fixed" in out
    pulls = set(re.findall(r"pull request acme/shop#[12]: (.+)\n", out))  # numbered in the order they open
    assert pulls == {
        "ci-agent: Make scripts/release.sh executable",
        "ci-agent: Bump actions/upload-artifact from v3 to v4",
    }
    assert "auto-fix rate 100% (5 verified of 5 attempts)" in out
    # where the report is: the bucket key of this ISO week, and the issue on the local GitHub
    now = datetime.now(UTC)
    weeks = {f"{d.isocalendar().year}-W{d.isocalendar().week:02d}" for d in (now, now - timedelta(hours=1))}
    stored = re.search(r"stored at   s3://ci-agent-local-reports/reports/acme/(\d{4}-W\d{2})\.md\n", out)
    assert stored is not None and stored.group(1) in weeks
    assert f"numbers at  s3://ci-agent-local-reports/reports/acme/{stored.group(1)}.json" in out
    assert "issue       https://github.com/acme/ci-reports/issues/1 (label ci-intelligence" in out
    # the report itself, with what the history was built to show
    report = out[out.index("<!-- ci-agent:weekly-report acme") :]
    for heading in (
        "## Summary",
        "## Top failure signatures",
        "## Trends",
        "## Flaky signatures",
        "## Auto-fix",
        "## Day by day",
        "## Recommendations",
    ):
        assert heading in report
    assert "| category dependency | 7 |" in report and "| rising |" in report  # npm ci: 7 against ~1 a week
    assert "**New this period**" in report and "error[E0425]" in report  # the Rust compile error
    assert "| rerun-failed-jobs | 3 | 3 | 0 | 0 | 0 |" in report
    assert "| make-script-executable | 1 | 1 | 0 | 0 | 0 |" in report
    assert "Pull requests: 2 opened, 0 merged" in report
    assert "xychart-beta" in report and "pie showData" in report
    # nothing is left running
    assert "is stopped" in out
    endpoints = re.search(r"webhooks (http://\S+), AWS \(moto\) (http://\S+), GitHub (http://\S+)", out)
    assert endpoints is not None
    assert not any(_listening(url) for url in endpoints.groups())
