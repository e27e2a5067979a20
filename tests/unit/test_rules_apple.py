"""Apple's test runners as Travis-era and current builds print them: the culprit is the first failing test's
assertion, not the action's closing banner.

Below those, the rules written with bench/toolchain/apple_cases.py: xcodebuild's linker, signing and test-crash
lines, xcpretty's failure summary, CocoaPods' resolver and validator, swiftc's location-less errors and GNUstep's test
framework. The xcodebuild lines are real xcodebuild output kept in xcpretty's spec fixtures' SAMPLE_* constants
(MIT, see bench/toolchain/apple_cases_LICENSE.txt), shortened; the xcpretty lines were printed by xcpretty 0.4.1
from them; the GNUstep lines by gnustep-make 2.9.1 here; CocoaPods' are put together from its validator.rb and
resolver.rb. Each asserts the category and that the culprit is the first specific failure, not xcodebuild's
`** BUILD FAILED **` block or a runner's count."""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log, default_ruleset
from tests.job_logs import culprit_text, job_log, step_log, verdict


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


DERIVED = "/Users/musalj/Library/Developer/Xcode/DerivedData/ObjectiveSugar-ayzdhqmmwtqgysdpznmovjlupqjy/Build"


def step_verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


def failed_commands(command: str) -> tuple[str, ...]:
    return ("", "** BUILD FAILED **", "", "", "The following build commands failed:", f"\t{command}", "(1 failure)")


def test_undefined_symbols_report_the_first_symbol_not_lds_closing_line() -> None:
    # Given ld64's undefined-symbol block under xcodebuild, with clang's and xcodebuild's closing lines below it
    output = (
        f"Ld {DERIVED}/Products/Debug-iphonesimulator/ObjectiveSugar.app/ObjectiveSugar normal i386",
        "    cd /Users/musalj/code/OSS/ObjectiveSugar/Example",
        "Undefined symbols for architecture x86_64:",
        '  "_OBJC_CLASS_$_CABasicAnimation", referenced from:',
        "      objc-class-ref in ATZRadialProgressControl.o",
        "ld: symbol(s) not found for architecture x86_64",
        "clang: error: linker command failed with exit code 1 (use -v to see invocation)",
        *failed_commands(f"Ld {DERIVED}/Products/Debug-iphonesimulator/ObjectiveSugar.app/ObjectiveSugar normal i386"),
    )
    # When the step is analysed
    category, culprit, rule = step_verdict("xcodebuild -workspace App.xcworkspace -scheme App build", *output)
    # Then the missing symbol is the culprit
    assert (category, culprit, rule) == (
        Category.BUILD,
        '"_OBJC_CLASS_$_CABasicAnimation", referenced from:',
        "ld64-undefined-symbols",
    )


def test_xcpretty_undefined_symbols_report_the_symbol_line() -> None:
    # Given the same failure through xcpretty
    output = (
        "▸ Linking ObjectiveSugar",
        "",
        "❌  Undefined symbols for architecture x86_64",
        "> Symbol: _OBJC_CLASS_$_CABasicAnimation",
        "> Referenced from: objc-class-ref in ATZRadialProgressControl.o",
        "",
        "❌  ld: symbol(s) not found for architecture x86_64",
        "",
        "❌  clang: error: linker command failed with exit code 1 (use -v to see invocation)",
    )
    category, culprit, rule = step_verdict("set -o pipefail && xcodebuild build | xcpretty", *output)
    assert (category, culprit, rule) == (
        Category.BUILD,
        "> Symbol: _OBJC_CLASS_$_CABasicAnimation",
        "ld64-undefined-symbols",
    )


def test_a_missing_provisioning_profile_is_configuration_not_the_failed_command_list() -> None:
    # Given an archive on a machine without the profile: Xcode 8's bare message, then the failed-commands block
    output = (
        "=== BUILD TARGET TargetName OF PROJECT App WITH CONFIGURATION Release ===",
        "",
        "Check dependencies",
        "No profile matching 'TargetName' found:  Xcode couldn't find a profile matching 'TargetName'. Install the"
        " profile (by dragging and dropping it onto Xcode's dock item) or select a different one in the General tab"
        " of the target editor.",
        "Code signing is required for product type 'Application' in SDK 'iOS 10.0'",
        *failed_commands("Check dependencies"),
    )
    category, culprit, rule = step_verdict("xcodebuild -scheme App archive", *output)
    assert (category, rule) == (Category.CONFIG, "xcode-code-signing")
    assert culprit.startswith("No profile matching 'TargetName' found:")


