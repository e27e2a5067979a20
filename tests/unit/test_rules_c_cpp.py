# ruff: noqa: E501  (the tools' output lines are quoted whole)
"""C and C++ rules (rules/c-cpp.toml) on job logs built from real tool output: unit-test frameworks, automake's and
meson's test harnesses, sanitizers, valgrind, linters and configure tools.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
c_cpp_cases.py generates it: GoogleTest 1.12.1, Catch2 2.13.10, Boost.Test 1.74, doctest 2.4.9, CUnit 2.1-3, Check
0.15.2, cmocka 1.1.5, automake 1.16.5, meson 1.0.1, gcc 12.2, valgrind 3.19, clang-tidy/clang-format 14, cppcheck
2.10). Each test asserts the category and that the culprit is the first specific failure, not the runner's count, a
logged ERROR line of a passing test or a later failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import step_log, verdict

WARNING = (
    "cc -Wall -Wextra -O0 -g -c -o calc.o calc.c",
    "calc.c: In function ‘scale’:",
    "calc.c:7:22: warning: unused parameter ‘unused’ [-Wunused-parameter]",
    "    7 | int scale(int a, int unused) { return a * 2; }",
    "      |                  ~~~~^~~~~~",
)


def test_googletest_reports_the_first_failed_assertion_not_a_logged_error_or_the_list() -> None:
    # Given a GoogleTest run: a passing test logs an ERROR line, three tests fail, the FAILED list closes it
    log = step_log(
        "make test",
        *WARNING,
        "./test_calc ",
        "Running main() from ./googletest/src/gtest_main.cc",
        "[==========] Running 5 tests from 2 test suites.",
        "[ RUN      ] Calc.ParsePortFallsBack",
        "ERROR [config] invalid port 'nope', using 8080",
        "[       OK ] Calc.ParsePortFallsBack (0 ms)",
        "[ RUN      ] Calc.AddWrong",
        "test_calc.cpp:15: Failure",
        "Expected equality of these values:",
        "  add(2, 2)",
        "    Which is: 4",
        "  5",
        "[  FAILED  ] Calc.AddWrong (0 ms)",
        "[ RUN      ] Calc.DivideByZero",
        "test_calc.cpp:19: Failure",
        "Expected equality of these values:",
        "  divide(1, 0)",
        "    Which is: -1",
        "  0",
        "divide(1, 0) should be 0",
        "[  FAILED  ] Calc.DivideByZero (0 ms)",
        "[==========] 5 tests from 2 test suites ran. (0 ms total)",
        "[  PASSED  ] 2 tests.",
        "[  FAILED  ] 3 tests, listed below:",
        "[  FAILED  ] Calc.AddWrong",
        "[  FAILED  ] Calc.DivideByZero",
        "[  FAILED  ] Parser.PortInRange",
        "",
        " 3 FAILED TESTS",
        "make: *** [Makefile:13: test] Error 1",
    )
    # When it is analysed, then the first failure's location line is the culprit
    assert verdict(log) == (Category.TEST, "test_calc.cpp:15: Failure", "gtest-assertion-failure")


def test_googletest_under_ctest_reports_the_binarys_failure() -> None:
    # Given CTest --output-on-failure running a GoogleTest binary
    log = step_log(
        "ctest --test-dir build --output-on-failure",
        "    Start 1: calc_tests",
        "1/2 Test #1: calc_tests .......................***Failed    0.00 sec",
        "[ RUN      ] Calc.AddWrong",
        "/home/runner/work/acme/acme/test_calc.cpp:15: Failure",
        "Expected equality of these values:",
        "[  FAILED  ] Calc.AddWrong (0 ms)",
        "",
        " 1 FAILED TEST",
        "2/2 Test #2: parser_tests .....................   Passed    0.00 sec",
        "50% tests passed, 1 tests failed out of 2",
        "The following tests FAILED:",
        "\t  1 - calc_tests (Failed)",
        "Errors while running CTest",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit, rule) == (
        Category.TEST,
        "/home/runner/work/acme/acme/test_calc.cpp:15: Failure",
        "gtest-assertion-failure",
    )


def test_catch2_reports_the_first_failed_assertion_not_the_totals() -> None:
    log = step_log(
        "make check",
        *WARNING,
        "ERROR: bad config value (expected by this test)",
        "-------------------------------------------------------------------------------",
        "add of two twos",
        "-------------------------------------------------------------------------------",
        "test_calc.cpp:17",
        "...............................................................................",
        "",
        "test_calc.cpp:20: FAILED:",
        "  REQUIRE( got == 5 )",
        "with expansion:",
        "  4 == 5",
        "-------------------------------------------------------------------------------",
        "divide by zero",
        "-------------------------------------------------------------------------------",
        "test_calc.cpp:25: FAILED:",
        "  CHECK( divide(1, 0) == 0 )",
        "===============================================================================",
        "test cases: 4 | 2 passed | 2 failed",
        "assertions: 4 | 2 passed | 2 failed",
        "make: *** [Makefile:7: check] Error 2",
    )
    assert verdict(log) == (Category.TEST, "test_calc.cpp:20: FAILED:", "catch2-assertion-failed")


def test_boost_test_reports_the_first_failed_check_through_its_colours() -> None:
    log = step_log(
        "make check",
        "Running 4 test cases...",
        'test_calc.cpp(14): \x1b[1;31;49merror: in "arith/add_wrong": check add(2, 2) == 5 has failed [4 != 5]\x1b[0;39;49m',
        'test_calc.cpp(18): \x1b[4;31;49mfatal error: in "arith/divide_zero": critical check divide(1, 0) == 0 has failed\x1b[0;39;49m',
        "ERROR [config] invalid port 'bad', using 8080",
        "",
        '\x1b[1;31;49m*** 2 failures are detected in the test module "calc"',
        "\x1b[0;39;49mmake: *** [Makefile:6: check] Error 201",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.TEST, "boost-test-failed-check")
    assert culprit is not None and 'in "arith/add_wrong": check add(2, 2) == 5 has failed' in culprit


def test_doctest_reports_the_first_assertion_not_a_later_fatal_one() -> None:
    log = step_log(
        "make check",
        "ERROR: using default port",
        '[doctest] doctest version is "2.4.9"',
        "===============================================================================",
        "test_calc.cpp:15:",
        "TEST CASE:  add of two twos",
        "",
        "test_calc.cpp:16: ERROR: CHECK( add(2, 2) == 5 ) is NOT correct!",
        "  values: CHECK( 4 == 5 )",
        "",
        "===============================================================================",
        "test_calc.cpp:19:",
        "TEST CASE:  divide by zero",
        "test_calc.cpp:20: FATAL ERROR: REQUIRE( divide(1, 0) == 0 ) is NOT correct!",
        "===============================================================================",
        "[doctest] test cases: 4 | 2 passed | 2 failed | 0 skipped",
        "[doctest] Status: FAILURE!",
    )
    assert verdict(log) == (
        Category.TEST,
        "test_calc.cpp:16: ERROR: CHECK( add(2, 2) == 5 ) is NOT correct!",
        "doctest-assertion-failed",
    )


def test_cunit_check_and_cmocka_report_their_first_failing_test() -> None:
    cunit = step_log(
        "make check",
        "Suite: calc",
        "  Test: add_ok ...passed",
        "  Test: port_fallback ...ERROR [config] invalid port 'bad', using 8080",
        "passed",
        "  Test: add_wrong ...FAILED",
        "    1. test_calc.c:7  - CU_ASSERT_EQUAL(add(2, 2),5)",
        "  Test: divide_zero ...FAILED",
        "    1. test_calc.c:8  - divide(1, 0) == 0",
        "",
        "Run Summary:    Type  Total    Ran Passed Failed Inactive",
        "               tests      4      4      2      2        0",
    )
    check = step_log(
        "make check",
        "Running suite(s): calc",
        "ERROR [config] invalid port 'bad', using 8080",
        "50%: Checks: 4, Failures: 2, Errors: 0",
        "test_calc.c:5:P:core:test_add_ok:0: Passed",
        "test_calc.c:9:F:core:test_add_wrong:0: Assertion 'add(2, 2) == 5' failed: add(2, 2) == 4, 5 == 5",
        "test_calc.c:11:F:core:test_divide_zero:0: divide(1, 0) was -1",
    )
    cmocka = step_log(
        "make check",
        "[ RUN      ] test_port_fallback",
        "ERROR [config] invalid port 'bad', using 8080",
        "[       OK ] test_port_fallback",
        "[ RUN      ] test_add_wrong",
        "[  ERROR   ] --- 0x4 != 0x5",
        "[   LINE   ] --- test_calc.c:10: error: Failure!",
        "[  FAILED  ] test_add_wrong",
        "[ RUN      ] test_divide_zero",
        "[  ERROR   ] --- divide(1, 0) == 0",
        "[   LINE   ] --- test_calc.c:11: error: Failure!",
        "[  FAILED  ] test_divide_zero",
        "[  FAILED  ] 2 test(s), listed below:",
        "[  FAILED  ] test_add_wrong",
        "[  FAILED  ] test_divide_zero",
    )
    assert verdict(cunit) == (Category.TEST, "Test: add_wrong ...FAILED", "cunit-failed-test")
    assert verdict(check) == (
        Category.TEST,
        "test_calc.c:9:F:core:test_add_wrong:0: Assertion 'add(2, 2) == 5' failed: add(2, 2) == 4, 5 == 5",
        "check-failed-test",
    )
    assert verdict(cmocka) == (Category.TEST, "[  ERROR   ] --- 0x4 != 0x5", "cmocka-assertion-failed")


def test_automake_check_reports_the_first_fail_line_not_the_printed_test_suite_log() -> None:
    # Given `make check || { cat test-suite.log; exit 1; }`: the harness's lines, its summary, then the log's copy
    log = step_log(
        "make check || { cat test-suite.log; exit 1; }",
        "PASS: test_add",
        "PASS: test_port",
        "FAIL: test_divide",
        './test-driver: line 112: 20610 Aborted                 "$@" >> "$log_file" 2>&1',
        "FAIL: test_parse",
        "============================================================================",
        "# TOTAL: 4",
        "# PASS:  2",
        "# FAIL:  2",
        "============================================================================",
        "See ./test-suite.log",
        "make[2]: *** [Makefile:673: test-suite.log] Error 1",
        "FAIL: test_divide",
        "=================",
        "",
        "test_divide: expected 0, got -1",
        "FAIL test_divide (exit status: 1)",
        "",
        "FAIL: test_parse",
        "================",
        "test_parse: tests/test_parse.c:6: main: Assertion `port < 65536' failed.",
        "FAIL test_parse (exit status: 134)",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit, rule) == (Category.TEST, "FAIL: test_divide", "automake-test-failed")
    assert analyze_line(log) == 11  # the harness's own line, not the log's heading


def analyze_line(log: str) -> int:
    """The culprit's line number in ``log``."""
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    return analysis.culprit.line


