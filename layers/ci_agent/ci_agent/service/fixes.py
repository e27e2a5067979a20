"""The fix flow's use cases: the steps the state machine runs (plan, attempt, await and record the verdict), and
what the worker does for it (start a flow for a new failure, hand GitHub's verdicts to the waiting flow, close
fixes made stale, learn from a maintainer's rejection).

The control flow itself (which step follows which, retries, waits, the cap on tries) lives in
``infra/statemachine/fix_flow.asl.json``; each function here is one step: a typed request in, a typed result
out, and every step that ends a flow has written its outcome to the fix-attempts table first.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from ci_agent.github.errors import GitHubError
from ci_agent.github.fixes import FIX_BRANCH_PREFIX, FixGateway, RunFacts, is_fix_branch
from ci_agent.github.model import FAILED_CONCLUSIONS
from ci_agent.healing.guardrails import weakens_build
from ci_agent.healing.model import Applicability, Decline, ProposedChange, StrategyKind
from ci_agent.healing.policy import FixPolicy
from ci_agent.healing.ranking import CandidateInput, RankedCandidate, rank_strategies
from ci_agent.healing.strategies.base import FixStrategy, PullRequestStrategy
from ci_agent.healing.strategies.rerun_failed_jobs import RerunFailedJobs
from ci_agent.store.records import (
    FailureRecord,
    FixAttemptRecord,
    FixOutcome,
    PullRequestState,
    VerdictWait,
    branch_verdict_key,
    fix_attempt_id_for,
    rerun_verdict_key,
)
from ci_agent.store.repositories import FailureRepository, FixAttemptRepository

logger = logging.getLogger(__name__)

FIX_LABEL = "ci-agent"
NO_STRATEGY = "none"
MAX_DIFF_CHARS = 20_000  # of the diff kept in the attempt record and shown in the pull request
Verdict = Literal["fixed", "not_fixed", "rejected", "superseded"]
_EXECUTION_NAME = re.compile(r"[^A-Za-z0-9_-]+")


class FixFlowStarter(Protocol):
    """Step Functions, behind a small gateway."""

    def start(self, name: str, failure_id: str) -> bool:
        """Start the fix flow for the failure under ``name``; False if an execution of that name exists."""
        ...

    def complete(self, task_token: str, verdict: str, detail: str) -> None:
        """Complete a waiting task with GitHub's verdict."""
        ...


@dataclass(frozen=True, slots=True)
class FixFlowContext:
    """What the fix flow's steps need, built once per process and handed in."""

    failures: FailureRepository
    attempts: FixAttemptRepository
    github: FixGateway
    strategies: Sequence[FixStrategy]
    policy: Callable[[], FixPolicy]
    starter: FixFlowStarter | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


# -- the state machine's payloads --------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Candidate(_Model):
    strategy: str
    version: str
    kind: str
    priority: float
    reason: str
    inputs: dict[str, float]
    delay_seconds: int = 0


class Plan(_Model):
    decision: Literal["attempt", "stop"]
    outcome: str | None = None  # when it stops: the outcome it recorded
    detail: str = ""
    candidates: list[Candidate] = []
    max_tries: int = 0


class AttemptResult(_Model):
    attempt_id: str
    outcome: str
    detail: str = ""
    verdict_key: str | None = None
    pull_request_url: str | None = None


class RecordedOutcome(_Model):
    attempt_id: str
    outcome: str


def execution_name(failure_id: str) -> str:
    """The flow's execution name for a failure: Step Functions refuses a second execution of the same name, so
    a redelivery cannot start a second flow. Readable, and unique through a hash of the exact id."""
    digest = hashlib.sha256(failure_id.encode()).hexdigest()[:12]
    return f"{_EXECUTION_NAME.sub('-', failure_id).strip('-')[:60]}-{digest}"


def fix_branch_for(signature: str) -> str:
    return f"{FIX_BRANCH_PREFIX}{signature}"


# -- plan -------------------------------------------------------------------------------------------


