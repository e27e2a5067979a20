"""The fix flow's GitHub operations (real PyGithub, real HTTP) against LocalGitHub's Git store, pulls and runs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ci_agent.github import GitHubError, TokenCredentials
from ci_agent.github.fixes import RefusedPush
from ci_agent.github.pygithub_fixes import PyGithubFixGateway
from ci_agent.github.pygithub_gateway import PyGithubGateway
from ci_agent.healing.model import FileEdit
from ci_agent.local.github import LocalGitHub
from ci_agent.local.github.actions import FIRST_STARTED_RUN_ID

pytestmark = pytest.mark.integration

REPO = "octo-org/shop"
WORKFLOW = (
    "name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - uses: actions/upload-artifact@v3\n"
)
SCRIPT = "#!/bin/sh\necho release\n"


@pytest.fixture
def github(tmp_path: Path) -> Iterator[LocalGitHub]:
    contents = tmp_path / REPO / "contents"
    (contents / ".github" / "workflows").mkdir(parents=True)
    (contents / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW)
    (contents / "scripts").mkdir()
    (contents / "scripts" / "release.sh").write_text(SCRIPT)
    (contents / "scripts" / "build.sh").write_text(SCRIPT)
    (tmp_path / REPO / "modes.json").write_text(json.dumps({"scripts/build.sh": "100755"}))
    with LocalGitHub(fixtures_dir=tmp_path, tokens=("ghp_local",)) as server:
        yield server


@pytest.fixture
def fixes(github: LocalGitHub) -> Iterator[PyGithubFixGateway]:
    with PyGithubGateway(TokenCredentials("ghp_local"), github.api_url, seconds_between_writes=None) as gateway:
        yield gateway.fixes


def base_sha(github: LocalGitHub) -> str:
    sha = github.branch_sha(REPO, "main")
    assert sha is not None
    return sha


def test_files_are_read_with_their_mode_at_a_commit(github: LocalGitHub, fixes: PyGithubFixGateway) -> None:
    files = fixes.files_at(REPO, base_sha(github))

    release, build = files.read("scripts/release.sh"), files.read("./scripts/build.sh".removeprefix("./"))
    assert release is not None and release.text == SCRIPT and release.mode == "100644"
    assert build is not None and build.mode == "100755"
    assert files.read("scripts/missing.sh") is None
    assert files.read("scripts") is None  # a directory is not a file
    assert files.exists("scripts") and files.exists(".github/workflows/ci.yml") and not files.exists("nope")
    assert files.read("../etc/passwd") is None


def test_a_fix_commit_changes_exactly_the_edited_bytes_and_modes_on_ci_agent_s_branch(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    parent = base_sha(github)
    files = fixes.files_at(REPO, parent)
    workflow, script = files.read(".github/workflows/ci.yml"), files.read("scripts/release.sh")
    assert workflow is not None and script is not None
    edits = [
        FileEdit(workflow.path, workflow, content=workflow.content.replace(b"@v3", b"@v4")),
        FileEdit(script.path, script, mode="100755"),
    ]

    sha = fixes.create_fix_commit(REPO, parent, edits, "ci-agent: fix")
    fixes.point_fix_branch(REPO, "ci-agent/fix/abc123", sha)

    assert github.branch_sha(REPO, "ci-agent/fix/abc123") == sha
    assert github.file_at(REPO, sha, ".github/workflows/ci.yml") == ("100644", WORKFLOW.replace("@v3", "@v4").encode())
    assert github.file_at(REPO, sha, "scripts/release.sh") == ("100755", SCRIPT.encode())
    # Everything else is the parent's, and the default branch has not moved
    assert github.file_at(REPO, sha, "scripts/build.sh") == ("100755", SCRIPT.encode())
    assert github.branch_sha(REPO, "main") == parent
    # The mode-only edit created no blob: it reuses the one the tree had
    assert len(github.received(f"/repos/{REPO}/git/blobs", method="POST")) == 1


def test_ci_agent_never_moves_a_branch_that_is_not_its_own(github: LocalGitHub, fixes: PyGithubFixGateway) -> None:
    sha = base_sha(github)
    github.protect_branch(REPO, "ci-agent/fix/protected")

    for branch in ("main", "feature/x", "ci-agent/fix/", "ci-agent/fix/protected"):
        with pytest.raises(RefusedPush):
            fixes.point_fix_branch(REPO, branch, sha)
    assert github.received(f"/repos/{REPO}/git/refs*", method="PATCH") == []
    assert github.received(f"/repos/{REPO}/git/refs", method="POST") == []


def test_a_second_fix_for_the_branch_updates_the_one_open_pull_request(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    parent = base_sha(github)
    script = fixes.files_at(REPO, parent).read("scripts/release.sh")
    assert script is not None
    sha = fixes.create_fix_commit(REPO, parent, [FileEdit(script.path, script, mode="100755")], "fix")
    fixes.point_fix_branch(REPO, "ci-agent/fix/sig1", sha)

    first = fixes.upsert_fix_pull_request(REPO, "ci-agent/fix/sig1", "main", "Fix", "body 1", ["ci-agent"])
    second = fixes.upsert_fix_pull_request(REPO, "ci-agent/fix/sig1", "main", "Fix again", "body 2", ["ci-agent"])

    assert first.created and not second.created and first.number == second.number
    [pull] = github.pull_requests(REPO)
    assert (pull.title, pull.body, pull.labels, pull.author) == ("Fix again", "body 2", ("ci-agent",), "ci-agent[bot]")
    found = fixes.open_fix_pull_request_for(REPO, "ci-agent/fix/sig1")
    assert found is not None and found.number == first.number and found.base_ref == "main"


def test_a_fork_s_pull_request_with_the_same_branch_name_is_not_ours(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    github.add_pull_request(REPO, 5, head_sha="a" * 40, head_ref="ci-agent/fix/sig1", head_repo="mallory/shop")

    assert fixes.open_fix_pull_request_for(REPO, "ci-agent/fix/sig1") is None


def test_closing_a_stale_fix_comments_closes_and_deletes_the_branch(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    parent = base_sha(github)
    script = fixes.files_at(REPO, parent).read("scripts/release.sh")
    assert script is not None
    sha = fixes.create_fix_commit(REPO, parent, [FileEdit(script.path, script, mode="100755")], "fix")
    fixes.point_fix_branch(REPO, "ci-agent/fix/sig2", sha)
    pull = fixes.upsert_fix_pull_request(REPO, "ci-agent/fix/sig2", "main", "Fix", "body", [])

    fixes.close_fix_pull_request(REPO, pull.number, "ci-agent/fix/sig2", "Fixed another way; closing.")
    fixes.close_fix_pull_request(REPO, pull.number, "ci-agent/fix/sig2", "again")  # the branch is gone: fine

    [closed] = github.pull_requests(REPO)
    assert closed.state == "closed" and not closed.merged
    assert github.branch_sha(REPO, "ci-agent/fix/sig2") is None
    assert github.comments(REPO, pull.number)[0].body == "Fixed another way; closing."


def test_re_running_failed_jobs_asks_github_and_reports_its_refusal(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    github.add_run(REPO, 42, name="CI", status="completed", conclusion="failure", run_attempt=1)
    github.add_run(REPO, 43, name="CI", status="in_progress", conclusion=None)

    fixes.rerun_failed_jobs(REPO, 42)
    with pytest.raises(GitHubError) as refused:
        fixes.rerun_failed_jobs(REPO, 43)

    assert refused.value.status == 403 and not refused.value.retryable
    assert fixes.run_facts(REPO, 42).run_attempt == 2
    assert len(github.received(f"/repos/{REPO}/actions/runs/*/rerun-failed-jobs", method="POST")) == 2


def test_run_facts_say_where_the_commit_came_from(github: LocalGitHub, fixes: PyGithubFixGateway) -> None:
    github.add_run(REPO, 44, name="CI", path=".github/workflows/ci.yml", head_branch="feature", head_sha="b" * 40)

    facts = fixes.run_facts(REPO, 44)

    assert (facts.name, facts.path, facts.head_branch, facts.head_sha) == (
        "CI",
        ".github/workflows/ci.yml",
        "feature",
        "b" * 40,
    )
    assert facts.head_repository == REPO
    assert fixes.repository_facts(REPO).default_branch == "main"


def test_a_push_starts_a_run_per_workflow_whose_conclusion_the_fixtures_decide(
    github: LocalGitHub, fixes: PyGithubFixGateway
) -> None:
    assert github.fixtures_dir is not None
    (github.fixtures_dir / REPO / "verdicts.json").write_text(
        json.dumps([{"branch": "ci-agent/fix/*", "workflow": "CI", "conclusion": "failure"}])
    )
    parent = base_sha(github)
    script = fixes.files_at(REPO, parent).read("scripts/release.sh")
    assert script is not None
    sha = fixes.create_fix_commit(REPO, parent, [FileEdit(script.path, script, mode="100755")], "fix")

    fixes.point_fix_branch(REPO, "ci-agent/fix/sig3", sha)

    activity = requests.get(f"{github.api_url}/_local/activity", timeout=5).json()
    assert activity["fix_branches"] == [{"repo": REPO, "branch": "ci-agent/fix/sig3", "sha": sha}]
    run = fixes.run_facts(REPO, FIRST_STARTED_RUN_ID)  # the first run this GitHub started itself
    assert (run.name, run.head_branch, run.head_sha, run.conclusion) == ("CI", "ci-agent/fix/sig3", sha, "failure")
