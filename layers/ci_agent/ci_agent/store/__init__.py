"""Failure history in DynamoDB: the records ci-agent keeps and the repositories that keep them.

The only package that talks to DynamoDB. Table names and the endpoint come from :class:`Settings` when a
repository is built, never at import time.
"""

from ci_agent.store.errors import ItemRefused, NotFound, StoreError
from ci_agent.store.models import TableModels, bind_models, create_tables, table_definitions
from ci_agent.store.records import (
    FailedJob,
    FailureFacts,
    FailureRecord,
    FailureStats,
    FixAttemptRecord,
    FixOutcome,
    LogStatus,
    SignatureHistory,
    failure_id_for,
    open_scope,
)
from ci_agent.store.repositories import DeliveryLedger, FailureRepository, FixAttemptRepository, Store

__all__ = [
    "DeliveryLedger",
    "FailedJob",
    "FailureFacts",
    "FailureRecord",
    "FailureRepository",
    "FailureStats",
    "FixAttemptRecord",
    "FixAttemptRepository",
    "FixOutcome",
    "ItemRefused",
    "LogStatus",
    "NotFound",
    "SignatureHistory",
    "Store",
    "StoreError",
    "TableModels",
    "bind_models",
    "create_tables",
    "failure_id_for",
    "open_scope",
    "table_definitions",
]
