"""The composition root: builds the gateways and repositories from settings, once per process.

Handlers, the CLI and the local stack call these; nothing below the entry points reads the environment.
"""

from __future__ import annotations

import threading
import weakref
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from ci_agent.config import ConfigError, Settings, settings
from ci_agent.queueing import SqsAnalysisQueue
from ci_agent.service.ingress import IngressDeps
from ci_agent.webhooks.signature import parse_webhook_secrets

if TYPE_CHECKING:
    from ci_agent.github.issues import IssueRef
    from ci_agent.github.pygithub_gateway import PyGithubGateway
    from ci_agent.healing.policy import FixPolicy
    from ci_agent.healing.strategies.base import FixStrategy
    from ci_agent.service.failures import WorkerContext
    from ci_agent.service.fixes import FixFlowContext
    from ci_agent.service.reports import ReportDeps
    from ci_agent.store.repositories import Store

POLICY_MAX_AGE_SECONDS = 60  # an operator's change to the fix policy (kill switch included) applies within a minute

SECRET_MAX_AGE_SECONDS = 300  # rotated secrets are picked up within five minutes
# The ingress claims a delivery, then queues it, within GitHub's 10 s and the function's 10 s timeout. botocore's
# defaults (60 s connect and read timeouts, retried) would let a stalled SQS call outlive the function, which
# then dies holding the claim: GitHub's redelivery would be taken for a duplicate and the delivery lost. These
# bound a send to about 2 x (1 + 2) s, so the ingress still releases the claim and answers 503.
SQS_CLIENT_OPTIONS: dict[str, Any] = {
    "connect_timeout": 1,
    "read_timeout": 2,
    "retries": {"mode": "standard", "total_max_attempts": 2},
}


def aws_client(service: str, config: Settings, **client_options: Any) -> Any:
    import boto3
    from botocore.config import Config

    make_client: Any = boto3.client  # the stubs type each service by literal name; ours is a variable
    return make_client(
        service,
        region_name=config.aws_region,
        endpoint_url=config.aws_endpoint_url,
        config=Config(**client_options) if client_options else None,
    )


@cache
def _secrets_provider(config: Settings) -> Any:
    from aws_lambda_powertools.utilities.parameters import SecretsProvider

    return SecretsProvider(boto3_client=aws_client("secretsmanager", config))


def secret_string(name: str | None, config: Settings, what: str) -> str:
    """A secret's current value from Secrets Manager, cached for a few minutes."""
    if not name:
        raise ConfigError(f"no secret name configured for the {what}")
    value = _secrets_provider(config).get(name, max_age=SECRET_MAX_AGE_SECONDS)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"secret {name} ({what}) is empty or not a string")
    return value


@cache
def store(config: Settings | None = None) -> Store:
    from ci_agent.store.repositories import Store  # pynamodb: loaded on first use, not at cold start

    return Store.from_settings(config or settings())


@cache
def ingress_deps(config: Settings | None = None) -> IngressDeps:
    config = config or settings()
    return IngressDeps(
        webhook_secret=lambda: parse_webhook_secrets(
            secret_string(config.webhook_secret_name, config, "webhook secret")
        ),
        ledger=_LazyLedger(config),
        queue=analysis_queue(config),
    )


@cache
def analysis_queue(config: Settings | None = None) -> SqsAnalysisQueue:
    config = config or settings()
    if not config.analysis_queue_url:
        raise ConfigError("missing environment variable ANALYSIS_QUEUE_URL")
    return SqsAnalysisQueue(aws_client("sqs", config, **SQS_CLIENT_OPTIONS), config.analysis_queue_url)


def worker_context(config: Settings | None = None) -> WorkerContext:
    """The worker's dependencies. Cheap to call per delivery: the GitHub client is rebuilt only when the
    credentials secret changes (read at most every SECRET_MAX_AGE_SECONDS), so a rotated token is used by warm
    functions within minutes instead of after their next cold start."""
    from ci_agent.github.model import comment_marker
    from ci_agent.service.failures import WorkerContext

    config = config or settings()
    credentials = secret_string(config.github_secret_name, config, "GitHub credentials")
    return WorkerContext(
        github=_github_gateway.get(credentials, config.github_api_url),
        failures=store(config).failures,
        fix_attempts=store(config).fix_attempts,
        log_max_bytes=config.log_max_bytes,
        fixes=fix_flow_context(config) if config.fix_flow_state_machine_arn else None,
        comment_marker=comment_marker(config.stage),
    )


def fix_flow_context(config: Settings | None = None) -> FixFlowContext:
    """The fix flow's dependencies: for its own steps, and for the worker that starts it and hands it verdicts."""
    from ci_agent.service.fixes import FixFlowContext
    from ci_agent.stepfunctions import StepFunctionsFixFlow

    config = config or settings()
    credentials = secret_string(config.github_secret_name, config, "GitHub credentials")
    # The flow's own steps only complete tasks (no ARN needed); the worker, which has the ARN, also starts flows.
    starter = StepFunctionsFixFlow(aws_client("stepfunctions", config), config.fix_flow_state_machine_arn)
    return FixFlowContext(
        failures=store(config).failures,
        attempts=store(config).fix_attempts,
        github=_github_gateway.get(credentials, config.github_api_url).fixes,
        strategies=fix_strategies(),
        policy=lambda: fix_policy(config),
        starter=starter,
    )


