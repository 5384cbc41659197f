"""One robot per course, and an output folder checked before any work starts."""
from __future__ import annotations

import os
import threading
from pathlib import Path

from tests.robot_run import run_robot

BACKUP_POST = ("POST", "/main/coursecopy/create_backup.php")


def test_one_robot_per_course_while_other_courses_go_on(practice_server, robot_env, tmp_path):
    """A backup of DEMO101 holds its course's lock (its backup POST is slowed down); a second one of
    DEMO101 is told and never logs in, while one of HIST2026 runs alongside and finishes."""
    st = practice_server.state
    st.faults.add(*BACKUP_POST, "delay", seconds=4, query="cidReq=DEMO101")
    results = {}
    first = threading.Thread(target=lambda: results.__setitem__("first", run_robot(  # a robot of its own
        ["backup", "--course", "DEMO101"], robot_env, warm=False)))
    first.start()
    # wait until the first robot holds the lock (it is logged in and working)
    deadline = threading.Event()
    for _ in range(200):
        if st.count("POST", "/index.php") >= 1:
            break
        deadline.wait(0.05)
    results["second"] = run_robot(["backup", "--course", "DEMO101"], robot_env)
    logins_while_busy = st.count("POST", "/index.php")
    overlapping = first.is_alive()  # DEMO101's backup is still going on (its POST is held 4 s)
    results["other"] = run_robot(["backup", "--course", "HIST2026"], robot_env)
    first.join()
    assert results["first"].code == 0, results["first"]
    second = results["second"]
    assert second.code == 7, second
    assert "DEMO101 is busy" in second.stderr and "robot backup-DEMO101" in second.stderr
    assert logins_while_busy == 1  # the second never logged in
    assert overlapping and results["other"].code == 0, results["other"]  # another course is not blocked
    assert len(list((tmp_path / "backups").glob("DEMO101_*.zip"))) == 1
    assert len(list((tmp_path / "backups").glob("HIST2026_*.zip"))) == 1


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
