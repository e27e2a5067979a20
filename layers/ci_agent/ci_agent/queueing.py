"""The SQS queue between the webhook ingress and the analysis worker, behind a small gateway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ci_agent.service.deliveries import QueuedDelivery

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient

MAX_VISIBILITY_SECONDS = 12 * 60 * 60  # SQS's ceiling for ChangeMessageVisibility
MAX_DELAY_SECONDS = 15 * 60  # SQS's ceiling for a message's DelaySeconds


class SqsAnalysisQueue:
    """``AnalysisQueue`` over an SQS queue URL; the boto3 client is created by the caller (endpoint included)."""

    def __init__(self, client: SQSClient, queue_url: str) -> None:
        self._client = client
        self._url = queue_url

    def send(self, delivery: QueuedDelivery) -> None:
        self._client.send_message(
            QueueUrl=self._url,
            MessageBody=delivery.to_json(),
            MessageAttributes={"event": {"DataType": "String", "StringValue": delivery.event}},
        )

    def send_later(self, delivery: QueuedDelivery, delay_seconds: int) -> None:
        """Queue ``delivery`` to be received no sooner than ``delay_seconds`` from now, or SQS's ceiling of 15
        minutes if that is sooner: the delivery says when it is due (``not_before``), and is sent on if early."""
        self._client.send_message(
            QueueUrl=self._url,
            MessageBody=delivery.to_json(),
            MessageAttributes={"event": {"DataType": "String", "StringValue": delivery.event}},
            DelaySeconds=max(0, min(delay_seconds, MAX_DELAY_SECONDS)),
        )

    def retry_later(self, receipt_handle: str, seconds: int) -> None:
        """Keep a message hidden for ``seconds`` (GitHub asked us to wait) instead of the queue's default."""
        self._client.change_message_visibility(
            QueueUrl=self._url,
            ReceiptHandle=receipt_handle,
            VisibilityTimeout=max(0, min(seconds, MAX_VISIBILITY_SECONDS)),
        )
