"""Trusting a site signed by a private CA (--ca-bundle) without switching checks off.

Chromium trusts the system's CAs. For a site whose certificate comes from a private CA, the robot
checks the site's certificate chain and host name itself, with Python's ssl and the given bundle,
and then tells Chromium to accept exactly that certificate's public key
(``--ignore-certificate-errors-spki-list``). Any other certificate is still refused.
"""
from __future__ import annotations

import base64
import hashlib
import socket
import ssl
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit


from .errors import UsageError


def spki_pin(der_cert: bytes) -> str:
    from cryptography import x509  # only for a site with a private CA: not on every run's start
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    cert = x509.load_der_x509_certificate(der_cert)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def browser_args_for(url: str, ca_bundle: str | None, timeout: float = 15.0, *,
                     follow: str | None = None) -> tuple[str, ...]:
    """Chromium arguments that trust ``url``'s certificate once it verified against ``ca_bundle``.

    With ``follow`` (a path of the site, e.g. its single sign-on entry), the site is asked for it
    once, without following: when it redirects to another https origin (its identity provider),
    that origin's certificate is checked against the bundle and trusted too — and only it."""
    if not ca_bundle:
        return ()
    try:
        context = ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as err:
        raise UsageError(f"cannot read the CA bundle {ca_bundle}: {err}") from None
    pins: list[str] = []
    if urlsplit(url).scheme == "https":
        pins.append(_verified_pin(url, context, ca_bundle, timeout))
    if follow:
        target = redirect_target(url.rstrip("/") + follow, context, timeout)
        if target and urlsplit(target).scheme == "https" and _origin(target) != _origin(url):
            pins.append(_verified_pin(target, context, ca_bundle, timeout))
    return (f"--ignore-certificate-errors-spki-list={','.join(dict.fromkeys(pins))}",) if pins else ()


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def _verified_pin(url: str, context: ssl.SSLContext, ca_bundle: str, timeout: float) -> str:
    _, host, port = _origin(url)
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError as err:
        raise UsageError(f"the certificate of {host} does not verify against {ca_bundle}: "
                         f"{err.verify_message}") from None
    except OSError as err:
        raise UsageError(f"cannot reach {host}:{port} to check its certificate: {err}") from None
    return spki_pin(der)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def redirect_target(url: str, context: ssl.SSLContext, timeout: float) -> str | None:
    """Where ``url`` redirects to (its Location, absolute), or None (no redirect, or no answer).
    Asked with HEAD, without cookies: it changes nothing on the site."""
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout) as resp:
            location = resp.headers.get("Location") if 300 <= resp.status < 400 else None
    except urllib.error.HTTPError as err:
        location = err.headers.get("Location") if 300 <= err.code < 400 else None
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return urljoin(url, location) if location else None