def test_meson_test_reports_the_first_failed_test_not_the_counts() -> None:
    log = step_log(
        "meson test -C build",
        "[10/10] Linking target test_parse",
        "1/4 add    OK              0.01s",
        "2/4 port   OK              0.01s",
        "3/4 divide FAIL            0.01s   exit status 1",
        ">>> MALLOC_PERTURB_=118 /home/runner/work/acme/acme/build/test_divide",
        "",
        "4/4 parse  FAIL            0.01s   killed by signal 6 SIGABRT",
        "Ok:                 2   ",
        "Fail:               2   ",
        "Full log written to /home/runner/work/acme/acme/build/meson-logs/testlog.txt",
    )
    assert verdict(log) == (Category.TEST, "3/4 divide FAIL            0.01s   exit status 1", "meson-test-failed")


def test_a_sanitizer_report_outranks_the_programs_own_error_lines() -> None:
    log = step_log(
        "make check",
        "ERROR: (expected) parse_port rejected input",
        "ERROR [config] invalid port 'x', using 8080",
        "=================================================================",
        "==21825==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000018 at pc 0x561d9863b25a bp 0x7ffd97fcb320 sp 0x7ffd97fcb318",
        "READ of size 1 at 0x602000000018 thread T0",
        "    #0 0x561d9863b259 in checksum /home/runner/work/acme/acme/test_calc.c:8",
        "SUMMARY: AddressSanitizer: heap-buffer-overflow /home/runner/work/acme/acme/test_calc.c:8 in checksum",
        "==21825==ABORTING",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.TEST, "sanitizer-report")
    assert culprit is not None and culprit.startswith("==21825==ERROR: AddressSanitizer: heap-buffer-overflow")


