"""The password never reaches a file: every command runs with an unusual password, then every byte
the runs produced (stdout, stderr with -v, backups, recordings, failure traces unzipped, rosters,
journals) is searched for it."""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

from robot.commands import COMMANDS
from robot.commands.archive import default_label
from tests.copy.conftest import seeded_files
from tests.robot_run import RobotResult, assert_one_attempt_each

CANARY = "Zq7-canary-Pw!9x"
ROBOT = str(Path(sys.executable).with_name("robot"))
AVAILABLE = {m.NAME for m in COMMANDS}

HIST_LEARNERS = 25


class Run:
    """What one run left: the server's state, its stdout, the files it created under the work folder."""

    def __init__(self, st, out: bytes, new_files: set[Path]) -> None:
        self.st, self.out, self.new_files = st, out, new_files

    def new(self, pattern: str) -> list[Path]:
        return sorted(p for p in self.new_files if p.match(pattern))


def _archived(run: Run) -> None:
    assert run.st.course("DEMO101")["title"] == f"Demo course 101 ({default_label()})"


def _announced(run: Run) -> None:
    assert [a["title"] for a in run.st.announcements("DEMO101")].count("End of year") == 1


def _granted(run: Run) -> None:
    assert "colleague" in [u["username"] for u in run.st.course_teachers("DEMO101")]


def _course_gone(run: Run) -> None:
    assert run.st.course("HIST2026") is None and "HIST2026" not in run.st.course_codes()
    assert len(run.new("HIST2026_*.zip")) == 1  # the backup made first, kept


def _learners_gone(run: Run) -> None:
    assert [u for u in run.st.course_users("HIST2026") if u["status"] == 5] == []
    assert [u["username"] for u in run.st.course_teachers("HIST2026")] == ["teacher"]
    rosters = run.new("rosters/HIST2026_*.csv")
    assert len(rosters) == 1 and len(run.new("HIST2026_*.zip")) == 1
    with open(rosters[0], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len({r["username"] for r in rows}) == len(rows) == HIST_LEARNERS  # every learner, once
    # a stock site shows teachers no e-mail address (show_email_addresses off): the column stays empty
    assert all(r["role"] == "student" and r["user_id"] and not r["email"] for r in rows)


def _rolled_over(run: Run) -> None:
    doc = assert_one_attempt_each(RobotResult(0, run.out.decode(), ""))
    new = "DEMO1012031"
    assert doc["new_course"]["code"] == new
    assert run.st.course_files(new) == seeded_files("DEMO101")  # the new course holds the copied files, once
    assert [u["username"] for u in run.st.course_teachers(new)] == ["teacher"]


# (command, arguments, faults to arm first, exit code, its end state on the server) — the commands
# that log in, and what each leaves: zips, a failure's screenshot and trace, a copy's before/after
# report (rollover: create-course + copy), archive settings, an announcement, teacher rights, a
# roster, a deletion behind its backup. create-course, copy, revoke and empty type the password in
# the same login steps and leave nothing of their own that these do not (a zip, a copy report):
# their runs are left out to keep the suite short. Recorded runs (--record, demo) and a re-login are
# searched for the password by tests/recording (test_recorded_backup.py, test_demo_and_degraded.py).
RUNS: list[tuple[str, list[str], list[str], int, Callable[[Run], None] | None]] = [
    ("backup", ["backup", "--course", "DEMO101", "--json"], [], 0, None),
    ("backup", ["backup", "--course", "DEMO101", "--attempts", "1"],  # a failure: screenshot + trace
     ["POST /main/coursecopy/create_backup.php status code=500 times=5"], 4, None),
    ("rollover", ["rollover", "--course", "DEMO101", "--year", "2031", "--yes", "--json"], [], 0, _rolled_over),
    ("archive", ["archive", "--course", "DEMO101", "--yes"], [], 0, _archived),
    ("announce", ["announce", "--course", "DEMO101", "--title", "End of year", "--message", "Save your work",
                  "--no-email", "--yes"], [], 0, _announced),
    ("grant", ["grant", "--course", "DEMO101", "--user", "colleague", "--yes"], [], 0, _granted),
    ("unsubscribe-students", ["unsubscribe-students", "--course", "HIST2026", "--backup-first", "--no-notice",
                              "--yes"], [], 0, _learners_gone),
    ("delete", ["delete", "--course", "HIST2026", "--backup-first", "--yes"], [], 0, _course_gone),
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
    for command, args, faults, expected, end_state in RUNS:
        if command not in AVAILABLE:
            continue
        practice_server.state.reset()
        practice_server.state.faults.clear()
        practice_server.state.set_password("teacher", CANARY)
        for spec in faults:
            practice_server.state.faults.add_spec(spec)
        files_before = set(files_under(work))
        proc = subprocess.run([ROBOT, "-v", *args], cwd=work, env=env, capture_output=True, timeout=240)
        ran.append((args, proc.returncode))
        outputs.append((f"stdout of {args}", proc.stdout))
        outputs.append((f"stderr of {args}", proc.stderr))
        assert proc.returncode == expected, (args, proc.returncode, proc.stderr.decode()[-2000:])
        if end_state is not None:
            end_state(Run(practice_server.state, proc.stdout, set(files_under(work)) - files_before))
    assert len(ran) >= 5, ran
    assert list((work / "recordings").rglob("trace.zip")), "the runs must have produced traces"
    hits: list[str] = []
    for name, data in outputs:
        hits += hits_in(data, name)
    for path in files_under(work):
        hits += hits_in(path.read_bytes(), str(path.relative_to(work)))
    assert hits == [], hits
