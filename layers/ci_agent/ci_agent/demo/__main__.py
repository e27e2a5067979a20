"""`python -m ci_agent.demo`: the analyzer on example logs, then the whole flow on the local stack.

1. Diagnose the shipped example logs, as ``ci-agent analyze`` would.
2. Start the local stack (moto's server for AWS, the local GitHub, the real Lambda handlers), send it signed
   ``workflow_job`` webhooks over HTTP for some of those jobs, redeliver one, let one job pass again, and show
   what ci-agent recorded (``ci-agent stats``) and the comment it keeps on the pull request.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
import uuid
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

from ci_agent.cli import main as cli_main
from ci_agent.webhooks.signature import sign

REPO = "acme/shop"
PULL_REQUEST = 42
HEAD_SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8"
FLOW_JOBS = (  # (job id, job name, example log)
    (4101, "unit-tests", "python-pytest.log"),
    (4102, "install", "npm-ci-lockfile.log"),
    (4103, "lint", "go-vet-golangci.log"),
    (4104, "build", "rust-compile.log"),
)


def _package_dir(name: str) -> Path:
    return Path(str(resources.files("ci_agent.demo").joinpath(name)))


def demo_logs() -> list[Path]:
    """The example logs: hand-written realistic ones first, then real ones from public projects."""
    folder = _package_dir("logs")
    return sorted(folder.glob("*.log")) + sorted((folder / "real").glob("*.log"))


def _job_payload(job_id: int, name: str, conclusion: str, attempt: int, completed_at: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads((_package_dir("payloads") / "workflow_job.completed.json").read_text())
    payload = copy.deepcopy(payload)
    payload["repository"].update(full_name=REPO, name="shop")
    payload["workflow_job"].update(
        id=job_id,
        name=name,
        conclusion=conclusion,
        run_attempt=attempt,
        completed_at=completed_at,
        head_sha=HEAD_SHA,
        head_branch="feature/checkout",
        workflow_name="CI",
        html_url=f"https://github.com/{REPO}/actions/runs/77/job/{job_id}",
    )
    return payload


def _deliver(webhook_url: str, secret: str, payload: dict[str, Any], delivery_id: str) -> int:
    body = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": "workflow_job",
        "X-GitHub-Delivery": delivery_id,
        "X-Hub-Signature-256": sign(secret.encode(), body),
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


def run_whole_flow() -> int:
    from ci_agent.local.stack import LocalStack

    print("== 2. The whole flow on the local stack (no AWS account, no GitHub)\n")
    with tempfile.TemporaryDirectory() as fixtures:
        stack = LocalStack(Path(fixtures))
        info = stack.start()
        try:
            print(
                f"webhook endpoint {info.webhook_url}, AWS (moto) {info.aws_endpoint_url}, "
                f"GitHub (local) {info.github_api_url}\n"
            )
            stack.github.add_pull_request(REPO, PULL_REQUEST, head_sha=HEAD_SHA)
            for job_id, name, log in FLOW_JOBS:
                stack.github.add_log(REPO, job_id, (_package_dir("logs") / log).read_bytes())
                payload = _job_payload(job_id, name, "failure", 1, "2026-11-20T10:00:00Z")
                status = _deliver(info.webhook_url, info.webhook_secret, payload, f"demo-{job_id}")
                print(f"{f'POST workflow_job {name!r} failed':<46}-> HTTP {status}")
            again = _job_payload(4101, "unit-tests", "failure", 1, "2026-11-20T10:00:00Z")
            print(
                f"{'POST the same delivery again':<46}-> HTTP "
                f"{_deliver(info.webhook_url, info.webhook_secret, again, 'demo-4101')} (nothing changes)"
            )
            stack.wait_until_idle()
            fixed = _job_payload(4201, "unit-tests", "success", 2, "2026-11-20T10:42:00Z")
            print(
                f"{'POST workflow_job ' + repr('unit-tests') + ' re-run passed':<46}-> HTTP "
                f"{_deliver(info.webhook_url, info.webhook_secret, fixed, str(uuid.uuid4()))}"
            )
            stack.wait_until_idle()

            print("\n$ ci-agent stats --format json")
            cli_main(["stats", "--format", "json"])
            comments = stack.github.comments(REPO, PULL_REQUEST)
            print(
                f"\nThe pull request {REPO}#{PULL_REQUEST} has {len(comments)} ci-agent comment "
                f"(edited {comments[0].edits} times as failures arrived and one was fixed):\n"
            )
            print(comments[0].body)
        finally:
            stack.stop()
    return 0


def main() -> int:
    status = analyse_examples()
    return status | run_whole_flow()


if __name__ == "__main__":
    sys.exit(main())
