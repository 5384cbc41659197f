"""`robot backup --prove-restore SCRATCH` on the practice Chamilo: the fresh zip is imported into an
empty course the teacher teaches, every document and item is checked there (tests and forums
included), and the scratch course is emptied again with the robot's own `empty` steps; a scratch
course that is not empty is refused before any backup is made."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import BACKUP, IMPORT, empty_course, env_for, holdings, rich_course

RECYCLE = "/main/coursecopy/recycle_course.php"
EMPTY = {"files": {}, "titles": {}, "links": 0, "announcements": 0, "descriptions": 0, "quizzes": 0, "threads": 0}


@pytest.fixture(scope="module")
def runs(practice_server, tmp_path_factory):
    st = practice_server.state
    st.faults.clear()
    st.reset()
    rich_course(practice_server, "DEMO101")
    empty_course(practice_server, "SCRATCH")
    env = env_for(practice_server, tmp_path_factory.mktemp("prove"))
    out: dict = {}
    result = run_robot(["backup", "--course", "DEMO101", "--prove-restore", "SCRATCH", "--json"], env)
    out["proof"] = {"result": result, "scratch": holdings(st, "SCRATCH"), "imports": st.count("POST", IMPORT),
                    "empties": st.count("POST", RECYCLE), "demo": holdings(st, "DEMO101")}
    # the import of the proof is done, then PHP dies before the page ends (§14.3): the run fails,
    # and the scratch course is emptied all the same (else every later proof in it is refused)
    st.faults.add("POST", IMPORT, "php_fatal", form="action=restore_backup")
    result = run_robot(["backup", "--course", "DEMO101", "--prove-restore", "SCRATCH", "--json"], env)
    out["failed"] = {"result": result, "scratch": holdings(st, "SCRATCH"), "imported": st.count("POST", IMPORT)}
    st.faults.clear()
    backups = st.count("POST", BACKUP)
    result = run_robot(["backup", "--course", "DEMO101", "--prove-restore", "HIST2026"], env)
    out["refused"] = {"result": result, "backups": st.count("POST", BACKUP) - backups,
                      "hist": holdings(st, "HIST2026")}
    st.faults.clear()
    st.reset()
    return out


def test_the_proof_imports_checks_and_leaves_the_scratch_course_empty(runs):
    run = runs["proof"]
    doc = assert_one_attempt_each(run["result"])
    proof = doc["restore_proof"]
    assert proof["scratch"] == "SCRATCH" and proof["proven"] is True and proof["scratch_emptied"] is True
    assert proof["files"]["added"] == len(run["demo"]["files"]) and proof["files"]["missing"] == 0
    assert proof["items"]["tests"] == {"zip": 1, "before": 0, "after": 1}
    assert proof["items"]["forum threads"] == {"zip": 1, "before": 0, "after": 1}
    assert proof["items"]["links"]["after"] == 2
    assert run["scratch"] == EMPTY
    assert run["imports"] == 1
    lines = run["result"].json()
    assert doc["warnings"][0]["kind"] == "forum_replies" and doc["warnings"][0]["count"] == 1
    assert run["demo"]["quizzes"] == 1  # the course backed up is untouched
    assert lines["document_files"] == len(run["demo"]["files"])


def test_the_summary_says_restore_proven(runs, practice_server, tmp_path):
    # the human summary of the same run is built from the same fields (printed without --json)
    from robot.commands.run.backup import proof_lines
    line = proof_lines(runs["proof"]["result"].json()["restore_proof"])[0]
    assert "restore  proven" in line and "SCRATCH emptied again" in line


def test_a_scratch_course_that_is_not_empty_is_refused_before_the_backup(runs):
    run = runs["refused"]
    assert run["result"].code == 2, run["result"]
    assert "HIST2026 is not empty" in run["result"].stderr
    assert run["backups"] == 0  # refused before "Create a backup"


def test_a_proof_whose_import_fails_still_empties_the_scratch_course(runs):
    run = runs["failed"]
    assert run["result"].code == 4, run["result"]
    assert run["imported"] == 2  # the proof's import did reach the site
    assert run["scratch"] == EMPTY  # … and the scratch course was emptied again all the same
    error = run["result"].json()["error"]
    assert error["kind"] == "php_fatal" and error["step"] == "proof_submit_import"
    assert "clean-up after it, down to “Check that the scratch course is empty again”" in error["hint"], error
