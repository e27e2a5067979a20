"""The local GitHub's server: lifecycle, dispatch to the resources, faults, and what tests can inspect."""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, cast
from urllib.parse import parse_qsl, unquote, urlsplit

from ci_agent.local.github.actions import ActionsResource, VerdictScript
from ci_agent.local.github.apps import AppsResource
from ci_agent.local.github.core import (
    RATE_LIMIT,
    Fault,
    FaultRule,
    RecordedRequest,
    Response,
    Route,
    error,
    iso,
    json_response,
    route,
)
from ci_agent.local.github.issues import IssuesResource, RecordedComment, RecordedIssue
from ci_agent.local.github.pulls import PullsResource, RecordedPull
from ci_agent.local.github.repos import ReposResource

BLOB_CHUNK = 64 * 1024
DEFAULT_HEAD_SHA = "3484a3fb816e0859fd6e1cea078d76385ff50625"


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # a burst of concurrent clients queues instead of being refused
    github: LocalGitHub


class LocalGitHub:
    """GitHub's REST API as ci-agent uses it, on ``127.0.0.1`` and an ephemeral port.

    The repositories that exist are those seeded (:meth:`add_repository`, or any seeding call that names one) and
    those with a directory under ``fixtures_dir``; every route of any other repository answers 404.
    ``fixtures_dir`` holds, per ``<owner>/<repo>``: ``jobs/<job_id>.log`` (job logs), ``runs/<run_id>/jobs.json``
    (a list of job fields merged over the recorded job), ``contents/<path>`` (the repository's files, mode
    100644 unless ``modes.json`` maps the path to another) and ``verdicts.json`` (see :class:`VerdictScript`).
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
        tokens: Sequence[str] = (),
        log_url_ttl_seconds: int = 60,
    ) -> None:
        self.fixtures_dir = Path(fixtures_dir) if fixtures_dir is not None else None
        # The tokens GitHub would accept (App installation tokens it issued are accepted too): any other
        # Authorization, or none, is answered 401 as GitHub does.
        self._tokens: set[str] = set(tokens)
        self.log_url_ttl_seconds = log_url_ttl_seconds
        self.html_url = html_url.rstrip("/")
        self.bot_login = bot_login
        self._address = (host, port)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.lock = threading.RLock()
        self._started_at = time.time()
        self._faults: list[FaultRule] = []
        self._interleaved: list[tuple[str, str | None, Callable[[], None]]] = []
        self._requests: list[RecordedRequest] = []
        self._api_requests = 0  # what the x-ratelimit-* headers count (blob downloads are not API calls)
        self.repos = ReposResource(self)
        self.actions = ActionsResource(self, missing_log_status=missing_log_status, serve_ranges=serve_ranges)
        self.pulls = PullsResource(self)
        self.issues = IssuesResource(self)
        self.apps = AppsResource(self)
        self._routes: list[Route] = [
            route("GET", r"/_local/activity", self._activity),
            *self.apps.routes(),
            *self.repos.routes(),
            *self.actions.routes(),
            *self.pulls.routes(),
            *self.issues.routes(),
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
        self.actions.stop()
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

    def values(self, owner: str, repo: str, **extra: Any) -> dict[str, Any]:
        """The placeholders every recording may use, plus ``extra``."""
        values: dict[str, Any] = {
            "api_url": self.api_url,
            "html_url": self.html_url,
            "owner": owner,
            "repo": repo,
            "head_sha": DEFAULT_HEAD_SHA,
            "run_attempt": 1,
            "now": iso(time.time()),
        }
        values.update(extra)
        return values

    # -- seeding (delegates to the resources; kept here so tests have one object to talk to) ------

    def add_token(self, token: str) -> None:
        """Accept ``token`` (a personal access token, say) from now on."""
        with self.lock:
            self._tokens.add(token)

    def add_repository(self, repo: str) -> None:
        """A repository that exists and the credentials can read, with nothing in it yet (one commit, no files).

        Every other seeding call below also makes its repository exist, as does a ``<owner>/<repo>`` directory
        under ``fixtures_dir``. Any other repository answers 404 on every route, as GitHub answers for one that
        does not exist or that the credentials cannot see."""
        self.repos.add(repo)

    def has_repository(self, repo: str) -> bool:
        return self.repos.exists(repo)

    def add_log(self, repo: str, job_id: int, content: bytes | str) -> None:
        """Serve this log for the job (takes precedence over a fixture file)."""
        self.repos.add(repo)
        self.actions.add_log(repo, job_id, content)

    def set_run_jobs(self, repo: str, run_id: int, jobs: Sequence[Mapping[str, Any]]) -> list[int]:
        """The run's jobs: each mapping is merged over the recorded job (e.g. name, conclusion, steps, id).

        Returns the job ids (``id`` when given, else ``run_id * 100 + position``).
        """
        self.repos.add(repo)
        return self.actions.set_run_jobs(repo, run_id, jobs)

    def add_run(self, repo: str, run_id: int, **fields: Any) -> None:
        """Register a workflow run (name, path, head_branch, head_sha, run_attempt, event, conclusion, ...)."""
        self.repos.add(repo)
        self.actions.add_run(repo, run_id, **fields)

    def add_pull_request(
        self,
        repo: str,
        number: int,
        *,
        head_sha: str,
        state: str = "open",
        head_ref: str = "feature",
        base_ref: str = "main",
        head_repo: str | None = None,
        labels: Sequence[str] = (),
    ) -> None:
        self.repos.add(repo)
        if head_repo is not None:
            self.repos.add(head_repo)  # a fork is a repository of its own
        self.pulls.add(
            repo,
            number,
            head_sha=head_sha,
            state=state,
            head_ref=head_ref,
            base_ref=base_ref,
            head_repo=head_repo,
            labels=labels,
        )

    def add_comment(
        self, repo: str, pr_number: int, body: str, *, author: str = "octocat", by_bot: bool = False
    ) -> int:
        """Seed a comment by someone else (editing it through the API answers 403, as on GitHub), or with
        ``by_bot`` one by the agent itself (another worker's, say)."""
        self.repos.add(repo)
        return self.issues.add_comment(repo, pr_number, body, author=author, by_bot=by_bot)

    def add_commit(self, repo: str, sha: str) -> None:
        """A commit the repository has, with no pull request (GitHub answers 422 for a commit it does not know)."""
        self.repos.add(repo)
        self.pulls.add_commit(repo, sha)

    def add_files(self, repo: str, files: Mapping[str, bytes | str], *, modes: Mapping[str, str] | None = None) -> str:
        """Commit ``files`` on top of the default branch (as a maintainer would) and return the commit's sha."""
        return self.repos.add_files(repo, files, modes=modes or {})

    def add_branch(self, repo: str, branch: str, sha: str | None = None) -> str:
        """Create ``branch`` at ``sha`` (default: the default branch's head), as a push would; returns its sha."""
        return self.repos.add_branch(repo, branch, sha)

    def protect_branch(self, repo: str, branch: str) -> None:
        """Protect ``branch`` (created at the default branch's head if it does not exist)."""
        self.repos.protect(repo, branch)

    def set_topics(self, repo: str, topics: Sequence[str]) -> None:
        self.repos.add(repo)
        self.repos.set_topics(repo, topics)

    def script_verdict(self, script: VerdictScript) -> None:
        """Decide the conclusion of the runs a fix push or a re-run starts (default: they pass)."""
        self.actions.script_verdict(script)

    def send_verdicts_to(self, webhook_url: str, secret: str, *, delay_seconds: float = 0.2) -> None:
        """Deliver a signed ``workflow_run`` completed webhook for every run a fix push or re-run starts."""
        self.actions.send_verdicts_to(webhook_url, secret, delay_seconds=delay_seconds)

    def interleave(self, path: str, action: Callable[[], None], *, method: str | None = None) -> None:
        """Run ``action`` once, just before answering the next request matching ``path`` (a glob): what a
        concurrent client did between two of ours, made deterministic."""
        with self.lock:
            self._interleaved.append((path, method, action))

    # -- faults ------------------------------------------------------------------------------------

    def inject_fault(
        self, path: str, fault: Fault, *, times: int = 1, method: str | None = None, every: int = 1
    ) -> None:
        """Answer the next ``times`` requests whose path matches ``path`` (a glob, no query) with ``fault``; with
        ``every`` n, only every n-th of them, so that the faults are spread over a run instead of its start."""
        with self.lock:
            self._faults.append(
                FaultRule(pattern=path, method=method, fault=fault, remaining=times, every=max(1, every))
            )

    def clear_faults(self) -> None:
        with self.lock:
            self._faults.clear()

    # -- inspection --------------------------------------------------------------------------------

    def comments(self, repo: str, pr_number: int) -> list[RecordedComment]:
        """The comments on the pull request now, oldest first, with their latest bodies."""
        return self.issues.comments(repo, pr_number)

    def pull_requests(self, repo: str) -> list[RecordedPull]:
        """Every pull request of the repository (seeded or opened through the API), by number."""
        return self.pulls.all(repo)

    def issues_of(self, repo: str) -> list[RecordedIssue]:
        """The issues opened through the API, by number."""
        return self.issues.all_issues(repo)

    def file_at(self, repo: str, ref: str, path: str) -> tuple[str, bytes] | None:
        """``(mode, content)`` of a file at a branch or commit, or None."""
        return self.repos.file_at(repo, ref, path)

    def branch_sha(self, repo: str, branch: str) -> str | None:
        return self.repos.branch_sha(repo, branch)

    def received(self, path: str = "*", method: str | None = None) -> list[RecordedRequest]:
        """The requests answered so far whose path matches the glob ``path``, in order."""
        with self.lock:
            return [
                request
                for request in self._requests
                if fnmatch.fnmatchcase(request.path, path) and (method is None or request.method == method)
            ]

    def access_tokens_issued(self) -> list[Any]:
        return self.apps.issued()

    def activity(self) -> dict[str, Any]:
        """What clients created through the API: pull requests, ci-agent's branches, re-runs, issues."""
        with self.lock:
            repos = sorted(self.repos.known())
            return {
                "pull_requests": [{"repo": repo, **asdict(pull)} for repo in repos for pull in self.pulls.all(repo)],
                "fix_branches": [
                    {"repo": repo, "branch": name.removeprefix("heads/"), "sha": sha}
                    for repo in repos
                    for name, sha in sorted(self.repos.repository(repo).refs.items())
                    if name.startswith("heads/ci-agent/")
                ],
                "reruns": [
                    {"repo": repo, "run_id": run, "attempt": attempt} for repo, run, attempt in self.actions.reruns
                ],
                "issues": [{"repo": repo, **asdict(issue)} for repo in repos for issue in self.issues.all_issues(repo)],
            }

    def _activity(self, **_: Any) -> Response:
        # Not a GitHub endpoint: what the agent did, over HTTP, for people watching `ci-agent local`.
        return json_response(200, self.activity())

    # -- dispatch (called from handler threads) ----------------------------------------------------

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> Response:
        split = urlsplit(target)
        path = split.path.rstrip("/") or "/"
        query = dict(parse_qsl(split.query))
        lowered = {name.lower(): value for name, value in headers.items()}
        with self.lock:
            fault = self._take_fault(method, path)
            action = self._take_interleaved(method, path)
        if action is not None:
            action()
        refused = self._unauthenticated(path, lowered)
        if refused is not None:
            response = refused
        else:
            response = self._route(method, path, query, lowered, body) if fault is None else fault.response()
        with self.lock:
            self._requests.append(
                RecordedRequest(
                    method,
                    path,
                    split.query,
                    lowered,
                    body,
                    response.status,
                    response.body,
                    response.headers.get("Content-Type", ""),
                )
            )
            if not path.startswith("/_blobs/"):
                self._api_requests += 1
                # An injected rate-limit fault brings its own x-ratelimit-* headers: keep those.
                response.headers = {**self.rate_headers(), **response.headers}
        return response

    def _route(
        self, method: str, path: str, query: dict[str, str], headers: Mapping[str, str], body: bytes
    ) -> Response:
        for route_method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match is None or route_method != method:
                continue
            params = {name: unquote(value) for name, value in match.groupdict().items()}
            if path.startswith("/repos/") and not self.repos.exists(f"{params['owner']}/{params['repo']}"):
                # GitHub's answer, on every route of the repository, for one that does not exist and for a
                # private one these credentials cannot read alike: it does not say which.
                return error(404, "Not Found")
            try:
                return handler(**params, path=path, query=query, headers=headers, body=body)
            except Exception as exc:  # a bug here must show up in the test as a 500, not hang it
                return error(500, f"LocalGitHub failed: {type(exc).__name__}: {exc}")
        return error(404, "Not Found")  # GitHub answers 404 for unknown paths and methods alike

    def _unauthenticated(self, path: str, headers: Mapping[str, str]) -> Response | None:
        """GitHub's 401 for a request without credentials or with ones it does not know; None when accepted.

        A signed blob URL carries its own authorisation, the App endpoints check their JWT themselves, and
        ``/_local/`` is this emulator's own inspection, not GitHub's API."""
        if path.startswith(("/_blobs/", "/_local/", "/app/")) or path == "/app":
            return None
        scheme, _sep, credential = headers.get("authorization", "").partition(" ")
        if not credential:
            return error(401, "Requires authentication")
        with self.lock:
            known = credential in self._tokens or any(issued.token == credential for issued in self.apps.issued())
        if scheme.lower() not in ("token", "bearer") or not known:
            return error(401, "Bad credentials")
        return None

    def _take_interleaved(self, method: str, path: str) -> Callable[[], None] | None:
        for index, (pattern, wanted, action) in enumerate(self._interleaved):
            if (wanted is None or wanted == method) and fnmatch.fnmatchcase(path, pattern):
                del self._interleaved[index]
                return action
        return None

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for rule in self._faults:
            if rule.matches(method, path) and rule.take():
                return rule.fault
        return None

    def rate_headers(self) -> dict[str, str]:
        used = self._api_requests
        return {
            "x-ratelimit-limit": str(RATE_LIMIT),
            "x-ratelimit-remaining": str(max(0, RATE_LIMIT - used)),
            "x-ratelimit-used": str(used),
            "x-ratelimit-reset": str(int(self._started_at) + 3600),
            "x-ratelimit-resource": "core",
        }


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
