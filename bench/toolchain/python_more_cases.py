# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part three: more of the Python ecosystem's CI tools (pre-commit, tox, nox, uv,
poetry, pip building a C extension and resolving a conflict, doctest, Django's test runner, coverage, sphinx,
pyright, isort, bandit, hypothesis, pytest-xdist, pytest-timeout, warnings as errors, unittest discovery,
setuptools, build, twine).

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. The tools come
from a virtualenv of their own (``TOOLCHAIN_PY2_VENV``, default /tmp/tc/venv-py2) and pyright from an npm project
(``TOOLCHAIN_PY2_NODE``, default /tmp/tc/node-py2); see README.md. Everything runs offline: tox and nox run the
virtualenv's own pytest and flake8, uv, pip and poetry resolve against local wheels and path dependencies. The
culprit lines are found from what each case knows (the first failing test's name, the file holding the first
error, the first hook that failed), by the conventions of bench/validation/README.md, never by running the
analyzer.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from make_logs import CALC, PYPROJECT, TEST_CALC, Case, Labeller, find, first_of, pytest_failure, section

PY2 = Path(os.environ.get("TOOLCHAIN_PY2_VENV", "/tmp/tc/venv-py2"))
PY2_NODE = Path(os.environ.get("TOOLCHAIN_PY2_NODE", "/tmp/tc/node-py2"))
# Older releases on an older Python, as CI logs of a few years ago show them (Python 3.7, pip 20.2, pytest 4.6,
# tox 3, Sphinx 3.5, ...): see README.md.
PY2_OLD = Path(os.environ.get("TOOLCHAIN_PY2_OLD_VENV", "/tmp/tc/venv-py2-old"))
# Older still, as Travis CI logs show them: Python 3.6 with pip 18.1, pytest 3.10, tox 3.5, flake8 3.5.
PY36 = Path(os.environ.get("TOOLCHAIN_PY36_VENV", "/tmp/tc/venv-py36"))
# Python 2.7 (a virtualenv 16 environment) with pip 20.3.4, pytest 4.6 and nose 1.3.7.
PY27 = Path(os.environ.get("TOOLCHAIN_PY27_VENV", "/tmp/tc/venv-py27"))


def unittest_first(test: str) -> Labeller:
    """unittest and Django's runner: the first FAIL:/ERROR: header and every exception line of its traceback (an
    import error under discovery prints `ImportError: Failed to import test module` and the error it wraps)."""

    def label(lines: list[str]) -> list[int]:
        top = find(lines, rf"^(?:FAIL|ERROR): {re.escape(test)}\b")
        if top is None:
            raise LookupError(f"no FAIL:/ERROR: header for {test}")
        stop = find(lines, r"^={20,}$|^-{20,}$", top + 2)
        found = [top]
        for index in range(top + 1, len(lines) if stop is None else stop):
            if re.match(r"^\w+(?:\.\w+)*(?:Error|Exception|Failure): ", lines[index]):
                found.append(index)
        return found

    return label


def py(
    name: str,
    tool: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    version: str,
    venv: Path = PY2,
    **extra: object,
) -> Case:
    return Case(name, tool, "python", category, command, files, label, why, version, venv=venv, **extra)  # type: ignore[arg-type]


BASE = {"calc.py": CALC, "tests/test_calc.py": TEST_CALC, "pyproject.toml": PYPROJECT}
FLAKE8_BAD = "import os\nimport sys\n\n\ndef main():\n    x = 1\n    return sys.argv\n"
BLACK_BAD = "def f(a,b):\n    return {'a':a,'b':b}\n"
MYPY_BAD = 'def count(name: str) -> int:\n    return name\n\n\ntotal: int = "zero"\n'

PRE_COMMIT_CONFIG = textwrap.dedent(
    """\
    repos:
      - repo: local
        hooks:
          - id: check-python-ast
            name: check python ast
            entry: python tools/check_ast.py
            language: system
            types: [python]
            verbose: true
          - id: black
            name: black
            entry: black
            language: system
            types: [python]
          - id: flake8
            name: flake8
            entry: flake8
            language: system
            types: [python]
          - id: mypy
            name: mypy
            entry: mypy --ignore-missing-imports
            language: system
            types: [python]
    """
)
GIT_INIT = "git init -q -b main . && git add -A && "

TOX_INI = textwrap.dedent(
    """\
    [tox]
    env_list = py311, lint
    skip_missing_interpreters = false

    [testenv]
    skip_install = true
    allowlist_externals = pytest
    commands = pytest {posargs}

    [testenv:lint]
    skip_install = true
    allowlist_externals = flake8
    commands = flake8 src
    """
)

NOXFILE = textwrap.dedent(
    """\
    import nox

    nox.options.default_venv_backend = "none"


    @nox.session
    def lint(session):
        session.run("flake8", "src", external=True)


    @nox.session
    def tests(session):
        session.run("pytest", "-q", external=True)
    """
)

# A tiny wheel writer, so that pip, uv and poetry resolve offline against wheels of packages that depend on each
# other (`python mkwheels.py wheels name==version:dep1,dep2 ...`).
MKWHEELS = textwrap.dedent(
    """\
    import base64, hashlib, sys, zipfile

    out = sys.argv[1]
    for spec in sys.argv[2:]:
        head, _, deps = spec.partition(":")
        name, version = head.split("==")
        dist = f"{name}-{version}.dist-info"
        meta = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n" + "".join(
            f"Requires-Dist: {dep}\\n" for dep in deps.split(",") if dep
        )
        files = {
            f"{name}/__init__.py": "",
            f"{dist}/METADATA": meta,
            f"{dist}/WHEEL": "Wheel-Version: 1.0\\nGenerator: mkwheels\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
        }
        record = ""
        for path, text in files.items():
            digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
            record += f"{path},sha256={digest},{len(text.encode())}\\n"
        files[f"{dist}/RECORD"] = record + f"{dist}/RECORD,,\\n"
        with zipfile.ZipFile(f"{out}/{name}-{version}-py3-none-any.whl", "w") as whl:
            for path, text in files.items():
                whl.writestr(path, text)
    """
)
WHEELS = "mkdir -p wheels && python mkwheels.py wheels 'shared==1.0' 'shared==2.0' 'alpha==1.0:shared<2' 'beta==1.0:shared>=2' 'gamma==1.0' && "

