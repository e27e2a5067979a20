"""Rules for more of the Python ecosystem's CI tools, on job logs built from their real output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
python_more_cases.py generates it; the versions are in bench/toolchain/logs/labels.json). Each test asserts the
category and that the culprit is the first specific failure, not the tool's summary or a later finding (a
culprit's text comes without its indentation).
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict


def test_pre_commit_reports_the_first_failed_hook_not_a_later_hooks_findings() -> None:
    # Given pre-commit 4.7 with local hooks: a passing hook that prints 'error', black modifying a file, then flake8
    # and mypy failing with findings of their own
    log = step_log(
        "pre-commit run --all-files --color=never",
        "check python ast.........................................................Passed",
        "- hook id: check-python-ast",
        "error handling: checked 4 files",
        "black....................................................................Failed",
        "- hook id: black",
        "- files were modified by this hook",
        "",
        "reformatted src/style.py",
        "flake8...................................................................Failed",
        "- hook id: flake8",
        "- exit code: 1",
        "",
        "src/app.py:1:1: F401 'os' imported but unused",
        "mypy.....................................................................Failed",
        "- hook id: mypy",
        "- exit code: 1",
        "",
        'src/typed.py:2: error: Incompatible return value type (got "str", expected "int")  [return-value]',
        "Found 1 error in 1 file (checked 4 source files)",
    )
    # When it is analysed
    category, culprit, rule = verdict(log)
    # Then the first failed hook's line is the culprit
    assert (category, rule) == (Category.LINT, "pre-commit-hook-failed")
    assert culprit == "black....................................................................Failed"


def test_a_compile_error_in_pips_captured_build_output_outranks_pips_wheel_summary() -> None:
    # Given pip 23.2 building a C extension whose compile fails: gcc's output indented under pip's box, a warning
    # between the two errors, and pip's own closing lines below
    first = "      src/fast.c:9:34: error: expected ‘;’ before ‘}’ token"
    log = step_log(
        "python -m pip install --no-build-isolation .",
        "  error: subprocess-exited-with-error",
        "  × Building wheel for fast (pyproject.toml) did not run successfully.",
        "  │ exit code: 1",
        "  ╰─> [29 lines of output]",
        "      src/fast.c: In function ‘fast_add’:",
        first,
        "      src/fast.c:6:9: warning: unused variable ‘unused_counter’ [-Wunused-variable]",
        "      src/fast.c:13:28: error: ‘undeclared_total’ undeclared (first use in this function)",
        "      error: command '/usr/bin/gcc' failed with exit code 1",
        "      [end of output]",
        "  note: This error originates from a subprocess, and is likely not a problem with pip.",
        "  ERROR: Failed building wheel for fast",
        "Failed to build fast",
        "ERROR: Could not build wheels for fast, which is required to install pyproject.toml-based projects",
    )
    # When it is analysed
    category, culprit, _ = verdict(log)
    # Then gcc's first error is the culprit, a build failure
    assert (category, culprit) == (Category.BUILD, first.strip())


def test_pip_conflict_names_the_conflicting_requirements_not_resolution_impossible() -> None:
    # Given pip 23.2 failing to resolve two packages that need different versions of a third
    conflict = (
        "ERROR: Cannot install alpha==1.0 and beta==1.0 because these package versions have conflicting dependencies."
    )
    log = step_log(
        "python -m pip install alpha beta",
        "INFO: pip is looking at multiple versions of beta to determine which version is compatible with other"
        " requirements. This could take a while.",
        conflict,
        "The conflict is caused by:",
        "    alpha 1.0 depends on shared<2",
        "    beta 1.0 depends on shared>=2",
        "ERROR: ResolutionImpossible: for help visit https://packages.example.com/en/latest/topics/dependency-resolution/",
    )
    # When it is analysed, then the 'Cannot install' line is the culprit
    assert verdict(log)[:2] == (Category.DEPENDENCY, conflict)


def test_pyright_errors_match_when_the_rule_name_wraps_to_the_next_line() -> None:
    # Given pyright 1.1: the first error's message wraps, its (reportArgumentType) on the line under it
    first = (
        '  /home/runner/work/acme/acme/src/app.py:5:20 - error: Argument of type "Literal[3]" cannot be assigned to'
        ' parameter "name" of type "str" in function "count"'
    )
    log = step_log(
        "pyright src",
        "/home/runner/work/acme/acme/src/app.py",
        first,
        '    "Literal[3]" is not assignable to "str" (reportArgumentType)',
        '  /home/runner/work/acme/acme/src/app.py:6:14 - error: Type "int" is not assignable to declared type "str"',
        '    "int" is not assignable to "str" (reportAssignmentType)',
        "2 errors, 0 warnings, 0 informations",
    )
    # When it is analysed, then the first error is the culprit
    assert verdict(log)[:3] == (Category.LINT, first.strip(), "pyright-error")


def test_sphinx_with_warnings_as_errors_reports_the_first_warning_not_the_closing_line() -> None:
    # Given Sphinx 9 under -W: it goes on after the first problem and says so at the end
    first = '/home/runner/work/acme/acme/docs/usage.rst:9: ERROR: Unknown directive type "unknown-directive".'
    log = step_log(
        "sphinx-build -W -b html docs docs/_build",
        "Running Sphinx v9.0.4",
        "reading sources... [100%] usage",
        first,
        ".. unknown-directive::",
        "looking for now-outdated files... none found",
        "writing output... [100%] usage",
        "/home/runner/work/acme/acme/docs/index.rst:8: WARNING: undefined label: 'installation-guide' [ref.ref]",
        "build finished with problems, 2 warnings (with warnings treated as errors).",
    )
    # When it is analysed, then the first problem is the culprit, a build failure
    assert verdict(log)[:2] == (Category.BUILD, first)


def test_older_sphinx_reports_the_warning_under_warning_treated_as_error() -> None:
    # Given Sphinx before 8, which stops at the first warning under -W and prints it on the next line
    warning = "/home/runner/work/acme/acme/docs/index.rst:8:undefined label: installation-guide"
    log = step_log(
        "sphinx-build -W -b html docs docs/_build",
        "Running Sphinx v3.5.4",
        "Warning, treated as error:",
        warning,
    )
    # When it is analysed, then the warning is the culprit
    assert verdict(log)[:2] == (Category.BUILD, warning)


def test_doctest_reports_the_first_failed_examples_location() -> None:
    # Given `python -m doctest` (Python 3.11) with two failing examples and its count at the end
    location = 'File "/home/runner/work/acme/acme/calc.py", line 6, in calc.add'
    log = step_log(
        "python -m doctest calc.py",
        "**********************************************************************",
        location,
        "Failed example:",
        "    add(2, 2)",
        "Expected:",
        "    5",
        "Got:",
        "    4",
        "**********************************************************************",
        'File "/home/runner/work/acme/acme/calc.py", line 15, in calc.div',
        "Failed example:",
        "    div(1, 0)",
        "Exception raised:",
        "    ZeroDivisionError: division by zero",
        "**********************************************************************",
        "2 items had failures:",
        "   1 of   2 in calc.add",
        "***Test Failed*** 2 failures.",
    )
    # When it is analysed, then the first failure's File line is the culprit
    assert verdict(log)[:2] == (Category.TEST, location)


def test_bandit_twine_and_setuptools_validation_report_their_first_finding() -> None:
    # Given bandit 1.9's screen report with three issues
    issue = ">> Issue: [B404:blacklist] Consider possible security implications associated with the subprocess module."
    bandit = step_log(
        "bandit -r src",
        "Test results:",
        issue,
        "   Severity: Low   Confidence: High",
        "   Location: src/tools.py:2:0",
        ">> Issue: [B602:subprocess_popen_with_shell_equals_true] subprocess call with shell=True identified,"
        " security issue.",
        "Run metrics:",
        "Files skipped (0):",
    )
    # Then its first issue is a lint culprit
    assert verdict(bandit)[:2] == (Category.LINT, issue)
    # Given twine 7's check of a distribution whose README does not render
    twine = step_log(
        "twine check --strict dist/*",
        "Checking dist/acme-1.0.tar.gz: FAILED",
        "ERROR    `long_description` has syntax errors in markup and would not be rendered on PyPI.",
        '         line 4: Error: Unknown target name: "broken link".',
    )
    # Then the distribution's FAILED line is the culprit
    assert verdict(twine)[:2] == (Category.BUILD, "Checking dist/acme-1.0.tar.gz: FAILED")
    # Given setuptools 65 rejecting pyproject.toml under python -m build: its summary, a traceback, the summary again
    summary = "configuration error: `project.dependencies` must be array"
    build = step_log(
        "python -m build --no-isolation --sdist",
        "* Getting build dependencies for sdist...",
        summary,
        "GIVEN VALUE:",
        '    "requests"',
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/setuptools/config/pyprojecttoml.py", line 51, in validate',
        "ValueError: invalid pyproject.toml config: `project.dependencies`.",
        summary,
        "ERROR Backend subprocess exited when trying to invoke get_requires_for_build_sdist",
    )
    # Then the first configuration error is the culprit
    assert verdict(build)[:2] == (Category.CONFIG, summary)


def test_pytest_without_a_short_summary_reports_its_first_failure_section() -> None:
    # Given pytest 4.6 under tox 3: no short test summary by default, two failure sections, then tox's own summary
    # under a heading shaped like a pytest section
    first = "________________________________ test_add_wrong ________________________________"
    log = step_log(
        "tox -e py37",
        "py37 run-test: commands[0] | pytest",
        "=================================== FAILURES ===================================",
        first,
        "    def test_add_wrong():",
        ">       assert add(2, 2) == 5",
        "E       assert 4 == 5",
        "tests/test_calc.py:9: AssertionError",
        "________________________________ test_div_zero _________________________________",
        ">       return a / b",
        "E       ZeroDivisionError: division by zero",
        "calc.py:6: ZeroDivisionError",
        "====================== 2 failed, 2 passed in 0.13 seconds ======================",
        "ERROR: InvocationError for command /home/runner/work/acme/acme/.tox/py37/bin/pytest (exited with code 1)",
        "___________________________________ summary ____________________________________",
        "ERROR:   py37: commands failed",
    )
    # When it is analysed, then the first failure's section line is the culprit
    assert verdict(log)[:2] == (Category.TEST, first)


def test_nose_names_a_function_test_by_its_dotted_path() -> None:
    # Given nose 1.3.7: an error and a failure of function tests (errors are reported first)
    log = step_log(
        "nosetests -v tests",
        "tests.test_calc.test_add_wrong ... FAIL",
        "tests.test_calc.test_div_zero ... ERROR",
        "======================================================================",
        "ERROR: tests.test_calc.test_div_zero",
        "----------------------------------------------------------------------",
        "Traceback (most recent call last):",
        '  File "/home/runner/work/acme/acme/calc.py", line 6, in div',
        "    return a / b",
        "ZeroDivisionError: division by zero",
        "======================================================================",
        "FAIL: tests.test_calc.test_add_wrong",
        "----------------------------------------------------------------------",
        "AssertionError",
        "----------------------------------------------------------------------",
        "Ran 4 tests in 0.005s",
        "",
        "FAILED (errors=1, failures=1)",
    )
    # When it is analysed, then the first header is the culprit
    assert verdict(log)[:3] == (Category.TEST, "ERROR: tests.test_calc.test_div_zero", "unittest-failure")


def test_pip_metadata_failure_reports_the_exception_its_setup_py_raised() -> None:
    # Given pip 23.2 and pip 20.2 reading the metadata of a project whose setup.py raises
    raised = "RuntimeError: libfoo 2.0 not found: set LIBFOO_DIR to its install prefix"
    new_pip = step_log(
        "python -m pip install .",
        "  Preparing metadata (setup.py): finished with status 'error'",
        "  error: subprocess-exited-with-error",
        "  × python setup.py egg_info did not run successfully.",
        "  │ exit code: 1",
        "  ╰─> [7 lines of output]",
        "      Traceback (most recent call last):",
        '        File "/home/runner/work/acme/acme/setup.py", line 7, in <module>',
        '          raise RuntimeError("libfoo 2.0 not found: set LIBFOO_DIR to its install prefix")',
        f"      {raised}",
        "      error: optional speedups disabled",
        "      [end of output]",
        "  note: This error originates from a subprocess, and is likely not a problem with pip.",
        "error: metadata-generation-failed",
        "× Encountered error while generating package metadata.",
        "╰─> See above for output.",
    )
    old_pip = step_log(
        "python -m pip install .",
        "    ERROR: Command errored out with exit status 1:",
        "         cwd: /tmp/pip-req-build-0qr73gr1/",
        "    Complete output (6 lines):",
        "    error: optional speedups disabled",
        "    Traceback (most recent call last):",
        '      File "/tmp/pip-req-build-0qr73gr1/setup.py", line 7, in <module>',
        f"    {raised}",
        "    ----------------------------------------",
        "ERROR: Command errored out with exit status 1: python setup.py egg_info Check the logs for full command"
        " output.",
    )
    # When they are analysed, then the exception is the culprit of both
    for log in (new_pip, old_pip):
        assert verdict(log)[1:] == (raised, "pip-metadata-generation-failed")


def test_mkdocs_strict_reports_the_first_warning_not_the_abort_line() -> None:
    # Given MkDocs 1.6 under --strict: two warnings, then the build aborts
    first = (
        "WARNING -  Doc file 'index.md' contains a link 'api.md', but the target is not found among documentation"
        " files."
    )
    log = step_log(
        "mkdocs build --strict",
        "INFO    -  Cleaning site directory",
        "INFO    -  Building documentation to directory: /home/runner/work/acme/acme/site",
        first,
        "WARNING -  Doc file 'usage.md' contains a link 'install.md#linux', but the target 'install.md' is not found"
        " among documentation files.",
        "Aborted with 2 warnings in strict mode!",
    )
    # When it is analysed, then the first warning is the culprit
    assert verdict(log)[:2] == (Category.BUILD, first)


def test_tox_4_reports_a_missing_interpreter_above_the_next_envs_test_failure() -> None:
    # Given tox 4.67 with skip_missing_interpreters off: py38 is not installed, then py311's tests fail
    missing = "py38: failed with could not find python interpreter matching any of the specs py38"
    log = step_log(
        "tox -e py38,py311",
        missing,
        "py38: FAIL ✖ in 5.42 seconds",
        "py311: commands[0]> pytest",
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "FAILED tests/test_calc.py::test_add_wrong - assert 4 == 5",
        "========================= 2 failed, 2 passed in 1.22s ==========================",
        "  py38: FAIL code 1 (5.42 seconds)",
        "  py311: FAIL code 1 (12.90=setup[8.51]+cmd[4.40] seconds)",
        "  evaluation failed :( (18.72 seconds)",
    )
    # When it is analysed, then the missing interpreter is the culprit, a configuration failure
    assert verdict(log)[:3] == (Category.CONFIG, missing, "tox-interpreter-not-found")


def test_a_failing_tests_captured_log_lines_are_not_the_culprit() -> None:
    # Given pytest 9.2: the failing test logged an error that names an HTTP 503 (pytest's captured log), a line an
    # infrastructure rule would read as the server's failure
    header = "__________________________________ test_total __________________________________"
    log = step_log(
        "python -m pytest",
        "=================================== FAILURES ===================================",
        header,
        ">       assert add(2, 2) == 5",
        "E       assert 4 == 5",
        "tests/test_calc.py:15: AssertionError",
        "------------------------------ Captured log call -------------------------------",
        "ERROR    shop:test_calc.py:14 price service returned error 503, using cached prices",
        "=========================== short test summary info ============================",
        "FAILED tests/test_calc.py::test_total - assert 4 == 5",
        "========================= 1 failed, 1 passed in 1.12s ==========================",
    )
    # When it is analysed, then the test's failure is the culprit, not what the code under test logged
    category, culprit, _ = verdict(log)
    assert category is Category.TEST
    assert culprit in {header, "FAILED tests/test_calc.py::test_total - assert 4 == 5"}


def test_python_2_reports_a_missing_module_as_an_import_error_of_a_dependency() -> None:
    # Given a Python 2.7 script that imports a module that is not installed, after printing 'error' itself
    missing = "ImportError: No module named requests_toolbelt_missing"
    log = step_log(
        "python scripts/release.py",
        "error checks: preparing release notes",
        "Traceback (most recent call last):",
        '  File "scripts/release.py", line 4, in <module>',
        "    import requests_toolbelt_missing",
        missing,
    )
    # When it is analysed, then the import error is the culprit, a dependency failure
    assert verdict(log) == (Category.DEPENDENCY, missing, "python-module-missing")


def test_a_pytest_internal_error_reports_the_exception_that_stopped_it() -> None:
    # Given pytest 9.2 whose conftest hook raised: its traceback prefixed with INTERNALERROR>, then no tests ran
    raised = "INTERNALERROR> KeyError: 'windows'"
    log = step_log(
        "python -m pytest",
        "error budget: 4 tests",
        "collected 4 items",
        "INTERNALERROR> Traceback (most recent call last):",
        'INTERNALERROR>   File "/home/runner/work/acme/acme/tests/conftest.py", line 4, in'
        " pytest_collection_modifyitems",
        'INTERNALERROR>     config.shard = shards[config.getoption("markexpr") or "windows"]',
        raised,
        "============================ no tests ran in 0.06s =============================",
    )
    # When it is analysed, then the exception line is the culprit
    assert verdict(log) == (Category.TEST, raised, "pytest-internal-error")


def test_a_coverage_threshold_not_met_is_a_test_failure_named_by_its_line() -> None:
    # Given coverage.py's report under --fail-under after a passing run, in a CI with no step name to guess from
    failure = "Coverage failure: total of 64 is less than fail-under=90"
    log = step_log(
        "coverage run -m pytest && coverage report --fail-under=90",
        "============================= 12 passed in 0.41s ==============================",
        "Name              Stmts   Miss  Cover",
        "-------------------------------------",
        "acme/core.py         25      9    64%",
        "-------------------------------------",
        "TOTAL                25      9    64%",
        failure,
    )
    # Then the threshold line is the culprit, a test failure
    assert verdict(log) == (Category.TEST, failure, "coverage-fail-under")


def test_pytest_cov_names_its_threshold_line_and_not_its_success_line() -> None:
    # Given pytest-cov under --cov-fail-under: the threshold line (its success form says "reached" alone)
    failure = "FAIL Required test coverage of 85% not reached. Total coverage: 69.86%"
    log = step_log("pytest --cov=acme --cov-fail-under=85", "TOTAL  73  22  70%", failure, "3 passed in 0.21s")
    passed = step_log("pytest --cov=acme", "Required test coverage of 60% reached. Total coverage: 71.89%")
    # Then the threshold line is the culprit when it failed, and a met threshold is nothing
    assert verdict(log) == (Category.TEST, failure, "pytest-cov-fail-under")
    assert verdict(passed)[2] != "pytest-cov-fail-under"
