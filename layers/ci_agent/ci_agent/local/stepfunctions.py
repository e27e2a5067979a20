"""Step Functions on this machine: moto's engine executes the fix flow's ASL, and its Lambda tasks call the
real handlers in this process (there is no Docker to run them in), answering as AWS's Python runtime does.

A handler's exception becomes an ``Unhandled`` function error with ``errorType`` set to the exception's class
name, so the definition's Retry and Catch match exactly what they match on AWS.
"""

from __future__ import annotations

import io
import json
import traceback
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

LambdaHandler = Callable[[dict[str, Any]], Any]
ENGINE_CONFIG = {"stepfunctions": {"execute_state_machine": True}, "lambda": {"use_docker": False}}


def substitute(definition: str, substitutions: Mapping[str, str]) -> str:
    """``DefinitionSubstitutions`` as CloudFormation applies them: ``${Name}`` replaced in the definition text."""
    for name, value in substitutions.items():
        definition = definition.replace("${" + name + "}", value)
    return definition


def placeholder_zip() -> bytes:
    """A deployment package for moto's create_function: the code that runs is the in-process handler."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    raise RuntimeError('runs in-process')\n")
    return buffer.getvalue()


@contextmanager
def lambdas_in_process(handlers: Mapping[str, LambdaHandler]) -> Iterator[None]:
    """While active, moto's Lambda invoke runs ``handlers[function name]`` in this process."""
    from moto.awslambda.models import LambdaBackend
    from moto.awslambda_simple.models import LambdaSimpleBackend

    originals: dict[Any, Any] = {LambdaBackend: LambdaBackend.invoke, LambdaSimpleBackend: LambdaSimpleBackend.invoke}

    def invoke(
        backend: Any, function_name: str, qualifier: str | None, body: Any, headers: Any, response_headers: Any
    ) -> bytes:
        function = backend.get_function(function_name, qualifier)
        handler = handlers.get(function.function_name)
        if handler is None:
            response_headers["x-amz-function-error"] = "Unhandled"
            return _error_payload(LookupError(f"no in-process handler for {function.function_name}"))
        try:
            event = json.loads(body) if body else {}
            return json.dumps(handler(event)).encode()
        except Exception as exc:
            response_headers["x-amz-function-error"] = "Unhandled"
            return _error_payload(exc)

    for backend in originals:
        backend.invoke = invoke
    try:
        yield
    finally:
        for backend, original in originals.items():
            backend.invoke = original


def _error_payload(exc: BaseException) -> bytes:
    return json.dumps(
        {
            "errorMessage": str(exc),
            "errorType": type(exc).__name__,
            "stackTrace": traceback.format_exception(exc)[-5:],
        }
    ).encode()
