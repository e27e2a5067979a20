"""sbt's test frameworks as Travis-era Scala builds printed them: the culprit is the first failed test, not sbt's
list of failed suites or its TestsFailedException."""

from __future__ import annotations

from ci_agent.analysis import Category
from tests.job_logs import step_log, verdict

SBT_CLOSING = (
    "[error] Failed: Total 3, Failed 2, Errors 0, Passed 1",
    "[error] Failed tests:",
    "[error] \tcom.acme.CalcSpec",
    "[error] (test:test) sbt.TestsFailedException: Tests unsuccessful",
    "[error] Total time: 21 s, completed Mar 1, 2017 10:00:00 AM",
)


def test_specs2_names_the_first_failed_example_not_the_failed_suites() -> None:
    # Given specs2 under sbt: a passing example, two failing ones with their messages, then sbt's lists
    log = step_log(
        "sbt ++2.11.12 test",
        "[info] CalcSpec",
        "[info] Calc should",
        "[info]   + add",
        "[error]   x subtract",
        "[error]    2 != 3 (CalcSpec.scala:12)",
        "[error]   ! divide",
        "[error]    java.lang.ArithmeticException: / by zero (CalcSpec.scala:15)",
        "[info] Total for specification CalcSpec",
        "[info] 3 examples, 1 failure, 1 error",
        *SBT_CLOSING,
    )
    # Then the first failed example is the culprit
    assert verdict(log) == (Category.TEST, "[error]   x subtract", "specs2-failed-example")


def test_junit_interface_names_the_first_failed_test() -> None:
    # Given JUnit tests run by sbt's junit-interface: two failures, then the run's count and sbt's lists
    first = (
        "[error] Test com.acme.CalcTest.subtracts failed: java.lang.AssertionError: expected:<2> but was:<3>,"
        " took 0.01 sec"
    )
    log = step_log(
        "sbt test",
        "[info] Test run started",
        "[info] Test com.acme.CalcTest.adds started",
        "[info] Test com.acme.CalcTest.subtracts started",
        first,
        "[error]     at com.acme.CalcTest.subtracts(CalcTest.java:14)",
        "[error] Test com.acme.CalcTest.divides failed: java.lang.ArithmeticException: / by zero, took 0.0 sec",
        "[info] Test run finished: 2 failed, 0 ignored, 3 total, 0.031s",
        *SBT_CLOSING,
    )
    # Then the first failed test is the culprit
    assert verdict(log) == (Category.TEST, first, "junit-interface-failed-test")
