"""``apply-formatter``: a formatter's check failed the job ("Would reformat: ..."); where ci-agent can run that
formatter itself (ruff, shipped as a wheel) it formats the named files with the repository's own settings.

ruff runs as a subprocess on each file's bytes through standard input, with the repository's ruff configuration
(the one closest to the file, as ruff would find it) written to a temporary directory. Other formatters are
declined with the reason (``formatters.toml``).
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruff import find_ruff_bin

from ci_agent.analysis.analyzer import MAX_ERROR_LINES
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
from ci_agent.healing.strategies.repository_paths import repository_path
from ci_agent.healing.strategies.tables import strategy_table
from ci_agent.store.records import FailureRecord

TABLE = "formatters.toml"


@dataclass(frozen=True, slots=True)
class Formatter:
    name: str
    file: re.Pattern[str]
    summary: re.Pattern[str]
    runs_in_lambda: bool
    why_not: str


@dataclass(frozen=True, slots=True)
class FormatterReport:
    """What a formatter's check said: which formatter, the files it named, and how many it counted."""

    formatter: Formatter
    paths: tuple[str, ...]
    count: int | None


@cache
def formatters() -> tuple[Formatter, ...]:
    return tuple(
        Formatter(
            name=row["name"],
            file=re.compile(row["file"]),
            summary=re.compile(row["summary"]),
            runs_in_lambda=row["runs_in_lambda"],
            why_not=row.get("why_not", ""),
        )
        for row in strategy_table(TABLE)["formatter"]
    )


def formatter_report(lines: list[str]) -> FormatterReport | None:
    """The first formatter whose "would reformat" line appears in ``lines``, with every file it names there."""
    for formatter in formatters():
        paths = [found.group("path") for line in lines if (found := formatter.file.search(line.strip()))]
        if paths:
            counts = [int(found.group("count")) for line in lines if (found := formatter.summary.search(line.strip()))]
            return FormatterReport(formatter, tuple(dict.fromkeys(paths)), counts[0] if counts else None)
    return None


class ApplyFormatter:
    name = "apply-formatter"
    version = "1"
    kind = StrategyKind.PULL_REQUEST
    cost = 1.0

    def applies(self, failure: FailureRecord) -> Applicability | None:
        report = formatter_report(failure_text(failure))
        if report is None or not report.formatter.runs_in_lambda:
            return None
        return Applicability(f"{report.formatter.name} would reformat {len(report.paths)} file(s)", 0.9)

    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        report = formatter_report(failure_text(failure))
        if report is None:
            return Decline("no formatter's 'would reformat' line is in the failure")
        if not report.formatter.runs_in_lambda:
            return Decline(report.formatter.why_not)
        settings = strategy_table(TABLE)["ruff"]
        if report.count is not None and report.count > len(report.paths):
            return Decline(f"the log names {len(report.paths)} of the {report.count} files to reformat")
        if report.count is None and len(failure.error_lines) >= MAX_ERROR_LINES:
            return Decline(f"the analysis kept only {MAX_ERROR_LINES} lines of the log: more files may need formatting")
        if len(report.paths) > settings["max_files"]:
            return Decline(
                f"{len(report.paths)} files to reformat: more than the {settings['max_files']} one change may hold"
            )
        edits = []
        configs: dict[str, RepositoryFile | None] = {}
        for reported in report.paths:
            path = repository_path(reported)
            source = files.read(path) if path else None
            if path is None or source is None:
                return Decline(f"{reported} is not a file in the repository")
            if (oversized := too_large(source)) is not None:
                return oversized
            config = closest_ruff_config(path, files, settings["config_files"], configs)
            formatted = run_ruff_format(source, config, settings["timeout_seconds"])
            if isinstance(formatted, Decline):
                return formatted
            if formatted != source.content:
                edits.append(FileEdit(path=path, before=source, content=formatted))
        if not edits:
            return Decline("ruff leaves every named file as it is: the check ran another ruff version or settings")
        names = ", ".join(edit.path for edit in edits)
        return ProposedChange(
            edits=tuple(edits),
            summary=f"Format {names} with ruff" if len(edits) == 1 else f"Format {len(edits)} files with ruff",
            explanation=(
                f"`ruff format --check` failed: it would reformat {names}. This is `ruff format` applied to exactly "
                "those files with the repository's own ruff settings; nothing else changes."
            ),
            notes=(
                f"Formatted with ruff {ruff_version()}: if the workflow pins another ruff, its check may still differ.",
            ),
        )


def closest_ruff_config(
    path: str, files: RepositoryFiles, names: list[str], known: dict[str, RepositoryFile | None] | None = None
) -> RepositoryFile | None:
    """The configuration ruff would use for ``path``: the first of ``names`` (in order of precedence) in the
    nearest directory that has one, up to the repository root. ``known`` remembers what each directory held, so
    files in one directory cost one look-up (each read is a GitHub API call)."""
    known = {} if known is None else known
    directory = posixpath.dirname(path)
    visited = []
    found: RepositoryFile | None = None
    while True:
        if directory in known:
            found = known[directory]
            break
        visited.append(directory)
        found = _ruff_config_in(directory, files, names)
        if found is not None or not directory:
            break
        directory = posixpath.dirname(directory)
    for seen in visited:
        known[seen] = found
    return found


def _ruff_config_in(directory: str, files: RepositoryFiles, names: list[str]) -> RepositoryFile | None:
    for name in names:
        candidate = files.read(posixpath.join(directory, name) if directory else name)
        if candidate is not None and (name != "pyproject.toml" or _has_ruff_table(candidate)):
            return candidate
    return None


def _has_ruff_table(pyproject: RepositoryFile) -> bool:
    try:
        return "ruff" in tomllib.loads(pyproject.text).get("tool", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def run_ruff_format(source: RepositoryFile, config: RepositoryFile | None, timeout: float) -> bytes | Decline:
    """``source`` as ``ruff format`` leaves it under ``config`` (ruff's defaults when None)."""
    with tempfile.TemporaryDirectory(prefix="ci-agent-ruff-") as scratch:
        root = Path(scratch)
        options = ["--isolated"]
        if config is not None:
            if _extends(config):
                return Decline(f"{config.path} extends another configuration file, which is not followed")
            written = root / config.path
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_bytes(config.content)
            options = ["--config", str(written)]
        try:
            completed = subprocess.run(  # noqa: S603 - a fixed argument list, the file's bytes go through stdin
                [find_ruff_bin(), "format", *options, "--stdin-filename", str(root / source.path), "-"],
                input=source.content,
                capture_output=True,
                timeout=timeout,
                cwd=root,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return Decline(f"ruff did not format {source.path} within {timeout:g} s")
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", errors="replace").strip().splitlines()
        return Decline(f"ruff could not format {source.path}: {message[0] if message else completed.returncode}")
    return completed.stdout


def _extends(config: RepositoryFile) -> bool:
    try:
        document: dict[str, Any] = tomllib.loads(config.text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # ruff itself will say what is wrong with it
    settings = document.get("tool", {}).get("ruff", document) if config.path.endswith("pyproject.toml") else document
    return "extend" in settings


@cache
def ruff_version() -> str:
    completed = subprocess.run([find_ruff_bin(), "--version"], capture_output=True, check=False, timeout=30)  # noqa: S603
    return completed.stdout.decode().strip().removeprefix("ruff ")


STRATEGY = ApplyFormatter()
