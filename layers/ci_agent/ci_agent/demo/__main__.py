"""`python -m ci_agent.demo` (`make demo`): the whole product on this machine, in under two minutes.

1. Diagnose the example logs, as ``ci-agent analyze`` would.
2. Start the local stack (moto's server for AWS, the local GitHub, the real Lambda handlers and the fix flow's
   state machine) and replay five weeks of one organisation's CI as signed webhook deliveries (see
   :mod:`ci_agent.demo.scenario`): the history first, with the fix flow switched off as it was then, then the
   last hour with it on, so its re-runs and their verdicts play out on the local GitHub.
3. Render the weekly report through the ReportFunction handler, and print where it is (its S3 key and its
   issue on the local GitHub) and the report itself. Everything is stopped at the end.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from ci_agent.cli import main as cli_main
from ci_agent.demo.scenario import (
    OWNER,
    PULL_REQUEST_BRANCH,
    PULL_REQUEST_REPO,
    REPORT_REPOSITORY,
    SHOP_FILES,
    Delivery,
    Replay,
    build_replay,
    example_log,
    history,
    package_dir,
    today,
)
from ci_agent.webhooks.signature import sign

# The fix flow as it was during the history (switched off), then as the operator switched it on this week.
FIX_POLICY_OFF: dict[str, Any] = {"enabled": False}
FIX_POLICY_ON: dict[str, Any] = {"all_repositories": True, "rerun_delay_seconds": 1, "daily_budget": 50}


def demo_logs() -> list[Path]:
    """The example logs: hand-written realistic ones first, then real ones from public projects."""
    folder = package_dir("logs")
    return sorted(folder.glob("*.log")) + sorted((folder / "real").glob("*.log"))


def deliver(webhook_url: str, secret: str, delivery: Delivery) -> int:
    body = json.dumps(delivery.payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": delivery.event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": sign(secret.encode(), body),
        "User-Agent": "GitHub-Hookshot/demo",
    }
    request = Request(webhook_url, data=body, method="POST", headers=headers)  # noqa: S310 - local http URL
    with urlopen(request, timeout=30) as response:  # noqa: S310 - a local http URL
        return int(response.status)


def analyse_examples() -> int:
    logs = demo_logs()
    print(f"== 1. ci-agent analyze: {len(logs)} failing GitHub Actions job logs\n")
    status = 0
    for log in logs:
        status |= cli_main(["analyze", str(log)])
        print()
    return status


def _replay(stack: Any, deliveries: list[Delivery], label: str) -> None:
    info = stack.info
    statuses: Counter[int] = Counter()
    for delivery in deliveries:
        statuses[deliver(info.webhook_url, info.webhook_secret, delivery)] += 1
    answered = ", ".join(f"{count} x HTTP {status}" for status, count in sorted(statuses.items()))
    first, last = deliveries[0].at, deliveries[-1].at
    print(f"{label}: {len(deliveries)} signed deliveries from {first:%a %d %b} to {last:%a %d %b %H:%M} -> {answered}")
    if not stack.wait_until_idle(90):
        raise RuntimeError("the local stack did not finish the deliveries in time")


def _set_fix_policy(policy: dict[str, Any]) -> None:
    from ci_agent import wiring
    from ci_agent.config import settings
    from ci_agent.local.stack import FIX_POLICY_PARAMETER

    ssm = wiring.aws_client("ssm", settings())
    ssm.put_parameter(Name=FIX_POLICY_PARAMETER, Type="String", Value=json.dumps(policy), Overwrite=True)
    # On AWS the functions pick the change up within a minute; here, drop the cached copy at once.
    wiring.reset_caches()


def seed_github(stack: Any, replay: Replay) -> None:
    # The organisation's repositories, the report's among them: GitHub answers 404 for any other.
    for repo in (*replay.repositories, REPORT_REPOSITORY):
        stack.github.add_repository(repo)
    for (repo, job_id), log in replay.logs.items():
        stack.github.add_log(repo, job_id, example_log(log))
    for run in replay.runs:
        fields = {key: value for key, value in run.items() if key not in ("repo", "run_id", "jobs")}
        stack.github.add_run(run["repo"], run["run_id"], **fields)
        stack.github.set_run_jobs(run["repo"], run["run_id"], run["jobs"])
    # Every job ran at a commit of its repository: GitHub answers 422 when asked for the pull requests of a
    # commit it does not know, and so does the local GitHub.
    for delivery in replay.deliveries:
        job = delivery.payload.get("workflow_job") or {}
        if job.get("head_sha"):
            stack.github.add_commit(delivery.payload["repository"]["full_name"], job["head_sha"])


def render_weekly_report(stack: Any, end: datetime) -> dict[str, Any]:
    """Invoke the ReportFunction handler, as EventBridge or an operator would."""
    from ci_agent.local.stack import LocalLambdaContext, load_handler

    handler = load_handler(stack.functions_dir, "report")
    answer: dict[str, Any] = handler.handler(
        {"owner": OWNER, "end": end.isoformat()}, LocalLambdaContext("ReportFunction", 300)
    )
    report: dict[str, Any] = answer["reports"][0]
    return report


def read_report(key: str) -> str:
    """The report as stored, read back through the report bucket's gateway."""
    from ci_agent import wiring
    from ci_agent.archive import S3ReportArchive
    from ci_agent.config import settings

    config = settings()
    assert config.report_bucket is not None
    text = S3ReportArchive(wiring.aws_client("s3", config), config.report_bucket).get_text(key)
    if text is None:
        raise RuntimeError(f"the report is not at {key}")
    return text


