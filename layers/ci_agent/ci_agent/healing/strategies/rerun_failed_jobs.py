"""``rerun-failed-jobs``: re-run a run's failed jobs when the failure is the runner's or the network's, not the
code's, or when the same failure has passed on a re-run before. One retry-with-backoff for every repository,
instead of a retry loop inside each workflow; the flow waits longer before each further re-run of a run."""

from __future__ import annotations

from ci_agent.analysis import Category
from ci_agent.healing.model import Applicability, StrategyKind
from ci_agent.store.records import FailureRecord

# Categories whose failures a re-run at the same commit can fix, and how well a re-run fits them.
TRANSIENT_CATEGORIES = {
    Category.INFRASTRUCTURE: 0.9,
    Category.TIMEOUT: 0.6,
    Category.RESOURCE: 0.4,
}
FLAKY_FIT = 0.8


class RerunFailedJobs:
    name = "rerun-failed-jobs"
    version = "1"
    kind = StrategyKind.RERUN
    cost = 1.0  # CI minutes, nobody's review

    def applies(self, failure: FailureRecord, *, flaky_passes: int = 0) -> Applicability | None:
        if failure.job_id < 0:
            return None  # the run never started: re-running it would fail the same way
        if flaky_passes > 0:
            return Applicability(
                f"this failure signature passed on a re-run at the same commit {flaky_passes} time(s) before",
                FLAKY_FIT,
            )
        fit = TRANSIENT_CATEGORIES.get(failure.category)
        if fit is None:
            return None
        return Applicability(f"a {failure.category.value} failure is often gone on a re-run", fit)

    @staticmethod
    def delay_seconds(run_attempt: int, base_seconds: int) -> int:
        """How long to wait before re-running attempt ``run_attempt`` of a run: 1x, 4x, 16x the base."""
        return int(base_seconds * 4 ** max(0, run_attempt - 1))


STRATEGY = RerunFailedJobs()
