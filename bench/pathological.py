"""Pathological input benchmark: time and peak memory of the analyzer and of the fix flow's file editors on each
shape of tests/pathological.py at full size, beside a bare line scan of the same bytes.

    .venv/bin/python bench/pathological.py [--size-mb 10]      (part of make bench)

Prints figures, asserts nothing (tests/unit/test_pathological_input.py checks the answers at small sizes). Each
measurement runs in a forked process: its peak memory is the growth of that process's peak RSS over its RSS when
it started, so the input (built before the fork) is not counted in it. The editors decline files over
MAX_EDITED_FILE_BYTES before reading them, so at 10 MB they are measured twice: at full size (the decline) and at
that limit, the largest file they edit.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.pathological: the shapes the tests use

from ci_agent.analysis import Analysis, analyze_log
from ci_agent.healing.model import Decline
from ci_agent.healing.strategies.base import MAX_EDITED_FILE_BYTES
from tests.pathological import SHAPES, EditorCase, FlowOutcome, editor_cases, failure_for

MB = 1024 * 1024


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _describe(outcome: Any) -> str:
    if isinstance(outcome, Analysis):
        culprit = f"line {outcome.culprit.line}" if outcome.culprit else "no culprit"
        return f"{outcome.category.value}, {culprit}"
    if isinstance(outcome, FlowOutcome):
        if isinstance(outcome.proposal, Decline):
            return f"declined: {outcome.proposal.reason[:70]}"
        return f"proposed: {outcome.proposal.summary[:50]}, diff {len(outcome.diff or ''):,} chars"
    return str(outcome)


def _child(work: Callable[[], Any], sender: Any) -> None:
    start_rss = _rss_mb()
    started = time.perf_counter()
    outcome = work()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    sender.send((seconds, max(0.0, peak - start_rss), _describe(outcome)))


def measure(work: Callable[[], Any]) -> tuple[float, float, str]:
    """(seconds, peak memory in MB above the start, what came out) of ``work()`` in a forked process."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(work, sender))
    process.start()
    result: tuple[float, float, str] = receiver.recv()
    process.join()
    return result


def bare_line_scan(data: bytes) -> int:
    """What reading the input costs at least: every line, touched once, in Python."""
    lines = 0
    for _line in io.BytesIO(data):
        lines += 1
    return lines


def largest_case(make: Callable[[int], bytes], label: str) -> EditorCase:
    """The editor's case with the largest shape whose file it still edits (the case adds lines around the shape,
    or comments each of its lines)."""
    size = MAX_EDITED_FILE_BYTES
    case = editor_cases(make(size))[label]
    while len(case.content) > MAX_EDITED_FILE_BYTES:
        size = size * MAX_EDITED_FILE_BYTES // len(case.content) - 64
        case = editor_cases(make(size))[label]
    return case


def _row(what: str, figures: tuple[float, float, str], scan_seconds: float | None = None) -> None:
    seconds, peak, outcome = figures
    ratio = f"{seconds / scan_seconds:7.1f}x" if scan_seconds else " " * 8
    print(f"  {what:<52} {seconds:8.3f} s {ratio} {peak:7.1f} MB  {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size-mb", type=float, default=10)
    args = parser.parse_args()
    size = int(args.size_mb * MB)
    # Loaded before any fork, so no measurement pays for loading the ruleset or the strategies' tables.
    for strategy in ("bump-deprecated-action", "add-missing-python-dependency", "make-script-executable"):
        failure_for(strategy)
    failure_for("apply-formatter")
    editor_cases(b"")
    print(
        f"pathological input at {size / MB:g} MB (editors also at their limit, {MAX_EDITED_FILE_BYTES / MB:g} MB): "
        "seconds, the analyzer's time in bare line scans, peak memory above the input, outcome"
    )
    for name, make in SHAPES.items():
        data = make(size)
        scan = measure(lambda data=data: f"{bare_line_scan(data):,} lines")
        print(f"\n{name}: {len(data) / MB:.1f} MB")
        _row("bare line scan", scan)
        _row("analyzer (analyze_log)", measure(lambda data=data: analyze_log(data)), scan[0])
        for label, case in editor_cases(data).items():
            _row(label, measure(case.run))
            at_limit = largest_case(make, label)
            _row(f"  at {len(at_limit.content) / MB:.2f} MB", measure(at_limit.run))


if __name__ == "__main__":
    main()
