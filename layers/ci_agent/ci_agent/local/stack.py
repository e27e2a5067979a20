"""The whole stack on this machine: moto's server for AWS, LocalGitHub for GitHub, and the real handlers.

Webhooks arrive over HTTP at a local endpoint that turns them into API Gateway proxy events for the real
AnalyzerFunction handler; a poller plays Lambda's SQS event source mapping for AnalyzerWorkerFunction. The
handlers are loaded from ``functions/`` and configured through the environment, exactly as on AWS.
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import json
import logging
import os
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import requests

from ci_agent.config import ConfigError, Settings, settings
from ci_agent.local.github import LocalGitHub
from ci_agent.local.stepfunctions import ENGINE_CONFIG, lambdas_in_process, placeholder_zip, substitute

if TYPE_CHECKING:
    from ci_agent.local.aws import LocalAwsServer

logger = logging.getLogger(__name__)

# Documented in README and events/README.md; only ever used against the local stack.
DEV_WEBHOOK_SECRET = "ci-agent-local-dev-secret"  # noqa: S105
LOCAL_GITHUB_TOKEN = "local-development-token"  # noqa: S105 - the one token the stack's LocalGitHub accepts
API_GATEWAY_MAX_BODY = 10 * 1024 * 1024
REGION = "us-east-1"
STAGE = "local"
QUEUE_VISIBILITY_SECONDS = 2  # how soon a failed delivery is retried here (the template's is minutes)
# What a received batch is hidden for while a worker instance has it, as on AWS, where the queue's visibility
# timeout exceeds the function's: a message is never handed to two instances at once.
RECEIVED_VISIBILITY_SECONDS = 300
_RETIMED_HOOK = "ci-agent-local-retimed"
MAX_RECEIVES = 5  # as in template.yaml: a loaded machine may need more than one retry
WORKER_CONCURRENCY = 5  # the event source mapping's MaximumConcurrency in template.yaml
FIX_FLOW_NAME = f"ci-agent-{STAGE}-fix-flow"
FIX_FUNCTION_NAME = f"ci-agent-{STAGE}-fix-flow-steps"
FIX_POLICY_PARAMETER = f"/ci-agent/{STAGE}/fix-policy"
# Locally every repository is opted in, for real (not a dry run), so the flow can be watched; re-runs wait 1 s.
LOCAL_FIX_POLICY: dict[str, Any] = {"all_repositories": True, "rerun_delay_seconds": 1, "daily_budget": 50}
DEFAULT_VERDICT_TIMEOUT_SECONDS = 120


@dataclass(frozen=True, slots=True)
class LocalStackInfo:
    """What a client needs to use the running stack (printed, and written to --ready-file)."""

    webhook_url: str
    aws_endpoint_url: str
    github_api_url: str
    webhook_secret: str


def default_functions_dir() -> Path:
    # In a checkout, the package lives in layers/ci_agent/ci_agent and the handlers in functions/.
    return Path(__file__).resolve().parents[4] / "functions"


def fix_flow_definition_path(functions_dir: Path) -> Path:
    """The ASL the template deploys (infra/statemachine beside functions/ in a checkout)."""
    path = functions_dir.parent / "infra" / "statemachine" / "fix_flow.asl.json"
    if not path.is_file():
        raise ConfigError(f"no fix flow definition at {path}: run from a checkout or pass --functions-dir")
    return path


def load_handler(functions_dir: Path, name: str) -> ModuleType:
    path = functions_dir / name / "handler.py"
    if not path.is_file():
        raise ConfigError(f"no Lambda handler at {path}: run from a checkout or pass --functions-dir")
    spec = importlib.util.spec_from_file_location(f"ci_agent_local_{name}_handler", path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    # Registered first, as an import would: pydantic resolves the handler's annotations through sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class LocalLambdaContext:
    """The parts of Lambda's context object the Powertools decorators read."""

    def __init__(self, function_name: str, timeout_seconds: int) -> None:
        self.function_name = function_name
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:{REGION}:000000000000:function:{function_name}"
        self.memory_limit_in_mb = 512
        self.aws_request_id = str(uuid.uuid4())
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = "local"
        self._deadline = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def api_gateway_event(
    method: str, path: str, headers: Mapping[str, str], body: bytes, source_ip: str
) -> dict[str, Any]:
    """A REST API (v1) proxy event, as API Gateway hands it to a Lambda function."""
    try:
        text, encoded = body.decode("utf-8"), False
    except UnicodeDecodeError:
        text, encoded = base64.b64encode(body).decode("ascii"), True
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": dict(headers),
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "requestId": str(uuid.uuid4()),
            "stage": STAGE,
            "httpMethod": method,
            "path": f"/{STAGE}{path}",
            "resourcePath": path,
            "identity": {"sourceIp": source_ip},
        },
        "body": text,
        "isBase64Encoded": encoded,
    }


