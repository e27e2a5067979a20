# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: C and C++ test frameworks, sanitizers, build systems and linters.

GoogleTest (alone and under CTest), Catch2, Boost.Test, doctest, CUnit, Check, cmocka, automake's parallel test
harness (`make check`, and the test-suite.log a CI prints on failure), meson test, AddressSanitizer,
UndefinedBehaviorSanitizer, LeakSanitizer, valgrind --error-exitcode, gcc -Werror, clang diagnostics, a template
error's note cascade, `make -j` with interleaved output, CMake configure failures (find_package, pkg-config),
meson's missing dependency, clang-tidy --warnings-as-errors, cppcheck --error-exitcode and clang-format
--dry-run -Werror; a second round (``c_cpp_cases_2``, `cc2-`) adds exceptions, crashes, parameterised tests,
ThreadSanitizer, automake's TAP driver, a meson timeout, CMake's Ninja generator, meson compile, recursive make and
configure's PKG_CHECK_MODULES. Each case has noise: passing tests (some logging ERROR-looking lines), compiler warnings before
the failure, a second failure after the first and the runner's summary far below. The cases reuse make_logs.py's
``Case``, labellers and wrapping; the culprit lines are found from what each case knows (the first failing test's
name, the file of the first error), by the conventions of bench/validation/README.md, never by running the
analyzer. Tools from Debian bookworm's archive (see README.md, "C and C++ test frameworks ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from make_logs import Case, Labeller, find, first_of, section

CHECKOUT = "actions/checkout@v4"

# --- the code under test ------------------------------------------------------------------------------------------

CALC_H = "#ifndef CALC_H\n#define CALC_H\nint add(int a, int b);\nint divide(int a, int b);\nint parse_port(const char *text);\n#endif\n"
CALC_C = (
    '#include <stdio.h>\n#include <stdlib.h>\n#include "calc.h"\n\n'
    "int add(int a, int b) { return a + b; }\n\n"
    "int divide(int a, int b) { return b == 0 ? -1 : a / b; }\n\n"
    "int parse_port(const char *text) {\n"
    "    int port = atoi(text);\n"
    "    if (port <= 0) {\n"
    "        fprintf(stderr, \"ERROR [config] invalid port '%s', using 8080\\n\", text);\n"
    "        return 8080;\n"
    "    }\n"
    "    return port;\n"
    "}\n"
)
# The same, with a warning gcc -Wall -Wextra prints (an unused parameter) before anything fails.
CALC_C_WARN = CALC_C.replace(
    "int divide(int a, int b) {", "int scale(int a, int unused) { return a * 2; }\n\nint divide(int a, int b) {"
)


def cc(
    name: str,
    tool: str,
    category: str,
    command: str,
    files: dict[str, str],
    label: Labeller,
    why: str,
    version: str,
    alt: Sequence[str] = (),
    env: dict[str, str] | None = None,
    prepare: str = "",
) -> Case:
    return Case(
        name,
        tool,
        "c-cpp",
        category,
        command,
        files,
        label,
        why,
        version,
        alt_categories=list(alt),
        setup=CHECKOUT,
        env=env or {},
        prepare=prepare,
    )


def gtest_failure(test: str, file: str) -> Labeller:
    """GoogleTest: the first failing test's `file:N: Failure` line and the first line of its message (under it),
    its `[  FAILED  ] Suite.Test (N ms)` line and its line in the closing `[  FAILED  ]` list."""

    def label(lines: list[str]) -> list[int]:
        run = find(lines, rf"^\[ RUN      \] {re.escape(test)}$")
        if run is None:
            raise LookupError(f"{test} did not run")
        failure = find(lines, rf"{re.escape(file)}:(?:\d+:)? Failure$", run)
        done = find(lines, rf"^\[  FAILED  \] {re.escape(test)}(?:, where .*)? \(\d+ ms\)$", run)
        heading = find(lines, r"^\[  FAILED  \] \d+ tests?, listed below:$", run)
        listed = find(lines, rf"^\[  FAILED  \] {re.escape(test)}(?:, where .*)?$", heading or 0)
        if failure is None or done is None or listed is None:
            raise LookupError(f"{test}'s failure lines")
        return sorted({failure, failure + 1, done, listed})

    return label


# --- GoogleTest ------------------------------------------------------------------------------------------------------

GTEST_CALC = """\
#include <gtest/gtest.h>
#include <cstdio>
extern "C" {
#include "calc.h"
}

TEST(Calc, AddOk) { EXPECT_EQ(add(1, 2), 3); }

TEST(Calc, ParsePortFallsBack) {
    // The code under test logs an ERROR line; the test passes.
    EXPECT_EQ(parse_port("nope"), 8080);
}

TEST(Calc, AddWrong) {
    EXPECT_EQ(add(2, 2), 5);
}

TEST(Calc, DivideByZero) {
    ASSERT_EQ(divide(1, 0), 0) << "divide(1, 0) should be 0";
}

TEST(Parser, PortInRange) {
    EXPECT_TRUE(parse_port("70000") < 65536) << "port out of range";
}
"""
GTEST_MAKEFILE = """\
CFLAGS ?= -Wall -Wextra -O0 -g
CXXFLAGS ?= -Wall -Wextra -O0 -g -std=c++17

all: test_calc

calc.o: calc.c calc.h
\t$(CC) $(CFLAGS) -c -o $@ calc.c

test_calc: test_calc.cpp calc.o
\t$(CXX) $(CXXFLAGS) -o $@ test_calc.cpp calc.o -lgtest -lgtest_main -pthread

test: test_calc
\t./test_calc $(ARGS)

.PHONY: all test
"""

GTEST_CMAKE = """\
cmake_minimum_required(VERSION 3.16)
project(acme C CXX)
enable_testing()
find_package(GTest REQUIRED)
add_library(calc calc.c)
add_executable(test_calc test_calc.cpp)
target_link_libraries(test_calc calc GTest::gtest GTest::gtest_main)
add_executable(test_parser test_parser.cpp)
target_link_libraries(test_parser calc GTest::gtest GTest::gtest_main)
include(GoogleTest)
add_test(NAME calc_tests COMMAND test_calc)
add_test(NAME parser_tests COMMAND test_parser)
"""
GTEST_PARSER_OK = """\
#include <gtest/gtest.h>
extern "C" {
#include "calc.h"
}
TEST(Parser, ParsesPort) { EXPECT_EQ(parse_port("8443"), 8443); }
TEST(Parser, FallsBack) { EXPECT_EQ(parse_port(""), 8080); }
"""


def gtest_cases() -> list[Case]:
    base = {"calc.h": CALC_H, "calc.c": CALC_C_WARN, "test_calc.cpp": GTEST_CALC, "Makefile": GTEST_MAKEFILE}
    return [
        cc(
            "cc-gtest-make",
            "googletest",
            "test",
            "make test",
            base,
            gtest_failure("Calc.AddWrong", "test_calc.cpp"),
            "GoogleTest through make: a compiler warning, a passing test logging ERROR, three failures",
            "dpkg-query -W -f='googletest ${Version}\\n' libgtest-dev",
        ),
        cc(
            "cc-gtest-brief",
            "googletest",
            "test",
            "make test ARGS=--gtest_brief=1",
            base,
            gtest_failure_brief("Calc.AddWrong", "test_calc.cpp"),
            "GoogleTest --gtest_brief: only the failures are printed",
            "dpkg-query -W -f='googletest ${Version}\\n' libgtest-dev",
        ),
        cc(
            "cc-gtest-ctest",
            "googletest",
            "test",
            "cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug && cmake --build build && ctest --test-dir build --output-on-failure",
            {
                "calc.h": CALC_H,
                "calc.c": CALC_C,
                "test_calc.cpp": GTEST_CALC,
                "test_parser.cpp": GTEST_PARSER_OK,
                "CMakeLists.txt": GTEST_CMAKE,
            },
            ctest_gtest("calc_tests", "Calc.AddWrong", "test_calc.cpp"),
            "CTest runs two GoogleTest binaries with --output-on-failure; the first one fails three tests",
            "dpkg-query -W -f='googletest ${Version}\\n' libgtest-dev",
            alt=(),
        ),
        cc(
            "cc-gtest-shuffle-repeat",
            "googletest",
            "test",
            "make test ARGS='--gtest_repeat=2 --gtest_filter=Calc.*'",
            base,
            gtest_failure("Calc.AddWrong", "test_calc.cpp"),
            "GoogleTest run twice (--gtest_repeat): the first iteration's first failure",
            "dpkg-query -W -f='googletest ${Version}\\n' libgtest-dev",
        ),
    ]


