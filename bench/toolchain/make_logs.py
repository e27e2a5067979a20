# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Generate the toolchain development set: real tool output from tiny broken projects, as GitHub Actions job logs.

For each case a tiny project is written to a temporary directory, the real tool is run on it, and its output is
wrapped in a GitHub Actions job log (runner preamble, a passing checkout and setup step, the failing step's
``##[group]Run <command>`` header and output, ``##[error]Process completed with exit code N.``, the post-job
clean-up). The culprit lines are found from what the case knows (the first failing test's name, the file that
holds the error), by the conventions of bench/validation/README.md, never by running the analyzer.

    python bench/toolchain/make_logs.py [--only NAME_PREFIX] [--out bench/toolchain]

Tools are taken from PATH, from a Python virtualenv (``TOOLCHAIN_VENV``, default /tmp/tc/venv: pytest,
pytest-xdist, mypy, ruff, flake8, black, pylint, nose2) and from an npm project (``TOOLCHAIN_NODE``, default
/tmp/tc/node: jest, mocha, vitest, typescript, eslint, prettier). See README.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = Path(os.environ.get("TOOLCHAIN_VENV", "/tmp/tc/venv"))
NODE = Path(os.environ.get("TOOLCHAIN_NODE", "/tmp/tc/node"))
# Older releases, as many CI logs of a few years ago show them: pytest 6.2, jest 26, mocha 8.
OLD_VENV = Path(os.environ.get("TOOLCHAIN_OLD_VENV", "/tmp/tc/venv-old"))
OLD_NODE = Path(os.environ.get("TOOLCHAIN_OLD_NODE", "/tmp/tc/node-old"))
WORKDIR = "/home/runner/work/acme/acme"
STAMP = "2026-11-29T10:00:00.0000000Z "
PYTHON_HOME = (
    subprocess.run(
        [str(VENV / "bin" / "python"), "-c", "import sys; print(sys.base_prefix)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    or "/nonexistent"
)
URL_HOST = re.compile(r"(https?://)[^/\s'\"]+")

Labeller = Callable[[list[str]], list[int]]


@dataclass
class Case:
    name: str
    tool: str  # the tool whose output decides the verdict, as the benchmark groups it
    ecosystem: str
    category: str
    command: str  # run with bash in the project directory; also the step's name
    files: dict[str, str]
    label: Labeller  # indices (0-based) of the culprit lines in the tool's output
    why: str
    version: str  # a command printing the tool's version
    alt_categories: list[str] = field(default_factory=list)
    setup: str = "actions/setup-python@v5"
    env: dict[str, str] = field(default_factory=dict)
    # Tool output that names a package index: its host is replaced by packages.example.com.
    neutral_hosts: bool = False
    node_modules: bool = False
    old: bool = False  # run the older releases (OLD_VENV, OLD_NODE)
    node: Path | None = None  # another npm project's tools instead of NODE's (js_more_cases.py: TOOLCHAIN_NODE_JS2)
    # Shell commands run in the project directory before ``command``, in the same shell (their output is not kept
    # and they are not shown in the log): Maven's local repository is made there.
    prepare: str = ""
    # Another virtualenv (python_more_cases.py's tools): its bin goes first on PATH, its path is rewritten.
    venv: Path | None = None


# --- finding the culprit lines in a tool's output --------------------------------------------------------------


def find(lines: Sequence[str], pattern: str, start: int = 0, stop: int | None = None) -> int | None:
    regex = re.compile(pattern)
    for index in range(start, len(lines) if stop is None else min(stop, len(lines))):
        if regex.search(lines[index]):
            return index
    return None


def section(anchor: str, inside: Sequence[str] = (), anywhere: Sequence[str] = (), end: str | None = None) -> Labeller:
    """The first line matching ``anchor``; the first line matching each of ``inside`` below it (before the next line
    matching ``end``, when given); the first line matching each of ``anywhere`` in the whole output."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, anchor)
        if top is None:
            raise LookupError(f"anchor {anchor!r} not in the output")
        stop = find(lines, end, top + 1) if end else None
        found = [top]
        for pattern in inside:
            index = find(lines, pattern, top + 1, stop)
            if index is not None:
                found.append(index)
        for pattern in anywhere:
            index = find(lines, pattern)
            if index is not None:
                found.append(index)
        return sorted(set(found))

    return label


def first_of(*patterns: str) -> Labeller:
    """Every pattern's first line (each must be found)."""

    def label(lines: list[str]) -> list[int]:
        found = []
        for pattern in patterns:
            index = find(lines, pattern)
            if index is None:
                raise LookupError(f"{pattern!r} not in the output")
            found.append(index)
        return sorted(set(found))

    return label


def pytest_failure(test: str, path: str, *, setup_error: bool = False) -> Labeller:
    """pytest: the first failing test's section header, its first `E ` line, its `file.py:N: Error` line, and its
    line in the short test summary."""
    header = rf"^_{{3,}} (?:ERROR at setup of )?{re.escape(test)} _{{3,}}$"
    kind = "ERROR" if setup_error else "FAILED"
    return section(
        header,
        inside=[r"^E ", rf"^\S*{re.escape(path)}:\d+: \w+"],
        anywhere=[rf"^{kind} \S*::{re.escape(test)}(?: |$)"],
        end=r"^_{3,} .* _{3,}$|^={3,} ",
    )


def pytest_xdist(tests: Sequence[str], path: str) -> Labeller:
    """pytest-xdist: which failing test is reported first depends on the workers; the labels follow it."""

    def label(lines: list[str]) -> list[int]:
        alternatives = "|".join(re.escape(test) for test in tests)
        top = find(lines, rf"^_{{3,}} (?:{alternatives}) _{{3,}}$")
        if top is None:
            raise LookupError("no failing test header")
        test = re.search(rf"({alternatives})", lines[top]).group(1)  # type: ignore[union-attr]
        return pytest_failure(test, path)(lines)

    return label


def unittest_failure(test: str) -> Labeller:
    """unittest / nose2: the first FAIL:/ERROR: header and the exception line of its traceback."""
    return section(
        rf"^(?:FAIL|ERROR): {re.escape(test)}\b", inside=[r"^\w+(?:\.\w+)*(?:Error|Exception): "], end=r"^={20,}$"
    )


# --- the cases -------------------------------------------------------------------------------------------------

CALC = "def add(a, b):\n    return a + b\n\n\ndef div(a, b):\n    return a / b\n"
TEST_CALC = textwrap.dedent(
    """\
    from calc import add, div


    def test_add_ok():
        assert add(1, 2) == 3


    def test_add_wrong():
        assert add(2, 2) == 5


    def test_prints_error_text():
        print("error: this is expected output, not a failure")
        assert True


    def test_div_zero():
        assert div(1, 0) == 0
    """
)
PYPROJECT = "[tool.pytest.ini_options]\npythonpath = ['.']\n"
PY_VERSION = "python -m pytest --version"


def many_tests(count: int) -> str:
    return "".join(
        f"\n\ndef test_case_{i:03d}():\n    print('checking case {i}')\n    assert {i} >= 0\n" for i in range(count)
    )


def python_cases() -> list[Case]:
    base = {"calc.py": CALC, "tests/test_calc.py": TEST_CALC, "pyproject.toml": PYPROJECT}
    return [
        Case(
            "pytest-default",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "two tests fail; the first is test_add_wrong",
            PY_VERSION,
        ),
        Case(
            "pytest-q",
            "pytest",
            "python",
            "test",
            "python -m pytest -q",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest -q, two failures",
            PY_VERSION,
        ),
        Case(
            "pytest-v",
            "pytest",
            "python",
            "test",
            "python -m pytest -v",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest -v, two failures",
            PY_VERSION,
        ),
        Case(
            "pytest-rA",
            "pytest",
            "python",
            "test",
            "python -m pytest -rA",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest -rA: a passing test prints 'error:' in the PASSES section",
            PY_VERSION,
        ),
        Case(
            "pytest-tb-short",
            "pytest",
            "python",
            "test",
            "python -m pytest --tb=short",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest --tb=short",
            PY_VERSION,
        ),
        Case(
            "pytest-tb-line",
            "pytest",
            "python",
            "test",
            "python -m pytest --tb=line",
            base,
            first_of(r"tests/test_calc\.py:9: assert", r"^FAILED tests/test_calc\.py::test_add_wrong"),
            "pytest --tb=line: one line per failure",
            PY_VERSION,
        ),
        Case(
            "pytest-tb-no",
            "pytest",
            "python",
            "test",
            "python -m pytest --tb=no -q",
            base,
            first_of(r"^FAILED tests/test_calc\.py::test_add_wrong"),
            "pytest --tb=no: only the summary names it",
            PY_VERSION,
        ),
        Case(
            "pytest-xdist",
            "pytest",
            "python",
            "test",
            "python -m pytest -n 2 -p xdist",
            base,
            pytest_xdist(["test_add_wrong", "test_div_zero"], "tests/test_calc.py"),
            "pytest-xdist, two failures",
            PY_VERSION,
        ),
        Case(
            "pytest-xdist-v",
            "pytest",
            "python",
            "test",
            "python -m pytest -n 2 -v",
            base,
            pytest_xdist(["test_add_wrong", "test_div_zero"], "tests/test_calc.py"),
            "pytest-xdist -v",
            PY_VERSION,
        ),
        Case(
            "pytest-color",
            "pytest",
            "python",
            "test",
            "python -m pytest --color=yes",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest with colour codes",
            PY_VERSION,
        ),
        Case(
            "pytest-collection-error",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            {
                **base,
                "tests/test_io.py": "import yaml_reader_missing\n\n\ndef test_read():\n    assert yaml_reader_missing\n",
            },
            section(
                r"^_{3,} ERROR collecting tests/test_io\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_io\.py"],
                end=r"^={3,} ",
            ),
            "a test module imports a module that does not exist",
            PY_VERSION,
            alt_categories=["dependency"],
        ),
        Case(
            "pytest-syntax-error",
            "pytest",
            "python",
            "test",
            "python -m pytest -q",
            {**base, "tests/test_broken.py": "def test_x(:\n    pass\n"},
            section(
                r"^_{3,} ERROR collecting tests/test_broken\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_broken\.py"],
                end=r"^={3,} ",
            ),
            "a test module does not parse",
            PY_VERSION,
            alt_categories=["build"],
        ),
        Case(
            "pytest-fixture-error",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            {
                **base,
                "tests/test_db.py": textwrap.dedent(
                    """\
                 import pytest


                 @pytest.fixture
                 def db():
                     raise ConnectionError("database not reachable at db:5432")


                 def test_query(db):
                     assert db
                 """
                ),
            },
            pytest_failure("test_query", "tests/test_db.py", setup_error=True),
            "a fixture raises: the test errors at setup; another test fails after it",
            PY_VERSION,
        ),
        Case(
            "pytest-warnings",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            {
                **base,
                "tests/test_calc.py": "import warnings\n\n"
                + TEST_CALC.replace(
                    "def test_add_ok():\n",
                    "def test_add_ok():\n    warnings.warn('add() will be removed', DeprecationWarning)\n",
                ),
            },
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "warnings summary above the failures",
            PY_VERSION,
        ),
        Case(
            "pytest-long",
            "pytest",
            "python",
            "test",
            "python -m pytest -v -rA",
            {**base, "tests/test_calc.py": TEST_CALC, "tests/test_many.py": many_tests(150)},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "150 passing tests print output (-rA) between the failure and the summary",
            PY_VERSION,
        ),
        Case(
            "pytest-class",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            {
                "calc.py": CALC,
                "pyproject.toml": PYPROJECT,
                "tests/test_cls.py": textwrap.dedent(
                    """\
                 class TestParser:
                     def test_parses(self):
                         assert int("12") == 12

                     def test_rejects(self):
                         assert int("0x10", 16) == 15
                 """
                ),
            },
            section(
                r"^_{3,} TestParser\.test_rejects _{3,}$",
                inside=[r"^E ", r"^tests/test_cls\.py:\d+: \w+"],
                anywhere=[r"^FAILED tests/test_cls\.py::TestParser::test_rejects"],
                end=r"^={3,} ",
            ),
            "a failing test method",
            PY_VERSION,
        ),
        Case(
            "pytest-setup-noise",
            "pytest",
            "python",
            "test",
            "python -m pip list --disable-pip-version-check && echo 'error handling tests: starting' && python -m pytest",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "the step lists packages and echoes 'error' before pytest fails",
            PY_VERSION,
        ),
        Case(
            "unittest-v",
            "unittest",
            "python",
            "test",
            "python -m unittest discover -v -s tests -t .",
            {
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": textwrap.dedent(
                    """\
                 import unittest

                 from calc import add, div


                 class CalcTest(unittest.TestCase):
                     def test_add(self):
                         self.assertEqual(add(1, 2), 3)

                     def test_add_wrong(self):
                         self.assertEqual(add(2, 2), 5)

                     def test_div(self):
                         self.assertEqual(div(1, 0), 0)
                 """
                ),
            },
            unittest_failure("test_div"),
            "unittest: test_add_wrong fails, test_div errors; errors are listed before failures",
            "python --version",
        ),
        Case(
            "unittest-error-first",
            "unittest",
            "python",
            "test",
            "python -m unittest discover -s tests -t .",
            {
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": textwrap.dedent(
                    """\
                 import unittest

                 from calc import add, div


                 class CalcTest(unittest.TestCase):
                     def test_a_div(self):
                         self.assertEqual(div(1, 0), 0)

                     def test_b_add(self):
                         print("error: expected in output")
                         self.assertEqual(add(2, 2), 5)
                 """
                ),
            },
            unittest_failure("test_a_div"),
            "unittest: an ERROR (ZeroDivisionError) comes first",
            "python --version",
        ),
        Case(
            "nose2",
            "nose2",
            "python",
            "test",
            "python -m nose2 -v -s tests -t .",
            {
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": textwrap.dedent(
                    """\
                 import unittest

                 from calc import add


                 class CalcTest(unittest.TestCase):
                     def test_add(self):
                         self.assertEqual(add(1, 2), 3)

                     def test_add_wrong(self):
                         self.assertEqual(add(2, 2), 5)
                 """
                ),
            },
            unittest_failure("test_add_wrong"),
            "nose2: one failing test",
            "python -m pip show nose2 | grep ^Version",
        ),
        Case(
            "mypy",
            "mypy",
            "python",
            "lint",
            "python -m mypy src",
            {
                "src/app.py": 'def total(xs: list[int]) -> int:\n    return sum(xs)\n\n\nx: int = total(["a"])\ny: str = total([1])\n'
            },
            first_of(r"^src/app\.py:5: error:"),
            "two type errors; the first is on line 5",
            "python -m mypy --version",
        ),
        Case(
            "mypy-notes",
            "mypy",
            "python",
            "lint",
            "python -m mypy --strict src",
            {
                "src/app.py": "import json\n\n\ndef load(path):\n    return json.load(open(path))\n\n\nvalue: int = 'x'\n"
            },
            first_of(r"^src/app\.py:4: error:"),
            "mypy --strict: untyped function, then an assignment",
            "python -m mypy --version",
        ),
        Case(
            "ruff-check",
            "ruff",
            "python",
            "lint",
            "ruff check .",
            {"app.py": "import os\nimport sys\n\n\ndef f():\n    return undefined_name\n"},
            first_of(r"F401|app\.py:1:8"),
            "ruff: unused imports and an undefined name",
            "ruff --version",
        ),
        Case(
            "ruff-concise",
            "ruff",
            "python",
            "lint",
            "ruff check --output-format=concise .",
            {"app.py": "import os\nimport sys\n\n\ndef f():\n    return undefined_name\n"},
            first_of(r"^app\.py:1:8: F401"),
            "ruff concise output",
            "ruff --version",
        ),
        Case(
            "ruff-format",
            "ruff",
            "python",
            "lint",
            "ruff format --check .",
            {"app.py": "def f( a,b ):\n    return a+b\n", "ok.py": "X = 1\n"},
            first_of(r"^unformatted: File would be reformatted|^Would reformat: app\.py", r"^ --> app\.py"),
            "ruff format --check: one file",
            "ruff --version",
        ),
        Case(
            "flake8",
            "flake8",
            "python",
            "lint",
            "flake8 .",
            {"app.py": "import os\n\n\ndef f( a ):\n    return a\n"},
            first_of(r"^\./app\.py:1:1: F401"),
            "flake8: several findings",
            "flake8 --version",
        ),
        Case(
            "black",
            "black",
            "python",
            "lint",
            "black --check .",
            {"app.py": "def f( a,b ):\n    return a+b\n", "ok.py": "X = 1\n"},
            first_of(r"^would reformat .*app\.py"),
            "black --check: one file would be reformatted",
            "black --version",
        ),
        Case(
            "black-diff",
            "black",
            "python",
            "lint",
            "black --check --diff .",
            {"app.py": "def f( a,b ):\n    return a+b\n"},
            first_of(r"^would reformat .*app\.py"),
            "black --check --diff",
            "black --version",
        ),
        Case(
            "pylint",
            "pylint",
            "python",
            "lint",
            "pylint app.py",
            {"app.py": '"""App."""\nimport os\n\n\ndef f(a):\n    """F."""\n    return undefined_name\n'},
            first_of(r"^app\.py:\d+:\d+: [EWCRF]\d{4}:"),
            "pylint: an unused import and an undefined name",
            "pylint --version",
        ),
        Case(
            "pip-missing-package",
            "pip",
            "python",
            "dependency",
            "python -m pip install --disable-pip-version-check acme-nonexistent-package-zz9",
            {},
            first_of(r"^ERROR: Could not find a version", r"^ERROR: No matching distribution"),
            "pip: the package does not exist",
            "python -m pip --version",
            neutral_hosts=True,
        ),
        Case(
            "pip-missing-version",
            "pip",
            "python",
            "dependency",
            "python -m pip install --disable-pip-version-check 'pytest==0.0.999'",
            {},
            first_of(r"^ERROR: Could not find a version", r"^ERROR: No matching distribution"),
            "pip: no such version",
            "python -m pip --version",
            neutral_hosts=True,
        ),
        Case(
            "pip-requirements",
            "pip",
            "python",
            "dependency",
            "python -m pip install --disable-pip-version-check -r requirements.txt",
            {"requirements.txt": "pytest\nacme-internal-lib-zz9==1.2.3\n"},
            first_of(r"^ERROR: Could not find a version", r"^ERROR: No matching distribution"),
            "pip: one requirement of a file cannot be found",
            "python -m pip --version",
            neutral_hosts=True,
        ),
    ]