class _WebhookHandler(BaseHTTPRequestHandler):
    server: _WebhookServer

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/webhook":
            self._answer(404, {"message": "Not Found"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > API_GATEWAY_MAX_BODY:
            # API Gateway refuses such bodies before the function runs; so do we.
            self._answer(413, {"message": "Request Entity Too Large"})
            return
        body = self.rfile.read(length)
        event = api_gateway_event("POST", "/webhook", dict(self.headers.items()), body, self.client_address[0])
        result = self.server.invoke(event)
        self._answer(int(result.get("statusCode", 502)), result.get("body") or "", result.get("headers") or {})

    def _answer(self, status: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
        payload = body if isinstance(body, str) else json.dumps(body)
        data = payload.encode()
        self.send_response(status)
        for key, value in (headers or {"Content-Type": "application/json"}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("webhook endpoint: " + format, *args)


class _WebhookServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # API Gateway takes a burst: 50 concurrent deliveries queue instead of being refused
    invoke: Callable[[dict[str, Any]], dict[str, Any]]


class LocalStack:
    """Start everything with :meth:`start` (or ``with LocalStack(...) as info``); :meth:`stop` ends it all."""

    def __init__(
        self,
        github_fixtures: Path | None = None,
        *,
        functions_dir: Path | None = None,
        webhook_secret: str = DEV_WEBHOOK_SECRET,
        poll_interval_seconds: float = 0.1,
        worker_concurrency: int = WORKER_CONCURRENCY,
        fix_policy: Mapping[str, Any] | None = None,
        verdict_timeout_seconds: int = DEFAULT_VERDICT_TIMEOUT_SECONDS,
        verdict_delay_seconds: float = 0.2,
    ) -> None:
        self.github = LocalGitHub(github_fixtures, tokens=(LOCAL_GITHUB_TOKEN,))
        self.fix_policy = dict(LOCAL_FIX_POLICY if fix_policy is None else fix_policy)
        self.verdict_timeout_seconds = verdict_timeout_seconds
        self.verdict_delay_seconds = verdict_delay_seconds
        self._in_process: Any = None
        self.functions_dir = functions_dir or default_functions_dir()
        self.webhook_secret = webhook_secret
        self.poll_interval = poll_interval_seconds
        self.worker_concurrency = worker_concurrency
        self._moto: LocalAwsServer | None = None
        self._webhooks: _WebhookServer | None = None
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._saved_env: dict[str, str | None] = {}
        self._busy = threading.Lock()
        self._in_flight = 0
        self._retimed: set[str] = set()  # receipt handles whose retry time a worker set itself (a rate limit)
        self.info: LocalStackInfo | None = None
        self.settings: Settings | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> LocalStackInfo:
        """Start everything; if any part fails, stop what did start and raise."""
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> LocalStackInfo:
        from ci_agent.local.aws import LocalAwsServer  # imports moto, which takes a while: only when started

        # moto serves through werkzeug, which logs every request; the stack's own output is what matters.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self._moto = LocalAwsServer().start()
        self._watch_retry_times()
        endpoint, port = self._moto.endpoint, self._moto.port
        # moto's Step Functions engine calls Lambda on localhost:$MOTO_PORT, read at each call.
        self._set_env("MOTO_PORT", str(port))
        requests.post(f"{endpoint}/moto-api/config", json=ENGINE_CONFIG, timeout=10).raise_for_status()
        self.github.start()
        self._configure_environment(endpoint)
        self.settings = settings()
        self._create_resources(self.settings)
        ingress = load_handler(self.functions_dir, "analyzer")
        fix_flow = load_handler(self.functions_dir, "fix_flow")
        self._in_process = lambdas_in_process(
            {FIX_FUNCTION_NAME: lambda event: fix_flow.handler(event, LocalLambdaContext("FixFlowFunction", 300))}
        )
        self._in_process.__enter__()
        self._create_fix_flow(self.settings)

        webhooks = _WebhookServer(("127.0.0.1", 0), _WebhookHandler)
        webhooks.invoke = lambda event: ingress.handler(event, LocalLambdaContext("AnalyzerFunction", 10))
        self._webhooks = webhooks
        self._spawn("local-webhooks", webhooks.serve_forever)
        for number in range(self.worker_concurrency):
            # Each a Lambda instance of its own: its own module state (batch processor, logger), its own GitHub
            # client (wiring keeps one per thread), polling the queue at the same time as the others.
            worker = load_handler(self.functions_dir, "analyzer_worker")
            self._spawn(f"local-sqs-poller-{number}", functools.partial(self._poll_queue, worker))
        webhook_host, webhook_port = webhooks.server_address[:2]
        webhook_url = f"http://{webhook_host!s}:{webhook_port}/webhook"
        # The runs a fix push or a re-run starts report back like GitHub's: signed webhooks to our ingress.
        self.github.send_verdicts_to(webhook_url, self.webhook_secret, delay_seconds=self.verdict_delay_seconds)
        self.info = LocalStackInfo(
            webhook_url=webhook_url,
            aws_endpoint_url=endpoint,
            github_api_url=self.github.api_url,
            webhook_secret=self.webhook_secret,
        )
        return self.info

    def stop(self) -> None:
        self._stopping.set()
        if self._webhooks is not None:
            self._webhooks.shutdown()
            self._webhooks.server_close()
        for thread in self._threads:
            thread.join(timeout=10)
        self.github.stop()
        if self._moto is not None:
            self._stop_executions()
            self._forget_aws_state(self._moto.endpoint)
            self._moto.stop()
        if self._in_process is not None:
            self._in_process.__exit__(None, None, None)
            self._in_process = None
        import boto3

        if boto3.DEFAULT_SESSION is not None:
            boto3.DEFAULT_SESSION.events.unregister("before-call.sqs.ChangeMessageVisibility", unique_id=_RETIMED_HOOK)
        self._restore_environment()

    def __enter__(self) -> LocalStackInfo:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_until_idle(self, timeout_seconds: float = 120.0) -> bool:
        """True once the queue is empty and nothing is being processed (for tests and the demo); False if that
        has not happened within ``timeout_seconds``. It returns as soon as the stack is idle: the bound is only for
        a stack that never gets there. 30 s was too short for a stack's first delivery under coverage on a busy
        2-core machine (the worker's first use loads and checks every rule)."""
        assert self.settings is not None and self.settings.analysis_queue_url
        sqs = self._client("sqs")
        deadline = time.monotonic() + timeout_seconds
        pause = 0.05
        while time.monotonic() < deadline:
            attributes = sqs.get_queue_attributes(
                QueueUrl=self.settings.analysis_queue_url,
                AttributeNames=[
                    "ApproximateNumberOfMessages",
                    "ApproximateNumberOfMessagesNotVisible",
                    "ApproximateNumberOfMessagesDelayed",  # deliveries waiting for GitHub's rate limit to reset
                ],
            )["Attributes"]
            waiting = sum(int(count) for count in attributes.values())
            with self._busy:
                in_flight = self._in_flight
            if waiting == 0 and in_flight == 0:
                return True
            # moto counts a queue's messages by visiting each: asked 20 times a second while a replay's thousand
            # messages drain, that took the GIL from the worker. Short waits stay short; long ones ask less often.
            time.sleep(pause)
            pause = min(1.0, pause * 1.5)
        return False

    def set_fix_policy(self, policy: Mapping[str, Any]) -> None:
        """Change the fix policy as an operator would (the SSM parameter), effective at once in this process."""
        from ci_agent import wiring

        self.fix_policy = dict(policy)
        self._client("ssm").put_parameter(
            Name=FIX_POLICY_PARAMETER, Type="String", Value=json.dumps(self.fix_policy), Overwrite=True
        )
        wiring.forget_fix_policy()

    def wait_for_fix_flows(self, timeout_seconds: float = 60.0) -> bool:
        """True once no fix-flow execution is running (and the queue is idle): for tests and the demo."""
        sfn = self._client("stepfunctions")
        arn = os.environ["FIX_FLOW_STATE_MACHINE_ARN"]
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            running = sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]
            # Idle queue and no execution running, twice: a verdict webhook may be on its way between the two.
            if (
                not running
                and self.wait_until_idle(max(0.1, deadline - time.monotonic()))
                and not sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]
            ):
                return True
            time.sleep(0.1)
        return False

    def fix_flow_executions(self) -> list[dict[str, Any]]:
        """Every fix-flow execution with its final state (``status``, ``stopDate``, and the end state's name)."""
        sfn = self._client("stepfunctions")
        arn = os.environ["FIX_FLOW_STATE_MACHINE_ARN"]
        found = []
        for execution in sfn.list_executions(stateMachineArn=arn)["executions"]:
            history = sfn.get_execution_history(executionArn=execution["executionArn"])["events"]
            entered = [e for e in sorted(history, key=lambda e: e["id"]) if "stateEnteredEventDetails" in e]
            ended_in = entered[-1]["stateEnteredEventDetails"]["name"] if entered else None
            found.append({**execution, "ended_in": ended_in})
        return found

    def _stop_executions(self) -> None:
        # Executions run on moto's daemon threads: stop those still waiting so none outlives the stack.
        arn = os.environ.get("FIX_FLOW_STATE_MACHINE_ARN")
        if not arn:
            return
        try:
            sfn = self._client("stepfunctions")
            for execution in sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]:
                sfn.stop_execution(executionArn=execution["executionArn"], error="LocalStackStopped")
        except Exception:
            logger.warning("could not stop the running fix flows", exc_info=True)

    @staticmethod
    def _forget_aws_state(endpoint: str) -> None:
        # moto keeps its tables, queues and buckets in module globals, which outlive the server: without a reset
        # every stack started in one process (a test session, say) would keep all the data of those before it.
        try:
            requests.post(f"{endpoint}/moto-api/reset", timeout=10).raise_for_status()
        except requests.RequestException:
            logger.warning("could not reset the local AWS state", exc_info=True)

    def dead_letters(self) -> list[str]:
        """Bodies of the deliveries that exhausted their retries."""
        assert self.settings is not None
        sqs = self._client("sqs")
        url = sqs.get_queue_url(QueueName=f"ci-agent-{STAGE}-analysis-dlq")["QueueUrl"]
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        return [message["Body"] for message in messages]

    # -- set-up ------------------------------------------------------------------------------------

    def _configure_environment(self, endpoint: str) -> None:
        from ci_agent import wiring

        values = {
            "AWS_ENDPOINT_URL": endpoint,
            # moto accepts any credentials; these keep boto3 from ever finding real ones.
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "CI_AGENT_STAGE": STAGE,
            "GITHUB_API_URL": self.github.api_url,
            "GITHUB_SECRET_NAME": f"ci-agent/{STAGE}/github",
            "WEBHOOK_SECRET_NAME": f"ci-agent/{STAGE}/webhook",
            "POWERTOOLS_SERVICE_NAME": "ci-agent",
            "POWERTOOLS_METRICS_NAMESPACE": "CiAgent",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING"),
        }
        for variable in (
            "AWS_SESSION_TOKEN",
            "AWS_PROFILE",
            "FAILURES_TABLE",
            "FIX_ATTEMPTS_TABLE",
            "DELIVERIES_TABLE",
            "FIX_FLOW_STATE_MACHINE_ARN",
        ):
            values[variable] = ""
        for key, value in values.items():
            self._saved_env.setdefault(key, os.environ.get(key))
            if value:
                os.environ[key] = value
            else:
                os.environ.pop(key, None)
        settings.cache_clear()
        wiring.reset_caches()

    def _set_env(self, key: str, value: str) -> None:
        self._saved_env.setdefault(key, os.environ.get(key))
        os.environ[key] = value

    def _restore_environment(self) -> None:
        from ci_agent import wiring

        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()
        settings.cache_clear()
        wiring.reset_caches()

    def _client(self, service: str) -> Any:
        from ci_agent.wiring import aws_client

        return aws_client(service, settings())

    def _create_resources(self, config: Settings) -> None:
        from ci_agent.store import create_tables

        create_tables(config)
        sqs = self._client("sqs")
        dlq_url = sqs.create_queue(QueueName=f"ci-agent-{STAGE}-analysis-dlq")["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        queue_url = sqs.create_queue(
            QueueName=f"ci-agent-{STAGE}-analysis",
            Attributes={
                "VisibilityTimeout": str(QUEUE_VISIBILITY_SECONDS),
                "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVES)}),
            },
        )["QueueUrl"]
        bucket = f"ci-agent-{STAGE}-reports"
        self._client("s3").create_bucket(Bucket=bucket)
        secrets = self._client("secretsmanager")
        # moto keeps its state per process, not per server: a second stack in the same process finds them.
        for name, value in (
            (os.environ["WEBHOOK_SECRET_NAME"], self.webhook_secret),
            (os.environ["GITHUB_SECRET_NAME"], json.dumps({"token": LOCAL_GITHUB_TOKEN})),
        ):
            try:
                secrets.create_secret(Name=name, SecretString=value)
            except secrets.exceptions.ResourceExistsException:
                secrets.put_secret_value(SecretId=name, SecretString=value)
        self._set_env("ANALYSIS_QUEUE_URL", queue_url)
        self._set_env("REPORT_BUCKET", bucket)
        self._client("ssm").put_parameter(
            Name=FIX_POLICY_PARAMETER, Type="String", Value=json.dumps(self.fix_policy), Overwrite=True
        )
        self._set_env("FIX_POLICY_PARAMETER", FIX_POLICY_PARAMETER)
        settings.cache_clear()
        self.settings = settings()

    def _create_fix_flow(self, config: Settings) -> None:
        """The fix flow's task function and state machine, from the same ASL file the template deploys."""
        iam = self._client("iam")
        trust = {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}
            ],
        }
        try:
            role_arn = iam.create_role(RoleName="ci-agent-local", AssumeRolePolicyDocument=json.dumps(trust))["Role"][
                "Arn"
            ]
        except iam.exceptions.EntityAlreadyExistsException:
            role_arn = iam.get_role(RoleName="ci-agent-local")["Role"]["Arn"]
        lambdas = self._client("lambda")
        try:
            function_arn = lambdas.create_function(
                FunctionName=FIX_FUNCTION_NAME,
                Runtime="python3.13",
                Role=role_arn,
                Handler="handler.handler",
                Code={"ZipFile": placeholder_zip()},
                Timeout=300,
            )["FunctionArn"]
        except lambdas.exceptions.ResourceConflictException:
            function_arn = lambdas.get_function(FunctionName=FIX_FUNCTION_NAME)["Configuration"]["FunctionArn"]
        definition = substitute(
            fix_flow_definition_path(self.functions_dir).read_text(encoding="utf-8"),
            {"FixFlowFunctionArn": function_arn, "VerdictTimeoutSeconds": str(self.verdict_timeout_seconds)},
        )
        sfn = self._client("stepfunctions")
        existing = [m for m in sfn.list_state_machines()["stateMachines"] if m["name"] == FIX_FLOW_NAME]
        if existing:
            arn = existing[0]["stateMachineArn"]
            sfn.update_state_machine(stateMachineArn=arn, definition=definition, roleArn=role_arn)
        else:
            arn = sfn.create_state_machine(name=FIX_FLOW_NAME, definition=definition, roleArn=role_arn)[
                "stateMachineArn"
            ]
        self._set_env("FIX_FLOW_STATE_MACHINE_ARN", arn)
        settings.cache_clear()
        self.settings = settings()

    # -- the SQS event source mapping ----------------------------------------------------------------

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _watch_retry_times(self) -> None:
        """Note the messages whose retry time a worker sets (``retry_later``: GitHub asked it to wait), so that
        a failed batch does not shorten that wait to the local retry delay (see :meth:`_deliver`)."""
        import boto3

        def note(params: Mapping[str, Any], **_: Any) -> None:
            with self._busy:
                self._retimed.add(str(params.get("ReceiptHandle")))

        if boto3.DEFAULT_SESSION is None:
            boto3.setup_default_session()
        assert boto3.DEFAULT_SESSION is not None
        boto3.DEFAULT_SESSION.events.register("before-call.sqs.ChangeMessageVisibility", note, unique_id=_RETIMED_HOOK)

    def _poll_queue(self, worker: ModuleType) -> None:
        sqs = self._client("sqs")
        queue_url = os.environ["ANALYSIS_QUEUE_URL"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        while not self._stopping.is_set():
            messages: list[dict[str, Any]] = []
            try:
                with self._counting():
                    messages = sqs.receive_message(
                        QueueUrl=queue_url,
                        MaxNumberOfMessages=5,
                        WaitTimeSeconds=0,
                        VisibilityTimeout=RECEIVED_VISIBILITY_SECONDS,
                        AttributeNames=["All"],
                        MessageAttributeNames=["All"],
                    ).get("Messages", [])
                    if messages:
                        self._deliver(worker, sqs, queue_url, queue_arn, messages)
            except Exception:
                logger.exception("local SQS poller: batch failed")
            if not messages:
                self._stopping.wait(self.poll_interval)

    @contextmanager
    def _counting(self) -> Iterator[None]:
        with self._busy:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._busy:
                self._in_flight -= 1

    def _deliver(
        self, worker: ModuleType, sqs: Any, queue_url: str, queue_arn: str, messages: list[dict[str, Any]]
    ) -> None:
        event = {"Records": [_sqs_record(message, queue_arn) for message in messages]}
        try:
            result = worker.handler(event, LocalLambdaContext("AnalyzerWorkerFunction", 300)) or {}
            failed = {item["itemIdentifier"] for item in result.get("batchItemFailures", [])}
        except Exception:
            logger.exception("local SQS poller: the worker failed the whole batch")
            failed = {message["MessageId"] for message in messages}
        for message in messages:
            handle = message["ReceiptHandle"]
            with self._busy:
                retimed = handle in self._retimed
                self._retimed.discard(handle)
            if message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=handle)
            elif not retimed:
                # Retried after the local delay, not after the visibility it was received with.
                sqs.change_message_visibility(
                    QueueUrl=queue_url, ReceiptHandle=handle, VisibilityTimeout=QUEUE_VISIBILITY_SECONDS
                )


def _sqs_record(message: Mapping[str, Any], queue_arn: str) -> dict[str, Any]:
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": {
            name: {"stringValue": value.get("StringValue"), "dataType": value.get("DataType")}
            for name, value in message.get("MessageAttributes", {}).items()
        },
        "md5OfBody": message.get("MD5OfBody"),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
    }


def write_ready_file(path: Path, info: LocalStackInfo) -> None:
    """Write the endpoints whole or not at all: a client polls for the file and reads it as soon as it exists, so
    a file written in place was once read empty (tests/e2e/test_cli_local.py, under coverage)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(asdict(info), indent=2) + "\n", encoding="utf-8")
    partial.replace(path)
