"""Issues and their comments and labels: the pull request comment ci-agent keeps, the labels on its fix pull
requests, and the issues the weekly report opens. Pull requests share the issues' numbers, as on GitHub."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
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

DEFAULT_LABEL_COLOR = "ededed"
MAX_BODY_CHARS = 65536  # GitHub refuses a longer issue or comment body with 422


def _body_too_long(resource: str) -> Response:
    return validation_failed(resource, "body", "custom", f"body is too long (maximum is {MAX_BODY_CHARS} characters)")


@dataclass(frozen=True, slots=True)
class RecordedComment:
    id: int
    body: str
    author: str
    created_at: str
    updated_at: str
    edits: int


@dataclass(frozen=True, slots=True)
class RecordedIssue:
    number: int
    title: str
    body: str | None
    state: str
    labels: tuple[str, ...]
    author: str
    edits: int


@dataclass(slots=True)
class _Comment:
    id: int
    repo: str
    pr_number: int
    body: str
    author: str
    bot: bool
    created_at: float
    updated_at: float
    edits: int = 0

    def snapshot(self) -> RecordedComment:
        return RecordedComment(
            id=self.id,
            body=self.body,
            author=self.author,
            created_at=iso(self.created_at),
            updated_at=iso(self.updated_at),
            edits=self.edits,
        )


@dataclass(slots=True)
class _Issue:
    repo: str
    number: int
    title: str
    body: str | None
    author: str
    labels: list[str] = field(default_factory=list)
    state: str = "open"
    created_at: float = field(default_factory=time.time)
    updated_at: float = field(default_factory=time.time)
    edits: int = 0


class IssuesResource:
    def __init__(self, hub: LocalGitHub) -> None:
        self._hub = hub
        self._comments: dict[int, _Comment] = {}
        self._next_comment_id = 1_000_001
        self._numbers: dict[str, int] = {}
        self._issues: dict[tuple[str, int], _Issue] = {}
        self._labels: dict[tuple[str, str], dict[str, Any]] = {}

    def routes(self) -> list[Route]:
        issue = REPO_PATH + r"/issues/(?P<number>\d+)"
        comment = REPO_PATH + r"/issues/comments/(?P<comment_id>\d+)"
        return [
            route("GET", REPO_PATH + r"/issues", self._list_issues),
            route("POST", REPO_PATH + r"/issues", self._create_issue),
            route("GET", issue, self._get_issue),
            route("PATCH", issue, self._update_issue),
            route("GET", issue + r"/comments", self._list_comments),
            route("POST", issue + r"/comments", self._create_comment),
            route("POST", issue + r"/labels", self._add_labels),
            route("GET", comment, self._get_comment),
            route("PATCH", comment, self._edit_comment),
            route("DELETE", comment, self._delete_comment),
            route("GET", REPO_PATH + r"/labels/(?P<name>[^/]+)", self._get_label),
            route("POST", REPO_PATH + r"/labels", self._create_label),
        ]

    # -- numbers -----------------------------------------------------------------------------------

    def next_number(self, repo: str) -> int:
        with self._hub.lock:
            number = self._numbers.get(repo, 0) + 1
            self._numbers[repo] = number
            return number

    def reserve_number(self, repo: str, number: int) -> None:
        with self._hub.lock:
            self._numbers[repo] = max(self._numbers.get(repo, 0), number)

    # -- comments ----------------------------------------------------------------------------------

    def add_comment(self, repo: str, pr_number: int, body: str, *, author: str, by_bot: bool) -> int:
        with self._hub.lock:
            if by_bot:
                return self._store_comment(repo, pr_number, body, author=self._hub.bot_login, bot=True).id
            return self._store_comment(repo, pr_number, body, author=author, bot=False).id

    def comments(self, repo: str, pr_number: int) -> list[RecordedComment]:
        with self._hub.lock:
            found = [c for c in self._comments.values() if c.repo == repo and c.pr_number == pr_number]
            return [comment.snapshot() for comment in sorted(found, key=lambda c: c.id)]

    def _store_comment(self, repo: str, pr_number: int, body: str, *, author: str, bot: bool) -> _Comment:
        now = time.time()
        comment = _Comment(self._next_comment_id, repo, pr_number, body, author, bot, now, now)
        self._next_comment_id += 1
        self._comments[comment.id] = comment
        return comment

    def _comment_json(self, comment: _Comment) -> dict[str, Any]:
        owner, _sep, repo = comment.repo.partition("/")
        values = self._hub.values(
            owner,
            repo,
            comment_id=comment.id,
            comment_node_id=node_id("IssueComment", comment.id),
            pr_number=comment.pr_number,
            body=comment.body,
            user_login=comment.author,
            user_id=41898282 if comment.bot else 583231,
            user_type="Bot" if comment.bot else "User",
            author_association="NONE" if comment.bot else "CONTRIBUTOR",
            created_at=iso(comment.created_at),
            updated_at=iso(comment.updated_at),
        )
        rendered: dict[str, Any] = render(recording("issue_comment"), values)
        return rendered

    def exists(self, full_name: str, number: int) -> bool:
        """An issue or a pull request of that number: what comments can be read from and written to."""
        with self._hub.lock:
            return (full_name, number) in self._issues or self._hub.pulls.find(full_name, number) is not None

    def _list_comments(
        self, owner: str, repo: str, number: str, path: str, query: dict[str, str], **_: Any
    ) -> Response:
        full_name, pr_number = f"{owner}/{repo}", int(number)
        if not self.exists(full_name, pr_number):
            return error(404, "Not Found")
        with self._hub.lock:
            found = sorted(
                (c for c in self._comments.values() if c.repo == full_name and c.pr_number == pr_number),
                key=lambda c: c.id,
            )
            payload = [self._comment_json(comment) for comment in found]
        page, headers = paginate(self._hub.api_url, path, query, payload)
        return json_response(200, page, headers)

    def _create_comment(self, owner: str, repo: str, number: str, body: bytes, **_: Any) -> Response:
        text = _body_text(body)
        if text is None:
            return error(422, "Validation Failed")
        if len(text) > MAX_BODY_CHARS:
            return _body_too_long("IssueComment")
        if not self.exists(f"{owner}/{repo}", int(number)):
            return error(404, "Not Found")
        with self._hub.lock:
            comment = self._store_comment(f"{owner}/{repo}", int(number), text, author=self._hub.bot_login, bot=True)
            payload = self._comment_json(comment)
        return json_response(201, payload, {"Location": payload["url"]})

    def _get_comment(self, owner: str, repo: str, comment_id: str, **_: Any) -> Response:
        with self._hub.lock:
            comment = self._comments.get(int(comment_id))
            if comment is None or comment.repo != f"{owner}/{repo}":
                return error(404, "Not Found")
            return json_response(200, self._comment_json(comment))

    def _edit_comment(self, owner: str, repo: str, comment_id: str, body: bytes, **_: Any) -> Response:
        text = _body_text(body)
        if text is None:
            return error(422, "Validation Failed")
        if len(text) > MAX_BODY_CHARS:
            return _body_too_long("IssueComment")
        with self._hub.lock:
            comment = self._own_comment(owner, repo, comment_id)
            if isinstance(comment, Response):
                return comment
            comment.body = text
            comment.updated_at = time.time()
            comment.edits += 1
            return json_response(200, self._comment_json(comment))

    def _delete_comment(self, owner: str, repo: str, comment_id: str, **_: Any) -> Response:
        with self._hub.lock:
            comment = self._own_comment(owner, repo, comment_id)
            if isinstance(comment, Response):
                return comment
            del self._comments[comment.id]
        return Response(status=204, body=b"")

    def _own_comment(self, owner: str, repo: str, comment_id: str) -> _Comment | Response:
        """The agent's own comment, or GitHub's answer to changing one that is missing (404) or not its (403)."""
        comment = self._comments.get(int(comment_id))
        if comment is None or comment.repo != f"{owner}/{repo}":
            return error(404, "Not Found")
        if not comment.bot:
            return error(403, "Resource not accessible by integration")
        return comment

    # -- labels ------------------------------------------------------------------------------------

    def label_json(self, owner: str, repo: str, name: str) -> dict[str, Any]:
        with self._hub.lock:
            known = self._labels.get((f"{owner}/{repo}", name.lower()))
        label = known or {"name": name, "color": DEFAULT_LABEL_COLOR, "description": None}
        # description "" for none: GitHub's API description has it as a non-nullable string in a pull request.
        return {
            "id": abs(hash((owner, repo, name.lower()))) % 10**9,
            "node_id": node_id("Label", name),
            "url": f"{self._hub.api_url}/repos/{owner}/{repo}/labels/{label['name']}",
            "name": label["name"],
            "color": label["color"],
            "default": False,
            "description": label["description"] or "",
        }

    def _ensure_label(self, repo: str, name: str) -> str:
        # Adding a label GitHub does not know to an issue creates it, with the default colour.
        key = (repo, name.lower())
        if key not in self._labels:
            self._labels[key] = {"name": name, "color": DEFAULT_LABEL_COLOR, "description": None}
        return str(self._labels[key]["name"])

    def _get_label(self, owner: str, repo: str, name: str, **_: Any) -> Response:
        with self._hub.lock:
            if (f"{owner}/{repo}", name.lower()) not in self._labels:
                return error(404, "Not Found")
        return json_response(200, self.label_json(owner, repo, name))

    def _create_label(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        name = payload.get("name")
        if not isinstance(name, str) or not name:
            return validation_failed("Label", "name", "missing_field")
        key = (f"{owner}/{repo}", name.lower())
        with self._hub.lock:
            if key in self._labels:
                return validation_failed("Label", "name", "already_exists")
            self._labels[key] = {
                "name": name,
                "color": str(payload.get("color") or DEFAULT_LABEL_COLOR).lstrip("#"),
                "description": payload.get("description"),
            }
        return json_response(201, self.label_json(owner, repo, name))

    def _add_labels(self, owner: str, repo: str, number: str, body: bytes, **_: Any) -> Response:
        # GitHub takes {"labels": [...]} or a bare array of names (what PyGithub sends).
        try:
            raw = json.loads(body or b"null")
        except ValueError:
            return error(400, "Problems parsing JSON")
        labels = raw.get("labels") if isinstance(raw, dict) else raw
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            return validation_failed("Label", "labels", "invalid")
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            names = [self._ensure_label(full_name, label) for label in labels]
            on_pull = self._hub.pulls.add_labels(full_name, int(number), names)
            if on_pull is None:
                issue = self._issues.get((full_name, int(number)))
                if issue is None:
                    return error(404, "Not Found")
                issue.labels.extend(name for name in names if name not in issue.labels)
                on_pull = list(issue.labels)
        return json_response(200, [self.label_json(owner, repo, name) for name in on_pull])

    # -- issues ------------------------------------------------------------------------------------

    def all_issues(self, repo: str) -> list[RecordedIssue]:
        with self._hub.lock:
            found = sorted((i for (name, _n), i in self._issues.items() if name == repo), key=lambda i: i.number)
            return [
                RecordedIssue(i.number, i.title, i.body, i.state, tuple(i.labels), i.author, i.edits) for i in found
            ]

    def _user_json(self, owner: str, repo: str, login: str, *, bot: bool) -> dict[str, Any]:
        """A whole simple-user as GitHub answers it: the comment recording's, for ``login``."""
        comment = _Comment(0, f"{owner}/{repo}", 0, "", login, bot, time.time(), time.time())
        user: dict[str, Any] = self._comment_json(comment)["user"]
        return user

    def _issue_json(self, issue: _Issue) -> dict[str, Any]:
        owner, _sep, repo = issue.repo.partition("/")
        base = f"{self._hub.api_url}/repos/{owner}/{repo}"
        return {
            "id": 500_000_000 + issue.number,
            "node_id": node_id("Issue", issue.number),
            "url": f"{base}/issues/{issue.number}",
            "repository_url": base,
            "labels_url": f"{base}/issues/{issue.number}/labels{{/name}}",
            "comments_url": f"{base}/issues/{issue.number}/comments",
            "events_url": f"{base}/issues/{issue.number}/events",
            "html_url": f"{self._hub.html_url}/{owner}/{repo}/issues/{issue.number}",
            "number": issue.number,
            # GitHub sends "state_reason": null for an open issue; the pinned validator refuses null beside the
            # field's enum (nullable + enum), so the optional field is left out, as PyGithub reads it either way.
            "state": issue.state,
            "title": issue.title,
            "body": issue.body,
            "user": self._user_json(owner, repo, issue.author, bot=True),
            "labels": [self.label_json(owner, repo, label) for label in issue.labels],
            "assignee": None,
            "assignees": [],
            "milestone": None,
            "locked": False,
            "comments": 0,
            "created_at": iso(issue.created_at),
            "updated_at": iso(issue.updated_at),
            "closed_at": None,
            "author_association": "NONE",
        }

    def _create_issue(self, owner: str, repo: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        title = payload.get("title")
        if not isinstance(title, str) or not title:
            return validation_failed("Issue", "title", "missing_field")
        text = payload.get("body")
        if isinstance(text, str) and len(text) > MAX_BODY_CHARS:
            return _body_too_long("Issue")
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            labels = [
                self._ensure_label(full_name, label) for label in payload.get("labels") or [] if isinstance(label, str)
            ]
            issue = _Issue(
                full_name,
                self.next_number(full_name),
                title,
                text if isinstance(text, str) else None,
                self._hub.bot_login,
                labels,
            )
            self._issues[(full_name, issue.number)] = issue
            answer = self._issue_json(issue)
        return json_response(201, answer, {"Location": answer["url"]})

    def _get_issue(self, owner: str, repo: str, number: str, **_: Any) -> Response:
        with self._hub.lock:
            issue = self._issues.get((f"{owner}/{repo}", int(number)))
            if issue is None:
                return error(404, "Not Found")
            return json_response(200, self._issue_json(issue))

    def _update_issue(self, owner: str, repo: str, number: str, body: bytes, **_: Any) -> Response:
        payload = json_body(body)
        if payload is None:
            return error(400, "Problems parsing JSON")
        with self._hub.lock:
            issue = self._issues.get((f"{owner}/{repo}", int(number)))
            if issue is None:
                return error(404, "Not Found")
            text = payload.get("body")
            if isinstance(text, str) and len(text) > 65536:
                return validation_failed("Issue", "body", "custom", "body is too long (maximum is 65536 characters)")
            for name in ("title", "body", "state"):
                if isinstance(payload.get(name), str):
                    setattr(issue, name, payload[name])
            issue.updated_at, issue.edits = time.time(), issue.edits + 1
            return json_response(200, self._issue_json(issue))

    def _list_issues(self, owner: str, repo: str, path: str, query: Mapping[str, str], **_: Any) -> Response:
        state = query.get("state", "open")
        wanted = {label.strip().lower() for label in query.get("labels", "").split(",") if label.strip()}
        creator = query.get("creator")
        full_name = f"{owner}/{repo}"
        with self._hub.lock:
            found = [
                issue
                for (name, _n), issue in sorted(self._issues.items(), key=lambda item: -item[0][1])
                if name == full_name
                and (state == "all" or issue.state == state)
                and wanted <= {label.lower() for label in issue.labels}
                and (creator is None or creator == issue.author)
            ]
            items = [self._issue_json(issue) for issue in found]
        page, headers = paginate(self._hub.api_url, path, dict(query), items)
        return json_response(200, page, headers)


def _body_text(body: bytes) -> str | None:
    payload = json_body(body)
    text = payload.get("body") if payload is not None else None
    return text if isinstance(text, str) else None
