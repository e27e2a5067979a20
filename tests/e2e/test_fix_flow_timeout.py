"""A fix whose verdict never comes: the flow's wait times out and the attempt says so (a stack of its own, whose
flows wait only 2 s; one local stack runs in a process at a time)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ci_agent.local.github import VerdictScript
from ci_agent.local.stack import LOCAL_FIX_POLICY, LocalStack
from ci_agent.store import FixOutcome
from tests.e2e.test_fix_flow import attempts, executions_for, failed_job, run_flow

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    local = LocalStack(
        tmp_path_factory.mktemp("github"), verdict_timeout_seconds=2, fix_policy={**LOCAL_FIX_POLICY, "max_tries": 1}
    )
    local.start()
    try:
        yield local
    finally:
        local.stop()


def test_a_verdict_that_never_comes_is_recorded_as_timed_out(stack: LocalStack) -> None:
    # Given GitHub's re-run of the run never concludes (cancelled says nothing about the fix)
    repo = "octo-org/slow"
    stack.github.script_verdict(VerdictScript(repo=repo, run_id=7008, conclusion="cancelled"))
    assert stack.info is not None and stack.settings is not None

    run_flow(stack, stack.info, failed_job(stack, repo, run_id=7008, job_id=700801))

    from ci_agent.wiring import store

    assert attempts(store(stack.settings), repo, 700801) == [("rerun-failed-jobs", FixOutcome.TIMED_OUT)]
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "GaveUp"
