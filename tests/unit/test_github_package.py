"""The ci_agent.github package: cheap to import, small helpers that say what they mean."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ci_agent.github import JobLog
from ci_agent.github.model import split_repo, with_marker


def test_importing_the_package_does_not_import_pygithub() -> None:
    # In a fresh interpreter: other tests in this process may already have imported PyGithub.
    probe = (
        "import sys, ci_agent.github;"
        "assert 'github' not in sys.modules, 'PyGithub imported eagerly';"
        "assert 'requests' not in sys.modules, 'requests imported eagerly';"
        "gateway = ci_agent.github.PyGithubGateway;"
        "assert 'github' in sys.modules and gateway.__name__ == 'PyGithubGateway'"
    )
    subprocess.run([sys.executable, "-c", probe], check=True)


def test_unknown_attributes_still_fail() -> None:
    import ci_agent.github

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = ci_agent.github.Nope


@pytest.mark.parametrize("repo", ["octo-org/octo-repo", "a/b"])
def test_split_repo(repo: str) -> None:
    assert "/".join(split_repo(repo)) == repo


@pytest.mark.parametrize("repo", ["", "octo-repo", "/octo-repo", "octo-org/", "a/b/c"])
def test_split_repo_rejects_anything_but_owner_slash_name(repo: str) -> None:
    with pytest.raises(ValueError, match="owner/name"):
        split_repo(repo)


def test_the_marker_is_prepended_once() -> None:
    marker = "<!-- ci-agent:failure-report -->"

    assert with_marker(marker, "body") == f"{marker}\nbody"
    assert with_marker(marker, f"{marker}\nbody") == f"{marker}\nbody"
    with pytest.raises(ValueError, match="marker"):
        with_marker("  ", "body")


def test_a_tail_cut_inside_a_character_still_decodes() -> None:
    log = JobLog(content="é error".encode()[1:], truncated=True)

    assert log.text == "\ufffd error"
