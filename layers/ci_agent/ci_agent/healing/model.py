"""The fix flow's vocabulary: what a strategy sees of a repository, what it proposes, and why it declines.

Pure data: strategies read files through :class:`RepositoryFiles` (the GitHub gateway implements it at the
failing commit; tests hand in a dictionary) and return a :class:`ProposedChange` or a :class:`Decline`. Nothing
here talks to GitHub, DynamoDB or Step Functions.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol

FileMode = Literal["100644", "100755"]
REGULAR_FILE: FileMode = "100644"
EXECUTABLE_FILE: FileMode = "100755"


class StrategyKind(StrEnum):
    """How a strategy changes things: it re-runs the failed jobs, or it proposes a commit in a pull request."""

    RERUN = "rerun"
    PULL_REQUEST = "pull_request"


@dataclass(frozen=True, slots=True)
class RepositoryFile:
    """A file at the failing commit: its path from the repository root, its bytes and its Git mode."""

    path: str
    content: bytes
    mode: FileMode = REGULAR_FILE

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")


class RepositoryFiles(Protocol):
    """Read access to the repository at the failing commit."""

    def read(self, path: str) -> RepositoryFile | None:
        """The file at ``path`` (no leading ``./`` or ``/``), or None if there is no such file."""
        ...

    def exists(self, path: str) -> bool:
        """Whether a file or directory exists at ``path``."""
        ...


@dataclass(frozen=True, slots=True)
class FileEdit:
    """One file as the fix leaves it. ``content`` None keeps the bytes and changes only the mode."""

    path: str
    before: RepositoryFile
    content: bytes | None = None
    mode: FileMode | None = None

    @property
    def new_content(self) -> bytes:
        return self.before.content if self.content is None else self.content

    @property
    def new_mode(self) -> FileMode:
        return self.before.mode if self.mode is None else self.mode

    @property
    def changes_anything(self) -> bool:
        return self.new_content != self.before.content or self.new_mode != self.before.mode

    def diff(self) -> str:
        """The edit as ``git diff`` shows it: mode lines, then a unified diff of the text."""
        header = [f"diff --git a/{self.path} b/{self.path}"]
        if self.new_mode != self.before.mode:
            header += [f"old mode {self.before.mode}", f"new mode {self.new_mode}"]
        body: list[str] = []
        if self.new_content != self.before.content:
            body = list(
                difflib.unified_diff(
                    self.before.content.decode("utf-8").splitlines(keepends=True),
                    self.new_content.decode("utf-8").splitlines(keepends=True),
                    fromfile=f"a/{self.path}",
                    tofile=f"b/{self.path}",
                )
            )
            body = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in body]
        return "\n".join(header) + "\n" + "".join(body)


@dataclass(frozen=True, slots=True)
class ProposedChange:
    """What a pull-request strategy would commit: the edited files, a one-line summary and an explanation."""

    edits: tuple[FileEdit, ...]
    summary: str  # the commit's subject, e.g. "Bump actions/upload-artifact from v3 to v4"
    explanation: str  # why this fixes the failure, for the pull request body
    notes: tuple[str, ...] = field(default=())  # what a reviewer should check (breaking changes, ...)

    def __post_init__(self) -> None:
        if not self.edits or not all(edit.changes_anything for edit in self.edits):
            raise ValueError("a proposed change must change every file it lists")

    def diff(self) -> str:
        return "".join(edit.diff() for edit in self.edits)


@dataclass(frozen=True, slots=True)
class Decline:
    """A strategy cannot (or must not) fix this failure; ``reason`` says why, for the attempt record."""

    reason: str


@dataclass(frozen=True, slots=True)
class Applicability:
    """Why a strategy applies to a failure, and how well it fits (0..1): part of its priority."""

    reason: str
    fit: float

    def __post_init__(self) -> None:
        if not 0.0 < self.fit <= 1.0:
            raise ValueError(f"fit must be in (0, 1], got {self.fit}")
