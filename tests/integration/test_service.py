"""The analysis use cases against the real store (moto over HTTP) and an in-memory GitHub double."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ci_agent.github import JobSummary, JobUnreadable, LogsUnavailable
from ci_agent.github.errors import GitHubError, GitHubUnavailable, RateLimited
from ci_agent.service.comments import COMMENT_MARKER
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.failures import WorkerContext, record_failed_job, resolve_on_success
from ci_agent.service.ingress import IngressDeps, WebhookRequest, accept_delivery
from ci_agent.service.worker import process_delivery
from ci_agent.store import Store
from ci_agent.store.records import FailedJob, FixAttemptRecord, FixOutcome, LogStatus
from ci_agent.webhooks.signature import sign
from tests.doubles.github import InMemoryGitHub

LOG = (Path(__file__).parent.parent / "fixtures" / "jobs" / "pytest-failure.log").read_bytes()
EVENTS = Path(__file__).parent.parent / "events"
SECRET = b"integration-secret"
RUN_REPO = "octo-org/octo-repo"  # the repository of the real workflow_run payloads in tests/events
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
        github=github,
        failures=store.failures,
        fix_attempts=store.fix_attempts,
        log_max_bytes=1 << 20,
        clock=lambda: FAILED_AT + timedelta(minutes=1),
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


def test_a_job_ci_agent_cannot_read_is_recorded_as_such_and_said_loudly(
    ctx: WorkerContext, github: InMemoryGitHub, caplog: pytest.LogCaptureFixture
) -> None:
    github.fail_next("fetch_job_log", JobUnreadable("the job answers 404", status=404))
    outcome = record_failed_job(failed_job(5), ctx)
    assert outcome.record.log_status is LogStatus.UNAVAILABLE  # not EXPIRED: the log may well be there
    assert any("cannot read" in note for note in outcome.record.notes)
    assert any(r.levelname == "ERROR" and r.getMessage().startswith("job unreadable") for r in caplog.records)


def test_github_outage_propagates_so_the_queue_retries_and_nothing_is_stored(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    github.fail_next("fetch_job_log", GitHubUnavailable("502", status=502))
    with pytest.raises(GitHubUnavailable):
        record_failed_job(failed_job(3), ctx)
    assert store.failures.get(f"{REPO}#3") is None


def test_a_refused_comment_does_not_lose_the_failure(ctx: WorkerContext, github: InMemoryGitHub, store: Store) -> None:
    github.add_log(REPO, 4, LOG)
    github.fail_next("upsert_pull_request_comment", GitHubError("forbidden", status=403))
    outcome = record_failed_job(failed_job(4, pull_requests=(9,)), ctx)
    assert outcome.newly_recorded
    assert store.failures.get(f"{REPO}#4") is not None


def test_a_comment_github_could_not_take_yet_is_posted_when_the_queue_retries(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    # Given GitHub answers 502 to the comment of a failure that was analysed and stored
    github.add_log(REPO, 40, LOG)
    github.fail_next("upsert_pull_request_comment", GitHubUnavailable("502", status=502))
    with pytest.raises(GitHubUnavailable):
        record_failed_job(failed_job(40, pull_requests=(9,)), ctx)  # the queue keeps the delivery
    assert store.failures.get(f"{REPO}#40") is not None
    assert github.comments(REPO, 9) == []

    # When the queue delivers it again, the pull request gets its diagnosis, once
    outcome = record_failed_job(failed_job(40, pull_requests=(9,)), ctx)
    assert not outcome.newly_recorded
    [comment] = github.comments(REPO, 9)
    assert "test_invoice_total_rounding" in comment.body
    assert [call[0] for call in github.calls].count("fetch_job_log") == 1  # the log is not read twice


def test_a_delivery_that_stopped_between_storing_and_commenting_comments_when_redelivered(
    store: Store, github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # Given a worker that stored the failure and then stopped (timeout, crash) before commenting
    github.add_log(REPO, 41, LOG)
    github.add_pull_request(REPO, SHA, 13)
    stopped = WorkerContext(github=github, failures=store.failures, comment_on_pull_requests=False)
    record_failed_job(failed_job(41), stopped)
    assert github.comments(REPO, 13) == []

    # When SQS delivers the message again
    record_failed_job(failed_job(41), ctx)

    # Then the pull request has the comment
    [comment] = github.comments(REPO, 13)
    assert "test_invoice_total_rounding" in comment.body


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


class _Queue:
    def __init__(self) -> None:
        self.sent: list[QueuedDelivery] = []

    def send(self, delivery: QueuedDelivery) -> None:
        self.sent.append(delivery)


def _through_the_queue(store: Store, event: str, payload: dict[str, Any]) -> QueuedDelivery:
    """A signed delivery accepted by the ingress, as the worker receives it from the queue."""
    queue = _Queue()
    body = json.dumps(payload).encode()
    deps = IngressDeps(webhook_secret=lambda: SECRET, ledger=store.deliveries, queue=queue)
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(SECRET, body),
    }
    assert accept_delivery(WebhookRequest(headers=headers, body=body), deps).status_code == 202
    [queued] = queue.sent
    return QueuedDelivery.from_json(queued.to_json())


def _failed_jobs(run_id: int, sha: str, names: list[str]) -> list[JobSummary]:
    return [
        JobSummary(
            id=run_id * 100 + index,
            name=name,
            status="completed",
            conclusion="failure",
            run_id=run_id,
            run_attempt=1,
            html_url=f"https://github.com/{RUN_REPO}/actions/runs/{run_id}/job/{run_id * 100 + index}",
            head_sha=sha,
        )
        for index, name in enumerate(names)
    ]


def test_a_failed_run_comments_on_its_own_pull_request_not_on_another_repositorys(
    store: Store, github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # GitHub's own example: a run of octo-org/octo-repo whose pull_requests names Codertocat/Hello-World#2
    payload = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    run = payload["workflow_run"]
    [job] = _failed_jobs(run["id"], run["head_sha"], ["test"])
    github.add_jobs(RUN_REPO, run["id"], [job])
    github.add_log(RUN_REPO, job.id, LOG)
    github.add_pull_request(RUN_REPO, run["head_sha"], 31)  # the pull request this commit really belongs to

    process_delivery(_through_the_queue(store, "workflow_run", payload), ctx)

    assert github.comments(RUN_REPO, 2) == []  # octo-org/octo-repo#2 has nothing to do with this run
    [comment] = github.comments(RUN_REPO, 31)
    assert "test_invoice_total_rounding" in comment.body


def test_a_failed_run_of_a_pull_request_from_a_fork_comments_on_that_pull_request(
    store: Store, github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # GitHub sends an empty pull_requests for a fork's run, and finds no pull request for the fork's commit
    payload = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    run = payload["workflow_run"]
    run["pull_requests"] = []
    run["head_repository"]["full_name"] = "contributor/octo-repo"
    [job] = _failed_jobs(run["id"], run["head_sha"], ["test"])
    github.add_jobs(RUN_REPO, run["id"], [job])
    github.add_log(RUN_REPO, job.id, LOG)
    github.add_fork_pull_request(RUN_REPO, "contributor", run["head_branch"], run["head_sha"], 41)

    process_delivery(_through_the_queue(store, "workflow_run", payload), ctx)

    [comment] = github.comments(RUN_REPO, 41)
    assert "test_invoice_total_rounding" in comment.body


def test_a_run_with_many_failed_jobs_gets_one_comment_github_accepts(
    store: Store, github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # Given a matrix run where 60 jobs fail with long assertion messages, on a commit with an open pull request
    payload = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    run = payload["workflow_run"]
    run["pull_requests"] = []
    long_failure = LOG.replace(b"assert Decimal('0.31') == Decimal('0.32')", b"assert " + b"[1, 2, 3] " * 150)
    jobs = _failed_jobs(run["id"], run["head_sha"], [f"test (shard {n})" for n in range(60)])
    github.add_jobs(RUN_REPO, run["id"], jobs)
    for job in jobs:
        github.add_log(RUN_REPO, job.id, long_failure)
    github.add_pull_request(RUN_REPO, run["head_sha"], 32)

    process_delivery(_through_the_queue(store, "workflow_run", payload), ctx)

    # Then the pull request gets one comment, written once, that GitHub accepts (at most 65536 characters)
    assert [call[0] for call in github.calls].count("upsert_pull_request_comment") == 1
    [comment] = github.comments(RUN_REPO, 32)
    assert len(comment.body) <= 65536 and len(comment.body.encode()) <= 65536
    assert "test (shard 59)" in comment.body  # the newest are shown
    assert re.search(r"\d+ earlier failures on this branch not shown", comment.body)
    assert len(store.failures.open_failures(RUN_REPO, ".github/workflows/test.yml", "master")) == 60


def test_job_names_and_log_text_cannot_inject_markdown_into_the_comment(
    github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # A job name comes from the workflow file of the pull request; log lines from its tests: both are untrusted.
    hostile_name = "[claim your prize](https://evil.example) @acme/security"
    hostile_log = LOG.replace(b"assert Decimal('0.31') == Decimal('0.32')", b"boom\r\r[phish](https://evil.example)")
    github.add_log(REPO, 50, hostile_log)
    record_failed_job(failed_job(50, name=hostile_name, pull_requests=(14,)), ctx)

    [comment] = github.comments(REPO, 14)
    assert "\r" not in comment.body  # a bare CR ends a Markdown line: it would close the code fence early
    assert f"`{hostile_name}`" in comment.body  # shown verbatim, in a code span: no link, no mention
    for line in comment.body.splitlines():
        assert not line.lstrip("*").startswith(("[claim", "[phish")), line
        if "https://evil.example" in line:
            assert line.startswith(("  ", "**`")), line  # inside the fence (indented) or the code span


def test_a_passing_run_shows_every_failure_it_fixed_in_the_comment(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    for job_id, name in ((60, "unit-tests"), (61, "lint")):
        github.add_log(REPO, job_id, LOG)
        record_failed_job(failed_job(job_id, name=name, pull_requests=(15,)), ctx)

    resolved = resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(hours=1), 78, ctx)

    assert len(resolved) == 2
    [comment] = github.comments(REPO, 15)
    assert "all recorded CI failures on this branch are fixed" in comment.body
    assert "`unit-tests`" in comment.body and "`lint`" in comment.body  # both, not only the last one resolved
    assert comment.body.count("fixed by run 78") == 2


def test_a_failure_whose_delivery_comes_after_the_fixing_success_is_recorded_resolved(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    # The failure's delivery was rate limited and retried; meanwhile the branch went green.
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(minutes=20), 80, ctx)
    github.add_log(REPO, 70, LOG)

    outcome = record_failed_job(failed_job(70, pull_requests=(16,)), ctx)

    assert outcome.newly_recorded
    assert outcome.record.resolved_by_run_id == 80
    assert outcome.record.time_to_recovery_seconds == 20 * 60
    assert store.failures.open_failures(REPO, "CI", "feature/x") == []
    [comment] = github.comments(REPO, 16)
    assert "fixed by run 80" in comment.body  # the pull request is not told it is failing


def test_a_success_older_than_the_failure_does_not_resolve_it(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT - timedelta(minutes=5), 76, ctx)
    github.add_log(REPO, 71, LOG)
    assert record_failed_job(failed_job(71), ctx).record.resolved_at is None
    assert [record.job_id for record in store.failures.open_failures(REPO, "CI", "feature/x")] == [71]


def test_a_late_job_success_resolves_only_that_job_when_its_failure_arrives(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(minutes=5), 81, ctx, job_name="lint")
    for job_id, name in ((72, "lint"), (73, "unit-tests")):
        github.add_log(REPO, job_id, LOG)
        record_failed_job(failed_job(job_id, name=name), ctx)
    assert [record.job_name for record in store.failures.open_failures(REPO, "CI", "feature/x")] == ["unit-tests"]


def test_a_run_that_could_not_start_is_a_config_failure_on_the_pull_request_until_a_run_passes(
    store: Store, github: InMemoryGitHub, ctx: WorkerContext
) -> None:
    # Given a run GitHub refused to start (an invalid workflow file): no jobs, no log, and the run named
    # after the file because GitHub could not read the name in it
    payload = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    run = payload["workflow_run"]
    run.update(conclusion="startup_failure", name=run["path"])
    github.add_pull_request(RUN_REPO, run["head_sha"], 33)

    process_delivery(_through_the_queue(store, "workflow_run", payload), ctx)

    # Then it is recorded as a config failure, without asking GitHub for jobs or logs that do not exist
    [record] = store.failures.open_failures(RUN_REPO, run["path"], run["head_branch"])
    assert (record.category.value, record.rule, record.run_id) == ("config", "gha-startup-failure", run["id"])
    assert record.job_id < 0 and record.culprit is None
    assert not [call for call in github.calls if call[0] in ("list_failed_jobs", "fetch_job_log")]
    [comment] = github.comments(RUN_REPO, 33)
    assert "could not start" in comment.body

    # And the next run, which has its real name again, resolves it when it passes
    fixed = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    fixed["workflow_run"].update(conclusion="success", id=run["id"] + 1, name="Test", updated_at="2030-01-01T00:00:00Z")
    process_delivery(_through_the_queue(store, "workflow_run", fixed), ctx)
    assert store.failures.open_failures(RUN_REPO, run["path"], run["head_branch"]) == []
    assert store.failures.get(record.failure_id).resolved_by_run_id == run["id"] + 1


def test_two_workflows_failing_on_a_pull_request_share_its_one_comment_until_each_passes(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    # Given the CI and the Lint workflow both fail on the pull request's branch
    github.add_log(REPO, 90, LOG)
    github.add_log(REPO, 91, LOG)
    record_failed_job(failed_job(90, name="unit-tests", pull_requests=(17,)), ctx)
    lint = replace(failed_job(91, name="ruff", pull_requests=(17,)), workflow="Lint", workflow_path="lint.yml")
    record_failed_job(lint, ctx)

    # Then the one comment shows both workflows' failures
    [comment] = github.comments(REPO, 17)
    assert "`unit-tests`" in comment.body and "`ruff`" in comment.body

    # When CI passes, the comment still shows Lint failing, and says CI's is fixed
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(hours=1), 92, ctx)
    [comment] = github.comments(REPO, 17)
    assert "why CI failed" in comment.body and "`ruff`" in comment.body
    assert "fixed by run 92" in comment.body

    # And when Lint passes too, the comment says everything is fixed
    resolve_on_success(REPO, "Lint", "feature/x", FAILED_AT + timedelta(hours=2), 93, ctx)
    [comment] = github.comments(REPO, 17)
    assert "all recorded CI failures on this branch are fixed" in comment.body
    assert store.failures.open_failures_on_branch(REPO, "feature/x") == []


def test_the_comment_says_when_and_how_the_same_failure_was_last_fixed(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    # Given the failure was seen before, and fixed after ci-agent re-ran the failed jobs
    github.add_log(REPO, 100, LOG)
    earlier = record_failed_job(failed_job(100), ctx).record
    store.fix_attempts.record(
        FixAttemptRecord(
            attempt_id="fix-1",
            failure_id=earlier.failure_id,
            strategy="rerun-failed-jobs",
            started_at=FAILED_AT + timedelta(minutes=2),
            outcome=FixOutcome.FIXED,
            finished_at=FAILED_AT + timedelta(minutes=40),
            detail="re-ran 1 job",
        )
    )
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(minutes=45), 101, ctx)

    # When it fails the same way on another pull request
    github.add_log(REPO, 102, LOG)
    again = replace(failed_job(102, pull_requests=(18,)), branch="feature/y", failed_at=FAILED_AT + timedelta(days=1))
    record_failed_job(again, ctx)

    # Then the comment tells when it was last fixed, where, and how
    [comment] = github.comments(REPO, 18)
    assert "Seen 2 times" in comment.body
    assert (
        "Last fixed 2026-11-20 on `feature/x` by run 101, after ci-agent's `rerun-failed-jobs` fix (re\\-ran 1 job)"
        in (comment.body)
    )
    assert "45 min after it broke" in comment.body


def test_a_failure_fixed_without_ci_agent_says_so(ctx: WorkerContext, github: InMemoryGitHub) -> None:
    github.add_log(REPO, 110, LOG)
    record_failed_job(failed_job(110), ctx)
    resolve_on_success(REPO, "CI", "feature/x", FAILED_AT + timedelta(hours=3), 111, ctx)
    github.add_log(REPO, 112, LOG)
    record_failed_job(replace(failed_job(112, pull_requests=(19,)), branch="feature/z"), ctx)
    [comment] = github.comments(REPO, 19)
    assert "by run 111, a change ci-agent did not make, 3 h 0 min after it broke" in comment.body


def test_a_fix_github_could_not_comment_on_yet_is_commented_and_resolved_when_the_queue_retries(
    ctx: WorkerContext, github: InMemoryGitHub, store: Store
) -> None:
    github.add_log(REPO, 120, LOG)
    record_failed_job(failed_job(120, pull_requests=(20,)), ctx)
    passed_at = FAILED_AT + timedelta(minutes=30)

    # Given GitHub is rate limited when the passing run arrives
    github.fail_next("upsert_pull_request_comment", RateLimited("rate limited", status=403, retry_after_seconds=60))
    with pytest.raises(RateLimited):
        resolve_on_success(REPO, "CI", "feature/x", passed_at, 121, ctx)  # the queue keeps the delivery
    assert [record.job_id for record in store.failures.open_failures(REPO, "CI", "feature/x")] == [120]

    # When the queue delivers it again, the failure is resolved and the pull request says so
    [resolved] = resolve_on_success(REPO, "CI", "feature/x", passed_at, 121, ctx)
    assert resolved.resolved_by_run_id == 121
    [comment] = github.comments(REPO, 20)
    assert "all recorded CI failures on this branch are fixed" in comment.body


def test_the_last_passing_run_of_the_job_is_the_baseline(ctx: WorkerContext, github: InMemoryGitHub) -> None:
    # Given a failing job whose only error-looking line its last passing run printed too
    stamp = "2026-11-20T10:00:00.0000000Z"
    header = [
        f"{stamp} ##[group]Run ./deploy.sh",
        f"{stamp} ##[endgroup]",
        f"{stamp} Error: telemetry endpoint unreachable",
    ]
    github.add_log(REPO, 51, "\n".join([*header, f"{stamp} deployed"]) + "\n")
    failing = [
        *header,
        f"{stamp} deploy lock held by run 8812",
        f"{stamp} ##[error]Process completed with exit code 1.",
    ]
    github.add_log(REPO, 52, "\n".join(failing) + "\n")
    github.add_passing_job(REPO, ".github/workflows/ci.yml", "feature/x", "unit-tests", 51)
    # When the failure is recorded
    outcome = record_failed_job(failed_job(52), ctx)
    # Then the passing log was read and the line it never printed is the culprit
    assert ("find_last_passing_job", (REPO, ".github/workflows/ci.yml", "feature/x", "unit-tests")) in github.calls
    assert outcome.record.culprit is not None
    assert outcome.record.culprit.text == "deploy lock held by run 8812"
    assert any("last passing run" in note for note in outcome.record.notes)


def test_without_a_reachable_baseline_the_failure_is_still_analysed(ctx: WorkerContext, github: InMemoryGitHub) -> None:
    github.add_log(REPO, 53, LOG)
    github.fail_next("find_last_passing_job", GitHubError("forbidden", status=403))
    outcome = record_failed_job(failed_job(53), ctx)
    assert outcome.record.category == "test"
    assert not any("last passing run" in note for note in outcome.record.notes)
