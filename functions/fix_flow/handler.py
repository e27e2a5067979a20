"""FixFlowFunction: the fix flow's task steps (plan, attempt, await and record the verdict), called by the state
machine in infra/statemachine/fix_flow.asl.json with an ``action`` and that step's input.

Errors are named for the state machine's Retry and Catch: ``GitHubUnavailable`` (5xx, timeouts) and
``StoreError`` are retried with backoff and jitter; ``GitHubRateLimited`` carries the seconds until GitHub's reset
as its message, and the state machine waits that long before the step runs again.
"""

from __future__ import annotations

import os
from typing import Annotated, Any, Literal

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from ci_agent.github.errors import RateLimited
from ci_agent.service import fixes
from ci_agent.wiring import fix_flow_context

logger = Logger()
copy_config_to_registered_loggers(source_logger=logger, include={"ci_agent"})
tracer = Tracer()
metrics = Metrics(namespace=os.environ.get("POWERTOOLS_METRICS_NAMESPACE") or "CiAgent")


class GitHubRateLimited(Exception):
    """GitHub's rate limit: the message is the number of seconds to wait, for the state machine's Wait."""


class _Step(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class PlanStep(_Step):
    action: Literal["plan"]
    failure_id: str


class AttemptStep(_Step):
    action: Literal["attempt"]
    failure_id: str
    candidate: fixes.Candidate
    try_number: int = Field(ge=0)
    execution: str | None = None


class AwaitVerdictStep(_Step):
    action: Literal["await_verdict"]
    verdict_key: str
    task_token: str


class RecordVerdictStep(_Step):
    action: Literal["record_verdict"]
    attempt_id: str
    verdict: str
    detail: str = ""


class RecordTimeoutStep(_Step):
    action: Literal["record_timeout"]
    attempt_id: str


class RecordErrorStep(_Step):
    """The whole execution state at the failed step: which parts exist depends on where it failed."""

    action: Literal["record_error"]
    state: dict[str, Any]

    @property
    def failure_id(self) -> str:
        return str(self.state.get("failure_id", ""))

    @property
    def attempt_id(self) -> str | None:
        attempt = self.state.get("attempt")
        return str(attempt["attempt_id"]) if isinstance(attempt, dict) and attempt.get("attempt_id") else None

    @property
    def error(self) -> tuple[str, str]:
        error = self.state.get("error")
        if not isinstance(error, dict):
            return "States.TaskFailed", ""
        return str(error.get("Error") or "States.TaskFailed"), str(error.get("Cause") or "")


Step = Annotated[
    PlanStep | AttemptStep | AwaitVerdictStep | RecordVerdictStep | RecordTimeoutStep | RecordErrorStep,
    Field(discriminator="action"),
]
_steps: TypeAdapter[Step] = TypeAdapter(Step)


@tracer.capture_method
def run_step(step: Step) -> dict[str, Any]:
    ctx = fix_flow_context()
    match step:
        case PlanStep():
            return fixes.plan_fix(step.failure_id, ctx).model_dump()
        case AttemptStep():
            result = fixes.attempt_fix(step.failure_id, step.candidate, step.try_number, ctx, execution=step.execution)
            metrics.add_metric(name=f"FixAttempt_{result.outcome}", unit=MetricUnit.Count, value=1)
            return result.model_dump()
        case AwaitVerdictStep():
            return {"completed_now": fixes.await_verdict(step.verdict_key, step.task_token, ctx)}
        case RecordVerdictStep():
            recorded = fixes.record_verdict(step.attempt_id, step.verdict, step.detail, ctx)
            metrics.add_metric(name=f"FixVerdict_{recorded.outcome}", unit=MetricUnit.Count, value=1)
            return recorded.model_dump()
        case RecordTimeoutStep():
            return fixes.record_timeout(step.attempt_id, ctx).model_dump()
        case RecordErrorStep():
            error, cause = step.error
            return fixes.record_error(step.failure_id, step.attempt_id, error, cause, ctx).model_dump()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    step = _steps.validate_python(event)
    logger.append_keys(fix_step=step.action)
    try:
        return run_step(step)
    except RateLimited as exc:
        logger.warning("GitHub rate limit: the fix flow waits", extra={"retry_after": exc.retry_after_seconds})
        raise GitHubRateLimited(str(exc.retry_after_seconds)) from exc
