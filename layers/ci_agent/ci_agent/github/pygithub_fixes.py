"""The fix flow's GitHub operations on PyGithub: Git Data API commits (the contents API cannot change a file's
mode), ci-agent's own fix branches, pull requests, labels and re-runs. Errors become ``ci_agent.github.errors``."""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from urllib.parse import quote

from github import Github, GithubException, InputGitTreeElement
from github.GitTree import GitTree
from github.Repository import Repository

from ci_agent.github.fixes import (
    FIX_BRANCH_PREFIX,
    FixPullRequest,
    PullRequestFacts,
    RefusedPush,
    RepositoryFacts,
    RunFacts,
)
from ci_agent.github.model import FAILED_CONCLUSIONS, split_repo
from ci_agent.github.pygithub_gateway import _translated
from ci_agent.healing.model import FileEdit, FileMode, RepositoryFile

logger = logging.getLogger(__name__)
LABEL_COLOR = "0e8a16"
_FILE_MODES: frozenset[str] = frozenset({"100644", "100755"})


class GitTreeFiles:
    """``RepositoryFiles`` at one commit, read through the Git Data API: each directory's tree once, then blobs.

    A file's mode comes with it (the contents API does not say whether a script is executable).
    """

    def __init__(self, repository: Repository, commit_sha: str, what: str) -> None:
        self._repo = repository
        self._commit_sha = commit_sha
        self._what = what
        self._trees: dict[str, dict[str, tuple[str, str, str]]] = {}  # dir -> name -> (mode, type, sha)

    def _tree(self, directory: str) -> dict[str, tuple[str, str, str]] | None:
        if directory in self._trees:
            return self._trees[directory]
        with _translated(f"tree of {directory or '/'} at {self._commit_sha[:12]} in {self._what}"):
            if directory == "":
                sha = self._repo.get_git_commit(self._commit_sha).tree.sha
            else:
                parent, _sep, name = directory.rpartition("/")
                listing = self._tree(parent)
                entry = None if listing is None else listing.get(name)
                if entry is None or entry[1] != "tree":
                    return None
                sha = entry[2]
            tree = self._repo.get_git_tree(sha)
            entries = {element.path: (element.mode, element.type, element.sha) for element in tree.tree}
        self._trees[directory] = entries
        return entries

    def _entry(self, path: str) -> tuple[str, str, str] | None:
        clean = path.strip("/")
        if not clean or ".." in clean.split("/"):
            return None
        directory, _sep, name = clean.rpartition("/")
        listing = self._tree(directory)
        return None if listing is None else listing.get(name)

    def read(self, path: str) -> RepositoryFile | None:
        entry = self._entry(path)
        if entry is None or entry[1] != "blob" or entry[0] not in _FILE_MODES:
            return None  # missing, a directory, a symlink or a submodule: nothing a strategy edits
        with _translated(f"{path} at {self._commit_sha[:12]} in {self._what}"):
            blob = self._repo.get_git_blob(entry[2])
            content = base64.b64decode(blob.content) if blob.encoding == "base64" else blob.content.encode()
        mode: FileMode = "100755" if entry[0] == "100755" else "100644"
        return RepositoryFile(path=path.strip("/"), content=content, mode=mode)

    def blob_sha(self, path: str) -> str | None:
        """The blob the file at ``path`` points to, or None."""
        entry = self._entry(path)
        return entry[2] if entry is not None and entry[1] == "blob" else None

    def exists(self, path: str) -> bool:
        clean = path.strip("/")
        return clean == "" or self._entry(clean) is not None


