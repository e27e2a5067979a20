"""The repositories: the only code in ci-agent that reads or writes DynamoDB.

Every method takes and returns the records of :mod:`ci_agent.store.records` and raises
:class:`~ci_agent.store.errors.StoreError` (with the library's error as its cause) when DynamoDB fails.
Reads go through a key or an index query; the one scan is :meth:`FailureRepository.stats`, for the CLI.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from pynamodb.exceptions import DoesNotExist, PynamoDBException, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.pagination import ResultIterator
from pynamodb.transactions import TransactWrite

from ci_agent.config import Settings
from ci_agent.store.errors import ItemRefused, NotFound, StoreError, is_condition_failure
from ci_agent.store.models import (
    BY_OWNER,
    BY_REPO,
    REPORT_ATTRIBUTES,
    VERDICT_PREFIX,
    FailureItem,
    SignatureSummaryItem,
    bind_models,
    failure_facts_from_raw,
    failure_from_item,
    failure_to_item,
    fix_attempt_from_item,
    fix_attempt_to_item,
    strategy_record_from_item,
    verdict_wait_from_item,
)
from ci_agent.store.records import (
    FailureFacts,
    FailureRecord,
    FailureStats,
    FixAttemptRecord,
    FixOutcome,
    PullRequestState,
    SignatureHistory,
    StrategyRecord,
    VerdictWait,
    open_branch,
    open_scope,
)

# Timestamps are stored to the microsecond, so "before until" is "at most until minus one microsecond".
_TICK = timedelta(microseconds=1)
# How long a claimed delivery waits to be queued before a redelivery may take it over: well beyond the
# ingress function's 10 s timeout, so that a live claim is never taken over.
CLAIM_LEASE = timedelta(seconds=60)
_CLAIMED, _QUEUED = "claimed", "queued"
# A signature's summary item in the failures table (see SignatureSummaryItem).
SIGNATURE_SUMMARY_PREFIX = "signature#"
# DynamoDB cancels a transaction, or refuses a write, that meets another transaction on the same item: a hot
# signature's summary under five worker instances. Nothing was written, so it is tried again, a few times.
_CONFLICT_ATTEMPTS = 4
_T = TypeVar("_T")


def _aware(name: str, value: datetime) -> datetime:
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")
    return value


_Item = TypeVar("_Item", bound=Model)


def _get_or_none(model: type[_Item], key: Any, what: str) -> _Item | None:
    """The item under ``key`` read consistently, None if there is none; StoreError("could not read {what}")
    if DynamoDB fails."""
    try:
        return model.get(key, consistent_read=True)
    except DoesNotExist:
        return None
    except PynamoDBException as exc:
        raise StoreError(f"could not read {what}") from exc


class DeliveryLedger:
    """The webhook deliveries already taken, so a redelivered X-GitHub-Delivery is processed once."""

    def __init__(self, settings: Settings) -> None:
        self._model = bind_models(settings).deliveries
        self._ttl = timedelta(days=settings.delivery_ttl_days)

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        """Take the delivery for a short lease; True for the one caller that took it, False for a redelivery
        of a delivery that was queued or whose lease still runs."""
        if not delivery_id:
            raise ValueError("delivery_id must not be empty")
        _aware("now", now)
        model = self._model
        item = model(
            delivery_id,
            event=event,
            received_at=now,
            expires_at=now + self._ttl,
            status=_CLAIMED,
            lease_until=now + CLAIM_LEASE,
        )
        # DynamoDB removes expired items up to a few days late; until then an expired one no longer counts.
        # A claim never confirmed belonged to a function that died before queueing: after its lease, retake it.
        condition = (
            model.delivery_id.does_not_exist()
            | (model.expires_at < now)
            | ((model.status == _CLAIMED) & (model.lease_until < now))
        )
        try:
            item.save(condition=condition)
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return False
            raise StoreError(f"could not record delivery {delivery_id}") from exc
        return True

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        """Whether the delivery is claimed but not yet queued, its lease still running: a redelivery now must
        not be answered "already accepted", since the first attempt may yet die before queueing."""
        _aware("now", now)
        item = _get_or_none(self._model, delivery_id, f"delivery {delivery_id}")
        if item is None:
            return False
        return item.status == _CLAIMED and item.lease_until is not None and item.lease_until >= now

    def confirm(self, delivery_id: str) -> None:
        """The delivery is queued: from now on every redelivery of it is a duplicate, however late."""
        model = self._model
        try:
            model(delivery_id).update(
                actions=[model.status.set(_QUEUED), model.lease_until.remove()],
                condition=model.delivery_id.exists(),
            )
        except PynamoDBException as exc:
            raise StoreError(f"could not confirm delivery {delivery_id}") from exc

    def release(self, delivery_id: str) -> None:
        """Forget a claim (the delivery could not be queued), so GitHub's redelivery of it is accepted."""
        try:
            self._model(delivery_id).delete()
        except PynamoDBException as exc:
            raise StoreError(f"could not release delivery {delivery_id}") from exc


