"""bump-deprecated-action in the repository's own composite actions: a shared step that wraps the deprecated
action is where the bump must happen, or the refused workflow keeps failing."""

from __future__ import annotations

from ci_agent.healing.model import Decline, ProposedChange
from ci_agent.healing.strategies.bump_deprecated_action import STRATEGY
from tests.unit.healing.doubles import InMemoryRepository
from tests.unit.healing.test_bump_deprecated_action import refused

WORKFLOW = """\
name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/test-report   # shared with the release workflow
      - uses: './.github/actions/test-report'
"""
# The shape of GitHub's own composite-action example (runs.using: composite, steps with uses:).
COMPOSITE = """\
name: Test report
description: Keep the JUnit report of the job
runs:
  using: composite
  steps:
    - name: Upload
      uses: actions/upload-artifact@v3   # v4 needs unique names
      with:
        name: junit
        path: reports/
"""


def test_the_deprecated_action_inside_a_local_composite_action_is_bumped_there() -> None:
    repository = InMemoryRepository(
        {".github/workflows/ci.yml": WORKFLOW, ".github/actions/test-report/action.yml": COMPOSITE}
    )

    change = STRATEGY.propose(refused("actions/upload-artifact: v3"), repository)

    assert isinstance(change, ProposedChange), change
    assert [edit.path for edit in change.edits] == [".github/actions/test-report/action.yml"]  # read once
    assert change.edits[0].new_content == COMPOSITE.replace("upload-artifact@v3", "upload-artifact@v4").encode()
    assert ".github/actions/test-report/action.yml moves to the supported majors" in change.explanation


def test_the_workflow_and_its_composite_action_move_together_in_one_change() -> None:
    workflow = WORKFLOW.replace("actions/checkout@v4", "actions/download-artifact@v3")
    repository = InMemoryRepository(
        {".github/workflows/ci.yml": workflow, ".github/actions/test-report/action.yaml": COMPOSITE}
    )

    change = STRATEGY.propose(refused("actions/upload-artifact: v3"), repository)

    assert isinstance(change, ProposedChange), change
    assert [edit.path for edit in change.edits] == [
        ".github/workflows/ci.yml",
        ".github/actions/test-report/action.yaml",
    ]
    assert b"actions/download-artifact@v4" in change.edits[0].new_content
    assert change.summary == "Bump actions/upload-artifact from v3 to v4, actions/download-artifact from v3 to v4"


def test_a_pinned_use_inside_the_composite_action_declines_the_whole_change() -> None:
    pinned = COMPOSITE.replace("actions/upload-artifact@v3", "actions/upload-artifact@" + "a" * 40)
    repository = InMemoryRepository(
        {".github/workflows/ci.yml": WORKFLOW, ".github/actions/test-report/action.yml": pinned}
    )
    decline = STRATEGY.propose(refused("actions/upload-artifact: v3"), repository)
    assert isinstance(decline, Decline)
    assert "pinned to a commit" in decline.reason


def test_local_actions_outside_the_repository_tree_or_missing_are_left_alone() -> None:
    workflow = "steps:\n  - uses: ./../elsewhere/action\n  - uses: ./.github/actions/gone\n"
    repository = InMemoryRepository({".github/workflows/ci.yml": workflow, "../elsewhere/action/action.yml": COMPOSITE})
    decline = STRATEGY.propose(refused("actions/upload-artifact: v3"), repository)
    assert isinstance(decline, Decline)
    assert "no deprecated `uses:`" in decline.reason
