"""``workflow_run`` deliveries: every failed job of a failed run is recorded; a passing run resolves the workflow."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC

from ci_agent.github.model import FAILED_CONCLUSIONS
from ci_agent.service.failures import (
    JobOutcome,
    WorkerContext,
    record_failed_job,
    record_startup_failure,
    resolve_on_success,
    update_pull_request_comments,
)
from ci_agent.service.workflow_jobs import UNKNOWN_BRANCH, workflow_label
from ci_agent.store.records import FailedJob, FailureRecord
from ci_agent.webhooks.models import WorkflowRunEvent

logger = logging.getLogger(__name__)


def on_workflow_run_completed(event: WorkflowRunEvent, ctx: WorkerContext) -> list[JobOutcome] | list[FailureRecord]:
    run = event.workflow_run
    repo = event.repository.full_name
    workflow = workflow_label(run.name, run.path, f"run {run.id}")
    branch = run.head_branch or UNKNOWN_BRANCH
    finished_at = run.updated_at or ctx.clock()
    finished_at = finished_at if finished_at.utcoffset() is not None else finished_at.replace(tzinfo=UTC)
    if ctx.fixes is not None:
        # A re-run's later attempt, or the failed workflow on a fix branch: GitHub's verdict on one of our fixes.
        from ci_agent.service.fixes import deliver_run_verdicts

        deliver_run_verdicts(repo, run.id, run.run_attempt, run.head_sha, workflow, run.conclusion, ctx.fixes)
    if run.conclusion == "success":
        resolved = resolve_on_success(repo, workflow, branch, finished_at, run.id, ctx)
        if run.path and run.path != workflow:
            # A startup failure is recorded under the workflow's path (see below): a passing run fixes it too.
            resolved += resolve_on_success(repo, run.path, branch, finished_at, run.id, ctx)
        return resolved
    # The run as a failure that no job of it started: what its failed jobs share, and what a startup failure is.
    whole_run = FailedJob(
        repo=repo,
        workflow=workflow,
        workflow_path=run.path or "",
        job_id=-run.id,  # job ids are positive: this key cannot collide with a job's
        job_name="(no job started)",
        run_id=run.id,
        run_attempt=run.run_attempt,
        branch=branch,
        head_sha=run.head_sha,
        pull_requests=_pull_requests(event, ctx),
        actor=run.actor.login if run.actor else (event.sender.login if event.sender else ""),
        failed_at=finished_at,
        html_url=run.html_url or "",
    )
    if run.conclusion == "startup_failure":
        # GitHub names a run whose file it could not read after the file's path, and the next good run after
        # the workflow's name: the path is what both have.
        return [record_startup_failure(replace(whole_run, workflow=run.path or workflow), ctx)]
    if run.conclusion not in FAILED_CONCLUSIONS:
        logger.info(
            "run conclusion needs nothing", extra={"repo": repo, "run_id": run.id, "conclusion": run.conclusion}
        )
        return []
    outcomes = []
    for job in ctx.github.list_failed_jobs(repo, run.id):
        failed = replace(
            whole_run,
            job_id=job.id,
            job_name=job.name,
            run_attempt=job.run_attempt,
            head_sha=job.head_sha or run.head_sha,
            html_url=job.html_url,
        )
        outcomes.append(record_failed_job(failed, ctx, comment=False))
    # One comment update for the whole run, after every job is recorded: a matrix of many failed jobs would
    # otherwise edit the comment once per job (each re-reading the branch's failures) and risk the timeout.
    update_pull_request_comments([outcome.record for outcome in outcomes], ctx)
    return outcomes


def _pull_requests(event: WorkflowRunEvent, ctx: WorkerContext) -> tuple[int, ...]:
    """The run's pull requests in its repository. Only this repository's: the run's list can name other
    repositories' (see PullRequestRef). GitHub leaves the list empty for a pull request from a fork, and finds none
    for the fork's commit either: those are asked for by the fork's owner and branch."""
    run, repo = event.workflow_run, event.repository.full_name
    numbers = tuple(pr.number for pr in run.pull_requests if pr.targets(event.repository))
    head = run.head_repository
    if numbers or head is None or head.full_name.lower() == repo.lower() or not run.head_branch:
        return numbers
    head_owner = head.full_name.partition("/")[0]
    return tuple(ctx.github.get_fork_pull_request_numbers(repo, head_owner, run.head_branch, run.head_sha))
