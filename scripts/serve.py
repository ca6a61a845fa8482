"""Serve a folder on 127.0.0.1 for the length of a `with` block, quietly.

Used by the PDF builder and the first-view benchmark, which open the built site in Chromium
as a reader would (over HTTP, not file://).

    with serve(Path("_build/html")) as base:   # "http://127.0.0.1:PORT"
        ...
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser closing a connection mid-file (a font it no longer needs) is fine


@contextlib.contextmanager
def serve(directory: Path):
    """Yield the base URL of an HTTP server for `directory` on a free loopback port."""
    httpd = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
