"""Accepting a webhook delivery: the order of checks and the status GitHub sees for each kind of input."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.ingress import IngressDeps, WebhookRequest, accept_delivery
from ci_agent.webhooks.signature import InvalidSignature, parse_webhook_secrets, sign, verify_signature

SECRET = b"it's a secret to everybody"
EVENTS = Path(__file__).parent.parent / "events"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@dataclass
class Ledger:
    claimed: set[str] = field(default_factory=set)
    confirmed: set[str] = field(default_factory=set)
    confirm_fails: bool = False

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        if delivery_id in self.claimed:
            return False
        self.claimed.add(delivery_id)
        return True

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        return delivery_id in self.claimed and delivery_id not in self.confirmed

    def confirm(self, delivery_id: str) -> None:
        if self.confirm_fails:
            raise ConnectionError("dynamodb unreachable")
        self.confirmed.add(delivery_id)

    def release(self, delivery_id: str) -> None:
        self.claimed.discard(delivery_id)


@dataclass
class Queue:
    sent: list[QueuedDelivery] = field(default_factory=list)
    broken: bool = False

    def send(self, delivery: QueuedDelivery) -> None:
        if self.broken:
            raise ConnectionError("queue unreachable")
        self.sent.append(delivery)


@pytest.fixture
def queue() -> Queue:
    return Queue()


@pytest.fixture
def ledger() -> Ledger:
    return Ledger()


@pytest.fixture
def deps(ledger: Ledger, queue: Queue) -> IngressDeps:
    return IngressDeps(
        webhook_secret=lambda: SECRET, ledger=ledger, queue=queue, max_body_bytes=64 * 1024, clock=lambda: NOW
    )


def delivery(event: str, body: bytes, *, delivery_id: str = "d-1", signature: str | None = None) -> WebhookRequest:
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery_id,
        "X-Hub-Signature-256": signature if signature is not None else sign(SECRET, body),
        "Content-Type": "application/json",
    }
    return WebhookRequest(headers=headers, body=body)


def real(name: str) -> bytes:
    return (EVENTS / name).read_bytes()


def job_payload(**job: Any) -> bytes:
    """The real failed-job delivery, with ``job``'s fields changed."""
    payload = json.loads(real("workflow_job.completed.failure.json"))
    payload["workflow_job"].update(job)
    return json.dumps(payload).encode()


def test_signature_check_is_exact() -> None:
    body = b'{"zen": "Keep it logically awesome."}'
    verify_signature(SECRET, body, sign(SECRET, body))
    for header in (None, "", "sha1=abc", sign(b"other secret", body), sign(SECRET, body + b" ")):
        with pytest.raises(InvalidSignature):
            verify_signature(SECRET, body, header)


def test_failed_job_is_acknowledged_and_queued(deps: IngressDeps, queue: Queue) -> None:
    response = accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json")), deps)
    assert response.status_code == 202
    assert [(item.event, item.action, item.delivery_id) for item in queue.sent] == [
        ("workflow_job", "completed", "d-1")
    ]
    assert queue.sent[0].payload["workflow_job"]["conclusion"] == "failure"
    assert len(queue.sent[0].to_json()) < 64 * 1024  # a trimmed payload fits an SQS message with room to spare


def test_a_claim_is_confirmed_only_once_the_delivery_is_queued(deps: IngressDeps, ledger: Ledger, queue: Queue) -> None:
    queue.broken = True
    accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json"), delivery_id="a"), deps)
    queue.broken = False
    accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json"), delivery_id="b"), deps)
    # "b" and the job it reports; nothing of "a", whose claims were released when the queue refused it
    assert ledger.confirmed == {"b", "workflow_job/Codertocat/Hello-World#289782451/completed/failure"}


def test_a_queued_delivery_is_202_even_if_its_claim_cannot_be_confirmed(
    deps: IngressDeps, ledger: Ledger, queue: Queue
) -> None:
    ledger.confirm_fails = True
    response = accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json")), deps)
    assert response.status_code == 202
    assert len(queue.sent) == 1


def test_redelivery_changes_nothing(deps: IngressDeps, queue: Queue) -> None:
    body = real("workflow_run.completed.failure.json")
    first = accept_delivery(delivery("workflow_run", body, delivery_id="same"), deps)
    again = accept_delivery(delivery("workflow_run", body, delivery_id="same"), deps)
    assert (first.status_code, again.status_code) == (202, 200)
    assert len(queue.sent) == 1


@pytest.mark.parametrize(
    ("signature", "status"),
    [("sha256=" + "0" * 64, 401), ("", 401), ("sha1=deadbeef", 401)],
)
def test_forged_or_missing_signature_is_401_and_nothing_is_queued(
    deps: IngressDeps, queue: Queue, signature: str, status: int
) -> None:
    response = accept_delivery(
        delivery("workflow_job", real("workflow_job.completed.failure.json"), signature=signature), deps
    )
    assert response.status_code == status
    assert queue.sent == []


