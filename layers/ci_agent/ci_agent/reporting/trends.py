"""Rising, improving or stable: a failure rate compared with the periods before it, by a stated rule.

The rule (also printed in every report, see :data:`TREND_RULE`): take the period's count ``k`` and the count
``b`` over the ``m`` whole periods before it. If the rate had not changed, ``k`` given ``n = k + b`` would follow
Binomial(n, 1 / (m + 1)) (the conditional test for two Poisson rates). The trend is *rising* when
P[X >= k] < 0.05 and k >= 5, *improving* when P[X <= k] < 0.05 and b / m >= 5, otherwise *stable*; with
n < 10, or no earlier period with data, there is *not enough data* to say. A raw difference of two small counts
never decides anything.
"""

from __future__ import annotations

from ci_agent.reporting.model import Trend, TrendVerdict
from ci_agent.reporting.statistics import binomial_lower_tail, binomial_upper_tail

SIGNIFICANCE = 0.05
MIN_TOTAL = 10  # k + b below this: not enough data
MIN_RISING = 5  # a rise needs at least this many failures in the period
MIN_EXPECTED_FOR_IMPROVING = 5.0  # an improvement needs at least this many per period before

TREND_RULE = (
    f"Each period's count k is compared with the count b over the m whole periods before it (up to 4): with an "
    f"unchanged rate, k given k + b follows Binomial(k + b, 1/(m + 1)) (conditional test for Poisson rates). "
    f"Rising: P[X >= k] < {SIGNIFICANCE} and k >= {MIN_RISING}. Improving: P[X <= k] < {SIGNIFICANCE} and "
    f"b/m >= {MIN_EXPECTED_FOR_IMPROVING:g}. Otherwise stable; not enough data when k + b < {MIN_TOTAL} or no "
    f"earlier period has data."
)


def trend(subject: str, kind: str, current: int, baseline: int, baseline_periods: int) -> Trend:
    """The verdict for ``current`` failures in the period against ``baseline`` over ``baseline_periods``."""
    if current < 0 or baseline < 0 or baseline_periods < 0:
        raise ValueError("counts and periods cannot be negative")
    total = current + baseline
    if baseline_periods == 0 or total < MIN_TOTAL:
        expected = baseline / baseline_periods if baseline_periods else None
        return Trend(
            subject=subject,
            kind=kind,
            current=current,
            baseline=baseline,
            baseline_periods=baseline_periods,
            expected=expected,
            p_value=None,
            verdict=TrendVerdict.NOT_ENOUGH_DATA,
        )
    share = 1.0 / (baseline_periods + 1)
    expected = baseline / baseline_periods
    upper = binomial_upper_tail(current, total, share)
    lower = binomial_lower_tail(current, total, share)
    if upper < SIGNIFICANCE and current >= MIN_RISING:
        verdict, p_value = TrendVerdict.RISING, upper
    elif lower < SIGNIFICANCE and expected >= MIN_EXPECTED_FOR_IMPROVING:
        verdict, p_value = TrendVerdict.IMPROVING, lower
    else:
        verdict, p_value = TrendVerdict.STABLE, min(upper, lower)
    return Trend(
        subject=subject,
        kind=kind,
        current=current,
        baseline=baseline,
        baseline_periods=baseline_periods,
        expected=expected,
        p_value=p_value,
        verdict=verdict,
    )
