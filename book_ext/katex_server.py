"""Sphinx extension: start sphinxcontrib-katex's Node render server without a race.

On Linux sphinxcontrib-katex 0.9.11 connects to the server's Unix socket as soon as the
socket file appears, which can be before the server listens: under load the build then
stops with ``ConnectionRefusedError`` (seen on this machine). Its other start-up path, a
loopback TCP port, retries until the server accepts, so the book starts the server that way.
Remove this when sphinxcontrib-katex waits for its Unix socket.
"""

from __future__ import annotations

import atexit
import tempfile
from pathlib import Path


def start_server(cls):
    """KaTeXServer.start, over loopback TCP (also used for the decks, scripts/deck_math.py)."""
    from sphinxcontrib import katex

    rundir = Path(tempfile.mkdtemp(prefix="sphinxcontrib_katex"))
    # 30 s rather than 5: Node starts slowly on a loaded machine.
    process, sock = cls.start_network_socket(rundir, max(katex.STARTUP_TIMEOUT, 30.0))
    server = cls(rundir, process, sock)
    atexit.register(cls.terminate, server)
    return server


def setup(app):
    from sphinxcontrib import katex

    katex.KaTeXServer.start = classmethod(start_server)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1.0"}