def test_ubsan_reports_its_first_runtime_error() -> None:
    log = step_log(
        "make check",
        "calc.c:5:34: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'",
        "test_calc.c:9:19: runtime error: shift exponent 32 is too large for 32-bit type 'int'",
        "test_calc.c:11:55: runtime error: index 4 out of bounds for type 'int [4]'",
        "add small: 3",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.TEST, "ubsan-runtime-error")
    assert culprit is not None and culprit.startswith("calc.c:5:34: runtime error: signed integer overflow")


def test_valgrind_reports_its_first_error_not_the_error_summary() -> None:
    log = step_log(
        "make check",
        "valgrind --error-exitcode=1 --leak-check=full ./test_calc",
        "==22006== Memcheck, a memory error detector",
        "==22006== Invalid read of size 4",
        "==22006==    at 0x1091EB: main (test_calc.c:8)",
        "==22006== Conditional jump or move depends on uninitialised value(s)",
        "==22006== 16 bytes in 1 blocks are definitely lost in loss record 1 of 1",
        "==22006== ERROR SUMMARY: 3 errors from 3 contexts (suppressed: 0 from 0)",
        "make: *** [Makefile:7: check] Error 1",
    )
    assert verdict(log) == (Category.TEST, "==22006== Invalid read of size 4", "valgrind-memcheck-error")


