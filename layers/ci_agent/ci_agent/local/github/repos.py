"""Repositories: the repository object, branches, the contents API and the Git Data API (blobs, trees,
commits, refs), over one :class:`~ci_agent.local.github.git.GitRepository` per repository."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ci_agent.local.github.core import (
    REPO_PATH,
    Response,
    Route,
    error,
    iso,
    json_body,
    json_response,
    node_id,
    recording,
    render,
    route,
    validation_failed,
)
from ci_agent.local.github.git import AUTHOR, FILE_MODES, Commit, GitRepository, load_fixture_repository

if TYPE_CHECKING:
    from ci_agent.local.github.server import LocalGitHub

_SHA_CHARS = frozenset("0123456789abcdef")
# The names GitHub gives owners and repositories: letters, digits, "-", "_" and "." (never "." or ".." alone).
_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")


def _valid_name(name: str) -> bool:
    return _NAME.fullmatch(name) is not None and name not in (".", "..")


def _is_sha(value: object) -> bool:
    return isinstance(value, str) and len(value) == 40 and set(value) <= _SHA_CHARS


class ReposResource:
    def __init__(self, hub: LocalGitHub) -> None:
        self._hub = hub
        self._repositories: dict[str, GitRepository] = {}
        self._existing: set[str] = set()  # seeded, besides those with a fixture directory
        self._topics: dict[str, list[str]] = {}

    def routes(self) -> list[Route]:
        git = REPO_PATH + r"/git"
        return [
            route("GET", REPO_PATH, self._get_repository),
            route("GET", REPO_PATH + r"/branches/(?P<branch>.+)", self._get_branch),
            route("GET", REPO_PATH + r"/contents/(?P<file_path>.+)", self._get_contents),
            route("GET", git + r"/blobs/(?P<sha>\w+)", self._get_blob),
            route("POST", git + r"/blobs", self._create_blob),
            route("GET", git + r"/trees/(?P<sha>\w+)", self._get_tree),
            route("POST", git + r"/trees", self._create_tree),
            route("GET", git + r"/commits/(?P<sha>\w+)", self._get_commit),
            route("POST", git + r"/commits", self._create_commit),
            route("GET", git + r"/ref/(?P<ref>.+)", self._get_ref),
            route("POST", git + r"/refs", self._create_ref),
            route("PATCH", git + r"/refs/(?P<ref>.+)", self._update_ref),
            route("DELETE", git + r"/refs/(?P<ref>.+)", self._delete_ref),
        ]

    # -- state -------------------------------------------------------------------------------------

    def add(self, full_name: str) -> None:
        """The repository exists from now on (and these credentials can read it)."""
        owner, _sep, name = full_name.partition("/")
        if not (_valid_name(owner) and _valid_name(name)):
            raise ValueError(f"not a repository name GitHub would give: {full_name!r}")
        with self._hub.lock:
            self._existing.add(full_name)

    def exists(self, full_name: str) -> bool:
        """Whether GitHub would show the repository to these credentials: seeded through the API of this class
        (any seeding call names a repository that exists) or with a directory under the fixtures. Any other name
        is a repository that does not exist or that the credentials cannot read: GitHub answers 404 for both."""
        with self._hub.lock:
            if full_name in self._existing:
                return True
        owner, _sep, name = full_name.partition("/")
        fixtures = self._hub.fixtures_dir
        return fixtures is not None and _valid_name(owner) and _valid_name(name) and (fixtures / owner / name).is_dir()

    def repository(self, full_name: str) -> GitRepository:
        """The repository's Git store, built from its fixtures the first time it is asked for."""
        with self._hub.lock:
            found = self._repositories.get(full_name)
            if found is None:
                self.add(full_name)
                fixtures = self._hub.fixtures_dir
                found = load_fixture_repository(fixtures / full_name if fixtures is not None else None)
                self._repositories[full_name] = found
            return found

    def known(self) -> list[str]:
        """The repositories seeded, or read through the API, so far."""
        with self._hub.lock:
            return sorted(self._existing | set(self._repositories))

    def add_files(self, full_name: str, files: Mapping[str, bytes | str], *, modes: Mapping[str, str]) -> str:
        with self._hub.lock:
            repository = self.repository(full_name)
            head = repository.resolve(None)
            assert head is not None
            current = repository.files(head.tree)
            for path, content in files.items():
                data = content.encode() if isinstance(content, str) else content
                current[path] = (modes.get(path, current.get(path, ("100644", ""))[0]), repository.add_blob(data))
            commit = repository.add_commit(repository.add_tree(current), (head.sha,), "Add files", AUTHOR)
            repository.refs[f"heads/{repository.default_branch}"] = commit.sha
            repository.base_commit = commit.sha
            return commit.sha

    def add_branch(self, full_name: str, branch: str, sha: str | None) -> str:
        with self._hub.lock:
            repository = self.repository(full_name)
            target = sha or repository.refs[f"heads/{repository.default_branch}"]
            if repository.resolve(target) is None:
                raise ValueError(f"no commit {target} in {full_name}")
            repository.refs[f"heads/{branch}"] = target
            return target

    def protect(self, full_name: str, branch: str) -> None:
        with self._hub.lock:
            repository = self.repository(full_name)
            head = repository.refs[f"heads/{repository.default_branch}"]
            repository.refs.setdefault(f"heads/{branch}", head)
            repository.protected.add(branch)

    def set_topics(self, full_name: str, topics: Sequence[str]) -> None:
        with self._hub.lock:
            self._topics[full_name] = list(topics)

    def file_at(self, full_name: str, ref: str, path: str) -> tuple[str, bytes] | None:
        with self._hub.lock:
            repository = self.repository(full_name)
            commit = repository.resolve(ref)
            if commit is None:
                return None
            found = repository.files(commit.tree).get(path)
            return None if found is None else (found[0], repository.blobs[found[1]])

    def branch_sha(self, full_name: str, branch: str) -> str | None:
        with self._hub.lock:
            return self.repository(full_name).refs.get(f"heads/{branch}")

    # -- repository, branches, contents ------------------------------------------------------------

    def _get_repository(self, owner: str, repo: str, **_: Any) -> Response:
        full_name = f"{owner}/{repo}"
        payload: dict[str, Any] = render(recording("repository"), self._hub.values(owner, repo))
        with self._hub.lock:
            payload["default_branch"] = self.repository(full_name).default_branch
            payload["topics"] = list(self._topics.get(full_name, []))
        # The recording is a webhook's repository; GET /repos/{owner}/{repo} answers a full-repository, which has
        # these too.
        payload.setdefault("network_count", 0)
        payload.setdefault("subscribers_count", 0)
        return json_response(200, payload)

    def _get_branch(self, owner: str, repo: str, branch: str, **_: Any) -> Response:
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            sha = repository.refs.get(f"heads/{branch}")
            if sha is None:
                return error(404, "Branch not found")
            protected = branch in repository.protected
            commit = repository.commits[sha]
        base = f"{self._hub.api_url}/repos/{owner}/{repo}"
        html = f"{self._hub.html_url}/{owner}/{repo}"
        person = {"name": commit.author.get("name", ""), "email": commit.author.get("email", ""), "date": iso(0)}
        return json_response(
            200,
            {
                "name": branch,
                # The full commit GitHub's description requires here (branch-with-protection.commit).
                "commit": {
                    "sha": sha,
                    "url": f"{base}/commits/{sha}",
                    "node_id": node_id("Commit", sha),
                    "html_url": f"{html}/commit/{sha}",
                    "comments_url": f"{base}/commits/{sha}/comments",
                    "commit": {
                        "url": f"{base}/git/commits/{sha}",
                        "author": person,
                        "committer": person,
                        "message": commit.message,
                        "comment_count": 0,
                        "tree": {"sha": commit.tree, "url": f"{base}/git/trees/{commit.tree}"},
                    },
                    "author": {},  # no GitHub account behind the commit's author (the description's empty-object)
                    "committer": {},
                    "parents": [
                        {"sha": parent, "url": f"{base}/commits/{parent}", "html_url": f"{html}/commit/{parent}"}
                        for parent in commit.parents
                    ],
                },
                "_links": {
                    "self": f"{base}/branches/{branch}",
                    "html": f"{self._hub.html_url}/{owner}/{repo}/tree/{branch}",
                },
                "protected": protected,
                "protection": {
                    "enabled": protected,
                    "required_status_checks": {"enforcement_level": "off", "contexts": [], "checks": []},
                },
                "protection_url": f"{base}/branches/{branch}/protection",
            },
        )

    def _get_contents(self, owner: str, repo: str, file_path: str, query: Mapping[str, str], **_: Any) -> Response:
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            repository = self.repository(full_name)
            commit = repository.resolve(query.get("ref"))
            if commit is None:
                return error(404, f"No commit found for the ref {query.get('ref')}")
            files = repository.files(commit.tree)
            path = file_path.strip("/")
            if path in files:
                mode, sha = files[path]
                content = repository.blobs[sha]
                return json_response(200, self._content_json(owner, repo, path, sha, content, query.get("ref")))
            prefix = path + "/"
            children: dict[str, tuple[str, str] | None] = {}
            for name, (mode, sha) in files.items():
                if name.startswith(prefix):
                    rest = name[len(prefix) :]
                    child, _sep, deeper = rest.partition("/")
                    children[child] = None if deeper else (mode, sha)
            if not children:
                return error(404, "Not Found")
            listing = [
                {
                    "type": "dir" if leaf is None else "file",
                    "name": child,
                    "path": prefix + child,
                    "sha": "" if leaf is None else leaf[1],
                    "size": 0 if leaf is None else len(repository.blobs[leaf[1]]),
                }
                for child, leaf in sorted(children.items())
            ]
            return json_response(200, listing)

    def _content_json(
        self, owner: str, repo: str, path: str, sha: str, content: bytes, ref: str | None
    ) -> dict[str, Any]:
        base = f"{self._hub.api_url}/repos/{owner}/{repo}"
        encoded = base64.encodebytes(content).decode("ascii")  # GitHub wraps base64 at 60 characters per line
        return {
            "type": "file",
            "encoding": "base64",
            "size": len(content),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": encoded,
            "sha": sha,
            "url": f"{base}/contents/{path}" + (f"?ref={ref}" if ref else ""),
            "git_url": f"{base}/git/blobs/{sha}",
            "html_url": f"{self._hub.html_url}/{owner}/{repo}/blob/{ref or 'main'}/{path}",
            "download_url": None,
            "_links": {"self": f"{base}/contents/{path}", "git": f"{base}/git/blobs/{sha}", "html": None},
        }

    # -- Git Data API ------------------------------------------------------------------------------

    def _get_blob(self, owner: str, repo: str, sha: str, **_: Any) -> Response:
        with self._hub.lock:
            content = self.repository(f"{owner}/{repo}").blobs.get(sha)
        if content is None:
            return error(404, "Not Found")
        return json_response(
            200,
            {
                "sha": sha,
                "node_id": "",
                "size": len(content),
                "url": f"{self._hub.api_url}/repos/{owner}/{repo}/git/blobs/{sha}",
                "content": base64.encodebytes(content).decode("ascii"),
                "encoding": "base64",
            },
        )

    def _create_blob(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        content, encoding = payload.get("content"), payload.get("encoding", "utf-8")
        if not isinstance(content, str):
            return validation_failed("Blob", "content", "missing_field")
        if encoding not in ("utf-8", "base64"):
            return validation_failed("Blob", "encoding", "invalid")
        data = base64.b64decode(content) if encoding == "base64" else content.encode("utf-8")
        with self._hub.lock:
            sha = self.repository(f"{owner}/{repo}").add_blob(data)
        return json_response(201, {"sha": sha, "url": f"{self._hub.api_url}/repos/{owner}/{repo}/git/blobs/{sha}"})

    def _tree_json(self, owner: str, repo: str, repository: GitRepository, sha: str, recursive: bool) -> dict[str, Any]:
        base = f"{self._hub.api_url}/repos/{owner}/{repo}/git"
        if recursive:
            entries = [
                {
                    "path": path,
                    "mode": mode,
                    "type": "blob",
                    "sha": blob,
                    "size": len(repository.blobs[blob]),
                    "url": f"{base}/blobs/{blob}",
                }
                for path, (mode, blob) in sorted(repository.files(sha).items())
            ]
        else:
            entries = []
            for entry in repository.trees[sha]:
                item: dict[str, Any] = {"path": entry.name, "mode": entry.mode, "type": entry.type, "sha": entry.sha}
                if entry.type == "blob":
                    item["size"] = len(repository.blobs[entry.sha])
                item["url"] = f"{base}/{entry.type}s/{entry.sha}"
                entries.append(item)
        return {"sha": sha, "url": f"{base}/trees/{sha}", "tree": entries, "truncated": False}

    def _get_tree(self, owner: str, repo: str, sha: str, query: Mapping[str, str], **_: Any) -> Response:
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            tree = sha if sha in repository.trees else None
            if tree is None:
                commit = repository.resolve(sha)
                tree = commit.tree if commit is not None else None
            if tree is None:
                return error(404, "Not Found")
            recursive = query.get("recursive", "") not in ("", "0", "false")
            return json_response(200, self._tree_json(owner, repo, repository, tree, recursive))

    def _create_tree(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        entries = payload.get("tree")
        if not isinstance(entries, list):
            return validation_failed("Tree", "tree", "missing_field")
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            base_tree = payload.get("base_tree")
            if base_tree is not None and base_tree not in repository.trees:
                return validation_failed("Tree", "base_tree", "invalid", "base_tree is not a valid tree oid")
            files = repository.files(base_tree) if base_tree else {}
            for entry in entries:
                if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                    return validation_failed("Tree", "tree.path", "missing_field")
                path, mode = entry["path"].strip("/"), entry.get("mode")
                if mode not in FILE_MODES:
                    return validation_failed("Tree", "tree.mode", "invalid", f"tree.mode {mode!r} is not valid")
                if "content" in entry and entry.get("sha") is not None:
                    return validation_failed("Tree", "tree", "invalid", "sha and content are mutually exclusive")
                if "content" in entry:
                    files[path] = (mode, repository.add_blob(str(entry["content"]).encode("utf-8")))
                elif entry.get("sha") is None:
                    files.pop(path, None)  # a null sha deletes the file
                elif entry["sha"] in repository.blobs:
                    files[path] = (mode, entry["sha"])
                else:
                    return validation_failed(
                        "Tree", "tree.sha", "invalid", f"tree.sha {entry['sha']} is not a valid blob"
                    )
            sha = repository.add_tree(files)
            return json_response(201, self._tree_json(owner, repo, repository, sha, recursive=False))

    def _commit_json(self, owner: str, repo: str, commit: Commit) -> dict[str, Any]:
        base = f"{self._hub.api_url}/repos/{owner}/{repo}/git"
        return {
            "sha": commit.sha,
            "node_id": "",
            "url": f"{base}/commits/{commit.sha}",
            "html_url": f"{self._hub.html_url}/{owner}/{repo}/commit/{commit.sha}",
            "author": commit.author,
            "committer": commit.author,
            "message": commit.message,
            "tree": {"sha": commit.tree, "url": f"{base}/trees/{commit.tree}"},
            "parents": [
                {
                    "sha": parent,
                    "url": f"{base}/commits/{parent}",
                    "html_url": f"{self._hub.html_url}/{owner}/{repo}/commit/{parent}",
                }
                for parent in commit.parents
            ],
            "verification": {
                "verified": False,
                "reason": "unsigned",
                "signature": None,
                "payload": None,
                "verified_at": None,
            },
        }

    def _get_commit(self, owner: str, repo: str, sha: str, **_: Any) -> Response:
        with self._hub.lock:
            commit = self.repository(f"{owner}/{repo}").resolve(sha)
        if commit is None:
            return error(404, "Not Found")
        return json_response(200, self._commit_json(owner, repo, commit))

    def _create_commit(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        message, tree, parents = payload.get("message"), payload.get("tree"), payload.get("parents", [])
        if not isinstance(message, str):
            return validation_failed("Commit", "message", "missing_field")
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            if tree not in repository.trees:
                return validation_failed("Commit", "tree", "invalid", "Tree SHA does not exist")
            resolved: list[str] = []
            for parent in parents if isinstance(parents, list) else []:
                found = repository.resolve(parent) if _is_sha(parent) else None
                if found is None:
                    return validation_failed(
                        "Commit", "parents", "invalid", "Parent SHA does not exist or is not a commit object"
                    )
                resolved.append(found.sha if parent not in repository.commits else parent)
            author = payload.get("author") if isinstance(payload.get("author"), dict) else None
            commit = repository.add_commit(
                str(tree), tuple(resolved), message, author or {**AUTHOR, "name": self._hub.bot_login}
            )
            return json_response(201, self._commit_json(owner, repo, commit))

    def _ref_json(self, owner: str, repo: str, name: str, sha: str) -> dict[str, Any]:
        base = f"{self._hub.api_url}/repos/{owner}/{repo}/git"
        return {
            "ref": f"refs/{name}",
            "node_id": "",
            "url": f"{base}/refs/{name}",
            "object": {"type": "commit", "sha": sha, "url": f"{base}/commits/{sha}"},
        }

    def _get_ref(self, owner: str, repo: str, ref: str, **_: Any) -> Response:
        name = ref.removeprefix("refs/")
        with self._hub.lock:
            sha = self.repository(f"{owner}/{repo}").refs.get(name)
        if sha is None:
            return error(404, "Not Found")
        return json_response(200, self._ref_json(owner, repo, name, sha))

    def _create_ref(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        ref, sha = payload.get("ref"), payload.get("sha")
        if not isinstance(ref, str) or not ref.startswith("refs/") or ref.count("/") < 2:
            return error(422, "Reference name must start with 'refs/' and have at least two slashes.")
        name = ref.removeprefix("refs/")
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            if not _is_sha(sha) or sha not in repository.commits:
                return error(422, "Object does not exist")
            if name in repository.refs:
                return error(422, "Reference already exists")
            repository.refs[name] = str(sha)
        self._hub.actions.on_push(f"{owner}/{repo}", name, str(sha))
        return json_response(201, self._ref_json(owner, repo, name, str(sha)))

    def _update_ref(self, owner: str, repo: str, ref: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        name, sha, force = ref.removeprefix("refs/"), payload.get("sha"), bool(payload.get("force", False))
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            current = repository.refs.get(name)
            if current is None:
                return error(422, "Reference does not exist")
            if not _is_sha(sha) or sha not in repository.commits:
                return error(422, "Object does not exist")
            branch = name.removeprefix("heads/")
            if branch in repository.protected:
                return error(422, f"Protected branch update failed for refs/{name}.")
            if not force and not repository.is_ancestor(current, str(sha)):
                return error(422, "Update is not a fast forward")
            repository.refs[name] = str(sha)
        self._hub.pulls.refresh_head(f"{owner}/{repo}", name.removeprefix("heads/"), str(sha))
        self._hub.actions.on_push(f"{owner}/{repo}", name, str(sha))
        return json_response(200, self._ref_json(owner, repo, name, str(sha)))

    def _delete_ref(self, owner: str, repo: str, ref: str, **_: Any) -> Response:
        name = ref.removeprefix("refs/")
        with self._hub.lock:
            repository = self.repository(f"{owner}/{repo}")
            if name not in repository.refs:
                return error(422, "Reference does not exist")
            if name.removeprefix("heads/") in repository.protected or name == f"heads/{repository.default_branch}":
                return error(422, f"Cannot delete refs/{name}: it is the default or a protected branch")
            del repository.refs[name]
        return Response(status=204)
