"""The one pull-request comment ci-agent keeps up to date: what failed, why, and what history says about it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ci_agent.analysis import LogLine
from ci_agent.github.gateway import DEFAULT_COMMENT_MARKER
from ci_agent.store.records import FailureRecord, FixAttemptRecord, SignatureHistory

if TYPE_CHECKING:
    import jinja2

COMMENT_MARKER = DEFAULT_COMMENT_MARKER  # the stage's own marker comes from ci_agent.github.model.comment_marker
MAX_SUPPORTING_LINES = 4
MAX_INLINE_CHARS = 200
# GitHub refuses a comment body over 65536 characters (422). Counting UTF-8 bytes instead keeps us under that
# whichever way GitHub counts (code points or UTF-16 units are never more than UTF-8 bytes).
MAX_COMMENT_BYTES = 65536

# CommonMark ends a line at LF, CR or CR LF: a log line with a bare CR (progress output) would otherwise
# close the code span or fence it sits in and let the rest of it render as Markdown.
_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " "})
_MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()<>#+-.!|~&")
MAX_PLAIN_CHARS = 600


@dataclass(frozen=True, slots=True)
class CommentItem:
    record: FailureRecord
    history: SignatureHistory
    supporting: tuple[LogLine, ...]
    last_fix: FixAttemptRecord | None = None  # ci-agent's fix that worked when the signature was last resolved


def _inline_code(text: str) -> str:
    # Backticks or a line break would close the code span; long lines would swamp the comment.
    text = text.translate(_LINE_BREAKS).replace("`", "'")
    return text if len(text) <= MAX_INLINE_CHARS else text[: MAX_INLINE_CHARS - 1] + "…"


def _plain(text: str) -> str:
    # Prose that may quote names from the repository: every Markdown punctuation mark escaped (CommonMark lets
    # any ASCII punctuation be), and no @mention or #reference that would notify someone.
    text = text[:MAX_PLAIN_CHARS].translate(_LINE_BREAKS)
    text = "".join("\\" + char if char in _MARKDOWN_PUNCTUATION else char for char in text)
    return text.replace("@", "@\u200b")


def _fence_safe(text: str) -> str:
    # One line inside the fence: no line break to leave the list item, no backtick run to close the fence.
    return text.translate(_LINE_BREAKS).replace("```", "'''")


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days"


def markdown_environment() -> jinja2.Environment:
    """The jinja2 environment for ci-agent's Markdown (comments, fix pull requests), with its safe filters."""
    return _environment()


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # only the worker renders comments: keep jinja2 out of the ingress cold start

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("ci_agent.service", "templates"),
        # Markdown, not HTML: escaping would garble it. Untrusted text is confined to code spans and fences.
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    environment.filters.update(inline_code=_inline_code, plain=_plain, fence_safe=_fence_safe, duration=_duration)
    return environment


def render_failure_comment(
    items: Sequence[CommentItem],
    ruleset_version: str,
    *,
    max_bytes: int = MAX_COMMENT_BYTES,
    marker: str = COMMENT_MARKER,
) -> str:
    """The Markdown body of the pull-request comment, hidden marker first so it can be found again.

    ``items`` are oldest first. When they do not all fit in ``max_bytes`` (GitHub's limit), the newest that fit
    are shown and the comment says how many earlier ones were left out.
    """
    template = _environment().get_template("pr_comment.md.j2")
    all_resolved = bool(items) and all(item.record.is_resolved for item in items)

    def render(shown: int) -> str:
        return template.render(
            marker=marker,
            failures=items[len(items) - shown :] if shown else (),
            omitted=len(items) - shown,
            all_resolved=all_resolved,
            ruleset_version=ruleset_version,
        )

    shown = len(items)
    body = render(shown)
    while shown and (size := len(body.encode("utf-8"))) > max_bytes:
        # Shrink in proportion to the excess (items are of similar size), by one at least.
        shown = max(0, min(shown - 1, shown * max_bytes // size))
        body = render(shown)
    return body


def comment_item(
    record: FailureRecord, history: SignatureHistory, last_fix: FixAttemptRecord | None = None
) -> CommentItem:
    supporting = tuple(line for line in record.error_lines if record.culprit is None or line != record.culprit)
    return CommentItem(record, history, supporting[:MAX_SUPPORTING_LINES], last_fix)
