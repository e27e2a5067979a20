"""The DynamoDB tables as pynamodb models, and the conversion between their items and the store's records.

The models here carry no table name: :func:`bind_models` makes subclasses for one :class:`Settings` (table
names, region, endpoint) at run time, so importing this module reads no configuration. The key schema and
the indexes must stay the same as the tables in ``template.yaml``; :func:`table_definitions` describes them
in CloudFormation's terms so a test can compare the two.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.constants import PAY_PER_REQUEST_BILLING_MODE
from pynamodb.exceptions import PynamoDBException
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from ci_agent.analysis import Category, LogLine
from ci_agent.config import Settings
from ci_agent.store.errors import StoreError
from ci_agent.store.records import (
    FailureFacts,
    FailureRecord,
    FixAttemptRecord,
    FixOutcome,
    LogStatus,
    PullRequestState,
    StrategyRecord,
    VerdictWait,
)

# Index names, shared with template.yaml.
BY_REPO = "by_repo"
BY_SIGNATURE = "by_signature"
OPEN_BY_SCOPE = "open_by_scope"
OPEN_BY_BRANCH = "open_by_branch"
BY_FAILURE = "by_failure"
BY_STRATEGY = "by_strategy"
BY_OWNER = "by_owner"


class LogLineAttribute(MapAttribute[str, Any]):
    line = NumberAttribute()
    text = UnicodeAttribute()


# Timestamps are UTCDateTimeAttribute: fixed-width ISO-8601 UTC strings ("2026-03-04T10:11:12.123456+0000"),
# so the string order of an index's range key is the time order.


class FailuresByRepo(GlobalSecondaryIndex["FailureItem"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = BY_REPO
        projection = AllProjection()

    repo = UnicodeAttribute(hash_key=True)
    failed_at = UTCDateTimeAttribute(range_key=True)


class FailuresBySignature(GlobalSecondaryIndex["FailureItem"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = BY_SIGNATURE
        projection = AllProjection()

    signature = UnicodeAttribute(hash_key=True)
    failed_at = UTCDateTimeAttribute(range_key=True)


class FailuresByOwner(GlobalSecondaryIndex["FailureItem"]):  # type: ignore[no-untyped-call]
    """An organisation's or user's failures in a time range: what the weekly report reads, so its cost grows
    with the period's failures instead of the table's history."""

    class Meta:
        index_name = BY_OWNER
        projection = AllProjection()

    owner = UnicodeAttribute(hash_key=True)
    failed_at = UTCDateTimeAttribute(range_key=True)


class OpenFailuresByScope(GlobalSecondaryIndex["FailureItem"]):  # type: ignore[no-untyped-call]
    """Sparse: only unresolved failures carry ``open_scope``, so the index holds exactly the open ones."""

    class Meta:
        index_name = OPEN_BY_SCOPE
        projection = AllProjection()

    open_scope = UnicodeAttribute(hash_key=True)
    failed_at = UTCDateTimeAttribute(range_key=True)


class OpenFailuresByBranch(GlobalSecondaryIndex["FailureItem"]):  # type: ignore[no-untyped-call]
    """Sparse like ``open_by_scope``, across the branch's workflows: what a pull request comment shows."""

    class Meta:
        index_name = OPEN_BY_BRANCH
        projection = AllProjection()

    open_branch = UnicodeAttribute(hash_key=True)
    failed_at = UTCDateTimeAttribute(range_key=True)


