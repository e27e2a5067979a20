"""The whole flow on the local stack: signed webhooks over HTTP -> API Gateway event -> real handlers -> SQS ->
worker -> PyGithub against the local GitHub -> DynamoDB on the moto server; read back with the ci-agent CLI."""

from __future__ import annotations

import copy
import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from ci_agent.github.errors import GitHubUnavailable
from ci_agent.local.github import Fault
from ci_agent.local.stack import MAX_RECEIVES, LocalLambdaContext, LocalStack, LocalStackInfo, load_handler
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.webhooks.signature import sign

TESTS = Path(__file__).parent.parent
EVENTS = TESTS / "events"
FAILING_LOG = (TESTS / "fixtures" / "jobs" / "pytest-failure.log").read_bytes()
REPO = "Codertocat/Hello-World"
PR_NUMBER = 7


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    fixtures = tmp_path_factory.mktemp("github")
    local = LocalStack(fixtures)
    local.start()
    try:
        yield local
    finally:
        local.stop()


@pytest.fixture(scope="module")
def info(stack: LocalStack) -> LocalStackInfo:
    assert stack.info is not None
    return stack.info


def job_event(
    conclusion: str, *, job_id: int, attempt: int = 1, completed_at: str = "2026-11-20T10:00:00Z", name: str = "linters"
) -> dict[str, Any]:
    payload = json.loads((EVENTS / "workflow_job.completed.failure.json").read_text())
    job = payload["workflow_job"]
    job.update(id=job_id, run_attempt=attempt, conclusion=conclusion, completed_at=completed_at, name=name)
    return payload


def post(
    info: LocalStackInfo,
    event: str,
    payload: dict[str, Any] | bytes,
    *,
    delivery_id: str | None = None,
    secret: str | None = None,
) -> requests.Response:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery_id or str(uuid.uuid4()),
        "X-Hub-Signature-256": sign((secret or info.webhook_secret).encode(), body),
    }
    return requests.post(info.webhook_url, data=body, headers=headers, timeout=15)


