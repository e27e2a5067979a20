"""The records the store keeps: failures, fix attempts and the summaries built from them.

Plain frozen dataclasses: nothing from pynamodb leaks out of the store, so the rest of ci-agent (and its
tests) can build and compare records without a table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from ci_agent.analysis import Analysis, Category, LogLine


class LogStatus(StrEnum):
    """What happened when the job log was fetched; anything but OK means the analysis saw less than the job."""

    OK = "ok"
    EXPIRED = "expired"
    TRUNCATED = "truncated"
    UNAVAILABLE = "unavailable"


class FixOutcome(StrEnum):
    """Where a fix attempt stands. ``pending`` and ``applied`` still wait; every other outcome is final."""

    PENDING = "pending"  # started: the change is being made
    APPLIED = "applied"  # the re-run was requested or the pull request opened: waiting for GitHub's verdict
    NOT_APPLICABLE = "not_applicable"  # no strategy could address it (or this one declined, with the reason)
    FAILED_TO_APPLY = "failed_to_apply"  # GitHub refused the change, or an error ended the attempt
    FIXED = "fixed"  # verified: the next run of the failed workflow passed
    NOT_FIXED = "not_fixed"  # verified: it failed again
    TIMED_OUT = "timed_out"  # no verdict arrived in time
    REJECTED = "rejected"  # a maintainer closed the fix pull request without merging it
    SUPERSEDED = "superseded"  # the failure was resolved by a change ci-agent did not make before a verdict
    SKIPPED_BUDGET = "skipped_budget"  # the repository's daily budget of attempts was spent
    SKIPPED_DISABLED = "skipped_disabled"  # the kill switch, the repository's or the pull request's opt-out
    DRY_RUN = "dry_run"  # what would have been done was recorded, nothing was changed

    @property
    def is_final(self) -> bool:
        return self not in (FixOutcome.PENDING, FixOutcome.APPLIED)

    @property
    def is_verdict(self) -> bool:
        """An outcome that says whether the strategy works (what the learned rates count)."""
        return self in (FixOutcome.FIXED, FixOutcome.NOT_FIXED, FixOutcome.REJECTED)


class PullRequestState(StrEnum):
    OPEN = "open"
    MERGED = "merged"
    CLOSED = "closed"  # by a maintainer, without merging
    CLOSED_STALE = "closed_stale"  # by ci-agent: the failure was resolved another way


def failure_id_for(repo: str, job_id: int) -> str:
    """The key of a failure. GitHub job ids are unique per attempt: a job reported by both a ``workflow_job``
    and a ``workflow_run`` delivery is one failure, a re-run is a new one."""
    return f"{repo}#{job_id}"


def owner_of(repo: str) -> str:
    """``"acme"`` for ``"acme/shop"``: the organisation or user a weekly report covers."""
    return repo.partition("/")[0]


def open_scope(repo: str, workflow: str, branch: str) -> str:
    """What a success has to match to resolve a failure: the same workflow on the same branch."""
    return f"{repo}#{workflow}#{branch}"


def open_branch(repo: str, branch: str) -> str:
    """What the pull request comment covers: every workflow's failures on the branch."""
    return f"{repo}#{branch}"


def _require_aware(name: str, value: datetime | None) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


def _require_text(name: str, value: str) -> None:
    # These values are index keys: DynamoDB rejects an empty string there.
    if not value:
        raise ValueError(f"{name} must not be empty")