class FailureRepository:
    """Failed jobs: recorded once per job, found by repository, signature or open scope, resolved on success."""

    def __init__(self, settings: Settings) -> None:
        models = bind_models(settings)
        self._model = models.failures
        self._successes = models.successes
        self._summaries = models.signature_summaries

    def save_failure(self, record: FailureRecord) -> bool:
        """Record a failure once. True if this call recorded it; False if the job was already recorded, in
        which case the stored record (possibly resolved since) is left exactly as it is.

        The failure and its signature's count are written in one transaction, so the count is the number of
        failures recorded with the signature, whatever dies or is retried. When it last failed moves forward
        first, on its own (a conditional update that is safe to repeat): a retry after a crash redoes it.
        """
        summaries = self._summaries
        key = signature_summary_key(record.signature)
        failed_at = record.failed_at
        self._forward(
            summaries(key),
            [summaries.last_failed_at.set(failed_at)],
            summaries.last_failed_at.does_not_exist() | (summaries.last_failed_at < failed_at),
            f"could not record when signature {record.signature} last failed",
        )
        model = self._model
        item = failure_to_item(record, model)
        item.in_signature_summary = True

        def transaction() -> bool:
            try:
                with TransactWrite(connection=model._get_connection().connection) as write:
                    write.save(item, condition=model.failure_id.does_not_exist())
                    write.update(summaries(key), actions=[summaries.failures.add(1)])
            except TransactWriteError as exc:
                if _cancelled_by(exc, "ConditionalCheckFailed"):
                    return False
                if _cancelled_by(exc, "ValidationError"):
                    raise ItemRefused(f"DynamoDB refuses failure {record.failure_id}: {exc}") from exc
                raise
            return True

        try:
            return _retrying_conflicts(transaction)
        except PynamoDBException as exc:
            raise StoreError(f"could not save failure {record.failure_id}") from exc

    def _forward(self, item: SignatureSummaryItem, actions: list[Action], condition: Condition, what: str) -> None:
        """A conditional update that only ever moves a value forward: losing the condition is the expected
        outcome when the stored value is already further on."""

        def update() -> None:
            try:
                item.update(actions=actions, condition=condition)
            except PynamoDBException as exc:
                if not is_condition_failure(exc):
                    raise

        try:
            _retrying_conflicts(update)
        except PynamoDBException as exc:
            raise StoreError(what) from exc

    def get(self, failure_id: str) -> FailureRecord | None:
        item = _get_or_none(self._model, failure_id, f"failure {failure_id}")
        return None if item is None else failure_from_item(item)

    def failures_for_repo(self, repo: str, since: datetime, until: datetime) -> list[FailureRecord]:
        """The repository's failures with ``since <= failed_at < until``, oldest first."""
        _aware("since", since)
        _aware("until", until)
        if until <= since:
            return []
        model = self._model
        try:
            items = list(model.by_repo.query(repo, range_key_condition=model.failed_at.between(since, until - _TICK)))
        except PynamoDBException as exc:
            raise StoreError(f"could not query failures of {repo}") from exc
        return [failure_from_item(item) for item in items]

    def report_facts(
        self, since: datetime, until: datetime, *, owner: str | None = None, repo: str | None = None
    ) -> Iterator[FailureFacts]:
        """What the weekly report reads of the failures of ``owner`` (``by_owner``) or of ``repo``
        (``by_repo``) with ``since <= failed_at < until``, oldest first. A projection, read page by page and
        turned into records without pynamodb's per-item model (five times faster for a busy week)."""
        _aware("since", since)
        _aware("until", until)
        if (owner is None) == (repo is None) or not (owner or repo):
            raise ValueError("name an owner or a repository")
        index, key = (BY_OWNER, owner) if owner is not None else (BY_REPO, repo)
        assert key is not None
        return self._facts_pages(index, key, since, until)

    def _facts_pages(self, index: str, key: str, since: datetime, until: datetime) -> Iterator[FailureFacts]:
        if until <= since:
            return
        model = self._model
        iterator: ResultIterator[FailureFacts] = ResultIterator(
            model._get_connection().query,
            (key,),
            {
                "range_key_condition": model.failed_at.between(since, until - _TICK),
                "index_name": index,
                "attributes_to_get": list(REPORT_ATTRIBUTES),
            },
            map_fn=failure_facts_from_raw,
        )
        try:
            yield from iterator
        except PynamoDBException as exc:
            raise StoreError(f"could not query failures of {key}") from exc

    def failures_for_signature(
        self, signature: str, since: datetime | None = None, limit: int = 50
    ) -> list[FailureRecord]:
        """The latest failures with this signature (at most ``limit``), newest first."""
        model = self._model
        condition = None if since is None else model.failed_at >= _aware("since", since)
        try:
            items = list(
                model.by_signature.query(
                    signature, range_key_condition=condition, scan_index_forward=False, limit=limit
                )
            )
        except PynamoDBException as exc:
            raise StoreError(f"could not query failures with signature {signature}") from exc
        return [failure_from_item(item) for item in items]

    def seen_before(self, signature: str, before: datetime) -> bool:
        """Whether any failure with this signature failed before ``before`` (one item read, at most)."""
        model = self._model
        try:
            found = list(
                model.by_signature.query(
                    signature, range_key_condition=model.failed_at < _aware("before", before), limit=1
                )
            )
        except PynamoDBException as exc:
            raise StoreError(f"could not query failures with signature {signature}") from exc
        return bool(found)

    def count_signature(self, signature: str) -> SignatureHistory:
        """How many failures carry this signature, when it was last seen, and the latest resolved one."""
        return self.signature_histories([signature])[signature]

    def signature_histories(self, signatures: Iterable[str]) -> dict[str, SignatureHistory]:
        """:meth:`count_signature` for many signatures at once: their summary items in one ``BatchGetItem``,
        then their latest resolved failures in another, whatever the signatures' failures number.

        A summary may name a failure whose resolution did not finish (the summary moves first, see
        :meth:`resolve`); until the retry resolves it, that signature shows no resolved failure."""
        wanted = sorted(set(signatures))
        if not wanted:
            return {}
        try:
            summaries = {
                item.failure_id.removeprefix(SIGNATURE_SUMMARY_PREFIX): item
                for item in self._summaries.batch_get(
                    [signature_summary_key(signature) for signature in wanted], consistent_read=True
                )
            }
            resolved_ids = sorted({item.last_resolved_id for item in summaries.values() if item.last_resolved_id})
            resolved = {
                item.failure_id: failure_from_item(item)
                for item in (self._model.batch_get(resolved_ids, consistent_read=True) if resolved_ids else ())
            }
        except PynamoDBException as exc:
            raise StoreError(f"could not read the history of {len(wanted)} signatures") from exc
        histories: dict[str, SignatureHistory] = {}
        for signature in wanted:
            summary = summaries.get(signature)
            if summary is None:
                histories[signature] = SignatureHistory(count=0, last_seen=None, last_resolved=None)
                continue
            last = resolved.get(summary.last_resolved_id or "")
            histories[signature] = SignatureHistory(
                count=int(summary.failures or 0),
                last_seen=summary.last_failed_at,
                last_resolved=last if last is not None and last.is_resolved else None,
            )
        return histories

    def open_failures(self, repo: str, workflow: str, branch: str) -> list[FailureRecord]:
        """The unresolved failures of a workflow on a branch, oldest first."""
        scope = open_scope(repo, workflow, branch)
        try:
            items = list(self._model.open_by_scope.query(scope))
        except PynamoDBException as exc:
            raise StoreError(f"could not query open failures of {scope}") from exc
        return [failure_from_item(item) for item in items]

    def open_failures_on_branch(self, repo: str, branch: str) -> list[FailureRecord]:
        """The unresolved failures of every workflow on a branch, oldest first."""
        key = open_branch(repo, branch)
        try:
            items = list(self._model.open_by_branch.query(key))
        except PynamoDBException as exc:
            raise StoreError(f"could not query open failures of {key}") from exc
        return [failure_from_item(item) for item in items]

    def resolve_open_failures(
        self,
        repo: str,
        workflow: str,
        branch: str,
        resolved_at: datetime,
        run_id: int,
        *,
        job_name: str | None = None,
    ) -> list[FailureRecord]:
        """Mark resolved, by the successful run ``run_id``, the workflow's open failures on the branch that
        failed before ``resolved_at`` (only those of the job ``job_name`` if given: one passing job does not
        vouch for the others); returns them as resolved, oldest first. Safe to repeat: a failure already
        resolved (by an earlier call or a concurrent one) is skipped, so a retry after an error finishes."""
        _aware("resolved_at", resolved_at)
        fixed = [
            record for record in self.open_failures(repo, workflow, branch) if record.fixed_by(resolved_at, job_name)
        ]
        return self.resolve(fixed, resolved_at, run_id)

    def resolve(self, failures: Sequence[FailureRecord], resolved_at: datetime, run_id: int) -> list[FailureRecord]:
        """Mark ``failures`` resolved by the successful run ``run_id``; returns the ones this call resolved, as
        resolved. One resolved already (by an earlier call or a concurrent one) is skipped, so a retry finishes."""
        _aware("resolved_at", resolved_at)
        resolved = (failure.resolved(resolved_at, run_id) for failure in failures)
        return [record for record in resolved if self._summarise_resolved(record) and self._mark_resolved(record)]

    def _summarise_resolved(self, resolved: FailureRecord) -> bool:
        """Name ``resolved`` its signature's latest resolved failure unless a later one is named already; done
        before the failure is marked resolved, so that a retry after a crash between the two still does it."""
        summaries = self._summaries
        failed_at = resolved.failed_at
        self._forward(
            summaries(signature_summary_key(resolved.signature)),
            [summaries.last_resolved_id.set(resolved.failure_id), summaries.last_resolved_failed_at.set(failed_at)],
            summaries.last_resolved_failed_at.does_not_exist() | (summaries.last_resolved_failed_at < failed_at),
            f"could not record the resolution of signature {resolved.signature}",
        )
        return True

    def record_success(
        self, repo: str, workflow: str, branch: str, succeeded_at: datetime, run_id: int, *, job_name: str | None = None
    ) -> None:
        """Remember the latest success of the workflow on the branch (of its job ``job_name`` if given), for
        the failures whose deliveries arrive after it (see :meth:`resolve_if_succeeded_since`)."""
        _aware("succeeded_at", succeeded_at)
        model = self._successes
        item = model(
            _success_key(open_scope(repo, workflow, branch), job_name), succeeded_at=succeeded_at, run_id=run_id
        )
        try:
            # Only ever moves forward: an older success processed late must not hide a newer one.
            item.save(condition=model.failure_id.does_not_exist() | (model.succeeded_at < succeeded_at))
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return
            raise StoreError(f"could not record the success of {item.failure_id}") from exc

    def resolve_if_succeeded_since(self, record: FailureRecord) -> FailureRecord | None:
        """Resolve ``record`` if its workflow on its branch, or its job, has succeeded since it failed (its
        delivery was processed late); returns it resolved, or None if it stays open."""
        scope = open_scope(record.repo, record.workflow, record.branch)
        keys = [_success_key(scope, None), _success_key(scope, record.job_name)]
        try:
            successes = list(self._successes.batch_get(keys, consistent_read=True))
        except PynamoDBException as exc:
            raise StoreError(f"could not read the successes of {scope}") from exc
        latest = max(successes, key=lambda item: item.succeeded_at, default=None)
        if latest is None or not record.fixed_by(latest.succeeded_at):
            return None
        resolved = self.resolve([record], latest.succeeded_at, int(latest.run_id))
        return resolved[0] if resolved else None

    def record_verified_fix(self, failure_id: str, attempt_id: str, strategy: str, verified_at: datetime) -> None:
        """Remember that ci-agent's fix (``attempt_id``) was verified for the failure; the first one stays."""
        _aware("verified_at", verified_at)
        model = self._model
        try:
            model(failure_id).update(
                actions=[
                    model.fix_verified_at.set(verified_at),
                    model.fix_attempt_id.set(attempt_id),
                    model.fix_strategy.set(strategy),
                ],
                condition=model.failure_id.exists() & model.fix_verified_at.does_not_exist(),
            )
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return
            raise StoreError(f"could not record the verified fix of {failure_id}") from exc

    def _mark_resolved(self, resolved: FailureRecord) -> bool:
        """Store a failure's resolution; False if it was resolved already (by another call or a concurrent one)."""
        at, run_id, recovery = resolved.resolved_at, resolved.resolved_by_run_id, resolved.time_to_recovery_seconds
        if at is None or run_id is None or recovery is None:
            raise ValueError(f"failure {resolved.failure_id} is not resolved")
        model = self._model
        try:
            model(resolved.failure_id).update(
                actions=[
                    model.resolved_at.set(at),
                    model.resolved_by_run_id.set(run_id),
                    model.time_to_recovery_seconds.set(recovery),
                    model.open_scope.remove(),  # leaves the sparse open_by_scope index
                    model.open_branch.remove(),  # and open_by_branch
                ],
                condition=model.open_scope.exists(),
            )
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return False
            raise StoreError(f"could not resolve failure {resolved.failure_id}") from exc
        return True

    def summarise_uncounted(self) -> int:
        """Add to their signatures' summaries the failures recorded before summaries existed (once each, however
        often this runs, and safe beside the workers recording new ones); returns how many it added. Scans the
        table: for ``ci-agent summarise-signatures``, run once after upgrading."""
        model, summaries = self._model, self._summaries
        uncounted = model.category.exists() & model.in_signature_summary.does_not_exist()
        added = 0
        try:
            for item in model.scan(filter_condition=uncounted):
                record = failure_from_item(item)
                key = signature_summary_key(record.signature)
                self._forward(
                    summaries(key),
                    [summaries.last_failed_at.set(record.failed_at)],
                    summaries.last_failed_at.does_not_exist() | (summaries.last_failed_at < record.failed_at),
                    f"could not record when signature {record.signature} last failed",
                )
                if record.is_resolved:
                    self._summarise_resolved(record)
                added += _retrying_conflicts(partial(self._count_once, key, item))
        except PynamoDBException as exc:
            raise StoreError("could not summarise the failures recorded before signature summaries") from exc
        return added

    def _count_once(self, key: str, item: FailureItem) -> bool:
        model, summaries = self._model, self._summaries
        try:
            with TransactWrite(connection=model._get_connection().connection) as write:
                write.update(
                    model(item.failure_id),
                    actions=[model.in_signature_summary.set(True)],
                    condition=model.failure_id.exists() & model.in_signature_summary.does_not_exist(),
                )
                write.update(summaries(key), actions=[summaries.failures.add(1)])
        except TransactWriteError as exc:
            if _cancelled_by(exc, "ConditionalCheckFailed"):
                return False  # counted meanwhile, by another run of this
            raise
        return True

    def stats(self, since: datetime | None = None) -> FailureStats:
        """Counts over all failures (those with ``failed_at >= since`` if given).

        This scans the table: fine for the CLI, which asks now and then; request paths use the indexes.
        """
        model = self._model
        condition = None if since is None else model.failed_at >= _aware("since", since)
        by_category: Counter[str] = Counter()
        by_repository: Counter[str] = Counter()
        resolved = 0
        recovery_seconds: list[float] = []
        open_failed_at: list[datetime] = []
        try:
            # Success markers share the table and carry no category.
            is_failure = model.category.exists()
            for item in model.scan(
                filter_condition=is_failure if condition is None else is_failure & condition,
                attributes_to_get=[
                    "failure_id",
                    "repo",
                    "category",
                    "resolved_at",
                    "failed_at",
                    "time_to_recovery_seconds",
                ],
            ):
                by_category[item.category] += 1
                by_repository[item.repo] += 1
                resolved += item.resolved_at is not None
                if item.time_to_recovery_seconds is not None:
                    recovery_seconds.append(float(item.time_to_recovery_seconds))
                elif item.resolved_at is None:
                    open_failed_at.append(item.failed_at)
        except PynamoDBException as exc:
            raise StoreError("could not scan the failures") from exc
        total = sum(by_category.values())
        return FailureStats(
            failures=total,
            by_category=dict(by_category.most_common()),
            by_repository=dict(by_repository.most_common()),
            open=total - resolved,
            resolved=resolved,
            recovery_seconds=tuple(recovery_seconds),
            open_failed_at=tuple(open_failed_at),
        )


