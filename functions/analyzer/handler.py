"""AnalyzerFunction: POST /webhook. Verifies and dedupes a GitHub delivery, queues it, answers within GitHub's 10 s."""

from __future__ import annotations

import base64
import json
import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from ci_agent.service.ingress import WebhookRequest, accept_delivery
from ci_agent.wiring import ingress_deps

logger = Logger()
# The use cases log through the standard library ("ci_agent.*"). Lambda's root logger drops INFO and prints
# plain text: give them this logger's JSON handler, level and keys (correlation id included).
copy_config_to_registered_loggers(source_logger=logger, include={"ci_agent"})
# Without a namespace every flush raises, and every webhook would get a 5xx: the template sets it, this backs it up.
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "CiAgent")
# No Powertools Tracer here: the X-Ray SDK it loads costs ~200 ms of cold start on a path GitHub times at 10 s,
# while the function's active tracing (template Globals) already records each invocation. The worker, where
# GitHub and DynamoDB calls take the time, traces them with the SDK.


def _raw_body(event: APIGatewayProxyEvent) -> bytes:
    # The signature covers GitHub's exact bytes: decode what API Gateway encoded, nothing more.
    body = event.body or ""
    return base64.b64decode(body) if event.is_base64_encoded else body.encode("utf-8")


@logger.inject_lambda_context
@metrics.log_metrics
@event_source(data_class=APIGatewayProxyEvent)
def handler(event: APIGatewayProxyEvent, context: LambdaContext) -> dict[str, Any]:
    request = WebhookRequest(headers=dict(event.headers or {}), body=_raw_body(event))
    # The delivery id is the correlation id, whatever case the header arrived in (a JMESPath is case-sensitive).
    logger.set_correlation_id(request.header("X-GitHub-Delivery"))
    response = accept_delivery(request, ingress_deps())
    metrics.add_metric(name=f"Webhook{response.status_code}", unit=MetricUnit.Count, value=1)
    return {
        "statusCode": response.status_code,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(response.body),
    }
