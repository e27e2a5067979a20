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

    def to_json(self) -> str:
        return json.dumps(
            {
                "delivery_id": self.delivery_id,
                "event": self.event,
                "action": self.action,
                "payload": self.payload,
                "received_at": self.received_at.isoformat(),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> QueuedDelivery:
        data = json.loads(text)
        return cls(
            delivery_id=str(data["delivery_id"]),
            event=str(data["event"]),
            action=data.get("action") or data.get("payload", {}).get("action"),
            payload=dict(data["payload"]),
            received_at=datetime.fromisoformat(data["received_at"]),
        )


class AnalysisQueue(Protocol):
    """Where accepted deliveries wait for the worker (SQS in AWS and in the local stack)."""

    def send(self, delivery: QueuedDelivery) -> None: ...


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
