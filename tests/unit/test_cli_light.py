"""Help and usage errors need no browser stack: building the parser, `--help` and a usage error import
no Playwright, flows, cryptography nor the engine's browser / steps / run (robot/commands/__init__.py
says how). The rule is checked on the modules loaded, in a fresh interpreter; the speed it buys is
measured by bench/cli_startup.py, not asserted."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import flows.copy_course
from robot.commands import COMMANDS, implementation
from robot.commands.copy import POLICIES
from robot.commands.site_commands import SITE_COMMANDS

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("playwright", "flows", "cryptography", "dotenv", "tenacity", "flask", "practice_server",
         "robot.engine.browser", "robot.engine.steps", "robot.engine.run", "robot.engine.recording",
         "robot.commands.run")

PROBE = """
import contextlib, io, json, sys
from robot.cli import build_parser, main
build_parser()
answers = []
for argv in (["--help"], ["backup", "--help"], ["demo", "rollover", "--help"], ["campaign", "--help"],
             ["backup", "--course", "X", "--frobnicate"],      # unknown option
             ["copy", "--from", "A", "--to", "B", "--on-conflict", "merge"],  # bad choice
             ["rollover", "--course", "A", "--year", "next"],  # bad type
             ["announce", "--course", "A"]):                   # missing required options
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
        answers.append([argv, main(argv), err.getvalue()])
print(json.dumps({"answers": answers, "modules": sorted(sys.modules)}))
"""


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


def test_help_and_usage_errors_import_no_browser_stack():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    codes = {" ".join(argv): code for argv, code, _ in doc["answers"]}
    assert codes["--help"] == 0 and codes["backup --help"] == 0 and codes["demo rollover --help"] == 0
    errors = [(argv, code, err) for argv, code, err in doc["answers"] if "--help" not in argv]
    for argv, code, err in errors:  # each one was really refused by argparse, with its reason
        assert code == 2 and "error:" in err, (argv, code, err)
    assert "--frobnicate" in errors[0][2] and "merge" in errors[1][2] and "next" in errors[2][2]
    assert "--title" in errors[3][2] and "--message" in errors[3][2]
    assert "robot.cli" in doc["modules"] and "robot.commands.backup" in doc["modules"]  # the probe ran
    assert heavy(doc["modules"]) == []


def test_every_command_has_its_implementation():
    names = [c.NAME for c in COMMANDS]
    assert len(names) == len(set(names))
    assert set(SITE_COMMANDS) <= set(COMMANDS)
    for command in COMMANDS:
        assert callable(implementation(command).run), command.NAME


def test_copy_policies_are_the_flows():
    """The command line names the copy policies itself (it must not import the flow to list them)."""
    assert POLICIES == flows.copy_course.POLICIES
