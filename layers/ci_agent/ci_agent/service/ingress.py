"""Accepting a webhook delivery: cheap rejects, signature on the raw body, parse, dedupe, enqueue.

GitHub gives a receiver 10 seconds; everything slow (log download, analysis, comments) happens in the worker.
Errors map to HTTP statuses in exactly one place, ``_STATUS``; bad input never becomes a 5xx.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ci_agent.service.deliveries import AnalysisQueue, DeliveryLedger, QueuedDelivery
from ci_agent.service.routes import router
from ci_agent.webhooks.signature import InvalidSignature, verify_signature

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 5 << 20  # GitHub caps payloads at 25 MB and API Gateway at 10 MB; ours are ~10 kB


class PayloadTooLarge(Exception):
    """The body is larger than we accept."""


class MalformedDelivery(Exception):
    """Headers or JSON body are not a GitHub delivery we can read."""


class QueueUnavailable(Exception):
    """The delivery was valid but could not be recorded or queued: GitHub should redeliver it."""


_STATUS: dict[type[Exception], int] = {
    InvalidSignature: 401,
    MalformedDelivery: 400,
    PayloadTooLarge: 413,
    QueueUnavailable: 503,
}


@dataclass(frozen=True, slots=True)
class WebhookRequest:
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers.items() if key.lower() == wanted), None)


@dataclass(frozen=True, slots=True)
class WebhookResponse:
    status_code: int
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class IngressDeps:
    # Resolved only for deliveries that pass the cheap checks; several while the secret is being rotated.
    webhook_secret: Callable[[], bytes | tuple[bytes, ...]]
    ledger: DeliveryLedger
    queue: AnalysisQueue
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


def accept_delivery(request: WebhookRequest, deps: IngressDeps) -> WebhookResponse:
    """Answer one delivery: 200/202 when handled or deliberately ignored, 4xx for bad input, 503 to retry."""
    try:
        return _accept(request, deps)
    except tuple(_STATUS) as exc:
        status = _STATUS[type(exc)]
        logger.warning(
            "webhook rejected",
            extra={"status": status, "reason": str(exc), "delivery_id": request.header("X-GitHub-Delivery")},
        )
        return WebhookResponse(status, {"message": str(exc)})


def _accept(request: WebhookRequest, deps: IngressDeps) -> WebhookResponse:
    declared = request.header("Content-Length")
    if len(request.body) > deps.max_body_bytes or (
        (declared or "0").isdigit() and int(declared or 0) > deps.max_body_bytes
    ):
        raise PayloadTooLarge(f"body larger than {deps.max_body_bytes} bytes")
    event = request.header("X-GitHub-Event")
    delivery_id = request.header("X-GitHub-Delivery")
    if not event or not delivery_id:
        raise MalformedDelivery("missing X-GitHub-Event or X-GitHub-Delivery header")

    verify_signature(deps.webhook_secret(), request.body, request.header("X-Hub-Signature-256"))

    try:
        payload = json.loads(request.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedDelivery(f"body is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise MalformedDelivery("body is not a JSON object")

    if event == "ping":
        return WebhookResponse(200, {"message": "pong", "zen": payload.get("zen")})
    action = payload.get("action") if isinstance(payload.get("action"), str) else None
    route = router.find(event, action)
    if route is None:
        logger.info("delivery ignored", extra={"event": event, "action": action, "delivery_id": delivery_id})
        return WebhookResponse(202, {"message": f"ignored: {event}.{action or '-'} is not handled"})
    try:
        model = route.model.model_validate(payload)
    except ValidationError as exc:
        raise MalformedDelivery(f"{event} payload is missing fields: {exc.error_count()} errors") from exc

    now = deps.clock()
    try:
        claimed = deps.ledger.claim(delivery_id, event, now)
    except Exception as exc:
        # Nothing was claimed: GitHub's redelivery of this id will be accepted.
        raise QueueUnavailable("could not record the delivery; redeliver it") from exc
    if not claimed:
        logger.info("duplicate delivery", extra={"delivery_id": delivery_id, "event": event})
        return WebhookResponse(200, {"message": "duplicate delivery: already accepted"})
    queued = QueuedDelivery(delivery_id, event, action, model.model_dump(mode="json"), now)
    try:
        deps.queue.send(queued)
    except Exception as exc:
        # Forget the claim so that GitHub's redelivery of this id is accepted, then ask for one.
        _release(deps.ledger, delivery_id)
        raise QueueUnavailable("could not queue the delivery; redeliver it") from exc
    _confirm(deps.ledger, delivery_id)
    logger.info("delivery accepted", extra={"delivery_id": delivery_id, "event": event, "action": action})
    return WebhookResponse(202, {"message": "accepted", "delivery_id": delivery_id})


def _confirm(ledger: DeliveryLedger, delivery_id: str) -> None:
    try:
        ledger.confirm(delivery_id)
    except Exception:
        # The delivery is queued, so still answer 202. Its claim lapses after the lease: a redelivery of this
        # id after that would be queued again, which the worker absorbs (it records each job once).
        logger.exception("delivery queued but its claim not confirmed", extra={"delivery_id": delivery_id})


def _release(ledger: DeliveryLedger, delivery_id: str) -> None:
    try:
        ledger.release(delivery_id)
    except Exception:
        # Still answer 503: the delivery was not queued. Its claim stays until the TTL, so a redelivery of
        # this id will be taken for a duplicate: say so loudly, the delivery must be replayed by hand.
        logger.exception(
            "delivery lost: not queued, and its claim could not be released", extra={"delivery_id": delivery_id}
        )
