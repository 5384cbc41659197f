"""One robot per course, and an output folder checked before any work starts."""
from __future__ import annotations

import os
import threading
from pathlib import Path

from tests.robot_run import run_robot

BACKUP_POST = ("POST", "/main/coursecopy/create_backup.php")


def test_two_concurrent_backups_of_one_course_one_runs_one_is_told(practice_server, robot_env, tmp_path):
    practice_server.state.faults.add(*BACKUP_POST, "delay", seconds=4)
    results = {}
    first = threading.Thread(target=lambda: results.__setitem__("first", run_robot(
        ["backup", "--course", "DEMO101"], robot_env)))
    first.start()
    # wait until the first robot holds the lock (it is logged in and working)
    deadline = threading.Event()
    for _ in range(200):
        if practice_server.state.count("POST", "/index.php") >= 1:
            break
        deadline.wait(0.05)
    results["second"] = run_robot(["backup", "--course", "DEMO101"], robot_env)
    first.join()
    assert results["first"].code == 0, results["first"]
    second = results["second"]
    assert second.code == 7, second
    assert "DEMO101 is busy" in second.stderr and "robot backup-DEMO101" in second.stderr
    assert practice_server.state.count("POST", "/index.php") == 1  # the second never logged in
    assert len(list((tmp_path / "backups").glob("DEMO101_*.zip"))) == 1


def test_other_courses_are_not_blocked(practice_server, robot_env):
    practice_server.state.faults.add(*BACKUP_POST, "delay", seconds=3)
    results = {}
    t = threading.Thread(target=lambda: results.__setitem__("demo", run_robot(
        ["backup", "--course", "DEMO101"], robot_env)))
    t.start()
    results["hist"] = run_robot(["backup", "--course", "HIST2026"], robot_env)
    t.join()
    assert results["demo"].code == 0 and results["hist"].code == 0, results


def test_unusable_output_folder_fails_before_any_request(practice_server, robot_env, tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    for out in (not_a_folder, Path("/proc/robot-cannot-write-here")):
        result = run_robot(["backup", "--course", "DEMO101", "--out", str(out)], robot_env)
        assert result.code == 2, result
        assert "output" in result.stderr
    assert practice_server.state.requests == []


def test_not_enough_free_space_for_the_expected_size(practice_server, robot_env, tmp_path):
    out = tmp_path / "backups"
    out.mkdir()
    earlier = out / "DEMO101_20250101-000000.zip"
    with earlier.open("wb") as fh:  # a sparse file: huge on paper, nothing on disk
        fh.truncate(os.statvfs(out).f_bavail * os.statvfs(out).f_frsize * 2)
    result = run_robot(["backup", "--course", "DEMO101"], robot_env)
    assert result.code == 2, result
    assert "not enough free space" in result.stderr
    assert practice_server.state.requests == []
