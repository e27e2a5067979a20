"""``bump-deprecated-action``: move an action GitHub refuses to run (``actions/upload-artifact@v3``, ...) to the
major its deprecation notice asks for, in the workflow file the failure names and in the repository's own
composite actions that workflow uses (``uses: ./.github/actions/x`` -> ``.github/actions/x/action.yml``), where
a shared step often hides the deprecated action.

Only the ``@ref`` of the ``uses:`` values changes: the file is edited as text, never loaded and dumped as YAML,
so comments, anchors, quoting, line endings and every other byte stay as they were. Which majors are deprecated
and what replaces them is data (``deprecated_actions.toml``).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from functools import cache

from ci_agent.healing.model import (
    Applicability,
    Decline,
    FileEdit,
    ProposedChange,
    RepositoryFile,
    RepositoryFiles,
    StrategyKind,
)
from ci_agent.healing.strategies.base import failure_text, too_large
from ci_agent.healing.strategies.tables import strategy_table
from ci_agent.store.records import FailureRecord

ANALYZER_RULE = "gha-deprecated-action"
TABLE = "deprecated_actions.toml"

# A `uses:` value in block style, as a mapping key of its own line or the first key of a list item:
#   `      - uses: actions/upload-artifact@v3 # comment`, `uses: "actions/cache@v2"`, `uses: &up o/r@v3`.
# Only the ref (group `ref`) is rewritten. Horizontal whitespace only, so a match never spans lines.
USES = re.compile(
    r"^[ \t]*(?:-[ \t]+)?uses[ \t]*:[ \t]*(?:&[^\s]+[ \t]+)?(?P<quote>['\"]?)"
    r"(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)(?P<subpath>(?:/[^@\s'\"#]*)?)@(?P<ref>[^\s'\"#]+)(?P=quote)"
    r"(?=[ \t]*(?:#.*)?\r?$)",
    re.MULTILINE,
)
# A local action of the same repository: `uses: ./.github/actions/setup` (its action.yml or action.yaml).
LOCAL_USES = re.compile(
    r"^[ \t]*(?:-[ \t]+)?uses[ \t]*:[ \t]*(?:&[^\s]+[ \t]+)?(?P<quote>['\"]?)\./(?P<path>[^\s'\"#]*)(?P=quote)"
    r"(?=[ \t]*(?:#.*)?\r?$)",
    re.MULTILINE,
)
ACTION_FILES = ("action.yml", "action.yaml")
# `owner/repo@ref` or, in the refusal's spelling, `owner/repo: ref`.
NAMED_ACTION = re.compile(r"(?P<action>[^\s,:@`]+)(?:@|: )(?P<ref>[^\s,`]+)")
MAJOR = re.compile(r"^v?(\d+)(?:\.\d+)*$")
COMMIT_SHA = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True, slots=True)
class DeprecatedAction:
    """One row of the table: an action, its deprecated majors and the major to move to."""

    name: str
    deprecated: frozenset[int]
    supported: str
    moves_with: tuple[str, ...]
    notes: tuple[str, ...]
    source: str


@cache
def deprecated_actions() -> dict[str, DeprecatedAction]:
    table = strategy_table(TABLE)
    rows = (
        DeprecatedAction(
            name=row["name"].lower(),
            deprecated=frozenset(_major(ref) or 0 for ref in row["deprecated"]),
            supported=row["supported"],
            moves_with=tuple(name.lower() for name in row.get("moves_with", ())),
            notes=tuple(row.get("notes", ())),
            source=row["source"],
        )
        for row in table["action"]
    )
    return {row.name: row for row in rows}


@cache
def deprecation_messages() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(message["pattern"]) for message in strategy_table(TABLE)["message"])


def _major(ref: str) -> int | None:
    match = MAJOR.match(ref)
    return int(match.group(1)) if match else None


def named_actions(lines: list[str]) -> list[tuple[str, str]]:
    """The ``(action, ref)`` pairs the deprecation lines among ``lines`` name, in order, without repeats."""
    named: list[tuple[str, str]] = []
    for line in lines:
        for message in deprecation_messages():
            for found in message.finditer(line):
                for action in NAMED_ACTION.finditer(found.group("actions")):
                    pair = (action.group("action"), action.group("ref"))
                    if pair not in named:
                        named.append(pair)
    return named


class BumpDeprecatedAction:
    name = "bump-deprecated-action"
    version = "1"
    kind = StrategyKind.PULL_REQUEST
    cost = 1.0

    def applies(self, failure: FailureRecord) -> Applicability | None:
        named = named_actions(failure_text(failure))
        known = [action for action, ref in named if _is_deprecated(action, ref)]
        if not known:
            return None
        # GitHub's refusal is the failure itself; a Node.js runtime notice is a warning that may sit beside another
        # cause, so bumping is a weaker bet there.
        fit = 0.95 if failure.rule == ANALYZER_RULE else 0.4
        return Applicability(f"GitHub reports a deprecated version of {', '.join(known)}", fit)

    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        if not failure.workflow_path:
            return Decline("the failure does not name its workflow file (the flow fills it in from the run)")
        named = named_actions(failure_text(failure))
        if not named:
            return Decline("no deprecated action is named in the failure")
        for action, ref in named:
            if action.startswith(("./", "docker://")):
                return Decline(f"{action} is a local or Docker action: there is no newer release to move to")
            if COMMIT_SHA.match(ref):
                return Decline(f"{action} is pinned to a commit: moving it needs a lookup of the new release's SHA")
        table = deprecated_actions()
        unknown = [action for action, ref in named if not _is_deprecated(action, ref)]
        if len(unknown) == len(named):
            return Decline(f"no supported major is known for {', '.join(unknown)}")
        workflow = files.read(failure.workflow_path)
        if workflow is None:
            return Decline(f"{failure.workflow_path} does not exist at the failing commit")
        if (oversized := too_large(workflow)) is not None:
            return oversized
        try:
            text = workflow.text
        except UnicodeDecodeError:
            return Decline(f"{failure.workflow_path} is not UTF-8 text")

        named_bumped = {action.lower() for action, ref in named if _is_deprecated(action, ref)}
        to_bump = set(named_bumped)
        to_bump |= {companion for action in list(to_bump) for companion in table[action].moves_with}
        edits: list[FileEdit] = []
        outdated: list[re.Match[str]] = []
        for file, content in ((workflow, text), *_composite_actions(text, files)):
            bumped = _bump(content, to_bump)
            if isinstance(bumped, Decline):
                return bumped
            new_text, matches = bumped
            if matches:
                edits.append(FileEdit(path=file.path, before=file, content=new_text.encode("utf-8")))
                outdated += matches
        if not outdated:
            return Decline(f"{failure.workflow_path} has no deprecated `uses:` of {', '.join(sorted(to_bump))}")

        moved: dict[str, list[str]] = {}
        for match in outdated:
            refs = moved.setdefault(match.group("action"), [])
            refs += [] if match.group("ref") in refs else [match.group("ref")]
        # The actions GitHub named come first, the ones that move with them after.
        order = sorted(moved, key=lambda action: (action.lower() not in named_bumped, action.lower()))
        rows = [table[action.lower()] for action in order]
        summary = "Bump " + ", ".join(
            f"{action} from {'/'.join(moved[action])} to {table[action.lower()].supported}" for action in order
        )
        where = " and ".join(edit.path for edit in edits) + (" moves" if len(edits) == 1 else " move")
        explanation = (
            f"GitHub no longer runs {', '.join(f'{action}@{ref}' for action, refs in moved.items() for ref in refs)}: "
            f"{where} to the supported majors. Only the `uses:` refs change.\n"
            + "\n".join(f"- {row.name}: {row.source}" for row in rows)
        )
        notes = tuple(dict.fromkeys(note for row in rows for note in row.notes))
        if unknown:
            notes += (f"GitHub also named {', '.join(unknown)}, for which no supported major is known: left as it is.",)
        return ProposedChange(edits=tuple(edits), summary=summary, explanation=explanation, notes=notes)


def _bump(text: str, to_bump: set[str]) -> tuple[str, list[re.Match[str]]] | Decline:
    """``text`` with the deprecated majors of ``to_bump`` moved to the supported ones, and the `uses:` moved."""
    table = deprecated_actions()
    uses = [match for match in USES.finditer(text) if match.group("action").lower() in to_bump]
    pinned = [match.group(0).strip() for match in uses if COMMIT_SHA.match(match.group("ref"))]
    if pinned:
        return Decline(f"{pinned[0]} is pinned to a commit: moving it needs a lookup of the new release's SHA")
    outdated = [
        match for match in uses if _major(match.group("ref")) in table[match.group("action").lower()].deprecated
    ]
    pieces: list[str] = []
    position = 0
    for match in outdated:
        pieces += [text[position : match.start("ref")], table[match.group("action").lower()].supported]
        position = match.end("ref")
    return "".join([*pieces, text[position:]]), outdated


def _composite_actions(workflow: str, files: RepositoryFiles) -> list[tuple[RepositoryFile, str]]:
    """The repository's own actions the workflow uses, read as text: one level (an action's own local actions
    are not followed), inside the repository only, each once."""
    found: list[tuple[RepositoryFile, str]] = []
    seen: set[str] = set()
    for match in LOCAL_USES.finditer(workflow):
        parts = [part for part in match.group("path").split("/") if part not in ("", ".")]
        if ".." in parts:
            continue  # outside the repository's tree, or not where it seems: left alone
        folder = "/".join(parts)
        if folder in seen:
            continue
        seen.add(folder)
        for name in ACTION_FILES:
            action_file = files.read(f"{folder}/{name}" if folder else name)
            if action_file is None:
                continue
            with contextlib.suppress(UnicodeDecodeError):  # not text: nothing to bump in it
                found.append((action_file, action_file.text))
            break
    return found


def _is_deprecated(action: str, ref: str) -> bool:
    row = deprecated_actions().get(action.lower())
    return row is not None and _major(ref) in row.deprecated


STRATEGY = BumpDeprecatedAction()
