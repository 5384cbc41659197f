"""`robot rollover`: killed (SIGKILL) right after it created the new course, then rerun — one new
course, one copy. And what it refuses before starting."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from flows import rollover as rollover_flow
from tests.robot_run import run_robot

from .conftest import ADD, COPY, env_for, seeded_files

ROBOT = Path(sys.executable).with_name("robot")
NEW = "DEMO1012027"


def descendants(pid: int) -> list[int]:
    """Every process under ``pid`` (the robot's Playwright driver and its Chromium)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(proc: subprocess.Popen) -> None:
    pids = [proc.pid, *descendants(proc.pid)]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


def test_killed_after_the_course_creation_then_rerun_finishes_once(practice_server, tmp_path):
    st = practice_server.state
    env = env_for(practice_server, tmp_path)
    # holds the robot before the copy; st.faults.clear() below lets the held request go at once
    st.faults.add("GET", COPY, "delay", seconds=120)
    proc = subprocess.Popen([str(ROBOT), "rollover", "--course", "DEMO101", "--year", "2027", "--yes",
                             "--env-file", os.devnull], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while st.course(NEW) is None:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the rollover never created the new course"
            time.sleep(0.02)
    finally:
        kill_tree(proc)
    assert proc.returncode == -signal.SIGKILL
    assert st.count("POST", COPY) == 0
    st.faults.clear()
    journal = next((tmp_path / "backups" / ".robot-state").glob("rollover-DEMO101-2027-*.json"))
    assert journal.stat().st_mode & 0o777 == 0o600
    assert json.loads(journal.read_text())["stages"]["backup"]["status"] == "done"

    rerun = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--yes", "--json"], env)
    assert rerun.code == 0, rerun
    doc = rerun.json()
    assert st.course_codes().count(NEW) == 1 and len(st.course_codes()) == 4  # one new course
    assert st.count("POST", ADD) == 1  # created once, by the killed run
    assert st.count("POST", COPY) == 1  # copied once, by the rerun
    assert st.course_files(NEW) == seeded_files("DEMO101")  # no _1 duplicates
    assert len(st.links(NEW)) == 2 and len(st.announcements(NEW)) == 2
    course = st.course(NEW)
    assert (course["title"], course["language"]) == ("Demo course 101 2027", "english")
    assert doc["new_course"]["created_now"] is False and doc["copy"]["summary"]["added"] == 6
    assert json.loads(journal.read_text())["stages"]["copy"]["status"] == "done"
    assert len(list((tmp_path / "backups").glob("DEMO101_*.zip"))) == 1  # the killed run's verified backup

    third = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--yes"], env)
    assert third.code == 0, third
    assert "not copied again" in third.stdout
    assert (st.count("POST", ADD), st.count("POST", COPY)) == (1, 1)


def test_refusals_before_starting(practice_server, tmp_path):
    env = env_for(practice_server, tmp_path)
    bad_code = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--code", "DEMO_2027", "--yes"], env)
    assert bad_code.code == 2, bad_code
    assert "letters and digits" in bad_code.stderr
    archive = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--archive-old", "--yes", "--dry-run",
                         "--json"], env)
    if rollover_flow.archive_module() is None:  # issue 4's `robot archive` is not in this checkout
        assert archive.code == 2, archive
        assert "robot archive" in archive.stderr
    else:  # wired after the copy, on the old course, without a second login
        assert archive.code == 0, archive
        names = [s["name"] for s in archive.json()["steps"]]
        assert names.count("submit_login") == 1
        assert names.index("compare_before_after") < names.index("save_settings")
    assert practice_server.state.requests == []
