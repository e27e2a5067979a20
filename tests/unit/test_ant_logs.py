"""Apache Ant's console output: every task line behind its right-aligned `[task]` column, the junit task's
formatters, javac under Ant, and Ant's own `BUILD FAILED` report below what failed."""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log
from ci_agent.analysis.rules import strip_multiplexer

STAMP = "2026-03-04T10:11:12.1234567Z"


def ant_job_log(output: list[str]) -> tuple[str, list[str]]:
    """A GitHub Actions job whose `ant test` step printed ``output``; also the log's lines (1-based: index + 1)."""
    lines = [
        "##[group]Run ant test",
        "ant test",
        "shell: /usr/bin/bash -e {0}",
        "##[endgroup]",
        "Buildfile: /home/runner/work/calc/calc/build.xml",
        "",
        "compile:",
        "    [mkdir] Created dir: /home/runner/work/calc/calc/build/classes",
        "    [javac] Compiling 12 source files to /home/runner/work/calc/calc/build/classes",
        "",
        *output,
        "",
        "Total time: 9 seconds",
        "##[error]Process completed with exit code 1.",
        "Post job cleanup.",
    ]
    return "".join(f"{STAMP} {line}\n" for line in lines), lines


def line_of(lines: list[str], text: str) -> int:
    return lines.index(text) + 1


def test_the_task_column_is_read_as_a_prefix_but_a_log_level_is_not() -> None:
    javac = "/home/runner/work/calc/calc/src/com/example/Calculator.java:25: error: cannot find symbol"
    assert strip_multiplexer(f"    [javac] {javac}") == javac
    assert strip_multiplexer("    [junit] Test com.example.CalculatorTest FAILED") == (
        "Test com.example.CalculatorTest FAILED"
    )
    assert strip_multiplexer("   [ERROR] Failed to execute goal") == "   [ERROR] Failed to execute goal"


