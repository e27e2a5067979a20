"""Generate the sample events in events/: API Gateway requests carrying real, signed GitHub webhooks, and an SQS
message for the analysis worker.

Each webhook body is a real payload from tests/events/ (octokit/webhooks examples, MIT licence), serialised
compactly as GitHub sends it and signed like GitHub does: X-Hub-Signature-256 = "sha256=" + HMAC-SHA256 of the
exact body with the documented development secret below. Ids and timestamps are derived from the file names,
so running this again rewrites identical files.

    python events/make_events.py          write the events
    python events/make_events.py --check  exit 1 if a file is missing or differs from what would be written
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import hmac
import json
import struct
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parent
# The one copy of the real payloads (octokit/webhooks examples): the tests, these samples and the demo read it.
PAYLOADS_DIR = EVENTS_DIR.parent / "tests" / "events"

# The development webhook secret: for local runs and these samples only, never for a real webhook.
DEV_WEBHOOK_SECRET = "ci-agent-local-dev-secret"  # noqa: S105 - public by design, documented

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
API_ID = "a1b2c3d4e5"
STAGE = "dev"
REQUEST_EPOCH_MS = 1_764_097_200_000  # 2025-11-25T19:00:00Z
REQUEST_TIME = "25/Nov/2025:19:00:00 +0000"
RECEIVED_AT = "2025-11-25T19:00:00+00:00"
GITHUB_HOOK_IP = "140.82.115.1"  # inside GitHub's published hooks range 140.82.112.0/20
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/ci-agent/events")

Payload = dict[str, Any]


def _failed_run(payload: Payload) -> Payload:
    # octokit/webhooks publishes no failing workflow_run: the same run, concluded as a failure.
    failed = copy.deepcopy(payload)
    failed["workflow_run"]["conclusion"] = "failure"
    return failed


@dataclass(frozen=True)
class WebhookSample:
    file: str
    event: str
    payload_file: str
    edit: Callable[[Payload], Payload] | None = None


WEBHOOKS = (
    WebhookSample(
        "webhook-workflow_job-failure.json",
        "workflow_job",
        "workflow_job.completed.failure.json",
    ),
    WebhookSample(
        "webhook-workflow_job-success.json",
        "workflow_job",
        "workflow_job.completed.success.json",
    ),
    WebhookSample("webhook-workflow_run-success.json", "workflow_run", "workflow_run.completed.success.json"),
    WebhookSample(
        "webhook-workflow_run-failure.json",
        "workflow_run",
        "workflow_run.completed.success.json",
        _failed_run,
    ),
    WebhookSample("webhook-ping.json", "ping", "ping.json"),
    # An event the agent does not handle: answered 202 and logged.
    WebhookSample("webhook-pull_request-opened.json", "pull_request", "pull_request.opened.json"),
)
SQS_SAMPLE_FILE = "sqs-analysis-job.json"
SQS_SAMPLE_SOURCE = "webhook-workflow_job-failure.json"


def signature_256(body: bytes, secret: str = DEV_WEBHOOK_SECRET) -> str:
    """The X-Hub-Signature-256 header GitHub sends for `body`."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def delivery_id(sample_file: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, sample_file))


def load_payload(sample: WebhookSample) -> Payload:
    payload: Payload = json.loads((PAYLOADS_DIR / sample.payload_file).read_text(encoding="utf-8"))
    return sample.edit(payload) if sample.edit else payload


def compact(payload: Payload) -> str:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False)


def api_gateway_event(sample: WebhookSample) -> dict[str, Any]:
    """A REST API (v1, proxy integration) event for POST /webhook carrying `sample` as GitHub would send it."""
    payload = load_payload(sample)
    body = compact(payload)
    delivery = delivery_id(sample.file)
    target = payload.get("repository") or payload.get("organization") or {}
    headers = {
        "Accept": "*/*",
        "Content-Type": "application/json",
        "Host": f"{API_ID}.execute-api.{REGION}.amazonaws.com",
        "User-Agent": "GitHub-Hookshot/7a1d4c2",
        "X-Amzn-Trace-Id": f"Root=1-6925fcb0-{uuid.uuid5(ID_NAMESPACE, 'trace/' + sample.file).hex[:24]}",
        "X-Forwarded-For": GITHUB_HOOK_IP,
        "X-Forwarded-Port": "443",
        "X-Forwarded-Proto": "https",
        "X-GitHub-Delivery": delivery,
        "X-GitHub-Event": sample.event,
        "X-GitHub-Hook-ID": str(payload.get("hook_id", 109948940)),
        "X-GitHub-Hook-Installation-Target-ID": str(target.get("id", 0)),
        "X-GitHub-Hook-Installation-Target-Type": "repository" if "repository" in payload else "organization",
        "X-Hub-Signature-256": signature_256(body.encode("utf-8")),
    }
    return {
        "resource": "/webhook",
        "path": "/webhook",
        "httpMethod": "POST",
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": "w3bh00",
            "resourcePath": "/webhook",
            "httpMethod": "POST",
            "extendedRequestId": delivery[:16],
            "requestTime": REQUEST_TIME,
            "path": f"/{STAGE}/webhook",
            "accountId": ACCOUNT_ID,
            "protocol": "HTTP/1.1",
            "stage": STAGE,
            "domainPrefix": API_ID,
            "requestTimeEpoch": REQUEST_EPOCH_MS,
            "requestId": str(uuid.uuid5(ID_NAMESPACE, "request/" + sample.file)),
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "sourceIp": GITHUB_HOOK_IP,
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": headers["User-Agent"],
                "user": None,
            },
            "domainName": headers["Host"],
            "apiId": API_ID,
        },
        "body": body,
        "isBase64Encoded": False,
    }