def gtest_failure_brief(test: str, file: str) -> Labeller:
    """--gtest_brief prints no `[ RUN ]` lines: the first `Failure` line, its message and the test's lines."""

    def label(lines: list[str]) -> list[int]:
        failure = find(lines, rf"{re.escape(file)}:\d+: Failure$")
        done = find(lines, rf"^\[  FAILED  \] {re.escape(test)} \(\d+ ms\)$")
        listed = find(lines, rf"^\[  FAILED  \] {re.escape(test)}$")
        if failure is None or done is None:
            raise LookupError(f"{test}'s failure lines")
        return sorted({failure, failure + 1, done} | ({listed} if listed is not None else set()))

    return label


def ctest_gtest(ctest_name: str, test: str, file: str) -> Labeller:
    """CTest running a GoogleTest binary: CTest's `***Failed` line for it and the test binary's first failure."""

    def label(lines: list[str]) -> list[int]:
        failed = find(lines, rf"Test +#\d+: {re.escape(ctest_name)} .*\*\*\*Failed")
        if failed is None:
            raise LookupError("ctest's ***Failed line")
        return sorted({failed, *gtest_failure(test, file)(lines)})

    return label


# --- Catch2, Boost.Test, doctest -----------------------------------------------------------------------------------

CATCH_TEST = """\
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <iostream>
extern "C" {
#include "calc.h"
}

TEST_CASE("add works", "[calc]") {
    REQUIRE(add(1, 2) == 3);
}

TEST_CASE("parse_port falls back", "[config]") {
    std::cerr << "ERROR: bad config value (expected by this test)" << std::endl;
    CHECK(parse_port("x") == 8080);
}

TEST_CASE("add of two twos", "[calc]") {
    int got = add(2, 2);
    INFO("adding 2 and 2");
    REQUIRE(got == 5);
}

TEST_CASE("divide by zero", "[calc]") {
    SECTION("returns zero") {
        CHECK(divide(1, 0) == 0);
    }
}
"""
CATCH_MAKEFILE = """\
CXXFLAGS ?= -O0 -std=c++17
test_calc: test_calc.cpp calc.c
\t$(CC) -Wall -Wextra -c -o calc.o calc.c
\t$(CXX) $(CXXFLAGS) -o $@ test_calc.cpp calc.o

check: test_calc
\t./test_calc $(ARGS)
"""

BOOST_TEST = """\
#define BOOST_TEST_MODULE calc
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
extern "C" {
#include "calc.h"
}

BOOST_AUTO_TEST_SUITE(arith)

BOOST_AUTO_TEST_CASE(add_ok) { BOOST_CHECK_EQUAL(add(1, 2), 3); }

BOOST_AUTO_TEST_CASE(add_wrong) {
    BOOST_TEST_MESSAGE("error handling is checked elsewhere");
    BOOST_CHECK_EQUAL(add(2, 2), 5);
}

BOOST_AUTO_TEST_CASE(divide_zero) {
    BOOST_REQUIRE(divide(1, 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(port_fallback) { BOOST_TEST(parse_port("bad") == 8080); }
"""
BOOST_MAKEFILE = """\
test_calc: test_calc.cpp calc.c
\t$(CC) -Wall -Wextra -c -o calc.o calc.c
\t$(CXX) -O0 -std=c++17 -o $@ test_calc.cpp calc.o -lboost_unit_test_framework

check: test_calc
\t./test_calc $(ARGS)
"""

DOCTEST_TEST = """\
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <cstdio>
extern "C" {
#include "calc.h"
}

TEST_CASE("add works") { CHECK(add(1, 2) == 3); }

TEST_CASE("port fallback logs") {
    std::fprintf(stderr, "ERROR: using default port\\n");
    CHECK(parse_port("") == 8080);
}

TEST_CASE("add of two twos") {
    CHECK(add(2, 2) == 5);
}

TEST_CASE("divide by zero") {
    SUBCASE("is zero") { REQUIRE(divide(1, 0) == 0); }
}
"""
DOCTEST_MAKEFILE = CATCH_MAKEFILE


def catch_boost_doctest_cases() -> list[Case]:
    base = {"calc.h": CALC_H, "calc.c": CALC_C_WARN}
    catch = {**base, "test_calc.cpp": CATCH_TEST, "Makefile": CATCH_MAKEFILE}
    boost = {**base, "test_calc.cpp": BOOST_TEST, "Makefile": BOOST_MAKEFILE}
    doc = {**base, "test_calc.cpp": DOCTEST_TEST, "Makefile": DOCTEST_MAKEFILE}
    catch_version = "dpkg-query -W -f='Catch2 ${Version}\\n' catch2"
    boost_version = "dpkg-query -W -f='Boost.Test ${Version}\\n' libboost-test-dev"
    doctest_version = "dpkg-query -W -f='doctest ${Version}\\n' doctest-dev"
    catch_label = catch_failure("add of two twos", r"^  REQUIRE\( got == 5 \)$")
    return [
        cc(
            "cc-catch2-default",
            "catch2",
            "test",
            "make check",
            catch,
            catch_label,
            "Catch2: a passing test writes ERROR to stderr, two test cases fail",
            catch_version,
        ),
        cc(
            "cc-catch2-success",
            "catch2",
            "test",
            "make check ARGS='--success --durations yes'",
            catch,
            section(r"^test_calc\.cpp:\d+: FAILED:$", inside=[r"^  REQUIRE\( got == 5 \)$"]),
            "Catch2 -s: every passing assertion is printed before the failing one",
            catch_version,
        ),
        cc(
            "cc-catch2-compact",
            "catch2",
            "test",
            "make check ARGS='--reporter compact'",
            catch,
            first_of(r"^test_calc\.cpp:\d+: failed: got == 5"),
            "Catch2's compact reporter: one line per failed assertion",
            catch_version,
        ),
        cc(
            "cc-boost-test",
            "boost-test",
            "test",
            "make check",
            boost,
            first_of(r'test_calc\.cpp\(\d+\): error: in "arith/add_wrong": check add\(2, 2\) == 5 has failed'),
            "Boost.Test: two failures in a suite, one outside it",
            boost_version,
        ),
        cc(
            "cc-boost-test-log-level",
            "boost-test",
            "test",
            "make check ARGS='--log_level=test_suite --report_level=detailed'",
            boost,
            first_of(r'test_calc\.cpp\(\d+\): error: in "arith/add_wrong": check add\(2, 2\) == 5 has failed'),
            "Boost.Test with entering/leaving lines and a detailed report far below",
            boost_version,
        ),
        cc(
            "cc-doctest",
            "doctest",
            "test",
            "make check",
            doc,
            section(
                r"^TEST CASE:  add of two twos$",
                inside=[r"^test_calc\.cpp:\d+: ERROR: CHECK\( add\(2, 2\) == 5 \) is NOT correct!$"],
                end=r"^={20,}$",
            ),
            "doctest: a CHECK and a REQUIRE in a subcase fail",
            doctest_version,
        ),
    ]


def catch_failure(test: str, expression: str) -> Labeller:
    """Catch2: the first failing test case's name (in its dashed box), its `file:N: FAILED:` line and the
    assertion under it."""

    def label(lines: list[str]) -> list[int]:
        name = find(lines, rf"^{re.escape(test)}$")
        if name is None:
            raise LookupError(test)
        failed = find(lines, r"^\S+:\d+: FAILED:$", name)
        if failed is None:
            raise LookupError("FAILED:")
        assertion = find(lines, expression, failed, failed + 3)
        return sorted({name, failed} | ({assertion} if assertion is not None else set()))

    return label


