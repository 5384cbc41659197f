"""Issue 11, "Must show": Chromium killed mid-step (SIGKILL, as a crash or the out-of-memory killer
would) during a backup and during a copy — both finish, verified, after exactly one relaunch; and
Chamilo's own error pages (database down, a PHP fatal error's truncated page) stop the run at once,
named, in one attempt.  docs/RELIABILITY.md lists each test."""
from __future__ import annotations

import zipfile

from tests.browser_kill import browser_pids, kill_browser
from tests.copy.conftest import renamed, seeded_files
from tests.robot_run import RobotResult, run_robot, steps_of

BACKUP_POST = ("POST", "/main/coursecopy/create_backup.php")
DOWNLOAD = ("GET", "/main/course_info/download.php")
COPY = "/main/coursecopy/copy_course.php"
LOGIN = ("POST", "/index.php")


def killer(killed: list[int]):
    """A ``call`` fault: SIGKILL the robot's Chromium when the request arrives (a browser the tests
    of this worker share is spared), then let the request go on (None)."""
    shared = browser_pids()

    def kill() -> None:
        killed.append(kill_browser(exclude=shared))

    return kill


def relaunched_once(result: RobotResult, step: str) -> dict:
    assert result.code == 0, result
    doc = result.json()
    assert doc["relaunches"] == 1, result
    assert [s["name"] for s in doc["steps"] if s["relaunched"]] == [step], result
    assert steps_of(doc)[step]["attempts"] == 2, result
    return doc


def test_browser_killed_during_the_download_relaunches_once(practice_server, robot_env, tmp_path):
    st, killed = practice_server.state, []
    st.faults.add(*DOWNLOAD, "call", fn=killer(killed))
    result = run_robot(["backup", "--course", "DEMO101", "--json"], robot_env, warm=False)  # its own browser
    relaunched_once(result, "download_backup")
    assert len(killed) == 1
    assert st.count(*LOGIN) == 2  # logged in again in the new browser
    zips = sorted((tmp_path / "backups").glob("*.zip"))
    assert len(zips) == 1 and not list((tmp_path / "backups").glob("*.part"))
    assert not (tmp_path / "backups" / ".robot-downloads").exists()  # its own download folder, removed
    with zipfile.ZipFile(zips[0]) as zf:
        files = {n[len("document/"):]: zf.read(n) for n in zf.namelist()
                 if n.startswith("document/") and not n.endswith("/")}
    assert files == st.course_files("DEMO101")


def test_browser_killed_when_the_copy_is_posted_relaunches_once(practice_server, robot_env):
    st, killed = practice_server.state, []
    target_before = seeded_files("HIST2026")
    links = len(st.links("HIST2026"))
    st.faults.add("POST", COPY, "call", fn=killer(killed), form="copy_option=full_copy")
    result = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "rename", "--yes", "--json"],
                       robot_env, warm=False)  # a browser of its own, the one killed
    doc = relaunched_once(result, "submit_copy")
    assert len(killed) == 1
    assert steps_of(doc)["submit_copy"]["already_done"] is True  # the copy the dead browser asked for is there
    expected = dict(target_before)
    for path, data in seeded_files("DEMO101").items():
        expected[renamed(path) if path in target_before else path] = data
    assert st.course_files("HIST2026") == expected  # copied once: nothing doubled
    assert len(st.links("HIST2026")) == links + 2
    assert st.count("POST", COPY) == 1 and doc["verified"] is True


def stopped_at_once(result: RobotResult, kind: str, step: str) -> dict:
    assert result.code == 4, result
    doc = result.json()
    assert doc["error"]["kind"] == kind and doc["error"]["step"] == step, doc["error"]
    assert steps_of(doc)[step]["attempts"] == 1, result  # no retry
    assert "raise --step-timeout" not in result.stdout + result.stderr
    assert "retrying" not in result.stderr
    return doc


def test_database_down_stops_at_the_first_page(practice_server, robot_env):
    practice_server.state.faults.add("*", "*", "db_down", times=1000)
    result = run_robot(["backup", "--course", "DEMO101", "--json"], robot_env)
    doc = stopped_at_once(result, "database_down", "open_login_page")
    assert [s["name"] for s in doc["steps"]] == ["open_login_page"]
    said = f"{doc['error']['message']} {doc['error']['hint']}"
    assert "database" in said and "administrator" in said
    assert "database" in result.stderr and "administrator" in result.stderr
    assert practice_server.state.count("GET", "/index.php") == 1


def test_php_fatal_after_create_a_backup_is_named_and_not_retried(practice_server, robot_env, tmp_path):
    practice_server.state.faults.add(*BACKUP_POST, "php_fatal", form="backup_option=full_backup", times=10)
    result = run_robot(["backup", "--course", "DEMO101", "--json"], robot_env)
    doc = stopped_at_once(result, "php_fatal", "submit_backup")
    assert "PHP" in doc["error"]["message"] and "PHP error log" in doc["error"]["hint"]
    assert practice_server.state.count(*BACKUP_POST) == 1
    out = tmp_path / "backups"
    assert not out.exists() or not list(out.glob("*.zip"))