def fix_strategies() -> tuple[FixStrategy, ...]:
    from ci_agent.healing.strategies.registry import STRATEGIES

    return STRATEGIES


def fix_policy(config: Settings) -> FixPolicy:
    """The operator's fix policy from SSM, re-read at most every minute; none configured: nothing is fixed."""
    from ci_agent.healing.policy import FixPolicy

    if not config.fix_policy_parameter:
        return FixPolicy()
    return FixPolicy.from_json(_ssm_provider(config).get(config.fix_policy_parameter, max_age=POLICY_MAX_AGE_SECONDS))


def forget_fix_policy() -> None:
    """Read the fix policy afresh on next use (the local stack, after an operator-like change)."""
    _ssm_provider.cache_clear()


@cache
def _ssm_provider(config: Settings) -> Any:
    from aws_lambda_powertools.utilities.parameters import SSMProvider

    return SSMProvider(boto3_client=aws_client("ssm", config))


def report_deps(config: Settings | None = None, *, publish: bool = True) -> ReportDeps:
    """The weekly report's dependencies: the store, and to publish, the report bucket and the issue tracker
    (GitHub credentials from the secret, read when the issue is opened)."""
    from ci_agent.archive import S3ReportArchive
    from ci_agent.service.reports import ReportDeps

    config = config or settings()
    repositories = store(config)
    if not publish:
        return ReportDeps(failures=repositories.failures, fix_attempts=repositories.fix_attempts)
    if not config.report_bucket:
        raise ConfigError("missing environment variable REPORT_BUCKET")
    return ReportDeps(
        failures=repositories.failures,
        fix_attempts=repositories.fix_attempts,
        archive=S3ReportArchive(aws_client("s3", config), config.report_bucket),
        issues=_LazyIssueTracker(config) if config.report_issue_repository else None,
        issue_repository=config.report_issue_repository,
    )


class _LazyIssueTracker:
    """The issue tracker for the current GitHub credentials, read from the secret when an issue is published."""

    def __init__(self, config: Settings) -> None:
        self._config = config

    def publish_issue(self, repo: str, *, marker: str, title: str, body: str, label: str) -> IssueRef:
        from ci_agent.github import parse_github_credentials
        from ci_agent.github.issues import PyGithubIssueTracker

        config = self._config
        credentials = secret_string(config.github_secret_name, config, "GitHub credentials")
        tracker = PyGithubIssueTracker.connect(parse_github_credentials(credentials), config.github_api_url)
        try:
            return tracker.publish_issue(repo, marker=marker, title=title, body=body, label=label)
        finally:
            tracker.close()


class _LatestGateway:
    """The PyGithub gateway for the current credentials, kept while they stay the same (its HTTP session, and
    an App's installation token, with it); the one a rotation replaces is closed.

    One per thread: a Lambda instance runs one invocation at a time, so on AWS that is one per instance, each
    pacing its writes a second apart as GitHub asks. The local stack runs the event source mapping's concurrent
    instances as threads of one process; shared, their writes would queue behind one another's pauses."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: weakref.WeakSet[PyGithubGateway] = weakref.WeakSet()  # to close them all; a dead thread's go
        self._lock = threading.Lock()

    def get(self, credentials: str, api_url: str) -> PyGithubGateway:
        from ci_agent.github import parse_github_credentials
        from ci_agent.github.pygithub_gateway import PyGithubGateway

        key = (credentials, api_url)
        gateway: PyGithubGateway | None = getattr(self._local, "gateway", None)
        if gateway is None or getattr(self._local, "key", None) != key:
            if gateway is not None:
                gateway.close()
            gateway = PyGithubGateway(parse_github_credentials(credentials), base_url=api_url)
            self._local.gateway, self._local.key = gateway, key
            with self._lock:
                self._all.add(gateway)
        return gateway

    def clear(self) -> None:
        with self._lock:
            gateways = list(self._all)
            self._all.clear()
        for gateway in gateways:
            gateway.close()
        self._local = threading.local()


_github_gateway = _LatestGateway()


class _LazyLedger:
    """The delivery ledger, built on the first delivery that gets past the signature check."""

    def __init__(self, config: Settings) -> None:
        self._config = config

    def claim(self, delivery_id: str, event: str, now: datetime) -> bool:
        return store(self._config).deliveries.claim(delivery_id, event, now)

    def in_flight(self, delivery_id: str, now: datetime) -> bool:
        return store(self._config).deliveries.in_flight(delivery_id, now)

    def confirm(self, delivery_id: str) -> None:
        store(self._config).deliveries.confirm(delivery_id)

    def release(self, delivery_id: str) -> None:
        store(self._config).deliveries.release(delivery_id)


def reset_caches() -> None:
    """Forget every cached client and dependency (the local stack reconfigures the process)."""
    for cached in (_secrets_provider, _ssm_provider, store, ingress_deps, analysis_queue):
        cached.cache_clear()
    _github_gateway.clear()
