"""Python rules on job logs of Travis-era tools: pylint 1.x's findings without a path, coverage 4's silent
`--fail-under`, and tox 3 skipping a missing interpreter before another env's tests fail.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/pyold_cases.py
generates it: pylint 1.9.5 on Python 2.7.18; coverage 4.5.4, tox 3.14.0 and pytest 4.6.11 on Python 3.6.15). Each
test asserts the category and that the culprit is the first specific failure, not the runner's count or a skip.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

ESC = "\x1b"


def travis_log(command: str, *output: str) -> str:
    """A Travis CI python job: the virtualenv's activation, the script command's output and its result line."""
    lines = [
        "travis_fold:start:system_info\r" + ESC + "[0K" + ESC + "[33;1mBuild system information" + ESC + "[0m",
        "Build language: python",
        "travis_fold:end:system_info\r" + ESC + "[0K",
        "$ source ~/virtualenv/python3.6/bin/activate",
        "$ python --version",
        "Python 3.6.15",
        "travis_time:start:0a1b2c3d\r" + ESC + "[0K$ " + command,
        *output,
        "travis_time:end:0a1b2c3d:start=1,finish=2,duration=1\r" + ESC + "[0K",
        "",
        ESC + f'[31;1mThe command "{command}" exited with 1.' + ESC + "[0m",
        "",
        "Done. Your build exited with 1.",
    ]
    return "".join(f"{line}\n" for line in lines)


PYLINT1 = (
    "No config file found, using default configuration",
    "************* Module acme.util",
    "C: 14, 0: Unnecessary parens after 'print' keyword (superfluous-parens)",
    "C: 16, 0: Line too long (109/100) (line-too-long)",
    "C:  1, 0: Missing module docstring (missing-docstring)",
    "E:  9,11: Undefined variable 'totl' (undefined-variable)",
    "W: 13, 4: Unused variable 'unused' (unused-variable)",
    "************* Module acme.good",
    "C:  1, 0: Missing module docstring (missing-docstring)",
    'C:  1, 0: Function name "ok" doesn\'t conform to snake_case naming style (invalid-name)',
    "",
    "------------------------------------",
    "Your code has been rated at -0.71/10",
    "",
)


def test_pylint_1_reports_its_first_finding_not_the_last_one() -> None:
    # Given pylint 1.9's text reporter: findings as `C:  1, 0: message (symbol)` under each module's header
    log = step_log("pylint acme", *PYLINT1)
    # When it is analysed, then the first finding is the culprit, a lint failure
    assert verdict(log) == (
        Category.LINT,
        "C: 14, 0: Unnecessary parens after 'print' keyword (superfluous-parens)",
        "pylint1-message",
    )


def test_pylint_1_in_a_travis_job_reports_its_first_finding() -> None:
    # Given the same output in a Travis CI job's script phase
    log = travis_log("pylint acme", *PYLINT1)
    # When it is analysed, then the first finding is still the culprit
    assert verdict(log)[:2] == (
        Category.LINT,
        "C: 14, 0: Unnecessary parens after 'print' keyword (superfluous-parens)",
    )


def test_coverage_4_fail_under_reports_the_total_row() -> None:
    # Given coverage 4.5 report --fail-under=90 after passing tests: it exits 2 and says nothing of its own
    log = step_log(
        "coverage run -m pytest -q tests && coverage report -m --fail-under=90",
        ".                                                                        [100%]",
        "1 passed in 0.08 seconds",
        "Name                 Stmts   Miss  Cover   Missing",
        "--------------------------------------------------",
        "calc.py                 15      8    47%   11-14, 18, 22-24",
        "tests/__init__.py        0      0   100%",
        "tests/test_calc.py       3      0   100%",
        "--------------------------------------------------",
        "TOTAL                   18      8    56%",
    )
    # When it is analysed, then the total row is the culprit, a test failure
    assert verdict(log) == (Category.TEST, "TOTAL                   18      8    56%", "coverage-report-total")


def test_a_coverage_total_row_does_not_outrank_a_failing_test() -> None:
    # Given pytest-cov's report printed after a failing test
    log = step_log(
        "pytest --cov=acme",
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "tests/test_calc.py:15: AssertionError",
        "----------- coverage: platform linux, python 3.6.15-final-0 -----------",
        "Name                 Stmts   Miss  Cover",
        "TOTAL                   18      2    89%",
        "=========================== short test summary info ============================",
        "FAILED tests/test_calc.py::test_add_wrong - assert 4 == 5",
        "================ 1 failed, 2 passed in 0.22 seconds ================",
    )
    # When it is analysed, then the failing test is the culprit, not the coverage total
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert rule != "coverage-report-total"
    assert culprit in (
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "tests/test_calc.py:15: AssertionError",
        "FAILED tests/test_calc.py::test_add_wrong - assert 4 == 5",
    )


TOX3_SKIP = (
    "py27 create: /home/travis/build/acme/acme/.tox/py27",
    "SKIPPED: InterpreterNotFound: python2.7",
    "py36 create: /home/travis/build/acme/acme/.tox/py36",
    "py36 run-test-pre: PYTHONHASHSEED='2284010889'",
    "py36 run-test: commands[0] | pytest",
    "=================================== FAILURES ===================================",
    "________________________________ test_add_wrong ________________________________",
    "",
    "    def test_add_wrong():",
    ">       assert add(2, 2) == 5",
    "E       assert 4 == 5",
    "",
    "tests/test_calc.py:15: AssertionError",
    "================ 3 failed, 2 passed, 1 warnings in 0.44 seconds ================",
    "ERROR: InvocationError for command /home/travis/build/acme/acme/bin/pytest (exited with code 1)",
    "___________________________________ summary ____________________________________",
    "SKIPPED:  py27: InterpreterNotFound: python2.7",
    "ERROR:   py36: commands failed",
)


def test_tox_3_skipping_a_missing_interpreter_is_not_the_failure() -> None:
    # Given tox 3.14 with skip_missing_interpreters = true: py27 is skipped, then py36's pytest fails
    log = travis_log("tox", *TOX3_SKIP)
    # When it is analysed, then py36's first failing test is the culprit, a test failure
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert rule != "tox-interpreter-not-found"
    assert culprit in (
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "tests/test_calc.py:15: AssertionError",
    )


def test_tox_3_missing_interpreter_is_still_a_configuration_failure() -> None:
    # Given tox 3.14 with skip_missing_interpreters off: the env's setup and the summary say ERROR
    log = step_log(
        "tox -e py27",
        "py27 create: /home/runner/work/acme/acme/.tox/py27",
        "ERROR: InterpreterNotFound: python2.7",
        "___________________________________ summary ____________________________________",
        "ERROR:  py27: InterpreterNotFound: python2.7",
    )
    # When it is analysed, then the missing interpreter is the culprit, a configuration failure
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.CONFIG, "tox-interpreter-not-found")
    assert culprit is not None and culprit.endswith("InterpreterNotFound: python2.7")


def test_pip_19_1_egg_info_failure_reports_the_setup_scripts_exception() -> None:
    # Given pip 19.1 reading a setup.py whose `git describe` fails (a shallow clone without tags)
    error = (
        "    subprocess.CalledProcessError: Command '['git', 'describe', '--tags']' returned non-zero exit status 128."
    )
    log = step_log(
        "pip install .",
        "Processing /home/runner/work/acme/acme",
        "    ERROR: Complete output from command python setup.py egg_info:",
        "    ERROR: warning: no git tag found, falling back to describe",
        "    Traceback (most recent call last):",
        '      File "<string>", line 1, in <module>',
        '      File "/tmp/pip-req-build-2lt_3yh6/setup.py", line 8, in git_version',
        '        out = subprocess.check_output(["git", "describe", "--tags"], stderr=subprocess.STDOUT)',
        error,
        "    ----------------------------------------",
        'ERROR: Command "python setup.py egg_info" failed with error code 1 in /tmp/pip-req-build-2lt_3yh6/',
    )
    # When it is analysed, then the exception is the culprit, under pip's egg_info rule
    assert verdict(log) == (Category.DEPENDENCY, error.strip(), "pip19-egg-info-failed")


def test_pytest_flake8_reports_the_first_finding_not_the_failed_tests_summary() -> None:
    # Given pytest 4.6 with pytest-flake8 1.0.4: a file's FLAKE8-check item fails before the tests' own failures
    finding = "/home/runner/work/acme/acme/acme/util.py:9:12: F821 undefined name 'totl'"
    log = step_log(
        "python -m pytest --flake8 -ra",
        "acme/util.py F                                                           [ 36%]",
        "tests/test_calc.py F.FF.F                                                [100%]",
        "",
        "=================================== FAILURES ===================================",
        "_________________________________ FLAKE8-check _________________________________",
        finding,
        "/home/runner/work/acme/acme/acme/util.py:13:5: F841 local variable 'unused' is assigned to but never used",
        "",
        "________________________________ test_add_wrong ________________________________",
        "E       assert 4 == 5",
        "tests/test_calc.py:15: AssertionError",
        "=========================== short test summary info ============================",
        "FAILED acme/util.py::FLAKE8",
        "FAILED tests/test_calc.py::test_add_wrong - assert 4 == 5",
        "================ 2 failed, 6 passed, 1 warnings in 0.96 seconds ================",
    )
    # When it is analysed, then the first finding under the first FLAKE8-check section is the culprit, a lint failure
    assert verdict(log) == (Category.LINT, finding, "pytest-flake8-check-failed")
