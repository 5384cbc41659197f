"""Ctrl-C in the middle of a campaign, as a terminal sends it (SIGINT to the whole process group:
the robot, its Playwright driver and its Chromium): the running step ends, the journal and the report
are written, the output says how to finish; `--resume` then finishes the job with every course backed
up exactly once."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
import zipfile

from .conftest import ROBOT, robot

COURSES = ["FAC001", "FAC002", "FAC003", "FAC004"]


def done_courses(journal) -> int:
    if not journal.exists():
        return 0
    con = sqlite3.connect(journal)
    try:
        return con.execute("SELECT COUNT(*) FROM command WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        con.close()


def start_in_foreground(args: list[str], env: dict[str, str], cwd, log) -> subprocess.Popen:
    """The robot as an interactive shell starts a foreground job: a process group of its own and
    SIGINT at its default (a pytest-xdist worker ignores SIGINT, and an ignored signal is inherited)."""
    return subprocess.Popen([ROBOT, *args, "--env-file", os.devnull], env=env, cwd=cwd, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_ctrl_c_stops_cleanly_and_resume_finishes(site, env, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("code;do\n" + "".join(f"{code};backup\n" for code in COURSES), encoding="utf-8")
    journal = tmp_path / "plan.journal.sqlite"
    args = ["campaign", str(plan), "--yes", "--offline-check", "--workers", "1", "--journal", str(journal)]
    log = tmp_path / "first.log"
    proc = start_in_foreground(args, env, tmp_path, log)
    deadline = time.monotonic() + 200
    while done_courses(journal) < 1:
        assert proc.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    code = proc.wait(120)
    said = log.read_text()
    assert code == 130, said[-3000:]
    assert "To finish it: robot campaign" in said and "--resume" in said, said[-3000:]
    report = json.loads((tmp_path / "plan-report.json").read_text())  # written on the way out
    totals = report["totals"]
    assert totals["courses"] == 4 and totals["failed"] == 0, totals
    assert 1 <= totals["ok"] < 4 and totals["ok"] + totals["interrupted"] + totals["not_run"] == 4, totals
    first_zips = sorted((tmp_path / "backups").rglob("*.zip"))
    assert len(first_zips) == totals["ok"] and not list((tmp_path / "backups").rglob("*.part"))

    again = robot([*args, "--resume"], env, tmp_path)
    assert again.code == 0, again
    for code_ in COURSES:  # each course backed up exactly once over both runs, every zip whole
        found = sorted((tmp_path / "backups").rglob(f"{code_}_*.zip"))
        assert len(found) == 1, (code_, found)
        with zipfile.ZipFile(found[0]) as zf:
            assert zf.testzip() is None
    assert set(first_zips) <= set((tmp_path / "backups").rglob("*.zip"))  # the done ones were not redone
