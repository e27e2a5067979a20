"""The weekly report use case and ReportFunction against DynamoDB and S3 (the moto server, over HTTP) and the
local GitHub (real PyGithub): the period is read through indexes only, stored under its predictable keys, and
opened as one issue that a second run updates."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest

from ci_agent import wiring
from ci_agent.archive import S3ReportArchive
from ci_agent.config import Settings
from ci_agent.config import settings as process_settings
from ci_agent.github import TokenCredentials
from ci_agent.github.issues import PyGithubIssueTracker
from ci_agent.local.github import LocalGitHub
from ci_agent.local.stack import LocalLambdaContext
from ci_agent.reporting import Period, ReportBuilder, ReportScope
from ci_agent.service.reports import REPORT_LABEL, ReportDeps, compile_report, publish_report, report_keys
from ci_agent.store import Store, bind_models
from tests.unit.reporting_history import ATTEMPTS, END, FAILURES, S1, S2

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ISSUES_REPO = "acme/ci-reports"
PERIOD = Period.ending(END)
SCOPE = ReportScope("acme")


@pytest.fixture
def history(store: Store) -> Store:
    for record in FAILURES:
        store.failures.save_failure(record)
    for attempt in ATTEMPTS:
        store.fix_attempts.record(attempt)
    store.fix_attempts.mark_flaky(S1, END - timedelta(days=2))
    return store


@pytest.fixture
def bucket(settings: Settings) -> str:
    name = f"reports-{settings.failures_table.removeprefix('failures-')}"
    boto3.client("s3", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region).create_bucket(
        Bucket=name
    )
    return name


@pytest.fixture
def github() -> Iterator[LocalGitHub]:
    with LocalGitHub(tokens=["local-token"]) as server:
        server.add_repository(ISSUES_REPO)  # GitHub answers 404 for a repository that does not exist
        yield server


def deps_for(store: Store, settings: Settings, bucket: str, github: LocalGitHub) -> ReportDeps:
    s3 = boto3.client("s3", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    return ReportDeps(
        failures=store.failures,
        fix_attempts=store.fix_attempts,
        archive=S3ReportArchive(s3, bucket),
        issues=PyGithubIssueTracker.connect(TokenCredentials("local-token"), github.api_url),
        issue_repository=ISSUES_REPO,
    )


def dynamodb_operations(store: Store, settings: Settings) -> list[str]:
    """Every DynamoDB operation the store's connections send from now on (botocore's own event hook)."""
    seen: list[str] = []
    models = bind_models(settings)
    clients = {id(client): client for client in (m._get_connection().connection.client for m in models.all())}
    for client in clients.values():
        client.meta.events.register("before-call.dynamodb", lambda model, **_: seen.append(model.name))
    return seen


def test_the_report_read_from_dynamodb_is_the_report_of_the_same_records(history: Store, settings: Settings):
    deps = ReportDeps(failures=history.failures, fix_attempts=history.fix_attempts)
    operations = dynamodb_operations(history, settings)

    report = compile_report(SCOPE, PERIOD, deps, now=END)

    expected = ReportBuilder(SCOPE, PERIOD).add_failures(FAILURES).add_attempts(ATTEMPTS)
    assert report == expected.report(generated_at=END, flaky_passes={S1: 1}, seen_before=set())
    assert report.summary.failures.current == 5 and [n.signature for n in report.new_signatures] == [S2]
    assert set(operations) <= {"Query", "BatchGetItem", "GetItem"}, "the report reads through indexes, never a scan"
    assert operations.count("Query") >= 1 + len(history.fix_attempts.recorded_strategies())


def test_attempts_of_a_strategy_no_longer_registered_still_count(history: Store):
    from ci_agent.wiring import fix_strategies

    registered = {strategy.name for strategy in fix_strategies()}
    assert "bump-dependency" not in registered  # the history's merged fix came from a strategy since removed

    report = compile_report(
        SCOPE, PERIOD, ReportDeps(failures=history.failures, fix_attempts=history.fix_attempts), now=END
    )

    ranks = {rank.strategy: rank for rank in report.auto_fix.strategies}
    assert (ranks["bump-dependency"].attempts, ranks["bump-dependency"].fixed) == (1, 1)


def test_a_signature_seen_before_the_baseline_weeks_is_not_new(history: Store, settings: Settings):
    old = replace(FAILURES[-2], job_id=999, failed_at=END - timedelta(days=90))  # an S2 failure long ago
    history.failures.save_failure(old)
    deps = ReportDeps(failures=history.failures, fix_attempts=history.fix_attempts)
    assert compile_report(SCOPE, PERIOD, deps, now=END).new_signatures == []


def test_a_repository_report_reads_that_repository(history: Store):
    deps = ReportDeps(failures=history.failures, fix_attempts=history.fix_attempts)
    report = compile_report(ReportScope.of(repo="acme/api"), PERIOD, deps, now=END)
    assert (report.repo, report.summary.failures.current) == ("acme/api", 2)
    assert report_keys(ReportScope.of(repo="acme/api"), PERIOD) == (
        "reports/acme/api/2026-W48.md",
        "reports/acme/api/2026-W48.json",
    )


def test_publishing_stores_both_objects_and_opens_one_issue_that_a_second_run_updates(
    history: Store, settings: Settings, bucket: str, github: LocalGitHub
):
    deps = deps_for(history, settings, bucket, github)
    s3 = boto3.client("s3", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)

    first = publish_report(SCOPE, PERIOD, deps, now=END)
    second = publish_report(SCOPE, PERIOD, deps, now=END + timedelta(hours=1))

    assert (first.markdown_key, first.json_key) == ("reports/acme/2026-W48.md", "reports/acme/2026-W48.json")
    assert first.issue is not None and second.issue is not None
    assert first.issue.created and not second.issue.created
    assert second.issue.number == first.issue.number
    assert second.issue.url == f"https://github.com/{ISSUES_REPO}/issues/{first.issue.number}"
    (issue,) = github.issues_of(ISSUES_REPO)
    assert (issue.title, issue.labels, issue.edits) == ("CI intelligence report: acme, 2026-W48", (REPORT_LABEL,), 1)
    assert issue.body == second.markdown and "generated 2026-11-29 01:00 UTC" in issue.body
    markdown = s3.get_object(Bucket=bucket, Key=first.markdown_key)
    assert markdown["Body"].read().decode() == second.markdown
    assert markdown["ContentType"].startswith("text/markdown")
    numbers = json.loads(s3.get_object(Bucket=bucket, Key=first.json_key)["Body"].read())
    assert numbers["generated_at"] == "2026-11-29T01:00:00Z" and numbers["summary"]["failures"]["current"] == 5
    versions = s3.list_object_versions(Bucket=bucket, Prefix="reports/")
    assert sorted({v["Key"] for v in versions.get("Versions", [])}) == [first.json_key, first.markdown_key]
    label = github.received(f"/repos/{ISSUES_REPO}/labels", method="POST")
    assert [(request.json()["name"], request.status) for request in label] == [(REPORT_LABEL, 201), (REPORT_LABEL, 422)]


def test_an_existing_label_is_used_and_other_weeks_get_their_own_issue(
    history: Store, settings: Settings, bucket: str, github: LocalGitHub
):
    deps = deps_for(history, settings, bucket, github)
    publish_report(SCOPE, PERIOD, deps, now=END)
    publish_report(SCOPE, PERIOD.previous(), deps, now=END)
    assert [i.title for i in github.issues_of(ISSUES_REPO)] == [
        "CI intelligence report: acme, 2026-W48",
        "CI intelligence report: acme, 2026-W47",
    ]


# ---------------------------------------------------------------------------------------------- the function


def load_report_handler() -> Any:
    spec = importlib.util.spec_from_file_location("report_handler_under_test", ROOT / "functions/report/handler.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def function_env(
    history: Store, settings: Settings, bucket: str, github: LocalGitHub, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    secrets = boto3.client("secretsmanager", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    secret = f"ci-agent/{bucket}/github"
    secrets.create_secret(Name=secret, SecretString=json.dumps({"token": "local-token"}))
    environment = {
        "AWS_ENDPOINT_URL": settings.aws_endpoint_url or "",
        "AWS_REGION": settings.aws_region,
        "FAILURES_TABLE": settings.failures_table,
        "FIX_ATTEMPTS_TABLE": settings.fix_attempts_table,
        "DELIVERIES_TABLE": settings.deliveries_table,
        "REPORT_BUCKET": bucket,
        "GITHUB_SECRET_NAME": secret,
        "GITHUB_API_URL": github.api_url,
        "REPORT_OWNERS": "acme,umbrella",
        "REPORT_ISSUE_REPOSITORY": ISSUES_REPO,
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_NAMESPACE": "CiAgent",
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    process_settings.cache_clear()
    wiring.reset_caches()
    yield process_settings()
    process_settings.cache_clear()
    wiring.reset_caches()


def test_the_schedule_reports_every_configured_owner_for_the_week_that_just_ended(
    function_env: Settings, github: LocalGitHub
):
    handler = load_report_handler()
    # EventBridge's scheduled event (events/report-scheduled.json), fired at this history's Sunday 00:00
    scheduled = json.loads((ROOT / "events" / "report-scheduled.json").read_text(encoding="utf-8"))
    scheduled["time"] = "2026-11-29T00:00:07Z"

    answer = handler.handler(scheduled, LocalLambdaContext("ReportFunction", 300))

    acme, umbrella = answer["reports"]
    assert (acme["owner"], acme["name"], acme["failures"], acme["markdown_key"]) == (
        "acme",
        "2026-W48",
        5,
        "reports/acme/2026-W48.md",
    )
    assert (umbrella["owner"], umbrella["failures"], umbrella["json_key"]) == (
        "umbrella",
        1,
        "reports/umbrella/2026-W48.json",
    )
    assert {i.title for i in github.issues_of(ISSUES_REPO)} == {
        "CI intelligence report: acme, 2026-W48",
        "CI intelligence report: umbrella, 2026-W48",
    }
    assert acme["issue_url"] == f"https://github.com/{ISSUES_REPO}/issues/{acme['issue_number']}"


def test_on_demand_a_repository_report_without_publishing(function_env: Settings, github: LocalGitHub):
    handler = load_report_handler()
    answer = handler.handler(
        {"repo": "acme/api", "end": "2026-11-29T00:00:00Z", "publish": False},
        LocalLambdaContext("ReportFunction", 300),
    )
    (report,) = answer["reports"]
    assert (report["repo"], report["failures"], report["markdown_key"], report["issue_url"]) == (
        "acme/api",
        2,
        None,
        None,
    )
    assert github.issues_of(ISSUES_REPO) == []


def test_the_report_bucket_gateway_reads_back_what_it_stored_and_none_for_a_missing_key(
    settings: Settings, bucket: str
):
    from ci_agent.archive import ArchiveError

    s3 = boto3.client("s3", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    archive = S3ReportArchive(s3, bucket)
    assert archive.put_text("reports/acme/2026-W48.md", "# ü report\n", "text/markdown") == (
        f"s3://{bucket}/reports/acme/2026-W48.md"
    )
    assert archive.get_text("reports/acme/2026-W48.md") == "# ü report\n"
    assert archive.get_text("reports/acme/2026-W01.md") is None
    with pytest.raises(ArchiveError) as raised:
        S3ReportArchive(s3, "no-such-bucket-here").put_text("reports/x.md", "x", "text/markdown")
    assert raised.value.__cause__ is not None
