"""The learning rule: what history does to a strategy's rank, shown on the cases a reviewer would ask about."""

from __future__ import annotations

import pytest

from ci_agent.analysis import Category
from ci_agent.healing.model import Applicability
from ci_agent.healing.ranking import (
    CandidateInput,
    estimate_success,
    keeps_failing,
    priority_of,
    rank_strategies,
)
from ci_agent.store.records import StrategyRecord


def candidate(name: str, *, fixed: int = 0, failed: int = 0, fit: float = 0.8, cost: float = 1.0) -> CandidateInput:
    record = StrategyRecord(fixed=fixed, not_fixed=failed)
    return CandidateInput(name, "1", "pull_request", cost, Applicability("applies", fit), record, record)


def names(ranked: list) -> list[str]:
    return [item.strategy for item in ranked]


def test_one_lucky_success_does_not_outrank_a_long_good_record() -> None:
    ranked, _ = rank_strategies(
        [candidate("lucky", fixed=1), candidate("proven", fixed=40, failed=10)], Category.CONFIG, 0.9
    )

    assert names(ranked) == ["proven", "lucky"]


def test_an_untried_strategy_is_still_tried_ahead_of_a_poor_record() -> None:
    ranked, left_out = rank_strategies([candidate("poor", fixed=3, failed=9), candidate("new")], Category.CONFIG, 0.9)

    assert names(ranked) == ["new", "poor"]
    assert left_out == []
    assert estimate_success(StrategyRecord(), StrategyRecord()).mean == pytest.approx(0.5)


def test_a_strategy_that_keeps_failing_for_a_signature_stops_being_tried_for_it() -> None:
    histories = [StrategyRecord(not_fixed=n) for n in range(7)]
    stops = [keeps_failing(history, history) for history in histories]

    # Three failures are not yet enough evidence; four with no success are.
    assert stops == [False, False, False, False, True, True, True]
    ranked, left_out = rank_strategies([candidate("hopeless", failed=5), candidate("other")], Category.CONFIG, 0.9)
    assert names(ranked) == ["other"]
    assert left_out == [("hopeless", "failed 5 of 5 times on this failure signature")]
    # One success among the failures keeps it in the running.
    assert not keeps_failing(StrategyRecord(fixed=1, not_fixed=5), StrategyRecord(fixed=1, not_fixed=5))


def test_the_signature_borrows_from_the_category_s_other_signatures_not_from_itself() -> None:
    # The category's record is this signature's record plus nothing else: the prior stays uniform.
    alone = estimate_success(StrategyRecord(fixed=1), StrategyRecord(fixed=1))
    assert alone.mean == pytest.approx(2 / 3)
    # Other signatures of the category went well: a new signature starts from their success.
    learned = estimate_success(StrategyRecord(fixed=20, not_fixed=2), StrategyRecord())
    assert learned.mean == pytest.approx(21 / 24)


def test_the_priority_is_the_stated_product_and_shows_its_inputs() -> None:
    ranked = priority_of(candidate("bump", fixed=3, failed=1, fit=0.9, cost=2.0), Category.CONFIG, 0.8)

    estimate = estimate_success(StrategyRecord(fixed=3, not_fixed=1), StrategyRecord(fixed=3, not_fixed=1))
    assert ranked.priority == pytest.approx(0.8 * 0.9 * 1.0 * estimate.optimistic / 2.0, abs=1e-6)
    assert ranked.inputs["signature_fixed"] == 3 and ranked.inputs["signature_failed"] == 1
    assert ranked.inputs["cost"] == 2.0 and ranked.inputs["severity"] == 1.0


def test_cost_and_severity_order_otherwise_equal_strategies() -> None:
    ranked, _ = rank_strategies([candidate("dear", cost=2.0), candidate("cheap", cost=1.0)], Category.LINT, 0.9)
    assert names(ranked) == ["cheap", "dear"]
    lint = priority_of(candidate("x"), Category.LINT, 0.9).priority
    build = priority_of(candidate("x"), Category.BUILD, 0.9).priority
    assert build > lint
