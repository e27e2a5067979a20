"""Contracts of the SAM stack (template.yaml, samconfig.toml, the layer recipes) and of the signed sample events.

These read the files only: `make validate` runs the SAM and CloudFormation linters, `make build` the build.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import re
import sys
import tomllib
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"
EVENTS = ROOT / "events"
DEV_WEBHOOK_SECRET = "ci-agent-local-dev-secret"

# What the code reads (ci_agent.config.Settings.from_env).
ENVIRONMENT_NAMES = {
    "FAILURES_TABLE",
    "FIX_ATTEMPTS_TABLE",
    "DELIVERIES_TABLE",
    "ANALYSIS_QUEUE_URL",
    "REPORT_BUCKET",
    "GITHUB_SECRET_NAME",
    "WEBHOOK_SECRET_NAME",
    "GITHUB_API_URL",
    "LOG_MAX_BYTES",
    "DELIVERY_TTL_DAYS",
    "FIX_POLICY_PARAMETER",
}
# table -> (partition key, {index: (partition key, sort key)}); the pynamodb models mirror these.
TABLES = {
    "FailuresTable": (
        "failure_id",
        {
            "by_repo": ("repo", "failed_at"),
            "by_owner": ("owner", "failed_at"),
            "by_signature": ("signature", "failed_at"),
            "open_by_scope": ("open_scope", "failed_at"),
            "open_by_branch": ("open_branch", "failed_at"),
        },
    ),
    "FixAttemptsTable": (
        "attempt_id",
        {"by_failure": ("failure_id", "started_at"), "by_strategy": ("strategy", "started_at")},
    ),
    "DeliveriesTable": ("delivery_id", {}),
}
SECRET_LOOKING = re.compile(
    r"gh[pousr]_[A-Za-z0-9]{20,}|github_pat_|AKIA[0-9A-Z]{16}|-----BEGIN|xox[abp]-|^[A-Fa-f0-9]{32,}$"
    r"|^[A-Za-z0-9+/=_-]{40,}$"
)


class CloudFormationLoader(yaml.SafeLoader):
    """A safe YAML loader that reads CloudFormation short tags (!Ref, !Sub, !GetAtt, ...) as their long form."""


def _short_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = suffix if suffix in {"Ref", "Condition"} else f"Fn::{suffix}"
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == "GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


CloudFormationLoader.add_multi_constructor("!", _short_tag)


def load_template() -> dict[str, Any]:
    return yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=CloudFormationLoader)


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


@pytest.fixture(scope="module")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    return template["Resources"]


def of_type(resources: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: resource for name, resource in resources.items() if resource["Type"] == kind}


def functions(resources: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return of_type(resources, "AWS::Serverless::Function")


def function_setting(template: dict[str, Any], function: dict[str, Any], key: str) -> Any:
    return function["Properties"].get(key, template["Globals"]["Function"].get(key))


def makefile_targets(folder: Path) -> set[str]:
    text = (folder / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, flags=re.MULTILINE))


# ---------------------------------------------------------------------------------------------- functions


def test_every_function_runs_python313_on_arm64_with_tracing(template: dict[str, Any], resources: dict[str, Any]):
    assert set(functions(resources)) == {
        "AnalyzerFunction",
        "AnalyzerWorkerFunction",
        "FixFlowFunction",
        "ReportFunction",
    }
    for function in functions(resources).values():
        assert function_setting(template, function, "Runtime") == "python3.13"
        assert function_setting(template, function, "Architectures") == ["arm64"]
        assert function_setting(template, function, "Tracing") == "Active"


def test_every_function_is_a_makefile_build_of_its_handler_with_both_layers(
    template: dict[str, Any], resources: dict[str, Any]
):
    assert template["Globals"]["Function"]["Layers"] == [{"Ref": "CiAgentLayer"}, {"Ref": "DepsLayer"}]
    for name, function in functions(resources).items():
        assert function["Metadata"]["BuildMethod"] == "makefile"
        assert function["Properties"]["Handler"] == "handler.handler"
        assert "Layers" not in function["Properties"], f"{name} must not replace the global layers"
        assert f"build-{name}" in makefile_targets(ROOT / function["Properties"]["CodeUri"])


def test_layers_are_makefile_builds_for_python313_arm64(resources: dict[str, Any]):
    layers = of_type(resources, "AWS::Serverless::LayerVersion")
    assert {name: layer["Properties"]["ContentUri"] for name, layer in layers.items()} == {
        "CiAgentLayer": "layers/ci_agent",
        "DepsLayer": "layers/deps",
    }
    for name, layer in layers.items():
        assert layer["Metadata"] == {"BuildMethod": "makefile", "BuildArchitecture": "arm64"}
        assert layer["Properties"]["CompatibleRuntimes"] == ["python3.13"]
        assert layer["Properties"]["CompatibleArchitectures"] == ["arm64"]
        assert f"build-{name}" in makefile_targets(ROOT / layer["Properties"]["ContentUri"])


def test_the_dependency_layer_is_fully_pinned_and_ships_no_boto():
    pins = {}
    for line in (ROOT / "layers/deps/requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            pins[name.strip().lower()] = version
    assert not {"boto3", "botocore", "s3transfer"} & pins.keys()
    assert {"aws-lambda-powertools", "aws-xray-sdk", "pygithub", "pynamodb", "jinja2", "google-re2", "pydantic"} <= (
        pins.keys()
    )
    recipe = (ROOT / "layers/deps/Makefile").read_text(encoding="utf-8")
    for flag in ("--no-deps", "--only-binary=:all:", "--python-version 3.13", "manylinux2014_aarch64", "--no-compile"):
        assert flag in recipe


def test_environment_carries_the_settings_the_code_reads(template: dict[str, Any]):
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables.keys() >= ENVIRONMENT_NAMES
    assert variables["POWERTOOLS_SERVICE_NAME"] == "ci-agent"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "CiAgent"
    assert "POWERTOOLS_LOG_LEVEL" in variables


def _environments(template: dict[str, Any], resources: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("Globals", template["Globals"]["Function"]["Environment"]["Variables"])]
    for name, function in functions(resources).items():
        found.append((name, function["Properties"].get("Environment", {}).get("Variables", {})))
    return found


def test_no_function_environment_holds_a_literal_secret(template: dict[str, Any], resources: dict[str, Any]):
    for owner, variables in _environments(template, resources):
        for key, value in variables.items():
            if re.search(r"SECRET|TOKEN|PASSWORD|PRIVATE|CREDENTIAL", key):
                # only the *names* of Secrets Manager secrets, and those come from parameters
                assert key.endswith("_NAME"), f"{owner}.{key}: secrets are read from Secrets Manager"
                assert isinstance(value, dict) and "Ref" in value, f"{owner}.{key} must reference a parameter"
            if isinstance(value, str):
                assert not SECRET_LOOKING.search(value), f"{owner}.{key} looks like a secret"
    assert DEV_WEBHOOK_SECRET not in TEMPLATE.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------- ingress and queue


def test_post_webhook_is_routed_to_the_analyzer_function(resources: dict[str, Any]):
    routes = [
        (name, event["Properties"])
        for name, function in functions(resources).items()
        for event in function["Properties"].get("Events", {}).values()
        if event["Type"] == "Api"
    ]
    assert [(name, props["Path"], props["Method"].lower()) for name, props in routes] == [
        ("AnalyzerFunction", "/webhook", "post")
    ]
    assert routes[0][1]["RestApiId"] == {"Ref": "WebhookApi"}
    # GitHub waits 10 seconds for the answer
    assert resources["AnalyzerFunction"]["Properties"]["Timeout"] <= 10


def test_the_worker_consumes_the_queue_with_partial_batch_failures(resources: dict[str, Any]):
    events = resources["AnalyzerWorkerFunction"]["Properties"]["Events"]
    (sqs,) = [event["Properties"] for event in events.values() if event["Type"] == "SQS"]
    assert sqs["Queue"] == {"Fn::GetAtt": ["AnalysisQueue", "Arn"]}
    assert sqs["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert 1 <= sqs["BatchSize"] <= 10


def test_the_queue_has_a_dead_letter_queue_and_outlasts_the_worker(resources: dict[str, Any]):
    queue = resources["AnalysisQueue"]["Properties"]
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["AnalysisDLQ", "Arn"]}
    assert 1 <= queue["RedrivePolicy"]["maxReceiveCount"] <= 10
    assert resources["AnalysisDLQ"]["Type"] == "AWS::SQS::Queue"
    worker_timeout = resources["AnalyzerWorkerFunction"]["Properties"]["Timeout"]
    assert queue["VisibilityTimeout"] > 6 * worker_timeout


# ---------------------------------------------------------------------------------------------- tables


def test_every_table_is_on_demand_with_point_in_time_recovery_and_encryption(resources: dict[str, Any]):
    tables = of_type(resources, "AWS::DynamoDB::Table")
    assert set(tables) == set(TABLES)
    for name, table in tables.items():
        properties = table["Properties"]
        assert properties["BillingMode"] == "PAY_PER_REQUEST", name
        assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}, name
        assert properties["SSESpecification"]["SSEEnabled"] is True, name


@pytest.mark.parametrize("table_name", sorted(TABLES))
def test_table_keys_and_indexes(resources: dict[str, Any], table_name: str):
    partition_key, indexes = TABLES[table_name]
    properties = resources[table_name]["Properties"]
    assert properties["KeySchema"] == [{"AttributeName": partition_key, "KeyType": "HASH"}]
    found = {
        index["IndexName"]: (index["KeySchema"], index["Projection"]["ProjectionType"])
        for index in properties.get("GlobalSecondaryIndexes", [])
    }
    assert found == {
        name: (
            [{"AttributeName": hash_key, "KeyType": "HASH"}, {"AttributeName": range_key, "KeyType": "RANGE"}],
            "ALL",
        )
        for name, (hash_key, range_key) in indexes.items()
    }
    key_attributes = {partition_key} | {key for keys in indexes.values() for key in keys}
    assert {d["AttributeName"]: d["AttributeType"] for d in properties["AttributeDefinitions"]} == dict.fromkeys(
        key_attributes, "S"
    )


def test_processed_deliveries_expire_by_ttl(resources: dict[str, Any]):
    ttl = resources["DeliveriesTable"]["Properties"]["TimeToLiveSpecification"]
    assert ttl == {"AttributeName": "expires_at", "Enabled": True}


# ---------------------------------------------------------------------------------------------- IAM, logs, outputs


def _policies(resources: dict[str, Any], function: str) -> str:
    return json.dumps(resources[function]["Properties"]["Policies"])


def test_secrets_are_read_by_name_and_each_function_reads_only_its_own(resources: dict[str, Any]):
    analyzer, worker = _policies(resources, "AnalyzerFunction"), _policies(resources, "AnalyzerWorkerFunction")
    prefix = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:"
    assert prefix + "${WebhookSecretName}-" in analyzer
    assert "GitHubSecretName" not in analyzer
    assert prefix + "${GitHubSecretName}-" in worker
    assert "WebhookSecretName" not in worker


def test_the_webhook_function_only_claims_deliveries_and_enqueues(resources: dict[str, Any]):
    policies = resources["AnalyzerFunction"]["Properties"]["Policies"]
    templates = {next(iter(policy)) for policy in policies if "Statement" not in policy}
    assert templates == {"SQSSendMessagePolicy", "AWSSecretsManagerGetSecretValuePolicy"}
    statements = [statement for policy in policies for statement in policy.get("Statement", [])]
    assert statements
    for statement in statements:
        assert statement["Resource"] == {"Fn::GetAtt": ["DeliveriesTable", "Arn"]}
        assert set(statement["Action"]) <= {"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}


def test_the_worker_writes_failures_and_hands_verdicts_to_the_fix_flow(resources: dict[str, Any]):
    policies = resources["AnalyzerWorkerFunction"]["Properties"]["Policies"]
    statements = {s["Sid"]: s for p in policies if "Statement" in p for s in p["Statement"] if "Sid" in s}
    failures = statements["RecordAndResolveFailures"]
    assert set(failures["Action"]) == {
        "dynamodb:GetItem",
        "dynamodb:BatchGetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:Query",
    }  # no Scan, no DeleteItem: the worker never needs them
    assert "FailuresTable" in json.dumps(failures["Resource"])
    fixes = statements["ReadFixAttemptsOfAFailure"]
    assert (fixes["Action"], fixes["Resource"]) == (
        "dynamodb:Query",
        {"Fn::Sub": "${FixAttemptsTable.Arn}/index/by_failure"},
    )
    verdicts = statements["HandVerdictsToTheFixFlow"]
    assert set(verdicts["Action"]) == {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
    assert verdicts["Resource"] == {"Fn::GetAtt": ["FixAttemptsTable", "Arn"]}
    flows = statements["StartFixFlowsAndCompleteTheirWaits"]
    assert set(flows["Action"]) == {"states:StartExecution", "states:SendTaskSuccess"}
    assert flows["Resource"] == {"Ref": "FixFlowStateMachine"}
    assert "DeliveriesTable" not in json.dumps(policies)
    assert not any("DynamoDBCrudPolicy" in p or "DynamoDBReadPolicy" in p for p in policies)


def test_the_fix_flow_is_a_standard_state_machine_wired_to_its_function(resources: dict[str, Any]):
    machine = resources["FixFlowStateMachine"]["Properties"]
    assert machine["Type"] == "STANDARD"
    assert machine["DefinitionUri"] == "infra/statemachine/fix_flow.asl.json"
    assert machine["DefinitionSubstitutions"] == {
        "FixFlowFunctionArn": {"Fn::GetAtt": ["FixFlowFunction", "Arn"]},
        "VerdictTimeoutSeconds": {"Ref": "VerdictTimeoutSeconds"},
    }
    assert machine["Tracing"] == {"Enabled": True}
    assert machine["Logging"]["Level"] in {"ERROR", "ALL"} and machine["Logging"]["Destinations"]
    assert {"LambdaInvokePolicy": {"FunctionName": {"Ref": "FixFlowFunction"}}} in machine["Policies"]
    worker = resources["AnalyzerWorkerFunction"]["Properties"]["Environment"]["Variables"]
    assert worker["FIX_FLOW_STATE_MACHINE_ARN"] == {"Ref": "FixFlowStateMachine"}


def test_the_definition_names_only_what_the_template_substitutes():
    definition = (ROOT / "infra/statemachine/fix_flow.asl.json").read_text(encoding="utf-8")
    assert set(re.findall(r"\$\{(\w+)\}", definition)) == {"FixFlowFunctionArn", "VerdictTimeoutSeconds"}
    states = json.loads(definition)["States"]
    # Every Lambda task retries GitHub's 5xx with backoff and jitter, and records an outcome on any other error.
    for name, state in states.items():
        if state["Type"] != "Task":
            continue
        [retry] = [r for r in state["Retry"] if "GitHubUnavailable" in r["ErrorEquals"]]
        assert retry["BackoffRate"] > 1 and retry["JitterStrategy"] == "FULL", name
        if name != "RecordError":
            assert any("States.ALL" in c["ErrorEquals"] for c in state["Catch"]), name
    terminal = {name for name, state in states.items() if state["Type"] in {"Succeed", "Fail"}}
    assert terminal == {
        "Fixed",
        "GaveUp",
        "BudgetExhausted",
        "DryRun",
        "NothingApplicable",
        "Disabled",
        "ResolvedOtherwise",
        "Errored",
    }


def test_every_function_has_a_log_group_with_retention(resources: dict[str, Any]):
    log_groups = of_type(resources, "AWS::Logs::LogGroup").values()
    for name in functions(resources):
        matching = [g for g in log_groups if g["Properties"]["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/${{{name}}}"}]
        assert len(matching) == 1, name
        assert matching[0]["Properties"]["RetentionInDays"] == {"Ref": "RetentionDays"}


def test_the_report_bucket_is_private_encrypted_and_versioned(resources: dict[str, Any]):
    bucket = resources["ReportBucket"]["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert len(bucket["PublicAccessBlockConfiguration"]) == 4


def test_the_report_bucket_logs_access_to_a_private_bucket_only_the_logging_service_writes(
    resources: dict[str, Any],
):
    logging = resources["ReportBucket"]["Properties"]["LoggingConfiguration"]
    assert logging == {"DestinationBucketName": {"Ref": "ReportAccessLogBucket"}, "LogFilePrefix": "report-bucket/"}
    logs = resources["ReportAccessLogBucket"]["Properties"]
    # S3 delivers access logs only to SSE-S3 buckets; with ACLs off the bucket policy is the grant
    assert logs["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "AES256"
    }
    assert all(logs["PublicAccessBlockConfiguration"].values()) and len(logs["PublicAccessBlockConfiguration"]) == 4
    assert logs["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert logs["LifecycleConfiguration"]["Rules"][0]["ExpirationInDays"] == {"Ref": "RetentionDays"}
    policy = resources["ReportAccessLogBucketPolicy"]["Properties"]
    assert policy["Bucket"] == {"Ref": "ReportAccessLogBucket"}
    grant, deny = policy["PolicyDocument"]["Statement"]
    assert grant["Principal"] == {"Service": "logging.s3.amazonaws.com"} and grant["Action"] == "s3:PutObject"
    assert grant["Resource"] == {"Fn::Sub": "${ReportAccessLogBucket.Arn}/report-bucket/*"}
    assert grant["Condition"]["ArnLike"] == {"aws:SourceArn": {"Fn::GetAtt": ["ReportBucket", "Arn"]}}
    assert grant["Condition"]["StringEquals"] == {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_parameters_and_outputs(template: dict[str, Any]):
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    assert template["Parameters"]["Stage"]["AllowedValues"] == ["dev", "prod"]
    assert {"GitHubSecretName", "WebhookSecretName", "RetentionDays", "LogMaxBytes"} <= template["Parameters"].keys()
    assert {
        "WebhookUrl",
        "FailuresTableName",
        "FixAttemptsTableName",
        "DeliveriesTableName",
        "ReportBucketName",
        "AnalysisQueueUrl",
        "AnalysisDLQUrl",
    } <= template["Outputs"].keys()


def test_samconfig_has_dev_and_prod_deploys():
    config = tomllib.loads((ROOT / "samconfig.toml").read_text(encoding="utf-8"))
    assert config["version"] == 0.1
    for stage in ("dev", "prod"):
        deploy = config[stage]["deploy"]["parameters"]
        assert config[stage]["global"]["parameters"]["stack_name"] == f"ci-agent-{stage}"
        assert deploy["capabilities"] == "CAPABILITY_IAM"
        assert deploy["resolve_s3"] is True
        assert f"Stage={stage}" in deploy["parameter_overrides"]
    assert config["prod"]["deploy"]["parameters"]["confirm_changeset"] is True


# ---------------------------------------------------------------------------------------------- sample events


def _load_make_events() -> Any:
    spec = importlib.util.spec_from_file_location("make_events", EVENTS / "make_events.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


API_EVENTS = sorted(path.name for path in EVENTS.glob("*.json") if "httpMethod" in path.read_text(encoding="utf-8"))


def test_the_sample_events_cover_the_deliveries_that_matter():
    events = {json.loads((EVENTS / name).read_text())["headers"]["X-GitHub-Event"] for name in API_EVENTS}
    assert {"workflow_job", "workflow_run", "ping", "pull_request"} <= events
    assert (ROOT / "tests" / "events" / "LICENSE.octokit-webhooks").is_file()
    assert not (EVENTS / "payloads").exists()  # one copy of the payloads: tests/events


@pytest.mark.parametrize("name", API_EVENTS)
def test_every_event_is_signed_with_the_dev_secret_over_its_exact_body(name: str):
    event = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    headers = event["headers"]
    assert event["httpMethod"] == "POST"
    assert event["path"] == "/webhook"
    assert event["isBase64Encoded"] is False
    assert headers["Content-Type"] == "application/json"
    uuid.UUID(headers["X-GitHub-Delivery"])
    body = event["body"].encode("utf-8")
    expected = "sha256=" + hmac.new(DEV_WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Hub-Signature-256"], expected)
    assert isinstance(json.loads(body), dict)


def test_the_sqs_sample_carries_a_queued_workflow_job_delivery():
    (record,) = json.loads((EVENTS / "sqs-analysis-job.json").read_text(encoding="utf-8"))["Records"]
    assert record["eventSource"] == "aws:sqs"
    assert record["md5OfBody"] == hashlib.md5(record["body"].encode(), usedforsecurity=False).hexdigest()
    body = json.loads(record["body"])
    assert body["event"] == "workflow_job"
    uuid.UUID(body["delivery_id"])
    assert body["payload"]["workflow_job"]["conclusion"] == "failure"


def test_the_events_are_what_make_events_generates():
    make_events = _load_make_events()
    assert make_events.DEV_WEBHOOK_SECRET == DEV_WEBHOOK_SECRET
    for name, text in make_events.render_all().items():
        assert (EVENTS / name).read_text(encoding="utf-8") == text, f"{name} is stale: python events/make_events.py"


def test_the_worker_may_delay_a_rate_limited_delivery_on_its_own_queue_only(resources: dict[str, Any]):
    # The SQS event source's managed policy has neither: without this statement every rate-limited delivery would
    # fall back to the queue's 20-minute visibility timeout and count a receive towards the dead-letter queue.
    policies = resources["AnalyzerWorkerFunction"]["Properties"]["Policies"]
    statements = [s for p in policies if "Statement" in p for s in p["Statement"]]
    sqs = [s for s in statements if "sqs:" in json.dumps(s["Action"])]
    assert len(sqs) == 1
    assert sorted(sqs[0]["Action"]) == ["sqs:ChangeMessageVisibility", "sqs:SendMessage"]
    assert sqs[0]["Resource"] == {"Fn::GetAtt": ["AnalysisQueue", "Arn"]}
    assert not any("SQSSendMessagePolicy" in p for p in policies)  # its sqs:SendMessage* is more than needed


def test_every_alarm_notifies_the_alarm_topic_which_an_email_may_subscribe_to(
    template: dict[str, Any], resources: dict[str, Any]
):
    alarms = of_type(resources, "AWS::CloudWatch::Alarm")
    assert {"AnalysisDLQNotEmptyAlarm", "WebhookRefusedAlarm"} <= set(alarms)
    for name, alarm in alarms.items():
        assert alarm["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}], name
    assert resources["AlarmEmailSubscription"]["Condition"] == "HasAlarmEmail"
    assert template["Parameters"]["AlarmEmail"]["Default"] == ""
    assert "AlarmTopicArn" in template["Outputs"]


def test_the_refused_webhook_alarm_watches_this_api(resources: dict[str, Any]):
    dimensions = {d["Name"]: d["Value"] for d in resources["WebhookRefusedAlarm"]["Properties"]["Dimensions"]}
    assert dimensions["ApiName"] == resources["WebhookApi"]["Properties"]["Name"]
    assert dimensions["Stage"] == {"Ref": "Stage"}


def test_the_api_stage_logs_every_request_including_the_ones_api_gateway_refuses(resources: dict[str, Any]):
    access = resources["WebhookApi"]["Properties"]["AccessLogSetting"]
    assert access["DestinationArn"] == {"Fn::GetAtt": ["WebhookAccessLogGroup", "Arn"]}
    fields = json.loads(access["Format"])
    assert {"ip", "status", "error", "requestId"} <= set(fields)  # who, what they got, API Gateway's own reason
    assert resources["WebhookAccessLogGroup"]["Properties"]["RetentionInDays"] == {"Ref": "RetentionDays"}


def test_deliveries_throttled_by_api_gateway_raise_an_alarm(resources: dict[str, Any]):
    metric = resources["WebhookThrottledMetricFilter"]["Properties"]
    assert metric["LogGroupName"] == {"Ref": "WebhookAccessLogGroup"}
    assert '$.status = "429"' in metric["FilterPattern"]
    transformation = metric["MetricTransformations"][0]
    alarm = resources["WebhookThrottledAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == (
        transformation["MetricNamespace"],
        transformation["MetricName"],
    )
    assert "Runbook" in alarm["AlarmDescription"]
    assert "Runbook: deliveries refused" in (ROOT / "README.md").read_text()


def test_deliveries_the_worker_drops_raise_an_alarm(resources: dict[str, Any]):
    worker_source = (ROOT / "functions" / "analyzer_worker" / "handler.py").read_text()
    alarm = resources["DeliveryDroppedAlarm"]["Properties"]
    assert f'name="{alarm["MetricName"]}"' in worker_source
    assert {"Name": "service", "Value": "ci-agent"} in alarm["Dimensions"]


def test_every_checkov_skip_says_why_beside_its_resource(resources: dict[str, Any]):
    skips = [
        (name, skip)
        for name, resource in resources.items()
        for skip in (resource.get("Metadata") or {}).get("checkov", {}).get("skip", [])
    ]
    assert skips
    for name, skip in skips:
        assert skip["id"].startswith("CKV_"), name
        assert len(skip.get("comment", "")) >= 60, f"{name} skips {skip['id']} without a reason"


def test_a_job_ci_agent_cannot_read_raises_an_alarm(resources: dict[str, Any]):
    failures_source = (ROOT / "layers" / "ci_agent" / "ci_agent" / "service" / "failures.py").read_text()
    metric = resources["GitHubJobUnreadableMetricFilter"]["Properties"]
    assert metric["LogGroupName"] == {"Ref": "AnalyzerWorkerLogGroup"}
    assert '$.message = "job unreadable*"' in metric["FilterPattern"]
    assert 'logger.error("job unreadable' in failures_source
    alarm = resources["GitHubJobUnreadableAlarm"]["Properties"]
    assert alarm["MetricName"] == metric["MetricTransformations"][0]["MetricName"]
