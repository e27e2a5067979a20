"""Every fix strategy ci-agent knows, in one place: the flow ranks those that apply to a failure."""

from __future__ import annotations

from ci_agent.healing.strategies import rerun_failed_jobs
from ci_agent.healing.strategies.base import FixStrategy

STRATEGIES: tuple[FixStrategy, ...] = (rerun_failed_jobs.STRATEGY,)
