"""``pull_request`` deliveries: a maintainer merged or closed one of ci-agent's fix pull requests."""

from __future__ import annotations

import logging

from ci_agent.service.failures import WorkerContext
from ci_agent.webhooks.models import PullRequestEvent

logger = logging.getLogger(__name__)


def on_pull_request_closed(event: PullRequestEvent, ctx: WorkerContext) -> str | None:
    pull = event.pull_request
    head = pull.head
    if ctx.fixes is None:
        return None
    if head.repo is None or head.repo.full_name.lower() != event.repository.full_name.lower():
        return None  # ci-agent's branches live in the repository itself, never in a fork
    from ci_agent.service.fixes import on_fix_pull_request_closed

    recorded = on_fix_pull_request_closed(
        event.repository.full_name, pull.number, head.ref, bool(pull.merged), ctx.fixes
    )
    if recorded is not None:
        logger.info(
            "fix pull request closed",
            extra={"repo": event.repository.full_name, "pull_request": pull.number, "recorded": recorded},
        )
    return recorded
