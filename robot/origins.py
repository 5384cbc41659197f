"""Where a password may travel: one rule for the site, its identity provider and the forms the
robot types into. Standard library only (the settings use it before any browser starts).

* **Loopback** is a loopback IP address (``ipaddress.ip_address(host).is_loopback``, IPv4-mapped
  IPv6 addresses such as ``::ffff:127.0.0.1`` included) or exactly ``localhost``. A host *name*
  that merely starts with ``127.`` (``127.attacker.example``) is a name like any other.
* A password goes only over **https**, or plain http to a loopback address (the same machine).
* An **origin** is (scheme, host, port), the port made explicit: ``https://a.example`` and
  ``https://a.example:443`` are the same origin; ``http://127.0.0.1:8080`` and
  ``http://127.0.0.2:8080`` are not.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def is_loopback_host(host: str | None) -> bool:
    """``host`` (as ``urlsplit(url).hostname`` gives it: no brackets) is the loopback."""
    host = (host or "").strip().lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def is_loopback_url(url: str) -> bool:
    return is_loopback_host(urlsplit(url).hostname)


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) of ``url``; the port is the scheme's default when not written."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no origin anything can share
        return (scheme, (parts.hostname or "").lower(), -1)
    return (scheme, (parts.hostname or "").lower(), port if port is not None else DEFAULT_PORTS.get(scheme))


def show_origin(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, as written in messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}" if parts.scheme else url[:80]


def password_may_travel(url: str, *, allow_insecure_http: bool = False) -> bool:
    """A password may be sent to ``url``: https, or http to the loopback (or with
    ``--allow-insecure-http``, which the user gave knowing it travels in clear)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "https":
        return True
    return scheme == "http" and (allow_insecure_http or is_loopback_url(url))
