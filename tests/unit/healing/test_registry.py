"""The strategy registry: every strategy module is listed once, under a unique name, with the right kind."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from ci_agent.healing import strategies
from ci_agent.healing.model import StrategyKind
from ci_agent.healing.strategies.registry import PULL_REQUEST_STRATEGIES, STRATEGIES, strategy_named


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
