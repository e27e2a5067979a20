"""GitHub's OpenAPI description (the pinned subset beside this file) as a contract for the local GitHub.

:func:`violations` takes the exchanges a ``LocalGitHub`` recorded and says, for each, what GitHub's description
does not allow: a request that matches no operation (method and path), a query parameter the operation does not
declare, a JSON body its ``requestBody`` schema refuses, or a response whose status the operation documents but
whose body its schema refuses. Statuses an operation does not document (GitHub documents 5xx, 401 and rate
limits once, not per operation) are checked for GitHub's error shape only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator, oas30_format_checker

DESCRIPTION = Path(__file__).with_name("github-openapi.json")
# Path parameters GitHub lets contain slashes.
_SLASHED = {"ref", "path", "branch"}
_ERROR_SHAPE = {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    template: str
    pattern: re.Pattern[str]
    spec: dict[str, Any]
    path_parameters: tuple[dict[str, Any], ...]

    @property
    def literal_length(self) -> int:
        return len(re.sub(r"\{[^}]+\}", "", self.template))

    def query_names(self) -> set[str]:
        parameters = [*self.path_parameters, *self.spec.get("parameters", [])]
        return {str(_deref(p).get("name")) for p in parameters if _deref(p).get("in") == "query"}


@cache
def description() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DESCRIPTION.read_text(encoding="utf-8"))
    return loaded


def _deref(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = description()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@cache
def operations() -> tuple[Operation, ...]:
    found = []
    for template, item in description()["paths"].items():
        regex = re.sub(
            r"\\\{([^}]+)\\\}",
            lambda m: "(.+)" if m.group(1) in _SLASHED else "([^/]+)",
            re.escape(template),
        )
        for method, spec in item.items():
            if method == "parameters":
                continue
            found.append(
                Operation(method.upper(), template, re.compile(regex), spec, tuple(item.get("parameters", [])))
            )
    return tuple(found)


def operation_for(method: str, path: str) -> Operation | None:
    matches = [op for op in operations() if op.method == method and op.pattern.fullmatch(path)]
    return max(matches, key=lambda op: op.literal_length) if matches else None


def _json_schema(content: dict[str, Any] | None) -> dict[str, Any] | None:
    for media_type, entry in (content or {}).items():
        if "json" in media_type and "schema" in entry:
            schema: dict[str, Any] = entry["schema"]
            return schema
    return None


def _check(instance: Any, schema: dict[str, Any]) -> str | None:
    # Refs are "#/components/...": validate against a root that carries the components.
    root = {"allOf": [schema], "components": description()["components"]}
    try:
        OAS30Validator(root, format_checker=oas30_format_checker).validate(instance)
    except ValidationError as exc:
        where = "/".join(str(part) for part in exc.absolute_path) or "(body)"
        return f"{where}: {exc.message[:300]}"
    return None


def violations(exchanges: Iterable[Any]) -> list[str]:
    """What GitHub's description does not allow in ``exchanges`` (``RecordedRequest``s), one line each."""
    problems: list[str] = []
    for exchange in exchanges:
        if exchange.path.startswith(("/_blobs/", "/_local/")):
            continue  # the signed log download is Azure's blob store; /_local/ is the emulator's own inspection
        where = f"{exchange.method} {exchange.path}"
        operation = operation_for(exchange.method, exchange.path)
        if operation is None:
            problems.append(f"{where}: no operation of GitHub's API")
            continue
        undeclared = {name for name, _ in parse_qsl(exchange.query)} - operation.query_names()
        if undeclared:
            problems.append(f"{where}: query parameters {sorted(undeclared)} are not {operation.template}'s")
        request_schema = _json_schema(_deref(operation.spec.get("requestBody", {})).get("content"))
        if request_schema is not None and exchange.body:
            problem = _check(json.loads(exchange.body), request_schema)
            if problem:
                problems.append(f"{where} request {problem}")
        responses = operation.spec.get("responses", {})
        documented = _deref(responses.get(str(exchange.status)) or responses.get("default") or {})
        body = exchange.response_json()
        if not documented:
            if exchange.status >= 400 and body is not None and _check(body, _ERROR_SHAPE):
                problems.append(f"{where} -> {exchange.status}: not GitHub's error shape")
            continue
        schema = _json_schema(documented.get("content"))
        if schema is None:
            continue
        if body is None:
            problems.append(f"{where} -> {exchange.status}: GitHub documents a JSON body, none was sent")
            continue
        problem = _check(body, schema)
        if problem:
            problems.append(f"{where} -> {exchange.status} {problem}")
    return problems
