"""How ci-agent authenticates to GitHub: a token, or a GitHub App installation.

The secret is stored in Secrets Manager as JSON, either ``{"token": "..."}`` or
``{"app_id": 123, "private_key": "-----BEGIN ...", "installation_id": 456}``; fetching it is done
elsewhere, this module only parses it. Secret values never appear in reprs or error messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ci_agent.config import ConfigError

APP_KEYS = ("app_id", "private_key", "installation_id")

# What a GitHub App installation token is asked for: the narrowest each step needs, whatever the App was granted.
# Analysis: read job logs and runs, find a commit's pull requests, write the one comment (PR comments are issue
# comments: issues write, not pull requests write, which could also edit the pull request itself).
ANALYSIS_PERMISSIONS: dict[str, str] = {
    "actions": "read",
    "pull_requests": "read",
    "issues": "write",
    "metadata": "read",
}
# The fix flow: push a branch (contents), open and label its pull request, re-run a job (actions write).
FIX_FLOW_PERMISSIONS: dict[str, str] = {
    "actions": "write",
    "contents": "write",
    "pull_requests": "write",
    "issues": "write",
    "metadata": "read",
}
# The weekly report: open or update one issue in the configured repository, and create its label.
REPORT_PERMISSIONS: dict[str, str] = {
    "issues": "write",
    "metadata": "read",
}


class CredentialsError(ConfigError):
    """The GitHub secret is malformed; the message names the key at fault, never its value."""


@dataclass(frozen=True, slots=True)
class TokenCredentials:
    """A personal access token or any other bearer token."""

    token: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class AppCredentials:
    """A GitHub App: the gateway exchanges a JWT signed with ``private_key`` for an installation token."""

    app_id: int
    private_key: str = field(repr=False)
    installation_id: int


GitHubCredentials = TokenCredentials | AppCredentials


def _positive_int(data: dict[str, Any], key: str) -> int:
    value = data[key]
    if isinstance(value, bool):
        raise CredentialsError(f"GitHub secret: {key} must be a positive integer")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value <= 0:
        raise CredentialsError(f"GitHub secret: {key} must be a positive integer")
    return value


def _private_key(data: dict[str, Any]) -> str:
    value = data["private_key"]
    if not isinstance(value, str) or "-----BEGIN" not in value:
        raise CredentialsError("GitHub secret: private_key must be a PEM string (-----BEGIN ... PRIVATE KEY-----)")
    if "\n" not in value and "\\n" in value:
        # Pasted into a one-line field with the newlines escaped: restore them so the PEM parses.
        value = value.replace("\\n", "\n")
    return value


def parse_github_credentials(secret: str) -> GitHubCredentials:
    """Build the credentials from the Secrets Manager JSON string; raise ``CredentialsError`` otherwise."""
    try:
        data = json.loads(secret)
    except json.JSONDecodeError as exc:
        raise CredentialsError(f"GitHub secret is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise CredentialsError('GitHub secret must be a JSON object: {"token": ...} or {"app_id", ...}')

    app_keys_present = [key for key in APP_KEYS if key in data]
    if "token" in data:
        if app_keys_present:
            raise CredentialsError(
                f"GitHub secret has both token and {', '.join(app_keys_present)}: keep one kind of credentials"
            )
        token = data["token"]
        if not isinstance(token, str) or not token.strip():
            raise CredentialsError("GitHub secret: token must be a non-empty string")
        return TokenCredentials(token=token.strip())
    if not app_keys_present:
        raise CredentialsError(
            "GitHub secret has neither token nor app_id/private_key/installation_id: missing key token"
        )
    missing = [key for key in APP_KEYS if key not in data]
    if missing:
        raise CredentialsError(f"GitHub secret for a GitHub App is missing key {', '.join(missing)}")
    return AppCredentials(
        app_id=_positive_int(data, "app_id"),
        private_key=_private_key(data),
        installation_id=_positive_int(data, "installation_id"),
    )
