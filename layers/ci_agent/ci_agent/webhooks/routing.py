"""(event, action) routing: a small registry instead of a growing if/elif, one module per event family.

Handlers are named by import path and imported on first use, so the webhook ingress, which only needs to know
which deliveries are handled and how to parse them, does not load the analysis use cases at cold start.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

ContextT = TypeVar("ContextT")


@dataclass(frozen=True, slots=True)
class Route(Generic[ContextT]):
    event: str
    action: str | None  # None: every action of the event
    model: type[BaseModel]
    handler_path: str  # "package.module:function"
    _resolved: list[Callable[[Any, ContextT], Any]] = field(default_factory=list, repr=False, compare=False)

    @property
    def handler(self) -> Callable[[Any, ContextT], Any]:
        if not self._resolved:
            module_name, _, attribute = self.handler_path.partition(":")
            self._resolved.append(getattr(importlib.import_module(module_name), attribute))
        return self._resolved[0]


class Router(Generic[ContextT]):
    """Maps a delivery's (event, action) to the payload model that parses it and the use case that handles it."""

    def __init__(self) -> None:
        self._routes: dict[tuple[str, str | None], Route[ContextT]] = {}

    def route(self, event: str, action: str | None, model: type[BaseModel], handler_path: str) -> None:
        if (event, action) in self._routes:
            raise ValueError(f"a handler for {event}.{action} is already registered")
        if ":" not in handler_path:
            raise ValueError(f"handler path must be 'module:function', got {handler_path!r}")
        self._routes[(event, action)] = Route(event, action, model, handler_path)

    def find(self, event: str, action: str | None) -> Route[ContextT] | None:
        return self._routes.get((event, action)) or self._routes.get((event, None))

    def routes(self) -> list[Route[ContextT]]:
        return list(self._routes.values())