def test_the_brief_formatter_s_first_failing_test_case_is_the_culprit() -> None:
    first = "    [junit] Testcase: testDivide(com.example.CalculatorTest):\tFAILED"
    log, lines = ant_job_log(
        [
            "test:",
            "    [junit] Testsuite: com.example.AdderTest",
            "    [junit] Tests run: 4, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.021 sec",
            "    [junit] ",
            "    [junit] Testsuite: com.example.CalculatorTest",
            "    [junit] Tests run: 6, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.034 sec",
            "    [junit] ",
            first,
            "    [junit] expected:<2> but was:<0>",
            "    [junit] junit.framework.AssertionFailedError: expected:<2> but was:<0>",
            "    [junit] \tat com.example.CalculatorTest.testDivide(CalculatorTest.java:41)",
            "    [junit] ",
            "    [junit] Testcase: testParse(com.example.CalculatorTest):\tCaused an ERROR",
            '    [junit] For input string: "x"',
            '    [junit] java.lang.NumberFormatException: For input string: "x"',
            "    [junit] \tat com.example.CalculatorTest.testParse(CalculatorTest.java:58)",
            "    [junit] ",
            "    [junit] Test com.example.CalculatorTest FAILED",
            "",
            "BUILD FAILED",
            "/home/runner/work/calc/calc/build.xml:62: Test com.example.CalculatorTest failed",
        ]
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None and analysis.culprit.line == line_of(lines, first)
    assert analysis.rule == "ant-junit-testcase-failed"


def test_the_plain_formatter_s_verdict_points_at_the_message_under_it() -> None:
    message = "    [junit] expected:<2> but was:<0>"
    log, lines = ant_job_log(
        [
            "test:",
            "    [junit] Testsuite: com.example.CalculatorTest",
            "    [junit] Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.03 sec",
            "    [junit] ",
            "    [junit] Testcase: testAdd took 0.001 sec",
            "    [junit] Testcase: testDivide took 0.002 sec",
            "    [junit] \tFAILED",
            message,
            "    [junit] junit.framework.AssertionFailedError: expected:<2> but was:<0>",
            "    [junit] Testcase: testParse took 0 sec",
            "",
            "BUILD FAILED",
            "/home/runner/work/calc/calc/build.xml:62: Test com.example.CalculatorTest failed",
        ]
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.TEST
    assert analysis.culprit is not None and analysis.culprit.line == line_of(lines, message)


def test_javac_under_ant_reports_its_first_error_not_ant_s_report() -> None:
    first = "    [javac] /home/runner/work/calc/calc/src/com/example/Calculator.java:25: error: cannot find symbol"
    log, lines = ant_job_log(
        [
            "    [javac] /home/runner/work/calc/calc/src/com/example/Legacy.java:9: warning: [deprecation]"
            " Date(int,int,int) in Date has been deprecated",
            first,
            "    [javac]     return Parser.parse(text);",
            "    [javac]            ^",
            "    [javac]   symbol:   variable Parser",
            "    [javac]   location: class Calculator",
            "    [javac] /home/runner/work/calc/calc/src/com/example/Calculator.java:31: error: cannot find symbol",
            "    [javac] 2 errors",
            "    [javac] 1 warning",
            "",
            "BUILD FAILED",
            "/home/runner/work/calc/calc/build.xml:40: Compile failed; see the compiler error output for details.",
        ]
    )
    analysis = analyze_log(log)
    assert analysis.category is Category.BUILD
    assert analysis.culprit is not None and analysis.culprit.line == line_of(lines, first)


def verdict(output: list[str], culprit: str) -> tuple[Category, bool]:
    """The analysis' category, and whether its culprit is the line ``culprit``."""
    log, lines = ant_job_log(output)
    analysis = analyze_log(log)
    return analysis.category, analysis.culprit is not None and analysis.culprit.line == line_of(lines, culprit)


def test_junitlauncher_s_count_is_the_culprit_when_its_report_went_to_a_file() -> None:
    # Given JUnit 5 through <junitlauncher> (Ant 1.10.13) with a listener writing to a file: the console holds
    # only the class's count, then Ant's report
    count = "[junitlauncher] Tests run: 2, Failures: 1, Aborted: 0, Skipped: 0, Time elapsed: 1.533 sec"
    output = ["test:", "[junitlauncher] Running acme.CalcTest", count, "", "BUILD FAILED"]
    output.append("/home/runner/work/calc/calc/build.xml:31: Failed to launch in-vm tests")
    # Then the count, not BUILD FAILED, is the culprit, and the failure is a test's
    assert verdict(output, count) == (Category.TEST, True)


def test_the_count_yields_to_the_failing_test_case_printed_under_it() -> None:
    # Given the plain formatter's count above the failing test case (a JUnit error, not an assertion)
    message = '    [junit] Cannot invoke "Object.toString()" because "<local1>" is null'
    output = [
        "    [junit] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.022 sec",
        "    [junit] Testcase: testAddWrong took 0.022 sec",
        "    [junit] \tCaused an ERROR",
        message,
        '    [junit] java.lang.NullPointerException: Cannot invoke "Object.toString()" because "<local1>" is null',
        "BUILD FAILED",
        "/home/runner/work/calc/calc/build.xml:19: Test acme.CalcTest failed",
    ]
    # Then the test case's message is the culprit
    assert verdict(output, message) == (Category.TEST, True)


def test_a_task_ant_cannot_define_is_a_configuration_failure() -> None:
    # Given a build file using <checkstyle> without its taskdef or jar
    problem = "/home/runner/work/calc/calc/build.xml:18: Problem: failed to create task or type checkstyle"
    output = ["lint:", "", "BUILD FAILED", problem, "Cause: The name is undefined.", "Action: Check the spelling."]
    # Then Ant's problem line is the culprit, not BUILD FAILED, and the project's configuration is at fault
    assert verdict(output, problem) == (Category.CONFIG, True)


def test_javac_werror_is_a_build_failure_named_by_javac_s_own_error_line() -> None:
    # Given javac under Ant with -Xlint:all -Werror: warnings, then javac's one error line
    error = "    [javac] error: warnings found and -Werror specified"
    output = [
        "    [javac] /home/runner/work/calc/calc/src/acme/Legacy.java:8: warning: [rawtypes] found raw type: List",
        "    [javac]     public static List names() {",
        error,
        "    [javac] 1 error",
        "    [javac] 1 warning",
        "BUILD FAILED",
        "/home/runner/work/calc/calc/build.xml:10: Compile failed; see the compiler error output for details.",
    ]
    assert verdict(output, error) == (Category.BUILD, True)


def test_a_program_s_uncaught_exception_outranks_an_error_message_it_printed_before() -> None:
    # Given a <java> task whose program prints an `error:` message, then dies of an uncaught exception
    exception = (
        '     [java] Exception in thread "main" java.lang.IllegalStateException: schema version 3 is not supported'
    )
    output = [
        "run:",
        "     [java] error: loading the schema (a message, not a failure)",
        exception,
        "     [java] \tat acme.Main.main(Unknown Source)",
        "BUILD FAILED",
        "/home/runner/work/calc/calc/build.xml:18: Java returned: 1",
    ]
    # Then the exception is the culprit (of no known tool: the category is inferred from the step, `ant test`)
    assert verdict(output, exception) == (Category.TEST, True)
