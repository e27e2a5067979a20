"""The analyzer's vocabulary: failure categories, log lines and the analysis it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """What kind of thing broke. Flakiness is not a category: it is learned from history."""

    DEPENDENCY = "dependency"
    TEST = "test"
    LINT = "lint"
    BUILD = "build"
    TIMEOUT = "timeout"
    INFRASTRUCTURE = "infrastructure"
    PERMISSION = "permission"
    CONFIG = "config"
    RESOURCE = "resource"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of the original log: its 1-based number and its text without timestamp or colour codes."""

    line: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text}


@dataclass(frozen=True, slots=True)
class Analysis:
    """The analyzer's verdict on one job log. Every text in it has been redacted."""

    category: Category
    confidence: float
    culprit: LogLine | None
    error_lines: tuple[LogLine, ...]
    failed_step: str | None
    signature: str
    rule: str | None
    ruleset_version: str
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category.value,
            "confidence": self.confidence,
            "signature": self.signature,
            "culprit": self.culprit.to_dict() if self.culprit else None,
            "error_lines": [line.to_dict() for line in self.error_lines],
            "failed_step": self.failed_step,
            "rule": self.rule,
            "ruleset_version": self.ruleset_version,
            "notes": list(self.notes),
        }
