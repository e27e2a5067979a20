"""Failure signatures: the same failure gets the same short id across runs, a different failure a different one.

The culprit text is turned into a template in the spirit of Sentry's message parameterisation and Drain's
token masking: everything incidental to one run (timestamps, workspace and temp paths, hashes, ids, addresses,
durations, counts, version numbers) becomes a placeholder, while the words and the identifiers that name the
failure (error codes such as ``E501`` or ``TS2304``, test names, package names) are kept.
"""

from __future__ import annotations

import hashlib
import re

MAX_TEMPLATE_CHARS = 400
# Only the head of a message is templated: the patterns below run on Python's backtracking engine, and some are
# quadratic on a single pathological token, so their input must stay short.
MAX_MESSAGE_CHARS = 1000

# Order matters: wider shapes first, so a uuid is not half-eaten by the hex rule, a path before its numbers.
_PARAMETERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), placeholder)
    for pattern, placeholder in (
        # ISO and common log timestamps.
        (r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?", "<TS>"),
        (r"\b\d\d:\d\d:\d\d(?:\.\d+)?\b", "<TS>"),
        # Checkout locations of hosted, container and self-hosted runners: /home/runner/work/<repo>/<repo>/,
        # /__w/<repo>/<repo>/, D:\a\<repo>\<repo>\ and .../_work/<repo>/<repo>/.
        (
            r"(?:[A-Za-z]:)?[\\/]?[^\s'\"(\[]*?[\\/](?:_?work|__w|a)[\\/]([^\\/\s'\"]+)[\\/]\1(?=[\\/])",
            "<WS>",
        ),
        # Temporary files and directories.
        (
            r"(?:/tmp|/var/folders/[^/\s]+/[^/\s]+/T|/private/var/folders/[^/\s]+/[^/\s]+/T"
            r"|[A-Za-z]:\\Users\\[^\\\s]+\\AppData\\Local\\Temp|<WS>[\\/]_temp|/home/runner/work/_temp"
            r"|[\\/]_temp)[\\/][^\s'\":,)\]]*",
            "<TMP>",
        ),
        (r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b", "<UUID>"),
        (r"\b0x[0-9a-fA-F]+\b", "<HEX>"),
        # Hashes and hex ids: at least 7 hex digits with at least one digit, so plain words survive.
        (r"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,}\b", "<HEX>"),
        (r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b", "<IP>"),
        (r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b", "<EMAIL>"),
        # Versions: 1.2, v1.2.3, 1.2.3-rc.1, ^7.3.0 (a bare integer is a number, below).
        (r"(?<![\w.])v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.]+)?(?![\w.])", "<V>"),
        # Durations and sizes that carry their unit: 12ms, 3.5s, 4 MB, 2.1GiB.
        (
            r"\b\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|[KMGT]i?B|kB|bytes?)\b",
            "<Q>",
        ),
        # Remaining standalone numbers (007_add_orders counts as one). Digits glued to a letter or an underscore
        # before them (E501, TS2304, cp312, test_3) name things: keep them.
        (r"(?<![A-Za-z_\d])\d+(?:\.\d+)?(?![A-Za-z\d])", "<N>"),
        (r"\s+", " "),
    )
)


def failure_template(text: str) -> str:
    """The message with every run-specific detail replaced by a placeholder."""
    template = text.strip()[:MAX_MESSAGE_CHARS]
    for pattern, placeholder in _PARAMETERS:
        template = pattern.sub(placeholder, template)
    return template.strip()[:MAX_TEMPLATE_CHARS]


def failure_signature(category: str, rule: str | None, template: str) -> str:
    """A short, stable id for a failure shape: 16 hex digits of a SHA-256 over category, rule and template."""
    digest = hashlib.sha256(f"{category}\x1f{rule or ''}\x1f{template}".encode()).hexdigest()
    return digest[:16]
