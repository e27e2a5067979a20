"""Python failures surrounded by noise: ERROR/CRITICAL log lines and logged tracebacks in passing and failing tests,
passing tests printing `Error:` and `Traceback` text, pytest's PASSES section and live logs, pip's resolver ERROR
before a failing test, Cython and C++ extensions failing under pip and setup.py, tox and nox running several
failing environments.

Every output below was printed by the tool itself on the development machine, shortened
(bench/toolchain/python_noise_cases.py generates it: pytest 9.2.0, pytest-rerunfailures 16.7, pytest-timeout 2.4.0,
Django 5.2.19, pip 23.2.1, Cython 3.3.1, gcc 12.2.0, tox 4.67.15, nox 2026.10.20). Each test asserts the category
and that the culprit is the first specific failure, not a logged error, a runner's count or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

FIRST_FAILURE = (
    "=================================== FAILURES ===================================",
    "____________________________ test_discount_applied _____________________________",
    "",
    "    def test_discount_applied():",
    '>       assert place({"id": 3, "items": [{"price": 10, "qty": 3}], "discount": 0.1}) == 27',
    "E       AssertionError: assert 29 == 27",
    "E        +  where 29 = place({'id': 3, 'items': [{'price': 10, 'qty': 3}], 'discount': 0.1})",
    "",
    "tests/test_orders.py:21: AssertionError",
    "------------------------------ Captured log call -------------------------------",
    "ERROR    shop.orders:orders.py:20 order 3: discount 0.1 applied after tax (legacy pricing)",
    "_____________________________ test_big_order_total _____________________________",
    "",
    "    def test_big_order_total():",
    '>       assert place({"id": 4, "items": [{"price": 600, "qty": 2}]}) == 1100',
    "E       AssertionError: assert 1200 == 1100",
    "",
    "tests/test_orders.py:29: AssertionError",
    "------------------------------ Captured log call -------------------------------",
    "CRITICAL shop.orders:orders.py:17 order 4: total 1200 over the limit, flagged for review",
)
SHORT_SUMMARY = (
    "=========================== short test summary info ============================",
    "FAILED tests/test_orders.py::test_discount_applied - AssertionError: assert 29 == 27",
    "FAILED tests/test_orders.py::test_big_order_total - AssertionError: assert 1200 == 1100",
)
FIRST_FAILED = "FAILED tests/test_orders.py::test_discount_applied - AssertionError: assert 29 == 27"


def test_pytest_ra_passes_section_with_logged_tracebacks_reports_the_first_failed_test() -> None:
    # Given pytest -rA: the failures, then the PASSES section where passing tests' captured logs hold ERROR lines
    # and a logged traceback, and a passing test's stdout prints `Error:` and `Traceback` text
    log = step_log(
        "python -m pytest -rA",
        "tests/test_orders.py ...F.F                                              [100%]",
        "",
        *FIRST_FAILURE,
        "==================================== PASSES ====================================",
        "________________________ test_malformed_item_is_logged _________________________",
        "------------------------------ Captured log call -------------------------------",
        "ERROR    shop.orders:orders.py:14 order 2: malformed item",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/shop/orders.py", line 12, in place',
        '    total = sum(item["price"] * item["qty"] for item in order["items"])',
        "KeyError: 'qty'",
        "_________________________ test_retry_prints_error_text _________________________",
        "----------------------------- Captured stdout call -----------------------------",
        "Error: connection refused (expected: the retry path is under test)",
        "Traceback (most recent call last):",
        '  File "client.py", line 3, in fetch',
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "=========================== short test summary info ============================",
        "PASSED tests/test_orders.py::test_malformed_item_is_logged",
        "PASSED tests/test_orders.py::test_retry_prints_error_text",
        *SHORT_SUMMARY[1:],
        "==================== 2 failed, 4 passed, 1 warning in 0.19s ====================",
    )
    # When the step is analysed
    category, culprit, rule = verdict(log)
    # Then the first failed test's summary line is the culprit, not the logged KeyError or the printed error
    assert (category, culprit, rule) == (Category.TEST, FIRST_FAILED, "pytest-failed-test")


def test_pytest_live_logs_above_the_failures_do_not_take_the_verdict() -> None:
    # Given pytest -v -s with live logging: ERROR/CRITICAL lines and a logged traceback inline with the listing
    log = step_log(
        "python -m pytest -v -s -o log_cli=true --log-cli-level=INFO",
        "tests/test_orders.py::test_malformed_item_is_logged ",
        "-------------------------------- live log call ---------------------------------",
        "ERROR    shop.orders:orders.py:14 order 2: malformed item",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/shop/orders.py", line 12, in place',
        "KeyError: 'qty'",
        "PASSED",
        "tests/test_orders.py::test_retry_prints_error_text Error: connection refused (expected)",
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "PASSED",
        "tests/test_orders.py::test_discount_applied ",
        "-------------------------------- live log call ---------------------------------",
        "ERROR    shop.orders:orders.py:20 order 3: discount 0.1 applied after tax (legacy pricing)",
        "FAILED",
        "",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "==================== 2 failed, 4 passed, 1 warning in 0.22s ====================",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the first failed test is the culprit
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)


def test_pip_resolver_error_line_before_a_failing_test_is_not_the_culprit() -> None:
    # Given pip's resolver complaining in an `ERROR:` line (the install goes on), then pytest failing
    log = step_log(
        "python -m pip install --no-index --find-links wheels 'shared==2.0' && python -m pytest -q",
        "Installing collected packages: shared",
        "ERROR: pip's dependency resolver does not currently take into account all the packages that are installed."
        " This behaviour is the source of the following dependency conflicts.",
        "alpha 1.0 requires shared<2, but you have shared 2.0 which is incompatible.",
        "Successfully installed shared-2.0",
        "...F.F                                                                   [100%]",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "2 failed, 4 passed, 1 warning in 0.08s",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the failing test is the culprit and the category is test
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)


def test_unittest_logging_to_stderr_among_results_reports_the_first_error_header() -> None:
    # Given unittest -v whose tests log ERROR lines and a logged traceback to stderr among the results
    log = step_log(
        "python -m unittest discover -v -s tests -t .",
        "test_currency_lookup (tests.test_billing.ChargeTests.test_currency_lookup) ... ERROR",
        "test_negative_logged (tests.test_billing.ChargeTests.test_negative_logged) ... ERROR:billing:charge failed",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/tests/test_billing.py", line 10, in charge',
        "ValueError: negative amount: -1",
        "ok",
        "test_total (tests.test_billing.ChargeTests.test_total) ... ERROR:billing:ERROR: ledger out of sync",
        "FAIL",
        "",
        "======================================================================",
        "ERROR: test_currency_lookup (tests.test_billing.ChargeTests.test_currency_lookup)",
        "----------------------------------------------------------------------",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/tests/test_billing.py", line 123, in test_currency_lookup',
        '    self.assertEqual(rates["USD"], 1.1)',
        "KeyError: 'USD'",
        "",
        "======================================================================",
        "FAIL: test_total (tests.test_billing.ChargeTests.test_total)",
        "----------------------------------------------------------------------",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/tests/test_billing.py", line 127, in test_total',
        "AssertionError: 12.0 != 11",
        "",
        "----------------------------------------------------------------------",
        "Ran 28 tests in 0.011s",
        "",
        "FAILED (failures=1, errors=1)",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the first ERROR: header is the culprit, not the logged ValueError
    assert category == Category.TEST
    assert culprit in {
        "ERROR: test_currency_lookup (tests.test_billing.ChargeTests.test_currency_lookup)",
        "KeyError: 'USD'",
    }


CYTHON_BLOCK = (
    "",
    "Error compiling Cython file:",
    "------------------------------------------------------------",
    "...",
    "def total(list values):",
    "    return sum * scale",
    "                 ^",
    "------------------------------------------------------------",
    "",
    "src/fastcy.pyx:6:17: undeclared name not builtin: scale",
    "Compiling src/fastcy.pyx because it changed.",
    "[1/1] Cythonizing src/fastcy.pyx",
    "Traceback (most recent call last):",
    '  File "/home/runner/work/acme/acme/lib/python3.11/site-packages/Cython/Build/Dependencies.py", line 1265, in '
    "cythonize_one",
    "    raise CompileError(None, pyx_file)",
    "Cython.Compiler.Errors.CompileError: src/fastcy.pyx",
)


def test_cython_compile_error_under_setup_py_reports_the_position_line() -> None:
    # Given setup.py build_ext with cythonize: Cython's error block, then the CompileError traceback
    log = step_log("python setup.py build_ext --inplace", *CYTHON_BLOCK)
    # When the step is analysed
    category, culprit, rule = verdict(log)
    # Then Cython's position line is the culprit, not the CompileError
    assert (category, culprit, rule) == (
        Category.BUILD,
        "src/fastcy.pyx:6:17: undeclared name not builtin: scale",
        "cython-compile-error",
    )


def test_cython_compile_error_under_pip_outranks_metadata_generation_failed() -> None:
    # Given pip preparing metadata: Cython's block indented in pip's captured output, then pip's closing error
    log = step_log(
        "python -m pip install --no-build-isolation .",
        "Processing /home/runner/work/acme/acme",
        "  Preparing metadata (pyproject.toml): finished with status 'error'",
        "  error: subprocess-exited-with-error",
        "  ",
        "  × Preparing metadata (pyproject.toml) did not run successfully.",
        "  │ exit code: 1",
        "  ╰─> [34 lines of output]",
        *(f"      {line}" for line in CYTHON_BLOCK),
        "      [end of output]",
        "  ",
        "  note: This error originates from a subprocess, and is likely not a problem with pip.",
        "error: metadata-generation-failed",
        "",
        "× Encountered error while generating package metadata.",
        "╰─> See above for output.",
    )
    # When the step is analysed
    category, culprit, rule = verdict(log)
    # Then Cython's position line is the culprit
    assert (category, culprit, rule) == (
        Category.BUILD,
        "src/fastcy.pyx:6:17: undeclared name not builtin: scale",
        "cython-compile-error",
    )


def test_cython_warning_is_not_a_compile_error() -> None:
    # Given a Cython warning (prefixed) above a failing test
    log = step_log(
        "python setup.py build_ext --inplace && python -m pytest -q",
        "warning: src/fastcy.pyx:3:4: Unused entry 'tmp'",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "2 failed, 4 passed in 0.08s",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the failing test is the culprit
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)


def test_cpp_extension_under_pip_reports_the_compiler_error() -> None:
    # Given pip building a C++ extension: a warning, template context, one error, then pip's wheel summary
    log = step_log(
        "python -m pip install --no-build-isolation .",
        "  Building wheel for fastcpp (pyproject.toml): finished with status 'error'",
        "  error: subprocess-exited-with-error",
        "  × Building wheel for fastcpp (pyproject.toml) did not run successfully.",
        "  │ exit code: 1",
        "  ╰─> [19 lines of output]",
        "      src/fastcpp.cpp: In function ‘std::string acme::describe(const std::vector<int>&)’:",
        "      src/fastcpp.cpp:16:9: warning: unused variable ‘unused’ [-Wunused-variable]",
        "      src/fastcpp.cpp: In function ‘long int acme::scaled(const std::vector<long int>&)’:",
        "      src/fastcpp.cpp:21:28: error: ‘factor’ was not declared in this scope",
        "         21 |     return total(values) * factor;",
        "      error: command '/usr/bin/gcc' failed with exit code 1",
        "      [end of output]",
        "  ERROR: Failed building wheel for fastcpp",
        "Failed to build fastcpp",
        "ERROR: Could not build wheels for fastcpp, which is required to install pyproject.toml-based projects",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the compiler's error is the culprit
    assert category in {Category.BUILD, Category.DEPENDENCY}
    assert culprit == "src/fastcpp.cpp:21:28: error: ‘factor’ was not declared in this scope"


TOX_PYTEST = (
    "py311: commands[0]> pytest -q",
    "...F.F                                                                   [100%]",
    *FIRST_FAILURE,
    "=========================== short test summary info ============================",
    "FAILED tests/test_orders.py::test_discount_applied - AssertionError: assert 2...",
    "FAILED tests/test_orders.py::test_big_order_total - AssertionError: assert 12...",
    "2 failed, 4 passed, 1 warning in 0.19s",
    "py311: exit 1 (2.84 seconds) /home/runner/work/acme/acme> pytest -q pid=22437",
)


def test_tox_first_failing_env_is_the_culprit() -> None:
    # Given tox running lint (flake8 fails) then py311 (pytest fails)
    log = step_log(
        "tox",
        "lint: commands[0]> flake8 src",
        "src/acme/fmt.py:1:8: E231 missing whitespace after ','",
        "src/acme/util.py:1:1: F401 'os' imported but unused",
        "lint: exit 1 (0.62 seconds) /home/runner/work/acme/acme> flake8 src pid=21928",
        "lint: FAIL ✖ in 11.46 seconds",
        *TOX_PYTEST,
        "  lint: FAIL code 1 (11.46=setup[10.84]+cmd[0.62] seconds)",
        "  py311: FAIL code 1 (6.63=setup[3.79]+cmd[2.84] seconds)",
        "  evaluation failed :( (27.29 seconds)",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the first env's first finding is the culprit
    assert (category, culprit) == (Category.LINT, "src/acme/fmt.py:1:8: E231 missing whitespace after ','")


def test_nox_first_failing_session_is_the_culprit() -> None:
    # Given nox running tests (pytest fails) then lint (flake8 fails)
    log = step_log(
        "nox",
        "nox > Running session tests",
        "nox > pytest -q",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "2 failed, 4 passed, 1 warning in 0.19s",
        "nox > Command pytest -q failed with exit code 1",
        "nox > Session tests failed.",
        "nox > Running session lint",
        "nox > flake8 src",
        "src/acme/fmt.py:1:8: E231 missing whitespace after ','",
        "nox > Command flake8 src failed with exit code 1",
        "nox > Session lint failed.",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the first session's failing test is the culprit
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)


def test_unittest_subtest_failure_header_is_the_culprit_not_the_logged_error() -> None:
    # Given unittest -v with subTest failures and a logged ERROR line among the results
    log = step_log(
        "python -m unittest -v tests.test_rates",
        "test_fallback (tests.test_rates.ConvertTests.test_fallback) ... ERROR:rates:unknown currency JPY",
        "ok",
        "test_rates (tests.test_rates.ConvertTests.test_rates) ... ",
        "  test_rates (tests.test_rates.ConvertTests.test_rates) (currency='USD') ... FAIL",
        "  test_rates (tests.test_rates.ConvertTests.test_rates) (currency='GBP') ... FAIL",
        "",
        "======================================================================",
        "FAIL: test_rates (tests.test_rates.ConvertTests.test_rates) (currency='USD')",
        "----------------------------------------------------------------------",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/tests/test_rates.py", line 24, in test_rates',
        "    self.assertEqual(convert(10, currency), expected)",
        "AssertionError: 11.0 != 12",
        "",
        "======================================================================",
        "FAIL: test_rates (tests.test_rates.ConvertTests.test_rates) (currency='GBP')",
        "----------------------------------------------------------------------",
        "AssertionError: 9.0 != 8",
        "",
        "----------------------------------------------------------------------",
        "Ran 3 tests in 0.011s",
        "",
        "FAILED (failures=2)",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the first subtest's FAIL: header (or its exception line) is the culprit
    assert category == Category.TEST
    assert culprit in {
        "FAIL: test_rates (tests.test_rates.ConvertTests.test_rates) (currency='USD')",
        "AssertionError: 11.0 != 12",
    }


def test_pip_failure_the_step_went_on_after_is_not_the_culprit() -> None:
    # Given pip failing to reach an index for optional extras, the script going on, then pytest failing
    log = step_log(
        "python -m pip install --retries 1 --timeout 2 --index-url http://127.0.0.1:9/simple acme-optional-extras"
        " || echo 'optional extras unavailable, continuing without them'",
        "Looking in indexes: http://127.0.0.1:9/simple",
        "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after connection "
        "broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f>: Failed to "
        "establish a new connection: [Errno 111] Connection refused')': /simple/acme-optional-extras/",
        "ERROR: Could not find a version that satisfies the requirement acme-optional-extras (from versions: none)",
        "ERROR: No matching distribution found for acme-optional-extras",
        "optional extras unavailable, continuing without them",
        "...F.F                                                                   [100%]",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "2 failed, 4 passed, 1 warning in 0.17s",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the failing test is the culprit
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)


def test_sphinx_autodoc_import_failure_is_the_culprit_not_the_traceback_under_it() -> None:
    # Given sphinx-build -W (Sphinx 9): autodoc cannot import a module, its traceback, and the closing count
    log = step_log(
        "sphinx-build -W -b html docs docs/_build",
        "Running Sphinx v9.0.4",
        "reading sources... [100%] index",
        "WARNING: autodoc: failed to import 'missing' from module 'acme'; the following exception was raised:",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/lib/python3.11/site-packages/sphinx/ext/autodoc/_dynamic/_importer.py",'
        " line 218, in _import_module",
        "    raise ModuleNotFoundError(msg, name=modname)  # NoQA: TRY301",
        "ModuleNotFoundError: No module named 'acme.missing'",
        " [autodoc.import_object]",
        "looking for now-outdated files... none found",
        "build finished with problems, 1 warning (with warnings treated as errors).",
    )
    # When the step is analysed
    category, culprit, rule = verdict(log)
    # Then autodoc's warning is the culprit
    assert (category, culprit, rule) == (
        Category.BUILD,
        "WARNING: autodoc: failed to import 'missing' from module 'acme'; the following exception was raised:",
        "sphinx-autodoc-import-failed",
    )


def test_other_warning_lines_stay_boilerplate() -> None:
    # Given a pip warning and a deprecation warning above a failing test
    log = step_log(
        "python -m pytest -q",
        "WARNING: autodoc-like tools are not installed; skipping the API pages",
        "WARNING: Retrying (Retry(total=4)) after connection broken by 'ReadTimeoutError': /simple/acme/",
        *FIRST_FAILURE,
        *SHORT_SUMMARY,
        "2 failed, 4 passed in 0.17s",
    )
    # When the step is analysed
    category, culprit, _ = verdict(log)
    # Then the failing test is the culprit
    assert (category, culprit) == (Category.TEST, FIRST_FAILED)
