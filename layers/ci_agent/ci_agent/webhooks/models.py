"""Typed views of the webhook payloads ci-agent acts on. Unknown fields are ignored, missing optional ones tolerated.

Field names follow GitHub's payloads (see tests/events for real examples).

Every field is bounded here, at the boundary: identifiers (repository name, sha, ids, branch) must have
GitHub's shape or the delivery is refused with a 400; free text (job, workflow and actor names) is kept but cut
to a length a comment and a DynamoDB item can hold, without escape sequences or control characters. A field
nothing downstream could store (a 500 kB job name) therefore never reaches the worker to fail there five times.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Protocol, runtime_checkable

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from ci_agent.untrusted import strip_controls

MAX_NAME_CHARS = 512
MAX_URL_CHARS = 2048
MAX_PULL_REQUESTS = 100
# GitHub's ids are 64-bit; DynamoDB numbers and our negated run ids stay exact in that range.
MAX_ID = 2**63 - 1


def _bounded_text(value: str) -> str:
    value = strip_controls(value)
    return value if len(value) <= MAX_NAME_CHARS else value[: MAX_NAME_CHARS - 1] + "…"


# Free text from the repository's owners: kept, bounded and stripped of controls.
Text = Annotated[str, AfterValidator(_bounded_text)]
# Identifiers: GitHub's own shape, or the payload is not GitHub's.
GitHubId = Annotated[int, Field(ge=1, le=MAX_ID)]
RepoFullName = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,38}/[A-Za-z0-9._-]{1,100}$", max_length=140)
]
CommitSha = Annotated[str, StringConstraints(pattern=r"^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$")]
# git refuses control characters, spaces and a few others in ref names; GitHub caps them well under 1 kB.
BranchName = Annotated[str, StringConstraints(pattern=r"^[^\x00-\x20\x7f~^:?*\[\\]+$", max_length=1024)]
Word = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,64}$")]
Url = Annotated[str, StringConstraints(max_length=MAX_URL_CHARS, pattern=r"^https?://[^\x00-\x20\x7f]+$")]
# Enterprise Managed Users' logins carry an underscore ("octocat_acme"); apps' bots end in "[bot]".
Login = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(\[bot\])?$")]


def _first_pull_requests(value: list[PullRequestRef]) -> list[PullRequestRef]:
    # GitHub lists the pull requests whose head is the run's branch: a handful. Keep a bounded number.
    return value[:MAX_PULL_REQUESTS]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Account(_Payload):
    login: Login


class Repository(_Payload):
    id: GitHubId | None = None
    full_name: RepoFullName
    default_branch: BranchName | None = None


class HeadRepository(_Payload):
    """The repository a run's commit comes from: a fork's for a pull request from a fork."""

    full_name: RepoFullName


class RepoRef(_Payload):
    """The short repository reference GitHub puts in a run's ``pull_requests``."""

    id: GitHubId | None = None
    url: Url | None = None


class PullRequestBranch(_Payload):
    repo: RepoRef | None = None


class Installation(_Payload):
    id: GitHubId


class PullRequestRef(_Payload):
    number: GitHubId
    base: PullRequestBranch | None = None  # absent from deliveries queued before it was kept

    def targets(self, repository: Repository) -> bool:
        """Whether this pull request is one of ``repository``'s. A run's ``pull_requests`` also lists pull
        requests of other repositories whose head is the run's branch (forks that track it, for instance):
        their numbers mean nothing in ``repository``. Unknown when the payload does not say: kept."""
        base = self.base.repo if self.base else None
        if base is None:
            return True
        if base.id is not None and repository.id is not None:
            return base.id == repository.id
        if base.url:
            return base.url.rstrip("/").lower().endswith("/repos/" + repository.full_name.lower())
        return True


class WorkflowJob(_Payload):
    id: GitHubId
    run_id: GitHubId
    run_attempt: GitHubId = 1
    name: Text
    workflow_name: Text | None = None
    status: Word
    conclusion: Word | None = None
    head_branch: BranchName | None = None
    head_sha: CommitSha
    html_url: Url | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None


class WorkflowRun(_Payload):
    id: GitHubId
    name: Text | None = None
    path: Text | None = None
    run_attempt: GitHubId = 1
    status: Word
    conclusion: Word | None = None
    head_branch: BranchName | None = None
    head_sha: CommitSha
    html_url: Url | None = None
    event: Word | None = None
    pull_requests: Annotated[list[PullRequestRef], AfterValidator(_first_pull_requests)] = Field(default_factory=list)
    actor: Account | None = None
    updated_at: datetime | None = None
    head_repository: HeadRepository | None = None


@runtime_checkable
class IdentifiedEvent(Protocol):
    """A delivery about one thing GitHub reports once (a job's or a run's completion)."""

    def identity(self) -> str:
        """A key naming what the delivery reports: two deliveries with the same key report the same thing."""
        ...


class WorkflowJobEvent(_Payload):
    action: Word
    workflow_job: WorkflowJob
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None

    def identity(self) -> str:
        job = self.workflow_job
        return f"workflow_job/{self.repository.full_name}#{job.id}/{self.action}/{job.conclusion or '-'}"


class WorkflowRunEvent(_Payload):
    action: Word
    workflow_run: WorkflowRun
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None

    def identity(self) -> str:
        run = self.workflow_run
        return (
            f"workflow_run/{self.repository.full_name}#{run.id}/{run.run_attempt}/{self.action}/{run.conclusion or '-'}"
        )


class PingEvent(_Payload):
    zen: Text | None = None
    hook_id: GitHubId | None = None


class PullRequestHead(_Payload):
    ref: BranchName
    sha: CommitSha | None = None
    repo: Repository | None = None  # None when the head repository was deleted


class PullRequest(_Payload):
    number: GitHubId
    state: Word
    merged: bool | None = None
    head: PullRequestHead


class PullRequestEvent(_Payload):
    # No identity(): a pull request can be closed, reopened and closed again, each a delivery of its own.
    action: Word
    number: GitHubId | None = None
    pull_request: PullRequest
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None
