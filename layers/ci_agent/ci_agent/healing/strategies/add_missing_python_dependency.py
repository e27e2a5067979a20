"""``add-missing-python-dependency``: a job failed on ``No module named 'x'``; the distribution that provides
``x`` is added to the requirements file or ``pyproject.toml`` the repository declares its dependencies in.

Import names map to distribution names through a table (``python_distributions.toml``: ``yaml`` -> ``PyYAML``).
It declines the standard library, the repository's own package, files it cannot edit safely (hash-pinned or
generated requirements, a lock file that would need a resolver) and layouts it does not know.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

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
from ci_agent.healing.strategies.python_dependency_files import (
    Refusal,
    add_to_pep621,
    add_to_poetry,
    add_to_requirements,
    requirement_lines,
)
from ci_agent.healing.strategies.repository_paths import repository_path
from ci_agent.healing.strategies.tables import strategy_table
from ci_agent.store.records import FailureRecord

ANALYZER_RULE = "python-module-missing"
TABLE = "python_distributions.toml"
REQUIREMENTS = "requirements.txt"
# `-r other.txt` / `--requirement=other.txt` in a requirements file (paths relative to the root, where it lives).
INCLUDE = re.compile(r"^[ \t]*(?:-r|--requirement)(?:[ \t]+|[ \t]*=[ \t]*)(\S+)", re.MULTILINE)
PYPROJECT = "pyproject.toml"
# A lock file must be re-resolved when pyproject.toml changes (`poetry install` and `uv sync --locked` refuse a
# stale one), which needs the resolver and the index: not something to do inside the fix flow.
LOCK_FILES = ("poetry.lock", "uv.lock", "pdm.lock")
# Where a repository's own top-level package or module lives.
OWN_PACKAGE_PLACES = (
    "{name}",
    "{name}.py",
    "src/{name}",
    "src/{name}.py",
    "lib/{name}",
    "tests/{name}",
    "tests/{name}.py",
)


@dataclass(frozen=True, slots=True)
class MissingDistribution:
    module: str  # as Python reported it: "yaml", "google.protobuf.json_format"
    distribution: str  # what provides it: "PyYAML"
    from_table: bool  # False when the import name is taken as the distribution's name


@cache
def missing_module_messages() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(message["pattern"]) for message in strategy_table(TABLE)["message"])


def missing_module(lines: list[str]) -> str | None:
    """The module the first import failure among ``lines`` names."""
    for line in lines:
        for pattern in missing_module_messages():
            found = pattern.search(line)
            if found:
                return found.group("module")
    return None


def distribution_for(module: str) -> MissingDistribution | Decline:
    """The distribution that provides ``module``, or why none should be added."""
    table = strategy_table(TABLE)
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        listed = table["distributions"].get(".".join(parts[:length]))
        if listed:
            return MissingDistribution(module, listed, from_table=True)
    top = parts[0]
    if top in table["ambiguous"]:
        return Decline(f"'{module}' belongs to {table['ambiguous'][top]}: the distribution is not known")
    if top in sys.stdlib_module_names:
        return Decline(f"'{top}' is in the standard library: the interpreter, not a dependency, is missing it")
    return MissingDistribution(module, top, from_table=False)


class AddMissingPythonDependency:
    name = "add-missing-python-dependency"
    version = "1"
    kind = StrategyKind.PULL_REQUEST
    cost = 1.0

    def applies(self, failure: FailureRecord) -> Applicability | None:
        module = missing_module(failure_text(failure))
        if module is None:
            return None
        missing = distribution_for(module)
        if isinstance(missing, Decline):
            return None
        fit = 0.8 if failure.rule == ANALYZER_RULE else 0.6
        return Applicability(f"Python could not import '{module}' (distribution {missing.distribution})", fit)

    def propose(self, failure: FailureRecord, files: RepositoryFiles) -> ProposedChange | Decline:
        module = missing_module(failure_text(failure))
        if module is None:
            return Decline("no missing Python module is named in the failure")
        missing = distribution_for(module)
        if isinstance(missing, Decline):
            return missing
        top = module.split(".")[0]
        own = next(
            (place.format(name=top) for place in OWN_PACKAGE_PLACES if files.exists(place.format(name=top))), None
        )
        if own is not None:
            return Decline(f"'{top}' is the repository's own code ({own}): the job's path or install is at fault")
        pyproject_file = files.read(PYPROJECT)
        if pyproject_file is not None and (oversized := too_large(pyproject_file)) is not None:
            return oversized
        try:
            pyproject = _read_toml(pyproject_file)
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            return Decline("pyproject.toml does not parse: its layout is not one this strategy understands")
        project_names = {canonicalize_name(name) for name in _project_names(pyproject)}
        if canonicalize_name(missing.distribution) in project_names or canonicalize_name(top) in project_names:
            return Decline(f"'{top}' is the project itself: the job did not install it")
        listed = _declared_elsewhere(pyproject, missing.distribution)
        if listed:
            return Decline(f"{missing.distribution} is already declared in {listed}: the job does not install that")

        target = self._edit(missing, files, pyproject)
        if isinstance(target, Decline):
            return target
        before, new_text = target
        notes = []
        if not missing.from_table:
            notes.append(f"{missing.distribution} is assumed to be the distribution that provides '{top}'.")
        if before.path.endswith(".txt") and _all_pinned(before.text):
            notes.append(f"The other requirements are pinned: pin {missing.distribution} to the version you test with.")
        edit = FileEdit(path=before.path, before=before, content=new_text.encode("utf-8"))
        return ProposedChange(
            edits=(edit,),
            summary=f"Add {missing.distribution} to {before.path}",
            explanation=(
                f"The job failed with `No module named '{module}'`: '{top}' is provided by the distribution "
                f"{missing.distribution}, which {before.path} does not declare. This adds it, unpinned, and changes "
                "nothing else."
            ),
            notes=tuple(notes),
        )

    def _edit(
        self, missing: MissingDistribution, files: RepositoryFiles, pyproject: dict[str, Any] | None
    ) -> tuple[RepositoryFile, str] | Decline:
        try:
            requirements = requirements_file(files)
        except UnicodeDecodeError:
            return Decline("a requirements file is not UTF-8 text")
        if requirements is not None and (oversized := too_large(requirements)) is not None:
            return oversized
        if requirements is not None and (requirement_lines(requirements.text) or pyproject is None):
            return _outcome(requirements, requirements.text, missing, add_to_requirements)
        pyproject_file = files.read(PYPROJECT)
        if pyproject is None or pyproject_file is None:
            return Decline(
                "no requirements.txt or pyproject.toml: the dependency layout is not one this strategy knows"
            )
        lock = next((name for name in LOCK_FILES if files.exists(name)), None)
        if lock is not None:
            return Decline(f"{lock} would have to be re-resolved after the change, which needs the resolver")
        project = pyproject.get("project", {})
        poetry = pyproject.get("tool", {}).get("poetry", {})
        if "dependencies" in project.get("dynamic", []):
            return Decline("[project] dependencies are dynamic (set by the build backend): there is no list to edit")
        if "dependencies" in project:
            return _outcome(pyproject_file, pyproject_file.text, missing, add_to_pep621)
        if "dependencies" in poetry:
            return _outcome(pyproject_file, pyproject_file.text, missing, add_to_poetry)
        return Decline("pyproject.toml declares no dependencies list this strategy knows ([project] or Poetry)")


def requirements_file(files: RepositoryFiles) -> RepositoryFile | None:
    """The requirements file to add to: requirements.txt, or, when it only includes others (``-r
    requirements/base.txt``, a common layout), the first included file that names requirements itself."""
    root = files.read(REQUIREMENTS)
    if root is None or too_large(root) or requirement_lines(root.text):
        return root
    for include in INCLUDE.findall(root.text):
        path = repository_path(include)
        included = files.read(path) if path else None
        if included is not None and (too_large(included) or requirement_lines(included.text)):
            return included
    return root


def _outcome(
    before: RepositoryFile, text: str, missing: MissingDistribution, editor: Callable[[str, str], str | Refusal]
) -> tuple[RepositoryFile, str] | Decline:
    if canonicalize_name(missing.distribution) in _declared_names(before.path, text):
        return Decline(
            f"{missing.distribution} is already a dependency in {before.path}: the environment did not install it"
        )
    result = editor(text, missing.distribution)
    if isinstance(result, Refusal):
        return Decline(result.reason)
    return before, result


def _declared_names(path: str, text: str) -> set[str]:
    if path.endswith(".txt"):
        return {canonicalize_name(requirement.name) for _, requirement in requirement_lines(text)}
    document = tomllib.loads(text)
    declared = _requirement_names(document.get("project", {}).get("dependencies", []))
    poetry = document.get("tool", {}).get("poetry", {}).get("dependencies", {})
    return declared | {canonicalize_name(name) for name in poetry}


def _read_toml(file: RepositoryFile | None) -> dict[str, Any] | None:
    return None if file is None else tomllib.loads(file.text)


def _project_names(pyproject: dict[str, Any] | None) -> list[str]:
    if pyproject is None:
        return []
    names = [pyproject.get("project", {}).get("name"), pyproject.get("tool", {}).get("poetry", {}).get("name")]
    return [name for name in names if isinstance(name, str)]


def _requirement_names(values: Any) -> set[str]:
    names: set[str] = set()
    for value in values if isinstance(values, list) else []:
        try:
            names.add(canonicalize_name(Requirement(value).name))
        except (InvalidRequirement, TypeError):
            continue
    return names


def _declared_elsewhere(pyproject: dict[str, Any] | None, distribution: str) -> str | None:
    """Where ``pyproject`` declares ``distribution`` outside the main dependencies (an extra, a group)."""
    if pyproject is None:
        return None
    wanted = canonicalize_name(distribution)
    groups: dict[str, Any] = {}
    for extra, values in pyproject.get("project", {}).get("optional-dependencies", {}).items():
        groups[f"[project.optional-dependencies] {extra}"] = values
    for group, values in pyproject.get("dependency-groups", {}).items():
        groups[f"[dependency-groups] {group}"] = values
    groups["[tool.uv] dev-dependencies"] = pyproject.get("tool", {}).get("uv", {}).get("dev-dependencies", [])
    for where, values in groups.items():
        if wanted in _requirement_names(values):
            return where
    for group, table in pyproject.get("tool", {}).get("poetry", {}).get("group", {}).items():
        if wanted in {canonicalize_name(name) for name in table.get("dependencies", {})}:
            return f"the Poetry group {group}"
    return None


def _all_pinned(text: str) -> bool:
    requirements = [requirement for _, requirement in requirement_lines(text)]
    return bool(requirements) and all(
        any(spec.operator in ("==", "===") for spec in requirement.specifier) for requirement in requirements
    )


STRATEGY = AddMissingPythonDependency()
