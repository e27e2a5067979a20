"""X-Hub-Signature-256 verification on the raw body, before anything is parsed."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_PREFIX = "sha256="


class InvalidSignature(Exception):
    """The delivery is not signed with our secret: missing, malformed or wrong signature."""


def sign(secret: bytes, body: bytes) -> str:
    """The header value GitHub sends for ``body``: ``sha256=<hex HMAC>``."""
    return SIGNATURE_PREFIX + hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify_signature(secret: bytes, body: bytes, header: str | None) -> None:
    """Raise :class:`InvalidSignature` unless ``header`` is the HMAC-SHA256 of ``body`` under ``secret``."""
    if not secret:
        raise InvalidSignature("no webhook secret is configured")
    if not header or not header.startswith(SIGNATURE_PREFIX):
        raise InvalidSignature("missing or malformed X-Hub-Signature-256")
    # compare_digest runs in time independent of where the strings differ.
    if not hmac.compare_digest(sign(secret, body).encode(), header.strip().encode()):
        raise InvalidSignature("X-Hub-Signature-256 does not match the body")