def test_signature_is_checked_before_the_body_is_parsed(deps: IngressDeps) -> None:
    # A forged body that is not even JSON must be refused as forged, not as malformed.
    response = accept_delivery(delivery("workflow_job", b"{not json", signature="sha256=" + "1" * 64), deps)
    assert response.status_code == 401


def test_malformed_json_is_400(deps: IngressDeps) -> None:
    assert accept_delivery(delivery("workflow_job", b"{not json"), deps).status_code == 400
    assert accept_delivery(delivery("workflow_job", b"[1, 2]"), deps).status_code == 400
    assert accept_delivery(delivery("workflow_job", b'{"action": "completed"}'), deps).status_code == 400


def test_missing_github_headers_are_400(deps: IngressDeps) -> None:
    body = real("ping.json")
    request = WebhookRequest(headers={"X-Hub-Signature-256": sign(SECRET, body)}, body=body)
    assert accept_delivery(request, deps).status_code == 400


def test_huge_body_is_413_before_anything_else(deps: IngressDeps, queue: Queue) -> None:
    body = json.dumps({"action": "completed", "padding": "x" * 100_000}).encode()
    assert accept_delivery(delivery("workflow_job", body, signature=""), deps).status_code == 413
    assert queue.sent == []


def test_ping_is_200(deps: IngressDeps, queue: Queue) -> None:
    response = accept_delivery(delivery("ping", real("ping.json")), deps)
    assert response.status_code == 200
    assert queue.sent == []


@pytest.mark.parametrize(
    ("event", "fixture"),
    [
        ("pull_request", "pull_request.opened.json"),
        ("workflow_job", "workflow_job.in_progress.json"),
        ("check_run", "check_run.completed.json"),
    ],
)
def test_events_we_do_not_handle_are_202_and_ignored(deps: IngressDeps, queue: Queue, event: str, fixture: str) -> None:
    response = accept_delivery(delivery(event, real(fixture)), deps)
    assert response.status_code == 202
    assert "ignored" in response.body["message"]
    assert queue.sent == []


def test_queue_outage_is_503_and_the_redelivery_is_accepted(deps: IngressDeps, ledger: Ledger, queue: Queue) -> None:
    body = real("workflow_job.completed.failure.json")
    queue.broken = True
    assert accept_delivery(delivery("workflow_job", body, delivery_id="x"), deps).status_code == 503
    queue.broken = False
    assert accept_delivery(delivery("workflow_job", body, delivery_id="x"), deps).status_code == 202
    assert len(queue.sent) == 1


def test_secret_is_not_fetched_for_cheap_rejects(ledger: Ledger, queue: Queue) -> None:
    def secret() -> bytes:
        raise AssertionError("secret fetched for a request that should be rejected first")

    deps = IngressDeps(webhook_secret=secret, ledger=ledger, queue=queue, max_body_bytes=10)
    assert accept_delivery(delivery("ping", b"x" * 11), deps).status_code == 413


def test_queued_delivery_round_trips_through_json() -> None:
    original = QueuedDelivery("d", "workflow_run", "completed", {"a": [1, {"b": None}]}, NOW)
    assert QueuedDelivery.from_json(original.to_json()) == original


class _BrokenStore:
    """A delivery ledger whose DynamoDB calls fail."""

    def __init__(self, *, claim_fails: bool = False) -> None:
        self.claim_fails = claim_fails
        self.claimed: set[str] = set()

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        if self.claim_fails:
            raise ConnectionError("DynamoDB unreachable")
        self.claimed.add(delivery_id)
        return True

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        raise ConnectionError("DynamoDB unreachable")

    def confirm(self, delivery_id: str) -> None:
        raise ConnectionError("DynamoDB unreachable")

    def release(self, delivery_id: str) -> None:
        raise ConnectionError("DynamoDB unreachable")


def test_ledger_outage_is_503_so_github_redelivers_and_nothing_is_queued(queue: Queue) -> None:
    deps = IngressDeps(webhook_secret=lambda: SECRET, ledger=_BrokenStore(claim_fails=True), queue=queue)
    response = accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json")), deps)
    assert response.status_code == 503
    assert "redeliver" in response.body["message"]
    assert queue.sent == []


def test_queue_outage_is_still_503_when_the_claim_cannot_be_released(queue: Queue) -> None:
    queue.broken = True
    deps = IngressDeps(webhook_secret=lambda: SECRET, ledger=_BrokenStore(), queue=queue)
    response = accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json")), deps)
    assert response.status_code == 503