def run_whole_flow(now: datetime | None = None) -> int:
    from ci_agent.local.stack import LocalStack

    now = now or datetime.now(UTC)
    end = datetime(now.year, now.month, now.day, tzinfo=UTC) + timedelta(days=1)  # this week: up to midnight
    print(f"== 2. Five weeks of {OWNER}'s CI on the local stack (no AWS account, no GitHub)\n")
    saved = {name: os.environ.get(name) for name in ("REPORT_ISSUE_REPOSITORY", "REPORT_OWNERS")}
    os.environ["REPORT_ISSUE_REPOSITORY"] = REPORT_REPOSITORY
    os.environ["REPORT_OWNERS"] = OWNER
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as fixtures:
        stack = LocalStack(Path(fixtures), fix_policy=FIX_POLICY_OFF)
        try:
            info = stack.start()
            print(
                f"local stack up in {time.monotonic() - started:.0f} s: webhooks {info.webhook_url}, "
                f"AWS (moto) {info.aws_endpoint_url}, GitHub {info.github_api_url}"
            )
            # acme/shop's files, so the fix flow can read the failing commit and propose changes to it
            head = stack.github.add_branch(
                PULL_REQUEST_REPO, PULL_REQUEST_BRANCH, stack.github.add_files(PULL_REQUEST_REPO, SHOP_FILES)
            )
            replay = build_replay(now, pull_request_head=head)
            print(f"{replay.failures} failed jobs in {len(replay.repositories)} repositories to replay")
            seed_github(stack, replay)
            _replay(stack, history(replay, now), "history, fix flow off")
            _set_fix_policy(FIX_POLICY_ON)
            _replay(stack, today(replay, now), "the last hour, fix flow on")
            if not stack.wait_for_fix_flows(90):
                print("(some fix flows were still waiting for a verdict when the demo moved on)")
            outcomes = Counter(str(e["ended_in"]) for e in stack.fix_flow_executions())
            print(
                "fix flow: "
                + (", ".join(f"{count} ended in {state}" for state, count in sorted(outcomes.items())) or "none")
            )
            for pull in stack.github.pull_requests(PULL_REQUEST_REPO):
                print(f"  pull request {PULL_REQUEST_REPO}#{pull.number}: {pull.title}")
            print("\n$ ci-agent stats")
            cli_main(["stats"])

            report = render_weekly_report(stack, end)
            print(
                f"\n== 3. The weekly report, rendered by the ReportFunction handler\n\n"
                f"stored at   s3://{stack.settings.report_bucket if stack.settings else '?'}/{report['markdown_key']}\n"
                f"numbers at  s3://{stack.settings.report_bucket if stack.settings else '?'}/{report['json_key']}\n"
                f"issue       {report['issue_url']} (label ci-intelligence, on the local GitHub)\n"
            )
            print(read_report(report["markdown_key"]))
        finally:
            stack.stop()
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    print(f"demo: the local stack ran for {time.monotonic() - started:.0f} s and is stopped")
    return 0


def main() -> int:
    started = time.monotonic()
    status = analyse_examples()
    status |= run_whole_flow()
    print(f"demo: done in {time.monotonic() - started:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
