"""Text from outside (job logs, webhook payloads) made safe to print and to store.

A log line or a job name may carry terminal escape sequences: colours, but also OSC (window titles, hyperlinks,
clipboard writes), DCS, APC/PM/SOS strings and raw control characters that rewrite what a terminal shows.
Everything ci-agent prints or records passes through :func:`strip_controls`, which removes every escape
sequence (7-bit and 8-bit forms, terminated or not) and every control character except tab and line feed, plus
the Unicode bidirectional overrides that make text read differently from what it is.

Standard library ``re`` only, with patterns that cannot backtrack (each repetition is over a class that
excludes what ends it), so a 10 MB line is one linear pass; no dependency, so the webhook ingress can use it.
"""

from __future__ import annotations

import re

# String sequences: OSC (ESC ] / 0x9d), DCS (ESC P / 0x90), SOS (ESC X / 0x98), PM (ESC ^ / 0x9e),
# APC (ESC _ / 0x9f), ended by BEL, ST (ESC \ or 0x9c), or, unterminated, by the end of the line: a terminal
# would swallow the rest, so it is not shown either, but the next log line is.
_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
# CSI (ESC [ / 0x9b): parameters, intermediates, one final byte (absent when cut off).
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
# Any other escape: ESC, optional intermediates, one final byte (charset selection, keypad modes, RIS...).
_OTHER = r"\x1b[ -/]*[0-~]?"
_ESCAPES = re.compile(f"{_STRING}|{_CSI}|{_OTHER}")
# C0 except tab and line feed, DEL, C1, and the bidirectional embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences or control characters (tab and line feed are kept)."""
    if text.isprintable():  # the common case: one C-level pass, nothing to remove
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def has_controls(text: str) -> bool:
    """Whether :func:`strip_controls` would change ``text``."""
    return strip_controls(text) != text
