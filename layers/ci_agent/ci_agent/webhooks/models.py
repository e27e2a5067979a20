"""Typed views of the webhook payloads ci-agent acts on. Unknown fields are ignored, missing optional ones tolerated.

Field names follow GitHub's payloads (see tests/events for real examples).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Account(_Payload):
    login: str


class Repository(_Payload):
    id: int | None = None
    full_name: str
    default_branch: str | None = None


class RepoRef(_Payload):
    """The short repository reference GitHub puts in a run's ``pull_requests``."""

    id: int | None = None
    url: str | None = None


class PullRequestBranch(_Payload):
    repo: RepoRef | None = None


class Installation(_Payload):
    id: int


class PullRequestRef(_Payload):
    number: int
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
    id: int
    run_id: int
    run_attempt: int = 1
    name: str
    workflow_name: str | None = None
    status: str
    conclusion: str | None = None
    head_branch: str | None = None
    head_sha: str
    html_url: str | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None


class WorkflowRun(_Payload):
    id: int
    name: str | None = None
    path: str | None = None
    run_attempt: int = 1
    status: str
    conclusion: str | None = None
    head_branch: str | None = None
    head_sha: str
    html_url: str | None = None
    event: str | None = None
    pull_requests: list[PullRequestRef] = Field(default_factory=list)
    actor: Account | None = None
    updated_at: datetime | None = None


class WorkflowJobEvent(_Payload):
    action: str
    workflow_job: WorkflowJob
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None


class WorkflowRunEvent(_Payload):
    action: str
    workflow_run: WorkflowRun
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None


class PingEvent(_Payload):
    zen: str | None = None
    hook_id: int | None = None


class PullRequestHead(_Payload):
    ref: str
    sha: str | None = None
    repo: Repository | None = None  # None when the head repository was deleted


class PullRequest(_Payload):
    number: int
    state: str
    merged: bool | None = None
    head: PullRequestHead


class PullRequestEvent(_Payload):
    action: str
    number: int | None = None
    pull_request: PullRequest
    repository: Repository
    sender: Account | None = None
    installation: Installation | None = None