class FailureItem(Model):
    failure_id = UnicodeAttribute(hash_key=True)
    repo = UnicodeAttribute()
    # The part of repo before the slash; null only on items written before the by_owner index existed.
    owner = UnicodeAttribute(null=True)
    workflow = UnicodeAttribute()
    workflow_path = UnicodeAttribute()
    job_id = NumberAttribute()
    job_name = UnicodeAttribute()
    run_id = NumberAttribute()
    run_attempt = NumberAttribute()
    branch = UnicodeAttribute()
    head_sha = UnicodeAttribute()
    pull_requests = ListAttribute[int]()  # element types inferred: numbers
    actor = UnicodeAttribute()
    category = UnicodeAttribute()
    confidence = NumberAttribute()
    signature = UnicodeAttribute()
    culprit = LogLineAttribute(null=True)  # type: ignore[no-untyped-call]
    error_lines = ListAttribute[LogLineAttribute](of=LogLineAttribute)
    failed_step = UnicodeAttribute(null=True)
    rule = UnicodeAttribute(null=True)
    ruleset_version = UnicodeAttribute()
    failed_at = UTCDateTimeAttribute()
    analyzed_at = UTCDateTimeAttribute()
    html_url = UnicodeAttribute()
    log_status = UnicodeAttribute()
    notes = ListAttribute[str]()
    resolved_at = UTCDateTimeAttribute(null=True)
    resolved_by_run_id = NumberAttribute(null=True)
    time_to_recovery_seconds = NumberAttribute(null=True)
    open_scope = UnicodeAttribute(null=True)
    open_branch = UnicodeAttribute(null=True)
    fix_verified_at = UTCDateTimeAttribute(null=True)
    fix_attempt_id = UnicodeAttribute(null=True)
    fix_strategy = UnicodeAttribute(null=True)
    # Set in the transaction that adds the failure to its signature's summary; absent on failures recorded
    # before summaries existed, which `ci-agent summarise-signatures` counts once.
    in_signature_summary = BooleanAttribute(null=True)

    by_repo = FailuresByRepo()
    by_signature = FailuresBySignature()
    by_owner = FailuresByOwner()
    open_by_scope = OpenFailuresByScope()
    open_by_branch = OpenFailuresByBranch()


class ScopeSuccessItem(Model):
    """The latest success of a workflow on a branch (or of one job of it), kept in the failures table.

    Its key (``success#...``) cannot collide with a failure's (``<owner>/<repo>#<job id>``), and it has none of
    the indexed attributes, so no index holds it. A failure whose delivery is processed after the success that
    fixed it (retries, rate limits) reads it and is recorded as resolved instead of staying open for good.
    """

    failure_id = UnicodeAttribute(hash_key=True)
    succeeded_at = UTCDateTimeAttribute()
    run_id = NumberAttribute()


class SignatureSummaryItem(Model):
    """What the pull request comment says of a signature's history, kept in the failures table under
    ``signature#<signature>`` and read in one ``BatchGetItem`` for every signature on a branch.

    ``failures`` is added to in the same transaction that records a failure, so it counts each recorded failure
    once; ``last_failed_at`` and the latest resolved failure (by when it failed) only ever move forward, by
    conditional updates that are safe to repeat. Like a success marker it has none of the indexed attributes.
    """

    failure_id = UnicodeAttribute(hash_key=True)
    failures = NumberAttribute(null=True)
    last_failed_at = UTCDateTimeAttribute(null=True)
    last_resolved_id = UnicodeAttribute(null=True)
    last_resolved_failed_at = UTCDateTimeAttribute(null=True)


