"""Which deliveries ci-agent acts on, and the use case for each. Everything else is acknowledged and ignored."""

from __future__ import annotations

from ci_agent.service.failures import WorkerContext
from ci_agent.service.workflow_jobs import on_workflow_job_completed
from ci_agent.service.workflow_runs import on_workflow_run_completed
from ci_agent.webhooks.models import WorkflowJobEvent, WorkflowRunEvent
from ci_agent.webhooks.routing import Router

router: Router[WorkerContext] = Router()
router.route("workflow_job", "completed", WorkflowJobEvent)(on_workflow_job_completed)
router.route("workflow_run", "completed", WorkflowRunEvent)(on_workflow_run_completed)
