"""Fuzzing the webhook parser: whatever a signed (or unsigned) delivery holds, the answer is a status, never a crash.

A signed body is the hostile case that matters: anyone who once captured a delivery, or a misbehaving proxy,
can send it, and an exception in the ingress is a 502 on AWS and a page to someone.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.ingress import IngressDeps, WebhookRequest, accept_delivery
from ci_agent.webhooks.signature import sign

SECRET = b"fuzz secret"
EVENTS = Path(__file__).parent.parent / "events"
REAL = {
    "workflow_job": json.loads((EVENTS / "workflow_job.completed.failure.json").read_text()),
    "workflow_run": json.loads((EVENTS / "workflow_run.completed.failure.json").read_text()),
}
FUZZ = settings(max_examples=200)


class _Ledger:
    def __init__(self) -> None:
        self.claimed: set[str] = set()

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        if delivery_id in self.claimed:
            return False
        self.claimed.add(delivery_id)
        return True

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        return False

    def confirm(self, delivery_id: str) -> None:
        pass

    def release(self, delivery_id: str) -> None:
        self.claimed.discard(delivery_id)


class _Queue:
    def __init__(self) -> None:
        self.sent: list[QueuedDelivery] = []

    def send(self, delivery: QueuedDelivery) -> None:
        # What the worker will read back must survive the trip through SQS's JSON.
        assert QueuedDelivery.from_json(delivery.to_json()).payload == delivery.payload
        self.sent.append(delivery)


def _deps() -> tuple[IngressDeps, _Queue]:
    queue = _Queue()
    deps = IngressDeps(
        webhook_secret=lambda: SECRET, ledger=_Ledger(), queue=queue, clock=lambda: datetime(2026, 11, 29, tzinfo=UTC)
    )
    return deps, queue


def _signed(event: str, body: bytes, delivery_id: str = "fuzz-1") -> WebhookRequest:
    return WebhookRequest(
        {"X-GitHub-Event": event, "X-GitHub-Delivery": delivery_id, "X-Hub-Signature-256": sign(SECRET, body)}, body
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=15), children, max_size=5),
    max_leaves=30,
)
events = st.sampled_from(["workflow_job", "workflow_run", "ping", "push", "pull_request", "check_run"])


@FUZZ
@given(event=events, value=json_values)
def test_any_signed_json_value_gets_an_answer(event: str, value: Any) -> None:
    deps, _ = _deps()
    response = accept_delivery(_signed(event, json.dumps(value).encode()), deps)
    assert response.status_code in (200, 202, 400)


@FUZZ
@given(event=events, body=st.binary(max_size=2000))
def test_any_signed_bytes_get_an_answer(event: str, body: bytes) -> None:
    deps, _ = _deps()
    assert accept_delivery(_signed(event, body), deps).status_code in (200, 202, 400)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copy


@FUZZ
@given(data=st.data(), event=st.sampled_from(sorted(REAL)), value=json_values)
def test_a_real_delivery_with_any_one_field_replaced_gets_an_answer(
    data: st.DataObject, event: str, value: Any
) -> None:
    # Given GitHub's own payload with one field, anywhere in it, replaced by anything
    path = data.draw(st.sampled_from(_paths(REAL[event])))
    body = json.dumps(_replaced(REAL[event], path, value)).encode()
    deps, queue = _deps()
    # Then it is accepted (the field did not matter or was bounded) or refused as malformed, never a crash
    response = accept_delivery(_signed(event, body), deps)
    assert response.status_code in (202, 400)
    ignored = response.body["message"].startswith("ignored")  # the action was replaced: not one we handle
    assert len(queue.sent) == (response.status_code == 202 and not ignored)


header_text = st.text(max_size=300) | st.sampled_from(["", " ", "\x00", "workflow_job", "sha256="])


@FUZZ
@given(event=header_text, delivery_id=header_text, signature=header_text, length=header_text)
def test_any_headers_get_an_answer_and_nothing_unsigned_is_queued(
    event: str, delivery_id: str, signature: str, length: str
) -> None:
    deps, queue = _deps()
    body = json.dumps(REAL["workflow_job"]).encode()
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery_id,
        "X-Hub-Signature-256": signature,
        "Content-Length": length,
    }
    response = accept_delivery(WebhookRequest(headers, body), deps)
    assert response.status_code in (400, 401, 413)
    assert queue.sent == []
