"""bump-deprecated-action: the exact edit it makes to real workflow files, and what it declines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ci_agent.healing.model import Decline, ProposedChange
from ci_agent.healing.strategies.bump_deprecated_action import STRATEGY, named_actions
from ci_agent.store.records import FailureRecord
from tests.unit.healing.doubles import InMemoryRepository, failure_from_log

REFUSAL = (
    "2026-11-29T10:00:00.0000000Z Current runner version: '2.330.0'\n"
    "2026-11-29T10:00:00.1000000Z Prepare all required actions\n"
    "2026-11-29T10:00:00.2000000Z Getting action download info\n"
    "2026-11-29T10:00:00.3000000Z ##[error]This request has been automatically failed because it uses a deprecated "
    "version of `{action}`. Learn more: https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/\n"
)


def refused(action: str, workflow_path: str = ".github/workflows/ci.yml") -> FailureRecord:
    return failure_from_log(REFUSAL.format(action=action), workflow_path=workflow_path)


def test_the_issue_example_bumps_every_artifact_action_of_the_workflow_and_nothing_else() -> None:
    repository = InMemoryRepository.from_fixture("shop")
    failure = refused("actions/upload-artifact: v3")

    change = STRATEGY.propose(failure, repository)

    assert isinstance(change, ProposedChange)
    assert change.diff() == (
        "diff --git a/.github/workflows/ci.yml b/.github/workflows/ci.yml\n"
        "--- a/.github/workflows/ci.yml\n"
        "+++ b/.github/workflows/ci.yml\n"
        "@@ -35,7 +35,7 @@\n"
        "       - run: python -m pytest -q --junitxml=reports/junit.xml\n"
        "       - name: Keep the test report\n"
        "         if: always()\n"
        '-        uses: "actions/upload-artifact@v3"  # v4 needs unique names per matrix job\n'
        '+        uses: "actions/upload-artifact@v4"  # v4 needs unique names per matrix job\n'
        "         with:\n"
        "           name: junit-${{ matrix.os }}\n"
        "           path: reports/\n"
        "@@ -47,7 +47,7 @@\n"
        "       - *checkout\n"
        "       - *setup-python\n"
        "       - run: python -m pip wheel --no-deps -w dist .\n"
        "-      - uses: actions/upload-artifact@v3.1.3\n"
        "+      - uses: actions/upload-artifact@v4\n"
        "         with:\n"
        "           name: dist\n"
        "           path: dist/*.whl\n"
        "@@ -57,7 +57,7 @@\n"
        "     needs: build\n"
        "     runs-on: ubuntu-latest\n"
        "     steps:\n"
        "-      - uses: 'actions/download-artifact@v3'\n"
        "+      - uses: 'actions/download-artifact@v4'\n"
        "         with:\n"
        "           name: dist\n"
        "           path: dist/\n"
    )
    assert change.summary == (
        "Bump actions/upload-artifact from v3/v3.1.3 to v4, actions/download-artifact from v3 to v4"
    )
    # upload-artifact's three breaking changes; download-artifact's only one is shared with them and said once
    assert len(change.notes) == 3
    assert any("immutable" in note for note in change.notes)
    assert STRATEGY.applies(failure) is not None


def test_anchors_crlf_and_a_missing_final_newline_survive_byte_for_byte() -> None:
    workflow = (
        "jobs:\r\n"
        "  a:\r\n"
        "    steps:\r\n"
        "      - &cache\r\n"
        "        uses: actions/cache@v2 # restore pip's cache\r\n"
        "        with: {path: ~/.cache/pip, key: pip}\r\n"
        "  b:\r\n"
        "    steps:\r\n"
        "      - *cache\r\n"
        "      - uses: actions/cache/restore@v4"
    )
    repository = InMemoryRepository({".github/workflows/ci.yml": workflow})

    change = STRATEGY.propose(refused("actions/cache: v2"), repository)

    assert isinstance(change, ProposedChange)
    assert change.edits[0].new_content == workflow.replace("actions/cache@v2", "actions/cache@v4").encode()


def test_node_runtime_notices_name_several_actions_and_each_known_one_moves() -> None:
    lines = [
        "Node.js 12 actions are deprecated. Please update the following actions to use Node.js 16: "
        "actions/checkout@v2, actions/setup-node@v2, actions/create-release@v1. For more information see: "
        "https://github.blog/changelog/2022-09-22-github-actions-all-actions-will-begin-running-on-node16-instead-of-node12/."
    ]
    assert named_actions(lines) == [
        ("actions/checkout", "v2"),
        ("actions/setup-node", "v2"),
        ("actions/create-release", "v1"),
    ]


def test_a_notice_naming_known_and_unknown_actions_bumps_the_known_and_says_so() -> None:
    failure = failure_from_log(
        "Node.js 16 actions are deprecated. Please update the following actions to use Node.js 20: "
        "actions/setup-node@v3, acme/deploy@v1. For more information see: "
        "https://github.blog/changelog/2023-09-22-github-actions-transitioning-from-node-16-to-node-20/.\n"
        "##[error]Process completed with exit code 1.\n"
    )
    workflow = "steps:\n  - uses: actions/setup-node@v3\n  - uses: acme/deploy@v1\n"
    change = STRATEGY.propose(failure, InMemoryRepository({".github/workflows/ci.yml": workflow}))
    assert isinstance(change, ProposedChange), change
    assert change.edits[0].new_content == b"steps:\n  - uses: actions/setup-node@v4\n  - uses: acme/deploy@v1\n"
    assert change.notes == ("GitHub also named acme/deploy, for which no supported major is known: left as it is.",)


def test_an_anchored_scalar_keeps_its_anchor() -> None:
    workflow = "steps:\n  - uses: &up actions/upload-artifact@v2\n  - uses: *up\n"
    change = STRATEGY.propose(
        refused("actions/upload-artifact: v2"), InMemoryRepository({".github/workflows/ci.yml": workflow})
    )
    assert isinstance(change, ProposedChange)
    assert change.edits[0].new_content == b"steps:\n  - uses: &up actions/upload-artifact@v4\n  - uses: *up\n"


def test_declines_without_a_workflow_path() -> None:
    decline = STRATEGY.propose(refused("actions/upload-artifact: v3", workflow_path=""), InMemoryRepository({}))
    assert isinstance(decline, Decline)
    assert "workflow file" in decline.reason


def test_declines_a_commit_pinned_use() -> None:
    workflow = "steps:\n  - uses: actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9 # v2\n"
    decline = STRATEGY.propose(refused("actions/cache: v2"), InMemoryRepository({".github/workflows/ci.yml": workflow}))
    assert isinstance(decline, Decline)
    assert "pinned to a commit" in decline.reason


def test_declines_when_the_refusal_itself_names_a_commit() -> None:
    decline = STRATEGY.propose(
        refused("actions/cache: 0c45773b623bea8c8e75f6c82b208c3cf94ea4f9"), InMemoryRepository({})
    )
    assert isinstance(decline, Decline)
    assert "pinned to a commit" in decline.reason


def test_declines_when_the_action_is_not_in_the_file() -> None:
    workflow = "steps:\n  - uses: ./.github/actions/upload\n  - uses: docker://alpine:3.20\n"
    decline = STRATEGY.propose(
        refused("actions/upload-artifact: v3"), InMemoryRepository({".github/workflows/ci.yml": workflow})
    )
    assert isinstance(decline, Decline)
    assert "no deprecated `uses:`" in decline.reason


def test_declines_an_action_without_a_known_supported_major() -> None:
    failure = refused("some-org/upload-thing: v1")
    assert STRATEGY.applies(failure) is None
    decline = STRATEGY.propose(failure, InMemoryRepository({}))
    assert isinstance(decline, Decline)
    assert "no supported major is known" in decline.reason


def test_declines_a_missing_workflow_file() -> None:
    decline = STRATEGY.propose(refused("actions/upload-artifact: v3"), InMemoryRepository({}))
    assert isinstance(decline, Decline)
    assert "does not exist" in decline.reason


def test_does_not_apply_to_other_failures() -> None:
    failure = failure_from_log("##[error]Process completed with exit code 1.\n")
    assert STRATEGY.applies(failure) is None


YAML_TEXT = st.text(st.sampled_from(list("abc:-#&*'\" \t\r\n@v123/.")), max_size=300)


UPLOAD_ARTIFACT_V3_REFUSED = refused("actions/upload-artifact: v3")


@settings(max_examples=300)
@given(before=YAML_TEXT, after=YAML_TEXT, quote=st.sampled_from(["", "'", '"']))
def test_only_the_ref_changes_whatever_surrounds_the_step(before: str, after: str, quote: str) -> None:
    line = f"\n      - uses: {quote}actions/upload-artifact@v3{quote}\n"
    workflow = before + line + after
    result = STRATEGY.propose(UPLOAD_ARTIFACT_V3_REFUSED, InMemoryRepository({".github/workflows/ci.yml": workflow}))
    if isinstance(result, Decline):
        return  # e.g. the random text pinned the action to something else: declining is allowed, crashing is not
    new = result.edits[0].new_content.decode()
    assert line.replace("@v3", "@v4") in new
    assert new.replace("upload-artifact@v4", "upload-artifact@v3") == workflow.replace(
        "upload-artifact@v4", "upload-artifact@v3"
    )


@settings(max_examples=200)
@given(workflow=st.text(max_size=400), message=st.text(max_size=120))
def test_arbitrary_workflows_and_messages_never_crash(workflow: str, message: str) -> None:
    failure = failure_from_log(f"##[error]{message}\n" + REFUSAL.format(action="actions/cache: v2"))
    result = STRATEGY.propose(failure, InMemoryRepository({".github/workflows/ci.yml": workflow}))
    if isinstance(result, ProposedChange):
        assert result.edits[0].new_content.decode().replace("actions/cache@v4", "").count("\n") == workflow.count("\n")
