"""The fix flow for real: signed webhooks -> worker -> Step Functions (moto's engine executing the same ASL) ->
the fix-flow handler in-process -> PyGithub against the local GitHub -> verdicts delivered back as webhooks.

Each test uses its own repository, so tests on the one stack cannot see each other's failures or budgets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from ci_agent.local.github import Fault, VerdictScript
from ci_agent.local.stack import LOCAL_FIX_POLICY, LocalStack, LocalStackInfo
from ci_agent.store import FixOutcome, Store
from ci_agent.webhooks.signature import sign

pytestmark = pytest.mark.integration

TESTS = Path(__file__).parent.parent
EVENTS = TESTS / "events"
# The real shape of npm's DNS failure while downloading: an infrastructure fault a re-run can fix.
DNS_FAILURE_LOG = (
    "2026-11-20T10:00:00.0000000Z ##[group]Run npm ci\n"
    "2026-11-20T10:00:00.1000000Z npm ci\n"
    "2026-11-20T10:00:00.2000000Z shell: /usr/bin/bash -e {0}\n"
    "2026-11-20T10:00:00.3000000Z ##[endgroup]\n"
    "2026-11-20T10:00:31.0000000Z npm error code EAI_AGAIN\n"
    "2026-11-20T10:00:31.0000000Z npm error syscall getaddrinfo\n"
    "2026-11-20T10:00:31.0000000Z npm error errno EAI_AGAIN\n"
    "2026-11-20T10:00:31.0000000Z npm error request to https://packages.example.com/react/-/react-19.0.0.tgz failed, "
    "reason: getaddrinfo EAI_AGAIN packages.example.com\n"
    "2026-11-20T10:00:31.1000000Z npm error A complete log of this run can be found in: "
    "/home/runner/.npm/_logs/2026-11-20T10_00_00_000Z-debug-0.log\n"
    "2026-11-20T10:00:31.2000000Z ##[error]Process completed with exit code 1.\n"
)
HEAD_SHA = "6f3c1f2d7e1b4a5c9d8e7f6a5b4c3d2e1f0a9b8c"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    local = LocalStack(tmp_path_factory.mktemp("github"), verdict_timeout_seconds=60)
    local.start()
    try:
        yield local
    finally:
        local.stop()


@pytest.fixture(scope="module")
def info(stack: LocalStack) -> LocalStackInfo:
    assert stack.info is not None
    return stack.info


@pytest.fixture
def repo(stack: LocalStack) -> Iterator[str]:
    name = f"octo-org/fix-{uuid.uuid4().hex[:8]}"
    stack.set_fix_policy(LOCAL_FIX_POLICY)
    yield name
    stack.github.clear_faults()
    stack.set_fix_policy(LOCAL_FIX_POLICY)


@pytest.fixture
def store(stack: LocalStack) -> Store:
    from ci_agent.wiring import store as wired_store

    assert stack.settings is not None
    return wired_store(stack.settings)


def failed_job(stack: LocalStack, repo: str, *, run_id: int, job_id: int, log: str = DNS_FAILURE_LOG) -> dict[str, Any]:
    """A failed job GitHub knows (its run, its log), and the workflow_job delivery that reports it."""
    stack.github.add_run(
        repo,
        run_id,
        name="CI",
        path=".github/workflows/ci.yml",
        head_branch="main",
        head_sha=HEAD_SHA,
        status="completed",
        conclusion="failure",
        run_attempt=1,
    )
    stack.github.set_run_jobs(repo, run_id, [{"id": job_id, "name": "build", "conclusion": "failure"}])
    stack.github.add_log(repo, job_id, log)
    payload = json.loads((EVENTS / "workflow_job.completed.failure.json").read_text())
    payload["repository"]["full_name"] = repo
    payload["workflow_job"].update(
        id=job_id,
        run_id=run_id,
        run_attempt=1,
        workflow_name="CI",
        head_branch="main",
        head_sha=HEAD_SHA,
        conclusion="failure",
        name="build",
        completed_at="2026-11-20T10:00:10Z",
    )
    return payload


def deliver(info: LocalStackInfo, payload: dict[str, Any], event: str = "workflow_job") -> requests.Response:
    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(info.webhook_secret.encode(), body),
    }
    return requests.post(info.webhook_url, data=body, headers=headers, timeout=15)


def executions_for(stack: LocalStack, repo: str) -> list[dict[str, Any]]:
    prefix = repo.replace("/", "-")
    return [e for e in stack.fix_flow_executions() if e["name"].startswith(prefix)]


def attempts(store: Store, repo: str, job_id: int) -> list[tuple[str, FixOutcome]]:
    return [(a.strategy, a.outcome) for a in store.fix_attempts.for_failure(f"{repo}#{job_id}")]


def learned(store: Store) -> dict[str, int]:
    """What ci-agent has learned about re-running this log's failure (shared by every test: same signature)."""
    from ci_agent.analysis import analyze_log

    analysis = analyze_log(DNS_FAILURE_LOG.encode())
    _, by_signature = store.fix_attempts.strategy_records(
        "rerun-failed-jobs", analysis.category.value, analysis.signature
    )
    return {
        "fixed": by_signature.fixed,
        "not_fixed": by_signature.not_fixed,
        "flaky": store.fix_attempts.flaky_passes(analysis.signature),
    }


