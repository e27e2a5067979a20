"""The history commands of ``ci-agent`` (stats, trends, report, analyze-latest) against DynamoDB and S3 on the
moto server and the local GitHub, over HTTP, as a user runs them: environment in, text or JSON out, and one
clear line with a distinct exit status when the tables, the credentials or the network are missing."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import boto3
import pytest

from ci_agent import wiring
from ci_agent.cli import main
from ci_agent.cli_analytics import EXIT_INPUT_ERROR, EXIT_NO_CREDENTIALS, EXIT_NO_NETWORK, EXIT_NO_TABLES
from ci_agent.config import Settings
from ci_agent.config import settings as process_settings
from ci_agent.local.github import LocalGitHub
from ci_agent.store import Store
from tests.unit.reporting_history import ATTEMPTS, FAILURES, S1

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PYTEST_LOG = (ROOT / "tests/fixtures/jobs/pytest-failure.log").read_bytes()
ISSUES_REPO = "acme/ci-reports"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    process_settings.cache_clear()
    wiring.reset_caches()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def cli_env(store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    # Recent history: the hand-computed records moved so that "this week" ends at the coming midnight.
    shift = _midnight_tonight() - datetime(2026, 11, 29, tzinfo=UTC)
    for record in FAILURES:
        store.failures.save_failure(_shifted(record, shift))
    for attempt in ATTEMPTS:
        store.fix_attempts.record(_shifted(attempt, shift))
    for key, value in {
        "AWS_ENDPOINT_URL": settings.aws_endpoint_url or "",
        "AWS_REGION": settings.aws_region,
        "FAILURES_TABLE": settings.failures_table,
        "FIX_ATTEMPTS_TABLE": settings.fix_attempts_table,
        "DELIVERIES_TABLE": settings.deliveries_table,
        "NO_COLOR": "1",
    }.items():
        monkeypatch.setenv(key, value)
    for name in ("REPORT_OWNERS", "REPORT_BUCKET", "REPORT_ISSUE_REPOSITORY", "GITHUB_TOKEN", "GH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    yield settings
    process_settings.cache_clear()
    wiring.reset_caches()


def _midnight_tonight() -> datetime:
    now = datetime.now(UTC)
    return datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)


def _shifted(record, shift: timedelta):  # type: ignore[no-untyped-def]
    from dataclasses import fields, replace

    changes = {
        f.name: getattr(record, f.name) + shift for f in fields(record) if isinstance(getattr(record, f.name), datetime)
    }
    return replace(record, **changes)


def test_stats_adds_recovery_times_auto_fix_rate_and_open_failures_by_age(cli_env: Settings):
    code, out, _ = run("stats", "--format", "json")
    stats = json.loads(out)
    assert code == 0
    assert (stats["failures"], stats["open"], stats["resolved"]) == (8, 3, 5)
    # resolved after 4, 1, 3, 2 and 10 hours
    assert stats["mttr_median_seconds"] == 3 * 3600
    assert stats["mttr_p90_seconds"] == 10 * 3600  # nearest rank: ceil(0.9 * 5) = 5th
    # every recorded strategy's attempts: rerun-failed-jobs fixed, not fixed, applied, fixed at umbrella, and
    # bump-dependency's merged fix (a strategy no longer registered still counts); "none" tried nothing
    assert (stats["fix_attempts"], stats["verified_fixes"]) == (5, 3)
    assert sum(stats["open_by_age"].values()) == 3

    code, text, _ = run("stats")
    assert code == 0
    assert "time to recovery: median 3.0 h, p90 10.0 h; auto-fix rate 60% (3 verified of 5 attempts)" in text
    assert "\x1b[" not in text  # not a terminal: no colour


def test_summarise_signatures_counts_the_failures_recorded_before_summaries_once(cli_env: Settings):
    # Given a failure written as the version before signature summaries wrote it (the item alone)
    from ci_agent.store.models import bind_models, failure_to_item

    old = replace(FAILURES[0], job_id=99_999)
    failure_to_item(old, bind_models(cli_env).failures).save()
    before = Store.from_settings(cli_env).failures.count_signature(old.signature).count

    assert run("summarise-signatures") == (0, "1 failure added to their signatures' summaries\n", "")
    assert run("summarise-signatures") == (0, "0 failures added to their signatures' summaries\n", "")
    assert Store.from_settings(cli_env).failures.count_signature(old.signature).count == before + 1


def test_trends_of_an_owner_and_of_a_repository(cli_env: Settings):
    code, out, _ = run("trends", "--owner", "acme", "--format", "json")
    trends = json.loads(out)
    assert code == 0
    assert {(t["kind"], t["subject"]) for t in trends["trends"]} >= {("category", "test"), ("signature", S1)}
    assert "Binomial" in trends["rule"]

    code, text, _ = run("trends", "--repo", "acme/api", "--days", "7")
    assert code == 0
    lines = text.splitlines()
    assert lines[0].startswith("acme/api: ") and lines[0].endswith(" UTC, 2 failures")
    header = lines[1]
    assert header.split() == ["kind", "subject", "now", "per", "period", "before", "verdict", "p", "sample"]
    assert all(len(line) <= len(max(lines[1:4], key=len)) + 80 for line in lines[1:4])


def test_trends_needs_someone_to_report_on(cli_env: Settings):
    code, out, err = run("trends")
    assert (code, out) == (EXIT_INPUT_ERROR, "")
    assert err == "ci-agent trends: name --owner or --repo (or set REPORT_OWNERS)\n"


def test_report_renders_what_the_function_renders_and_publishes_on_request(
    cli_env: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    code, out, _ = run("report", "--owner", "acme", "--end", _midnight_tonight().isoformat())
    assert code == 0
    assert out.startswith("<!-- ci-agent:weekly-report acme ")
    assert "A quiet period" not in out and "## Summary" in out  # 5 failures: a full report

    code, out, _ = run("report", "--owner", "acme", "--format", "json", "--end", _midnight_tonight().isoformat())
    assert json.loads(out)["summary"]["failures"]["current"] == 5

    bucket = "cli-reports"
    boto3.client("s3", endpoint_url=cli_env.aws_endpoint_url, region_name=cli_env.aws_region).create_bucket(
        Bucket=bucket
    )
    with LocalGitHub(tokens=["local-token"]) as github:
        github.add_repository(ISSUES_REPO)
        monkeypatch.setenv("REPORT_BUCKET", bucket)
        monkeypatch.setenv("REPORT_ISSUE_REPOSITORY", ISSUES_REPO)
        monkeypatch.setenv("GITHUB_API_URL", github.api_url)
        monkeypatch.setenv("GITHUB_TOKEN", "local-token")
        output = tmp_path / "report.md"
        code, out, err = run(
            "report", "--owner", "acme", "--publish", "--output", str(output), "--end", _midnight_tonight().isoformat()
        )
        assert code == 0 and out == ""
        (issue,) = github.issues_of(ISSUES_REPO)
        assert issue.body == output.read_text(encoding="utf-8")
    week = err.split("reports/acme/")[1].split(".md")[0]
    assert f"published s3://{bucket}/reports/acme/{week}.md and https://github.com/{ISSUES_REPO}/issues/1" in err
    stored = boto3.client("s3", endpoint_url=cli_env.aws_endpoint_url, region_name=cli_env.aws_region).get_object(
        Bucket=bucket, Key=f"reports/acme/{week}.json"
    )
    assert json.loads(stored["Body"].read())["owner"] == "acme"


def test_publishing_without_a_bucket_says_which_setting_is_missing(cli_env: Settings):
    code, _, err = run("report", "--owner", "acme", "--publish")
    assert code == EXIT_INPUT_ERROR
    assert "REPORT_BUCKET" in err and len(err.splitlines()) == 1


def test_analyze_latest_diagnoses_the_newest_failed_run_and_counts_the_signature(
    cli_env: Settings, monkeypatch: pytest.MonkeyPatch
):
    with LocalGitHub(tokens=["local-token"]) as github:
        github.add_run("acme/shop", 700, name="CI", head_branch="main", conclusion="success", status="completed")
        github.add_run("acme/shop", 701, name="CI", head_branch="main", conclusion="failure", status="completed")
        github.add_run("acme/shop", 702, name="CI", head_branch="feature", conclusion="failure", status="completed")
        (job_id,) = github.set_run_jobs("acme/shop", 701, [{"name": "unit-tests", "conclusion": "failure"}])
        github.add_log("acme/shop", job_id, PYTEST_LOG)
        monkeypatch.setenv("GITHUB_API_URL", github.api_url)
        monkeypatch.setenv("GITHUB_TOKEN", "local-token")

        code, out, err = run("analyze-latest", "--repo", "acme/shop", "--branch", "main", "--format", "json")
        assert (code, err) == (0, "")
        result = json.loads(out)
        assert result["run"]["run_id"] == 701
        (job,) = result["jobs"]
        assert (job["job"], job["category"]) == ("unit-tests", "test")
        assert job["seen_before"] == 0 and result["history"] is None

        code, text, _ = run("analyze-latest", "--repo", "acme/shop", "--branch", "main")
        assert code == 0
        assert text.splitlines()[0].startswith("acme/shop: run 701 (CI) on main")
        assert text.splitlines()[1].split()[:4] == ["job", "category", "confidence", "seen"]

        code, _, err = run("analyze-latest", "--repo", "acme/shop", "--branch", "nowhere")
        assert code == 6 and err == "ci-agent analyze-latest: no failed workflow run in acme/shop on nowhere\n"


def test_analyze_latest_of_a_repository_github_does_not_show_is_an_input_error(
    cli_env: Settings, monkeypatch: pytest.MonkeyPatch
):
    with LocalGitHub(tokens=["local-token"]) as github:
        github.add_repository("acme/shop")
        monkeypatch.setenv("GITHUB_API_URL", github.api_url)
        monkeypatch.setenv("GITHUB_TOKEN", "local-token")

        misspelt = run("analyze-latest", "--repo", "acme/shoop")
        empty = run("analyze-latest", "--repo", "acme/shop")

    code, out, err = misspelt
    assert (code, out) == (EXIT_INPUT_ERROR, "")
    assert err == (
        "ci-agent analyze-latest: GitHub answers 404 for acme/shoop: no such repository, or the token cannot read it\n"
    )
    assert empty[0] == 6 and "no failed workflow run in acme/shop" in empty[2]  # there, without a failed run


def test_analyze_latest_without_a_token_says_how_to_get_one(cli_env: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no gh either
    code, out, err = run("analyze-latest", "--repo", "acme/shop")
    assert (code, out) == (EXIT_NO_CREDENTIALS, "")
    assert err == ("ci-agent analyze-latest: no GitHub token: set GITHUB_TOKEN or log in with `gh auth login`\n")


def test_analyze_latest_without_github_is_a_network_failure(cli_env: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_TOKEN", "local-token")
    monkeypatch.setenv("GITHUB_API_URL", "http://127.0.0.1:9")  # discard port: nothing listens
    code, _, err = run("analyze-latest", "--repo", "acme/shop")
    assert code == EXIT_NO_NETWORK
    assert err.startswith("ci-agent analyze-latest: cannot reach GitHub at http://127.0.0.1:9") and err.count("\n") == 1


@pytest.mark.parametrize("command", ["stats", "trends --owner acme", "report --owner acme"])
def test_a_missing_table_is_one_line_and_status_3(cli_env: Settings, monkeypatch: pytest.MonkeyPatch, command: str):
    monkeypatch.setenv("FAILURES_TABLE", "no-such-table")
    code, out, err = run(*command.split())
    assert (code, out) == (EXIT_NO_TABLES, "")
    assert err.count("\n") == 1 and "not found" in err and "CI_AGENT_STAGE" in err


@pytest.mark.parametrize("command", ["stats", "trends --owner acme"])
def test_no_network_to_the_tables_is_one_line_and_status_5(monkeypatch: pytest.MonkeyPatch, command: str):
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    code, out, err = run(*command.split())
    assert (code, out) == (EXIT_NO_NETWORK, "")
    assert err.count("\n") == 1 and "cannot reach http://127.0.0.1:9" in err
    process_settings.cache_clear()
    wiring.reset_caches()


def test_no_aws_credentials_is_one_line_and_status_4(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    for name in ("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    code, out, err = run("stats")
    assert (code, out) == (EXIT_NO_CREDENTIALS, "")
    assert err.startswith("ci-agent stats: no AWS credentials") and err.count("\n") == 1
    process_settings.cache_clear()
    wiring.reset_caches()