# --- C unit frameworks: CUnit, Check, cmocka ----------------------------------------------------------------------

CUNIT_TEST = """\
#include <CUnit/Basic.h>
#include <stdio.h>
#include "calc.h"

static void test_add_ok(void) { CU_ASSERT_EQUAL(add(1, 2), 3); }
static void test_port_fallback(void) { CU_ASSERT_EQUAL(parse_port("bad"), 8080); }
static void test_add_wrong(void) { CU_ASSERT_EQUAL(add(2, 2), 5); }
static void test_divide_zero(void) { CU_ASSERT(divide(1, 0) == 0); }

int main(void) {
    if (CU_initialize_registry() != CUE_SUCCESS) return CU_get_error();
    CU_pSuite suite = CU_add_suite("calc", NULL, NULL);
    CU_add_test(suite, "add_ok", test_add_ok);
    CU_add_test(suite, "port_fallback", test_port_fallback);
    CU_add_test(suite, "add_wrong", test_add_wrong);
    CU_add_test(suite, "divide_zero", test_divide_zero);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
"""
CHECK_TEST = """\
#include <check.h>
#include <stdlib.h>
#include "calc.h"

START_TEST(test_add_ok) { ck_assert_int_eq(add(1, 2), 3); }
END_TEST
START_TEST(test_port_fallback) { ck_assert_int_eq(parse_port("bad"), 8080); }
END_TEST
START_TEST(test_add_wrong) { ck_assert_int_eq(add(2, 2), 5); }
END_TEST
START_TEST(test_divide_zero) { ck_assert_msg(divide(1, 0) == 0, "divide(1, 0) was %d", divide(1, 0)); }
END_TEST

int main(void) {
    Suite *s = suite_create("calc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_add_ok);
    tcase_add_test(tc, test_port_fallback);
    tcase_add_test(tc, test_add_wrong);
    tcase_add_test(tc, test_divide_zero);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_VERBOSE);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
"""
CMOCKA_TEST = """\
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "calc.h"

static void test_add_ok(void **state) { (void)state; assert_int_equal(add(1, 2), 3); }
static void test_port_fallback(void **state) { (void)state; assert_int_equal(parse_port("bad"), 8080); }
static void test_add_wrong(void **state) { (void)state; assert_int_equal(add(2, 2), 5); }
static void test_divide_zero(void **state) { (void)state; assert_true(divide(1, 0) == 0); }

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_ok),
        cmocka_unit_test(test_port_fallback),
        cmocka_unit_test(test_add_wrong),
        cmocka_unit_test(test_divide_zero),
    };
    return cmocka_run_group_tests_name("calc", tests, NULL, NULL);
}
"""


def c_unit_makefile(libs: str) -> str:
    return (
        "CFLAGS ?= -Wall -Wextra -O0 -g\n\n"
        f"test_calc: test_calc.c calc.c calc.h\n\t$(CC) $(CFLAGS) -o $@ test_calc.c calc.c {libs}\n\n"
        "check: test_calc\n\t./test_calc\n"
    )


def c_unit_cases() -> list[Case]:
    base = {"calc.h": CALC_H, "calc.c": CALC_C_WARN}
    return [
        cc(
            "cc-cunit",
            "cunit",
            "test",
            "make check",
            {**base, "test_calc.c": CUNIT_TEST, "Makefile": c_unit_makefile("-lcunit")},
            first_of(
                r"^ +Test: add_wrong \.\.\.FAILED$", r"^ +1\. test_calc\.c:\d+  - CU_ASSERT_EQUAL\(add\(2, 2\),5\)$"
            ),
            "CUnit's basic interface in verbose mode: two failures, the run summary below",
            "dpkg-query -W -f='CUnit ${Version}\\n' libcunit1-dev",
        ),
        cc(
            "cc-check",
            "check",
            "test",
            "make check",
            {**base, "test_calc.c": CHECK_TEST, "Makefile": c_unit_makefile("$$(pkg-config --cflags --libs check)")},
            first_of(r"^test_calc\.c:\d+:F:core:test_add_wrong:0: "),
            "Check (libcheck) in CK_VERBOSE: two failures after the percentage summary",
            "dpkg-query -W -f='check ${Version}\\n' check",
        ),
        cc(
            "cc-cmocka",
            "cmocka",
            "test",
            "make check",
            {**base, "test_calc.c": CMOCKA_TEST, "Makefile": c_unit_makefile("-lcmocka")},
            section(
                r"^\[ RUN      \] test_add_wrong$",
                inside=[r"^\[  ERROR   \] --- ", r"^\[   LINE   \] --- ", r"^\[  FAILED  \] test_add_wrong$"],
                end=r"^\[ RUN      \]",
            ),
            "cmocka: two failing tests, the FAILED list below",
            "dpkg-query -W -f='cmocka ${Version}\\n' libcmocka-dev",
        ),
    ]


# --- automake's test harness, meson test --------------------------------------------------------------------------

AM_CONFIGURE = """\
AC_INIT([acme], [1.0])
AM_INIT_AUTOMAKE([foreign subdir-objects])
AC_PROG_CC
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
"""
AM_MAKEFILE = """\
AM_CFLAGS = -Wall -Wextra
check_PROGRAMS = test_add test_port test_divide test_parse
TESTS = $(check_PROGRAMS)
test_add_SOURCES = tests/test_add.c calc.c calc.h
test_port_SOURCES = tests/test_port.c calc.c calc.h
test_divide_SOURCES = tests/test_divide.c calc.c calc.h
test_parse_SOURCES = tests/test_parse.c calc.c calc.h
"""


def c_main(body: str) -> str:
    return f'#include <assert.h>\n#include <stdio.h>\n#include "../calc.h"\nint main(void) {{\n{body}\n}}\n'


AM_TESTS = {
    "tests/test_add.c": c_main('    printf("add: ok\\n");\n    return add(1, 2) == 3 ? 0 : 1;'),
    "tests/test_port.c": c_main('    return parse_port("bad") == 8080 ? 0 : 1;'),
    "tests/test_divide.c": c_main(
        '    int got = divide(7, 0);\n    if (got != 0) {\n        fprintf(stderr, "test_divide: expected 0, got %d\\n", got);\n        return 1;\n    }\n    return 0;'
    ),
    "tests/test_parse.c": c_main('    int port = parse_port("70000");\n    assert(port < 65536);\n    return 0;'),
}


def meson_build(extra: str = "") -> str:
    return (
        "project('acme', 'c', version : '1.0', default_options : ['warning_level=2'])\n"
        f"{extra}"
        "calc = static_library('calc', 'calc.c')\n"
        "foreach t : ['add', 'port', 'divide', 'parse']\n"
        "  exe = executable('test_' + t, 'tests/test_' + t + '.c', link_with : calc)\n"
        "  test(t, exe)\n"
        "endforeach\n"
    )


def harness_cases() -> list[Case]:
    am = {"calc.h": CALC_H, "calc.c": CALC_C_WARN, "configure.ac": AM_CONFIGURE, "Makefile.am": AM_MAKEFILE, **AM_TESTS}
    am_prepare = "./configure && "
    meson = {"calc.h": CALC_H, "calc.c": CALC_C_WARN, "meson.build": meson_build(), **AM_TESTS}
    return [
        cc(
            "cc-automake-check",
            "automake",
            "test",
            am_prepare + "make check",
            am,
            first_of(r"^FAIL: test_divide$"),
            "automake's parallel harness: compiler warnings, two tests FAIL, the summary and `See ./test-suite.log`",
            "automake --version",
            prepare="autoreconf -fi",
        ),
        cc(
            "cc-automake-check-log",
            "automake",
            "test",
            am_prepare + "make check || { cat test-suite.log; exit 1; }",
            am,
            automake_with_log("test_divide", r"^test_divide: expected 0, got -1$"),
            "make check fails and the CI prints test-suite.log: the test's output is in it",
            "automake --version",
            prepare="autoreconf -fi",
        ),
        cc(
            "cc-automake-check-j",
            "automake",
            "test",
            am_prepare + "make -j2 check VERBOSE=1",
            am,
            automake_with_log("test_divide", r"^test_divide: expected 0, got -1$"),
            "make -j2 check VERBOSE=1: the harness prints test-suite.log itself",
            "automake --version",
            prepare="autoreconf -fi",
        ),
        cc(
            "cc-meson-test",
            "meson",
            "test",
            "meson setup build >/dev/null && meson test -C build",
            meson,
            first_of(r"^ *\d+/\d+ divide +FAIL "),
            "meson test: two of four tests fail, Ok:/Fail: and the log file's path below",
            "meson --version | sed 's/^/meson /'",
        ),
        cc(
            "cc-meson-test-errorlogs",
            "meson",
            "test",
            "meson setup build && meson test -C build --print-errorlogs",
            meson,
            section(r"^ *\d+/\d+ divide +FAIL ", anywhere=[r"^test_divide: expected 0, got -1$"]),
            "meson setup's output, then meson test --print-errorlogs prints the failing tests' output",
            "meson --version | sed 's/^/meson /'",
        ),
    ]


