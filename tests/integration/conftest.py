"""Integration fixtures: a moto server on a real local HTTP port, and fresh tables for every test.

The code under test talks to the server exactly as it talks to AWS (pynamodb/boto3 over HTTP, endpoint from
Settings); nothing is patched. Each test gets its own uniquely named tables, so tests cannot see each
other's data even though they share one server.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator

import pytest

from ci_agent.config import Settings
from ci_agent.local.aws import LocalAwsServer
from ci_agent.store import Store, bind_models, create_tables

REGION = "us-east-1"


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """The URL of a moto server running in this process on a free port of 127.0.0.1 (DynamoDB writes atomic)."""
    with pytest.MonkeyPatch.context() as env:
        # Dummy credentials: boto signs every request, and must never find real ones here.
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        env.setenv("AWS_DEFAULT_REGION", REGION)
        for name in ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"):
            env.delenv(name, raising=False)
        # One access-log line per request would bury a failing test's own output.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        server = LocalAwsServer().start()
        try:
            yield server.endpoint
        finally:
            server.stop()


@pytest.fixture
def settings(moto_endpoint: str) -> Iterator[Settings]:
    """Settings for this test alone: new tables on the moto server, created from the store's models; afterwards
    the tables are deleted and the models bound to them forgotten (else every test's tables and DynamoDB client
    would stay in this process's memory until the session ends)."""
    suffix = uuid.uuid4().hex[:12]
    settings = Settings.from_env(
        {
            "CI_AGENT_STAGE": "test",
            "FAILURES_TABLE": f"failures-{suffix}",
            "FIX_ATTEMPTS_TABLE": f"fix-attempts-{suffix}",
            "DELIVERIES_TABLE": f"deliveries-{suffix}",
            "AWS_ENDPOINT_URL": moto_endpoint,
            "AWS_REGION": REGION,
        }
    )
    create_tables(settings)
    yield settings
    for model in bind_models(settings).all():
        model.delete_table()
    bind_models.cache_clear()


@pytest.fixture
def store(settings: Settings) -> Store:
    return Store.from_settings(settings)
