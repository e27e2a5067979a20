"""The latest failed workflow run of a repository (``ci-agent analyze-latest``), through PyGithub."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from ci_agent.github.model import split_repo
from ci_agent.github.pygithub_gateway import translated

if TYPE_CHECKING:
    from github import Github


@dataclass(frozen=True, slots=True)
class FailedRun:
    run_id: int
    name: str
    branch: str
    head_sha: str
    html_url: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def latest_failed_run(github: Github, repo: str, branch: str | None = None) -> FailedRun | None:
    """The newest run of ``repo`` (on ``branch`` if given) that concluded ``failure``; None if there is none."""
    owner, name = split_repo(repo)
    with translated(f"list the failed runs of {repo}"):
        repository = github.get_repo(f"{owner}/{name}")
        filters: dict[str, Any] = {"status": "failure"}
        if branch:
            filters["branch"] = branch
        for run in repository.get_workflow_runs(**filters):
            return FailedRun(
                run_id=run.id,
                name=run.name or "",
                branch=run.head_branch or "",
                head_sha=run.head_sha or "",
                html_url=run.html_url or "",
            )
    return None
