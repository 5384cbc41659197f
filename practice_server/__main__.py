"""Run the practice Chamilo in the foreground.

    python -m practice_server --port 8765 --data /tmp/practice [--lang en|fr] [--big]
                              [--fault "POST /main/coursecopy/create_backup.php status code=500 times=1" ...]
                              [--cas-server https://127.0.0.1:8443/cas --cas-force-redirect --cas-ca-bundle ca.pem ...]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import threading

from . import LOGINS, PracticeServer
from .assets import VENDOR_DIR, vendor_ready
from .cas_settings import add_cas_arguments, cas_settings_from_args
from .exposure import PASSWORDS_ARE_PUBLIC, PUBLIC_FLAG, is_loopback, refusal
from .faults import FaultPlan


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m practice_server", description="The practice Chamilo (1.11.32 pages).")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: %(default)s); beyond the loopback only with "
                             f"{PUBLIC_FLAG}: the passwords are public")
    parser.add_argument(PUBLIC_FLAG, dest="public", action="store_true",
                        help="allow a --host other than the loopback (anyone reaching it can sign in as admin)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port; default: %(default)s)")
    parser.add_argument("--data", help="data directory (default: a new temporary directory)")
    parser.add_argument("--lang", choices=["en", "fr"], help="force every page into this language")
    parser.add_argument("--big", action="store_true", help="also seed BIG50, the ~50 MB course")
    parser.add_argument("--courses", type=int, default=0, metavar="N",
                        help="seed N more small courses FAC001… taught by teacher (campaigns, benchmarks)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log every request (werkzeug access log)")
    parser.add_argument("--fault", action="append", default=[], metavar="SPEC",
                        help='inject a fault, e.g. "POST /index.php status code=500 times=1" (repeatable)')
    add_cas_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    refused = refusal(args.host, args.public)
    if refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    try:
        plans = [FaultPlan.parse(spec) for spec in args.fault]
    except ValueError as exc:
        print(f"error: --fault: {exc}", file=sys.stderr)
        return 2
    try:
        cas = cas_settings_from_args(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = args.data or tempfile.mkdtemp(prefix="practice-chamilo-")
    srv = PracticeServer(data_dir=data, lang=args.lang, big_course=args.big, cas=cas,
                         extra_courses=args.courses)
    for plan in plans:
        srv.state.faults.add_plan(plan)
    srv.start(host=args.host, port=args.port)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        logging.getLogger("werkzeug").setLevel(logging.INFO)
    print(f"Practice Chamilo 1.11.32 at {srv.url}/  (data: {srv.state.data_dir})")
    print(f"Logins (password = username; {'loopback only' if is_loopback(args.host) else 'PUBLIC'}: "
          f"{PASSWORDS_ARE_PUBLIC}):")
    for login, what in LOGINS:
        print(f"  {login:<15} {what}")
    print("Courses: " + ", ".join(srv.state.course_codes()))
    for plan in plans:
        print(f"Fault armed: {plan}")
    if cas is not None:
        mode = "forced redirect" if cas.force_redirect else "CAS button" + (" instead of the login form" if cas.replace_login_form else "")
        print(f"CAS single sign-on: {cas.server_url} ({mode}; users map by username)")
    if not vendor_ready():
        print(f"warning: front-end libraries missing in {VENDOR_DIR}; run: python -m practice_server.assets")
    print("Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        srv.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
