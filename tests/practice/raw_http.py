"""A small HTTP client for practice-server tests that need real sockets (timeouts, cut connections):
cookies kept, redirects not followed, the answer whatever its status."""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from typing import Any, Iterable, Mapping

TOKEN_RE = re.compile(r'name="sec_token"[^>]*value="([0-9a-f]+)"|value="([0-9a-f]+)"[^>]*name="sec_token"')


@dataclass
class Answer:
    status: int
    headers: Any  # http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def token(self) -> str:
        """The page's sec_token."""
        found = TOKEN_RE.search(self.text)
        assert found, "no sec_token on the page"
        return found.group(1) or found.group(2)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: D102 - keep the 3xx as the answer
        return None


class RawClient:
    """``RawClient(base).login("teacher")``, then ``get(path)`` / ``post(path, fields)``.
    Network errors (timeout, connection closed without an answer) are raised as they come."""

    def __init__(self, base: str, timeout: float = 15.0):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def request(self, method: str, path: str, fields: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
                timeout: float | None = None) -> Answer:
        data = urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        try:
            with self._opener.open(req, timeout=timeout or self.timeout) as resp:
                return Answer(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as err:  # 3xx (not followed), 4xx, 5xx
            with err:
                return Answer(err.code, err.headers, err.read())

    def get(self, path: str, timeout: float | None = None) -> Answer:
        return self.request("GET", path, timeout=timeout)

    def post(self, path: str, fields, timeout: float | None = None) -> Answer:
        return self.request("POST", path, fields, timeout=timeout)

    def login(self, username: str = "teacher") -> "RawClient":
        answer = self.post("/index.php", {"login": username, "password": username, "submitAuth": "",
                                          "_qf__formLogin": ""})
        assert answer.status == 302 and answer.headers["Location"].endswith("/user_portal.php"), answer.status
        return self
