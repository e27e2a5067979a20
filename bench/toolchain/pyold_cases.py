# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: Python as Travis-era builds (2013-2019) printed it (``pyo-``).

Older releases on the interpreters of that time (Python 3.6, 3.8 and 2.7, from virtualenvs of their own under
``TOOLCHAIN_PYOLD``, default /tmp/tc/pyold; see README.md): pytest 4.6 and 5.4 (`-ra`, a fixture's setup error
listed before the failures, an ImportError at collection, a segfault without faulthandler), nose 1.3.7 with its
captured logging, tox 3.14 (a lint env failing first, a missing interpreter skipped before a failing env), pep8
1.7, pylint 2.3 and 1.9, coverage 4.5's silent ``--fail-under``, Sphinx 1.8 under ``-W``, pip 19.3 and 21.3
building a C extension (pip 19's ``install -e .`` through ``setup.py develop`` without ``wheel``, pip 21's
``Failed building wheel`` then ``setup.py install``) and pip 19.3 missing a pinned version. A second round
(``pyold_second_cases()``; Python 3.6 with pip 19.1.1 in /tmp/tc/pyold/e, and Python 2.7): pytest-flake8's
FLAKE8-check items, tox 3 unable to install an env's deps, pip 19.1's ``setup.py egg_info`` failure, flake8 3.7
as the 2019 starter workflow ran it, unittest on Python 2.7.

