"""Pull requests: seeded ones and those opened through the API; list (by head, base, state), get, create, update,
and the pull requests of a commit."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
    paginate,
    recording,
    render,
    route,
    validation_failed,
)

if TYPE_CHECKING:
    from ci_agent.local.github.server import LocalGitHub


@dataclass(slots=True)
class _Pull:
    repo: str
    number: int
    head_ref: str
    head_sha: str
    base_ref: str
    head_repo: str  # "owner/name": a fork's when it differs from ``repo``
    title: str = "Update the README"
    body: str | None = None
    state: str = "open"
    merged: bool = False
    author: str = "Codertocat"
    by_bot: bool = False
    labels: list[str] = field(default_factory=list)
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    closed_at: float | None = None


@dataclass(frozen=True, slots=True)
class RecordedPull:
    number: int
    title: str
    body: str | None
    state: str
    merged: bool
    head_ref: str
    head_sha: str
    base_ref: str
    author: str
    labels: tuple[str, ...]


class PullsResource:
    def __init__(self, hub: LocalGitHub) -> None:
        self._hub = hub
        self._pulls: dict[tuple[str, int], _Pull] = {}
        self._commits: set[tuple[str, str]] = set()

    def routes(self) -> list[Route]:
        return [
            route("GET", REPO_PATH + r"/pulls", self._list),
            route("POST", REPO_PATH + r"/pulls", self._create),
            route("GET", REPO_PATH + r"/pulls/(?P<number>\d+)", self._get),
            route("PATCH", REPO_PATH + r"/pulls/(?P<number>\d+)", self._update),
            route("GET", REPO_PATH + r"/commits/(?P<sha>[^/]+)/pulls", self._for_commit),
        ]

    # -- seeding and inspection --------------------------------------------------------------------

    def add(
        self,
        repo: str,
        number: int,
        *,
        head_sha: str,
        state: str,
        head_ref: str,
        base_ref: str,
        head_repo: str | None,
        labels: Sequence[str],
    ) -> None:
        with self._hub.lock:
            self._pulls[(repo, number)] = _Pull(
                repo, number, head_ref, head_sha, base_ref, head_repo or repo, state=state, labels=list(labels)
            )
            self._hub.issues.reserve_number(repo, number)

    def all(self, repo: str) -> list[RecordedPull]:
        with self._hub.lock:
            pulls = sorted((p for (name, _n), p in self._pulls.items() if name == repo), key=lambda p: p.number)
            return [
                RecordedPull(
                    p.number,
                    p.title,
                    p.body,
                    p.state,
                    p.merged,
                    p.head_ref,
                    p.head_sha,
                    p.base_ref,
                    p.author,
                    tuple(p.labels),
                )
                for p in pulls
            ]

    def find(self, repo: str, number: int) -> _Pull | None:
        with self._hub.lock:
            return self._pulls.get((repo, number))

    def close(self, repo: str, number: int, *, merged: bool) -> None:
        """A maintainer closed (or merged) the pull request."""
        with self._hub.lock:
            pull = self._pulls[(repo, number)]
            pull.state, pull.merged, pull.closed_at = "closed", merged, time.time()

    # -- answers -----------------------------------------------------------------------------------

    def pull_json(self, pull: _Pull) -> dict[str, Any]:
        owner, _sep, name = pull.repo.partition("/")
        values = self._hub.values(
            owner,
            name,
            pr_number=pull.number,
            pr_id=100_000_000 + pull.number,
            pr_node_id=node_id("PullRequest", pull.number),
            head_sha=pull.head_sha,
        )
        payload: dict[str, Any] = render(recording("pull_request"), values)
        head_owner = pull.head_repo.partition("/")[0]
        payload["head"].update(ref=pull.head_ref, sha=pull.head_sha, label=f"{head_owner}:{pull.head_ref}")
        payload["head"]["repo"].update(
            full_name=pull.head_repo, name=pull.head_repo.partition("/")[2], fork=pull.head_repo != pull.repo
        )
        payload["head"]["repo"]["owner"]["login"] = head_owner
        payload["base"].update(ref=pull.base_ref, label=f"{owner}:{pull.base_ref}")
        with self._hub.lock:
            base_sha = self._hub.repos.branch_sha(pull.repo, pull.base_ref)
        if base_sha:
            payload["base"]["sha"] = base_sha
        payload.update(
            title=pull.title,
            body=pull.body,
            state=pull.state,
            merged=pull.merged,
            created_at=iso(pull.created_at),
            updated_at=iso(pull.updated_at),
            closed_at=iso(pull.closed_at) if pull.closed_at else None,
            merged_at=iso(pull.closed_at) if pull.merged and pull.closed_at else None,
            labels=[self._hub.issues.label_json(owner, name, label) for label in pull.labels],
        )
        payload["user"].update(login=pull.author, type="Bot" if pull.by_bot else "User")
        return payload

    def _get(self, owner: str, repo: str, number: str, **_: Any) -> Response:
        with self._hub.lock:
            pull = self._pulls.get((f"{owner}/{repo}", int(number)))
            if pull is None:
                return error(404, "Not Found")  # as GitHub answers for a number that is no pull request
            return json_response(200, self.pull_json(pull))

    def _list(self, owner: str, repo: str, path: str, query: dict[str, str], **_: Any) -> Response:
        state = query.get("state", "open")
        if state not in ("open", "closed", "all"):
            return validation_failed("PullRequest", "state", "invalid")
        head, base = query.get("head"), query.get("base")
        with self._hub.lock:
            found = [
                pull
                for (name, _number), pull in sorted(self._pulls.items(), key=lambda item: -item[0][1])
                if name == f"{owner}/{repo}"
                and (state == "all" or pull.state == state)
                and (head is None or head == f"{pull.head_repo.partition('/')[0]}:{pull.head_ref}")
                and (base is None or base == pull.base_ref)
            ]
            items = [self.pull_json(pull) for pull in found]
        page, headers = paginate(self._hub.api_url, path, query, items)
        return json_response(200, page, headers)

    def _create(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        full_name = f"{owner}/{repo}"
        title, head, base = payload.get("title"), payload.get("head"), payload.get("base")
        if not isinstance(title, str) or not title:
            return validation_failed("PullRequest", "title", "missing_field")
        if not isinstance(head, str) or not isinstance(base, str):
            return validation_failed("PullRequest", "head" if not isinstance(head, str) else "base", "missing_field")
        head_ref = head.partition(":")[2] if ":" in head else head
        with self._hub.lock:
            head_sha = self._hub.repos.branch_sha(full_name, head_ref)
            base_sha = self._hub.repos.branch_sha(full_name, base)
            if head_sha is None:
                return validation_failed("PullRequest", "head", "invalid")
            if base_sha is None:
                return validation_failed("PullRequest", "base", "invalid")
            for pull in self._pulls.values():
                if (
                    pull.repo == full_name
                    and pull.state == "open"
                    and pull.head_ref == head_ref
                    and pull.base_ref == base
                ):
                    return validation_failed(
                        "PullRequest", "", "custom", f"A pull request already exists for {owner}:{head_ref}."
                    )
            if head_sha == base_sha:
                return validation_failed("PullRequest", "", "custom", f"No commits between {base} and {head_ref}")
            number = self._hub.issues.next_number(full_name)
            pull = _Pull(
                full_name,
                number,
                head_ref,
                head_sha,
                base,
                full_name,
                title=title,
                body=payload.get("body") if isinstance(payload.get("body"), str) else None,
                author=self._hub.bot_login,
                by_bot=True,
            )
            self._pulls[(full_name, number)] = pull
            answer = self.pull_json(pull)
        return json_response(201, answer, {"Location": answer["url"]})

    def _update(self, owner: str, repo: str, number: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        with self._hub.lock:
            pull = self._pulls.get((f"{owner}/{repo}", int(number)))
            if pull is None:
                return error(404, "Not Found")
            if "state" in payload:
                if payload["state"] not in ("open", "closed"):
                    return validation_failed("PullRequest", "state", "invalid")
                if pull.merged:
                    return validation_failed(
                        "PullRequest", "state", "custom", "Cannot change the state of a merged pull request"
                    )
                pull.state = payload["state"]
                pull.closed_at = time.time() if pull.state == "closed" else None
            for name in ("title", "body"):
                if isinstance(payload.get(name), str):
                    setattr(pull, name, payload[name])
            if isinstance(payload.get("base"), str):
                if self._hub.repos.branch_sha(pull.repo, payload["base"]) is None:
                    return validation_failed("PullRequest", "base", "invalid")
                pull.base_ref = payload["base"]
            pull.updated_at = time.time()
            return json_response(200, self.pull_json(pull))

    def refresh_head(self, repo: str, branch: str, sha: str) -> None:
        """A push to ``branch`` moves the head of its open pull requests."""
        with self._hub.lock:
            for pull in self._pulls.values():
                if pull.repo == repo and pull.head_ref == branch and pull.state == "open":
                    pull.head_sha, pull.updated_at = sha, time.time()

    def add_labels(self, repo: str, number: int, labels: Sequence[str]) -> list[str] | None:
        with self._hub.lock:
            pull = self._pulls.get((repo, number))
            if pull is None:
                return None
            for label in labels:
                if label not in pull.labels:
                    pull.labels.append(label)
            return list(pull.labels)

    def add_commit(self, repo: str, sha: str) -> None:
        """Make ``sha`` a commit the repository knows (without any pull request)."""
        with self._hub.lock:
            self._commits.add((repo, sha))

    def _known_commit(self, full_name: str, sha: str) -> bool:
        # The commits this server can name: seeded ones, the heads of pull requests into the repository (a fork's
        # head is in the repository's network), the runs' and the recordings' head, and the Git store's.
        if sha == self._hub.values("", "")["head_sha"] or (full_name, sha) in self._commits:
            return True
        if any(p.repo == full_name and p.head_sha == sha for p in self._pulls.values()):
            return True
        if self._hub.actions.runs_at(full_name, sha):
            return True
        return sha in self._hub.repos.repository(full_name).commits

    def _for_commit(self, owner: str, repo: str, sha: str, path: str, query: dict[str, str], **_: Any) -> Response:
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            if not self._known_commit(full_name, sha):
                return validation_failed("Commit", "sha", "invalid", f"No commit found for SHA: {sha}")
            # The pull requests whose head is this commit in this repository. A fork's commit is not this
            # repository's: GitHub answers [] for it (find a fork's pull request by head=owner:branch instead).
            pulls = sorted(
                (
                    p
                    for p in self._pulls.values()
                    if p.repo == full_name and p.head_sha == sha and p.head_repo == full_name
                ),
                key=lambda p: p.number,
            )
            items = [self.pull_json(p) for p in pulls]
        page, headers = paginate(self._hub.api_url, path, query, items)
        return json_response(200, page, headers)


def labels_of(payload: Mapping[str, Any]) -> list[str]:
    raw = payload.get("labels")
    if not isinstance(raw, list):
        return []
    return [item if isinstance(item, str) else str(item.get("name", "")) for item in raw if item]
