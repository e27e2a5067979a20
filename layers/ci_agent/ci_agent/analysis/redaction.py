"""Secret redaction for everything the analyzer returns, and so for what ci-agent stores, comments and logs.

The formats are data (``secret_patterns.toml``, beside this module): one entry per provider's token format or
context ("password=", "--password", "redis://:pw@host"), plus an entropy test for values assigned to names that
only hint at a secret ("SIGNING_KEY=", "auth:"), where a low-entropy value ("auth: required") is left alone.
Escape sequences and control characters are removed first (:func:`ci_agent.untrusted.strip_controls`), so
nothing the analyzer returns can rewrite a terminal, and a token split by one is still found.

Patterns run on RE2 so that a hostile line cannot make redaction backtrack for minutes.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import re2

from ci_agent.untrusted import strip_controls

REDACTED = "[REDACTED]"
PATTERNS_FILE = "secret_patterns.toml"


@dataclass(frozen=True, slots=True)
class SecretPattern:
    name: str
    regex: Any  # re2._Regexp
    min_entropy: float | None = None

    @property
    def masks_a_group(self) -> bool:
        return "secret" in self.regex.groupindex


def shannon_entropy(value: str) -> float:
    """Bits per character of ``value`` (0 for an empty or one-letter string; ~4.2+ for random base64)."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum(count / total * math.log2(count / total) for count in counts.values())


def _looks_random(value: str, min_entropy: float) -> bool:
    # Real keys mix character classes; words, paths and version strings mostly do not. Identifiers composed of
    # several dash-separated parts (cache keys: "node-cache-Linux-x64-npm-<hash>") are names, not secrets.
    if value.count("-") >= 3:
        return False
    classes = sum((any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)))
    return classes >= 2 and shannon_entropy(value) >= min_entropy


@cache
def secret_patterns() -> tuple[SecretPattern, ...]:
    """The patterns of ``secret_patterns.toml``, compiled, in file order."""
    text = resources.files("ci_agent.analysis").joinpath(PATTERNS_FILE).read_text(encoding="utf-8")
    entries = tomllib.loads(text)["secret"]
    return tuple(SecretPattern(entry["name"], re2.compile(entry["pattern"]), entry.get("entropy")) for entry in entries)


def _already_masked(value: str) -> bool:
    # GitHub masks registered secrets as ***; do not replace a mask with a mask, so logs stay readable.
    bare = value.strip("\"' ")
    return bare in ("", "***") or bare.startswith(REDACTED)


def _group_masker(min_entropy: float | None) -> Callable[[Any], str]:
    def mask(match: Any) -> str:
        whole = str(match.group(0))
        secret = match.group("secret")
        if secret is None or _already_masked(secret):
            return whole
        if min_entropy is not None and not _looks_random(secret.strip("\"'"), min_entropy):
            return whole
        group = match.re.groupindex["secret"]  # RE2's match.start() takes only group numbers
        start = match.start(group) - match.start()
        end = match.end(group) - match.start()
        return whole[:start] + REDACTED + whole[end:]

    return mask


@cache
def _replacements() -> tuple[tuple[Any, Callable[[Any], str] | str], ...]:
    return tuple(
        (pattern.regex, _group_masker(pattern.min_entropy) if pattern.masks_a_group else REDACTED)
        for pattern in secret_patterns()
    )


@cache
def _any_secret() -> Any:
    """One RE2 set of every pattern: which of them occur in a text, in one pass. The binding's ``sub`` walks its
    matches in Python, and running all of them on every line the analyzer returns cost 0.7 ms a line."""
    patterns = re2.Set.SearchSet(re2.Options())
    for pattern in secret_patterns():
        patterns.Add(pattern.regex.pattern)
    patterns.Compile()
    return patterns


def redact(text: str) -> str:
    """``text`` without escape sequences or control characters, and with every secret we recognise replaced by
    ``[REDACTED]``.

    The patterns are applied in file order, each to what the ones before it left; only those the set finds in the
    text as it stands are run (the set is asked again after any replacement that changed the text)."""
    text = strip_controls(text)
    present = set(_any_secret().Match(text) or ())
    for index, (regex, replacement) in enumerate(_replacements()):
        if index not in present:
            continue
        replaced = regex.sub(replacement, text)
        if replaced != text:
            text = replaced
            present = set(_any_secret().Match(text) or ())
    return text
