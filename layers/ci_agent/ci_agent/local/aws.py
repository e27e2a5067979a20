"""The local stand-in for AWS: moto's server on a real HTTP port, with DynamoDB's write atomicity.

DynamoDB applies a conditional write atomically: of eight concurrent ``PutItem``s with
``attribute_not_exists``, exactly one succeeds. moto's server answers each request on its own thread and its
DynamoDB backend checks a condition and then writes without a lock, so two such writes can both succeed. The
webhook ingress relies on that atomicity to process a delivery exactly once, so a stand-in without it would
make the local stack (and the tests on it) lose a guarantee that AWS gives. DynamoDB requests are therefore
served one at a time; every other service keeps moto's concurrency.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class _DynamoDBOneAtATime:
    """WSGI middleware: DynamoDB's JSON protocol names its operation in ``X-Amz-Target``; those requests are
    served under one lock (the whole answer is produced inside it), others pass straight through."""

    def __init__(self, app: WsgiApp) -> None:
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not str(environ.get("HTTP_X_AMZ_TARGET", "")).startswith("DynamoDB_"):
            return self._app(environ, start_response)
        with self._lock:
            return list(self._app(environ, start_response))


class LocalAwsServer:
    """moto's server on 127.0.0.1 (port 0 picks a free one), threaded, DynamoDB writes atomic as on AWS."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = _DynamoDBOneAtATime(DomainDispatcherApplication(create_backend_app))
        self._server: BaseWSGIServer = make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler)
        self._thread: threading.Thread | None = None

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> LocalAwsServer:
        self._thread = threading.Thread(target=self._server.serve_forever, name="local-aws", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