class PyGithubFixGateway:
    """``FixGateway`` over a PyGithub client (the same one, and so the same credentials, as the worker's)."""

    def __init__(self, github: Github) -> None:
        self._github = github

    def _repo(self, repo: str) -> Repository:
        split_repo(repo)
        return self._github.get_repo(repo)

    def repository_facts(self, repo: str) -> RepositoryFacts:
        with _translated(f"repository {repo}"):
            found = self._repo(repo)  # lazy: completed by the first attribute read
            return RepositoryFacts(
                full_name=found.full_name,
                default_branch=found.default_branch,
                topics=tuple(found.topics or ()),
                archived=bool(found.archived),
            )

    def branch_is_protected(self, repo: str, branch: str) -> bool:
        with _translated(f"branch {branch} of {repo}"):
            try:
                return bool(self._repo(repo).get_branch(branch).protected)
            except GithubException as exc:
                if exc.status == 404:
                    return False
                raise

    def run_facts(self, repo: str, run_id: int) -> RunFacts:
        with _translated(f"run {run_id} of {repo}"):
            run = self._repo(repo).get_workflow_run(run_id)
            head = run.head_repository
            return RunFacts(
                id=run.id,
                name=run.name or "",
                path=run.path or "",
                head_branch=run.head_branch or "",
                head_sha=run.head_sha,
                head_repository=head.full_name if head is not None else repo,
                run_attempt=int(run.run_attempt or 1),
                status=run.status,
                conclusion=run.conclusion,
            )

    def pull_request(self, repo: str, number: int) -> PullRequestFacts:
        with _translated(f"pull request {repo}#{number}"):
            pull = self._repo(repo).get_pull(number)
            return _facts(pull)

    def open_fix_pull_request_for(self, repo: str, branch: str) -> PullRequestFacts | None:
        owner, _name = split_repo(repo)
        with _translated(f"pull requests of {branch} in {repo}"):
            for pull in self._repo(repo).get_pulls(state="open", head=f"{owner}:{branch}"):
                # Only ours: the head must be this repository's own branch, never a fork's of the same name.
                if pull.head.repo is not None and pull.head.repo.full_name.lower() == repo.lower():
                    return _facts(pull)
        return None

    def files_at(self, repo: str, commit_sha: str) -> GitTreeFiles:
        return GitTreeFiles(self._repo(repo), commit_sha, repo)

    def rerun_failed_jobs(self, repo: str, run_id: int) -> None:
        with _translated(f"re-run of the failed jobs of run {run_id} in {repo}"):
            # PyGithub's WorkflowRun.rerun_failed_jobs returns False on an error instead of raising.
            self._github.requester.requestJsonAndCheck(
                "POST", f"{self._repo(repo).url}/actions/runs/{run_id}/rerun-failed-jobs"
            )

    def failed_job_names(self, repo: str, run_id: int) -> frozenset[str]:
        with _translated(f"jobs of run {run_id} in {repo}"):
            jobs = self._repo(repo).get_workflow_run(run_id).jobs("latest")
            return frozenset(job.name for job in jobs if job.conclusion in FAILED_CONCLUSIONS)

    def create_fix_commit(self, repo: str, parent_sha: str, edits: Sequence[FileEdit], message: str) -> str:
        with _translated(f"fix commit in {repo}"):
            repository = self._repo(repo)
            parent = repository.get_git_commit(parent_sha)
            elements = []
            files = GitTreeFiles(repository, parent_sha, repo)  # one walk of the parent's trees for every edit
            for edit in edits:
                if edit.content is None:
                    # Same bytes: point the new mode at the blob the tree already has.
                    blob_sha = files.blob_sha(edit.path)
                    if blob_sha is None:
                        raise RefusedPush(f"{edit.path} does not exist at {parent_sha[:12]}")
                else:
                    blob_sha = repository.create_git_blob(
                        base64.b64encode(edit.new_content).decode("ascii"), "base64"
                    ).sha
                elements.append(InputGitTreeElement(edit.path, edit.new_mode, "blob", sha=blob_sha))
            base_tree: GitTree = parent.tree
            tree = repository.create_git_tree(elements, base_tree)
            commit = repository.create_git_commit(message, tree, [parent])
            return str(commit.sha)

    def point_fix_branch(self, repo: str, branch: str, commit_sha: str) -> None:
        if not branch.startswith(FIX_BRANCH_PREFIX) or branch == FIX_BRANCH_PREFIX:
            raise RefusedPush(f"ci-agent writes only its own {FIX_BRANCH_PREFIX}* branches, not {branch!r}")
        facts = self.repository_facts(repo)
        if branch == facts.default_branch or self.branch_is_protected(repo, branch):
            raise RefusedPush(f"{branch} is the default or a protected branch of {repo}: ci-agent never pushes there")
        with _translated(f"branch {branch} of {repo}"):
            repository = self._repo(repo)
            try:
                # Not GitRef.edit: a lazy client builds its URL from GET's singular /git/ref/, which PATCH lacks.
                self._github.requester.requestJsonAndCheck(
                    "PATCH", self._ref_url(repository, branch), input={"sha": commit_sha, "force": True}
                )
            except GithubException as exc:
                if exc.status not in (404, 422):  # 422 "Reference does not exist"
                    raise
                repository.create_git_ref(f"refs/heads/{branch}", commit_sha)

    @staticmethod
    def _ref_url(repository: Repository, branch: str) -> str:
        return f"{repository.url}/git/refs/heads/{quote(branch, safe='/')}"

    def upsert_fix_pull_request(
        self, repo: str, branch: str, base: str, title: str, body: str, labels: Sequence[str]
    ) -> FixPullRequest:
        existing = self.open_fix_pull_request_for(repo, branch)
        with _translated(f"fix pull request for {branch} in {repo}"):
            repository = self._repo(repo)
            if existing is not None:
                pull = repository.get_pull(existing.number)
                pull.edit(title=title, body=body)
                created = False
            else:
                pull = repository.create_pull(
                    base=base, head=branch, title=title, body=body, maintainer_can_modify=True
                )
                created = True
            for label in labels:
                self._ensure_label(repository, label)
            if labels:
                # {"labels": [...]}, the form GitHub's API description has (PyGithub's add_to_labels sends a bare
                # array, which GitHub still takes but no longer describes).
                self._github.requester.requestJsonAndCheck(
                    "POST", f"{pull.issue_url}/labels", input={"labels": list(labels)}
                )
            return FixPullRequest(number=pull.number, html_url=pull.html_url, created=created)

    @staticmethod
    def _ensure_label(repository: Repository, name: str) -> None:
        try:
            repository.get_label(name)
        except GithubException as exc:
            if exc.status != 404:
                raise
            try:
                repository.create_label(name, LABEL_COLOR, "Opened by ci-agent: a proposed fix for a CI failure")
            except GithubException as created:
                if created.status != 422:  # created meanwhile by another worker
                    raise

    def close_fix_pull_request(self, repo: str, number: int, branch: str, comment: str) -> None:
        with _translated(f"closing {repo}#{number}"):
            repository = self._repo(repo)
            pull = repository.get_pull(number)
            pull.create_issue_comment(comment)
            pull.edit(state="closed")
            if branch.startswith(FIX_BRANCH_PREFIX):
                try:
                    self._github.requester.requestJsonAndCheck("DELETE", self._ref_url(repository, branch))
                except GithubException as exc:
                    if exc.status not in (404, 422):
                        raise


def _facts(pull: object) -> PullRequestFacts:
    from github.PullRequest import PullRequest

    assert isinstance(pull, PullRequest)
    return PullRequestFacts(
        number=pull.number,
        html_url=pull.html_url,
        state=pull.state,
        merged=bool(pull.merged),
        labels=tuple(label.name for label in pull.labels),
        head_ref=pull.head.ref,
        base_ref=pull.base.ref,
    )
