"""AnalyzerWorkerFunction: SQS batch of accepted deliveries -> fetch job logs, analyse, record, comment.

A record that fails is reported back to SQS alone (partial batch response) and retried; after the queue's
maxReceiveCount it lands in the dead-letter queue, so a slow or failing GitHub API loses nothing.

A record is started only when it can finish before the function's timeout, and runs within a time budget
(``process_within``): a hung GitHub holds one record, not the batch. A permanent error (``is_permanent``: a payload
no version can read, GitHub's 404/410/422) is logged with the message and dropped instead of retried five times.

A rate limit is not a failure: the delivery is queued again to start after GitHub's reset, carrying how often it
waited (``wait_for_rate_limit``), and the message GitHub refused is deleted, so waiting uses none of the receives
the queue allows before its dead-letter queue. After MAX_RATE_LIMIT_WAITS waits it takes the failure path.

A message that cannot even be parsed takes the retry path on purpose: it is logged as such, and the queue's
retries give a worker deployed a moment later (an ingress and a worker briefly at different versions) the chance
to read it; if none can, it ends in the dead-letter queue, whose alarm calls a human, with the message intact.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from ci_agent.github.errors import RateLimited
from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.worker import NoTimeLeft, is_permanent, process_within, send_on_if_early, wait_for_rate_limit
from ci_agent.wiring import analysis_queue, worker_context

logger = Logger()
# The use cases log through the standard library ("ci_agent.*"). Lambda's root logger drops INFO and prints
# plain text: give them this logger's JSON handler, level and keys (delivery id included).
copy_config_to_registered_loggers(source_logger=logger, include={"ci_agent"})
tracer = Tracer()
# Without a namespace every flush raises, failing whole batches after their work is done (and retrying them).
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "CiAgent")
processor = BatchProcessor(event_type=EventType.SQS)


@tracer.capture_method
def record_handler(record: SQSRecord, lambda_context: LambdaContext) -> None:
    logger.remove_keys(["delivery_id", "github_event"])
    logger.set_correlation_id(record.message_id)
    try:
        delivery = QueuedDelivery.from_json(record.body)
    except Exception:
        logger.exception("unreadable queued delivery: it will be retried, then dead-lettered")
        metrics.add_metric(name="UnreadableDelivery", unit=MetricUnit.Count, value=1)
        raise
    logger.set_correlation_id(delivery.delivery_id)
    logger.append_keys(delivery_id=delivery.delivery_id, github_event=delivery.event)
    if send_on_if_early(delivery, analysis_queue(), datetime.now(UTC)):
        logger.info(
            "delivery sent on: GitHub's rate limit has not reset yet", extra={"not_before": delivery.not_before}
        )
        return
    try:
        process_within(delivery, worker_context(), lambda_context.get_remaining_time_in_millis() / 1000)
    except NoTimeLeft:
        logger.info("delivery put back: too little time left in this invocation")
        metrics.add_metric(name="DeliveryDeferred", unit=MetricUnit.Count, value=1)
        _retry_in(record, seconds=0)
        raise
    except RateLimited as exc:
        # Come back when GitHub says we may, not after the queue's default visibility timeout.
        logger.warning(
            "GitHub rate limit: retrying the delivery later",
            extra={"retry_after": exc.retry_after_seconds, "rate_limit_waits": delivery.rate_limit_waits},
        )
        metrics.add_metric(name="GitHubRateLimited", unit=MetricUnit.Count, value=1)
        try:
            if wait_for_rate_limit(delivery, exc.retry_after_seconds, analysis_queue(), datetime.now(UTC)):
                return  # its successor waits for the reset; this message is deleted
            logger.warning("rate limited too often: the queue's retries and dead-letter queue apply from now")
            metrics.add_metric(name="RateLimitWaitsExhausted", unit=MetricUnit.Count, value=1)
        except Exception:
            logger.exception("could not queue the delivery to wait for the reset: the queue's retries apply")
        _retry_in(record, seconds=exc.retry_after_seconds)
        raise
    except Exception as exc:
        if is_permanent(exc):
            # Five more tries would fail the same way: say what was dropped, with the message to replay it by hand.
            logger.exception("delivery dropped: permanent error", extra={"message_body": record.body[:16384]})
            metrics.add_metric(name="DeliveryDropped", unit=MetricUnit.Count, value=1)
            return
        # The batch processor only reports the failure to SQS: say here what went wrong, or nobody will know.
        logger.exception("delivery failed: the queue will retry it")
        metrics.add_metric(name="DeliveryFailed", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name="DeliveryProcessed", unit=MetricUnit.Count, value=1)


def _retry_in(record: SQSRecord, *, seconds: int) -> None:
    try:
        analysis_queue().retry_later(record.receipt_handle, seconds)
    except Exception:
        logger.exception("could not set when to retry: the queue's visibility timeout applies")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
