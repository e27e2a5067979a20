"""A small history whose report figures are computed by hand in test_reporting.py (and shared with the
integration tests, which store the same records in DynamoDB and expect the same report)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ci_agent.analysis import Category, LogLine
from ci_agent.store.records import FailureRecord, FixAttemptRecord, FixOutcome, LogStatus, PullRequestState

END = datetime(2026, 11, 29, tzinfo=UTC)  # Sunday 00:00: the default schedule's period is Nov 22 - Nov 29
HOUR = timedelta(hours=1)
S1 = "a1" * 20  # a flaky test
S2 = "b2" * 20  # a dependency failure ci-agent fixed once


def failure(
    job_id: int,
    failed_at: datetime,
    signature: str,
    *,
    repo: str = "acme/shop",
    category: Category = Category.TEST,
    recovery: timedelta | None = None,
    same_run_rerun: bool = False,
    verified_after: timedelta | None = None,
    culprit: str = "FAILED tests/test_cart.py::test_total - assert 41 == 42",
) -> FailureRecord:
    run_id = job_id * 10
    return FailureRecord(
        repo=repo,
        workflow="CI",
        workflow_path=".github/workflows/ci.yml",
        job_id=job_id,
        job_name="test",
        run_id=run_id,
        run_attempt=1,
        branch="main",
        head_sha="0123456789abcdef0123456789abcdef01234567",
        pull_requests=(),
        actor="octocat",
        category=category,
        confidence=0.9,
        signature=signature,
        culprit=LogLine(7, culprit),
        error_lines=(LogLine(7, culprit),),
        failed_step="pytest",
        rule="pytest-failed",
        ruleset_version="2026.11.1",
        failed_at=failed_at,
        analyzed_at=failed_at + timedelta(seconds=20),
        html_url=f"https://github.com/{repo}/actions/runs/{run_id}/job/{job_id}",
        log_status=LogStatus.OK,
        resolved_at=None if recovery is None else failed_at + recovery,
        resolved_by_run_id=None if recovery is None else (run_id if same_run_rerun else run_id + 1),
        time_to_recovery_seconds=None if recovery is None else recovery.total_seconds(),
        fix_verified_at=None if verified_after is None else failed_at + verified_after,
        fix_attempt_id=None if verified_after is None else f"{repo}#{job_id}#try1#bump-dependency",
        fix_strategy=None if verified_after is None else "bump-dependency",
    )


def day(number: int, hour: int = 10) -> datetime:
    return datetime(2026, 11, number, hour, tzinfo=UTC)


FAKE_TOKEN = "ghp_" + "x" * 36  # built here so no scanner mistakes this file for a leak
DEPENDENCY_CULPRIT = f"ERROR: No matching distribution found for flsk==9.9 (token {FAKE_TOKEN})"

FAILURES = [
    # the previous period (Nov 15 - 22)
    failure(1, day(16), S1, recovery=4 * HOUR),
    failure(2, day(17), S1),
    # this period (Nov 22 - 29)
    failure(11, day(23), S1, recovery=1 * HOUR),
    failure(12, day(24), S1, recovery=3 * HOUR),
    failure(13, day(24, 12), S1, repo="acme/api", recovery=2 * HOUR, same_run_rerun=True),
    failure(14, day(25, 9), S2, repo="acme/api", category=Category.DEPENDENCY, culprit=DEPENDENCY_CULPRIT),
    failure(
        15,
        day(26, 9),
        S2,
        category=Category.DEPENDENCY,
        recovery=10 * HOUR,
        verified_after=1 * HOUR,
        culprit=DEPENDENCY_CULPRIT,
    ),
    # another owner's, in the same table
    failure(21, day(24), S1, repo="umbrella/shop"),
]


def attempt(
    number: int,
    strategy: str,
    started_at: datetime,
    outcome: FixOutcome,
    *,
    signature: str = S1,
    repo: str = "acme/shop",
    pull_request: PullRequestState | None = None,
) -> FixAttemptRecord:
    return FixAttemptRecord(
        attempt_id=f"{repo}#{number}#try1#{strategy}",
        failure_id=f"{repo}#{number}",
        strategy=strategy,
        started_at=started_at,
        outcome=outcome,
        repo=repo,
        signature=signature,
        pull_request_number=None if pull_request is None else 100 + number,
        pull_request_state=pull_request,
    )


ATTEMPTS = [
    attempt(1, "rerun-failed-jobs", day(16, 11), FixOutcome.FIXED),  # previous period: 1 of 1
    attempt(15, "bump-dependency", day(26, 9), FixOutcome.FIXED, signature=S2, pull_request=PullRequestState.MERGED),
    attempt(12, "rerun-failed-jobs", day(24, 11), FixOutcome.NOT_FIXED),
    attempt(11, "rerun-failed-jobs", day(23, 11), FixOutcome.APPLIED),  # waiting for its verdict
    attempt(14, "none", day(25, 9), FixOutcome.NOT_APPLICABLE, signature=S2, repo="acme/api"),
    attempt(21, "rerun-failed-jobs", day(24, 11), FixOutcome.FIXED, repo="umbrella/shop"),  # another owner
]
