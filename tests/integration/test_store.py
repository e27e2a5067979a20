"""The store against DynamoDB (the moto server, over HTTP): what the webhook, the analyzer, the fix flow and
the CLI rely on when they record and look up failures."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from ci_agent.analysis import Category, LogLine
from ci_agent.config import Settings
from ci_agent.service.worker import is_permanent
from ci_agent.store import (
    DeliveryLedger,
    FailureFacts,
    FailureRecord,
    FixAttemptRecord,
    FixOutcome,
    LogStatus,
    NotFound,
    Store,
    StoreError,
    failure_id_for,
    table_definitions,
)
from ci_agent.store.models import bind_models, failure_to_item
from ci_agent.store.records import VerdictWait
from ci_agent.store.repositories import CLAIM_LEASE

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REPO = "acme/app"


def failure(
    job_id: int,
    failed_at: datetime,
    *,
    repo: str = REPO,
    workflow: str = "CI",
    branch: str = "main",
    signature: str = "sig-pip-missing",
    category: Category = Category.DEPENDENCY,
) -> FailureRecord:
    return FailureRecord(
        repo=repo,
        workflow=workflow,
        workflow_path=".github/workflows/ci.yml",
        job_id=job_id,
        job_name="test (3.12)",
        run_id=job_id // 10,
        run_attempt=1,
        branch=branch,
        head_sha="0123456789abcdef0123456789abcdef01234567",
        pull_requests=(42,),
        actor="octocat",
        category=category,
        confidence=0.9,
        signature=signature,
        culprit=LogLine(12, "ERROR: No matching distribution found for flsk"),
        error_lines=(LogLine(12, "ERROR: No matching distribution found for flsk"),),
        failed_step="pip install -r requirements.txt",
        rule="pip-no-matching-distribution",
        ruleset_version="2026.03.1",
        failed_at=failed_at,
        analyzed_at=failed_at + timedelta(seconds=30),
        html_url=f"https://github.com/{repo}/actions/runs/{job_id // 10}/job/{job_id}",
        log_status=LogStatus.OK,
    )


def raw_item(settings: Settings, table: str, key: dict[str, Any]) -> dict[str, Any]:
    """An item as DynamoDB holds it, read with boto3 rather than through the store."""
    client = boto3.client("dynamodb", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    return client.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"]


# Deliveries


def test_a_redelivered_webhook_is_claimed_only_the_first_time(store: Store) -> None:
    assert store.deliveries.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958", "workflow_job", T0) is True
    assert store.deliveries.claim("72d3162e-cc78-11e3-81ab-4c9367dc0958", "workflow_job", T0) is False
    assert store.deliveries.claim("another-delivery", "workflow_run", T0) is True


def test_a_claim_never_confirmed_is_taken_over_after_its_lease(store: Store) -> None:
    # The ingress died between claiming and queueing: GitHub's redelivery must not be lost as a duplicate.
    assert store.deliveries.claim("d-died", "workflow_job", T0) is True
    assert store.deliveries.claim("d-died", "workflow_job", T0 + CLAIM_LEASE - timedelta(seconds=1)) is False
    assert store.deliveries.claim("d-died", "workflow_job", T0 + CLAIM_LEASE + timedelta(seconds=1)) is True


def test_a_claim_is_in_flight_only_while_its_lease_runs_and_it_is_not_queued(store: Store) -> None:
    assert store.deliveries.in_flight("d-never-seen", T0) is False
    store.deliveries.claim("d-claimed", "workflow_job", T0)
    assert store.deliveries.in_flight("d-claimed", T0 + timedelta(seconds=5)) is True
    assert store.deliveries.in_flight("d-claimed", T0 + CLAIM_LEASE + timedelta(seconds=1)) is False
    store.deliveries.confirm("d-claimed")
    assert store.deliveries.in_flight("d-claimed", T0 + timedelta(seconds=5)) is False


def test_a_confirmed_claim_is_a_duplicate_however_late_the_redelivery(store: Store) -> None:
    assert store.deliveries.claim("d-queued", "workflow_job", T0) is True
    store.deliveries.confirm("d-queued")
    assert store.deliveries.claim("d-queued", "workflow_job", T0 + timedelta(days=1)) is False


def test_of_eight_concurrent_claims_of_one_delivery_exactly_one_wins(settings: Settings) -> None:
    ledger = DeliveryLedger(settings)
    start = threading.Barrier(8)
    results: list[bool] = []

    def claim() -> None:
        start.wait()
        results.append(ledger.claim("d-concurrent", "workflow_job", datetime.now(UTC)))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [False] * 7 + [True]


def test_a_delivery_expires_after_the_ttl_and_can_then_be_claimed_again(settings: Settings) -> None:
    ledger = DeliveryLedger(settings)
    ledger.claim("d-1", "workflow_job", T0)
    ledger.confirm("d-1")

    item = raw_item(settings, settings.deliveries_table, {"delivery_id": {"S": "d-1"}})
    expires = T0 + timedelta(days=settings.delivery_ttl_days)
    assert item["expires_at"] == {"N": str(int(expires.timestamp()))}
    assert item["event"] == {"S": "workflow_job"}

    # DynamoDB deletes expired items lazily; an expired one that is still there no longer blocks a claim.
    assert ledger.claim("d-1", "workflow_job", expires - timedelta(seconds=1)) is False
    assert ledger.claim("d-1", "workflow_job", expires + timedelta(seconds=1)) is True


def test_a_released_delivery_can_be_claimed_again(store: Store) -> None:
    store.deliveries.claim("d-1", "workflow_run", T0)

    store.deliveries.release("d-1")
    store.deliveries.release("never-claimed")  # nothing to forget is not an error

    assert store.deliveries.claim("d-1", "workflow_run", T0 + timedelta(minutes=1)) is True


# Failures


def test_a_failure_saved_twice_is_one_record(store: Store) -> None:
    record = failure(1001, T0)

    assert store.failures.save_failure(record) is True
    assert store.failures.save_failure(replace(record, confidence=0.5)) is False

    assert store.failures.get(record.failure_id) == record
    assert store.failures.failures_for_repo(REPO, T0, T0 + timedelta(hours=1)) == [record]


def test_saving_a_failure_again_does_not_reopen_it_once_resolved(store: Store) -> None:
    record = failure(1001, T0)
    store.failures.save_failure(record)
    store.failures.resolve_open_failures(REPO, "CI", "main", T0 + timedelta(minutes=10), run_id=555)

    assert store.failures.save_failure(record) is False

    stored = store.failures.get(record.failure_id)
    assert stored is not None
    assert stored.resolved_by_run_id == 555
    assert store.failures.open_failures(REPO, "CI", "main") == []


def test_an_unknown_failure_is_none(store: Store) -> None:
    assert store.failures.get(failure_id_for(REPO, 404)) is None


def test_failures_of_a_repository_come_back_in_time_order_within_the_range(store: Store) -> None:
    inside = [failure(2003, T0 + timedelta(hours=3)), failure(2001, T0), failure(2002, T0 + timedelta(hours=1))]
    before = failure(2000, T0 - timedelta(microseconds=1))
    at_the_end = failure(2004, T0 + timedelta(days=1))  # the range is half-open: "until" is excluded
    elsewhere = failure(3001, T0 + timedelta(hours=2), repo="acme/other")
    for record in [*inside, before, at_the_end, elsewhere]:
        store.failures.save_failure(record)

    found = store.failures.failures_for_repo(REPO, T0, T0 + timedelta(days=1))

    assert [record.job_id for record in found] == [2001, 2002, 2003]
    assert store.failures.failures_for_repo(REPO, T0 + timedelta(days=1), T0) == []


def test_signature_history_counts_and_names_the_latest_resolved_failure(store: Store) -> None:
    for job_id, hours in [(1, 0), (2, 1), (3, 5)]:
        store.failures.save_failure(failure(job_id, T0 + timedelta(hours=hours), branch=f"b{job_id}"))
    store.failures.save_failure(failure(9, T0 + timedelta(hours=9), signature="sig-other"))
    # Jobs 1 and 2 are fixed; job 3 (the latest) is still open.
    store.failures.resolve_open_failures(REPO, "CI", "b1", T0 + timedelta(hours=2), run_id=71)
    store.failures.resolve_open_failures(REPO, "CI", "b2", T0 + timedelta(hours=3), run_id=72)

    history = store.failures.count_signature("sig-pip-missing")

    assert history.count == 3
    assert history.last_seen == T0 + timedelta(hours=5)
    assert history.last_resolved is not None
    assert history.last_resolved.job_id == 2
    assert history.last_resolved.resolved_by_run_id == 72
    assert history.last_resolved.time_to_recovery_seconds == 2 * 3600

    unseen = store.failures.count_signature("sig-never-seen")
    assert (unseen.count, unseen.last_seen, unseen.last_resolved) == (0, None, None)


def test_a_signature_history_counts_each_job_once_however_often_or_late_it_is_recorded(store: Store) -> None:
    # Given failures delivered out of order, one of them twice (a redelivery, a message SQS hands out twice)
    late = failure(3, T0 + timedelta(hours=5))
    for record in [late, failure(1, T0), late, failure(2, T0 + timedelta(hours=1))]:
        store.failures.save_failure(record)

    history = store.failures.count_signature("sig-pip-missing")

    # Then three failures, last seen when the latest failed (not when the last delivery was processed)
    assert history.count == 3
    assert history.last_seen == T0 + timedelta(hours=5)


def test_the_latest_resolved_failure_of_a_signature_is_the_latest_to_fail_whatever_the_order_of_resolution(
    store: Store,
) -> None:
    for job_id, hours in [(1, 0), (2, 1)]:
        store.failures.save_failure(failure(job_id, T0 + timedelta(hours=hours), branch=f"b{job_id}"))
    # The later failure is resolved first; the earlier one's resolution, processed after it, does not replace it.
    store.failures.resolve_open_failures(REPO, "CI", "b2", T0 + timedelta(hours=2), run_id=72)
    store.failures.resolve_open_failures(REPO, "CI", "b1", T0 + timedelta(hours=3), run_id=71)

    history = store.failures.count_signature("sig-pip-missing")

    assert history.last_resolved is not None
    assert (history.last_resolved.job_id, history.last_resolved.resolved_by_run_id) == (2, 72)


def test_the_histories_of_many_signatures_are_read_together(store: Store) -> None:
    store.failures.save_failure(failure(1, T0, signature="sig-a"))
    store.failures.save_failure(failure(2, T0 + timedelta(hours=1), signature="sig-a", branch="b2"))
    store.failures.save_failure(failure(3, T0 + timedelta(hours=2), signature="sig-b"))
    store.failures.resolve_open_failures(REPO, "CI", "b2", T0 + timedelta(hours=3), run_id=9)

    histories = store.failures.signature_histories(["sig-a", "sig-b", "sig-a", "sig-never-seen"])

    assert {signature: history.count for signature, history in histories.items()} == {
        "sig-a": 2,
        "sig-b": 1,
        "sig-never-seen": 0,
    }
    resolved_a = histories["sig-a"].last_resolved
    assert resolved_a is not None and resolved_a.job_id == 2
    assert histories["sig-b"].last_resolved is None and histories["sig-b"].last_seen == T0 + timedelta(hours=2)
    assert store.failures.signature_histories([]) == {}


def test_concurrent_workers_recording_one_signature_count_every_job_exactly_once(store: Store) -> None:
    # Eight workers record 40 jobs of one signature, each job twice (two deliveries of it racing)
    records = [failure(job_id, T0 + timedelta(minutes=job_id)) for job_id in range(1, 41)]
    outcomes: list[bool] = []
    lock = threading.Lock()

    def record(share: list[FailureRecord]) -> None:
        for item in share:
            newly = store.failures.save_failure(item)
            with lock:
                outcomes.append(newly)

    shares = [records[n::4] for n in range(4)] * 2
    threads = [threading.Thread(target=record, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    history = store.failures.count_signature("sig-pip-missing")
    assert outcomes.count(True) == 40 and outcomes.count(False) == 40
    assert history.count == 40
    assert history.last_seen == T0 + timedelta(minutes=40)


def test_a_failure_dynamodb_will_never_accept_is_refused_as_such_and_counted_nowhere(store: Store) -> None:
    # An item over DynamoDB's 400 KB: the worker must drop it (is_permanent), not retry it five times.
    huge = replace(failure(1, T0), notes=("x" * 450_000,))

    with pytest.raises(StoreError) as refused:
        store.failures.save_failure(huge)

    assert is_permanent(refused.value)
    assert store.failures.get(huge.failure_id) is None
    assert store.failures.count_signature("sig-pip-missing").count == 0


def test_failures_recorded_before_summaries_are_counted_into_them_once(store: Store, settings: Settings) -> None:
    # Given failures written as the version before summaries wrote them (the item alone), and one recorded now
    before = bind_models(settings).failures
    fixed_earlier = failure(1, T0, branch="b1").resolved(T0 + timedelta(hours=1), run_id=5)
    for record in [fixed_earlier, failure(2, T0 + timedelta(hours=2)), failure(3, T0, signature="sig-b")]:
        failure_to_item(record, before).save()
    store.failures.save_failure(failure(4, T0 + timedelta(hours=3)))

    added = store.failures.summarise_uncounted()
    again = store.failures.summarise_uncounted()

    # Then each old failure is counted once, whatever the runs, beside the one counted when it was recorded
    assert (added, again) == (3, 0)
    history = store.failures.count_signature("sig-pip-missing")
    assert (history.count, history.last_seen) == (3, T0 + timedelta(hours=3))
    assert history.last_resolved is not None and history.last_resolved.job_id == 1
    assert store.failures.count_signature("sig-b").count == 1


def test_the_signature_summary_is_no_failure_to_the_table_s_readers(store: Store) -> None:
    store.failures.save_failure(failure(1, T0))

    stats = store.failures.stats()

    assert stats.failures == 1 and stats.by_category == {"dependency": 1}
    assert [record.job_id for record in store.failures.failures_for_signature("sig-pip-missing")] == [1]


def test_failures_with_a_signature_are_listed_newest_first(store: Store) -> None:
    for job_id in range(1, 6):
        store.failures.save_failure(failure(job_id, T0 + timedelta(hours=job_id)))

    latest = store.failures.failures_for_signature("sig-pip-missing", limit=3)
    recent = store.failures.failures_for_signature("sig-pip-missing", since=T0 + timedelta(hours=4))

    assert [record.job_id for record in latest] == [5, 4, 3]
    assert [record.job_id for record in recent] == [5, 4]


def test_a_success_resolves_the_open_failures_of_its_workflow_and_branch(store: Store, settings: Settings) -> None:
    first = failure(11, T0)
    second = failure(12, T0 + timedelta(minutes=20))
    other_branch = failure(13, T0 + timedelta(minutes=5), branch="feature")
    other_workflow = failure(14, T0 + timedelta(minutes=5), workflow="Release")
    after_the_success = failure(15, T0 + timedelta(hours=2))
    for record in (first, second, other_branch, other_workflow, after_the_success):
        store.failures.save_failure(record)
    success_at = T0 + timedelta(hours=1)

    resolved = store.failures.resolve_open_failures(REPO, "CI", "main", success_at, run_id=900)

    assert [(r.job_id, r.resolved_at, r.resolved_by_run_id) for r in resolved] == [
        (11, success_at, 900),
        (12, success_at, 900),
    ]
    assert [r.time_to_recovery_seconds for r in resolved] == [3600.0, 2400.0]
    assert store.failures.get(first.failure_id) == resolved[0]
    assert [r.job_id for r in store.failures.open_failures(REPO, "CI", "main")] == [15]
    assert store.failures.open_failures(REPO, "CI", "feature") == [other_branch]
    assert store.failures.open_failures(REPO, "Release", "main") == [other_workflow]
    # The sparse index key is gone from the item itself, not just set to something else.
    assert "open_scope" not in raw_item(settings, settings.failures_table, {"failure_id": {"S": first.failure_id}})


def test_a_passing_job_resolves_only_the_failures_of_that_job(store: Store) -> None:
    tests = replace(failure(21, T0), job_name="test")
    lint = replace(failure(22, T0), job_name="lint")
    store.failures.save_failure(tests)
    store.failures.save_failure(lint)

    resolved = store.failures.resolve_open_failures(
        REPO, "CI", "main", T0 + timedelta(minutes=5), run_id=3, job_name="test"
    )

    assert [record.job_id for record in resolved] == [21]
    assert store.failures.open_failures(REPO, "CI", "main") == [lint]


def test_resolving_again_changes_nothing(store: Store) -> None:
    store.failures.save_failure(failure(11, T0))
    store.failures.resolve_open_failures(REPO, "CI", "main", T0 + timedelta(hours=1), run_id=900)

    assert store.failures.resolve_open_failures(REPO, "CI", "main", T0 + timedelta(hours=2), run_id=901) == []
    stored = store.failures.get(failure_id_for(REPO, 11))
    assert stored is not None
    assert (stored.resolved_by_run_id, stored.time_to_recovery_seconds) == (900, 3600.0)


def test_stats_count_failures_by_category_repository_and_state(store: Store) -> None:
    store.failures.save_failure(failure(1, T0 - timedelta(days=30), category=Category.TEST))
    store.failures.save_failure(failure(2, T0, category=Category.TEST))
    store.failures.save_failure(failure(3, T0 + timedelta(hours=1), category=Category.LINT))
    store.failures.save_failure(failure(4, T0 + timedelta(hours=2), repo="acme/other", category=Category.TEST))
    store.failures.resolve_open_failures(REPO, "CI", "main", T0 + timedelta(minutes=30), run_id=5)

    everything = store.failures.stats()
    this_month = store.failures.stats(since=T0)

    assert (everything.failures, everything.open, everything.resolved) == (4, 2, 2)
    assert everything.by_category == {"test": 3, "lint": 1}
    assert everything.by_repository == {REPO: 3, "acme/other": 1}
    assert (this_month.failures, this_month.open, this_month.resolved) == (3, 2, 1)
    assert this_month.by_category == {"test": 2, "lint": 1}


# Fix attempts


def attempt(attempt_id: str, failure_id: str, strategy: str, started_at: datetime) -> FixAttemptRecord:
    return FixAttemptRecord(attempt_id=attempt_id, failure_id=failure_id, strategy=strategy, started_at=started_at)


def test_fix_attempts_are_found_by_failure_and_by_strategy(store: Store) -> None:
    one, two = failure_id_for(REPO, 1), failure_id_for(REPO, 2)
    attempts = [
        attempt("a3", one, "pin-dependency", T0 + timedelta(hours=3)),
        attempt("a1", one, "rerun", T0),
        attempt("a2", two, "rerun", T0 + timedelta(hours=1)),
        attempt("a0", two, "rerun", T0 - timedelta(days=10)),
    ]
    for record in attempts:
        store.fix_attempts.record(record)

    assert [a.attempt_id for a in store.fix_attempts.for_failure(one)] == ["a1", "a3"]
    assert [a.attempt_id for a in store.fix_attempts.for_strategy("rerun")] == ["a0", "a1", "a2"]
    assert [a.attempt_id for a in store.fix_attempts.for_strategy("rerun", since=T0)] == ["a1", "a2"]
    assert store.fix_attempts.for_strategy("revert") == []


def test_a_fix_attempt_is_finished_with_its_outcome(store: Store) -> None:
    store.fix_attempts.record(attempt("a1", failure_id_for(REPO, 1), "rerun", T0))

    finished = store.fix_attempts.finish("a1", FixOutcome.FIXED, T0 + timedelta(minutes=7), "run 901 passed")

    assert finished.outcome is FixOutcome.FIXED
    assert finished.duration == timedelta(minutes=7)
    assert store.fix_attempts.get("a1") == finished
    assert store.fix_attempts.for_strategy("rerun") == [finished]
    with pytest.raises(NotFound):
        store.fix_attempts.finish("never-recorded", FixOutcome.NOT_FIXED, T0)


def test_recording_an_attempt_again_replaces_it(store: Store) -> None:
    pending = attempt("a1", failure_id_for(REPO, 1), "rerun", T0)
    store.fix_attempts.record(pending)
    skipped = replace(pending, outcome=FixOutcome.NOT_APPLICABLE, finished_at=T0, detail="not a flaky failure")
    store.fix_attempts.record(skipped)

    assert store.fix_attempts.for_failure(pending.failure_id) == [skipped]


# Tables and errors


def test_the_tables_are_created_as_the_models_describe_them(settings: Settings) -> None:
    client = boto3.client("dynamodb", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    names = {
        "failures": settings.failures_table,
        "fix_attempts": settings.fix_attempts_table,
        "deliveries": settings.deliveries_table,
    }
    for role, expected in table_definitions().items():
        table = client.describe_table(TableName=names[role])["Table"]
        assert table["BillingModeSummary"]["BillingMode"] == expected["BillingMode"]
        assert (
            sorted(table["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == expected["AttributeDefinitions"]
        )
        assert table["KeySchema"] == expected["KeySchema"]
        indexes = sorted(table.get("GlobalSecondaryIndexes", []), key=lambda index: index["IndexName"])
        assert [
            {"IndexName": i["IndexName"], "KeySchema": i["KeySchema"], "Projection": i["Projection"]} for i in indexes
        ] == expected.get("GlobalSecondaryIndexes", [])
        ttl = client.describe_time_to_live(TableName=names[role])["TimeToLiveDescription"]
        if "TimeToLiveSpecification" in expected:
            assert ttl["TimeToLiveStatus"] == "ENABLED"
            assert ttl["AttributeName"] == expected["TimeToLiveSpecification"]["AttributeName"]
        else:
            assert ttl["TimeToLiveStatus"] == "DISABLED"


def test_a_missing_table_is_a_store_error_caused_by_the_library(settings: Settings) -> None:
    missing = replace(settings, failures_table="no-such-table", deliveries_table="no-such-table-either")
    store = Store.from_settings(missing)

    with pytest.raises(StoreError) as failed:
        store.failures.get(failure_id_for(REPO, 1))
    assert failed.value.__cause__ is not None
    with pytest.raises(StoreError):
        store.failures.save_failure(failure(1, T0))
    with pytest.raises(StoreError):
        store.deliveries.claim("d-1", "workflow_job", T0)


def test_the_remembered_success_only_moves_forward_and_stays_out_of_the_stats(store: Store) -> None:
    store.failures.record_success(REPO, "CI", "main", T0 + timedelta(hours=2), 900)
    store.failures.record_success(REPO, "CI", "main", T0 + timedelta(hours=1), 800)  # processed late
    late = failure(1, T0 + timedelta(minutes=90))
    assert store.failures.save_failure(late)

    resolved = store.failures.resolve_if_succeeded_since(late)

    assert resolved is not None and resolved.resolved_by_run_id == 900
    assert store.failures.resolve_if_succeeded_since(late) is None  # already resolved: nothing to do
    stats = store.failures.stats()
    assert (stats.failures, stats.open, stats.resolved) == (1, 0, 1)


# The fix flow's state beside the attempts


def test_learned_rates_count_verdicts_per_category_and_per_signature(store: Store) -> None:
    for outcome in (FixOutcome.FIXED, FixOutcome.FIXED, FixOutcome.NOT_FIXED):
        store.fix_attempts.learn("rerun-failed-jobs", "infrastructure", "sig-a", outcome)
    store.fix_attempts.learn("rerun-failed-jobs", "infrastructure", "sig-b", FixOutcome.REJECTED)

    category, signature = store.fix_attempts.strategy_records("rerun-failed-jobs", "infrastructure", "sig-a")
    assert (category.fixed, category.not_fixed, category.rejected) == (2, 1, 1)
    assert (signature.fixed, signature.not_fixed, signature.rejected) == (2, 1, 0)
    untried = store.fix_attempts.strategy_records("bump-deprecated-action", "config", "sig-a")
    assert all(record.verdicts == 0 for record in untried)
    with pytest.raises(ValueError, match="not a verdict"):
        store.fix_attempts.learn("rerun-failed-jobs", "infrastructure", "sig-a", FixOutcome.TIMED_OUT)
    # Learned items share the table but no index: the attempts by strategy are still only attempts.
    assert store.fix_attempts.for_strategy("rerun-failed-jobs") == []


def test_the_daily_budget_is_spent_once_per_attempt_and_renews_each_day(store: Store) -> None:
    taken = [store.fix_attempts.take_budget(REPO, T0, limit=2) for _ in range(3)]

    assert taken == [True, True, False]
    assert store.fix_attempts.budget_spent(REPO, T0) == 2
    assert store.fix_attempts.take_budget(REPO, T0 + timedelta(days=1), limit=2)
    assert store.fix_attempts.take_budget("acme/other", T0, limit=2)
    assert not store.fix_attempts.take_budget("acme/none", T0, limit=0)


def test_a_rejection_is_remembered_per_strategy_repository_and_signature(store: Store) -> None:
    store.fix_attempts.reject("bump-deprecated-action", "1", REPO, "sig-a", T0)

    strategies = ["bump-deprecated-action", "rerun-failed-jobs"]
    assert store.fix_attempts.rejected_versions(strategies, REPO, "sig-a") == {"bump-deprecated-action": "1"}
    assert store.fix_attempts.rejected_versions(strategies, REPO, "sig-b") == {}
    assert store.fix_attempts.rejected_versions(strategies, "acme/other", "sig-a") == {}


def test_flaky_signatures_count_their_passes_on_rerun(store: Store) -> None:
    assert store.fix_attempts.flaky_passes("sig-a") == 0
    store.fix_attempts.mark_flaky("sig-a", T0)
    store.fix_attempts.mark_flaky("sig-a", T0 + timedelta(hours=1))
    assert store.fix_attempts.flaky_passes("sig-a") == 2


@pytest.mark.parametrize("verdict_first", [True, False])
def test_whoever_writes_the_second_half_of_a_verdict_wait_sees_it_complete(store: Store, verdict_first: bool) -> None:
    wait = VerdictWait(key=f"run:{REPO}#77", attempt_id="a1", failure_id=failure_id_for(REPO, 1), after_run_attempt=1)
    store.fix_attempts.await_verdict(wait, T0)

    if verdict_first:
        first = store.fix_attempts.store_verdict(wait.key, "fixed", "run 77 attempt 2 passed")
        second = store.fix_attempts.store_task_token(wait.key, "token-1")
    else:
        first = store.fix_attempts.store_task_token(wait.key, "token-1")
        second = store.fix_attempts.store_verdict(wait.key, "fixed", "run 77 attempt 2 passed")

    assert first is not None and not first.complete
    assert second is not None and second.complete
    assert (second.task_token, second.verdict, second.attempt_id) == ("token-1", "fixed", "a1")
    # A redelivered verdict changes nothing and completes nothing twice
    assert store.fix_attempts.store_verdict(wait.key, "not_fixed", "again") is None
    assert store.fix_attempts.verdict_wait(wait.key) == second
    # No attempt waits for other keys
    assert store.fix_attempts.store_verdict(f"run:{REPO}#78", "fixed", "") is None
    with pytest.raises(NotFound):
        store.fix_attempts.store_task_token(f"run:{REPO}#78", "token-2")


def test_recent_attempts_come_newest_first_across_strategies(store: Store) -> None:
    for index, strategy in enumerate(["rerun-failed-jobs", "bump-deprecated-action", "rerun-failed-jobs"]):
        store.fix_attempts.record(
            attempt(f"a{index}", failure_id_for(REPO, index), strategy, T0 + timedelta(minutes=index))
        )

    recent = store.fix_attempts.recent(limit=2)

    assert [a.attempt_id for a in recent] == ["a2", "a1"]
    assert store.fix_attempts.recorded_strategies() == ["bump-deprecated-action", "rerun-failed-jobs"]


def test_no_attempt_recorded_means_no_strategy_and_nothing_recent(store: Store) -> None:
    assert store.fix_attempts.recorded_strategies() == []
    assert store.fix_attempts.recent(limit=5) == []


def rerun_attempt(attempt_id: str, failure_id: str, started_at: datetime) -> FixAttemptRecord:
    return replace(
        attempt(attempt_id, failure_id, "rerun-failed-jobs", started_at),
        signature="sig-pip-missing",
        category="dependency",
        rerun_of=7,
    )


def test_a_verdict_and_what_it_teaches_are_recorded_once_in_one_write(store: Store) -> None:
    record = failure(1, T0)
    store.failures.save_failure(record)
    first, second = rerun_attempt("a1", record.failure_id, T0), rerun_attempt("a2", record.failure_id, T0)
    for tried in (first, second):
        store.fix_attempts.record(tried)
    verified_at = T0 + timedelta(minutes=9)

    assert store.fix_attempts.finish_with_verdict(first, FixOutcome.FIXED, verified_at, "run 7 passed", flaky=True)
    # A retried step, then a second attempt that also passed
    assert not store.fix_attempts.finish_with_verdict(first, FixOutcome.FIXED, verified_at, "again", flaky=True)
    assert store.fix_attempts.finish_with_verdict(second, FixOutcome.FIXED, T0 + timedelta(hours=1), "", flaky=False)

    finished = store.fix_attempts.get("a1")
    assert finished is not None and (finished.outcome, finished.detail) == (FixOutcome.FIXED, "run 7 passed")
    by_category, by_signature = store.fix_attempts.strategy_records(
        "rerun-failed-jobs", "dependency", "sig-pip-missing"
    )
    assert (by_category.fixed, by_signature.fixed) == (2, 2)
    assert store.fix_attempts.flaky_passes("sig-pip-missing") == 1
    stored = store.failures.get(record.failure_id)
    assert stored is not None  # the first verified fix stays
    assert (stored.fix_attempt_id, stored.time_to_verified_fix_seconds) == ("a1", 540.0)


def test_a_verdict_that_cannot_be_written_whole_writes_nothing(store: Store) -> None:
    # Given an attempt whose failure is not in the table: the failure's part of the verdict cannot be written
    orphan = rerun_attempt("a1", failure_id_for(REPO, 404), T0)
    store.fix_attempts.record(orphan)

    with pytest.raises(StoreError):
        store.fix_attempts.finish_with_verdict(orphan, FixOutcome.FIXED, T0 + timedelta(minutes=5), "", flaky=True)

    # Then neither the outcome nor the counts moved: a retry starts from where the first try did
    unchanged = store.fix_attempts.get("a1")
    assert unchanged is not None and unchanged.outcome is FixOutcome.PENDING
    by_category, by_signature = store.fix_attempts.strategy_records(
        "rerun-failed-jobs", "dependency", "sig-pip-missing"
    )
    assert (by_category.fixed, by_signature.fixed) == (0, 0)
    assert store.fix_attempts.flaky_passes("sig-pip-missing") == 0
    with pytest.raises(NotFound):
        store.fix_attempts.finish_with_verdict(
            rerun_attempt("never-recorded", failure_id_for(REPO, 1), T0), FixOutcome.NOT_FIXED, T0, "", flaky=False
        )


def test_a_verified_fix_is_recorded_on_the_failure_once(store: Store) -> None:
    record = failure(1, T0)
    store.failures.save_failure(record)

    store.failures.record_verified_fix(
        record.failure_id, "a1", "rerun-failed-jobs", record.failed_at + timedelta(minutes=9)
    )
    store.failures.record_verified_fix(
        record.failure_id, "a2", "bump-deprecated-action", record.failed_at + timedelta(hours=1)
    )

    stored = store.failures.get(record.failure_id)
    assert stored is not None
    assert (stored.fix_attempt_id, stored.fix_strategy, stored.time_to_verified_fix_seconds) == (
        "a1",
        "rerun-failed-jobs",
        540.0,
    )


# What the weekly report reads


def test_report_facts_of_an_owner_come_from_every_repository_in_time_order_within_the_range(store: Store) -> None:
    inside = [
        failure(5003, T0 + timedelta(hours=3), repo="acme/web"),
        failure(5001, T0),
        failure(5002, T0 + timedelta(hours=1), repo="acme/api"),
    ]
    before = failure(5000, T0 - timedelta(microseconds=1))
    at_the_end = failure(5004, T0 + timedelta(days=7))  # half-open: "until" is excluded
    other_owner = failure(6001, T0 + timedelta(hours=2), repo="acmeinc/app")  # a prefix is not the owner
    for record in [*inside, before, at_the_end, other_owner]:
        store.failures.save_failure(record)
    resolved = store.failures.resolve([inside[1]], T0 + timedelta(minutes=30), run_id=77)
    store.failures.record_verified_fix(inside[1].failure_id, "a#1", "rerun-failed-jobs", T0 + timedelta(minutes=20))

    found = list(store.failures.report_facts(T0, T0 + timedelta(days=7), owner="acme"))

    assert [(facts.repo, facts.run_id) for facts in found] == [(REPO, 500), ("acme/api", 500), ("acme/web", 500)]
    verified = replace(resolved[0], fix_verified_at=T0 + timedelta(minutes=20))
    assert found[0] == FailureFacts.of(verified)  # the projection carries everything the report reads
    assert found[0].time_to_verified_fix_seconds == 20 * 60
    assert found[1] == FailureFacts.of(inside[2])
    assert list(store.failures.report_facts(T0 + timedelta(days=1), T0, owner="acme")) == []


def test_report_facts_of_a_repository_and_page_by_page(store: Store) -> None:
    for job_id in range(300):
        store.failures.save_failure(failure(7000 + job_id, T0 + timedelta(minutes=job_id)))
    store.failures.save_failure(failure(9000, T0, repo="acme/other"))

    found = store.failures.report_facts(T0, T0 + timedelta(days=1), repo=REPO)

    assert not isinstance(found, list)  # streamed: a busy week is not held twice
    assert [facts.failed_at for facts in found] == [T0 + timedelta(minutes=n) for n in range(300)]


def test_report_facts_need_one_owner_or_one_repository(store: Store) -> None:
    for wrong in ({}, {"owner": "acme", "repo": REPO}, {"owner": ""}):
        with pytest.raises(ValueError, match="owner or a repository"):
            store.failures.report_facts(T0, T0 + timedelta(days=1), **wrong)


def test_flaky_signatures_are_read_in_one_batch_and_unknown_ones_left_out(store: Store) -> None:
    store.fix_attempts.mark_flaky("sig-flaky", T0)
    store.fix_attempts.mark_flaky("sig-flaky", T0 + timedelta(hours=1))
    store.fix_attempts.mark_flaky("sig-once", T0)

    assert store.fix_attempts.flaky_signatures(["sig-flaky", "sig-once", "sig-never", "sig-flaky"]) == {
        "sig-flaky": 2,
        "sig-once": 1,
    }
    assert store.fix_attempts.flaky_signatures([]) == {}


def test_a_signature_is_seen_before_a_time_only_if_one_of_its_failures_is_older(store: Store) -> None:
    store.failures.save_failure(failure(8001, T0, signature="sig-old"))

    assert store.failures.seen_before("sig-old", T0 + timedelta(microseconds=1))
    assert not store.failures.seen_before("sig-old", T0)
    assert not store.failures.seen_before("sig-unknown", T0 + timedelta(days=1))
