"""ReportFunction in the SAM stack: its schedule (checked after the SAM transform, where EventBridge rules
exist), least-privilege IAM, environment, log group and outputs."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest

from ci_agent.store.repositories import RECORDED_STRATEGIES_KEY  # what the store reads by key
from tests.unit.test_template import ROOT, load_template

SAM_PYTHON = ROOT / ".venv-sam" / "bin" / "python"


@pytest.fixture(scope="module")
def resources() -> dict[str, Any]:
    return load_template()["Resources"]


@pytest.fixture(scope="module")
def transformed() -> dict[str, Any]:
    """The CloudFormation the SAM transform makes of template.yaml (infra/transform.py, in .venv-sam)."""
    assert SAM_PYTHON.exists(), "the SAM toolchain is missing: make sam-venv (make test and make unit build it)"
    output = subprocess.run(
        [str(SAM_PYTHON), "infra/transform.py", "--template", "template.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = json.loads(output.stdout)
    return result


def _statements(resources: dict[str, Any]) -> dict[str, dict[str, Any]]:
    policies = resources["ReportFunction"]["Properties"]["Policies"]
    return {s["Sid"]: s for p in policies if "Statement" in p for s in p["Statement"]}


def test_the_schedule_is_an_eventbridge_rule_from_the_parameters_after_the_transform(transformed: dict[str, Any]):
    rules = {name: r for name, r in transformed["Resources"].items() if r["Type"] == "AWS::Events::Rule"}
    (rule,) = [r["Properties"] for r in rules.values() if "ScheduleExpression" in r["Properties"]]
    assert rule["ScheduleExpression"] == {"Ref": "ReportSchedule"}
    assert rule["State"] == "ENABLED"
    (target,) = rule["Targets"]
    assert target["Arn"] == {"Fn::GetAtt": ["ReportFunction", "Arn"]}
    assert "Input" not in target  # the scheduled event's "time" ends the period
    permissions = [
        r["Properties"]
        for r in transformed["Resources"].values()
        if r["Type"] == "AWS::Lambda::Permission" and r["Properties"]["Principal"] == "events.amazonaws.com"
    ]
    assert [p["FunctionName"] for p in permissions] == [{"Ref": "ReportFunction"}]
    parameters = transformed["Parameters"]
    assert parameters["ReportSchedule"]["Default"] == "cron(0 0 ? * SUN *)"  # Sunday 00:00 UTC
    assert parameters["ReportPeriodDays"]["Default"] == 7


def test_the_report_function_reads_only_through_indexes_and_writes_only_reports(resources: dict[str, Any]):
    statements = _statements(resources)
    reads = statements["ReadThePeriodThroughIndexes"]
    assert reads["Action"] == "dynamodb:Query"  # no Scan, no write
    assert reads["Resource"] == [
        {"Fn::Sub": "${FailuresTable.Arn}/index/by_owner"},
        {"Fn::Sub": "${FailuresTable.Arn}/index/by_repo"},
        {"Fn::Sub": "${FailuresTable.Arn}/index/by_signature"},
        {"Fn::Sub": "${FixAttemptsTable.Arn}/index/by_strategy"},
    ]
    markers = statements["ReadFlakyMarkersAndStrategyNames"]  # items read by key: only these two kinds
    assert markers["Action"] == ["dynamodb:BatchGetItem", "dynamodb:GetItem"]
    assert markers["Condition"] == {
        "ForAllValues:StringLike": {"dynamodb:LeadingKeys": ["flaky#*", RECORDED_STRATEGIES_KEY]}
    }
    assert statements["StoreReports"] == {
        "Sid": "StoreReports",
        "Effect": "Allow",
        "Action": "s3:PutObject",
        "Resource": {"Fn::Sub": "${ReportBucket.Arn}/reports/*"},
    }
    policies = json.dumps(resources["ReportFunction"]["Properties"]["Policies"])
    assert "DeliveriesTable" not in policies and "AnalysisQueue" not in policies
    assert "${GitHubSecretName}-" in policies and "WebhookSecretName" not in policies
    assert "dynamodb:Scan" not in policies and "s3:GetObject" not in policies


def test_the_report_function_is_configured_by_parameters_and_logged_and_named_in_the_outputs(
    resources: dict[str, Any],
):
    template = load_template()
    variables = resources["ReportFunction"]["Properties"]["Environment"]["Variables"]
    assert variables == {
        "REPORT_OWNERS": {"Ref": "ReportOwners"},
        "REPORT_PERIOD_DAYS": {"Ref": "ReportPeriodDays"},
        "REPORT_ISSUE_REPOSITORY": {"Ref": "ReportIssueRepository"},
    }
    assert template["Globals"]["Function"]["Environment"]["Variables"]["REPORT_BUCKET"] == {"Ref": "ReportBucket"}
    assert resources["ReportLogGroup"]["Properties"]["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${ReportFunction}"}
    assert template["Outputs"]["ReportFunctionName"]["Value"] == {"Ref": "ReportFunction"}


def test_the_by_owner_index_says_which_access_pattern_it_serves():
    text = (ROOT / "template.yaml").read_text(encoding="utf-8")
    before = text[: text.index("- IndexName: by_owner")]
    assert "weekly report" in before.splitlines()[-2] or "weekly report" in before.splitlines()[-3]
