"""Rules for Travis-era JavaScript tools (javascript-legacy.toml), on job logs built from their real output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/
js_legacy_cases.py generates it; the versions are in bench/toolchain/logs/labels.json). Each test asserts the
category and that the culprit is the first specific failure, not the runner's summary, a later finding, or text a
passing step printed (a culprit's text comes without its indentation).
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import step_log


def verdict(log: str) -> tuple[Category, str | None, str | None]:
    analysis = analyze_log(log)
    return analysis.category, analysis.culprit.text.strip() if analysis.culprit else None, analysis.rule


def test_grunt_jshint_task_reports_the_first_finding_not_grunts_warning() -> None:
    # Given grunt 1.0 running grunt-contrib-jshint after a task that logs `error`: two findings in two files,
    # then the count and grunt's `Warning: Task "jshint:all" failed.` and `Aborted due to warnings.`
    log = step_log(
        "grunt --no-color",
        'Running "banner" task',
        "Building acme 1.0.0 (error reporting: verbose)",
        "",
        'Running "jshint:all" (jshint) task',
        "",
        "   src/calc.js",
        "      4 |  return a + b",
        "                      ^ Missing semicolon.",
        "   src/util.js",
        "      2 |  console.log('[app] ' + message)",
        "                                         ^ Missing semicolon.",
        "",
        ">> 2 errors in 4 files",
        'Warning: Task "jshint:all" failed. Use --force to continue.',
        "",
        "Aborted due to warnings.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.LINT
    assert culprit == "^ Missing semicolon."
    assert rule == "grunt-jshint-finding"
    first = next(number for number, line in enumerate(log.split("\n"), 1) if line.endswith("^ Missing semicolon."))
    culprit_line = analyze_log(log).culprit
    assert culprit_line is not None and culprit_line.line == first  # src/calc.js's, not src/util.js's


def test_grunt_task_not_found_is_a_configuration_failure_though_it_starts_with_warning() -> None:
    log = step_log(
        "grunt --no-color banner sass",
        'Warning: Task "sass" not found. Use --force to continue.',
        "",
        "Aborted due to warnings.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.CONFIG
    assert culprit == 'Warning: Task "sass" not found. Use --force to continue.'
    assert rule == "grunt-task-not-found"


def test_grunt_mocha_task_failure_is_the_first_failing_test_not_grunts_warning() -> None:
    log = step_log(
        "npm test",
        'Running "mochaTest:test" (mochaTest) task',
        "  calc",
        "ERROR [cache] miss for key add:1:2 (expected on a cold cache)",
        "    ✓ adds small numbers",
        "    1) adds negative numbers",
        "  1 passing (7ms)",
        "  1 failing",
        "",
        "  1) calc",
        "       adds negative numbers:",
        "",
        "      AssertionError [ERR_ASSERTION]: -4 == -5",
        "    at Context.<anonymous> (test/calc.test.js:10:12)",
        "",
        'Warning: Task "mochaTest:test" failed. Use --force to continue.',
        "",
        "Aborted due to warnings.",
        "npm ERR! Test failed.  See above for more details.",
    )
    category, culprit, _ = verdict(log)
    assert category is Category.TEST
    assert culprit is not None and "adds negative numbers" in culprit


def test_gulp_plugin_error_is_the_build_failure_not_the_task_errored_lines() -> None:
    log = step_log(
        "gulp build --no-color",
        "[05:56:47] Using gulpfile ~/gulpfile.js",
        "[05:56:47] Starting 'build'...",
        "[05:56:47] Finished 'copy' after 34 ms",
        "[05:56:47] 'scripts' errored after 116 ms",
        '[05:56:47] \x1b[31mSyntaxError\x1b[39m in plugin "\x1b[36mgulp-babel\x1b[39m"',
        "Message:",
        "    /home/runner/work/acme/acme/src/index.js: Unexpected token (5:24)",
        "[05:56:47] 'build' errored after 153 ms",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.BUILD
    assert culprit == '[05:56:47] SyntaxError in plugin "gulp-babel"'
    assert rule == "gulp-plugin-error"


def test_jshint_default_reporter_first_finding_not_the_count() -> None:
    log = step_log(
        "npm run lint",
        "> jshint src/",
        "",
        "src/calc.js: line 4, col 15, Missing semicolon.",
        "",
        "src/util.js: line 2, col 34, Missing semicolon.",
        "",
        "2 errors",
        "npm ERR! code ELIFECYCLE",
        "npm ERR! errno 2",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.LINT
    assert culprit == "src/calc.js: line 4, col 15, Missing semicolon."
    assert rule == "jshint-finding"


def test_jscs_first_finding_above_its_code_frame() -> None:
    log = step_log(
        "jscs --preset=airbnb src/",
        "(node:32209) Warning: Accessing non-existent property 'padLevels' of module exports inside circular "
        "dependency",
        "requireSemicolons: Missing semicolon after statement at src/calc.js :",
        "     3 |function add(a, b) {",
        "     4 |  return a + b",
        "---------------------^",
        "",
        "requirePaddingNewLinesAfterBlocks: Missing newline after block at src/good.js :",
        "     3 |}",
        "---------^",
        "",
        "2 code style errors found.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.LINT
    assert culprit == "requireSemicolons: Missing semicolon after statement at src/calc.js :"
    assert rule == "jscs-finding"


def test_coffeelint_first_error_not_the_summary_nor_elm_tests_mark() -> None:
    log = step_log(
        "coffeelint src/",
        "  ✓ src/app.coffee",
        "  ✗ src/util.coffee",
        "     ✗ #2: Line exceeds maximum allowed length. Length is 99, max is 80.",
        "     ✗ #4: Line contains tab indentation.",
        "",
        "✗ Lint! » 2 errors and 0 warnings in 2 files",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.LINT
    assert culprit == "✗ #2: Line exceeds maximum allowed length. Length is 99, max is 80."
    assert rule == "coffeelint-error"


def test_flow_first_error_header_not_found_n_errors() -> None:
    log = step_log(
        "flow check",
        "Error -------------------------------------------------------------------------------- src/total.js:6:23",
        "",
        "Cannot assign `total(...)` to `label` because number [1] is incompatible with string [2].",
        "",
        "Error -------------------------------------------------------------------------------- src/total.js:7:31",
        "",
        "Cannot call `total` with array literal bound to `prices` because string [1] is incompatible with number [2].",
        "",
        "Found 2 errors",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.BUILD
    assert culprit is not None and culprit.endswith("src/total.js:6:23")
    assert rule == "flow-error"


def test_webpack1_bail_unresolved_file_is_a_build_failure() -> None:
    log = step_log(
        "webpack --bail",
        "ModuleNotFoundError: Module not found: Error: Cannot resolve 'file' or 'directory' ./format in "
        "/home/runner/work/acme/acme/src",
        "    at /home/runner/work/acme/acme/node_modules/webpack/lib/Compilation.js:229:38",
        "resolve file",
        "  /home/runner/work/acme/acme/src/format doesn't exist",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.BUILD
    assert culprit is not None and culprit.startswith("ModuleNotFoundError: Module not found: Error: Cannot resolve")
    assert rule == "webpack1-unresolved"


def test_a_plain_warning_line_is_still_boilerplate() -> None:
    # The boilerplate exception is grunt's `Warning: Task "`: other `Warning: ` lines stay out of the verdict.
    log = step_log(
        "make",
        "Warning: Task list is empty, nothing to do",
        "src/calc.js: line 4, col 15, Missing semicolon.",
    )
    _, culprit, _ = verdict(log)
    assert culprit == "src/calc.js: line 4, col 15, Missing semicolon."


def test_grunt_missing_plugin_is_the_culprit_not_the_missing_task_it_causes() -> None:
    log = step_log(
        "grunt --no-color build",
        '>> Local Npm module "grunt-contrib-uglify" not found. Is it installed?',
        'Warning: Task "uglify" not found. Use --force to continue.',
        "",
        "Aborted due to warnings.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.DEPENDENCY
    assert culprit == '>> Local Npm module "grunt-contrib-uglify" not found. Is it installed?'
    assert rule == "grunt-npm-module-missing"


def test_jasmine_node_first_numbered_failure_not_its_message_header() -> None:
    log = step_log(
        "jasmine-node spec/",
        "ERROR ignored: cache warm-up skipped",
        ".FF",
        "",
        "Failures:",
        "",
        "  1) calc adds wrong",
        "   Message:",
        "     Expected 4 to equal 5.",
        "   Stacktrace:",
        "     Error: Expected 4 to equal 5.",
        "    at jasmine.Spec.<anonymous> (/home/runner/work/acme/acme/spec/calc.spec.js:9:28)",
        "",
        "  2) calc divides by zero",
        "   Message:",
        "     Error: division by zero",
        "   Stacktrace:",
        "     Error: division by zero",
        "",
        "Finished in 0.008 seconds",
        "3 tests, 3 assertions, 2 failures, 0 skipped",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.TEST
    assert culprit == "1) calc adds wrong"
    assert rule == "jasmine-node-failure"


def test_karma_without_a_browser_binary_is_a_missing_dependency() -> None:
    log = step_log(
        "karma start karma.conf.js",
        "30 11 2026 06:04:42.740:INFO [karma-server]: Karma v4.4.1 server started at http://0.0.0.0:9876/",
        "30 11 2026 06:04:42.750:INFO [launcher]: Starting browser ChromeHeadless",
        "\x1b[91m30 11 2026 06:04:42.751:ERROR [launcher]: "
        "\x1b[39mNo binary for ChromeHeadless browser on your platform.",
        '  Please, set "CHROME_BIN" env variable.',
    )
    category, culprit, rule = verdict(log)
    assert category is Category.DEPENDENCY
    assert culprit is not None and culprit.endswith("No binary for ChromeHeadless browser on your platform.")
    assert rule == "karma-no-browser-binary"


def test_yarn_with_its_registry_refusing_connections_is_infrastructure() -> None:
    log = step_log(
        "yarn install --non-interactive",
        "yarn install v1.22.22",
        "info No lockfile found.",
        "[1/4] Resolving packages...",
        "error Error: connect ECONNREFUSED 127.0.0.1:9",
        "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)",
        "info Visit https://packages.example.com/en/docs/cli/install for documentation about this command.",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.INFRASTRUCTURE
    assert culprit == "error Error: connect ECONNREFUSED 127.0.0.1:9"
    assert rule == "yarn-registry-unreachable"


def test_browserify_relative_require_is_a_build_failure_a_package_stays_a_dependency() -> None:
    relative = step_log(
        "browserify src/index.js -o dist/bundle.js",
        "Error: Can't walk dependency graph: Cannot find module './format' from '/home/runner/work/acme/acme/src'",
        "    required by /home/runner/work/acme/acme/src/index.js",
        "    at /home/runner/work/acme/acme/node_modules/resolve/lib/async.js:55:21",
    )
    category, culprit, rule = verdict(relative)
    assert category is Category.BUILD
    assert culprit is not None and "Cannot find module './format'" in culprit
    assert rule == "browserify-unresolved-relative"
    package = relative.replace("'./format'", "'lodash'")
    assert verdict(package)[0] is Category.DEPENDENCY


def test_bower_registry_refusing_connections_under_npm_postinstall_is_infrastructure() -> None:
    log = step_log(
        "npm install --no-audit --unsafe-perm",
        "> acme@1.0.0 postinstall /home/runner/work/acme/acme",
        "> bower install --allow-root",
        "",
        "bower angular#~1.5.8      ECONNREFUSED Request to http://127.0.0.1:9/packages/angular failed: connect "
        "ECONNREFUSED 127.0.0.1:9",
        "npm ERR! code ELIFECYCLE",
        "npm ERR! errno 1",
        "npm ERR! acme@1.0.0 postinstall: `bower install --allow-root`",
        "npm WARN Local package.json exists, but node_modules missing, did you mean to install?",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.INFRASTRUCTURE
    assert culprit is not None and culprit.startswith("bower angular#~1.5.8")
    assert rule == "bower-registry-unreachable"


def test_bower_unknown_package_is_a_dependency_failure() -> None:
    log = step_log(
        "bower install",
        "bower jquery#~2.1.4            cached https://github.com/jquery/jquery-dist.git#2.1.4",
        "bower jquery-foo#*              ENOTFOUND Package jquery-foo not found",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.DEPENDENCY
    assert culprit == "bower jquery-foo#*              ENOTFOUND Package jquery-foo not found"
    assert rule == "bower-package-unresolved"


def test_npm6_engine_strict_is_the_unsupported_engine_line_not_npms_actual_versions() -> None:
    log = step_log(
        "npm install --no-audit",
        "npm ERR! code ENOTSUP",
        'npm ERR! notsup Unsupported engine for acme@1.0.0: wanted: {"node":"^8.9.0","npm":"^5.6.0"} (current: '
        '{"node":"20.20.2","npm":"6.14.18"})',
        "npm ERR! notsup Not compatible with your version of node/npm: acme@1.0.0",
        'npm ERR! notsup Required: {"node":"^8.9.0","npm":"^5.6.0"}',
        'npm ERR! notsup Actual:   {"npm":"6.14.18","node":"20.20.2"}',
        "",
        "npm ERR! A complete log of this run can be found in:",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.CONFIG
    assert culprit is not None and culprit.startswith("npm ERR! notsup Unsupported engine for acme@1.0.0")
    assert rule == "npm6-unsupported-engine"
