"""A :class:`WeeklyReport` as GitHub-flavoured Markdown (jinja2 templates) and as JSON."""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

from ci_agent.reporting.model import Metric, WeeklyReport

if TYPE_CHECKING:
    import jinja2

REPORT_TEMPLATE = "weekly_report.md.j2"
_LINE_BREAKS = str.maketrans({"\r": " ", "\n": " "})


def report_marker(owner: str, repo: str | None, name: str) -> str:
    """The hidden line that ties an issue to one report, so rendering the period again updates that issue."""
    return f"<!-- ci-agent:weekly-report {repo or owner} {name} -->"


def _cell(text: object) -> str:
    # A table cell ends at a pipe, even inside a code span (GFM): escape it; a line break would end the row.
    return str(text).translate(_LINE_BREAKS).replace("|", "\\|")


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1:
        return f"{max(1, round(value * 60))} min"
    if value < 48:
        return f"{value:.1f} h"
    return f"{value / 24:.1f} days"


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if value != int(value) else str(int(value))


def _change(metric: Metric, kind: str = "number") -> str:
    """The change against the previous period, in the metric's own unit, with its sign."""
    if metric.change is None:
        return "–" if metric.previous is None else "new"
    if metric.change == 0:
        return "±0"
    sign = "+" if metric.change > 0 else "−"
    size = abs(metric.change)
    if kind == "percent":
        return f"{sign}{size * 100:.0f} pts"
    if kind == "hours":
        return sign + _hours(size)
    return sign + _number(size)


def _chart_values(values: list[float | None]) -> str:
    # Mermaid needs a number for every x value; a day without data is drawn as 0 (the table shows "–").
    return "[" + ", ".join("0" if v is None else f"{round(v, 2):g}" for v in values) + "]"


def _chart_ceiling(values: list[float | None]) -> str:
    top = max((v for v in values if v is not None), default=0.0)
    return str(max(1, math.ceil(top * 1.1)))


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("ci_agent.reporting", "templates"),
        # Markdown, not HTML: escaping would garble it. Text from logs sits in code spans, redacted, one line.
        autoescape=False,  # noqa: S701
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        cell=_cell,
        percent=_percent,
        hours=_hours,
        number=_number,
        change=_change,
        chart_values=_chart_values,
        chart_ceiling=_chart_ceiling,
    )
    return environment


def render_markdown(report: WeeklyReport, *, json_location: str | None = None) -> str:
    """The report as GitHub-flavoured Markdown; ``json_location`` says where its numbers are stored."""
    return (
        _environment()
        .get_template(REPORT_TEMPLATE)
        .render(
            report=report,
            marker=report_marker(report.owner, report.repo, report.name),
            json_location=json_location,
        )
    )


def render_json(report: WeeklyReport) -> str:
    """The numbers, as ``docs/report.schema.json`` describes them."""
    return report.model_dump_json(indent=2) + "\n"
