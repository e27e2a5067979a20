"""Which strategy to try first: a priority that weighs how sure the diagnosis is, how much the failure matters,
how well the strategy fits, what it has achieved before, and what it costs.

    priority = confidence × fit × severity(category) × optimistic_success / cost

``optimistic_success`` is an upper estimate of the strategy's success probability θ for this signature, from a
Beta posterior that borrows strength from the strategy's record on the category's *other* signatures:

    m = (1 + fixed_cat − fixed_sig) / (2 + verdicts_cat − verdicts_sig)    category mean, Laplace prior
    a = k·m + fixed_sig,   b = k·(1 − m) + failures_sig                     k = 2 pseudo-verdicts
    θ ~ Beta(a, b):  mean = a / (a + b),  sd = √(ab / ((a + b)² (a + b + 1)))
    optimistic_success = mean + λ·sd                                       λ = 0.5

(failures = not fixed + rejected.) With no history θ is Beta(1, 1): an untried strategy scores 0.5 + 0.14 and
is still tried, ahead of strategies with a poor record. One lucky success (1/1: 0.67 + 0.12) does not outrank a
long good record (40/50: 0.79 + 0.03). A strategy whose optimistic estimate for the signature has fallen below
``GIVE_UP_BELOW`` after at least ``MIN_VERDICTS_TO_GIVE_UP`` verdicts (four failures and no success) is no longer
proposed for it. Deterministic on purpose (an upper confidence bound rather than Thompson sampling): the same
history gives the same ranking, which a reviewer can recompute from the inputs the pull request shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ci_agent.analysis import Category
from ci_agent.healing.model import Applicability
from ci_agent.store.records import StrategyRecord

PRIOR_STRENGTH = 2.0
OPTIMISM = 0.5
GIVE_UP_BELOW = 0.25
MIN_VERDICTS_TO_GIVE_UP = 3

# How much a failure of each category hurts (blocks merges, hides other failures): the severity factor.
SEVERITY: Mapping[Category, float] = {
    Category.BUILD: 1.0,
    Category.DEPENDENCY: 1.0,
    Category.CONFIG: 1.0,
    Category.TEST: 0.9,
    Category.PERMISSION: 0.9,
    Category.INFRASTRUCTURE: 0.8,
    Category.TIMEOUT: 0.8,
    Category.RESOURCE: 0.8,
    Category.LINT: 0.6,
    Category.UNKNOWN: 0.5,
}


@dataclass(frozen=True, slots=True)
class SuccessEstimate:
    mean: float
    sd: float

    @property
    def optimistic(self) -> float:
        return self.mean + OPTIMISM * self.sd


def estimate_success(by_category: StrategyRecord, by_signature: StrategyRecord) -> SuccessEstimate:
    """The Beta posterior of the strategy's success on this signature (see the module docstring)."""
    other_fixed = max(0, by_category.fixed - by_signature.fixed)
    other_verdicts = max(0, by_category.verdicts - by_signature.verdicts)
    category_mean = (1 + other_fixed) / (2 + other_verdicts)
    a = PRIOR_STRENGTH * category_mean + by_signature.fixed
    b = PRIOR_STRENGTH * (1 - category_mean) + by_signature.failures
    total = a + b
    return SuccessEstimate(mean=a / total, sd=math.sqrt(a * b / (total * total * (total + 1))))


def keeps_failing(by_category: StrategyRecord, by_signature: StrategyRecord) -> bool:
    """Whether the record says to stop proposing the strategy for this signature."""
    if by_signature.verdicts < MIN_VERDICTS_TO_GIVE_UP:
        return False
    return estimate_success(by_category, by_signature).optimistic < GIVE_UP_BELOW


@dataclass(frozen=True, slots=True)
class CandidateInput:
    """One strategy that applies, with what the ranking needs to know about it."""

    strategy: str
    version: str
    kind: str
    cost: float
    applicability: Applicability
    by_category: StrategyRecord
    by_signature: StrategyRecord


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    strategy: str
    version: str
    kind: str
    priority: float
    reason: str
    inputs: Mapping[str, float]  # every number the priority was computed from, for the PR body and the record


def priority_of(candidate: CandidateInput, category: Category, confidence: float) -> RankedCandidate:
    estimate = estimate_success(candidate.by_category, candidate.by_signature)
    severity = SEVERITY.get(category, SEVERITY[Category.UNKNOWN])
    fit = candidate.applicability.fit
    priority = confidence * fit * severity * estimate.optimistic / candidate.cost
    inputs = {
        "confidence": round(confidence, 4),
        "fit": round(fit, 4),
        "severity": severity,
        "success_mean": round(estimate.mean, 4),
        "success_sd": round(estimate.sd, 4),
        "optimistic_success": round(estimate.optimistic, 4),
        "cost": candidate.cost,
        "signature_fixed": float(candidate.by_signature.fixed),
        "signature_failed": float(candidate.by_signature.failures),
        "category_fixed": float(candidate.by_category.fixed),
        "category_failed": float(candidate.by_category.failures),
    }
    return RankedCandidate(
        strategy=candidate.strategy,
        version=candidate.version,
        kind=candidate.kind,
        priority=round(priority, 6),
        reason=candidate.applicability.reason,
        inputs=inputs,
    )


def rank_strategies(
    candidates: Sequence[CandidateInput], category: Category, confidence: float
) -> tuple[list[RankedCandidate], list[tuple[str, str]]]:
    """The candidates worth trying, best first (ties: cheaper, then by name), and those left out with why."""
    ranked: list[RankedCandidate] = []
    left_out: list[tuple[str, str]] = []
    for candidate in candidates:
        if keeps_failing(candidate.by_category, candidate.by_signature):
            left_out.append(
                (
                    candidate.strategy,
                    f"failed {candidate.by_signature.failures} of {candidate.by_signature.verdicts} times on this "
                    "failure signature",
                )
            )
            continue
        ranked.append(priority_of(candidate, category, confidence))
    ranked.sort(key=lambda item: (-item.priority, item.inputs["cost"], item.strategy))
    return ranked, left_out