def plan_fix(failure_id: str, ctx: FixFlowContext) -> Plan:
    """Load the failure and what is known about it, decide whether anything may and can be tried, and rank the
    strategies that apply. A plan that stops has recorded why."""
    failure = ctx.failures.get(failure_id)
    if failure is None:
        return _stop(failure_id, None, FixOutcome.NOT_APPLICABLE, "the failure is not recorded", ctx)
    policy = ctx.policy()
    if (refusal := policy.why_not(failure.repo)) is not None:
        return _stop(failure_id, failure, FixOutcome.SKIPPED_DISABLED, refusal, ctx)
    if failure.is_resolved:
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, "the failure was resolved before a fix", ctx)
    if is_fix_branch(failure.branch):
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, "a failure of ci-agent's own fix branch", ctx)
    try:
        repository = ctx.github.repository_facts(failure.repo)
    except GitHubError as exc:
        if exc.status != 404:
            raise
        # Recorded when its job was readable; since then deleted, renamed away, made private or the App
        # uninstalled. Nothing can be tried, and retrying would not change that: stop, say why, no alarm.
        reason = f"GitHub answers 404 for {failure.repo}: it no longer exists or ci-agent's credentials cannot read it"
        logger.warning("fix flow: repository not readable", extra={"repo": failure.repo, "failure_id": failure_id})
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, reason, ctx)
    if repository.archived:
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, f"{failure.repo} is archived", ctx)
    if policy.opt_out_topic in repository.topics:
        reason = f"{failure.repo} opted out with the topic {policy.opt_out_topic}"
        return _stop(failure_id, failure, FixOutcome.SKIPPED_DISABLED, reason, ctx)
    run = ctx.github.run_facts(failure.repo, failure.run_id)
    if run.head_repository.lower() != failure.repo.lower():
        reason = f"the commit comes from the fork {run.head_repository}: forks are diagnosed, never fixed"
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, reason, ctx)
    for number in failure.pull_requests:
        if policy.opt_out_label in ctx.github.pull_request(failure.repo, number).labels:
            reason = f"pull request #{number} opted out with the label {policy.opt_out_label}"
            return _stop(failure_id, failure, FixOutcome.SKIPPED_DISABLED, reason, ctx)
    ranked, left_out = _rank(failure, run, policy, ctx)
    if not ranked:
        why = "; ".join(f"{name}: {reason}" for name, reason in left_out) or "no strategy addresses this failure"
        return _stop(failure_id, failure, FixOutcome.NOT_APPLICABLE, why, ctx)
    return Plan(decision="attempt", candidates=ranked, max_tries=min(policy.max_tries, len(ranked)))


def _rank(
    failure: FailureRecord, run: RunFacts, policy: FixPolicy, ctx: FixFlowContext
) -> tuple[list[Candidate], list[tuple[str, str]]]:
    flaky_passes = ctx.attempts.flaky_passes(failure.signature)
    rejected = ctx.attempts.rejected_versions([s.name for s in ctx.strategies], failure.repo, failure.signature)
    inputs: list[CandidateInput] = []
    left_out: list[tuple[str, str]] = []
    for strategy in ctx.strategies:
        applicability = _applicability(strategy, failure, flaky_passes)
        if applicability is None:
            continue
        if rejected.get(strategy.name) == strategy.version:
            left_out.append((strategy.name, "a maintainer closed its fix for this failure without merging"))
            continue
        by_category, by_signature = ctx.attempts.strategy_records(
            strategy.name, failure.category.value, failure.signature
        )
        inputs.append(
            CandidateInput(
                strategy.name,
                strategy.version,
                strategy.kind.value,
                strategy.cost,
                applicability,
                by_category,
                by_signature,
            )
        )
    ranked, excluded = rank_strategies(inputs, failure.category, failure.confidence)
    candidates: list[Candidate] = []
    for item in ranked:
        if item.kind != StrategyKind.RERUN.value:
            candidates.append(_candidate(item, 0))
            continue
        # A run is re-run at most max_reruns times, each after a longer wait: retry with backoff, in one place.
        attempts = range(run.run_attempt, policy.max_reruns + 1)
        if not attempts:
            left_out.append((item.strategy, f"run {run.id} was already attempted {run.run_attempt} times"))
        candidates.extend(
            _candidate(item, RerunFailedJobs.delay_seconds(attempt, policy.rerun_delay_seconds)) for attempt in attempts
        )
    return candidates, left_out + excluded