@dataclass(frozen=True, slots=True)
class FailedJob:
    """What is known about a failed job before its log is read (the webhooks package fills it in)."""

    repo: str  # "owner/name"
    workflow: str
    workflow_path: str
    job_id: int
    job_name: str
    run_id: int
    run_attempt: int
    branch: str
    head_sha: str
    pull_requests: tuple[int, ...]
    actor: str
    failed_at: datetime
    html_url: str


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """One failed job and what the analyzer made of it; resolved once the same workflow passes on the branch."""

    repo: str
    workflow: str
    workflow_path: str
    job_id: int
    job_name: str
    run_id: int
    run_attempt: int
    branch: str
    head_sha: str
    pull_requests: tuple[int, ...]
    actor: str
    category: Category
    confidence: float
    signature: str
    culprit: LogLine | None
    error_lines: tuple[LogLine, ...]
    failed_step: str | None
    rule: str | None
    ruleset_version: str
    failed_at: datetime
    analyzed_at: datetime
    html_url: str
    log_status: LogStatus
    notes: tuple[str, ...] = ()
    resolved_at: datetime | None = None
    resolved_by_run_id: int | None = None
    time_to_recovery_seconds: float | None = None
    # Set when one of ci-agent's fixes was verified (the re-run or the fix branch passed).
    fix_verified_at: datetime | None = None
    fix_attempt_id: str | None = None
    fix_strategy: str | None = None

    def __post_init__(self) -> None:
        _require_text("repo", self.repo)
        _require_text("workflow", self.workflow)
        _require_text("signature", self.signature)
        _require_aware("failed_at", self.failed_at)
        _require_aware("analyzed_at", self.analyzed_at)
        _require_aware("resolved_at", self.resolved_at)
        _require_aware("fix_verified_at", self.fix_verified_at)

    @property
    def time_to_verified_fix_seconds(self) -> float | None:
        """Failure to ci-agent's verified fix: what MTTR would have been had the fix been merged at once."""
        if self.fix_verified_at is None:
            return None
        return (self.fix_verified_at - self.failed_at).total_seconds()

    @property
    def failure_id(self) -> str:
        return failure_id_for(self.repo, self.job_id)

    @property
    def owner(self) -> str:
        """The organisation or user the repository belongs to."""
        return owner_of(self.repo)

    @property
    def scope(self) -> str:
        return open_scope(self.repo, self.workflow, self.branch)

    @property
    def branch_scope(self) -> str:
        return open_branch(self.repo, self.branch)

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def fixed_by(self, succeeded_at: datetime, job_name: str | None = None) -> bool:
        """Whether a success at ``succeeded_at`` (of the job ``job_name``, or of the whole workflow) fixes this
        failure of the same workflow and branch: it must come after it, and one passing job vouches only for itself."""
        return self.failed_at < succeeded_at and (job_name is None or job_name == self.job_name)

    def resolved(self, resolved_at: datetime, run_id: int) -> FailureRecord:
        """This failure as resolved by the successful run ``run_id``."""
        return replace(
            self,
            resolved_at=resolved_at,
            resolved_by_run_id=run_id,
            time_to_recovery_seconds=(resolved_at - self.failed_at).total_seconds(),
        )

    @classmethod
    def from_analysis(
        cls,
        job: FailedJob,
        analysis: Analysis,
        *,
        analyzed_at: datetime,
        log_status: LogStatus = LogStatus.OK,
        notes: tuple[str, ...] = (),
    ) -> FailureRecord:
        """A new, unresolved failure; ``notes`` adds what the caller knows beyond the analyzer's own notes."""
        return cls(
            repo=job.repo,
            workflow=job.workflow,
            workflow_path=job.workflow_path,
            job_id=job.job_id,
            job_name=job.job_name,
            run_id=job.run_id,
            run_attempt=job.run_attempt,
            branch=job.branch,
            head_sha=job.head_sha,
            pull_requests=job.pull_requests,
            actor=job.actor,
            category=analysis.category,
            confidence=analysis.confidence,
            signature=analysis.signature,
            culprit=analysis.culprit,
            error_lines=analysis.error_lines,
            failed_step=analysis.failed_step,
            rule=analysis.rule,
            ruleset_version=analysis.ruleset_version,
            failed_at=job.failed_at,
            analyzed_at=analyzed_at,
            html_url=job.html_url,
            log_status=log_status,
            notes=analysis.notes + notes,
        )


@dataclass(frozen=True, slots=True)
class FailureFacts:
    """The part of a failure the weekly report reads: a projection of about a fifth of the item (no error
    lines, notes or URLs), cheap to read and to hold for the tens of thousands of failures of a busy week."""

    repo: str
    run_id: int
    category: Category
    signature: str
    rule: str | None
    culprit: LogLine | None
    failed_at: datetime
    resolved_by_run_id: int | None = None
    time_to_recovery_seconds: float | None = None
    fix_verified_at: datetime | None = None

    @property
    def time_to_verified_fix_seconds(self) -> float | None:
        if self.fix_verified_at is None:
            return None
        return (self.fix_verified_at - self.failed_at).total_seconds()

    @classmethod
    def of(cls, record: FailureRecord) -> FailureFacts:
        return cls(
            repo=record.repo,
            run_id=record.run_id,
            category=record.category,
            signature=record.signature,
            rule=record.rule,
            culprit=record.culprit,
            failed_at=record.failed_at,
            resolved_by_run_id=record.resolved_by_run_id,
            time_to_recovery_seconds=record.time_to_recovery_seconds,
            fix_verified_at=record.fix_verified_at,
        )


