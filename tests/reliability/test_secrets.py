"""The password never reaches a file: every command runs with an unusual password, then every byte
the runs produced (stdout, stderr with -v, backups, recordings, failure traces unzipped, rosters,
journals) is searched for it."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from robot.commands import COMMANDS

CANARY = "Zq7-canary-Pw!9x"
ROBOT = str(Path(sys.executable).with_name("robot"))
AVAILABLE = {m.NAME for m in COMMANDS}

# (command, arguments, faults to arm first) — the commands that log in, each once.
RUNS: list[tuple[str, list[str], list[str]]] = [
    ("backup", ["backup", "--course", "DEMO101", "--json"], []),
    ("backup", ["backup", "--course", "DEMO101", "--items", "documents,links"], []),
    ("backup", ["backup", "--course", "DEMO101", "--record"], []),
    ("backup", ["backup", "--course", "DEMO101", "--attempts", "1"],  # a failure: screenshot + trace
     ["POST /main/coursecopy/create_backup.php status code=500 times=5"]),
    ("backup", ["backup", "--course", "DEMO101"], ["GET /main/course_info/maintenance.php expire_session"]),
    ("create-course", ["create-course", "--title", "Secret test 2027", "--code", "SECRET2027", "--yes"], []),
    ("copy", ["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "rename", "--yes"], []),
    ("rollover", ["rollover", "--course", "DEMO101", "--year", "2031", "--yes"], []),
    ("archive", ["archive", "--course", "DEMO101", "--yes"], []),
    ("announce", ["announce", "--course", "DEMO101", "--title", "End of year", "--message", "Save your work",
                  "--no-email", "--yes"], []),
    ("grant", ["grant", "--course", "DEMO101", "--user", "colleague", "--yes"], []),
    ("revoke", ["revoke", "--course", "DEMO101", "--user", "colleague", "--yes"], []),
    ("unsubscribe-students", ["unsubscribe-students", "--course", "HIST2026", "--backup-first", "--no-notice",
                              "--yes"], []),
    ("empty", ["empty", "--course", "DEMO101", "--backup-first", "--yes"], []),
    ("delete", ["delete", "--course", "HIST2026", "--backup-first", "--yes"], []),
    ("demo", ["demo", "backup", "--course", "DEMO101"], []),
]


def files_under(root: Path):
    for path in root.rglob("*"):
        if path.is_file():
            yield path


def hits_in(data: bytes, name: str) -> list[str]:
    found = []
    needles = [CANARY.encode(), CANARY.encode("utf-16-le"), CANARY.replace("!", "%21").encode()]
    if any(n in data for n in needles):
        found.append(name)
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for entry in zf.namelist():
                    found += hits_in(zf.read(entry), f"{name}!{entry}")
        except zipfile.BadZipFile:
            pass
    return found


def test_the_password_is_in_no_byte_of_anything_the_runs_produced(practice_server, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "CHAMILO_URL": practice_server.url, "CHAMILO_USERNAME": "teacher",
           "CHAMILO_PASSWORD": CANARY, "ROBOT_OUT": str(work / "backups"),
           "ROBOT_RECORDINGS": str(work / "recordings"), "ROBOT_LOCK_DIR": str(work / "locks"),
           "ROBOT_STEP_TIMEOUT": "15"}
    outputs: list[tuple[str, bytes]] = []
    ran = []
    for command, args, faults in RUNS:
        if command not in AVAILABLE:
            continue
        practice_server.state.reset()
        practice_server.state.faults.clear()
        practice_server.state.set_password("teacher", CANARY)
        for spec in faults:
            practice_server.state.faults.add_spec(spec)
        proc = subprocess.run([ROBOT, "-v", *args], cwd=work, env=env, capture_output=True, timeout=240)
        ran.append((args, proc.returncode))
        outputs.append((f"stdout of {args}", proc.stdout))
        outputs.append((f"stderr of {args}", proc.stderr))
    assert len(ran) >= 5, ran
    assert any(code != 0 for _, code in ran), "one run must fail, to check failure artefacts"
    assert list((work / "recordings").rglob("trace.zip")), "the runs must have produced traces"
    hits: list[str] = []
    for name, data in outputs:
        hits += hits_in(data, name)
    for path in files_under(work):
        hits += hits_in(path.read_bytes(), str(path.relative_to(work)))
    assert hits == [], hits
    succeeded = [args for args, code in ran if code == 0]
    assert len(succeeded) >= len(ran) - 1, ran
