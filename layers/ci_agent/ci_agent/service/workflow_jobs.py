"""``workflow_job`` deliveries: a failed job is analysed and recorded; a passing job resolves its earlier failures."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ci_agent.github.model import FAILED_CONCLUSIONS
from ci_agent.service.failures import JobOutcome, WorkerContext, record_failed_job, resolve_on_success
from ci_agent.store.records import FailedJob, FailureRecord
from ci_agent.webhooks.models import WorkflowJobEvent

logger = logging.getLogger(__name__)

UNKNOWN_BRANCH = "(no branch)"


def workflow_label(name: str | None, path: str | None, fallback: str) -> str:
    """The workflow as people name it; older payloads leave the name out."""
    return name or path or fallback


def on_workflow_job_completed(event: WorkflowJobEvent, ctx: WorkerContext) -> JobOutcome | list[FailureRecord] | None:
    job = event.workflow_job
    repo = event.repository.full_name
    workflow = workflow_label(job.workflow_name, None, f"run {job.run_id}")
    branch = job.head_branch or UNKNOWN_BRANCH
    finished_at = job.completed_at or ctx.clock()
    if ctx.fixes is not None:
        # The re-run of a job a fix flow re-ran: GitHub's verdict on that fix (whatever else the delivery is).
        from ci_agent.service.fixes import deliver_job_verdict

        deliver_job_verdict(repo, job.run_id, job.run_attempt, job.name, job.conclusion, ctx.fixes)
    if job.conclusion in FAILED_CONCLUSIONS:
        failed = FailedJob(
            repo=repo,
            workflow=workflow,
            workflow_path="",
            job_id=job.id,
            job_name=job.name,
            run_id=job.run_id,
            run_attempt=job.run_attempt,
            branch=branch,
            head_sha=job.head_sha,
            pull_requests=(),  # workflow_job payloads carry none: the comment step looks them up by commit
            actor=event.sender.login if event.sender else "",
            failed_at=_aware(finished_at),
            html_url=job.html_url or "",
        )
        return record_failed_job(failed, ctx)
    if job.conclusion == "success":
        return resolve_on_success(repo, workflow, branch, _aware(finished_at), job.run_id, ctx, job_name=job.name)
    logger.info("job conclusion needs nothing", extra={"repo": repo, "job_id": job.id, "conclusion": job.conclusion})
    return None


def _aware(moment: datetime) -> datetime:
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)