def signature_summary_key(signature: str) -> str:
    return f"{SIGNATURE_SUMMARY_PREFIX}{signature}"


def _retrying_conflicts(operation: Callable[[], _T]) -> _T:
    """``operation``, tried again (after a short random pause) while DynamoDB cancels it for meeting another
    transaction on the same item; any other error, or the last conflict, is raised."""
    for attempt in range(1, _CONFLICT_ATTEMPTS + 1):
        try:
            return operation()
        except PynamoDBException as exc:
            if attempt == _CONFLICT_ATTEMPTS or not _is_conflict(exc):
                raise
        time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 - jitter, not a secret
    raise AssertionError("unreachable")


def _is_conflict(exc: PynamoDBException) -> bool:
    if exc.cause_response_code == "TransactionConflictException":
        return True
    return isinstance(exc, TransactWriteError) and _cancelled_by(exc, "TransactionConflict")


def _cancelled_by(exc: TransactWriteError, code: str) -> bool:
    """Whether DynamoDB cancelled the transaction because of ``code`` on one of its items."""
    return any(reason is not None and reason.code == code for reason in exc.cancellation_reasons)


def _success_key(scope: str, job_name: str | None) -> str:
    return f"success#{scope}" if job_name is None else f"success#{scope}#job#{job_name}"


