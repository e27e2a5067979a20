# ruff: noqa: E501  (the tiny projects' files are written inline, one string each)
"""Toolchain development set: PHP builds beyond the basics (``php3-``).

Beside debian_cases.py's and ruby_php_cases.py's PHP shapes: PHPUnit 9 with namespaced tests, ``--- Expected`` /
``+++ Actual`` diffs, an error, a warning and a risky test in one run, ``--fail-on-warning`` and ``--fail-on-risky``
(``WARNINGS!``, ``OK, but incomplete, skipped, or risky tests!``), a bootstrap that throws and one whose class does
not compile; PHP's ``PHP Deprecated:`` lines as noise; ``php -l`` over a tree with two parse errors; Composer 2's
platform requirements (``your php version (8.2.x) does not satisfy that requirement``), a dependency chain that
cannot be resolved, ``composer validate --strict``'s publish and lock errors, a ``post-autoload-dump`` script
(``@php artisan package:discover``) that fails; phpcs's summary report; phpcs exhausting PHP's memory_limit. A second
round (``second_round()``): a dependency requiring PHP ^7.4, Composer out of memory while resolving, a phpunit.xml that
is not well-formed, a missing test directory, a data provider's failing data sets after PHP warnings.

Debian bookworm's PHP 8.2, PHPUnit 9.6.7, Composer 2.5.5 and PHP_CodeSniffer 3.7.1; no Packagist access (Composer
runs against ``path`` repositories or none). ``make_logs.py`` wraps them as GitHub Actions logs; ``python3
bench/toolchain/php3_cases.py`` wraps some again as Travis CI ``language: php`` job logs (``php3-travis-...``):
``phpenv global``, ``composer install --prefer-dist --no-interaction`` in the install phase (a Composer failure stops
the build there), ``The command "vendor/bin/phpunit" exited with 1.``. Labels follow bench/validation/README.md's
conventions, found from what each case knows (the first listed defect's test, the first problem's requirement,
the file of the first error), never by running the analyzer.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from make_logs import Case, first_of, section

PHP = "shivammathur/setup-php@v2"
# Composer 2 turns its errors into GitHub Actions `::error` commands when GITHUB_ACTIONS is set; Travis-era builds
# printed them plainly (ruby_php_cases.py does the same).
COMPOSER_ENV = {"COMPOSER_ALLOW_SUPERUSER": "1", "COMPOSER_NO_INTERACTION": "1", "GITHUB_ACTIONS": ""}

INVOICE = """<?php

namespace Acme;

final class Invoice
{
    public function __construct(private array $lines = [])
    {
    }

    public function total(): float
    {
        return array_sum(array_column($this->lines, 'amount'));
    }

    public function summary(?string $note = null): string
    {
        $width = strlen($note);

        return sprintf("Invoice\\nlines: %d\\ntotal: %.2f\\n", count($this->lines), $this->total()) . str_repeat('-', $width);
    }

