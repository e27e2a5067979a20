"""Parsing the GitHub secret stored in Secrets Manager: a token, or a GitHub App installation."""

from __future__ import annotations

import json

import pytest

from ci_agent.config import ConfigError
from ci_agent.github import AppCredentials, CredentialsError, TokenCredentials, parse_github_credentials

PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----\n"


def test_a_token_secret() -> None:
    assert parse_github_credentials('{"token": " ghp_abc123 "}') == TokenCredentials(token="ghp_abc123")


def test_an_app_secret() -> None:
    secret = json.dumps({"app_id": 123, "private_key": PEM, "installation_id": 456})

    assert parse_github_credentials(secret) == AppCredentials(app_id=123, private_key=PEM, installation_id=456)


def test_app_ids_given_as_digit_strings_are_accepted() -> None:
    secret = json.dumps({"app_id": "123", "private_key": PEM, "installation_id": " 456 "})

    credentials = parse_github_credentials(secret)

    assert isinstance(credentials, AppCredentials)
    assert (credentials.app_id, credentials.installation_id) == (123, 456)


def test_a_private_key_pasted_on_one_line_gets_its_newlines_back() -> None:
    one_line = PEM.replace("\n", "\\n")
    secret = json.dumps({"app_id": 1, "private_key": one_line, "installation_id": 2})

    credentials = parse_github_credentials(secret)

    assert isinstance(credentials, AppCredentials)
    assert credentials.private_key == PEM


@pytest.mark.parametrize(
    ("secret", "named"),
    [
        ({"private_key": PEM, "installation_id": 2}, "missing key app_id"),
        ({"app_id": 1, "installation_id": 2}, "missing key private_key"),
        ({"app_id": 1, "private_key": PEM}, "missing key installation_id"),
        ({"app_id": 1}, "missing key private_key, installation_id"),
        ({}, "missing key token"),
        ({"tokn": "x"}, "missing key token"),
    ],
)
def test_a_missing_key_is_named(secret: dict[str, object], named: str) -> None:
    with pytest.raises(CredentialsError, match=named):
        parse_github_credentials(json.dumps(secret))


@pytest.mark.parametrize(
    ("secret", "named"),
    [
        ({"token": ""}, "token must be a non-empty string"),
        ({"token": 42}, "token must be a non-empty string"),
        ({"app_id": "abc", "private_key": PEM, "installation_id": 2}, "app_id must be a positive integer"),
        ({"app_id": True, "private_key": PEM, "installation_id": 2}, "app_id must be a positive integer"),
        ({"app_id": 1, "private_key": PEM, "installation_id": 0}, "installation_id must be a positive integer"),
        ({"app_id": 1, "private_key": "not a key", "installation_id": 2}, "private_key must be a PEM string"),
        ({"token": "x", "app_id": 1}, "both token and app_id"),
    ],
)
def test_a_malformed_value_is_named(secret: dict[str, object], named: str) -> None:
    with pytest.raises(CredentialsError, match=named):
        parse_github_credentials(json.dumps(secret))


@pytest.mark.parametrize("secret", ["", "not json", '{"token": "x"'])
def test_invalid_json_is_rejected_without_echoing_it(secret: str) -> None:
    with pytest.raises(CredentialsError, match="not valid JSON") as caught:
        parse_github_credentials(secret)

    assert caught.value.__cause__ is None  # JSONDecodeError keeps the document; do not chain it


def test_a_json_value_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(CredentialsError, match="JSON object"):
        parse_github_credentials('["ghp_abc"]')


def test_secrets_never_show_in_reprs_or_errors() -> None:
    token = TokenCredentials(token="ghp_supersecret")
    app = AppCredentials(app_id=1, private_key=PEM, installation_id=2)

    assert "supersecret" not in repr(token)
    assert "BEGIN" not in repr(app) and "installation_id=2" in repr(app)
    with pytest.raises(CredentialsError) as caught:
        parse_github_credentials(json.dumps({"token": "ghp_supersecret", "app_id": 1}))
    assert "supersecret" not in str(caught.value)


def test_credentials_errors_are_config_errors() -> None:
    assert issubclass(CredentialsError, ConfigError)
