"""Weekly report benchmark: time and peak memory to build and render a report over 50,000 failures.

Prints figures, asserts nothing. The failures are DynamoDB items as the ``by_owner`` query returns them (the
report's projection, raw attribute maps), turned into records exactly as the store does
(``failure_facts_from_raw``) and streamed into the builder; then the Markdown and the JSON are rendered. Only the
HTTP round trips to DynamoDB are left out: the projection is ~0.4 kB an item, so 1 MB pages make about 20
queries per 50,000 failures.

    python bench/report_bench.py [--failures 50000] [--baseline-per-week 50000] [--attempts 5000]

The target (issue 7): under 60 s and a few hundred MB in ReportFunction (1024 MB, arm64).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from ci_agent.analysis import Category, LogLine
from ci_agent.reporting import Period, ReportBuilder, ReportScope, render_json, render_markdown
from ci_agent.store.models import REPORT_ATTRIBUTES, failure_facts_from_raw, failure_to_item
from ci_agent.store.records import FailureRecord, FixAttemptRecord, FixOutcome, LogStatus, PullRequestState

END = datetime(2026, 11, 29, tzinfo=UTC)
REPOSITORIES = [f"acme/service-{n:03d}" for n in range(200)]
CULPRITS = [
    "npm error Missing: zod@3.23.8 from lock file",
    "FAILED tests/test_api.py::test_create_order - AssertionError: assert 500 == 201",
    "error[E0308]: mismatched types",
    "ERROR: Could not find a version that satisfies the requirement flsk==9.9",
    "Error: The operation was canceled.",
    "fatal: unable to access 'https://github.com/acme/vendored.git/': Could not resolve host: github.com",
]


def templates(seed: int, count: int = 512) -> list[dict[str, Any]]:
    """Distinct failures (repository, category, signature, culprit), serialised once as the projection."""
    rng = random.Random(seed)
    categories = list(Category)
    found = []
    for number in range(count):
        culprit = rng.choice(CULPRITS)
        record = FailureRecord(
            repo=rng.choice(REPOSITORIES),
            workflow="CI",
            workflow_path=".github/workflows/ci.yml",
            job_id=number,
            job_name="test (3.12)",
            run_id=number,
            run_attempt=1,
            branch="main",
            head_sha=f"{number:040x}",
            pull_requests=(),
            actor="octocat",
            category=rng.choice(categories),
            confidence=0.9,
            signature=f"{int(rng.paretovariate(1.2)):04d}" * 10,  # a few very common ones, a long tail
            culprit=LogLine(120, culprit),
            error_lines=(LogLine(120, culprit),),
            failed_step="Run tests",
            rule="pytest-failed",
            ruleset_version="2026.11.26.8",
            failed_at=END,
            analyzed_at=END,
            html_url="https://github.com/acme/service/actions/runs/1/job/1",
            log_status=LogStatus.OK,
        )
        raw = failure_to_item(record).serialize()
        found.append({name: value for name, value in raw.items() if name in REPORT_ATTRIBUTES})
    return found


def raw_items(count: int, start: datetime, seconds: float, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` failures spread over ``[start, start + seconds)``, oldest first, as the by_owner query returns
    them: 80% recovered (log-normal, median about 1.4 h), a tenth of those by a re-run of the same run."""
    rng = random.Random(seed)
    pool = templates(seed)
    offsets = sorted(rng.random() * seconds for _ in range(count))
    for number, offset in enumerate(offsets):
        run_id = seed * 10_000_000 + number
        item = dict(rng.choice(pool))
        item["failed_at"] = {"S": (start + timedelta(seconds=offset)).strftime("%Y-%m-%dT%H:%M:%S.%f+0000")}
        item["run_id"] = {"N": str(run_id)}
        if rng.random() < 0.8:
            item["time_to_recovery_seconds"] = {"N": f"{rng.lognormvariate(8.5, 1.2):.3f}"}
            item["resolved_by_run_id"] = {"N": str(run_id if rng.random() < 0.1 else run_id + 1)}
        yield item


def attempts(count: int, period: Period, seed: int) -> Iterator[FixAttemptRecord]:
    rng = random.Random(seed)
    outcomes = [FixOutcome.FIXED, FixOutcome.NOT_FIXED, FixOutcome.APPLIED, FixOutcome.NOT_APPLICABLE]
    for number in range(count):
        yield FixAttemptRecord(
            attempt_id=f"acme/service#{number}#try1",
            failure_id=f"acme/service#{number}",
            strategy=rng.choice(("rerun-failed-jobs", "bump-deprecated-action", "apply-formatter")),
            started_at=period.start + timedelta(seconds=rng.random() * period.length.total_seconds()),
            outcome=rng.choice(outcomes),
            repo=rng.choice(REPOSITORIES),
            signature="0001" * 10,
            pull_request_number=number if number % 3 == 0 else None,
            pull_request_state=rng.choice(list(PullRequestState)) if number % 3 == 0 else None,
        )


def pages(count: int, start: datetime, seconds: float, seed: int) -> list[dict[str, Any]]:
    """The projected items, made before the clock starts (building them is not what is measured)."""
    return list(raw_items(count, start, seconds, seed))


def peak_rss_mb() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--failures", type=int, default=50_000, help="failures in the reported week")
    parser.add_argument("--baseline-per-week", type=int, default=50_000, help="failures in each of the 4 weeks before")
    parser.add_argument("--attempts", type=int, default=5_000)
    args = parser.parse_args()

    period = Period.ending(END)
    builder = ReportBuilder(ReportScope("acme"), period)
    week = period.length.total_seconds()
    before_mb = peak_rss_mb()
    weeks = [(period.start - back * period.length, args.baseline_per_week, back) for back in range(4, 0, -1)]
    weeks.append((period.start, args.failures, 99))  # oldest first, as the by_owner query returns them
    read_seconds = 0.0
    for start, count, seed in weeks:
        raw = pages(count, start, week, seed)  # one week's pages at a time: the query streams them
        clock = time.perf_counter()
        builder.add_failures(failure_facts_from_raw(item) for item in raw)
        read_seconds += time.perf_counter() - clock
        del raw
    read = time.perf_counter()
    started = read - read_seconds
    builder.add_attempts(attempts(args.attempts, period, 7))
    report = builder.report(generated_at=END, flaky_passes={}, seen_before=set())
    built = time.perf_counter()
    markdown = render_markdown(report, json_location="reports/acme/2026-W48.json")
    numbers = render_json(report)
    rendered = time.perf_counter()

    total_records = args.failures + 4 * args.baseline_per_week
    print(
        f"report bench: {args.failures:,} failures in the week, {4 * args.baseline_per_week:,} in the 4 weeks "
        f"before ({total_records:,} records), {args.attempts:,} fix attempts"
    )
    print(
        f"  items -> records -> builder  {read - started:6.1f} s  ({total_records / (read - started):,.0f} records/s)"
    )
    print(f"  report (trends, posteriors)  {built - read:6.1f} s")
    print(
        f"  render Markdown + JSON       {rendered - built:6.1f} s  ({len(markdown):,} + {len(numbers):,} characters)"
    )
    print(f"  total                        {rendered - started:6.1f} s  (target: under 60 s)")
    print(
        f"  peak RSS                     {peak_rss_mb():6.0f} MB  (before: {before_mb:.0f} MB; target: a few hundred)"
    )
    print(
        f"  report: {report.summary.failures.current:,.0f} failures, {len(report.top_signatures)} top signatures, "
        f"{sum(1 for t in report.trends if t.verdict.value != 'stable')} non-stable trends, "
        f"{len(report.recommendations)} recommendations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