    public function toArray(): array
    {
        return ['lines' => count($this->lines), 'total' => $this->total(), 'currency' => 'EUR'];
    }
}
"""
BOOTSTRAP = "<?php\n\nrequire __DIR__ . '/../src/Invoice.php';\n"


def invoice_test(methods: str, name: str = "InvoiceTest") -> str:
    return f"<?php\n\nnamespace Acme\\Tests;\n\nuse Acme\\Invoice;\nuse PHPUnit\\Framework\\TestCase;\n\nfinal class {name} extends TestCase\n{{\n{methods}}}\n"


TOTAL = "    public function testTotal(): void\n    {\n        $this->assertSame(30.0, (new Invoice([['amount' => 10], ['amount' => 20]]))->total());\n    }\n\n"
LOGS = '    public function testLogsRejectedLine(): void\n    {\n        echo "[2026-11-30 08:00:00] app.ERROR: line 3 rejected: missing amount {\\"invoice\\":17}\\n";\n        $this->assertCount(0, (new Invoice())->toArray()[\'lines\'] ? [1] : []);\n    }\n\n'
SUMMARY = "    public function testSummary(): void\n    {\n        $invoice = new Invoice([['amount' => 10], ['amount' => 20]]);\n        $this->assertEquals(\"Invoice\\nlines: 2\\ntotal: 30.00 EUR\\n\", $invoice->summary());\n    }\n\n"
TO_ARRAY = "    public function testToArray(): void\n    {\n        $invoice = new Invoice([['amount' => 5]]);\n        $this->assertEquals(['lines' => 1, 'total' => 5, 'currency' => 'USD'], $invoice->toArray());\n    }\n\n"
DISCOUNT = "    public function testDiscount(): void\n    {\n        $invoice = new Invoice([['amount' => 5]]);\n        $this->assertSame(4.5, $invoice->discounted(0.1));\n    }\n\n"
NOTHING = "    public function testEmptyInvoice(): void\n    {\n        $invoice = new Invoice();\n        $invoice->total();\n    }\n\n"
LEGACY = "    public function testHasLines(): void\n    {\n        $this->assertObjectHasAttribute('lines', new Invoice());\n    }\n\n"
PHPUNIT = "php -d error_reporting=E_ALL /usr/bin/phpunit"


def phpunit_cases() -> list[Case]:
    return [
        Case(
            "php3-phpunit-diff",
            "phpunit",
            "php",
            "test",
            f"{PHPUNIT} --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(TOTAL + LOGS + SUMMARY + TO_ARRAY),
            },
            section(
                r"^1\) Acme\\Tests\\InvoiceTest::testSummary$",
                inside=[r"^Failed asserting that two strings are equal\.$", r"tests/InvoiceTest\.php:\d+$"],
            ),
            "phpunit: a PHP deprecation printed on the progress line, a logger's app.ERROR line, two failures with diffs",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php3-phpunit-mixed",
            "phpunit",
            "php",
            "test",
            f"{PHPUNIT} --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(TOTAL + SUMMARY + TO_ARRAY + DISCOUNT + NOTHING + LEGACY),
            },
            section(
                r"^1\) Acme\\Tests\\InvoiceTest::testDiscount$",
                inside=[
                    r"^Error: Call to undefined method Acme\\Invoice::discounted\(\)$",
                    r"tests/InvoiceTest\.php:\d+$",
                ],
            ),
            "phpunit: an error (listed first), a warning, two failures with diffs and a risky test; ERRORS! far below",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php3-phpunit-fail-on-warning",
            "phpunit",
            "php",
            "test",
            f"{PHPUNIT} --fail-on-warning --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(TOTAL + LOGS + LEGACY),
            },
            section(
                r"^1\) Acme\\Tests\\InvoiceTest::testHasLines$",
                inside=[r"^assertObjectHasAttribute\(\) is deprecated"],
            ),
            "phpunit --fail-on-warning: every assertion passes, a deprecated assertion's warning fails the run (WARNINGS!)",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php3-phpunit-fail-on-risky",
            "phpunit",
            "php",
            "test",
            f"{PHPUNIT} --fail-on-risky --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(
                    TOTAL
                    + LOGS
                    + NOTHING
                    + "    public function testPdf(): void\n    {\n        $this->markTestSkipped('ext-imagick is not installed');\n    }\n\n"
                ),
            },
            section(
                r"^1\) Acme\\Tests\\InvoiceTest::testEmptyInvoice$",
                inside=[r"^This test did not perform any assertions$"],
            ),
            "phpunit --fail-on-risky: a test without assertions; 'OK, but incomplete, skipped, or risky tests!' and exit 1",
            "phpunit --version",
            setup=PHP,
        ),
        Case(
            "php3-phpunit-bootstrap-fatal",
            "phpunit",
            "php",
            "build",
            f"{PHPUNIT} --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "src/Gateway.php": "<?php\n\nnamespace Acme;\n\ninterface Gateway\n{\n    public function charge(int $cents): bool;\n\n    public function refund(int $cents): bool;\n}\n",
                "src/FakeGateway.php": "<?php\n\nnamespace Acme;\n\nfinal class FakeGateway implements Gateway\n{\n    public function charge(int $cents): bool\n    {\n        return true;\n    }\n}\n",
                "tests/bootstrap.php": BOOTSTRAP
                + "require __DIR__ . '/../src/Gateway.php';\nrequire __DIR__ . '/../src/FakeGateway.php';\n",
                "tests/InvoiceTest.php": invoice_test(TOTAL),
            },
            first_of(r"^PHP Fatal error:  Class Acme\\FakeGateway contains 1 abstract method"),
            "phpunit's bootstrap loads a class that does not implement its interface: PHP's fatal error, no test runs",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
        Case(
            "php3-phpunit-bootstrap-exception",
            "phpunit",
            "php",
            "config",
            f"{PHPUNIT} --bootstrap tests/bootstrap.php tests",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP
                + "\nif (getenv('DATABASE_URL') === false) {\n    throw new RuntimeException('DATABASE_URL is not set: copy .env.dist to .env.test');\n}\n",
                "tests/InvoiceTest.php": invoice_test(TOTAL),
            },
            section(r"^Error in bootstrap script: RuntimeException:$", inside=[r"^DATABASE_URL is not set"]),
            "phpunit's bootstrap throws (an environment variable the tests need is not set): no test runs",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
    ]


def lint_cases() -> list[Case]:
    return [
        Case(
            "php3-php-lint-tree",
            "php",
            "php",
            "build",
            "for f in $(find src tests -name '*.php' | sort); do php -d error_reporting=E_ALL -l \"$f\" || status=1; done; exit ${status:-0}",
            {
                "src/Invoice.php": INVOICE,
                "src/Legacy/Export.php": "<?php\n\nfunction export($format = 'csv', array $rows)\n{\n    return count($rows);\n}\n",
                "src/Report.php": "<?php\n\nnamespace Acme;\n\nfinal class Report\n{\n    public function render(array $rows): string\n    {\n        $out = '';\n        foreach ($rows as $row) {\n            $out .= implode(',', $row)\n        }\n\n        return $out;\n    }\n}\n",
                "src/Tax.php": "<?php\n\nnamespace Acme;\n\nfunction tax(float $amount): float\n{\n    return match (true) {\n        $amount > 100 => $amount * 0.2,\n        default => $amount * 0.1\n    ;\n}\n",
                "tests/bootstrap.php": BOOTSTRAP,
            },
            section(
                r"^PHP Parse error:  syntax error, .* in src/Report\.php on line \d+$",
                anywhere=[r"^Errors parsing src/Report\.php$"],
            ),
            "php -l over the tree: a compile-time deprecation (PHP Deprecated:), two files that do not parse",
            "php --version",
            setup=PHP,
        ),
    ]


def path_package(name: str, version: str, require: str = "") -> str:
    extra = f', "require": {{{require}}}' if require else ""
    return f'{{"name": "{name}", "version": "{version}", "autoload": {{"psr-4": {{"Acme\\\\": "src"}}}}{extra}}}\n'


def composer_cases() -> list[Case]:
    return [
        Case(
            "php3-composer-platform",
            "composer",
            "php",
            "dependency",
            "composer install --prefer-dist --no-interaction --no-progress",
            {
                "composer.json": '{\n    "name": "acme/billing",\n    "type": "project",\n    "repositories": [{"packagist": false}],\n    "require": {\n        "php": "^7.4",\n        "ext-json": "*",\n        "ext-redis": "*"\n    }\n}\n',
            },
            section(
                r"^  Problem 1$",
                inside=[
                    r"^    - Root composer\.json requires php \^7\.4 but your php version \(8\.2\.\d+\) does not satisfy"
                ],
            ),
            "composer install: the project requires PHP ^7.4 (Problem 1) and a PHP extension the runner lacks (Problem 2)",
            "composer --version",
            alt_categories=["config"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php3-composer-chain",
            "composer",
            "php",
            "dependency",
            "composer update --prefer-dist --no-interaction --no-progress",
            {
                "composer.json": '{\n    "name": "acme/billing",\n    "type": "project",\n    "repositories": [{"type": "path", "url": "packages/*", "options": {"symlink": false}}, {"packagist": false}],\n    "require": {\n        "php": ">=8.1",\n        "acme/report": "^1.0",\n        "acme/vat": "^3.0"\n    }\n}\n',
                "packages/report/composer.json": path_package("acme/report", "1.2.0", '"acme/audit": "^2.0"'),
                "packages/audit/composer.json": path_package("acme/audit", "1.4.0"),
                "packages/vat/composer.json": path_package("acme/vat", "2.1.0"),
            },
            section(r"^  Problem 1$", inside=[r"^    - "], end=r"^  Problem 2$"),
            "composer update: a required version no repository has (Problem 1), then a dependency chain that cannot be resolved (Problem 2)",
            "composer --version",
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php3-composer-validate-strict",
            "composer",
            "php",
            "config",
            "composer validate --strict --no-interaction",
            {
                "composer.json": '{\n    "name": "acme/billing",\n    "type": "library",\n    "license": "MIT-ish",\n    "require": {"php": ">=8.1", "acme/report": "*", "acme/audit": "dev-main"},\n    "autoload": {"psr-4": {"Acme\\\\": "src"}}\n}\n',
                "composer.lock": '{\n    "_readme": ["This file locks the dependencies of your project to a known state"],\n    "content-hash": "0123456789abcdef0123456789abcdef",\n    "packages": [],\n    "packages-dev": [],\n    "aliases": [],\n    "minimum-stability": "stable",\n    "stability-flags": [],\n    "prefer-stable": false,\n    "prefer-lowest": false,\n    "platform": [],\n    "platform-dev": [],\n    "plugin-api-version": "2.3.0"\n}\n',
            },
            section(r"^# Publish errors$", inside=[r"^- description : The property description is required$"]),
            "composer validate --strict: a publish error, lock file errors and warnings (an SPDX license, an unbound constraint)",
            "composer --version",
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php3-composer-artisan",
            "composer",
            "php",
            "build",
            "composer install --prefer-dist --no-interaction --no-progress",
            {
                "composer.json": '{\n    "name": "acme/shop",\n    "type": "project",\n    "repositories": [{"packagist": false}],\n    "require": {"php": ">=8.1"},\n    "autoload": {"psr-4": {"App\\\\": "app/"}},\n    "scripts": {\n        "post-autoload-dump": [\n            "Illuminate\\\\Foundation\\\\ComposerScripts::postAutoloadDump",\n            "@php artisan package:discover --ansi"\n        ]\n    }\n}\n',
                "app/Kernel.php": "<?php\n\nnamespace App;\n\nfinal class Kernel\n{\n}\n",
            },
            first_of(
                r"^Could not open input file: artisan$",
                r"^Script @php artisan package:discover --ansi handling the post-autoload-dump event returned with error code 1$",
            ),
            "composer install: the post-autoload-dump script `@php artisan package:discover` fails (no artisan in the checkout)",
            "composer --version",
            alt_categories=["config", "dependency"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
    ]


PSR12_BAD = "<?php\nnamespace Acme;\n\nclass report_builder\n{\n    public function Build( $rows ) {\n        return count($rows) ;\n    }\n}\n"


def phpcs_cases() -> list[Case]:
    return [
        Case(
            "php3-phpcs-summary",
            "phpcs",
            "php",
            "lint",
            "phpcs --standard=PSR12 --no-colors --report=summary src",
            {
                "src/Money.php": "<?php\n\nnamespace Acme;\n\nfinal class Money\n{\n    public function __construct(public readonly int $cents)\n    {\n    }\n}\n",
                "src/ReportBuilder.php": PSR12_BAD,
                "src/Tax.php": "<?php\n\nnamespace Acme;\n\nfunction tax(float $amount): float\n{\n    return $amount * 0.2; \n}\n",
            },
            first_of(r"src/ReportBuilder\.php +\d+ +\d+"),
            "phpcs --report=summary: one row per file with findings, 'A TOTAL OF ... WERE FOUND IN 2 FILES' below",
            "phpcs --version",
            setup=PHP,
        ),
        Case(
            "php3-phpcs-memory",
            "phpcs",
            "php",
            "resource",
            "php -d memory_limit=40M /usr/bin/phpcs -p --standard=PSR12 --no-colors src",
            {
                "src/Invoice.php": INVOICE,
                "src/Data/Table.php": "<?php\n\nnamespace Acme\\Data;\n\nfinal class Table\n{\n    public const ROWS = [\n"
                + "".join(f"        ['id' => {i}, 'name' => 'row{i}', 'amount' => {i * 3}],\n" for i in range(60000))
                + "    ];\n}\n",
            },
            first_of(r"^PHP Fatal error:  Allowed memory size of \d+ bytes exhausted"),
            "phpcs under a 40M memory_limit on a large generated data file: PHP dies in phpcs's tokenizer",
            "phpcs --version",
            alt_categories=["lint"],
            setup=PHP,
        ),
    ]


def php3_cases() -> list[Case]:
    """Committed before the analyzer was run on them."""
    return phpunit_cases() + lint_cases() + composer_cases() + phpcs_cases() + second_round()


TAX = "<?php\n\nnamespace Acme;\n\nfinal class Tax\n{\n    public static function rate(string $kind): float\n    {\n        return match ($kind) {\n            'standard' => 0.2,\n            'reduced' => 0.05,\n            default => 0.0,\n        };\n    }\n\n    public static function of(float $amount, string $kind): float\n    {\n        return round($amount * self::rate($kind), 2);\n    }\n}\n"
TAX_TEST = """<?php

