"""The build guardrail: whether a proposed change would weaken the build it is meant to fix.

A fix that passes by switching the check off is not a fix. Every proposal goes through :func:`weakens_build`
before the flow commits anything. The rules are data (``guardrails.toml``): patterns over the lines each file's
edit adds or removes, counted so that editing a line that already carried a marker does not count as adding one,
and TOML settings (ruff's ignores, mypy's strictness) compared as parsed before and after, since a line alone
cannot say which list it belongs to.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from ci_agent.healing.model import FileEdit, ProposedChange, line_opcodes

RULES = "guardrails.toml"


@dataclass(frozen=True, slots=True)
class GuardrailRule:
    name: str
    direction: str  # "added", "removed" or "lowered"
    pattern: re.Pattern[str]
    paths: re.Pattern[str] | None
    reason: str


@dataclass(frozen=True, slots=True)
class SettingRule:
    """A TOML configuration key that must not gain entries ("grown") or take a value ("became")."""

    name: str
    files: re.Pattern[str]
    keys: tuple[str, ...]
    change: str
    to: Any
    reason: str


@cache
def _rules_table() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath(RULES).read_text(encoding="utf-8"))


@cache
def setting_rules() -> tuple[SettingRule, ...]:
    rules = tuple(
        SettingRule(
            name=row["name"],
            files=re.compile(row["files"]),
            keys=tuple(row["keys"]),
            change=row["change"],
            to=row.get("to"),
            reason=row["reason"],
        )
        for row in _rules_table()["setting"]
    )
    unknown = {rule.change for rule in rules} - {"grown", "became"}
    if unknown:
        raise ValueError(f"{RULES}: unknown setting change {sorted(unknown)}")
    return rules


@cache
def guardrail_rules() -> tuple[GuardrailRule, ...]:
    table = _rules_table()
    paths = {name: re.compile(pattern) for name, pattern in table["paths"].items()}
    rules = tuple(
        GuardrailRule(
            name=row["name"],
            direction=row["direction"],
            pattern=re.compile(row["pattern"]),
            paths=paths[row["paths"]] if "paths" in row else None,
            reason=row["reason"],
        )
        for row in table["rule"]
    )
    unknown = {rule.direction for rule in rules} - {"added", "removed", "lowered"}
    if unknown:
        raise ValueError(f"{RULES}: unknown direction {sorted(unknown)}")
    return rules


def weakens_build(change: ProposedChange) -> str | None:
    """Why ``change`` would weaken the build (the first rule it breaks, with the file and line), or None."""
    for edit in change.edits:
        if edit.before.content and not edit.new_content:
            return f"deletes the contents of {edit.path}"
        loosened = _loosened_setting(edit)
        if loosened is not None:
            return loosened
        added, removed = changed_lines(edit)
        for rule in guardrail_rules():
            if rule.paths is not None and not rule.paths.search(edit.path):
                continue
            reason = _breaks(rule, added, removed)
            if reason is not None:
                return f"{rule.reason} ({edit.path}: {reason.strip()})"
    return None


def changed_lines(edit: FileEdit) -> tuple[list[str], list[str]]:
    """The lines ``edit`` adds and the lines it removes."""
    if edit.new_content == edit.before.content:
        return [], []  # a change of mode only
    old = edit.before.content.decode("utf-8", errors="replace").splitlines()
    new = edit.new_content.decode("utf-8", errors="replace").splitlines()
    added: list[str] = []
    removed: list[str] = []
    for tag, i1, i2, j1, j2 in line_opcodes(old, new):
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return added, removed


def _breaks(rule: GuardrailRule, added: list[str], removed: list[str]) -> str | None:
    """The line that shows ``rule`` broken, or None."""
    matching_added = [line for line in added if rule.pattern.search(line)]
    matching_removed = [line for line in removed if rule.pattern.search(line)]
    if rule.direction == "added" and len(matching_added) > len(matching_removed):
        return matching_added[-1]
    if rule.direction == "removed" and len(matching_removed) > len(matching_added):
        return matching_removed[-1]
    if rule.direction == "lowered":
        before = [_number(rule.pattern, line) for line in matching_removed]
        after = [_number(rule.pattern, line) for line in matching_added]
        if before and after and min(after) < max(before):
            return next(line for line in matching_added if _number(rule.pattern, line) == min(after))
    return None


def _number(pattern: re.Pattern[str], line: str) -> float:
    found = pattern.search(line)
    assert found is not None  # only called on matching lines
    return float(next(value for value in found.groups() if value is not None))


_MISSING = object()


def _loosened_setting(edit: FileEdit) -> str | None:
    """The first setting rule ``edit`` breaks, read from the parsed TOML before and after; None for other files
    (and for TOML that does not parse: the line rules still see it)."""
    rules = [rule for rule in setting_rules() if rule.files.search(edit.path)]
    if not rules:
        return None
    try:
        old = tomllib.loads(edit.before.content.decode("utf-8"))
        new = tomllib.loads(edit.new_content.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    for rule in rules:
        for key in rule.keys:
            before, after = _setting(old, key), _setting(new, key)
            if rule.change == "grown" and _grew(before, after):
                return f"{rule.reason} ({edit.path}: {key})"
            if rule.change == "became" and after == rule.to and before != rule.to:
                return f"{rule.reason} ({edit.path}: {key} = {after!r})"
    return None


def _setting(document: dict[str, Any], dotted: str) -> Any:
    value: Any = document
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return _MISSING
        value = value[part]
    return value


def _grew(before: Any, after: Any) -> bool:
    if isinstance(after, list):
        items = before if isinstance(before, list) else []
        return any(item not in items for item in after)
    if isinstance(after, dict):
        table = before if isinstance(before, dict) else {}
        return any(key not in table or _grew(table[key], value) for key, value in after.items())
    return False
