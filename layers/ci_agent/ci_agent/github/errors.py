"""What can go wrong when talking to GitHub, as domain exceptions the SQS worker can act on.

The gateway translates PyGithub and requests exceptions into these (``raise ... from exc``), so callers
decide on the type alone: retry later (``RateLimited``, ``GitHubUnavailable``), give up on the log
(``LogsUnavailable``), or fail (``GitHubError``). The classification itself is pure and lives here.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

# GitHub: "Otherwise, wait for at least one minute before retrying" (secondary limits without headers).
DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60


class GitHubError(Exception):
    """GitHub answered with an error, or could not be asked. ``status`` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status

    @property
    def retryable(self) -> bool:
        return False


class LogsUnavailable(GitHubError):
    """The job's log is gone for good: expired (retention), deleted, or never produced (404 / 410)."""


class JobUnreadable(LogsUnavailable):
    """The job itself answers 404: a private repository these credentials cannot read (a token without access,
    an App not installed there), or no such job. Its log is out of reach, but not because it expired."""


class RateLimited(GitHubError):
    """GitHub refused because of a primary or secondary rate limit; try again after ``retry_after_seconds``."""

    def __init__(self, message: str, *, status: int | None = None, retry_after_seconds: int) -> None:
        super().__init__(message, status=status)
        self.retry_after_seconds = retry_after_seconds

    @property
    def retryable(self) -> bool:
        return True


class GitHubUnavailable(GitHubError):
    """A 5xx answer, a timeout or a connection failure: worth retrying later."""

    @property
    def retryable(self) -> bool:
        return True


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return str(value)
    return None


def retry_after_seconds(headers: Mapping[str, str], now: float | None = None) -> int:
    """How long GitHub asks us to wait, per its rate-limit rules, in whole seconds (at least 1).

    ``retry-after`` wins (seconds or an HTTP date); then ``x-ratelimit-reset`` (epoch seconds) when
    ``x-ratelimit-remaining`` is 0; otherwise a minute, as GitHub advises for secondary limits.
    """
    now = time.time() if now is None else now
    retry_after = _header(headers, "retry-after")
    if retry_after is not None:
        retry_after = retry_after.strip()
        if retry_after.isdigit():
            return max(1, int(retry_after))
        try:
            when = parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(1, math.ceil(when.timestamp() - now))
    remaining = _header(headers, "x-ratelimit-remaining")
    reset = _header(headers, "x-ratelimit-reset")
    if remaining is not None and remaining.strip() == "0" and reset is not None:
        try:
            reset_at = float(reset)
        except ValueError:
            return DEFAULT_RATE_LIMIT_WAIT_SECONDS
        # +1: the reset happens somewhere within that second.
        return max(1, math.ceil(reset_at - now) + 1)
    return DEFAULT_RATE_LIMIT_WAIT_SECONDS


def is_rate_limited(status: int, headers: Mapping[str, str], message: str | None) -> bool:
    """GitHub signals rate limits with 429, or with 403 plus exhausted quota, ``retry-after`` or its message.

    A 403 without any of those is a permission problem, not a rate limit.
    """
    if status == 429:
        return True
    if status != 403:
        return False
    remaining = _header(headers, "x-ratelimit-remaining")
    if remaining is not None and remaining.strip() == "0":
        return True
    if _header(headers, "retry-after") is not None:
        return True
    return "rate limit" in (message or "").lower()


def error_for_status(
    status: int,
    headers: Mapping[str, str],
    message: str | None,
    *,
    what: str,
    logs: bool = False,
    now: float | None = None,
) -> GitHubError:
    """The domain exception for an HTTP error answer. ``logs``: 404/410 mean the log is gone."""
    detail = f"{what}: GitHub answered {status}" + (f" ({message})" if message else "")
    if is_rate_limited(status, headers, message):
        wait = retry_after_seconds(headers, now)
        return RateLimited(f"{detail}; retry in {wait}s", status=status, retry_after_seconds=wait)
    if logs and status in (404, 410):
        return LogsUnavailable(detail, status=status)
    if status >= 500:
        return GitHubUnavailable(detail, status=status)
    return GitHubError(detail, status=status)
