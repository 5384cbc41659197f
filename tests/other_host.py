"""Another host on this machine — a second loopback address, 127.0.0.2 — that logs every request it
receives (method, path, body). Where a hostile login page would send the password: a test asserts
that its log holds no password (or is empty). It answers GETs with a bare sign-in form of its own
(CAS field names, posting to itself): an identity provider somewhere else.

    with OtherHost() as other:          # or the module fixture below
        other.url                       # "http://127.0.0.2:<port>"
        other.received                  # [(method, path, body), ...]
"""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

ADDRESS = "127.0.0.2"
SIGN_IN_FORM = (b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><form method=\"post\">"
                b"<input name=\"username\"><input name=\"password\" type=\"password\">"
                b"<button type=\"submit\">Login</button></form></body></html>")


class OtherHost:
    def __init__(self) -> None:
        self.received: list[tuple[str, str, bytes]] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            def _log(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                host.received.append((self.command, self.path, self.rfile.read(length) if length else b""))

            def do_GET(self) -> None:  # noqa: N802 - http.server's names
                self._log()
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(SIGN_IN_FORM)))
                self.end_headers()
                self.wfile.write(SIGN_IN_FORM)

            def do_POST(self) -> None:  # noqa: N802
                self._log()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer((ADDRESS, 0), Handler)
        self.url = f"http://{ADDRESS}:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def posts(self) -> list[tuple[str, str, bytes]]:
        return [r for r in self.received if r[0] != "GET"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "OtherHost":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@pytest.fixture(scope="module")
def other_host() -> Iterator[OtherHost]:
    """One OtherHost for the test module; its log emptied by the test that reads it."""
    with OtherHost() as host:
        yield host