def test_while_the_secret_is_rotated_deliveries_signed_with_either_secret_are_accepted(
    ledger: Ledger, queue: Queue
) -> None:
    deps = IngressDeps(
        webhook_secret=lambda: parse_webhook_secrets('["new secret", "old secret"]'), ledger=ledger, queue=queue
    )
    for n, secret in enumerate((b"new secret", b"old secret")):
        body = job_payload(id=1000 + n)
        request = delivery("workflow_job", body, delivery_id=f"r-{n}", signature=sign(secret, body))
        assert accept_delivery(request, deps).status_code == 202
    body = job_payload(id=1003)
    forged = delivery("workflow_job", body, delivery_id="r-3", signature=sign(b"another secret", body))
    assert accept_delivery(forged, deps).status_code == 401


@pytest.mark.parametrize(
    ("stored", "secrets"),
    [
        ("plain secret", (b"plain secret",)),
        ('["new", "old"]', (b"new", b"old")),
        ("[not json", (b"[not json",)),  # a secret that merely starts with a bracket is itself
        ('["", "old"]', (b'["", "old"]',)),  # an empty entry is no list of secrets
    ],
)
def test_the_stored_webhook_secret_is_one_secret_or_a_list_of_them(stored: str, secrets: tuple[bytes, ...]) -> None:
    assert parse_webhook_secrets(stored) == secrets


# -- hostile input: a clear 4xx, never a 5xx, never an exception ------------------------------------------------


@pytest.fixture
def roomy_deps(ledger: Ledger, queue: Queue) -> IngressDeps:
    """The ingress with its production body limit (5 MB)."""
    return IngressDeps(webhook_secret=lambda: SECRET, ledger=ledger, queue=queue, clock=lambda: NOW)


@pytest.mark.parametrize("depth", [1_000, 1_000_000])
def test_a_signed_body_nested_absurdly_deep_is_400(roomy_deps: IngressDeps, queue: Queue, depth: int) -> None:
    deps = roomy_deps
    body = b'{"action": "completed", "x": ' + b"[" * depth + b"]" * depth + b"}"
    response = accept_delivery(delivery("workflow_job", body), deps)
    assert (response.status_code, queue.sent) == (400, [])


@pytest.mark.parametrize("event", ["workflow_job", "watch"])  # a handled event, and one that is only logged
def test_a_real_payload_nested_deeper_than_github_nests_is_400_on_every_python(
    roomy_deps: IngressDeps, queue: Queue, event: str
) -> None:
    # 3.11's json.loads gives up near 1,000 levels, Lambda's 3.13 reads on: the answer must not depend on it
    for depth, status in ((60, 202), (5_000, 400)):
        nested = b"[" * depth + b"]" * depth
        body = real("workflow_job.completed.failure.json").replace(b"{", b'{"extra": ' + nested + b", ", 1)
        response = accept_delivery(delivery(event, body), roomy_deps)
        assert response.status_code == status, (event, depth, response.body)
    assert all(sent.event == "workflow_job" for sent in queue.sent)


def test_a_signed_body_with_a_5000_digit_integer_is_400(deps: IngressDeps, queue: Queue) -> None:
    body = real("workflow_job.completed.failure.json").replace(b'"id": 289782451', b'"id": ' + b"9" * 5000, 1)
    response = accept_delivery(delivery("workflow_job", body), deps)
    assert (response.status_code, queue.sent) == (400, [])
    assert "JSON" in response.body["message"]


@pytest.mark.parametrize(
    "delivery_id",
    ["d" * 129, "d" * 3000, "../../etc", "id with spaces", "72d3162e\ncc78", "ünïcode", "-leading-dash"],
)
def test_a_delivery_id_that_is_not_one_is_400_before_anything_is_claimed(
    deps: IngressDeps, ledger: Ledger, queue: Queue, delivery_id: str
) -> None:
    # The header is not signed: a captured body replayed with a 3 kB id must not reach DynamoDB's key limit
    response = accept_delivery(
        delivery("workflow_job", real("workflow_job.completed.failure.json"), delivery_id=delivery_id), deps
    )
    assert response.status_code == 400
    assert (ledger.claimed, queue.sent) == (set(), [])


def test_a_uuid_delivery_id_as_github_sends_it_is_accepted(deps: IngressDeps) -> None:
    request = delivery(
        "workflow_job", real("workflow_job.completed.failure.json"), delivery_id="72d3162e-cc78-11e3-81ab-4c9367dc0958"
    )
    assert accept_delivery(request, deps).status_code == 202


@pytest.mark.parametrize("event", ["Workflow_Job", "workflow job", "x" * 65, "workflow_job\r\nX-Evil: 1", "ping;"])
def test_an_event_name_that_is_not_one_is_400(deps: IngressDeps, queue: Queue, event: str) -> None:
    response = accept_delivery(delivery(event, real("workflow_job.completed.failure.json")), deps)
    assert (response.status_code, queue.sent) == (400, [])


