"""The plain data the GitHub gateway hands back: job logs, failed jobs, the comment it kept up to date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Conclusions worth analysing. "cancelled" and "skipped" are not failures of the code under test.
FAILED_CONCLUSIONS = frozenset({"failure", "timed_out"})

CommentAction = Literal["created", "updated", "unchanged"]


def split_repo(repo: str) -> tuple[str, str]:
    """``"owner/name"`` -> ``("owner", "name")``; anything else is a programming error."""
    owner, sep, name = repo.partition("/")
    if not sep or not owner or not name or "/" in name:
        raise ValueError(f"repository must be 'owner/name', got {repo!r}")
    return owner, name


@dataclass(frozen=True, slots=True)
class JobLog:
    """A job's log, or its last ``max_bytes`` when it was longer (``truncated``)."""

    content: bytes
    truncated: bool
    total_bytes: int | None = None  # size of the whole log when the server said or we read it all

    @property
    def text(self) -> str:
        # A tail may start inside a multi-byte character; replace rather than fail.
        return self.content.decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class JobStep:
    number: int
    name: str
    status: str
    conclusion: str | None


@dataclass(frozen=True, slots=True)
class JobSummary:
    """One job of a workflow run, as much as the analyzer and the report need."""

    id: int
    name: str
    status: str
    conclusion: str | None
    run_id: int
    run_attempt: int
    html_url: str
    head_sha: str
    steps: tuple[JobStep, ...] = ()

    @property
    def failed(self) -> bool:
        return self.conclusion in FAILED_CONCLUSIONS

    @property
    def failed_step(self) -> str | None:
        """The first step that failed or timed out, if GitHub reported steps."""
        for step in self.steps:
            if step.conclusion in FAILED_CONCLUSIONS:
                return step.name
        return None


@dataclass(frozen=True, slots=True)
class CommentRef:
    """The pull-request comment ci-agent keeps up to date, and what this call did to it."""

    id: int
    html_url: str
    action: CommentAction


COMMENT_MARKER_NAME = "ci-agent:failure-report"


def comment_marker(stage: str | None = None) -> str:
    """The hidden marker of ci-agent's pull request comment; with the stage in it, so that a dev and a prod stack
    watching one organisation each keep their own comment instead of overwriting each other's."""
    if stage is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,32}", stage):
        raise ValueError(f"a stage in the comment marker must be a short word, got {stage!r}")
    return f"<!-- {COMMENT_MARKER_NAME} -->" if stage is None else f"<!-- {COMMENT_MARKER_NAME} stage={stage} -->"


def with_marker(marker: str, body: str) -> str:
    """The body as posted: it must carry the marker so the next update finds the same comment."""
    if not marker.strip():
        raise ValueError("comment marker must not be empty")
    return body if marker in body else f"{marker}\n{body}"
