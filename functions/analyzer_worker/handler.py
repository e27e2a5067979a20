"""AnalyzerWorkerFunction: SQS batch of accepted deliveries -> fetch job logs, analyse, record, comment.

A record that fails is reported back to SQS alone (partial batch response) and retried; after the queue's
maxReceiveCount it lands in the dead-letter queue, so a slow or failing GitHub API loses nothing.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ci_agent.github.errors import RateLimited
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.worker import process_delivery
from ci_agent.wiring import analysis_queue, worker_context

logger = Logger()
tracer = Tracer()
metrics = Metrics()
processor = BatchProcessor(event_type=EventType.SQS)


@tracer.capture_method
def record_handler(record: SQSRecord) -> None:
    delivery = QueuedDelivery.from_json(record.body)
    logger.append_keys(delivery_id=delivery.delivery_id, github_event=delivery.event)
    try:
        process_delivery(delivery, worker_context())
    except RateLimited as exc:
        # Come back when GitHub says we may, not after the queue's default visibility timeout.
        analysis_queue().retry_later(record.receipt_handle, exc.retry_after_seconds)
        metrics.add_metric(name="GitHubRateLimited", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name="DeliveryProcessed", unit=MetricUnit.Count, value=1)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
