"""No secret from a job log reaches DynamoDB, the pull request comment or ci-agent's own logs.

The whole flow on the local stack, with a failing job whose log carries every secret of the redaction corpus
(tests/secret_corpus.py) inside the failed step: then every item of every table, every comment on the pull
request, and every line the functions logged are searched for each secret.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
import requests

from ci_agent.local.stack import LocalStack
from ci_agent.webhooks.signature import sign
from tests.secret_corpus import PLANTED

EVENTS = Path(__file__).parent.parent / "events"
REPO = "acme-secrets/leak-check"  # a repository no other test's deliveries touch (the moto backend is shared)
JOB_ID = 900_777
PR_NUMBER = 17


def _log() -> bytes:
    lines = [
        "2026-11-20T10:00:00.0000000Z ##[group]Run ./deploy.sh",
        "2026-11-20T10:00:00.0000000Z ##[endgroup]",
        *(f"2026-11-20T10:00:01.0000000Z {line}" for planted in PLANTED for line in planted.line.splitlines()),
        "2026-11-20T10:00:02.0000000Z Error: deploy failed with " + PLANTED[0].secret,
        "2026-11-20T10:00:02.0000000Z ##[error]Process completed with exit code 1.",
    ]
    return "\n".join(lines).encode()


class _Everything(logging.Handler):
    """Every record, with every attribute (message, arguments, extra keys, exception text), as JSON."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = dict(record.__dict__, message=record.getMessage())
        if record.exc_info:
            fields["exception"] = logging.Formatter().formatException(record.exc_info)
        self.lines.append(json.dumps(fields, default=str))


@pytest.fixture
def logged() -> Iterator[_Everything]:
    # The functions log through Powertools ("ci-agent") and the standard library ("ci_agent.*", which the handlers
    # give Powertools' handler without propagation): listen on each of them.
    handler = _Everything()
    names = [name for name in logging.root.manager.loggerDict if name.startswith(("ci-agent", "ci_agent"))]
    loggers = [logging.getLogger(name) for name in {"ci-agent", "ci_agent", *names}]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)  # an earlier stack in this process may have left them at WARNING
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("POWERTOOLS_LOG_LEVEL", "DEBUG")  # everything the functions may log, not only warnings
        local = LocalStack(tmp_path_factory.mktemp("github"))
        local.start()
        try:
            yield local
        finally:
            local.stop()


def test_no_planted_secret_reaches_the_tables_the_comment_or_the_logs(stack: LocalStack, logged: _Everything) -> None:
    info = stack.info
    assert info is not None
    payload = json.loads((EVENTS / "workflow_job.completed.failure.json").read_text())
    payload["workflow_job"].update(id=JOB_ID, conclusion="failure")
    payload["repository"]["full_name"] = REPO
    stack.github.add_log(REPO, JOB_ID, _log())
    stack.github.add_pull_request(REPO, PR_NUMBER, head_sha=payload["workflow_job"]["head_sha"])
    body = json.dumps(payload).encode()

    answer = requests.post(
        info.webhook_url,
        data=body,
        timeout=15,
        headers={
            "X-GitHub-Event": "workflow_job",
            "X-GitHub-Delivery": str(uuid.uuid4()),
            "X-Hub-Signature-256": sign(info.webhook_secret.encode(), body),
        },
    )
    assert answer.status_code == 202
    dynamodb = boto3.client("dynamodb", endpoint_url=info.aws_endpoint_url, region_name="us-east-1")
    deadline = time.monotonic() + 180  # a loaded machine, and the fix flow sharing the worker
    while True:
        assert stack.wait_until_idle()
        items = [
            json.dumps(item)
            for table in dynamodb.list_tables()["TableNames"]
            for page in dynamodb.get_paginator("scan").paginate(TableName=table)
            for item in page["Items"]
        ]
        if any(f"{REPO}#{JOB_ID}" in item for item in items) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    comments = [comment.body for comment in stack.github.comments(REPO, PR_NUMBER)]
    logs = logged.lines

    # The failure was recorded and commented: the search below looked at real output
    assert any(f"{REPO}#{JOB_ID}" in item for item in items)
    assert comments and "[REDACTED]" in comments[0]
    assert any("failure recorded" in line for line in logs)  # and what the functions logged was captured
    for planted in PLANTED:
        assert not any(planted.secret in item for item in items), f"{planted.kind} reached DynamoDB"
        assert not any(planted.secret in comment for comment in comments), f"{planted.kind} reached a comment"
        assert not any(planted.secret in text for text in logs), f"{planted.kind} reached our logs"
