"""Keep secrets out of logs and reports."""
from __future__ import annotations

import html
import json
import logging
from typing import Iterable
from urllib.parse import quote, quote_plus

MASK = "<redacted>"
MIN_SECRET = 3  # shorter values would blank out ordinary text


def form_encoded(secret: str) -> str:
    """``secret`` as a browser writes it in a form's body (application/x-www-form-urlencoded, WHATWG):
    everything but letters, digits and ``*-._`` percent-encoded, a space as ``+``. Python's quote
    keeps ``~`` and encodes ``*``: a password holding either would be missed in an echoed POST."""
    return quote_plus(secret, safe="*").replace("~", "%7E")


def secret_forms(secret: str) -> set[str]:
    """The ways a secret shows up in text: as it is, URL-encoded (a form's POST body as the browser
    encodes it, a query string, JavaScript's encodeURIComponent), HTML-escaped (a page echoing it),
    JSON- or Python-escaped (an error message quoting a ``fill("…")`` call)."""
    forms = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret), form_encoded(secret),
             quote(secret, safe="!~*'()"), html.escape(secret),
             html.escape(secret, quote=False), json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
             repr(secret)[1:-1]}
    return {f for f in forms if len(f) >= MIN_SECRET}


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        for s in secrets:
            self.add(s)

    def add(self, secret: str | None) -> None:
        if secret and len(secret) >= MIN_SECRET:
            self._secrets |= secret_forms(secret)

    def __call__(self, text: str) -> str:
        for s in sorted(self._secrets, key=len, reverse=True):
            if s in text:
                text = text.replace(s, MASK)
        return text

    def scrub(self, obj):
        """Redact every string inside a JSON-like structure."""
        if isinstance(obj, str):
            return self(obj)
        if isinstance(obj, dict):
            return {k: self.scrub(v) for k, v in obj.items()}
        if isinstance(obj, (list, tuple)):
            return [self.scrub(v) for v in obj]
        return obj


class RedactingFilter(logging.Filter):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = self.redactor(message), None
        return True
