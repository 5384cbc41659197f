"""Command line: parse, dispatch to a command, map errors to exit codes (only here).

Building the parser imports only the light half of each command (robot/commands/<name>.py: its
options); the half that drives the browser is imported once the arguments are parsed
(``robot.commands.implementation``). So --help and usage errors cost no Playwright, flows or
cryptography (tests/unit/test_cli_light.py, bench/cli_startup.py)."""
from __future__ import annotations

import argparse
import atexit
import logging
import os
import threading
import sys
import traceback
from typing import TYPE_CHECKING, Mapping, Sequence, TextIO

from .commands import COMMANDS, implementation
from .commands.context import Context
from .engine.redact import RedactingFilter, Redactor
from .errors import RobotError
from .output import Output

if TYPE_CHECKING:
    from .engine.browser import WarmHosts

EXIT_BUG = 1
EXIT_INTERRUPTED = 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="robot", description="chamilo-robot: does a teacher's end-of-year clicks in Chamilo, verified.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step detail")
    parser.add_argument("--traceback", action="store_true", help="show the Python traceback of an error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_command=module)
    return parser


def _logging(verbose: bool, redactor: Redactor, stream: TextIO) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(RedactingFilter(redactor))
    logger = logging.getLogger("robot")
    logger.addHandler(handler)  # removed by main() on the way out (tests call main() many times)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    return handler


def leave_now(code: int, *streams: TextIO) -> None:
    """End the process at once, its output flushed and its exit functions run (the driver's
    wrapper folder, engine/browser.py). After a Ctrl-C everything the run writes (journal, report,
    files) is written and closed already, but the interpreter's own teardown sometimes crashed on
    what the Playwright threads left behind (a segmentation fault instead of exit 130, about one
    interrupted campaign in two): the command line is left without that teardown."""
    atexit._run_exitfuncs()
    for stream in streams:
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def print_traceback(err: BaseException, redactor: Redactor, stream: TextIO) -> None:
    """--traceback: the Python traceback of ``err`` (its causes included), through the redactor —
    Playwright's messages quote the calls that failed, a ``fill("<the password>")`` among them."""
    text = "".join(traceback.format_exception(err))
    print(redactor(text), file=stream, end="", flush=True)


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None, hosts: "WarmHosts | None" = None) -> int:
    """Run one command. ``hosts``: browsers kept warm by a program that runs many commands in this
    thread (robot.engine.browser.WarmHosts); without it each browser run starts its own."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse: 2 on bad usage, 0 on --help
        return int(exit_.code or 0)
    redactor = Redactor()
    as_json = bool(getattr(args, "json", False))
    output = Output(as_json=as_json, out=stdout, err=stderr, redact=redactor)
    handler = _logging(args.verbose, redactor, stderr)
    if as_json:
        handler.setLevel(logging.WARNING)
    ctx = Context(output=output, environ=os.environ if env is None else env, redactor=redactor, hosts=hosts)
    try:
        return int(implementation(args._command).run(args, ctx) or 0)
    except RobotError as err:
        if args.traceback:
            print_traceback(err, redactor, stderr)
        output.warn(f"robot {args.command}: {err.describe()}")
        if output.printed:
            return err.exit_code
        output.document(args.command, False, exit_code=err.exit_code,
                        error={"type": type(err).__name__, "message": err.message, "step": err.step,
                               "kind": err.kind, "hint": err.hint, "artifacts": err.artifacts},
                        **(err.run_summary or {}))
        return err.exit_code
    except KeyboardInterrupt:
        output.warn(f"robot {args.command}: interrupted")
        if argv is None and threading.current_thread() is threading.main_thread():
            leave_now(EXIT_INTERRUPTED, stdout, stderr)
        return EXIT_INTERRUPTED
    except Exception as err:  # a bug: say so plainly, keep the traceback with --traceback
        if args.traceback:
            print_traceback(err, redactor, stderr)
        output.warn(f"robot {args.command}: unexpected error (a bug): {type(err).__name__}: {err}\n"
                    "run again with --traceback and report it")
        output.document(args.command, False, exit_code=EXIT_BUG,
                        error={"type": type(err).__name__, "message": str(err)})
        return EXIT_BUG
    finally:
        logging.getLogger("robot").removeHandler(handler)
