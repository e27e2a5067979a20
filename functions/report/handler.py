"""ReportFunction: the weekly CI intelligence report, on EventBridge's schedule or invoked on demand.

Scheduled: EventBridge's "Scheduled Event" (its ``time`` ends the period) reports every owner in REPORT_OWNERS.
On demand: ``{"owner": "acme"}`` or ``{"repo": "acme/shop"}``, optionally ``"end"`` (ISO 8601, with a zone),
``"days"`` and ``"publish": false`` (build and return the report without storing it or opening the issue).
"""

from __future__ import annotations

import os
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from ci_agent.config import settings
from ci_agent.service.reports import ReportInvocation, run_reports
from ci_agent.wiring import report_deps

logger = Logger()
copy_config_to_registered_loggers(source_logger=logger, include={"ci_agent"})
tracer = Tracer()
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "CiAgent")


@logger.inject_lambda_context(log_event=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    invocation = ReportInvocation.model_validate(event)
    config = settings()
    published = run_reports(
        invocation,
        report_deps(config, publish=invocation.publish),
        configured_owners=config.report_owners,
        default_days=config.report_period_days,
    )
    metrics.add_metric(name="ReportsPublished", unit=MetricUnit.Count, value=len(published))
    return {"reports": [report.summary() for report in published]}
