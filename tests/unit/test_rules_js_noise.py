"""JavaScript failures inside the noise that pulls an analyzer to the wrong line: Karma's browser console and
progress lines, eslint's one-line formatters, a test's own log of an upstream 5xx inside jest output that a
monorepo runner prefixes.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
js_noise_cases.py generates it; the versions are in bench/toolchain/logs/labels.json). Each test asserts the
category and that the culprit is the first specific failure.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

BROWSER = "Chrome Headless 156.0.0.0 (Linux 0.0.0)"
KARMA_START = (
    "\x1b[32m30 11 2026 02:40:07.625:INFO [karma-server]: \x1b[39mKarma v6.4.4 server started at http://localhost:9876/",
    "\x1b[32m30 11 2026 02:40:07.634:INFO [launcher]: \x1b[39mLaunching browsers ChromeHeadlessCI",
    f"\x1b[32m30 11 2026 02:40:10.948:INFO [{BROWSER}]: \x1b[39mConnected on socket qbB9JqLZMRG4 with id 28031476",
)


def test_karma_progress_reporter_reports_the_first_failed_spec_not_the_browser_console_error() -> None:
    # Given Karma's progress reporter, which redraws its count with cursor codes: a spec fails, the browser's
    # console.error is captured as `ERROR: '...'`, a second spec fails, and the counts close the run
    log = step_log(
        "npx karma start karma.conf.js",
        *KARMA_START,
        f"{BROWSER}: Executed 1 of 65 SUCCESS (0 secs / 0.009 secs)",
        f"\x1b[1A\x1b[2K{BROWSER} money splits a bill FAILED",
        "\tExpected $[0] = 33 to equal 34.",
        "\t    at <Jasmine>",
        "\t    at UserContext.<anonymous> (spec/money.spec.js:3:65)",
        f"{BROWSER}: Executed 2 of 65 (1 FAILED) (0 secs / 0.012 secs)",
        "\x1b[1A\x1b[2KERROR: 'ERROR split requested with zero parts'",
        f"{BROWSER}: Executed 3 of 65 (1 FAILED) (0 secs / 0.012 secs)",
        "\x1b[1A\x1b[2KWARN: 'WARN format() is deprecated, use Intl.NumberFormat'",
        f"\x1b[1A\x1b[2K{BROWSER} money computes a percentage FAILED",
        "\tExpected 33 to be 34.",
        f"{BROWSER}: Executed 65 of 65 (2 FAILED) (0.251 secs / 0.047 secs)",
        "TOTAL: 2 FAILED, 63 SUCCESS",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit == f"{BROWSER} money splits a bill FAILED"
    assert rule == "karma-spec-failed"


def test_karma_counts_alone_are_a_summary_that_points_above_itself() -> None:
    # Given only Karma's counts after an error no rule knows
    log = step_log(
        "npx karma start",
        "Chrome Headless 120.0.0.0 (Linux x86_64) ERROR",
        "  Uncaught ReferenceError: money is not defined",
        "Chrome Headless 120.0.0.0 (Linux x86_64): Executed 0 of 0 (1 FAILED) ERROR (0.003 secs / 0 secs)",
        "TOTAL: 1 FAILED, 0 SUCCESS",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert rule == "karma-executed-summary"
    assert culprit is not None and not culprit.startswith("TOTAL")


def test_karma_mocha_reporter_reports_the_first_failed_test_under_failed_tests() -> None:
    # Given karma-mocha-reporter: its listing marks two tests `✖`, the browser's console is captured between them,
    # then SUMMARY and FAILED TESTS list the failures with their errors
    log = step_log(
        "npx karma start karma.conf.js",
        "START:",
        *KARMA_START,
        "  money",
        "    ✔ adds",
        "    ✖ splits a bill",
        "ERROR: 'ERROR split requested with zero parts'",
        "    ✔ refuses zero parts",
        "    ✖ computes a percentage",
        "",
        "Finished in 0.117 secs / 0.019 secs @ 02:40:20 GMT+0000 (Coordinated Universal Time)",
        "",
        "SUMMARY:",
        "✔ 33 tests completed",
        "✖ 2 tests failed",
        "",
        "FAILED TESTS:",
        "  money",
        "    ✖ splits a bill",
        f"      {BROWSER}",
        '    Error: expected "33,33,33" to equal "34,33,33"',
        "        at equal (spec/money.spec.js:2:34)",
        "",
        "    ✖ computes a percentage",
        f"      {BROWSER}",
        "    Error: expected 33 to equal 34",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit is not None and culprit.strip() == "✖ splits a bill"
    assert rule == "karma-mocha-reporter-failed"


ESLINT_UNIX = (
    "/home/runner/work/a/a/src/load.js:2:5: 'retries' is never reassigned. Use 'const' instead. [Warning/prefer-const]",
    "/home/runner/work/a/a/src/load.js:4:3: Unexpected console statement. [Warning/no-console]",
    "/home/runner/work/a/a/src/load.js:5:12: Expected '===' and instead saw '=='. [Error/eqeqeq]",
    "/home/runner/work/a/a/src/save.js:1:21: 'unusedFlag' is defined but never used. [Error/no-unused-vars]",
    "/home/runner/work/a/a/src/save.js:3:10: 'undefinedHelper' is not defined. [Error/no-undef]",
    "",
    "6 problems",
)


def test_eslint_unix_formatter_reports_the_first_error_not_a_warning_or_the_last_line() -> None:
    category, culprit, rule = verdict(step_log("npx eslint -f unix src", *ESLINT_UNIX))
    assert category is Category.LINT
    assert culprit == ESLINT_UNIX[2]
    assert rule == "eslint-unix-error"


def test_eslint_compact_formatter_reports_the_first_error() -> None:
    lines = (
        "/home/runner/work/a/a/src/load.js: line 4, col 3, Warning - Unexpected console statement. (no-console)",
        "/home/runner/work/a/a/src/load.js: line 5, col 12, Error - Expected '===' and instead saw '=='. (eqeqeq)",
        "/home/runner/work/a/a/src/save.js: line 3, col 10, Error - 'undefinedHelper' is not defined. (no-undef)",
        "",
        "6 problems",
    )
    category, culprit, rule = verdict(step_log("npx eslint -f compact src", *lines))
    assert category is Category.LINT
    assert culprit == lines[1]
    assert rule == "eslint-compact-error"


def test_a_test_logging_an_upstream_502_does_not_outrank_the_failing_jest_test_under_turbo() -> None:
    # Given turbo's `@acme/api:test: ` prefix on jest's lines: a passing test logs an upstream 502 (its console
    # block and the code frame under it), and another test fails
    p = "@acme/api:test: "
    log = step_log(
        "npx turbo run test --log-order=stream",
        f"{p}  console.error",
        f"{p}    Error: upstream returned 502 Bad Gateway",
        f"{p}",
        f"{p}    > 10 |     console.error('Error: upstream returned 502 Bad Gateway');",
        f"{p}FAIL test/router.test.js",
        f"{p}  router",
        f"{p}    ✕ routes an item (43 ms)",
        f"{p}    ✓ names a server error (141 ms)",
        f"{p}  ● router › routes an item",
        f"{p}    expect(received).toEqual(expected) // deep equality",
        f"{p}       10 |     console.error('Error: upstream returned 502 Bad Gateway');",
        f"{p}Tests:       2 failed, 2 passed, 4 total",
        f"{p}npm error Lifecycle script `test` failed with error:",
        f"{p}npm error code 1",
        "@acme/api#test:  ERROR  command (/home/runner/work/acme/acme/packages/api) /usr/bin/npm run test exited (1)",
        " ERROR  run failed: command  exited (1)",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit == f"{p}  ● router › routes an item"
    assert rule == "jest-failed-test"


def test_a_lone_502_phrase_still_reads_as_the_server_failing() -> None:
    log = step_log("./deploy.sh", "uploading bundle", "received unexpected HTTP status: 502 Bad Gateway")
    category, _, rule = verdict(log)
    assert category is Category.INFRASTRUCTURE
    assert rule == "http-5xx-phrase"


def test_eslint_max_warnings_reports_the_first_warning_not_eslints_closing_line() -> None:
    # Given eslint --max-warnings 0 under npm run: warnings only, in two files, eslint's count and its closing line
    lines = (
        "> acme@1.0.0 lint",
        "> eslint --max-warnings 0 src",
        "",
        "/home/runner/work/a/a/src/load.js",
        "  1:5  warning  'retries' is never reassigned. Use 'const' instead  prefer-const",
        "  3:3  warning  Unexpected console statement                        no-console",
        "",
        "/home/runner/work/a/a/src/save.js",
        "  3:3  warning  Unexpected console statement                     no-console",
        "",
        "✖ 3 problems (0 errors, 3 warnings)",
        "",
        "ESLint found too many warnings (maximum: 0).",
    )
    category, culprit, rule = verdict(step_log("npm run lint", *lines))
    assert category is Category.LINT
    assert culprit == lines[4].strip()
    assert rule == "eslint-warning"


def test_an_eslint_warning_never_outranks_another_tools_error() -> None:
    # Given eslint passing with warnings, then tsc failing
    lines = (
        "/home/runner/work/a/a/src/load.js",
        "  1:5  warning  'retries' is never reassigned. Use 'const' instead  prefer-const",
        "",
        "✖ 1 problem (0 errors, 1 warning)",
        "",
        "src/types.ts(2,30): error TS2322: Type 'string' is not assignable to type 'number'.",
    )
    category, culprit, _ = verdict(step_log("npx eslint src && npx tsc --noEmit", *lines))
    assert category is Category.BUILD
    assert culprit == lines[5]


JEST_TIMEOUT = (
    '    thrown: "Exceeded timeout of 300 ms for a test while waiting for `done()` to be called.',
    "    Add a timeout value to this test to increase the timeout, if this is a long-running test.",
    "",
    "    Cause:",
    '        thrown: "Exceeded timeout of 300 ms for a test while waiting for `done()` to be called.',
)


def test_jest_reports_the_first_failing_test_not_a_later_tests_timeout() -> None:
    log = step_log(
        "npx jest --ci",
        "FAIL ./orders.test.js",
        "  orders",
        "    ✕ totals an order (7 ms)",
        "    ✕ loads the order history (302 ms)",
        "",
        "  ● orders › totals an order",
        "",
        "    expect(received).toEqual(expected) // deep equality",
        "",
        "  ● orders › loads the order history",
        "",
        *JEST_TIMEOUT,
        "Tests:       2 failed, 2 total",
        "Jest did not exit one second after the test run has completed.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit == "● orders › totals an order"
    assert rule == "jest-failed-test"


def test_jest_top_level_test_failure_is_read_and_its_console_block_is_not() -> None:
    # Given tests outside any describe block: a passing test's console block, a snapshot CI will not write, then a
    # test that times out
    log = step_log(
        "npx jest --ci",
        "FAIL ./header.test.js",
        "  ● Console",
        "",
        "    console.error",
        "      Error: upstream returned 503, retrying",
        "",
        "  ✕ renders the header (6 ms)",
        "  ✕ slow fetch (502 ms)",
        "",
        "  ● renders the header",
        "",
        "    expect(received).toMatchSnapshot()",
        "",
        "  ● slow fetch",
        "",
        *JEST_TIMEOUT,
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit == "● renders the header"
    assert rule == "jest-failed-test-top-level"


def test_a_jest_timeout_alone_is_still_reported() -> None:
    # Given no failing-test header a rule reads (a copy of jest's message without it)
    log = step_log("npx jest --ci", *JEST_TIMEOUT, "Tests:       1 failed, 1 total")
    category, culprit, rule = verdict(log)
    assert category is Category.TIMEOUT
    assert culprit is not None and culprit.startswith('thrown: "Exceeded timeout of 300 ms')
    assert rule == "js-test-timeout"
