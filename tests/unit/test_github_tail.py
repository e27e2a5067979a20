"""Keeping the tail of a log that is longer than we are willing to hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ci_agent.github.tail import TailBuffer


def feed_all(limit: int, chunks: list[bytes]) -> TailBuffer:
    buffer = TailBuffer(limit)
    for chunk in chunks:
        buffer.feed(chunk)
    return buffer


def test_a_short_stream_is_kept_whole() -> None:
    buffer = feed_all(10, [b"abc", b"", b"def"])

    assert (buffer.value(), buffer.total, buffer.truncated) == (b"abcdef", 6, False)


def test_exactly_the_limit_is_not_truncated() -> None:
    buffer = feed_all(6, [b"abc", b"def"])

    assert (buffer.value(), buffer.truncated) == (b"abcdef", False)


def test_a_long_stream_keeps_its_last_bytes() -> None:
    buffer = feed_all(5, [b"line 1\n", b"line 2\n", b"error!\n"])

    assert (buffer.value(), buffer.total, buffer.truncated) == (b"ror!\n", 21, True)


def test_a_chunk_larger_than_the_limit_replaces_everything() -> None:
    buffer = feed_all(4, [b"ab", b"0123456789"])

    assert buffer.value() == b"6789"


def test_memory_stays_bounded_by_the_limit_plus_one_chunk() -> None:
    buffer = TailBuffer(1000)
    for _ in range(10_000):
        buffer.feed(b"x" * 300)
        assert buffer._size < 1000 + 300

    assert buffer.total == 3_000_000


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        TailBuffer(0)


@given(st.integers(min_value=1, max_value=64), st.lists(st.binary(max_size=40), max_size=30))
def test_the_tail_is_always_the_end_of_the_whole_stream(limit: int, chunks: list[bytes]) -> None:
    whole = b"".join(chunks)

    buffer = feed_all(limit, chunks)

    assert buffer.value() == whole[-limit:]
    assert buffer.total == len(whole)
    assert buffer.truncated == (len(whole) > limit)
