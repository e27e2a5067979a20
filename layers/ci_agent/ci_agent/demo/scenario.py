"""Five weeks of CI in one organisation, as the webhook deliveries GitHub would have sent: the demo's replay.

Every delivery is the real ``workflow_job`` payload example (octokit/webhooks, the copy in ``tests/events``)
with this scenario's repository,
job, run, commit and times; every failed job's log is one of the example logs (real public logs, or realistic
hand-written ones). The history is backdated over the four weeks before this one, so that trends, time to
recovery and "new this week" mean something:

- recurring failures that stay level (a pytest failure, golangci-lint, a Gradle test), one that is rising this
  week (``npm ci`` out of sync with the lock file), and one that is new this week (a Rust compile error);
- a flaky step: the nightly GPU tests time out and pass when the same run is re-run (same commit);
- failures nobody fixed (a package push denied), left open for days;
- today, the failures the fix flow can fix (a lost runner, a timeout): their re-runs play out on the local
  GitHub, and their verdicts come back as webhooks.

Deterministic for a given "now" (seeded), so the end-to-end test can check the report it produces.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

OWNER = "acme"
REPORT_REPOSITORY = f"{OWNER}/ci-reports"
WEEKS_OF_HISTORY = 4
DAY = timedelta(days=1)
WEEK = timedelta(days=7)


def package_dir(name: str) -> Path:
    return Path(str(resources.files("ci_agent.demo").joinpath(name)))


def example_log(name: str) -> bytes:
    folder = package_dir("logs")
    path = folder / name if (folder / name).is_file() else folder / "real" / name
    return path.read_bytes()


@dataclass(frozen=True, slots=True)
class Stream:
    """One job that keeps failing the same way: how often per week, how long until it passes again, and how."""

    repo: str
    workflow: str
    job: str
    branch: str
    log: str
    per_week: tuple[int, ...]  # failures in each of the 4 weeks before, then this week (oldest first)
    recovery_hours: tuple[float, float]  # uniform range
    passes_on_rerun: bool = False  # flaky: the same run passes when re-run at the same commit
    open_after: int | None = None  # failures from this index on (in time order) are never fixed


STREAMS = (
    Stream("acme/shop", "CI", "unit-tests", "main", "python-pytest.log", (2, 2, 2, 2, 2), (0.5, 6)),
    Stream("acme/web", "CI", "install", "main", "npm-ci-lockfile.log", (1, 1, 2, 1, 7), (1, 8)),
    Stream("acme/api", "CI", "lint", "main", "go-vet-golangci.log", (2, 1, 2, 2, 1), (0.3, 3)),
    Stream("acme/mobile", "CI", "test", "main", "cidiff-gradle-junit.log", (1, 1, 1, 1, 1), (2, 20)),
    Stream("acme/api", "CI", "build", "main", "rust-compile.log", (0, 0, 0, 0, 3), (0.5, 4)),
    Stream("acme/shop", "Nightly", "test-gpu", "main", "pytorch-step-timeout.log", (1, 1, 1, 1, 2), (0.3, 0.6), True),
    Stream("acme/api", "Release", "publish", "main", "docker-push-denied.log", (0, 1, 0, 0, 1), (1, 2), open_after=0),
)
# Today: failures the fix flow may fix. Their runs are registered on the local GitHub so it can re-run them.
FIXABLE = (
    ("acme/api", "CI", "integration", "renovate/tokio-1.42", "runner-lost.log"),
    ("acme/web", "CI", "e2e", "feature/checkout", "runner-lost.log"),
    ("acme/shop", "Nightly", "test-gpu", "release/2026.11", "pytorch-step-timeout.log"),
)


# Today, also: one run of acme/shop's CI on a feature branch fails in two jobs that only a change fixes (a
# deprecated action, a release script without its exec bit): the fix flow opens a pull request for each.
PULL_REQUEST_REPO = "acme/shop"
PULL_REQUEST_BRANCH = "feature/checkout"
PULL_REQUEST_JOBS = (("build", "upload-artifact-v3-deprecated.log"), ("release", "release-script-not-executable.log"))
SHOP_WORKFLOW = """\
name: CI
on: [push, pull_request]

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: python -m build
      - uses: actions/upload-artifact@v3  # the wheel, for the release job
        with:
          name: wheel
          path: dist/
  release:
    runs-on: ubuntu-latest
    needs: build
    steps:
      - uses: actions/checkout@v4
      - run: ./scripts/release.sh
