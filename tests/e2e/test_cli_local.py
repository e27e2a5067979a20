"""`ci-agent local` as a user runs it: a separate process, a ready file, webhooks over HTTP, Ctrl-C to stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from ci_agent.webhooks.signature import sign

SCRIPT = Path(sys.executable).parent / "ci-agent"
READY_KEYS = {"webhook_url", "aws_endpoint_url", "github_api_url", "webhook_secret"}


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "CI_AGENT_"))}


def test_local_stack_command_serves_until_interrupted(tmp_path: Path) -> None:
    ready_file = tmp_path / "ready.json"
    fixtures = tmp_path / "recorded" / "acme" / "shop" / "jobs"
    fixtures.mkdir(parents=True)
    (fixtures / "31.log").write_text(
        "2026-11-20T10:00:00.0000000Z ##[group]Run go test ./...\n"
        "2026-11-20T10:00:01.0000000Z ##[endgroup]\n"
        "2026-11-20T10:00:02.0000000Z --- FAIL: TestCheckout (0.20s)\n"
        "2026-11-20T10:00:03.0000000Z ##[error]Process completed with exit code 1.\n"
    )
    process = subprocess.Popen(
        [str(SCRIPT), "local", "--github-fixtures", str(tmp_path / "recorded"), "--ready-file", str(ready_file)],
        env=_clean_env() | {"POWERTOOLS_LOG_LEVEL": "INFO"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    delivery_id = str(uuid.uuid4())
    try:
        deadline = time.monotonic() + 60
        while not ready_file.exists() and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.1)
        assert ready_file.exists(), process.stderr.read() if process.stderr else ""
        ready = json.loads(ready_file.read_text())
        assert set(ready) == READY_KEYS
        assert ready["webhook_url"].startswith("http://127.0.0.1:")

        # A failed job whose log the local GitHub serves from the fixtures directory
        payload = json.loads(
            (Path(__file__).parent.parent / "events" / "workflow_job.completed.failure.json").read_text()
        )
        payload["repository"]["full_name"] = "acme/shop"
        payload["workflow_job"]["id"] = 31
        body = json.dumps(payload).encode()
        response = requests.post(
            ready["webhook_url"],
            data=body,
            timeout=15,
            headers={
                "X-GitHub-Event": "workflow_job",
                "x-github-delivery": delivery_id,  # header names are case-insensitive (HTTP/2 lowercases them)
                "X-Hub-Signature-256": sign(ready["webhook_secret"].encode(), body),
            },
        )
        assert response.status_code == 202

        env = _clean_env() | {"AWS_ENDPOINT_URL": ready["aws_endpoint_url"]}
        stats: dict[str, object] = {}
        for _ in range(100):
            result = subprocess.run(
                [str(SCRIPT), "stats", "--format", "json"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            )
            stats = json.loads(result.stdout)
            if stats["failures"] == 1:
                break
            time.sleep(0.2)
        counts = {key: stats[key] for key in ("failures", "by_category", "by_repository", "open", "resolved")}
        assert counts == {
            "failures": 1,
            "by_category": {"test": 1},
            "by_repository": {"acme/shop": 1},
            "open": 1,
            "resolved": 0,
        }
        # nothing recovered or tried yet; the open failure is the example payload's, from August 2021
        assert (stats["mttr_median_seconds"], stats["fix_attempts"], stats["auto_fix_rate"]) == (None, 0, None)
        assert stats["open_by_age"] == {"under a day": 0, "1-7 days": 0, "7-30 days": 0, "over 30 days": 1}
    finally:
        process.send_signal(signal.SIGINT)
        output, _errors = process.communicate(timeout=30)
    assert process.returncode == 0

    # What an operator reads in the functions' logs: JSON lines from the use cases themselves, each carrying
    # the delivery id as correlation id.
    logged = [json.loads(line) for line in output.splitlines() if line.startswith("{") and '"level"' in line]
    about_the_delivery = {entry["message"]: entry for entry in logged if entry.get("correlation_id") == delivery_id}
    assert "delivery accepted" in about_the_delivery, logged
    assert about_the_delivery["failure recorded"]["failure_id"] == "acme/shop#31"
    # Everything it started is gone: the webhook endpoint no longer answers.
    try:
        requests.post(ready["webhook_url"], data=b"{}", timeout=2)
    except requests.ConnectionError:
        pass
    else:
        raise AssertionError("the webhook endpoint still answers after Ctrl-C")