def automake_with_log(test: str, message: str) -> Labeller:
    """automake: the first `FAIL: test` line; in test-suite.log (printed below) the test's `FAIL: test` heading, the
    first line of its output and its `FAIL test (exit status: N)` line."""

    def label(lines: list[str]) -> list[int]:
        first = find(lines, rf"^FAIL: {re.escape(test)}$")
        if first is None:
            raise LookupError("FAIL line")
        found = {first}
        heading = find(lines, rf"^FAIL: {re.escape(test)}$", first + 1)
        if heading is not None and re.match(r"^=+$", lines[heading + 1]):
            found.add(heading)
            for pattern in (message, rf"^FAIL {re.escape(test)} \(exit status: \d+\)$"):
                index = find(lines, pattern, heading)
                if index is not None:
                    found.add(index)
        return sorted(found)

    return label


# --- sanitizers and valgrind ------------------------------------------------------------------------------------

ASAN_TEST = """\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calc.h"

static int checksum(const char *data, size_t len) {
    int sum = 0;
    for (size_t i = 0; i <= len; i++) sum += data[i];
    return sum;
}

int main(void) {
    printf("test_add: %s\\n", add(1, 2) == 3 ? "ok" : "FAILED");
    fprintf(stderr, "ERROR: (expected) parse_port rejected input\\n");
    parse_port("x");
    char *buf = malloc(8);
    memcpy(buf, "abcdefgh", 8);
    printf("checksum %d\\n", checksum(buf, 8));
    free(buf);
    return 0;
}
"""
UBSAN_TEST = """\
#include <limits.h>
#include <stdio.h>
#include "calc.h"

int main(int argc, char **argv) {
    (void)argv;
    printf("add small: %d\\n", add(1, 2));
    int big = add(INT_MAX, argc);
    int shift = 1 << (31 + argc);
    int arr[4] = {0};
    printf("big %d shift %d arr %d\\n", big, shift, arr[3 + argc]);
    return 0;
}
"""
LEAK_TEST = """\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calc.h"

static char *copy_name(const char *name) {
    char *out = malloc(strlen(name) + 1);
    strcpy(out, name);
    return out;
}

int main(void) {
    char *a = copy_name("alpha");
    char *b = copy_name("beta-gamma");
    printf("names %s %s, port %d\\n", a, b, parse_port("9000"));
    free(a);
    b = NULL;
    return 0;
}
"""
VALGRIND_TEST = """\
#include <stdio.h>
#include <stdlib.h>
#include "calc.h"

int main(void) {
    int *values = malloc(4 * sizeof *values);
    for (int i = 0; i < 4; i++) values[i] = add(i, i);
    printf("sum of last: %d\\n", values[3] + values[4]);
    int flag;
    if (values[0] == 0 && flag) printf("flag set\\n");
    free(values);
    int *lost = malloc(16);
    lost[0] = 1;
    return 0;
}
"""


def sanitizer_makefile(flags: str, runner: str = "") -> str:
    return (
        f"CFLAGS = -Wall -Wextra -O0 -g {flags}\n\n"
        "test_calc: test_calc.c calc.c calc.h\n\t$(CC) $(CFLAGS) -o $@ test_calc.c calc.c\n\n"
        f"check: test_calc\n\t{runner}./test_calc\n"
    )


def sanitizer_cases() -> list[Case]:
    base = {"calc.h": CALC_H, "calc.c": CALC_C}
    cmake_asan = (
        "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nenable_testing()\n"
        "add_compile_options(-fsanitize=address -fno-omit-frame-pointer -g)\nadd_link_options(-fsanitize=address)\n"
        "add_executable(test_add test_add.c calc.c)\nadd_executable(test_calc test_calc.c calc.c)\n"
        "add_test(NAME add COMMAND test_add)\nadd_test(NAME checksum COMMAND test_calc)\n"
    )
    test_add = '#include <stdio.h>\n#include "calc.h"\nint main(void) { printf("add ok\\n"); return add(1, 2) != 3; }\n'
    return [
        cc(
            "cc-asan-heap-overflow",
            "asan",
            "test",
            "make check",
            {
                **base,
                "test_calc.c": ASAN_TEST,
                "Makefile": sanitizer_makefile("-fsanitize=address -fno-omit-frame-pointer"),
            },
            first_of(r"^==\d+==ERROR: AddressSanitizer: heap-buffer-overflow"),
            "AddressSanitizer: a heap-buffer-overflow after passing output and an ERROR line the program logs",
            "gcc --version",
        ),
        cc(
            "cc-asan-ctest",
            "asan",
            "test",
            "cmake -S . -B build >/dev/null && cmake --build build && ctest --test-dir build --output-on-failure",
            {**base, "test_calc.c": ASAN_TEST, "test_add.c": test_add, "CMakeLists.txt": cmake_asan},
            first_of(r"Test +#2: checksum .*\*\*\*Failed", r"^==\d+==ERROR: AddressSanitizer: heap-buffer-overflow"),
            "CTest --output-on-failure: an ASan report inside the failing test's output",
            "gcc --version",
        ),
        cc(
            "cc-ubsan",
            "ubsan",
            "test",
            "make check",
            {
                **base,
                "test_calc.c": UBSAN_TEST,
                "Makefile": sanitizer_makefile("-fsanitize=undefined -fno-sanitize-recover=undefined"),
            },
            first_of(r"^calc\.c:\d+:\d+: runtime error: signed integer overflow"),
            "UndefinedBehaviorSanitizer with -fno-sanitize-recover: the first runtime error stops the test",
            "gcc --version",
        ),
        cc(
            "cc-ubsan-recover",
            "ubsan",
            "test",
            "make check && ./test_calc 2>&1 | grep -q 'runtime error' && exit 1",
            {**base, "test_calc.c": UBSAN_TEST, "Makefile": sanitizer_makefile("-fsanitize=undefined")},
            first_of(r"^calc\.c:\d+:\d+: runtime error: signed integer overflow"),
            "UBSan recovering: three runtime errors, the job's check greps for them",
            "gcc --version",
        ),
        cc(
            "cc-lsan",
            "lsan",
            "test",
            "make check",
            {**base, "test_calc.c": LEAK_TEST, "Makefile": sanitizer_makefile("-fsanitize=address")},
            first_of(r"^==\d+==ERROR: LeakSanitizer: detected memory leaks$", r"^Direct leak of \d+ byte"),
            "LeakSanitizer at exit: a direct leak",
            "gcc --version",
        ),
        cc(
            "cc-valgrind",
            "valgrind",
            "test",
            "make check",
            {
                **base,
                "test_calc.c": VALGRIND_TEST,
                "Makefile": sanitizer_makefile("", "valgrind --error-exitcode=1 --leak-check=full "),
            },
            first_of(r"^==\d+== Invalid read of size 4$"),
            "valgrind --error-exitcode=1: an invalid read, an uninitialised jump, a leak; ERROR SUMMARY below",
            "valgrind --version",
        ),
    ]


# --- compilers: -Werror, clang, a template cascade, make -j -----------------------------------------------------

