"""The operator's fix-flow configuration: opt-in, kill switch, dry run, budgets, and strict parsing."""

from __future__ import annotations

import pytest

from ci_agent.healing.policy import DEFAULT_DAILY_BUDGET, FixPolicy, FixPolicyError


def test_without_configuration_nothing_is_fixed() -> None:
    policy = FixPolicy.from_json(None)

    assert policy.why_not("acme/app") == "acme/app is not opted in to automatic fixes"


def test_a_listed_repository_is_fixed_with_its_own_settings() -> None:
    policy = FixPolicy.from_json(
        '{"repositories": {"Acme/App": {"daily_budget": 2, "dry_run": true}, "acme/off": {"enabled": false}}}'
    )

    assert policy.why_not("acme/app") is None  # GitHub's names are case-insensitive
    assert policy.budget_for("acme/app") == 2 and policy.dry_run_for("acme/app")
    assert policy.why_not("acme/off") is not None
    assert policy.why_not("acme/other") is not None


def test_the_kill_switch_wins_over_every_opt_in() -> None:
    policy = FixPolicy.from_json('{"enabled": false, "all_repositories": true}')

    assert policy.why_not("acme/app") == "the fix flow is switched off (kill switch)"


def test_all_repositories_opts_everything_in_with_the_defaults() -> None:
    policy = FixPolicy.from_json('{"all_repositories": true}')

    assert policy.why_not("any/repo") is None
    assert policy.budget_for("any/repo") == DEFAULT_DAILY_BUDGET
    assert not policy.dry_run_for("any/repo")


@pytest.mark.parametrize(
    "text",
    ['{"enabeld": false}', '{"repositories": {"a/b": {"budget": 3}}}', '{"daily_budget": -1}', "not json", "[]"],
)
def test_a_misspelled_or_invalid_setting_is_an_error_not_a_silent_default(text: str) -> None:
    with pytest.raises(FixPolicyError, match="invalid fix-flow configuration"):
        FixPolicy.from_json(text)
