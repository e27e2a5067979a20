"""An in-memory ``GitHubGateway`` for tests of the use cases: seeded with logs and jobs, records what was posted.

Same contract as the real gateway (tail truncation, marker upsert, domain errors), no HTTP at all.
For the real PyGithub code over HTTP use ``ci_agent.local.github.LocalGitHub`` instead.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

from ci_agent.github.errors import GitHubError, LogsUnavailable
from ci_agent.github.model import CommentAction, CommentRef, JobLog, JobSummary, split_repo, with_marker

OPERATIONS = frozenset(
    {
        "fetch_job_log",
        "list_failed_jobs",
        "find_last_passing_job",
        "upsert_pull_request_comment",
        "get_pull_request_numbers_for_sha",
        "get_fork_pull_request_numbers",
    }
)


@dataclass(slots=True)
class StoredComment:
    id: int
    body: str
    author: str


class InMemoryGitHub:
    """A recording double: ``calls`` lists every call in order, ``comments(repo, pr)`` what is posted now."""

    def __init__(self, *, html_url: str = "https://github.com") -> None:
        self._html_url = html_url.rstrip("/")
        self._logs: dict[tuple[str, int], bytes] = {}
        self._jobs: dict[tuple[str, int], list[JobSummary]] = {}
        self._passing: dict[tuple[str, str, str, str], int] = {}
        self._pulls: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._fork_pulls: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
        self._comments: dict[tuple[str, int], list[StoredComment]] = defaultdict(list)
        self._failures: dict[str, deque[GitHubError]] = defaultdict(deque)
        self._next_comment_id = 1
        self.calls: list[tuple[str, tuple[object, ...]]] = []

    # -- seeding and inspection --------------------------------------------------------------------

    def add_log(self, repo: str, job_id: int, content: bytes | str) -> None:
        split_repo(repo)
        self._logs[(repo, job_id)] = content.encode() if isinstance(content, str) else content

    def add_jobs(self, repo: str, run_id: int, jobs: Iterable[JobSummary]) -> None:
        split_repo(repo)
        self._jobs[(repo, run_id)] = list(jobs)

    def add_passing_job(self, repo: str, workflow_path: str, branch: str, job_name: str, job_id: int) -> None:
        """Seed the latest passing run's job of that name (its log is seeded with ``add_log``)."""
        split_repo(repo)
        self._passing[(repo, workflow_path, branch, job_name)] = job_id

    def add_pull_request(self, repo: str, sha: str, number: int) -> None:
        self._pulls[(repo, sha)].append(number)

    def add_fork_pull_request(self, repo: str, head_owner: str, branch: str, sha: str, number: int) -> None:
        """A pull request into ``repo`` from ``head_owner``'s fork: a commit lookup does not find it."""
        self._fork_pulls[(repo, head_owner, branch, sha)].append(number)

    def add_comment(self, repo: str, pr_number: int, body: str, *, author: str = "octocat") -> int:
        """Seed someone else's comment; ours are only ever edited through the gateway methods."""
        return self._store_comment(repo, pr_number, body, author)

    def fail_next(self, operation: str, error: GitHubError) -> None:
        """The next call of ``operation`` (a method name) raises ``error``."""
        if operation not in OPERATIONS:
            raise ValueError(f"unknown operation {operation!r}")
        self._failures[operation].append(error)

    def comments(self, repo: str, pr_number: int) -> list[StoredComment]:
        return list(self._comments[(repo, pr_number)])

    # -- GitHubGateway -----------------------------------------------------------------------------

    def fetch_job_log(self, repo: str, job_id: int, max_bytes: int) -> JobLog:
        self._enter("fetch_job_log", repo, job_id, max_bytes)
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        content = self._logs.get((repo, job_id))
        if content is None:
            raise LogsUnavailable(f"log of job {job_id} in {repo}: GitHub answered 404", status=404)
        return JobLog(content=content[-max_bytes:], truncated=len(content) > max_bytes, total_bytes=len(content))

    def list_failed_jobs(self, repo: str, run_id: int) -> list[JobSummary]:
        self._enter("list_failed_jobs", repo, run_id)
        return [job for job in self._jobs.get((repo, run_id), []) if job.failed]

    def find_last_passing_job(self, repo: str, workflow_path: str, branch: str, job_name: str) -> int | None:
        self._enter("find_last_passing_job", repo, workflow_path, branch, job_name)
        return self._passing.get((repo, workflow_path, branch, job_name))

    def upsert_pull_request_comment(self, repo: str, pr_number: int, marker: str, body: str) -> CommentRef:
        self._enter("upsert_pull_request_comment", repo, pr_number, marker, body)
        full_body = with_marker(marker, body)
        for comment in self._comments[(repo, pr_number)]:
            if marker in comment.body and comment.author == "ci-agent":
                action: CommentAction = "unchanged" if comment.body == full_body else "updated"
                comment.body = full_body
                return CommentRef(id=comment.id, html_url=self._comment_url(repo, pr_number, comment.id), action=action)
        comment_id = self._store_comment(repo, pr_number, full_body, "ci-agent")
        return CommentRef(id=comment_id, html_url=self._comment_url(repo, pr_number, comment_id), action="created")

    def get_pull_request_numbers_for_sha(self, repo: str, sha: str) -> list[int]:
        self._enter("get_pull_request_numbers_for_sha", repo, sha)
        return list(self._pulls.get((repo, sha), []))

    def get_fork_pull_request_numbers(self, repo: str, head_owner: str, branch: str, sha: str) -> list[int]:
        self._enter("get_fork_pull_request_numbers", repo, head_owner, branch, sha)
        return list(self._fork_pulls.get((repo, head_owner, branch, sha), []))

    # -- internals ---------------------------------------------------------------------------------

    def _enter(self, operation: str, repo: str, *args: object) -> None:
        split_repo(repo)
        self.calls.append((operation, (repo, *args)))
        if self._failures[operation]:
            raise self._failures[operation].popleft()

    def _store_comment(self, repo: str, pr_number: int, body: str, author: str) -> int:
        comment_id = self._next_comment_id
        self._next_comment_id += 1
        self._comments[(repo, pr_number)].append(StoredComment(id=comment_id, body=body, author=author))
        return comment_id

    def _comment_url(self, repo: str, pr_number: int, comment_id: int) -> str:
        return f"{self._html_url}/{repo}/pull/{pr_number}#issuecomment-{comment_id}"
