"""The analysis use cases against the real store (moto over HTTP) and an in-memory GitHub double."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ci_agent.github import InMemoryGitHub, LogsUnavailable
from ci_agent.github.errors import GitHubUnavailable
from ci_agent.service.comments import COMMENT_MARKER
from ci_agent.service.failures import WorkerContext, record_failed_job, resolve_on_success
from ci_agent.store import Store
from ci_agent.store.records import FailedJob, LogStatus

LOG = (Path(__file__).parent.parent / "fixtures" / "jobs" / "pytest-failure.log").read_bytes()
REPO = "acme/shop"
SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8"
FAILED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def failed_job(job_id: int, *, name: str = "unit-tests", pull_requests: tuple[int, ...] = ()) -> FailedJob:
    return FailedJob(
        repo=REPO,
        workflow="CI",
        workflow_path=".github/workflows/ci.yml",
        job_id=job_id,
        job_name=name,
        run_id=77,
        run_attempt=1,
        branch="feature/x",
        head_sha=SHA,
        pull_requests=pull_requests,
        actor="octocat",
        failed_at=FAILED_AT,
        html_url=f"https://github.com/{REPO}/actions/runs/77/job/{job_id}",
    )


@pytest.fixture
def github() -> InMemoryGitHub:
    return InMemoryGitHub()


@pytest.fixture
def ctx(store: Store, github: InMemoryGitHub) -> WorkerContext:
    return WorkerContext(
        github=github, failures=store.failures, log_max_bytes=1 << 20, clock=lambda: FAILED_AT + timedelta(minutes=1)
    )


def test_a_log_over_the_cap_is_analysed_by_its_tail_and_says_so(store: Store, github: InMemoryGitHub) -> None:
    github.add_log(REPO, 1, b"x" * 50_000 + b"\n" + LOG)
    small = WorkerContext(github=github, failures=store.failures, log_max_bytes=len(LOG) + 10)
    outcome = record_failed_job(failed_job(1), small)
    assert outcome.record.log_status is LogStatus.TRUNCATED
    assert outcome.record.category == "test"
    assert any("only its last" in note for note in outcome.record.notes)


def test_an_expired_log_is_recorded_honestly(ctx: WorkerContext, github: InMemoryGitHub) -> None:
    github.fail_next("fetch_job_log", LogsUnavailable("gone", status=410))
    outcome = record_failed_job(failed_job(2), ctx)
    assert outcome.record.log_status is LogStatus.EXPIRED
    assert outcome.record.culprit is None
    assert outcome.record.confidence == 0.0


def test_github_outage_propagates_so_the_queue_retries_and_nothing_is_stored(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    github.fail_next("fetch_job_log", GitHubUnavailable("502", status=502))
    with pytest.raises(GitHubUnavailable):
        record_failed_job(failed_job(3), ctx)
    assert store.failures.get(f"{REPO}#3") is None


def test_a_refused_comment_does_not_lose_the_failure(ctx: WorkerContext, github: InMemoryGitHub, store: Store) -> None:
    github.add_log(REPO, 4, LOG)
    github.fail_next("upsert_pull_request_comment", GitHubUnavailable("502", status=502))
    outcome = record_failed_job(failed_job(4, pull_requests=(9,)), ctx)
    assert outcome.newly_recorded
    assert store.failures.get(f"{REPO}#4") is not None


def test_pull_requests_are_found_by_commit_and_get_one_comment(ctx: WorkerContext, github: InMemoryGitHub) -> None:
    github.add_pull_request(REPO, SHA, 12)
    for job_id in (5, 6):
        github.add_log(REPO, job_id, LOG)
        record_failed_job(failed_job(job_id, name=f"shard-{job_id}"), ctx)
    comments = github.comments(REPO, 12)
    assert len(comments) == 1
    assert comments[0].body.startswith(COMMENT_MARKER)
    assert "shard-5" in comments[0].body and "shard-6" in comments[0].body
    assert "Seen 2 times" in comments[0].body  # the same failure signature, twice


def test_a_success_resolves_only_its_own_job(ctx: WorkerContext, github: InMemoryGitHub, store: Store) -> None:
    for job_id, name in ((7, "unit-tests"), (8, "lint")):
        github.add_log(REPO, job_id, LOG)
        record_failed_job(failed_job(job_id, name=name), ctx)
    resolved = resolve_on_success(
        REPO, "CI", "feature/x", FAILED_AT + timedelta(minutes=30), 78, ctx, job_name="unit-tests"
    )
    assert [record.job_name for record in resolved] == ["unit-tests"]
    assert resolved[0].time_to_recovery_seconds == 30 * 60
    assert [record.job_name for record in store.failures.open_failures(REPO, "CI", "feature/x")] == ["lint"]