TEMPLATE_SRC = """\
#include <map>
#include <string>
#include <vector>

struct Point { int x, y; };

int count(const std::vector<Point> &points) {
    std::map<Point, int> seen;
    for (const auto &p : points) seen[p]++;
    return static_cast<int>(seen.size());
}

int main() {
    std::vector<Point> pts{{1, 2}, {3, 4}};
    std::string name = count(pts);
    return 0;
}
"""


def compiler_cases() -> list[Case]:
    werror_main = '#include <stdio.h>\n#include "calc.h"\n\nint main(int argc, char **argv) {\n    int unused;\n    printf("%d\\n", add(argc, 1));\n    return 0;\n}\n'
    clang_main = '#include <stdio.h>\n#include "calc.h"\n\nstatic int helper(int x) { return x; }\n\nint main(void) {\n    int total = add(1, 2)\n    printf("%d\\n", total + missing_count);\n    return helper(total, 2);\n}\n'
    mk = "CFLAGS ?= -Wall -Wextra\nOBJS = calc.o main.o\n\napp: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n"
    parallel = {
        "calc.h": CALC_H,
        "calc.c": CALC_C_WARN,
        "net.c": "#include <string.h>\nint net_send(const char *buf, int len) {\n    int sent;\n    char copy[16];\n    strcpy(copy, buf);\n    return len;\n}\n",
        "store.c": '#include "calc.h"\nint store_put(int key) {\n    return add(key, undefined_offset);\n}\nint store_get(int key) { return key * 2 }\n',
        "log.c": "#include <stdio.h>\nvoid log_line(const char *fmt, int v, int unused_level) {\n    printf(fmt, v);\n}\n",
        "main.c": '#include <stdio.h>\nint store_put(int);\nint main(void) {\n    printf("error: none yet\\n");\n    return store_put(1) + frobnicate();\n}\n',
        "Makefile": "CFLAGS ?= -Wall -Wextra -O2\nOBJS = calc.o net.o store.o log.o main.o\n\napp: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n",
    }
    return [
        cc(
            "cc-gcc-werror",
            "gcc",
            "build",
            "make CFLAGS='-Wall -Wextra -Werror'",
            {"calc.h": CALC_H, "calc.c": CALC_C_WARN, "main.c": werror_main, "Makefile": mk},
            first_of(r"^calc\.c:\d+:\d+: error: unused parameter .unused. \[-Werror=unused-parameter\]$"),
            "gcc -Werror: warnings turned into errors in two files",
            "gcc --version",
        ),
        cc(
            "cc-clang-errors",
            "clang",
            "build",
            "make CC=clang",
            {"calc.h": CALC_H, "calc.c": CALC_C_WARN, "main.c": clang_main, "Makefile": mk},
            first_of(r"^main\.c:7:26: error: expected ';'"),
            "clang: a warning in one file, then three errors with caret lines in the next",
            "clang --version",
        ),
        cc(
            "cc-gpp-template-cascade",
            "g++",
            "build",
            "g++ -std=c++17 -Wall -o app main.cpp",
            {
                "main.cpp": TEMPLATE_SRC.replace(
                    "std::string name = count(pts);", "int name = count(pts);\n    (void)name;"
                )
            },
            template_label,
            "g++: std::map of a type without operator< gives a long note cascade from the standard library's headers",
            "g++ --version",
        ),
        cc(
            "cc-clangxx-template-cascade",
            "clang++",
            "build",
            "clang++ -std=c++17 -Wall -o app main.cpp",
            {"main.cpp": TEMPLATE_SRC},
            template_label,
            "clang++: the same template error and its notes",
            "clang++ --version",
        ),
        cc(
            "cc-make-j-interleaved",
            "gcc",
            "build",
            "make -j4 -k",
            parallel,
            first_of(r"^store\.c:3:\d+: error: .undefined_offset. undeclared"),
            "make -j4 -k: warnings of other jobs around the first error, a second file's error after it",
            "gcc --version",
        ),
    ]


def template_label(lines: list[str]) -> list[int]:
    """The first error line (in the standard library's header) and the `required from here` line in main.cpp."""
    first = find(lines, r": error: ")
    if first is None:
        raise LookupError("no error")
    found = {first}
    here = find(lines, r"^main\.cpp:\d+:\d+:   required from here$")
    if here is not None and here < first:
        found.add(here)
    return sorted(found)


# --- configure failures: CMake, pkg-config, meson -----------------------------------------------------------------


def configure_cases() -> list[Case]:
    ok_c = "int main(void) { return 0; }\n"
    return [
        cc(
            "cc-cmake-could-not-find",
            "cmake",
            "dependency",
            "cmake -S . -B build",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nfind_package(Threads REQUIRED)\nfind_package(CURL REQUIRED)\nadd_executable(app main.c)\n",
                "main.c": ok_c,
            },
            first_of(
                r"^CMake Error at /usr/share/cmake-[\d.]+/Modules/FindPackageHandleStandardArgs\.cmake:\d+ \(message\):$",
                r"^  Could NOT find CURL",
            ),
            "find_package(CURL REQUIRED): FindPackageHandleStandardArgs' error, the call stack names CMakeLists.txt",
            "cmake --version",
            alt=("config", "build"),
        ),
        cc(
            "cc-cmake-pkg-config",
            "cmake",
            "dependency",
            "cmake -S . -B build",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nfind_package(PkgConfig REQUIRED)\npkg_check_modules(WIDGETS REQUIRED acmewidgets>=2.0)\nadd_executable(app main.c)\n",
                "main.c": ok_c,
            },
            first_of(
                r"^--   (?:No package 'acmewidgets' found|Package 'acmewidgets', required by '[^']*', not found)$",
                r"^CMake Error at /usr/share/cmake-[\d.]+/Modules/FindPkgConfig\.cmake:\d+ \(message\):$",
            ),
            "pkg_check_modules(REQUIRED) of a module pkg-config does not know",
            "cmake --version",
            alt=("config", "build"),
        ),
        cc(
            "cc-cmake-bad-command",
            "cmake",
            "config",
            "cmake -S . -B build",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nset(CMAKE_C_STANDARD 11)\nadd_executable(app main.c)\ntarget_link_libraries(app PRIVATE m)\ntarget_compile_options(app PRIVAT -Wall)\nadd_subdirectory(plugins)\n",
                "main.c": ok_c,
            },
            section(
                r"^CMake Error at CMakeLists\.txt:6 \(target_compile_options\):$",
                inside=[r"^  target_compile_options called with invalid arguments$"],
            ),
            "cmake: a misspelt keyword in target_compile_options, then a missing subdirectory's error",
            "cmake --version",
            alt=("build",),
        ),
        cc(
            "cc-meson-dependency",
            "meson",
            "dependency",
            "meson setup build",
            {
                "meson.build": "project('acme', 'c')\nm = meson.get_compiler('c').find_library('m')\nw = dependency('acmewidgets', version : '>=2.0')\nexecutable('app', 'main.c', dependencies : [m, w])\n",
                "main.c": ok_c,
            },
            first_of(r"^meson\.build:3:\d+: ERROR: Dependency \"acmewidgets\" not found"),
            "meson setup: a dependency neither pkg-config nor cmake knows",
            "meson --version | sed 's/^/meson /'",
            alt=("config", "build"),
        ),
        cc(
            "cc-pkg-config-make",
            "pkg-config",
            "dependency",
            "make",
            {
                "Makefile": "CFLAGS += -Wall $(shell pkg-config --cflags acmewidgets)\nLDLIBS += $(shell pkg-config --libs acmewidgets)\napp: main.c\n\t$(CC) $(CFLAGS) -o $@ main.c $(LDLIBS)\n",
                "main.c": "#include <acmewidgets.h>\nint main(void) { return widget_count(); }\n",
            },
            first_of(r"^Package acmewidgets was not found in the pkg-config search path\.$"),
            "pkg-config in a Makefile misses a module; the compile then fails on the header",
            "pkg-config --version | sed 's/^/pkg-config /'",
            alt=("build",),
        ),
    ]


# --- linters and formatters ---------------------------------------------------------------------------------------


