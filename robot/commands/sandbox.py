"""robot sandbox: start the practice Chamilo (on 127.0.0.1 unless told otherwise) to try or rehearse the robot."""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

NAME = "sandbox"
HELP = "start the practice Chamilo (a local stand-in for Chamilo 1.11.32) and print its URL and logins"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 = any free port)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1); beyond the loopback only with "
                        "--i-know-this-is-public: its passwords are public")
    p.add_argument("--i-know-this-is-public", dest="public", action="store_true",
                   help="allow a --host other than the loopback (anyone reaching it can sign in as admin)")
    p.add_argument("--data", help="data folder (default: a new temporary folder)")
    p.add_argument("--lang", choices=["en", "fr"], help="force every page into this language")
    p.add_argument("--big", action="store_true", help="also seed BIG50, a course of about 50 MB")
    p.add_argument("--version", dest="chamilo_version", choices=["1.11.32", "1.11.16"], default="1.11.32",
                   help="the Chamilo version whose pages it serves where they differ (default 1.11.32)")
    p.add_argument("--courses", type=int, default=0, metavar="N",
                   help="also seed N small courses FAC001… taught by teacher (to try a campaign)")
    p.add_argument("--json", action="store_true", help="print the URL and logins as one JSON object")
    p.add_argument("--fault", action="append", default=[], metavar="SPEC",
                   help='inject a fault, e.g. "POST /main/coursecopy/create_backup.php status code=500 times=1"')
    cas_options = _cas_options()
    if cas_options is not None:
        cas_options.add_cas_arguments(p)


def _cas_options() -> ModuleType | None:
    """practice_server/cas_settings.py (standard library only), loaded on its own: importing it
    through its package would start the practice server's imports (Flask), which help and usage
    errors must not pay for (tests/unit/test_cli_light.py)."""
    name = "_robot_sandbox_cas_options"
    if name in sys.modules:
        return sys.modules[name]
    package = importlib.util.find_spec("practice_server")  # a top-level name: found, not imported
    if package is None or not package.submodule_search_locations:
        return None
    path = Path(list(package.submodule_search_locations)[0]) / "cas_settings.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses looks its module up while building the class
    spec.loader.exec_module(module)
    return module
