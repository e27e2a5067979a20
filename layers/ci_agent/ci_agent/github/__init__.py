"""GitHub, behind a small gateway: job logs, failed jobs of a run, and the one pull-request comment we keep.

Importing this package does not import PyGithub: ``PyGithubGateway`` is loaded on first access, so a
Lambda that never talks to GitHub does not pay for it at cold start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ci_agent.github.credentials import (
    AppCredentials,
    CredentialsError,
    GitHubCredentials,
    TokenCredentials,
    parse_github_credentials,
)
from ci_agent.github.errors import GitHubError, GitHubUnavailable, JobUnreadable, LogsUnavailable, RateLimited
from ci_agent.github.gateway import DEFAULT_COMMENT_MARKER, GitHubGateway
from ci_agent.github.model import FAILED_CONCLUSIONS, CommentRef, JobLog, JobStep, JobSummary

if TYPE_CHECKING:
    from ci_agent.github.pygithub_gateway import PyGithubGateway

__all__ = [
    "DEFAULT_COMMENT_MARKER",
    "FAILED_CONCLUSIONS",
    "AppCredentials",
    "CommentRef",
    "CredentialsError",
    "GitHubCredentials",
    "GitHubError",
    "GitHubGateway",
    "GitHubUnavailable",
    "JobLog",
    "JobStep",
    "JobSummary",
    "JobUnreadable",
    "LogsUnavailable",
    "PyGithubGateway",
    "RateLimited",
    "TokenCredentials",
    "parse_github_credentials",
]


def __getattr__(name: str) -> Any:
    if name == "PyGithubGateway":
        from ci_agent.github.pygithub_gateway import PyGithubGateway

        return PyGithubGateway
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