namespace Acme\\Tests;

use Acme\\Tax;
use PHPUnit\\Framework\\TestCase;

final class TaxTest extends TestCase
{
    public function rates(): array
    {
        return [
            'standard' => [100.0, 20.0],
            'reduced' => [100.0, 10.0],
            'zero' => [100.0, 0.0],
            'super reduced' => [200.0, 4.0],
        ];
    }

    /** @dataProvider rates */
    public function testOf(float $amount, float $expected): void
    {
        $this->assertSame($expected, Tax::of($amount, array_search([$amount, $expected], $this->rates(), true)));
    }
}
"""


def second_round() -> list[Case]:
    """The second round, committed before the analyzer ran on it (after the first round's rules)."""
    packages = {
        f"packages/p{i}/composer.json": f'{{"name": "acme/p{i}", "version": "1.0.{i}"}}\n' for i in range(1, 41)
    }
    requires = ", ".join(f'"acme/p{i}": "*"' for i in range(1, 41))
    return [
        Case(
            "php3-composer-legacy-php",
            "composer",
            "php",
            "dependency",
            "composer update --prefer-dist --no-interaction --no-progress",
            {
                "composer.json": '{\n    "name": "acme/shop",\n    "type": "project",\n    "repositories": [{"type": "path", "url": "packages/*", "options": {"symlink": false}}, {"packagist": false}],\n    "require": {"php": ">=8.1", "acme/legacy": "^1.0"}\n}\n',
                "packages/legacy/composer.json": '{"name": "acme/legacy", "version": "1.3.0", "require": {"php": "^7.4"}}\n',
            },
            section(
                r"^  Problem 1$", inside=[r"^    - ", r"requires php \^7\.4 -> your php version"], end=r"^  Problem 2$"
            ),
            "composer update: a dependency that requires PHP ^7.4 on PHP 8.2 (`-> your php version (8.2.x) does not satisfy that requirement`)",
            "composer --version",
            alt_categories=["config"],
            env=COMPOSER_ENV,
            setup=PHP,
        ),
        Case(
            "php3-composer-memory",
            "composer",
            "php",
            "resource",
            "composer update --prefer-dist --no-interaction --no-progress",
            {
                "composer.json": '{\n    "name": "acme/shop",\n    "type": "project",\n    "repositories": [{"type": "path", "url": "packages/*", "options": {"symlink": false}}, {"packagist": false}],\n    "require": {"php": ">=8.1", '
                + requires
                + "}\n}\n",
                **packages,
            },
            first_of(
                r"^PHP Fatal error:  Allowed memory size of \d+ bytes exhausted",
                r"^Fatal error: Allowed memory size of \d+ bytes exhausted",
            ),
            "composer update under COMPOSER_MEMORY_LIMIT=11M: PHP's memory_limit stops it while it resolves",
            "composer --version",
            alt_categories=["dependency"],
            env={**COMPOSER_ENV, "COMPOSER_MEMORY_LIMIT": "11M"},
            setup=PHP,
        ),
        Case(
            "php3-phpunit-xml-invalid",
            "phpunit",
            "php",
            "config",
            f"{PHPUNIT}",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(TOTAL),
                "phpunit.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<phpunit bootstrap="tests/bootstrap.php" colors="false">\n  <testsuites>\n    <testsuite name="unit">\n      <directory>tests</directory>\n  </testsuites>\n</phpunit>\n',
            },
            first_of(r'^Could not load ".*phpunit\.xml"\.$', r"^Opening and ending tag mismatch"),
            "phpunit with a phpunit.xml that is not well-formed XML (a testsuite never closed): libxml's reasons under it",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
        Case(
            "php3-phpunit-test-dir-missing",
            "phpunit",
            "php",
            "config",
            f"{PHPUNIT}",
            {
                "src/Invoice.php": INVOICE,
                "tests/bootstrap.php": BOOTSTRAP,
                "tests/InvoiceTest.php": invoice_test(TOTAL),
                "phpunit.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<phpunit bootstrap="tests/bootstrap.php" colors="false">\n  <testsuites>\n    <testsuite name="unit">\n      <directory>test</directory>\n    </testsuite>\n  </testsuites>\n</phpunit>\n',
            },
            first_of(r'^Test directory ".*/test" not found$'),
            "phpunit.xml names a test directory that does not exist (`test` for `tests`)",
            "phpunit --version",
            alt_categories=["test"],
            setup=PHP,
        ),
        Case(
            "php3-phpunit-data-set",
            "phpunit",
            "php",
            "test",
            f"php bin/warm-cache.php && {PHPUNIT} --bootstrap tests/bootstrap.php tests",
            {
                "bin/warm-cache.php": "<?php\n\n$ttl = $config['ttl'] ?? 60;\necho \"cache warmed (ttl {$ttl}s)\\n\";\n$rows = @file('var/missing.csv');\nif ($rows === false) {\n    fwrite(STDERR, \"[warning] error loading var/missing.csv: using defaults\\n\");\n}\n$first = $rows[0];\n",
                "src/Invoice.php": INVOICE,
                "src/Tax.php": TAX,
                "tests/bootstrap.php": BOOTSTRAP + "require __DIR__ . '/../src/Tax.php';\n",
                "tests/InvoiceTest.php": invoice_test(TOTAL + LOGS),
                "tests/TaxTest.php": TAX_TEST,
            },
            section(
                r'^1\) Acme\\Tests\\TaxTest::testOf with data set "reduced"',
                inside=[r"^Failed asserting that 5\.0 is identical to 10\.0\.$", r"tests/TaxTest\.php:\d+$"],
            ),
            "phpunit: PHP warnings from a script before it, a data provider's two failing data sets",
            "phpunit --version",
            setup=PHP,
        ),
    ]


# --- the same logs as Travis CI's `language: php` printed them ----------------------------------------------------

# Which logs, and whether their command ran in Travis's install phase (a failure there stops the build).
TRAVIS = {
    "php3-phpunit-diff": "script",
    "php3-phpunit-data-set": "script",
    "php3-composer-legacy-php": "install",
    "php3-composer-memory": "install",
    "php3-phpunit-fail-on-risky": "script",
    "php3-phpunit-bootstrap-fatal": "script",
    "php3-php-lint-tree": "script",
    "php3-composer-platform": "install",
    "php3-composer-artisan": "install",
}


def travis_php(command: str, body: list[str], code: int, stage: str) -> tuple[list[str], int]:
    """travis-build's php job (lib/travis/build/script/php.rb: `phpenv global <version>`, `php --version`,
    `composer --version`; its default install is `composer install` when a composer.json exists, projects wrote
    `composer install --prefer-dist --no-interaction`), the script phase's command and ``The command "<cmd>" exited
    with N.`` (templates/header.sh, travis_result.bash); a failed install command prints ``... failed and exited with N
    during install.`` and ``Your build has been stopped.``."""
    from ci_wrap_cases import ESC, fold, timer, unfold

    lines = [
        f"{fold('worker_info')}{ESC}[33;1mWorker information{ESC}[0m",
        "hostname: 4b7c2e91-8a3f-4d61-b5e0-2f9a7c1d3e58@1.worker-org-7b9d5c6f4-k2m9p.gce-production-3",
        "version: v6.2.1 https://github.com/travis-ci/worker/tree/5b3e2d1c0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d",
        "instance: travis-job-7a1c3e5b-9d2f-4a6c-8e0b-1f3a5c7e9b2d travis-ci-sardonyx-xenial-1553530528-f909ac5 (via amqp)",
        "startup: 5.843117203s",
        unfold("worker_info"),
        f"{fold('system_info')}{ESC}[33;1mBuild system information{ESC}[0m",
        "Build language: php",
        "Build group: stable",
        "Build dist: xenial",
        "Build id: 612345678",
        "Job id: 612345679",
        "Runtime kernel version: 4.15.0-1028-gcp",
        "travis-build version: 3a4cd2d08",
        f"{ESC}[34m{ESC}[1mBuild image provisioning date and time{ESC}[0m",
        "Mon Mar 25 16:20:45 UTC 2019",
        f"{ESC}[34m{ESC}[1mOperating System Details{ESC}[0m",
        "Distributor ID:\tUbuntu",
        "Description:\tUbuntu 16.04.6 LTS",
        "Release:\t16.04",
        "Codename:\txenial",
        unfold("system_info"),
        "",
        f"{ESC}[33;1mNetwork availability confirmed.{ESC}[0m",
        "",
    ]
    start, end = timer(21, "checkout")
    lines += [
        f"{fold('git.checkout')}{start}$ git clone --depth=50 --branch=master https://github.com/acme/acme.git acme/acme",
        "Cloning into 'acme/acme'...",
        f"{end}$ cd acme/acme",
        "$ git checkout -qf 5d2a8c4e6f1b3a7c9e0d2f4a6b8c1e3d5f7a9b0c",
        unfold("git.checkout"),
        "",
        f"{fold('cache.1')}Setting up build cache",
        "$ export CASHER_DIR=${TRAVIS_HOME}/.casher",
        "attempting to download cache archive",
        "fetching master/cache-linux-xenial-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855--php-8.2.tgz",
        "found cache",
        "adding /home/travis/.composer/cache to cache",
        unfold("cache.1"),
        "",
    ]
    start, end = timer(22)
    lines += [f"{start}$ phpenv global 8.2 2>/dev/null", end]
    start, end = timer(23)
    lines += [f"{start}$ composer self-update", "You are already using composer version 2.5.5 (stable channel).", end]
    lines += ["$ php --version", "PHP 8.2.36 (cli) (built: Nov 18 2026 20:02:04) (NTS)", "Copyright (c) The PHP Group"]
    lines += ["Zend Engine v4.2.36, Copyright (c) Zend Technologies", "$ composer --version"]
    lines += ["Composer version 2.5.5 2023-03-21 11:50:05"]
    start, end = timer(24)
    if stage == "install":
        lines += [f"{fold('install')}{start}$ {command}"]
        first = len(lines)
        lines += body
        lines += [
            end,
            "",
            f'{ESC}[31;1mThe command "{command}" failed and exited with {code} during install.{ESC}[0m',
            "",
            "Your build has been stopped.",
        ]
        return lines, first
    lines += [
        f"{fold('install')}{start}$ composer install --prefer-dist --no-interaction",
        "Installing dependencies from lock file (including require-dev)",
        "Verifying lock file contents can be installed on current platform.",
        "Nothing to install, update or remove",
        "Generating optimized autoload files",
        f"{end}{unfold('install')}",
    ]
    start, end = timer(25)
    lines += [f"{start}$ {command}"]
    first = len(lines)
    lines += body
    lines += [end, "", f'{ESC}[31;1mThe command "{command}" exited with {code}.{ESC}[0m']
    lines += [
        "",
        f"{fold('after_failure.1')}{ESC}[33;1m$ cat storage/logs/laravel.log{ESC}[0m",
        "[2019-04-02 10:00:03] testing.INFO: booting",
        "[2019-04-02 10:00:04] testing.ERROR: queue connection refused (attempt 1 of 3)",
        "[2019-04-02 10:00:05] testing.INFO: queue connected",
        unfold("after_failure.1"),
        "",
        f"{fold('cache.2')}store build cache",
        "change detected (content changed, file is created, or file is deleted):",
        "/home/travis/.composer/cache/files/acme/report/0123456789abcdef.zip",
        "",
        "changes detected, packing new archive",
        "uploading master/cache-linux-xenial-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855--php-8.2.tgz",
        "cache uploaded",
        unfold("cache.2"),
        "",
        "Done. Your build exited with 1.",
    ]
    return lines, first


def travis_rewrap(out: Path) -> None:
    """Wrap the chosen ``php3-`` GitHub Actions logs again as Travis CI logs, shifting their culprit lines."""

    from ci_wrap_cases import load_source, write_travis_copy

    labels_path = out / "labels.json"
    labels = json.loads(labels_path.read_text())
    for name, stage in TRAVIS.items():
        key = f"{name}.log"
        source = load_source(out, key, labels[key])
        # What Travis ran: the project's own phpunit (vendor/bin), Travis's composer install, paths under its build dir.
        command = re.sub(r"php -d error_reporting=E_ALL /usr/bin/phpunit", "vendor/bin/phpunit", source.command)
        if stage == "install":
            command = "composer install --prefer-dist --no-interaction"
        body = [line.replace("/home/runner/work/acme/acme", "/home/travis/build/acme/acme") for line in source.body]
        body = [
            line.replace("/usr/share/php/PHPUnit/", "/home/travis/build/acme/acme/vendor/phpunit/phpunit/src/")
            for line in body
        ]
        lines, first = travis_php(command, body, source.code, stage)
        culprits = [first + index + 1 for index in source.culprits]
        new = f"php3-travis-{name.removeprefix('php3-')}.log"
        write_travis_copy(
            out,
            labels,
            key,
            new,
            lines,
            culprits,
            path=f"php3_cases.py:{new.removesuffix('.log')}",
            why=f"{labels[key]['why']} (as a Travis CI php job printed it, in its {stage} phase)",
            command=command,
        )
    labels_path.write_text(json.dumps(dict(sorted(labels.items())), indent=1) + "\n")


if __name__ == "__main__":
    travis_rewrap(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "logs")
