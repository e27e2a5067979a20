"""The shipped rules file: every example matches its rule and wins, and a malformed file is refused clearly."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from ci_agent.analysis import Category, Rule, Ruleset, RulesetError, analyze_log, default_ruleset
from ci_agent.analysis.analyzer import infer_category
from ci_agent.analysis.rules import shipped_rule_files

STAMP = "2026-03-04T10:11:12.1234567Z"
RULESET = default_ruleset()
FILES = shipped_rule_files()
RAW_RULES = [entry for text in FILES.values() for entry in tomllib.loads(text).get("rule", [])]

# Examples the engine cannot yet diagnose in a whole log, though the rule matches them: see the reason.
KNOWN_ENGINE_GAPS: dict[tuple[str, str], str] = {}

EXAMPLES = [
    pytest.param(rule, example, id=f"{rule.name}[{index}]")
    for rule in RULESET.rules
    for index, example in enumerate(rule.examples)
]


def one_step_log(*output: str) -> str:
    lines = [
        "##[group]Run make ci",
        "make ci",
        "shell: /usr/bin/bash -e {0}",
        "##[endgroup]",
        *output,
        "##[error]Process completed with exit code 1.",
        "Post job cleanup.",
    ]
    return "".join(f"{STAMP} {line}\n" for line in lines)


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_example_matches_its_rule(rule: Rule, example: str) -> None:
    assert rule.regex.search(example.rstrip()), f"{rule.name} does not match its example {example!r}"


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_no_higher_rule_of_another_category_takes_an_example(rule: Rule, example: str) -> None:
    stealers = [
        other.name
        for other in RULESET.matching_rules(example.rstrip())
        if other.priority > rule.priority and other.category != rule.category
    ]
    assert not stealers, f"{rule.name}'s example {example!r} is taken by {stealers}"


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_an_example_is_never_boilerplate(rule: Rule, example: str) -> None:
    assert not RULESET.is_boilerplate(example.rstrip())


@pytest.mark.parametrize(("rule", "example"), EXAMPLES)
def test_an_example_in_a_log_gets_its_rule_category(rule: Rule, example: str) -> None:
    gap = KNOWN_ENGINE_GAPS.get((rule.name, example))
    if gap:
        pytest.xfail(gap)
    # Given the example as the only output of a failed step
    analysis = analyze_log(one_step_log("Running checks", example))
    # Then the verdict is this rule, or another of the same category; a generic rule's verdict may take the
    # category the line's own words name
    expected = rule.category
    if expected is Category.UNKNOWN:
        expected = infer_category(example) or Category.UNKNOWN
    assert analysis.category is expected, f"{example!r}: {analysis.rule} ({analysis.category})"
    # And the culprit is the example's line: a rule that points below it finds only the runner's exit line
    # there, which is never a culprit
    assert analysis.culprit is not None
    assert analysis.culprit.line == 6


CONTEXT_EXAMPLES = [
    pytest.param(rule, context_example, example, id=f"{rule.name}-when-above[{index}]")
    for rule in RULESET.rules
    if rule.when_above is not None
    for index, context_example in enumerate(rule.when_above.examples)
    for example in rule.examples[-1:]
]


def test_rules_with_a_context_carry_context_examples() -> None:
    assert [rule.name for rule in RULESET.rules if rule.when_above and not rule.when_above.examples] == []


@pytest.mark.parametrize(("rule", "context_example", "example"), CONTEXT_EXAMPLES)
def test_a_context_example_above_a_rule_example_gives_the_context_category(
    rule: Rule, context_example: str, example: str
) -> None:
    assert rule.when_above is not None
    # Given the context line, then the rule's own line, as the output of a failed step
    analysis = analyze_log(one_step_log(context_example, example))
    # Then the rule still names the failure and its line is the culprit, under the context's category
    assert analysis.rule == rule.name
    assert analysis.category is rule.when_above.category
    assert analysis.culprit is not None and analysis.culprit.line == 6
    # And without the context line the rule's own category stands
    assert analyze_log(one_step_log("Running checks", example)).category is rule.category


def test_known_engine_gaps_still_need_their_entry() -> None:
    # A gap listed here must still be one: remove the entry once the engine handles it.
    for (name, example), _reason in KNOWN_ENGINE_GAPS.items():
        rule = next(rule for rule in RULESET.rules if rule.name == name)
        assert example in rule.examples
        assert analyze_log(one_step_log(example)).category is not rule.category


def test_rule_names_are_unique() -> None:
    names = [entry["name"] for entry in RAW_RULES]
    assert [name for name, count in Counter(names).items() if count > 1] == []


def test_every_rule_carries_examples() -> None:
    assert [rule.name for rule in RULESET.rules if not rule.examples] == []


def test_each_category_has_several_rules() -> None:
    per_category = Counter(rule.category for rule in RULESET.rules)
    for category in Category:
        if category is not Category.UNKNOWN:
            assert per_category[category] >= 5, f"{category}: {per_category[category]} rules"


def test_version_is_a_dated_serial() -> None:
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}\.\d+", RULESET.version)


def test_generic_shapes_stay_below_every_tool_rule() -> None:
    generic = [rule for rule in RULESET.rules if rule.category is Category.UNKNOWN]
    assert generic and all(rule.priority < 20 for rule in generic)


# --- malformed rules files ----------------------------------------------------------------------------------

GOOD_RULE = """
[[rule]]
name = "pytest-failed"
category = "test"
priority = 85
pattern = '^FAILED (\\S+::\\S+)'
"""


def rules_file(*rules: str) -> str:
    return 'version = "2026.01.01.1"\n' + "\n".join(rules)


def rule_text(
    name: str = "broken-rule", category: str = "build", priority: str = "50", pattern: str = "'^error: (.+)$'"
) -> str:
    return f'\n[[rule]]\nname = "{name}"\ncategory = "{category}"\npriority = {priority}\npattern = {pattern}\n'


def test_a_well_formed_file_loads() -> None:
    ruleset = Ruleset.from_toml(rules_file(GOOD_RULE))
    assert [rule.name for rule in ruleset.rules] == ["pytest-failed"]


def test_bad_toml_is_refused() -> None:
    with pytest.raises(RulesetError, match="not valid TOML"):
        Ruleset.from_toml(rules_file(GOOD_RULE) + "\n[[rule]\nname = ")


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        pytest.param(rule_text(category="flaky"), "unknown or missing category", id="unknown-category"),
        pytest.param(rule_text(priority="101"), "priority", id="priority-above-100"),
        pytest.param(rule_text(priority="-1"), "priority", id="negative-priority"),
        pytest.param(rule_text(priority='"high"'), "priority", id="priority-not-a-number"),
        pytest.param(rule_text(pattern="'(?<=npm )ERR!'"), "RE2", id="lookbehind"),
        pytest.param(rule_text(pattern="'(a)\\1'"), "RE2", id="backreference"),
        pytest.param(rule_text(pattern="'(?:error)?'"), "empty", id="matches-the-empty-line"),
        pytest.param(rule_text(pattern="''"), "pattern", id="empty-pattern"),
        pytest.param(rule_text() + "example = ['error: x']\n", "unknown keys example", id="misspelled-examples"),
        pytest.param(rule_text() + "severity = 3\n", "unknown keys severity", id="unknown-key"),
        pytest.param(rule_text() + "examples = 'error: x'\n", "examples", id="examples-not-a-list"),
        pytest.param(rule_text() + "examples = ['']\n", "examples", id="empty-example"),
        pytest.param(rule_text() + "culprit_offset = -1\n", "culprit_offset", id="negative-offset"),
        pytest.param(rule_text() + "culprit_offset = 41\n", "culprit_offset", id="offset-too-far"),
        pytest.param(rule_text() + "culprit_offset = '2'\n", "culprit_offset", id="offset-not-a-number"),
        pytest.param(rule_text() + "culprit_below = ':$'\n", "culprit_below", id="below-without-offset"),
        pytest.param(rule_text() + "culprit_offset = 2\nculprit_below = '(?<=a):'\n", "RE2", id="below-lookbehind"),
        pytest.param(rule_text() + "culprit_above = ''\n", "culprit_above", id="above-empty"),
        pytest.param(rule_text() + "culprit_above = 3\n", "culprit_above", id="above-not-a-pattern"),
        pytest.param(rule_text() + "culprit_above = '(?<=a):'\n", "RE2", id="above-lookbehind"),
        pytest.param(rule_text() + "confidence = 'high'\n", "confidence", id="confidence-not-a-number"),
        pytest.param(rule_text() + "confidence = 1.5\n", "confidence", id="confidence-above-1"),
        pytest.param(rule_text() + "prefer = 'middle'\n", "prefer", id="prefer-unknown"),
        pytest.param(rule_text(priority="true"), "priority", id="priority-boolean"),
        pytest.param(rule_text() + "when_above = 'x'\n", "when_above must be a table", id="context-not-a-table"),
        pytest.param(
            rule_text() + "[rule.when_above]\ncategory = 'infrastructure'\n", "needs a pattern", id="context-no-pattern"
        ),
        pytest.param(
            rule_text() + "[rule.when_above]\npattern = 'x'\ncategory = 'network'\n",
            "unknown category",
            id="context-unknown-category",
        ),
        pytest.param(
            rule_text() + "[rule.when_above]\npattern = 'x'\ncategory = 'test'\nexample = ['x']\n",
            "unknown keys in when_above: example",
            id="context-misspelled-examples",
        ),
        pytest.param(
            rule_text() + "[rule.when_above]\npattern = '(?<=a)b'\ncategory = 'test'\n", "RE2", id="context-lookbehind"
        ),
        pytest.param(
            rule_text() + "[rule.when_above]\npattern = 'a*'\ncategory = 'test'\n", "empty", id="context-matches-empty"
        ),
    ],
)
def test_a_malformed_rule_is_refused_by_name(broken: str, message: str) -> None:
    with pytest.raises(RulesetError, match=message) as raised:
        Ruleset.from_toml(rules_file(GOOD_RULE, broken))
    assert "broken-rule" in str(raised.value)


def test_unknown_top_level_keys_and_bad_boilerplate_are_refused() -> None:
    with pytest.raises(RulesetError, match="unknown keys rules"):
        Ruleset.from_toml(rules_file(GOOD_RULE) + "\n[[rules]]\nname = 'x'\n")
    with pytest.raises(RulesetError, match="boilerplate"):
        Ruleset.from_toml('version = "2026.01.01.1"\nboilerplate = ["(?<=x)y"]\n' + GOOD_RULE)
    with pytest.raises(RulesetError, match="boilerplate"):
        Ruleset.from_toml('version = "2026.01.01.1"\nboilerplate = "^x"\n' + GOOD_RULE)
    with pytest.raises(RulesetError, match="step_end"):
        Ruleset.from_toml('version = "2026.01.01.1"\nstep_end = ["(?<=x)y"]\n' + GOOD_RULE)
    with pytest.raises(RulesetError, match="step_end"):
        Ruleset.from_toml('version = "2026.01.01.1"\nstep_end = [""]\n' + GOOD_RULE)
    with pytest.raises(RulesetError, match="sections"):
        Ruleset.from_toml('version = "2026.01.01.1"\nsections = ["(?<=x)y"]\n' + GOOD_RULE)


def test_the_shipped_step_ends_find_each_ci_systems_exit_line_and_not_a_success() -> None:
    exits = [
        'The command "bundle exec rake" exited with 1.',
        'The command "mvn install -DskipTests=true" failed and exited with 1 during .',  # an empty $TRAVIS_STAGE
        "Build step 'Execute shell' marked build as failure",
        "ERROR: script returned exit code 2",
        "🚨 Error: The command exited with status 1",
        "Exited with code exit status 1",
        "ERROR: Job failed: exit code 1",
    ]
    for line in exits:
        buffer = f"before\n{line}\nafter\n".encode()
        assert RULESET.step_end_in(buffer) == (7, 7 + len(line.encode())), line
    assert RULESET.step_end_in(b'The command "bundle exec rake" exited with 0.\n') is None


def test_a_step_end_line_names_the_failed_command_where_the_ci_prints_it() -> None:
    named = {
        b'\x1b[31;1mThe command "bundle exec rake" exited with 1.\x1b[0m': "bundle exec rake",
        b'The command "npm test" failed and exited with 1 during script.': "npm test",
        b'The command "bundle install" failed and exited with 5 during .': "bundle install",
        b"Build step 'Execute shell' marked build as failure": "Execute shell",
        b"ERROR: Job failed: exit code 1": None,  # GitLab names no command here
        b"Exited with code exit status 1": None,
        b"the build went fine": None,
    }
    for line, command in named.items():
        assert RULESET.failed_command(line) == command, line


def test_the_shipped_sections_find_each_runners_next_environment_and_not_its_other_lines() -> None:
    starts = ["py311: commands[0]> pytest", "py37 run-test: commands[0] | pytest", "nox > Running session lint"]
    others = ["py311: exit 1 (2.75 seconds) /w> pytest pid=1", "nox > Session lint failed.", "  py311: FAIL code 1"]
    buffer = "".join(f"2026-03-04T10:11:12.1234567Z {line}\n" for line in [*others, *starts]).encode()
    found = RULESET.section_starts(buffer, 0, len(buffer))
    assert [buffer[start:].split(b"\n", 1)[0].decode()[29:] for start in found] == starts


def test_every_shipped_rules_file_is_included_and_every_included_file_exists() -> None:
    included = tomllib.loads(FILES["ruleset.toml"])["include"]
    assert sorted(included) == sorted(name for name in FILES if name != "ruleset.toml")
    assert not tomllib.loads(FILES["ruleset.toml"]).get("rule"), "rules live in the included files"


def test_included_files_are_checked() -> None:
    main = 'version = "2026.01.01.1"\ninclude = ["tests.toml"]\n'
    assert [rule.name for rule in Ruleset.from_toml(main, {"tests.toml": GOOD_RULE}).rules] == ["pytest-failed"]
    with pytest.raises(RulesetError, match=r"tests\.toml is missing"):
        Ruleset.from_toml(main, {})
    with pytest.raises(RulesetError, match="only \\[\\[rule\\]\\] entries"):
        Ruleset.from_toml(main, {"tests.toml": 'version = "x"\n' + GOOD_RULE})
    with pytest.raises(RulesetError, match="duplicate rule names: pytest-failed"):
        Ruleset.from_toml(main + GOOD_RULE, {"tests.toml": GOOD_RULE})


def test_duplicate_names_are_refused_by_name() -> None:
    with pytest.raises(RulesetError, match="duplicate rule names: pytest-failed"):
        Ruleset.from_toml(rules_file(GOOD_RULE, GOOD_RULE))


def test_a_file_without_rules_or_version_is_refused() -> None:
    with pytest.raises(RulesetError):
        Ruleset.from_toml('version = "2026.01.01.1"\n')
    with pytest.raises(RulesetError, match="version"):
        Ruleset.from_toml(GOOD_RULE)


def test_the_readme_counts_the_anchored_rules_as_they_are() -> None:
    # The README tells contributors how many patterns are anchored at the start of a message: a claim about the
    # data that drifts silently whenever a rule is added, unless it is checked.
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    claim = re.search(r"\((\d+) of the (\d+) are anchored", readme)
    assert claim is not None, "README no longer states how many patterns are anchored"
    anchored = sum(1 for rule in RULESET.rules if re.match(r"(?:\(\?\w+\))?\^", rule.pattern))
    assert (int(claim[1]), int(claim[2])) == (anchored, len(RULESET.rules))