def cli_stats(info: LocalStackInfo) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_"))}
    env["AWS_ENDPOINT_URL"] = info.aws_endpoint_url
    script = Path(sys.executable).parent / "ci-agent"
    result = subprocess.run(
        [str(script), "stats", "--format", "json"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_bad_input_gets_a_clear_status_and_never_a_5xx(info: LocalStackInfo) -> None:
    assert post(info, "ping", json.loads((EVENTS / "ping.json").read_text())).status_code == 200
    assert post(info, "workflow_job", job_event("failure", job_id=1), secret="forged").status_code == 401
    assert post(info, "workflow_job", b"{definitely not json").status_code == 400
    assert post(info, "pull_request", json.loads((EVENTS / "pull_request.opened.json").read_text())).status_code == 202
    oversized = requests.post(
        info.webhook_url,
        data=b"x" * (11 * 1024 * 1024),
        timeout=30,
        headers={"X-GitHub-Event": "workflow_job", "X-GitHub-Delivery": "big"},
    )
    assert oversized.status_code == 413


def test_failure_is_analysed_recorded_once_commented_and_resolved(stack: LocalStack, info: LocalStackInfo) -> None:
    # Given a failing job whose log GitHub serves, on a commit with an open pull request
    job_id = 900_001
    failure = job_event("failure", job_id=job_id)
    stack.github.add_log(REPO, job_id, FAILING_LOG)
    stack.github.add_pull_request(REPO, PR_NUMBER, head_sha=failure["workflow_job"]["head_sha"])
    before = cli_stats(info)

    # When GitHub delivers it, and redelivers the same delivery
    assert post(info, "workflow_job", failure, delivery_id="delivery-1").status_code == 202
    assert post(info, "workflow_job", failure, delivery_id="delivery-1").status_code == 200
    assert stack.wait_until_idle()

    # Then it is recorded once, diagnosed, and the pull request has one comment that explains it
    stats = cli_stats(info)
    assert stats["failures"] == before["failures"] + 1
    assert stats["by_category"].get("test", 0) == before["by_category"].get("test", 0) + 1
    assert stats["by_repository"][REPO] == before["by_repository"].get(REPO, 0) + 1
    assert stats["open"] == before["open"] + 1
    comments = stack.github.comments(REPO, PR_NUMBER)
    assert len(comments) == 1
    assert "test_invoice_total_rounding" in comments[0].body
    assert "`test`" in comments[0].body

    # When a later attempt of the same job passes
    success = job_event("success", job_id=job_id + 1, attempt=2, completed_at="2026-11-20T10:30:00Z")
    assert post(info, "workflow_job", success).status_code == 202
    assert stack.wait_until_idle()

    # Then the failure is resolved with its time to recovery, and the same comment says so
    after = cli_stats(info)
    assert after["open"] == before["open"]
    assert after["resolved"] == before["resolved"] + 1
    comments = stack.github.comments(REPO, PR_NUMBER)
    assert len(comments) == 1
    assert "fixed by run" in comments[0].body
    assert comments[0].edits >= 1


def test_a_job_reported_by_both_kinds_of_delivery_is_recorded_once(stack: LocalStack, info: LocalStackInfo) -> None:
    run = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    repo = run["repository"]["full_name"]
    run_id = run["workflow_run"]["id"]
    job_id = stack.github.set_run_jobs(repo, run_id, [{"name": "build", "conclusion": "failure"}])[0]
    stack.github.add_log(repo, job_id, FAILING_LOG)
    job = job_event("failure", job_id=job_id, name="build")
    job["repository"] = copy.deepcopy(run["repository"])
    job["workflow_job"]["run_id"] = run_id
    before = cli_stats(info)

    assert post(info, "workflow_job", job).status_code == 202
    assert post(info, "workflow_run", run).status_code == 202
    assert stack.wait_until_idle()

    assert cli_stats(info)["failures"] == before["failures"] + 1


def test_expired_log_is_recorded_as_such(stack: LocalStack, info: LocalStackInfo) -> None:
    job_id = 900_100  # the job is there, its log is not: GitHub answers 404 for the log only, as when it expired
    stack.github.set_run_jobs(REPO, job_id // 100, [{"id": job_id, "name": "expired", "conclusion": "failure"}])
    assert post(info, "workflow_job", job_event("failure", job_id=job_id, name="expired")).status_code == 202
    assert stack.wait_until_idle()
    from ci_agent.wiring import store

    record = store().failures.get(f"{REPO}#{job_id}")
    assert record is not None
    assert record.log_status == "expired"
    assert record.category == "unknown"
    assert any("unavailable" in note for note in record.notes)


def test_a_job_ci_agent_cannot_read_is_recorded_without_its_log_not_as_expired(
    stack: LocalStack, info: LocalStackInfo
) -> None:
    # A private repository nobody gave ci-agent access to: GitHub answers 404 on every route of it (nobody seeded
    # it here), the log, the job and the pull requests of its commit alike
    job_id = 950_150
    private = "Codertocat/Private-World"
    event = job_event("failure", job_id=job_id, name="private")
    event["repository"].update(full_name=private, name="Private-World")
    assert not stack.github.has_repository(private)

    assert post(info, "workflow_job", event).status_code == 202
    assert stack.wait_until_idle()
    from ci_agent.wiring import store

    # The failure is recorded without its log, said to be out of reach (not expired), and the delivery is not
    # retried: its log was asked for once
    record = store().failures.get(f"{private}#{job_id}")
    assert record is not None
    assert record.log_status == "unavailable"
    assert any("cannot read" in note for note in record.notes)
    assert [r.status for r in stack.github.received(f"/repos/{private}/actions/jobs/{job_id}/logs")] == [404]


def test_rate_limit_is_waited_out_and_nothing_is_lost(stack: LocalStack, info: LocalStackInfo) -> None:
    job_id = 900_200
    stack.github.add_log(REPO, job_id, FAILING_LOG)
    stack.github.inject_fault(
        f"/repos/{REPO}/actions/jobs/{job_id}/logs", Fault.rate_limit_exhausted(reset_in_seconds=1)
    )
    assert post(info, "workflow_job", job_event("failure", job_id=job_id, name="rate-limited")).status_code == 202
    assert stack.wait_until_idle(timeout_seconds=30)

    from ci_agent.wiring import store

    record = store().failures.get(f"{REPO}#{job_id}")
    statuses = [request.status for request in stack.github.received(f"/repos/{REPO}/actions/jobs/{job_id}/logs")]
    dead = stack.dead_letters()
    assert record is not None, f"not recorded; log fetches answered {statuses}, dead letters {dead}"
    assert record.category == "test"
    assert statuses[0] == 403 and 302 in statuses[1:]  # refused once, fetched after the reset
    assert dead == []


def test_a_delivery_rate_limited_more_often_than_the_queue_allows_receives_waits_and_is_recorded(
    stack: LocalStack, info: LocalStackInfo
) -> None:
    # Given GitHub refusing the job's log at every try past the queue's five receives (each limit resets in 1 s)
    job_id = 900_201
    refusals = MAX_RECEIVES + 2
    stack.github.add_log(REPO, job_id, FAILING_LOG)
    stack.github.inject_fault(
        f"/repos/{REPO}/actions/jobs/{job_id}/logs", Fault.rate_limit_exhausted(reset_in_seconds=1), times=refusals
    )

    assert post(info, "workflow_job", job_event("failure", job_id=job_id, name="rate-limited-long")).status_code == 202
    assert stack.wait_until_idle(timeout_seconds=90)

    # Then each refusal was waited out, none counted as a failure: the job is recorded, nothing dead-lettered
    from ci_agent.wiring import store

    statuses = [request.status for request in stack.github.received(f"/repos/{REPO}/actions/jobs/{job_id}/logs")]
    dead = stack.dead_letters()
    record = store().failures.get(f"{REPO}#{job_id}")
    assert record is not None, f"not recorded; log fetches answered {statuses}, dead letters {dead}"
    assert statuses == [403] * refusals + [302]
    assert dead == []


def test_a_passing_workflow_run_resolves_the_whole_workflow_on_its_branch(
    stack: LocalStack, info: LocalStackInfo
) -> None:
    run = json.loads((EVENTS / "workflow_run.completed.failure.json").read_text())
    repo = run["repository"]["full_name"]
    run["workflow_run"].update(id=555, name="Release", head_branch="release/2.0")
    job_ids = stack.github.set_run_jobs(
        repo,
        555,
        [
            {"name": "package", "conclusion": "failure"},
            {"name": "sign", "conclusion": "failure"},
            {"name": "docs", "conclusion": "success"},
        ],
    )
    for job_id in job_ids:
        stack.github.add_log(repo, job_id, FAILING_LOG)
    before = cli_stats(info)
    assert post(info, "workflow_run", run).status_code == 202
    assert stack.wait_until_idle()
    assert cli_stats(info)["open"] == before["open"] + 2  # the two failed jobs, not the passing one

    passed = copy.deepcopy(run)
    passed["workflow_run"].update(id=556, conclusion="success", updated_at="2026-11-21T08:00:00Z")
    assert post(info, "workflow_run", passed).status_code == 202
    assert stack.wait_until_idle()
    after = cli_stats(info)
    assert after["open"] == before["open"]
    assert after["resolved"] == before["resolved"] + 2


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _sqs_message(event: str, payload: dict[str, Any]) -> dict[str, Any]:
    """A queued delivery as Lambda's SQS event source hands it to the worker."""
    body = QueuedDelivery(str(uuid.uuid4()), event, "completed", payload, datetime.now(UTC)).to_json()
    return {
        "messageId": str(uuid.uuid4()),
        "receiptHandle": "unused",
        "body": body,
        "attributes": {"ApproximateReceiveCount": "1"},
        "messageAttributes": {},
        "md5OfBody": "",
        "eventSource": "aws:sqs",
        "eventSourceARN": "arn:aws:sqs:us-east-1:000000000000:ci-agent-local-analysis",
        "awsRegion": "us-east-1",
    }


def test_a_delivery_that_fails_in_a_batch_is_retried_alone_and_the_log_says_why(stack: LocalStack) -> None:
    # Given a batch of two deliveries, the second for a job whose log GitHub cannot serve right now (502)
    job_id = 900_300
    stack.github.add_log(REPO, job_id, FAILING_LOG)
    stack.github.inject_fault(f"/repos/{REPO}/actions/jobs/{job_id}/logs", Fault.server_error(502), times=3)
    fine = _sqs_message("workflow_job", job_event("success", job_id=900_301, name="fine"))
    failing = _sqs_message("workflow_job", job_event("failure", job_id=job_id, name="outage"))
    worker = load_handler(stack.functions_dir, "analyzer_worker")
    worker_log = logging.getLogger("ci-agent")  # the functions' Powertools logger (POWERTOOLS_SERVICE_NAME)
    seen = _Records()
    worker_log.addHandler(seen)
    try:
        result = worker.handler({"Records": [fine, failing]}, LocalLambdaContext("AnalyzerWorkerFunction", 300))
    finally:
        worker_log.removeHandler(seen)

    # Then only the failing one goes back to the queue, and the worker's log says what went wrong with it
    assert result["batchItemFailures"] == [{"itemIdentifier": failing["messageId"]}]
    errors = [record for record in seen.records if record.levelno >= logging.ERROR and record.exc_info]
    assert [type(record.exc_info[1]) for record in errors if record.exc_info] == [GitHubUnavailable]