def _applicability(strategy: FixStrategy, failure: FailureRecord, flaky_passes: int) -> Applicability | None:
    """Whether ``strategy`` applies; a re-run also applies to a signature that passed on a re-run before."""
    if isinstance(strategy, RerunFailedJobs):
        return strategy.applies(failure, flaky_passes=flaky_passes)
    return strategy.applies(failure)


def _candidate(item: RankedCandidate, delay_seconds: int) -> Candidate:
    return Candidate(
        strategy=item.strategy,
        version=item.version,
        kind=item.kind,
        priority=item.priority,
        reason=item.reason,
        inputs=dict(item.inputs),
        delay_seconds=delay_seconds,
    )


def _stop(
    failure_id: str, failure: FailureRecord | None, outcome: FixOutcome, detail: str, ctx: FixFlowContext
) -> Plan:
    _record_without_strategy(failure_id, failure, outcome, detail, ctx)
    logger.info("fix flow stops", extra={"failure_id": failure_id, "outcome": outcome.value, "detail": detail})
    return Plan(decision="stop", outcome=outcome.value, detail=detail)


def _record_without_strategy(
    failure_id: str, failure: FailureRecord | None, outcome: FixOutcome, detail: str, ctx: FixFlowContext
) -> str:
    """Record what the flow did when it tried no strategy (a plan that stops, an error before any attempt)."""
    now = ctx.clock()
    attempt_id = fix_attempt_id_for(failure_id, 0, NO_STRATEGY)
    ctx.attempts.record(
        _about(
            FixAttemptRecord(
                attempt_id=attempt_id,
                failure_id=failure_id,
                strategy=NO_STRATEGY,
                started_at=now,
                finished_at=now,
                outcome=outcome,
                detail=detail,
            ),
            failure,
        )
    )
    return attempt_id


def _about(record: FixAttemptRecord, failure: FailureRecord | None) -> FixAttemptRecord:
    """The attempt with the failure's repository, signature and category (what the report and learning read)."""
    if failure is None:
        return record
    return replace(record, repo=failure.repo, signature=failure.signature, category=failure.category.value)


# -- attempt ----------------------------------------------------------------------------------------


def attempt_fix(
    failure_id: str, candidate: Candidate, try_number: int, ctx: FixFlowContext, *, execution: str | None = None
) -> AttemptResult:
    """Try one strategy. A re-run or a pull request that was made is ``applied`` and waits for its verdict;
    anything else is final for this strategy and the flow moves on. Retryable GitHub errors propagate (the
    state machine retries them); GitHub refusing the change is ``failed_to_apply``."""
    failure = ctx.failures.get(failure_id)
    attempt_id = fix_attempt_id_for(failure_id, try_number + 1, candidate.strategy)
    if failure is None:
        return _finish_now(attempt_id, failure_id, None, candidate, FixOutcome.NOT_APPLICABLE, "not recorded", ctx)
    strategy = next((s for s in ctx.strategies if s.name == candidate.strategy), None)
    if strategy is None:
        detail = f"strategy {candidate.strategy} is not in this version of ci-agent"
        return _finish_now(attempt_id, failure_id, failure, candidate, FixOutcome.NOT_APPLICABLE, detail, ctx)
    policy = ctx.policy()
    if (refusal := policy.why_not(failure.repo)) is not None:
        return _finish_now(attempt_id, failure_id, failure, candidate, FixOutcome.SKIPPED_DISABLED, refusal, ctx)
    existing = ctx.attempts.get(attempt_id)
    if existing is not None and existing.outcome is not FixOutcome.PENDING:
        # A retried step whose first run got this far: report what it did instead of doing it twice.
        return AttemptResult(
            attempt_id=attempt_id,
            outcome=existing.outcome.value,
            detail=existing.detail or "",
            verdict_key=_verdict_key_of(existing, failure),
            pull_request_url=existing.pull_request_url,
        )
    dry_run = policy.dry_run_for(failure.repo)
    if (
        not dry_run
        and existing is None
        and not ctx.attempts.take_budget(failure.repo, ctx.clock(), policy.budget_for(failure.repo))
    ):
        detail = f"the daily budget of {policy.budget_for(failure.repo)} attempts in {failure.repo} is spent"
        return _finish_now(attempt_id, failure_id, failure, candidate, FixOutcome.SKIPPED_BUDGET, detail, ctx)
    record = _pending(attempt_id, failure, candidate, ctx, execution)
    ctx.attempts.record(record)
    try:
        if strategy.kind is StrategyKind.RERUN:
            return _rerun(record, failure, dry_run, ctx)
        return _pull_request(record, failure, strategy, candidate, dry_run, ctx)  # type: ignore[arg-type]
    except GitHubError as exc:
        if exc.retryable:
            raise
        return _finish(record, FixOutcome.FAILED_TO_APPLY, f"GitHub refused: {exc}", ctx)