def test_xcode_9_code_signing_error_prefix_is_read() -> None:
    output = (
        "Check dependencies",
        "Code Signing Error: No profiles for 'ch.example.app' were found:  Xcode couldn't find any iOS App Development"
        " provisioning profiles matching 'ch.example.app'.",
        "Code Signing Error: Code signing is required for product type 'Application' in SDK 'iOS 11.4'",
        "",
        "** BUILD FAILED **",
    )
    category, culprit, rule = step_verdict("xcodebuild build", *output)
    assert (category, rule) == (Category.CONFIG, "xcode-code-signing")
    assert culprit.startswith("Code Signing Error: No profiles for 'ch.example.app' were found:")


def test_a_crashing_swift_test_reports_its_fatal_error_not_the_suite_summary() -> None:
    # Given XCTest under xcodebuild relaunching the run after a test crashed
    output = (
        "Test Case '-[xcprettyFatalErrorTests.xcprettyFatalErrorTests testExample]' passed (0.001 seconds).",
        "Test Case '-[xcprettyFatalErrorTests.xcprettyFatalErrorTests testFatalError]' started.",
        "fatal error: unexpectedly found nil while unwrapping an Optional value",
        "",
        "Restarting after unexpected exit or crash in xcprettyFatalErrorTests/testFatalError(); summary will include"
        " totals from previous launches.",
        "",
        "Test Suite 'xcprettyFatalErrorTests' failed at 2017-07-10 15:01:17.957.",
        "     Executed 3 tests, with 1 failure (0 unexpected) in 0.258 (0.259) seconds",
        "",
        "** TEST FAILED **",
    )
    category, culprit, rule = step_verdict("xcodebuild test", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "fatal error: unexpectedly found nil while unwrapping an Optional value",
        "xctest-restarting-after-crash",
    )


def test_xcpretty_test_format_reports_the_failure_from_its_summary() -> None:
    # Given xcpretty --test: dots, then the failure listing per suite, then the count
    output = (
        ".FF",
        "",
        "App_Tests.ComparatorSpec",
        "  a_comparator__when_matching_against_test1__returns_almost_equal_for_test2, expected to equal"
        " <ComparisonAlmostEqual>, got <ComparisonEqual>",
        "  /Users/revolt/Development/App/Comparator/ComparatorSpec.swift:76",
        "",
        "NumberAdditions",
        "  Iterators_TimesIteratesTheExactNumberOfTimes, expected subject to equal 4, got 5",
        "  /Users/musalj/code/OSS/ObjectiveSugar/Example/ObjectiveSugarTests/NSNumberTests.m:49",
        "",
        "",
        "Executed 3 tests, with 2 failures (0 unexpected) in 0.009 (0.011) seconds",
    )
    category, culprit, rule = step_verdict("set -o pipefail && xcodebuild test | xcpretty --test", *output)
    assert (category, rule) == (Category.TEST, "xcpretty-failure-summary")
    assert culprit.startswith("a_comparator__when_matching_against_test1__returns_almost_equal_for_test2, expected")


def test_swiftc_location_less_error_outranks_the_failed_command_list() -> None:
    output = (
        "CompileSwift normal arm64 /Users/paul/foo/bar/siesta/Source/Resource.swift",
        "    cd /Users/paul/foo/bar/siesta",
        "<unknown>:0: error: no such file or directory: '/Users/travis/build/supermarin/project/Classes/Missing.swift'",
        *failed_commands("CompileSwift normal arm64 /Users/paul/foo/bar/siesta/Source/Resource.swift"),
    )
    category, culprit, rule = step_verdict("xcodebuild build", *output)
    assert (category, rule) == (Category.BUILD, "swiftc-unknown-location-error")
    assert culprit.startswith("<unknown>:0: error: no such file or directory:")


def test_an_error_thrown_out_of_a_test_is_a_test_failure_at_its_expression() -> None:
    # Given swift-corelibs-xctest on Linux: a test method throws, XCTest records it at `<EXPR>:0`
    output = (
        "Test Case 'LedgerTests.testLoad' started at 2026-11-29 10:00:04.121",
        '<EXPR>:0: error: LedgerTests.testLoad : threw error "fileNotFound"',
        "Test Case 'LedgerTests.testLoad' failed (0.001 seconds)",
        "\t Executed 4 tests, with 1 failure (1 unexpected) in 0.010 (0.012) seconds",
    )
    category, culprit, rule = step_verdict("swift test", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        '<EXPR>:0: error: LedgerTests.testLoad : threw error "fileNotFound"',
        "xctest-assertion",
    )


def test_pods_sandbox_out_of_sync_is_a_dependency_failure() -> None:
    output = (
        "PhaseScriptExecution Check\\ Pods\\ Manifest.lock /tmp/Script-1.sh",
        "    cd /Users/musalj/code/OSS/ObjectiveSugar/Example",
        "    /bin/sh -c /tmp/Script-1.sh",
        "error: The sandbox is not in sync with the Podfile.lock."
        " Run 'pod install' or update your CocoaPods installation.",
        *failed_commands("PhaseScriptExecution Check\\ Pods\\ Manifest.lock /tmp/Script-1.sh"),
    )
    category, culprit, rule = step_verdict("xcodebuild build", *output)
    assert (category, rule) == (Category.DEPENDENCY, "cocoapods-sandbox-out-of-sync")
    assert culprit.startswith("error: The sandbox is not in sync")


