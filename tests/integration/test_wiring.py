"""The worker's wiring against Secrets Manager (moto over HTTP) and the local GitHub: rotation without a cold start."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import boto3
import pytest

from ci_agent import wiring
from ci_agent.config import Settings
from ci_agent.local.github import LocalGitHub

pytestmark = pytest.mark.integration

REPO = "acme/shop"
SECRET = "ci-agent/test/github"
SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8"


@pytest.fixture
def github() -> Iterator[LocalGitHub]:
    with LocalGitHub(tokens=("ghp_first_token", "ghp_rotated_token")) as server:
        server.add_commit(REPO, SHA)
        yield server


@pytest.fixture
def worker_settings(settings: Settings, github: LocalGitHub, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    secrets = boto3.client("secretsmanager", endpoint_url=settings.aws_endpoint_url, region_name=settings.aws_region)
    secrets.create_secret(Name=SECRET, SecretString=json.dumps({"token": "ghp_first_token"}))
    # Read the secret on every call instead of every five minutes, so the test needs no waiting.
    monkeypatch.setattr(wiring, "SECRET_MAX_AGE_SECONDS", 0)
    wiring.reset_caches()
    yield replace(settings, github_secret_name=SECRET, github_api_url=github.api_url)
    secrets.delete_secret(SecretId=SECRET, ForceDeleteWithoutRecovery=True)
    wiring.reset_caches()


def _token_of_last_request(github: LocalGitHub) -> str:
    return github.received("/repos/*")[-1].headers["authorization"]


def test_a_rotated_github_token_is_used_without_a_cold_start(worker_settings: Settings, github: LocalGitHub) -> None:
    first = wiring.worker_context(worker_settings)
    first.github.get_pull_request_numbers_for_sha(REPO, SHA)
    assert _token_of_last_request(github).endswith("ghp_first_token")
    assert wiring.worker_context(worker_settings).github is first.github  # same credentials: same client

    boto3.client(
        "secretsmanager", endpoint_url=worker_settings.aws_endpoint_url, region_name=worker_settings.aws_region
    ).put_secret_value(SecretId=SECRET, SecretString=json.dumps({"token": "ghp_rotated_token"}))

    rotated = wiring.worker_context(worker_settings)
    rotated.github.get_pull_request_numbers_for_sha(REPO, SHA)
    assert rotated.github is not first.github
    assert _token_of_last_request(github).endswith("ghp_rotated_token")
