"""What the fix flow asks of GitHub, as a protocol with plain data: facts about a repository and a run, the
repository's files at a commit, a re-run, a fix commit on ci-agent's own branch, and its pull request.

There is deliberately no merge and no way to write any branch but ``ci-agent/fix/...``: the implementation
refuses to move the default branch or a protected one even if asked (:class:`RefusedPush`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ci_agent.github.errors import GitHubError
from ci_agent.healing.model import FileEdit, RepositoryFiles

FIX_BRANCH_PREFIX = "ci-agent/fix/"


class RefusedPush(GitHubError):
    """ci-agent was asked to write a branch it must never write (default, protected, or not its own)."""


def is_fix_branch(branch: str) -> bool:
    return branch.startswith(FIX_BRANCH_PREFIX)


@dataclass(frozen=True, slots=True)
class RepositoryFacts:
    full_name: str
    default_branch: str
    topics: tuple[str, ...]
    archived: bool = False


@dataclass(frozen=True, slots=True)
class RunFacts:
    """A workflow run as the fix flow needs it: where its workflow file is and where its commit came from."""

    id: int
    name: str
    path: str  # ".github/workflows/ci.yml"
    head_branch: str
    head_sha: str
    head_repository: str  # "owner/name": a fork's when the run is for a pull request from a fork
    run_attempt: int
    status: str
    conclusion: str | None


@dataclass(frozen=True, slots=True)
class PullRequestFacts:
    number: int
    html_url: str
    state: str  # "open" or "closed"
    merged: bool
    labels: tuple[str, ...]
    head_ref: str
    base_ref: str


@dataclass(frozen=True, slots=True)
class FixPullRequest:
    number: int
    html_url: str
    created: bool  # False: an open pull request for the branch existed and was brought up to date


class FixGateway(Protocol):
    def repository_facts(self, repo: str) -> RepositoryFacts: ...

    def branch_is_protected(self, repo: str, branch: str) -> bool: ...

    def run_facts(self, repo: str, run_id: int) -> RunFacts: ...

    def pull_request(self, repo: str, number: int) -> PullRequestFacts: ...

    def open_fix_pull_request_for(self, repo: str, branch: str) -> PullRequestFacts | None:
        """The open pull request whose head is ci-agent's ``branch`` in ``repo`` itself, if there is one."""
        ...

    def files_at(self, repo: str, commit_sha: str) -> RepositoryFiles: ...

    def rerun_failed_jobs(self, repo: str, run_id: int) -> None: ...

    def failed_job_names(self, repo: str, run_id: int) -> frozenset[str]:
        """The names of the jobs that failed in the run's latest attempt."""
        ...

    def create_fix_commit(self, repo: str, parent_sha: str, edits: Sequence[FileEdit], message: str) -> str:
        """One commit on top of ``parent_sha`` with exactly ``edits`` (content and mode); returns its sha. No
        branch moves yet: the caller registers what it waits for, then calls :meth:`point_fix_branch`."""
        ...

    def point_fix_branch(self, repo: str, branch: str, commit_sha: str) -> None:
        """Create ci-agent's ``branch`` at ``commit_sha``, or move it there (it is ours: forced)."""
        ...

    def upsert_fix_pull_request(
        self, repo: str, branch: str, base: str, title: str, body: str, labels: Sequence[str]
    ) -> FixPullRequest: ...

    def close_fix_pull_request(self, repo: str, number: int, branch: str, comment: str) -> None:
        """Comment, close the pull request and delete ci-agent's branch (a branch already gone is fine)."""
        ...
