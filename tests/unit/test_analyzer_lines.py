"""How the analyzer reads a log's lines: a line's trailing blanks are not part of what a rule reads, in a sparse
chunk as in one dense with error-looking lines."""

from __future__ import annotations

from ci_agent.analysis import analyze_log
from tests.job_logs import job_log


def test_a_rule_ending_at_the_line_end_knows_a_line_with_trailing_blanks() -> None:
    # Given a failed Gradle test whose line ends in blanks and a carriage return (CRLF output of a Windows agent)
    failed = "LedgerTest > rejectsNegativeAmounts() FAILED"
    log = job_log(
        "./gradlew test", ["> Task :test", f"{failed} \t\r", "    java.lang.AssertionError at LedgerTest.java:41"]
    )
    # Then the rule that ends its pattern at the line's end names it
    analysis = analyze_log(log)
    assert analysis.rule == "gradle-failed-test"
    assert analysis.culprit is not None
    assert analysis.culprit.text == failed


def test_trailing_blanks_do_not_hide_a_line_in_a_dense_chunk() -> None:
    # Given the same line among more than 200 lines that some rule may match (a chunk read rule by rule)
    noise = [f"ERROR: cache miss for layer {n}" for n in range(300)]
    failed = "LedgerTest > rejectsNegativeAmounts() FAILED"
    log = job_log("./gradlew test", [*noise, f"{failed}   ", *noise])
    # Then it is still the culprit
    analysis = analyze_log(log)
    assert analysis.rule == "gradle-failed-test"
    assert analysis.culprit is not None
    assert analysis.culprit.text == failed
