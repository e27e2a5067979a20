"""The weekly report use case: read a period through the indexes, build the report, store it, open its issue.

Shared by ReportFunction (scheduled or invoked on demand) and ``ci-agent report``. What it reads, per scope:
the failures of the period and of the four periods before it (``by_owner``, or ``by_repo`` for one repository;
a projection of the attributes the report uses),
the fix attempts of the period and the one before it (``by_strategy``, one query per strategy ever recorded,
``started_at`` range), the flaky markers of the period's signatures (one batch read), and for each signature
not seen in the baseline weeks, whether it was seen before them (one single-item query each). Never a scan.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ci_agent.archive import ReportArchive
from ci_agent.github.issues import IssueRef, IssueTracker, fit_issue_body
from ci_agent.reporting import Period, ReportBuilder, ReportScope, WeeklyReport, render_json, render_markdown
from ci_agent.reporting.render import report_marker
from ci_agent.store.records import FailureFacts, FixAttemptRecord

logger = logging.getLogger(__name__)

REPORT_LABEL = "ci-intelligence"


class FailureSource(Protocol):
    def report_facts(
        self, since: datetime, until: datetime, *, owner: str | None = None, repo: str | None = None
    ) -> Iterable[FailureFacts]: ...

    def seen_before(self, signature: str, before: datetime) -> bool: ...


class FixAttemptSource(Protocol):
    def for_strategy(
        self, strategy: str, since: datetime | None = None, *, until: datetime | None = None
    ) -> Sequence[FixAttemptRecord]: ...

    def recorded_strategies(self) -> Sequence[str]: ...

    def flaky_signatures(self, signatures: Sequence[str]) -> Mapping[str, int]: ...


@dataclass(frozen=True, slots=True)
class ReportDeps:
    failures: FailureSource
    fix_attempts: FixAttemptSource
    archive: ReportArchive | None = None
    issues: IssueTracker | None = None
    issue_repository: str | None = None


@dataclass(frozen=True, slots=True)
class PublishedReport:
    report: WeeklyReport
    markdown: str
    markdown_key: str
    json_key: str
    stored: bool
    issue: IssueRef | None

    def summary(self) -> dict[str, Any]:
        """What a caller is told: where the report is."""
        return {
            "owner": self.report.owner,
            "repo": self.report.repo,
            "name": self.report.name,
            "failures": self.report.summary.failures.current,
            "markdown_key": self.markdown_key if self.stored else None,
            "json_key": self.json_key if self.stored else None,
            "issue_number": None if self.issue is None else self.issue.number,
            "issue_url": None if self.issue is None else self.issue.url,
            "issue_created": None if self.issue is None else self.issue.created,
        }


class ReportInvocation(BaseModel):
    """What ReportFunction is asked: EventBridge's scheduled event (the period ends at its ``time``), or an
    on-demand event naming ``owner`` / ``repo``, ``end`` and ``days`` (defaults: the configured owners, now,
    the configured period)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    owner: str | None = None
    repo: str | None = None
    end: datetime | None = Field(default=None, alias="time")
    days: int | None = Field(default=None, ge=1, le=366)
    publish: bool = True

    @field_validator("end")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.utcoffset() is None:
            raise ValueError("end must carry a time zone (e.g. 2026-11-29T00:00:00Z)")
        return value

    def scopes(self, configured_owners: Sequence[str]) -> list[ReportScope]:
        if self.repo is not None:
            return [ReportScope.of(repo=self.repo)]
        if self.owner is not None:
            return [ReportScope.of(owner=self.owner)]
        return [ReportScope.of(owner=owner) for owner in configured_owners]

    def period(self, default_days: int, now: datetime) -> Period:
        return Period.days_before_midnight(self.end or now, self.days or default_days)


def report_keys(scope: ReportScope, period: Period) -> tuple[str, str]:
    """``reports/<owner>/<yyyy>-W<ww>.md`` and ``.json``; a repository's go under ``reports/<owner>/<name>/``."""
    folder = f"reports/{scope.owner}" if scope.repo is None else f"reports/{scope.repo}"
    return f"{folder}/{period.name}.md", f"{folder}/{period.name}.json"


def compile_report(scope: ReportScope, period: Period, deps: ReportDeps, *, now: datetime) -> WeeklyReport:
    """The report of ``scope`` for ``period``, from the store's indexes only."""
    builder = ReportBuilder(scope, period)
    since, until = builder.baseline.start, period.end
    if scope.repo is not None:
        builder.add_failures(deps.failures.report_facts(since, until, repo=scope.repo))
    else:
        builder.add_failures(deps.failures.report_facts(since, until, owner=scope.owner))
    # Per strategy ever recorded ("none" included: executions that tried nothing), not per strategy registered
    # today: the attempts of a strategy renamed or removed since are still the period's.
    for strategy in deps.fix_attempts.recorded_strategies():
        builder.add_attempts(deps.fix_attempts.for_strategy(strategy, builder.previous.start, until=until))
    flaky = deps.fix_attempts.flaky_signatures(builder.signatures())
    seen = {
        signature
        for signature in builder.new_signature_candidates()
        if deps.failures.seen_before(signature, builder.baseline.start)
    }
    return builder.report(generated_at=now, flaky_passes=flaky, seen_before=seen)


def issue_title(report: WeeklyReport) -> str:
    return f"CI intelligence report: {report.repo or report.owner}, {report.name}"


def publish_report(scope: ReportScope, period: Period, deps: ReportDeps, *, now: datetime) -> PublishedReport:
    """Build the report and, as far as ``deps`` allows, store it (Markdown and JSON) and open or update its
    issue. The same period published again replaces the objects and edits the same issue."""
    report = compile_report(scope, period, deps, now=now)
    markdown_key, json_key = report_keys(scope, period)
    stored = deps.archive is not None
    markdown = render_markdown(report, json_location=json_key if stored else None)
    if deps.archive is not None:
        deps.archive.put_text(json_key, render_json(report), "application/json")
        deps.archive.put_text(markdown_key, markdown, "text/markdown")
    issue = None
    if deps.issues is not None and deps.issue_repository is not None:
        footer = f"*Cut to fit an issue: the whole report is `{markdown_key}` in the report bucket.*"
        issue = deps.issues.publish_issue(
            deps.issue_repository,
            marker=report_marker(report.owner, report.repo, report.name),
            title=issue_title(report),
            body=fit_issue_body(markdown, footer),
            label=REPORT_LABEL,
        )
    logger.info(
        "weekly report %s %s: %s failures, stored=%s, issue=%s",
        scope.label,
        period.name,
        report.summary.failures.current,
        stored,
        None if issue is None else issue.url,
    )
    return PublishedReport(report, markdown, markdown_key, json_key, stored, issue)


def run_reports(
    invocation: ReportInvocation,
    deps: ReportDeps,
    *,
    configured_owners: Sequence[str],
    default_days: int,
    now: datetime | None = None,
) -> list[PublishedReport]:
    """One report per scope the invocation names (or per configured owner), published unless it says not to."""
    now = now or datetime.now(UTC)
    scopes = invocation.scopes(configured_owners)
    if not scopes:
        raise ValueError("no owner to report on: set REPORT_OWNERS or pass an owner or a repo")
    period = invocation.period(default_days, now)
    if not invocation.publish:
        deps = ReportDeps(deps.failures, deps.fix_attempts)
    return [publish_report(scope, period, deps, now=now) for scope in scopes]
