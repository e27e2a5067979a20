"""Test doubles for the strategy tests: a repository held in memory, and failures made by the real analyzer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from ci_agent.analysis import analyze_log
from ci_agent.healing.model import REGULAR_FILE, FileMode, RepositoryFile
from ci_agent.store.records import FailedJob, FailureRecord

REPOS = Path(__file__).parents[2] / "fixtures" / "repos"
WHEN = datetime(2026, 11, 29, 11, 0, tzinfo=UTC)


class InMemoryRepository:
    """The repository at the failing commit, as :class:`RepositoryFiles` sees it."""

    def __init__(self, files: Mapping[str, bytes | str], modes: Mapping[str, FileMode] | None = None) -> None:
        self.files = {
            path: content.encode() if isinstance(content, str) else content for path, content in files.items()
        }
        self.modes = dict(modes or {})

    @classmethod
    def from_fixture(cls, name: str, modes: Mapping[str, FileMode] | None = None) -> InMemoryRepository:
        root = REPOS / name
        files = {
            path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
        }
        return cls(files, modes)

    def read(self, path: str) -> RepositoryFile | None:
        content = self.files.get(path)
        if content is None:
            return None
        return RepositoryFile(path=path, content=content, mode=self.modes.get(path, REGULAR_FILE))

    def exists(self, path: str) -> bool:
        prefix = path.rstrip("/") + "/"
        return path in self.files or any(name.startswith(prefix) for name in self.files)


def failure_from_log(
    log: str, *, workflow_path: str = ".github/workflows/ci.yml", repo: str = "octo-org/shop"
) -> FailureRecord:
    """The failure record the worker would store for a job that wrote ``log``."""
    job = FailedJob(
        repo=repo,
        workflow="CI",
        workflow_path=workflow_path,
        job_id=29_000_001,
        job_name="build",
        run_id=11_000_001,
        run_attempt=1,
        branch="main",
        head_sha="6dcb09b5b57875f334f61aebed695e2e4193db5e",
        pull_requests=(),
        actor="octocat",
        failed_at=WHEN,
        html_url=f"https://github.com/{repo}/actions/runs/11000001/job/29000001",
    )
    return FailureRecord.from_analysis(job, analyze_log(log), analyzed_at=WHEN)