def test_linters_errors_are_lint_not_compile_errors() -> None:
    tidy = step_log(
        "clang-tidy --warnings-as-errors='*' src/parse.c",
        "312 warnings generated.",
        "/home/runner/work/acme/acme/src/parse.c:12:12: error: Dereference of null pointer (loaded from variable 'p') [clang-analyzer-core.NullDereference,-warnings-as-errors]",
        "    return *p * 2;",
    )
    fmt = step_log(
        "clang-format --dry-run -Werror src/*.c",
        "src/calc.c:1:1: error: code should be clang-formatted [-Wclang-format-violations]",
        "#include <stdio.h>",
        "src/main.c:2:9: error: code should be clang-formatted [-Wclang-format-violations]",
    )
    cppcheck = step_log(
        "cppcheck --enable=warning,style --error-exitcode=1 src/",
        "Checking src/sum.c ...",
        "src/sum.c:4:9: style: Variable 'a' can be declared as const array [constVariable]",
        "src/sum.c:6:40: error: Array 'a[3]' accessed at index 3, which is out of bounds. [arrayIndexOutOfBounds]",
        "src/sum.c:13:5: error: Memory leak: p [memleak]",
        "2/2 files checked 100% done",
    )
    assert verdict(tidy)[0::2] == (Category.LINT, "clang-tidy-warning-as-error")
    assert verdict(fmt) == (
        Category.LINT,
        "src/calc.c:1:1: error: code should be clang-formatted [-Wclang-format-violations]",
        "clang-format-violation",
    )
    assert verdict(cppcheck) == (
        Category.LINT,
        "src/sum.c:6:40: error: Array 'a[3]' accessed at index 3, which is out of bounds. [arrayIndexOutOfBounds]",
        "cppcheck-error",
    )


