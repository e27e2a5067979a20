"""The strategies' data files are consistent: every row can be used as the code reads it."""

from __future__ import annotations

import re

from packaging.requirements import Requirement

from ci_agent.healing.strategies.bump_deprecated_action import MAJOR, deprecated_actions, deprecation_messages
from ci_agent.healing.strategies.tables import strategy_table


def test_deprecated_actions_move_to_a_major_that_is_not_deprecated() -> None:
    table = deprecated_actions()
    for row in table.values():
        supported = MAJOR.match(row.supported)
        assert supported, row.name
        assert int(supported.group(1)) not in row.deprecated, row.name
        assert 0 not in row.deprecated, f"{row.name}: every deprecated entry must be a major like v3"
        assert all(companion in table for companion in row.moves_with), row.name
        assert row.source.startswith("https://"), row.name
    assert all("actions" in message.groupindex for message in deprecation_messages())


def test_every_distribution_is_a_valid_requirement_and_every_import_name_a_dotted_identifier() -> None:
    table = strategy_table("python_distributions.toml")
    for module, distribution in table["distributions"].items():
        assert re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", module), module
        assert Requirement(distribution).name == distribution, distribution
    assert not set(table["ambiguous"]) & set(table["distributions"])
    for message in table["message"]:
        assert "module" in re.compile(message["pattern"]).groupindex


def test_every_formatter_and_permission_pattern_captures_its_path() -> None:
    for formatter in strategy_table("formatters.toml")["formatter"]:
        assert "path" in re.compile(formatter["file"]).groupindex
        assert "count" in re.compile(formatter["summary"]).groupindex
        assert formatter["runs_in_lambda"] or formatter["why_not"]
    for message in strategy_table("script_permissions.toml")["message"]:
        assert "path" in re.compile(message["pattern"]).groupindex