FAST_C = textwrap.dedent(
    """\
    #define PY_SSIZE_T_CLEAN
    #include <Python.h>

    static PyObject *fast_add(PyObject *self, PyObject *args) {
        long a, b;
        int unused_counter;
        if (!PyArg_ParseTuple(args, "ll", &a, &b))
            return NULL;
        return PyLong_FromLong(a + b)
    }

    static PyObject *fast_mul(PyObject *self, PyObject *args) {
        return PyLong_FromLong(undeclared_total);
    }

    static PyMethodDef methods[] = {{"add", fast_add, METH_VARARGS, NULL}, {"mul", fast_mul, METH_VARARGS, NULL}, {NULL, NULL, 0, NULL}};
    static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fast", NULL, -1, methods};
    PyMODINIT_FUNC PyInit_fast(void) { return PyModule_Create(&module); }
    """
)
SETUP_PY = 'from setuptools import Extension, setup\n\nsetup(name="fast", version="1.0", ext_modules=[Extension("fast", ["src/fast.c"], extra_compile_args=["-Wall"])])\n'
C_PYPROJECT = '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'

DOCTEST_CALC = textwrap.dedent(
    '''\
    def add(a, b):
        """Add two numbers.

        >>> add(1, 2)
        3
        >>> add(2, 2)
        5
        """
        return a + b


    def div(a, b):
        """Divide.

        >>> div(1, 0)
        0
        """
        return a / b
    '''
)

DJANGO_SETTINGS = 'SECRET_KEY = "test"\nINSTALLED_APPS = ["shop"]\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}\nUSE_TZ = True\nDEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n'
DJANGO_MANAGE = 'import os, sys\n\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")\n    from django.core.management import execute_from_command_line\n\n    execute_from_command_line(sys.argv)\n'
DJANGO_TESTS = textwrap.dedent(
    """\
    from django.test import TestCase


    class PriceTests(TestCase):
        def test_total(self):
            self.assertEqual(2 + 2, 4)

        def test_discount(self):
            self.assertEqual(round(100 * 0.85), 80)

        def test_currency(self):
            print("error: logged by the code under test, not a failure")
            raise KeyError("EUR")
    """
)

SPHINX_CONF = 'project = "acme"\nextensions = []\nexclude_patterns = ["_build"]\n'
SPHINX_INDEX = textwrap.dedent(
    """\
    acme
    ====

    .. toctree::

       usage

    See :ref:`installation-guide` for the details.
    """
)
SPHINX_USAGE = "Usage\n=====\n\nCall :func:`acme.run`.\n\n.. note::\n   The error handling section explains failures.\n\n.. unknown-directive::\n\n   text\n"

HYPOTHESIS_TEST = textwrap.dedent(
    """\
    from hypothesis import given, strategies as st

    from calc import add, div


    def test_add_ok():
        assert add(1, 2) == 3


    @given(st.integers(), st.integers())
    def test_add_commutes_with_div(a, b):
        assert div(add(a, b), 1) == a + b


    @given(st.integers(min_value=0, max_value=100))
    def test_div_self(n):
        assert div(n, n) == 1
    """
)

ISORT_BAD = "import sys\nimport os\nfrom collections import OrderedDict, defaultdict\nimport json\n\nprint(os, sys, json, OrderedDict, defaultdict)\n"
BANDIT_BAD = textwrap.dedent(
    """\
    import hashlib
    import subprocess


    def run(cmd):
        return subprocess.call(cmd, shell=True)


    def digest(data):
        return hashlib.md5(data).hexdigest()
    """
)
PYRIGHT_BAD = textwrap.dedent(
    """\
    def count(name: str) -> int:
        return len(name)


    total: int = count(3)
    label: str = count("x")
    """
)


def pre_commit_cases() -> list[Case]:
    files = {
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
        "tools/check_ast.py": 'import ast\nimport sys\n\nfor path in sys.argv[1:]:\n    ast.parse(open(path).read(), path)\nprint("error handling: checked", len(sys.argv) - 1, "files")\n',
        "src/ok.py": "VALUE = 1\n",
        "src/app.py": FLAKE8_BAD,
        "src/style.py": BLACK_BAD,
        "src/typed.py": MYPY_BAD,
    }
    version = "pre-commit --version"
    only_black = {
        **files,
        "src/app.py": "import sys\n\n\ndef main():\n    return sys.argv\n",
        "src/typed.py": "X = 1\n",
    }
    only_mypy = {**files, "src/app.py": only_black["src/app.py"], "src/style.py": "X = 2\n"}
    return [
        py(
            "py2-pre-commit-config",
            "pre-commit",
            "config",
            GIT_INIT + "pre-commit run --all-files --color=never",
            {
                **files,
                ".pre-commit-config.yaml": PRE_COMMIT_CONFIG.replace(
                    "entry: python tools/check_ast.py", "entry: python -c 'import sys; print(sys.argv)': checked"
                ),
            },
            first_of(r"^An error has occurred: InvalidConfigError:"),
            "a hook's entry is not valid YAML: pre-commit stops before any hook",
            version,
        ),
        py(
            "py2-pre-commit",
            "pre-commit",
            "lint",
            GIT_INIT + "pre-commit run --all-files --show-diff-on-failure --color=never",
            files,
            section(
                r"^black\.{3,}Failed$",
                inside=[r"^- hook id: black$", r"^reformatted "],
                end=r"\.{3,}(?:Passed|Failed)$",
            ),
            "three local hooks fail (black, flake8, mypy); a passing hook prints 'error'; the first is black",
            version,
        ),
        py(
            "py2-pre-commit-black",
            "pre-commit",
            "lint",
            GIT_INIT + "pre-commit run --all-files --color=never",
            only_black,
            section(
                r"^black\.{3,}Failed$",
                inside=[r"^- hook id: black$", r"^reformatted "],
                end=r"\.{3,}(?:Passed|Failed)$",
            ),
            "only black fails: the hook modifies a file",
            version,
        ),
        py(
            "py2-pre-commit-mypy",
            "pre-commit",
            "lint",
            GIT_INIT + "pre-commit run --all-files --color=never",
            only_mypy,
            section(
                r"^mypy\.{3,}Failed$",
                inside=[r"^- hook id: mypy$", r"^src/typed\.py:\d+: error: "],
                end=r"\.{3,}(?:Passed|Failed)$",
            ),
            "only mypy fails: its findings under the hook's header",
            version,
        ),
    ]


