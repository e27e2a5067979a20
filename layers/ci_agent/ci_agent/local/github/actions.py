"""GitHub Actions: workflow runs and their jobs, job logs behind a signed blob URL, re-runs of failed jobs, and
the runs a push or a re-run starts, whose conclusions are delivered back as signed ``workflow_run`` webhooks."""

from __future__ import annotations

import fnmatch
import json
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ci_agent.local.github.core import (
    REPO_PATH,
    Response,
    Route,
    error,
    iso,
    json_response,
    node_id,
    paginate,
    recording,
    render,
    route,
    validation_failed,
)

if TYPE_CHECKING:
    from ci_agent.local.github.server import LocalGitHub

logger = logging.getLogger(__name__)

JOB_IDS_PER_RUN = 100  # unregistered runs: job ids are run_id * 100 + position, so a job id names its run
FIRST_STARTED_RUN_ID = 9_000_000_000  # runs the local GitHub starts itself (pushes), far from recorded ids
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_WORKFLOW_NAME = re.compile(r"^name:[ \t]*(['\"]?)(.+?)\1[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class VerdictScript:
    """The conclusion of the runs a push to ``branch`` (a glob) or a re-run of ``run_id`` starts in ``repo``.

    Scripts are consulted newest first; ``times`` bounds how many runs one decides (None: all). Without a
    matching script a run passes, as a good fix would.
    """

    repo: str
    conclusion: str
    branch: str | None = None
    run_id: int | None = None
    workflow: str | None = None
    times: int | None = None
    # A re-run that fails: the jobs that fail again (the others pass). None: every job that failed fails again.
    failing_jobs: tuple[str, ...] | None = None

    def matches(self, repo: str, *, branch: str, run_id: int | None, workflow: str) -> bool:
        if repo != self.repo:
            return False
        if self.workflow is not None and self.workflow != workflow:
            return False
        if self.run_id is not None:
            return run_id == self.run_id
        return self.branch is None or fnmatch.fnmatchcase(branch, self.branch)


class ActionsResource:
    def __init__(self, hub: LocalGitHub, *, missing_log_status: int, serve_ranges: bool) -> None:
        self._hub = hub
        self.missing_log_status = missing_log_status
        self.serve_ranges = serve_ranges
        self._logs: dict[tuple[str, int], bytes] = {}
        self._run_jobs: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self._runs: dict[tuple[str, int], dict[str, Any]] = {}
        self._scripts: list[list[Any]] = []  # [VerdictScript, remaining]
        self._webhook: tuple[str, str, float] | None = None
        self._next_run_id = FIRST_STARTED_RUN_ID
        self._timers: list[threading.Timer] = []
        self.reruns: list[tuple[str, int, int]] = []  # (repo, run id, the attempt the re-run started)

    def routes(self) -> list[Route]:
        runs = REPO_PATH + r"/actions/runs/(?P<run_id>\d+)"
        return [
            route("GET", REPO_PATH + r"/actions/runs", self._list_runs),
            route("GET", runs, self._get_run),
            route("GET", runs + r"/jobs", self._get_run_jobs),
            route("POST", runs + r"/rerun-failed-jobs", self._rerun_failed_jobs),
            route("GET", REPO_PATH + r"/actions/workflows/(?P<workflow_id>[^/]+)", self._get_workflow),
            route("GET", REPO_PATH + r"/actions/workflows/(?P<workflow_id>[^/]+)/runs", self._get_workflow_runs),
            route("GET", REPO_PATH + r"/actions/jobs/(?P<job_id>\d+)", self._get_job),
            route("GET", REPO_PATH + r"/actions/jobs/(?P<job_id>\d+)/logs", self._get_job_logs),
            route("GET", r"/_blobs/(?P<owner>[^/]+)/(?P<repo>[^/]+)/jobs/(?P<job_id>\d+)\.log", self._get_blob),
        ]

    # -- seeding -----------------------------------------------------------------------------------

    def add_log(self, repo: str, job_id: int, content: bytes | str) -> None:
        with self._hub.lock:
            self._logs[(repo, job_id)] = content.encode() if isinstance(content, str) else content

    def set_run_jobs(self, repo: str, run_id: int, jobs: Sequence[Mapping[str, Any]]) -> list[int]:
        specs = [dict(job) for job in jobs]
        for position, spec in enumerate(specs, start=1):
            spec.setdefault("id", run_id * JOB_IDS_PER_RUN + position)
        with self._hub.lock:
            self._run_jobs[(repo, run_id)] = specs
        return [int(spec["id"]) for spec in specs]

    def add_run(self, repo: str, run_id: int, **fields: Any) -> None:
        with self._hub.lock:
            self._runs.setdefault((repo, run_id), {}).update(fields)

    def script_verdict(self, script: VerdictScript) -> None:
        with self._hub.lock:
            self._scripts.insert(0, [script, script.times])

    def send_verdicts_to(self, webhook_url: str, secret: str, *, delay_seconds: float) -> None:
        with self._hub.lock:
            self._webhook = (webhook_url, secret, delay_seconds)

    def stop(self) -> None:
        with self._hub.lock:
            timers, self._timers = self._timers, []
        for timer in timers:
            timer.cancel()

    # -- runs and jobs -----------------------------------------------------------------------------

    def run_json(self, owner: str, repo: str, run_id: int) -> dict[str, Any]:
        values = self._hub.values(owner, repo, run_id=run_id, run_node_id=node_id("WorkflowRun", run_id))
        run: dict[str, Any] = render(recording("workflow_run"), values)
        with self._hub.lock:
            known = dict(self._runs.get((f"{owner}/{repo}", run_id), {}))
        run.update(known)
        if "head_sha" in known:
            run["head_commit"]["id"] = known["head_sha"]
        head = known.get("head_repository")
        if isinstance(head, dict) and "/" in str(head.get("full_name", "")):
            # A seeded head repository names only what matters (a fork's full_name): answer the whole
            # minimal-repository GitHub's description requires, for that repository.
            head_owner, _sep, head_name = str(head["full_name"]).partition("/")
            full: dict[str, Any] = render(recording("repository"), self._hub.values(head_owner, head_name))
            full["fork"] = f"{head_owner}/{head_name}" != f"{owner}/{repo}"
            run["head_repository"] = {**full, **head}
        return run

    def known_run(self, full_name: str, run_id: int) -> bool:
        """Whether the run was seeded (``add_run``, ``set_run_jobs``, a ``runs/<id>/jobs.json`` fixture) or
        started here: GitHub answers 404 for any other id, and so does this server."""
        with self._hub.lock:
            if (full_name, run_id) in self._runs or (full_name, run_id) in self._run_jobs:
                return True
        fixtures = self._hub.fixtures_dir
        return fixtures is not None and (fixtures / full_name / "runs" / str(run_id) / "jobs.json").is_file()

    def runs_at(self, full_name: str, sha: str) -> bool:
        """Whether a known run (or a seeded job) of the repository ran on commit ``sha``."""
        with self._hub.lock:
            return any(
                name == full_name and run.get("head_sha") == sha for (name, _id), run in self._runs.items()
            ) or any(
                name == full_name and spec.get("head_sha") == sha
                for (name, _id), specs in self._run_jobs.items()
                for spec in specs
            )

    def _get_run(self, owner: str, repo: str, run_id: str, **_: Any) -> Response:
        if not self.known_run(f"{owner}/{repo}", int(run_id)):
            return error(404, "Not Found")
        return json_response(200, self.run_json(owner, repo, int(run_id)))

    def _workflow_path(self, owner: str, repo: str, workflow_id: str) -> str | None:
        """The workflow's file (``workflow_id`` is its file name or its numeric id), if the repository has it."""
        with self._hub.lock:
            known_paths = {str(run.get("path")) for (name, _id), run in self._runs.items() if name == f"{owner}/{repo}"}
            repository = self._hub.repos.repository(f"{owner}/{repo}")
            head = repository.resolve(None)
            if head is not None:
                known_paths |= {p for p in repository.files(head.tree) if p.startswith(".github/workflows/")}
        for path in sorted(known_paths):
            if path.rsplit("/", 1)[-1] == workflow_id or str(_workflow_number(path)) == workflow_id:
                return path
        return None

    def _workflow_json(self, owner: str, repo: str, path: str) -> dict[str, Any]:
        number = _workflow_number(path)
        base = f"{self._hub.api_url}/repos/{owner}/{repo}"
        return {
            "id": number,
            "node_id": node_id("Workflow", number),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "state": "active",
            "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z",
            "url": f"{base}/actions/workflows/{number}",
            "html_url": f"{self._hub.html_url}/{owner}/{repo}/blob/main/{path}",
            "badge_url": f"{self._hub.html_url}/{owner}/{repo}/workflows/{path.rsplit('/', 1)[-1]}/badge.svg",
        }

    def _get_workflow(self, owner: str, repo: str, workflow_id: str, **_: Any) -> Response:
        path = self._workflow_path(owner, repo, workflow_id)
        if path is None:
            return error(404, "Not Found")
        return json_response(200, self._workflow_json(owner, repo, path))

    def _get_workflow_runs(
        self, owner: str, repo: str, workflow_id: str, path: str, query: dict[str, str], **_: Any
    ) -> Response:
        workflow = self._workflow_path(owner, repo, workflow_id)
        if workflow is None:
            return error(404, "Not Found")
        return self._list_runs(owner, repo, path, query, workflow=workflow)

    def _list_runs(
        self, owner: str, repo: str, path: str, query: dict[str, str], workflow: str | None = None, **_: Any
    ) -> Response:
        """The registered runs (of one ``workflow`` file if given), newest first, filtered as GitHub filters them:
        ``branch``, ``event``, and ``status`` (a status such as ``completed`` or a conclusion such as ``failure``)."""
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            run_ids = sorted(
                (
                    run_id
                    for (name, run_id), run in self._runs.items()
                    if name == full_name and (workflow is None or run.get("path") == workflow)
                ),
                reverse=True,
            )
        runs = [self.run_json(owner, repo, run_id) for run_id in run_ids]
        wanted = {name: query[name] for name in ("branch", "event") if query.get(name)}
        status = query.get("status")
        found = [
            run
            for run in runs
            if all(run.get("head_branch" if name == "branch" else name) == value for name, value in wanted.items())
            and (status is None or status in (run.get("status"), run.get("conclusion")))
        ]
        page, headers = paginate(self._hub.api_url, path, query, found)
        return json_response(200, {"total_count": len(found), "workflow_runs": page}, headers)

    def _jobs_of_run(self, owner: str, repo: str, run_id: int) -> list[dict[str, Any]]:
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            specs = self._run_jobs.get((full_name, run_id))
        fixtures = self._hub.fixtures_dir
        if specs is None and fixtures is not None:
            fixture = fixtures / owner / repo / "runs" / str(run_id) / "jobs.json"
            if fixture.is_file():
                specs = json.loads(fixture.read_text(encoding="utf-8"))
        if specs is None:
            # A run seeded with add_run (or started by a push) without its jobs: the recorded ones.
            specs = recording("default_run_jobs")["jobs"]
        return [
            self._job(owner, repo, int(spec.get("id", run_id * JOB_IDS_PER_RUN + position)), run_id, spec)
            for position, spec in enumerate(specs, start=1)
        ]

    def _job(self, owner: str, repo: str, job_id: int, run_id: int, spec: Mapping[str, Any]) -> dict[str, Any]:
        values = self._hub.values(owner, repo, job_id=job_id, run_id=run_id, job_node_id=node_id("Job", job_id))
        job: dict[str, Any] = render(recording("workflow_job"), values)
        with self._hub.lock:
            run = self._runs.get((f"{owner}/{repo}", run_id), {})
        for name in ("head_sha", "head_branch", "run_attempt"):
            if name in run:
                job[name] = run[name]
        job.update(spec)
        return job

    def _get_run_jobs(self, owner: str, repo: str, run_id: str, path: str, query: dict[str, str], **_: Any) -> Response:
        if not self.known_run(f"{owner}/{repo}", int(run_id)):
            return error(404, "Not Found")
        wanted = query.get("filter", "latest")
        if wanted not in ("latest", "all"):
            return validation_failed("Job", "filter", "invalid")
        jobs = self._jobs_of_run(owner, repo, int(run_id))
        if wanted == "latest" and jobs:
            # GitHub: "latest" returns the jobs of the run's most recent attempt, "all" those of every attempt.
            latest = max(int(job.get("run_attempt") or 1) for job in jobs)
            jobs = [job for job in jobs if int(job.get("run_attempt") or 1) == latest]
        page, headers = paginate(self._hub.api_url, path, query, jobs)
        return json_response(200, {"total_count": len(jobs), "jobs": page}, headers)

    def _get_job(self, owner: str, repo: str, job_id: str, **_: Any) -> Response:
        number = int(job_id)
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            registered = [
                (run_id, spec)
                for (name, run_id), specs in self._run_jobs.items()
                if name == full_name
                for spec in specs
                if int(spec["id"]) == number
            ]
        if registered:
            run_id, spec = registered[0]
            return json_response(200, self._job(owner, repo, number, run_id, spec))
        run_id, position = divmod(number, JOB_IDS_PER_RUN)
        in_run = self.known_run(full_name, run_id) and any(
            int(job["id"]) == number for job in self._jobs_of_run(owner, repo, run_id)
        )
        if self._log_source(owner, repo, number) is None and not in_run:
            # Neither seeded nor with a log nor one of a known run's jobs: GitHub has no such job, nor has this.
            return error(404, "Not Found")
        defaults = recording("default_run_jobs")["jobs"]
        spec = defaults[position - 1] if 1 <= position <= len(defaults) else {}
        return json_response(200, self._job(owner, repo, number, run_id or number, spec))

    # -- logs --------------------------------------------------------------------------------------

    def _log_source(self, owner: str, repo: str, job_id: int) -> bytes | Path | None:
        with self._hub.lock:
            content = self._logs.get((f"{owner}/{repo}", job_id))
        if content is not None:
            return content
        fixtures = self._hub.fixtures_dir
        if fixtures is not None:
            path = fixtures / owner / repo / "jobs" / f"{job_id}.log"
            if path.is_file():
                return path
        return None

    def _get_job_logs(self, owner: str, repo: str, job_id: str, **_: Any) -> Response:
        if self._log_source(owner, repo, int(job_id)) is None:
            message = "Not Found" if self.missing_log_status == 404 else "Server Error"
            return error(self.missing_log_status, message)
        expires = int(time.time()) + self._hub.log_url_ttl_seconds  # GitHub: "This link expires after 1 minute."
        signature = secrets.token_urlsafe(16)
        location = f"{self._hub.api_url}/_blobs/{owner}/{repo}/jobs/{job_id}.log?sv=local&se={expires}&sig={signature}"
        return Response(status=302, headers={"Location": location})

    def _get_blob(
        self, owner: str, repo: str, job_id: str, headers: Mapping[str, str], query: Mapping[str, str], **_: Any
    ) -> Response:
        if "authorization" in headers:
            # A signed URL carries its own authorisation; a store refuses a second one. Catches token leaks.
            return json_response(400, {"message": "Only one auth mechanism allowed: the URL is already signed"})
        expires = query.get("se", "")
        if not expires.isdigit() or int(expires) < time.time():
            # As the blob store answers a signed URL used after its expiry (or without its signature).
            return json_response(403, {"message": "Signature not valid in the specified time frame"})
        source = self._log_source(owner, repo, int(job_id))
        if source is None:
            return json_response(404, {"message": "The specified blob does not exist."})
        size = len(source) if isinstance(source, bytes) else source.stat().st_size
        base = {"Content-Type": "text/plain; charset=utf-8"}
        if self.serve_ranges:
            base["Accept-Ranges"] = "bytes"
        start, end, status = 0, size - 1, 200
        requested = headers.get("range")
        if self.serve_ranges and requested:
            parsed = _parse_range(requested, size)
            if parsed is None:
                return Response(status=416, headers={**base, "Content-Range": f"bytes */{size}"})
            start, end = parsed
            status = 206
            base["Content-Range"] = f"bytes {start}-{end}/{size}"
        length = max(0, end - start + 1)
        if isinstance(source, bytes):
            return Response(status=status, headers=base, body=source[start : start + length])
        return Response(status=status, headers=base, file=(source, start, length))

    # -- re-runs and the runs pushes start ---------------------------------------------------------

    def _rerun_failed_jobs(self, owner: str, repo: str, run_id: str, **_: Any) -> Response:
        full_name, number = f"{owner}/{repo}", int(run_id)
        run = self.run_json(owner, repo, number)
        if run.get("status") != "completed":
            # GitHub refuses to re-run a run that is still going.
            return error(403, "This workflow run is not completed")
        attempt = int(run.get("run_attempt") or 1) + 1
        with self._hub.lock:
            self._runs.setdefault((full_name, number), {}).update(run_attempt=attempt, status="completed")
            self.reruns.append((full_name, number, attempt))
        self._start_run(
            full_name,
            number,
            name=str(run.get("name") or ""),
            path=str(run.get("path") or ""),
            branch=str(run.get("head_branch") or ""),
            sha=str(run.get("head_sha") or ""),
            attempt=attempt,
            rerun=True,
        )
        return json_response(201, {})

    def on_push(self, repo: str, ref: str, sha: str) -> None:
        """A branch moved through the API: start a run of every workflow the commit holds, as a push would."""
        if not ref.startswith("heads/"):
            return
        branch = ref.removeprefix("heads/")
        for path, name in self._workflows_at(repo, sha):
            with self._hub.lock:
                run_id = self._next_run_id
                self._next_run_id += 1
                self._runs[(repo, run_id)] = {
                    "name": name,
                    "path": path,
                    "head_branch": branch,
                    "head_sha": sha,
                    "run_attempt": 1,
                    "event": "push",
                    "status": "completed",
                }
            self._start_run(repo, run_id, name=name, path=path, branch=branch, sha=sha, attempt=1, rerun=False)

    def _workflows_at(self, repo: str, sha: str) -> list[tuple[str, str]]:
        with self._hub.lock:
            repository = self._hub.repos.repository(repo)
            commit = repository.resolve(sha)
            if commit is None:
                return []
            found = []
            for path, (_mode, blob) in sorted(repository.files(commit.tree).items()):
                if path.startswith(".github/workflows/") and path.endswith((".yml", ".yaml")):
                    match = _WORKFLOW_NAME.search(repository.blobs[blob].decode("utf-8", "replace"))
                    found.append((path, match.group(2) if match else path))
            return found

    def _fixture_scripts(self, repo: str) -> list[VerdictScript]:
        """``<fixtures>/<owner>/<repo>/verdicts.json``: a list of {"conclusion", "branch"?, "run_id"?, "workflow"?}."""
        fixtures = self._hub.fixtures_dir
        path = fixtures / repo / "verdicts.json" if fixtures is not None else None
        if path is None or not path.is_file():
            return []
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [
            VerdictScript(
                repo=repo,
                conclusion=str(entry["conclusion"]),
                branch=entry.get("branch"),
                run_id=entry.get("run_id"),
                workflow=entry.get("workflow"),
                failing_jobs=tuple(entry["failing_jobs"]) if entry.get("failing_jobs") is not None else None,
            )
            for entry in entries
        ]

    def _script(self, repo: str, *, branch: str, run_id: int | None, workflow: str) -> VerdictScript | None:
        for script in self._fixture_scripts(repo):
            if script.matches(repo, branch=branch, run_id=run_id, workflow=workflow):
                return script
        with self._hub.lock:
            for entry in self._scripts:
                script, remaining = entry
                if remaining is not None and remaining <= 0:
                    continue
                if script.matches(repo, branch=branch, run_id=run_id, workflow=workflow):
                    if remaining is not None:
                        entry[1] = remaining - 1
                    return script  # type: ignore[no-any-return]
        return None

    def _rerun_jobs(self, repo: str, run_id: int, conclusion: str, failing: tuple[str, ...] | None) -> None:
        """The jobs of a re-run's attempt: those that failed are run again and pass, or fail as scripted."""
        with self._hub.lock:
            specs = self._run_jobs.get((repo, run_id))
            if specs is None:
                return
            for spec in specs:
                if spec.get("conclusion") not in ("failure", "timed_out"):
                    continue
                fails = conclusion != "success" and (failing is None or spec.get("name") in failing)
                spec["conclusion"] = "failure" if fails else "success"

    def _start_run(
        self, repo: str, run_id: int, *, name: str, path: str, branch: str, sha: str, attempt: int, rerun: bool
    ) -> None:
        script = self._script(repo, branch=branch, run_id=run_id if rerun else None, workflow=name)
        conclusion = "success" if script is None else script.conclusion
        if rerun:
            self._rerun_jobs(repo, run_id, conclusion, None if script is None else script.failing_jobs)
        with self._hub.lock:
            self._runs.setdefault((repo, run_id), {}).update(conclusion=conclusion, status="completed")
            webhook = self._webhook
        if webhook is None:
            return
        url, secret, delay = webhook
        owner, _sep, name_only = repo.partition("/")
        run = self.run_json(owner, name_only, run_id)
        run.update(
            name=name,
            path=path,
            head_branch=branch,
            head_sha=sha,
            run_attempt=attempt,
            status="completed",
            conclusion=conclusion,
            event="push",
            pull_requests=[],
            updated_at=iso(time.time()),
        )
        run["head_commit"]["id"] = sha
        repository: dict[str, Any] = render(recording("repository"), self._hub.values(owner, name_only))
        payload = {
            "action": "completed",
            "workflow_run": run,
            "repository": repository,
            "sender": {"login": self._hub.bot_login, "type": "Bot"},
        }
        timer = threading.Timer(delay, _deliver, args=(url, secret, "workflow_run", payload))
        timer.daemon = True
        with self._hub.lock:
            self._timers.append(timer)
        timer.start()


def _workflow_number(path: str) -> int:
    # A stable numeric id per workflow file, as GitHub gives each workflow one.
    return int.from_bytes(path.encode()[-6:].rjust(6, b"\0"), "big") % 100_000_000 + 1


def _deliver(url: str, secret: str, event: str, payload: Mapping[str, Any]) -> None:
    import requests

    from ci_agent.webhooks.signature import sign

    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(secret.encode(), body),
        "User-Agent": "GitHub-Hookshot/local",
    }
    try:
        answer = requests.post(url, data=body, headers=headers, timeout=15)
        logger.info("local GitHub delivered %s: %s", event, answer.status_code)
    except requests.RequestException:
        logger.exception("local GitHub could not deliver %s", event)


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
