"""Rules for tools installed from Debian's archive, on job logs built from their real output.

Every output below was printed by the tool itself on the development machine (bench/toolchain/debian_cases.py
generates it; the versions are in bench/toolchain/logs/labels.json). Each test asserts the category and that the
culprit is the first specific failure, not the tool's count or a later finding (a culprit's text comes without
its indentation).
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import step_log, verdict


def test_go_test_reports_the_first_failing_test_not_the_last() -> None:
    # go 1.19: two failing tests, one logging 'error:' before its real message
    log = step_log(
        "go test ./...",
        "--- FAIL: TestAddWrong (0.00s)",
        "    calc_test.go:12: error: logged by a test, not a failure",
        "    calc_test.go:14: Add(2, 2) = 4, want 5",
        "--- FAIL: TestSub (0.00s)",
        "    calc_test.go:20: Add(3, -1) = 2, want 1",
        "FAIL",
        "FAIL\tacme/calc\t0.004s",
        "FAIL",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit, rule) == (Category.TEST, "--- FAIL: TestAddWrong (0.00s)", "go-test-failed")


def test_go_vet_findings_are_lint_and_the_first_is_the_culprit() -> None:
    # go 1.19 `go vet`: findings in the compiler's shape
    output = (
        "# acme/calc",
        "calc/report.go:6:9: fmt.Sprintf format %d has arg name of wrong type string",
        "calc/report.go:10:2: fmt.Printf format %s has arg n of wrong type int",
    )
    category, culprit, _ = verdict(step_log("go vet ./...", *output))
    assert category is Category.LINT
    assert culprit == output[1]
    # And the same shape from `go build` stays a build failure
    build = ("# acme/calc", "calc/calc.go:4:6: unused declared but not used")
    assert verdict(step_log("go build ./...", *build))[:2] == (Category.BUILD, build[1])


def test_php_lint_reports_the_parse_error_not_the_closing_line() -> None:
    # PHP 8.2 `php -l` over two files
    log = step_log(
        'for f in src/*.php; do php -l "$f" || exit 1; done',
        "No syntax errors detected in src/a_ok.php",
        'PHP Parse error:  syntax error, unexpected token ";", expecting "]" in src/b_broken.php on line 3',
        "Errors parsing src/b_broken.php",
    )
    category, culprit, rule = verdict(log)
    assert category is Category.BUILD and rule == "php-parse-error"
    assert culprit is not None and culprit.startswith("PHP Parse error:  syntax error")


def test_phpcs_reports_the_first_finding_below_the_files_count() -> None:
    # PHP_CodeSniffer 3.7.1, PSR-12
    log = step_log(
        "phpcs --standard=PSR12 --no-colors src",
        "",
        "FILE: /home/runner/work/acme/acme/src/Bad.php",
        "-" * 70,
        "FOUND 8 ERRORS AFFECTING 4 LINES",
        "-" * 70,
        " 1 | ERROR | [x] Header blocks must be separated by a single blank",
        "   |       |     line",
        " 2 | ERROR | [x] Header blocks must be separated by a single blank",
        "   |       |     line",
        " 4 | ERROR | [x] Opening brace should be on a new line",
        "-" * 70,
        "PHPCBF CAN FIX THE 8 MARKED SNIFF VIOLATIONS AUTOMATICALLY",
        "-" * 70,
        "",
        "Time: 210ms; Memory: 6MB",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (Category.LINT, "1 | ERROR | [x] Header blocks must be separated by a single blank")


def test_phpunit_testdox_reports_the_first_failed_test_not_the_summarys_copy() -> None:
    # PHPUnit 9.6.7 --testdox: the failures, then the same again under "Summary of non-successful tests"
    failure = (
        " ✘ Add wrong",
        "   │",
        "   │ Failed asserting that 4 is identical to 5.",
        "   │",
        "   │ /home/runner/work/acme/acme/tests/CalcTest.php:20",
        "   │",
        "",
        " ✘ Div",
        "   │",
        "   │ Failed asserting that 3 is identical to 0.",
        "   │",
        "   │ /home/runner/work/acme/acme/tests/CalcTest.php:25",
        "   │",
        "",
    )
    log = step_log(
        "phpunit --bootstrap src/calc.php --testdox tests",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        "error: expected output",
        "Calc",
        " ✔ Warns",
        " ✔ Add",
        *failure,
        "Time: 00:00.025, Memory: 6.00 MB",
        "",
        "Summary of non-successful tests:",
        "",
        "Calc",
        *failure,
        "FAILURES!",
        "Tests: 4, Assertions: 4, Failures: 2.",
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None and analysis.culprit.text == "✘ Add wrong"
    listing = next(number for number, line in enumerate(log.splitlines(), 1) if line.endswith(" ✘ Add wrong"))
    assert analysis.culprit.line == listing  # the listing's, not the summary's copy


def test_shellcheck_gcc_format_is_lint_and_its_first_finding_wins() -> None:
    # shellcheck 0.9.0 -f gcc: a note first, then an `error:` that reads like a C compiler's
    output = (
        "scripts/deploy.sh:3:4: note: Double quote to prevent globbing and word splitting. [SC2086]",
        "scripts/deploy.sh:4:10: error: Iterating over ls output is fragile. Use globs. [SC2045]",
        "scripts/deploy.sh:4:15: note: Use ./*glob* or -- *glob* so names with dashes won't become options. [SC2035]",
    )
    category, culprit, rule = verdict(step_log("shellcheck -f gcc scripts/*.sh", *output))
    assert (category, culprit, rule) == (Category.LINT, output[0], "shellcheck-gcc-finding")


def test_hlint_reports_its_first_idea_not_its_count() -> None:
    # HLint 3.3.6: three ideas, then the count
    output = (
        "src/Calc.hs:4:1-31: Warning: Eta reduce",
        "Found:",
        "  twice xs = map (\\ x -> x * 2) xs",
        "Perhaps:",
        "  twice = map (\\ x -> x * 2)",
        "",
        "src/Calc.hs:7:35-43: Suggestion: Redundant bracket",
        "Found:",
        "  if null xs then 0 else (head xs)",
        "Perhaps:",
        "  if null xs then 0 else head xs",
        "",
        "3 hints",
    )
    category, culprit, rule = verdict(step_log("hlint src", *output))
    assert (category, culprit, rule) == (Category.LINT, output[0], "hlint-idea")


def test_hspec_reports_the_first_failures_location() -> None:
    # hspec 2.8.5: two failing examples; each failure's location sits above its numbered line
    log = step_log(
        "runghc test/Spec.hs",
        "",
        "Calc",
        "  adds",
        "  adds wrong FAILED [1]",
        "  adds again wrong FAILED [2]",
        "",
        "Failures:",
        "",
        "  test/Spec.hs:9:29: ",
        "  1) Calc adds wrong",
        "       expected: 5",
        "        but got: 4",
        "",
        '  To rerun use: --match "/Calc/adds wrong/"',
        "",
        "  test/Spec.hs:10:35: ",
        "  2) Calc adds again wrong",
        "       expected: 7",
        "        but got: 6",
        "",
        '  To rerun use: --match "/Calc/adds again wrong/"',
        "",
        "Randomized with seed 1382993247",
        "",
        "Finished in 0.0040 seconds",
        "3 examples, 2 failures",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (Category.TEST, "test/Spec.hs:9:29:")


def test_rebar3_eunit_reports_the_first_failed_test() -> None:
    # rebar3 3.19.0 on OTP 25: eunit_progress's coloured failure list
    log = step_log(
        "rebar3 eunit",
        "===> Performing EUnit tests...",
        "\x1b[0;32m.\x1b[0m\x1b[0;31mF\x1b[0m\x1b[0;31mF\x1b[0m",
        "Failures:",
        "",
        "  1) calc:add_wrong_test/0",
        "\x1b[0;31m     Failure/Error: ?assertEqual(5, add ( 2 , 2 ))",
        "       expected: 5",
        "            got: 4\x1b[0m",
        "  2) calc:add_again_test/0",
        "\x1b[0;31m     Failure/Error: ?assertEqual(7, add ( 3 , 3 ))",
        "       expected: 7",
        "            got: 6\x1b[0m",
        "",
        "Finished in 0.051 seconds",
        "\x1b[0;31m3 tests, 2 failures",
        "\x1b[0m===> Error running tests",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit, rule) == (Category.TEST, "1) calc:add_wrong_test/0", "rebar3-eunit-failure")


def test_shfmt_diff_names_the_first_unformatted_file() -> None:
    # shfmt 3.6.0 -d
    output = (
        "--- scripts/deploy.sh.orig",
        "+++ scripts/deploy.sh",
        "@@ -1,5 +1,5 @@",
        " #!/bin/bash",
        ' if [ -n "$1" ]; then',
        '-        echo "$1"',
        '+\techo "$1"',
        " fi",
    )
    category, culprit, _ = verdict(step_log("shfmt -d scripts", *output))
    assert (category, culprit) == (Category.LINT, output[0])


def test_rubocop_simple_format_reports_the_first_offense_not_the_summary() -> None:
    # RuboCop 1.39.0 --format simple
    output = (
        "== lib/report.rb ==",
        "C:  5: 14: Naming/MethodParameterName: Method parameter must be at least 3 characters long.",
        "W:  6:  5: Lint/UselessAssignment: Useless assignment to variable - unused.",
        "C:  7:  5: [Correctable] Style/RedundantReturn: Redundant return detected.",
        "",
        "2 files inspected, 4 offenses detected, 2 offenses autocorrectable",
    )
    category, culprit, rule = verdict(step_log("rubocop --format simple lib", *output))
    assert (category, culprit, rule) == (Category.LINT, output[1], "rubocop-simple-offense")


def test_a_ruby_syntax_error_is_a_build_failure() -> None:
    # Ruby 3.1.2 `ruby -wc` over two files
    output = ("Syntax OK", "lib/b_broken.rb:3: syntax error, unexpected `end', expecting ')'")
    category, culprit, rule = verdict(step_log('for f in lib/*.rb; do ruby -wc "$f" || exit 1; done', *output))
    assert (category, culprit, rule) == (Category.BUILD, output[1], "ruby-syntax-error")


def test_lintr_reports_its_first_lint() -> None:
    # lintr 3.0.2 (outside GitHub's annotation mode): three lints, each with its source line and caret
    output = (
        "calc.R:1:1: style: [object_name_linter] Variable and function name style should be snake_case or symbols.",
        "addNumbers <- function(a,b) {",
        "^~~~~~~~~~",
        "calc.R:1:26: style: [commas_linter] Commas should always have a space after.",
        "addNumbers <- function(a,b) {",
        "                         ^",
        "calc.R:2:4: style: [infix_spaces_linter] Put spaces around all infix operators.",
        "  a+b",
        "   ^",
    )
    category, culprit, rule = verdict(step_log("Rscript -e 'print(lintr::lint_dir(\"R\"))'", *output))
    assert (category, culprit, rule) == (Category.LINT, output[0], "lintr-lint")


def test_an_ant_target_that_does_not_exist_is_a_configuration_failure() -> None:
    # Ant 1.10.13: the first target ran, the second is misspelt (Ant prints a trailing space)
    log = step_log(
        "ant compile tst",
        "Buildfile: /home/runner/work/acme/acme/build.xml",
        "",
        "compile:",
        "    [javac] Compiling 1 source file to /home/runner/work/acme/acme/build/classes",
        "",
        "BUILD FAILED",
        'Target "tst" does not exist in the project "acme". ',
        "",
        "Total time: 2 seconds",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (Category.CONFIG, 'Target "tst" does not exist in the project "acme".')


def test_a_fortran_error_stop_is_the_culprit_not_the_backtrace() -> None:
    # GNU Fortran 12.2.0's runtime
    log = step_log(
        "gfortran -o test_calc test/test_calc.f90 && ./test_calc",
        " test add: ok",
        "ERROR STOP add(2, 2) should be 5",
        "",
        "Error termination. Backtrace:",
        "#0  0x7ffb58a218c2 in ???",
        "#1  0x7ffb58a223b9 in ???",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit, rule) == (Category.TEST, "ERROR STOP add(2, 2) should be 5", "fortran-error-stop")