def fix_attempt_id_for(failure_id: str, number: int, strategy: str) -> str:
    """The key of the ``number``-th try at a failure: the same for a retried step, so a retry replaces it."""
    return f"{failure_id}#try{number}#{strategy}"


@dataclass(frozen=True, slots=True)
class FixAttemptRecord:
    """One try at fixing a failure with one strategy (a re-run, a fix PR, ...), or the flow's reason for not
    trying (``strategy`` is then ``"none"``): every fix-flow execution ends with at least one of these."""

    attempt_id: str
    failure_id: str
    strategy: str
    started_at: datetime
    outcome: FixOutcome = FixOutcome.PENDING
    finished_at: datetime | None = None
    detail: str | None = None
    repo: str | None = None
    signature: str | None = None
    category: str | None = None
    strategy_version: str | None = None
    priority: float | None = None
    ranking: Mapping[str, float] | None = None  # the inputs of the priority, as shown in the pull request
    fix_branch: str | None = None
    commit_sha: str | None = None
    pull_request_number: int | None = None
    pull_request_url: str | None = None
    pull_request_state: PullRequestState | None = None
    diff: str | None = None
    rerun_of: int | None = None  # the run id whose failed jobs were re-run
    execution: str | None = None  # the Step Functions execution that made it

    def __post_init__(self) -> None:
        _require_text("attempt_id", self.attempt_id)
        _require_text("failure_id", self.failure_id)
        _require_text("strategy", self.strategy)
        _require_aware("started_at", self.started_at)
        _require_aware("finished_at", self.finished_at)

    @property
    def duration(self) -> timedelta | None:
        return None if self.finished_at is None else self.finished_at - self.started_at


@dataclass(frozen=True, slots=True)
class StrategyRecord:
    """What a strategy achieved within one scope (a category, a signature): verified outcomes only."""

    fixed: int = 0
    not_fixed: int = 0
    rejected: int = 0

    @property
    def failures(self) -> int:
        """Verdicts against the strategy: it did not fix, or a maintainer would not have its fix."""
        return self.not_fixed + self.rejected

    @property
    def verdicts(self) -> int:
        return self.fixed + self.failures


@dataclass(frozen=True, slots=True)
class VerdictWait:
    """A fix attempt waiting for GitHub's verdict, found by what the verdict will carry (``key``).

    The fix flow's waiting task stores its ``task_token``; the worker stores the ``verdict`` when the run that
    decides it completes. Each writes its half and reads the whole back: whoever sees both completes the task.
    """

    key: str
    attempt_id: str
    failure_id: str
    task_token: str | None = None
    verdict: str | None = None
    verdict_detail: str | None = None
    after_run_attempt: int | None = None  # a re-run's verdict is a later attempt of the same run

    @property
    def complete(self) -> bool:
        return self.task_token is not None and self.verdict is not None


def rerun_verdict_key(repo: str, run_id: int) -> str:
    """What a re-run's verdict carries: a later attempt of the same run."""
    return f"run:{repo}#{run_id}"


def branch_verdict_key(repo: str, commit_sha: str, workflow: str) -> str:
    """What a fix pull request's verdict carries: the failed workflow's run at the fix commit."""
    return f"sha:{repo}#{commit_sha}#{workflow}"


@dataclass(frozen=True, slots=True)
class SignatureHistory:
    """How often a failure signature has been seen, when last, and the latest of its failures that was fixed."""

    count: int
    last_seen: datetime | None
    last_resolved: FailureRecord | None


@dataclass(frozen=True, slots=True)
class FailureStats:
    """Counts over the failures table, for the CLI."""

    failures: int
    by_category: Mapping[str, int]
    by_repository: Mapping[str, int]
    open: int
    resolved: int
    recovery_seconds: tuple[float, ...] = ()  # time to recovery of each resolved failure
    open_failed_at: tuple[datetime, ...] = ()  # when each open failure failed: their ages
