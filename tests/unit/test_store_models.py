"""The table design the models encode: the same as template.yaml, bound to settings only at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ci_agent.config import Settings
from ci_agent.store import bind_models, table_definitions

TEMPLATE = Path(__file__).parents[2] / "template.yaml"
TEMPLATE_TABLES = {"failures": "FailuresTable", "fix_attempts": "FixAttemptsTable", "deliveries": "DeliveriesTable"}


def key(hash_key: str, range_key: str | None = None) -> list[dict[str, str]]:
    schema = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
    return schema


def gsi(name: str, hash_key: str, range_key: str) -> dict[str, Any]:
    return {"IndexName": name, "KeySchema": key(hash_key, range_key), "Projection": {"ProjectionType": "ALL"}}


def strings(*names: str) -> list[dict[str, str]]:
    return [{"AttributeName": name, "AttributeType": "S"} for name in sorted(names)]


def test_the_models_describe_the_agreed_table_design() -> None:
    assert table_definitions() == {
        "failures": {
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": strings(
                "failure_id", "repo", "owner", "signature", "open_scope", "open_branch", "failed_at"
            ),
            "KeySchema": key("failure_id"),
            "GlobalSecondaryIndexes": [
                gsi("by_owner", "owner", "failed_at"),
                gsi("by_repo", "repo", "failed_at"),
                gsi("by_signature", "signature", "failed_at"),
                gsi("open_by_branch", "open_branch", "failed_at"),
                gsi("open_by_scope", "open_scope", "failed_at"),
            ],
        },
        "fix_attempts": {
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": strings("attempt_id", "failure_id", "strategy", "started_at"),
            "KeySchema": key("attempt_id"),
            "GlobalSecondaryIndexes": [
                gsi("by_failure", "failure_id", "started_at"),
                gsi("by_strategy", "strategy", "started_at"),
            ],
            "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
        },
        "deliveries": {
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": strings("delivery_id"),
            "KeySchema": key("delivery_id"),
            "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True},
        },
    }


class _CloudFormationLoader(yaml.SafeLoader):
    """Reads template.yaml, keeping intrinsic functions (!Ref, !If, ...) as plain values."""


def _any_tag(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_CloudFormationLoader.add_multi_constructor("!", _any_tag)


def test_the_models_match_the_tables_in_the_sam_template() -> None:
    resources = yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=_CloudFormationLoader)["Resources"]

    for role, expected in table_definitions().items():
        properties = resources[TEMPLATE_TABLES[role]]["Properties"]
        declared = {
            "BillingMode": properties["BillingMode"],
            "AttributeDefinitions": sorted(properties["AttributeDefinitions"], key=lambda a: a["AttributeName"]),
            "KeySchema": properties["KeySchema"],
        }
        if "GlobalSecondaryIndexes" in properties:
            declared["GlobalSecondaryIndexes"] = sorted(
                properties["GlobalSecondaryIndexes"], key=lambda index: index["IndexName"]
            )
        if "TimeToLiveSpecification" in properties:
            declared["TimeToLiveSpecification"] = properties["TimeToLiveSpecification"]
        assert declared == expected, role


def settings(**env: str) -> Settings:
    return Settings.from_env({"AWS_REGION": "eu-west-1", **env})


def test_models_take_table_names_and_endpoint_from_the_settings_they_are_bound_to() -> None:
    local = settings(FAILURES_TABLE="f-local", AWS_ENDPOINT_URL="http://127.0.0.1:5000")
    cloud = settings(FAILURES_TABLE="f-prod")

    local_models, cloud_models = bind_models(local), bind_models(cloud)

    assert local_models.failures.Meta.table_name == "f-local"
    assert local_models.failures.Meta.host == "http://127.0.0.1:5000"
    assert local_models.failures.Meta.region == "eu-west-1"
    assert cloud_models.failures.Meta.table_name == "f-prod"
    assert cloud_models.failures.Meta.host is None
    # The indexes query the bound table, not another deployment's.
    assert local_models.failures.by_repo._model is local_models.failures
    assert bind_models(local) is local_models