def runner_cases() -> list[Case]:
    src = {"src/acme/__init__.py": "", "src/acme/util.py": FLAKE8_BAD}
    return [
        py(
            "py2-tox",
            "tox",
            "test",
            "tox -e py311",
            {**BASE, "tox.ini": TOX_INI, **src},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "tox runs pytest in py311: two tests fail; tox's own summary follows",
            "tox --version",
            alt_categories=[],
        ),
        py(
            "py2-tox-envs",
            "tox",
            "test",
            "tox",
            {**BASE, "tox.ini": TOX_INI, **src},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "tox runs py311 (pytest fails) and lint (flake8 fails): the first env's failure is the culprit",
            "tox --version",
        ),
        py(
            "py2-tox-lint",
            "tox",
            "lint",
            "tox -e lint",
            {**BASE, "tox.ini": TOX_INI, **src},
            first_of(r"^src/acme/util\.py:1:1: F401 "),
            "tox runs flake8 in a lint env",
            "tox --version",
        ),
        py(
            "py2-nox",
            "nox",
            "test",
            "nox -s tests",
            {**BASE, "noxfile.py": NOXFILE, **src},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "nox runs pytest: two tests fail; nox's session summary follows",
            "nox --version",
        ),
        py(
            "py2-nox-sessions",
            "nox",
            "lint",
            "nox",
            {**BASE, "noxfile.py": NOXFILE, **src},
            first_of(r"^src/acme/util\.py:1:1: F401 "),
            "nox runs lint (flake8 fails) then tests (pytest fails): the first session's failure is the culprit",
            "nox --version",
            alt_categories=["test"],
        ),
    ]


def packaging_cases() -> list[Case]:
    cext = {"setup.py": SETUP_PY, "pyproject.toml": C_PYPROJECT, "src/fast.c": FAST_C}
    first_gcc_error = first_of(r"src/fast\.c:\d+:\d+: error: ")
    uv_project = textwrap.dedent(
        """\
        [project]
        name = "acme"
        version = "1.0"
        requires-python = ">=3.11"
        dependencies = ["alpha", "beta"]

        [tool.uv]
        no-index = true
        find-links = ["wheels"]
        """
    )
    return [
        py(
            "py2-pip-cext",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            cext,
            first_gcc_error,
            "pip builds a C extension whose compile fails: gcc's first error, not pip's wheel summary",
            "python -m pip --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "py2-setup-py-build-ext",
            "setuptools",
            "build",
            "python setup.py build_ext --inplace",
            cext,
            first_gcc_error,
            "setup.py build_ext: a warning, then two compile errors",
            "python -c 'import setuptools; print(setuptools.__version__)'",
        ),
        py(
            "py2-build-cext",
            "build",
            "build",
            "python -m build --no-isolation --wheel",
            cext,
            first_gcc_error,
            "python -m build builds the wheel; the C compile fails",
            "python -m build --version | cut -d' ' -f1-2",
            neutral_hosts=True,
        ),
        py(
            "py2-build-bad-metadata",
            "build",
            "build",
            "python -m build --no-isolation --sdist",
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "acme"\nversion = "1.0"\ndependencies = "requests"\n',
                "acme/__init__.py": "",
            },
            first_of(r"`project\.dependencies` must be array|project\.dependencies.*must be"),
            "pyproject.toml's dependencies is a string: setuptools' validation error",
            "python -m build --version | cut -d' ' -f1-2",
            alt_categories=["config"],
            neutral_hosts=True,
        ),
        py(
            "py2-pip-conflict",
            "pip",
            "dependency",
            WHEELS + "python -m pip install --no-index --find-links wheels alpha beta",
            {"mkwheels.py": MKWHEELS},
            first_of(r"^ERROR: Cannot install "),
            "pip: alpha needs shared<2, beta shared>=2",
            "python -m pip --version",
            neutral_hosts=True,
        ),
        py(
            "py2-uv-pip-no-solution",
            "uv",
            "dependency",
            WHEELS + "uv pip install --python python --no-index --find-links wheels gamma alpha beta",
            {"mkwheels.py": MKWHEELS},
            first_of(r"No solution found when resolving dependencies"),
            "uv pip install: alpha needs shared<2, beta shared>=2",
            "uv --version",
            neutral_hosts=True,
        ),
        py(
            "py2-uv-sync-no-solution",
            "uv",
            "dependency",
            WHEELS + "uv sync",
            {"mkwheels.py": MKWHEELS, "pyproject.toml": uv_project},
            first_of(r"No solution found when resolving dependencies"),
            "uv sync on a project whose dependencies conflict",
            "uv --version",
            neutral_hosts=True,
        ),
        py(
            "py2-uv-locked",
            "uv",
            "dependency",
            WHEELS + 'uv lock -q && sed -i \'s/"alpha"]/"gamma"]/\' pyproject.toml && uv sync --locked',
            {"mkwheels.py": MKWHEELS, "pyproject.toml": uv_project.replace('"alpha", "beta"', '"alpha"')},
            first_of(r"The lockfile at `uv\.lock` needs to be updated"),
            "uv sync --locked after pyproject.toml changed",
            "uv --version",
            neutral_hosts=True,
        ),
        py(
            "py2-poetry-lock-stale",
            "poetry",
            "dependency",
            'poetry lock -q && sed -i "s|^dependencies = \\[\\]|dependencies = [\\"helper @ file://$PWD/helper\\"]|" pyproject.toml && poetry install --no-interaction',
            {
                "pyproject.toml": '[project]\nname = "acme"\nversion = "1.0"\nrequires-python = ">=3.11"\ndependencies = []\n\n[tool.poetry]\npackage-mode = false\n',
                "helper/pyproject.toml": '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "helper"\nversion = "1.0"\n',
                "helper/helper/__init__.py": "",
            },
            first_of(r"pyproject\.toml changed significantly since poetry\.lock was last generated"),
            "poetry install after pyproject.toml gained a dependency the lock file lacks",
            "poetry --version",
            neutral_hosts=True,
            env={"POETRY_VIRTUALENVS_IN_PROJECT": "true"},
        ),
        py(
            "py2-twine-check",
            "twine",
            "build",
            "python -m build --no-isolation --sdist -q >/dev/null 2>&1; twine check --strict dist/*",
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "acme"\nversion = "1.0"\nreadme = {file = "README.rst", content-type = "text/x-rst"}\n',
                "README.rst": "acme\n====\n\nSee `the docs <https://docs.example.com>`_ and `broken link`_.\n\n.. code-block:: python\n\n  x = 1\n\nTitle\n--\n",
                "acme/__init__.py": "",
            },
            first_of(r"^Checking dist/\S+: FAILED", r"^ERROR +`long_description` has syntax errors"),
            "twine check: the long description's reStructuredText does not render",
            "twine --version | cut -d' ' -f1-3",
            alt_categories=["lint"],
            neutral_hosts=True,
        ),
    ]


