"""Every fix strategy the flow can rank, in one tuple, and the look-up by the name attempts record."""

from __future__ import annotations

from ci_agent.healing.strategies import (
    add_missing_python_dependency,
    apply_formatter,
    bump_deprecated_action,
    make_script_executable,
    rerun_failed_jobs,
)
from ci_agent.healing.strategies.base import FixStrategy, PullRequestStrategy

PULL_REQUEST_STRATEGIES: tuple[PullRequestStrategy, ...] = (
    bump_deprecated_action.STRATEGY,
    make_script_executable.STRATEGY,
    add_missing_python_dependency.STRATEGY,
    apply_formatter.STRATEGY,
)

# Strategies that change nothing in the repository (StrategyKind.RERUN).
RERUN_STRATEGIES: tuple[FixStrategy, ...] = (rerun_failed_jobs.STRATEGY,)

STRATEGIES: tuple[FixStrategy, ...] = (*RERUN_STRATEGIES, *PULL_REQUEST_STRATEGIES)


def strategy_named(name: str) -> FixStrategy:
    """The strategy an attempt record names; KeyError if ci-agent no longer has it."""
    for strategy in STRATEGIES:
        if strategy.name == name:
            return strategy
    raise KeyError(f"no fix strategy is named {name!r}")
