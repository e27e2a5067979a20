"""R, Emacs Lisp, Common Lisp, Racket, Guile and Octave rules on job logs built from real tool output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/rlisp_cases.py
generates it: R 4.2.2 with testthat 3.1.6, Emacs 28.2 with buttercup 1.26 and package-lint 0.16, SBCL 2.2.9 with
FiveAM 1.4.2, Racket 8.7, Guile 3.0.8, Octave 7.3.0). Each test asserts the category and that the culprit is the
first specific failure, not the runner's count or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict


def test_ert_reports_the_first_unexpected_tests_block_not_the_passing_tests_error_text() -> None:
    # Given ERT in batch: a passing test prints `error:`, two tests fail, the count and the list far below
    output = (
        "Running 4 tests (2026-11-30 07:21:16+0000, selector ‘t’)",
        "   passed  1/4  calc-test-add (0.000140 sec)",
        "Test calc-test-add-wrong backtrace:",
        "  signal(ert-test-failed (((should (equal 5 (calc-add 2 2))) :form (eq",
        "  ert-fail(((should (equal 5 (calc-add 2 2))) :form (equal 5 4) :value",
        "  normal-top-level()",
        "Test calc-test-add-wrong condition:",
        "    (ert-test-failed",
        "     ((should",
        "       (equal 5",
        "\t      (calc-add 2 2)))",
        "      :form",
        "      (equal 5 4)))",
        "   FAILED  2/4  calc-test-add-wrong (0.000161 sec)",
        "error: printed by a passing test",
        "   passed  3/4  calc-test-logs (0.000072 sec)",
        "Test calc-test-mean-empty backtrace:",
        "  signal(arith-error nil)",
        "Test calc-test-mean-empty condition:",
        "    (arith-error)",
        "   FAILED  4/4  calc-test-mean-empty (0.000093 sec)",
        "",
        "Ran 4 tests, 2 results as expected, 2 unexpected (2026-11-30 07:21:16+0000, 0.488995 sec)",
        "",
        "2 unexpected results:",
        "   FAILED  calc-test-add-wrong",
        "   FAILED  calc-test-mean-empty",
        "",
    )
    # When the step is analysed
    log = step_log("emacs -batch -L . -l ert -l calc-tests.el -f ert-run-tests-batch-and-exit", *output)
    # Then the first failing test's block is the culprit
    assert verdict(log) == (Category.TEST, "Test calc-test-add-wrong backtrace:", "ert-unexpected-result")


def test_ert_progress_line_without_a_backtrace_names_the_failed_test() -> None:
    # Given ERT's progress lines alone (the backtraces cut from the log), the first FAILED above the count
    output = (
        "   passed  1/3  pkg-test-a (0.000100 sec)",
        "   FAILED  2/3  pkg-test-b (0.000200 sec)",
        "   FAILED  3/3  pkg-test-c (0.000200 sec)",
        "",
        "Ran 3 tests, 1 results as expected, 2 unexpected (2026-11-30 07:21:16+0000, 0.1 sec)",
    )
    log = step_log("make test", *output)
    assert verdict(log) == (Category.TEST, "FAILED  2/3  pkg-test-b (0.000200 sec)", "ert-failed-test")


def test_buttercup_reports_the_first_failed_specs_expectation_not_ninjas_failed_target() -> None:
    # Given buttercup's report: `FAILED: Expected ...` would read as ninja's `FAILED: <target>` (a build failure)
    output = (
        "Running 4 specs.",
        "",
        "calc-add",
        "  adds two numbers  adds two numbers (43.62ms)",
        "  adds negatives  adds negatives  Expected `(calc-add -1 -2)' to be `equal' to `-4', but instead it was `-3'.",
        "",
        "========================================",
        "calc-add adds negatives",
        "",
        "Traceback (most recent call last):",
        "  buttercup-fail(\"%s\" \"Expected `(calc-add -1 -2)' to be `equal' to `-4', bu...",
        "FAILED: Expected `(calc-add -1 -2)' to be `equal' to `-4', but instead it was `-3'.",
        "",
        "========================================",
        "calc-mean averages nothing",
        "",
        "Traceback (most recent call last):",
        "  calc-mean(nil)",
        "error: (arith-error)",
        "",
        "Ran 4 specs, 2 failed, in 71.20ms.",
        'buttercup-run failed: ""',
    )
    log = step_log("emacs -Q -batch -L . -l buttercup -f buttercup-run-discover tests", *output)
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.TEST, "buttercup-failed-spec")
    assert culprit is not None and culprit.startswith("FAILED: Expected `(calc-add -1 -2)'")


def test_byte_compile_error_on_warn_and_package_lint_report_their_first_finding() -> None:
    byte_compile = step_log(
        "emacs -Q -batch -L . --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile calc.el calc-extra.el",
        "",
        "In toplevel form:",
        "calc-extra.el:16:24: Error: Unused lexical variable `unused'",
    )
    assert verdict(byte_compile) == (
        Category.BUILD,
        "calc-extra.el:16:24: Error: Unused lexical variable `unused'",
        "emacs-byte-compile-error",
    )
    # package-lint's `file:line:col: error:` is not a C compiler's error
    package_lint = step_log(
        "emacs -Q -batch -l package-lint -f package-lint-batch-and-exit calc-extra.el",
        "Entering directory '/home/runner/work/acme/acme/'",
        "calc-extra.el:1:0: error: Package should have a Homepage or URL header.",
        'calc-extra.el:26:0: error: "scale-all" doesn\'t start with package\'s prefix "calc-extra".',
    )
    assert verdict(package_lint) == (
        Category.LINT,
        "calc-extra.el:1:0: error: Package should have a Homepage or URL header.",
        "package-lint-error",
    )


def test_fiveam_reports_the_first_failing_test_in_run_order_not_the_first_failure_detail() -> None:
    # Given FiveAM's run!: the progress line of ADD-WRONG, then the details, which list MEAN-OF-NONE first
    output = (
        "Running test suite CALC-SUITE",
        " Running test ADD-WORKS .",
        " Running test ADD-WRONG f",
        " Running test LOGS-ERROR-TEXT ",
        "ERROR: logged by a passing test",
        ".",
        " Running test MEAN-OF-NONE X",
        " Did 4 checks.",
        "    Pass: 2 (50%)",
        "    Skip: 0 ( 0%)",
        "    Fail: 2 (50%)",
        "",
        " Failure Details:",
        " --------------------------------",
        " MEAN-OF-NONE in CALC-SUITE []: ",
        "      Unexpected Error: #<DIVISION-BY-ZERO {100314CB23}>",
        "arithmetic error DIVISION-BY-ZERO signalled",
        " --------------------------------",
        " --------------------------------",
        " ADD-WRONG in CALC-SUITE []: ",
        "      ",
        "(CALC:ADD 2 2)",
        " evaluated to ",
        "4",
        " --------------------------------",
    )
    log = step_log("sbcl --non-interactive --load run-tests.lisp", *output)
    assert verdict(log) == (Category.TEST, "Running test ADD-WRONG f", "fiveam-failed-test")


def test_asdf_missing_system_is_a_dependency_failure_and_a_compile_error_a_build_failure() -> None:
    missing = step_log(
        "sbcl --non-interactive --eval '(asdf:load-system \"calc\")'",
        'Unhandled ASDF/FIND-COMPONENT:MISSING-DEPENDENCY in thread #<SB-THREAD:THREAD "main thread" RUNNING',
        "                                                              {1001348003}>:",
        '  Component "cl-ppcre-unicode-extras" not found, required by #<SYSTEM "calc">',
        "",
        'Backtrace for: #<SB-THREAD:THREAD "main thread" RUNNING {1001348003}>',
        "0: (SB-DEBUG::DEBUGGER-DISABLED-HOOK #<ASDF/FIND-COMPONENT:MISSING-DEPENDENCY {1001F4B0F3}> #<unused>",
        "",
        "unhandled condition in --disable-debugger mode, quitting",
    )
    category, culprit, rule = verdict(missing)
    assert (category, rule) == (Category.DEPENDENCY, "asdf-missing-system")
    assert culprit in (
        'Unhandled ASDF/FIND-COMPONENT:MISSING-DEPENDENCY in thread #<SB-THREAD:THREAD "main thread" RUNNING',
        'Component "cl-ppcre-unicode-extras" not found, required by #<SYSTEM "calc">',
    )
    # A READ error: SBCL's `; caught ERROR:` outranks UIOP's COMPILE-FILE-ERROR that restates it
    read_error = step_log(
        "sbcl --non-interactive --eval '(asdf:load-system \"calc\")'",
        '; compiling file "/home/runner/work/acme/acme/util.lisp" (written 30 NOV 2026 07:21:11 AM):',
        "; caught STYLE-WARNING:",
        ";   The variable Y is defined but never used.",
        '; compiling file "/home/runner/work/acme/acme/calc.lisp" (written 30 NOV 2026 07:21:11 AM):',
        "; ",
        "; caught ERROR:",
        ";   READ error during COMPILE-FILE:",
        ';     end of file on #<SB-INT:FORM-TRACKING-STREAM for "file /home/runner/work/acme/calc.lisp" {100149CEF3}>',
        "; compilation aborted after 0:00:00.000",
        'Unhandled UIOP/LISP-BUILD:COMPILE-FILE-ERROR in thread #<SB-THREAD:THREAD "main thread" RUNNING',
        "                                                          {1004908113}>:",
        '  COMPILE-FILE-ERROR while compiling #<CL-SOURCE-FILE "calc" "calc">',
        "unhandled condition in --disable-debugger mode, quitting",
    )
    assert verdict(read_error) == (Category.BUILD, "; caught ERROR:", "sbcl-caught-error")


def test_sbcl_unhandled_error_is_reported_after_a_warning() -> None:
    log = step_log(
        "sbcl --script scripts/configure.lisp",
        "reading configuration",
        "WARNING: the TIMEOUT setting is deprecated",
        "port 80",
        'Unhandled SIMPLE-ERROR in thread #<SB-THREAD:THREAD "main thread" RUNNING',
        "                                    {1001348003}>:",
        '  invalid port in configuration: "http"',
        "",
        'Backtrace for: #<SB-THREAD:THREAD "main thread" RUNNING {1001348003}>',
        '3: (ERROR "invalid port in configuration: ~S" "http")',
        "",
        "unhandled condition in --disable-debugger mode, quitting",
    )
    _, culprit, rule = verdict(log)
    assert (culprit, rule) == (
        'Unhandled SIMPLE-ERROR in thread #<SB-THREAD:THREAD "main thread" RUNNING',
        "sbcl-unhandled-condition",
    )


def test_raco_test_reports_the_first_rackunit_failure_not_a_passing_checks_error_text() -> None:
    output = (
        'raco test: "tests/a-test.rkt"',
        'raco test: "tests/calc-test.rkt"',
        "--------------------",
        "adds wrong",
        "FAILURE",
        "name:       check-equal?",
        "location:   calc-test.rkt:5:2",
        "actual:     4",
        "expected:   5",
        "--------------------",
        "error: printed by a passing check",
        "--------------------",
        "FAILURE",
        "name:       check-equal?",
        "location:   calc-test.rkt:7:0",
        "--------------------",
        "3/5 test failures",
    )
    log = step_log("raco test tests", *output)
    assert verdict(log) == (Category.TEST, "location:   calc-test.rkt:5:2", "rackunit-failure-location")


def test_raco_make_syntax_error_is_a_build_failure() -> None:
    log = step_log(
        "raco make -v main.rkt",
        "making #<path:/home/runner/work/acme/acme/main.rkt>",
        "stats.rkt:3:38: sqaure: unbound identifier",
        "  in: sqaure",
        "  compilation context...:",
        "   /home/runner/work/acme/acme/stats.rkt",
    )
    assert verdict(log) == (Category.BUILD, "stats.rkt:3:38: sqaure: unbound identifier", "racket-syntax-error")


def test_srfi64_reports_the_first_fail_line_not_the_count() -> None:
    log = step_log(
        "guile -L . tests/calc-test.scm",
        '%%%% Starting test calc  (Writing full log to "calc.log")',
        "tests/calc-test.scm:4: FAIL adds wrong",
        "tests/calc-test.scm:6: FAIL mean of none",
        "# of expected passes      2",
        "# of unexpected failures  2",
    )
    assert verdict(log) == (Category.TEST, "tests/calc-test.scm:4: FAIL adds wrong", "srfi64-failed-test")


def test_octave_test_reports_the_first_failed_block_and_a_scripts_error_above_called_from() -> None:
    tests = step_log(
        "octave-cli --eval 'test calc_add'",
        ">>>>> processing calc_add",
        "error: printed by a passing test",
        "***** assert (calc_add (2, 2), 5)",
        "!!!!! test failed",
        "ASSERT errors for:  assert (calc_add (2, 2),5)",
        "",
        "  Location  |  Observed  |  Expected  |  Reason",
        "     ()           4            5         Abs err 1 exceeds tol 0 by 1",
        ">>>>> processing calc_mean",
        "***** assert (calc_mean ([]), 0)",
        "!!!!! test failed",
    )
    assert verdict(tests) == (Category.TEST, "!!!!! test failed", "octave-test-failed")
    script = step_log(
        "octave-cli --no-gui run_report.m",
        "building report",
        "warning: report: the legend option is deprecated",
        "warning: called from",
        "    run_report at line 2 column 1",
        "",
        "error: load_data: cannot open data/measurements.csv",
        "error: called from",
        "    load_data at line 3 column 5",
        "    run_report at line 3 column 3",
        "error: ignoring const execution_exception& while preparing to exit",
    )
    _, culprit, rule = verdict(script)
    assert (culprit, rule) == ("error: load_data: cannot open data/measurements.csv", "octave-error-called-from")


def test_r_summary_reporter_and_an_rscript_stop() -> None:
    # testthat's summary reporter numbers its failures: the first is the culprit, not the second or the count
    summary = step_log(
        'Rscript -e \'testthat::test_dir("tests/testthat", reporter = "summary")\'',
        "a: .",
        "calc: .12",
        "",
        "══ Failed ══════════════════════════════════════════════════════════════════════",
        "── 1. Failure ('test-calc.R:6'): add handles negatives ─────────────────────────",
        "add(-1, -2) not equal to -4.",
        "",
        "── 2. Error ('test-calc.R:10'): safe_div refuses zero ──────────────────────────",
        "Error in `safe_div(1, 0)`: division by zero",
        "",
        "══ DONE ════════════════════════════════════════════════════════════════════════",
        "Error: Test failures",
        "Execution halted",
    )
    assert verdict(summary) == (
        Category.TEST,
        "── 1. Failure ('test-calc.R:6'): add handles negatives ─────────────────────────",
        "testthat-failure",
    )
    script = step_log(
        "Rscript scripts/report.R",
        "building the weekly report",
        'Error in read_config("config/report.yml") : ',
        "  config file not found: config/report.yml",
        "Calls: main -> read_config",
        "In addition: Warning message:",
        "In main() : NAs introduced by coercion",
        "Execution halted",
    )
    _, culprit, rule = verdict(script)
    assert (culprit, rule) == ('Error in read_config("config/report.yml") :', "r-error-in-call")


def test_r_cmd_check_examples_failure_outranks_the_later_tests_failure() -> None:
    # Given R CMD check: an example stops, then the tests fail too (examples run first)
    output = (
        "* checking examples ... ERROR",
        "Running examples in ‘calcr-Ex.R’ failed",
        "The error most likely occurred in:",
        "",
        "> safe_div(1, 0)",
        "Error in safe_div(1, 0) : division by zero",
        "Execution halted",
        "* checking tests ...",
        "  Running ‘testthat.R’",
        " ERROR",
        "Running the tests in ‘tests/testthat.R’ failed.",
        "Last 13 lines of output:",
        "  ── Error ('test-calc.R:10'): safe_div refuses zero ─────────────────────────────",
        "  Error in `safe_div(1, 0)`: division by zero",
        "  [ FAIL 2 | WARN 0 | SKIP 0 | PASS 2 ]",
        "  Error: Test failures",
        "  Execution halted",
        "* DONE",
        "",
        "Status: 2 ERRORs",
    )
    log = step_log("R CMD check --no-manual calcr_0.1.0.tar.gz", *output)
    # Then the example's own error under the header is the culprit
    expected = (Category.TEST, "Error in safe_div(1, 0) : division by zero", "r-cmd-check-examples-failed")
    assert verdict(log) == expected


def test_a_missing_package_stays_the_failure_above_r_cmd_checks_status_count() -> None:
    # Given R CMD check stopping at a dependency no repository has: no test ran, only the check's count follows
    output = (
        "* checking package dependencies ... ERROR",
        "Package required but not available: ‘fastcsvreadr’",
        "",
        "See section ‘The DESCRIPTION file’ in the ‘Writing R Extensions’",
        "manual.",
        "* DONE",
        "",
        "Status: 1 ERROR",
    )
    log = step_log("R CMD check --no-manual calcr_0.1.0.tar.gz", *output)
    # Then the count (a test-category summary) does not make the missing package a failure the step went on after
    category, culprit, _rule = verdict(log)
    assert (category, culprit) == (Category.DEPENDENCY, "Package required but not available: ‘fastcsvreadr’")
