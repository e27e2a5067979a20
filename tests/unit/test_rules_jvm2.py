# ruff: noqa: E501  (tool output is data: one string a line, as the tool prints it)
"""Kotlin, Scala, Groovy and Clojure rules on job logs built from real tool output: groovyc's errors (alone and under
Gradle), the groovy launcher's `Caught:` report, JUnit's text runners (JUnitCore, JUnit 3's TestRunner) over Kotlin,
Scala and Groovy tests, scalac under -Xfatal-warnings, and Leiningen's test, check and uberjar output.

Every output below was printed by the tool itself on the development machine, shortened (bench/toolchain/jvm2_cases.py
generates it: kotlinc 1.3.31, scalac 2.11.12, Groovy 2.4.21, JUnit 4.13.2, Leiningen 2.10.0 on Clojure 1.11.1,
Gradle 4.4.1). Each test asserts the category, the culprit (the first specific failure, not the runner's count or a
later failure) and the rule that decided.
"""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

TRACE = "\tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)"


def test_groovyc_reports_its_first_error_not_the_startup_failed_exception() -> None:
    # Given groovyc's MultipleCompilationErrorsException with two static type checking errors
    log = step_log(
        "groovyc -d build src/acme/*.groovy",
        "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:",
        "src/acme/Ledger.groovy: 15: [Static type checking] - The variable [ownerName] is undeclared.",
        " @ line 15, column 29.",
        "       String owner() { return ownerName }",
        "                               ^",
        "",
        "src/acme/Ledger.groovy: 17: [Static type checking] - Cannot return value of type groovy.lang.GString on method returning type int",
        " @ line 17, column 26.",
        '       int count() { return "${invoices.size()}" }',
        "                            ^",
        "",
        "2 errors",
        "",
    )
    # When the step is analysed, Then the first error is the culprit, a build failure
    assert verdict(log) == (
        Category.BUILD,
        "src/acme/Ledger.groovy: 15: [Static type checking] - The variable [ownerName] is undeclared.",
        "groovyc-error",
    )


def test_groovyc_under_gradle_outranks_gradles_compilation_failed() -> None:
    # Given Gradle 4's groovy plugin: groovyc's errors under `:compileGroovystartup failed:`, Gradle's verdict below
    log = step_log(
        "gradle --offline build",
        ":compileJava NO-SOURCE",
        ":compileGroovystartup failed:",
        "/home/runner/work/acme/acme/src/main/groovy/acme/Ledger.groovy: 15: [Static type checking] - The variable [ownerName] is undeclared.",
        " @ line 15, column 29.",
        "       String owner() { return ownerName }",
        "                               ^",
        "",
        "/home/runner/work/acme/acme/src/main/groovy/acme/Ledger.groovy: 17: [Static type checking] - Cannot return value of type groovy.lang.GString on method returning type int",
        " @ line 17, column 26.",
        "",
        "2 errors",
        "",
        " FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':compileGroovy'.",
        "> Compilation failed; see the compiler error output for details.",
        "",
        "BUILD FAILED in 52s",
    )
    assert verdict(log) == (
        Category.BUILD,
        "/home/runner/work/acme/acme/src/main/groovy/acme/Ledger.groovy: 15: [Static type checking] - The variable [ownerName] is undeclared.",
        "groovyc-error",
    )


def test_a_groovy_scripts_power_assert_is_a_failed_check() -> None:
    # Given a smoke-test script whose power assert fails: GroovyMain prints `Caught:` and the diagram, then the
    # same message again as the stack trace's first line
    diagram = (
        "",
        "assert total == rows.size() * 12",
        "       |     |  |    |      |",
        "       30    |  |    3      36",
        "             |  [[id:1, amount:10], [id:2, amount:15], [id:3, amount:5]]",
        "             false",
        "",
    )
    log = step_log(
        "groovy test/smoke.groovy",
        "smoke: 3 rows loaded",
        "Caught: Assertion failed: ",
        *diagram,
        "Assertion failed: ",
        *diagram,
        "\tat smoke.run(smoke.groovy:6)",
        TRACE,
    )
    assert verdict(log) == (Category.TEST, "Caught: Assertion failed:", "groovy-script-assertion-failed")


def test_a_groovy_script_that_throws_names_the_exception_not_the_error_line_it_printed() -> None:
    # Given a release script that prints an ERROR line of its own, then dies of a MissingPropertyException
    log = step_log(
        "groovy scripts/release.groovy",
        "checking module core: ok",
        "ERROR: (ignored) changelog has no entry for 'cli'",
        "Caught: groovy.lang.MissingPropertyException: No such property: releaseVersion for class: release",
        "groovy.lang.MissingPropertyException: No such property: releaseVersion for class: release",
        "\tat release.run(release.groovy:4)",
        TRACE,
    )
    assert verdict(log) == (
        Category.BUILD,
        "Caught: groovy.lang.MissingPropertyException: No such property: releaseVersion for class: release",
        "groovy-script-uncaught-exception",
    )