def test_cases() -> list[Case]:
    return [
        py(
            "py2-doctest",
            "doctest",
            "test",
            "python -m doctest calc.py",
            {"calc.py": DOCTEST_CALC},
            section(r'^File ".*calc\.py", line \d+, in calc\.add$', inside=[r"^Failed example:$"], end=r"^\*{20,}$"),
            "python -m doctest: add's second example and div's example fail",
            "python --version",
        ),
        py(
            "py2-pytest-doctest",
            "pytest",
            "test",
            "python -m pytest --doctest-modules calc.py",
            {"calc.py": DOCTEST_CALC},
            section(
                r"^_{3,} \[doctest\] calc\.add _{3,}$",
                inside=[r"calc\.py:\d+: DocTestFailure$"],
                anywhere=[r"^FAILED calc\.py::calc\.add"],
                end=r"^_{3,} .* _{3,}$|^={3,} ",
            ),
            "pytest --doctest-modules: two doctests fail",
            "python -m pytest --version",
        ),
        py(
            "py2-django",
            "django",
            "test",
            "python manage.py test -v 2",
            {
                "manage.py": DJANGO_MANAGE,
                "settings.py": DJANGO_SETTINGS,
                "shop/__init__.py": "",
                "shop/models.py": "",
                "shop/tests.py": DJANGO_TESTS,
            },
            unittest_first("test_currency"),
            "Django's runner: one test errors, one fails (errors are reported first); a test prints 'error:'",
            "python -m django --version",
            env={"PYTHONUNBUFFERED": "1"},
        ),
        py(
            "py2-django-fail",
            "django",
            "test",
            "python manage.py test",
            {
                "manage.py": DJANGO_MANAGE,
                "settings.py": DJANGO_SETTINGS,
                "shop/__init__.py": "",
                "shop/models.py": "",
                "shop/tests.py": DJANGO_TESTS.replace('raise KeyError("EUR")', "self.assertTrue(True)"),
            },
            unittest_first("test_discount"),
            "Django's runner, one failing assertion among passing tests",
            "python -m django --version",
        ),
        py(
            "py2-unittest-import-error",
            "unittest",
            "test",
            "python -m unittest discover -s tests -t . -v",
            {
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": "import unittest\n\nfrom calc import add\n\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n",
                "tests/test_io.py": "import unittest\n\nimport yaml_reader_missing\n\n\nclass T(unittest.TestCase):\n    def test_read(self):\n        self.assertTrue(yaml_reader_missing)\n",
            },
            unittest_first("tests.test_io"),
            "unittest discovery cannot import a test module",
            "python --version",
            alt_categories=["dependency"],
        ),
        py(
            "py2-coverage-fail-under",
            "coverage",
            "test",
            "python -m coverage run -m pytest -q tests/test_ok.py && python -m coverage report --fail-under=90",
            {
                "calc.py": CALC + "\n\ndef mul(a, b):\n    if a == 0:\n        return 0\n    return a * b\n",
                "tests/test_ok.py": "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
                "pyproject.toml": PYPROJECT,
            },
            first_of(r"^Coverage failure: total of \d+ is less than fail-under=90$"),
            "coverage report --fail-under: all tests pass, coverage is too low",
            "python -m coverage --version",
        ),
        py(
            "py2-pytest-cov-fail-under",
            "pytest",
            "test",
            "python -m pytest --cov=calc --cov-fail-under=90 tests/test_ok.py",
            {
                "calc.py": CALC + "\n\ndef mul(a, b):\n    if a == 0:\n        return 0\n    return a * b\n",
                "tests/test_ok.py": "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
                "pyproject.toml": PYPROJECT,
            },
            first_of(
                r"^ERROR: Coverage failure: total of \d+ is less than fail-under=90$",
                r"^FAIL Required test coverage of 90% not reached",
            ),
            "pytest-cov --cov-fail-under: the tests pass, coverage is too low",
            "python -m pytest --version",
        ),
        py(
            "py2-hypothesis",
            "pytest",
            "test",
            "python -m pytest -p no:cacheprovider",
            {"calc.py": CALC, "tests/test_props.py": HYPOTHESIS_TEST, "pyproject.toml": PYPROJECT},
            pytest_failure("test_add_commutes_with_div", "tests/test_props.py"),
            "hypothesis: two properties fail, each with its shrunk failing example (`Failing test case:`, formerly `Falsifying example:`)",
            "python -m pytest --version",
            env={"HYPOTHESIS_STORAGE_DIRECTORY": "/tmp/tc-hyp-none"},
        ),
        py(
            "py2-pytest-timeout",
            "pytest",
            "timeout",
            "python -m pytest --timeout=2",
            {
                "calc.py": CALC,
                "pyproject.toml": PYPROJECT,
                "tests/test_slow.py": "import time\n\n\ndef test_fast():\n    assert True\n\n\ndef test_waits_for_server():\n    time.sleep(30)\n",
            },
            first_of(
                r"^_{3,} test_waits_for_server _{3,}$",
                r"^E +Failed: Timeout",
                r"^FAILED tests/test_slow\.py::test_waits_for_server",
            ),
            "pytest-timeout stops a sleeping test",
            "python -m pytest --version",
            alt_categories=["test"],
        ),
        py(
            "py2-pytest-warnings-error",
            "pytest",
            "test",
            "python -m pytest -W error::DeprecationWarning",
            {
                **BASE,
                "tests/test_calc.py": "import warnings\n\nfrom calc import add\n\n\ndef old_add(a, b):\n    warnings.warn('old_add() is deprecated, use add()', DeprecationWarning, stacklevel=2)\n    return add(a, b)\n\n\ndef test_add_ok():\n    assert add(1, 2) == 3\n\n\ndef test_old_add():\n    assert old_add(1, 2) == 3\n",
            },
            pytest_failure("test_old_add", "tests/test_calc.py"),
            "pytest -W error: a DeprecationWarning fails a test",
            "python -m pytest --version",
        ),
        py(
            "py2-pytest-filterwarnings-collect",
            "pytest",
            "test",
            "python -m pytest -q",
            {
                **BASE,
                "pyproject.toml": PYPROJECT + 'filterwarnings = ["error"]\n',
                "tests/test_legacy.py": "import warnings\n\nwarnings.warn('the legacy API is deprecated', DeprecationWarning)\n\n\ndef test_legacy():\n    assert True\n",
            },
            section(
                r"^_{3,} ERROR collecting tests/test_legacy\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_legacy\.py"],
                end=r"^={3,} ",
            ),
            "filterwarnings = error: a module-level warning stops collection",
            "python -m pytest --version",
        ),
        py(
            "py2-xdist-crash",
            "pytest",
            "test",
            "python -m pytest -n 2 -p xdist",
            {
                **BASE,
                "tests/test_calc.py": "from calc import add\n\n\ndef test_add_ok():\n    assert add(1, 2) == 3\n",
                "tests/test_native.py": "import os\n\n\ndef test_native_extension():\n    os._exit(3)\n\n\ndef test_other():\n    assert True\n",
            },
            first_of(
                r"\[gw\d\] node down: Not properly terminated",
                r"^_{3,} tests/test_native\.py _{3,}$",
                r"^worker 'gw\d' crashed while running 'tests/test_native\.py::test_native_extension'",
                r"^FAILED tests/test_native\.py::test_native_extension",
            ),
            "pytest-xdist: a test kills its worker",
            "python -m pytest --version",
        ),
        py(
            "py2-xdist-v",
            "pytest",
            "test",
            "python -m pytest -n 2 -v -p no:randomly",
            {**BASE, "tests/test_calc.py": TEST_CALC.replace("def test_div_zero", "def test_div_zero_x")},
            lambda lines: _xdist_first(lines, ["test_add_wrong", "test_div_zero_x"]),
            "pytest-xdist -v: `[gw0] FAILED` lines in the listing",
            "python -m pytest --version",
        ),
    ]


