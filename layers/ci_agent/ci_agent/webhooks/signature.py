"""X-Hub-Signature-256 verification on the raw body, before anything is parsed."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence

SIGNATURE_PREFIX = "sha256="


class InvalidSignature(Exception):
    """The delivery is not signed with our secret: missing, malformed or wrong signature."""


def sign(secret: bytes, body: bytes) -> str:
    """The header value GitHub sends for ``body``: ``sha256=<hex HMAC>``."""
    return SIGNATURE_PREFIX + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secrets: bytes | Sequence[bytes], body: bytes, header: str | None) -> None:
    """Raise :class:`InvalidSignature` unless ``header`` is the HMAC-SHA256 of ``body`` under the secret, or
    under one of ``secrets`` (while a secret is rotated, GitHub may sign with the old one or the new one)."""
    candidates = [secrets] if isinstance(secrets, bytes) else list(secrets)
    if not candidates or not all(candidates):
        raise InvalidSignature("no webhook secret is configured")
    if not header or not header.startswith(SIGNATURE_PREFIX):
        raise InvalidSignature("missing or malformed X-Hub-Signature-256")
    given = header.strip().encode()
    # compare_digest runs in time independent of where the strings differ; every candidate is compared.
    matches = [hmac.compare_digest(sign(secret, body).encode(), given) for secret in candidates]
    if not any(matches):
        raise InvalidSignature("X-Hub-Signature-256 does not match the body")


def parse_webhook_secrets(value: str) -> tuple[bytes, ...]:
    """The webhook secret as stored: the secret itself, or during a rotation a JSON list of secrets
    (``["new secret", "old secret"]``), any of which may have signed a delivery."""
    if value.startswith("["):
        try:
            listed = json.loads(value)
        except json.JSONDecodeError:
            listed = None
        if isinstance(listed, list) and listed and all(isinstance(item, str) and item for item in listed):
            return tuple(item.encode() for item in listed)
    return (value.encode(),)
