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
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .errors import UsageError


def spki_pin(der_cert: bytes) -> str:
    cert = x509.load_der_x509_certificate(der_cert)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


def browser_args_for(url: str, ca_bundle: str | None, timeout: float = 15.0) -> tuple[str, ...]:
    """Chromium arguments that trust ``url``'s certificate once it verified against ``ca_bundle``."""
    if not ca_bundle:
        return ()
    parts = urlsplit(url)
    if parts.scheme != "https":
        return ()
    host, port = parts.hostname or "", parts.port or 443
    try:
        context = ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as err:
        raise UsageError(f"cannot read the CA bundle {ca_bundle}: {err}") from None
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except ssl.SSLCertVerificationError as err:
        raise UsageError(f"the certificate of {host} does not verify against {ca_bundle}: "
                         f"{err.verify_message}") from None
    except OSError as err:
        raise UsageError(f"cannot reach {host}:{port} to check its certificate: {err}") from None
    return (f"--ignore-certificate-errors-spki-list={spki_pin(der)}",)
