"""Keep the last N bytes of a stream without holding the whole stream in memory."""

from __future__ import annotations

from collections import deque


class TailBuffer:
    """Feed chunks in order; ``value()`` is the last ``limit`` bytes seen, ``total`` counts all of them.

    Memory stays under ``limit`` plus one chunk: whole chunks that fell out of the window are dropped.
    """

    def __init__(self, limit: int) -> None:
        if limit <= 0:
            raise ValueError(f"limit must be positive, got {limit}")
        self.limit = limit
        self.total = 0
        self._chunks: deque[bytes] = deque()
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self.total += len(chunk)
        if len(chunk) >= self.limit:
            self._chunks.clear()
            self._chunks.append(chunk[-self.limit :])
            self._size = self.limit
            return
        self._chunks.append(chunk)
        self._size += len(chunk)
        while self._size - len(self._chunks[0]) >= self.limit:
            self._size -= len(self._chunks.popleft())

    @property
    def truncated(self) -> bool:
        return self.total > self.limit

    def value(self) -> bytes:
        data = b"".join(self._chunks)
        return data[-self.limit :] if len(data) > self.limit else data