def lint_cases() -> list[Case]:
    tidy_src = "#include <stdlib.h>\n#include <string.h>\n\nint parse(const char *s) {\n    char buf[8];\n    strcpy(buf, s);\n    return atoi(buf);\n}\n\nint twice(int *p) {\n    if (p == NULL) { }\n    return *p * 2;\n}\n"
    cppcheck_src = "#include <stdlib.h>\n\nint sum3(void) {\n    int a[3] = {1, 2, 3};\n    int s = 0;\n    for (int i = 0; i <= 3; i++) s += a[i];\n    return s;\n}\n\nint leak(void) {\n    char *p = malloc(10);\n    p[0] = 'x';\n    return p[0];\n}\n"
    messy = '#include <stdio.h>\nint main( void ){\n  int x=1;\n    printf("%d\\n",x);\n  return 0;}\n'
    return [
        cc(
            "cc-clang-tidy",
            "clang-tidy",
            "lint",
            "clang-tidy --quiet --checks='-*,clang-analyzer-*,bugprone-*,readability-braces-around-statements' --warnings-as-errors='*' src/parse.c -- -std=c11",
            {"src/parse.c": tidy_src},
            first_of(r"^\S*src/parse\.c:\d+:\d+: error: .*\[[\w.-]+,-warnings-as-errors\]$"),
            "clang-tidy --warnings-as-errors: several findings as errors, then a count of them",
            "clang-tidy --version | grep -i version | sed 's/^ *//'",
        ),
        cc(
            "cc-cppcheck",
            "cppcheck",
            "lint",
            "cppcheck --enable=warning,style --error-exitcode=1 --inline-suppr src/",
            {"src/calc.c": CALC_C, "src/sum.c": cppcheck_src},
            first_of(r"^src/sum\.c:\d+:\d+: error: .*\[arrayIndexOutOfBounds\]$"),
            "cppcheck --error-exitcode: progress lines, style findings and two errors",
            "cppcheck --version",
        ),
        cc(
            "cc-clang-format",
            "clang-format",
            "lint",
            "clang-format --dry-run -Werror --style=LLVM src/*.c",
            {"src/calc.c": CALC_C, "src/main.c": messy},
            first_of(r"^src/calc\.c:\d+:\d+: error: code should be clang-formatted \[-Wclang-format-violations\]$"),
            "clang-format --dry-run -Werror on two files",
            "clang-format --version",
        ),
    ]


def c_cpp_cases() -> list[Case]:
    return (
        gtest_cases()
        + catch_boost_doctest_cases()
        + c_unit_cases()
        + harness_cases()
        + sanitizer_cases()
        + compiler_cases()
        + configure_cases()
        + lint_cases()
    )


# --- round two: exceptions, crashes, parameterised tests, other drivers and generators --------------------------------

GTEST_MORE = """\
#include <gtest/gtest.h>
#include <stdexcept>
#include <string>
extern "C" {
#include "calc.h"
}

static int load_config(const std::string &path) {
    if (path.empty()) throw std::runtime_error("config path is empty");
    return 1;
}

TEST(Config, LoadsDefault) { EXPECT_EQ(load_config("acme.conf"), 1); }

TEST(Config, LoadsEmptyPath) { EXPECT_EQ(load_config(""), 1); }

class PortTest : public ::testing::TestWithParam<int> {};

TEST_P(PortTest, InRange) {
    int port = parse_port(std::to_string(GetParam()).c_str());
    EXPECT_LT(port, 65536) << "port " << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Ranges, PortTest, ::testing::Values(80, 8080, 70000, 99999));

TEST(Calc, AddWrong) { EXPECT_EQ(add(2, 2), 5); }
"""
GTEST_PARAM_ONLY = GTEST_MORE.replace('TEST(Config, LoadsEmptyPath) { EXPECT_EQ(load_config(""), 1); }\n', "").replace(
    "TEST(Calc, AddWrong) { EXPECT_EQ(add(2, 2), 5); }\n", "TEST(Calc, AddOk) { EXPECT_EQ(add(2, 2), 4); }\n"
)
GTEST_CRASH = """\
#include <gtest/gtest.h>
#include <cstring>
extern "C" {
#include "calc.h"
}
TEST(Calc, AddOk) { EXPECT_EQ(add(1, 2), 3); }
TEST(Calc, CopiesName) {
    char *name = nullptr;
    if (add(1, 1) == 2) std::strcpy(name, "acme");
    EXPECT_STREQ(name, "acme");
}
TEST(Calc, AddWrong) { EXPECT_EQ(add(2, 2), 5); }
"""
GTEST_ASAN = """\
#include <gtest/gtest.h>
#include <cstdlib>
#include <cstring>
extern "C" {
#include "calc.h"
}
TEST(Buffer, Fills) {
    char *buf = static_cast<char *>(std::malloc(8));
    std::memset(buf, 'a', 8);
    EXPECT_EQ(buf[7], 'a');
    std::free(buf);
}
TEST(Buffer, ReadsAfterFree) {
    int *values = static_cast<int *>(std::malloc(4 * sizeof(int)));
    values[0] = add(1, 2);
    std::free(values);
    EXPECT_EQ(values[0], 3);
}
TEST(Calc, AddWrong) { EXPECT_EQ(add(2, 2), 5); }
"""
CATCH_EXCEPTION = """\
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
extern "C" {
#include "calc.h"
}

static int load_config(const std::string &path) {
    if (path.empty()) throw std::runtime_error("config path is empty");
    return 1;
}

TEST_CASE("loads the default config", "[config]") { REQUIRE(load_config("acme.conf") == 1); }

TEST_CASE("loads an empty path", "[config]") {
    int loaded = load_config("");
    REQUIRE(loaded == 1);
}

TEST_CASE("add of two twos", "[calc]") { CHECK(add(2, 2) == 5); }
"""
BOOST_EXCEPTION = """\
#define BOOST_TEST_MODULE calc
#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
extern "C" {
#include "calc.h"
}

static int load_config(const std::string &path) {
    if (path.empty()) throw std::runtime_error("config path is empty");
    return 1;
}

BOOST_AUTO_TEST_SUITE(config)
BOOST_AUTO_TEST_CASE(loads_default) { BOOST_CHECK_EQUAL(load_config("acme.conf"), 1); }
BOOST_AUTO_TEST_CASE(loads_empty_path) { BOOST_CHECK_EQUAL(load_config(""), 1); }
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(add_wrong) { BOOST_CHECK_EQUAL(add(2, 2), 5); }
"""
DOCTEST_EXCEPTION = """\
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <stdexcept>
#include <string>
extern "C" {
#include "calc.h"
}

static int load_config(const std::string &path) {
    if (path.empty()) throw std::runtime_error("config path is empty");
    return 1;
}

TEST_CASE("loads the default config") { CHECK(load_config("acme.conf") == 1); }
TEST_CASE("loads an empty path") {
    int loaded = load_config("");
    CHECK(loaded == 1);
}
TEST_CASE("add of two twos") { CHECK(add(2, 2) == 5); }
"""
CHECK_SEGV = (
    CHECK_TEST.replace(
        "START_TEST(test_add_ok) { ck_assert_int_eq(add(1, 2), 3); }\nEND_TEST\n",
        'START_TEST(test_add_ok) { ck_assert_int_eq(add(1, 2), 3); }\nEND_TEST\nSTART_TEST(test_parse_null) {\n    int *p = NULL;\n    if (add(1, 1) == 2) *p = parse_port("80");\n}\nEND_TEST\n',
    )
    .replace(
        "    tcase_add_test(tc, test_add_ok);\n",
        "    tcase_add_test(tc, test_add_ok);\n    tcase_add_test(tc, test_parse_null);\n",
    )
    .replace("srunner_run_all(sr, CK_VERBOSE);", "srunner_run_all(sr, CK_NORMAL);")
)
CUNIT_NORMAL = CUNIT_TEST.replace("CU_BRM_VERBOSE", "CU_BRM_NORMAL")
THREAD_RACE = """\
#include <pthread.h>
#include <stdio.h>
#include "calc.h"

static int counter;

static void *bump(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) counter = add(counter, 1);
    return NULL;
}

int main(void) {
    pthread_t a, b;
    printf("starting workers\\n");
    pthread_create(&a, NULL, bump, NULL);
    pthread_create(&b, NULL, bump, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("counter %d\\n", counter);
    return 0;
}
"""
TAP_TEST = """\
#!/bin/sh
echo "1..4"
echo "ok 1 - parses a port"
echo "# ERROR lines below come from the parser's logging, not from a failure"
echo "ERROR [config] invalid port 'x', using 8080"
echo "ok 2 - falls back on a bad port"
echo "not ok 3 - rejects a port above 65535"
echo "#   expected: rejected"
echo "#   got:      70000"
echo "not ok 4 - rejects a negative port"
"""