def _md5_of_message_attributes(attributes: dict[str, dict[str, Any]]) -> str:
    # SQS's digest: for each attribute by name, length-prefixed name, data type, transport type 1 and value.
    digest = hashlib.md5(usedforsecurity=False)
    for name in sorted(attributes):
        data_type, value = attributes[name]["dataType"], attributes[name]["stringValue"]
        for part in (name, data_type):
            encoded = part.encode("utf-8")
            digest.update(struct.pack(">I", len(encoded)) + encoded)
        encoded = value.encode("utf-8")
        digest.update(b"\x01" + struct.pack(">I", len(encoded)) + encoded)
    return digest.hexdigest()


def sqs_event(sample: WebhookSample) -> dict[str, Any]:
    """An SQS event for the worker: one accepted delivery, as the webhook function queues it."""
    payload = load_payload(sample)
    body = json.dumps(
        {
            "delivery_id": delivery_id(sample.file),
            "event": sample.event,
            "action": payload.get("action"),
            "payload": payload,
            "received_at": RECEIVED_AT,
        },
        ensure_ascii=False,
    )
    attributes = {
        "event": {"stringValue": sample.event, "stringListValues": [], "binaryListValues": [], "dataType": "String"}
    }
    message_id = str(uuid.uuid5(ID_NAMESPACE, "sqs/" + sample.file))
    return {
        "Records": [
            {
                "messageId": message_id,
                "receiptHandle": "AQEB" + hashlib.sha256(message_id.encode()).hexdigest(),
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": "1",
                    "SentTimestamp": str(REQUEST_EPOCH_MS + 120),
                    "SenderId": "AROAEXAMPLEROLEID:ci-agent-dev-AnalyzerFunction",
                    "ApproximateFirstReceiveTimestamp": str(REQUEST_EPOCH_MS + 135),
                },
                "messageAttributes": attributes,
                "md5OfMessageAttributes": _md5_of_message_attributes(attributes),
                "md5OfBody": hashlib.md5(body.encode("utf-8"), usedforsecurity=False).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:ci-agent-dev-AnalysisQueue-EXAMPLE",
                "awsRegion": REGION,
            }
        ]
    }


REPORT_SCHEDULED_FILE = "report-scheduled.json"
REPORT_ON_DEMAND_FILE = "report-on-demand.json"


def scheduled_report_event() -> dict[str, Any]:
    """What EventBridge hands ReportFunction at Sunday 00:00 UTC (its ``time`` ends the reported week)."""
    return {
        "version": "0",
        "id": str(uuid.uuid5(ID_NAMESPACE, REPORT_SCHEDULED_FILE)),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT_ID,
        "time": "2025-11-30T00:00:00Z",
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT_ID}:rule/ci-agent-{STAGE}-ReportFunctionWeekly"],
        "detail": {},
    }


def on_demand_report_event() -> dict[str, Any]:
    """An operator's invocation: one repository's report for the week ending at the given midnight."""
    return {"repo": "octo-org/octo-repo", "end": "2025-11-30T00:00:00Z", "days": 7}


def render_all() -> dict[str, str]:
    """Every sample file's name and exact text."""
    events = {sample.file: api_gateway_event(sample) for sample in WEBHOOKS}
    source = next(sample for sample in WEBHOOKS if sample.file == SQS_SAMPLE_SOURCE)
    events[SQS_SAMPLE_FILE] = sqs_event(source)
    events[REPORT_SCHEDULED_FILE] = scheduled_report_event()
    events[REPORT_ON_DEMAND_FILE] = on_demand_report_event()
    return {name: json.dumps(event, indent=2, ensure_ascii=False) + "\n" for name, event in events.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the signed sample events in events/.")
    parser.add_argument("--check", action="store_true", help="only check that the files are up to date")
    args = parser.parse_args(argv)
    stale = []
    for name, text in render_all().items():
        path = EVENTS_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print(f"out of date (run python events/make_events.py): {', '.join(stale)}", file=sys.stderr)
            return 1
        print("events are up to date")
        return 0
    print(f"wrote {len(stale)} event file(s) in {EVENTS_DIR}" + (f": {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
