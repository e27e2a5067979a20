"""The Lambda handlers as AWS runs them, configured only through the environment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from ci_agent import wiring
from ci_agent.config import settings
from ci_agent.local.stack import LocalLambdaContext, api_gateway_event, default_functions_dir, load_handler


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """The environment a deployed function reads, with nothing left over from other tests."""
    for name in ("POWERTOOLS_METRICS_NAMESPACE", "POWERTOOLS_METRICS_DISABLED", "POWERTOOLS_DEV", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("ANALYSIS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/analysis")
    monkeypatch.setenv("WEBHOOK_SECRET_NAME", "ci-agent/test/webhook")
    settings.cache_clear()
    wiring.reset_caches()
    yield monkeypatch
    settings.cache_clear()
    wiring.reset_caches()


def test_webhook_function_answers_even_when_the_metrics_namespace_is_not_configured(
    environment: pytest.MonkeyPatch,
) -> None:
    # A forgotten POWERTOOLS_METRICS_NAMESPACE must not turn every delivery into a 5xx: Powertools refuses to
    # flush metrics without a namespace, after the handler has done its work.
    ingress = load_handler(default_functions_dir(), "analyzer")
    event = api_gateway_event(
        "POST", "/webhook", {"X-GitHub-Event": "workflow_job", "X-GitHub-Delivery": "d-1"}, b"x" * (6 << 20), "1.2.3.4"
    )
    result: dict[str, Any] = ingress.handler(event, LocalLambdaContext("AnalyzerFunction", 10))
    assert result["statusCode"] == 413
    assert "larger than" in json.loads(result["body"])["message"]
