"""Recording a failed job (fetch its log, analyse, store, tell the pull request) and resolving failures on success."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ci_agent.analysis import Analysis, Category, analyze_log
from ci_agent.analysis.analyzer import no_diagnosis, verdict_without_culprit
from ci_agent.config import DEFAULT_LOG_MAX_BYTES
from ci_agent.github.errors import GitHubError, JobUnreadable, LogsUnavailable
from ci_agent.github.gateway import GitHubGateway
from ci_agent.service.comments import COMMENT_MARKER, comment_item, render_failure_comment
from ci_agent.store.records import (
    FailedJob,
    FailureRecord,
    FixAttemptRecord,
    FixOutcome,
    LogStatus,
    SignatureHistory,
    failure_id_for,
)
from ci_agent.store.repositories import FailureRepository, FixAttemptRepository

if TYPE_CHECKING:
    from ci_agent.service.fixes import FixFlowContext

logger = logging.getLogger(__name__)

LOG_UNAVAILABLE_RULE = "log-unavailable"
STARTUP_FAILURE_RULE = "gha-startup-failure"


@dataclass(frozen=True, slots=True)
class WorkerContext:
    """What the analysis use cases need, built once per process and handed in."""

    github: GitHubGateway
    failures: FailureRepository
    # Read to tell how a failure was last fixed; the fix flow writes them.
    fix_attempts: FixAttemptRepository | None = None
    log_max_bytes: int = DEFAULT_LOG_MAX_BYTES
    comment_on_pull_requests: bool = True
    comment_marker: str = COMMENT_MARKER  # with the stage in it (comment_marker(stage)): one comment per stack
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # Set when the fix flow is deployed: new failures start it, runs and successes hand it verdicts.
    fixes: FixFlowContext | None = None


@dataclass(frozen=True, slots=True)
class JobOutcome:
    record: FailureRecord
    newly_recorded: bool


def record_failed_job(job: FailedJob, ctx: WorkerContext, *, comment: bool = True) -> JobOutcome:
    """Analyse one failed job and record it, once per job id however many deliveries report it, then bring
    the pull request comment up to date (unless ``comment`` is False: the caller does it once for many jobs).

    ``RateLimited`` and ``GitHubUnavailable`` propagate, from the log download and from the comment alike: the
    queue retries the delivery later and nothing is lost. The comment is refreshed for a job recorded earlier
    too, so a retry, or a delivery that stopped between storing the failure and commenting, still comments.
    """
    if (known := _already_recorded(job, ctx, comment=comment)) is not None:
        return known

    try:
        log = ctx.github.fetch_job_log(job.repo, job.job_id, ctx.log_max_bytes)
    except JobUnreadable as exc:
        # Not an expired log: ci-agent cannot see this repository (or job). Said loudly: an alarm watches it.
        logger.error("job unreadable: check the credentials' access", extra={"repo": job.repo, "job_id": job.job_id})
        status = LogStatus.UNAVAILABLE
        note = (
            f"job not readable (HTTP {exc.status}): the repository is private and ci-agent's credentials cannot "
            "read it (token without access, GitHub App not installed there), or the job does not exist"
        )
        analysis = _analysis_without_log(job, note)
        record = FailureRecord.from_analysis(job, analysis, analyzed_at=ctx.clock(), log_status=status)
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
        baseline = _last_passing_log(job, ctx)
        if baseline is not None:
            notes = (*notes, "compared with the log of the last passing run of this job")
        analysis = analyze_log(log.content, baseline=baseline, notes=notes)
        status = LogStatus.TRUNCATED if log.truncated else LogStatus.OK
        record = FailureRecord.from_analysis(job, analysis, analyzed_at=ctx.clock(), log_status=status)
    return _save(record, ctx, comment=comment)


def _last_passing_log(job: FailedJob, ctx: WorkerContext) -> bytes | None:
    """The log of the same job in the latest passing run of its workflow on the branch, when GitHub still has
    one: lines it printed too did not make this run fail. Best effort: without it the analysis still stands."""
    if not job.workflow_path:
        # workflow_job deliveries do not name the workflow's file; asking GitHub for `/workflows//runs` is a 404.
        return None
    try:
        passing = ctx.github.find_last_passing_job(job.repo, job.workflow_path, job.branch, job.job_name)
        if passing is None or passing == job.job_id:
            return None
        return ctx.github.fetch_job_log(job.repo, passing, ctx.log_max_bytes).content
    except GitHubError as exc:
        logger.info("no baseline log for job %s of %s: %s", job.job_id, job.repo, exc)
        return None


def record_startup_failure(run: FailedJob, ctx: WorkerContext) -> JobOutcome:
    """Record a run that failed before any job started (conclusion ``startup_failure``): GitHub rejected the
    workflow file or a policy refused it, so there is no job and no log, but the pull request is red all the same.

    ``run`` stands for the run: its ``job_id`` is the negated run id (job ids are positive, so the key cannot
    collide with a job's) and its ``job_name`` says that no job ran.
    """
    if (known := _already_recorded(run, ctx, comment=True)) is not None:
        return known
    where = run.workflow_path or run.workflow
    analysis = verdict_without_culprit(
        Category.CONFIG,
        # GitHub says only that the run could not start; nearly always the workflow file, sometimes a policy.
        0.7,
        where,
        rule=STARTUP_FAILURE_RULE,
        notes=(
            f"the workflow could not start: GitHub rejected {where} (invalid YAML, an unknown key or expression, "
            "a reusable workflow or action that cannot be found or is not allowed). No job ran, so there is no "
            "log: the run page shows GitHub's message.",
        ),
    )
    record = FailureRecord.from_analysis(run, analysis, analyzed_at=ctx.clock(), log_status=LogStatus.UNAVAILABLE)
    return _save(record, ctx, comment=True)


def _already_recorded(job: FailedJob, ctx: WorkerContext, *, comment: bool) -> JobOutcome | None:
    """The outcome for a job recorded by an earlier delivery (its comment refreshed), or None for a new one."""
    existing = ctx.failures.get(_failure_id(job))
    if existing is None:
        return None
    logger.info("job already recorded", extra={"failure_id": existing.failure_id})
    if comment:
        update_pull_request_comments([existing], ctx)
    # Starting is idempotent (the execution is named after the failure): a delivery retried after the record
    # was stored but before the flow started still starts it.
    _start_fix_flow(existing, ctx)
    return JobOutcome(existing, newly_recorded=False)


def _save(record: FailureRecord, ctx: WorkerContext, *, comment: bool) -> JobOutcome:
    newly_recorded = ctx.failures.save_failure(record)
    if newly_recorded:
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
        # Its delivery may come after the success that fixed it (a retry, a rate limit): then it is history.
        late = ctx.failures.resolve_if_succeeded_since(record)
        if late is not None:
            logger.info(
                "failure recorded as already resolved",
                extra={"failure_id": late.failure_id, "resolved_by_run_id": late.resolved_by_run_id},
            )
            record = late
    else:
        # A concurrent delivery for the same job won the race: keep what it stored.
        record = ctx.failures.get(record.failure_id) or record
    if comment:
        update_pull_request_comments([record], ctx)
    _start_fix_flow(record, ctx)
    return JobOutcome(record, newly_recorded=newly_recorded)


def _start_fix_flow(record: FailureRecord, ctx: WorkerContext) -> None:
    if ctx.fixes is None or record.is_resolved:
        return
    from ci_agent.service.fixes import start_fix_flow

    start_fix_flow(record, ctx.fixes)


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
    """Resolve the open failures a success fixes: the job's (``job_name``) or the whole workflow's on the branch.

    The success is remembered first, so a failure of the scope recorded from now on, whose delivery was
    processed late, finds it and is recorded resolved. The pull request comment is updated before the
    failures are marked resolved: if GitHub is rate limited or down, the delivery fails before anything
    changed and the queue's retry does both, instead of finding nothing left to resolve and no reason to comment.
    """
    ctx.failures.record_success(repo, workflow, branch, succeeded_at, run_id, job_name=job_name)
    fixed = [
        record
        for record in ctx.failures.open_failures(repo, workflow, branch)
        if record.fixed_by(succeeded_at, job_name)
    ]
    if not fixed:
        return []
    update_pull_request_comments([record.resolved(succeeded_at, run_id) for record in fixed], ctx)
    resolved = ctx.failures.resolve(fixed, succeeded_at, run_id)
    if ctx.fixes is not None:
        from ci_agent.service.fixes import close_stale_fixes

        close_stale_fixes(resolved, ctx.fixes)
    logger.info(
        "failures resolved",
        extra={"repo": repo, "workflow": workflow, "branch": branch, "count": len(resolved), "run_id": run_id},
    )
    return resolved


def update_pull_request_comments(records: Sequence[FailureRecord], ctx: WorkerContext) -> None:
    """Keep the one ci-agent comment on each pull request of ``records`` up to date: one render and one
    update per pull request, however many records changed.

    GitHub refusing the comment (permissions, validation) is logged and the failures stay recorded. A rate
    limit or an outage is raised, so the queue retries the delivery and the retry comments then.
    """
    if not ctx.comment_on_pull_requests:
        return
    branches: dict[str, dict[str, FailureRecord]] = {}
    for record in records:
        branches.setdefault(record.branch_scope, {})[record.failure_id] = record
    for changed in branches.values():
        try:
            _update_branch_comment(list(changed.values()), ctx)
        except GitHubError as exc:
            if exc.retryable:
                raise
            logger.exception("could not update the pull request comment", extra={"status": exc.status})


def _update_branch_comment(changed: list[FailureRecord], ctx: WorkerContext) -> None:
    first = changed[0]
    numbers = sorted({number for record in changed for number in record.pull_requests})
    if not numbers:
        shas = sorted({record.head_sha for record in changed if record.head_sha})
        numbers = sorted(
            {number for sha in shas for number in ctx.github.get_pull_request_numbers_for_sha(first.repo, sha)}
        )
    if not numbers:
        return
    # The comment covers the branch, every workflow on it: its open failures, plus the ones just changed (which
    # the index may not show yet, or no longer shows as open).
    on_branch = {item.failure_id: item for item in ctx.failures.open_failures_on_branch(first.repo, first.branch)}
    on_branch.update((record.failure_id, record) for record in changed)
    ordered = sorted(on_branch.values(), key=lambda item: item.failed_at)
    histories = ctx.failures.signature_histories(record.signature for record in ordered)
    fixes = {signature: _last_fix(history, ctx) for signature, history in histories.items()}
    items = [comment_item(item, histories[item.signature], fixes[item.signature]) for item in ordered]
    body = render_failure_comment(
        items, max(changed, key=lambda record: record.analyzed_at).ruleset_version, marker=ctx.comment_marker
    )
    for number in numbers:
        try:
            ctx.github.upsert_pull_request_comment(first.repo, number, ctx.comment_marker, body)
        except GitHubError as exc:
            if exc.retryable:
                raise
            logger.exception(
                "could not update the pull request comment", extra={"repo": first.repo, "pull_request": number}
            )


def _last_fix(history: SignatureHistory, ctx: WorkerContext) -> FixAttemptRecord | None:
    """The fix of ci-agent's that worked on the signature's latest resolved failure, if one did."""
    if history.last_resolved is None or ctx.fix_attempts is None:
        return None
    succeeded = [
        attempt
        for attempt in ctx.fix_attempts.for_failure(history.last_resolved.failure_id)
        if attempt.outcome is FixOutcome.FIXED
    ]
    return succeeded[-1] if succeeded else None


def _failure_id(job: FailedJob) -> str:
    return failure_id_for(job.repo, job.job_id)


def _analysis_without_log(job: FailedJob, note: str) -> Analysis:
    # Without the log there is nothing to diagnose: say so, and group such failures by job.
    return no_diagnosis(f"{job.workflow} / {job.job_name}", rule=LOG_UNAVAILABLE_RULE, notes=(note,))
