"""The few statistics the report needs: percentiles, exact binomial tails, and Beta-posterior intervals.

Exact and small on purpose: the Lambda layer carries no SciPy (tens of MB for three functions). Binomial
probabilities are summed in log space (``math.lgamma``), so counts in the tens of thousands neither overflow nor
lose the tail; a Beta quantile with integer parameters is found by bisection on its binomial form
(``I_x(a, b) = P[Binomial(a + b - 1, x) >= a]``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_BISECTION_STEPS = 60  # interval width below 1e-18: far finer than the two decimals the report prints


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below it
    (p90 of ten values is the ninth). Always one of the values, never an interpolation between two."""
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction}")
    if not values:
        return None
    ordered = sorted(values)
    rank = math.ceil(fraction * len(ordered))
    return float(ordered[rank - 1])


def _log_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)


def _tail_from_mode_side(first: int, last: int, step: int, n: int, p: float) -> float:
    """Sum the pmf from ``first`` towards ``last`` (inclusive), where the terms only shrink: stop once they
    fall below 1e-22 of the first, which bounds a tail of 10^5 terms to a few hundred."""
    first_log = _log_pmf(first, n, p)
    if first_log == -math.inf:
        return 0.0
    total = 0.0
    for j in range(first, last + step, step):
        term = _log_pmf(j, n, p) - first_log
        if term < -50.0:
            break
        total += math.exp(term)
    return min(1.0, math.exp(first_log) * total)


def binomial_upper_tail(k: int, n: int, p: float) -> float:
    """P[X >= k] for X ~ Binomial(n, p)."""
    _check_binomial(k, n, p)
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if k >= _mode(n, p):
        return _tail_from_mode_side(k, n, 1, n, p)
    return max(0.0, 1.0 - binomial_lower_tail(k - 1, n, p))


def binomial_lower_tail(k: int, n: int, p: float) -> float:
    """P[X <= k] for X ~ Binomial(n, p)."""
    _check_binomial(k, n, p)
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    if k <= _mode(n, p):
        return _tail_from_mode_side(k, 0, -1, n, p)
    return max(0.0, 1.0 - binomial_upper_tail(k + 1, n, p))


def _mode(n: int, p: float) -> int:
    return math.floor((n + 1) * p)


def _check_binomial(k: int, n: int, p: float) -> None:
    if n < 0 or not 0.0 <= p <= 1.0:
        raise ValueError(f"not a binomial distribution: n={n}, p={p}")


def beta_cdf(x: float, a: int, b: int) -> float:
    """I_x(a, b), the Beta(a, b) distribution function, for integer a, b >= 1."""
    if a < 1 or b < 1:
        raise ValueError(f"a and b must be positive integers, got {a}, {b}")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    return binomial_upper_tail(a, a + b - 1, x)


def beta_quantile(q: float, a: int, b: int) -> float:
    """The x with I_x(a, b) = q, for integer a, b >= 1 (bisection: the distribution function is increasing)."""
    if not 0.0 <= q <= 1.0:
        raise ValueError(f"q must be in [0, 1], got {q}")
    low, high = 0.0, 1.0
    for _ in range(_BISECTION_STEPS):
        middle = (low + high) / 2
        if beta_cdf(middle, a, b) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2
