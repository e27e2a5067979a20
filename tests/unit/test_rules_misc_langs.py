"""Elm, Ada, Free Pascal, OCaml (dune), Lua, D, Nim and Tcl rules on job logs built from real tool output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
misc_cases.py generates it: elm 0.19.1, GNAT 12.2 with gprbuild and AUnit 22, Free Pascal 3.2.2 with fpcunit, dune
2.9.3, busted 2.1.1, luacheck 1.1.0, LDC 1.30, Nim 1.6.10, Tcl 8.6.13). Each test asserts the category and that
the culprit is the first specific failure, not the tool's count, its closing line or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


ELM_BOX = (
    "",
    "This `case` does not have branches for all possibilities:",
    "",
    "12|>    case shape of",
    "13|>        Circle r ->",
    "",
    "Missing possibilities include:",
    "",
    "    Triangle _ _",
    "",
)


def test_elm_first_box_after_the_progress_line_is_the_culprit() -> None:
    # Given elm make's output with stdout and stderr merged: the first report's bar follows `Compiling ...` on the
    # same line, a second module's report below, `Detected problems in 2 modules.` last
    output = (
        # (the progress lines' carriage returns left out: the helper numbers lines as str.splitlines does)
        "                            Dependencies ready!",
        "Compiling ...-- MISSING PATTERNS ---------------------------------------------- src/Shape.elm",
        *ELM_BOX,
        "-- TYPE MISMATCH -------------------------------------------------- src/Calc.elm",
        "",
        "The 2nd argument to `add` is not what I expect:",
        "Detected problems in 2 modules.",
    )
    # When the step is analysed
    category, culprit, rule = verdict("elm make src/Main.elm --output=/dev/null", *output)
    # Then the first bar is the culprit
    assert (category, rule) == (Category.BUILD, "elm-compile-error")
    assert culprit.endswith("-- MISSING PATTERNS ---------------------------------------------- src/Shape.elm")


def test_dune_cram_diff_reports_the_test_file_location() -> None:
    # Given a cram test whose output changed: dune's location line, its internal git job and the diff
    output = (
        'File "tests/calc.t", line 1, characters 0-0:',
        "         git (internal) (exit 1)",
        "(cd _build/.sandbox/fb66/default && /usr/bin/git --no-pager diff --no-index --color=always -u "
        "../../../default/tests/calc.t tests/calc.t.corrected)",
        "diff --git a/../../../default/tests/calc.t b/tests/calc.t.corrected",
        "--- a/../../../default/tests/calc.t",
        "+++ b/tests/calc.t.corrected",
        "@@ -4,7 +4,7 @@ Adding two numbers:",
        "   $ calc 2 2",
        "-  4",
        "+  5",
    )
    category, culprit, rule = verdict("dune test 2>&1", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        'File "tests/calc.t", line 1, characters 0-0:',
        "dune-diff-action-failed",
    )


def test_dune_diff_rule_is_a_test_not_a_lint_drift() -> None:
    # Given a `(diff gen.expected gen.output)` rule under `dune test`
    output = (
        'File "test/gen.expected", line 1, characters 0-0:',
        "         git (internal) (exit 1)",
        "(cd _build/default && /usr/bin/git --no-pager diff --no-index --color=always -u test/gen.expected "
        "test/gen.output)",
        "diff --git a/test/gen.expected b/test/gen.output",
        "-mul 2 3 = 6",
        "+mul 2 3 = 7",
    )
    category, culprit, _ = verdict("dune test 2>&1", *output)
    assert (category, culprit) == (Category.TEST, 'File "test/gen.expected", line 1, characters 0-0:')


def test_busted_gtest_reports_the_first_failed_test_not_the_listing() -> None:
    output = (
        "[ RUN      ] spec/calc_spec.lua @ 9: calc add adds wrong",
        "spec/calc_spec.lua:10: Expected objects to be the same.",
        "[  FAILED  ] spec/calc_spec.lua @ 9: calc add adds wrong (3.49 ms)",
        "[ RUN      ] spec/calc_spec.lua @ 17: calc scale logs and scales",
        "ERROR: simulated log line from the code under test",
        "[       OK ] spec/calc_spec.lua @ 17: calc scale logs and scales (0.13 ms)",
        "./src/calc.lua:8: attempt to perform arithmetic on a nil value (local 'v')",
        "[  ERROR   ] spec/calc_spec.lua @ 22: calc scale scales nil (3.20 ms)",
        "[  FAILED  ] 1 test, listed below:",
        "[  FAILED  ] spec/calc_spec.lua @ 9: calc add adds wrong",
        " 1 FAILED TEST",
    )
    category, culprit, rule = verdict("busted -o gtest spec", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "[  FAILED  ] spec/calc_spec.lua @ 9: calc add adds wrong (3.49 ms)",
        "busted-gtest-failed",
    )


def test_luacheck_plain_formatter_with_codes_is_lint() -> None:
    output = (
        "src/report.lua:4:9: (W211) unused variable 'count'",
        "src/report.lua:5:7: (W213) unused loop variable 'i'",
        "src/report.lua:6:5: (W111) setting non-standard global variable 'out'",
    )
    category, culprit, _ = verdict("luacheck --formatter plain --codes src", *output)
    assert (category, culprit) == (Category.LINT, "src/report.lua:4:9: (W211) unused variable 'count'")


def test_d_uncaught_exception_is_the_culprit_not_the_backtrace_or_dubs_line() -> None:
    output = (
        "Running app config.ini",
        "object.Exception@source/app.d(7): config file not found: config.ini",
        "----------------",
        "/usr/lib/ldc/x86_64-linux-gnu/include/d/std/exception.d:519 pure @safe noreturn "
        "std.exception.bailOut!(Exception).bailOut(immutable(char)[], ulong, scope const(char)[]) [0x559d09b31467]",
        "source/app.d:7 [0x559d09b3138c]",
        "??:? _d_run_main [0x7f6ccf00d7ed]",
        "loading config.ini",
        "Program exited with code 1",
    )
    category, culprit, rule = verdict("dub run -- config.ini", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "object.Exception@source/app.d(7): config file not found: config.ini",
        "d-uncaught-throwable",
    )


def test_nim_unhandled_defect_outranks_the_external_program_line() -> None:
    output = (
        "test last: start",
        "/home/runner/work/acme/acme/tests/run.nim(4) run",
        "/usr/lib/nim/lib/system/fatal.nim(54) sysFatal",
        "Error: unhandled exception: index 3 not in 0 .. 2 [IndexDefect]",
        "Error: execution of an external program failed: '/home/runner/work/acme/acme/tests/run '",
    )
    category, culprit, rule = verdict("nim c -r tests/run.nim", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "Error: unhandled exception: index 3 not in 0 .. 2 [IndexDefect]",
        "nim-unhandled-exception",
    )


def test_gnat_first_error_not_the_warning_or_gprbuilds_closing_line() -> None:
    output = (
        "Compile",
        "   [Ada]          main.adb",
        'main.adb:5:04: warning: variable "Spare" is never read and never assigned [-gnatwv]',
        "   [Ada]          calc.adb",
        'calc.adb:4:22: error: expected type "Standard.Integer"',
        "calc.adb:4:22: error: found a string type",
        'calc.adb:9:14: error: "Digit_Of" is undefined',
        "gprbuild: *** compilation phase failed",
    )
    category, culprit, _ = verdict("gprbuild -P app.gpr", *output)
    # (GNAT 12's `error: ` lines are gcc's shape: the C compilers' rule may decide, at the same priority)
    assert (category, culprit) == (Category.BUILD, 'calc.adb:4:22: error: expected type "Standard.Integer"')


def test_gnat_before_12_prints_errors_without_error_prefix() -> None:
    # Given the same errors as GNAT before 12 words them: no `error: `, a warning's `warning: ` kept
    output = (
        'main.adb:5:04: warning: variable "Spare" is never read and never assigned',
        'calc.adb:4:22: expected type "Standard.Integer"',
        "calc.adb:4:22: found a string type",
        'gnatmake: "calc.adb" compilation error',
    )
    category, culprit, _ = verdict("gnatmake -Psrc/app.gpr", *output)
    assert (category, culprit) == (Category.BUILD, 'calc.adb:4:22: expected type "Standard.Integer"')


def test_ada_unhandled_exception_under_make() -> None:
    output = (
        "./obj/main",
        "digit 3: 3",
        "",
        "Execution of ./obj/main terminated by unhandled exception",
        "raised CONSTRAINT_ERROR : calc.adb:9 range check failed",
        "Call stack traceback locations:",
        "0x55976a573d49 0x55976a5735f5 0x55976a573ca5",
        "make: *** [Makefile:2: check] Error 1",
    )
    category, culprit, rule = verdict("make check", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "raised CONSTRAINT_ERROR : calc.adb:9 range check failed",
        "gnat-unhandled-exception",
    )


def test_aunit_first_failed_test_not_the_logged_error_or_the_totals() -> None:
    output = (
        "ERROR: simulated log line from the code under test",
        "",
        "OK Calc.Add adds",
        "",
        "FAIL Calc.Add adds wrong",
        "    Add (2, 2) should be 5",
        "    at calc_tests.adb:16",
        "",
        "ERROR Calc.Digit out of range",
        "    CONSTRAINT_ERROR",
        "    Exception Message: calc.adb:9 range check failed",
        "",
        "Total Tests Run:   4",
        "Successful Tests:  2",
        "Failed Assertions: 1",
        "Unexpected Errors: 1",
    )
    category, culprit, rule = verdict("./obj/test_runner", *output)
    assert (category, culprit, rule) == (Category.TEST, "FAIL Calc.Add adds wrong", "aunit-failed-test")


def test_aunit_error_only_run_reports_the_erroring_test() -> None:
    output = (
        "OK Calc.Add adds",
        "",
        "ERROR Calc.Digit out of range",
        "    CONSTRAINT_ERROR",
        "    Exception Message: calc.adb:9 range check failed",
        "",
        "Total Tests Run:   2",
        "Successful Tests:  1",
        "Failed Assertions: 0",
        "Unexpected Errors: 1",
    )
    category, culprit, _ = verdict("./obj/test_runner", *output)
    assert (category, culprit) == (Category.TEST, "ERROR Calc.Digit out of range")


def test_fpc_first_error_not_its_fatal_summaries() -> None:
    output = (
        "Free Pascal Compiler version 3.2.2+dfsg-20 [2023/03/30] for x86_64",
        "Compiling src/app.pas",
        'app.pas(11,22) Error: Incompatible type for arg no. 2: Got "Char", expected "LongInt"',
        "calc.pas(12,10) Hint: Found declaration: Add(LongInt;LongInt):LongInt;",
        'app.pas(12,11) Error: Identifier not found "Totl"',
        "app.pas(14) Fatal: There were 2 errors compiling module, stopping",
        "Fatal: Compilation aborted",
        "Error: /usr/bin/ppcx64 returned an error exitcode",
    )
    category, culprit, rule = verdict("fpc src/app.pas", *output)
    assert (category, culprit, rule) == (
        Category.BUILD,
        'app.pas(11,22) Error: Incompatible type for arg no. 2: Got "Char", expected "LongInt"',
        "fpc-compile-error",
    )


def test_fpc_missing_unit_is_a_dependency() -> None:
    output = (
        "Compiling app.lpr",
        "app.lpr(12,3) Fatal: Can't find unit Interfaces used by app",
        "Fatal: Compilation aborted",
        "Error: /usr/bin/ppcx64 returned an error exitcode",
    )
    category, culprit, _ = verdict("fpc app.lpr", *output)
    assert (category, culprit) == (Category.DEPENDENCY, "app.lpr(12,3) Fatal: Can't find unit Interfaces used by app")


def test_fpcunit_plain_report_first_failed_test() -> None:
    output = (
        "  TCalcTest Time:00.000 N:4 E:1 F:2 I:0",
        "    00.000  TestAdd",
        '    00.000  TestAddWrong  Failed: "add(2, 2)" expected: <5> but was: <4>',
        '      Exception:   "add(2, 2)" expected: <5> but was: <4>',
        "    00.000  TestRatio  Error: EDivByZero",
        "      Exception:   Division by zero",
        "Number of run tests: 4",
        "Number of failures:  2",
        "List of failures:",
        "  Failure: ",
        '    Message:           TCalcTest.TestAddAgain: "add(3, 3)" expected: <7> but was: <6>',
    )
    category, culprit, rule = verdict("./tests/testrunner --all --format=plain", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        '00.000  TestAddWrong  Failed: "add(2, 2)" expected: <5> but was: <4>',
        "fpcunit-failed-test",
    )


def test_fpc_unhandled_exception_after_the_programs_own_output() -> None:
    output = (
        "ratio 4 2: 2",
        "ratio 4 0: An unhandled exception occurred at $00000000004564D9:",
        "EDivByZero: Division by zero",
        "  $00000000004564D9  RATIO,  line 19 of src/calc.pas",
    )
    category, culprit, _ = verdict("./tests/check", *output)
    assert (category, culprit) == (Category.TEST, "ratio 4 0: An unhandled exception occurred at $00000000004564D9:")


def test_tclsh_error_message_not_its_errorinfo_or_makes_line() -> None:
    output = (
        "tclsh scripts/check.tcl",
        "checking totals",
        "total: 7",
        'key "price" not known in dictionary',
        "    while executing",
        '"dict get $item price"',
        '    (procedure "total" line 4)',
        "    invoked from within",
        '    (file "scripts/check.tcl" line 10)',
        "make: *** [Makefile:2: check] Error 1",
    )
    category, culprit, rule = verdict("make check", *output)
    assert (category, culprit, rule) == (Category.TEST, 'key "price" not known in dictionary', "tclsh-uncaught-error")


def test_the_elm_bar_without_progress_still_reads_first() -> None:
    # A sanity check that the widened pattern keeps the plain bar (the elm.toml examples) first
    log = job_log(
        "elm make src/Main.elm",
        ["-- NAMING ERROR --------------------------------------------------- src/Main.elm", *ELM_BOX],
    )
    assert analyze_log(log).rule == "elm-compile-error"


def test_gnat_style_check_under_gnatwe_is_the_culprit_not_gprbuilds_line() -> None:
    # Given gprbuild with -gnatwe -gnatyy: a style check is all the compiler says
    output = (
        "Compile",
        "   [Ada]          main.adb",
        "   [Ada]          calc.adb",
        "calc.adb:4:15: (style) space required",
        "gprbuild: *** compilation phase failed",
    )
    category, culprit, rule = verdict("gprbuild -P app.gpr", *output)
    assert (category, culprit, rule) == (Category.BUILD, "calc.adb:4:15: (style) space required", "gnat-style-check")


def test_tcl_missing_package_is_a_dependency() -> None:
    output = (
        "building report",
        "can't find package tdom",
        "    while executing",
        '"package require tdom"',
        '    (file "scripts/report.tcl" line 2)',
    )
    category, culprit, rule = verdict("tclsh scripts/report.tcl", *output)
    assert (category, culprit, rule) == (Category.DEPENDENCY, "can't find package tdom", "tcl-package-not-found")
