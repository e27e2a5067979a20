"""The fix flow's state machine, behind a small gateway: start an execution per failure, complete a waiting task."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from ci_agent.config import ConfigError

if TYPE_CHECKING:
    from mypy_boto3_stepfunctions import SFNClient

logger = logging.getLogger(__name__)


class StepFunctionsFixFlow:
    """``FixFlowStarter`` over a Step Functions client (created by the caller, endpoint included)."""

    def __init__(self, client: SFNClient, state_machine_arn: str | None) -> None:
        self._client = client
        self._arn = state_machine_arn

    def start(self, name: str, failure_id: str) -> bool:
        if self._arn is None:
            raise ConfigError("missing environment variable FIX_FLOW_STATE_MACHINE_ARN: cannot start a fix flow")
        try:
            self._client.start_execution(
                stateMachineArn=self._arn, name=name, input=json.dumps({"failure_id": failure_id})
            )
        except self._client.exceptions.ExecutionAlreadyExists:
            # The name is the failure's: a redelivery, or a second worker, cannot attempt a fix twice.
            return False
        return True

    def complete(self, task_token: str, verdict: str, detail: str) -> None:
        try:
            self._client.send_task_success(
                taskToken=task_token, output=json.dumps({"verdict": verdict, "detail": detail})
            )
        except (self._client.exceptions.TaskTimedOut, self._client.exceptions.TaskDoesNotExist):
            # The flow stopped waiting (it timed out, or was stopped): the verdict stays recorded with the wait.
            logger.warning("the fix flow no longer waits for this verdict", extra={"verdict": verdict})
