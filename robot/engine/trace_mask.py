"""Cookie values out of a saved Playwright trace: a session cookie is a credential.

A trace keeps every request and response of the traced steps (``trace.network``, HAR-like: the
``Cookie`` and ``Set-Cookie`` headers and parsed ``cookies`` lists), the pages it stored
(``resources/``) and the DOM snapshots (``trace.trace``). Whoever holds the file could replay a
still-valid session cookie. ``mask_trace`` rewrites a saved trace in place:

* in ``trace.network``: the values of ``Cookie`` / ``Set-Cookie`` headers and of the ``cookies``
  lists become ``MASK`` (names kept, so the trace still shows which cookies travelled);
* every cookie value met there, and the ``values`` given (the browser context's cookies), are
  replaced by ``MASK`` in every text entry of the zip;
* binary entries (screencast frames, images, fonts) are copied byte for byte: never corrupted.

Knows the trace format of Playwright, nothing of the site.
"""
from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote, quote_plus

MASK = "<masked>"
COOKIE_HEADERS = ("cookie", "set-cookie")
# shorter values ("1", "en", "true") are too common to replace in free text; the headers and
# cookie lists are masked whatever their length
MIN_FREE_TEXT = 8
BINARY_SUFFIXES = (".jpeg", ".jpg", ".png", ".webp", ".gif", ".ico", ".woff", ".woff2", ".ttf", ".otf",
                   ".zip", ".pdf", ".webm", ".mp4")


def cookie_values_in_header(name: str, value: str) -> list[str]:
    """The values carried by one ``Cookie`` or ``Set-Cookie`` header (several lines possible)."""
    found: list[str] = []
    if name.lower() == "cookie":
        pairs = value.split(";")
    else:  # Set-Cookie: one cookie per line, its attributes after the first ';'
        pairs = [line.split(";", 1)[0] for line in value.splitlines()]
    for pair in pairs:
        _, sep, val = pair.strip().partition("=")
        if sep and val.strip():
            found.append(val.strip().strip('"'))
    return found


def _mask_network_line(line: str, seen: set[str]) -> tuple[str, int]:
    """One line of the network log with its cookie values masked, and how many were."""
    try:
        event = json.loads(line)
    except ValueError:
        return line, 0
    snapshot = event.get("snapshot") if isinstance(event, dict) else None
    if not isinstance(snapshot, dict):
        return line, 0
    masked = 0
    for part in ("request", "response"):
        message = snapshot.get(part)
        if not isinstance(message, dict):
            continue
        for header in message.get("headers") or []:
            if (isinstance(header, dict) and str(header.get("name", "")).lower() in COOKIE_HEADERS
                    and header.get("value") != MASK):
                seen.update(cookie_values_in_header(str(header["name"]), str(header.get("value", ""))))
                header["value"] = MASK
                masked += 1
        for cookie in message.get("cookies") or []:
            if isinstance(cookie, dict) and cookie.get("value") and cookie["value"] != MASK:
                seen.add(str(cookie["value"]))
                cookie["value"] = MASK
                masked += 1
    if not masked:
        return line, 0
    return json.dumps(event, ensure_ascii=False, separators=(",", ":")), masked


def _is_binary(name: str, data: bytes) -> bool:
    if name.lower().endswith(BINARY_SUFFIXES):
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _variants(value: str) -> set[str]:
    return {value, quote(value, safe=""), quote_plus(value, safe="")}


def mask_trace(path: Path | str, values: Iterable[str] = ()) -> int:
    """Mask cookie values in the trace zip at ``path`` (in place); the number of masked spots."""
    path = Path(path)
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    seen: set[str] = set()
    count = 0
    rewritten: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in entries:  # the network log first: it names the values to look for elsewhere
        if info.filename.endswith(".network"):
            lines = []
            for line in data.decode("utf-8").split("\n"):
                line, masked = _mask_network_line(line, seen) if line.strip() else (line, 0)
                lines.append(line)
                count += masked
            data = "\n".join(lines).encode("utf-8")
        rewritten.append((info, data))
    seen.discard(MASK)
    needles: set[str] = set()
    for value in {*seen, *(v for v in values if v and v != MASK)}:
        if len(value) >= MIN_FREE_TEXT:
            needles |= _variants(value)
    ordered = sorted(needles, key=len, reverse=True)
    out: list[tuple[zipfile.ZipInfo, bytes]] = []
    for info, data in rewritten:
        if ordered and not _is_binary(info.filename, data):
            text = data.decode("utf-8")
            for needle in ordered:
                if needle in text:
                    count += text.count(needle)
                    text = text.replace(needle, MASK)
            data = text.encode("utf-8")
        out.append((info, data))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".trace-", suffix=".zip")
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as dst:
            for info, data in out:
                dst.writestr(info, data, compress_type=info.compress_type)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def cookie_values(state: Any) -> set[str]:
    """The cookie values of a storage state (a dict, or the path of its JSON file)."""
    if state is None:
        return set()
    if isinstance(state, (str, os.PathLike)):
        try:
            state = json.loads(Path(state).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
    cookies = state.get("cookies") if isinstance(state, dict) else None
    return {str(c.get("value")) for c in cookies or [] if isinstance(c, dict) and c.get("value")}
