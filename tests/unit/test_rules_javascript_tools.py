"""Rules for JavaScript and TypeScript tools, on job logs built from their real output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
js_more_cases.py generates it; the versions are in bench/toolchain/logs/labels.json). Each test asserts the
category and that the culprit is the first specific failure, not the runner's count, a later failure, or text a
passing test printed (a culprit's text comes without its indentation).
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import step_log


def verdict(log: str) -> tuple[Category, str | None, str | None]:
    analysis = analyze_log(log)
    return analysis.category, analysis.culprit.text.strip() if analysis.culprit else None, analysis.rule


CHROMIUM = (
    "/home/runner/.cache/ms-playwright/chromium_headless_shell-1255/chrome-headless-shell-linux64/chrome-headless-shell"
)
ASSERTION_STACK = (
    "      at TestContext.<anonymous> (/home/runner/work/acme/acme/test/calc.test.js:9:10)",
    "      at Test.runInAsyncScope (node:async_hooks:206:9)",
    "      at async Test.processPendingSubtests (node:internal/test_runner/test:526:7) {",
    "    generatedMessage: true,",
    "    code: 'ERR_ASSERTION',",
    "  }",
    "",
)


def test_node_test_spec_reporter_reports_the_first_failing_test_not_the_repeat_under_failing_tests() -> None:
    # Given node 20's `node --test --test-reporter=spec`: a passing test prints 'error:', two tests fail, and the
    # reporter lists the failures again under `✖ failing tests:` after its counts
    log = step_log(
        "node --test --test-reporter=spec",
        "error: this is expected output, not a failure",
        "✔ adds (7.047635ms)",
        "✖ adds wrong (6.962556ms)",
        "  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
        "  ",
        "  4 !== 5",
        *ASSERTION_STACK,
        "✖ divides (1.158412ms)",
        "  AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:",
        *ASSERTION_STACK,
        "ℹ tests 4",
        "ℹ fail 2",
        "",
        "✖ failing tests:",
        "",
        "test at test/calc.test.js:8:1",
        "✖ adds wrong (6.962556ms)",
        "  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:",
        *ASSERTION_STACK,
        "test at test/calc.test.js:14:1",
        "✖ divides (1.158412ms)",
        "  AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal:",
        *ASSERTION_STACK,
    )
    # When it is analysed
    category, culprit, rule = verdict(log)
    # Then the first `✖` test in the listing is the culprit
    assert (category, culprit, rule) == (Category.TEST, "✖ adds wrong (6.962556ms)", "node-test-spec-failed")


def test_tap_reports_a_failing_subtest_indented_under_its_suite_before_the_suite() -> None:
    # Given node --test's TAP reporter: a suite's failing test indented under it, the suite's own `not ok` below
    log = step_log(
        "node --test --test-reporter=tap",
        "TAP version 13",
        "# Subtest: calc",
        "    # Subtest: adds",
        "    ok 1 - adds",
        "    # Subtest: adds wrong",
        "    not ok 2 - adds wrong",
        "      ---",
        "      error: |-",
        "        Expected values to be strictly equal:",
        "      ...",
        "    1..3",
        "not ok 1 - calc",
        "  ---",
        "  error: '2 subtests failed'",
        "  ...",
        "1..1",
        "# fail 2",
    )
    # When it is analysed
    category, culprit, rule = verdict(log)
    # Then the subtest's line is the culprit
    assert (category, culprit, rule) == (Category.TEST, "not ok 2 - adds wrong", "tap-not-ok")


def test_node_tap_line_with_its_time_comment_is_a_failure() -> None:
    # Given node-tap 21's output when a test file is run with node: a failed assertion nested in its subtest, whose
    # own line ends in a `# time=` comment
    log = step_log(
        "node test/calc.js",
        "TAP version 14",
        "# Subtest: adds",
        "    ok 1 - should be equal",
        "ok 1 - adds # time=9.316ms",
        "# Subtest: adds wrong",
        "    not ok 1 - two and two make five",
        "      ---",
        "      compare: ===",
        "      ...",
        "    1..1",
        "not ok 2 - adds wrong # time=40.967ms",
        "1..3",
        "# { total: 3, pass: 1, fail: 2 }",
    )
    # When it is analysed, then the nested assertion is the culprit, not the closing count
    assert verdict(log)[:2] == (Category.TEST, "not ok 1 - two and two make five")
    # And with the nested line gone, the subtest's line with its time comment is still read as a failure
    no_nested = log.replace("    not ok 1 - two and two make five", "    # (assertion elided)")
    assert verdict(no_nested)[:2] == (Category.TEST, "not ok 2 - adds wrong # time=40.967ms")


def test_ava_reports_the_first_failed_test_not_the_error_text_a_passing_test_printed() -> None:
    # Given ava 7 over two files: the first failure, then 'error:' printed by a passing test, then the details
    log = step_log(
        "npx ava --serial",
        "",
        "  ✔ calc › adds",
        "  ✘ [fail]: calc › adds wrong",
        "  ✔ calc › prints error text",
        "error: this is expected output, not a failure",
        "  ✘ [fail]: calc › divides",
        "  ─",
        "",
        "  calc › adds wrong",
        "",
        "  test/calc.js:8",
        "",
        "  Difference (- actual, + expected):",
        "",
        "  ─",
        "",
        "  2 tests failed",
    )
    # When it is analysed, then ava's first `✘ [fail]:` line is the culprit
    assert verdict(log) == (Category.TEST, "✘ [fail]: calc › adds wrong", "ava-failed-test")


def test_jasmine_reports_its_first_numbered_failure_not_the_progress_dots() -> None:
    # Given jasmine 7 run by yarn 1: progress dots mixed with printed 'error:' text, the failures, yarn's exit line
    log = step_log(
        "yarn test",
        "yarn run v1.22.22",
        "$ jasmine",
        "Started",
        ".Ferror: this is expected output, not a failure",
        ".F",
        "",
        "Failures:",
        "1) Calc adds wrong",
        "  Message:",
        "    Expected 4 to be 5.",
        "  Stack:",
        "        at <Jasmine>",
        "",
        "2) Calc divides",
        "  Message:",
        "    Expected Infinity to equal 0.",
        "",
        "4 specs, 2 failures",
        "Finished in 0.03 seconds",
        "error Command failed with exit code 3.",
    )
    # When it is analysed, then the first numbered failure is the culprit
    assert verdict(log) == (Category.TEST, "1) Calc adds wrong", "jasmine-failure")


def test_playwright_without_browsers_is_a_missing_dependency() -> None:
    # Given Playwright 1.65 run where `npx playwright install` never ran: each test opening a page fails alike
    log = step_log(
        "npx playwright test --reporter=list",
        "Running 3 tests using 1 worker",
        "  ✓  1 tests/home.spec.js:3:1 › pure arithmetic (18ms)",
        "  ✘  2 tests/home.spec.js:6:1 › has title (30ms)",
        "  ✘  3 tests/home.spec.js:10:1 › has heading (16ms)",
        "  1) tests/home.spec.js:6:1 › has title ──────────────────────────",
        f"    Error: browserType.launch: Executable doesn't exist at {CHROMIUM}",
        "    ║ Looks like Playwright was just installed or updated.       ║",
        "  2) tests/home.spec.js:10:1 › has heading ───────────────────────",
        f"    Error: browserType.launch: Executable doesn't exist at {CHROMIUM}",
        "  2 failed",
        "  1 passed (3.5s)",
    )
    # When it is analysed
    category, culprit, rule = verdict(log)
    # Then the verdict is the missing browser, at its first report
    assert (category, rule) == (Category.DEPENDENCY, "playwright-browser-missing")
    assert culprit is not None and culprit.startswith("Error: browserType.launch: Executable doesn't exist at")


def test_vite_build_reports_rolldowns_error_not_its_closing_line() -> None:
    # Given vite 8.4 (rolldown) failing on an import it cannot resolve
    log = step_log(
        "npx vite build",
        "vite v8.4.0 building client environment for production...",
        "transforming...",
        "✓ 4 modules transformed.",
        "✗ Build failed in 69ms",
        "error during build:",
        "Build failed with 1 error:",
        "",
        "[UNRESOLVED_IMPORT] Could not resolve './missing' in src/main.js",
        "   ╭─[ src/main.js:1:24 ]",
        " 1 │ import { helper } from './missing';",
        "───╯",
    )
    # When it is analysed, then rolldown's bracketed error is the culprit of a build failure
    assert verdict(log) == (
        Category.BUILD,
        "[UNRESOLVED_IMPORT] Could not resolve './missing' in src/main.js",
        "rolldown-error",
    )


def test_bundlers_report_the_first_import_they_cannot_resolve() -> None:
    # Given esbuild 0.28 and webpack 5.113, each failing on two imports
    esbuild = step_log(
        "npx esbuild src/index.js --bundle --outfile=dist/out.js",
        '✘ [ERROR] Could not resolve "./missing"',
        "",
        "    src/index.js:1:23:",
        '✘ [ERROR] Could not resolve "left-pad-zz9"',
        "",
        "2 errors",
    )
    webpack = step_log(
        "npx webpack --mode production",
        "ERROR in ./src/index.js 1:0-35",
        "Module not found: Error: Can't resolve './missing' in '/home/runner/work/acme/acme/src'",
        "resolve './missing' in '/home/runner/work/acme/acme/src'",
        "",
        "ERROR in ./src/index.js 2:0-31",
        "Module not found: Error: Can't resolve 'left-pad-zz9' in '/home/runner/work/acme/acme/src'",
        "",
        "webpack 5.113.0 compiled with 2 errors in 839 ms",
    )
    # When they are analysed, then the first unresolved import is the culprit
    assert verdict(esbuild)[:2] == (Category.BUILD, '✘ [ERROR] Could not resolve "./missing"')
    assert verdict(webpack)[:2] == (
        Category.BUILD,
        "Module not found: Error: Can't resolve './missing' in '/home/runner/work/acme/acme/src'",
    )


def test_a_node_script_dying_on_an_uncaught_error_reports_the_error_line() -> None:
    # Given node 20 running a build script through npm: it prints 'error:' and survives, then throws
    log = step_log(
        "npm run build",
        "> acme@1.0.0 build",
        "> node scripts/build.js",
        "building acme",
        "error: a warning the build prints and survives",
        "/home/runner/work/acme/acme/scripts/build.js:9",
        "    throw new Error(`config file ${file} not found`);",
        "    ^",
        "",
        "Error: config file config/build.json not found",
        "    at loadConfig (/home/runner/work/acme/acme/scripts/build.js:9:11)",
        "    at node:internal/main/run_main_module:28:49",
        "",
        "Node.js v20.20.2",
        "npm error Lifecycle script `build` failed with error:",
        "npm error code 1",
    )
    # When it is analysed, then the thrown error is the culprit of a build failure
    assert verdict(log) == (Category.BUILD, "Error: config file config/build.json not found", "node-uncaught-exception")


def test_an_unhandled_rejection_of_a_string_reports_nodes_rejection_line() -> None:
    # Given node 20: a promise rejected with a string nobody handles
    log = step_log(
        "node scripts/release.js",
        "error: no changelog entry, using the commit log",
        "node:internal/process/promises:389",
        "      new UnhandledPromiseRejection(reason);",
        "      ^",
        "",
        "UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a"
        " catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the"
        ' reason "no release token configured".',
        "    at throwUnhandledRejectionsMode (node:internal/process/promises:389:7)",
        "  code: 'ERR_UNHANDLED_REJECTION'",
        "}",
        "",
        "Node.js v20.20.2",
    )
    # When it is analysed, then node's rejection line is the culprit
    category, culprit, _ = verdict(log)
    assert category is Category.BUILD
    assert culprit is not None and culprit.startswith("UnhandledPromiseRejection: This error originated")


def test_an_es_module_import_of_a_missing_package_reports_nodes_error_line() -> None:
    # Given node 20: an ES module imports a package that is not installed; node's own source line names the error
    # class, and the error's `code:` property repeats it below
    log = step_log(
        "node src/main.mjs",
        "node:internal/modules/esm/resolve:873",
        "  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);",
        "        ^",
        "",
        "Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'left-pad-zz9' imported from"
        " /home/runner/work/acme/acme/src/main.mjs",
        "    at packageResolve (node:internal/modules/esm/resolve:873:9)",
        "  code: 'ERR_MODULE_NOT_FOUND'",
        "}",
        "",
        "Node.js v20.20.2",
    )
    # When it is analysed, then the error line is the culprit of a missing dependency
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.DEPENDENCY, "node-module-missing")
    assert culprit is not None and culprit.startswith("Error [ERR_MODULE_NOT_FOUND]: Cannot find package")


def test_jest_coverage_below_its_threshold_is_the_culprit_when_every_test_passed() -> None:
    # Given jest 30 with --coverage: the only test passes, two thresholds are unmet
    log = step_log(
        "npx jest --ci --coverage",
        "PASS ./sum.test.js",
        "  ✓ adds (5 ms)",
        "----------|---------|----------|---------|---------|-------------------",
        "All files |      40 |        0 |      50 |      40 |                   ",
        "----------|---------|----------|---------|---------|-------------------",
        'Jest: Coverage for branches (0%) does not meet "global" threshold (90%)',
        'Jest: Coverage for lines (40%) does not meet "global" threshold (90%)',
        "Test Suites: 1 passed, 1 total",
        "Tests:       1 passed, 1 total",
        "Ran all test suites.",
    )
    # When it is analysed, then the first unmet threshold is the culprit
    assert verdict(log) == (
        Category.TEST,
        'Jest: Coverage for branches (0%) does not meet "global" threshold (90%)',
        "jest-coverage-threshold",
    )


def test_jest_timeout_reports_the_message_under_the_test_not_its_cause_copy() -> None:
    # Given jest 30: a test exceeds its timeout; jest repeats the message under `Cause:`
    log = step_log(
        "npx jest --ci",
        "FAIL ./fetch.test.js",
        "  ✕ slow fetch (504 ms)",
        "  ● slow fetch",
        "",
        '    thrown: "Exceeded timeout of 500 ms for a test.',
        "    Add a timeout value to this test to increase the timeout, if this is a long-running test.",
        "",
        "    Cause:",
        '        thrown: "Exceeded timeout of 500 ms for a test.',
        "Tests:       1 failed, 1 passed, 2 total",
    )
    # When it is analysed, then the failing test is the culprit (a test's own time limit is a test failure, and
    # jest's test line outranks its message since js3), never the message's copy under `Cause:`
    assert verdict(log)[:2] == (Category.TEST, "● slow fetch")


def test_prettier_reports_the_file_it_cannot_parse_before_files_it_would_reformat() -> None:
    # Given prettier 3.10 --check: a file to reformat, one that does not parse, another to reformat
    log = step_log(
        "npx prettier --check src",
        "Checking formatting...",
        "[warn] src/a.js",
        "[error] src/b.js: SyntaxError: Unexpected token (1:12)",
        "[error] > 1 | const x = (;",
        "[error]     |            ^",
        "[warn] src/c.js",
        "Error occurred when checking code style in the above file.",
    )
    # When it is analysed, then the unparsable file is the culprit
    assert verdict(log) == (
        Category.LINT,
        "[error] src/b.js: SyntaxError: Unexpected token (1:12)",
        "prettier-syntax-error",
    )


def test_nyc_coverage_gate_reports_its_first_unmet_threshold() -> None:
    # Given nyc 18 --check-coverage around node --test: the test passes, two thresholds are unmet, the table follows
    log = step_log(
        "npx nyc --check-coverage --lines 90 --branches 90 node --test",
        "ok 1 - adds",
        "# pass 1",
        "# fail 0",
        "ERROR: Coverage for lines (40%) does not meet global threshold (90%)",
        "ERROR: Coverage for branches (0%) does not meet global threshold (90%)",
        "----------|---------|----------|---------|---------|-------------------",
        "File      | % Stmts | % Branch | % Funcs | % Lines | Uncovered Line #s ",
        "All files |      40 |        0 |      50 |      40 |                   ",
        "----------|---------|----------|---------|---------|-------------------",
    )
    # When it is analysed, then the first unmet threshold is the culprit
    assert verdict(log) == (
        Category.TEST,
        "ERROR: Coverage for lines (40%) does not meet global threshold (90%)",
        "istanbul-coverage-threshold",
    )


def test_standard_reports_its_first_finding_not_its_banner() -> None:
    # Given standard 17.1: its two banner lines, then findings in two files
    log = step_log(
        "npx standard",
        "standard: Use JavaScript Standard Style (https://standardjs.com)",
        "standard: Run `standard --fix` to automatically fix some problems.",
        "  /home/runner/work/acme/acme/lib/a.js:1:7: 'unused' is assigned a value but never used. (no-unused-vars)",
        "  /home/runner/work/acme/acme/lib/a.js:3:12: Expected '===' and instead saw '=='. (eqeqeq)",
        "  /home/runner/work/acme/acme/lib/b.js:1:39: 'undefinedThing' is not defined. (no-undef)",
    )
    # When it is analysed, then the first finding is the culprit of a lint failure
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.LINT, "standard-js-finding")
    assert (
        culprit
        == "/home/runner/work/acme/acme/lib/a.js:1:7: 'unused' is assigned a value but never used. (no-unused-vars)"
    )


def test_tslint_reports_its_first_finding_in_both_formats() -> None:
    # Given tslint 6.1 with its default (stylish) formatter and with -t prose
    stylish = step_log(
        "npx tslint 'src/**/*.ts'",
        "src/a.ts:1:1",
        "ERROR: 1:1  no-var-keyword  Forbidden 'var' keyword, use 'let' or 'const' instead",
        "ERROR: 1:5  prefer-const    Identifier 'x' is never reassigned; use 'const' instead of 'var'.",
        "",
    )
    prose = step_log(
        "npx tslint -t prose 'src/**/*.ts'",
        "",
        "ERROR: src/a.ts:1:1 - Forbidden 'var' keyword, use 'let' or 'const' instead",
        "ERROR: src/a.ts:1:5 - Identifier 'x' is never reassigned; use 'const' instead of 'var'.",
        "",
    )
    # When they are analysed, then each one's first finding is the culprit of a lint failure
    assert verdict(stylish) == (
        Category.LINT,
        "ERROR: 1:1  no-var-keyword  Forbidden 'var' keyword, use 'let' or 'const' instead",
        "tslint-finding",
    )
    assert verdict(prose) == (
        Category.LINT,
        "ERROR: src/a.ts:1:1 - Forbidden 'var' keyword, use 'let' or 'const' instead",
        "tslint-finding",
    )


def test_commitlint_reports_the_first_problem_not_its_count() -> None:
    # Given commitlint 20.5 with the conventional config, reading a commit message that breaks three rules
    log = step_log(
        "echo 'Fixed the thing.' | npx commitlint",
        "⧗   input: Fixed the thing.",
        "✖   subject may not be empty [subject-empty]",
        "✖   subject may not end with full stop [subject-full-stop]",
        "✖   type may not be empty [type-empty]",
        "",
        "✖   found 3 problems, 0 warnings",
        "ⓘ   Get help: https://github.com/conventional-changelog/commitlint/#what-is-commitlint",
    )
    # When it is analysed, then the first problem is the culprit of a lint failure
    assert verdict(log) == (Category.LINT, "✖   subject may not be empty [subject-empty]", "commitlint-problem")


def test_markdownlint_cli_with_its_severity_column_is_read() -> None:
    # Given markdownlint-cli 0.48, which prints `error` between the line and the rule
    log = step_log(
        "npx markdownlint '*.md' 'docs/*.md'",
        "docs/guide.md:1 error MD022/blanks-around-headings Headings should be surrounded by blank lines",
        "docs/guide.md:6:1 error MD004/ul-style Unordered list style [Expected: asterisk; Actual: dash]",
    )
    # When it is analysed, then its first finding is the culprit of a lint failure
    assert verdict(log) == (
        Category.LINT,
        "docs/guide.md:1 error MD022/blanks-around-headings Headings should be surrounded by blank lines",
        "markdownlint-issue",
    )


def test_npm_6_missing_script_is_a_configuration_error() -> None:
    # Given npm 6.14 asked to run a script package.json lacks: its lower-case, unquoted message
    log = step_log(
        "npm run lint",
        "npm ERR! missing script: lint",
        "",
        "npm ERR! A complete log of this run can be found in:",
        "npm ERR!     /home/runner/.npm/_logs/2026-11-30T00_23_20_485Z-debug.log",
    )
    # When it is analysed, then it is the missing script, a configuration error
    assert verdict(log) == (Category.CONFIG, "npm ERR! missing script: lint", "script-not-defined")