def _xdist_first(lines: list[str], tests: list[str]) -> list[int]:
    alternatives = "|".join(re.escape(test) for test in tests)
    top = find(lines, rf"^_{{3,}} (?:{alternatives}) _{{3,}}$")
    if top is None:
        raise LookupError("no failing test header")
    test = re.search(rf"({alternatives})", lines[top]).group(1)  # type: ignore[union-attr]
    found = set(pytest_failure(test, "tests/test_calc.py")(lines))
    listing = find(lines, rf"^\[gw\d\] .*FAILED tests/test_calc\.py::{re.escape(test)}\b")
    if listing is not None:
        found.add(listing)
    return sorted(found)


def checker_cases() -> list[Case]:
    node_path = {"PATH": f"{PY2 / 'bin'}:{PY2_NODE / 'node_modules' / '.bin'}:{os.environ['PATH']}"}
    return [
        py(
            "py2-sphinx-W",
            "sphinx",
            "build",
            "sphinx-build -W -b html docs docs/_build",
            {"docs/conf.py": SPHINX_CONF, "docs/index.rst": SPHINX_INDEX, "docs/usage.rst": SPHINX_USAGE},
            first_of(r"usage\.rst:\d+: (?:ERROR|WARNING): "),
            "sphinx -W: an unknown directive (and an undefined label) as errors",
            "sphinx-build --version",
            alt_categories=["lint"],
        ),
        py(
            "py2-sphinx-autodoc",
            "sphinx",
            "build",
            "sphinx-build -W -b html docs docs/_build",
            {
                "docs/conf.py": 'import os, sys\n\nsys.path.insert(0, os.path.abspath(".."))\n'
                + SPHINX_CONF.replace("[]", '["sphinx.ext.autodoc"]'),
                "docs/index.rst": "acme\n====\n\nThe error handling guide lists every exception.\n\n.. automodule:: acme.missing\n   :members:\n",
                "acme/__init__.py": "",
            },
            first_of(r"WARNING: autodoc: failed to import 'missing'"),
            "sphinx -W: autodoc cannot import a module",
            "sphinx-build --version",
            alt_categories=["lint"],
        ),
        py(
            "py2-pyright",
            "pyright",
            "lint",
            "pyright src",
            {"src/app.py": PYRIGHT_BAD, "src/ok.py": "VALUE: int = 1\n"},
            first_of(r"src/app\.py:5:\d+ - error: "),
            "pyright: two type errors",
            "pyright --version",
            env=node_path,
        ),
        py(
            "py2-isort",
            "isort",
            "lint",
            "isort --check-only --diff src",
            {"src/a_ok.py": "import os\n\nprint(os)\n", "src/b_bad.py": ISORT_BAD, "src/c_bad.py": ISORT_BAD},
            first_of(r"^ERROR: \S+b_bad\.py Imports are incorrectly sorted"),
            "isort --check: two files unsorted, with their diffs",
            "isort --version-number",
        ),
        py(
            "py2-bandit",
            "bandit",
            "lint",
            "bandit -r src",
            {"src/tools.py": BANDIT_BAD},
            first_of(r"^>> Issue: \[B\d+:"),
            "bandit: shell=True and md5",
            "bandit --version",
        ),
    ]


SETUP_PY_FAILING = textwrap.dedent(
    """\
    import os

    from setuptools import setup

    print("error: optional speedups disabled")
    if not os.environ.get("LIBFOO_DIR"):
        raise RuntimeError("libfoo 2.0 not found: set LIBFOO_DIR to its install prefix")
    setup(name="acme", version="1.0", packages=["acme"])
    """
)
OLD_TOX_INI = TOX_INI.replace("env_list = py311, lint", "envlist = py37, lint").replace(
    "commands = pytest {posargs}", "setenv = PYTHONPATH = {toxinidir}\ncommands = pytest {posargs}"
)


