"""The GitHub operations ci-agent needs, as a protocol: the real one talks to GitHub, tests hand in a double."""

from __future__ import annotations

from typing import Protocol

from ci_agent.github.model import CommentRef, JobLog, JobSummary, comment_marker

DEFAULT_COMMENT_MARKER = comment_marker()


class GitHubGateway(Protocol):
    """What the use cases ask of GitHub. ``repo`` is always ``"owner/name"``.

    Every method raises ``ci_agent.github.errors.GitHubError`` subclasses, never library exceptions.
    """

    def fetch_job_log(self, repo: str, job_id: int, max_bytes: int) -> JobLog:
        """The job's plain-text log; when longer than ``max_bytes``, its last ``max_bytes`` (truncated=True).

        Raises ``LogsUnavailable`` when the log expired or was deleted.
        """
        ...

    def list_failed_jobs(self, repo: str, run_id: int) -> list[JobSummary]:
        """The jobs of the run's latest attempt that failed or timed out, in GitHub's order."""
        ...

    def find_last_passing_job(self, repo: str, workflow_path: str, branch: str, job_name: str) -> int | None:
        """The id of the job named ``job_name`` in the latest successful run of the workflow on ``branch``, or
        None when there is none. The analyzer compares a failing log with that job's log."""
        ...

    def upsert_pull_request_comment(self, repo: str, pr_number: int, marker: str, body: str) -> CommentRef:
        """Edit the pull request's comment that carries ``marker`` and was written by these credentials (the
        token's user, the App's bot), or create it; the body always carries the marker. A comment by anyone else
        is never edited, even one that quotes the marker and that these credentials could edit."""
        ...

    def get_pull_request_numbers_for_sha(self, repo: str, sha: str) -> list[int]:
        """The open pull requests whose head (or history) contains the commit ``sha``."""
        ...

    def get_fork_pull_request_numbers(self, repo: str, head_owner: str, branch: str, sha: str) -> list[int]:
        """The open pull requests into ``repo`` from ``head_owner:branch`` whose head is ``sha``: a fork's, which
        GitHub neither lists in a run's ``pull_requests`` nor finds by commit."""
        ...
