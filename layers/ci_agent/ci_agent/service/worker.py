"""The analysis worker: one queued delivery in, its use case run. Retryable errors propagate to the queue."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from ci_agent.service.deliveries import QueuedDelivery
from ci_agent.service.routes import router

if TYPE_CHECKING:
    from ci_agent.service.failures import WorkerContext

logger = logging.getLogger(__name__)


def process_delivery(delivery: QueuedDelivery, ctx: WorkerContext) -> Any:
    route = router.find(delivery.event, delivery.action)
    if route is None:
        # Queued by an older or newer version that handled more events: nothing to do, nothing to retry.
        logger.warning(
            "no handler for queued delivery",
            extra={"event": delivery.event, "action": delivery.action, "delivery_id": delivery.delivery_id},
        )
        return None
    event = route.model.model_validate(delivery.payload)
    logger.info(
        "processing delivery",
        extra={"delivery_id": delivery.delivery_id, "event": delivery.event, "action": delivery.action},
    )
    return route.handler(event, ctx)
