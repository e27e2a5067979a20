"""The fix flow's vocabulary: what a strategy sees of a repository, what it proposes, and why it declines.

Pure data: strategies read files through :class:`RepositoryFiles` (the GitHub gateway implements it at the
failing commit; tests hand in a dictionary) and return a :class:`ProposedChange` or a :class:`Decline`. Nothing
here talks to GitHub, DynamoDB or Step Functions.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, Protocol

FileMode = Literal["100644", "100755"]
REGULAR_FILE: FileMode = "100644"
EXECUTABLE_FILE: FileMode = "100755"
Opcode = tuple[str, int, int, int, int]  # difflib's (tag, i1, i2, j1, j2)


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
            old = self.before.content.decode("utf-8").splitlines(keepends=True)
            new = self.new_content.decode("utf-8").splitlines(keepends=True)
            body = _unified_diff(old, new, f"a/{self.path}", f"b/{self.path}")
            body = [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in body]
        return "\n".join(header) + "\n" + "".join(body)


def line_opcodes(old: Sequence[str], new: Sequence[str]) -> list[Opcode]:
    """``difflib.SequenceMatcher(None, old, new).get_opcodes()``, matched only where the two differ.

    The lines both share at the start and at the end are equal without asking: a fix changes a few lines of a
    file, and SequenceMatcher's longest-match search is quadratic in the lines it is given when they repeat (ten
    thousand identical lines took 15 s). ``autojunk`` stays off: its heuristic would misplace popular lines.
    """
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, old[head : len(old) - tail], new[head : len(new) - tail], autojunk=False)
    codes = [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle.get_opcodes()]
    if head:
        codes.insert(0, ("equal", 0, head, 0, head))
    if tail:
        codes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    merged: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if i1 == i2 and j1 == j2:
            continue  # the middle's "equal" of no lines, when nothing is left between head and tail
        if merged and tag == "equal" == merged[-1][0]:
            merged[-1] = ("equal", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _unified_diff(old: Sequence[str], new: Sequence[str], fromfile: str, tofile: str, context: int = 3) -> list[str]:
    """``difflib.unified_diff(old, new, fromfile, tofile)``'s lines, over :func:`line_opcodes`."""
    lines: list[str] = []
    for group in _hunks(line_opcodes(old, new), context):
        if not lines:
            lines += [f"--- {fromfile}\n", f"+++ {tofile}\n"]
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [" " + line for line in old[i1:i2]]
                continue
            lines += ["-" + line for line in old[i1:i2]]
            lines += ["+" + line for line in new[j1:j2]]
    return lines


def _hunks(codes: list[Opcode], context: int) -> list[list[Opcode]]:
    """The opcodes in hunks with ``context`` equal lines around each change: what
    ``SequenceMatcher.get_grouped_opcodes`` does with the opcodes it matched itself."""
    if not codes:
        return []
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = (tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = (tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))
    hunks: list[list[Opcode]] = []
    hunk: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            hunk.append((tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            hunks.append(hunk)
            hunk = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        hunk.append((tag, i1, i2, j1, j2))
    if hunk and not (len(hunk) == 1 and hunk[0][0] == "equal"):
        hunks.append(hunk)
    return hunks


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it: 1-based start, and the length unless it is 1."""
    length = stop - start
    beginning = start + 1
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range starts on the line before it
    return f"{beginning},{length}"


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
