"""Typed settings, read from the environment on first use and cached; secrets come from Secrets Manager.

Nothing here runs at import time, so handlers and tests can set the environment first.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

DEFAULT_STAGE = "local"
DEFAULT_LOG_MAX_BYTES = 64 << 20
DEFAULT_DELIVERY_TTL_DAYS = 30
DEFAULT_REPORT_PERIOD_DAYS = 7


class ConfigError(RuntimeError):
    """A required setting is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the functions and the CLI need to find their resources."""

    stage: str
    failures_table: str
    fix_attempts_table: str
    deliveries_table: str
    analysis_queue_url: str | None
    report_bucket: str | None
    github_secret_name: str | None  # Secrets Manager: {"token": ...} or {"app_id", "private_key", "installation_id"}
    webhook_secret_name: str | None  # Secrets Manager: the webhook's shared secret, as a plain string
    github_api_url: str
    aws_endpoint_url: str | None  # set for the local stack (moto server); unset on AWS
    aws_region: str
    log_max_bytes: int
    delivery_ttl_days: int
    fix_flow_state_machine_arn: str | None = None  # unset: the worker starts no fix flow
    fix_policy_parameter: str | None = None  # SSM parameter holding the fix policy (JSON); unset: nothing is fixed
    # The weekly report: whose failures (organisations or users), how many days, and where its issue opens.
    report_owners: tuple[str, ...] = ()
    report_period_days: int = DEFAULT_REPORT_PERIOD_DAYS
    report_issue_repository: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        stage = env.get("CI_AGENT_STAGE") or DEFAULT_STAGE

        def table(variable: str, suffix: str) -> str:
            # The stack names its tables ci-agent-<stage>-<suffix>; the variable overrides that.
            return env.get(variable) or f"ci-agent-{stage}-{suffix}"

        def positive_integer(name: str, default: int) -> int:
            # Checked here, once, with the variable's name: a 0 would otherwise fail every delivery downstream
            # (a log cap of 0 bytes) or silently switch a safeguard off (deliveries forgotten at once).
            raw = env.get(name)
            if not raw:
                return default
            try:
                value = int(raw)
            except ValueError as exc:
                raise ConfigError(f"environment variable {name} must be an integer, got {raw!r}") from exc
            if value < 1:
                raise ConfigError(f"environment variable {name} must be at least 1, got {value}")
            return value

        return cls(
            stage=stage,
            failures_table=table("FAILURES_TABLE", "failures"),
            fix_attempts_table=table("FIX_ATTEMPTS_TABLE", "fix-attempts"),
            deliveries_table=table("DELIVERIES_TABLE", "deliveries"),
            analysis_queue_url=env.get("ANALYSIS_QUEUE_URL") or None,
            report_bucket=env.get("REPORT_BUCKET") or None,
            github_secret_name=env.get("GITHUB_SECRET_NAME") or None,
            webhook_secret_name=env.get("WEBHOOK_SECRET_NAME") or None,
            github_api_url=env.get("GITHUB_API_URL") or "https://api.github.com",
            aws_endpoint_url=env.get("AWS_ENDPOINT_URL") or None,
            aws_region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1",
            log_max_bytes=positive_integer("LOG_MAX_BYTES", DEFAULT_LOG_MAX_BYTES),
            delivery_ttl_days=positive_integer("DELIVERY_TTL_DAYS", DEFAULT_DELIVERY_TTL_DAYS),
            fix_flow_state_machine_arn=env.get("FIX_FLOW_STATE_MACHINE_ARN") or None,
            fix_policy_parameter=env.get("FIX_POLICY_PARAMETER") or None,
            report_owners=_owners(env.get("REPORT_OWNERS") or ""),
            report_period_days=positive_integer("REPORT_PERIOD_DAYS", DEFAULT_REPORT_PERIOD_DAYS),
            report_issue_repository=_repository("REPORT_ISSUE_REPOSITORY", env.get("REPORT_ISSUE_REPOSITORY") or ""),
        )


def _owners(raw: str) -> tuple[str, ...]:
    owners = tuple(owner.strip() for owner in raw.split(",") if owner.strip())
    for owner in owners:
        if "/" in owner:
            raise ConfigError(f"environment variable REPORT_OWNERS lists organisations or users, got {owner!r}")
    return owners


def _repository(name: str, raw: str) -> str | None:
    if not raw:
        return None
    owner, slash, repo = raw.strip().partition("/")
    if not (owner and slash and repo) or "/" in repo:
        raise ConfigError(f"environment variable {name} must be OWNER/NAME, got {raw!r}")
    return raw.strip()


@cache
def settings() -> Settings:
    """The process-wide settings, loaded on first use."""
    return Settings.from_env()