def second_round_cases() -> list[Case]:
    """Committed after the first round's rules, before the analyzer was run on them: older releases (pip 20.2,
    pytest 4.6, tox 3, nose, Sphinx 3.5, Django 2.2, pylint 2.4, black 19.10b0, mypy 0.770, isort 4 on Python 3.7)
    and a setup.py that fails while pip reads its metadata."""
    src = {"src/acme/__init__.py": "", "src/acme/util.py": FLAKE8_BAD}
    django = {
        "manage.py": DJANGO_MANAGE,
        "settings.py": DJANGO_SETTINGS,
        "shop/__init__.py": "",
        "shop/models.py": "",
        "shop/tests.py": DJANGO_TESTS,
    }
    failing_setup = {"setup.py": SETUP_PY_FAILING, "acme/__init__.py": ""}
    old = {"venv": PY2_OLD}
    return [
        py(
            "py2-pip-setup-error",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            failing_setup,
            first_of(r"^\s+RuntimeError: libfoo 2\.0 not found"),
            "pip 23.2: setup.py raises while pip reads its metadata (metadata-generation-failed)",
            "python -m pip --version",
            alt_categories=["dependency", "config"],
            neutral_hosts=True,
        ),
        py(
            "py2-old-pip-setup-error",
            "pip",
            "build",
            "python -m pip install .",
            failing_setup,
            first_of(r"^\s+RuntimeError: libfoo 2\.0 not found"),
            "pip 20.2: setup.py egg_info raises (`ERROR: Command errored out with exit status 1`)",
            "python -m pip --version",
            alt_categories=["dependency", "config"],
            neutral_hosts=True,
            **old,
        ),
        py(
            "py2-old-pip-cext",
            "pip",
            "build",
            "python -m pip install .",
            {"setup.py": SETUP_PY, "src/fast.c": FAST_C},
            first_of(r"src/fast\.c:\d+:\d+: error: "),
            "pip 20.2 builds a C extension whose compile fails",
            "python -m pip --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
            **old,
        ),
        py(
            "py2-old-pip-missing",
            "pip",
            "dependency",
            WHEELS + "python -m pip install --no-index --find-links wheels 'shared>=3'",
            {"mkwheels.py": MKWHEELS},
            first_of(
                r"^ERROR: Could not find a version that satisfies the requirement", r"^ERROR: No matching distribution"
            ),
            "pip 20.2: no version satisfies the requirement (both lines, as the pip-missing cases label them)",
            "python -m pip --version",
            neutral_hosts=True,
            **old,
        ),
        py(
            "py2-old-pytest",
            "pytest",
            "test",
            "python -m pytest",
            BASE,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 4.6 on Python 3.7: two failures",
            "python -m pytest --version 2>&1 | cut -d, -f1",
            **old,
        ),
        py(
            "py2-old-xdist",
            "pytest",
            "test",
            "python -m pytest -n 2 -v",
            {**BASE, "tests/test_calc.py": TEST_CALC.replace("def test_div_zero", "def test_div_zero_x")},
            lambda lines: _xdist_first(lines, ["test_add_wrong", "test_div_zero_x"]),
            "pytest-xdist 1.34 -v",
            "python -m pytest --version 2>&1 | cut -d, -f1",
            **old,
        ),
        py(
            "py2-old-tox",
            "tox",
            "test",
            "tox -e py37",
            {**BASE, "tox.ini": OLD_TOX_INI, **src},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "tox 3 runs pytest: InvocationError and the ___ summary ___ follow",
            "tox --version | cut -d' ' -f1",
            **old,
        ),
        py(
            "py2-old-tox-envs",
            "tox",
            "lint",
            "tox -e lint,py37",
            {**BASE, "tox.ini": OLD_TOX_INI, **src},
            first_of(r"^src/acme/util\.py:1:1: F401 "),
            "tox 3 runs lint (flake8 3.7 fails) then py37 (pytest fails): the first env's failure is the culprit",
            "tox --version | cut -d' ' -f1",
            alt_categories=["test"],
            **old,
        ),
        py(
            "py2-old-nose",
            "nose",
            "test",
            "nosetests -v tests",
            {**BASE, "tests/__init__.py": ""},
            unittest_first("tests.test_calc.test_div_zero"),
            "nose 1.3.7: function tests, one failing assertion and one error (errors are reported first)",
            "nosetests --version",
            **old,
        ),
        py(
            "py2-old-django",
            "django",
            "test",
            "python manage.py test",
            django,
            unittest_first("test_currency"),
            "Django 2.2 on Python 3.7: one error, one failure",
            "python -m django --version",
            **old,
        ),
        py(
            "py2-old-unittest-import-error",
            "unittest",
            "test",
            "python -m unittest discover -s tests -t .",
            {
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": "import unittest\n\nfrom calc import add\n\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(add(1, 2), 3)\n",
                "tests/test_io.py": "import unittest\n\nimport yaml_reader_missing\n\n\nclass T(unittest.TestCase):\n    def test_read(self):\n        self.assertTrue(yaml_reader_missing)\n",
            },
            unittest_first("tests.test_io"),
            "Python 3.7's unittest discovery cannot import a test module",
            "python --version",
            alt_categories=["dependency"],
            **old,
        ),
        py(
            "py2-old-coverage",
            "pytest",
            "test",
            "python -m pytest --cov=calc --cov-fail-under=90 tests/test_ok.py",
            {
                "calc.py": CALC + "\n\ndef mul(a, b):\n    if a == 0:\n        return 0\n    return a * b\n",
                "tests/test_ok.py": "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
                "pyproject.toml": PYPROJECT,
            },
            first_of(r"Required test coverage of 90% not reached"),
            "pytest-cov 2.8: coverage under the threshold",
            "python -m pytest --version 2>&1 | cut -d, -f1",
            **old,
        ),
        py(
            "py2-old-sphinx",
            "sphinx",
            "build",
            "sphinx-build -W -b html docs docs/_build",
            {"docs/conf.py": SPHINX_CONF, "docs/index.rst": SPHINX_INDEX, "docs/usage.rst": SPHINX_USAGE},
            section(r"^Warning, treated as error:$", inside=[r"\S"]),
            "Sphinx 3.5 -W stops at the first warning",
            "sphinx-build --version",
            alt_categories=["lint"],
            **old,
        ),
        py(
            "py2-old-pylint",
            "pylint",
            "lint",
            "pylint --disable=C src/acme",
            src,
            first_of(r"^src/acme/util\.py:\d+:\d+: [EWCRF]\d{4}:"),
            "pylint 2.4: two warnings",
            "pylint --version | head -1",
            **old,
        ),
        py(
            "py2-old-black",
            "black",
            "lint",
            "black --check src tests",
            {"src/style.py": BLACK_BAD, "src/ok.py": "X = 1\n", "tests/test_style.py": BLACK_BAD},
            first_of(r"^would reformat "),
            "black 19.10b0 --check: two files",
            "black --version",
            **old,
        ),
        py(
            "py2-old-mypy",
            "mypy",
            "lint",
            "mypy src",
            {"src/typed.py": MYPY_BAD, "src/ok.py": "X: int = 1\n"},
            first_of(r"^src/typed\.py:2: error: "),
            "mypy 0.770: errors without their codes",
            "mypy --version",
            **old,
        ),
        py(
            "py2-old-isort",
            "isort",
            "lint",
            "isort --check-only --diff -rc src",
            {"src/a_ok.py": "import os\n\nprint(os)\n", "src/b_bad.py": ISORT_BAD, "src/c_bad.py": ISORT_BAD},
            first_of(r"^ERROR: \S+b_bad\.py Imports are incorrectly sorted"),
            "isort 4.3 --check-only",
            "isort --version | grep VERSION",
            **old,
        ),
    ]


