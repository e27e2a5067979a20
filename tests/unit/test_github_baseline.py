"""The PyGithub gateway finds the job of the latest passing run to compare a failing log with."""

from __future__ import annotations

import re

import pytest
import responses

from ci_agent.github.credentials import TokenCredentials
from ci_agent.github.errors import GitHubError
from ci_agent.github.pygithub_gateway import PyGithubGateway

API = "https://api.github.example.test"
REPO = "acme/shop"


def run(run_id: int) -> dict[str, object]:
    url = f"{API}/repos/{REPO}/actions/runs/{run_id}"
    return {"id": run_id, "url": url, "jobs_url": f"{url}/jobs", "conclusion": "success"}


def url(path: str) -> re.Pattern[str]:
    """The API URL of ``path`` with any port and query string (PyGithub spells the port out)."""
    host = re.escape(API.removeprefix("https://"))
    return re.compile(rf"https://{host}(?::443)?/repos/{re.escape(REPO)}{re.escape(path)}(?:\?.*)?$")


def job(job_id: int, name: str, conclusion: str) -> dict[str, object]:
    return {"id": job_id, "name": name, "conclusion": conclusion, "status": "completed", "run_id": 70}


@pytest.fixture
def github() -> PyGithubGateway:
    return PyGithubGateway(TokenCredentials("t"), API, max_retries=0)


@responses.activate
def test_the_job_of_that_name_in_the_latest_passing_run(github: PyGithubGateway) -> None:
    runs = responses.get(url("/actions/workflows/ci.yml/runs"), json={"total_count": 1, "workflow_runs": [run(70)]})
    jobs = [job(700, "lint", "success"), job(701, "unit-tests", "success")]
    responses.get(url("/actions/runs/70/jobs"), json={"total_count": 2, "jobs": jobs})

    found = github.find_last_passing_job(REPO, ".github/workflows/ci.yml", "feature/x", "unit-tests")

    assert found == 701
    assert re.search(r"branch=feature%2Fx", runs.calls[0].request.url or "")
    assert "status=success" in (runs.calls[0].request.url or "")


@responses.activate
def test_no_passing_run_means_no_baseline(github: PyGithubGateway) -> None:
    responses.get(url("/actions/workflows/ci.yml/runs"), json={"total_count": 0, "workflow_runs": []})

    assert github.find_last_passing_job(REPO, ".github/workflows/ci.yml", "main", "unit-tests") is None


@responses.activate
def test_an_unknown_workflow_is_a_domain_error(github: PyGithubGateway) -> None:
    responses.get(url("/actions/workflows/ci.yml/runs"), status=404, json={"message": "Not Found"})

    with pytest.raises(GitHubError):
        github.find_last_passing_job(REPO, ".github/workflows/ci.yml", "main", "unit-tests")
