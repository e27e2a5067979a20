# ruff: noqa: E501  (real tool output lines, kept whole)
"""Ruby and PHP rules on job logs built from real tool output: what `rake aborted!` says under it, Bundler's
network failure, test-unit, cucumber, simplecov, RuboCop's configuration, jekyll, rspec's hooks, PHPUnit's errors
outside a test, phpcs's emacs report and Composer's exception box.

Every output below was printed by the tool itself on the development machine, shortened
(bench/toolchain/ruby_php_cases.py generates it: Debian bookworm's rake 13.0.6, Bundler 2.3.15, test-unit 3.5.7,
cucumber 2.4.0, simplecov 0.22.0, RuboCop 1.39.0, jekyll 4.3.1, RSpec 3.12, PHPUnit 9.6.7, phpcs 3.7.1, Composer
2.5.5). Each test asserts the category and that the culprit is the line that says what broke, not the runner's
count, a later failure or the wrapper's last words.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

TRAVIS_STAMPLESS = "travis_time:end:0a1b2c3d:start=1500000000000000000,finish=1500000001000000000,duration=1000000000"


def travis_log(command: str, *output: str) -> str:
    """A Travis CI job log: the command echoed with `$ `, its output, Travis's own exit line and closing line."""
    return "\n".join(
        [
            "Using worker: worker-linux-docker-0a1b2c3d.prod.travis-ci.org:travis-linux-7",
            f"$ {command}",
            *output,
            TRAVIS_STAMPLESS,
            "",
            f'The command "{command}" exited with 1.',
            "",
            "Done. Your build exited with 1.",
        ]
    )


def test_rake_reports_the_missing_rakefile_not_rake_aborted() -> None:
    # Given rake run where there is no Rakefile
    log = step_log(
        "rake test",
        "rake aborted!",
        "No Rakefile found (looking for: rakefile, Rakefile, rakefile.rb, Rakefile.rb)",
        "",
        "(See full trace by running task with --trace)",
    )
    # Then the line under `rake aborted!` is the culprit, as a configuration failure
    assert verdict(log) == (
        Category.CONFIG,
        "No Rakefile found (looking for: rakefile, Rakefile, rakefile.rb, Rakefile.rb)",
        "rake-no-rakefile",
    )


def test_rake_unknown_task_in_a_travis_log() -> None:
    # Given a Travis job running `bundle exec rake spec` with a Rakefile that defines only `test`
    log = travis_log(
        "bundle exec rake spec",
        "rake aborted!",
        "Don't know how to build task 'spec' (See the list of available tasks with `rake --tasks`)",
        "",
        "(See full trace by running task with --trace)",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit.strip() if culprit else None, rule) == (
        Category.CONFIG,
        "Don't know how to build task 'spec' (See the list of available tasks with `rake --tasks`)",
        "rake-unknown-task",
    )


def test_a_tasks_own_exception_under_rake_aborted_is_the_culprit() -> None:
    # Given a task that raises a RuntimeError after printing a warning
    log = step_log(
        "rake release:check",
        "version 1.2.0",
        "WARNING: the CHANGELOG has no date for 1.2.0",
        "rake aborted!",
        "version mismatch: gemspec says 1.2.0, CHANGELOG says 1.1.9",
        "/home/runner/work/acme/acme/Rakefile:9:in `block (2 levels) in <top (required)>'",
        "Tasks: TOP => release:check",
        "(See full trace by running task with --trace)",
    )
    assert verdict(log) == (
        Category.BUILD,
        "version mismatch: gemspec says 1.2.0, CHANGELOG says 1.1.9",
        "rake-aborted",
    )


