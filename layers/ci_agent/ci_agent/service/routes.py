"""Which deliveries ci-agent acts on, and the use case for each. Everything else is acknowledged and ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ci_agent.webhooks.models import PullRequestEvent, WorkflowJobEvent, WorkflowRunEvent
from ci_agent.webhooks.routing import Router

if TYPE_CHECKING:
    from ci_agent.service.failures import WorkerContext

router: Router[WorkerContext] = Router()
router.route("workflow_job", "completed", WorkflowJobEvent, "ci_agent.service.workflow_jobs:on_workflow_job_completed")
router.route("workflow_run", "completed", WorkflowRunEvent, "ci_agent.service.workflow_runs:on_workflow_run_completed")
router.route("pull_request", "closed", PullRequestEvent, "ci_agent.service.pull_requests:on_pull_request_closed")
