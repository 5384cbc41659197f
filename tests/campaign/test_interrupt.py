"""Ctrl-C in the middle of a campaign, as a terminal sends it (SIGINT to the whole process group:
the robot, its Playwright driver and its Chromium), while a step waits to be tried again: no further
attempt, the journal and the report are written (that course "interrupted"), the output says how to
finish; `--resume` then finishes the job with every course backed up exactly once."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import zipfile

from .conftest import ROBOT, robot

COURSES = ["FAC001", "FAC002", "FAC003", "FAC004"]


def start_in_foreground(args: list[str], env: dict[str, str], cwd, log) -> subprocess.Popen:
    """The robot as an interactive shell starts a foreground job: a process group of its own and
    SIGINT at its default (a pytest-xdist worker ignores SIGINT, and an ignored signal is inherited)."""
    return subprocess.Popen([ROBOT, *args, "--env-file", os.devnull], env=env, cwd=cwd, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


BACKUP = "/main/coursecopy/create_backup.php"


def failed_posts(site) -> int:
    """The backup POSTs the server refused (FAC002's, below)."""
    return sum(1 for method, path, status in list(site.state.requests)
               if method == "POST" and path == BACKUP and status == 500)


def test_ctrl_c_stops_cleanly_and_resume_finishes(site, env, tmp_path):
    plan = tmp_path / "plan.csv"
    plan.write_text("code;do\n" + "".join(f"{code};backup\n" for code in COURSES), encoding="utf-8")
    # FAC002's "Create a backup" keeps failing: the step is tried again and again, with growing waits
    site.state.faults.add("POST", BACKUP, "status", code=500, times=100, query="cidReq=FAC002&")
    journal = tmp_path / "plan.journal.sqlite"
    args = ["campaign", str(plan), "--yes", "--offline-check", "--workers", "1", "--journal", str(journal)]
    log = tmp_path / "first.log"
    proc = start_in_foreground(args, {**env, "ROBOT_ATTEMPTS": "6"}, tmp_path, log)
    deadline = time.monotonic() + 200
    while "submit_backup: attempt 4 failed" not in log.read_text():  # now waiting 4 s before attempt 5
        assert proc.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    code = proc.wait(120)
    said = log.read_text()
    assert code == 130, said[-3000:]
    assert failed_posts(site) == 4, said[-3000:]  # no attempt after the Ctrl-C
    assert "To finish it: robot campaign" in said and "--resume" in said, said[-3000:]
    assert "FAILED" not in said and "stopped (Ctrl-C)" in said, said[-3000:]
    # stopped during the wait itself (not only before attempt 5, once the 4 s are over)
    assert "FAC002 backup stopped (Ctrl-C): stopped while waiting to try submit_backup again" in said, said[-3000:]
    # the live counts say what the lines said: FAC001 done, FAC002 interrupted, nothing failed
    assert "1 done, 0 failed, 1 interrupted, 2 left" in said, said[-3000:]
    report = json.loads((tmp_path / "plan-report.json").read_text())  # written on the way out
    assert report["totals"] == {"courses": 4, "ok": 1, "failed": 0, "interrupted": 1, "not_run": 2}, report["totals"]
    fac002 = next(c for c in report["courses"] if c["code"] == "FAC002")["commands"][0]
    assert fac002["status"] == "interrupted" and fac002["steps"][-1]["name"] == "submit_backup", fac002
    assert fac002["steps"][-1]["status"] == "interrupted" and fac002["steps"][-1]["attempts"] == 4, fac002
    first_zips = sorted((tmp_path / "backups").rglob("*.zip"))
    assert [z.name.split("_")[0] for z in first_zips] == ["FAC001"]
    assert not list((tmp_path / "backups").rglob("*.part"))

    site.state.faults.clear()
    again = robot([*args, "--resume"], env, tmp_path)
    assert again.code == 0, again
    for code_ in COURSES:  # each course backed up exactly once over both runs, every zip whole
        found = sorted((tmp_path / "backups").rglob(f"{code_}_*.zip"))
        assert len(found) == 1, (code_, found)
        with zipfile.ZipFile(found[0]) as zf:
            assert zf.testzip() is None
    assert set(first_zips) <= set((tmp_path / "backups").rglob("*.zip"))  # the done ones were not redone