# How long a day's budget counter is kept: long enough to read yesterday's, then DynamoDB removes it.
BUDGET_TTL = timedelta(days=3)
# A verdict that never came is given up by the flow's timeout; its waiting item goes some time after.
VERDICT_WAIT_TTL = timedelta(days=14)


def _learned_key(strategy: str, scope: str, value: str) -> str:
    return f"learned#{strategy}#{scope}#{value}"


RECORDED_STRATEGIES_KEY = "strategies#recorded"


class FixAttemptRepository:
    """The fixes tried for failures, found by failure and by strategy (to learn which strategies work), and the
    fix flow's other state: learned rates, rejections, flaky signatures, daily budgets, verdicts awaited."""

    def __init__(self, settings: Settings) -> None:
        models = bind_models(settings)
        self._model = models.fix_attempts
        self._records = models.strategy_records
        self._rejections = models.rejections
        self._flaky = models.flaky
        self._budgets = models.budgets
        self._waits = models.verdict_waits
        self._strategy_names = models.recorded_strategies
        self._failures = models.failures

    def record(self, attempt: FixAttemptRecord) -> None:
        """Store the attempt, replacing any earlier version of it (so a retried task step is harmless), and add
        its strategy to the names recorded (an idempotent set addition, so a retry after either write is too)."""
        names = self._strategy_names
        try:
            fix_attempt_to_item(attempt, self._model).save()
            names(RECORDED_STRATEGIES_KEY).update(actions=[names.names.add({attempt.strategy})])
        except PynamoDBException as exc:
            raise StoreError(f"could not record fix attempt {attempt.attempt_id}") from exc

    def recorded_strategies(self) -> list[str]:
        """Every strategy name an attempt was recorded with, sorted: what to ask ``for_strategy`` about."""
        item = _get_or_none(self._strategy_names, RECORDED_STRATEGIES_KEY, "the recorded strategy names")
        return [] if item is None else sorted(item.names or ())

    def finish(
        self,
        attempt_id: str,
        outcome: FixOutcome,
        finished_at: datetime,
        detail: str | None = None,
        *,
        pull_request_state: PullRequestState | None = None,
    ) -> FixAttemptRecord:
        """Set the outcome of a recorded attempt; raises NotFound if it was never recorded."""
        _aware("finished_at", finished_at)
        model = self._model
        item = model(attempt_id)
        actions: list[Action] = [model.outcome.set(outcome.value), model.finished_at.set(finished_at)]
        if detail is not None:
            actions.append(model.detail.set(detail))
        if pull_request_state is not None:
            actions.append(model.pull_request_state.set(pull_request_state.value))
        try:
            item.update(actions=actions, condition=model.attempt_id.exists())
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                raise NotFound(f"no fix attempt {attempt_id}") from exc
            raise StoreError(f"could not finish fix attempt {attempt_id}") from exc
        return fix_attempt_from_item(item)

    def finish_with_verdict(
        self, attempt: FixAttemptRecord, outcome: FixOutcome, finished_at: datetime, detail: str, *, flaky: bool
    ) -> bool:
        """Record GitHub's verdict on an attempt and everything it teaches, in one transaction: the attempt's
        outcome; the strategy's count for the category and the signature (a verdict, other than a rejection, on
        an attempt that names both); on the failure, the first fix verified (if fixed); one more pass on a
        re-run for the signature (``flaky``). All or nothing, so a step retried after a crash neither counts
        twice nor loses what the first try had not written yet. False, and nothing written, if the attempt
        already has this outcome or was rejected (a retried or a late step)."""
        _aware("finished_at", finished_at)
        model, records, flaky_model, failures = self._model, self._records, self._flaky, self._failures
        counters = {FixOutcome.FIXED: "fixed", FixOutcome.NOT_FIXED: "not_fixed"}
        try:
            with TransactWrite(connection=model._get_connection().connection) as write:
                write.update(
                    model(attempt.attempt_id),
                    actions=[
                        model.outcome.set(outcome.value),
                        model.finished_at.set(finished_at),
                        model.detail.set(detail),
                    ],
                    condition=model.attempt_id.exists()
                    & (model.outcome != outcome.value)
                    & (model.outcome != FixOutcome.REJECTED.value),
                )
                if outcome in counters and attempt.category and attempt.signature:
                    counter = getattr(records, counters[outcome])
                    for scope, value in (("category", attempt.category), ("signature", attempt.signature)):
                        write.update(records(_learned_key(attempt.strategy, scope, value)), actions=[counter.add(1)])
                if outcome is FixOutcome.FIXED:
                    # The first verified fix stays: if_not_exists, not a condition that would cancel the rest.
                    write.update(
                        failures(attempt.failure_id),
                        actions=[
                            failures.fix_verified_at.set(failures.fix_verified_at | finished_at),
                            failures.fix_attempt_id.set(failures.fix_attempt_id | attempt.attempt_id),
                            failures.fix_strategy.set(failures.fix_strategy | attempt.strategy),
                        ],
                        condition=failures.failure_id.exists(),
                    )
                if flaky and attempt.signature:
                    write.update(
                        flaky_model(f"flaky#{attempt.signature}"),
                        actions=[flaky_model.passes_on_rerun.add(1), flaky_model.last_seen.set(finished_at)],
                    )
        except TransactWriteError as exc:
            reasons = exc.cancellation_reasons
            if reasons and reasons[0] is not None and reasons[0].code == "ConditionalCheckFailed":
                if self.get(attempt.attempt_id) is None:
                    raise NotFound(f"no fix attempt {attempt.attempt_id}") from exc
                return False
            raise StoreError(f"could not record the verdict on fix attempt {attempt.attempt_id}") from exc
        except PynamoDBException as exc:
            raise StoreError(f"could not record the verdict on fix attempt {attempt.attempt_id}") from exc
        return True

    def get(self, attempt_id: str) -> FixAttemptRecord | None:
        item = _get_or_none(self._model, attempt_id, f"fix attempt {attempt_id}")
        return None if item is None else fix_attempt_from_item(item)

    def for_failure(self, failure_id: str) -> list[FixAttemptRecord]:
        """The attempts at one failure, in the order they started."""
        try:
            items = list(self._model.by_failure.query(failure_id))
        except PynamoDBException as exc:
            raise StoreError(f"could not query fix attempts of {failure_id}") from exc
        return [fix_attempt_from_item(item) for item in items]

    def set_pull_request_state(self, attempt_id: str, state: PullRequestState) -> None:
        model = self._model
        try:
            model(attempt_id).update(
                actions=[model.pull_request_state.set(state.value)], condition=model.attempt_id.exists()
            )
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                raise NotFound(f"no fix attempt {attempt_id}") from exc
            raise StoreError(f"could not update fix attempt {attempt_id}") from exc

    def for_strategy(
        self,
        strategy: str,
        since: datetime | None = None,
        *,
        until: datetime | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[FixAttemptRecord]:
        """The attempts with one strategy started in ``[since, until)`` (either bound optional), in the order
        they started (``newest_first`` reverses it), at most ``limit``."""
        model = self._model
        condition: Condition | None = None
        if since is not None and until is not None:
            condition = model.started_at.between(_aware("since", since), _aware("until", until) - _TICK)
        elif since is not None:
            condition = model.started_at >= _aware("since", since)
        elif until is not None:
            condition = model.started_at < _aware("until", until)
        try:
            items = list(
                model.by_strategy.query(
                    strategy, range_key_condition=condition, scan_index_forward=not newest_first, limit=limit
                )
            )
        except PynamoDBException as exc:
            raise StoreError(f"could not query fix attempts with strategy {strategy}") from exc
        return [fix_attempt_from_item(item) for item in items]

    def recent(self, limit: int) -> list[FixAttemptRecord]:
        """The latest ``limit`` attempts, newest first: one index query per strategy ever recorded."""
        found = [
            attempt
            for strategy in self.recorded_strategies()
            for attempt in self.for_strategy(strategy, newest_first=True, limit=limit)
        ]
        return sorted(found, key=lambda attempt: attempt.started_at, reverse=True)[:limit]

    # -- learned rates -----------------------------------------------------------------------------

    def strategy_records(self, strategy: str, category: str, signature: str) -> tuple[StrategyRecord, StrategyRecord]:
        """The strategy's verified outcomes for the category and for the signature, in one read."""
        keys = [_learned_key(strategy, "category", category), _learned_key(strategy, "signature", signature)]
        try:
            found = {item.attempt_id: item for item in self._records.batch_get(keys, consistent_read=True)}
        except PynamoDBException as exc:
            raise StoreError(f"could not read the record of strategy {strategy}") from exc
        by_category, by_signature = (strategy_record_from_item(found.get(key)) for key in keys)
        return by_category, by_signature

    def learn(self, strategy: str, category: str, signature: str, outcome: FixOutcome) -> None:
        """Count a verdict on the strategy, for the category and for the signature (atomic increments)."""
        counters = {FixOutcome.FIXED: "fixed", FixOutcome.NOT_FIXED: "not_fixed", FixOutcome.REJECTED: "rejected"}
        if outcome not in counters:
            raise ValueError(f"{outcome} is not a verdict on the strategy")
        model = self._records
        attribute = getattr(model, counters[outcome])
        for key in (_learned_key(strategy, "category", category), _learned_key(strategy, "signature", signature)):
            try:
                model(key).update(actions=[attribute.add(1)])
            except PynamoDBException as exc:
                raise StoreError(f"could not count {outcome} for {key}") from exc

    def reject(self, strategy: str, version: str, repo: str, signature: str, rejected_at: datetime) -> None:
        """A maintainer refused the strategy's fix for the signature: not proposed there again in this version."""
        item = self._rejections(
            f"rejected#{strategy}#{repo}#{signature}", strategy_version=version, rejected_at=_aware("at", rejected_at)
        )
        try:
            item.save()
        except PynamoDBException as exc:
            raise StoreError(f"could not record the rejection of {strategy} in {repo}") from exc

    def rejected_versions(self, strategies: Sequence[str], repo: str, signature: str) -> dict[str, str]:
        """For each of ``strategies`` whose fix a maintainer rejected here, the version that was rejected."""
        keys = [f"rejected#{strategy}#{repo}#{signature}" for strategy in strategies]
        try:
            items = list(self._rejections.batch_get(keys, consistent_read=True)) if keys else []
        except PynamoDBException as exc:
            raise StoreError(f"could not read the rejections in {repo}") from exc
        return {item.attempt_id.split("#", 2)[1]: item.strategy_version for item in items}

    def mark_flaky(self, signature: str, seen_at: datetime) -> None:
        """The signature's failure passed on a re-run at the same commit: one more sign it is flaky."""
        model = self._flaky
        try:
            model(f"flaky#{signature}").update(
                actions=[model.passes_on_rerun.add(1), model.last_seen.set(_aware("seen_at", seen_at))]
            )
        except PynamoDBException as exc:
            raise StoreError(f"could not mark {signature} flaky") from exc

    def flaky_signatures(self, signatures: Iterable[str]) -> dict[str, int]:
        """Of ``signatures``, those whose failures passed on a re-run at the same commit, and how often (one
        batch read per hundred signatures)."""
        keys = sorted({f"flaky#{signature}" for signature in signatures})
        try:
            items = list(self._flaky.batch_get(keys, consistent_read=True)) if keys else []
        except PynamoDBException as exc:
            raise StoreError("could not read the flaky signatures") from exc
        return {
            item.attempt_id.removeprefix("flaky#"): int(item.passes_on_rerun or 0)
            for item in items
            if item.passes_on_rerun
        }

    def flaky_passes(self, signature: str) -> int:
        """How often the signature's failures passed on a re-run at the same commit."""
        item = _get_or_none(self._flaky, f"flaky#{signature}", f"whether {signature} is flaky")
        return 0 if item is None else int(item.passes_on_rerun or 0)

    # -- the daily budget --------------------------------------------------------------------------

    def take_budget(self, repo: str, now: datetime, limit: int) -> bool:
        """Spend one of the repository's ``limit`` attempts for ``now``'s day (UTC); False when none is left."""
        day = _aware("now", now).astimezone(UTC).date().isoformat()
        if limit <= 0:
            return False
        model = self._budgets
        try:
            model(f"budget#{repo}#{day}").update(
                actions=[model.spent.add(1), model.expires_at.set(now + BUDGET_TTL)],
                condition=model.spent.does_not_exist() | (model.spent < limit),
            )
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return False
            raise StoreError(f"could not spend the budget of {repo}") from exc
        return True

    def budget_spent(self, repo: str, day: datetime) -> int:
        key = f"budget#{repo}#{_aware('day', day).astimezone(UTC).date().isoformat()}"
        item = _get_or_none(self._budgets, key, f"the budget of {repo}")
        return 0 if item is None else int(item.spent or 0)

    # -- verdicts awaited --------------------------------------------------------------------------

    def await_verdict(self, wait: VerdictWait, now: datetime) -> None:
        """Register what the attempt's verdict will carry, before the change that starts the deciding run."""
        item = self._waits(
            VERDICT_PREFIX + wait.key,
            waiting_attempt_id=wait.attempt_id,
            failure_id=wait.failure_id,
            after_run_attempt=wait.after_run_attempt,
            expires_at=_aware("now", now) + VERDICT_WAIT_TTL,
        )
        try:
            item.save()
        except PynamoDBException as exc:
            raise StoreError(f"could not register the verdict awaited by {wait.attempt_id}") from exc

    def verdict_wait(self, key: str) -> VerdictWait | None:
        item = _get_or_none(self._waits, VERDICT_PREFIX + key, f"the verdict awaited for {key}")
        return None if item is None else verdict_wait_from_item(item)

    def store_task_token(self, key: str, token: str) -> VerdictWait:
        """The waiting task's half: its token. Returns the wait as it is now (the verdict may be there already)."""
        model = self._waits
        item = model(VERDICT_PREFIX + key)
        try:
            item.update(actions=[model.task_token.set(token)], condition=model.attempt_id.exists())
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                raise NotFound(f"no verdict awaited for {key}") from exc
            raise StoreError(f"could not store the task token for {key}") from exc
        return verdict_wait_from_item(item)

    def store_verdict(self, key: str, verdict: str, detail: str) -> VerdictWait | None:
        """The worker's half: the verdict, once (a redelivered run does not change it). Returns the wait as it is
        now, or None when no attempt waits for this key or its verdict was already given."""
        model = self._waits
        item = model(VERDICT_PREFIX + key)
        try:
            item.update(
                actions=[model.verdict.set(verdict), model.verdict_detail.set(detail)],
                condition=model.attempt_id.exists() & model.verdict.does_not_exist(),
            )
        except PynamoDBException as exc:
            if is_condition_failure(exc):
                return None
            raise StoreError(f"could not store the verdict for {key}") from exc
        return verdict_wait_from_item(item)


@dataclass(frozen=True, slots=True)
class Store:
    """The three repositories of one deployment, built once and handed to the use cases."""

    deliveries: DeliveryLedger
    failures: FailureRepository
    fix_attempts: FixAttemptRepository

    @classmethod
    def from_settings(cls, settings: Settings) -> Store:
        return cls(
            deliveries=DeliveryLedger(settings),
            failures=FailureRepository(settings),
            fix_attempts=FixAttemptRepository(settings),
        )