def _verdict_key_of(attempt: FixAttemptRecord, failure: FailureRecord) -> str | None:
    if attempt.outcome is not FixOutcome.APPLIED:
        return None
    if attempt.rerun_of is not None:
        return rerun_verdict_key(failure.repo, attempt.rerun_of)
    if attempt.commit_sha is not None:
        return branch_verdict_key(failure.repo, attempt.commit_sha, failure.workflow)
    return None


def _pending(
    attempt_id: str, failure: FailureRecord, candidate: Candidate, ctx: FixFlowContext, execution: str | None
) -> FixAttemptRecord:
    return FixAttemptRecord(
        attempt_id=attempt_id,
        failure_id=failure.failure_id,
        strategy=candidate.strategy,
        started_at=ctx.clock(),
        repo=failure.repo,
        signature=failure.signature,
        category=failure.category.value,
        strategy_version=candidate.version,
        priority=candidate.priority,
        ranking=candidate.inputs,
        execution=execution,
    )


def _finish_now(
    attempt_id: str,
    failure_id: str,
    failure: FailureRecord | None,
    candidate: Candidate,
    outcome: FixOutcome,
    detail: str,
    ctx: FixFlowContext,
) -> AttemptResult:
    now = ctx.clock()
    record = _about(
        FixAttemptRecord(
            attempt_id=attempt_id,
            failure_id=failure_id,
            strategy=candidate.strategy,
            started_at=now,
            finished_at=now,
            outcome=outcome,
            detail=detail,
            strategy_version=candidate.version,
            priority=candidate.priority,
            ranking=candidate.inputs,
        ),
        failure,
    )
    ctx.attempts.record(record)
    return AttemptResult(attempt_id=attempt_id, outcome=outcome.value, detail=detail)


def _finish(record: FixAttemptRecord, outcome: FixOutcome, detail: str, ctx: FixFlowContext) -> AttemptResult:
    done = replace(record, outcome=outcome, detail=detail, finished_at=ctx.clock())
    ctx.attempts.record(done)
    logger.info(
        "fix attempt finished",
        extra={"attempt_id": record.attempt_id, "strategy": record.strategy, "outcome": outcome.value},
    )
    return AttemptResult(
        attempt_id=record.attempt_id, outcome=outcome.value, detail=detail, pull_request_url=done.pull_request_url
    )


def _rerun(record: FixAttemptRecord, failure: FailureRecord, dry_run: bool, ctx: FixFlowContext) -> AttemptResult:
    run = ctx.github.run_facts(failure.repo, failure.run_id)
    if run.status != "completed":
        return _finish(record, FixOutcome.NOT_APPLICABLE, f"run {run.id} is {run.status}: nothing to re-run yet", ctx)
    detail = f"re-run the failed jobs of run {run.id} (attempt {run.run_attempt} -> {run.run_attempt + 1})"
    if dry_run:
        return _finish(replace(record, rerun_of=run.id), FixOutcome.DRY_RUN, "would " + detail, ctx)
    key = rerun_verdict_key(failure.repo, run.id)
    # Registered before the re-run is asked for: its verdict can arrive before this step returns.
    ctx.attempts.await_verdict(
        VerdictWait(
            key=key, attempt_id=record.attempt_id, failure_id=failure.failure_id, after_run_attempt=run.run_attempt
        ),
        ctx.clock(),
    )
    ctx.github.rerun_failed_jobs(failure.repo, run.id)
    applied = replace(record, outcome=FixOutcome.APPLIED, detail=detail, rerun_of=run.id)
    ctx.attempts.record(applied)
    return AttemptResult(attempt_id=record.attempt_id, outcome=FixOutcome.APPLIED.value, detail=detail, verdict_key=key)


