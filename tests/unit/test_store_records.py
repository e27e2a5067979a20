"""Failure and fix-attempt records survive the trip to a DynamoDB item and back, and refuse bad values."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from ci_agent.analysis import Analysis, Category, LogLine
from ci_agent.store import FailedJob, FailureRecord, FixAttemptRecord, FixOutcome, LogStatus
from ci_agent.store.models import (
    FailureItem,
    FixAttemptItem,
    failure_from_item,
    failure_to_item,
    fix_attempt_from_item,
    fix_attempt_to_item,
)

FAILED_AT = datetime(2026, 3, 4, 10, 11, 12, 123456, tzinfo=UTC)

JOB = FailedJob(
    repo="acme/app",
    workflow="CI",
    workflow_path=".github/workflows/ci.yml",
    job_id=289782451,
    job_name="test (3.12)",
    run_id=1201,
    run_attempt=2,
    branch="feature/login",
    head_sha="0123456789abcdef0123456789abcdef01234567",
    pull_requests=(42, 7),
    actor="octocat",
    failed_at=FAILED_AT,
    html_url="https://github.com/acme/app/actions/runs/1201/job/289782451",
)

ANALYSIS = Analysis(
    category=Category.TEST,
    confidence=0.85,
    culprit=LogLine(120, "FAILED tests/test_login.py::test_redirect - AssertionError"),
    error_lines=(
        LogLine(120, "FAILED tests/test_login.py::test_redirect - AssertionError"),
        LogLine(131, "1 failed, 52 passed in 3.21s"),
    ),
    failed_step="pytest -q",
    signature="3f2a9c",
    rule="pytest-failed",
    ruleset_version="2026.03.1",
    notes=("ran on a retried attempt",),
)


def record() -> FailureRecord:
    return FailureRecord.from_analysis(
        JOB, ANALYSIS, analyzed_at=FAILED_AT + timedelta(seconds=40), notes=("log fetched on second try",)
    )


def through_dynamodb(item: FailureItem) -> FailureItem:
    """The item as written to DynamoDB and read back: attribute values in DynamoDB's wire format."""
    return FailureItem.from_raw_data(item.serialize())


def test_a_record_built_from_an_analysis_keys_the_job_and_keeps_every_note() -> None:
    built = record()

    assert built.failure_id == "acme/app#289782451"
    assert built.scope == "acme/app#CI#feature/login"
    assert built.notes == ("ran on a retried attempt", "log fetched on second try")
    assert built.log_status is LogStatus.OK
    assert not built.is_resolved


def test_an_open_failure_round_trips_and_carries_its_open_scope() -> None:
    original = record()

    item = failure_to_item(original)
    raw = item.serialize()

    assert raw["failure_id"] == {"S": "acme/app#289782451"}
    assert raw["open_scope"] == {"S": "acme/app#CI#feature/login"}
    assert raw["failed_at"] == {"S": "2026-03-04T10:11:12.123456+0000"}
    assert failure_from_item(through_dynamodb(item)) == original


def test_a_resolved_failure_round_trips_without_an_open_scope() -> None:
    resolved_at = FAILED_AT + timedelta(minutes=90)
    original = replace(record(), resolved_at=resolved_at, resolved_by_run_id=1300, time_to_recovery_seconds=5400.0)

    item = failure_to_item(original)

    assert "open_scope" not in item.serialize()
    assert failure_from_item(through_dynamodb(item)) == original


def test_a_failure_without_a_log_round_trips() -> None:
    original = replace(
        record(),
        category=Category.UNKNOWN,
        culprit=None,
        error_lines=(),
        failed_step=None,
        rule=None,
        pull_requests=(),
        notes=(),
        log_status=LogStatus.EXPIRED,
    )

    assert failure_from_item(through_dynamodb(failure_to_item(original))) == original


def test_times_in_another_zone_come_back_as_the_same_instant_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    original = replace(record(), failed_at=datetime(2026, 3, 4, 11, 11, 12, tzinfo=paris))

    restored = failure_from_item(through_dynamodb(failure_to_item(original)))

    assert restored.failed_at == original.failed_at
    assert restored.failed_at.tzinfo == UTC


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"failed_at": datetime(2026, 3, 4, 10, 0)}, "failed_at must be timezone-aware"),
        ({"resolved_at": datetime(2026, 3, 4, 10, 0)}, "resolved_at must be timezone-aware"),
        ({"signature": ""}, "signature must not be empty"),
        ({"repo": ""}, "repo must not be empty"),
    ],
)
def test_a_failure_refuses_values_dynamodb_or_the_history_could_not_use(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(record(), **change)


def test_a_fix_attempt_round_trips_pending_and_finished() -> None:
    pending = FixAttemptRecord(
        attempt_id="att-1", failure_id="acme/app#289782451", strategy="rerun", started_at=FAILED_AT
    )
    finished = replace(
        pending,
        outcome=FixOutcome.FIXED,
        finished_at=FAILED_AT + timedelta(minutes=6),
        detail="re-run 1300 passed",
    )

    for original in (pending, finished):
        item = FixAttemptItem.from_raw_data(fix_attempt_to_item(original).serialize())
        assert fix_attempt_from_item(item) == original
    assert pending.duration is None
    assert finished.duration == timedelta(minutes=6)


def test_a_fix_attempt_refuses_a_naive_start() -> None:
    with pytest.raises(ValueError, match="started_at must be timezone-aware"):
        FixAttemptRecord(
            attempt_id="att-1",
            failure_id="acme/app#1",
            strategy="rerun",
            started_at=datetime(2026, 3, 4),
        )