def test_junitcore_reports_the_first_numbered_failure_not_its_header_or_count() -> None:
    # Given JUnitCore over Kotlin tests: a test printing ERROR, two failures, the count far below
    log = step_log(
        "java -cp build/classes:/usr/share/java/junit4.jar org.junit.runner.JUnitCore acme.CartTest acme.PriceTest",
        "JUnit version 4.13.2",
        ".E.ERROR pricing service unreachable, using cached prices (expected in tests)",
        ".E.",
        "Time: 0.127",
        "There were 2 failures:",
        "1) countsLines(acme.CartTest)",
        "java.lang.AssertionError: expected more than one line",
        "\tat kotlin.test.DefaultAsserter.fail(DefaultAsserter.kt:16)",
        "\tat acme.CartTest.countsLines(CartTest.kt:26)",
        "2) totalAddsCents(acme.CartTest)",
        "java.lang.AssertionError: cart total in cents. Expected <300>, actual <400>.",
        "\tat acme.CartTest.totalAddsCents(CartTest.kt:19)",
        "",
        "FAILURES!!!",
        "Tests run: 4,  Failures: 2",
        "",
    )
    assert verdict(log) == (Category.TEST, "1) countsLines(acme.CartTest)", "junit-text-runner-failure")


def test_junit3s_runner_joins_the_message_to_the_failures_header() -> None:
    # Given JUnit 3's text runner over a GroovyTestCase: two errors, the first a power assert
    log = step_log(
        "java -cp build junit.textui.TestRunner acme.InvoiceTest",
        ".E.E",
        "Time: 0.488",
        "There were 2 errors:",
        "1) testTotal(acme.InvoiceTest)Assertion failed: ",
        "",
        "assert invoice.total() == invoice.lines.size() * 4",
        "       |       |       |  |       |     |      |",
        "\tat acme.InvoiceTest.testTotal(InvoiceTest.groovy:15)",
        "2) testCustomerName(acme.InvoiceTest)java.lang.NullPointerException: Cannot invoke method size() on null object",
        "\tat acme.InvoiceTest.testCustomerName(InvoiceTest.groovy:20)",
        "",
        "FAILURES!!!",
        "Tests run: 3,  Failures: 0,  Errors: 2",
    )
    assert verdict(log) == (
        Category.TEST,
        "1) testTotal(acme.InvoiceTest)Assertion failed:",
        "junit-text-runner-failure",
    )


def test_scalac_fatal_warnings_is_a_build_failure() -> None:
    # Given scalac -Xfatal-warnings: two warnings, then its one error and the counts
    log = step_log(
        "scalac -deprecation -Xfatal-warnings -d build src/acme/*.scala",
        "src/acme/Legacy.scala:10: warning: non-variable type argument String in type pattern List[String] (the underlying of List[String]) is unchecked since it is eliminated by erasure",
        '    case _: List[String] => "strings"',
        "            ^",
        "src/acme/Legacy.scala:7: warning: method sum in object Legacy is deprecated: use Cart.total",
        '  def report(cart: Cart): String = "sum " + sum(cart)',
        "                                            ^",
        "error: No warnings can be incurred under -Xfatal-warnings.",
        "two warnings found",
        "one error found",
    )
    assert verdict(log) == (
        Category.BUILD,
        "error: No warnings can be incurred under -Xfatal-warnings.",
        "scalac-fatal-warnings",
    )


def test_lein_test_reports_the_first_fail_not_tests_failed() -> None:
    # Given lein test: a test printing ERROR, a failure, a passing namespace, the counts and `Tests failed.`
    log = step_log(
        "lein test",
        "",
        "lein test app.core-test",
        "ERROR (expected) ledger row 4 has no amount, skipped",
        "",
        "lein test :only app.core-test/totals",
        "",
        "FAIL in (totals) (core_test.clj:12)",
        "expected: (= 7 (core/total [1 2 3]))",
        "  actual: (not (= 7 6))",
        "",
        "lein test app.report-test",
        "",
        "Ran 5 tests containing 7 assertions.",
        "1 failures, 0 errors.",
        "Tests failed.",
    )
    assert verdict(log) == (Category.TEST, "FAIL in (totals) (core_test.clj:12)", "clojure-test-fail")


def test_lein_uberjar_reports_the_compilers_syntax_error() -> None:
    # Given lein uberjar: AOT compilation of the main namespace fails (the message printed twice), then lein's verdict
    log = step_log(
        "lein uberjar",
        "Compiling app.main",
        "Syntax error compiling at (app/main.clj:7:3).",
        "Syntax error compiling at (app/main.clj:7:3).",
        "No such var: core/publish!",
        "",
        "Full report at:",
        "/tmp/clojure-11264023718113081554.edn",
        "Compilation failed: Subprocess failed (exit code: 1)",
    )
    assert verdict(log) == (Category.BUILD, "Syntax error compiling at (app/main.clj:7:3).", "clojure-syntax-error")


def test_kotlin_under_gradle_with_all_warnings_as_errors_is_a_build_failure_not_the_task() -> None:
    # Given Gradle's Kotlin plugin with allWarningsAsErrors: a `w:` warning, the compiler's `e:` verdict, Gradle's report
    log = step_log(
        "gradle --offline build",
        ":compileKotlin",
        "w: /home/runner/work/acme/acme/src/main/kotlin/acme/Legacy.kt: (7, 15): 'OldCart' is deprecated. use Cart",
        "e: warnings found and -Werror specified",
        ":compileKotlin FAILED",
        "",
        "FAILURE: Build failed with an exception.",
        "",
        "* What went wrong:",
        "Execution failed for task ':compileKotlin'.",
        "> Compilation error. See log for more details",
        "",
        "BUILD FAILED in 13s",
    )
    assert verdict(log) == (Category.BUILD, "e: warnings found and -Werror specified", "kotlin-warnings-as-errors")
