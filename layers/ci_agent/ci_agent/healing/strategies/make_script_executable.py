"""``make-script-executable``: a script in the repository that a job could not execute (exit 126, ``Permission
denied``) gets its executable bit: a commit that changes the file's mode to 100755 and not one byte of it.

The shells' and tools' wordings are data (``script_permissions.toml``).
"""

from __future__ import annotations

import re
from functools import cache

from ci_agent.healing.model import (
    EXECUTABLE_FILE,
    Applicability,
    Decline,
    FileEdit,
    ProposedChange,
    RepositoryFiles,
    StrategyKind,
)
from ci_agent.healing.strategies.base import failure_text
from ci_agent.healing.strategies.repository_paths import repository_path
from ci_agent.healing.strategies.tables import strategy_table
from ci_agent.store.records import FailureRecord

ANALYZER_RULE = "file-permission-denied"
TABLE = "script_permissions.toml"


@cache
def permission_messages() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(message["pattern"]) for message in strategy_table(TABLE)["message"])


def denied_path(lines: list[str]) -> str | None:
    """The file the first ``Permission denied`` among ``lines`` names, as the job wrote it."""
    for line in lines:
        message = line.removeprefix("##[error]").strip()
        for pattern in permission_messages():
            found = pattern.search(message)
            if found:
                return found.group("path")
    return None


class MakeScriptExecutable:
    name = "make-script-executable"
    version = "1"
    kind = StrategyKind.PULL_REQUEST
    cost = 1.0

    def applies(self, failure: FailureRecord) -> Applicability | None:
        reported = denied_path(failure_text(failure))
        if reported is None:
            return None
        fit = 0.9 if failure.rule == ANALYZER_RULE else 0.7
        return Applicability(f"the job could not execute {reported}: Permission denied", fit)

    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        reported = denied_path(failure_text(failure))
        if reported is None:
            return Decline("no 'Permission denied' on a file is named in the failure")
        path = repository_path(reported)
        if path is None:
            return Decline(f"{reported} is outside the repository: its mode is not the repository's to change")
        script = files.read(path)
        if script is None:
            return Decline(
                f"{path} is not a file at the failing commit (created by the job, or run from another directory)"
            )
        if script.mode == EXECUTABLE_FILE:
            return Decline(f"{path} is already executable (100755): the permission problem lies elsewhere")
        notes: tuple[str, ...] = ()
        if not script.content.startswith(b"#!"):
            notes = (f"{path} has no #! line: a shell will run it as a shell script; add one if it is not.",)
        edit = FileEdit(path=path, before=script, mode=EXECUTABLE_FILE)
        return ProposedChange(
            edits=(edit,),
            summary=f"Make {path} executable",
            explanation=(
                f"The job ran {reported} and the shell refused with 'Permission denied' (exit status 126): the file "
                f"is committed with mode {script.mode}. This commit changes its mode to {EXECUTABLE_FILE} "
                f"(`git update-index --chmod=+x {path}`) and nothing else."
            ),
            notes=notes,
        )


STRATEGY = MakeScriptExecutable()
