"""The issue a weekly report is published as: found by its hidden marker, created once, edited in place after.

A small gateway of its own (the report function needs nothing else from GitHub): :class:`IssueTracker` is what
the report use case asks for, :class:`PyGithubIssueTracker` answers it over PyGithub, against GitHub, GitHub
Enterprise or the local GitHub.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from ci_agent.github.credentials import GitHubCredentials
from ci_agent.github.model import split_repo

if TYPE_CHECKING:
    from github import Github

# GitHub refuses an issue body over 65536 characters; UTF-8 bytes are never fewer than characters.
MAX_ISSUE_BODY_BYTES = 65536
LABEL_COLOR = "5319e7"
LABEL_DESCRIPTION = "Weekly CI intelligence report by ci-agent"


@dataclass(frozen=True, slots=True)
class IssueRef:
    number: int
    url: str  # html_url: where a person reads it
    created: bool  # False when an existing issue was updated


class IssueTracker(Protocol):
    def publish_issue(self, repo: str, *, marker: str, title: str, body: str, label: str) -> IssueRef:
        """Update the issue of ``repo`` labelled ``label`` whose body carries ``marker``, or open it (creating
        the label if it is missing). Raises ``ci_agent.github.errors.GitHubError`` subclasses."""
        ...


def fit_issue_body(body: str, footer: str) -> str:
    """``body`` cut, at a line, to fit an issue with ``footer`` (which says where the whole text is)."""
    if len(body.encode("utf-8")) <= MAX_ISSUE_BODY_BYTES:
        return body
    budget = MAX_ISSUE_BODY_BYTES - len(footer.encode("utf-8")) - 2
    cut = body.encode("utf-8")[:budget].decode("utf-8", "ignore")
    return cut[: cut.rfind("\n") + 1] + "\n" + footer


class PyGithubIssueTracker:
    """``IssueTracker`` over PyGithub. Create once per process: an App's installation token is cached."""

    def __init__(self, github: Github) -> None:
        self._github = github

    @classmethod
    def connect(cls, credentials: GitHubCredentials, base_url: str) -> PyGithubIssueTracker:
        from github import Github

        from ci_agent.github.credentials import REPORT_PERMISSIONS
        from ci_agent.github.pygithub_gateway import DEFAULT_USER_AGENT, auth_for, bounded_retry

        return cls(
            Github(
                auth=auth_for(credentials, REPORT_PERMISSIONS),
                base_url=base_url.rstrip("/"),
                timeout=15,
                user_agent=DEFAULT_USER_AGENT,
                retry=bounded_retry(2, 0.5),
                lazy=True,
            )
        )

    def close(self) -> None:
        self._github.close()

    def publish_issue(self, repo: str, *, marker: str, title: str, body: str, label: str) -> IssueRef:
        from github import GithubException

        from ci_agent.github.pygithub_gateway import translated

        owner, name = split_repo(repo)
        with translated(f"publish the issue in {repo}"):
            repository = self._github.get_repo(f"{owner}/{name}")
            try:
                # One request either way; 422 "already_exists" means it is there (made by us or by a person).
                repository.create_label(label, LABEL_COLOR, LABEL_DESCRIPTION)
            except GithubException as exc:
                if exc.status != 422:
                    raise
            for issue in repository.get_issues(state="all", labels=[label]):
                if issue.body and marker in issue.body:
                    issue.edit(title=title, body=body, state="open")
                    return IssueRef(number=issue.number, url=issue.html_url, created=False)
            created = repository.create_issue(title=title, body=body, labels=[label])
            return IssueRef(number=created.number, url=created.html_url, created=True)
