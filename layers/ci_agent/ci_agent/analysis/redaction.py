"""Secret redaction for everything the analyzer returns.

Patterns run on RE2 so that a hostile line cannot make redaction backtrack for minutes.
"""

from __future__ import annotations

from typing import Any

import re2

REDACTED = "[REDACTED]"

# Patterns with a group named "secret" replace only that group, so a reader still sees what was hidden
# (``password=[REDACTED]``); the others replace the whole match. Private keys go first because their body would
# otherwise be chewed up piecewise by the token patterns.
_PATTERNS: tuple[str, ...] = (
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$)",
    r"\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})",
    r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b",
    r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
    r"\bxox[abposr]-[A-Za-z0-9-]{10,}",
    r"\bnpm_[A-Za-z0-9]{36}\b",
    r"\bpypi-[A-Za-z0-9_-]{40,}",
    r"\bAIza[0-9A-Za-z_-]{35}",
    r"\bglpat-[A-Za-z0-9_-]{20,}",
    r"(?i)\bbearer\s+(?P<secret>[A-Za-z0-9._~+/=-]{8,})",
    r"(?i)\bauthorization[\"']?\s*[:=]\s*[\"']?(?:token|basic)\s+(?P<secret>[A-Za-z0-9._~+/=-]+)",
    r"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:(?P<secret>[^@\s/]+)@",
    r"(?i)\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
    r"|client[_-]?secret|credentials?)[\"']?\s*[:=]\s*(?P<secret>\"[^\"]*\"|'[^']*'|[^\s,;&]+)",
)

_COMPILED = tuple(re2.compile(pattern) for pattern in _PATTERNS)


def _already_masked(value: str) -> bool:
    # GitHub masks registered secrets as ***; do not replace a mask with a mask, so logs stay readable.
    bare = value.strip("\"' ")
    return bare in ("", "***") or bare.startswith(REDACTED)


def _mask_secret_group(match: Any) -> str:
    whole = str(match.group(0))
    if _already_masked(match.group("secret")):
        return whole
    group = match.re.groupindex["secret"]  # RE2's match.start() takes only group numbers
    start = match.start(group) - match.start()
    end = match.end(group) - match.start()
    return whole[:start] + REDACTED + whole[end:]


def redact(text: str) -> str:
    """Return ``text`` with every secret we recognise replaced by ``[REDACTED]``."""
    for pattern in _COMPILED:
        replacement = _mask_secret_group if "secret" in pattern.groupindex else REDACTED
        text = pattern.sub(replacement, text)
    return text
