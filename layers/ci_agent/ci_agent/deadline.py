"""A time budget for one unit of work (one queued delivery), honoured by every slow call made inside it.

A per-call timeout does not bound a record: three calls that each hang just under their timeout, retried,
take minutes, and a batch of such records outlives the function, which then fails the whole batch. The worker
opens a budget per record with :func:`budget`; the GitHub gateway asks :func:`remaining` before each attempt
and while it streams a log, and stops with :class:`DeadlineExceeded` (a retryable error: the queue tries the
record again later) once the budget is spent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("ci_agent_deadline", default=None)


class DeadlineExceeded(TimeoutError):
    """The unit of work's time budget is spent."""


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Run the block with ``seconds`` to spend (an inner budget never extends an outer one)."""
    end = time.monotonic() + max(0.0, seconds)
    outer = _deadline.get()
    token = _deadline.set(end if outer is None else min(outer, end))
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining() -> float | None:
    """Seconds left in the current budget (0 when spent), or None outside any budget."""
    end = _deadline.get()
    return None if end is None else max(0.0, end - time.monotonic())


def check(what: str) -> None:
    """Raise :class:`DeadlineExceeded` if the current budget is spent."""
    left = remaining()
    if left is not None and left <= 0:
        raise DeadlineExceeded(f"{what}: the time budget for this delivery is spent")


def clamp(timeout: float) -> float:
    """``timeout``, shortened to what is left of the current budget (at least a tenth of a second)."""
    left = remaining()
    return timeout if left is None else max(0.1, min(timeout, left))
