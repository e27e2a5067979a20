"""The weekly CI intelligence report: period statistics, trends, recommendations and their rendering. Pure.

The store streams a period's records into :class:`ReportBuilder`; :func:`render_markdown` and
:func:`render_json` turn the resulting :class:`WeeklyReport` into what is stored in S3 and opened as an issue.
"""

from ci_agent.reporting.build import ReportBuilder, ReportScope
from ci_agent.reporting.model import SCHEMA_VERSION, TrendVerdict, WeeklyReport
from ci_agent.reporting.period import BASELINE_PERIODS, Period
from ci_agent.reporting.render import render_json, render_markdown, report_marker
from ci_agent.reporting.trends import TREND_RULE, trend

__all__ = [
    "BASELINE_PERIODS",
    "SCHEMA_VERSION",
    "TREND_RULE",
    "Period",
    "ReportBuilder",
    "ReportScope",
    "TrendVerdict",
    "WeeklyReport",
    "render_json",
    "render_markdown",
    "report_marker",
    "trend",
]
