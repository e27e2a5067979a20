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

from ci_agent.local.github.core import Response, Route, error, iso, json_response, recording, render, route

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
