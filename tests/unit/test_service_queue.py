"""The ingress's queue as wired for AWS: a stalled SQS endpoint must not outlive GitHub's 10 s or the function's."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from ci_agent.config import Settings
from ci_agent.service.ingress import IngressDeps, WebhookRequest, WebhookResponse, accept_delivery
from ci_agent.webhooks.signature import sign
from ci_agent.wiring import analysis_queue

SECRET = b"queue-test-secret"
BODY = (Path(__file__).parent.parent / "events" / "workflow_job.completed.failure.json").read_bytes()
FUNCTION_TIMEOUT_SECONDS = 10  # AnalyzerFunction's timeout, and GitHub's patience


class _Ledger:
    def __init__(self) -> None:
        self.claimed: set[str] = set()

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        if delivery_id in self.claimed:
            return False
        self.claimed.add(delivery_id)
        return True

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        return False  # claims here are never confirmed: the queue stalls before

    def release(self, delivery_id: str) -> None:
        self.claimed.discard(delivery_id)


@pytest.fixture
def stalled_endpoint() -> Iterator[str]:
    """An HTTP endpoint that accepts connections and never answers (a stalled SQS)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)  # the kernel completes the handshakes; nobody ever reads or answers
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()


def test_a_stalled_queue_gets_a_503_in_time_and_the_redelivery_is_accepted(
    stalled_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    config = Settings.from_env(
        {"AWS_ENDPOINT_URL": stalled_endpoint, "ANALYSIS_QUEUE_URL": f"{stalled_endpoint}/000000000000/analysis"}
    )
    ledger = _Ledger()
    deps = IngressDeps(webhook_secret=lambda: SECRET, ledger=ledger, queue=analysis_queue(config))
    headers = {
        "X-GitHub-Event": "workflow_job",
        "X-GitHub-Delivery": "stalled-1",
        "X-Hub-Signature-256": sign(SECRET, BODY),
    }

    answers: list[WebhookResponse] = []
    started = time.monotonic()
    worker = threading.Thread(
        target=lambda: answers.append(accept_delivery(WebhookRequest(headers, BODY), deps)), daemon=True
    )
    worker.start()
    worker.join(timeout=FUNCTION_TIMEOUT_SECONDS - 2)  # leave room for the cold start and the claim

    assert answers, f"no answer after {time.monotonic() - started:.1f} s: Lambda would kill the function mid-send"
    assert answers[0].status_code == 503
    assert ledger.claimed == set()  # released: GitHub's redelivery of stalled-1 will be accepted
