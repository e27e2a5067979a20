"""The weekly report's numbers against a history computed by hand, the statistics behind them, and the
Markdown for empty, quiet and busy periods."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jsonschema
import pytest

from ci_agent.reporting import (
    TREND_RULE,
    Period,
    ReportBuilder,
    ReportScope,
    TrendVerdict,
    WeeklyReport,
    render_json,
    render_markdown,
    trend,
)
from ci_agent.reporting.schema import report_schema
from ci_agent.reporting.statistics import (
    beta_cdf,
    beta_quantile,
    binomial_lower_tail,
    binomial_upper_tail,
    median,
    percentile,
)
from tests.unit.reporting_history import ATTEMPTS, END, FAILURES, FAKE_TOKEN, HOUR, S1, S2, day, failure

ROOT = Path(__file__).resolve().parents[2]
PERIOD = Period.ending(END)


def brute_upper(k: int, n: int, p: float) -> float:
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(max(k, 0), n + 1))


ACME = ReportScope("acme")


def build(scope: ReportScope = ACME, failures=FAILURES, attempts=ATTEMPTS, **kwargs) -> WeeklyReport:
    builder = ReportBuilder(scope, PERIOD).add_failures(failures).add_attempts(attempts)
    return builder.report(generated_at=END, **kwargs)


# ---------------------------------------------------------------------------------------------- statistics


def test_median_and_nearest_rank_percentile():
    assert median([]) is None and percentile([], 0.9) is None
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([1.0, 3.0, 2.0, 10.0]) == 2.5
    assert percentile([1.0, 3.0, 2.0, 10.0], 0.9) == 10.0  # ceil(0.9 * 4) = 4th
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0  # ceil(0.9 * 10) = 9th
    assert percentile([5.0], 0.5) == 5.0
    with pytest.raises(ValueError):
        percentile([1.0], 0)


@pytest.mark.parametrize("n", [0, 1, 7, 30])
@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 1.0])
def test_binomial_tails_equal_the_direct_sums(n: int, p: float):
    for k in range(-1, n + 2):
        assert binomial_upper_tail(k, n, p) == pytest.approx(brute_upper(k, n, p) if k <= n else 0.0, abs=1e-12)
        expected_lower = 1 - brute_upper(k + 1, n, p) if k >= 0 else 0.0
        assert binomial_lower_tail(k, n, p) == pytest.approx(expected_lower, abs=1e-9)


def test_binomial_tails_of_large_counts_are_fast_and_keep_their_tail():
    tiny = binomial_upper_tail(52_000, 250_000, 0.2)  # ten standard deviations above the mean
    assert 1e-25 < tiny < 1e-21
    assert binomial_upper_tail(50_000, 250_000, 0.2) == pytest.approx(0.5, abs=0.01)


def test_beta_quantiles_match_closed_forms():
    assert beta_quantile(0.05, 1, 1) == pytest.approx(0.05)  # uniform
    assert beta_quantile(0.5, 3, 1) == pytest.approx(0.5 ** (1 / 3))  # Beta(a, 1): x^a
    assert beta_quantile(0.9, 1, 4) == pytest.approx(1 - 0.1 ** (1 / 4))  # Beta(1, b): 1 - (1 - x)^b
    assert beta_cdf(beta_quantile(0.95, 30, 12), 30, 12) == pytest.approx(0.95)


# ---------------------------------------------------------------------------------------------- trends


def test_trend_needs_enough_data():
    assert trend("test", "category", 5, 4, 4).verdict is TrendVerdict.NOT_ENOUGH_DATA  # 9 < 10
    assert trend("test", "category", 40, 0, 0).verdict is TrendVerdict.NOT_ENOUGH_DATA  # no earlier period
    assert trend("test", "category", 6, 4, 4).verdict is TrendVerdict.RISING  # 10: tested, 6 vs 1 per week


def test_trend_rising_at_the_edge_of_significance():
    # b = 20 over 4 weeks (5 a week): P[X >= 10 | 30, 0.2] = 0.061, P[X >= 11 | 31, 0.2] = 0.033
    at_ten, at_eleven = trend("s", "signature", 10, 20, 4), trend("s", "signature", 11, 20, 4)
    assert at_ten.verdict is TrendVerdict.STABLE
    assert at_eleven.verdict is TrendVerdict.RISING
    assert at_eleven.p_value == pytest.approx(brute_upper(11, 31, 0.2))
    assert at_eleven.expected == 5.0


def test_trend_improving_at_the_edge_and_only_from_a_rate_worth_improving():
    # b = 40 over 4 weeks (10 a week): P[X <= 4 | 44, 0.2] = 0.044, P[X <= 5 | 45, 0.2] = 0.090
    assert trend("c", "category", 4, 40, 4).verdict is TrendVerdict.IMPROVING
    assert trend("c", "category", 5, 40, 4).verdict is TrendVerdict.STABLE
    # 4 a week before, none now: P = 0.8^16 = 0.028, but fewer than 5 a week is too few to call it better
    assert trend("c", "category", 0, 16, 4).verdict is TrendVerdict.STABLE


def test_a_raw_difference_of_small_counts_is_not_a_trend():
    assert trend("c", "category", 3, 0, 4).verdict is TrendVerdict.NOT_ENOUGH_DATA
    # 5 against 2 a week looks like more than double, but P[X >= 5 | 13, 0.2] = 0.099: no evidence of a rise
    assert trend("c", "category", 5, 8, 4).verdict is TrendVerdict.STABLE


# ---------------------------------------------------------------------------------------------- periods


def test_the_default_period_is_the_week_before_sunday_midnight_named_by_its_iso_week():
    period = Period.days_before_midnight(datetime(2026, 11, 29, 0, 4, tzinfo=UTC))
    assert (period.start, period.end) == (datetime(2026, 11, 22, tzinfo=UTC), END)
    assert period.name == "2026-W48"
    assert period.previous() == Period(datetime(2026, 11, 15, tzinfo=UTC), period.start)
    assert len(period.day_starts()) == 7
    assert Period.ending(END, 14).name == "2026-W48-14d"
    # ending Monday 4 Jan 2027 00:00, its last instant is Sunday 3 Jan 2027: ISO week 53 of 2026
    assert Period.ending(datetime(2027, 1, 4, tzinfo=UTC)).name == "2026-W53"


def test_a_period_must_be_aware_and_forward():
    with pytest.raises(ValueError):
        Period(datetime(2026, 1, 2), datetime(2026, 1, 3))
    with pytest.raises(ValueError):
        Period(END, END)


# ---------------------------------------------------------------------------------------------- the report


def test_summary_figures_against_the_hand_computed_history():
    summary = build().summary
    # this period: 5 failures of acme (umbrella's is another owner's), 4 resolved after 1, 3, 2 and 10 hours
    assert (summary.failures.current, summary.failures.previous, summary.failures.change) == (5, 2, 3)
    assert summary.resolved_share.current == pytest.approx(4 / 5)
    assert summary.resolved_share.previous == pytest.approx(1 / 2)
    assert summary.mttr_median_hours.current == pytest.approx(2.5)  # (2 + 3) / 2
    assert summary.mttr_p90_hours.current == pytest.approx(10.0)  # nearest rank: ceil(0.9 * 4) = 4th of 4
    assert summary.mttr_median_hours.previous == pytest.approx(4.0)
    assert summary.mttr_median_hours.change == pytest.approx(-1.5)
    # 3 attempts that tried something (the "none" one declined), 1 verified; the period before: 1 of 1
    assert summary.auto_fix_rate.current == pytest.approx(1 / 3)
    assert summary.auto_fix_rate.previous == pytest.approx(1.0)
    assert summary.open_failures == 1
    assert [(r.repo, r.failed_jobs, r.previous_failed_jobs) for r in summary.repositories] == [
        ("acme/shop", 3, 2),
        ("acme/api", 2, 0),
    ]


def test_top_signatures_count_repositories_culprit_and_fixes():
    report = build()
    first, second = report.top_signatures
    assert (first.signature, first.count, first.category, first.repositories) == (
        S1,
        3,
        "test",
        ["acme/api", "acme/shop"],
    )
    assert first.last_seen == day(24, 12)
    assert (first.fix_attempts, first.verified_fixes, first.auto_fix_rate) == (2, 0, 0.0)
    assert (second.signature, second.count, second.verified_fixes, second.strategy_that_worked) == (
        S2,
        2,
        1,
        "bump-dependency",
    )
    assert second.sample_culprit is not None
    assert FAKE_TOKEN not in second.sample_culprit and "[REDACTED]" in second.sample_culprit


def test_auto_fix_ranks_strategies_by_their_beta_posterior():
    auto_fix = build().auto_fix
    assert (auto_fix.attempts, auto_fix.verified_fixes, auto_fix.declined) == (3, 1, 1)
    bump, rerun = auto_fix.strategies
    assert (bump.strategy, bump.fixed, bump.posterior_mean) == ("bump-dependency", 1, pytest.approx(2 / 3))
    assert bump.credible_low == pytest.approx(math.sqrt(0.05), abs=1e-9)  # Beta(2, 1): x^2
    assert (rerun.strategy, rerun.not_fixed, rerun.pending, rerun.posterior_mean) == (
        "rerun-failed-jobs",
        1,
        1,
        pytest.approx(1 / 3),
    )
    assert (auto_fix.pull_requests.opened, auto_fix.pull_requests.merged) == (1, 1)
    # median recovery without ci-agent: 2 h (1, 3, 2); its fix was verified after 1 h: 1 h saved
    assert auto_fix.time_saved_hours == pytest.approx(1.0)


def test_flaky_new_and_daily_figures():
    report = build(flaky_passes={S1: 4}, seen_before=set())
    (flaky,) = report.flaky_signatures
    assert (flaky.signature, flaky.passed_on_rerun, flaky.passes_on_rerun_ever) == (S1, 1, 4)
    # S1 failed in the baseline weeks, S2 did not: S2 is new unless seen before them
    assert [n.signature for n in report.new_signatures] == [S2]
    assert build(seen_before={S2}).new_signatures == []
    days = {d.day.isoformat(): (d.failures, d.resolved, d.mttr_median_hours) for d in report.days}
    assert days["2026-11-24"] == (2, 2, pytest.approx(2.5))
    assert days["2026-11-25"] == (1, 0, None)
    assert sum(d.failures for d in report.days) == 5


def test_a_flaky_recommendation_counts_its_passes_in_words_that_agree(monkeypatch: pytest.MonkeyPatch):
    # the fixture's flaky signature passed one re-run this period: recommend from one pass, to see the singular
    monkeypatch.setattr("ci_agent.reporting.build.FLAKY_MIN_PASSES", 1)

    def flaky_evidence(passes: int) -> str:
        (evidence,) = [r.evidence for r in build(flaky_passes={S1: passes}).recommendations if "flaky" in r.text]
        return evidence

    assert "(1 such pass recorded by the fix flow)" in flaky_evidence(1)
    assert "(4 such passes recorded by the fix flow)" in flaky_evidence(4)


def test_trends_cover_categories_and_top_signatures_with_the_rule_stated():
    report = build()
    assert report.trend_rule == TREND_RULE
    assert {(t.kind, t.subject) for t in report.trends} == {
        ("category", "test"),
        ("category", "dependency"),
        ("signature", S1),
        ("signature", S2),
    }
    # the history starts the week before this one, and holds too few failures to judge anything
    assert {t.verdict for t in report.trends} == {TrendVerdict.NOT_ENOUGH_DATA}
    assert {t.baseline_periods for t in report.trends} == {1}


def test_a_rising_signature_is_found_and_recommended_with_its_evidence():
    # 2 a week for four weeks, then 12: P[X >= 12 | 20, 0.2] is about 1e-5
    flood = [failure(100 + n, PERIOD.start + n * HOUR, S2) for n in range(12)]
    history = [failure(300 + n, PERIOD.start - timedelta(days=7 * w + 1), S2) for w in range(4) for n in range(2)]
    report = build(failures=history + flood, attempts=[])
    (signature_trend,) = [t for t in report.trends if t.kind == "signature"]
    assert signature_trend.verdict is TrendVerdict.RISING
    assert (signature_trend.current, signature_trend.baseline, signature_trend.baseline_periods) == (12, 8, 4)
    texts = [r.text + " " + r.evidence for r in report.recommendations]
    assert any("rise of test failures" in text and "12 this period against 2.0" in text for text in texts)
    assert any("12 test failures of signature" in text for text in texts)


def test_a_repository_report_covers_only_that_repository():
    report = build(ReportScope.of(repo="acme/api"))
    assert report.repo == "acme/api"
    assert report.summary.failures.current == 2
    assert report.auto_fix.declined == 1 and report.auto_fix.attempts == 0


def test_scopes_are_checked():
    with pytest.raises(ValueError):
        ReportScope.of()
    with pytest.raises(ValueError):
        ReportScope.of(repo="not-a-repo")
    with pytest.raises(ValueError):
        ReportScope("acme", "other/repo")


# ---------------------------------------------------------------------------------------------- rendering


def test_an_empty_period_gives_a_short_honest_report():
    text = render_markdown(build(failures=[], attempts=[]))
    assert "no failed GitHub Actions job was recorded in acme's repositories" in text
    assert "|" not in text and "mermaid" not in text
    assert len(text.splitlines()) < 10


def test_a_quiet_period_lists_its_failures_without_charts_or_trends():
    quiet = [f for f in FAILURES if f.job_id in (11, 14)]
    text = render_markdown(build(failures=quiet, attempts=[]))
    assert "A quiet period:** 2 failed jobs" in text
    assert "mermaid" not in text and "## Trends" not in text
    assert f"`{S1[:12]}`" in text and f"`{S2[:12]}`" in text


def test_a_busy_period_has_every_section_charts_and_their_numbers_in_tables():
    busy = [*FAILURES, *(failure(200 + n, day(27, n), S1, repo="acme/web") for n in range(10))]
    text = render_markdown(build(failures=busy, flaky_passes={S1: 4}), json_location="reports/acme/2026-W48.json")
    for heading in (
        "## Summary",
        "## Top failure signatures",
        "## Trends",
        "## Flaky signatures",
        "## Auto-fix",
        "## Day by day",
        "## Recommendations",
    ):
        assert heading in text
    assert text.startswith("<!-- ci-agent:weekly-report acme 2026-W48 -->\n")
    assert "xychart-beta" in text and "pie showData" in text
    assert "bar [0, 1, 2, 1, 1, 10, 0]" in text  # Sun 22 .. Sat 28
    assert "| Fri 27 Nov | 10 | 0 | – |" in text
    assert FAKE_TOKEN not in text
    assert "`reports/acme/2026-W48.json`" in text


def test_a_pipe_or_backtick_in_a_culprit_cannot_break_the_table():
    odd = failure(11, day(23), S1, culprit="expected `a|b` got ```c```\rnext")
    text = render_markdown(build(failures=[odd] * 6, attempts=[]))
    row = next(line for line in text.splitlines() if line.startswith(f"| `{S1[:12]}`"))
    # One code span, pipe escaped, one line (redaction strips control characters such as the CR first).
    assert "`expected 'a\\|b' got '''c'''next`" in row
    assert row.count("`") == 4


def test_the_json_follows_the_published_schema():
    document = json.loads(render_json(build(flaky_passes={S1: 4})))
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["schema_version"] == 1
    assert WeeklyReport.model_validate(document) == build(flaky_passes={S1: 4})


def test_the_published_schema_is_generated_from_the_models():
    published = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    assert published == report_schema(), "stale: python -m ci_agent.reporting.schema > docs/report.schema.json"


def test_reports_are_the_same_whatever_order_the_records_come_in():
    assert build(failures=list(reversed(FAILURES))) == build()
    assert build(attempts=[replace(a) for a in reversed(ATTEMPTS)]) == build()
