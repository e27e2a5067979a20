"""Secrets never leave the analyzer, whatever the log looks like."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ci_agent.analysis import analyze_log, redact
from ci_agent.analysis.redaction import secret_patterns, shannon_entropy
from ci_agent.untrusted import has_controls, strip_controls
from tests.secret_corpus import HARMLESS, PLANTED, Planted

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


@settings(max_examples=150)
@given(prefix=noise, suffix=noise, secret=st.sampled_from(sorted(SECRETS.values())))
def test_no_secret_survives_analysis(prefix: str, suffix: str, secret: str) -> None:
    # Given a failing step whose only output line carries a secret between arbitrary text
    log = _log_around(f"Error: {prefix} {secret} {suffix}")
    # When it is analysed, then no returned text contains the secret
    assert secret not in json.dumps(analyze_log(log).to_dict(), ensure_ascii=False)


@settings(max_examples=200)
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash_the_analyzer(data: bytes) -> None:
    analysis = analyze_log(data)
    assert 0.0 <= analysis.confidence <= 1.0
    assert len(analysis.error_lines) <= 20


@settings(max_examples=100)
@given(st.lists(st.text(max_size=200), max_size=60))
def test_arbitrary_text_logs_never_crash_the_analyzer(lines: list[str]) -> None:
    analysis = analyze_log("\n".join(lines))
    if analysis.culprit is not None:
        assert analysis.culprit.line >= 1


# -- the corpus: every format of secret_patterns.toml, in the contexts logs carry them --------------------------


def test_every_planted_secret_of_the_corpus_is_redacted() -> None:
    leaked = [(planted.kind, planted.line) for planted in PLANTED if planted.secret in redact(planted.line)]
    print(f"secrets redacted: {len(PLANTED) - len(leaked)}/{len(PLANTED)}")
    assert leaked == []
    assert len(PLANTED) >= 150


@pytest.mark.parametrize("line", HARMLESS)
def test_lines_that_only_look_like_secrets_are_kept(line: str) -> None:
    assert redact(line) == line


@pytest.mark.parametrize("planted", PLANTED[::7], ids=lambda planted: planted.kind)
def test_no_planted_secret_survives_analysis(planted: Planted) -> None:
    analysis = analyze_log(_log_around(f"Error: deploy failed: {planted.line}"))
    assert planted.secret not in json.dumps(analysis.to_dict(), ensure_ascii=False)


def test_the_patterns_are_data_and_each_one_is_used() -> None:
    # Every entry of secret_patterns.toml redacts at least one planted secret: none is dead weight.
    unused = [
        pattern.name
        for pattern in secret_patterns()
        if not any(pattern.regex.search(planted.line) for planted in PLANTED)
    ]
    assert unused == []


def test_values_of_key_names_are_redacted_only_when_they_look_random() -> None:
    assert redact("SIGNING_KEY=Zk39aQp2LmX8rT5vB7nW1cYd") == "SIGNING_KEY=[REDACTED]"
    assert redact("primary_key: user_id_column") == "primary_key: user_id_column"
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("") == 0.0
    assert 3.9 < shannon_entropy("Zk39aQp2LmX8rT5vB7nW1cYd") < 5.0


def test_a_token_split_by_an_escape_sequence_is_still_found() -> None:
    token = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
    assert "A1b2C3d4" not in redact(f"token {token[:10]}\x1b[0m{token[10:]}")


# -- escape sequences and control characters: nothing printed or stored can drive a terminal ---------------------

HOSTILE = {
    "osc 52 clipboard write": "\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x07",
    "osc 8 hyperlink": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "window title": "\x1b]0;pwned\x07",
    "dcs": "\x1bP+q544e\x1b\\",
    "8-bit csi": "\x9b31m",
    "8-bit osc": "\x9d0;title\x9c",
    "nested escapes": "\x1b]\x1b[\x1b]0;\x1b[31m\x07",
    "cursor movement": "\x1b[2J\x1b[H\x1b[1A",
    "raw controls": "\x00\x07\x08\x0b\x0c\x0e\x7f",
    "bidi override": "\u202eevil\u202c",
}


@pytest.mark.parametrize("sequence", HOSTILE.values(), ids=HOSTILE.keys())
def test_escape_sequences_are_stripped_whatever_their_kind(sequence: str) -> None:
    cleaned = strip_controls(f"before {sequence} after")
    assert cleaned.startswith("before ") and cleaned.endswith(" after")
    assert not any((ord(char) < 32 and char not in "\t\n") or 0x7F <= ord(char) <= 0x9F for char in cleaned)
    assert "\x1b" not in cleaned and "\u202e" not in cleaned


def test_an_unterminated_string_sequence_ends_with_its_line() -> None:
    assert strip_controls("before \x1b]52;c;" + "A" * 100 + "\nnext line") == "before \nnext line"


def test_the_analysis_carries_no_escape_sequence_from_the_log() -> None:
    log = _log_around("Error: \x1b]52;c;ZXZpbA==\x07build failed \x1b]0;title\x07here\x9b2J")
    text = json.dumps(analyze_log(log).to_dict(), ensure_ascii=False)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "build failed" in text


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(["\x1b", "[", "]", "P", "\\", "\x07", "\x9b", "\x9d", "a", "1", ";", "\n"])))
def test_stripping_leaves_no_escape_whatever_the_mix(text: str) -> None:
    cleaned = strip_controls(text)
    assert not has_controls(cleaned)
    assert "\x1b" not in cleaned and "\x9b" not in cleaned and "\x9d" not in cleaned


def test_pathological_input_is_stripped_and_redacted_in_linear_time() -> None:
    # A 10 MB single line, an unterminated string sequence over megabytes, millions of lone escapes.
    for text in ("x" * 10_000_000, "\x1b]" + "a" * 5_000_000, "\x1b[" * 1_000_000, "\x1b]\x1b[" * 500_000):
        assert not has_controls(redact(text))
