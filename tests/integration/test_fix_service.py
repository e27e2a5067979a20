"""The fix flow's steps against real tables (moto server) and a real GitHub stand-in (LocalGitHub, PyGithub):
the guardrails, the opt-outs, one pull request per signature, rejections, stale fixes and learning.

The state machine is not in these tests (tests/e2e runs it on moto's engine): here each step is called as the
machine would call it, with a recording double for the Step Functions gateway.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ci_agent.analysis import Category, LogLine
from ci_agent.config import Settings
from ci_agent.github import TokenCredentials
from ci_agent.github.pygithub_gateway import PyGithubGateway
from ci_agent.healing.model import (
    Applicability,
    Decline,
    FileEdit,
    ProposedChange,
    RepositoryFiles,
    StrategyKind,
)
from ci_agent.healing.policy import FixPolicy
from ci_agent.healing.strategies.rerun_failed_jobs import RerunFailedJobs
from ci_agent.local.github import LocalGitHub
from ci_agent.service import fixes
from ci_agent.service.fixes import FixFlowContext
from ci_agent.store import FailureRecord, FixOutcome, LogStatus, Store
from ci_agent.store.records import PullRequestState, branch_verdict_key

pytestmark = pytest.mark.integration

REPO = "octo-org/shop"
FAILED_AT = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
SCRIPT = b"#!/bin/sh\necho release\n"


class MakeExecutable:
    """A small pull-request strategy for these tests: ``./scripts/release.sh: Permission denied`` -> mode 755."""

    name = "test-make-executable"
    version = "1"
    kind = StrategyKind.PULL_REQUEST
    cost = 2.0

    def __init__(self, edit_text: bytes | None = None) -> None:
        self.edit_text = edit_text  # when set, the fix also rewrites the script's text (to test the guardrail)

    def applies(self, failure: FailureRecord) -> Applicability | None:
        if failure.culprit and "Permission denied" in failure.culprit.text:
            return Applicability("the script is not executable", 0.9)
        return None

    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        script = files.read("scripts/release.sh")
        if script is None:
            return Decline("scripts/release.sh is not in the repository")
        if script.mode == "100755":
            return Decline("scripts/release.sh is already executable")
        edit = FileEdit(script.path, script, content=self.edit_text, mode="100755")
        return ProposedChange((edit,), "Make scripts/release.sh executable", "The job could not run the script.")


@dataclass
class RecordingStarter:
    started: list[str] = field(default_factory=list)
    completed: list[tuple[str, str, str]] = field(default_factory=list)

    def start(self, name: str, failure_id: str) -> bool:
        if name in self.started:
            return False
        self.started.append(name)
        return True

    def complete(self, task_token: str, verdict: str, detail: str) -> None:
        self.completed.append((task_token, verdict, detail))


@pytest.fixture
def github(tmp_path: Path) -> Iterator[LocalGitHub]:
    contents = tmp_path / REPO / "contents"
    (contents / "scripts").mkdir(parents=True)
    (contents / "scripts" / "release.sh").write_bytes(SCRIPT)
    (contents / ".github" / "workflows").mkdir(parents=True)
    (contents / ".github" / "workflows" / "ci.yml").write_text("name: CI\non: [push]\n")
    with LocalGitHub(fixtures_dir=tmp_path, tokens=("ghp_local",)) as server:
        yield server


@pytest.fixture
def starter() -> RecordingStarter:
    return RecordingStarter()


def context(
    settings: Settings,
    github: LocalGitHub,
    starter: RecordingStarter,
    *,
    policy: FixPolicy | None = None,
    strategies: tuple[object, ...] | None = None,
) -> FixFlowContext:
    store = Store.from_settings(settings)
    gateway = PyGithubGateway(TokenCredentials("ghp_local"), github.api_url, seconds_between_writes=None)
    return FixFlowContext(
        failures=store.failures,
        attempts=store.fix_attempts,
        github=gateway.fixes,
        strategies=strategies or (MakeExecutable(), RerunFailedJobs()),  # type: ignore[arg-type]
        policy=lambda: policy or FixPolicy(all_repositories=True),
        starter=starter,
        clock=lambda: FAILED_AT + timedelta(minutes=5),
    )


@pytest.fixture
def ctx(settings: Settings, github: LocalGitHub, starter: RecordingStarter) -> FixFlowContext:
    return context(settings, github, starter)


def failure(
    github: LocalGitHub, job_id: int = 11, *, branch: str = "feature/x", run_id: int = 5, **changes: object
) -> FailureRecord:
    head = github.branch_sha(REPO, "main")
    assert head is not None
    github.add_branch(REPO, branch, head)
    github.add_run(REPO, run_id, name="CI", path=".github/workflows/ci.yml", head_branch=branch, head_sha=head)
    record = FailureRecord(
        repo=REPO,
        workflow="CI",
        workflow_path="",
        job_id=job_id,
        job_name="release",
        run_id=run_id,
        run_attempt=1,
        branch=branch,
        head_sha=head,
        pull_requests=(),
        actor="octocat",
        category=Category.PERMISSION,
        confidence=0.9,
        signature="sig-release-permission",
        culprit=LogLine(12, "/home/runner/work/_temp/a1.sh: line 1: ./scripts/release.sh: Permission denied"),
        error_lines=(),
        failed_step="Release",
        rule="permission-denied",
        ruleset_version="test",
        failed_at=FAILED_AT,
        analyzed_at=FAILED_AT,
        html_url="https://github.com/octo-org/shop/actions/runs/5/job/11",
        log_status=LogStatus.OK,
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def plan_and_attempt(record: FailureRecord, ctx: FixFlowContext) -> fixes.AttemptResult:
    ctx.failures.save_failure(record)
    plan = fixes.plan_fix(record.failure_id, ctx)
    assert plan.decision == "attempt", plan
    return fixes.attempt_fix(record.failure_id, plan.candidates[0], 0, ctx)


def test_a_pull_request_fix_is_one_commit_on_ci_agent_s_branch_from_the_failing_commit(
    ctx: FixFlowContext, github: LocalGitHub
) -> None:
    record = failure(github)

    result = plan_and_attempt(record, ctx)

    assert result.outcome == "applied", result.detail
    branch = f"ci-agent/fix/{record.signature}"
    commit = github.branch_sha(REPO, branch)
    assert commit is not None and result.verdict_key == branch_verdict_key(REPO, commit, "CI")
    assert github.file_at(REPO, commit, "scripts/release.sh") == ("100755", SCRIPT)
    assert github.branch_sha(REPO, "main") == record.head_sha  # nothing pushed to the default branch
    [pull] = github.pull_requests(REPO)
    assert (pull.base_ref, pull.head_ref, pull.labels) == ("feature/x", branch, ("ci-agent",))
    assert pull.body is not None
    for expected in ("Permission denied", "old mode 100644", "new mode 100755", "| confidence | 0.9 |", "never merges"):
        assert expected in pull.body
    [attempt] = [a for a in ctx.attempts.for_failure(record.failure_id) if a.strategy == "test-make-executable"]
    assert attempt.outcome is FixOutcome.APPLIED and attempt.commit_sha == commit
    assert attempt.pull_request_url is not None and attempt.pull_request_state is PullRequestState.OPEN
    assert attempt.diff is not None and attempt.diff.startswith("diff --git a/scripts/release.sh b/scripts/release.sh")
    assert attempt.ranking is not None and attempt.ranking["fit"] == 0.9
    message = github.repos.repository(REPO).commits[commit].message
    for expected in (
        "ci-agent: Make scripts/release.sh executable",
        "Category: permission",
        f"Signature: {record.signature}",
        "Confidence: 0.90",
        "Strategy: test-make-executable (version 1)",
        "Observed success: 0 fixed, 0 failed on this signature",
    ):
        assert expected in message
    assert github.received("*/merge", method="PUT") == []  # ci-agent never merges


def test_the_same_failure_signature_again_updates_the_one_open_pull_request(
    ctx: FixFlowContext, github: LocalGitHub
) -> None:
    plan_and_attempt(failure(github, 11), ctx)
    second = plan_and_attempt(failure(github, 12, run_id=6), ctx)

    assert second.outcome == "applied"
    assert len(github.pull_requests(REPO)) == 1


def test_an_open_fix_for_another_base_branch_is_not_duplicated(ctx: FixFlowContext, github: LocalGitHub) -> None:
    plan_and_attempt(failure(github, 11, branch="feature/x"), ctx)
    other = plan_and_attempt(failure(github, 12, branch="feature/y", run_id=6), ctx)

    assert other.outcome == "not_applicable"
    assert "targets feature/x" in other.detail
    assert len(github.pull_requests(REPO)) == 1


def test_a_dry_run_records_the_exact_diff_and_changes_nothing(
    settings: Settings, github: LocalGitHub, starter: RecordingStarter
) -> None:
    ctx = context(settings, github, starter, policy=FixPolicy(all_repositories=True, dry_run=True))

    result = plan_and_attempt(failure(github), ctx)

    assert result.outcome == "dry_run" and result.verdict_key is None
    [attempt] = [a for a in ctx.attempts.for_failure(f"{REPO}#11") if a.strategy == "test-make-executable"]
    assert attempt.diff is not None and "new mode 100755" in attempt.diff
    assert github.received(f"/repos/{REPO}/git/*", method="POST") == []
    assert github.pull_requests(REPO) == []


def test_a_change_that_would_weaken_the_build_is_refused(
    settings: Settings, github: LocalGitHub, starter: RecordingStarter
) -> None:
    weakening = MakeExecutable(edit_text=b"#!/bin/sh\necho release || true\n")
    ctx = context(settings, github, starter, strategies=(weakening,))

    result = plan_and_attempt(failure(github), ctx)

    assert result.outcome == "not_applicable" and result.detail.startswith("refused by the guardrail")
    assert github.pull_requests(REPO) == []
    assert github.received(f"/repos/{REPO}/git/*", method="POST") == []


def test_a_failure_from_a_fork_is_diagnosed_never_fixed(ctx: FixFlowContext, github: LocalGitHub) -> None:
    record = failure(github)
    github.add_run(REPO, 5, head_repository={"full_name": "mallory/shop"})
    ctx.failures.save_failure(record)

    plan = fixes.plan_fix(record.failure_id, ctx)

    assert (plan.decision, plan.outcome) == ("stop", "not_applicable")
    assert "fork mallory/shop" in plan.detail
    assert github.received(f"/repos/{REPO}/git/*", method="POST") == []


def test_a_repository_github_no_longer_shows_stops_the_plan_with_the_reason(
    ctx: FixFlowContext, github: LocalGitHub
) -> None:
    # Recorded while readable; then the repository was renamed away, deleted, or the App uninstalled from it.
    record = replace(failure(github), repo="octo-org/gone")
    ctx.failures.save_failure(record)

    plan = fixes.plan_fix(record.failure_id, ctx)

    assert (plan.decision, plan.outcome) == ("stop", "not_applicable")
    assert plan.detail == (
        "GitHub answers 404 for octo-org/gone: it no longer exists or ci-agent's credentials cannot read it"
    )
    [attempt] = ctx.attempts.for_failure(record.failure_id)
    assert attempt.outcome is FixOutcome.NOT_APPLICABLE
    assert [(r.path, r.status) for r in github.received("/repos/octo-org/gone*")] == [("/repos/octo-org/gone", 404)]


def test_maintainers_opt_a_pull_request_or_a_repository_out(ctx: FixFlowContext, github: LocalGitHub) -> None:
    head = github.branch_sha(REPO, "main")
    assert head is not None
    github.add_pull_request(REPO, 40, head_sha=head, head_ref="feature/x", labels=["ci-agent:no-autofix"])
    labelled = failure(github, 11, pull_requests=(40,))
    ctx.failures.save_failure(labelled)

    assert fixes.plan_fix(labelled.failure_id, ctx).outcome == "skipped_disabled"

    github.set_topics(REPO, ["python", "ci-agent-no-autofix"])
    other = failure(github, 12, run_id=6)
    ctx.failures.save_failure(other)
    plan = fixes.plan_fix(other.failure_id, ctx)
    assert plan.outcome == "skipped_disabled" and "topic ci-agent-no-autofix" in plan.detail


def test_a_repository_not_opted_in_is_never_touched(
    settings: Settings, github: LocalGitHub, starter: RecordingStarter
) -> None:
    ctx = context(settings, github, starter, policy=FixPolicy(repositories={"octo-org/other": {}}))  # type: ignore[dict-item]
    record = failure(github)
    ctx.failures.save_failure(record)

    assert not fixes.start_fix_flow(record, ctx)
    assert fixes.plan_fix(record.failure_id, ctx).outcome == "skipped_disabled"
    assert starter.started == []


def test_the_verdict_reaches_the_waiting_flow_whichever_half_comes_first(
    ctx: FixFlowContext, github: LocalGitHub, starter: RecordingStarter
) -> None:
    result = plan_and_attempt(failure(github), ctx)
    assert result.verdict_key is not None
    commit = github.branch_sha(REPO, "ci-agent/fix/sig-release-permission")
    assert commit is not None

    # The run on the fix branch completes before the flow's waiting task stored its token
    assert fixes.deliver_run_verdicts(REPO, 9_000_000_001, 1, commit, "CI", "success", ctx)
    assert starter.completed == []
    assert fixes.await_verdict(result.verdict_key, "token-1", ctx)
    assert starter.completed == [("token-1", "fixed", f"CI at {commit[:12]} (run 9000000001): success")]
    # A redelivery of the same run changes nothing
    assert not fixes.deliver_run_verdicts(REPO, 9_000_000_001, 1, commit, "CI", "success", ctx)
    # Another workflow on the fix branch is not the failed one's verdict
    assert not fixes.deliver_run_verdicts(REPO, 9_000_000_002, 1, commit, "Docs", "failure", ctx)


def test_a_re_run_s_verdict_comes_from_its_job_alone_without_a_workflow_run_delivery(
    settings: Settings, github: LocalGitHub, starter: RecordingStarter
) -> None:
    ctx = context(settings, github, starter, strategies=(RerunFailedJobs(),))
    record = failure(github, category=Category.INFRASTRUCTURE, signature="sig-dns", rule="dns-resolution")
    result = plan_and_attempt(record, ctx)
    assert result.verdict_key == f"run:{REPO}#5"
    assert fixes.await_verdict(result.verdict_key, "token-1", ctx) is False  # nothing said yet

    # the first attempt's own jobs, another job of the re-run, a cancelled one: none is the verdict
    assert not fixes.deliver_job_verdict(REPO, 5, 1, "release", "failure", ctx)
    assert not fixes.deliver_job_verdict(REPO, 5, 2, "lint", "failure", ctx)
    assert not fixes.deliver_job_verdict(REPO, 5, 2, "release", "cancelled", ctx)
    assert starter.completed == []
    # the re-run of the failed job passes: the waiting flow hears it at once
    assert fixes.deliver_job_verdict(REPO, 5, 2, "release", "success", ctx)
    assert starter.completed == [("token-1", "fixed", "job release in run 5 attempt 2: success")]
    # the run's completion (when "Workflow runs" is also sent) finds the verdict given
    assert not fixes.deliver_run_verdicts(REPO, 5, 2, record.head_sha, "CI", "success", ctx)


def test_a_re_run_of_the_job_that_fails_again_is_not_fixed(
    settings: Settings, github: LocalGitHub, starter: RecordingStarter
) -> None:
    ctx = context(settings, github, starter, strategies=(RerunFailedJobs(),))
    record = failure(github, category=Category.TIMEOUT, signature="sig-slow", rule="timeout")
    result = plan_and_attempt(record, ctx)
    assert result.verdict_key is not None
    assert fixes.deliver_job_verdict(REPO, 5, 2, "release", "timed_out", ctx)
    assert fixes.await_verdict(result.verdict_key, "token-2", ctx)
    assert starter.completed == [("token-2", "not_fixed", "job release in run 5 attempt 2: timed_out")]


def test_a_verified_fix_is_learned_and_recorded_on_the_failure(ctx: FixFlowContext, github: LocalGitHub) -> None:
    record = failure(github)
    result = plan_and_attempt(record, ctx)

    recorded = fixes.record_verdict(result.attempt_id, "fixed", "CI passed", ctx)
    again = fixes.record_verdict(result.attempt_id, "fixed", "CI passed", ctx)  # a retried step

    assert recorded.outcome == again.outcome == "fixed"
    stored = ctx.failures.get(record.failure_id)
    assert stored is not None and stored.fix_strategy == "test-make-executable"
    assert stored.time_to_verified_fix_seconds == 300.0
    _, by_signature = ctx.attempts.strategy_records("test-make-executable", "permission", record.signature)
    assert (by_signature.fixed, by_signature.not_fixed) == (1, 0)
    assert ctx.attempts.flaky_passes(record.signature) == 0  # only a re-run at the same commit says flaky


def test_a_rejected_fix_is_not_proposed_again_for_that_signature_in_that_repository(
    ctx: FixFlowContext, github: LocalGitHub
) -> None:
    record = failure(github)
    plan_and_attempt(record, ctx)
    [pull] = github.pull_requests(REPO)

    # A maintainer closes it without merging
    github.pulls.close(REPO, pull.number, merged=False)
    assert fixes.on_fix_pull_request_closed(REPO, pull.number, pull.head_ref, False, ctx) == "rejected"

    [attempt] = [a for a in ctx.attempts.for_failure(record.failure_id) if a.strategy == "test-make-executable"]
    assert attempt.outcome is FixOutcome.REJECTED and attempt.pull_request_state is PullRequestState.CLOSED
    again = failure(github, 12, run_id=6)
    ctx.failures.save_failure(again)
    plan = fixes.plan_fix(again.failure_id, ctx)
    assert [c.strategy for c in plan.candidates] == []
    assert plan.outcome == "not_applicable" and "closed its fix for this failure without merging" in plan.detail

    # Until the strategy itself changes: a new version is proposed again
    improved = MakeExecutable()
    improved.version = "2"
    renewed = replace(ctx, strategies=(improved,))
    assert [c.strategy for c in fixes.plan_fix(again.failure_id, renewed).candidates] == ["test-make-executable"]


def test_a_fix_made_stale_by_another_change_is_closed_with_a_comment_and_its_branch_deleted(
    ctx: FixFlowContext, github: LocalGitHub, starter: RecordingStarter
) -> None:
    record = failure(github)
    result = plan_and_attempt(record, ctx)
    assert result.verdict_key is not None
    fixes.await_verdict(result.verdict_key, "token-2", ctx)
    [pull] = github.pull_requests(REPO)

    # The branch goes green by a change ci-agent did not make
    resolved = ctx.failures.resolve([record], FAILED_AT + timedelta(hours=1), 77)
    closed = fixes.close_stale_fixes(resolved, ctx)

    assert closed == [pull.number]
    [after] = github.pull_requests(REPO)
    assert after.state == "closed" and not after.merged
    assert github.branch_sha(REPO, "ci-agent/fix/sig-release-permission") is None
    assert "resolved on `feature/x` by run 77" in github.comments(REPO, pull.number)[0].body
    assert starter.completed == [("token-2", "superseded", "resolved by run 77")]
    # ci-agent closing its own stale fix is not a maintainer's rejection
    assert fixes.on_fix_pull_request_closed(REPO, pull.number, after.head_ref, False, ctx) is None


def test_a_merged_fix_is_recorded_as_merged_when_its_failure_resolves(ctx: FixFlowContext, github: LocalGitHub) -> None:
    record = failure(github)
    plan_and_attempt(record, ctx)
    [pull] = github.pull_requests(REPO)
    github.pulls.close(REPO, pull.number, merged=True)

    assert fixes.on_fix_pull_request_closed(REPO, pull.number, pull.head_ref, True, ctx) == "merged"
    assert fixes.close_stale_fixes(ctx.failures.resolve([record], FAILED_AT + timedelta(hours=1), 78), ctx) == []
    [attempt] = [a for a in ctx.attempts.for_failure(record.failure_id) if a.strategy == "test-make-executable"]
    assert attempt.pull_request_state is PullRequestState.MERGED


def test_failures_on_ci_agent_s_own_fix_branches_start_nothing(
    ctx: FixFlowContext, github: LocalGitHub, starter: RecordingStarter
) -> None:
    record = failure(github, branch="ci-agent/fix/sig-release-permission")
    ctx.failures.save_failure(record)

    assert not fixes.start_fix_flow(record, ctx)
    assert fixes.plan_fix(record.failure_id, ctx).outcome == "not_applicable"
    assert starter.started == []


def test_an_error_after_the_retries_is_recorded_so_no_flow_ends_without_an_outcome(
    ctx: FixFlowContext, github: LocalGitHub
) -> None:
    record = failure(github)
    ctx.failures.save_failure(record)

    outcome = fixes.record_error(record.failure_id, None, "GitHubUnavailable", "GitHub answered 502", ctx)

    [attempt] = ctx.attempts.for_failure(record.failure_id)
    assert (attempt.outcome, attempt.strategy) == (FixOutcome.FAILED_TO_APPLY, "none")
    assert attempt.detail == "GitHubUnavailable: GitHub answered 502" and outcome.outcome == "failed_to_apply"
