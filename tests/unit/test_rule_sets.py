"""The sets that tell which rules a dense chunk of a log holds: each rule stands in them for a bounded piece of its
pattern (its member), and the rules whose member is only a superset are checked by their own pattern. Whatever the
pieces, the rules named for a chunk are exactly those whose pattern matches some line of it."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ci_agent.analysis import Rule, Ruleset
from ci_agent.analysis.rules import _loose_pattern, _set_member

from .test_ruleset import EXAMPLES, RULESET

EXAMPLE_TEXTS = [example for rule in RULESET.rules for example in rule.examples]


def present(ruleset: Ruleset, buffer: bytes) -> set[str]:
    """The rules whose loose pattern matches somewhere in ``buffer``, one rule at a time: the reference."""
    return {rule.name for rule in ruleset.rules if re2.search(_loose_pattern(rule.pattern), buffer)}


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_a_dense_chunk_holding_an_example_names_the_examples_rule(rule: Rule, example: str) -> None:
    # Given one of a rule's examples among lines no rule knows
    chunk = f"building 12 targets\n{example.rstrip()}\ndone in 3.2 s\n".encode()
    # Then the rule is among those the sets name for the chunk
    assert rule.name in {found.name for found, _regions in RULESET.rule_regions(chunk)}


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_rules_member_matches_every_text_its_pattern_matches(data: st.DataObject) -> None:
    # Given any rule and any text its pattern (without anchors) matches
    rule = data.draw(st.sampled_from(RULESET.rules), label="rule")
    # (drawn by Python's dialect with ASCII classes, as RE2's are; the rare text only Python's matches, such as a
    # vertical tab for `\s`, is not one)
    text = data.draw(st.from_regex(re.compile(_loose_pattern(rule.pattern), re.ASCII)), label="text")
    assume(re2.search(_loose_pattern(rule.pattern), text))
    # Then the bounded piece that stands for it in the sets matches that text too
    assert re2.search(_set_member(rule.pattern), text), _set_member(rule.pattern)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(EXAMPLE_TEXTS), max_size=40))
def test_the_rules_named_for_a_chunk_are_exactly_those_whose_pattern_occurs(examples: list[str]) -> None:
    # Given a chunk of rule examples, each on its own line, between lines no rule knows
    chunk = "".join(f"{example.rstrip()}\nstep {number} finished\n" for number, example in enumerate(examples))
    # Then the sets name exactly the rules a rule-by-rule search finds, however many members were only supersets
    assert {rule.name for rule, _regions in RULESET.rule_regions(chunk.encode())} == present(RULESET, chunk.encode())


def test_a_member_is_the_most_literal_piece_between_unbounded_gaps() -> None:
    # Given patterns whose fixed text is split by `.*`, `\S+` and the like
    # Then each stands for its longest stretch of fixed text (anchors dropped, flags kept)
    assert _set_member(r"^error: .* could not be found in (\S+)$") == " could not be found in "
    assert _set_member(r"(?i)^fatal: (\S+) is not a git repository") == "(?i: is not a git repository)"
    # and a group whose alternatives hold gaps gives each alternative's piece
    assert _set_member(r"^npm ERR! (?:code (E\w+)|missing script: (\S+))") == "npm ERR! "
    assert _set_member(r"^\S+: (?:no such file (\S+) here|permission (\S+) denied)$") == (
        "(?:no such file |permission )"
    )


def test_a_pattern_without_enough_fixed_text_or_with_inner_flags_stands_for_itself() -> None:
    # Given a pattern with no three fixed characters between its gaps, and one with flags inside it
    # Then the set holds the pattern itself, without its anchors
    assert _set_member(r"^(\S+):\d+: (\w+)$") == r"(\S+):\d+: (\w+)"
    assert _set_member(r"^error: (?i:no space left)") == "error: (?i:no space left)"


def test_an_anchor_inside_a_kept_group_is_dropped() -> None:
    # Given a bounded group that holds an anchor (a match at a line's start or after a colon)
    member = _set_member(r"(?:^|: )fatal error C\d{4}")
    # Then the member matches the text in the middle of a buffer too
    assert "^" not in member
    assert re2.search(member, "build\nsrc/a.c(3): fatal error C1083: cannot open")


FILLER = [f"step {number}: compiled module {number % 97} in {number % 13} ms" for number in range(20_000)]


@settings(max_examples=12, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(EXAMPLE_TEXTS),
            st.integers(min_value=0, max_value=len(FILLER)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_a_rule_s_lines_are_all_in_the_regions_named_for_it(placed: list[tuple[str, int]]) -> None:
    # Given rule examples scattered through a chunk of several 64 kB blocks of lines no rule knows
    lines = list(FILLER)
    for example, position in sorted(placed, key=lambda item: -item[1]):
        lines.insert(position, example.rstrip())
    chunk = "".join(f"{line}\n" for line in lines).encode()
    # Then each rule named for the chunk has, in its regions alone, every line a search of the whole chunk finds
    for rule, regions in RULESET.rule_regions(chunk):
        everywhere = list(RULESET.lines_of(rule, chunk, from_bottom=True))
        assert list(RULESET.lines_of(rule, chunk, from_bottom=True, regions=regions)) == everywhere
        assert list(RULESET.lines_of(rule, chunk, from_bottom=False, regions=regions)) == everywhere[::-1]