def test_minitest_failure_outranks_rakes_command_failed_below_it() -> None:
    # Given minitest under rake's test task: two failures, then rake's own `Command failed with status (1)`
    log = step_log(
        "rake test",
        "/home/runner/work/acme/acme/lib/calc.rb:16: warning: method redefined; discarding old add",
        "Run options: --seed=4242",
        "",
        "FFE, [2026-11-30T05:13:01.001789 #21000] ERROR -- : ERROR -- row 7 rejected: missing amount",
        ".",
        "",
        "  1) Failure:",
        "CalcTest#test_mul_zero [/home/runner/work/acme/acme/test/calc_test.rb:10]:",
        "Expected: 1",
        "  Actual: 0",
        "",
        "  2) Failure:",
        "CalcTest#test_mul [/home/runner/work/acme/acme/test/calc_test.rb:6]:",
        "Expected: 7",
        "  Actual: 6",
        "",
        "3 runs, 3 assertions, 2 failures, 0 errors, 0 skips",
        "rake aborted!",
        "Command failed with status (1)",
        "",
        "Tasks: TOP => test",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (
        Category.TEST,
        "CalcTest#test_mul_zero [/home/runner/work/acme/acme/test/calc_test.rb:10]:",
    )


def test_rakes_sh_failure_is_the_culprit_when_the_command_said_nothing() -> None:
    log = step_log(
        "rake package",
        "mkdir -p pkg",
        "test -f pkg/calc-1.0.0.gem",
        "rake aborted!",
        "Command failed with status (1): [test -f pkg/calc-1.0.0.gem...]",
        "/home/runner/work/acme/acme/Rakefile:7:in `block in <top (required)>'",
        "Tasks: TOP => package => build",
    )
    category, culprit, _ = verdict(log)
    assert (category, culprit) == (Category.BUILD, "Command failed with status (1): [test -f pkg/calc-1.0.0.gem...]")


def test_bundler_offline_is_a_network_failure() -> None:
    log = step_log(
        "bundle install --jobs=3 --retry=1",
        "Could not reach host packages.example.com. Check your network connection and try",
        "again.",
    )
    assert verdict(log) == (
        Category.INFRASTRUCTURE,
        "Could not reach host packages.example.com. Check your network connection and try",
        "bundler-network-down",
    )


def test_test_unit_first_fault_not_the_last_error() -> None:
    # Given test-unit's report: a failure, then an error (its `Error:` line would read as a generic error line)
    log = step_log(
        "ruby test/test_calc.rb",
        "Loaded suite test/test_calc",
        "Started",
        ".F",
        "=" * 79,
        "Failure: test_add_wrong(TestCalc)",
        "test/test_calc.rb:10:in `test_add_wrong'",
        '  => 10:     assert_equal(5, Calc.add(2, 2), "two and two")',
        "two and two",
        "<5> expected but was",
        "<4>",
        "=" * 79,
        "E",
        "=" * 79,
        "Error: test_div(TestCalc): ZeroDivisionError: divided by 0",
        "/home/runner/work/acme/acme/lib/calc.rb:7:in `/'",
        "=" * 79,
        "",
        "Finished in 0.014755388 seconds.",
        "3 tests, 2 assertions, 1 failures, 1 errors, 0 pendings, 0 omissions, 0 notifications",
        "33.3333% passed",
    )
    assert verdict(log) == (Category.TEST, "Failure: test_add_wrong(TestCalc)", "test-unit-fault")


def test_cucumber_first_failing_scenario_not_its_summary() -> None:
    log = step_log(
        "cucumber --format progress",
        ".....F.U-..F",
        "",
        "(::) failed steps (::)",
        "",
        "expected 5, got 4 (RuntimeError)",
        "./features/step_definitions/calc_steps.rb:5:in `/^the result is (\\d+)$/'",
        "features/calc.feature:10:in `Then the result is 5'",
        "",
        "expected 7, got 6 (RuntimeError)",
        "",
        "Failing Scenarios:",
        "cucumber features/calc.feature:7 # Scenario: adding wrong",
        "cucumber features/calc.feature:17 # Scenario: adding again wrong",
        "",
        "4 scenarios (2 failed, 1 undefined, 1 passed)",
        "12 steps (2 failed, 1 skipped, 1 undefined, 8 passed)",
    )
    assert verdict(log) == (
        Category.TEST,
        "cucumber features/calc.feature:7 # Scenario: adding wrong",
        "cucumber-failing-scenario",
    )


def test_cucumber_strict_undefined_step() -> None:
    log = step_log(
        "cucumber --strict",
        "  Scenario: multiplying       # features/mul.feature:2",
        "    Given the numbers 2 and 3 # features/step_definitions/calc_steps.rb:3",
        "    When I multiply them      # features/mul.feature:4",
        '      Undefined step: "I multiply them" (Cucumber::Undefined)',
        "      features/mul.feature:4:in `When I multiply them'",
        "",
        "1 scenario (1 undefined)",
        "3 steps (1 skipped, 1 undefined, 1 passed)",
        "When(/^I multiply them$/) do",
        "  pending # Write code here that turns the phrase above into concrete actions",
        "end",
    )
    category, culprit, rule = verdict(log)
    assert (category, culprit.strip() if culprit else None, rule) == (
        Category.TEST,
        'Undefined step: "I multiply them" (Cucumber::Undefined)',
        "cucumber-undefined-step",
    )


def test_simplecov_minimum_coverage_not_its_exit_line() -> None:
    log = step_log(
        "bundle exec rspec",
        ".",
        "1 example, 0 failures",
        "Coverage report generated for RSpec to /home/runner/work/acme/acme/coverage. 5 / 7 LOC (71.43%) covered.",
        "Line coverage (71.42%) is below the expected minimum coverage (90.00%).",
        "SimpleCov failed with exit 2 due to a coverage related error",
    )
    assert verdict(log) == (
        Category.TEST,
        "Line coverage (71.42%) is below the expected minimum coverage (90.00%).",
        "simplecov-minimum-coverage",
    )


def test_rubocop_unknown_cop_is_configuration() -> None:
    log = step_log(
        "rubocop lib",
        "Error: unrecognized cop or department Style/Documentaton found in .rubocop.yml",
        "Did you mean `Style/Documentation`?",
    )
    assert verdict(log)[0::2] == (Category.CONFIG, "rubocop-config-error")


def test_jekyll_liquid_exception_outranks_the_backtrace_below() -> None:
    log = step_log(
        "jekyll build",
        "      Generating... ",
        "  Liquid Exception: Liquid syntax error (line 2): 'if' tag was never closed in /home/runner/work/acme/acme/_posts/2020-01-01-hello.md",
        "/usr/share/rubygems-integration/all/gems/liquid-5.4.0/lib/liquid/block.rb:52:in `raise_tag_never_closed': Liquid syntax error (line 2): 'if' tag was never closed (Liquid::SyntaxError)",
        "\tfrom /usr/share/rubygems-integration/all/gems/liquid-5.4.0/lib/liquid/block.rb:81:in `block in parse_body'",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.BUILD, "jekyll-liquid-exception")
    assert culprit is not None and culprit.strip().startswith("Liquid Exception: Liquid syntax error")


def test_a_yaml_file_ruby_cannot_parse_is_configuration() -> None:
    log = step_log(
        "jekyll build",
        "/usr/lib/ruby/3.1.0/psych.rb:455:in `parse': (<unknown>): did not find expected ',' or ']' while parsing a flow sequence at line 2 column 10 (Psych::SyntaxError)",
        "\tfrom /usr/lib/ruby/3.1.0/psych.rb:455:in `parse_stream'",
    )
    assert verdict(log)[0::2] == (Category.CONFIG, "ruby-yaml-syntax-error")


def test_rspec_before_suite_hook_error() -> None:
    log = step_log(
        "bundle exec rspec",
        "",
        "An error occurred in a `before(:suite)` hook.",
        'Failure/Error: raise IOError, "could not open fixture database spec/fixtures/test.sqlite3"',
        "",
        "IOError:",
        "  could not open fixture database spec/fixtures/test.sqlite3",
        "# ./spec/spec_helper.rb:3:in `block (2 levels) in <top (required)>'",
        "",
        "Finished in 0.00155 seconds (files took 0.11 seconds to load)",
        "0 examples, 0 failures, 1 error occurred outside of examples",
    )
    assert verdict(log) == (Category.TEST, "An error occurred in a `before(:suite)` hook.", "rspec-hook-error")


def test_phpunit_error_outside_a_test_is_listed_first() -> None:
    # Given PHPUnit 9: a data provider that does not exist (an error named `Error`), then two failures
    log = step_log(
        "vendor/bin/phpunit",
        "ERFF                                                                4 / 4 (100%)",
        "",
        "There was 1 error:",
        "",
        "1) Error",
        "The data provider specified for CalcTest::testFromProvider is invalid.",
        "PHPUnit\\Util\\Exception: Method CalcTest::missingProvider() does not exist",
        "",
        "--",
        "",
        "There were 2 failures:",
        "",
        "1) CalcTest::testMul",
        "Failed asserting that 6 is identical to 7.",
        "",
        "ERRORS!",
        "Tests: 4, Assertions: 2, Errors: 1, Failures: 2, Risky: 1.",
    )
    assert verdict(log) == (Category.TEST, "1) Error", "phpunit-failed-test")


def test_phpcs_emacs_report_first_finding() -> None:
    log = step_log(
        "phpcs --report=emacs src",
        "/home/runner/work/acme/acme/src/Bad.php:2:1: error - There must be one blank line after the namespace declaration",
        "/home/runner/work/acme/acme/src/Bad.php:3:1: error - Each class must be in a namespace of at least one level",
        "/home/runner/work/acme/acme/src/Bad.php:4:41: error - Closing brace must be on a line by itself",
    )
    assert verdict(log) == (
        Category.LINT,
        "/home/runner/work/acme/acme/src/Bad.php:2:1: error - There must be one blank line after the namespace declaration",
        "phpcs-emacs-finding",
    )


def test_composer_exception_box_reports_its_message() -> None:
    log = step_log(
        "composer validate --strict",
        "",
        "In VersionParser.php line 341:",
        "                                                                               ",
        '  Could not parse version constraint ~>1.0: Invalid operator "~>", you probab  ',
        '  ly meant to use the "~" operator                                             ',
        "                                                                               ",
        "",
        "validate [--no-check-all] [--check-lock] [--no-check-lock] [--strict] [--] [<file>]",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.DEPENDENCY, "composer-exception")
    assert culprit is not None and culprit.strip().startswith("Could not parse version constraint ~>1.0")


def test_composer_unreachable_repository_names_the_download_not_the_wrapped_dns_line() -> None:
    log = step_log(
        "composer install --no-progress",
        "Loading composer repositories with package information",
        "",
        "In RemoteFilesystem.php line 476:",
        "                                                                               ",
        '  The "https://packages.example.com/packages.json" file could not be download  ',
        "  ed: php_network_getaddresses: getaddrinfo for packages.example.com failed:   ",
        "  Name or service not known                                                    ",
        "",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.INFRASTRUCTURE, "composer-download-failed")
    assert culprit is not None and culprit.strip().startswith('The "https://packages.example.com/packages.json"')


def test_a_fatal_error_on_phpunits_progress_line() -> None:
    # Given PHP dying mid-run: its fatal error printed right after the finished test's dot
    log = step_log(
        "vendor/bin/phpunit",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        ".PHP Fatal error:  Cannot redeclare add() (previously declared in /home/runner/work/acme/acme/src/calc.php:3) in /home/runner/work/acme/acme/tests/helpers.php on line 3",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.BUILD, "php-fatal-error")
    assert culprit is not None and culprit.startswith(".PHP Fatal error:  Cannot redeclare add()")


def test_php_memory_limit_is_a_resource_failure() -> None:
    log = step_log(
        "vendor/bin/phpunit",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        ".PHP Fatal error:  Allowed memory size of 33554432 bytes exhausted (tried to allocate 2097152 bytes) in /home/runner/work/acme/acme/tests/CalcTest.php on line 16",
    )
    assert verdict(log)[0::2] == (Category.RESOURCE, "php-memory-exhausted")


def test_composers_autoloader_missing_is_a_dependency_failure_at_phps_first_word() -> None:
    # Given a console script requiring vendor/autoload.php that composer never installed: PHP warns, then dies
    log = step_log(
        "php bin/console cache:clear",
        "booting kernel",
        "PHP Warning:  require(/home/runner/work/acme/acme/bin/../vendor/autoload.php): Failed to open stream: No such file or directory in /home/runner/work/acme/acme/bin/console on line 4",
        "PHP Fatal error:  Uncaught Error: Failed opening required '/home/runner/work/acme/acme/bin/../vendor/autoload.php' (include_path='.:/usr/share/php') in /home/runner/work/acme/acme/bin/console:4",
        "Stack trace:",
        "#0 {main}",
        "  thrown in /home/runner/work/acme/acme/bin/console on line 4",
    )
    category, culprit, rule = verdict(log)
    assert (category, rule) == (Category.DEPENDENCY, "php-composer-autoloader-missing")
    assert culprit is not None and culprit.startswith("PHP Warning:  require(")


def test_phpunit_without_vendor() -> None:
    log = step_log(
        "vendor/bin/phpunit --bootstrap vendor/autoload.php tests",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        'Cannot open file "vendor/autoload.php".',
    )
    assert verdict(log) == (
        Category.DEPENDENCY,
        'Cannot open file "vendor/autoload.php".',
        "php-composer-autoloader-missing",
    )


def test_another_symfony_console_apps_exception_box_is_not_read_as_composers() -> None:
    # Given a Symfony application's console rendering a database driver's exception in the same box
    log = step_log(
        "php bin/console doctrine:schema:create",
        "",
        "In AbstractMySQLDriver.php line 93:",
        "                                                                               ",
        "  An exception occurred in driver: SQLSTATE[HY000] [2002] Connection refused  ",
        "                                                                               ",
    )
    assert verdict(log)[2] != "composer-exception"


PHPSTAN_TABLE = (
    " ------ ------------------------------------------------------------------- ",
    "  Line   src/Report.php                                                      ",
    " ------ ------------------------------------------------------------------- ",
    "  12     Call to an undefined method Acme\\Report::renderRows().              ",
    "  31     Method Acme\\Report::total() should return int but returns string.   ",
    " ------ ------------------------------------------------------------------- ",
    "",
    " ------ ------------------------------------------------ ",
    "  Line   src/Calc.php                                    ",
    " ------ ------------------------------------------------ ",
    "  8      Undefined variable: $b                          ",
    " ------ ------------------------------------------------ ",
    "",
    " [ERROR] Found 3 errors                                                         ",
)


def test_phpstan_table_first_row_not_its_count() -> None:
    # Given PHPStan's table (the shape of phpstan-src's TableErrorFormatterTest, cells padded as Symfony's table
    # pads them): two files' errors, then the count
    category, culprit, rule = verdict(step_log("vendor/bin/phpstan analyse --no-progress src", *PHPSTAN_TABLE))
    assert (category, rule) == (Category.LINT, "phpstan-table-error")
    assert culprit is not None and culprit.strip().startswith("12     Call to an undefined method Acme\\Report")


def test_phpstan_raw_first_error() -> None:
    log = step_log(
        "vendor/bin/phpstan analyse --error-format=raw src",
        "/home/runner/work/acme/acme/src/Report.php:12:Call to an undefined method Acme\\Report::renderRows().",
        "/home/runner/work/acme/acme/src/Calc.php:8:Undefined variable: $b",
    )
    assert verdict(log) == (
        Category.LINT,
        "/home/runner/work/acme/acme/src/Report.php:12:Call to an undefined method Acme\\Report::renderRows().",
        "phpstan-raw-error",
    )
