"""Apple's test runners as Travis-era and current builds print them: the culprit is the first failing test's
assertion, not the action's closing banner."""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict


def test_xcodebuild_names_an_objective_c_assertion_before_its_test_case_line() -> None:
    # Given xcodebuild test on an Objective-C bundle: a passing test, a failing one's assertion and case lines, the
    # suite's count and the banner
    assertion = (
        "/Users/travis/build/acme/App/AppTests/AppTests.m:20: error: -[AppTests testParsing] :"
        ' XCTAssertEqual failed: ("1") is not equal to ("2")'
    )
    log = step_log(
        "xcodebuild test -scheme App -sdk iphonesimulator",
        "Test Suite 'AppTests' started at 2019-01-01 10:00:00.000",
        "Test Case '-[AppTests testAdd]' started.",
        "Test Case '-[AppTests testAdd]' passed (0.001 seconds).",
        "Test Case '-[AppTests testParsing]' started.",
        assertion,
        "Test Case '-[AppTests testParsing]' failed (0.001 seconds).",
        "\t Executed 2 tests, with 1 failure (0 unexpected) in 0.002 (0.003) seconds",
        "** TEST FAILED **",
    )
    # Then the assertion line is the culprit
    assert verdict(log) == (Category.TEST, assertion, "xctest-assertion")


def test_xctool_names_the_first_failed_tests_exception_printed_above_it() -> None:
    # Given xctool's text reporter: a failed test's exception and source context, its ✗ line, a second failure,
    # then the action's banner
    exception = (
        '/Users/travis/build/acme/App/AppTests/AppTests.m:20: XCTAssertEqual failed: ("1") is not equal to ("2"):'
    )
    log = step_log(
        "xctool -workspace App.xcworkspace -scheme App -sdk iphonesimulator run-tests",
        "=== RUN-TESTS ===",
        "  run-test AppTests.xctest (iphonesimulator9.0, application-test)",
        "    ✓ -[AppTests testAdd] (0 ms)",
        "",
        exception,
        '  19     [parser parse:@"1"];',
        "  20 >>  XCTAssertEqual(parser.count, 2);",
        "    ✗ -[AppTests testParsing] (12 ms) (1)",
        "/Users/travis/build/acme/App/AppTests/NetTests.m:9: Asynchronous wait failed: Exceeded timeout of 1 seconds:",
        "    ☂ -[NetTests testFetch] (1003 ms) (2)",
        "    1 passed, 1 failed, 1 errored, 3 total (1015 ms)",
        "** RUN-TESTS FAILED: 1 of 3 tests failed, 1 errored ** (2043 ms)",
    )
    # Then the first failed test's exception line is the culprit, a test failure
    assert verdict(log) == (Category.TEST, exception, "xctool-failed-test")


def test_xctool_without_an_exception_line_names_the_failed_test() -> None:
    # Given a failed test whose reporter printed no exception above it
    failed = "✗ -[AppTests testParsing] (12 ms) (1)"
    log = step_log("xctool run-tests", "    ✓ -[AppTests testAdd] (0 ms)", f"    {failed}", "** TEST FAILED ** (30 ms)")
    # Then the ✗ line itself
    assert verdict(log) == (Category.TEST, failed, "xctool-failed-test")
