"""The demo's replay: five weeks of one organisation's CI as real webhook payloads, backdated and deterministic."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from ci_agent.analysis import analyze_log
from ci_agent.demo.scenario import FIXABLE, OWNER, build_replay, example_log, history, today
from ci_agent.webhooks.models import WorkflowJobEvent

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def test_the_replay_is_the_same_for_the_same_now():
    assert build_replay(NOW) == build_replay(NOW)


def test_deliveries_are_real_workflow_job_payloads_in_time_order_and_backdated_over_five_weeks():
    replay = build_replay(NOW)
    times = [delivery.at for delivery in replay.deliveries]
    assert times == sorted(times) and times[-1] < NOW
    assert times[0] < NOW - timedelta(weeks=4)
    events = [WorkflowJobEvent.model_validate(delivery.payload) for delivery in replay.deliveries]
    assert {event.repository.full_name.split("/")[0] for event in events} == {OWNER}
    assert len({event.repository.full_name for event in events}) >= 4
    assert all(
        event.workflow_job.completed_at == delivery.at
        for event, delivery in zip(events, replay.deliveries, strict=True)
    )
    assert len({event.workflow_job.id for event in events}) == len(events)  # GitHub's job ids are unique


def test_every_failed_job_has_a_real_log_and_the_mix_is_recurring_flaky_new_and_fixable():
    replay = build_replay(NOW)
    failed = [d.payload for d in replay.deliveries if d.payload["workflow_job"]["conclusion"] == "failure"]
    assert len(failed) == replay.failures
    categories = Counter()
    for payload in failed:
        key = (payload["repository"]["full_name"], payload["workflow_job"]["id"])
        categories[analyze_log(example_log(replay.logs[key])).category.value] += 1
    assert {"test", "dependency", "lint", "build", "timeout", "permission", "infrastructure"} <= set(categories)
    # flaky: a success of the same run, a later attempt, at the same commit
    reruns = [
        d.payload["workflow_job"]
        for d in replay.deliveries
        if d.payload["workflow_job"]["conclusion"] == "success" and d.payload["workflow_job"]["run_attempt"] == 2
    ]
    assert reruns
    first_attempts = {(p["workflow_job"]["run_id"], p["workflow_job"]["head_sha"]) for p in failed}
    assert all((job["run_id"], job["head_sha"]) in first_attempts for job in reruns)


def test_the_last_hour_is_left_to_the_fix_flow_with_runs_the_local_github_can_re_run():
    replay = build_replay(NOW)
    recent = today(replay, NOW)
    assert len(recent) == len(FIXABLE) == len(replay.runs)
    assert len(history(replay, NOW)) + len(recent) == len(replay.deliveries)
    assert {d.payload["workflow_job"]["run_id"] for d in recent} == {run["run_id"] for run in replay.runs}
    assert all(run["status"] == "completed" and run["conclusion"] == "failure" for run in replay.runs)


def test_with_the_feature_branch_on_the_local_github_two_jobs_are_left_to_pull_requests():
    from ci_agent.demo.scenario import PULL_REQUEST_BRANCH, PULL_REQUEST_JOBS, PULL_REQUEST_REPO

    head = "0123456789abcdef0123456789abcdef01234567"
    replay = build_replay(NOW, pull_request_head=head)
    recent = today(replay, NOW)
    assert len(recent) == len(FIXABLE) + len(PULL_REQUEST_JOBS)
    on_branch = [
        d.payload["workflow_job"]
        for d in recent
        if d.payload["repository"]["full_name"] == PULL_REQUEST_REPO
        and d.payload["workflow_job"]["head_branch"] == PULL_REQUEST_BRANCH
    ]
    assert {job["name"] for job in on_branch} == {name for name, _log in PULL_REQUEST_JOBS}
    assert {job["head_sha"] for job in on_branch} == {head}
    (run,) = [
        run for run in replay.runs if run["repo"] == PULL_REQUEST_REPO and run["head_branch"] == PULL_REQUEST_BRANCH
    ]
    assert run["head_sha"] == head and len(run["jobs"]) == 2
    categories = {analyze_log(example_log(log)).category.value for _name, log in PULL_REQUEST_JOBS}
    assert categories == {"config", "permission"}  # nothing a re-run fixes
