"""A tool's output wrapped as a GitHub Actions job log, and the culprit the analyzer reports for it: shared by the
tests that check, per ecosystem, that the culprit is the first specific failure and not the tool's count."""

from __future__ import annotations

from ci_agent.analysis import Category, analyze_log

STAMP = "2026-03-04T10:11:12.1234567Z"


def job_log(step: str, output: list[str]) -> str:
    """A job whose checkout passed and whose step ``step`` printed ``output`` and exited 1."""
    lines = [
        "Current runner version: '2.321.0'",
        "##[group]Run actions/checkout@v4",
        "Syncing repository: acme/app",
        "##[endgroup]",
        f"##[group]Run {step}",
        step,
        "shell: /usr/bin/bash -e {0}",
        "##[endgroup]",
        *output,
        "##[error]Process completed with exit code 1.",
        "Post job cleanup.",
    ]
    return "".join(f"{STAMP} {line}\n" for line in lines)


def culprit_text(log: str) -> str:
    """The culprit's text, checked to be the text of the line the analyzer numbered."""
    analysis = analyze_log(log)
    assert analysis.culprit is not None
    assert log.splitlines()[analysis.culprit.line - 1].endswith(analysis.culprit.text)
    return analysis.culprit.text.strip()


def step_log(step: str, *output: str) -> str:
    """``job_log`` with the step's output lines given as arguments."""
    return job_log(step, list(output))


def verdict(log: str) -> tuple[Category, str | None, str | None]:
    """The analysis of ``log``: its category, its culprit's text (None without a culprit) and the rule that decided."""
    analysis = analyze_log(log)
    return analysis.category, analysis.culprit.text if analysis.culprit else None, analysis.rule
