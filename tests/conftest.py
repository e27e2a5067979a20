"""Shared test helpers: where fixtures live and how real events are loaded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Property tests assert behaviour, not speed: Hypothesis's default 200 ms deadline and its too-slow health check
# failed correct code on a loaded 2-core machine (a pyproject edit took 354 ms). Time limits live in `make bench`.
settings.register_profile("ci-agent", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci-agent")

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"


def load_json_fixture(relative: str) -> Any:
    return json.loads((FIXTURES / relative).read_text(encoding="utf-8"))


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


# -- every exchange with the local GitHub is held to GitHub's own API description ------------------------------

_checked: dict[int, int] = {}  # id(LocalGitHub) -> how many of its exchanges were checked already


def _local_githubs(values: Any) -> list[Any]:
    from ci_agent.local.github import LocalGitHub

    found = []
    for value in values:
        github = value if isinstance(value, LocalGitHub) else getattr(value, "github", None)
        if isinstance(github, LocalGitHub) and all(github is not other for other in found):
            found.append(github)
    return found


@pytest.fixture(autouse=True)
def github_api_contract(request: pytest.FixtureRequest) -> Any:
    """After each test, every request sent to a LocalGitHub the test used must be an operation of GitHub's
    OpenAPI description, and every answer must validate against that operation's schema (tests/contract)."""
    yield
    githubs = _local_githubs(request.node.funcargs.values())
    if not githubs:
        return
    from tests.contract.openapi import violations

    problems = []
    for github in githubs:
        exchanges = github.received()
        start = _checked.get(id(github), 0)
        _checked[id(github)] = len(exchanges)
        problems += violations(exchanges[start:])
    assert not problems, "the local GitHub and GitHub's API description disagree:\n" + "\n".join(problems)