JEST_SUM = "function sum(a, b) {\n  return a + b;\n}\nmodule.exports = { sum };\n"
JEST_TEST = textwrap.dedent(
    """\
    const { sum } = require('./sum');

    describe('sum', () => {
      test('adds small numbers', () => {
        expect(sum(1, 2)).toBe(3);
      });
      test('adds negatives', () => {
        expect(sum(-1, -2)).toBe(-4);
      });
      test('adds floats', () => {
        expect(sum(0.1, 0.2)).toBe(0.3);
      });
    });
    """
)
MOCHA_TEST = textwrap.dedent(
    """\
    const assert = require('assert');

    describe('Array', function () {
      describe('#indexOf()', function () {
        it('returns -1 when absent', function () {
          assert.strictEqual([1, 2, 3].indexOf(4), -1);
        });
        it('finds the first element', function () {
          assert.strictEqual([1, 2, 3].indexOf(1), 1);
        });
        it('logs but passes', function () {
          console.log('error: simulated error message in a passing test');
        });
        it('finds the last element', function () {
          assert.strictEqual([1, 2, 3].indexOf(3), 3);
        });
      });
    });
    """
)
PKG = '{"name": "acme", "version": "1.0.0", "private": true}\n'


def js_cases() -> list[Case]:
    jest_version = "npx jest --version"
    return [
        Case(
            "jest-two-failures",
            "jest",
            "javascript",
            "test",
            "npx jest",
            {"package.json": PKG, "sum.js": JEST_SUM, "sum.test.js": JEST_TEST},
            section(r"^FAIL \S*sum\.test\.js", inside=[r"● sum › adds negatives$", r"expect\(received\)"]),
            "jest: two failing tests in one file",
            jest_version,
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "jest-two-files",
            "jest",
            "javascript",
            "test",
            "npx jest --runInBand",
            {
                "package.json": PKG,
                "sum.js": JEST_SUM,
                "a.test.js": "const { sum } = require('./sum');\ntest('a passes', () => {\n  console.log('error: printed by a passing test');\n  expect(sum(1, 1)).toBe(2);\n});\n",
                "b.test.js": "const { sum } = require('./sum');\ntest('b fails', () => {\n  expect(sum(1, 1)).toEqual(3);\n});\ntest('b fails again', () => {\n  expect(sum(2, 1)).toEqual(4);\n});\n",
            },
            section(r"^FAIL \S*b\.test\.js", inside=[r"● b fails$", r"expect\(received\)"]),
            "jest: a passing file logs 'error:', another fails twice",
            jest_version,
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "jest-suite-failed",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {
                "package.json": PKG,
                "sum.js": JEST_SUM,
                "broken.test.js": "const { nope } = require('./missing-module');\ntest('x', () => expect(nope).toBe(1));\n",
            },
            section(r"^FAIL \S*broken\.test\.js", inside=[r"● Test suite failed to run", r"Cannot find module"]),
            "jest: a test file requires a module that is not there",
            jest_version,
            alt_categories=["dependency"],
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "jest-color",
            "jest",
            "javascript",
            "test",
            "npx jest --colors",
            {"package.json": PKG, "sum.js": JEST_SUM, "sum.test.js": JEST_TEST},
            section(r"FAIL.*sum\.test\.js", inside=[r"● sum › adds negatives", r"expect\(received\)"]),
            "jest with colour codes",
            jest_version,
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "npm-test-jest",
            "jest",
            "javascript",
            "test",
            "npm test",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "scripts": {"test": "jest"}}\n',
                "sum.js": JEST_SUM,
                "sum.test.js": JEST_TEST,
            },
            section(r"^FAIL \S*sum\.test\.js", inside=[r"● sum › adds negatives$", r"expect\(received\)"]),
            "npm test runs jest, npm's lines follow",
            jest_version,
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "mocha",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {"package.json": PKG, "test/array.test.js": MOCHA_TEST},
            first_of(
                r"^\s+1\) finds the first element",
                r"^\s+1\) Array$",
                r"^\s+finds the first element:$",
                r"AssertionError",
            ),
            "mocha: two failing tests",
            "npx mocha --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "mocha-spec-many",
            "mocha",
            "javascript",
            "test",
            "npx mocha --reporter spec",
            {
                "package.json": PKG,
                "test/array.test.js": MOCHA_TEST,
                "test/more.test.js": "".join(
                    f"describe('suite {i}', () => {{ it('works {i}', () => {{}}); }});\n" for i in range(40)
                ),
            },
            first_of(
                r"^\s+1\) finds the first element",
                r"^\s+1\) Array$",
                r"^\s+finds the first element:$",
                r"AssertionError",
            ),
            "mocha: forty passing suites after the failure",
            "npx mocha --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "vitest",
            "vitest",
            "javascript",
            "test",
            "npx vitest run",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "type": "module"}\n',
                "sum.test.js": "import { test, expect } from 'vitest';\n"
                + JEST_TEST.replace("const { sum } = require('./sum');", "const sum = (a, b) => a + b;").replace(
                    "describe(", "import { describe } from 'vitest';\ndescribe("
                ),
            },
            first_of(
                r"× adds negatives",
                r"FAIL .*sum\.test\.js > sum > adds negatives",
                r"AssertionError: expected -3 to be -4",
            ),
            "vitest: two failing tests",
            "npx vitest --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "tsc",
            "tsc",
            "javascript",
            "build",
            "npx tsc --noEmit -p .",
            {
                "package.json": PKG,
                "tsconfig.json": '{"compilerOptions": {"strict": true, "target": "es2020", "types": []}, "include": ["src"]}\n',
                "src/a.ts": "export const n: number = 'one';\nexport function f(x: string): number {\n  return x;\n}\n",
                "src/b.ts": "import { missing } from './nope';\nexport const y = missing;\n",
            },
            first_of(r"^src/a\.ts\(1,14\): error TS2322"),
            "tsc: three type errors in two files",
            "npx tsc --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "tsc-pretty",
            "tsc",
            "javascript",
            "build",
            "npx tsc --noEmit --pretty -p .",
            {
                "package.json": PKG,
                "tsconfig.json": '{"compilerOptions": {"strict": true, "target": "es2020", "types": []}, "include": ["src"]}\n',
                "src/a.ts": "export const n: number = 'one';\nexport const m: string = 2;\n",
            },
            first_of(r"src/a\.ts:1:14 - error TS2322"),
            "tsc --pretty",
            "npx tsc --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "eslint",
            "eslint",
            "javascript",
            "lint",
            "npx eslint src",
            {
                "package.json": PKG,
                "eslint.config.js": "module.exports = [{ rules: { 'no-unused-vars': 'error', 'no-console': 'warn', 'eqeqeq': 'error' } }];\n",
                "src/a.js": "console.log('hi');\nconst unused = 1;\nif (1 == 2) {}\n",
            },
            first_of(r"^\s+2:7\s+error"),
            "eslint: a warning, then two errors",
            "npx eslint --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "eslint-two-files",
            "eslint",
            "javascript",
            "lint",
            "npx eslint .",
            {
                "package.json": PKG,
                "eslint.config.js": "module.exports = [{ rules: { 'no-unused-vars': 'error', 'no-undef': 'error' }, languageOptions: { sourceType: 'commonjs', globals: { module: 'readonly', require: 'readonly' } } }];\n",
                "lib/a.js": "const x = 1;\n",
                "lib/b.js": "y = 2;\n",
            },
            first_of(r"^\s+1:7\s+error"),
            "eslint: errors in two files",
            "npx eslint --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "prettier",
            "prettier",
            "javascript",
            "lint",
            "npx prettier --check .",
            {
                "package.json": PKG,
                "src/a.js": "const a = {b:1}\n",
                "src/ok.js": "const ok = 1;\n",
                "src/z.js": "function  z( ){return 1}\n",
            },
            first_of(r"^\[warn\] (?!Code style issues)"),
            "prettier --check: three files (package.json first)",
            "npx prettier --version",
            setup="actions/setup-node@v4",
            node_modules=True,
        ),
        Case(
            "npm-install-404",
            "npm",
            "javascript",
            "dependency",
            "npm install --no-audit --no-fund",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"acme-nonexistent-pkg-zz9": "^1.0.0"}}\n'
            },
            first_of(r"^npm (?:ERR!|error) code E404", r"^npm (?:ERR!|error) 404 Not Found"),
            "npm: a dependency that does not exist",
            "npm --version",
            setup="actions/setup-node@v4",
            neutral_hosts=True,
        ),
        Case(
            "npm-install-version",
            "npm",
            "javascript",
            "dependency",
            "npm install --no-audit --no-fund",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "dependencies": {"mocha": "99.99.99"}}\n'
            },
            first_of(r"^npm (?:ERR!|error) code ETARGET", r"^npm (?:ERR!|error) notarget No matching version"),
            "npm: no such version of a dependency",
            "npm --version",
            setup="actions/setup-node@v4",
            neutral_hosts=True,
        ),
        Case(
            "npm-ci-no-lock",
            "npm",
            "javascript",
            "dependency",
            "npm ci",
            {"package.json": '{"name": "acme", "version": "1.0.0", "private": true}\n'},
            first_of(r"^npm (?:ERR!|error) code EUSAGE", r"can only install with an existing package-lock"),
            "npm ci without a lock file",
            "npm --version",
            setup="actions/setup-node@v4",
            alt_categories=["config"],
        ),
        Case(
            "npm-missing-script",
            "npm",
            "javascript",
            "config",
            "npm run lint",
            {"package.json": '{"name": "acme", "version": "1.0.0", "private": true, "scripts": {"test": "true"}}\n'},
            first_of(r'^npm (?:ERR!|error) Missing script: "lint"'),
            "npm run of a script package.json lacks",
            "npm --version",
            setup="actions/setup-node@v4",
        ),
    ]


