# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set, part four of the Python tools: failures surrounded by the noise that makes an
analyzer pick the wrong line. The application under test logs ERROR and CRITICAL lines and `logging.exception`
tracebacks in passing and failing tests, passing tests print `Error:` and `Traceback` text, pytest's `-rA`/`-rP`
sections, live logs and warnings summaries sit around the failures, several tests fail (often with the same
message), pytest-rerunfailures reruns, pytest-timeout dumps threads, a fixture errors at setup, collection errors
sit beside failures, coverage fails under after failing tests, `make` wraps pytest, unittest and Django's runner
print logs among their results; C++ and Cython extensions and a missing header fail under pip and setup.py, pip's
resolver complains (in an `ERROR:` line that does not stop the job) before a test fails; tox and nox run several
failing environments (the first one's failure is the culprit), also in parallel.

The cases reuse make_logs.py's ``Case``, labellers and wrapping; make_logs.py adds them to its list. The tools come
from a virtualenv of their own (``TOOLCHAIN_PY3_VENV``, default /tmp/tc/venv-py3; see README.md). Everything runs
offline. The culprit lines are found from what each case knows (the first failing test's name, the file holding
the first error, the first environment that failed), by the conventions of bench/validation/README.md, never by
running the analyzer.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

from make_logs import Case, Labeller, find, first_of, many_tests, pytest_failure, section
from python_more_cases import DJANGO_MANAGE, MKWHEELS, WHEELS

PY3 = Path(os.environ.get("TOOLCHAIN_PY3_VENV", "/tmp/tc/venv-py3"))
PYTEST_VERSION = "python -m pytest --version"


def py(
    name: str,
    tool: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    version: str = PYTEST_VERSION,
    **extra: object,
) -> Case:
    return Case(name, tool, "python", category, command, files, label, why, version, venv=PY3, **extra)  # type: ignore[arg-type]


# --- labellers -------------------------------------------------------------------------------------------------


def pytest_native(test: str, path: str) -> Labeller:
    """pytest --tb=native: the section header, the exception line ending the first traceback, the summary line."""
    return section(
        rf"^_{{3,}} {re.escape(test)} _{{3,}}$",
        inside=[r"^\w+(?:\.\w+)*(?:Error|Exception): "],
        anywhere=[rf"^FAILED \S*{re.escape(path)}::{re.escape(test)}(?: |$)"],
        end=r"^_{3,} .* _{3,}$|^={3,} ",
    )


def timeout_banners(lines: list[str]) -> list[int]:
    """pytest-timeout's thread method: its `+++ Timeout +++` banner, printed after the test's name in the listing
    and again below the stack dumps (the process exits there)."""
    found = [index for index, line in enumerate(lines) if re.search(r"\+{5,} Timeout \+{5,}$", line)]
    if not found:
        raise LookupError("no Timeout banner")
    return found


def unittest_first_header(lines: list[str]) -> list[int]:
    """unittest and Django's runner: the first FAIL:/ERROR: header (unittest prints its errors before its failures)
    and the exception line ending its traceback."""
    top = find(lines, r"^(?:FAIL|ERROR): \w+ \(")
    if top is None:
        raise LookupError("no FAIL:/ERROR: header")
    stop = find(lines, r"^={20,}$|^-{20,}$", top + 2)
    found = [top]
    for index in range(top + 1, len(lines) if stop is None else stop):
        if re.match(r"^\w+(?:\.\w+)*(?:Error|Exception|Failure)(?:: |$)", lines[index]):
            found.append(index)
            break
    return found


def first_env_pytest(envs: dict[str, tuple[str, str]]) -> Labeller:
    """tox -p: the environments finish in any order and tox prints each one's output when it ends; the culprit is
    the first failing test of whichever environment's output comes first. ``envs`` maps an environment's name to
    its first failing test and file."""

    def label(lines: list[str]) -> list[int]:
        best: tuple[int, str] | None = None
        for env in envs:
            index = find(lines, rf"^{re.escape(env)}: (?:commands\[\d+\]|FAIL|fail)")
            if index is not None and (best is None or index < best[0]):
                best = (index, env)
        if best is None:
            raise LookupError("no environment output")
        test, path = envs[best[1]]
        return [best[0] + index for index in pytest_failure(test, path)(lines[best[0] :])]

    return label


# --- the projects ----------------------------------------------------------------------------------------------

PYPROJECT = "[tool.pytest.ini_options]\npythonpath = ['.']\n"

ORDERS = textwrap.dedent(
    """\
    import logging
    import warnings

    log = logging.getLogger("shop.orders")


    def place(order):
        if not order.get("items"):
            log.error("order %s rejected: no items", order.get("id"))
            return None
        try:
            total = sum(item["price"] * item["qty"] for item in order["items"])
        except KeyError:
            log.exception("order %s: malformed item", order.get("id"))
            return None
        if total > 1000:
            log.critical("order %s: total %s over the limit, flagged for review", order["id"], total)
        discount = order.get("discount", 0)
        if discount:
            log.error("order %s: discount %s applied after tax (legacy pricing)", order["id"], discount)
            total = total - round(discount * 10)
        return total


    def legacy_total(order):
        warnings.warn("legacy_total() is deprecated, use place()", DeprecationWarning, stacklevel=2)
        return place(order)
    """
)

TEST_ORDERS = textwrap.dedent(
    """\
    from shop.orders import legacy_total, place


    def test_empty_order_is_rejected():
        assert place({"id": 1, "items": []}) is None


    def test_malformed_item_is_logged():
        assert place({"id": 2, "items": [{"price": 3}]}) is None


    def test_retry_prints_error_text():
        print("Error: connection refused (expected: the retry path is under test)")
        print("Traceback (most recent call last):")
        print('  File "client.py", line 3, in fetch')
        print("ConnectionRefusedError: [Errno 111] Connection refused")
        assert True


    def test_discount_applied():
        assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27


    def test_legacy_total():
        assert legacy_total({"id": 5, "items": [{"price": 2, "qty": 2}]}) == 4


    def test_big_order_total():
        assert place({"id": 4, "items": [{"price": 600, "qty": 2}]}) == 1100
    """
)

SHOP = {
    "shop/__init__.py": "",
    "shop/orders.py": ORDERS,
    "tests/test_orders.py": TEST_ORDERS,
    "pyproject.toml": PYPROJECT,
}
FIRST_SHOP = pytest_failure("test_discount_applied", "tests/test_orders.py")

TEST_SAME_MESSAGE = textwrap.dedent(
    """\
    import pytest

    from shop.orders import place


    def check(order, expected):
        total = place(order)
        assert total == expected, "discounted total does not match the price list"


    def test_small_order():
        check({"id": 10, "items": [{"price": 1, "qty": 1}]}, 1)


    def test_discounted_order():
        check({"id": 11, "items": [{"price": 10, "qty": 1}], "discount": 0.2}, 8)


    def test_discounted_bulk_order():
        check({"id": 12, "items": [{"price": 10, "qty": 5}], "discount": 0.2}, 40)


    @pytest.mark.parametrize("qty", [1, 2, 10])
    def test_discounted_each(qty):
        check({"id": 13, "items": [{"price": 10, "qty": qty}], "discount": 0.2}, 8 * qty)
    """
)

TEST_RERUN = textwrap.dedent(
    """\
    import logging
    import pathlib

    from shop.orders import place

    log = logging.getLogger("tests.flaky")


    def test_flaky_connection(tmp_path_factory):
        marker = pathlib.Path(tmp_path_factory.getbasetemp().parent) / "attempted"
        if not marker.exists():
            marker.write_text("1")
            log.error("ConnectionError: broker unavailable, the test will be rerun")
            raise ConnectionError("broker unavailable")
        assert True


    def test_total():
        assert place({"id": 1, "items": [{"price": 2, "qty": 3}]}) == 6


    def test_discount_applied():
        assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27
    """
)

TEST_TIMEOUT = textwrap.dedent(
    """\
    import logging
    import threading
    import time

    log = logging.getLogger("worker")


    def poll_queue(stop):
        while not stop.is_set():
            log.error("queue poll failed: error 111, retrying")
            time.sleep(0.5)


    def test_fast():
        assert True


    def test_waits_for_worker():
        stop = threading.Event()
        worker = threading.Thread(target=poll_queue, args=(stop,), name="queue-poller", daemon=True)
        worker.start()
        worker.join()


    def test_after():
        assert True
    """
)

CONFTEST_FIXTURE = textwrap.dedent(
    """\
    import logging

    import pytest

    log = logging.getLogger("tests.db")


    @pytest.fixture
    def database():
        try:
            raise OSError("could not connect to server: Connection refused")
        except OSError:
            log.exception("database fixture: connect failed")
            raise
    """
)

TEST_FIXTURE = textwrap.dedent(
    """\
    from shop.orders import place


    def test_empty_order_is_rejected():
        assert place({"id": 1, "items": []}) is None


    def test_orders_table(database):
        assert database is not None


    def test_discount_applied():
        assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27
    """
)

TEST_WARNINGS = textwrap.dedent(
    """\
    import warnings

    from shop.orders import legacy_total, place


    def test_legacy_total():
        assert legacy_total({"id": 5, "items": [{"price": 2, "qty": 2}]}) == 4


    def test_report_file(tmp_path):
        path = tmp_path / "report.txt"
        path.write_text("ok")
        handle = open(path)
        assert handle.read() == "ok"
        del handle


    def test_discount_applied():
        assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27


    def test_big_order_total():
        warnings.warn("float prices are deprecated", DeprecationWarning)
        assert place({"id": 4, "items": [{"price": 600, "qty": 2}]}) == 1100
    """
)

UNITTEST_MANY = textwrap.dedent(
    """\
    import logging
    import unittest

    logging.basicConfig(level=logging.INFO)
    log = logging.getLogger("billing")


    def charge(amount):
        if amount < 0:
            raise ValueError(f"negative amount: {amount}")
        return round(amount * 1.2, 2)


    class ChargeTests(unittest.TestCase):
    {tests}
        def test_rounding(self):
            self.assertEqual(charge(0.1), 0.13)

        def test_negative_logged(self):
            try:
                charge(-1)
            except ValueError:
                log.exception("charge failed for customer 42")
            self.assertTrue(True)

        def test_currency_lookup(self):
            rates = {"EUR": 1.0}
            self.assertEqual(rates["USD"], 1.1)

        def test_total(self):
            log.error("ERROR: ledger out of sync, reconciling")
            self.assertEqual(charge(10), 11)
    """
)


def unittest_many() -> str:
    tests = "".join(
        f"    def test_case_{i:02d}(self):\n        log.info('checking case {i}')\n        self.assertGreaterEqual({i}, 0)\n\n"
        for i in range(24)
    )
    return UNITTEST_MANY.replace("{tests}\n", tests)


DJANGO_SETTINGS_LOG = textwrap.dedent(
    """\
    SECRET_KEY = "test"
    INSTALLED_APPS = ["shop"]
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
    ROOT_URLCONF = "shop.urls"
    ALLOWED_HOSTS = ["testserver"]
    MIDDLEWARE = []
    USE_TZ = True
    DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
    LOGGING = {
        "version": 1,
        "handlers": {"console": {"class": "logging.StreamHandler"}},
        "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}, "shop": {"handlers": ["console"], "level": "WARNING"}},
    }
    """
)
DJANGO_VIEWS = textwrap.dedent(
    """\
    import logging

    from django.http import JsonResponse

    log = logging.getLogger("shop.views")


    def boom(request):
        raise ValueError("payment gateway returned garbage")


    def price(request):
        log.warning("price lookup for %s served from cache", request.GET.get("sku"))
        return JsonResponse({"price": 12})
    """
)
DJANGO_URLS = 'from django.urls import path\n\nfrom shop import views\n\nurlpatterns = [path("boom/", views.boom), path("price/", views.price)]\n'
DJANGO_LOG_TESTS = textwrap.dedent(
    """\
    from django.test import Client, TestCase


    class ViewTests(TestCase):
        def test_boom_returns_500(self):
            client = Client(raise_request_exception=False)
            self.assertEqual(client.get("/boom/").status_code, 500)

        def test_price(self):
            self.assertEqual(self.client.get("/price/?sku=A1").json()["price"], 10)

        def test_price_missing_sku(self):
            self.assertEqual(self.client.get("/price/").json()["currency"], "EUR")
    """
)

CPP_EXT = textwrap.dedent(
    """\
    #define PY_SSIZE_T_CLEAN
    #include <Python.h>
    #include <string>
    #include <vector>

    namespace acme {

    template <typename T>
    T total(const std::vector<T> &values) {
        T sum{};
        for (const auto &value : values) sum += value;
        return sum;
    }

    std::string describe(const std::vector<int> &values) {
        int unused = 0;
        return "total=" + total(values);
    }

    long scaled(const std::vector<long> &values) {
        return total(values) * factor;
    }

    }  // namespace acme

    static PyObject *fast_total(PyObject *, PyObject *) {
        return PyLong_FromLong(acme::scaled({1, 2, 3}));
    }

    static PyMethodDef methods[] = {{"total", fast_total, METH_NOARGS, nullptr}, {nullptr, nullptr, 0, nullptr}};
    static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fastcpp", nullptr, -1, methods};
    PyMODINIT_FUNC PyInit_fastcpp(void) { return PyModule_Create(&module); }
    """
)
CPP_SETUP = 'from setuptools import Extension, setup\n\nsetup(name="fastcpp", version="1.0", ext_modules=[Extension("fastcpp", ["src/fastcpp.cpp"], language="c++", extra_compile_args=["-std=c++17", "-Wall"])])\n'
C_PYPROJECT = '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'

SNAPPY_C = textwrap.dedent(
    """\
    #define PY_SSIZE_T_CLEAN
    #include <Python.h>
    #include <snappy-c.h>

    static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
    static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_snappy", NULL, -1, methods};
    PyMODINIT_FUNC PyInit__snappy(void) { return PyModule_Create(&module); }
    """
)
SNAPPY_SETUP = 'from setuptools import Extension, setup\n\nsetup(name="acme-snappy", version="1.0", ext_modules=[Extension("_snappy", ["src/_snappy.c"], libraries=["snappy"])])\n'

CYTHON_PYX = textwrap.dedent(
    """\
    # cython: language_level=3
    def total(list values):
        cdef long sum = 0
        for value in values:
            sum += value
        return sum * scale


    cdef class Counter:
        cdef int count
        def bump(self):
            self.count += "1"
    """
)
CYTHON_SETUP = 'from Cython.Build import cythonize\nfrom setuptools import setup\n\nsetup(name="fastcy", version="1.0", ext_modules=cythonize(["src/fastcy.pyx"]))\n'

TOX_MULTI = textwrap.dedent(
    """\
    [tox]
    env_list = lint, format, py311
    skip_missing_interpreters = false

    [testenv]
    skip_install = true
    allowlist_externals = pytest
    commands = pytest -q {posargs}

    [testenv:lint]
    skip_install = true
    allowlist_externals = flake8
    commands = flake8 src

    [testenv:format]
    skip_install = true
    allowlist_externals = black
    commands = black --check src
    """
)
TOX_TWO_PYTEST = textwrap.dedent(
    """\
    [tox]
    env_list = unit, integration

    [testenv]
    skip_install = true
    allowlist_externals = pytest

    [testenv:unit]
    commands = pytest tests/unit

    [testenv:integration]
    commands = pytest tests/integration
    """
)
NOX_TESTS_FIRST = textwrap.dedent(
    """\
    import nox

    nox.options.default_venv_backend = "none"
    nox.options.sessions = ["tests", "lint"]


    @nox.session
    def tests(session):
        session.run("pytest", "-q", external=True)


    @nox.session
    def lint(session):
        session.run("flake8", "src", external=True)
    """
)
FLAKE8_BAD = "import os\nimport sys\n\n\ndef main():\n    x = 1\n    return sys.argv\n"
BLACK_BAD = "def f(a,b):\n    return {'a':a,'b':b}\n"

MAKEFILE = textwrap.dedent(
    """\
    .PHONY: lint test

    lint:
    \t@echo "lint: no errors found"

    test:
    \tpython -m pytest -q -p no:cacheprovider tests
    """
)


def noise_cases() -> list[Case]:
    """Committed before the analyzer was run on them."""
    src = {"src/acme/__init__.py": "", "src/acme/util.py": FLAKE8_BAD, "src/acme/fmt.py": BLACK_BAD}
    return [
        py(
            "py3-pytest-logs-rA",
            "pytest",
            "test",
            "python -m pytest -rA",
            SHOP,
            FIRST_SHOP,
            "pytest -rA: passing and failing tests' captured logs hold ERROR/CRITICAL lines and a logged traceback; a passing test prints Error:/Traceback text",
        ),
        py(
            "py3-pytest-logs-rP",
            "pytest",
            "test",
            "python -m pytest -rP --tb=short",
            SHOP,
            FIRST_SHOP,
            "pytest -rP --tb=short: the PASSES section shows the passing tests' captured ERROR logs and printed tracebacks after the failures",
        ),
        py(
            "py3-pytest-live-log",
            "pytest",
            "test",
            "python -m pytest -v -s -o log_cli=true --log-cli-level=INFO",
            SHOP,
            FIRST_SHOP,
            "pytest live logs (log_cli) print ERROR/CRITICAL lines and a logged traceback inline with the listing, above the failures",
        ),
        py(
            "py3-pytest-no-warnings",
            "pytest",
            "test",
            "python -m pytest -p no:warnings -q",
            SHOP,
            FIRST_SHOP,
            "pytest -p no:warnings -q: two failures with ERROR lines in their captured logs",
        ),
        py(
            "py3-pytest-warnings-after",
            "pytest",
            "test",
            "python -W always::ResourceWarning -m pytest",
            {**SHOP, "tests/test_orders.py": TEST_WARNINGS},
            FIRST_SHOP,
            "two failures, then a warnings summary (DeprecationWarning, ResourceWarning) after them",
        ),
        py(
            "py3-pytest-same-message",
            "pytest",
            "test",
            "python -m pytest",
            {**SHOP, "tests/test_orders.py": TEST_SAME_MESSAGE},
            pytest_failure("test_discounted_bulk_order", "tests/test_orders.py"),
            "the same assertion message fails three tests: the first occurrence is the culprit",
        ),
        py(
            "py3-pytest-rerun",
            "pytest",
            "test",
            "python -m pytest -p rerunfailures --reruns 1 -rR -v",
            {**SHOP, "tests/test_orders.py": TEST_RERUN},
            pytest_failure("test_discount_applied", "tests/test_orders.py"),
            "pytest-rerunfailures: a flaky test is RERUN and passes, another is RERUN and fails again",
            'python -m pytest --version; python -c \'import importlib.metadata as m; print("pytest-rerunfailures", m.version("pytest-rerunfailures"))\'',
        ),
        py(
            "py3-pytest-timeout-thread",
            "pytest",
            "timeout",
            "python -m pytest -v -p timeout --timeout=3 --timeout-method=thread",
            {"pyproject.toml": PYPROJECT, "tests/test_worker.py": TEST_TIMEOUT},
            timeout_banners,
            "pytest-timeout's thread method dumps every thread's stack (a worker logging errors among them) and kills the run",
            alt_categories=["test"],
        ),
        py(
            "py3-pytest-tb-native",
            "pytest",
            "test",
            "python -m pytest --tb=native",
            SHOP,
            pytest_native("test_discount_applied", "tests/test_orders.py"),
            "pytest --tb=native: Python tracebacks, two failures and captured logs with a logged traceback",
        ),
        py(
            "py3-pytest-q-many",
            "pytest",
            "test",
            "python -m pytest -q --tb=short",
            {**SHOP, "tests/test_many.py": "from shop.orders import place\n" + many_tests(120)},
            FIRST_SHOP,
            "pytest -q --tb=short over many tests: two failures among 126 tests",
        ),
        py(
            "py3-pytest-setup-error",
            "pytest",
            "test",
            "python -m pytest -x",
            {**SHOP, "tests/conftest.py": CONFTEST_FIXTURE, "tests/test_orders.py": TEST_FIXTURE},
            pytest_failure("test_orders_table", "tests/conftest.py", setup_error=True),
            "pytest -x: a fixture fails at setup (and logs the exception) before a failing test could run",
            alt_categories=["infrastructure"],
        ),
        py(
            "py3-pytest-collect-continue",
            "pytest",
            "test",
            "python -m pytest --continue-on-collection-errors",
            {
                **SHOP,
                "tests/test_reports.py": "from shop.orders import monthly_report\n\n\ndef test_report():\n    assert monthly_report() == []\n",
            },
            section(
                r"^_{3,} ERROR collecting tests/test_reports\.py _{3,}$",
                inside=[r"^E "],
                anywhere=[r"^ERROR tests/test_reports\.py"],
                end=r"^_{3,} .* _{3,}$|^={3,} ",
            ),
            "--continue-on-collection-errors: a module cannot import a name (printed first, under ERRORS) and two tests fail",
        ),
        py(
            "py3-pytest-cov-after-fail",
            "pytest",
            "test",
            "python -m pytest --cov=shop --cov-fail-under=95",
            SHOP,
            FIRST_SHOP,
            "pytest-cov: two tests fail, then coverage falls under --cov-fail-under: the first failing test is the culprit",
        ),
        py(
            "py3-make-test",
            "pytest",
            "test",
            "make lint test",
            {**SHOP, "Makefile": MAKEFILE},
            FIRST_SHOP,
            "make runs pytest: two failures, then make's `*** [Makefile:N: test] Error 1`",
        ),
        py(
            "py3-unittest-many",
            "unittest",
            "test",
            "python -m unittest discover -v -s tests -t .",
            {"tests/__init__.py": "", "tests/test_billing.py": unittest_many()},
            unittest_first_header,
            "unittest -v over 28 tests logging INFO/ERROR lines and a logged traceback to stderr: one error, two failures",
            "python --version",
        ),
        py(
            "py3-django-logs",
            "django",
            "test",
            "python manage.py test -v 2",
            {
                "manage.py": DJANGO_MANAGE,
                "settings.py": DJANGO_SETTINGS_LOG,
                "shop/__init__.py": "",
                "shop/urls.py": DJANGO_URLS,
                "shop/views.py": DJANGO_VIEWS,
                "shop/tests.py": DJANGO_LOG_TESTS,
            },
            unittest_first_header,
            "Django's runner: a passing test logs `Internal Server Error` with a traceback (django.request), two tests fail",
            "python -m django --version",
        ),
        py(
            "py3-pip-cpp",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            {"setup.py": CPP_SETUP, "pyproject.toml": C_PYPROJECT, "src/fastcpp.cpp": CPP_EXT},
            first_of(r"src/fastcpp\.cpp:\d+:\d+: error: "),
            "pip builds a C++ extension: a warning, template context and two errors, then pip's wheel failure",
            "python -m pip --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "py3-pip-missing-header",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            {"setup.py": SNAPPY_SETUP, "pyproject.toml": C_PYPROJECT, "src/_snappy.c": SNAPPY_C},
            first_of(r"fatal error: snappy-c\.h: No such file or directory"),
            "pip builds an extension whose system library's header is not installed",
            "python -m pip --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "py3-cython-build-ext",
            "cython",
            "build",
            "python setup.py build_ext --inplace",
            {"setup.py": CYTHON_SETUP, "src/fastcy.pyx": CYTHON_PYX},
            first_of(r"^Error compiling Cython file:", r"src/fastcy\.pyx:\d+:\d+: "),
            "Cython cannot compile a .pyx (an undeclared name, a bad type): setup.py build_ext",
            "python -m cython --version",
        ),
        py(
            "py3-cython-pip",
            "pip",
            "build",
            "python -m pip install --no-build-isolation .",
            {"setup.py": CYTHON_SETUP, "pyproject.toml": C_PYPROJECT, "src/fastcy.pyx": CYTHON_PYX},
            first_of(r"Error compiling Cython file:", r"src/fastcy\.pyx:\d+:\d+: "),
            "Cython cannot compile a .pyx under pip install: Cython's error, not pip's metadata or wheel summary",
            "python -m pip --version",
            alt_categories=["dependency"],
            neutral_hosts=True,
        ),
        py(
            "py3-pip-resolver-then-test",
            "pytest",
            "test",
            WHEELS
            + "python -m pip install -q --no-index --find-links wheels alpha && python -m pip install --no-index --find-links wheels 'shared==2.0' && python -m pytest -q",
            {**SHOP, "mkwheels.py": MKWHEELS},
            FIRST_SHOP,
            "pip's resolver reports a conflict in an ERROR: line (the install goes on), then pytest fails",
            neutral_hosts=True,
        ),
        py(
            "py3-tox-lint-first",
            "tox",
            "lint",
            "tox",
            {**SHOP, "tox.ini": TOX_MULTI, **src},
            first_of(r"^src/acme/\w+\.py:\d+:\d+: [EFW]\d+ "),
            "tox runs lint (flake8 fails), format (black fails) and py311 (pytest fails): the first env's failure is the culprit",
            "tox --version | cut -d' ' -f1",
            alt_categories=["test"],
        ),
        py(
            "py3-tox-two-pytest",
            "tox",
            "test",
            "tox",
            {
                **SHOP,
                "tox.ini": TOX_TWO_PYTEST,
                "tests/unit/test_orders.py": TEST_ORDERS,
                "tests/integration/test_flow.py": "from shop.orders import place\n\n\ndef test_checkout_flow():\n    assert place({'id': 9, 'items': [{'price': 5, 'qty': 2}]}) == 12\n",
                "tests/test_orders.py": "",
            },
            pytest_failure("test_discount_applied", "tests/unit/test_orders.py"),
            "tox runs unit then integration, both fail their tests: the unit env's first failure is the culprit",
            "tox --version | cut -d' ' -f1",
        ),
        py(
            "py3-tox-parallel",
            "tox",
            "test",
            "tox -p all",
            {
                **SHOP,
                "tox.ini": TOX_TWO_PYTEST,
                "tests/unit/test_orders.py": TEST_ORDERS,
                "tests/integration/test_flow.py": "import time\n\nfrom shop.orders import place\n\n\ndef test_checkout_flow():\n    time.sleep(2)\n    assert place({'id': 9, 'items': [{'price': 5, 'qty': 2}]}) == 12\n",
                "tests/test_orders.py": "",
            },
            first_env_pytest(
                {
                    "unit": ("test_discount_applied", "tests/unit/test_orders.py"),
                    "integration": ("test_checkout_flow", "tests/integration/test_flow.py"),
                }
            ),
            "tox -p: both envs fail; tox prints each one's output as it ends, the first printed failure is the culprit",
            "tox --version | cut -d' ' -f1",
        ),
        py(
            "py3-nox-tests-first",
            "nox",
            "test",
            "nox",
            {**SHOP, "noxfile.py": NOX_TESTS_FIRST, **src},
            FIRST_SHOP,
            "nox runs tests (pytest fails) then lint (flake8 fails): the first session's failure is the culprit",
            "nox --version",
            alt_categories=[],
        ),
    ]


TEST_SEGFAULT = textwrap.dedent(
    """\
    import ctypes
    import logging

    log = logging.getLogger("native")


    def test_loads_plugin():
        log.error("plugin cache corrupt: error reading index, rebuilding")
        assert True


    def test_native_parser():
        ctypes.string_at(0)


    def test_after():
        assert True
    """
)

TEST_TEARDOWN = textwrap.dedent(
    """\
    import logging

    import pytest

    from shop.orders import place

    log = logging.getLogger("tests.server")


    @pytest.fixture
    def server():
        log.error("server: error binding port 8080, using 8081")
        yield "http://localhost:8081"
        raise RuntimeError("server did not shut down: 2 requests still open")


    def test_ping(server):
        assert server.endswith("8081")


    def test_discount_applied():
        assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27
    """
)

APP_LOGGING = textwrap.dedent(
    """\
    import logging
    import sys


    def configure():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s:%(filename)s:%(lineno)d %(message)s"))
        root = logging.getLogger()
        root.handlers[:] = [handler]
        root.setLevel(logging.INFO)
    """
)
CONFTEST_STDERR = "import pytest\n\nfrom shop import applog\n\n\n@pytest.fixture(autouse=True)\ndef app_logging():\n    applog.configure()\n"

TEST_XDIST_A = TEST_ORDERS
TEST_XDIST_B = textwrap.dedent(
    """\
    import logging

    from shop.orders import place

    log = logging.getLogger("tests.b")


    def test_refund():
        log.error("refund gateway: error 502, retrying once")
        assert place({"id": 7, "items": [{"price": 4, "qty": 1}]}) == 5


    def test_ok():
        assert True
    """
)

UNITTEST_SUBTESTS = textwrap.dedent(
    """\
    import logging
    import unittest

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:%(name)s:%(message)s")
    log = logging.getLogger("rates")

    RATES = {"EUR": 1.0, "USD": 1.1, "GBP": 0.9}


    def convert(amount, currency):
        if currency not in RATES:
            log.error("unknown currency %s, falling back to EUR", currency)
            return amount
        return round(amount * RATES[currency], 2)


    class ConvertTests(unittest.TestCase):
        def test_fallback(self):
            self.assertEqual(convert(10, "JPY"), 10)

        def test_rates(self):
            for currency, expected in [("EUR", 10), ("USD", 12), ("GBP", 8)]:
                with self.subTest(currency=currency):
                    self.assertEqual(convert(10, currency), expected)

        def test_rounding(self):
            self.assertEqual(convert(0.05, "USD"), 0.06)
    """
)

SETUP_PY_TEST = (
    'from setuptools import setup\n\nsetup(name="billing", version="1.0", packages=["billing"], test_suite="tests")\n'
)


def xdist_first(tests: dict[str, str]) -> Labeller:
    """pytest-xdist: the first failing test's section printed (it depends on the workers), its lines as usual."""

    def label(lines: list[str]) -> list[int]:
        alternatives = "|".join(re.escape(test) for test in tests)
        top = find(lines, rf"^_{{3,}} (?:{alternatives}) _{{3,}}$")
        if top is None:
            raise LookupError("no failing test header")
        test = re.search(rf"({alternatives})", lines[top]).group(1)  # type: ignore[union-attr]
        return pytest_failure(test, tests[test])(lines)

    return label


def noise_cases_2() -> list[Case]:
    """The second round, committed after the first round's rule and before the analyzer ran on them."""
    pip_side = (
        "python -m pip install --retries 1 --timeout 2 --index-url http://127.0.0.1:9/simple acme-optional-extras"
        " || echo 'optional extras unavailable, continuing without them'\npython -m pytest -q"
    )
    return [
        py(
            "py3-pytest-segfault",
            "pytest",
            "test",
            "python -m pytest -v",
            {"pyproject.toml": PYPROJECT, "tests/test_native.py": TEST_SEGFAULT},
            first_of(r"Fatal Python error: Segmentation fault"),
            "a test crashes the interpreter: faulthandler's `Fatal Python error: Segmentation fault` and thread dump end the run",
            alt_categories=["unknown"],
            prepare="trap : EXIT",  # bash then runs pytest as a child and reports 139, as the runner's script shell does
        ),
        py(
            "py3-pip-optional-then-test",
            "pytest",
            "test",
            pip_side,
            SHOP,
            FIRST_SHOP,
            "pip cannot reach the index for optional extras (`|| echo` goes on): its ERROR lines are a side failure; pytest then fails",
        ),
        py(
            "py3-setup-py-test",
            "unittest",
            "test",
            "python setup.py test",
            {
                "setup.py": SETUP_PY_TEST,
                "billing/__init__.py": "",
                "tests/__init__.py": "",
                "tests/test_billing.py": unittest_many().replace("from billing", "from billing"),
            },
            unittest_first_header,
            "python setup.py test (setuptools 65: its deprecation warnings), unittest logging to stderr: one error, two failures",
            "python -c 'import setuptools; print(setuptools.__version__)'",
        ),
        py(
            "py3-pytest-xdist-logs",
            "pytest",
            "test",
            "python -m pytest -n 2 -rA -p no:randomly",
            {**SHOP, "tests/test_refunds.py": TEST_XDIST_B},
            xdist_first(
                {
                    "test_discount_applied": "tests/test_orders.py",
                    "test_big_order_total": "tests/test_orders.py",
                    "test_refund": "tests/test_refunds.py",
                }
            ),
            "pytest-xdist -rA: failures from two workers among passing tests' ERROR logs and a logged traceback",
        ),
        py(
            "py3-unittest-subtests",
            "unittest",
            "test",
            "python -m unittest -v tests.test_rates",
            {"tests/__init__.py": "", "tests/test_rates.py": UNITTEST_SUBTESTS},
            unittest_first_header,
            "unittest subTest failures (`FAIL: test_rates (...) (currency='USD')` and GBP), logged ERROR lines among the results",
            "python --version",
        ),
        py(
            "py3-pytest-teardown-error",
            "pytest",
            "test",
            "python -m pytest",
            {**SHOP, "tests/test_orders.py": TEST_TEARDOWN},
            section(
                r"^_{3,} ERROR at teardown of test_ping _{3,}$",
                inside=[r"^E ", r"^\S*tests/test_orders\.py:\d+: \w+"],
                anywhere=[r"^ERROR \S*::test_ping(?: |$)"],
                end=r"^_{3,} .* _{3,}$|^={3,} ",
            ),
            "a fixture's teardown raises after its test passed (ERRORS, printed first), and another test fails",
        ),
        py(
            "py3-pytest-captured-stderr",
            "pytest",
            "test",
            "python -m pytest -p no:logging -rA",
            {**SHOP, "shop/applog.py": APP_LOGGING, "tests/conftest.py": CONFTEST_STDERR},
            FIRST_SHOP,
            "the application logs to stderr itself: `Captured stderr call` holds `ERROR shop.orders:orders.py:N` lines and a logged traceback",
        ),
    ]


def python_noise_cases() -> list[Case]:
    return noise_cases() + noise_cases_2()