def _pull_request(
    record: FixAttemptRecord,
    failure: FailureRecord,
    strategy: PullRequestStrategy,
    candidate: Candidate,
    dry_run: bool,
    ctx: FixFlowContext,
) -> AttemptResult:
    run = ctx.github.run_facts(failure.repo, failure.run_id)
    if not failure.workflow_path and run.path:
        # workflow_job deliveries do not say which file the workflow is in; the run does.
        failure = replace(failure, workflow_path=run.path)
    branch = fix_branch_for(failure.signature)
    open_fix = ctx.github.open_fix_pull_request_for(failure.repo, branch)
    if open_fix is not None and open_fix.base_ref != failure.branch:
        detail = f"the open fix pull request #{open_fix.number} for this failure targets {open_fix.base_ref}"
        return _finish(replace(record, pull_request_url=open_fix.html_url), FixOutcome.NOT_APPLICABLE, detail, ctx)
    proposal = strategy.propose(failure, ctx.github.files_at(failure.repo, failure.head_sha))
    if isinstance(proposal, Decline):
        return _finish(record, FixOutcome.NOT_APPLICABLE, proposal.reason, ctx)
    if (weakening := weakens_build(proposal)) is not None:
        return _finish(record, FixOutcome.NOT_APPLICABLE, f"refused by the guardrail: {weakening}", ctx)
    diff = _clip(proposal.diff(), MAX_DIFF_CHARS)
    with_diff = replace(record, diff=diff, fix_branch=branch)
    if dry_run:
        return _finish(with_diff, FixOutcome.DRY_RUN, f"would open a pull request: {proposal.summary}", ctx)
    if failure.branch == branch:
        return _finish(with_diff, FixOutcome.NOT_APPLICABLE, "the failure is on the fix branch itself", ctx)
    message = _commit_message(failure, candidate, proposal)
    commit_sha = ctx.github.create_fix_commit(failure.repo, failure.head_sha, proposal.edits, message)
    key = branch_verdict_key(failure.repo, commit_sha, failure.workflow)
    ctx.attempts.await_verdict(
        VerdictWait(key=key, attempt_id=record.attempt_id, failure_id=failure.failure_id), ctx.clock()
    )
    ctx.github.point_fix_branch(failure.repo, branch, commit_sha)
    body = render_fix_pull_request(failure, candidate, proposal, diff)
    pull = ctx.github.upsert_fix_pull_request(
        failure.repo, branch, failure.branch, f"ci-agent: {proposal.summary}", body, [FIX_LABEL]
    )
    applied = replace(
        with_diff,
        outcome=FixOutcome.APPLIED,
        detail=proposal.summary,
        commit_sha=commit_sha,
        pull_request_number=pull.number,
        pull_request_url=pull.html_url,
        pull_request_state=PullRequestState.OPEN,
    )
    ctx.attempts.record(applied)
    logger.info(
        "fix pull request %s",
        "opened" if pull.created else "updated",
        extra={"attempt_id": record.attempt_id, "pull_request": pull.number, "commit": commit_sha},
    )
    return AttemptResult(
        attempt_id=record.attempt_id,
        outcome=FixOutcome.APPLIED.value,
        detail=proposal.summary,
        verdict_key=key,
        pull_request_url=pull.html_url,
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "\n… (diff cut: see the pull request's files)\n"


def _commit_message(failure: FailureRecord, candidate: Candidate, change: ProposedChange) -> str:
    inputs = candidate.inputs
    return (
        f"ci-agent: {change.summary}\n\n"
        f"Category: {failure.category.value}\n"
        f"Signature: {failure.signature}\n"
        f"Confidence: {failure.confidence:.2f}\n"
        f"Strategy: {candidate.strategy} (version {candidate.version}), priority {candidate.priority:.4f}\n"
        f"Observed success: {inputs.get('signature_fixed', 0):.0f} fixed, {inputs.get('signature_failed', 0):.0f} "
        f"failed on this signature; {inputs.get('category_fixed', 0):.0f} fixed, "
        f"{inputs.get('category_failed', 0):.0f} failed in {failure.category.value}\n"
        f"Failure: {failure.html_url or failure.failure_id}\n"
    )


def render_fix_pull_request(failure: FailureRecord, candidate: Candidate, change: ProposedChange, diff: str) -> str:
    from ci_agent.service.comments import markdown_environment

    longest_run = max((len(run) for run in re.findall(r"`+", diff)), default=0)
    return (
        markdown_environment()
        .get_template("fix_pull_request.md.j2")
        .render(
            failure=failure,
            candidate=candidate,
            change=change,
            diff=diff,
            fence="`" * max(3, longest_run + 1),
            opt_out_label=FixPolicy().opt_out_label,
            opt_out_topic=FixPolicy().opt_out_topic,
        )
    )


# -- verdicts ---------------------------------------------------------------------------------------


def await_verdict(verdict_key: str, task_token: str, ctx: FixFlowContext) -> bool:
    """The waiting task's half: store its token; if the verdict is already in, complete the task now. True if
    this call completed it."""
    wait = ctx.attempts.store_task_token(verdict_key, task_token)
    if wait.complete and wait.verdict is not None and ctx.starter is not None:
        ctx.starter.complete(task_token, wait.verdict, wait.verdict_detail or "")
        return True
    return False


def deliver_verdict(key: str, verdict: Verdict, detail: str, ctx: FixFlowContext) -> bool:
    """The worker's half: store GitHub's verdict for ``key``; complete the waiting task if its token is in.
    False when nothing waits for this key (or its verdict was given already)."""
    wait = ctx.attempts.store_verdict(key, verdict, detail)
    if wait is None:
        return False
    logger.info("verdict for a fix", extra={"key": key, "verdict": verdict, "attempt_id": wait.attempt_id})
    if wait.complete and wait.task_token is not None and ctx.starter is not None:
        ctx.starter.complete(wait.task_token, verdict, detail)
    return True


def record_verdict(attempt_id: str, verdict: str, detail: str, ctx: FixFlowContext) -> RecordedOutcome:
    """Record the verified outcome, learn from it, and note a verified fix on the failure (and a flaky
    signature when a re-run at the same commit passed)."""
    attempt = ctx.attempts.get(attempt_id)
    if attempt is None:
        raise LookupError(f"no fix attempt {attempt_id}")
    outcome = FixOutcome(verdict)
    if attempt.outcome is outcome or attempt.outcome is FixOutcome.REJECTED:
        return RecordedOutcome(attempt_id=attempt_id, outcome=attempt.outcome.value)  # a retried step
    # One transaction: a step retried after a crash half-way used to find the outcome written and return above,
    # and the strategy's count, the failure's verified fix or the flaky pass were never written.
    flaky = outcome is FixOutcome.FIXED and attempt.rerun_of is not None
    if not ctx.attempts.finish_with_verdict(attempt, outcome, ctx.clock(), detail, flaky=flaky):
        recorded = ctx.attempts.get(attempt_id) or attempt  # a concurrent step recorded it first
        return RecordedOutcome(attempt_id=attempt_id, outcome=recorded.outcome.value)
    return RecordedOutcome(attempt_id=attempt_id, outcome=outcome.value)


def record_timeout(attempt_id: str, ctx: FixFlowContext) -> RecordedOutcome:
    attempt = ctx.attempts.get(attempt_id)
    if attempt is not None and attempt.outcome.is_final:
        return RecordedOutcome(attempt_id=attempt_id, outcome=attempt.outcome.value)
    ctx.attempts.finish(attempt_id, FixOutcome.TIMED_OUT, ctx.clock(), "no verdict from GitHub in time")
    return RecordedOutcome(attempt_id=attempt_id, outcome=FixOutcome.TIMED_OUT.value)


def record_error(
    failure_id: str, attempt_id: str | None, error: str, cause: str, ctx: FixFlowContext
) -> RecordedOutcome:
    """A step failed for good (retries spent): write what happened, so no flow ends without an outcome."""
    detail = f"{error}: {cause[:500]}" if cause else error
    if attempt_id is not None and (attempt := ctx.attempts.get(attempt_id)) is not None:
        if attempt.outcome.is_final:
            return RecordedOutcome(attempt_id=attempt_id, outcome=attempt.outcome.value)
        ctx.attempts.finish(attempt_id, FixOutcome.FAILED_TO_APPLY, ctx.clock(), detail)
        return RecordedOutcome(attempt_id=attempt_id, outcome=FixOutcome.FAILED_TO_APPLY.value)
    recorded_id = _record_without_strategy(
        failure_id, ctx.failures.get(failure_id), FixOutcome.FAILED_TO_APPLY, detail, ctx
    )
    return RecordedOutcome(attempt_id=recorded_id, outcome=FixOutcome.FAILED_TO_APPLY.value)


# -- the worker's side ------------------------------------------------------------------------------


def start_fix_flow(record: FailureRecord, ctx: FixFlowContext) -> bool:
    """Start the fix flow for a newly recorded failure if the repository allows it and a strategy applies.
    A failure that is the verdict of a re-run, or of ci-agent's own fix branch, starts nothing."""
    if ctx.starter is None or record.is_resolved or is_fix_branch(record.branch):
        return False
    if ctx.policy().why_not(record.repo) is not None:
        return False
    wait = ctx.attempts.verdict_wait(rerun_verdict_key(record.repo, record.run_id))
    if wait is not None and wait.after_run_attempt is not None and record.run_attempt > wait.after_run_attempt:
        return False  # this failure is how the re-run ended: the flow that asked for it carries on
    flaky_passes = ctx.attempts.flaky_passes(record.signature)
    if all(_applicability(strategy, record, flaky_passes) is None for strategy in ctx.strategies):
        return False
    started = ctx.starter.start(execution_name(record.failure_id), record.failure_id)
    logger.info("fix flow %s", "started" if started else "already running", extra={"failure_id": record.failure_id})
    return started


def deliver_run_verdicts(
    repo: str, run_id: int, run_attempt: int, head_sha: str, workflow: str, conclusion: str | None, ctx: FixFlowContext
) -> bool:
    """A run completed: if it is the verdict of a re-run (a later attempt of the run) or of a fix branch (the
    failed workflow at the fix commit), hand it to the waiting flow. True when it was someone's verdict."""
    if conclusion in (None, "cancelled", "skipped", "neutral", "stale"):
        return False  # says nothing about the fix
    verdict: Verdict = "fixed" if conclusion == "success" else "not_fixed"
    delivered = False
    wait = ctx.attempts.verdict_wait(rerun_verdict_key(repo, run_id))
    if wait is not None and wait.after_run_attempt is not None and run_attempt > wait.after_run_attempt:
        rerun_verdict, detail = verdict, f"run {run_id} attempt {run_attempt}: {conclusion}"
        failure = ctx.failures.get(wait.failure_id) if verdict == "not_fixed" else None
        # The re-run re-ran every failed job of the run: this failure's verdict is its own job's.
        if (
            failure is not None
            and failure.job_id > 0
            and failure.job_name not in ctx.github.failed_job_names(repo, run_id)
        ):
            rerun_verdict = "fixed"
            detail = f"job {failure.job_name} passed in run {run_id} attempt {run_attempt} (the run failed on others)"
        delivered |= deliver_verdict(rerun_verdict_key(repo, run_id), rerun_verdict, detail, ctx)
    key = branch_verdict_key(repo, head_sha, workflow)
    if ctx.attempts.verdict_wait(key) is not None:
        delivered |= deliver_verdict(key, verdict, f"{workflow} at {head_sha[:12]} (run {run_id}): {conclusion}", ctx)
    return delivered


def deliver_job_verdict(
    repo: str, run_id: int, run_attempt: int, job_name: str, conclusion: str | None, ctx: FixFlowContext
) -> bool:
    """A job completed: if it is the re-run of the job a flow re-ran (a later attempt of the run, the failed
    job's name), its conclusion is the verdict. It is the verdict the run's completion gives too (a re-run's
    verdict is its own job's, see :func:`deliver_run_verdicts`), only sooner, and it reaches a webhook that
    sends "Workflow jobs" without "Workflow runs". A fix branch's verdict is not taken from one job: a fix
    that makes its job pass and breaks another must not count as fixed, so that one waits for the run."""
    if conclusion != "success" and conclusion not in FAILED_CONCLUSIONS:
        return False  # cancelled, skipped, neutral: says nothing about the fix
    key = rerun_verdict_key(repo, run_id)
    wait = ctx.attempts.verdict_wait(key)
    if wait is None or wait.verdict is not None or wait.after_run_attempt is None:
        return False
    if run_attempt <= wait.after_run_attempt:
        return False
    failure = ctx.failures.get(wait.failure_id)
    if failure is None or failure.job_name != job_name:
        return False
    verdict: Verdict = "fixed" if conclusion == "success" else "not_fixed"
    return deliver_verdict(key, verdict, f"job {job_name} in run {run_id} attempt {run_attempt}: {conclusion}", ctx)


def close_stale_fixes(resolved: Sequence[FailureRecord], ctx: FixFlowContext) -> list[int]:
    """Failures resolved by a change ci-agent did not merge: close their open fix pull requests with a comment
    and delete the branches, and tell a flow still waiting that its failure was resolved another way."""
    closed: list[int] = []
    for failure in resolved:
        for attempt in ctx.attempts.for_failure(failure.failure_id):
            if attempt.pull_request_state is not PullRequestState.OPEN or attempt.pull_request_number is None:
                continue
            facts = ctx.github.pull_request(failure.repo, attempt.pull_request_number)
            if facts.merged:
                ctx.attempts.set_pull_request_state(attempt.attempt_id, PullRequestState.MERGED)
                continue
            if facts.state == "open" and attempt.fix_branch:
                ctx.github.close_fix_pull_request(
                    failure.repo,
                    facts.number,
                    attempt.fix_branch,
                    f"The failure this pull request fixes was resolved on `{failure.branch}` by run "
                    f"{failure.resolved_by_run_id}, without this change. Closing it and deleting its branch.",
                )
                closed.append(facts.number)
            ctx.attempts.set_pull_request_state(attempt.attempt_id, PullRequestState.CLOSED_STALE)
            if attempt.commit_sha is not None:
                key = branch_verdict_key(failure.repo, attempt.commit_sha, failure.workflow)
                deliver_verdict(key, "superseded", f"resolved by run {failure.resolved_by_run_id}", ctx)
    return closed


def on_fix_pull_request_closed(repo: str, number: int, head_ref: str, merged: bool, ctx: FixFlowContext) -> str | None:
    """A maintainer merged or closed one of ci-agent's fix pull requests. Closed unmerged is a rejection: the
    strategy is not proposed again for that failure signature in that repository until the strategy changes.
    Returns what was recorded, or None when it is not one of ours."""
    if not is_fix_branch(head_ref):
        return None
    signature = head_ref.removeprefix(FIX_BRANCH_PREFIX)
    attempt = _attempt_for_pull_request(repo, number, signature, ctx)
    if attempt is None or attempt.pull_request_state is PullRequestState.CLOSED_STALE:
        return None
    if merged:
        ctx.attempts.set_pull_request_state(attempt.attempt_id, PullRequestState.MERGED)
        return PullRequestState.MERGED.value
    now = ctx.clock()
    ctx.attempts.finish(
        attempt.attempt_id,
        FixOutcome.REJECTED,
        now,
        "closed without merging by a maintainer",
        pull_request_state=PullRequestState.CLOSED,
    )
    if attempt.category and attempt.signature:
        ctx.attempts.learn(attempt.strategy, attempt.category, attempt.signature, FixOutcome.REJECTED)
        ctx.attempts.reject(attempt.strategy, attempt.strategy_version or "", repo, attempt.signature, now)
    if attempt.commit_sha is not None and attempt.failure_id:
        failure = ctx.failures.get(attempt.failure_id)
        if failure is not None:
            deliver_verdict(branch_verdict_key(repo, attempt.commit_sha, failure.workflow), "rejected", "closed", ctx)
    return FixOutcome.REJECTED.value


def _attempt_for_pull_request(repo: str, number: int, signature: str, ctx: FixFlowContext) -> FixAttemptRecord | None:
    # The signature names the failures; their attempts name the pull request (an index query per failure).
    for failure in ctx.failures.failures_for_signature(signature, limit=20):
        if failure.repo.lower() != repo.lower():
            continue
        for attempt in reversed(ctx.attempts.for_failure(failure.failure_id)):
            if attempt.pull_request_number == number:
                return attempt
    return None
