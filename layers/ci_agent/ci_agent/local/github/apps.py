"""GitHub Apps and the rate limit: installation tokens for a signed JWT, and ``GET /rate_limit``."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ci_agent.local.github.core import (
    Response,
    Route,
    error,
    iso,
    json_response,
    node_id,
    recording,
    render,
    route,
)

if TYPE_CHECKING:
    from ci_agent.local.github.server import LocalGitHub


@dataclass(frozen=True, slots=True)
class IssuedToken:
    installation_id: int
    app_id: str | None  # the JWT's "iss"
    token: str
    permissions: Mapping[str, str] | None = None  # what the token request asked for (None: the App's own)


class AppsResource:
    def __init__(self, hub: LocalGitHub) -> None:
        self._hub = hub
        self._tokens: list[IssuedToken] = []

    def routes(self) -> list[Route]:
        return [
            route("GET", r"/rate_limit", self._get_rate_limit),
            route("GET", r"/user", self._get_user),
            route("GET", r"/app", self._get_app),
            route("POST", r"/app/installations/(?P<installation_id>\d+)/access_tokens", self._post_token),
        ]

    def issued(self) -> list[IssuedToken]:
        with self._hub.lock:
            return list(self._tokens)

    def _get_rate_limit(self, **_: Any) -> Response:
        with self._hub.lock:
            rate = self._hub.rate_headers()
        values = {
            "used": int(rate["x-ratelimit-used"]),
            "remaining": int(rate["x-ratelimit-remaining"]),
            "reset": int(rate["x-ratelimit-reset"]),
        }
        return json_response(200, render(recording("rate_limit"), values))

    def _get_user(self, headers: Mapping[str, str], **_: Any) -> Response:
        """The token's own account: the local GitHub's one identity, ``bot_login``. An App installation token
        has no user: GitHub answers 403, as here."""
        token = headers.get("authorization", "").partition(" ")[2]
        if any(issued.token == token for issued in self.issued()):
            return error(403, "Resource not accessible by integration")
        login = self._hub.bot_login
        values = {
            **self._hub.values("", ""),
            "login": login,
            "user_id": 41898282,
            "user_node_id": node_id("User", login),
            "user_type": "Bot" if login.endswith("[bot]") else "User",
        }
        return json_response(200, render(recording("authenticated_user"), values))

    def _get_app(self, headers: Mapping[str, str], **_: Any) -> Response:
        """The App whose JWT signed the request; its bot account is ``<slug>[bot]``, ``bot_login`` here."""
        scheme, _sep, jwt = headers.get("authorization", "").partition(" ")
        claims = _jwt_claims(jwt) if scheme.lower() == "bearer" else None
        if claims is None or "iss" not in claims:
            return error(401, "A JSON web token could not be decoded")
        slug = self._hub.bot_login.removesuffix("[bot]")
        values = {
            **self._hub.values("", ""),
            "app_id": int(claims["iss"]),
            "slug": slug,
            "app_node_id": node_id("Integration", slug),
            "owner_login": "local-org",
            "login": "local-org",
            "user_id": 1,
            "user_node_id": node_id("Organization", "local-org"),
            "user_type": "Organization",
        }
        return json_response(200, render(recording("app"), values))

    def _post_token(self, installation_id: str, headers: Mapping[str, str], body: bytes, **_: Any) -> Response:
        scheme, _sep, jwt = headers.get("authorization", "").partition(" ")
        claims = _jwt_claims(jwt) if scheme.lower() == "bearer" else None
        if claims is None:
            return error(401, "A JSON web token could not be decoded")
        try:
            requested = json.loads(body) if body else {}
        except ValueError:
            return error(400, "Problems parsing JSON")
        permissions = requested.get("permissions") if isinstance(requested, dict) else None
        token = f"ghs_local{secrets.token_hex(16)}"
        issuer = claims.get("iss")
        with self._hub.lock:
            self._tokens.append(
                IssuedToken(
                    int(installation_id),
                    None if issuer is None else str(issuer),
                    token,
                    dict(permissions) if isinstance(permissions, dict) else None,
                )
            )
        values = {"token": token, "expires_at": iso(time.time() + 3600)}
        return json_response(201, render(recording("installation_access_token"), values))


def _jwt_claims(token: str) -> dict[str, Any] | None:
    parts = token.split(".")
    if len(parts) != 3:
        return None
    padded = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, binascii.Error):
        return None
    return claims if isinstance(claims, dict) else None
