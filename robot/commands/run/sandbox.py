"""robot sandbox: start the practice Chamilo on 127.0.0.1 to try or rehearse the robot."""
from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from robot.errors import UsageError

from ..context import Context
from ..sandbox import NAME


def run(args: argparse.Namespace, ctx: Context, *, ready: threading.Event | None = None,
        stop: threading.Event | None = None) -> int:
    from practice_server import PracticeServer

    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="practice-chamilo-"))
    server = PracticeServer(data_dir=data, lang=args.lang, big_course=args.big)
    for spec in args.fault:
        try:
            server.state.faults.add_spec(spec)
        except ValueError as err:
            raise UsageError(f"bad --fault {spec!r}: {err}") from None
    server.start(host="127.0.0.1", port=args.port)
    out = ctx.output
    out.line(f"Practice Chamilo running at {server.url}  (data: {data})")
    out.line("Logins (password = username; loopback only):")
    out.line("  teacher   teaches DEMO101 (English), HIST2026 (French)" + (", BIG50" if args.big else ""))
    out.line("  admin     platform admin;  student  a student;  colleague  a teacher in no course")
    out.line("Try, in another terminal:")
    out.line(f"  CHAMILO_URL={server.url} CHAMILO_USERNAME=teacher CHAMILO_PASSWORD=teacher "
             ".venv/bin/robot backup --course DEMO101")
    out.line("Ctrl-C to stop.")
    out.document(NAME, True, url=server.url, data=str(data),
                 logins={"teacher": "teacher", "admin": "admin", "student": "student", "colleague": "colleague"})
    if ready is not None:
        ready.set()
    try:
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0
