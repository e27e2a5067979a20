"""How GitHub's error answers become domain errors, and how long a rate limit asks us to wait."""

from __future__ import annotations

import pytest

from ci_agent.github.errors import (
    DEFAULT_RATE_LIMIT_WAIT_SECONDS,
    GitHubError,
    GitHubUnavailable,
    LogsUnavailable,
    RateLimited,
    error_for_status,
    is_rate_limited,
    retry_after_seconds,
)

NOW = 1_700_000_000.0


def test_retry_after_in_seconds_wins() -> None:
    headers = {"Retry-After": "45", "x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) + 900)}

    assert retry_after_seconds(headers, now=NOW) == 45


def test_retry_after_as_an_http_date() -> None:
    assert retry_after_seconds({"retry-after": "Tue, 14 Nov 2023 22:15:00 GMT"}, now=NOW) == 100


def test_exhausted_quota_waits_until_the_reset_plus_a_second() -> None:
    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 120)}

    assert retry_after_seconds(headers, now=NOW) == 121


def test_a_reset_in_the_past_still_waits_a_little() -> None:
    headers = {"x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(NOW) - 30)}

    assert retry_after_seconds(headers, now=NOW) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-ratelimit-remaining": "12", "x-ratelimit-reset": str(int(NOW) + 120)},
        {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "soon"},
        {"retry-after": "whenever"},
    ],
)
def test_without_usable_headers_wait_a_minute(headers: dict[str, str]) -> None:
    assert retry_after_seconds(headers, now=NOW) == DEFAULT_RATE_LIMIT_WAIT_SECONDS == 60


@pytest.mark.parametrize(
    ("status", "headers", "message", "limited"),
    [
        (429, {}, None, True),
        (403, {"x-ratelimit-remaining": "0"}, None, True),
        (403, {"Retry-After": "10"}, None, True),
        (403, {}, "You have exceeded a secondary rate limit", True),
        (403, {}, "API rate limit exceeded for user ID 1.", True),
        (403, {"x-ratelimit-remaining": "4999"}, "Resource not accessible by integration", False),
        (404, {"x-ratelimit-remaining": "0"}, "Not Found", False),
        (500, {}, None, False),
    ],
)
def test_rate_limit_detection(status: int, headers: dict[str, str], message: str | None, limited: bool) -> None:
    assert is_rate_limited(status, headers, message) is limited


@pytest.mark.parametrize(
    ("status", "logs", "expected"),
    [
        (404, True, LogsUnavailable),
        (410, True, LogsUnavailable),
        (404, False, GitHubError),
        (500, False, GitHubUnavailable),
        (502, True, GitHubUnavailable),
        (401, False, GitHubError),
        (422, False, GitHubError),
    ],
)
def test_error_for_status(status: int, logs: bool, expected: type[GitHubError]) -> None:
    error = error_for_status(status, {}, "Boom", what="log of job 1 in o/r", logs=logs, now=NOW)

    assert type(error) is expected
    assert error.status == status
    assert str(error) == f"log of job 1 in o/r: GitHub answered {status} (Boom)"


def test_a_rate_limit_wins_over_everything_else() -> None:
    error = error_for_status(429, {"Retry-After": "7"}, None, what="x", logs=True, now=NOW)

    assert isinstance(error, RateLimited)
    assert (error.status, error.retry_after_seconds, error.retryable) == (429, 7, True)
    assert str(error) == "x: GitHub answered 429; retry in 7s"


def test_only_transient_errors_are_retryable() -> None:
    assert GitHubUnavailable("down").retryable
    assert not LogsUnavailable("gone", status=410).retryable
    assert not GitHubError("bad", status=401).retryable
