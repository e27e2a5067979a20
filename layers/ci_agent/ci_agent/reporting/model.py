"""The numbers of a weekly report, as typed models: rendered into Markdown and stored beside it as JSON.

``docs/report.schema.json`` is generated from :class:`WeeklyReport` (``python -m ci_agent.reporting.schema``) and
a test keeps the two the same; ``schema_version`` changes whenever a field's meaning does.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Metric(_Frozen):
    """A figure for the period, the same figure for the period before, and the change between them."""

    current: float | None = Field(description="this period's value; null when there is nothing to measure")
    previous: float | None = Field(description="the previous period's value (same length, just before)")
    change: float | None = Field(description="current - previous; null unless both are known")

    @classmethod
    def of(cls, current: float | None, previous: float | None) -> Metric:
        change = None if current is None or previous is None else current - previous
        return cls(current=current, previous=previous, change=change)


class RepositoryCount(_Frozen):
    repo: str = Field(description="owner/name")
    failed_jobs: int
    previous_failed_jobs: int


class Summary(_Frozen):
    failures: Metric = Field(description="failed jobs recorded in the period")
    resolved_share: Metric = Field(description="share (0..1) of the period's failures resolved since")
    auto_fix_rate: Metric = Field(description="verified fixes / fix attempts started in the period (0..1)")
    mttr_median_hours: Metric = Field(description="median time from failure to the next passing run, in hours")
    mttr_p90_hours: Metric = Field(description="nearest-rank 90th percentile of the same, in hours")
    open_failures: int = Field(description="the period's failures still unresolved")
    repositories: list[RepositoryCount] = Field(description="failed jobs per repository, most first")


class TrendVerdict(StrEnum):
    RISING = "rising"
    IMPROVING = "improving"
    STABLE = "stable"
    NOT_ENOUGH_DATA = "not enough data"


class Trend(_Frozen):
    subject: str = Field(description="a category, or a signature")
    kind: str = Field(description="'category' or 'signature'")
    current: int = Field(description="failures in the period")
    baseline: int = Field(description="failures in the baseline periods before it")
    baseline_periods: int = Field(description="how many whole periods the baseline covers")
    expected: float | None = Field(description="baseline / baseline_periods: what an unchanged rate would give")
    p_value: float | None = Field(description="one-sided conditional binomial test; null without enough data")
    verdict: TrendVerdict


class SignatureRow(_Frozen):
    signature: str
    count: int
    category: str
    repositories: list[str]
    sample_culprit: str | None = Field(description="one culprit line of the signature, redacted")
    rule: str | None
    last_seen: datetime
    fix_attempts: int = Field(description="fix attempts at this signature started in the period")
    verified_fixes: int
    auto_fix_rate: float | None = Field(description="verified_fixes / fix_attempts; null without attempts")
    strategy_that_worked: str | None = Field(description="the strategy with the most verified fixes")
    trend: TrendVerdict | None = None


class NewSignature(_Frozen):
    signature: str
    count: int
    category: str
    repositories: list[str]
    sample_culprit: str | None
    first_seen: datetime


class FlakySignature(_Frozen):
    signature: str
    category: str
    failures: int = Field(description="failures with this signature in the period")
    passed_on_rerun: int = Field(description="of those, how many passed when re-run at the same commit")
    passes_on_rerun_ever: int = Field(description="the fix flow's count of passing re-runs at the same commit")
    sample_culprit: str | None


class StrategyRank(_Frozen):
    strategy: str
    attempts: int
    fixed: int
    not_fixed: int
    rejected: int
    pending: int = Field(description="attempts still waiting for a verdict")
    posterior_mean: float = Field(description="mean of Beta(1 + fixed, 1 + not_fixed + rejected)")
    credible_low: float = Field(description="5th percentile of that posterior")
    credible_high: float = Field(description="95th percentile of that posterior")


class PullRequestCounts(_Frozen):
    opened: int
    merged: int
    closed: int = Field(description="closed by a maintainer without merging")
    closed_stale: int = Field(description="closed by ci-agent: the failure was resolved another way")
    still_open: int


class AutoFix(_Frozen):
    attempts: int = Field(description="fix attempts that tried a change (re-run or pull request)")
    verified_fixes: int
    declined: int = Field(description="executions that tried nothing: no strategy applied, budget, opt-out, dry run")
    strategies: list[StrategyRank] = Field(description="ranked by posterior mean, then verified fixes")
    pull_requests: PullRequestCounts
    time_saved_hours: float | None = Field(
        description="sum over verified fixes of (the period's median MTTR without ci-agent - failure to verified "
        "fix), counting only positive differences; null when no MTTR without ci-agent is known"
    )


class Day(_Frozen):
    day: date
    failures: int
    resolved: int = Field(description="of that day's failures, how many are resolved")
    mttr_median_hours: float | None


class CategoryCount(_Frozen):
    category: str
    failures: int
    previous_failures: int


class Recommendation(_Frozen):
    text: str
    evidence: str = Field(description="the figures from this report that support it")


class WeeklyReport(_Frozen):
    """Everything a weekly report says, as numbers."""

    schema_version: int = SCHEMA_VERSION
    owner: str = Field(description="the organisation or user reported on")
    repo: str | None = Field(description="owner/name when the report covers one repository")
    name: str = Field(description="the period's name: ISO week of its end, e.g. 2026-W48")
    period_start: datetime
    period_end: datetime = Field(description="exclusive")
    generated_at: datetime
    quietness: str = Field(description="'empty' (no failures), 'quiet' (a handful) or 'busy'")
    summary: Summary
    categories: list[CategoryCount]
    top_signatures: list[SignatureRow]
    trends: list[Trend]
    trend_rule: str = Field(description="the statistical rule the trend verdicts follow, in words")
    new_signatures: list[NewSignature]
    flaky_signatures: list[FlakySignature]
    auto_fix: AutoFix
    days: list[Day]
    recommendations: list[Recommendation]
