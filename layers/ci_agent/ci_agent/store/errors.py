"""What the store raises: library errors never leave this package unwrapped."""

from __future__ import annotations

from pynamodb.exceptions import PynamoDBException


class StoreError(RuntimeError):
    """DynamoDB could not do what was asked; ``__cause__`` holds the library's error."""


class NotFound(StoreError):
    """The record to change does not exist."""


class ItemRefused(StoreError):
    """DynamoDB refuses the item itself (over 400 KB, say): writing it again would fail the same way."""


def is_condition_failure(exc: PynamoDBException) -> bool:
    """True when a conditional write lost: the expected outcome of a race, not an error."""
    return exc.cause_response_code == "ConditionalCheckFailedException"