def test_pod_install_resolution_failure_reports_the_pod_not_the_hints() -> None:
    output = (
        "Analyzing dependencies",
        '[!] CocoaPods could not find compatible versions for pod "Alamofire":',
        "  In Podfile:",
        "    Alamofire (~> 99.0)",
        "",
        "None of your spec sources contain a spec satisfying the dependency: `Alamofire (~> 99.0)`.",
        "",
        "You have either:",
        " * mistyped the name or version.",
    )
    category, culprit, rule = step_verdict("pod install", *output)
    assert (category, culprit, rule) == (
        Category.DEPENDENCY,
        '[!] CocoaPods could not find compatible versions for pod "Alamofire":',
        "cocoapods-resolution-failed",
    )


def test_pod_lib_lint_reports_the_first_compile_error() -> None:
    output = (
        "",
        " -> Ledger (0.1.0)",
        "    - WARN  | summary: The summary is not meaningful.",
        "    - ERROR | [iOS] xcodebuild: Returned an unsuccessful exit code."
        " You can use `--verbose` for more information.",
        "    - ERROR | [iOS] xcodebuild:  Ledger/Ledger/Classes/Ledger.swift:12:20:"
        " error: cannot find 'entries' in scope",
        "    - ERROR | [iOS] xcodebuild:  Ledger/Ledger/Classes/Report.swift:8:9: error: value of type 'Ledger' has no"
        " member 'roundedSum'",
        "",
        "[!] Ledger did not pass validation, due to 3 errors and 1 warning.",
        "You can use the `--no-clean` option to inspect any issue.",
    )
    category, culprit, rule = step_verdict("pod lib lint", *output)
    assert (category, rule) == (Category.BUILD, "cocoapods-lint-compile-error")
    assert culprit.endswith("Ledger.swift:12:20: error: cannot find 'entries' in scope")


def test_gnustep_tests_report_the_first_failed_check_not_the_count() -> None:
    # Given gnustep-tests' listing of failed checks, its count and its closing advice; the code logged an ERROR line
    output = (
        "--- Running tests in Tests/ledger ---",
        "",
        "Tests/ledger/basic.m:",
        "Failed test:     (2026-11-30 07:25:48.519 +0000) basic.m:10 ... categories are sorted",
        "Failed test:     (2026-11-30 07:25:48.519 +0000) basic.m:11 ... travel is a category",
        "2026-11-30 07:25:48.520 basic[1234:1234] ERROR: category cache miss (expected in this test)",
        "",
        "      2 Passed tests",
        "      2 Failed tests",
        "",
        "",
        "One or more tests failed.  None of them should have.",
    )
    category, culprit, rule = step_verdict("gnustep-tests Tests", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "Failed test:     (2026-11-30 07:25:48.519 +0000) basic.m:10 ... categories are sorted",
        "gnustep-failed-test",
    )


def test_a_swift_runtime_trap_in_a_test_run_is_the_failure_not_the_signal_that_follows() -> None:
    # Given `swift test` on Linux crashing in a test: Swift 5.3+'s `<file>:<line>: Fatal error: <message>`, the
    # stack trace, and swift-testing's closing line
    output = (
        "Build complete! (12.34s)",
        "Test Suite 'All tests' started at 2026-11-29 10:00:00.000",
        "Test Case 'CartTests.testFirstItem' started at 2026-11-29 10:00:00.001",
        "Swift/ContiguousArrayBuffer.swift:600: Fatal error: Index out of range",
        "Current stack trace:",
        "0    libswiftCore.so                    0x00007f1c2a3b4c5d _swift_stdlib_reportFatalErrorInFile + 109",
        "*** Signal 4: Backtracing from 0x7f1c2a0e1f2e... done ***",
        "error: Exited with unexpected signal code 4",
    )
    category, culprit, rule = step_verdict("swift test", *output)
    assert (category, culprit, rule) == (
        Category.TEST,
        "Swift/ContiguousArrayBuffer.swift:600: Fatal error: Index out of range",
        "swift-runtime-trap",
    )


def test_a_fatal_error_that_names_no_swift_file_is_not_read_as_a_swift_trap() -> None:
    # Given PHP's own `Fatal error:` and Node's console.assert line, which share Swift's prefixes
    for line in ("Fatal error: Allowed memory size exhausted", "Assertion failed: x == 1"):
        assert "swift-runtime-trap" not in [rule.name for rule in default_ruleset().matching_rules(line)], line
