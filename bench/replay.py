"""Load and fault replay: thousands of webhook deliveries over HTTP to the local stack, then the tables checked.

    .venv/bin/python bench/replay.py [--deliveries 2000] [--seed 8]     (make replay; make test runs a small one)

The mix is what the trial of issue 8 sent, kept as a harness: real event types (failed ``workflow_job`` deliveries
of many repositories, branches and pull requests), 10 % redeliveries (same delivery id), new delivery ids for jobs
already sent, 5 % forged signatures, 5 % malformed or hostile bodies (not JSON, nested 1,000 deep, a 5,000-digit
integer, a malformed repository name, an oversized delivery id), sent in bursts of 50 concurrent requests. GitHub
fails meanwhile: 5xx and hangs on the log, rate limits (429 and 403) on comments, expired logs (no log at all),
and a worker that stops mid-record (the failure stored, its comment refused with a 502, the delivery retried).
A delivery answered 409 (its first attempt still in flight) or 503 (the queue or table too slow) is sent again, as
a person redelivering from GitHub's delivery log would; both are counted.

Then the tables and the pull requests are compared with what was sent, and the figures printed: genuine failures
recorded exactly once (each with the log status it should have: expired for the jobs seeded without a log, ok
for the others), nothing forged or malformed recorded, duplicate comments (zero), deliveries retried to
success and dead-lettered, acknowledgement latency p50/p99, and the time the queue took to drain. The exit status
is 1 when a check fails.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import boto3
import requests

from ci_agent.github.model import comment_marker
from ci_agent.local.github import Fault
from ci_agent.local.stack import LocalStack, LocalStackInfo
from ci_agent.webhooks.signature import sign

EVENT = Path(__file__).resolve().parent.parent / "tests" / "events" / "workflow_job.completed.failure.json"
REPOSITORIES = [f"replay-org/service-{n}" for n in range(4)]
BRANCHES_PER_REPOSITORY = 6
BURST = 50
FIRST_JOB_ID = 700_000_000
FIRST_REJECTED_JOB_ID = 800_000_000


@dataclass(frozen=True, slots=True)
class Delivery:
    kind: str  # genuine, redelivery, new_id, forged, malformed
    job_id: int
    delivery_id: str
    body: bytes
    signature: str
    expected: tuple[int, ...]


@dataclass(slots=True)
class Results:
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    accepted: Counter[int] = field(default_factory=Counter)  # job id -> deliveries of it answered 202
    latencies: list[float] = field(default_factory=list)
    redelivered: Counter[int] = field(default_factory=Counter)  # status that asked for it -> redeliveries


def _sha(repo: str, branch: int) -> str:
    return f"{abs(hash((repo, branch))) % 16**40:040x}"


def _payload(job_id: int, repo: str, branch: int) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(EVENT.read_text())
    payload["workflow_job"].update(
        id=job_id,
        run_id=job_id // 10,
        name=f"test ({job_id % 7})",
        head_branch=f"feature/{branch}",
        head_sha=_sha(repo, branch),
        conclusion="failure",
        completed_at="2026-11-29T10:00:00Z",
    )
    payload["repository"]["full_name"] = repo
    payload["repository"]["name"] = repo.partition("/")[2]
    return payload


def _hostile(kind: int, job_id: int, secret: str) -> tuple[str, bytes, str]:
    """(delivery id, body, signature) of one malformed or hostile delivery about ``job_id``."""
    good = _payload(job_id, REPOSITORIES[0], 0)
    delivery_id = str(uuid.uuid4())
    if kind == 0:
        body = b'{"action": "completed", "workflow_job": {"id": ' + str(job_id).encode() + b", "
    elif kind == 1:
        body = json.dumps(good).encode()[:-1] + b', "x": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    elif kind == 2:
        body = json.dumps(good).encode().replace(b'"run_attempt": 1', b'"run_attempt": ' + b"9" * 5000, 1)
    elif kind == 3:
        good["repository"]["full_name"] = "../../etc/passwd"
        body = json.dumps(good).encode()
    else:
        body, delivery_id = json.dumps(good).encode(), "d" * 3000
    return delivery_id, body, sign(secret.encode(), body)


def plan(total: int, secret: str, seed: int) -> tuple[list[Delivery], dict[int, tuple[str, int]], set[int]]:
    """The deliveries to send, the genuine jobs (job id -> repository, branch), and the expired-log jobs."""
    rng = random.Random(seed)
    n_forged = n_malformed = max(1, total // 20)
    n_redelivered = max(1, total // 10)
    n_new_ids = max(1, total // 12)
    n_genuine = total - n_forged - n_malformed - n_redelivered - n_new_ids
    jobs: dict[int, tuple[str, int]] = {}
    genuine: list[Delivery] = []
    for n in range(n_genuine):
        job_id = FIRST_JOB_ID + n
        repo, branch = rng.choice(REPOSITORIES), rng.randrange(BRANCHES_PER_REPOSITORY)
        jobs[job_id] = (repo, branch)
        body = json.dumps(_payload(job_id, repo, branch)).encode()
        genuine.append(Delivery("genuine", job_id, str(uuid.uuid4()), body, sign(secret.encode(), body), (200, 202)))
    expired = set(rng.sample(sorted(jobs), max(1, n_genuine // 20)))
    # In a burst of 50 concurrent requests a redelivery may overtake its original: whichever is accepted first
    # gets the 202, the others 200 (a 409 while the first is being accepted is resent). Checked per job below.
    again = [
        Delivery("redelivery", d.job_id, d.delivery_id, d.body, d.signature, (200, 202))
        for d in rng.choices(genuine, k=n_redelivered)
    ] + [
        Delivery("new_id", d.job_id, str(uuid.uuid4()), d.body, d.signature, (200, 202))
        for d in rng.choices(genuine, k=n_new_ids)
    ]
    rejected: list[Delivery] = []
    for n in range(n_forged):
        job_id = FIRST_REJECTED_JOB_ID + n
        body = json.dumps(_payload(job_id, rng.choice(REPOSITORIES), 0)).encode()
        rejected.append(Delivery("forged", job_id, str(uuid.uuid4()), body, sign(b"not the secret", body), (401,)))
    for n in range(n_malformed):
        job_id = FIRST_REJECTED_JOB_ID + n_forged + n
        delivery_id, body, signature = _hostile(n % 5, job_id, secret)
        rejected.append(Delivery("malformed", job_id, delivery_id, body, signature, (400,)))
    # Genuine deliveries first in their own order, everything else shuffled in after its original.
    order: list[Delivery] = list(genuine)
    for delivery in again + rejected:
        first = next((i for i, d in enumerate(order) if d.job_id == delivery.job_id), 0)
        order.insert(rng.randint(first + 1, len(order)), delivery)
    return order, jobs, expired


def seed_github(stack: LocalStack, jobs: dict[int, tuple[str, int]], expired: set[int], total: int) -> int:
    """Logs, pull requests and GitHub's faults; returns how many faults were injected."""
    logs = [
        resource.read_bytes()
        for resource in resources.files("ci_agent.demo").joinpath("logs").iterdir()
        if resource.name.endswith(".log")
    ]
    github = stack.github
    for number, (repo, branch) in enumerate(sorted({(r, b) for r, b in jobs.values()}), start=1):
        github.add_pull_request(repo, number, head_sha=_sha(repo, branch), head_ref=f"feature/{branch}")
    # An expired job is known to GitHub (its own page answers) but has no log. A run is seeded with all its
    # expired jobs at once: seeding it once per job replaced the run's earlier jobs, which then answered 404
    # themselves and were recorded "job unreadable" (five of the full replay's records, before this was fixed).
    expired_runs: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for job_id, (repo, _branch) in jobs.items():
        if job_id in expired:
            expired_runs.setdefault((repo, job_id // 10), []).append({"id": job_id, "conclusion": "failure"})
        else:
            github.add_log(repo, job_id, logs[job_id % len(logs)])
    for (repo, run_id), run_jobs in expired_runs.items():
        github.set_run_jobs(repo, run_id, run_jobs)
    faults = max(2, total // 100)
    # Spread over the run: each kind answers one request in ``every`` of its kind until it has answered ``faults``
    # (all at the start, the five worker instances took them within seconds, and a delivery rate-limited five
    # times in a row by a limit that resets in one second was dead-lettered: hours of GitHub's, pressed into one).
    every = max(1, len(jobs) // (2 * faults))
    github.inject_fault("/repos/*/actions/jobs/*/logs", Fault.server_error(502), times=faults, every=every)
    github.inject_fault("/repos/*/actions/jobs/*", Fault.server_error(503), times=faults, every=every)
    github.inject_fault(
        "/repos/*/issues/*/comments",
        Fault.secondary_rate_limit(1, status=429),
        times=faults,
        method="GET",
        every=every,
    )
    github.inject_fault(
        "/repos/*/commits/*/pulls", Fault.rate_limit_exhausted(1, status=403), times=faults, every=every
    )
    # The worker stops mid-record: the failure is stored, then its comment is refused; the retry comments.
    github.inject_fault("/repos/*/issues/*/comments", Fault.server_error(502), times=faults, method="POST", every=every)
    for _ in range(max(1, total // 400)):
        github.interleave("/repos/*/actions/jobs/*/logs", lambda: time.sleep(2.0))  # a slow log store
    return faults * 5


def send_from_another_process(webhook_url: str, deliveries: list[Delivery], scratch: Path) -> tuple[Results, float]:
    """Send ``deliveries`` in bursts of ``BURST`` from a child process; what it saw, and how long it took."""
    plan_file, results_file = scratch / "deliveries.json", scratch / "answers.json"
    plan_file.write_text(
        json.dumps(
            [
                {**asdict(d), "body": base64.b64encode(d.body).decode("ascii"), "expected": list(d.expected)}
                for d in deliveries
            ]
        )
    )
    command = [sys.executable, str(Path(__file__).resolve()), "--send", str(plan_file), "--to", webhook_url]
    subprocess.run([*command, "--answers", str(results_file)], check=True)
    answers = json.loads(results_file.read_text())
    results = Results(
        statuses=Counter({(kind, status): count for kind, status, count in answers["statuses"]}),
        accepted=Counter({int(job): count for job, count in answers["accepted"].items()}),
        latencies=answers["latencies"],
        redelivered=Counter({int(status): count for status, count in answers["redelivered"].items()}),
    )
    return results, float(answers["seconds"])


def _send_all(plan_file: Path, webhook_url: str, answers_file: Path) -> None:
    """The child process of :func:`send_from_another_process`."""
    deliveries = [
        Delivery(**{**item, "body": base64.b64decode(item["body"]), "expected": tuple(item["expected"])})
        for item in json.loads(plan_file.read_text())
    ]
    results = Results()
    started = time.monotonic()
    with ThreadPoolExecutor(BURST) as pool:
        for first in range(0, len(deliveries), BURST):
            list(pool.map(lambda d: _send(webhook_url, d, results), deliveries[first : first + BURST]))
    answers = {
        "statuses": [[kind, status, count] for (kind, status), count in results.statuses.items()],
        "accepted": {str(job): count for job, count in results.accepted.items()},
        "latencies": results.latencies,
        "redelivered": {str(status): count for status, count in results.redelivered.items()},
        "seconds": time.monotonic() - started,
    }
    answers_file.write_text(json.dumps(answers))


def _send(webhook_url: str, delivery: Delivery, results: Results) -> None:
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "workflow_job",
        "X-GitHub-Delivery": delivery.delivery_id,
        "X-Hub-Signature-256": delivery.signature,
    }
    status = 0
    for attempt in range(20):
        started = time.monotonic()
        try:
            status = requests.post(webhook_url, data=delivery.body, headers=headers, timeout=30).status_code
        except requests.Timeout:
            status = 0  # GitHub records a timed-out delivery as failed: it is redelivered like a 503
        results.latencies.append(time.monotonic() - started)
        # 409: the first attempt is still being accepted; 503 or no answer: the queue or table did not answer in
        # time. Each asks for a redelivery, which a person makes from GitHub's delivery log (README, runbook): so
        # does the harness.
        if status not in (0, 409, 503):
            break
        results.redelivered[status] += 1
        time.sleep(0.2 * (attempt + 1))
    results.statuses[(delivery.kind, status)] += 1
    if status == 202:
        results.accepted[delivery.job_id] += 1


@contextmanager
def counting_worker_logs() -> Iterator[Counter[str]]:
    """How often the worker retried or dropped a delivery, from its own log records."""
    counts: Counter[str] = Counter()

    class _Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            for what in ("delivery failed", "GitHub rate limit", "delivery dropped", "delivery put back"):
                if message.startswith(what):
                    counts[what] += 1

    handler = _Handler(level=logging.DEBUG)
    logger = logging.getLogger("ci-agent")
    logger.addHandler(handler)
    try:
        yield counts
    finally:
        logger.removeHandler(handler)


def _failures(info: LocalStackInfo) -> tuple[Counter[str], dict[str, str]]:
    """How often each failure id is in the table, and each failure's log status (items without one, such as
    success markers and signature summaries, are not failures)."""
    dynamodb = boto3.client("dynamodb", endpoint_url=info.aws_endpoint_url, region_name="us-east-1")
    found: Counter[str] = Counter()
    log_status: dict[str, str] = {}
    for page in dynamodb.get_paginator("scan").paginate(TableName="ci-agent-local-failures"):
        for item in page["Items"]:
            found[item["failure_id"]["S"]] += 1
            if "log_status" in item:
                log_status[item["failure_id"]["S"]] = item["log_status"]["S"]
    return found, log_status


def run(total: int, seed: int, out: Any = sys.stdout, function_log: Path | None = None) -> dict[str, Any]:
    """Replay ``total`` deliveries against a fresh local stack; the figures, and whether every check held.

    What the functions log (thousands of lines, retries included) goes to ``function_log``, not the terminal."""
    with (
        tempfile.TemporaryDirectory() as fixtures,
        (function_log or Path(fixtures) / "functions.log").open("w", encoding="utf-8") as log_file,
        contextlib.redirect_stdout(log_file),
        _running(LocalStack(Path(fixtures))) as stack,
    ):
        info = stack.info
        assert info is not None
        deliveries, jobs, expired = plan(total, info.webhook_secret, seed)
        faults = seed_github(stack, jobs, expired, total)
        with counting_worker_logs() as worker:
            # Sent from a process of its own, as GitHub's are: fifty client threads in the stack's process would
            # take the interpreter from the functions and count their own wait in the acknowledgement latency.
            results, send_seconds = send_from_another_process(info.webhook_url, deliveries, Path(fixtures))
            sent = time.monotonic()
            # Each worker instance pauses a second between GitHub writes, as GitHub asks. The bound is for a stack
            # that never drains (it returns as soon as the stack is idle): 60 s + 3 s a job was too short for the
            # 50-delivery test on Python 3.13 while six other processes shared the 2 cores (all else was right).
            drained = stack.wait_until_idle(timeout_seconds=120.0 + 6.0 * len(jobs))
            drain_seconds = time.monotonic() - sent
        recorded, log_status = _failures(info)
        dead = _all_dead_letters(stack)
        marker = comment_marker("local")
        comments = {
            (repo, pull.number): sum(marker in c.body for c in stack.github.comments(repo, pull.number))
            for repo in REPOSITORIES
            for pull in stack.github.pull_requests(repo)
        }
        fix_pulls = Counter(
            (repo, pull.head_ref)
            for repo in REPOSITORIES
            for pull in stack.github.pull_requests(repo)
            if pull.author == stack.github.bot_login and pull.state == "open"
        )

    genuine_ids = {f"{repo}#{job_id}" for job_id, (repo, _branch) in jobs.items()}
    # A job whose log GitHub no longer has is recorded "expired"; every other one was read ("ok"). Anything
    # else ("unavailable": the job itself answered 404) means the harness or the product lost track of a job.
    expected_status = {
        f"{repo}#{job_id}": "expired" if job_id in expired else "ok" for job_id, (repo, _branch) in jobs.items()
    }
    wrong_status = Counter(
        f"{expected} -> {log_status[key]}"
        for key, expected in expected_status.items()
        if key in log_status and log_status[key] != expected
    )
    rejected_ids = {
        f"{repo}#{job_id}" for repo in [*REPOSITORIES, "../../etc/passwd"] for job_id in _rejected(deliveries)
    }
    unexpected: Counter[tuple[str, int]] = Counter()
    for (kind, status), count in results.statuses.items():
        allowed = {d.expected for d in deliveries if d.kind == kind}
        if not any(status in expected for expected in allowed):
            unexpected[(kind, status)] += count
    latencies = sorted(results.latencies)
    figures = {
        "deliveries_sent": len(deliveries),
        "by_kind": dict(Counter(d.kind for d in deliveries)),
        "answers": {f"{kind} {status}": count for (kind, status), count in sorted(results.statuses.items())},
        "redelivered_after_409": results.redelivered[409],
        "redelivered_after_503": results.redelivered[503],
        "redelivered_after_timeout": results.redelivered[0],
        "unexpected_answers": {f"{kind} {status}": count for (kind, status), count in unexpected.items()},
        # A 202 whose answer was lost to the sender's timeout is followed by "already accepted" for the
        # redelivery, so under load a job can be acknowledged without the sender seeing its 202: whether each job
        # went through once is read from the table (genuine_recorded_once). What the answers must never show is
        # one job accepted twice, which would queue its analysis twice.
        "jobs_accepted_once": sum(1 for job_id in jobs if results.accepted[job_id] == 1),
        "jobs_accepted_twice": sum(1 for job_id in jobs if results.accepted[job_id] > 1),
        "genuine_jobs": len(genuine_ids),
        "genuine_recorded_once": sum(1 for key in genuine_ids if recorded[key] == 1),
        "genuine_missing": sorted(key for key in genuine_ids if recorded[key] == 0)[:10],
        "forged_or_malformed_recorded": sorted(key for key in rejected_ids if recorded[key])[:10],
        "expired_logs_recorded_expired": sum(
            1 for key, expected in expected_status.items() if expected == "expired" and log_status.get(key) == expected
        ),
        "expired_logs": len(expired),
        "log_status_unexpected": dict(wrong_status),
        "pull_requests_commented": sum(1 for count in comments.values() if count),
        "duplicate_comments": sum(max(0, count - 1) for count in comments.values()),
        "fix_pull_requests": sum(fix_pulls.values()),
        "duplicate_fix_pull_requests": sum(max(0, count - 1) for count in fix_pulls.values()),
        "github_faults_injected": faults,
        "worker_retries": dict(worker),
        "dead_lettered": len(dead),
        "ack_latency_p50_ms": round(1000 * statistics.median(latencies), 1),
        "ack_latency_p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1),
        "send_seconds": round(send_seconds, 1),
        "drain_seconds": round(drain_seconds, 1),
        "drained": drained,
    }
    figures["ok"] = bool(
        drained
        and not unexpected
        and figures["genuine_recorded_once"] == len(genuine_ids)
        and figures["jobs_accepted_twice"] == 0
        and figures["pull_requests_commented"] > 0
        and figures["duplicate_fix_pull_requests"] == 0
        and not figures["forged_or_malformed_recorded"]
        and not wrong_status
        and figures["duplicate_comments"] == 0
        and figures["dead_lettered"] == 0
    )
    for key, value in figures.items():
        print(f"{key:>30}: {value}", file=out)
    return figures


def _rejected(deliveries: list[Delivery]) -> set[int]:
    return {d.job_id for d in deliveries if d.kind in ("forged", "malformed")}


def _all_dead_letters(stack: LocalStack) -> list[str]:
    bodies: list[str] = []
    while batch := stack.dead_letters():
        bodies += batch
        if len(bodies) > 10_000:
            break
    return bodies


@contextmanager
def _running(stack: LocalStack) -> Iterator[LocalStack]:
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--function-log", type=Path, help="where the functions' own log goes (default: discarded)")
    parser.add_argument("--send", type=Path, help=argparse.SUPPRESS)  # the sending child process
    parser.add_argument("--to", help=argparse.SUPPRESS)
    parser.add_argument("--answers", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.send is not None:
        _send_all(args.send, args.to, args.answers)
        return 0
    logging.basicConfig(level=logging.ERROR)  # urllib3's pool notices under 50 concurrent requests are noise
    # The fix flow runs too (moto's Step Functions); its engine logs each failed execution of a replayed job
    # whose repository has no files: the attempts record why, the terminal needs none of it.
    logging.getLogger("moto").setLevel(logging.CRITICAL)
    figures = run(args.deliveries, args.seed, function_log=args.function_log)
    return 0 if figures["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