"""
SHOP_FILES = {
    ".github/workflows/ci.yml": SHOP_WORKFLOW,
    "scripts/release.sh": "#!/bin/sh\nset -eu\necho releasing\n",  # committed without its exec bit
}


@dataclass(frozen=True, slots=True)
class Delivery:
    at: datetime
    event: str
    payload: dict[str, Any]


@dataclass(slots=True)
class Replay:
    """What to send, in time order, and what the local GitHub must serve for it."""

    deliveries: list[Delivery] = field(default_factory=list)
    logs: dict[tuple[str, int], str] = field(default_factory=dict)  # (repo, job id) -> example log
    runs: list[dict[str, Any]] = field(default_factory=list)  # runs the fix flow will re-run
    failures: int = 0
    repositories: set[str] = field(default_factory=set)


def _base_payload() -> dict[str, Any]:
    # The one copy of the real payloads, in the checkout beside the handlers the local stack loads.
    path = Path(__file__).resolve().parents[4] / "tests" / "events" / "workflow_job.completed.failure.json"
    payload: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return payload


def job_payload(
    base: dict[str, Any],
    *,
    repo: str,
    workflow: str,
    job: str,
    branch: str,
    job_id: int,
    run_id: int,
    attempt: int,
    sha: str,
    conclusion: str,
    completed_at: datetime,
) -> dict[str, Any]:
    """The real ``workflow_job`` example, as this scenario's job (its organisation, repository and times)."""
    payload = copy.deepcopy(base)
    owner, name = repo.split("/")
    started = completed_at - timedelta(minutes=4)
    payload["repository"].update(full_name=repo, name=name)
    payload["repository"]["owner"]["login"] = owner
    payload["organization"]["login"] = owner
    payload["workflow_job"].update(
        id=job_id,
        run_id=run_id,
        run_attempt=attempt,
        name=job,
        workflow_name=workflow,
        head_branch=branch,
        head_sha=sha,
        conclusion=conclusion,
        created_at=_iso(started - timedelta(seconds=30)),
        started_at=_iso(started),
        completed_at=_iso(completed_at),
        html_url=f"https://github.com/{repo}/actions/runs/{run_id}/job/{job_id}",
        run_url=f"https://api.github.com/repos/{repo}/actions/runs/{run_id}",
    )
    return payload


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_replay(now: datetime, *, seed: int = 7, pull_request_head: str | None = None) -> Replay:
    """The deliveries of five weeks ending ``now``, oldest first, and the fixable failures of the last hour;
    with ``pull_request_head`` (the commit of :data:`PULL_REQUEST_BRANCH` on the local GitHub, holding
    :data:`SHOP_FILES`) also the run whose two failed jobs only a pull request fixes."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible scenario, not a secret
    base = _base_payload()
    replay = Replay()
    week_end = _midnight_after(now)  # "this week" is the 7 days up to the coming midnight, as the demo reports
    ids = _ids()
    for stream in STREAMS:
        times = sorted(_failure_times(stream, week_end, now, rng))
        for index, failed_at in enumerate(times):
            run_id, job_id = next(ids), next(ids)
            sha = f"{rng.getrandbits(160):040x}"
            fields = {"repo": stream.repo, "workflow": stream.workflow, "job": stream.job, "branch": stream.branch}
            replay.deliveries.append(
                Delivery(
                    failed_at,
                    "workflow_job",
                    job_payload(
                        base,
                        **fields,
                        job_id=job_id,
                        run_id=run_id,
                        attempt=1,
                        sha=sha,
                        conclusion="failure",
                        completed_at=failed_at,
                    ),
                )
            )
            replay.logs[(stream.repo, job_id)] = stream.log
            replay.failures += 1
            replay.repositories.add(stream.repo)
            if stream.open_after is not None and index >= stream.open_after:
                continue
            gap = (times[index + 1] - failed_at) if index + 1 < len(times) else now - failed_at
            recovery = min(timedelta(hours=rng.uniform(*stream.recovery_hours)), gap * 0.8)
            passed_at = (failed_at + recovery).replace(microsecond=0)
            if passed_at >= now:
                continue  # not fixed yet
            if stream.passes_on_rerun:  # the same run, attempt 2, same commit
                success = job_payload(
                    base,
                    **fields,
                    job_id=next(ids),
                    run_id=run_id,
                    attempt=2,
                    sha=sha,
                    conclusion="success",
                    completed_at=passed_at,
                )
            else:  # a new commit's run
                success = job_payload(
                    base,
                    **fields,
                    job_id=next(ids),
                    run_id=next(ids),
                    attempt=1,
                    sha=f"{rng.getrandbits(160):040x}",
                    conclusion="success",
                    completed_at=passed_at,
                )
            replay.deliveries.append(Delivery(passed_at, "workflow_job", success))
    replay.deliveries.sort(key=lambda delivery: delivery.at)
    for minutes, (repo, workflow, job, branch, log) in zip((50, 35, 20), FIXABLE, strict=True):
        failed_at = (now - timedelta(minutes=minutes)).replace(microsecond=0)
        run_id, job_id = next(ids), next(ids)
        sha = f"{rng.getrandbits(160):040x}"
        replay.runs.append(
            {
                "repo": repo,
                "run_id": run_id,
                "name": workflow,
                "path": ".github/workflows/ci.yml",
                "head_branch": branch,
                "head_sha": sha,
                "run_attempt": 1,
                "status": "completed",
                "conclusion": "failure",
                "jobs": [{"id": job_id, "name": job, "conclusion": "failure"}],
            }
        )
        replay.logs[(repo, job_id)] = log
        replay.failures += 1
        replay.repositories.add(repo)
        replay.deliveries.append(
            Delivery(
                failed_at,
                "workflow_job",
                job_payload(
                    base,
                    repo=repo,
                    workflow=workflow,
                    job=job,
                    branch=branch,
                    job_id=job_id,
                    run_id=run_id,
                    attempt=1,
                    sha=sha,
                    conclusion="failure",
                    completed_at=failed_at,
                ),
            )
        )
    if pull_request_head is not None:
        _add_pull_request_run(replay, base, now, pull_request_head, ids)
    return replay


def _add_pull_request_run(replay: Replay, base: dict[str, Any], now: datetime, head: str, ids: Iterator[int]) -> None:
    failed_at = (now - timedelta(minutes=10)).replace(microsecond=0)
    run_id = next(ids)
    jobs = [(next(ids), name, log) for name, log in PULL_REQUEST_JOBS]
    replay.runs.append(
        {
            "repo": PULL_REQUEST_REPO,
            "run_id": run_id,
            "name": "CI",
            "path": ".github/workflows/ci.yml",
            "head_branch": PULL_REQUEST_BRANCH,
            "head_sha": head,
            "run_attempt": 1,
            "status": "completed",
            "conclusion": "failure",
            "jobs": [{"id": job_id, "name": name, "conclusion": "failure"} for job_id, name, _log in jobs],
        }
    )
    for job_id, name, log in jobs:
        replay.logs[(PULL_REQUEST_REPO, job_id)] = log
        replay.failures += 1
        replay.deliveries.append(
            Delivery(
                failed_at,
                "workflow_job",
                job_payload(
                    base,
                    repo=PULL_REQUEST_REPO,
                    workflow="CI",
                    job=name,
                    branch=PULL_REQUEST_BRANCH,
                    job_id=job_id,
                    run_id=run_id,
                    attempt=1,
                    sha=head,
                    conclusion="failure",
                    completed_at=failed_at,
                ),
            )
        )


def history(replay: Replay, now: datetime) -> list[Delivery]:
    """The deliveries before the last hour: ci-agent recorded them before its fix flow was switched on."""
    return [delivery for delivery in replay.deliveries if delivery.at < now - timedelta(hours=1)]


def today(replay: Replay, now: datetime) -> list[Delivery]:
    return [delivery for delivery in replay.deliveries if delivery.at >= now - timedelta(hours=1)]


def _midnight_after(now: datetime) -> datetime:
    now = now.astimezone(UTC)
    return datetime(now.year, now.month, now.day, tzinfo=UTC) + DAY


def _failure_times(stream: Stream, week_end: datetime, now: datetime, rng: random.Random) -> Iterator[datetime]:
    for back, count in zip(range(WEEKS_OF_HISTORY, -1, -1), stream.per_week, strict=True):
        start = week_end - (back + 1) * WEEK
        end = min(start + WEEK, now - timedelta(hours=2))  # this week's stops short of the last hours
        for _ in range(count):
            yield (start + (end - start) * rng.random()).replace(microsecond=0)  # payloads carry whole seconds


def _ids() -> Iterator[int]:
    number = 7_400_000_000
    while True:
        number += 1
        yield number
