"""The GitHub gateway on PyGithub: job logs, failed jobs and the one pull-request comment, against any base URL.

This module imports PyGithub, requests and urllib3; ``ci_agent.github`` only loads it when
``PyGithubGateway`` is first asked for, so functions that never talk to GitHub keep a small cold start.

Retries are bounded on purpose: the SQS worker is the one that retries for long. PyGithub's default
``GithubRetry`` would sleep until a rate limit resets (up to an hour, inside a Lambda), so we hand it a
plain urllib3 ``Retry`` that retries 5xx and connection errors a few times on idempotent requests,
never sleeps on ``Retry-After``, and never retries 403/429: those become ``RateLimited`` at once.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import requests
from github import Auth, Github, GithubException
from github.Issue import Issue
from github.IssueComment import IssueComment
from github.Repository import Repository
from github.WorkflowJob import WorkflowJob
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from ci_agent import deadline
from ci_agent.github.credentials import (
    ANALYSIS_PERMISSIONS,
    FIX_FLOW_PERMISSIONS,
    AppCredentials,
    GitHubCredentials,
    TokenCredentials,
)
from ci_agent.github.errors import (
    GitHubError,
    GitHubUnavailable,
    JobUnreadable,
    LogsUnavailable,
    error_for_status,
    is_rate_limited,
)
from ci_agent.github.model import (
    CommentAction,
    CommentRef,
    JobLog,
    JobStep,
    JobSummary,
    split_repo,
    with_marker,
)
from ci_agent.github.tail import TailBuffer

if TYPE_CHECKING:
    from ci_agent.github.pygithub_fixes import PyGithubFixGateway

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_USER_AGENT = "ci-agent"
RETRY_STATUSES = (500, 502, 503, 504)
# POST is left out: a retried "create comment" could post twice.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"})
LOG_CHUNK_BYTES = 64 * 1024

_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_QUERY = re.compile(r"\?[^\s'\")]*")  # signed blob URLs carry their signature in the query string
_UNAVAILABLE = (
    requests.ConnectionError,
    requests.Timeout,
    requests.exceptions.RetryError,
    requests.exceptions.ChunkedEncodingError,
)

logger = logging.getLogger(__name__)


class _RetryWithinBudget(Retry):
    """urllib3's retry, except that it stops once the delivery's time budget is spent (see ci_agent.deadline)."""

    def increment(self, *args: Any, **kwargs: Any) -> Self:
        deadline.check("GitHub request")
        return super().increment(*args, **kwargs)


def bounded_retry(max_retries: int, backoff_seconds: float) -> Retry:
    """A short retry for 5xx and connection errors; rate limits are reported, never waited for."""
    return _RetryWithinBudget(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        status=max_retries,
        other=0,
        backoff_factor=backoff_seconds,
        backoff_max=max(backoff_seconds * 4, backoff_seconds),
        status_forcelist=RETRY_STATUSES,
        allowed_methods=IDEMPOTENT_METHODS,
        respect_retry_after_header=False,
        raise_on_status=False,  # hand the last 5xx to PyGithub, which raises GithubException with its status
    )


def _auth(credentials: GitHubCredentials, token_permissions: Mapping[str, str]) -> Auth.Auth:
    if isinstance(credentials, TokenCredentials):
        return Auth.Token(credentials.token)  # a token's scopes are set where it was made
    if isinstance(credentials, AppCredentials):
        app = Auth.AppAuth(credentials.app_id, credentials.private_key)
        return Auth.AppInstallationAuth(app, credentials.installation_id, token_permissions=dict(token_permissions))
    raise TypeError(f"unsupported credentials: {type(credentials).__name__}")


def _message(data: Any) -> str | None:
    if isinstance(data, Mapping):
        message = data.get("message")
        return str(message) if message is not None else None
    if isinstance(data, str) and data:
        return data[:200]
    return None


def _scrub(text: str) -> str:
    return _QUERY.sub("?…", text)


@contextmanager
def _translated(what: str, *, logs: bool = False) -> Iterator[None]:
    """Turn PyGithub and requests exceptions into domain errors, keeping the cause."""
    try:
        deadline.check(what)
        yield
    except GitHubError:
        raise
    except deadline.DeadlineExceeded as exc:
        raise GitHubUnavailable(f"{what}: {exc}") from exc
    except GithubException as exc:
        raise error_for_status(exc.status, exc.headers or {}, _message(exc.data), what=what, logs=logs) from exc
    except _UNAVAILABLE as exc:
        raise GitHubUnavailable(f"{what}: {type(exc).__name__}: {_scrub(str(exc))}") from exc
    except requests.RequestException as exc:
        raise GitHubError(f"{what}: {type(exc).__name__}: {_scrub(str(exc))}") from exc


def _job_summary(job: WorkflowJob) -> JobSummary:
    return JobSummary(
        id=job.id,
        name=job.name,
        status=job.status,
        conclusion=job.conclusion,
        run_id=job.run_id,
        run_attempt=job.run_attempt,
        html_url=job.html_url,
        head_sha=job.head_sha,
        steps=tuple(
            JobStep(number=step.number, name=step.name, status=step.status, conclusion=step.conclusion)
            for step in job.steps
        ),
    )


def _content_length(response: requests.Response) -> int | None:
    raw = response.headers.get("Content-Length")
    return int(raw) if raw is not None and raw.isdigit() else None


def _range_total(response: requests.Response) -> int | None:
    match = _CONTENT_RANGE.fullmatch(response.headers.get("Content-Range", "").strip())
    if match is None or match.group(3) == "*":
        return None
    return int(match.group(3))


def _can_fetch_tail_range(response: requests.Response) -> bool:
    encoding = response.headers.get("Content-Encoding", "identity").lower()
    return response.headers.get("Accept-Ranges", "").lower() == "bytes" and encoding == "identity"


class PyGithubGateway:
    """``GitHubGateway`` over PyGithub. Create once per process and reuse: App tokens are cached and renewed.

    ``base_url`` is ``https://api.github.com``, a GitHub Enterprise ``https://host/api/v3``, or the local
    emulator's ``LocalGitHub.api_url``. With App credentials, installation tokens are requested with
    ``token_permissions`` only (default: what analysis needs; the fix flow passes ``FIX_FLOW_PERMISSIONS``).
    """

    def __init__(
        self,
        credentials: GitHubCredentials,
        base_url: str = DEFAULT_API_URL,
        *,
        timeout_seconds: int = 15,
        max_retries: int = 2,
        retry_backoff_seconds: float = 0.5,
        seconds_between_writes: float | None = 1.0,
        per_page: int = 100,
        user_agent: str = DEFAULT_USER_AGENT,
        token_permissions: Mapping[str, str] = ANALYSIS_PERMISSIONS,
    ) -> None:
        retry = bounded_retry(max_retries, retry_backoff_seconds)
        self._timeout = timeout_seconds
        self._credentials = credentials
        self._client_options: dict[str, Any] = {
            "base_url": base_url.rstrip("/"),
            "timeout": timeout_seconds,
            "user_agent": user_agent,
            "per_page": per_page,
            "retry": retry,
            # Few requests per invocation: no pause between reads; GitHub asks for one between writes.
            "seconds_between_requests": None,
            "seconds_between_writes": seconds_between_writes,
            "lazy": True,  # no GET /repos/{owner}/{repo} before every call
        }
        self._github = Github(auth=_auth(credentials, token_permissions), **self._client_options)
        self._fix_github: Github | None = None
        self._login: str | None = None
        # PyGithub reads whole bodies into memory, so the log itself comes through our own streaming session.
        self._blobs = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self._blobs.mount("https://", adapter)
        self._blobs.mount("http://", adapter)
        self._blobs.headers.update({"User-Agent": user_agent, "Accept-Encoding": "identity"})

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def client(self) -> Github:
        """The PyGithub client, for the package's other small gateways (runs.py) to share its session."""
        return self._github

    def close(self) -> None:
        self._github.close()
        if self._fix_github is not None and self._fix_github is not self._github:
            self._fix_github.close()
        self._blobs.close()

    def __enter__(self) -> PyGithubGateway:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- GitHubGateway -----------------------------------------------------------------------------

    def fetch_job_log(self, repo: str, job_id: int, max_bytes: int) -> JobLog:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        what = f"log of job {job_id} in {repo}"
        try:
            with _translated(what, logs=True):
                job = self._repo(repo).get_workflow_job(job_id)
                try:
                    # GET .../actions/jobs/{id}/logs answers 302 with a short-lived Location to the blob.
                    location = job.logs_url()
                except KeyError:
                    raise GitHubError(f"{what}: GitHub answered without a Location for the log") from None
                return self._download_tail(location, max_bytes, what)
        except LogsUnavailable as exc:
            if exc.status == 404 and not self._job_readable(repo, job_id):
                raise JobUnreadable(
                    f"{what}: the job itself answers 404 (a repository these credentials cannot read, or no such job)",
                    status=404,
                ) from exc
            raise

    def _job_readable(self, repo: str, job_id: int) -> bool:
        """Whether the job's own page answers: a log past retention answers 404 like a repository we cannot read,
        but the job itself stays readable in the first case only. Asked only after a 404, so it costs nothing
        on the common path."""
        with _translated(f"job {job_id} in {repo}"):
            try:
                self._github.requester.requestJsonAndCheck("GET", f"{self._repo(repo).url}/actions/jobs/{job_id}")
            except GithubException as exc:
                if exc.status == 404:
                    return False
                raise
        return True

    def list_failed_jobs(self, repo: str, run_id: int) -> list[JobSummary]:
        with _translated(f"jobs of run {run_id} in {repo}"):
            run = self._repo(repo).get_workflow_run(run_id)
            summaries = (_job_summary(job) for job in run.jobs("latest"))
            return [summary for summary in summaries if summary.failed]

    def find_last_passing_job(self, repo: str, workflow_path: str, branch: str, job_name: str) -> int | None:
        with _translated(f"last passing run of {workflow_path} on {branch} in {repo}"):
            workflow = self._repo(repo).get_workflow(workflow_path.rsplit("/", 1)[-1])
            for run in workflow.get_runs(branch=branch, status="success").get_page(0)[:1]:
                for job in run.jobs():
                    if job.name == job_name and job.conclusion == "success":
                        return int(job.id)
            return None

    def upsert_pull_request_comment(self, repo: str, pr_number: int, marker: str, body: str) -> CommentRef:
        full_body = with_marker(marker, body)
        with _translated(f"comment on {repo}#{pr_number}"):
            own_login = self._own_login()
            issue = self._repo(repo).get_issue(pr_number)  # pull requests are issues for comments
            found = _bring_own_comment_to(issue.get_comments(), marker, full_body, own_login)
            if found is not None:
                comment, action = found
                return CommentRef(id=comment.id, html_url=comment.html_url, action=action)
            created = issue.create_comment(full_body)
            return self._keep_one_comment(issue, created, marker, full_body, own_login)

    def _own_login(self) -> str:
        """Who these credentials comment as: the token's user, or ``<app slug>[bot]`` for a GitHub App (whose
        installation token has no user: its slug comes from ``GET /app`` with the App's JWT). Asked once."""
        if self._login is None:
            if isinstance(self._credentials, AppCredentials):
                from github import GithubIntegration

                app_auth = Auth.AppAuth(self._credentials.app_id, self._credentials.private_key)
                options = {key: self._client_options[key] for key in ("base_url", "timeout", "user_agent", "retry")}
                with GithubIntegration(auth=app_auth, **options) as integration:
                    self._login = f"{integration.get_app().slug}[bot]"
            else:
                self._login = self._github.get_user().login
        return self._login

    def _keep_one_comment(
        self, issue: Issue, created: IssueComment, marker: str, full_body: str, own_login: str
    ) -> CommentRef:
        """Two workers that found no comment at the same moment (a matrix failing at once) both create one:
        the oldest of ours is kept and carries the latest body; a newer duplicate deletes itself."""
        older = itertools.takewhile(lambda comment: comment.id < created.id, issue.get_comments())
        found = _bring_own_comment_to(older, marker, full_body, own_login)
        if found is None:
            return CommentRef(id=created.id, html_url=created.html_url, action="created")
        kept, _action = found
        try:
            created.delete()
        except GithubException as exc:
            if exc.status != 404:
                raise
        logger.info("removed duplicate comment %s on %s: kept %s", created.id, issue.number, kept.id)
        return CommentRef(id=kept.id, html_url=kept.html_url, action="updated")

    def get_pull_request_numbers_for_sha(self, repo: str, sha: str) -> list[int]:
        if not sha.strip():
            raise ValueError("sha must not be empty")
        with _translated(f"pull requests for {sha[:12]} in {repo}"):
            pulls = self._repo(repo).get_commit(sha).get_pulls()
            return [pull.number for pull in pulls if pull.state == "open"]

    def get_fork_pull_request_numbers(self, repo: str, head_owner: str, branch: str, sha: str) -> list[int]:
        with _translated(f"pull requests from {head_owner}:{branch} in {repo}"):
            pulls = self._repo(repo).get_pulls(state="open", head=f"{head_owner}:{branch}")
            # The branch may have moved on since the run: only a pull request still at the run's commit.
            return [pull.number for pull in pulls if pull.head.sha == sha]

    @property
    def fixes(self) -> PyGithubFixGateway:
        """The fix flow's operations, with the same credentials. A GitHub App's analysis token cannot push: the
        fix flow gets its own client, whose installation token carries ``FIX_FLOW_PERMISSIONS``."""
        from ci_agent.github.pygithub_fixes import PyGithubFixGateway

        if self._fix_github is None:
            self._fix_github = (
                self._github
                if isinstance(self._credentials, TokenCredentials)
                else Github(auth=_auth(self._credentials, FIX_FLOW_PERMISSIONS), **self._client_options)
            )
        return PyGithubFixGateway(self._fix_github)

    # -- internals ---------------------------------------------------------------------------------

    def _repo(self, repo: str) -> Repository:
        split_repo(repo)
        return self._github.get_repo(repo)

    def _download_tail(self, url: str, max_bytes: int, what: str) -> JobLog:
        with self._blobs.get(url, stream=True, timeout=deadline.clamp(self._timeout)) as response:
            self._check_blob(response, what)
            length = _content_length(response)
            if length is None or length <= max_bytes or not _can_fetch_tail_range(response):
                return self._read_tail(response, max_bytes)
        # Larger than the cap and the store serves ranges: fetch only the tail.
        headers = {"Range": f"bytes={length - max_bytes}-"}
        with self._blobs.get(url, stream=True, timeout=deadline.clamp(self._timeout), headers=headers) as response:
            self._check_blob(response, what)
            if response.status_code != 206:
                return self._read_tail(response, max_bytes)
            tail = self._read_tail(response, max_bytes)
            return JobLog(content=tail.content, truncated=True, total_bytes=_range_total(response) or length)

    @staticmethod
    def _read_tail(response: requests.Response, max_bytes: int) -> JobLog:
        buffer = TailBuffer(max_bytes)
        for chunk in response.iter_content(chunk_size=LOG_CHUNK_BYTES):
            deadline.check("log download")  # a store that drips the log must not hold the delivery forever
            buffer.feed(chunk)
        return JobLog(content=buffer.value(), truncated=buffer.truncated, total_bytes=buffer.total)

    @staticmethod
    def _check_blob(response: requests.Response, what: str) -> None:
        status = response.status_code
        if status in (200, 206):
            return
        if status == 403 and not is_rate_limited(status, response.headers, response.reason):
            # The signed URL was refused (expired on the way?): a new attempt gets a fresh one.
            raise GitHubUnavailable(f"{what}: the log store refused the download URL (403)", status=status)
        raise error_for_status(status, response.headers, response.reason, what=what, logs=True)


def _bring_own_comment_to(
    comments: Iterable[IssueComment], marker: str, full_body: str, own_login: str
) -> tuple[IssueComment, CommentAction] | None:
    """The first of ``comments`` written by ``own_login`` that carries ``marker``, brought to ``full_body``; None
    if there is none. Anyone with write access may edit others' comments on GitHub, so a comment by someone else
    that quotes the marker is passed over without trying; one of ours deleted meanwhile (404) is passed over."""
    for comment in comments:
        if marker not in (comment.body or "") or comment.user is None or comment.user.login != own_login:
            continue
        if comment.body == full_body:
            return comment, "unchanged"
        try:
            comment.edit(full_body)
        except GithubException as exc:
            if exc.status in (403, 404) and not is_rate_limited(exc.status, exc.headers or {}, _message(exc.data)):
                logger.info("skipping comment %s: %s", comment.id, exc.status)
                continue
            raise
        return comment, "updated"
    return None


# For the other small GitHub gateways of this package (issues.py, runs.py): one auth and one error translation.
auth_for = _auth
translated = _translated