UNITTEST_CALC = textwrap.dedent(
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
)


def third_round_cases() -> list[Case]:
    """Committed after the second round's rules, before the analyzer was run on them: Python 3.6 with pip 18.1,
    pytest 3.10, tox 3.5, flake8 3.5 and `python setup.py test`."""
    py36 = {"venv": PY36}
    pip18 = "python -m pip --version | cut -d' ' -f1-2"
    return [
        py(
            "py2-py36-pip-setup-error",
            "pip",
            "build",
            "python -m pip install .",
            {"setup.py": SETUP_PY_FAILING, "acme/__init__.py": ""},
            first_of(r"^\s+RuntimeError: libfoo 2\.0 not found"),
            'pip 18.1: setup.py egg_info raises (`Command "python setup.py egg_info" failed with error code 1`)',
            pip18,
            alt_categories=["dependency", "config"],
            neutral_hosts=True,
            **py36,
        ),
        py(
            "py2-py36-pip-cext",
            "pip",
            "build",
            "python -m pip install .",
            {"setup.py": SETUP_PY, "src/fast.c": FAST_C},
            first_of(r"src/fast\.c:\d+:\d+: error: "),
            "pip 18.1 builds a C extension whose compile fails, then tries setup.py install and fails again",
            pip18,
            alt_categories=["dependency"],
            neutral_hosts=True,
            **py36,
        ),
        py(
            "py2-py36-pip-missing",
            "pip",
            "dependency",
            WHEELS + "python -m pip install --no-index --find-links wheels 'shared>=3'",
            {"mkwheels.py": MKWHEELS},
            first_of(r"Could not find a version that satisfies the requirement", r"No matching distribution found"),
            "pip 18.1: no version satisfies the requirement (no `ERROR:` prefix yet)",
            pip18,
            neutral_hosts=True,
            **py36,
        ),
        py(
            "py2-py36-pytest",
            "pytest",
            "test",
            "python -m pytest",
            BASE,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 3.10 on Python 3.6: two failures",
            "python -m pytest --version 2>&1 | cut -d, -f1",
            **py36,
        ),
        py(
            "py2-py36-tox",
            "tox",
            "test",
            "tox -e py36",
            {
                **BASE,
                "tox.ini": OLD_TOX_INI.replace("py37", "py36").replace("allowlist_externals", "whitelist_externals"),
                "src/acme/__init__.py": "",
                "src/acme/util.py": FLAKE8_BAD,
            },
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "tox 3.5 runs pytest 3.10",
            "tox --version | cut -d' ' -f1",
            **py36,
        ),
        py(
            "py2-py36-setup-py-test",
            "unittest",
            "test",
            "python setup.py test",
            {
                "setup.py": 'from setuptools import setup\n\nsetup(name="acme", version="1.0", py_modules=["calc"], test_suite="tests")\n',
                "calc.py": CALC,
                "tests/__init__.py": "",
                "tests/test_calc.py": UNITTEST_CALC,
            },
            unittest_first("test_div"),
            "python setup.py test (setuptools 40): unittest's report (the error first), then setuptools' `error: Test failed`",
            "python -c 'import setuptools; print(setuptools.__version__)'",
            **py36,
        ),
        py(
            "py2-py36-flake8",
            "flake8",
            "lint",
            "flake8 src",
            {"src/acme/__init__.py": "", "src/acme/util.py": FLAKE8_BAD + "\n\n\n\ndef long():\n    return 1  \n"},
            first_of(r"^src/acme/util\.py:\d+:\d+: [EFW]\d{3} "),
            "flake8 3.5: several findings",
            "flake8 --version | cut -d' ' -f1",
            **py36,
        ),
    ]


SCRIPT_FAILING = textwrap.dedent(
    """\
    import json
    import logging
    import sys

    logging.basicConfig(level=logging.INFO)
    log = logging.getLogger("gen")


    def load(path):
        with open(path) as handle:
            return json.load(handle)


    def main():
        log.error("retrying the schema download (attempt 1 of 3)")
        log.info("schema downloaded")
        config = load("config.json")
        return config["targets"]["linux"]


    if __name__ == "__main__":
        sys.exit(0 if main() else 1)
    """
)
TEST_WITH_LOGS = textwrap.dedent(
    """\
    import logging

    from calc import add

    log = logging.getLogger("shop")


    def test_add_ok():
        log.error("cache miss: error talking to redis, falling back")
        assert add(1, 2) == 3


    def test_total():
        log.error("price service returned error 503, using cached prices")
        assert add(2, 2) == 5
    """
)