def run_flow(stack: LocalStack, info: LocalStackInfo, payload: dict[str, Any]) -> None:
    assert deliver(info, payload).status_code == 202
    assert stack.wait_for_fix_flows(90), "the fix flow did not finish"


def test_a_re_run_that_passes_is_a_verified_fix_and_marks_the_signature_flaky(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    # Given an infrastructure failure (DNS while downloading) on a repository the fix flow may touch
    payload = failed_job(stack, repo, run_id=7001, job_id=700101)
    before = learned(store)

    # When GitHub delivers it
    run_flow(stack, info, payload)

    # Then ci-agent re-ran the failed jobs once, GitHub's next attempt passed, and the flow ended Fixed
    assert len(stack.github.received(f"/repos/{repo}/actions/runs/7001/rerun-failed-jobs", method="POST")) == 1
    [execution] = executions_for(stack, repo)
    assert (execution["status"], execution["ended_in"]) == ("SUCCEEDED", "Fixed")
    assert attempts(store, repo, 700101) == [("rerun-failed-jobs", FixOutcome.FIXED)]
    failure = store.failures.get(f"{repo}#700101")
    assert failure is not None and failure.fix_strategy == "rerun-failed-jobs"
    assert failure.is_resolved and failure.time_to_verified_fix_seconds is not None
    after = learned(store)
    assert after["flaky"] == before["flaky"] + 1
    assert (after["fixed"], after["not_fixed"]) == (before["fixed"] + 1, before["not_fixed"])


def test_a_re_run_that_fails_again_falls_through_to_the_next_try(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    # Given GitHub's first re-run of the run fails again, and the second passes
    stack.github.script_verdict(VerdictScript(repo=repo, run_id=7002, conclusion="failure", times=1))
    payload = failed_job(stack, repo, run_id=7002, job_id=700201)
    before = learned(store)

    run_flow(stack, info, payload)

    # Then the first try is not_fixed, the next one (after a longer wait) fixed it, in one execution
    assert attempts(store, repo, 700201) == [
        ("rerun-failed-jobs", FixOutcome.NOT_FIXED),
        ("rerun-failed-jobs", FixOutcome.FIXED),
    ]
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "Fixed"
    # The failed re-run's own failure is recorded, but it is the first flow's verdict, not a new flow
    after = learned(store)
    assert (after["fixed"], after["not_fixed"]) == (before["fixed"] + 1, before["not_fixed"] + 1)


def test_github_5xx_and_rate_limits_are_retried_until_the_flow_gets_through(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    # Given GitHub answers the re-run with a 502 once, and reading the run hits the rate limit once
    stack.github.inject_fault(f"/repos/{repo}/actions/runs/7003/rerun-failed-jobs", Fault.server_error(502))
    stack.github.inject_fault(
        f"/repos/{repo}/actions/runs/7003", Fault.rate_limit_exhausted(reset_in_seconds=2), method="GET"
    )
    payload = failed_job(stack, repo, run_id=7003, job_id=700301)
    started = time.monotonic()

    run_flow(stack, info, payload)

    # Then the step was retried after the 5xx, waited for the reset after the rate limit, and the fix verified
    assert len(stack.github.received(f"/repos/{repo}/actions/runs/7003/rerun-failed-jobs", method="POST")) == 2
    assert attempts(store, repo, 700301) == [("rerun-failed-jobs", FixOutcome.FIXED)]
    assert time.monotonic() - started >= 2  # it waited for GitHub's reset
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "Fixed"


def test_when_the_daily_budget_is_spent_nothing_is_changed_and_the_flow_says_so(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    stack.set_fix_policy({**LOCAL_FIX_POLICY, "daily_budget": 0})

    run_flow(stack, info, failed_job(stack, repo, run_id=7004, job_id=700401))

    assert stack.github.received(f"/repos/{repo}/actions/runs/*/rerun-failed-jobs", method="POST") == []
    assert attempts(store, repo, 700401) == [("rerun-failed-jobs", FixOutcome.SKIPPED_BUDGET)]
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "BudgetExhausted"


def test_the_kill_switch_stops_new_flows_and_a_flow_already_started(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    # Given the operator switched the fix flow off
    stack.set_fix_policy({**LOCAL_FIX_POLICY, "enabled": False})

    # When a fixable failure arrives, no flow starts
    run_flow(stack, info, failed_job(stack, repo, run_id=7005, job_id=700501))
    assert executions_for(stack, repo) == []

    # And a flow that was started before the switch (started here by hand) records why it did nothing
    from ci_agent.service.fixes import execution_name
    from ci_agent.wiring import fix_flow_context

    starter = fix_flow_context().starter
    assert starter is not None
    assert starter.start(execution_name(f"{repo}#700501"), f"{repo}#700501")
    assert stack.wait_for_fix_flows(60)
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "Disabled"
    assert attempts(store, repo, 700501) == [("none", FixOutcome.SKIPPED_DISABLED)]
    assert stack.github.received(f"/repos/{repo}/actions/runs/*/rerun-failed-jobs", method="POST") == []


def test_a_redelivered_failure_cannot_start_a_second_flow(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    payload = failed_job(stack, repo, run_id=7006, job_id=700601)

    assert deliver(info, payload).status_code == 202
    # A new delivery id for the same job: the ingress already knows the job (a duplicate, nothing queued); the
    # flow's own guard is proven below, by starting it again directly.
    assert deliver(info, payload).status_code == 200
    assert stack.wait_for_fix_flows(90)

    from ci_agent.service.fixes import execution_name
    from ci_agent.wiring import fix_flow_context

    starter = fix_flow_context().starter
    assert starter is not None
    assert not starter.start(execution_name(f"{repo}#700601"), f"{repo}#700601")
    assert len(executions_for(stack, repo)) == 1
    assert len(stack.github.received(f"/repos/{repo}/actions/runs/7006/rerun-failed-jobs", method="POST")) == 1


def test_a_dry_run_records_what_it_would_do_and_changes_nothing(
    stack: LocalStack, info: LocalStackInfo, store: Store, repo: str
) -> None:
    stack.set_fix_policy({**LOCAL_FIX_POLICY, "dry_run": True})

    run_flow(stack, info, failed_job(stack, repo, run_id=7007, job_id=700701))

    [attempt] = store.fix_attempts.for_failure(f"{repo}#700701")
    assert attempt.outcome is FixOutcome.DRY_RUN
    assert attempt.detail == "would re-run the failed jobs of run 7007 (attempt 1 -> 2)"
    assert stack.github.received(f"/repos/{repo}/actions/runs/*/rerun-failed-jobs", method="POST") == []
    [execution] = executions_for(stack, repo)
    assert execution["ended_in"] == "DryRun"


def recent_fixes(info: LocalStackInfo, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_"))}
    env["AWS_ENDPOINT_URL"] = info.aws_endpoint_url
    script = Path(sys.executable).parent / "ci-agent"
    return subprocess.run(
        [str(script), "recent-fixes", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_recent_fixes_lists_the_attempts_newest_first_for_scripts_and_people(
    stack: LocalStack, info: LocalStackInfo, repo: str
) -> None:
    run_flow(stack, info, failed_job(stack, repo, run_id=7009, job_id=700901))

    listed = recent_fixes(info, "--format", "json", "--limit", "50")

    assert listed.returncode == 0, listed.stderr
    attempts = json.loads(listed.stdout)
    started = [item["started_at"] for item in attempts]
    assert started == sorted(started, reverse=True)
    [ours] = [item for item in attempts if item["failure_id"] == f"{repo}#700901"]
    assert ours["repository"] == repo and ours["strategy"] == "rerun-failed-jobs" and ours["outcome"] == "fixed"
    assert ours["pull_request_url"] is None and ours["priority"] > 0 and ours["finished_at"] is not None
    text = recent_fixes(info, "--limit", "3")
    assert text.returncode == 0 and "rerun-failed-jobs" in text.stdout and "outcome" in text.stdout.splitlines()[0]


def test_recent_fixes_says_in_one_line_when_the_tables_are_unreachable() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_"))}
    env["AWS_MAX_ATTEMPTS"] = "1"
    script = Path(sys.executable).parent / "ci-agent"

    def recent_fixes(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(script), "recent-fixes"], env={**env, **extra}, capture_output=True, text=True, timeout=120
        )

    # nothing listens there: the network status of every history command (README)
    unreachable = recent_fixes(AWS_ENDPOINT_URL="http://127.0.0.1:9")
    assert unreachable.returncode == 5
    assert unreachable.stderr.startswith("ci-agent recent-fixes: cannot reach http://127.0.0.1:9 for the fix-attempts")
    assert len(unreachable.stderr.strip().splitlines()) == 1

    # on AWS without credentials (the instance metadata service is not asked: no such machine here)
    no_credentials = recent_fixes(
        AWS_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
        AWS_CONFIG_FILE="/nonexistent",
    )
    assert no_credentials.returncode == 4
    assert no_credentials.stderr.strip() == (
        "ci-agent recent-fixes: no AWS credentials for the fix-attempts table: configure them, or set AWS_ENDPOINT_URL"
    )


# The issue's example: four failed jobs of octo-org/shop, three fixable by a pull request or a re-run.

SHOP = "octo-org/shop"
SHOP_WORKFLOW = """\
# Build and release the shop.
name: CI
on:
  push:
  pull_request:

defaults: &defaults
  runs-on: ubuntu-latest  # hosted runners only

jobs:
  build:
    <<: *defaults
    steps:
      - uses: actions/checkout@v4
      - run: python -m app.build
      - uses: actions/upload-artifact@v3   # keep the wheel
        with:
          name: 'wheel'
          path: dist/
  release:
    <<: *defaults
    steps:
      - uses: actions/checkout@v4
      - run: ./scripts/release.sh
"""
SHOP_REQUIREMENTS = "requests==2.32.3\nrich>=13  # console output\n"
SHOP_LOGS = {
    "deprecated": (
        "2026-11-20T10:00:00.0000000Z Current runner version: '2.321.0'\n"
        "2026-11-20T10:00:00.1000000Z ##[group]Runner Image\n"
        "2026-11-20T10:00:00.1000000Z Image: ubuntu-24.04\n"
        "2026-11-20T10:00:00.1000000Z ##[endgroup]\n"
        "2026-11-20T10:00:00.2000000Z Prepare all required actions\n"
        "2026-11-20T10:00:00.3000000Z Getting action download info\n"
        "2026-11-20T10:00:00.4000000Z ##[error]This request has been automatically failed because it uses a "
        "deprecated version of `actions/upload-artifact: v3`. Learn more: "
        "https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/\n"
    ),
    "permission": (
        "2026-11-20T10:00:00.0000000Z ##[group]Run ./scripts/release.sh\n"
        "2026-11-20T10:00:00.0000000Z ./scripts/release.sh\n"
        "2026-11-20T10:00:00.0000000Z shell: /usr/bin/bash -e {0}\n"
        "2026-11-20T10:00:00.0000000Z ##[endgroup]\n"
        "2026-11-20T10:00:00.1000000Z /home/runner/work/_temp/9f3b6a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b.sh: line 1: "
        "./scripts/release.sh: Permission denied\n"
        "2026-11-20T10:00:00.1000000Z ##[error]Process completed with exit code 126.\n"
    ),
    "module": (
        "2026-11-20T10:00:00.0000000Z ##[group]Run python -m app.build\n"
        "2026-11-20T10:00:00.0000000Z python -m app.build\n"
        "2026-11-20T10:00:00.0000000Z shell: /usr/bin/bash -e {0}\n"
        "2026-11-20T10:00:00.0000000Z ##[endgroup]\n"
        "2026-11-20T10:00:01.0000000Z Traceback (most recent call last):\n"
        '2026-11-20T10:00:01.0000000Z   File "<frozen runpy>", line 198, in _run_module_as_main\n'
        '2026-11-20T10:00:01.0000000Z   File "/home/runner/work/shop/shop/app/build.py", line 3, in <module>\n'
        "2026-11-20T10:00:01.0000000Z     import yaml\n"
        "2026-11-20T10:00:01.0000000Z ModuleNotFoundError: No module named 'yaml'\n"
        "2026-11-20T10:00:01.1000000Z ##[error]Process completed with exit code 1.\n"
    ),
    "dns": DNS_FAILURE_LOG,
}


def added_and_removed(diff: str) -> tuple[list[str], list[str]]:
    lines = diff.splitlines()
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    return added, removed


def test_the_issue_s_example_four_failures_three_fixes_two_pull_requests(
    stack: LocalStack, info: LocalStackInfo
) -> None:
    # Given octo-org/shop's workflow, script and requirements, and four failed jobs of one run on a branch
    assert stack.github.fixtures_dir is not None
    contents = stack.github.fixtures_dir / SHOP / "contents"
    (contents / ".github" / "workflows").mkdir(parents=True, exist_ok=True)
    (contents / ".github" / "workflows" / "ci.yml").write_text(SHOP_WORKFLOW)
    (contents / "scripts").mkdir(exist_ok=True)
    (contents / "scripts" / "release.sh").write_text("#!/bin/sh\nset -eu\necho releasing\n")
    (contents / "app").mkdir(exist_ok=True)
    (contents / "app" / "build.py").write_text("import yaml\n")
    (contents / "requirements.txt").write_text(SHOP_REQUIREMENTS)
    head = stack.github.add_branch(SHOP, "feature/checkout")
    stack.github.add_run(
        SHOP,
        8100,
        name="CI",
        path=".github/workflows/ci.yml",
        head_branch="feature/checkout",
        head_sha=head,
        status="completed",
        conclusion="failure",
    )
    jobs = {"deprecated": 810001, "permission": 810002, "module": 810003, "dns": 810004}
    # Re-running the run's failed jobs fixes the DNS job alone: the others fail again until their fixes land.
    stack.github.script_verdict(
        VerdictScript(repo=SHOP, run_id=8100, conclusion="failure", failing_jobs=("deprecated", "permission", "module"))
    )
    stack.github.set_run_jobs(
        SHOP, 8100, [{"id": job_id, "name": kind, "conclusion": "failure"} for kind, job_id in jobs.items()]
    )
    started = time.monotonic()

    # When GitHub delivers them
    for kind, job_id in jobs.items():
        stack.github.add_log(SHOP, job_id, SHOP_LOGS[kind])
        payload = json.loads((EVENTS / "workflow_job.completed.failure.json").read_text())
        payload["repository"]["full_name"] = SHOP
        payload["workflow_job"].update(
            id=job_id,
            run_id=8100,
            run_attempt=1,
            workflow_name="CI",
            head_branch="feature/checkout",
            head_sha=head,
            conclusion="failure",
            name=kind,
            completed_at="2026-11-20T10:00:10Z",
        )
        assert deliver(info, payload).status_code == 202
    assert stack.wait_for_fix_flows(90)
    elapsed = time.monotonic() - started

    # Then within a minute recent-fixes shows three changes made, two of them pull requests, with minimal diffs
    assert elapsed < 60
    listed = recent_fixes(info, "--format", "json", "--limit", "100")
    assert listed.returncode == 0, listed.stderr
    ours = {item["failure_id"]: item for item in json.loads(listed.stdout) if item["repository"] == SHOP}
    made = {fid: item for fid, item in ours.items() if item["outcome"] in ("applied", "fixed")}
    assert len(made) >= 3, ours
    pulls = [item for item in made.values() if item["pull_request_url"]]
    assert len(pulls) >= 2
    by_strategy = {item["strategy"]: item for item in made.values()}
    bump = by_strategy["bump-deprecated-action"]["diff"]
    assert added_and_removed(bump) == (
        ["      - uses: actions/upload-artifact@v4   # keep the wheel"],
        ["      - uses: actions/upload-artifact@v3   # keep the wheel"],
    )
    mode = by_strategy["make-script-executable"]["diff"]
    assert "old mode 100644\nnew mode 100755" in mode and added_and_removed(mode) == ([], [])
    added, removed = added_and_removed(by_strategy["add-missing-python-dependency"]["diff"])
    assert (added, removed) == (["PyYAML"], [])
    # The re-run's verdict is its own job's: the DNS job passed though the run failed on the others
    rerun = by_strategy["rerun-failed-jobs"]
    assert rerun["outcome"] == "fixed" and rerun["detail"].startswith("job dns passed in run 8100 attempt 2")
    # Each pull request is against the failing branch, from ci-agent's own branch, open for review, verified
    pulls_now = stack.github.pull_requests(SHOP)
    assert len(pulls_now) == 3
    for pull in pulls_now:
        assert pull.base_ref == "feature/checkout" and pull.head_ref.startswith("ci-agent/fix/")
        assert pull.state == "open" and not pull.merged
    assert all(by_strategy[name]["outcome"] == "fixed" for name in by_strategy)
    assert stack.github.branch_sha(SHOP, "feature/checkout") == head
