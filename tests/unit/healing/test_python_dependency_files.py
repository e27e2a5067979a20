"""Property tests for the dependency-file editors: whatever the file, they never crash, an edit reads back as
the old document plus the new dependency (or the editor refuses), and they only ever insert text."""

from __future__ import annotations

import difflib
import re
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st
from packaging.utils import canonicalize_name

from ci_agent.healing.strategies.python_dependency_files import (
    Refusal,
    add_to_pep621,
    add_to_poetry,
    add_to_requirements,
    requirement_lines,
)
from tests.pathological import assert_dependency_editors_edit_exactly_or_refuse

NAMES = st.sampled_from(["attrs", "click", "requests", "rich", "zope.interface", "Flask", "boto3", "numpy"])
SPECIFIERS = st.sampled_from(["", ">=1.0", "==2.3.1", "[socks]>=2", ' ; python_version < "3.11"', "~=1.4"])
COMMENTS = st.sampled_from(["", "  # why", " #x", "\t# pinned for CVE-2024-1"])
REQUIREMENT_LINES = st.one_of(
    st.builds(lambda n, s, c: n + s + c, NAMES, SPECIFIERS, COMMENTS),
    st.sampled_from(
        ["", "# section", "-r base.txt", "-c constraints.txt", "--index-url https://example.invalid/simple", "."]
    ),
)


def only_insertions(old: str, new: str) -> str:
    """What was inserted into ``old`` to make ``new``; fails if anything was deleted or replaced."""
    inserted = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old[i1:i2], new[j1:j2])
        if tag == "insert":
            inserted.append(new[j1:j2])
    return "".join(inserted)


@settings(max_examples=300)
@given(lines=st.lists(REQUIREMENT_LINES, max_size=8), eol=st.sampled_from(["\n", "\r\n"]), final=st.booleans())
def test_requirements_edit_inserts_one_line_or_refuses(lines: list[str], eol: str, final: bool) -> None:
    text = eol.join(lines) + (eol if final and lines else "")
    result = add_to_requirements(text, "PyYAML")
    if isinstance(result, Refusal):
        return
    inserted = only_insertions(text, result)
    assert inserted.replace(eol, "").replace("\n", "") == "PyYAML"
    names = sorted(canonicalize_name(r.name) for _, r in requirement_lines(result))
    assert names == sorted([*(canonicalize_name(r.name) for _, r in requirement_lines(text)), "pyyaml"])
    assert ("\r\n" in result) == ("\r\n" in text) or not text


ELEMENTS = st.lists(st.tuples(NAMES, SPECIFIERS, st.sampled_from(['"', "'"]), COMMENTS), max_size=6)


@st.composite
def pep621_documents(draw: st.DrawFn) -> str:
    elements = draw(ELEMENTS)
    multi_line = draw(st.booleans())
    trailing_comma = draw(st.booleans())
    quoted = [f"{q}{name}{spec}{q}" if '"' not in spec else f"'{name}{spec}'" for name, spec, q, _ in elements]
    if multi_line:
        body = "".join(
            f"\n    {value}{',' if i < len(quoted) - 1 or trailing_comma else ''}{comment if '#' in comment else ''}"
            for i, (value, (_, _, _, comment)) in enumerate(zip(quoted, elements, strict=True))
        )
        array = f"[{body}\n]"
    else:
        array = "[" + ", ".join(quoted) + ("," if trailing_comma and quoted else "") + "]"
    before = draw(st.sampled_from(["", '[build-system]\nrequires = ["hatchling"]\n\n']))
    after = draw(
        st.sampled_from(["", "\n[tool.ruff]\nline-length = 100\n", '\n[project.optional-dependencies]\nx = ["a]"]\n'])
    )
    return f'{before}[project]\nname = "shop"  # [not a table]\ndependencies = {array}\n{after}'


@settings(max_examples=300)
@given(document=pep621_documents())
def test_pep621_edit_reads_back_as_old_plus_one_or_refuses(document: str) -> None:
    tomllib.loads(document)  # the generator makes valid TOML
    result = add_to_pep621(document, "PyYAML")
    if isinstance(result, Refusal):
        assert "already" not in result.reason
        return
    inserted = only_insertions(document, result)
    assert re.sub(r"[\s,\"']", "", inserted) == "PyYAML", inserted
    old, new = tomllib.loads(document), tomllib.loads(result)
    assert sorted(new["project"].pop("dependencies")) == sorted([*old["project"].pop("dependencies"), "PyYAML"])
    assert new == old


@settings(max_examples=200)
@given(
    keys=st.lists(NAMES, unique=True, max_size=5),
    python=st.booleans(),
    tail=st.sampled_from(["", '\n[tool.poetry.group.dev.dependencies]\npytest = "^8"\n', "# end"]),
)
def test_poetry_edit_reads_back_as_old_plus_one_or_refuses(keys: list[str], python: bool, tail: str) -> None:
    lines = (['python = "^3.11"'] if python else []) + [f'{key} = "*"' for key in keys]
    document = "[tool.poetry.dependencies]\n" + "".join(line + "\n" for line in lines) + tail
    result = add_to_poetry(document, "PyYAML")
    if isinstance(result, Refusal):
        assert not lines
        return
    changed = [line for line in difflib.ndiff(document.splitlines(), result.splitlines()) if line[0] in "+-?"]
    assert changed == ['+ PyYAML = "*"']
    expected = tomllib.loads(document)
    expected["tool"]["poetry"]["dependencies"]["PyYAML"] = "*"
    assert tomllib.loads(result) == expected


@settings(max_examples=200)
@given(text=st.text(max_size=200))
def test_the_editors_never_crash_on_arbitrary_text(text: str) -> None:
    assert_dependency_editors_edit_exactly_or_refuse(text)