def fourth_round_cases() -> list[Case]:
    """Committed after the third round, before the analyzer was run on them: shapes many Python jobs fail with
    that the first rounds lacked (a conftest that cannot import, a script's traceback under logged errors, a test's
    captured `ERROR` log lines, a missing interpreter under tox, setuptools-scm without git metadata, mkdocs
    --strict)."""
    return [
        py(
            "py2-pytest-conftest-import",
            "pytest",
            "test",
            "python -m pytest",
            {
                **BASE,
                "tests/conftest.py": "import pytest\nimport factory_boy_missing\n\n\n@pytest.fixture\ndef user():\n    return factory_boy_missing\n",
            },
            first_of(
                r"^ImportError while loading conftest",
                r"^E +ModuleNotFoundError: No module named 'factory_boy_missing'",
            ),
            "a conftest.py imports a module that is not installed: pytest stops before collecting",
            "python -m pytest --version",
            alt_categories=["dependency"],
        ),
        py(
            "py2-script-traceback",
            "python",
            "build",
            "python scripts/gen.py",
            {"scripts/gen.py": SCRIPT_FAILING, "config.json": '{"targets": {"macos": true}}'},
            first_of(r"^KeyError: 'linux'$"),
            "a build script's traceback under logged ERROR lines: the exception is the culprit",
            "python --version",
            alt_categories=["unknown", "test", "config"],
        ),
        py(
            "py2-pytest-captured-log",
            "pytest",
            "test",
            "python -m pytest",
            {**BASE, "tests/test_calc.py": TEST_WITH_LOGS},
            pytest_failure("test_total", "tests/test_calc.py"),
            "a failing test's captured log has ERROR lines (and a passing one's too)",
            "python -m pytest --version",
        ),
        py(
            "py2-tox-missing-interpreter",
            "tox",
            "config",
            "tox -e py38,py311",
            {**BASE, "tox.ini": TOX_INI},
            first_of(r"^py38: failed with could not find python interpreter"),
            "tox 4: py38 is not installed (skip_missing_interpreters = false); py311 fails its tests after it",
            "tox --version | cut -d' ' -f1",
            alt_categories=["infrastructure"],
        ),
        py(
            "py2-setuptools-scm",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            {
                "pyproject.toml": '[build-system]\nrequires = ["setuptools", "setuptools-scm"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "acme"\ndynamic = ["version"]\n\n[tool.setuptools_scm]\n',
                "acme/__init__.py": "",
            },
            first_of(r"^\s+LookupError: setuptools-scm was unable to detect version"),
            "setuptools-scm finds no git metadata (a checkout without .git or tags)",
            "python -m pip --version",
            alt_categories=["dependency", "config"],
            neutral_hosts=True,
        ),
        py(
            "py2-mkdocs-strict",
            "mkdocs",
            "build",
            "mkdocs build --strict",
            {
                "mkdocs.yml": "site_name: acme\nnav:\n  - Home: index.md\n  - Usage: usage.md\n",
                "docs/index.md": "# acme\n\nSee [usage](usage.md) and [the API](api.md).\n\nErrors are reported as `error: ...` lines.\n",
                "docs/usage.md": "# Usage\n\nRead [install](install.md#linux).\n",
            },
            first_of(r"Doc file 'index\.md' contains a link 'api\.md', but the target is not found"),
            "mkdocs --strict: two broken links abort the build",
            "mkdocs --version | cut -d' ' -f1-3",
            alt_categories=["lint"],
        ),
    ]


def fifth_round_cases() -> list[Case]:
    """Committed after the fourth round's rules, before the analyzer was run on them: Python 2.7, whose import
    errors read `ImportError: No module named x` (no ModuleNotFoundError)."""
    py27 = {"venv": PY27}
    base27 = {"calc.py": CALC, "tests/__init__.py": "", "tests/test_calc.py": UNITTEST_CALC}
    missing_io = "import unittest\n\nimport yaml_reader_missing\n\n\nclass T(unittest.TestCase):\n    def test_read(self):\n        self.assertTrue(yaml_reader_missing)\n"
    return [
        py(
            "py2-py27-pytest-import",
            "pytest",
            "test",
            "python -m pytest",
            {**base27, "tests/test_io.py": missing_io},
            section(
                r"^_{3,} ERROR collecting tests/test_io\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_io\.py"],
                end=r"^={3,} ",
            ),
            "pytest 4.6 on Python 2.7: a test module imports a module that is not installed",
            "python -m pytest --version 2>&1 | cut -d, -f1",
            alt_categories=["dependency"],
            **py27,
        ),
        py(
            "py2-py27-unittest-import",
            "unittest",
            "test",
            "python -m unittest discover -s tests -t .",
            {**base27, "tests/test_io.py": missing_io},
            unittest_first("tests.test_io"),
            "Python 2.7's unittest discovery cannot import a test module (unittest.loader.ModuleImportFailure)",
            "python --version 2>&1",
            alt_categories=["dependency"],
            **py27,
        ),
        py(
            "py2-py27-nose",
            "nose",
            "test",
            "nosetests tests",
            {**base27, "tests/test_io.py": missing_io},
            unittest_first("test_div"),
            "nose on Python 2.7: an erroring test, a module that cannot be imported and a failing test, in the order run",
            "nosetests --version",
            alt_categories=["dependency"],
            **py27,
        ),
        py(
            "py2-py27-script-import",
            "python",
            "dependency",
            "python scripts/release.py",
            {
                "scripts/release.py": "from __future__ import print_function\n\nprint('error checks: preparing release notes')\nimport requests_toolbelt_missing\n\nprint(requests_toolbelt_missing)\n"
            },
            first_of(r"^ImportError: No module named requests_toolbelt_missing$"),
            "a Python 2.7 script imports a module that is not installed",
            "python --version 2>&1",
            **py27,
        ),
    ]


def sixth_round_cases() -> list[Case]:
    """Committed after the fifth round's rules, before the analyzer was run on them: pytest stopped by its own
    machinery rather than a test (a conftest hook that raises: INTERNALERROR; an unregistered marker under
    --strict-markers)."""
    hook = textwrap.dedent(
        """\
        def pytest_collection_modifyitems(config, items):
            print("error budget: %d tests" % len(items))
            shards = {"linux": 2}
            config.shard = shards[config.getoption("markexpr") or "windows"]
        """
    )
    return [
        py(
            "py2-pytest-internalerror",
            "pytest",
            "test",
            "python -m pytest",
            {**BASE, "tests/conftest.py": hook},
            first_of(r"^INTERNALERROR> KeyError: 'windows'$"),
            "a conftest hook raises: pytest prints INTERNALERROR> lines and stops",
            "python -m pytest --version",
            alt_categories=["config"],
        ),
        py(
            "py2-pytest-strict-markers",
            "pytest",
            "test",
            "python -m pytest --strict-markers",
            {
                **BASE,
                "tests/test_slow.py": "import pytest\n\n\n@pytest.mark.slow\ndef test_big():\n    assert True\n",
            },
            section(
                r"^_{3,} ERROR collecting tests/test_slow\.py _{3,}$",
                inside=[r"'slow' not found in `markers` configuration option"],
                anywhere=[r"^ERROR tests/test_slow\.py"],
                end=r"^={3,} ",
            ),
            "--strict-markers: a test module uses a marker that is not registered",
            "python -m pytest --version",
            alt_categories=["config"],
        ),
    ]


def python_more_cases() -> list[Case]:
    return (
        pre_commit_cases()
        + runner_cases()
        + packaging_cases()
        + test_cases()
        + checker_cases()
        + second_round_cases()
        + third_round_cases()
        + fourth_round_cases()
        + fifth_round_cases()
        + sixth_round_cases()
    )