def test_a_redelivery_while_the_first_attempt_is_not_yet_queued_is_409_not_200(
    deps: IngressDeps, ledger: Ledger, queue: Queue
) -> None:
    # Given a first attempt that claimed the delivery and has not queued it (it may still die before it does)
    ledger.claimed.add("d-1")
    # When GitHub (or a person) redelivers it, the answer asks for another try instead of "already accepted"
    response = accept_delivery(delivery("workflow_job", real("workflow_job.completed.failure.json")), deps)
    assert response.status_code == 409
    assert "redeliver" in response.body["message"]
    assert queue.sent == []


def test_a_captured_body_replayed_under_new_delivery_ids_is_queued_once(deps: IngressDeps, queue: Queue) -> None:
    body = real("workflow_job.completed.failure.json")
    answers = [accept_delivery(delivery("workflow_job", body, delivery_id=f"replay-{n}"), deps) for n in range(5)]
    assert [answer.status_code for answer in answers] == [202, 200, 200, 200, 200]
    assert [item.delivery_id for item in queue.sent] == ["replay-0"]


def test_the_same_job_passing_after_failing_is_a_new_delivery(deps: IngressDeps, queue: Queue) -> None:
    failed = accept_delivery(delivery("workflow_job", job_payload(conclusion="failure"), delivery_id="f"), deps)
    passed = accept_delivery(delivery("workflow_job", job_payload(conclusion="success"), delivery_id="s"), deps)
    assert (failed.status_code, passed.status_code) == (202, 202)


def test_a_job_already_being_accepted_under_another_id_is_409_and_claims_nothing(
    deps: IngressDeps, ledger: Ledger, queue: Queue
) -> None:
    ledger.claimed.add("workflow_job/Codertocat/Hello-World#289782451/completed/failure")
    response = accept_delivery(
        delivery("workflow_job", real("workflow_job.completed.failure.json"), delivery_id="other"), deps
    )
    assert response.status_code == 409
    assert "other" not in ledger.claimed  # released: a redelivery of "other" is accepted later


def test_a_500_kb_job_name_is_cut_at_the_boundary_not_failed_downstream(roomy_deps: IngressDeps, queue: Queue) -> None:
    response = accept_delivery(delivery("workflow_job", job_payload(name="build " * 100_000)), roomy_deps)
    assert response.status_code == 202
    name = queue.sent[0].payload["workflow_job"]["name"]
    assert len(name) <= 512 and name.startswith("build build")
    assert len(queue.sent[0].to_json()) < 64 * 1024


def test_escape_sequences_in_names_never_reach_the_queue(deps: IngressDeps, queue: Queue) -> None:
    response = accept_delivery(
        delivery("workflow_job", job_payload(name="test \x1b]52;c;ZXZpbA==\x07(\x1b[31mlinux\x1b[0m)\x00")), deps
    )
    assert response.status_code == 202
    assert queue.sent[0].payload["workflow_job"]["name"] == "test (linux)"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("head_sha", "not-a-sha"),
        ("head_sha", "0" * 41),
        ("id", -1),
        ("id", 2**64),
        ("head_branch", "a" * 2000),
        ("head_branch", "main\x00"),
        ("html_url", "javascript:alert(1)"),
        ("conclusion", "FAILURE; DROP"),
    ],
)
def test_identifiers_without_github_s_shape_are_400(deps: IngressDeps, queue: Queue, field: str, value: Any) -> None:
    response = accept_delivery(delivery("workflow_job", job_payload(**{field: value})), deps)
    assert (response.status_code, queue.sent) == (400, [])


@pytest.mark.parametrize("full_name", ["no-slash", "a/b/c", "owner/" + "r" * 101, "../x", "owner/re po", ""])
def test_a_malformed_repository_full_name_is_400(deps: IngressDeps, queue: Queue, full_name: str) -> None:
    payload = json.loads(real("workflow_job.completed.failure.json"))
    payload["repository"]["full_name"] = full_name
    response = accept_delivery(delivery("workflow_job", json.dumps(payload).encode()), deps)
    assert (response.status_code, queue.sent) == (400, [])


def test_a_content_length_of_non_ascii_digits_is_not_a_crash(deps: IngressDeps, queue: Queue) -> None:
    # "²".isdigit() is True and int("²") raises: found by the ingress fuzz test (it was a 500).
    request = delivery("workflow_job", job_payload(conclusion="failure"))
    request = WebhookRequest(headers={**request.headers, "Content-Length": "²"}, body=request.body)

    assert accept_delivery(request, deps).status_code == 202