def test_a_compiler_error_with_a_werror_flag_stays_a_build_error() -> None:
    log = step_log(
        "make CFLAGS='-Wall -Wextra -Werror'",
        "calc.c:7:22: error: unused parameter ‘unused’ [-Werror=unused-parameter]",
        "cc1: all warnings being treated as errors",
    )
    assert verdict(log) == (
        Category.BUILD,
        "calc.c:7:22: error: unused parameter ‘unused’ [-Werror=unused-parameter]",
        "c-compiler-error",
    )


def test_a_missing_pkg_config_module_outranks_the_missing_header_it_causes() -> None:
    log = step_log(
        "make",
        "Package acmewidgets was not found in the pkg-config search path.",
        "Perhaps you should add the directory containing `acmewidgets.pc'",
        "to the PKG_CONFIG_PATH environment variable",
        "Package 'acmewidgets', required by 'virtual:world', not found",
        "cc -Wall  -o app main.c ",
        "main.c:1:10: fatal error: acmewidgets.h: No such file or directory",
        "compilation terminated.",
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        "Package acmewidgets was not found in the pkg-config search path.",
        "pkg-config-not-in-search-path",
    )


def test_meson_setup_missing_dependency() -> None:
    log = step_log(
        "meson setup build",
        "Found pkg-config: /usr/bin/pkg-config (1.8.1)",
        "Found CMake: /usr/bin/cmake (3.25.1)",
        "Run-time dependency acmewidgets found: NO (tried pkgconfig and cmake)",
        "",
        'meson.build:3:0: ERROR: Dependency "acmewidgets" not found, tried pkgconfig and cmake',
        "",
        "A full log can be found at /home/runner/work/acme/acme/build/meson-logs/meson-log.txt",
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        'meson.build:3:0: ERROR: Dependency "acmewidgets" not found, tried pkgconfig and cmake',
        "meson-dependency-missing",
    )


def test_thread_sanitizer_reports_the_warning_that_opens_its_report() -> None:
    # Given a TSan report: its WARNING line is boilerplate-shaped, its SUMMARY line closes it
    log = step_log(
        "make check",
        "./test_calc",
        "==================",
        "WARNING: ThreadSanitizer: data race (pid=3855)",
        "  Read of size 4 at 0x5618299db08c by thread T2:",
        "    #0 bump /home/runner/work/acme/acme/test_calc.c:9 (test_calc+0x1219)",
        "  Previous write of size 4 at 0x5618299db08c by thread T1:",
        "    #0 bump /home/runner/work/acme/acme/test_calc.c:9 (test_calc+0x123c)",
        "SUMMARY: ThreadSanitizer: data race /home/runner/work/acme/acme/test_calc.c:9 in bump",
        "==================",
        "ThreadSanitizer: reported 1 warnings",
        "counter 2000",
        "make: *** [Makefile:7: check] Error 66",
    )
    assert verdict(log) == (Category.TEST, "WARNING: ThreadSanitizer: data race (pid=3855)", "tsan-report")


def test_configures_pkg_check_modules_error_outranks_pkgconfs_detail_under_it() -> None:
    log = step_log(
        "./configure",
        "checking for pkg-config... /usr/bin/pkg-config",
        "checking pkg-config is at least version 0.9.0... yes",
        "checking for acmewidgets >= 2.0... no",
        "configure: error: Package requirements (acmewidgets >= 2.0) were not met:",
        "",
        "Package 'acmewidgets', required by 'virtual:world', not found",
        "",
        "Consider adjusting the PKG_CONFIG_PATH environment variable if you",
        "installed software in a non-standard prefix.",
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        "configure: error: Package requirements (acmewidgets >= 2.0) were not met:",
        "configure-missing-dependency",
    )


def test_a_status_line_saying_failure_is_not_a_googletest_assertion() -> None:
    # Given a deploy script's status lines: `<word>: Failure` without GoogleTest's line number
    log = step_log(
        "./deploy.sh",
        "Status: Failure",
        "error: deployment of acme-api timed out waiting for the health check",
    )
    _category, culprit, rule = verdict(log)
    assert rule != "gtest-assertion-failure"
    assert culprit != "Status: Failure"
