"""(event, action) routing: a small registry instead of a growing if/elif, one module per event family."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

PayloadT = TypeVar("PayloadT", bound=BaseModel)
ContextT = TypeVar("ContextT")


@dataclass(frozen=True, slots=True)
class Route(Generic[ContextT]):
    event: str
    action: str | None  # None: every action of the event
    model: type[BaseModel]
    handler: Callable[[Any, ContextT], Any]


class Router(Generic[ContextT]):
    """Maps a delivery's (event, action) to the payload model that parses it and the use case that handles it."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str | None], Route[ContextT]] = {}

    def route(
        self, event: str, action: str | None, model: type[PayloadT]
    ) -> Callable[[Callable[[PayloadT, ContextT], Any]], Callable[[PayloadT, ContextT], Any]]:
        def register(handler: Callable[[PayloadT, ContextT], Any]) -> Callable[[PayloadT, ContextT], Any]:
            if (event, action) in self._routes:
                raise ValueError(f"a handler for {event}.{action} is already registered")
            self._routes[(event, action)] = Route(event, action, model, handler)
            return handler

        return register

    def find(self, event: str, action: str | None) -> Route[ContextT] | None:
        return self._routes.get((event, action)) or self._routes.get((event, None))

    def handled(self) -> list[str]:
        return sorted(f"{event}.{action or '*'}" for event, action in self._routes)