class FixAttemptsByFailure(GlobalSecondaryIndex["FixAttemptItem"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = BY_FAILURE
        projection = AllProjection()

    failure_id = UnicodeAttribute(hash_key=True)
    started_at = UTCDateTimeAttribute(range_key=True)


class FixAttemptsByStrategy(GlobalSecondaryIndex["FixAttemptItem"]):  # type: ignore[no-untyped-call]
    class Meta:
        index_name = BY_STRATEGY
        projection = AllProjection()

    strategy = UnicodeAttribute(hash_key=True)
    started_at = UTCDateTimeAttribute(range_key=True)


class FixAttemptItem(Model):
    attempt_id = UnicodeAttribute(hash_key=True)
    failure_id = UnicodeAttribute()
    strategy = UnicodeAttribute()
    started_at = UTCDateTimeAttribute()
    finished_at = UTCDateTimeAttribute(null=True)
    outcome = UnicodeAttribute()
    detail = UnicodeAttribute(null=True)
    repo = UnicodeAttribute(null=True)
    signature = UnicodeAttribute(null=True)
    category = UnicodeAttribute(null=True)
    strategy_version = UnicodeAttribute(null=True)
    priority = NumberAttribute(null=True)
    ranking = JSONAttribute(null=True)
    fix_branch = UnicodeAttribute(null=True)
    commit_sha = UnicodeAttribute(null=True)
    pull_request_number = NumberAttribute(null=True)
    pull_request_url = UnicodeAttribute(null=True)
    pull_request_state = UnicodeAttribute(null=True)
    diff = UnicodeAttribute(null=True)
    rerun_of = NumberAttribute(null=True)
    execution = UnicodeAttribute(null=True)

    by_failure = FixAttemptsByFailure()
    by_strategy = FixAttemptsByStrategy()


# The fix flow's other state shares the fix-attempts table under prefixed keys. None of these items has the
# indexed attributes (failure_id and strategy with started_at), so no index holds them.


class StrategyRecordItem(Model):
    """Verified outcomes of one strategy in one scope: ``learned#<strategy>#category#<c>`` or ``...#signature#<s>``."""

    attempt_id = UnicodeAttribute(hash_key=True)
    fixed = NumberAttribute(default=0)
    not_fixed = NumberAttribute(default=0)
    rejected = NumberAttribute(default=0)


class RejectionItem(Model):
    """A maintainer closed the strategy's fix for a signature in a repository unmerged: ``rejected#...``."""

    attempt_id = UnicodeAttribute(hash_key=True)
    strategy_version = UnicodeAttribute()
    rejected_at = UTCDateTimeAttribute()


class FlakySignatureItem(Model):
    """A signature whose failure passed on a re-run at the same commit, and how often: ``flaky#<signature>``."""

    attempt_id = UnicodeAttribute(hash_key=True)
    passes_on_rerun = NumberAttribute(default=0)
    last_seen = UTCDateTimeAttribute(null=True)


class BudgetItem(Model):
    """Attempts started in a repository on one day: ``budget#<repo>#<yyyy-mm-dd>``; gone after a few days."""

    attempt_id = UnicodeAttribute(hash_key=True)
    spent = NumberAttribute(default=0)
    expires_at = TTLAttribute(null=True)


class VerdictWaitItem(Model):
    """An attempt waiting for GitHub's verdict, keyed by what the verdict carries: ``verdict#<key>``."""

    attempt_id = UnicodeAttribute(hash_key=True)
    waiting_attempt_id = UnicodeAttribute()
    failure_id = UnicodeAttribute()
    task_token = UnicodeAttribute(null=True)
    verdict = UnicodeAttribute(null=True)
    verdict_detail = UnicodeAttribute(null=True)
    after_run_attempt = NumberAttribute(null=True)
    expires_at = TTLAttribute(null=True)


class RecordedStrategiesItem(Model):
    """Every strategy name an attempt was ever recorded with, in one item: ``strategies#recorded``. Attempts are
    read per strategy through ``by_strategy``; this is how readers (reports, ``recent-fixes``, ``stats``) know
    which names to ask for, including strategies since renamed or removed from the registry."""

    attempt_id = UnicodeAttribute(hash_key=True)
    names = UnicodeSetAttribute(null=True)


class DeliveryItem(Model):
    """One webhook delivery seen (X-GitHub-Delivery); DynamoDB deletes it after ``expires_at``."""

    delivery_id = UnicodeAttribute(hash_key=True)
    event = UnicodeAttribute()
    received_at = UTCDateTimeAttribute()
    expires_at = TTLAttribute()
    # "claimed" until the delivery is queued, then "queued". Items written before this attribute existed
    # have none and count as queued.
    status = UnicodeAttribute(null=True)
    lease_until = UTCDateTimeAttribute(null=True)


_ItemT = TypeVar("_ItemT", bound=Model)


@dataclass(frozen=True, slots=True)
class TableModels:
    """The models bound to one deployment's tables."""

    failures: type[FailureItem]
    fix_attempts: type[FixAttemptItem]
    deliveries: type[DeliveryItem]
    successes: type[ScopeSuccessItem]  # the failures table again
    signature_summaries: type[SignatureSummaryItem]  # the failures table again
    # the fix-attempts table again
    strategy_records: type[StrategyRecordItem]
    rejections: type[RejectionItem]
    flaky: type[FlakySignatureItem]
    budgets: type[BudgetItem]
    verdict_waits: type[VerdictWaitItem]
    recorded_strategies: type[RecordedStrategiesItem]

    def all(self) -> tuple[type[Model], ...]:
        """One model per table."""
        return (self.failures, self.fix_attempts, self.deliveries)

    def sharing(self) -> tuple[type[Model], ...]:
        """The models that live in another model's table (same keys, no indexes of their own)."""
        return (
            self.successes,
            self.signature_summaries,
            self.strategy_records,
            self.rejections,
            self.flaky,
            self.budgets,
            self.verdict_waits,
            self.recorded_strategies,
        )


def _bind(base: type[_ItemT], table_name: str, settings: Settings) -> type[_ItemT]:
    meta = type(
        "Meta",
        (),
        {
            "table_name": table_name,
            "region": settings.aws_region,
            "host": settings.aws_endpoint_url,  # None on AWS: boto's own endpoint resolution applies
            "billing_mode": PAY_PER_REQUEST_BILLING_MODE,
        },
    )

    def body(namespace: dict[str, Any]) -> None:
        namespace["Meta"] = meta
        namespace["__module__"] = __name__

    return types.new_class(f"{base.__name__}_{table_name}", (base,), exec_body=body)


@cache
def bind_models(settings: Settings) -> TableModels:
    """The models for the tables ``settings`` names, created once per settings, all on one connection."""
    models = TableModels(
        failures=_bind(FailureItem, settings.failures_table, settings),
        fix_attempts=_bind(FixAttemptItem, settings.fix_attempts_table, settings),
        deliveries=_bind(DeliveryItem, settings.deliveries_table, settings),
        successes=_bind(ScopeSuccessItem, settings.failures_table, settings),
        signature_summaries=_bind(SignatureSummaryItem, settings.failures_table, settings),
        strategy_records=_bind(StrategyRecordItem, settings.fix_attempts_table, settings),
        rejections=_bind(RejectionItem, settings.fix_attempts_table, settings),
        flaky=_bind(FlakySignatureItem, settings.fix_attempts_table, settings),
        budgets=_bind(BudgetItem, settings.fix_attempts_table, settings),
        verdict_waits=_bind(VerdictWaitItem, settings.fix_attempts_table, settings),
        recorded_strategies=_bind(RecordedStrategiesItem, settings.fix_attempts_table, settings),
    )
    _share_one_connection(models)
    return models


def _share_one_connection(models: TableModels) -> None:
    """Left alone, pynamodb gives every model class its own connection, and each its own botocore session and
    client: for nine models 1.5 s and 88 MB on first use (measured; there are ten now), paid in every Lambda cold start.
    One pynamodb ``Connection`` serves many tables (it keeps each table's key schema by name), so all models
    use the first one's. A table's schema comes from the model that owns it, which declares the indexes; the
    models sharing a table add none and have the same keys."""
    owners = models.all()
    shared = owners[0]._get_connection().connection
    for owner in owners[1:]:
        shared.add_meta_table(owner._get_connection().get_meta_table())
    for model in (*owners[1:], *models.sharing()):
        model._get_connection().connection = shared


def table_definitions() -> dict[str, dict[str, Any]]:
    """Each table's key schema, indexes, billing and TTL as ``AWS::DynamoDB::Table`` properties would write
    them (lists sorted by name), keyed like the settings: ``failures``, ``fix_attempts``, ``deliveries``."""
    definitions: dict[str, dict[str, Any]] = {}
    # The models that share a table add no keys or indexes, but may carry its TTL attribute.
    sharing: dict[str, tuple[type[Model], ...]] = {
        "failures": (ScopeSuccessItem, SignatureSummaryItem),
        "fix_attempts": (
            StrategyRecordItem,
            RejectionItem,
            FlakySignatureItem,
            BudgetItem,
            VerdictWaitItem,
            RecordedStrategiesItem,
        ),
        "deliveries": (),
    }
    for name, model in (("failures", FailureItem), ("fix_attempts", FixAttemptItem), ("deliveries", DeliveryItem)):
        schema = model._get_schema()
        definition: dict[str, Any] = {
            "BillingMode": PAY_PER_REQUEST_BILLING_MODE,
            "AttributeDefinitions": sorted(
                (
                    {"AttributeName": a["AttributeName"], "AttributeType": a["AttributeType"]}
                    for a in schema["attribute_definitions"]
                ),
                key=lambda a: a["AttributeName"],
            ),
            "KeySchema": _key_schema(schema["key_schema"]),
        }
        if schema["global_secondary_indexes"]:
            definition["GlobalSecondaryIndexes"] = sorted(
                (
                    {
                        "IndexName": index["index_name"],
                        "KeySchema": _key_schema(index["key_schema"]),
                        "Projection": dict(index["projection"]),
                    }
                    for index in schema["global_secondary_indexes"]
                ),
                key=lambda index: str(index["IndexName"]),
            )
        for member in (model, *sharing[name]):
            for attribute in member.get_attributes().values():
                if isinstance(attribute, TTLAttribute):
                    definition["TimeToLiveSpecification"] = {"AttributeName": attribute.attr_name, "Enabled": True}
        definitions[name] = definition
    return definitions


def _key_schema(keys: Any) -> list[dict[str, str]]:
    # HASH before RANGE, as DynamoDB requires.
    return sorted(
        ({"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in keys),
        key=lambda k: k["KeyType"],
    )


# Conversions. ``model`` is the (bound) class to build; the unbound base works for tests without a table.


def _log_line_attribute(line: LogLine) -> LogLineAttribute:
    return LogLineAttribute(line=line.line, text=line.text)  # type: ignore[no-untyped-call]


def _log_line(attribute: LogLineAttribute) -> LogLine:
    return LogLine(line=int(attribute.line), text=attribute.text)


def failure_to_item(record: FailureRecord, model: type[FailureItem] = FailureItem) -> FailureItem:
    return model(
        record.failure_id,
        repo=record.repo,
        owner=record.owner,
        workflow=record.workflow,
        workflow_path=record.workflow_path,
        job_id=record.job_id,
        job_name=record.job_name,
        run_id=record.run_id,
        run_attempt=record.run_attempt,
        branch=record.branch,
        head_sha=record.head_sha,
        pull_requests=list(record.pull_requests),
        actor=record.actor,
        category=record.category.value,
        confidence=record.confidence,
        signature=record.signature,
        culprit=_log_line_attribute(record.culprit) if record.culprit else None,
        error_lines=[_log_line_attribute(line) for line in record.error_lines],
        failed_step=record.failed_step,
        rule=record.rule,
        ruleset_version=record.ruleset_version,
        failed_at=record.failed_at,
        analyzed_at=record.analyzed_at,
        html_url=record.html_url,
        log_status=record.log_status.value,
        notes=list(record.notes),
        resolved_at=record.resolved_at,
        resolved_by_run_id=record.resolved_by_run_id,
        time_to_recovery_seconds=record.time_to_recovery_seconds,
        open_scope=None if record.is_resolved else record.scope,
        open_branch=None if record.is_resolved else record.branch_scope,
        fix_verified_at=record.fix_verified_at,
        fix_attempt_id=record.fix_attempt_id,
        fix_strategy=record.fix_strategy,
    )


def failure_from_item(item: FailureItem) -> FailureRecord:
    return FailureRecord(
        repo=item.repo,
        workflow=item.workflow,
        workflow_path=item.workflow_path,
        job_id=int(item.job_id),
        job_name=item.job_name,
        run_id=int(item.run_id),
        run_attempt=int(item.run_attempt),
        branch=item.branch,
        head_sha=item.head_sha,
        pull_requests=tuple(int(number) for number in item.pull_requests or ()),
        actor=item.actor,
        category=Category(item.category),
        confidence=float(item.confidence),
        signature=item.signature,
        culprit=_log_line(item.culprit) if item.culprit is not None else None,
        error_lines=tuple(_log_line(line) for line in item.error_lines or ()),
        failed_step=item.failed_step,
        rule=item.rule,
        ruleset_version=item.ruleset_version,
        failed_at=item.failed_at,
        analyzed_at=item.analyzed_at,
        html_url=item.html_url,
        log_status=LogStatus(item.log_status),
        notes=tuple(item.notes or ()),
        resolved_at=item.resolved_at,
        resolved_by_run_id=None if item.resolved_by_run_id is None else int(item.resolved_by_run_id),
        time_to_recovery_seconds=(
            None if item.time_to_recovery_seconds is None else float(item.time_to_recovery_seconds)
        ),
        fix_verified_at=item.fix_verified_at,
        fix_attempt_id=item.fix_attempt_id,
        fix_strategy=item.fix_strategy,
    )


# What the weekly report reads of a failure (FailureFacts), as a projection of the by_owner / by_repo query.
REPORT_ATTRIBUTES = (
    "repo",
    "run_id",
    "category",
    "signature",
    "rule",
    "culprit",
    "failed_at",
    "resolved_by_run_id",
    "time_to_recovery_seconds",
    "fix_verified_at",
)
_TIMESTAMP = UTCDateTimeAttribute()


def _timestamp(text: str) -> datetime:
    parsed: datetime = _TIMESTAMP.deserialize(text)  # type: ignore[no-untyped-call]
    return parsed


def failure_facts_from_raw(raw: dict[str, Any]) -> FailureFacts:
    """A projected item, as DynamoDB returns it, straight into a record: no model instance per failure."""

    def text(name: str) -> str | None:
        value = raw.get(name)
        return None if value is None else str(value["S"])

    def number(name: str) -> str | None:
        value = raw.get(name)
        return None if value is None else str(value["N"])

    culprit = raw.get("culprit")
    line = None
    if culprit is not None:
        fields = culprit["M"]
        line = LogLine(line=int(fields["line"]["N"]), text=str(fields["text"]["S"]))
    resolved_by, recovery, verified = (
        number("resolved_by_run_id"),
        number("time_to_recovery_seconds"),
        text("fix_verified_at"),
    )
    return FailureFacts(
        repo=str(raw["repo"]["S"]),
        run_id=int(raw["run_id"]["N"]),
        category=Category(raw["category"]["S"]),
        signature=str(raw["signature"]["S"]),
        rule=text("rule"),
        culprit=line,
        failed_at=_timestamp(raw["failed_at"]["S"]),
        resolved_by_run_id=None if resolved_by is None else int(resolved_by),
        time_to_recovery_seconds=None if recovery is None else float(recovery),
        fix_verified_at=None if verified is None else _timestamp(verified),
    )


def fix_attempt_to_item(record: FixAttemptRecord, model: type[FixAttemptItem] = FixAttemptItem) -> FixAttemptItem:
    return model(
        record.attempt_id,
        failure_id=record.failure_id,
        strategy=record.strategy,
        started_at=record.started_at,
        finished_at=record.finished_at,
        outcome=record.outcome.value,
        detail=record.detail,
        repo=record.repo,
        signature=record.signature,
        category=record.category,
        strategy_version=record.strategy_version,
        priority=record.priority,
        ranking=None if record.ranking is None else {key: float(value) for key, value in record.ranking.items()},
        fix_branch=record.fix_branch,
        commit_sha=record.commit_sha,
        pull_request_number=record.pull_request_number,
        pull_request_url=record.pull_request_url,
        pull_request_state=None if record.pull_request_state is None else record.pull_request_state.value,
        diff=record.diff,
        rerun_of=record.rerun_of,
        execution=record.execution,
    )


def _number(value: Any) -> int | None:
    return None if value is None else int(value)


def fix_attempt_from_item(item: FixAttemptItem) -> FixAttemptRecord:
    ranking: dict[str, Any] | None = item.ranking
    return FixAttemptRecord(
        attempt_id=item.attempt_id,
        failure_id=item.failure_id,
        strategy=item.strategy,
        started_at=item.started_at,
        outcome=FixOutcome(item.outcome),
        finished_at=item.finished_at,
        detail=item.detail,
        repo=item.repo,
        signature=item.signature,
        category=item.category,
        strategy_version=item.strategy_version,
        priority=None if item.priority is None else float(item.priority),
        ranking=None if ranking is None else {key: float(value) for key, value in ranking.items()},
        fix_branch=item.fix_branch,
        commit_sha=item.commit_sha,
        pull_request_number=_number(item.pull_request_number),
        pull_request_url=item.pull_request_url,
        pull_request_state=None if item.pull_request_state is None else PullRequestState(item.pull_request_state),
        diff=item.diff,
        rerun_of=_number(item.rerun_of),
        execution=item.execution,
    )


def strategy_record_from_item(item: StrategyRecordItem | None) -> StrategyRecord:
    if item is None:
        return StrategyRecord()
    return StrategyRecord(
        fixed=int(item.fixed or 0), not_fixed=int(item.not_fixed or 0), rejected=int(item.rejected or 0)
    )


def verdict_wait_from_item(item: VerdictWaitItem) -> VerdictWait:
    return VerdictWait(
        key=item.attempt_id.removeprefix(VERDICT_PREFIX),
        attempt_id=item.waiting_attempt_id,
        failure_id=item.failure_id,
        task_token=item.task_token,
        verdict=item.verdict,
        verdict_detail=item.verdict_detail,
        after_run_attempt=_number(item.after_run_attempt),
    )


VERDICT_PREFIX = "verdict#"


def create_tables(settings: Settings) -> None:
    """Create the three tables (on-demand billing, indexes, TTL) unless they exist: for tests and the local
    stack. On AWS the SAM template creates them."""
    models = bind_models(settings)
    for model in models.all():
        try:
            model.create_table(wait=True, billing_mode=PAY_PER_REQUEST_BILLING_MODE)
        except PynamoDBException as exc:
            raise StoreError(f"could not create table {model.Meta.table_name}") from exc
    try:
        # The fix-attempts table's TTL attribute belongs to the items that share it, not to the attempts.
        models.budgets.update_ttl(ignore_update_ttl_errors=False)
    except PynamoDBException as exc:
        raise StoreError(f"could not enable TTL on {models.budgets.Meta.table_name}") from exc
