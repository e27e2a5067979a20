"""What the worker does with a delivery that failed: retry what may succeed later, drop what never will."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from pynamodb.exceptions import PutError

from ci_agent import deadline
from ci_agent.github.errors import GitHubError, GitHubUnavailable, LogsUnavailable, RateLimited
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.worker import (
    MAX_RATE_LIMIT_WAIT_SECONDS,
    NoTimeLeft,
    is_permanent,
    process_within,
    record_budget,
    wait_for_rate_limit,
)
from ci_agent.store.errors import ItemRefused, StoreError
from ci_agent.webhooks.models import WorkflowJobEvent


def _validation_error() -> ValidationError:
    try:
        WorkflowJobEvent.model_validate({"action": "completed"})
    except ValidationError as exc:
        return exc
    raise AssertionError("the payload should not validate")


def _store_error(code: str) -> StoreError:
    cause = PutError("put failed")
    cause.cause = type("Cause", (Exception,), {"response": {"Error": {"Code": code, "Message": "m"}}})()
    error = StoreError("could not save")
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (_validation_error(), True),
        (GitHubError("comment refused", status=422), True),
        (GitHubError("no such repository", status=404), True),
        (LogsUnavailable("gone", status=410), True),
        (GitHubError("bad credentials", status=401), False),  # an admin fixes it; the delivery waits in the DLQ
        (GitHubError("App lacks a permission", status=403), False),
        (GitHubError("no Location header"), False),
        (GitHubUnavailable("502", status=502), False),
        (RateLimited("slow down", status=429, retry_after_seconds=60), False),
        (deadline.DeadlineExceeded("spent"), False),
        (ConnectionError("DynamoDB unreachable"), False),
        (KeyError("a bug"), False),  # a bug: kept for a redrive once fixed
    ],
    ids=repr,
)
def test_only_errors_that_would_repeat_forever_are_permanent(error: BaseException, permanent: bool) -> None:
    assert is_permanent(error) is permanent


def test_an_item_dynamodb_will_never_accept_is_permanent() -> None:
    assert is_permanent(_store_error("ValidationException"))
    assert is_permanent(ItemRefused("a transaction cancelled for the item's size"))
    assert not is_permanent(_store_error("ProvisionedThroughputExceededException"))


def test_a_record_is_not_started_when_the_function_would_time_out_first() -> None:
    delivery = QueuedDelivery("d-1", "workflow_job", "completed", {}, datetime(2026, 11, 29, tzinfo=UTC))
    with pytest.raises(NoTimeLeft):
        process_within(delivery, ctx=None, function_seconds_left=25)  # type: ignore[arg-type]


def test_a_record_s_budget_is_a_minute_or_what_the_function_has_left() -> None:
    assert record_budget(300) == 60
    assert record_budget(50) == 30


def test_the_budget_is_visible_to_the_calls_made_within_it() -> None:
    seen: list[Any] = []

    def use_case(event: Any, ctx: Any) -> None:
        seen.append(deadline.remaining())

    delivery = QueuedDelivery("d-1", "nothing_we_handle", None, {}, datetime(2026, 11, 29, tzinfo=UTC))
    assert process_within(delivery, ctx=None, function_seconds_left=300) is None  # type: ignore[arg-type]
    with deadline.budget(0.05):
        inner = deadline.remaining()
        assert inner is not None and 0 < inner <= 0.05
        with deadline.budget(10):  # an inner budget never extends the outer one
            assert (deadline.remaining() or 0) <= 0.05
        time.sleep(0.06)
        with pytest.raises(deadline.DeadlineExceeded):
            deadline.check("a call")
        assert deadline.clamp(15) == 0.1
    assert deadline.remaining() is None and deadline.clamp(15) == 15
    assert seen == []


class RecordingQueue:
    def __init__(self) -> None:
        self.sent: list[tuple[QueuedDelivery, int]] = []

    def send_later(self, delivery: QueuedDelivery, delay_seconds: int) -> None:
        self.sent.append((delivery, delay_seconds))


def test_a_rate_limit_wait_is_at_least_a_second_and_at_most_what_sqs_can_hide_a_message_for() -> None:
    now = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)
    delivery = QueuedDelivery("d-1", "workflow_job", "completed", {}, now)
    queue = RecordingQueue()

    assert wait_for_rate_limit(delivery, 3 * 24 * 3600, queue, now)  # a reset days away (a wrong clock, say)
    assert wait_for_rate_limit(delivery, 0, queue, now)  # "retry now"

    [(far, far_delay), (near, near_delay)] = queue.sent
    assert (far.not_before, far_delay) == (now + timedelta(seconds=MAX_RATE_LIMIT_WAIT_SECONDS), 12 * 3600)
    assert (near.not_before, near_delay) == (now + timedelta(seconds=1), 1)
    assert far.rate_limit_waits == near.rate_limit_waits == 1
