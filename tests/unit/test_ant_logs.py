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
