"""Server-side sessions kept in memory, keyed by a random id carried in the ``ch_sid`` cookie
(Chamilo's PHP session name).  A session is a plain dict: ``user_id``, ``sec_token``,
``language`` (anonymous ``?language=``), ``flashes`` (messages for the next page), anything a page
module needs.
"""

from __future__ import annotations

import secrets
import threading

COOKIE_NAME = "ch_sid"


class SessionStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, dict] = {}
        self._issued: list[str] = []  # every id given out since the last clear(), ended ones too

    def get(self, sid: str | None) -> dict | None:
        if not sid:
            return None
        with self._lock:
            return self._data.get(sid)

    def new(self, data: dict | None = None, sid: str | None = None) -> tuple[str, dict]:
        """A new session holding ``data``; ``sid`` chooses its id (phpCAS names it after the ticket)."""
        sid = sid or secrets.token_hex(13)  # 26 chars, like PHP's default ids
        session = dict(data or {})
        with self._lock:
            self._data[sid] = session
            self._issued.append(sid)
        return sid, session

    def drop(self, sid: str | None) -> None:
        if sid:
            with self._lock:
                self._data.pop(sid, None)

    def issued(self) -> list[str]:
        """Every session id (``ch_sid`` cookie value) given out since the last clear(), live or ended:
        tests look for them where none may be."""
        with self._lock:
            return list(self._issued)

    def logged_in_count(self) -> int:
        """Sessions with a logged-in user (the "users online" count)."""
        with self._lock:
            return sum(1 for session in self._data.values() if session.get("user_id"))

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._issued.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)


def new_token() -> str:
    """A ``sec_token`` value: 32 hex characters (Chamilo's Security::get_token())."""
    return secrets.token_hex(16)
