"""What every resource of the local GitHub shares: recorded response shapes, answers, faults, pagination."""

from __future__ import annotations

import base64
import fnmatch
import json
import math
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

RECORDINGS_DIR = Path(__file__).resolve().parent.parent / "recordings"
DOCS = "https://docs.github.com/rest"
RATE_LIMIT = 5000
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
REPO_PATH = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"


@cache
def _recording_text(name: str) -> str:
    return (RECORDINGS_DIR / f"{name}.json").read_text(encoding="utf-8")


def recording(name: str) -> Any:
    """A fresh copy of a recorded response, placeholders still in."""
    return json.loads(_recording_text(name))


def render(template: Any, values: Mapping[str, Any]) -> Any:
    """Fill ``{{name}}`` placeholders; a string that is only a placeholder takes the value's type (ids stay ints)."""
    if isinstance(template, str):
        whole = _PLACEHOLDER.fullmatch(template)
        if whole is not None:
            return values[whole.group(1)]
        return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)
    if isinstance(template, dict):
        return {key: render(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [render(item, values) for item in template]
    return template


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def node_id(kind: str, number: int | str) -> str:
    return base64.b64encode(f"{kind}{number}".encode()).decode()


@dataclass(slots=True)
class Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    file: tuple[Path, int, int] | None = None  # (path, offset, length) streamed instead of body


def json_response(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> Response:
    response = Response(status=status, body=json.dumps(payload).encode())
    response.headers["Content-Type"] = "application/json; charset=utf-8"
    response.headers.update(headers or {})
    return response


def error(status: int, message: str, errors: list[dict[str, Any]] | None = None) -> Response:
    """GitHub's error body: a message, the documentation URL, the status; validation errors list their fields."""
    payload: dict[str, Any] = {"message": message, "documentation_url": DOCS, "status": str(status)}
    if errors:
        payload["errors"] = errors
    return json_response(status, payload)


def validation_failed(resource: str, field_name: str, code: str, message: str | None = None) -> Response:
    """422 as GitHub words it: "Validation Failed" with one error naming the resource, field and code."""
    detail: dict[str, Any] = {"resource": resource, "field": field_name, "code": code}
    if message:
        detail["message"] = message
    return error(422, "Validation Failed", [detail])


def json_body(body: bytes) -> dict[str, Any] | None:
    """The request's JSON object, or None when it is not one (GitHub answers 400 "Problems parsing JSON")."""
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def paginate(api_url: str, path: str, query: Mapping[str, str], items: list[Any]) -> tuple[list[Any], dict[str, str]]:
    """One page of ``items`` and the ``Link`` header GitHub sends with it (per_page 30 by default, at most 100)."""
    per_page = min(100, max(1, int(query.get("per_page", "30"))))
    page = max(1, int(query.get("page", "1")))
    last = max(1, math.ceil(len(items) / per_page))
    chosen = items[(page - 1) * per_page : page * per_page]

    def link(number: int) -> str:
        params = {**query, "per_page": str(per_page), "page": str(number)}
        return f"<{api_url}{path}?{urlencode(params)}>"

    links = []
    if page < last:
        links += [f'{link(page + 1)}; rel="next"', f'{link(last)}; rel="last"']
    if page > 1:
        links += [f'{link(page - 1)}; rel="prev"', f'{link(1)}; rel="first"']
    return chosen, ({"Link": ", ".join(links)} if links else {})


# -- faults ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fault:
    """An error answer to inject. Build with the class methods; ``reset_in_seconds`` is relative to the answer."""

    status: int
    message: str
    headers: tuple[tuple[str, str], ...] = ()
    reset_in_seconds: int | None = None

    @classmethod
    def server_error(cls, status: int = 502) -> Fault:
        return cls(status=status, message="Server Error")

    @classmethod
    def rate_limit_exhausted(cls, reset_in_seconds: int = 60, status: int = 403) -> Fault:
        """Primary rate limit: 403 (or 429), x-ratelimit-remaining 0 and x-ratelimit-reset."""
        return cls(
            status=status,
            message="API rate limit exceeded for installation ID 1.",
            reset_in_seconds=reset_in_seconds,
        )

    @classmethod
    def secondary_rate_limit(cls, retry_after_seconds: int = 30, status: int = 429) -> Fault:
        """Secondary rate limit: 429 (or 403) with Retry-After."""
        return cls(
            status=status,
            message="You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            headers=(("Retry-After", str(retry_after_seconds)),),
        )

    @classmethod
    def gone(cls) -> Fault:
        """What GitHub answers for a job log past retention."""
        return cls(status=410, message="Server Error")

    @classmethod
    def not_found(cls) -> Fault:
        return cls(status=404, message="Not Found")

    def response(self) -> Response:
        answer = error(self.status, self.message)
        answer.headers.update(dict(self.headers))
        if self.reset_in_seconds is not None:
            answer.headers.update(
                {
                    "x-ratelimit-limit": str(RATE_LIMIT),
                    "x-ratelimit-remaining": "0",
                    "x-ratelimit-used": str(RATE_LIMIT),
                    "x-ratelimit-reset": str(int(time.time()) + self.reset_in_seconds),
                    "x-ratelimit-resource": "core",
                }
            )
        return answer


@dataclass(slots=True)
class FaultRule:
    pattern: str
    method: str | None
    fault: Fault
    remaining: int
    every: int = 1  # the fault answers every n-th matching request; the others are answered normally
    seen: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            self.remaining > 0
            and (self.method is None or self.method == method)
            and fnmatch.fnmatchcase(path, self.pattern)
        )

    def take(self) -> bool:
        """Count a matching request; True when this one gets the fault."""
        self.seen += 1
        if self.seen % self.every:
            return False
        self.remaining -= 1
        return True


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: Mapping[str, str]  # names lower-cased
    body: bytes
    status: int
    response: bytes = b""  # the answer's body (empty for a streamed file), for the contract tests
    response_type: str = ""

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def response_json(self) -> Any:
        return (
            json.loads(self.response) if self.response and self.response_type.startswith("application/json") else None
        )


Handler = Callable[..., Response]
Route = tuple[str, "re.Pattern[str]", Handler]


def route(method: str, pattern: str, handler: Handler) -> Route:
    return (method, re.compile(pattern), handler)