CARGO_TOML = '[package]\nname = "acme"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
RUST_LIB = textwrap.dedent(
    """\
    pub fn add(a: i32, b: i32) -> i32 {
        a + b
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn adds() {
            assert_eq!(add(1, 2), 3);
        }

        #[test]
        fn adds_wrong() {
            assert_eq!(add(2, 2), 5);
        }

        #[test]
        fn prints_error_text() {
            println!("error: this passing test prints error text");
        }

        #[test]
        fn zz_panics() {
            let v: Vec<i32> = Vec::new();
            let _ = v[3];
        }
    }
    """
)


def rust_cases() -> list[Case]:
    return [
        Case(
            "cargo-test",
            "cargo",
            "rust",
            "test",
            "cargo test",
            {"Cargo.toml": CARGO_TOML, "src/lib.rs": RUST_LIB},
            section(
                r"^---- tests::adds_wrong stdout ----$",
                inside=[r"panicked at", r"assertion `left == right` failed"],
                # cargo runs tests on threads: its listing shows them as they finish, the failures below sorted by
                # name; the first FAILED of the listing is the first failure listed, as in mocha's progress.
                anywhere=[r"^test tests::adds_wrong \.\.\. FAILED$", r"^test \S+ \.\.\. FAILED$"],
            ),
            "cargo test: two failing tests, the first is tests::adds_wrong",
            "cargo --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
        Case(
            "cargo-test-q",
            "cargo",
            "rust",
            "test",
            "cargo test -q",
            {"Cargo.toml": CARGO_TOML, "src/lib.rs": RUST_LIB},
            section(
                r"^---- tests::adds_wrong stdout ----$", inside=[r"panicked at", r"assertion `left == right` failed"]
            ),
            "cargo test -q",
            "cargo --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
        Case(
            "cargo-build-error",
            "cargo",
            "rust",
            "build",
            "cargo build",
            {
                "Cargo.toml": CARGO_TOML,
                "src/main.rs": 'fn main() {\n    let unused = 1;\n    let x: i32 = "one";\n    let y: u8 = 300u16;\n    println!("{}", x);\n}\n',
            },
            first_of(r"^error\[E0308\]: mismatched types"),
            "cargo build: a warning, then two type errors",
            "rustc --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
        Case(
            "cargo-test-compile-error",
            "cargo",
            "rust",
            "build",
            "cargo test",
            {
                "Cargo.toml": CARGO_TOML,
                "src/lib.rs": "pub fn f() -> i32 { 1 }\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { assert_eq!(super::g(), 1); }\n}\n",
            },
            first_of(r"^error\[E0425\]: cannot find function"),
            "cargo test: the tests do not compile",
            "rustc --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
        Case(
            "cargo-clippy",
            "cargo",
            "rust",
            "lint",
            "cargo clippy -- -D warnings",
            {
                "Cargo.toml": CARGO_TOML,
                "src/main.rs": 'fn main() {\n    let x = 5;\n    if x == 5 { } else { }\n    let v = vec![1];\n    println!("{}", v.len() == 0);\n}\n',
            },
            first_of(r"^error: "),
            "clippy with -D warnings",
            "cargo clippy --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
    ]


MAKEFILE = "CFLAGS ?= -Wall -O0\n\nall: app\n\napp: main.o util.o\n\t$(CC) -o $@ $^\n\nclean:\n\trm -f app *.o\n"


def c_cases() -> list[Case]:
    cmake_lists = (
        "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nenable_testing()\nadd_executable(app main.c)\n"
    )
    return [
        Case(
            "make-gcc-error",
            "gcc",
            "c-cpp",
            "build",
            "make",
            {
                "Makefile": MAKEFILE,
                "main.c": "#include <stdio.h>\nint helper(void);\nint main(void) {\n    int unused;\n    int x = missing_var + 1;\n    undeclared_fn(x);\n    return helper();\n}\n",
                "util.c": "int helper(void) { return 0; }\n",
            },
            first_of(r"^main\.c:5:13: error:"),
            "gcc via make: an error after a warning",
            version="gcc --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "make-gcc-warnings-first",
            "gcc",
            "c-cpp",
            "build",
            "make CFLAGS='-Wall -Wextra'",
            {
                "Makefile": MAKEFILE,
                "main.c": "#include <stdio.h>\nint helper(void);\nint main(int argc, char **argv) {\n    int unused;\n    return helper();\n}\n",
                "util.c": "int helper(void) {\n    return missing_var;\n}\n",
            },
            first_of(r"^util\.c:2:12: error:"),
            "gcc: warnings in one file, the error in the next",
            version="gcc --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "make-link-error",
            "gcc",
            "c-cpp",
            "build",
            "make",
            {
                "Makefile": MAKEFILE,
                "main.c": "int helper(void);\nint other(void);\nint main(void) { return helper() + other(); }\n",
                "util.c": "int helper(void) { return 0; }\n",
            },
            first_of(r"undefined reference to `other'"),
            "the linker cannot find a function",
            version="gcc --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "make-gpp-error",
            "g++",
            "c-cpp",
            "build",
            "make CXX=g++ app",
            {
                "Makefile": "app: main.cpp\n\t$(CXX) -std=c++17 -o app main.cpp\n",
                "main.cpp": "#include <string>\n#include <vector>\nint main() {\n    std::vector<int> v;\n    std::string s = v;\n    return 0;\n}\n",
            },
            first_of(r"^main\.cpp:5:21: error:"),
            "g++: a conversion error",
            version="g++ --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "cmake-build-error",
            "gcc",
            "c-cpp",
            "build",
            "cmake -S . -B build && cmake --build build",
            {"CMakeLists.txt": cmake_lists, "main.c": "int main(void) {\n    return nope;\n}\n"},
            first_of(r"main\.c:2:12: error:"),
            "cmake --build: the compiler error under cmake's progress",
            version="gcc --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "cmake-configure-error",
            "cmake",
            "c-cpp",
            "build",
            "cmake -S . -B build",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nfind_package(AcmeWidgets 2.0 REQUIRED)\n",
                "main.c": "int main(void){return 0;}\n",
            },
            first_of(r"^CMake Error at CMakeLists\.txt:3 \(find_package\):"),
            "cmake: a required package is absent",
            "cmake --version",
            alt_categories=["dependency"],
            setup="actions/checkout@v4",
        ),
        Case(
            "ctest-failure",
            "ctest",
            "c-cpp",
            "test",
            "cmake -S . -B build && cmake --build build && ctest --test-dir build --output-on-failure",
            {
                "CMakeLists.txt": cmake_lists.replace(
                    "add_executable(app main.c)\n",
                    "add_executable(app main.c)\nadd_test(NAME starts COMMAND app ok)\nadd_test(NAME parses_input COMMAND app parse)\nadd_test(NAME writes_output COMMAND app write)\n",
                ),
                "main.c": '#include <stdio.h>\n#include <string.h>\nint main(int argc, char **argv) {\n    if (argc > 1 && strcmp(argv[1], "ok") == 0) return 0;\n    fprintf(stderr, "assertion failed: expected 3 tokens, got 2 (%s)\\n", argv[1]);\n    return 1;\n}\n',
            },
            section(r"Test +#2: parses_input .*\*\*\*Failed", inside=[r"^assertion failed: expected 3 tokens"]),
            "ctest: two of three tests fail",
            "ctest --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "ctest-plain",
            "ctest",
            "c-cpp",
            "test",
            "cmake -S . -B build >/dev/null && cmake --build build >/dev/null && ctest --test-dir build",
            {
                "CMakeLists.txt": cmake_lists.replace(
                    "add_executable(app main.c)\n",
                    "add_executable(app main.c)\nadd_test(NAME starts COMMAND app ok)\nadd_test(NAME parses_input COMMAND app parse)\n",
                ),
                "main.c": '#include <string.h>\nint main(int argc, char **argv) { return !(argc > 1 && strcmp(argv[1], "ok") == 0); }\n',
            },
            first_of(r"Test +#2: parses_input .*\*\*\*Failed"),
            "ctest without output on failure",
            "ctest --version",
            setup="actions/checkout@v4",
        ),
    ]


def other_cases() -> list[Case]:
    perl_test = textwrap.dedent(
        """\
        use strict;
        use warnings;
        use Test::More tests => 4;

        ok(1, 'loads');
        is(1 + 1, 3, 'adds');
        diag('error: printed by diag, not a failure');
        is(2 * 2, 5, 'multiplies');
        ok(1, 'ends');
        """
    )
    return [
        Case(
            "prove",
            "prove",
            "perl",
            "test",
            "prove -v t",
            {"t/math.t": perl_test},
            section(r"^not ok 2 - adds", anywhere=[r"#\s+Failed test 'adds'"]),
            "prove -v: two failing assertions",
            "prove --version",
            setup="shogo82148/actions-setup-perl@v1",
        ),
        Case(
            "prove-quiet",
            "prove",
            "perl",
            "test",
            "prove t",
            {"t/a_ok.t": "use Test::More tests => 1;\nok(1, 'fine');\n", "t/b_math.t": perl_test},
            first_of(r"#\s+Failed test 'adds'"),
            "prove: the failing file's diagnostics among the progress",
            "prove --version",
            setup="shogo82148/actions-setup-perl@v1",
        ),
        Case(
            "javac",
            "javac",
            "java",
            "build",
            "javac -d out src/acme/*.java",
            {
                "src/acme/Main.java": 'package acme;\n\npublic class Main {\n    public static void main(String[] args) {\n        int n = "text";\n        Helper.missing();\n    }\n}\n',
                "src/acme/Helper.java": "package acme;\n\nclass Helper {\n}\n",
            },
            first_of(r"^src/acme/Main\.java:5: error:"),
            "javac: two errors",
            "javac -version",
            setup="actions/setup-java@v4",
        ),
        Case(
            "javac-warning-first",
            "javac",
            "java",
            "build",
            "javac -Xlint:all -d out src/acme/*.java",
            {
                "src/acme/A.java": "package acme;\nimport java.util.*;\npublic class A {\n    List raw = new ArrayList();\n    void f() { raw.add(1); }\n}\n",
                "src/acme/B.java": "package acme;\npublic class B {\n    void g() { undefined(); }\n}\n",
            },
            first_of(r"^src/acme/B\.java:3: error:"),
            "javac: lint warnings, then an error",
            "javac -version",
            setup="actions/setup-java@v4",
        ),
        Case(
            "tcltest",
            "tcltest",
            "tcl",
            "test",
            "tclsh tests/all.tcl",
            {
                "tests/all.tcl": textwrap.dedent(
                    """\
                 package require tcltest
                 namespace import ::tcltest::*
                 test add-1 {adds} -body { expr {1 + 1} } -result 2
                 test add-2 {adds wrong} -body { expr {2 + 2} } -result 5
                 test add-3 {adds again wrong} -body { expr {3 + 3} } -result 7
                 set failed $::tcltest::numTests(Failed)
                 cleanupTests
                 if {$failed > 0} { exit 1 }
                 """
                )
            },
            section(r"^==== add-2 adds wrong FAILED", inside=[r"^---- Result was:"]),
            "tcltest: two failing tests",
            "echo 'puts [info patchlevel]' | tclsh",
            setup="actions/checkout@v4",
        ),
    ]


def first_jest_failure(lines: list[str]) -> list[int]:
    """jest: the first `FAIL <file>` printed (files run in an order jest chooses), its first `●` test and the first
    line of that test's message."""
    top = find(lines, r"^FAIL \S+")
    if top is None:
        raise LookupError("no FAIL line")
    test = find(lines, r"^\s+● ", top + 1)
    if test is None:
        raise LookupError("no failing test under FAIL")
    message = find(lines, r"\S", test + 1)
    return sorted({top, test, *([message] if message is not None else [])})


def more_cases() -> list[Case]:
    """A second batch of shapes, added after the first measurement (see README)."""
    node = "actions/setup-node@v4"
    base = {"calc.py": CALC, "tests/test_calc.py": TEST_CALC, "pyproject.toml": PYPROJECT}
    many_failures = "".join(f"\n\ndef test_fails_{i:02d}():\n    assert {i} == -1\n" for i in range(12))
    return [
        Case(
            "pytest-x",
            "pytest",
            "python",
            "test",
            "python -m pytest -x",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest -x stops at the first failure",
            PY_VERSION,
        ),
        Case(
            "pytest-parametrize",
            "pytest",
            "python",
            "test",
            "python -m pytest",
            {
                "calc.py": CALC,
                "pyproject.toml": PYPROJECT,
                "tests/test_param.py": textwrap.dedent(
                    """\
                 import pytest

                 from calc import add


                 @pytest.mark.parametrize(("a", "b", "total"), [(1, 1, 2), (2, 2, 5), (3, 3, 7)])
                 def test_add(a, b, total):
                     assert add(a, b) == total
                 """
                ),
            },
            pytest_failure("test_add[2-2-5]", "tests/test_param.py"),
            "a parametrized test fails for two ids",
            PY_VERSION,
        ),
        Case(
            "pytest-keyerror",
            "pytest",
            "python",
            "test",
            "python -m pytest -q",
            {
                "pyproject.toml": PYPROJECT,
                "tests/test_cfg.py": textwrap.dedent(
                    """\
                 def load():
                     return {"name": "acme"}


                 def test_version():
                     assert load()["version"] == "1.0"


                 def test_name():
                     assert load()["name"] == "acme"
                 """
                ),
            },
            pytest_failure("test_version", "tests/test_cfg.py"),
            "a test raises KeyError",
            PY_VERSION,
        ),
        Case(
            "pytest-many-failures",
            "pytest",
            "python",
            "test",
            "python -m pytest -q",
            {"pyproject.toml": PYPROJECT, "tests/test_many.py": many_failures},
            pytest_failure("test_fails_00", "tests/test_many.py"),
            "twelve failing tests",
            PY_VERSION,
        ),
        Case(
            "unittest-two-fails",
            "unittest",
            "python",
            "test",
            "python -m unittest -v tests.test_s",
            {
                "tests/__init__.py": "",
                "tests/test_s.py": textwrap.dedent(
                    """\
                 import unittest


                 class Strings(unittest.TestCase):
                     def test_a_upper(self):
                         self.assertEqual("a".upper(), "a")

                     def test_b_split(self):
                         self.assertEqual("a b".split(), ["a", "b", "c"])
                 """
                ),
            },
            unittest_failure("test_a_upper"),
            "unittest: two failures",
            "python --version",
        ),
        Case(
            "mypy-two-files",
            "mypy",
            "python",
            "lint",
            "python -m mypy pkg",
            {
                "pkg/__init__.py": "",
                "pkg/a.py": "def f(x: int) -> str:\n    return str(x)\n",
                "pkg/b.py": "from pkg.a import f\n\nn: int = f(1)\nf('x')\n",
            },
            first_of(r"^pkg/b\.py:3: error:"),
            "mypy: errors in the second file",
            "python -m mypy --version",
        ),
        Case(
            "flake8-two-files",
            "flake8",
            "python",
            "lint",
            "flake8 src",
            {"src/a.py": "import json\n", "src/b.py": "x=1\n"},
            first_of(r"^src/a\.py:1:1: F401"),
            "flake8: two files",
            "flake8 --version",
        ),
        Case(
            "jest-three-files",
            "jest",
            "javascript",
            "test",
            "npx jest --runInBand",
            {
                "package.json": PKG,
                "sum.js": JEST_SUM,
                "a.test.js": "const { sum } = require('./sum');\ntest('a', () => expect(sum(1, 1)).toBe(2));\n",
                "b.test.js": "const { sum } = require('./sum');\ntest('b one', () => expect(sum(1, 1)).toBe(3));\n",
                "c.test.js": "test('c throws', () => {\n  const cfg = undefined;\n  expect(cfg.name).toBe('x');\n});\n",
            },
            first_jest_failure,
            "jest: two failing files, one throws a TypeError",
            "npx jest --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "jest-verbose",
            "jest",
            "javascript",
            "test",
            "npx jest --verbose",
            {"package.json": PKG, "sum.js": JEST_SUM, "sum.test.js": JEST_TEST},
            first_jest_failure,
            "jest --verbose lists every test",
            "npx jest --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "mocha-flat",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {
                "package.json": PKG,
                "test/flat.test.js": "const assert = require('assert');\ndescribe('parser', () => {\n  it('parses', () => assert.ok(true));\n  it('rejects junk', () => assert.throws(() => JSON.parse('{}')));\n  it('keeps order', () => assert.deepStrictEqual([2, 1].sort(), [2, 1]));\n});\n",
            },
            first_of(r"^\s+1\) rejects junk", r"^\s+1\) parser$", r"^\s+rejects junk:$", r"AssertionError"),
            "mocha without nested suites",
            "npx mocha --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "mocha-dot",
            "mocha",
            "javascript",
            "test",
            "npx mocha --reporter dot",
            {"package.json": PKG, "test/array.test.js": MOCHA_TEST},
            first_of(r"^\s+1\) Array$", r"^\s+finds the first element:$", r"AssertionError"),
            "mocha's dot reporter",
            "npx mocha --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "tsc-npm-build",
            "tsc",
            "javascript",
            "build",
            "npm run build",
            {
                "package.json": '{"name": "acme", "version": "1.0.0", "private": true, "scripts": {"build": "tsc -p ."}}\n',
                "tsconfig.json": '{"compilerOptions": {"strict": true, "noEmit": true, "types": []}, "include": ["src"]}\n',
                "src/index.ts": "const port: number = process.env.PORT;\nexport default port;\n",
            },
            first_of(r"^src/index\.ts"),
            "tsc through npm run build",
            "npx tsc --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "eslint-max-warnings",
            "eslint",
            "javascript",
            "lint",
            "npx eslint --max-warnings 0 src",
            {
                "package.json": PKG,
                "eslint.config.js": "module.exports = [{ rules: { 'no-console': 'warn', 'prefer-const': 'warn' } }];\n",
                "src/a.js": "let x = 1;\nconsole.log(x);\n",
            },
            first_of(r"^\s+1:5\s+warning"),
            "eslint: only warnings, but --max-warnings 0",
            "npx eslint --version",
            setup=node,
            node_modules=True,
        ),
        Case(
            "cargo-fmt",
            "cargo",
            "rust",
            "lint",
            "cargo fmt --check",
            {"Cargo.toml": CARGO_TOML, "src/main.rs": 'fn main(){let x=1;println!("{}",x);}\n'},
            first_of(r"^Diff in "),
            "cargo fmt --check: one file",
            "cargo fmt --version",
            setup="dtolnay/rust-toolchain@stable",
        ),
        Case(
            "make-missing-header",
            "gcc",
            "c-cpp",
            "build",
            "make",
            {
                "Makefile": MAKEFILE,
                "main.c": '#include "config.h"\nint main(void) { return CONFIG_OK; }\n',
                "util.c": "int helper(void) { return 0; }\n",
            },
            first_of(r"^main\.c:1:10: fatal error: config\.h"),
            "a header that does not exist",
            "gcc --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "ctest-abort",
            "ctest",
            "c-cpp",
            "test",
            "cmake -S . -B build >/dev/null && cmake --build build >/dev/null && ctest --test-dir build --output-on-failure",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nenable_testing()\nadd_executable(app main.c)\nadd_test(NAME ok COMMAND app 0)\nadd_test(NAME crashes COMMAND app 1)\n",
                "main.c": "#include <stdlib.h>\n#include <stdio.h>\nint main(int argc, char **argv) {\n    if (argv[1][0] == '1') { fprintf(stderr, \"invariant broken\\n\"); abort(); }\n    return 0;\n}\n",
            },
            section(
                r"Test +#2: crashes .*\*\*\*Exception|Test +#2: crashes .*Subprocess aborted",
                inside=[r"^invariant broken"],
            ),
            "ctest: a test aborts",
            "ctest --version",
            setup="actions/checkout@v4",
        ),
        Case(
            "prove-die",
            "prove",
            "perl",
            "test",
            "prove t",
            {
                "t/boom.t": "use strict;\nuse warnings;\nuse Test::More;\nok(1, 'first');\ndie \"cannot open fixture data/input.txt\\n\";\n"
            },
            first_of(r"^cannot open fixture"),
            "a test script dies after one assertion",
            "prove --version",
            setup="shogo82148/actions-setup-perl@v1",
        ),
    ]


def old_cases() -> list[Case]:
    """The same projects under older releases (pytest 6.2, jest 26, mocha 8)."""
    node = "actions/setup-node@v4"
    base = {"calc.py": CALC, "tests/test_calc.py": TEST_CALC, "pytest.ini": "[pytest]\n"}
    fixture = {
        **base,
        "tests/test_db.py": "import pytest\n\n\n@pytest.fixture\ndef db():\n    raise ConnectionError('database not reachable at db:5432')\n\n\ndef test_query(db):\n    assert db\n",
    }
    return [
        Case(
            "old-pytest-default",
            "pytest",
            "python",
            "test",
            "PYTHONPATH=. python -m pytest",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 6.2: two failures",
            PY_VERSION,
            old=True,
        ),
        Case(
            "old-pytest-v",
            "pytest",
            "python",
            "test",
            "PYTHONPATH=. python -m pytest -v",
            base,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 6.2 -v",
            PY_VERSION,
            old=True,
        ),
        Case(
            "old-pytest-fixture-error",
            "pytest",
            "python",
            "test",
            "PYTHONPATH=. python -m pytest",
            fixture,
            pytest_failure("test_query", "tests/test_db.py", setup_error=True),
            "pytest 6.2: a setup error and a failure",
            PY_VERSION,
            old=True,
        ),
        Case(
            "old-pytest-collection-error",
            "pytest",
            "python",
            "test",
            "PYTHONPATH=. python -m pytest",
            {**base, "tests/test_io.py": "import yaml_reader_missing\n"},
            section(
                r"^_{3,} ERROR collecting tests/test_io\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_io\.py"],
                end=r"^={3,} ",
            ),
            "pytest 6.2: a test module imports a module that does not exist",
            PY_VERSION,
            alt_categories=["dependency"],
            old=True,
        ),
        Case(
            "old-jest",
            "jest",
            "javascript",
            "test",
            "npx jest",
            {"package.json": PKG, "sum.js": JEST_SUM, "sum.test.js": JEST_TEST},
            first_jest_failure,
            "jest 26: two failing tests",
            "npx jest --version",
            setup=node,
            node_modules=True,
            old=True,
        ),
        Case(
            "old-jest-suite-failed",
            "jest",
            "javascript",
            "test",
            "npx jest --ci",
            {
                "package.json": PKG,
                "broken.test.js": "const { nope } = require('./missing-module');\ntest('x', () => expect(nope).toBe(1));\n",
            },
            first_jest_failure,
            "jest 26: a test file requires a module that is not there",
            "npx jest --version",
            alt_categories=["dependency"],
            setup=node,
            node_modules=True,
            old=True,
        ),
        Case(
            "old-mocha",
            "mocha",
            "javascript",
            "test",
            "npx mocha",
            {"package.json": PKG, "test/array.test.js": MOCHA_TEST},
            first_of(
                r"^\s+1\) finds the first element",
                r"^\s+1\) Array$",
                r"^\s+finds the first element:$",
                r"AssertionError",
            ),
            "mocha 8: two failing tests",
            "npx mocha --version",
            setup=node,
            node_modules=True,
            old=True,
        ),
    ]


# --- running and wrapping ----------------------------------------------------------------------------------------


def run(case: Case, tmp: Path) -> tuple[str, int, str]:
    venv, node = (OLD_VENV, OLD_NODE) if case.old else (VENV, case.node or NODE)
    for name, content in case.files.items():
        path = tmp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    if case.node_modules:
        (tmp / "node_modules").symlink_to(node / "node_modules")
    extra = f"{case.venv / 'bin'}:" if case.venv else ""
    env = {
        "PATH": f"{extra}{venv / 'bin'}:{node / 'node_modules' / '.bin'}:{os.environ['PATH']}",
        "HOME": str(tmp),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "npm_config_cache": str(tmp / ".npm"),
        "npm_config_update_notifier": "false",
        "CARGO_HOME": os.environ.get("CARGO_HOME", str(Path.home() / ".cargo")),
        "RUSTUP_HOME": os.environ.get("RUSTUP_HOME", str(Path.home() / ".rustup")),
        **case.env,
    }
    script = f"{{ {case.prepare}\n}} >/dev/null 2>&1\n{case.command}" if case.prepare else case.command
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600
    )
    version = subprocess.run(
        ["bash", "-c", case.version], cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120
    ).stdout.decode("utf-8", "replace")
    output = done.stdout.decode("utf-8", "replace")
    prefixes = [str(tmp.resolve()), str(tmp), str(node), str(NODE), str(VENV), str(OLD_NODE), str(OLD_VENV)]
    for prefix in ([str(case.venv)] if case.venv else []) + prefixes:
        output = output.replace(prefix, WORKDIR)
    # The interpreter the virtualenv was made from (its standard library shows in tracebacks): where the runner's is.
    if case.venv:
        # Python 2's virtualenv names the interpreter's prefix real_prefix, and its print is a statement.
        probe = (
            "import platform, sys; sys.stdout.write(getattr(sys, 'real_prefix', getattr(sys, 'base_prefix', sys.prefix))"
            " + ' ' + platform.python_version())"
        )
        made_from = subprocess.run([str(case.venv / "bin" / "python"), "-c", probe], capture_output=True, text=True)
        home, _, release = made_from.stdout.strip().partition(" ")
        if home:
            output = output.replace(home, f"/opt/hostedtoolcache/Python/{release}/x64")
    output = output.replace(PYTHON_HOME, "/opt/hostedtoolcache/Python/3.11.7/x64")
    if case.neutral_hosts:
        output = URL_HOST.sub(r"\1packages.example.com", output)
        # Haskell's network library (elm) names the host it could not resolve outside a URL too.
        output = re.sub(r'(host name: Just ")[^"]+"', r'\1packages.example.com"', output)
    version = (version.strip().splitlines() or [""])[0].split(" from /")[0].strip()
    return output, done.returncode, version