def gtest_make(source: str, flags: str = "") -> dict[str, str]:
    return {
        "calc.h": CALC_H,
        "calc.c": CALC_C_WARN,
        "test_calc.cpp": source,
        "Makefile": GTEST_MAKEFILE.replace("-O0 -g", f"-O0 -g {flags}".rstrip()),
    }


def c_cpp_cases_2() -> list[Case]:
    gtest_version = "dpkg-query -W -f='googletest ${Version}\\n' libgtest-dev"
    base = {"calc.h": CALC_H, "calc.c": CALC_C_WARN}
    ctest_crash = {
        "calc.h": CALC_H,
        "calc.c": CALC_C,
        "test_calc.cpp": GTEST_CRASH,
        "test_parser.cpp": GTEST_PARSER_OK,
        "CMakeLists.txt": GTEST_CMAKE,
    }
    catch_ctest = {
        **base,
        "test_calc.cpp": CATCH_TEST,
        "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C CXX)\nenable_testing()\nadd_library(calc calc.c)\nadd_executable(test_calc test_calc.cpp)\ntarget_link_libraries(test_calc calc)\nadd_test(NAME calc_tests COMMAND test_calc)\n",
    }
    tap_configure = AM_CONFIGURE.replace(
        "AC_PROG_CC\n", "AC_PROG_CC\nAC_PROG_AWK\nAC_REQUIRE_AUX_FILE([tap-driver.sh])\n"
    )
    tap_makefile = (
        "LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/tap-driver.sh\n"
        "TESTS = tests/run.sh tests/other.sh\nEXTRA_DIST = $(TESTS)\n"
    )
    meson_timeout = meson_build().replace("  test(t, exe)\n", "  test(t, exe, timeout : t == 'add' ? 2 : 30)\n")
    slow_add = c_main('    printf("add: warming cache\\n");\n    for (;;) {}\n    return 0;')
    ninja_cmake = (
        "cmake_minimum_required(VERSION 3.16)\nproject(acme C)\nadd_library(calc calc.c)\n"
        "add_executable(app main.c util.c)\ntarget_link_libraries(app calc)\n"
    )
    recursive = {
        "Makefile": "SUBDIRS = lib src\n\nall:\n\tfor d in $(SUBDIRS); do $(MAKE) -C $$d || exit 1; done\n",
        "lib/Makefile": "CFLAGS ?= -Wall -Wextra -O2\nlibcalc.a: calc.o parse.o\n\t$(AR) rcs $@ $^\n",
        "lib/calc.c": CALC_C_WARN.replace('"calc.h"', '"../calc.h"'),
        "lib/parse.c": '#include <stdlib.h>\n#include "../calc.h"\nint parse_all(const char **items, int n) {\n    int total = 0;\n    for (int i = 0; i < n; i++) total += parse_port(items[i]);\n    return total / count_items(items);\n}\n',
        "src/Makefile": "app: main.c ../lib/libcalc.a\n\t$(CC) -o $@ main.c ../lib/libcalc.a\n",
        "src/main.c": "int parse_all(const char **items, int n);\nint main(int argc, const char **argv) { return parse_all(argv, argc); }\n",
        "calc.h": CALC_H,
    }
    return [
        cc(
            "cc2-gtest-exception",
            "googletest",
            "test",
            "make test",
            gtest_make(GTEST_MORE),
            gtest_failure("Config.LoadsEmptyPath", "unknown file"),
            "GoogleTest: a test throws (`unknown file: Failure`), parameterised cases and another test fail after it",
            gtest_version,
        ),
        cc(
            "cc2-gtest-param",
            "googletest",
            "test",
            "make test",
            gtest_make(GTEST_PARAM_ONLY),
            gtest_failure("Ranges/PortTest.InRange/2", "test_calc.cpp"),
            "GoogleTest value-parameterised test: its FAILED lines end in `, where GetParam() = 70000`",
            gtest_version,
        ),
        cc(
            "cc2-gtest-ctest-segfault",
            "googletest",
            "test",
            "cmake -S . -B build >/dev/null && cmake --build build && ctest --test-dir build --output-on-failure",
            ctest_crash,
            first_of(r"Test +#1: calc_tests .*\*\*\*Exception: SegFault"),
            "CTest: a GoogleTest binary dies of SIGSEGV in its second test; its output stops at `[ RUN ]`",
            gtest_version,
        ),
        cc(
            "cc2-gtest-asan",
            "asan",
            "test",
            "make test",
            gtest_make(GTEST_ASAN, "-fsanitize=address"),
            first_of(r"^==\d+==ERROR: AddressSanitizer: heap-use-after-free"),
            "GoogleTest built with ASan: a use-after-free in the second test aborts the run",
            "g++ --version",
        ),
        cc(
            "cc2-catch2-exception",
            "catch2",
            "test",
            "make check",
            {**base, "test_calc.cpp": CATCH_EXCEPTION, "Makefile": CATCH_MAKEFILE},
            catch_failure("loads an empty path", r"^due to unexpected exception with message:$"),
            "Catch2: a test case throws, another fails a CHECK after it",
            "dpkg-query -W -f='Catch2 ${Version}\\n' catch2",
        ),
        cc(
            "cc2-catch2-ctest",
            "catch2",
            "test",
            "cmake -S . -B build >/dev/null && cmake --build build && ctest --test-dir build --output-on-failure",
            catch_ctest,
            first_of(r"Test +#1: calc_tests .*\*\*\*Failed", r"^\S*test_calc\.cpp:20: FAILED:$"),
            "CTest --output-on-failure running a Catch2 binary",
            "dpkg-query -W -f='Catch2 ${Version}\\n' catch2",
        ),
        cc(
            "cc2-boost-exception",
            "boost-test",
            "test",
            "make check",
            {**base, "test_calc.cpp": BOOST_EXCEPTION, "Makefile": BOOST_MAKEFILE},
            first_of(
                r'^unknown location\(0\): fatal error: in "config/loads_empty_path": std::runtime_error: config path is empty'
            ),
            "Boost.Test: an exception escapes a test case (`unknown location(0): fatal error`), a check fails after it",
            "dpkg-query -W -f='Boost.Test ${Version}\\n' libboost-test-dev",
        ),
        cc(
            "cc2-doctest-exception",
            "doctest",
            "test",
            "make check",
            {**base, "test_calc.cpp": DOCTEST_EXCEPTION, "Makefile": DOCTEST_MAKEFILE},
            section(
                r"^TEST CASE:  loads an empty path$",
                inside=[r"^test_calc\.cpp:\d+: ERROR: test case THREW exception: "],
                end=r"^={20,}$",
            ),
            "doctest: a test case throws, a CHECK fails after it",
            "dpkg-query -W -f='doctest ${Version}\\n' doctest-dev",
        ),
        cc(
            "cc2-check-segfault",
            "check",
            "test",
            "make check",
            {**base, "test_calc.c": CHECK_SEGV, "Makefile": c_unit_makefile("$$(pkg-config --cflags --libs check)")},
            first_of(r"^test_calc\.c:\d+:E:core:test_parse_null:0: \(after this point\) Received signal 11"),
            "Check in CK_NORMAL: a test dies of SIGSEGV, two assertions fail after it",
            "dpkg-query -W -f='check ${Version}\\n' check",
        ),
        cc(
            "cc2-cunit-normal",
            "cunit",
            "test",
            "make check",
            {**base, "test_calc.c": CUNIT_NORMAL, "Makefile": c_unit_makefile("-lcunit")},
            section(
                r"^Suite calc, Test add_wrong had failures:$", inside=[r"^ +1\. test_calc\.c:\d+  - "], end=r"^Suite "
            ),
            "CUnit's basic interface in normal mode: the failures listed after the run",
            "dpkg-query -W -f='CUnit ${Version}\\n' libcunit1-dev",
        ),
        cc(
            "cc2-automake-tap",
            "automake",
            "test",
            "./configure >/dev/null && make check",
            {
                "configure.ac": tap_configure,
                "Makefile.am": tap_makefile,
                "tests/run.sh": TAP_TEST,
                "tests/other.sh": '#!/bin/sh\necho "1..1"\necho "ok 1 - other"\n',
            },
            first_of(r"^FAIL: tests/run\.sh 3 - rejects a port above 65535$"),
            "automake's TAP driver: a script's `not ok` lines become `FAIL: <script> N - <description>`",
            "automake --version",
            prepare="chmod +x tests/*.sh && autoreconf -fi",
        ),
        cc(
            "cc2-meson-timeout",
            "meson",
            "test",
            "meson setup build >/dev/null && meson test -C build",
            {
                "calc.h": CALC_H,
                "calc.c": CALC_C_WARN,
                "meson.build": meson_timeout,
                **AM_TESTS,
                "tests/test_add.c": slow_add,
                "tests/test_divide.c": c_main('    printf("divide: ok\\n");\n    return divide(8, 2) == 4 ? 0 : 1;'),
                "tests/test_parse.c": c_main('    return parse_port("8080") == 8080 ? 0 : 1;'),
            },
            first_of(r"^ *\d+/\d+ add +TIMEOUT "),
            "meson test: one test loops until its 2 s timeout, the others pass; the counts below",
            "meson --version | sed 's/^/meson /'",
        ),
        cc(
            "cc2-cmake-ninja-error",
            "gcc",
            "build",
            "cmake -S . -B build -G Ninja >/dev/null && cmake --build build",
            {
                "CMakeLists.txt": ninja_cmake,
                "calc.h": CALC_H,
                "calc.c": CALC_C_WARN,
                "main.c": '#include "calc.h"\nint util(void);\nint main(void) { return add(util(), missing_offset); }\n',
                "util.c": "int util(void) { return 1 }\n",
            },
            first_of(r"^/home/runner/work/acme/acme/main\.c:3:\d+: error: "),
            "CMake's Ninja generator: `FAILED: <object>` and the compiler command above the first error",
            "gcc --version",
        ),
        cc(
            "cc2-meson-compile-error",
            "gcc",
            "build",
            "meson setup build >/dev/null && meson compile -C build",
            {
                "meson.build": "project('acme', 'c', default_options : ['warning_level=3'])\nexecutable('app', 'main.c', 'calc.c')\n",
                "calc.h": CALC_H,
                "calc.c": CALC_C_WARN,
                "main.c": '#include "calc.h"\nint main(void) {\n    return add(1, missing);\n}\n',
            },
            first_of(r"^\.\./main\.c:3:\d+: error: "),
            "meson compile: ninja's progress, a warning in one file, the error in the next",
            "gcc --version",
        ),
        cc(
            "cc2-cmake-no-compiler",
            "cmake",
            "config",
            "cmake -S . -B build",
            {
                "CMakeLists.txt": "cmake_minimum_required(VERSION 3.16)\nproject(acme C CXX)\nadd_executable(app main.cpp)\n",
                "main.cpp": "int main() { return 0; }\n",
            },
            first_of(
                r"^CMake Error at /usr/share/cmake-[\d.]+/Modules/CMakeDetermineCXXCompiler\.cmake:\d+ \(message\):$",
                r"^  Could not find compiler set in environment variable CXX:$",
            ),
            "cmake: the C++ compiler named by CXX is not installed",
            "cmake --version",
            alt=("build", "dependency"),
            env={"CXX": "clang++-17"},
        ),
        cc(
            "cc2-configure-pkg-check",
            "autoconf",
            "dependency",
            "./configure",
            {
                "configure.ac": "AC_INIT([acme], [1.0])\nAM_INIT_AUTOMAKE([foreign])\nAC_PROG_CC\nPKG_CHECK_MODULES([WIDGETS], [acmewidgets >= 2.0])\nAC_CONFIG_FILES([Makefile])\nAC_OUTPUT\n",
                "Makefile.am": "bin_PROGRAMS = app\napp_SOURCES = main.c\n",
                "main.c": "int main(void) { return 0; }\n",
            },
            first_of(r"^configure: error: Package requirements \(acmewidgets >= 2\.0\) were not met:$"),
            "configure: PKG_CHECK_MODULES of a module that is not installed",
            "autoconf --version",
            alt=("config",),
            prepare="autoreconf -fi",
        ),
        cc(
            "cc2-make-recursive",
            "gcc",
            "build",
            "make -j2",
            recursive,
            first_of(r"undefined reference to `count_items'"),
            "recursive make: lib/ builds with an implicit-declaration warning, src/ fails to link; make's Error lines after it",
            "gcc --version",
        ),
        cc(
            "cc2-gxx-undefined-reference",
            "g++",
            "build",
            "make app",
            {
                "Makefile": "CXXFLAGS ?= -Wall -std=c++17\napp: main.o widget.o\n\t$(CXX) -o $@ $^\n",
                "widget.h": "#pragma once\nstruct Widget {\n    int size() const;\n    void draw() const;\n};\n",
                "widget.cpp": '#include "widget.h"\nint Widget::size() const { return 3; }\n',
                "main.cpp": '#include "widget.h"\n#include <iostream>\nint main() {\n    Widget w;\n    std::cout << "error: none" << w.size() << std::endl;\n    w.draw();\n    return 0;\n}\n',
            },
            first_of(r"undefined reference to `Widget::draw\(\) const'"),
            "g++ links C++ objects: a member function is declared, never defined",
            "g++ --version",
        ),
        cc(
            "cc2-tsan",
            "tsan",
            "test",
            "make check",
            {**base, "test_calc.c": THREAD_RACE, "Makefile": sanitizer_makefile("-fsanitize=thread -pthread")},
            first_of(r"^WARNING: ThreadSanitizer: data race \(pid=\d+\)$"),
            "ThreadSanitizer: a data race between two threads",
            "gcc --version",
        ),
        cc(
            "cc2-clang-tidy-two-files",
            "clang-tidy",
            "lint",
            "clang-tidy --checks='-*,bugprone-*,cert-*,readability-else-after-return' --warnings-as-errors='cert-*,bugprone-*' src/calc.c src/parse.c -- -std=c11",
            {
                "src/calc.c": CALC_C.replace('"calc.h"', '"../calc.h"'),
                "calc.h": CALC_H,
                "src/parse.c": "#include <stdlib.h>\n#include <string.h>\n\nint parse(const char *s) {\n    char buf[8];\n    if (s == NULL) {\n        return -1;\n    } else {\n        strcpy(buf, s);\n    }\n    return atoi(buf);\n}\n",
            },
            first_of(r"^\S*src/(?:calc|parse)\.c:\d+:\d+: error: .*,-warnings-as-errors\]$"),
            "clang-tidy on two files: warnings, counts of generated and suppressed warnings, errors from the second",
            "clang-tidy --version | grep -i version | sed 's/^ *//'",
        ),
        cc(
            "cc2-cppcheck-style",
            "cppcheck",
            "lint",
            "cppcheck --enable=style --error-exitcode=2 -q src/",
            {
                "src/calc.c": CALC_C,
                "src/util.c": "int pick(int a, int b) {\n    int unused_result = a;\n    if (a == a) return b;\n    return a;\n}\n\nvoid fill(int *out) {\n    int local[4];\n    for (int i = 0; i < 4; i++) local[i] = i;\n    out[0] = 1;\n}\n",
            },
            first_of(r"^src/util\.c:\d+:\d+: (?:style|warning): "),
            "cppcheck -q --error-exitcode with only style findings",
            "cppcheck --version",
        ),
    ]
