"""Repositories as Git stores them: blobs, trees and commits under their real SHA-1, and the refs that name them.

The local GitHub keeps one :class:`GitRepository` per repository. Its first commit holds the files of
``<fixtures>/<owner>/<repo>/contents/`` (mode 100644, or what ``modes.json`` beside it says). The Git Data API
(blobs, trees, commits, refs) and the contents API read and write it, so a fix commit made through the API can
be read back, diffed and verified as on GitHub.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

FILE_MODES = frozenset({"100644", "100755", "120000"})
TREE_MODE = "040000"
AUTHOR = {"name": "ci-agent fixtures", "email": "fixtures@ci-agent.invalid", "date": "2026-01-01T00:00:00Z"}


def git_sha(kind: str, payload: bytes) -> str:
    """The object id Git gives ``payload`` of type ``kind`` (blob, tree, commit)."""
    return hashlib.sha1(f"{kind} {len(payload)}\0".encode() + payload, usedforsecurity=False).hexdigest()


@dataclass(frozen=True, slots=True)
class TreeEntry:
    name: str
    mode: str
    type: str  # "blob" or "tree"
    sha: str


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    tree: str
    parents: tuple[str, ...]
    message: str
    author: dict[str, str]


@dataclass(slots=True)
class GitRepository:
    """One repository's object store and refs. ``files`` views are flat: ``{"dir/file": (mode, blob sha)}``."""

    default_branch: str = "main"
    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, tuple[TreeEntry, ...]] = field(default_factory=dict)
    commits: dict[str, Commit] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)  # "heads/main" -> commit sha
    protected: set[str] = field(default_factory=set)  # protected branch names
    base_commit: str | None = None  # the fixture commit; unknown SHAs of a fixture repository resolve to it

    # -- objects -----------------------------------------------------------------------------------

    def add_blob(self, content: bytes) -> str:
        sha = git_sha("blob", content)
        self.blobs[sha] = content
        return sha

    def add_tree(self, files: dict[str, tuple[str, str]]) -> str:
        """Store the nested trees for a flat ``{path: (mode, blob sha)}`` and return the root tree's sha."""
        nested: dict[str, object] = {}
        for path, leaf in files.items():
            node = nested
            *dirs, name = path.split("/")
            for part in dirs:
                child = node.setdefault(part, {})
                if not isinstance(child, dict):
                    raise ValueError(f"{path}: {part} is a file")
                node = child
            node[name] = leaf
        return self._store_nested(nested)

    def _store_nested(self, node: dict[str, object]) -> str:
        entries: list[TreeEntry] = []
        for name, value in node.items():
            if isinstance(value, dict):
                entries.append(TreeEntry(name, TREE_MODE, "tree", self._store_nested(value)))
            else:
                leaf: tuple[str, str] = value  # type: ignore[assignment]
                entries.append(TreeEntry(name, leaf[0], "blob", leaf[1]))
        # Git orders entries by name, a tree's name compared as if it ended in "/".
        entries.sort(key=lambda e: e.name + ("/" if e.type == "tree" else ""))
        payload = b"".join(f"{e.mode.lstrip('0')} {e.name}\0".encode() + bytes.fromhex(e.sha) for e in entries)
        sha = git_sha("tree", payload)
        self.trees[sha] = tuple(entries)
        return sha

    def files(self, tree_sha: str, prefix: str = "") -> dict[str, tuple[str, str]]:
        """The flat view of a tree: every file under it with its mode and blob sha."""
        found: dict[str, tuple[str, str]] = {}
        for entry in self.trees[tree_sha]:
            path = f"{prefix}{entry.name}"
            if entry.type == "tree":
                found.update(self.files(entry.sha, path + "/"))
            else:
                found[path] = (entry.mode, entry.sha)
        return found

    def add_commit(self, tree: str, parents: tuple[str, ...], message: str, author: dict[str, str]) -> Commit:
        lines = [f"tree {tree}", *(f"parent {parent}" for parent in parents)]
        lines += [f"author {author['name']} <{author['email']}> 0 +0000", "committer ci-agent <> 0 +0000", ""]
        sha = git_sha("commit", ("\n".join(lines) + "\n" + message).encode())
        commit = Commit(sha=sha, tree=tree, parents=parents, message=message, author=dict(author))
        self.commits[sha] = commit
        return commit

    # -- lookups -----------------------------------------------------------------------------------

    def resolve(self, ref: str | None) -> Commit | None:
        """The commit a branch name, ``heads/...`` ref or SHA names (None: the default branch)."""
        name = ref or self.default_branch
        for candidate in (name, f"heads/{name}", name.removeprefix("refs/")):
            if candidate in self.refs:
                return self.commits[self.refs[candidate]]
        if name in self.commits:
            return self.commits[name]
        if len(name) == 40 and all(c in "0123456789abcdef" for c in name) and self.base_commit is not None:
            # A commit the fixtures do not name (the head of a webhook payload): it has the fixture files.
            return self.commits[self.base_commit]
        return None

    def is_ancestor(self, ancestor: str, descendant: str) -> bool:
        seen: set[str] = set()
        stack = [descendant]
        while stack:
            sha = stack.pop()
            if sha == ancestor:
                return True
            if sha in seen or sha not in self.commits:
                continue
            seen.add(sha)
            stack.extend(self.commits[sha].parents)
        return False


def load_fixture_repository(directory: Path | None, default_branch: str = "main") -> GitRepository:
    """A repository whose first commit holds ``directory/contents`` (empty when there is none)."""
    repository = GitRepository(default_branch=default_branch)
    files: dict[str, tuple[str, str]] = {}
    if directory is not None and (directory / "contents").is_dir():
        modes_file = directory / "modes.json"
        modes: dict[str, str] = json.loads(modes_file.read_text(encoding="utf-8")) if modes_file.is_file() else {}
        root = directory / "contents"
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            files[relative] = (modes.get(relative, "100644"), repository.add_blob(path.read_bytes()))
    tree = repository.add_tree(files)
    commit = repository.add_commit(tree, (), "Initial commit", AUTHOR)
    repository.refs[f"heads/{default_branch}"] = commit.sha
    repository.base_commit = commit.sha
    return repository
