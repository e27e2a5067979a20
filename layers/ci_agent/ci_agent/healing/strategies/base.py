"""What every fix strategy is: a name, a version, a kind, a cost, and the two questions the flow asks it.

``applies(failure)`` is cheap and pure (the failure record only): it decides whether the strategy is a
candidate at all. ``propose(failure, files)`` (pull-request strategies) reads the repository at the failing
commit and returns the exact change, or a :class:`Decline` saying why not. Neither talks to GitHub: the flow
reads the files and commits the change through the gateway, after the guardrails have seen it.
"""

from __future__ import annotations

from typing import Protocol

from ci_agent.healing.model import (
    Applicability,
    Decline,
    ProposedChange,
    RepositoryFile,
    RepositoryFiles,
    StrategyKind,
)
from ci_agent.store.records import FailureRecord

# The largest file a strategy edits. GitHub's contents API serves a file's content up to 1 MB; a workflow,
# dependency list or source file beyond that is generated, not written by hand, and editing it would hold its
# lines in memory several times over (before, after, the diff) in a function of 1 GB.
MAX_EDITED_FILE_BYTES = 1 << 20


class FixStrategy(Protocol):
    name: str  # stable, used in records and learned rates: "bump-deprecated-action"
    version: str  # bumped when what it proposes changes: a maintainer's rejection holds until then
    kind: StrategyKind
    cost: float  # relative cost of trying it (CI minutes, a reviewer's time): divides its priority

    def applies(self, failure: FailureRecord) -> Applicability | None:
        """Why this strategy could fix ``failure`` and how well it fits, or None if it cannot."""
        ...


class PullRequestStrategy(FixStrategy, Protocol):
    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        """The exact change that fixes ``failure``, or why it declines (file layout not understood, ...)."""
        ...


def failure_text(failure: FailureRecord) -> list[str]:
    """The lines a strategy may read: the culprit first, then the supporting error lines (all redacted)."""
    lines = [failure.culprit.text] if failure.culprit else []
    lines += [line.text for line in failure.error_lines if failure.culprit is None or line != failure.culprit]
    return lines


def too_large(file: RepositoryFile) -> Decline | None:
    """A decline for a file over :data:`MAX_EDITED_FILE_BYTES`, else None."""
    if len(file.content) <= MAX_EDITED_FILE_BYTES:
        return None
    return Decline(
        f"{file.path} is {len(file.content):,} bytes: over the {MAX_EDITED_FILE_BYTES:,} bytes a fix edits "
        "(a file that large is generated, not written by hand)"
    )