``make_logs.py`` wraps them as GitHub Actions logs (``pyold_cases()``); ``python3 bench/toolchain/pyold_cases.py``
then wraps some of them again as Travis CI's ``language: python`` job logs (``pyo-travis-...``): travis-build's
virtualenv activation, ``pip install -r requirements.txt`` in the install fold (a pip failure stops the build
there), ``The command "..." exited with N.`` and ``Done. Your build exited with 1.``. The culprit lines are found
from what each case knows (the first failing test's name, the file holding the first error), by the conventions of
bench/validation/README.md, never by running the analyzer.
"""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, first_of, pytest_failure, section, unittest_failure

PYOLD = Path(os.environ.get("TOOLCHAIN_PYOLD", "/tmp/tc/pyold"))
# Python 3.6.15: pytest 4.6.11, nose 1.3.7, tox 3.14.0, pep8 1.7.1, pylint 2.3.1, coverage 4.5.4, Sphinx 1.8.5, pip 21.3.1
PY36 = PYOLD / "a"
PY38 = PYOLD / "b"  # Python 3.8.18: pytest 5.4.3
PY27 = PYOLD / "c"  # Python 2.7.18: pylint 1.9.5
PIP19 = PYOLD / "d"
PY36_PIP191 = (
    PYOLD / "e"
)  # Python 3.6.15: pip 19.1.1, pytest 4.6.11 with pytest-flake8 1.0.4, flake8 3.7.9  # Python 3.6.15: pip 19.3.1 and no wheel package (pip falls back to `setup.py install`)
SETUP = "actions/setup-python@v1"
PYTEST_VERSION = "python -m pytest --version 2>&1 | cut -d, -f1"
PIP_VERSION = "python -m pip --version | cut -d' ' -f1-2"

CALC = textwrap.dedent(
    """\
    import logging

    log = logging.getLogger("acme.calc")


    def add(a, b):
        return a + b


    def div(a, b):
        if b == 0:
            log.error("division by zero requested (a=%s)", a)
            return None
        return a / b


    def parse_amount(text):
        return int(text.strip().replace(",", ""))
    """
)
# pytest: a passing test logging an ERROR line, a deprecation warning, two failures and an error in the test body.
TEST_CALC = textwrap.dedent(
    """\
    import logging
    import warnings

    from calc import add, div, parse_amount

    log = logging.getLogger("tests")


    def test_add():
        log.error("ERROR: cache miss for add (expected on a cold cache)")
        assert add(1, 2) == 3


    def test_add_wrong():
        assert add(2, 2) == 5


    def test_div_zero():
        assert div(1, 0) == 0


    def test_parse_amount():
        warnings.warn("parse_amount() will require a str in 2.0", DeprecationWarning)
        assert parse_amount(" 1,200 ") == 1200


    def test_parse_float():
        assert parse_amount("1.5") == 1.5
    """
)
TEST_DB = textwrap.dedent(
    """\
    import logging

    import pytest

    log = logging.getLogger("acme.db")


    @pytest.fixture
    def db():
        log.error("ERROR: could not connect to server: Connection refused")
        raise ConnectionRefusedError(111, "Connection refused: localhost:5432")


    def test_query(db):
        assert db.execute("select 1")
    """
)
TEST_API = textwrap.dedent(
    """\
    import freezegun

    from calc import add


    @freezegun.freeze_time("2019-04-02")
    def test_add_on_release_day():
        assert add(1, 2) == 3
    """
)
TEST_NATIVE = textwrap.dedent(
    """\
    import ctypes
    import logging

    log = logging.getLogger("acme.native")


    def test_loads():
        log.error("ERROR: native cache not found, building it")
        assert ctypes.sizeof(ctypes.c_int) == 4


    def test_reads_buffer():
        assert ctypes.string_at(0x7EAD0000DEAD, 16) == b""


    def test_after():
        assert True
    """
)
# nose / unittest: a passing test logging an ERROR line, two failures (the second logs through the code under
# test, which nose's logcapture shows under it) and an error.
TEST_UNIT = textwrap.dedent(
    """\
    import logging
    import unittest

    from calc import add, div, parse_amount

    log = logging.getLogger("acme.tests")


    class CalcTest(unittest.TestCase):
        def test_add(self):
            log.error("stale fixture cache, rebuilding")
            self.assertEqual(add(1, 2), 3)

        def test_add_wrong(self):
            log.info("checking add(2, 2)")
            self.assertEqual(add(2, 2), 5)

        def test_div_zero(self):
            self.assertEqual(div(1, 0), 0)

        def test_parse(self):
            self.assertEqual(parse_amount("1.5"), 1.5)


    class FormatTest(unittest.TestCase):
        def test_error_text(self):
            print("error: this text is expected output")
            self.assertIn("error", "error: none")
    """
)
UTIL = textwrap.dedent(
    """\
    import os
    import sys


    def total(values):
        result = 0
        for v in values:
            result += v
        return totl


    def main():
        unused = os.getcwd()
        print("error: %s" % sys.argv)
    def long_line_here():
        return "a very long line that goes on and on and on past the limit of one hundred characters, doesn't it"
    """
)
GOOD = 'def ok():\n    """Nothing to see."""\n    return "error: none"\n'
FAST_C = textwrap.dedent(
    """\
    #include <Python.h>

    static PyObject *fast_sum(PyObject *self, PyObject *args) {
        int unused_count;
        PyObject *seq;
        if (!PyArg_ParseTuple(args, "O", &seq))
            return NULL;
        return PyLong_FromSsize_t(PySequence_Length(seq));
    }

    static PyObject *fast_scale(PyObject *self, PyObject *args) {
        double factor;
        if (!PyArg_ParseTuple(args, "d", &factor))
            return NULL;
        return PyFloat_FromDouble(factor * scale_base);
    }

    static PyMethodDef methods[] = {
        {"sum", fast_sum, METH_VARARGS, NULL},
        {"scale", fast_scale, METH_VARARGS, NULL},
        {NULL, NULL, 0, NULL}
    };
    static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fast", NULL, -1, methods};
    PyMODINIT_FUNC PyInit_fast(void) { return PyModule_Create(&module) }
    """
)
SETUP_FAST = textwrap.dedent(
    """\
    from setuptools import Extension, setup

    setup(
        name="acme-fast",
        version="0.3.1",
        ext_modules=[Extension("fast", ["src/fast.c"], extra_compile_args=["-Wall"])],
    )
    """
)
MKWHEELS = textwrap.dedent(
    """\
    import base64, hashlib, sys, zipfile

    out = sys.argv[1]
    for spec in sys.argv[2:]:
        name, version = spec.split("==")
        dist = "%s-%s.dist-info" % (name, version)
        files = {
            name + "/__init__.py": "",
            dist + "/METADATA": "Metadata-Version: 2.1\\nName: %s\\nVersion: %s\\n" % (name, version),
            dist + "/WHEEL": "Wheel-Version: 1.0\\nGenerator: mkwheels\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
        }
        record = []
        path = "%s/%s-%s-py3-none-any.whl" % (out, name, version)
        with zipfile.ZipFile(path, "w") as whl:
            for member, text in files.items():
                whl.writestr(member, text)
                digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
                record.append("%s,sha256=%s,%d" % (member, digest, len(text)))
            record.append(dist + "/RECORD,,")
            whl.writestr(dist + "/RECORD", "\\n".join(record) + "\\n")
    """
)
WHEELS = "mkdir -p wheels && python mkwheels.py wheels six==1.12.0 attrs==19.1.0 requests==2.21.0 requests==2.22.0 && "
REQUIREMENTS = "six==1.12.0\nattrs==19.1.0\nrequests==2.23.0\npytest==4.6.11\n"

TOX_LINT_FIRST = textwrap.dedent(
    """\
    [tox]
    envlist = flake8, py36
    skipsdist = true

    [testenv]
    whitelist_externals = pytest
    setenv = PYTHONPATH = {toxinidir}
    commands = pytest -ra {posargs}

    [testenv:flake8]
    whitelist_externals = flake8
    commands = flake8 acme
    """
)
TOX_SKIP_MISSING = textwrap.dedent(
    """\
    [tox]
    envlist = py27, py36
    skipsdist = true
    skip_missing_interpreters = true

    [testenv]
    whitelist_externals = pytest
    setenv = PYTHONPATH = {toxinidir}
    commands = pytest {posargs}
    """
)
SPHINX_CONF = 'project = "acme"\nmaster_doc = "index"\nextensions = []\nhtml_theme = "alabaster"\n'
SPHINX_INDEX = textwrap.dedent(
    """\
    acme
    ====

    Errors are reported through :func:`acme.report` (see :ref:`error-handling`).

    .. toctree::
       :maxdepth: 2

       usage
       changelog
    """
)
SPHINX_USAGE = "Usage\n=====\n\nRun ``acme --help``; an ``error:`` line means bad input.\n"

PYTEST_PROJECT = {"calc.py": CALC, "tests/__init__.py": "", "tests/test_calc.py": TEST_CALC}
NOSE_PROJECT = {"calc.py": CALC, "tests/__init__.py": "", "tests/test_calc_unit.py": TEST_UNIT}
LINT_PROJECT = {"acme/__init__.py": "", "acme/good.py": GOOD, "acme/util.py": UTIL}


def py(
    name: str,
    tool: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    version: str,
    venv: Path = PY36,
    **extra: object,
) -> Case:
    return Case(name, tool, "python", category, command, files, label, why, version, setup=SETUP, venv=venv, **extra)  # type: ignore[arg-type]


def pyold_cases() -> list[Case]:
    """Committed before the analyzer was run on them."""
    return [
        py(
            "pyo-pytest46-ra",
            "pytest",
            "test",
            "python -m pytest -ra",
            PYTEST_PROJECT,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 4.6 on Python 3.6 with -ra: a passing test's logged ERROR line, three failures, a DeprecationWarning, `in 0.05 seconds`",
            PYTEST_VERSION,
        ),
        py(
            "pyo-pytest46-setup-error",
            "pytest",
            "test",
            "python -m pytest",
            {**PYTEST_PROJECT, "tests/test_db.py": TEST_DB},
            pytest_failure("test_query", "tests/test_db.py", setup_error=True),
            "pytest 4.6: a fixture raises ConnectionRefusedError at setup (its ERRORS section prints before the FAILURES of an earlier module)",
            PYTEST_VERSION,
            alt_categories=["infrastructure"],
        ),
        py(
            "pyo-pytest46-collect-import",
            "pytest",
            "dependency",
            "python -m pytest",
            {**PYTEST_PROJECT, "tests/test_api.py": TEST_API},
            section(r"^_+ ERROR collecting tests/test_api\.py _+$", inside=[r"^E   "], end=r"^!{3,} |^={3,} "),
            "pytest 4.6: `ImportError while importing test module` (freezegun not installed), `Interrupted: 1 errors during collection`",
            PYTEST_VERSION,
            alt_categories=["test"],
        ),
        py(
            "pyo-pytest46-segfault",
            "pytest",
            "test",
            "python -m pytest -v",
            {"tests/__init__.py": "", "tests/test_native.py": TEST_NATIVE},
            first_of(r"^tests/test_native\.py::test_reads_buffer", r"Segmentation fault"),
            "pytest 4.6 on Python 3.6 (no faulthandler plugin): a test reads an unmapped address; the shell reports the segfault",
            PYTEST_VERSION,
            alt_categories=["unknown"],
            prepare="trap : EXIT",
        ),
        py(
            "pyo-pytest54-ra",
            "pytest",
            "test",
            "python -m pytest -rf --tb=short -p no:cacheprovider",
            PYTEST_PROJECT,
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "pytest 5.4 on Python 3.8, --tb=short -rf: `tests/test_calc.py:15: in test_add_wrong`, `FAILED ... - assert 4 == 5`, `in 0.05s`",
            PYTEST_VERSION,
            venv=PY38,
        ),
        py(
            "pyo-pytest54-collect-import",
            "pytest",
            "dependency",
            "python -m pytest -p no:cacheprovider",
            {**PYTEST_PROJECT, "tests/test_api.py": TEST_API},
            section(
                r"^_+ ERROR collecting tests/test_api\.py _+$",
                inside=[r"^E   "],
                anywhere=[r"^ERROR tests/test_api\.py"],
                end=r"^!{3,} |^={3,} ",
            ),
            "pytest 5.4: an ImportError at collection, then `Interrupted: 1 error during collection`",
            PYTEST_VERSION,
            venv=PY38,
            alt_categories=["test"],
        ),
        py(
            "pyo-nose-logcapture",
            "nose",
            "test",
            "nosetests -v",
            NOSE_PROJECT,
            unittest_failure("test_parse"),
            "nose 1.3.7 -v: an error and two failures (errors print first), logcapture's `>> begin captured logging <<` blocks with ERROR lines, `FAILED (errors=1, failures=2)`",
            "nosetests --version",
        ),
        py(
            "pyo-nose-failures",
            "nose",
            "test",
            "nosetests --with-doctest tests",
            {
                **NOSE_PROJECT,
                "tests/test_calc_unit.py": TEST_UNIT.replace('parse_amount("1.5"), 1.5', 'parse_amount("1,5"), 15'),
            },
            unittest_failure("test_add_wrong"),
            "nose 1.3.7 dots: two failures, the first logs nothing; the second's captured logging has an ERROR line",
            "nosetests --version",
        ),
        py(
            "pyo-tox3-lint-first",
            "tox",
            "lint",
            "tox",
            {**PYTEST_PROJECT, **LINT_PROJECT, "tox.ini": TOX_LINT_FIRST},
            first_of(r"^acme/util\.py:\d+:\d+: [EFW]\d{3} "),
            "tox 3.14: the flake8 env fails first, then py36's pytest 4.6; `___ summary ___` with `ERROR:   flake8: commands failed`",
            "tox --version | cut -d' ' -f1",
            alt_categories=["test"],
        ),
        py(
            "pyo-tox3-skip-missing",
            "tox",
            "test",
            "tox",
            {**PYTEST_PROJECT, "tox.ini": TOX_SKIP_MISSING},
            pytest_failure("test_add_wrong", "tests/test_calc.py"),
            "tox 3.14 with skip_missing_interpreters: py27 is skipped (`SKIPPED: InterpreterNotFound: python2.7`), py36's pytest fails",
            "tox --version | cut -d' ' -f1",
            env={"PATH": f"{PY36}/bin:/usr/local/bin:/usr/bin:/bin"},
        ),
        py(
            "pyo-pep8",
            "pep8",
            "lint",
            "pep8 --max-line-length=100 acme",
            LINT_PROJECT,
            first_of(r"^acme/util\.py:\d+:\d+: [EW]\d{3} "),
            "pep8 1.7.1: its rename warning (`pep8 has been renamed to pycodestyle`) on stderr, then its findings",
            "pep8 --version 2>/dev/null",
        ),
        py(
            "pyo-pylint23",
            "pylint",
            "lint",
            "pylint acme",
            LINT_PROJECT,
            section(r"^\*+ Module acme\.util$", inside=[r"^acme/util\.py:\d+:\d+: [CRWEF]\d{4}: "]),
            "pylint 2.3: `************* Module acme.util`, msg ids like C0111, the score line",
            "pylint --version | head -1",
        ),
        py(
            "pyo-pylint19-py27",
            "pylint",
            "lint",
            "pylint acme",
            LINT_PROJECT,
            section(r"^\*+ Module acme\.util$", inside=[r"^[CRWEF]: *\d+, *\d+: "]),
            "pylint 1.9 on Python 2.7: findings as `C:  1, 0: message (symbol)` under the module header, then the score",
            "pylint --version 2>/dev/null | head -1",
            venv=PY27,
        ),
        py(
            "pyo-coverage4-fail-under",
            "coverage",
            "test",
            "coverage run -m pytest -q tests && coverage report -m --fail-under=90",
            {
                "calc.py": CALC + "\n\ndef unused(a):\n    if a:\n        return a * 2\n    return 0\n",
                ".coveragerc": "[run]\nsource = .\n\n[report]\nshow_missing = true\n",
                "tests/__init__.py": "",
                "tests/test_calc.py": "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
            },
            first_of(r"^TOTAL\s"),
            "coverage 4.5 report --fail-under: exits 2 and prints no message of its own; the TOTAL line shows what broke",
            "coverage --version | head -1",
        ),
        py(
            "pyo-sphinx18-W",
            "sphinx",
            "build",
            "sphinx-build -W -b html docs docs/_build/html",
            {"docs/conf.py": SPHINX_CONF, "docs/index.rst": SPHINX_INDEX, "docs/usage.rst": SPHINX_USAGE},
            first_of(r"^Warning, treated as error:", r"index\.rst:\d+:.*(?:nonexisting document|undefined label)"),
            "Sphinx 1.8 with -W stops at the first warning: `Warning, treated as error:` then the file's warning",
            "sphinx-build --version",
            alt_categories=["lint", "config"],
        ),
        py(
            "pyo-pip21-cext",
            "pip",
            "build",
            "python -m pip install .",
            {"setup.py": SETUP_FAST, "src/fast.c": FAST_C},
            first_of(r"src/fast\.c:\d+:\d+: error: "),
            "pip 21.3 on Python 3.6: `Building wheel ... error`, `Failed building wheel`, then `setup.py install` fails again on the same compile",
            PIP_VERSION,
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "pyo-pip19-legacy-cext",
            "pip",
            "build",
            "pip install -e . && python -m pytest",
            {
                "setup.py": SETUP_FAST,
                "src/fast.c": FAST_C,
                "tests/test_fast.py": "import fast\n\n\ndef test_sum():\n    assert fast.sum([1, 2]) == 2\n",
            },
            first_of(r"src/fast\.c:\d+:\d+: error: "),
            "pip 19.3 `install -e .`: `Running setup.py develop for acme-fast`, `ERROR: Command errored out with exit status 1:` holding gcc's error",
            PIP_VERSION,
            venv=PIP19,
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "pyo-pip19-not-found",
            "pip",
            "dependency",
            WHEELS + "pip install --no-index --find-links wheels -r requirements.txt",
            {"mkwheels.py": MKWHEELS, "requirements.txt": REQUIREMENTS},
            first_of(
                r"Could not find a version that satisfies the requirement requests==2\.23\.0",
                r"No matching distribution found for requests==2\.23\.0",
            ),
            "pip 19.3: a pinned version the index lacks (`(from versions: 2.21.0, 2.22.0)`)",
            PIP_VERSION,
            venv=PIP19,
            neutral_hosts=True,
        ),
    ]


TOX_DEPS = textwrap.dedent(
    """\
    [tox]
    envlist = py36
    skipsdist = true

    [testenv]
    deps =
        six==1.12.0
        requests==2.23.0
    setenv =
        PIP_NO_INDEX = 1
        PIP_FIND_LINKS = {toxinidir}/wheels
    whitelist_externals = pytest
    commands = pytest {posargs}
    """
)
SETUP_EGG_INFO = textwrap.dedent(
    """\
    import subprocess

    from setuptools import setup


    def git_version():
        print("warning: no git tag found, falling back to describe")
        out = subprocess.check_output(["git", "describe", "--tags"], stderr=subprocess.STDOUT)
        return out.decode().strip().lstrip("v")


    setup(name="acme", version=git_version(), packages=["acme"])
    """
)
LEGACY_PY2 = 'def greet(name):\n    print "hello, %s" % name\n'
TEST_UNIT_PY27 = textwrap.dedent(
    """\
    # -*- coding: utf-8 -*-
    import logging
    import unittest

    log = logging.getLogger("acme.tests")


    def slug(text):
        return text.lower().replace(" ", "-")


    class SlugTest(unittest.TestCase):
        def test_ascii(self):
            log.error("ERROR: legacy slug table missing, using the default")
            self.assertEqual(slug(u"Hello World"), u"hello-world")

        def test_unicode(self):
            self.assertEqual(slug(u"Caf\\u00e9 Cr\\u00e8me"), u"cafe-creme")

        def test_empty(self):
            self.assertEqual(slug(None), u"")
    """
)


def pyold_second_cases() -> list[Case]:
    """The second round, committed before the analyzer ran on it (after the first round's rules)."""
    return [
        py(
            "pyo-pytest-flake8",
            "pytest",
            "lint",
            "python -m pytest --flake8 -ra",
            {**PYTEST_PROJECT, **LINT_PROJECT},
            section(
                r"^_+ FLAKE8-check _+$",
                inside=[r"^\S*acme/util\.py:\d+:\d+: [EFW]\d{3} "],
                end=r"^_{3,} .* _{3,}$|^={3,} ",
            ),
            "pytest-flake8 1.0.4 under pytest 4.6: FLAKE8-check items fail before the tests' own failures",
            PYTEST_VERSION,
            venv=PY36_PIP191,
            alt_categories=["test"],
        ),
        py(
            "pyo-tox3-deps",
            "tox",
            "dependency",
            WHEELS + "tox",
            {**PYTEST_PROJECT, "mkwheels.py": MKWHEELS, "tox.ini": TOX_DEPS},
            first_of(
                r"Could not find a version that satisfies the requirement requests==2\.23\.0",
                r"No matching distribution found for requests==2\.23\.0",
            ),
            "tox 3.14 cannot install an env's deps: `ERROR: invocation failed (exit code 1), logfile:`, pip's log between `log start` and `log end`, `could not install deps`",
            "tox --version | cut -d' ' -f1",
            neutral_hosts=True,
            env={"PIP_CONFIG_FILE": "/dev/null"},
        ),
        py(
            "pyo-pip191-egg-info",
            "pip",
            "build",
            "pip install .",
            {"setup.py": SETUP_EGG_INFO, "acme/__init__.py": ""},
            first_of(r"^\S*(?:ERROR: )?\s*subprocess\.CalledProcessError: "),
            'pip 19.1: setup.py egg_info fails (no git tags in a shallow clone): `ERROR: Complete output from command python setup.py egg_info:`, `ERROR: Command "python setup.py egg_info" failed with error code 1 in /tmp/pip-req-build-.../`',
            PIP_VERSION,
            venv=PY36_PIP191,
            alt_categories=["dependency", "config"],
            neutral_hosts=True,
            env={"PIP_CONFIG_FILE": "/dev/null", "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        ),
        py(
            "pyo-flake8-starter",
            "flake8",
            "lint",
            "flake8 . --count --select=E9,F63,F7,F82 --show-source --statistics",
            {**LINT_PROJECT, "acme/legacy.py": LEGACY_PY2},
            first_of(r"^\./acme/\S+\.py:\d+:\d+: [EF]\d{3} "),
            "flake8 3.7 as the 2019 starter workflow ran it: a Python 2 print statement (E999) and an undefined name, --show-source, --statistics, the count",
            "flake8 --version | cut -d' ' -f1",
        ),
        py(
            "pyo-unittest-py27",
            "unittest",
            "test",
            "python -m unittest discover -v",
            {"tests/__init__.py": "", "tests/test_slug.py": TEST_UNIT_PY27},
            unittest_failure("test_empty"),
            "unittest on Python 2.7: an error (None has no lower) printed before a failure of unicode strings; a logged ERROR line in a passing test",
            "python --version 2>&1",
            venv=PY27,
        ),
    ]


# --- the same failures as Travis CI's python jobs printed them -----------------------------------------------------

# Which logs, and whether their command ran in Travis's install phase (a failure there stops the build).
TRAVIS = {
    "pyo-pytest46-ra": "script",
    "pyo-pytest46-setup-error": "script",
    "pyo-pytest46-collect-import": "script",
    "pyo-pytest46-segfault": "script",
    "pyo-nose-logcapture": "script",
    "pyo-tox3-skip-missing": "script",
    "pyo-pep8": "script",
    "pyo-pylint23": "script",
    "pyo-pip21-cext": "install",
    "pyo-pip19-not-found": "install",
    "pyo-tox3-deps": "script",
    "pyo-pip191-egg-info": "install",
    "pyo-flake8-starter": "script",
    "pyo-pytest-flake8": "script",
}


def travis_python(name: str, command: str, body: list[str], code: int, stage: str) -> tuple[list[str], int]:
    """travis-build's python job (lib/travis/build/script/python.rb: `source ~/virtualenv/python3.6/bin/activate`,
    `python --version`, `pip --version`, the install phase's `pip install -r requirements.txt`), the script phase's
    command and ``The command "<cmd>" exited with N.`` (templates/header.sh, travis_result.bash); a failed install
    command prints ``... failed and exited with N during install.`` and ``Your build has been stopped.``."""
    from ci_wrap_cases import ESC, fold, timer, unfold

    lines = [
        f"{fold('worker_info')}{ESC}[33;1mWorker information{ESC}[0m",
        "hostname: 8f2a61c4-3d7e-4b90-a1f5-6c2e9d0b7a43@1.worker-org-7b9d5c6f4-q8x2m.gce-production-2",
        "version: v6.2.1 https://github.com/travis-ci/worker/tree/5b3e2d1c0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d",
        "instance: travis-job-2e4f6a8c-1b3d-4f5a-8c7e-9d0b1a2c3e4f travis-ci-sardonyx-xenial-1553530528-f909ac5 (via amqp)",
        "startup: 6.115383226s",
        unfold("worker_info"),
        f"{fold('system_info')}{ESC}[33;1mBuild system information{ESC}[0m",
        "Build language: python",
        "Build group: stable",
        "Build dist: xenial",
        "Build id: 512345678",
        "Job id: 512345679",
        "Runtime kernel version: 4.15.0-1028-gcp",
        "travis-build version: 3a4cd2d08",
        f"{ESC}[34m{ESC}[1mBuild image provisioning date and time{ESC}[0m",
        "Mon Mar 25 16:20:45 UTC 2019",
        f"{ESC}[34m{ESC}[1mOperating System Details{ESC}[0m",
        "Distributor ID:\tUbuntu",
        "Description:\tUbuntu 16.04.6 LTS",
        "Release:\t16.04",
        "Codename:\txenial",
        unfold("system_info"),
        "",
        f"{ESC}[33;1mNetwork availability confirmed.{ESC}[0m",
        "",
    ]
    start, end = timer(11, "checkout")
    lines += [
        f"{fold('git.checkout')}{start}$ git clone --depth=50 --branch=master https://github.com/acme/acme.git acme/acme",
        "Cloning into 'acme/acme'...",
        f"{end}$ cd acme/acme",
        "$ git checkout -qf 9c1e5a7d3b2f4e6a8c0d1e2f3a4b5c6d7e8f9a0b",
        unfold("git.checkout"),
        "",
        f"{ESC}[33;1mSetting environment variables from repository settings{ESC}[0m",
        "$ export CODECOV_TOKEN=[secure]",
        "",
    ]
    start, end = timer(12)
    lines += [f"{start}$ source ~/virtualenv/python3.6/bin/activate", end]
    lines += ["$ python --version", "Python 3.6.15", "$ pip --version"]
    lines += ["pip 21.3.1 from /home/travis/virtualenv/python3.6.15/lib/python3.6/site-packages/pip (python 3.6)"]
    start, end = timer(13)
    if stage == "install":
        lines += [f"{fold('install')}{start}$ {command}"]
        first = len(lines)
        lines += body
        lines += [
            end,
            "",
            f'{ESC}[31;1mThe command "{command}" failed and exited with {code} during install.{ESC}[0m',
            "",
            "Your build has been stopped.",
        ]
        return lines, first
    lines += [
        f"{fold('install')}{start}$ pip install -r requirements.txt",
        "Requirement already satisfied: six==1.12.0 in /home/travis/virtualenv/python3.6.15/lib/python3.6/site-packages (from -r requirements.txt (line 1)) (1.12.0)",
        "Collecting attrs==19.1.0 (from -r requirements.txt (line 2))",
        "  Downloading https://packages.example.com/packages/attrs-19.1.0-py2.py3-none-any.whl",
        "Installing collected packages: attrs",
        "Successfully installed attrs-19.1.0",
        f"{end}{unfold('install')}",
    ]
    start, end = timer(14)
    lines += [f"{start}$ {command}"]
    first = len(lines)
    lines += body
    lines += [end, "", f'{ESC}[31;1mThe command "{command}" exited with {code}.{ESC}[0m']
    start, end = timer(15)
    lines += [
        "",
        f"{fold('after_failure.1')}{ESC}[33;1m$ cat /tmp/acme-worker.log{ESC}[0m",
        "2019-04-02 10:00:03,412 INFO acme.worker: started",
        "2019-04-02 10:00:04,017 ERROR acme.db: connection refused (attempt 1 of 3)",
        "2019-04-02 10:00:05,021 INFO acme.db: connected",
        unfold("after_failure.1"),
        "",
        f"{fold('cache.2')}store build cache",
        "change detected (content changed, file is created, or file is deleted):",
        "/home/travis/.cache/pip/http/1/2/3/0123456789abcdef",
        "",
        "changes detected, packing new archive",
        "uploading master/cache-linux-xenial-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855--python-3.6.tgz",
        "cache uploaded",
        unfold("cache.2"),
        "",
        "Done. Your build exited with 1.",
    ]
    return lines, first


def travis_rewrap(out: Path) -> None:
    """Wrap the chosen ``pyo-`` GitHub Actions logs again as Travis CI logs, shifting their culprit lines."""

    from ci_wrap_cases import load_source, write_travis_copy

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name, stage in TRAVIS.items():
        key = f"{name}.log"
        source = load_source(out, key, labels[key])
        # What Travis ran: the bare command (`pytest`, not `python -m pytest`), paths under /home/travis/build.
        command = re.sub(r"^python -m (pytest|pip)\b", r"\1", source.command)
        if stage == "install":
            command = command.split(" && ")[-1]
        body = [line.replace("/home/runner/work/acme/acme", "/home/travis/build/acme/acme") for line in source.body]
        body = [line.replace("/opt/hostedtoolcache/Python/3.6.15/x64", "/opt/python/3.6.15") for line in body]
        # travis-build runs each command through its bash functions file: bash names that file when a child dies.
        body = [
            re.sub(
                r"^(.*)bash: line \d+: +(\d+ \w[\w ]*?) +python -m (\w+)",
                r"\1/home/travis/.travis/functions: line 109:  \2      \3",
                line,
            )
            for line in body
        ]
        lines, first = travis_python(name, command, body, source.code, stage)
        culprits = [first + index + 1 for index in source.culprits]
        new = f"pyo-travis-{name.removeprefix('pyo-')}.log"
        write_travis_copy(
            out,
            labels,
            key,
            new,
            lines,
            culprits,
            path=f"pyold_cases.py:{new.removesuffix('.log')}",
            why=f"{labels[key]['why']} (as a Travis CI python job printed it, in its {stage} phase)",
            command=command,
        )
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    travis_rewrap(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
