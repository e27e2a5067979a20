"""Prose in the pull-request comment (notes) cannot turn into Markdown, links or mentions."""

from __future__ import annotations

from ci_agent.service.comments import MAX_PLAIN_CHARS, _plain


def test_notes_cannot_link_emphasise_or_mention() -> None:
    hostile = "see [prize](https://evil.example) **now** @acme/security #12\n# heading"
    text = _plain(hostile)
    assert "[prize](" not in text and "**" not in text and "\n" not in text
    assert "@acme" not in text  # a zero-width space breaks the mention
    assert text.startswith("see \\[prize\\]\\(https://evil\\.example\\)")


def test_a_long_note_is_cut_before_escaping_so_no_escape_is_split() -> None:
    text = _plain("." * (MAX_PLAIN_CHARS + 50))
    assert text == "\\." * MAX_PLAIN_CHARS
