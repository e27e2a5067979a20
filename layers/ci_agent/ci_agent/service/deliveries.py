"""A webhook delivery as it travels from the ingress function to the analysis worker through the queue."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True, slots=True)
class QueuedDelivery:
    """One accepted delivery. The payload is the typed model's dump, not GitHub's raw body, so it stays small."""

    delivery_id: str
    event: str
    action: str | None
    payload: dict[str, Any]
    received_at: datetime
    # How often GitHub's rate limit sent this delivery back to wait for its reset (waits, not failures), and
    # when that reset is: the worker does not start it before.
    rate_limit_waits: int = 0
    not_before: datetime | None = None

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "delivery_id": self.delivery_id,
            "event": self.event,
            "action": self.action,
            "payload": self.payload,
            "received_at": self.received_at.isoformat(),
        }
        if self.rate_limit_waits:
            data["rate_limit_waits"] = self.rate_limit_waits
        if self.not_before is not None:
            data["not_before"] = self.not_before.isoformat()
        return json.dumps(data)

    @classmethod
    def from_json(cls, text: str) -> QueuedDelivery:
        data = json.loads(text)
        not_before = data.get("not_before")
        return cls(
            delivery_id=str(data["delivery_id"]),
            event=str(data["event"]),
            action=data.get("action") or data.get("payload", {}).get("action"),
            payload=dict(data["payload"]),
            received_at=datetime.fromisoformat(data["received_at"]),
            rate_limit_waits=int(data.get("rate_limit_waits") or 0),
            not_before=None if not_before is None else datetime.fromisoformat(not_before),
        )


class AnalysisQueue(Protocol):
    """Where accepted deliveries wait for the worker (SQS in AWS and in the local stack)."""

    def send(self, delivery: QueuedDelivery) -> None: ...


class DelayingQueue(Protocol):
    """The same queue as the worker uses it: a delivery put back to be received again only after a delay."""

    def send_later(self, delivery: QueuedDelivery, delay_seconds: int) -> None: ...


class DeliveryLedger(Protocol):
    """Remembers which X-GitHub-Delivery ids were accepted, so a redelivery changes nothing.

    A claim is a short lease until it is confirmed: if the function dies between claiming and queueing (a
    timeout, a crash), a redelivery after the lease is accepted instead of being taken for a duplicate.
    """

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool: ...

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        """Whether ``delivery_id`` is claimed, its lease running, and not yet confirmed."""
        ...

    def confirm(self, delivery_id: str) -> None: ...

    def release(self, delivery_id: str) -> None: ...
