"""A local GitHub: the REST endpoints ci-agent uses, answered from recorded responses on 127.0.0.1.

Tests and the local stack point ``PyGithubGateway`` at ``LocalGitHub.api_url`` and exercise the real
PyGithub code over real HTTP. Responses come from the JSON recordings in ``recordings/`` (shaped like
GitHub's, taken from octokit's webhook payload examples) with ``{{placeholders}}`` filled per request,
so any owner/repo/run/job id works. Job logs are served from ``<fixtures_dir>/<owner>/<repo>/jobs/<job_id>.log``
(or ``add_log``) through a 302 to a blob URL on the same server, as GitHub redirects to its log store.
Comments posted or edited are kept in memory (``comments``), every request is recorded (``received``),
and faults can be injected for the next N requests to a path (``inject_fault``).

Any ``Authorization`` is accepted; the App token exchange (``POST /app/installations/{id}/access_tokens``)
checks only that a JWT was sent, and issues a token.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import json
import math
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, urlencode, urlsplit

RECORDINGS_DIR = Path(__file__).parent / "recordings"
DOCS = "https://docs.github.com/rest"
DEFAULT_HEAD_SHA = "3484a3fb816e0859fd6e1cea078d76385ff50625"
RATE_LIMIT = 5000
JOB_IDS_PER_RUN = 100  # unregistered runs: job ids are run_id * 100 + position, so a job id names its run
BLOB_CHUNK = 64 * 1024
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_REPO = r"/repos/(?P<owner>[^/]+)/(?P<repo>[^/]+)"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


# -- recordings ------------------------------------------------------------------------------------


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


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"{kind}{number}".encode()).decode()


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


@dataclass(slots=True)
class _FaultRule:
    pattern: str
    method: str | None
    fault: Fault
    remaining: int

    def matches(self, method: str, path: str) -> bool:
        return (
            self.remaining > 0
            and (self.method is None or self.method == method)
            and fnmatch.fnmatchcase(path, self.pattern)
        )


# -- what tests can inspect ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordedRequest:
    method: str
    path: str
    query: str
    headers: Mapping[str, str]  # names lower-cased
    body: bytes
    status: int


@dataclass(frozen=True, slots=True)
class RecordedComment:
    id: int
    body: str
    author: str
    created_at: str
    updated_at: str
    edits: int


@dataclass(frozen=True, slots=True)
class IssuedToken:
    installation_id: int
    app_id: str | None  # the JWT's "iss"
    token: str


@dataclass(slots=True)
class _Comment:
    id: int
    repo: str
    pr_number: int
    body: str
    author: str
    bot: bool
    created_at: float
    updated_at: float
    edits: int = 0

    def snapshot(self) -> RecordedComment:
        return RecordedComment(
            id=self.id,
            body=self.body,
            author=self.author,
            created_at=_iso(self.created_at),
            updated_at=_iso(self.updated_at),
            edits=self.edits,
        )


@dataclass(slots=True)
class _Response:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    file: tuple[Path, int, int] | None = None  # (path, offset, length) streamed instead of body


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    github: LocalGitHub


# -- the server ------------------------------------------------------------------------------------


class LocalGitHub:
    """GitHub's REST API as ci-agent uses it, on ``127.0.0.1`` and an ephemeral port.

    ``fixtures_dir`` holds ``<owner>/<repo>/jobs/<job_id>.log`` files and, optionally,
    ``<owner>/<repo>/runs/<run_id>/jobs.json`` (a list of job fields merged over the recorded job).
    ``missing_log_status`` is what ``.../jobs/{id}/logs`` answers without a log (404; GitHub also uses 410).
    ``serve_ranges=False`` makes the blob store ignore ``Range``, as a store without range support would.
    """

    def __init__(
        self,
        fixtures_dir: str | Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        html_url: str = "https://github.com",
        missing_log_status: int = 404,
        serve_ranges: bool = True,
        bot_login: str = "ci-agent[bot]",
    ) -> None:
        self.fixtures_dir = Path(fixtures_dir) if fixtures_dir is not None else None
        self.html_url = html_url.rstrip("/")
        self.missing_log_status = missing_log_status
        self.serve_ranges = serve_ranges
        self.bot_login = bot_login
        self._address = (host, port)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._started_at = time.time()
        self._logs: dict[tuple[str, int], bytes] = {}
        self._run_jobs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self._pulls: dict[tuple[str, int], dict[str, Any]] = {}
        self._comments: dict[int, _Comment] = {}
        self._next_comment_id = 1_000_001
        self._faults: list[_FaultRule] = []
        self._interleaved: list[tuple[str, str | None, Callable[[], None]]] = []
        self._requests: list[RecordedRequest] = []
        self._api_requests = 0  # what the x-ratelimit-* headers count (blob downloads are not API calls)
        self._tokens: list[IssuedToken] = []
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., _Response]]] = [
            ("GET", re.compile(r"/rate_limit"), self._get_rate_limit),
            ("POST", re.compile(r"/app/installations/(?P<installation_id>\d+)/access_tokens"), self._post_token),
            ("GET", re.compile(_REPO), self._get_repository),
            ("GET", re.compile(_REPO + r"/actions/runs/(?P<run_id>\d+)"), self._get_run),
            ("GET", re.compile(_REPO + r"/actions/runs/(?P<run_id>\d+)/jobs"), self._get_run_jobs),
            ("GET", re.compile(_REPO + r"/actions/jobs/(?P<job_id>\d+)"), self._get_job),
            ("GET", re.compile(_REPO + r"/actions/jobs/(?P<job_id>\d+)/logs"), self._get_job_logs),
            ("GET", re.compile(r"/_blobs/(?P<owner>[^/]+)/(?P<repo>[^/]+)/jobs/(?P<job_id>\d+)\.log"), self._get_blob),
            ("GET", re.compile(_REPO + r"/pulls/(?P<number>\d+)"), self._get_pull),
            ("GET", re.compile(_REPO + r"/commits/(?P<sha>[^/]+)/pulls"), self._get_commit_pulls),
            ("GET", re.compile(_REPO + r"/issues/(?P<number>\d+)/comments"), self._list_comments),
            ("POST", re.compile(_REPO + r"/issues/(?P<number>\d+)/comments"), self._create_comment),
            ("GET", re.compile(_REPO + r"/issues/comments/(?P<comment_id>\d+)"), self._get_comment),
            ("PATCH", re.compile(_REPO + r"/issues/comments/(?P<comment_id>\d+)"), self._edit_comment),
            ("DELETE", re.compile(_REPO + r"/issues/comments/(?P<comment_id>\d+)"), self._delete_comment),
        ]

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> LocalGitHub:
        if self._httpd is not None:
            return self
        httpd = _HTTPServer(self._address, _Handler)
        httpd.github = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="local-github", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        self._httpd = self._thread = None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> LocalGitHub:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def api_url(self) -> str:
        """The base URL to hand to PyGithub (``base_url``), e.g. ``http://127.0.0.1:54321``."""
        if self._httpd is None:
            raise RuntimeError("LocalGitHub is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- seeding -----------------------------------------------------------------------------------

    def add_log(self, repo: str, job_id: int, content: bytes | str) -> None:
        """Serve this log for the job (takes precedence over a fixture file)."""
        with self._lock:
            self._logs[(repo, job_id)] = content.encode() if isinstance(content, str) else content

    def set_run_jobs(self, repo: str, run_id: int, jobs: Sequence[Mapping[str, Any]]) -> list[int]:
        """The run's jobs: each mapping is merged over the recorded job (e.g. name, conclusion, steps, id).

        Returns the job ids (``id`` when given, else ``run_id * 100 + position``).
        """
        specs = [dict(job) for job in jobs]
        for position, spec in enumerate(specs, start=1):
            spec.setdefault("id", run_id * JOB_IDS_PER_RUN + position)
        with self._lock:
            self._run_jobs[(repo, run_id)] = specs
        return [int(spec["id"]) for spec in specs]

    def add_pull_request(self, repo: str, number: int, *, head_sha: str, state: str = "open") -> None:
        with self._lock:
            self._pulls[(repo, number)] = {"head_sha": head_sha, "state": state}

    def add_comment(
        self, repo: str, pr_number: int, body: str, *, author: str = "octocat", by_bot: bool = False
    ) -> int:
        """Seed a comment by someone else (editing it through the API answers 403, as on GitHub), or with
        ``by_bot`` one by the agent itself (another worker's, say)."""
        with self._lock:
            if by_bot:
                return self._store_comment(repo, pr_number, body, author=self.bot_login, bot=True).id
            return self._store_comment(repo, pr_number, body, author=author, bot=False).id

    def interleave(self, path: str, action: Callable[[], None], *, method: str | None = None) -> None:
        """Run ``action`` once, just before answering the next request matching ``path`` (a glob): what a
        concurrent client did between two of ours, made deterministic."""
        with self._lock:
            self._interleaved.append((path, method, action))

    # -- faults ------------------------------------------------------------------------------------

    def inject_fault(self, path: str, fault: Fault, *, times: int = 1, method: str | None = None) -> None:
        """Answer the next ``times`` requests whose path matches ``path`` (a glob, no query) with ``fault``."""
        with self._lock:
            self._faults.append(_FaultRule(pattern=path, method=method, fault=fault, remaining=times))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    # -- inspection --------------------------------------------------------------------------------

    def comments(self, repo: str, pr_number: int) -> list[RecordedComment]:
        """The comments on the pull request now, oldest first, with their latest bodies."""
        with self._lock:
            found = [c for c in self._comments.values() if c.repo == repo and c.pr_number == pr_number]
            return [comment.snapshot() for comment in sorted(found, key=lambda c: c.id)]

    def received(self, path: str = "*", method: str | None = None) -> list[RecordedRequest]:
        """The requests answered so far whose path matches the glob ``path``, in order."""
        with self._lock:
            return [
                request
                for request in self._requests
                if fnmatch.fnmatchcase(request.path, path) and (method is None or request.method == method)
            ]

    def access_tokens_issued(self) -> list[IssuedToken]:
        with self._lock:
            return list(self._tokens)

    # -- dispatch (called from handler threads) ----------------------------------------------------

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> _Response:
        split = urlsplit(target)
        path = split.path.rstrip("/") or "/"
        query = dict(parse_qsl(split.query))
        lowered = {name.lower(): value for name, value in headers.items()}
        with self._lock:
            fault = self._take_fault(method, path)
            action = self._take_interleaved(method, path)
        if action is not None:
            action()
        response = self._route(method, path, query, lowered, body) if fault is None else self._fault_response(fault)
        with self._lock:
            self._requests.append(RecordedRequest(method, path, split.query, lowered, body, response.status))
            if not path.startswith("/_blobs/"):
                self._api_requests += 1
                # An injected rate-limit fault brings its own x-ratelimit-* headers: keep those.
                response.headers = {**self._rate_headers(), **response.headers}
        return response

    def _route(
        self, method: str, path: str, query: dict[str, str], headers: Mapping[str, str], body: bytes
    ) -> _Response:
        for route_method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match is None or route_method != method:
                continue
            try:
                return handler(**match.groupdict(), path=path, query=query, headers=headers, body=body)
            except Exception as exc:  # a bug here must show up in the test as a 500, not hang it
                return self._error(500, f"LocalGitHub failed: {type(exc).__name__}: {exc}")
        return self._error(404, "Not Found")  # GitHub answers 404 for unknown paths and methods alike

    def _take_interleaved(self, method: str, path: str) -> Callable[[], None] | None:
        for index, (pattern, wanted, action) in enumerate(self._interleaved):
            if (wanted is None or wanted == method) and fnmatch.fnmatchcase(path, pattern):
                del self._interleaved[index]
                return action
        return None

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for rule in self._faults:
            if rule.matches(method, path):
                rule.remaining -= 1
                return rule.fault
        return None

    def _fault_response(self, fault: Fault) -> _Response:
        response = self._error(fault.status, fault.message)
        response.headers.update(dict(fault.headers))
        if fault.reset_in_seconds is not None:
            response.headers.update(
                {
                    "x-ratelimit-limit": str(RATE_LIMIT),
                    "x-ratelimit-remaining": "0",
                    "x-ratelimit-used": str(RATE_LIMIT),
                    "x-ratelimit-reset": str(int(time.time()) + fault.reset_in_seconds),
                    "x-ratelimit-resource": "core",
                }
            )
        return response

    def _rate_headers(self) -> dict[str, str]:
        used = self._api_requests
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(max(0, RATE_LIMIT - used)),
            "x-ratelimit-used": str(used),
            "x-ratelimit-reset": str(int(self._started_at) + 3600),
            "x-ratelimit-resource": "core",
        }

    # -- responses ---------------------------------------------------------------------------------

    @staticmethod
    def _json(status: int, payload: Any, headers: Mapping[str, str] | None = None) -> _Response:
        response = _Response(status=status, body=json.dumps(payload).encode())
        response.headers["Content-Type"] = "application/json; charset=utf-8"
        response.headers.update(headers or {})
        return response

    def _error(self, status: int, message: str) -> _Response:
        return self._json(status, {"message": message, "documentation_url": DOCS, "status": str(status)})

    def _values(self, owner: str, repo: str, **extra: Any) -> dict[str, Any]:
        now = time.time()
        values: dict[str, Any] = {
            "api_url": self.api_url,
            "html_url": self.html_url,
            "owner": owner,
            "repo": repo,
            "head_sha": DEFAULT_HEAD_SHA,
            "run_attempt": 1,
            "now": _iso(now),
        }
        values.update(extra)
        return values

    def _paginated(self, path: str, query: Mapping[str, str], items: list[Any]) -> tuple[list[Any], dict[str, str]]:
        per_page = min(100, max(1, int(query.get("per_page", "30"))))
        page = max(1, int(query.get("page", "1")))
        last = max(1, math.ceil(len(items) / per_page))
        chosen = items[(page - 1) * per_page : page * per_page]

        def link(number: int) -> str:
            params = {**query, "per_page": str(per_page), "page": str(number)}
            return f"<{self.api_url}{path}?{urlencode(params)}>"

        links = []
        if page < last:
            links += [f'{link(page + 1)}; rel="next"', f'{link(last)}; rel="last"']
        if page > 1:
            links += [f'{link(page - 1)}; rel="prev"', f'{link(1)}; rel="first"']
        return chosen, ({"Link": ", ".join(links)} if links else {})

    # -- endpoints ---------------------------------------------------------------------------------

    def _get_rate_limit(self, **_: Any) -> _Response:
        with self._lock:
            rate = self._rate_headers()
        values = {
            "used": int(rate["x-ratelimit-used"]),
            "remaining": int(rate["x-ratelimit-remaining"]),
            "reset": int(rate["x-ratelimit-reset"]),
        }
        return self._json(200, render(recording("rate_limit"), values))

    def _post_token(self, installation_id: str, headers: Mapping[str, str], **_: Any) -> _Response:
        scheme, _sep, jwt = headers.get("authorization", "").partition(" ")
        claims = _jwt_claims(jwt) if scheme.lower() == "bearer" else None
        if claims is None:
            return self._error(401, "A JSON web token could not be decoded")
        token = f"ghs_local{secrets.token_hex(16)}"
        issuer = claims.get("iss")
        with self._lock:
            self._tokens.append(IssuedToken(int(installation_id), None if issuer is None else str(issuer), token))
        values = {"token": token, "expires_at": _iso(time.time() + 3600)}
        return self._json(201, render(recording("installation_access_token"), values))

    def _get_repository(self, owner: str, repo: str, **_: Any) -> _Response:
        return self._json(200, render(recording("repository"), self._values(owner, repo)))

    def _get_run(self, owner: str, repo: str, run_id: str, **_: Any) -> _Response:
        number = int(run_id)
        values = self._values(owner, repo, run_id=number, run_node_id=_node_id("WorkflowRun", number))
        return self._json(200, render(recording("workflow_run"), values))

    def _jobs_of_run(self, owner: str, repo: str, run_id: int) -> list[dict[str, Any]]:
        full_name = f"{owner}/{repo}"
        with self._lock:
            specs = self._run_jobs.get((full_name, run_id))
        if specs is None and self.fixtures_dir is not None:
            fixture = self.fixtures_dir / owner / repo / "runs" / str(run_id) / "jobs.json"
            if fixture.is_file():
                specs = json.loads(fixture.read_text(encoding="utf-8"))
        if specs is None:
            specs = recording("default_run_jobs")["jobs"]
        return [
            self._job(owner, repo, int(spec.get("id", run_id * JOB_IDS_PER_RUN + position)), run_id, spec)
            for position, spec in enumerate(specs, start=1)
        ]

    def _job(self, owner: str, repo: str, job_id: int, run_id: int, spec: Mapping[str, Any]) -> dict[str, Any]:
        values = self._values(owner, repo, job_id=job_id, run_id=run_id, job_node_id=_node_id("Job", job_id))
        job: dict[str, Any] = render(recording("workflow_job"), values)
        job.update(spec)
        return job

    def _get_run_jobs(
        self, owner: str, repo: str, run_id: str, path: str, query: dict[str, str], **_: Any
    ) -> _Response:
        jobs = self._jobs_of_run(owner, repo, int(run_id))
        page, headers = self._paginated(path, query, jobs)
        return self._json(200, {"total_count": len(jobs), "jobs": page}, headers)

    def _get_job(self, owner: str, repo: str, job_id: str, **_: Any) -> _Response:
        number = int(job_id)
        full_name = f"{owner}/{repo}"
        with self._lock:
            registered = [
                (run_id, spec)
                for (name, run_id), specs in self._run_jobs.items()
                if name == full_name
                for spec in specs
                if int(spec["id"]) == number
            ]
        if registered:
            run_id, spec = registered[0]
            return self._json(200, self._job(owner, repo, number, run_id, spec))
        run_id, position = divmod(number, JOB_IDS_PER_RUN)
        defaults = recording("default_run_jobs")["jobs"]
        spec = defaults[position - 1] if 1 <= position <= len(defaults) else {}
        return self._json(200, self._job(owner, repo, number, run_id or number, spec))

    def _log_source(self, owner: str, repo: str, job_id: int) -> bytes | Path | None:
        with self._lock:
            content = self._logs.get((f"{owner}/{repo}", job_id))
        if content is not None:
            return content
        if self.fixtures_dir is not None:
            path = self.fixtures_dir / owner / repo / "jobs" / f"{job_id}.log"
            if path.is_file():
                return path
        return None

    def _get_job_logs(self, owner: str, repo: str, job_id: str, **_: Any) -> _Response:
        if self._log_source(owner, repo, int(job_id)) is None:
            message = "Not Found" if self.missing_log_status == 404 else "Server Error"
            return self._error(self.missing_log_status, message)
        expires = int(time.time()) + 60  # GitHub: "This link expires after 1 minute."
        signature = secrets.token_urlsafe(16)
        location = f"{self.api_url}/_blobs/{owner}/{repo}/jobs/{job_id}.log?sv=local&se={expires}&sig={signature}"
        return _Response(status=302, headers={"Location": location})

    def _get_blob(self, owner: str, repo: str, job_id: str, headers: Mapping[str, str], **_: Any) -> _Response:
        if "authorization" in headers:
            # A signed URL carries its own authorisation; a store refuses a second one. Catches token leaks.
            return self._json(400, {"message": "Only one auth mechanism allowed: the URL is already signed"})
        source = self._log_source(owner, repo, int(job_id))
        if source is None:
            return self._json(404, {"message": "The specified blob does not exist."})
        size = len(source) if isinstance(source, bytes) else source.stat().st_size
        base = {"Content-Type": "text/plain; charset=utf-8"}
        if self.serve_ranges:
            base["Accept-Ranges"] = "bytes"
        start, end, status = 0, size - 1, 200
        requested = headers.get("range")
        if self.serve_ranges and requested:
            parsed = _parse_range(requested, size)
            if parsed is None:
                return _Response(status=416, headers={**base, "Content-Range": f"bytes */{size}"})
            start, end = parsed
            status = 206
            base["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = max(0, end - start + 1)
        if isinstance(source, bytes):
            return _Response(status=status, headers=base, body=source[start : start + length])
        return _Response(status=status, headers=base, file=(source, start, length))

    def _pull(self, owner: str, repo: str, number: int) -> dict[str, Any]:
        with self._lock:
            known = self._pulls.get((f"{owner}/{repo}", number), {})
        values = self._values(
            owner,
            repo,
            pr_number=number,
            pr_id=100_000_000 + number,
            pr_node_id=_node_id("PullRequest", number),
            head_sha=known.get("head_sha", DEFAULT_HEAD_SHA),
        )
        pull: dict[str, Any] = render(recording("pull_request"), values)
        pull["state"] = known.get("state", "open")
        return pull

    def _get_pull(self, owner: str, repo: str, number: str, **_: Any) -> _Response:
        return self._json(200, self._pull(owner, repo, int(number)))

    def _get_commit_pulls(
        self, owner: str, repo: str, sha: str, path: str, query: dict[str, str], **_: Any
    ) -> _Response:
        with self._lock:
            numbers = sorted(
                number
                for (name, number), known in self._pulls.items()
                if name == f"{owner}/{repo}" and known["head_sha"] == sha
            )
        page, headers = self._paginated(path, query, [self._pull(owner, repo, number) for number in numbers])
        return self._json(200, page, headers)

    def _store_comment(self, repo: str, pr_number: int, body: str, *, author: str, bot: bool) -> _Comment:
        now = time.time()
        comment = _Comment(self._next_comment_id, repo, pr_number, body, author, bot, now, now)
        self._next_comment_id += 1
        self._comments[comment.id] = comment
        return comment

    def _comment_json(self, comment: _Comment) -> dict[str, Any]:
        owner, _sep, repo = comment.repo.partition("/")
        values = self._values(
            owner,
            repo,
            comment_id=comment.id,
            comment_node_id=_node_id("IssueComment", comment.id),
            pr_number=comment.pr_number,
            body=comment.body,
            user_login=comment.author,
            user_id=41898282 if comment.bot else 583231,
            user_type="Bot" if comment.bot else "User",
            author_association="NONE" if comment.bot else "CONTRIBUTOR",
            created_at=_iso(comment.created_at),
            updated_at=_iso(comment.updated_at),
        )
        rendered: dict[str, Any] = render(recording("issue_comment"), values)
        return rendered

    def _list_comments(
        self, owner: str, repo: str, number: str, path: str, query: dict[str, str], **_: Any
    ) -> _Response:
        full_name, pr_number = f"{owner}/{repo}", int(number)
        with self._lock:
            found = sorted(
                (c for c in self._comments.values() if c.repo == full_name and c.pr_number == pr_number),
                key=lambda c: c.id,
            )
            payload = [self._comment_json(comment) for comment in found]
        page, headers = self._paginated(path, query, payload)
        return self._json(200, page, headers)

    def _create_comment(self, owner: str, repo: str, number: str, body: bytes, **_: Any) -> _Response:
        text = _body_text(body)
        if text is None:
            return self._error(422, "Validation Failed")
        with self._lock:
            comment = self._store_comment(f"{owner}/{repo}", int(number), text, author=self.bot_login, bot=True)
            payload = self._comment_json(comment)
        return self._json(201, payload, {"Location": payload["url"]})

    def _get_comment(self, owner: str, repo: str, comment_id: str, **_: Any) -> _Response:
        with self._lock:
            comment = self._comments.get(int(comment_id))
            if comment is None or comment.repo != f"{owner}/{repo}":
                return self._error(404, "Not Found")
            return self._json(200, self._comment_json(comment))

    def _edit_comment(self, owner: str, repo: str, comment_id: str, body: bytes, **_: Any) -> _Response:
        text = _body_text(body)
        if text is None:
            return self._error(422, "Validation Failed")
        with self._lock:
            comment = self._own_comment(owner, repo, comment_id)
            if isinstance(comment, _Response):
                return comment
            comment.body = text
            comment.updated_at = time.time()
            comment.edits += 1
            return self._json(200, self._comment_json(comment))

    def _delete_comment(self, owner: str, repo: str, comment_id: str, **_: Any) -> _Response:
        with self._lock:
            comment = self._own_comment(owner, repo, comment_id)
            if isinstance(comment, _Response):
                return comment
            del self._comments[comment.id]
        return _Response(status=204, body=b"")

    def _own_comment(self, owner: str, repo: str, comment_id: str) -> _Comment | _Response:
        """The agent's own comment, or GitHub's answer to changing one that is missing (404) or not its (403)."""
        comment = self._comments.get(int(comment_id))
        if comment is None or comment.repo != f"{owner}/{repo}":
            return self._error(404, "Not Found")
        if not comment.bot:
            return self._error(403, "Resource not accessible by integration")
        return comment


def _body_text(body: bytes) -> str | None:
    try:
        payload = json.loads(body or b"null")
    except ValueError:
        return None
    text = payload.get("body") if isinstance(payload, dict) else None
    return text if isinstance(text, str) else None


def _jwt_claims(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None


def _parse_range(header: str, size: int) -> tuple[int, int] | None:
    """One ``bytes=`` range -> inclusive (start, end) within ``size``; None when unsatisfiable."""
    match = _RANGE.fullmatch(header.strip())
    if match is None or size == 0:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # suffix: the last N bytes
        return max(0, size - int(last)), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        return None
    return start, end


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like GitHub; every answer carries Content-Length
    server_version = "LocalGitHub"
    timeout = 30

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        github = cast(_HTTPServer, self.server).github
        response = github.handle(self.command, self.path, dict(self.headers.items()), body)
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.file is not None:
            path, offset, size = response.file
            self.send_header("Content-Length", str(size))
            self.end_headers()
            with path.open("rb") as handle:
                handle.seek(offset)
                remaining = size
                while remaining > 0:
                    chunk = handle.read(min(BLOB_CHUNK, remaining))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    remaining -= len(chunk)
            return
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _dispatch

    def log_message(self, format: str, *args: Any) -> None:
        pass
