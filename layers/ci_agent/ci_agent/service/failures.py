"""Recording a failed job (fetch its log, analyse, store, tell the pull request) and resolving failures on success."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ci_agent.analysis import Analysis, analyze_log
from ci_agent.analysis.analyzer import no_diagnosis
from ci_agent.config import DEFAULT_LOG_MAX_BYTES
from ci_agent.github.errors import GitHubError, LogsUnavailable
from ci_agent.github.gateway import GitHubGateway
from ci_agent.service.comments import COMMENT_MARKER, comment_item, render_failure_comment
from ci_agent.store.records import FailedJob, FailureRecord, LogStatus, failure_id_for
from ci_agent.store.repositories import FailureRepository

logger = logging.getLogger(__name__)

LOG_UNAVAILABLE_RULE = "log-unavailable"


@dataclass(frozen=True, slots=True)
class WorkerContext:
    """What the analysis use cases need, built once per process and handed in."""

    github: GitHubGateway
    failures: FailureRepository
    log_max_bytes: int = DEFAULT_LOG_MAX_BYTES
    comment_on_pull_requests: bool = True
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass(frozen=True, slots=True)
class JobOutcome:
    record: FailureRecord
    newly_recorded: bool


def record_failed_job(job: FailedJob, ctx: WorkerContext) -> JobOutcome:
    """Analyse one failed job and record it, once per job id however many deliveries report it.

    ``RateLimited`` and ``GitHubUnavailable`` propagate: the queue retries the delivery later and nothing is lost.
    """
    existing = ctx.failures.get(_failure_id(job))
    if existing is not None:
        logger.info("job already recorded", extra={"failure_id": existing.failure_id})
        return JobOutcome(existing, newly_recorded=False)

    try:
        log = ctx.github.fetch_job_log(job.repo, job.job_id, ctx.log_max_bytes)
    except LogsUnavailable as exc:
        status = LogStatus.EXPIRED if exc.status in (404, 410) else LogStatus.UNAVAILABLE
        note = f"job log unavailable (HTTP {exc.status}): expired or deleted before it could be read"
        analysis = _analysis_without_log(job, note)
        record = FailureRecord.from_analysis(job, analysis, analyzed_at=ctx.clock(), log_status=status)
    else:
        notes: tuple[str, ...] = ()
        if log.truncated:
            notes = (
                f"log larger than {ctx.log_max_bytes} bytes: only its last {len(log.content)} bytes were analysed",
            )
        analysis = analyze_log(log.content, notes=notes)
        status = LogStatus.TRUNCATED if log.truncated else LogStatus.OK
        record = FailureRecord.from_analysis(job, analysis, analyzed_at=ctx.clock(), log_status=status)

    newly_recorded = ctx.failures.save_failure(record)
    if not newly_recorded:
        # A concurrent delivery for the same job won the race: keep what it stored.
        stored = ctx.failures.get(record.failure_id)
        return JobOutcome(stored or record, newly_recorded=False)
    logger.info(
        "failure recorded",
        extra={
            "failure_id": record.failure_id,
            "category": record.category.value,
            "rule": record.rule,
            "signature": record.signature,
            "log_status": record.log_status.value,
        },
    )
    if ctx.comment_on_pull_requests:
        update_pull_request_comments(record, ctx)
    return JobOutcome(record, newly_recorded=True)


def resolve_on_success(
    repo: str,
    workflow: str,
    branch: str,
    succeeded_at: datetime,
    run_id: int,
    ctx: WorkerContext,
    *,
    job_name: str | None = None,
) -> list[FailureRecord]:
    """Resolve the open failures a success fixes: the job's (``job_name``) or the whole workflow's on the branch."""
    resolved = ctx.failures.resolve_open_failures(repo, workflow, branch, succeeded_at, run_id, job_name=job_name)
    if resolved:
        logger.info(
            "failures resolved",
            extra={"repo": repo, "workflow": workflow, "branch": branch, "count": len(resolved), "run_id": run_id},
        )
        if ctx.comment_on_pull_requests:
            for record in resolved:
                update_pull_request_comments(record, ctx)
    return resolved


def update_pull_request_comments(record: FailureRecord, ctx: WorkerContext) -> None:
    """Keep the one ci-agent comment on each of the record's pull requests up to date.

    A comment is a courtesy: if GitHub refuses it, the failure stays recorded and the error is logged.
    """
    try:
        numbers = record.pull_requests or tuple(
            ctx.github.get_pull_request_numbers_for_sha(record.repo, record.head_sha)
        )
    except GitHubError:
        logger.exception("could not find pull requests for the commit", extra={"failure_id": record.failure_id})
        return
    if not numbers:
        return
    # The comment covers the job's workflow on the branch: open failures plus the one just changed.
    on_branch = {
        item.failure_id: item for item in ctx.failures.open_failures(record.repo, record.workflow, record.branch)
    }
    on_branch[record.failure_id] = record
    items = [
        comment_item(item, ctx.failures.count_signature(item.signature))
        for item in sorted(on_branch.values(), key=lambda item: item.failed_at)
    ]
    body = render_failure_comment(items, record.ruleset_version)
    for number in numbers:
        try:
            ctx.github.upsert_pull_request_comment(record.repo, number, COMMENT_MARKER, body)
        except GitHubError:
            logger.exception(
                "could not update the pull request comment", extra={"repo": record.repo, "pull_request": number}
            )


def _failure_id(job: FailedJob) -> str:
    return failure_id_for(job.repo, job.job_id)


def _analysis_without_log(job: FailedJob, note: str) -> Analysis:
    # Without the log there is nothing to diagnose: say so, and group such failures by job.
    return no_diagnosis(f"{job.workflow} / {job.job_name}", rule=LOG_UNAVAILABLE_RULE, notes=(note,))
