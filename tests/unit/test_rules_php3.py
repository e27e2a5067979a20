"""PHP rules on job logs built from real tool output: Composer's validate report and failing scripts, phpcs's summary
report, PHPUnit's bootstrap errors, risky and warning defects, PHP's CLI missing its script.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/php3_cases.py
generates it: PHP 8.2, PHPUnit 9.6.7, Composer 2.5.5, PHP_CodeSniffer 3.7.1). Each test asserts the category and that
the culprit is the first specific failure, not the tool's count or a later finding.
"""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from tests.job_logs import culprit_text, job_log


def verdict(step: str, *output: str) -> tuple[Category, str, str | None]:
    log = job_log(step, list(output))
    analysis = analyze_log(log)
    return analysis.category, culprit_text(log), analysis.rule


def test_composer_validate_strict_reports_the_first_error_not_the_lock_file_line() -> None:
    # Given `composer validate --strict` with a publish error, lock file errors (which composer-resolve also reads)
    # and warnings
    category, culprit, rule = verdict(
        "composer validate --strict --no-interaction",
        "./composer.json is valid for simple usage with Composer but has",
        "strict errors that make it unable to be published as a package",
        "See https://example.com/doc/04-schema.md for details on the schema",
        "# Publish errors",
        "- description : The property description is required",
        "# Lock file errors",
        "- The lock file is not up to date with the latest changes in composer.json, it is recommended that you run"
        " `composer update` or `composer update <package name>`.",
        '- Required package "acme/report" is not present in the lock file.',
        "# General warnings",
        "- require.acme/report : unbound version constraints (*) should be avoided",
    )
    # Then it is a configuration failure and the culprit is the first error line
    assert (category, culprit, rule) == (
        Category.CONFIG,
        "- description : The property description is required",
        "composer-validate-invalid",
    )


def test_composer_validate_invalid_reports_the_first_general_error() -> None:
    category, culprit, _ = verdict(
        "composer validate",
        "./composer.json is invalid, the following errors/warnings were found:",
        "# General errors",
        "- require.acme/report : invalid version constraint (Could not parse version constraint ~>1.0)",
        "# General warnings",
        '- License "MIT-ish" is not a valid SPDX license identifier',
    )
    assert category is Category.CONFIG
    assert culprit == "- require.acme/report : invalid version constraint (Could not parse version constraint ~>1.0)"


def test_phpcs_summary_report_names_the_first_file_with_findings_not_the_total() -> None:
    category, culprit, rule = verdict(
        "phpcs --standard=PSR12 --report=summary src",
        "",
        "PHP CODE SNIFFER REPORT SUMMARY",
        "----------------------------------------------------------------------",
        "FILE                                                  ERRORS  WARNINGS",
        "----------------------------------------------------------------------",
        "/home/runner/work/acme/acme/src/ReportBuilder.php                6       0",
        "/home/runner/work/acme/acme/src/Tax.php                          1       0",
        "----------------------------------------------------------------------",
        "A TOTAL OF 7 ERRORS AND 0 WARNINGS WERE FOUND IN 2 FILES",
        "----------------------------------------------------------------------",
        "PHPCBF CAN FIX 5 OF THESE SNIFF VIOLATIONS AUTOMATICALLY",
        "----------------------------------------------------------------------",
        "",
        "Time: 116ms; Memory: 6MB",
    )
    assert (category, culprit, rule) == (
        Category.LINT,
        "/home/runner/work/acme/acme/src/ReportBuilder.php                6       0",
        "phpcs-summary-row",
    )


def test_phpunit_bootstrap_exception_is_reported_not_its_trace() -> None:
    category, culprit, rule = verdict(
        "phpunit --bootstrap tests/bootstrap.php tests",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        "Error in bootstrap script: RuntimeException:",
        "DATABASE_URL is not set: copy .env.dist to .env.test",
        "#0 /usr/share/php/PHPUnit/Util/FileLoader.php(66): include_once()",
        "#1 /usr/share/php/PHPUnit/Util/FileLoader.php(49): PHPUnit\\Util\\FileLoader::load()",
        "#6 /usr/bin/phpunit(82): PHPUnit\\TextUI\\Command::main()",
        "#7 {main}",
    )
    assert (category, culprit, rule) == (
        Category.TEST,
        "Error in bootstrap script: RuntimeException:",
        "phpunit-bootstrap-error",
    )


def test_composer_script_failure_points_at_the_script_error_above_it() -> None:
    # Given a post-autoload-dump script (Laravel's artisan) that is not in the checkout
    category, culprit, rule = verdict(
        "composer install --prefer-dist --no-interaction",
        "Installing dependencies from lock file (including require-dev)",
        "Nothing to install, update or remove",
        "Generating autoload files",
        "Class Illuminate\\Foundation\\ComposerScripts is not autoloadable, can not call post-autoload-dump script",
        "> @php artisan package:discover --ansi",
        "Could not open input file: artisan",
        "Script @php artisan package:discover --ansi handling the post-autoload-dump event returned with error code 1",
    )
    assert (category, culprit, rule) == (Category.BUILD, "Could not open input file: artisan", "php-cli-no-input-file")


def test_composer_script_failure_alone_is_reported() -> None:
    category, culprit, _ = verdict(
        "composer run-script post-install-cmd",
        "> @php bin/setup.php",
        "Script @php bin/setup.php handling the post-install-cmd event returned with error code 1",
    )
    assert category is Category.BUILD
    assert culprit == "Script @php bin/setup.php handling the post-install-cmd event returned with error code 1"


def test_phpunit_fail_on_risky_reports_the_risky_test_not_ok_but() -> None:
    category, culprit, _ = verdict(
        "phpunit --fail-on-risky tests",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        '..[2026-11-30 08:00:00] app.ERROR: line 3 rejected: missing amount {"invoice":17}',
        "RS                                                                4 / 4 (100%)",
        "",
        "Time: 00:00.014, Memory: 4.00 MB",
        "",
        "There was 1 risky test:",
        "",
        "1) Acme\\Tests\\InvoiceTest::testEmptyInvoice",
        "This test did not perform any assertions",
        "",
        "/home/runner/work/acme/acme/tests/InvoiceTest.php:21",
        "",
        "OK, but incomplete, skipped, or risky tests!",
        "Tests: 4, Assertions: 2, Skipped: 1, Risky: 1.",
    )
    assert (category, culprit) == (Category.TEST, "1) Acme\\Tests\\InvoiceTest::testEmptyInvoice")


def test_phpunit_xml_that_does_not_parse_is_a_configuration_failure() -> None:
    category, culprit, rule = verdict(
        "phpunit",
        'Could not load "/home/runner/work/acme/acme/phpunit.xml".',
        "",
        "Opening and ending tag mismatch: testsuite line 4 and testsuites",
        "",
        "Opening and ending tag mismatch: testsuites line 3 and phpunit",
        "",
        "Premature end of data in tag phpunit line 2",
        "",
    )
    assert (category, culprit, rule) == (
        Category.CONFIG,
        'Could not load "/home/runner/work/acme/acme/phpunit.xml".',
        "phpunit-config-unloadable",
    )


def test_phpunit_missing_test_directory_is_a_configuration_failure() -> None:
    category, culprit, _ = verdict(
        "phpunit",
        "PHPUnit 9.6.7 by Sebastian Bergmann and contributors.",
        "",
        'Test directory "/home/runner/work/acme/acme/test" not found',
    )
    assert (category, culprit) == (Category.CONFIG, 'Test directory "/home/runner/work/acme/acme/test" not found')
