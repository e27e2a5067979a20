"""The load and fault replay harness (bench/replay.py), at a small size: make replay runs it at 2,000 deliveries."""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench" / "replay.py"


def _replay() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_agent_bench_replay", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


def test_a_burst_of_mixed_deliveries_under_github_faults_records_each_genuine_failure_once(tmp_path: Path) -> None:
    printed = io.StringIO()
    figures = _replay().run(total=50, seed=3, out=printed, function_log=tmp_path / "functions.log")

    shown = printed.getvalue()[-3000:]  # the figures, when an assertion fails
    assert figures["deliveries_sent"] == 50
    assert figures["unexpected_answers"] == {}, shown
    assert figures["genuine_recorded_once"] == figures["genuine_jobs"] > 0, shown
    assert figures["genuine_missing"] == [], shown
    assert figures["forged_or_malformed_recorded"] == [], shown
    # every job went through once (the table, above); its 202 may have been lost to a timeout under load, after
    # which its redelivery is answered "already accepted", but no job is ever accepted twice
    assert figures["jobs_accepted_twice"] == 0, shown
    assert figures["jobs_accepted_once"] + figures["redelivered_after_timeout"] >= figures["genuine_jobs"], shown
    assert figures["pull_requests_commented"] > 0 and figures["duplicate_comments"] == 0
    assert figures["duplicate_fix_pull_requests"] == 0
    assert figures["dead_lettered"] == 0
    assert figures["drained"] and figures["ok"]
    assert figures["github_faults_injected"] > 0
    assert "ack_latency_p99_ms" in printed.getvalue()
