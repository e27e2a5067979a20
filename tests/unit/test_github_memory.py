"""The in-memory GitHub double honours the gateway's contract, so use-case tests can rely on it."""

from __future__ import annotations

import pytest

from ci_agent.github import (
    DEFAULT_COMMENT_MARKER,
    GitHubGateway,
    JobStep,
    JobSummary,
    LogsUnavailable,
    RateLimited,
)
from tests.doubles.github import InMemoryGitHub

REPO = "octo-org/octo-repo"


def job(job_id: int, conclusion: str | None, *steps: JobStep) -> JobSummary:
    return JobSummary(
        id=job_id,
        name=f"job {job_id}",
        status="completed",
        conclusion=conclusion,
        run_id=7,
        run_attempt=1,
        html_url=f"https://github.com/{REPO}/actions/runs/7/job/{job_id}",
        head_sha="a" * 40,
        steps=steps,
    )


@pytest.fixture
def github() -> InMemoryGitHub:
    return InMemoryGitHub()


def test_it_is_a_gateway(github: InMemoryGitHub) -> None:
    gateway: GitHubGateway = github
    assert gateway is github


def test_fetch_job_log_keeps_the_tail(github: InMemoryGitHub) -> None:
    github.add_log(REPO, 1, "setup\nbuild\n##[error]boom\n")

    whole = github.fetch_job_log(REPO, 1, max_bytes=1000)
    tail = github.fetch_job_log(REPO, 1, max_bytes=14)

    assert (whole.text, whole.truncated, whole.total_bytes) == ("setup\nbuild\n##[error]boom\n", False, 26)
    assert (tail.content, tail.truncated) == (b"##[error]boom\n", True)


def test_a_missing_log_is_unavailable(github: InMemoryGitHub) -> None:
    with pytest.raises(LogsUnavailable):
        github.fetch_job_log(REPO, 404, max_bytes=10)


def test_list_failed_jobs(github: InMemoryGitHub) -> None:
    failing = JobStep(number=3, name="Run pytest", status="completed", conclusion="failure")
    github.add_jobs(REPO, 7, [job(1, "success"), job(2, "failure", failing), job(3, "timed_out"), job(4, None)])

    jobs = github.list_failed_jobs(REPO, 7)

    assert [j.id for j in jobs] == [2, 3]
    assert jobs[0].failed_step == "Run pytest" and jobs[1].failed_step is None


def test_upsert_creates_then_updates_one_comment(github: InMemoryGitHub) -> None:
    github.add_comment(REPO, 5, f"quoting {DEFAULT_COMMENT_MARKER}")

    created = github.upsert_pull_request_comment(REPO, 5, DEFAULT_COMMENT_MARKER, "one")
    updated = github.upsert_pull_request_comment(REPO, 5, DEFAULT_COMMENT_MARKER, "two")
    unchanged = github.upsert_pull_request_comment(REPO, 5, DEFAULT_COMMENT_MARKER, "two")

    assert [r.action for r in (created, updated, unchanged)] == ["created", "updated", "unchanged"]
    assert created.id == updated.id == unchanged.id
    assert [c.body for c in github.comments(REPO, 5)] == [
        f"quoting {DEFAULT_COMMENT_MARKER}",
        f"{DEFAULT_COMMENT_MARKER}\ntwo",
    ]
    assert created.html_url == f"https://github.com/{REPO}/pull/5#issuecomment-{created.id}"


def test_pull_requests_for_sha(github: InMemoryGitHub) -> None:
    github.add_pull_request(REPO, "abc", 3)

    assert github.get_pull_request_numbers_for_sha(REPO, "abc") == [3]
    assert github.get_pull_request_numbers_for_sha(REPO, "def") == []


def test_calls_are_recorded_and_failures_injected(github: InMemoryGitHub) -> None:
    github.fail_next("list_failed_jobs", RateLimited("slow down", status=429, retry_after_seconds=30))

    with pytest.raises(RateLimited):
        github.list_failed_jobs(REPO, 7)
    assert github.list_failed_jobs(REPO, 7) == []

    assert github.calls == [("list_failed_jobs", (REPO, 7)), ("list_failed_jobs", (REPO, 7))]


def test_unknown_operations_and_bad_repos_are_programming_errors(github: InMemoryGitHub) -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        github.fail_next("merge_everything", RateLimited("x", retry_after_seconds=1))
    with pytest.raises(ValueError, match="owner/name"):
        github.list_failed_jobs("just-a-name", 1)
