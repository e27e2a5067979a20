"""The strategy registry: every strategy module is listed once, under a unique name, with the right kind."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from ci_agent.healing import strategies
from ci_agent.healing.model import StrategyKind
from ci_agent.healing.strategies.registry import PULL_REQUEST_STRATEGIES, STRATEGIES, strategy_named
from tests.unit.healing.doubles import failure_from_log


def test_every_module_that_defines_a_strategy_is_registered() -> None:
    defined = []
    for module in pkgutil.iter_modules(strategies.__path__):
        loaded = importlib.import_module(f"{strategies.__name__}.{module.name}")
        if hasattr(loaded, "STRATEGY"):
            defined.append(loaded.STRATEGY)
    assert defined
    assert {id(strategy) for strategy in defined} == {id(strategy) for strategy in STRATEGIES}


def test_names_are_unique_and_looked_up() -> None:
    names = [strategy.name for strategy in STRATEGIES]
    assert len(names) == len(set(names))
    for strategy in STRATEGIES:
        assert strategy_named(strategy.name) is strategy
        assert strategy.version
        assert strategy.cost > 0
    with pytest.raises(KeyError):
        strategy_named("rewrite-everything")


def test_pull_request_strategies_say_so() -> None:
    assert all(strategy.kind is StrategyKind.PULL_REQUEST for strategy in PULL_REQUEST_STRATEGIES)


def job_log(*lines: str) -> str:
    return "".join(f"2026-11-29T10:00:01.0000000Z {line}\n" for line in lines) + (
        "2026-11-29T10:00:02.0000000Z ##[error]Process completed with exit code 1.\n"
    )


# The issue's four failed jobs for octo-org/shop, and a formatter check: each is claimed by exactly the strategy
# that can fix it, and the network failure by none of these (it is the re-run strategy's).
ISSUE_EXAMPLES = {
    "bump-deprecated-action": job_log(
        "##[error]This request has been automatically failed because it uses a deprecated version of "
        "`actions/upload-artifact: v3`. Learn more: "
        "https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/"
    ),
    "make-script-executable": job_log(
        "/home/runner/work/_temp/0b6c3a.sh: line 1: ./scripts/release.sh: Permission denied"
    ),
    "add-missing-python-dependency": job_log(
        "E   ModuleNotFoundError: No module named 'yaml'",
    ),
    "apply-formatter": job_log(
        "Would reformat: src/shop/api.py", "1 file would be reformatted, 3 files already formatted"
    ),
    None: job_log(
        "pip._vendor.urllib3.exceptions.NewConnectionError: <pip._vendor.urllib3.connection.HTTPSConnection object "
        "at 0x7f2a1c0b3d90>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution",
    ),
}


@pytest.mark.parametrize("expected", list(ISSUE_EXAMPLES), ids=lambda name: name or "dns-failure")
def test_each_example_is_claimed_by_its_strategy_alone(expected: str | None) -> None:
    failure = failure_from_log(ISSUE_EXAMPLES[expected])
    claimed = {strategy.name for strategy in PULL_REQUEST_STRATEGIES if strategy.applies(failure) is not None}
    assert claimed == ({expected} if expected else set())