PREAMBLE = """Current runner version: '2.329.0'
##[group]Operating System
Ubuntu
24.04.3
LTS
##[endgroup]
##[group]Runner Image
Image: ubuntu-24.04
Version: 20261123.1.0
##[endgroup]
##[group]GITHUB_TOKEN Permissions
Contents: read
Metadata: read
##[endgroup]
Secret source: Actions
Prepare workflow directory
Prepare all required actions
Getting action download info
Download action repository 'actions/checkout@v4' (SHA:11bd71901bbe5b1630ceea73d27597364c9af683)
Complete job name: build
##[group]Run actions/checkout@v4
with:
  repository: acme/acme
  token: ***
  fetch-depth: 1
##[endgroup]
Syncing repository: acme/acme
##[group]Getting Git version info
Working directory is '/home/runner/work/acme/acme'
[command]/usr/bin/git version
git version 2.51.0
##[endgroup]
[command]/usr/bin/git -c protocol.version=2 fetch --no-tags --prune --no-recurse-submodules --depth=1 origin +3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345:refs/remotes/origin/main
From https://github.com/acme/acme
 * [new ref]         3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345 -> origin/main
[command]/usr/bin/git log -1 --format=%H
3f1c2a9b7d4e5f60718293a4b5c6d7e8f9012345"""


