"""From the records of a period (and the weeks before it) to a :class:`WeeklyReport`: pure, one pass each.

:class:`ReportBuilder` takes the failures of ``[baseline start, period end)`` and the fix attempts of
``[previous period start, period end)`` one at a time (the store streams them from its indexes), keeping only
counters and the recovery times of the period. Two questions need the store again and are asked in between:
which signatures of the period were seen before the baseline (``new_signature_candidates``) and which are known
flaky (``signatures``); :meth:`ReportBuilder.report` takes both answers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ci_agent.analysis import redact
from ci_agent.reporting.model import (
    AutoFix,
    CategoryCount,
    Day,
    FlakySignature,
    Metric,
    NewSignature,
    PullRequestCounts,
    Recommendation,
    RepositoryCount,
    SignatureRow,
    StrategyRank,
    Summary,
    Trend,
    TrendVerdict,
    WeeklyReport,
)
from ci_agent.reporting.period import BASELINE_PERIODS, Period
from ci_agent.reporting.statistics import beta_quantile, median, percentile
from ci_agent.reporting.trends import TREND_RULE, trend
from ci_agent.store.records import (
    FailureFacts,
    FailureRecord,
    FixAttemptRecord,
    FixOutcome,
    PullRequestState,
    owner_of,
)

TOP_SIGNATURES = 5
QUIET_BELOW = 5  # fewer failures than this make a quiet week: a short report, no charts
CULPRIT_CHARS = 120
RECOMMEND_MIN_FAILURES = 5  # a signature needs this many failures in the period to earn a recommendation
FLAKY_MIN_PASSES = 2
STRATEGY_MIN_VERDICTS = 3
STALE_OPEN = timedelta(days=3)
MAX_RECOMMENDATIONS = 6
# Executions that changed nothing: they say why no fix was tried, not how well fixing works.
DECLINED = frozenset(
    {FixOutcome.NOT_APPLICABLE, FixOutcome.SKIPPED_BUDGET, FixOutcome.SKIPPED_DISABLED, FixOutcome.DRY_RUN}
)
NO_STRATEGY = "none"
_HOUR = 3600.0

ADVICE = {
    "infrastructure": "make the step survive the network or runner outage: a retry, a cache or a registry mirror",
    "dependency": "refresh and commit the lock file, or pin the dependency that moved",
    "test": "fix or quarantine the failing test",
    "lint": "run the linter or formatter before pushing (a pre-commit hook)",
    "build": "fix the build error at its source; every later job waits on it",
    "timeout": "raise the step's timeout or split the job",
    "resource": "give the job a larger runner or lower its parallelism",
    "permission": "check the workflow token's permissions and the secrets it reads",
    "config": "fix the workflow configuration",
    "unknown": "add a rule for this message so that ci-agent can explain it next time",
}


@dataclass(frozen=True, slots=True)
class ReportScope:
    """Whose failures: an owner's, or one of its repositories' (``repo`` is ``owner/name``)."""

    owner: str
    repo: str | None = None

    def __post_init__(self) -> None:
        if not self.owner or "/" in self.owner:
            raise ValueError(f"an owner is an organisation or user name, got {self.owner!r}")
        if self.repo is not None and owner_of(self.repo) != self.owner:
            raise ValueError(f"{self.repo} does not belong to {self.owner}")

    @classmethod
    def of(cls, owner: str | None = None, repo: str | None = None) -> ReportScope:
        if repo is not None:
            if repo.count("/") != 1 or not all(repo.split("/")):
                raise ValueError(f"a repository is OWNER/NAME, got {repo!r}")
            return cls(owner_of(repo), repo)
        if owner is None:
            raise ValueError("a report needs an owner or a repository")
        return cls(owner)

    def covers(self, repo: str | None) -> bool:
        if repo is None:
            return False
        return repo == self.repo if self.repo is not None else owner_of(repo) == self.owner

    @property
    def label(self) -> str:
        return self.repo or self.owner


def _attempt_repo(attempt: FixAttemptRecord) -> str:
    # Attempts recorded before they carried their repository: the failure id is "<owner>/<name>#<job id>".
    return attempt.repo or attempt.failure_id.rpartition("#")[0]


def sample_line(text: str | None) -> str | None:
    """A culprit as a report may show it: redacted again (defence in depth), one line, bounded."""
    if text is None:
        return None
    # One line, and no backtick to close the code span it is shown in.
    line = " ".join(redact(text).split()).replace("`", "'")
    return line if len(line) <= CULPRIT_CHARS else line[: CULPRIT_CHARS - 1] + "…"


@dataclass(slots=True)
class _SignatureStats:
    category: str
    rule: str | None
    count: int = 0
    previous: int = 0
    baseline: int = 0
    repos: set[str] = field(default_factory=set)
    culprit: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    passed_on_rerun: int = 0
    attempts: int = 0
    fixed: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _DayStats:
    failures: int = 0
    resolved: int = 0
    recoveries: list[float] = field(default_factory=list)


@dataclass(slots=True)
class _StrategyStats:
    attempts: int = 0
    fixed: int = 0
    not_fixed: int = 0
    rejected: int = 0
    pending: int = 0


@dataclass(slots=True)
class _AttemptTotals:
    tried: int = 0
    fixed: int = 0


class ReportBuilder:
    """Accumulates one scope's records for ``period``; :meth:`report` turns them into the report."""

    def __init__(self, scope: ReportScope, period: Period, baseline_periods: int = BASELINE_PERIODS) -> None:
        self.scope = scope
        self.period = period
        self.previous = period.previous()
        self.baseline = period.previous(baseline_periods)
        self.baseline_periods = baseline_periods
        self._earliest: datetime | None = None
        self._signatures: dict[str, _SignatureStats] = {}
        self._baseline_only: Counter[str] = Counter()  # signatures not (yet) seen in the period
        self._previous_only: Counter[str] = Counter()
        self._categories: Counter[str] = Counter()
        self._previous_categories: Counter[str] = Counter()
        self._baseline_categories: Counter[str] = Counter()
        self._repos: Counter[str] = Counter()
        self._previous_repos: Counter[str] = Counter()
        self._days: dict[date, _DayStats] = {day: _DayStats() for day in period.day_starts()}
        self._recoveries: list[float] = []
        self._previous_recoveries: list[float] = []
        self._recoveries_without_fix: list[float] = []
        self._verified_fix_times: list[float] = []
        self._previous_failures = 0
        self._previous_resolved = 0
        self._resolved = 0
        self._open_times: dict[str, list[datetime]] = defaultdict(list)  # ages are judged at report time
        self._strategies: dict[str, _StrategyStats] = defaultdict(_StrategyStats)
        self._attempts = _AttemptTotals()
        self._previous_attempts = _AttemptTotals()
        self._declined = 0
        self._pulls: Counter[str] = Counter()

    # -- input -------------------------------------------------------------------------------------

    def add_failures(self, failures: Iterable[FailureRecord | FailureFacts]) -> ReportBuilder:
        for failure in failures:
            self.add_failure(failure)
        return self

    def add_failure(self, failure: FailureRecord | FailureFacts) -> None:
        if not self.scope.covers(failure.repo):
            return
        at = failure.failed_at
        if not self.baseline.start <= at < self.period.end:
            return
        if self._earliest is None or at < self._earliest:
            self._earliest = at
        category = failure.category.value
        if at in self.period:
            self._add_current(failure, category)
        elif at in self.previous:
            self._previous_failures += 1
            self._previous_categories[category] += 1
            self._previous_repos[failure.repo] += 1
            self._baseline_categories[category] += 1
            self._count_baseline_signature(failure.signature, previous=True)
            if failure.time_to_recovery_seconds is not None:
                self._previous_resolved += 1
                self._previous_recoveries.append(failure.time_to_recovery_seconds)
        else:
            self._baseline_categories[category] += 1
            self._count_baseline_signature(failure.signature, previous=False)

    def _count_baseline_signature(self, signature: str, *, previous: bool) -> None:
        stats = self._signatures.get(signature)
        if stats is None:
            self._baseline_only[signature] += 1
            self._previous_only[signature] += previous
            return
        stats.baseline += 1
        stats.previous += previous

    def _add_current(self, failure: FailureRecord | FailureFacts, category: str) -> None:
        self._categories[category] += 1
        self._repos[failure.repo] += 1
        stats = self._signatures.get(failure.signature)
        if stats is None:
            # The store reads oldest first: the signature's earlier failures were counted before it showed up here.
            stats = _SignatureStats(category=category, rule=failure.rule)
            stats.baseline = self._baseline_only.pop(failure.signature, 0)
            stats.previous = self._previous_only.pop(failure.signature, 0)
            self._signatures[failure.signature] = stats
        stats.count += 1
        stats.repos.add(failure.repo)
        if failure.culprit is not None:
            stats.culprit = failure.culprit.text
        if stats.first_seen is None or failure.failed_at < stats.first_seen:
            stats.first_seen = failure.failed_at
        if stats.last_seen is None or failure.failed_at > stats.last_seen:
            stats.last_seen = failure.failed_at
        day = self._days.setdefault(failure.failed_at.date(), _DayStats())
        day.failures += 1
        recovery = failure.time_to_recovery_seconds
        if recovery is not None:
            self._resolved += 1
            day.resolved += 1
            day.recoveries.append(recovery)
            self._recoveries.append(recovery)
            if failure.fix_verified_at is None:
                self._recoveries_without_fix.append(recovery)
            if failure.resolved_by_run_id == failure.run_id:
                # A later attempt of the same run passed: the same commit, so the failure did not need a change.
                stats.passed_on_rerun += 1
        else:
            self._open_times[failure.repo].append(failure.failed_at)
        fix_time = failure.time_to_verified_fix_seconds
        if fix_time is not None:
            self._verified_fix_times.append(fix_time)

    def add_attempts(self, attempts: Iterable[FixAttemptRecord]) -> ReportBuilder:
        for attempt in attempts:
            self.add_attempt(attempt)
        return self

    def add_attempt(self, attempt: FixAttemptRecord) -> None:
        if not self.scope.covers(_attempt_repo(attempt)):
            return
        at = attempt.started_at
        declined = attempt.strategy == NO_STRATEGY or attempt.outcome in DECLINED
        if at in self.previous:
            if not declined:
                self._previous_attempts.tried += 1
                self._previous_attempts.fixed += attempt.outcome is FixOutcome.FIXED
            return
        if at not in self.period:
            return
        if declined:
            self._declined += 1
            return
        fixed = attempt.outcome is FixOutcome.FIXED
        self._attempts.tried += 1
        self._attempts.fixed += fixed
        strategy = self._strategies[attempt.strategy]
        strategy.attempts += 1
        strategy.fixed += fixed
        strategy.not_fixed += attempt.outcome is FixOutcome.NOT_FIXED
        strategy.rejected += attempt.outcome is FixOutcome.REJECTED
        strategy.pending += not attempt.outcome.is_final
        if attempt.signature is not None:
            stats = self._signatures.get(attempt.signature)
            if stats is not None:
                stats.attempts += 1
                if fixed:
                    stats.fixed[attempt.strategy] += 1
        if attempt.pull_request_number is not None:
            self._pulls["opened"] += 1
            self._pulls[(attempt.pull_request_state or PullRequestState.OPEN).value] += 1

    # -- what the store is asked in between ----------------------------------------------------------

    def signatures(self) -> list[str]:
        """The period's signatures."""
        return list(self._signatures)

    def new_signature_candidates(self) -> list[str]:
        """The period's signatures not seen in the baseline weeks: new unless seen before them."""
        return [signature for signature, stats in self._signatures.items() if stats.baseline == 0]

    # -- output ------------------------------------------------------------------------------------

    def report(
        self,
        *,
        generated_at: datetime,
        flaky_passes: Mapping[str, int] | None = None,
        seen_before: Collection[str] = (),
    ) -> WeeklyReport:
        """The report. ``flaky_passes`` maps signatures to the fix flow's count of passing re-runs at the same
        commit; ``seen_before`` lists the new-signature candidates that were in fact seen before the baseline."""
        flaky_passes = flaky_passes or {}
        failures = sum(self._categories.values())
        quietness = "empty" if failures == 0 else "quiet" if failures < QUIET_BELOW else "busy"
        available = self._available_baseline_periods()
        top = sorted(
            self._signatures.items(),
            key=lambda item: (-item[1].count, -(item[1].last_seen or self.period.start).timestamp(), item[0]),
        )[:TOP_SIGNATURES]
        category_trends = [
            trend(category, "category", self._categories[category], self._baseline_categories[category], available)
            for category in sorted(set(self._categories) | set(self._baseline_categories))
        ]
        signature_trends = [
            trend(signature, "signature", stats.count, stats.baseline, available) for signature, stats in top
        ]
        verdicts = {t.subject: t.verdict for t in signature_trends}
        summary = self._summary(failures)
        strategies = self._strategy_ranks()
        flaky = self._flaky(flaky_passes)
        auto_fix = AutoFix(
            attempts=self._attempts.tried,
            verified_fixes=self._attempts.fixed,
            declined=self._declined,
            strategies=strategies,
            pull_requests=PullRequestCounts(
                opened=self._pulls["opened"],
                merged=self._pulls[PullRequestState.MERGED.value],
                closed=self._pulls[PullRequestState.CLOSED.value],
                closed_stale=self._pulls[PullRequestState.CLOSED_STALE.value],
                still_open=self._pulls[PullRequestState.OPEN.value],
            ),
            time_saved_hours=self._time_saved_hours(),
        )
        top_rows = [self._signature_row(signature, stats, verdicts.get(signature)) for signature, stats in top]
        report_trends = category_trends + signature_trends
        return WeeklyReport(
            owner=self.scope.owner,
            repo=self.scope.repo,
            name=self.period.name,
            period_start=self.period.start,
            period_end=self.period.end,
            generated_at=generated_at,
            quietness=quietness,
            summary=summary,
            categories=[
                CategoryCount(category=name, failures=count, previous_failures=self._previous_categories[name])
                for name, count in sorted(self._categories.items(), key=lambda item: (-item[1], item[0]))
            ],
            top_signatures=top_rows,
            trends=report_trends,
            trend_rule=TREND_RULE,
            new_signatures=self._new_signatures(seen_before),
            flaky_signatures=flaky,
            auto_fix=auto_fix,
            days=self._day_rows(),
            recommendations=self._recommendations(
                top_rows, report_trends, flaky, strategies, generated_at=generated_at
            ),
        )

    def _available_baseline_periods(self) -> int:
        """Whole baseline periods that had data: those ending after the earliest failure seen (a history that
        starts this period has none, and every count would otherwise look like a rise)."""
        if self._earliest is None:
            return 0
        length = self.period.length
        return sum(
            1
            for back in range(1, self.baseline_periods + 1)
            if self.period.start - (back - 1) * length > self._earliest
            and self.period.start - back * length >= self.baseline.start
        )

    def _summary(self, failures: int) -> Summary:
        previous_failures = self._previous_failures

        def share(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        def hours(value: float | None) -> float | None:
            return None if value is None else value / _HOUR

        repos = sorted(set(self._repos) | set(self._previous_repos), key=lambda r: (-self._repos[r], r))
        return Summary(
            failures=Metric.of(failures, previous_failures),
            resolved_share=Metric.of(
                share(self._resolved, failures), share(self._previous_resolved, previous_failures)
            ),
            auto_fix_rate=Metric.of(
                share(self._attempts.fixed, self._attempts.tried),
                share(self._previous_attempts.fixed, self._previous_attempts.tried),
            ),
            mttr_median_hours=Metric.of(hours(median(self._recoveries)), hours(median(self._previous_recoveries))),
            mttr_p90_hours=Metric.of(
                hours(percentile(self._recoveries, 0.9)), hours(percentile(self._previous_recoveries, 0.9))
            ),
            open_failures=failures - self._resolved,
            repositories=[
                RepositoryCount(
                    repo=repo, failed_jobs=self._repos[repo], previous_failed_jobs=self._previous_repos[repo]
                )
                for repo in repos
                if self._repos[repo]
            ],
        )

    def _signature_row(self, signature: str, stats: _SignatureStats, verdict: TrendVerdict | None) -> SignatureRow:
        fixed = sum(stats.fixed.values())
        best = min(stats.fixed.items(), key=lambda item: (-item[1], item[0]))[0] if stats.fixed else None
        assert stats.last_seen is not None
        return SignatureRow(
            signature=signature,
            count=stats.count,
            category=stats.category,
            repositories=sorted(stats.repos),
            sample_culprit=sample_line(stats.culprit),
            rule=stats.rule,
            last_seen=stats.last_seen,
            fix_attempts=stats.attempts,
            verified_fixes=fixed,
            auto_fix_rate=fixed / stats.attempts if stats.attempts else None,
            strategy_that_worked=best,
            trend=verdict,
        )

    def _new_signatures(self, seen_before: Collection[str]) -> list[NewSignature]:
        rows = []
        for signature in self.new_signature_candidates():
            if signature in seen_before:
                continue
            stats = self._signatures[signature]
            assert stats.first_seen is not None
            rows.append(
                NewSignature(
                    signature=signature,
                    count=stats.count,
                    category=stats.category,
                    repositories=sorted(stats.repos),
                    sample_culprit=sample_line(stats.culprit),
                    first_seen=stats.first_seen,
                )
            )
        return sorted(rows, key=lambda row: (-row.count, row.first_seen, row.signature))

    def _flaky(self, flaky_passes: Mapping[str, int]) -> list[FlakySignature]:
        rows = [
            FlakySignature(
                signature=signature,
                category=stats.category,
                failures=stats.count,
                passed_on_rerun=stats.passed_on_rerun,
                passes_on_rerun_ever=flaky_passes.get(signature, 0),
                sample_culprit=sample_line(stats.culprit),
            )
            for signature, stats in self._signatures.items()
            if stats.passed_on_rerun or flaky_passes.get(signature, 0)
        ]
        return sorted(rows, key=lambda row: (-row.passed_on_rerun, -row.passes_on_rerun_ever, row.signature))

    def _strategy_ranks(self) -> list[StrategyRank]:
        ranks = []
        for name, stats in self._strategies.items():
            alpha, beta = 1 + stats.fixed, 1 + stats.not_fixed + stats.rejected
            ranks.append(
                StrategyRank(
                    strategy=name,
                    attempts=stats.attempts,
                    fixed=stats.fixed,
                    not_fixed=stats.not_fixed,
                    rejected=stats.rejected,
                    pending=stats.pending,
                    posterior_mean=alpha / (alpha + beta),
                    credible_low=beta_quantile(0.05, alpha, beta),
                    credible_high=beta_quantile(0.95, alpha, beta),
                )
            )
        return sorted(ranks, key=lambda rank: (-rank.posterior_mean, -rank.fixed, rank.strategy))

    def _time_saved_hours(self) -> float | None:
        typical = median(self._recoveries_without_fix)
        if typical is None:
            return None
        return sum(max(0.0, typical - fix_time) for fix_time in self._verified_fix_times) / _HOUR

    def _day_rows(self) -> list[Day]:
        rows = []
        for day in self.period.day_starts():
            stats = self._days.get(day, _DayStats())
            middle = median(stats.recoveries)
            rows.append(
                Day(
                    day=day,
                    failures=stats.failures,
                    resolved=stats.resolved,
                    mttr_median_hours=None if middle is None else middle / _HOUR,
                )
            )
        return rows

    def _recommendations(
        self,
        top: list[SignatureRow],
        trends: list[Trend],
        flaky: list[FlakySignature],
        strategies: list[StrategyRank],
        *,
        generated_at: datetime,
    ) -> list[Recommendation]:
        found: list[Recommendation] = []
        for row in top[:3]:
            if row.count < RECOMMEND_MIN_FAILURES:
                continue
            what = f"`{row.sample_culprit}`" if row.sample_culprit else f"signature `{row.signature[:12]}`"
            found.append(
                Recommendation(
                    text=f"{ADVICE.get(row.category, ADVICE['unknown']).capitalize()}: {what}.",
                    evidence=(
                        f"{row.count} {row.category} failures of signature {row.signature[:12]} in "
                        f"{len(row.repositories)} {_plural(len(row.repositories), 'repository', 'repositories')} "
                        f"({', '.join(row.repositories[:3])}{', ...' if len(row.repositories) > 3 else ''})"
                    ),
                )
            )
        for flaky_signature in flaky:
            if max(flaky_signature.passed_on_rerun, flaky_signature.passes_on_rerun_ever) < FLAKY_MIN_PASSES:
                continue
            what = flaky_signature.sample_culprit or flaky_signature.signature[:12]
            found.append(
                Recommendation(
                    text=f"Quarantine or stabilise the flaky {flaky_signature.category} failure `{what}`.",
                    evidence=(
                        f"{flaky_signature.passed_on_rerun} of its {flaky_signature.failures} failures this period "
                        f"passed on a re-run at the same commit ({flaky_signature.passes_on_rerun_ever} such "
                        f"{_plural(flaky_signature.passes_on_rerun_ever, 'pass', 'passes')} recorded by the fix flow)"
                    ),
                )
            )
        for rising in trends:
            if rising.kind != "category" or rising.verdict is not TrendVerdict.RISING:
                continue
            found.append(
                Recommendation(
                    text=f"Look into the rise of {rising.subject} failures.",
                    evidence=(
                        f"{rising.current} this period against {rising.expected or 0:.1f} per period over the "
                        f"previous {rising.baseline_periods} (p = {rising.p_value or 0:.3g})"
                    ),
                )
            )
        for rank in strategies:
            verdicts = rank.fixed + rank.not_fixed + rank.rejected
            if verdicts < STRATEGY_MIN_VERDICTS:
                continue
            interval = f"90% credible interval {rank.credible_low:.0%}-{rank.credible_high:.0%}"
            if rank.credible_low >= 0.6:
                found.append(
                    Recommendation(
                        text=f"Let {rank.strategy} handle more failures (raise its daily budget).",
                        evidence=f"fixed {rank.fixed} of {verdicts} verified attempts; {interval}",
                    )
                )
            elif rank.credible_high <= 0.4:
                found.append(
                    Recommendation(
                        text=f"Review {rank.strategy}: its fixes rarely hold here.",
                        evidence=f"fixed {rank.fixed} of {verdicts} verified attempts; {interval}",
                    )
                )
        stale = self._stale_open(generated_at)
        if stale:
            repo, count = stale
            found.append(
                Recommendation(
                    text=f"Triage the failures left open in {repo}.",
                    evidence=f"{count} of this period's failures in {repo} "
                    f"{_plural(count, 'has', 'have')} been open for more than {STALE_OPEN.days} days",
                )
            )
        return found[:MAX_RECOMMENDATIONS]

    def _stale_open(self, now: datetime) -> tuple[str, int] | None:
        counts = Counter(
            {repo: sum(1 for at in times if now - at > STALE_OPEN) for repo, times in self._open_times.items()}
        )
        best = min(counts.items(), key=lambda item: (-item[1], item[0]), default=None)
        return best if best is not None and best[1] > 0 else None


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
