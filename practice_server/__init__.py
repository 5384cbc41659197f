"""The practice Chamilo: a small Flask + SQLite imitation of the Chamilo LMS 1.11.32 pages that the
robot drives, built from the facts in ../shared/chamilo (see practice_server/README.md).

    from practice_server import PracticeServer
    srv = PracticeServer(data_dir=tmp_path, lang=None, big_course=False)   # seeds the data dir
    # extra_courses=N: N more small courses FAC001… taught by teacher (campaigns, benchmarks)
    # cas=CasSettings("https://127.0.0.1:8443/cas", force_redirect=True, ca_bundle="ca.pem"): a CAS client
    # version="1.11.16": that version's pages where they differ (state.version; default "1.11.32")
    srv.start(host="127.0.0.1", port=0)
    srv.url, srv.state.reset(), srv.state.faults.add(...), srv.stop()

It imports nothing from robot/ or flows/.
"""

from __future__ import annotations

import logging
import os
import threading

from werkzeug.serving import make_server

from .app import create_app
from .cas_settings import CasSettings
from .faults import Fault, FaultPlan, Faults
from .state import State

__all__ = ["PracticeServer", "State", "FaultPlan", "Fault", "Faults", "LOGINS", "CasSettings"]

# username / password of the seeded accounts (password = username), for banners and docs
LOGINS = [
    ("admin", "platform admin"),
    ("teacher", "teacher of DEMO101, HIST2026, BIG50"),
    ("student", "student in DEMO101 and HIST2026"),
    ("colleague", "platform teacher, in no course"),
    ("etu01 … etu24", "students of HIST2026"),
]


class PracticeServer:
    """A practice Chamilo over ``data_dir`` (seeded on construction), served by werkzeug's threaded
    server in a daemon thread."""

    def __init__(self, data_dir: str | os.PathLike, lang: str | None = None, big_course: bool = False,
                 cas: CasSettings | None = None, extra_courses: int = 0, version: str = "1.11.32"):
        if lang not in (None, "en", "fr"):
            raise ValueError(f"lang must be None, 'en' or 'fr', not {lang!r}")
        self.lang = lang
        self.version = version
        self.state = State(data_dir, big_course=big_course, lang=lang, cas=cas, extra_courses=extra_courses,
                           version=version)
        self.app = create_app(self.state)
        self._server = None
        self._thread: threading.Thread | None = None
        self.host = "127.0.0.1"
        self.port: int | None = None
        self.scheme = "http"

    @property
    def url(self) -> str:
        """``http://127.0.0.1:54321`` (no trailing slash)."""
        if self.port is None:
            raise RuntimeError("the practice server is not started")
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def start(self, host: str = "127.0.0.1", port: int = 0,
              ssl_context: tuple[str, str] | None = None) -> "PracticeServer":
        """Serve in a thread; ``ssl_context=(cert.pem, key.pem)`` serves HTTPS (TLS tests)."""
        if self._server is not None:
            return self
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        self._server = make_server(host, port, self.app, threaded=True, ssl_context=ssl_context)
        self.scheme = "https" if ssl_context else "http"
        self._server.daemon_threads = True
        self.host = host
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name="practice-chamilo", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> "PracticeServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