def wrap(case: Case, output: str, code: int) -> tuple[list[str], int]:
    """The job log's lines, and the index of the failing step's first output line."""
    lines = PREAMBLE.split("\n")
    if case.setup != "actions/checkout@v4":
        lines += [f"##[group]Run {case.setup}", "with:", "  cache: false", "##[endgroup]", "Setup complete"]
    # A multi-line script: the runner names the step by its first line and echoes every line.
    lines += [
        f"##[group]Run {case.command.split(chr(10))[0]}",
        *case.command.split("\n"),
        "shell: /usr/bin/bash -e {0}",
        "##[endgroup]",
    ]
    first = len(lines)
    body = output.split("\n")
    if body and body[-1] == "":
        body.pop()
    lines += body
    lines += [
        f"##[error]Process completed with exit code {code}.",
        "Post job cleanup.",
        "[command]/usr/bin/git version",
        "git version 2.51.0",
        "Cleaning up orphan processes",
    ]
    return lines, first


def generate(case: Case, out: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="tc-") as tmp:
        output, code, version = run(case, Path(tmp))
    if code == 0:
        raise RuntimeError(f"{case.name}: the command passed\n{output}")
    if code < 0:  # `bash -c` exec'd the last command and a signal killed it; the runner's shell reports 128 + N
        code = 128 - code
    lines, first = wrap(case, output, code)
    body = [line[line.rfind("\r") + 1 :] for line in re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", output).split("\n")]
    try:
        found = case.label(body)
    except LookupError as error:
        raise RuntimeError(f"{case.name}: {error}\n{output}") from error
    culprits = [first + index + 1 for index in found]  # 1-based lines of the log
    text = "".join(f"{STAMP}{line}\n" for line in lines)
    (out / f"{case.name}.log.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    raw = text.split("\n")
    return {
        "path": f"make_logs.py:{case.name}",
        "ecosystem": case.ecosystem,
        "ci": "github-actions",
        "category": case.category,
        "alt_categories": case.alt_categories,
        "culprit_lines": culprits,
        "culprit_texts": [raw[line - 1] for line in culprits],
        "why": case.why,
        "tool": case.tool,
        "tool_version": version,
        "command": case.command,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only the cases whose name starts with this")
    parser.add_argument("--out", type=Path, default=HERE / "logs")
    parser.add_argument(
        "--rewrap",
        action="store_true",
        help="only rewrap the set's logs as other CIs' (ci_wrap_cases.py, ci_wrap2_cases.py)",
    )
    args = parser.parse_args()
    if args.rewrap:
        from ci_wrap_cases import rewrap  # runs no tool: re-wraps the logs already in --out

        rewrap(args.out)
        from ci_wrap2_cases import rewrap2  # the same, as eight more CIs' logs

        rewrap2(args.out)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    labels_path = args.out / "labels.json"
    labels = json.loads(labels_path.read_text()) if labels_path.exists() and args.only else {}
    from ant_cases import ant_cases  # these modules import this one
    from apple_cases import apple_cases
    from c_cpp_cases import c_cpp_cases, c_cpp_cases_2
    from container_cases import container_cases, container_run_cases, shell_cases
    from debian_cases import debian_cases
    from go_cases import go_cases
    from go_noise_cases import go_noise_cases
    from gopath_cases import gopath_all_cases
    from gradle_ant_cases import ant3_cases, gradle_ant_more_cases, gradle_ant_third_cases, gradle_cases
    from js_legacy_cases import (
        js_legacy_cases,
        js_legacy_cases_2,
        js_legacy_cases_3,
        js_legacy_cases_4,
        js_legacy_cases_5,
    )
    from js_more_cases import (
        js_more_cases,
        js_more_cases_2,
        js_more_cases_3,
        js_more_cases_4,
        js_more_cases_5,
        js_more_cases_6,
    )
    from js_noise_cases import js_noise_cases
    from jvm2_cases import jvm2_cases
    from longtail_cases import longtail_cases
    from maven_cases import maven_cases
    from maven_more_cases import maven3_cases
    from maven_travis_cases import maven_travis_cases
    from misc_cases import misc_cases
    from mono_cases import mono_cases
    from php3_cases import php3_cases
    from pyold_cases import pyold_cases, pyold_second_cases
    from python_more_cases import python_more_cases
    from python_noise_cases import python_noise_cases
    from rb3_cases import rb3_cases, travis_copies
    from rlisp_cases import rlisp_cases
    from ruby_php_cases import ruby_php_cases
    from rust_cases import rust_cases_2

    cases = python_cases() + js_cases() + rust_cases() + c_cases() + other_cases() + more_cases() + old_cases()
    cases += debian_cases() + ant_cases() + maven_cases() + python_more_cases() + go_cases() + shell_cases()
    cases += js_more_cases() + js_more_cases_2() + js_more_cases_3() + js_more_cases_4()
    cases += js_more_cases_5() + js_more_cases_6()
    cases += python_noise_cases()
    cases += go_noise_cases()
    cases += js_noise_cases()
    cases += js_legacy_cases() + js_legacy_cases_2() + js_legacy_cases_3() + js_legacy_cases_4()
    cases += js_legacy_cases_5()
    cases += gradle_cases() + ant3_cases() + gradle_ant_more_cases() + gradle_ant_third_cases()
    cases += maven3_cases()
    cases += maven_travis_cases()
    cases += ruby_php_cases()
    cases += c_cpp_cases() + c_cpp_cases_2()
    cases += rust_cases_2()
    cases += longtail_cases()
    cases += mono_cases()
    cases += rlisp_cases()
    cases += pyold_cases() + pyold_second_cases()
    cases += apple_cases()
    cases += misc_cases()
    cases += jvm2_cases()
    cases += php3_cases()
    cases += rb3_cases()
    cases += gopath_all_cases()
    if "ctr-".startswith(args.only) or args.only.startswith("ctr-"):  # buildah, and a base image made first
        cases += container_cases() + container_run_cases()
    for case in cases:
        if not case.name.startswith(args.only):
            continue
        key = f"{case.name}.log"
        labels[key] = generate(case, args.out)
        print(f"{case.name:<28} {labels[key]['tool_version']}  lines {labels[key]['culprit_lines']}")
        labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")
    if args.only.startswith("rb3-") or "rb3-".startswith(args.only):  # rb3_cases.py's Travis copies of its logs
        labels.update(travis_copies(args.out, labels))
        labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    main()
