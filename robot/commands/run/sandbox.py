"""robot sandbox: start the practice Chamilo (on 127.0.0.1 unless told otherwise) to try or rehearse the robot."""
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
    from practice_server.cas_settings import cas_settings_from_args
    from practice_server.exposure import PASSWORDS_ARE_PUBLIC, is_loopback, refusal

    refused = refusal(args.host, args.public)
    if refused:
        raise UsageError(refused)

    try:
        cas = cas_settings_from_args(args) if hasattr(args, "cas_server") else None
    except ValueError as err:
        raise UsageError(str(err)) from None
    data = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="practice-chamilo-"))
    if not 0 <= args.courses <= 999:
        raise UsageError("--courses must be between 0 and 999")
    server = PracticeServer(data_dir=data, lang=args.lang, big_course=args.big, cas=cas,
                            extra_courses=args.courses, version=getattr(args, "chamilo_version", "1.11.32"))
    for spec in args.fault:
        try:
            server.state.faults.add_spec(spec)
        except ValueError as err:
            raise UsageError(f"bad --fault {spec!r}: {err}") from None
    server.start(host=args.host, port=args.port)
    out = ctx.output
    out.line(f"Practice Chamilo running at {server.url}  (data: {data})")
    out.line(f"Logins (password = username; {'loopback only' if is_loopback(args.host) else 'PUBLIC'}: "
             f"{PASSWORDS_ARE_PUBLIC}):")
    out.line("  teacher   teaches DEMO101 (English), HIST2026 (French)" + (", BIG50" if args.big else "")
             + (f", FAC001…FAC{args.courses:03d}" if args.courses else ""))
    out.line("  admin     platform admin: every course (Administration → Courses: list, export); teaches ADMIN1")
    out.line("  student   a student;  colleague  a teacher in no course")
    if cas is not None:
        forced = "every anonymous visit is sent to it" if cas.force_redirect else "its button on the login pages"
        out.line(f"Single sign-on: CAS server {cas.server_url} ({forced}); users of the same name sign in there.")
    out.line("Try, in another terminal:")
    if cas is not None:
        bundle = f" ROBOT_CA_BUNDLE={cas.ca_bundle}" if cas.ca_bundle else ""
        out.line(f"  CHAMILO_URL={server.url} CHAMILO_USERNAME=teacher CHAMILO_LOGIN=sso{bundle} "
                 ".venv/bin/robot login      # then: robot backup --course DEMO101 --login session")
    else:
        out.line(f"  CHAMILO_URL={server.url} CHAMILO_USERNAME=teacher CHAMILO_PASSWORD=teacher "
                 ".venv/bin/robot backup --course DEMO101")
        out.line(f"  CHAMILO_URL={server.url} CHAMILO_USERNAME=admin CHAMILO_PASSWORD=admin .venv/bin/robot courses")
    out.line("Ctrl-C to stop.")
    out.document(NAME, True, url=server.url, data=str(data), cas_server=cas.server_url if cas else None,
                 passwords_public=True, listens_beyond_loopback=not is_loopback(args.host),
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
