"""Accepting a webhook delivery: cheap rejects, signature on the raw body, parse, dedupe, enqueue.

GitHub gives a receiver 10 seconds; everything slow (log download, analysis, comments) happens in the worker.
Errors map to HTTP statuses in exactly one place, ``_STATUS``; bad input never becomes a 5xx.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ci_agent.service.deliveries import AnalysisQueue, DeliveryLedger, QueuedDelivery
from ci_agent.service.routes import router
from ci_agent.webhooks.models import IdentifiedEvent
from ci_agent.webhooks.signature import InvalidSignature, verify_signature

logger = logging.getLogger(__name__)

DEFAULT_MAX_BODY_BYTES = 5 << 20  # GitHub caps payloads at 25 MB and API Gateway at 10 MB; ours are ~10 kB
# X-GitHub-Delivery is a GUID (GitHub and GitHub Enterprise Server alike). The header is not signed: anything
# longer or stranger is refused before it is used as a DynamoDB key (2,048 bytes at most) or logged.
_DELIVERY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,127}")
# GitHub's event names: lower case words joined by underscores ("workflow_job", "pull_request_review").
_EVENT_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
# GitHub's payloads nest about eight levels deep. How deep json.loads goes before a RecursionError depends on
# the interpreter (about 1,000 on 3.11; 3.12+ counts the C stack instead and reads far deeper), so the limit
# is ours: the same answer on the local 3.11 and on Lambda's 3.13.
MAX_NESTING = 64


class PayloadTooLarge(Exception):
    """The body is larger than we accept."""


class MalformedDelivery(Exception):
    """Headers or JSON body are not a GitHub delivery we can read."""


class QueueUnavailable(Exception):
    """The delivery was valid but could not be recorded or queued: GitHub should redeliver it."""


class DeliveryInFlight(Exception):
    """The same delivery (or another one for the same job) was claimed moments ago and is not queued yet: the
    first attempt may still die before queueing, so this one is not acknowledged; redeliver it in a minute."""


_STATUS: dict[type[Exception], int] = {
    InvalidSignature: 401,
    MalformedDelivery: 400,
    DeliveryInFlight: 409,
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
        delivery_id = request.header("X-GitHub-Delivery")
        logger.warning(
            "webhook rejected",
            extra={
                "status": status,
                "reason": str(exc),
                # Unsigned: logged only when it has the shape of a delivery id, or as its length.
                "delivery_id": delivery_id if valid_delivery_id(delivery_id) else _described(delivery_id),
            },
        )
        return WebhookResponse(status, {"message": str(exc)})


def valid_delivery_id(value: str | None) -> bool:
    """Whether ``value`` has the shape of an X-GitHub-Delivery id."""
    return value is not None and _DELIVERY_ID.fullmatch(value) is not None


def _described(value: str | None) -> str | None:
    return None if value is None else f"<invalid, {len(value)} characters>"


def _accept(request: WebhookRequest, deps: IngressDeps) -> WebhookResponse:
    declared = request.header("Content-Length") or "0"
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses (hypothesis found it: a 500).
    if len(request.body) > deps.max_body_bytes or (
        declared.isascii() and declared.isdigit() and int(declared) > deps.max_body_bytes
    ):
        raise PayloadTooLarge(f"body larger than {deps.max_body_bytes} bytes")
    event = request.header("X-GitHub-Event")
    delivery_id = request.header("X-GitHub-Delivery")
    if not event or not delivery_id:
        raise MalformedDelivery("missing X-GitHub-Event or X-GitHub-Delivery header")
    if not valid_delivery_id(delivery_id):
        raise MalformedDelivery("X-GitHub-Delivery is not a delivery id (letters, digits and '-', at most 128)")
    if _EVENT_NAME.fullmatch(event) is None:
        raise MalformedDelivery("X-GitHub-Event is not an event name (lower case and '_', at most 64)")

    verify_signature(deps.webhook_secret(), request.body, request.header("X-Hub-Signature-256"))

    try:
        payload = json.loads(request.body)
    except RecursionError as exc:
        raise MalformedDelivery("body is nested too deeply") from exc
    except (UnicodeDecodeError, ValueError) as exc:
        # ValueError covers JSONDecodeError and integers longer than Python converts (4,300 digits).
        raise MalformedDelivery(f"body is not JSON we can read: {str(exc)[:200]}") from exc
    if not isinstance(payload, dict):
        raise MalformedDelivery("body is not a JSON object")
    if _nested_deeper_than(payload, MAX_NESTING):
        raise MalformedDelivery(f"body is nested more than {MAX_NESTING} levels deep")

    if event == "ping":
        zen = payload.get("zen")
        return WebhookResponse(200, {"message": "pong", "zen": zen[:200] if isinstance(zen, str) else None})
    action = payload.get("action") if isinstance(payload.get("action"), str) else None
    route = router.find(event, action)
    if route is None:
        shown = action if action is not None and _EVENT_NAME.fullmatch(action) else "-"
        logger.info("delivery ignored", extra={"event": event, "action": shown, "delivery_id": delivery_id})
        return WebhookResponse(202, {"message": f"ignored: {event}.{shown} is not handled"})
    try:
        model = route.model.model_validate(payload)
    except ValidationError as exc:
        raise MalformedDelivery(
            f"{event} payload is missing or has malformed fields: {exc.error_count()} errors"
        ) from exc
    except RecursionError as exc:  # pragma: no cover - json.loads refuses such depth first
        raise MalformedDelivery("body is nested too deeply") from exc

    now = deps.clock()
    # The delivery id, then the job or run it reports: a captured body replayed under new delivery ids (the
    # header is not signed) is acknowledged as a duplicate instead of costing GitHub API calls each time.
    claims = [delivery_id]
    identity = model.identity() if isinstance(model, IdentifiedEvent) else None
    if identity is not None:
        claims.append(identity)
    taken: list[str] = []
    for key in claims:
        if not _claim(deps.ledger, key, event, now):
            for earlier in taken:
                _release(deps.ledger, earlier)
            if _in_flight(deps.ledger, key, now):
                raise DeliveryInFlight("this delivery is being accepted right now: redeliver it in a minute")
            logger.info(
                "duplicate delivery",
                extra={
                    "delivery_id": delivery_id,
                    "event": event,
                    "same_as": "delivery" if key == delivery_id else key,
                },
            )
            return WebhookResponse(200, {"message": "duplicate delivery: already accepted"})
        taken.append(key)
    queued = QueuedDelivery(delivery_id, event, action, model.model_dump(mode="json"), now)
    try:
        deps.queue.send(queued)
    except Exception as exc:
        # Forget the claims so that GitHub's redelivery of this id is accepted, then ask for one.
        for key in taken:
            _release(deps.ledger, key)
        raise QueueUnavailable("could not queue the delivery; redeliver it") from exc
    for key in taken:
        _confirm(deps.ledger, key)
    logger.info("delivery accepted", extra={"delivery_id": delivery_id, "event": event, "action": action})
    return WebhookResponse(202, {"message": "accepted", "delivery_id": delivery_id})


def _claim(ledger: DeliveryLedger, key: str, event: str, now: datetime) -> bool:
    try:
        return ledger.claim(key, event, now)
    except Exception as exc:
        # Nothing was claimed: GitHub's redelivery of this id will be accepted.
        raise QueueUnavailable("could not record the delivery; redeliver it") from exc


def _in_flight(ledger: DeliveryLedger, key: str, now: datetime) -> bool:
    try:
        return ledger.in_flight(key, now)
    except Exception as exc:
        raise QueueUnavailable("could not read the delivery's state; redeliver it") from exc


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


def _nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays nest more than ``limit`` levels, walked without recursion."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
