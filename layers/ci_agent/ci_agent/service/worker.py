"""The analysis worker: one queued delivery in, its use case run, within a time budget.

What the queue should do with a delivery that failed is decided here, on the error's type alone:
:func:`is_permanent` errors (a payload no version of us can read, GitHub refusing for good, an item DynamoDB will
never accept) would fail the same way five times, so the worker logs them whole and drops them; anything else
(rate limits, outages, a spent time budget, an error we do not know) goes back to the queue to be retried and,
if it keeps failing, waits intact in the dead-letter queue.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ci_agent import deadline
from ci_agent.github.errors import GitHubError
from ci_agent.service.deliveries import DelayingQueue, QueuedDelivery
from ci_agent.service.routes import router
from ci_agent.store.errors import ItemRefused

if TYPE_CHECKING:
    from ci_agent.service.failures import WorkerContext

logger = logging.getLogger(__name__)

# One delivery: a log download, a few DynamoDB calls and a comment take seconds; a minute means GitHub hangs.
RECORD_BUDGET_SECONDS = 60.0
# What a call already under way may still take when the budget runs out (the gateway's per-call timeout, plus
# the store's), so that a record is only started when it can finish before the function's own timeout.
CALL_GRACE_SECONDS = 20.0
MIN_RECORD_SECONDS = 10.0
# GitHub's answers that mean "this request will never succeed": the thing is not there, or the request is invalid.
# 401 and 403 are left out: they mean our credentials or the App's permissions, which an admin fixes; those
# deliveries must wait in the dead-letter queue for a redrive, not be dropped.
PERMANENT_GITHUB_STATUSES = frozenset({404, 410, 422})
# DynamoDB's answer to an item over 400 KB or an attribute it cannot index: the same item fails every time.
_PERMANENT_STORE_CODES = frozenset({"ValidationException"})


# A rate limit is not a failure: the delivery waits for GitHub's reset as a new message (SQS delays one by at most
# 15 minutes; a longer wait is made of several, each sent on when received early), so the queue's five receives
# stay for real failures. The wait is bounded by SQS's own ceiling for hiding a message (12 hours), and a delivery
# that has waited MAX_RATE_LIMIT_WAITS times (a day of GitHub's hourly resets) takes the failure path after all.
MAX_RATE_LIMIT_WAIT_SECONDS = 12 * 60 * 60
MAX_RATE_LIMIT_WAITS = 24


class NoTimeLeft(Exception):
    """Not started: the function would time out before the delivery could finish. The queue retries it."""


def process_delivery(delivery: QueuedDelivery, ctx: WorkerContext) -> Any:
    route = router.find(delivery.event, delivery.action)
    if route is None:
        # Queued by an older or newer version that handled more events: nothing to do, nothing to retry.
        logger.warning(
            "no handler for queued delivery",
            extra={"event": delivery.event, "action": delivery.action, "delivery_id": delivery.delivery_id},
        )
        return None
    event = route.model.model_validate(delivery.payload)
    logger.info(
        "processing delivery",
        extra={"delivery_id": delivery.delivery_id, "event": delivery.event, "action": delivery.action},
    )
    return route.handler(event, ctx)


def record_budget(function_seconds_left: float) -> float:
    """The time one delivery may take, given what is left of the function's own timeout."""
    return min(RECORD_BUDGET_SECONDS, function_seconds_left - CALL_GRACE_SECONDS)


def process_within(delivery: QueuedDelivery, ctx: WorkerContext, function_seconds_left: float) -> Any:
    """:func:`process_delivery` within :func:`record_budget`; :class:`NoTimeLeft` when that is too short to
    start, so the function returns before its timeout instead of failing the whole batch."""
    seconds = record_budget(function_seconds_left)
    if seconds < MIN_RECORD_SECONDS:
        raise NoTimeLeft(f"{function_seconds_left:.0f} s left in this invocation: too little to start a delivery")
    with deadline.budget(seconds):
        return process_delivery(delivery, ctx)


def wait_for_rate_limit(
    delivery: QueuedDelivery, retry_after_seconds: int, queue: DelayingQueue, now: datetime
) -> bool:
    """Queue ``delivery`` again to start after GitHub's reset, carrying one more wait, so that the message GitHub
    refused can be deleted instead of counting a receive. False when the delivery has waited
    :data:`MAX_RATE_LIMIT_WAITS` times already: then the queue's retries (and its dead-letter queue) apply."""
    if delivery.rate_limit_waits >= MAX_RATE_LIMIT_WAITS:
        return False
    wait = max(1, min(retry_after_seconds, MAX_RATE_LIMIT_WAIT_SECONDS))
    later = replace(delivery, rate_limit_waits=delivery.rate_limit_waits + 1, not_before=now + timedelta(seconds=wait))
    queue.send_later(later, wait)
    return True


def send_on_if_early(delivery: QueuedDelivery, queue: DelayingQueue, now: datetime) -> bool:
    """Queue ``delivery`` again for the time left if GitHub's reset it waits for is still to come (a wait longer
    than SQS's 15-minute delay); True when it was, and this message is done."""
    if delivery.not_before is None or delivery.not_before <= now:
        return False
    left = math.ceil((delivery.not_before - now).total_seconds())
    queue.send_later(delivery, left)
    return True


def is_permanent(exc: BaseException) -> bool:
    """Whether retrying the delivery that raised ``exc`` could not succeed."""
    if isinstance(exc, ValidationError | ItemRefused):
        return True
    if isinstance(exc, GitHubError):
        return not exc.retryable and exc.status in PERMANENT_GITHUB_STATUSES
    cause: BaseException | None = exc
    while cause is not None:
        if getattr(cause, "cause_response_code", None) in _PERMANENT_STORE_CODES:
            return True
        cause = cause.__cause__
    return False
