"""A rate-limited delivery waits for GitHub's reset as a new SQS message (the moto server, over HTTP): how the
worker puts it back, what the message carries, and when the queue's own retries take over."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from ci_agent.queueing import SqsAnalysisQueue
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.worker import MAX_RATE_LIMIT_WAITS, send_on_if_early, wait_for_rate_limit

pytestmark = pytest.mark.integration

NOW = datetime(2026, 11, 29, 18, 0, tzinfo=UTC)


@pytest.fixture
def sqs(moto_endpoint: str) -> Any:
    return boto3.client("sqs", endpoint_url=moto_endpoint, region_name="us-east-1")


@pytest.fixture
def queue_url(sqs: Any) -> Iterator[str]:
    url = sqs.create_queue(QueueName=f"analysis-{time.monotonic_ns()}")["QueueUrl"]
    yield url
    sqs.delete_queue(QueueUrl=url)


def delivery(**fields: Any) -> QueuedDelivery:
    return QueuedDelivery(
        "d-1", "workflow_job", "completed", {"workflow_job": {"id": 1}}, NOW - timedelta(minutes=5), **fields
    )


def receive(sqs: Any, url: str) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = sqs.receive_message(
        QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0, AttributeNames=["All"]
    ).get("Messages", [])
    return messages


def delayed(sqs: Any, url: str) -> int:
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessagesDelayed"])
    return int(attributes["Attributes"]["ApproximateNumberOfMessagesDelayed"])


def test_a_rate_limited_delivery_comes_back_after_the_reset_as_a_new_message_that_counts_its_wait(
    sqs: Any, queue_url: str
) -> None:
    queue = SqsAnalysisQueue(sqs, queue_url)

    assert wait_for_rate_limit(delivery(), 2, queue, NOW)

    # Hidden until GitHub's reset, then received as a first receive: the wait used none of the failures' receives
    assert receive(sqs, queue_url) == [] and delayed(sqs, queue_url) == 1
    time.sleep(2.5)
    [message] = receive(sqs, queue_url)
    assert message["Attributes"]["ApproximateReceiveCount"] == "1"
    again = QueuedDelivery.from_json(message["Body"])
    assert again == delivery(rate_limit_waits=1, not_before=NOW + timedelta(seconds=2))


def test_a_wait_longer_than_sqs_can_delay_is_sent_on_until_the_reset(sqs: Any, queue_url: str) -> None:
    queue = SqsAnalysisQueue(sqs, queue_url)
    # GitHub's primary limit resets within the hour; SQS delays a message 15 minutes at most.
    waiting = delivery(rate_limit_waits=3, not_before=NOW + timedelta(minutes=40))

    assert send_on_if_early(waiting, queue, NOW + timedelta(minutes=15))
    assert delayed(sqs, queue_url) == 1  # sent on, the count of waits unchanged (no new rate limit)
    assert not send_on_if_early(waiting, queue, NOW + timedelta(minutes=40))
    assert not send_on_if_early(delivery(), queue, NOW)
    assert delayed(sqs, queue_url) == 1


def test_a_delivery_that_has_waited_the_most_it_may_is_left_to_the_queue_s_retries(sqs: Any, queue_url: str) -> None:
    queue = SqsAnalysisQueue(sqs, queue_url)

    assert not wait_for_rate_limit(delivery(rate_limit_waits=MAX_RATE_LIMIT_WAITS), 1, queue, NOW)

    assert delayed(sqs, queue_url) == 0 and receive(sqs, queue_url) == []


def test_a_queued_delivery_without_waits_reads_as_before() -> None:
    # Messages queued by an ingress that knows nothing of waits (or before this version) read unchanged.
    plain = delivery()
    assert "rate_limit_waits" not in plain.to_json() and "not_before" not in plain.to_json()
    assert QueuedDelivery.from_json(plain.to_json()) == plain
