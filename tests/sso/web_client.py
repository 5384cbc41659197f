"""A small real HTTP client for the SSO tests (urllib): a cookie jar shared by the practice
Chamilo (http) and the CAS server (https, trusted through its CA bundle only), redirects followed
one by one and recorded, and the CAS login form filled the way a browser would."""
from __future__ import annotations

import http.cookiejar
import re
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin


@dataclass
class Hop:
    method: str
    url: str
    status: int
    location: str | None


@dataclass
class Reply:
    status: int
    url: str
    headers: dict[str, str]
    body: bytes
    chain: list[Hop] = field(default_factory=list)   # the redirects that led here

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class WebClient:
    def __init__(self, ca_bundle: str | None = None, timeout: float = 20.0):
        self.jar = http.cookiejar.CookieJar()
        context = ssl.create_default_context(cafile=ca_bundle) if ca_bundle else ssl.create_default_context()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  urllib.request.HTTPSHandler(context=context), _NoRedirect())
        self.timeout = timeout

    def _once(self, method: str, url: str, data: dict | None, referer: str | None) -> Reply:
        body = urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(url, data=body, method=method, headers={"Accept-Language": "en-US,en;q=0.9"})
        if referer:
            req.add_header("Referer", referer)
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                return Reply(resp.status, url, dict(resp.headers), resp.read())
        except urllib.error.HTTPError as err:
            return Reply(err.code, url, dict(err.headers), err.read())

    def open(self, url: str, data: dict | None = None, *, referer: str | None = None,
             follow: bool = True, max_hops: int = 10) -> Reply:
        """GET ``url`` (POST when ``data``), then follow redirects (as GETs, like a browser after a
        302); the reply's ``chain`` lists every redirect on the way."""
        method = "POST" if data is not None else "GET"
        chain: list[Hop] = []
        while True:
            reply = self._once(method, url, data, referer)
            location = reply.headers.get("Location")
            if not follow or reply.status not in (301, 302, 303) or not location:
                reply.chain = chain
                return reply
            chain.append(Hop(method, url, reply.status, location))
            if len(chain) > max_hops:
                raise AssertionError(f"more than {max_hops} redirects: {chain}")
            url, method, data, referer = urljoin(url, location), "GET", None, None

    def cas_login(self, form_page: Reply, username: str, password: str) -> Reply:
        """Post the CAS login form shown by ``form_page`` (mama-cas: no action, so it posts back
        to the page's own URL, with its csrfmiddlewaretoken)."""
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text)
        assert found and 'name="username"' in form_page.text, f"no CAS login form at {form_page.url}"
        return self.open(form_page.url, {"csrfmiddlewaretoken": found.group(1), "username": username,
                                         "password": password}, referer=form_page.url)

    def cookie(self, name: str) -> http.cookiejar.Cookie | None:
        return next((c for c in self.jar if c.name == name), None)

    def drop_cookie(self, name: str) -> None:
        for c in list(self.jar):
            if c.name == name:
                self.jar.clear(c.domain, c.path, c.name)
