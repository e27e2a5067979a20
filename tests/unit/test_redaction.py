"""Secrets never leave the analyzer, whatever the log looks like."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ci_agent.analysis import analyze_log, redact

SECRETS = {
    "github classic token": "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
    "github app token": "ghs_" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8",
    "github fine-grained token": "github_pat_"
    + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP",
    "aws access key": "AKIA" + "IOSFODNN7EXAMPLE",
    "npm token": "npm_" + "abcdefghijklmnopqrstuvwxyz0123456789",
    "slack token": "xoxb-" + "123456789012-abcdefghijkl",
}


@pytest.mark.parametrize("secret", SECRETS.values(), ids=SECRETS.keys())
def test_tokens_are_redacted(secret: str) -> None:
    assert secret not in redact(f"git push failed for {secret} at origin")


@pytest.mark.parametrize(
    ("text", "kept", "hidden"),
    [
        ("curl https://deploy:s3cr3t-pa55@example.com/x", "https://deploy:", "s3cr3t-pa55"),
        ("Authorization: Bearer eyJhbGciOi.abcdefghij.klmnopqrst", "Authorization: Bearer ", "eyJhbGciOi"),
        ("DB_PASSWORD=hunter2 ./migrate", "DB_PASSWORD=", "hunter2"),
        ('{"api_key": "sk-live-1234567890"}', '"api_key": ', "sk-live-1234567890"),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_secret_access_key = ",
            "wJalrXUtnFEMI",
        ),
    ],
)
def test_assignments_keep_their_name_and_lose_their_value(text: str, kept: str, hidden: str) -> None:
    redacted = redact(text)
    assert kept in redacted
    assert hidden not in redacted
    assert "[REDACTED]" in redacted


def test_private_key_blocks_are_removed_whole() -> None:
    text = (
        "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter"
    )
    redacted = redact(text)
    assert "b3BlbnNzaC1rZXktdjEAAAAA" not in redacted
    assert redacted.endswith("after")


def test_github_masks_are_left_alone() -> None:
    assert redact("GITHUB_TOKEN: ***") == "GITHUB_TOKEN: ***"


def test_ordinary_error_text_is_untouched() -> None:
    line = "ERROR: No matching distribution found for requests==9.9.9"
    assert redact(line) == line


def _log_around(line: str) -> str:
    return (
        "2026-03-04T10:11:12.0000000Z ##[group]Run ./deploy.sh\n"
        "2026-03-04T10:11:12.0000000Z ##[endgroup]\n"
        f"2026-03-04T10:11:13.0000000Z {line}\n"
        "2026-03-04T10:11:14.0000000Z ##[error]Process completed with exit code 1.\n"
    )


noise = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=40)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=noise, suffix=noise, secret=st.sampled_from(sorted(SECRETS.values())))
def test_no_secret_survives_analysis(prefix: str, suffix: str, secret: str) -> None:
    # Given a failing step whose only output line carries a secret between arbitrary text
    log = _log_around(f"Error: {prefix} {secret} {suffix}")
    # When it is analysed, then no returned text contains the secret
    assert secret not in json.dumps(analyze_log(log).to_dict(), ensure_ascii=False)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash_the_analyzer(data: bytes) -> None:
    analysis = analyze_log(data)
    assert 0.0 <= analysis.confidence <= 1.0
    assert len(analysis.error_lines) <= 20


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=200), max_size=60))
def test_arbitrary_text_logs_never_crash_the_analyzer(lines: list[str]) -> None:
    analysis = analyze_log("\n".join(lines))
    if analysis.culprit is not None:
        assert analysis.culprit.line >= 1
