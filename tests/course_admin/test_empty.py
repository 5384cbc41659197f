"""robot empty: everything (the course code typed) or chosen items, after a backup — made in the
same run (--backup-first) or given (--backup FILE).  Real Chromium on the practice Chamilo."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.archive import verify_backup
from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot, students, teachers

RECYCLE = "/main/coursecopy/recycle_course.php"


@pytest.fixture(scope="module")
def full_run(practice_server, env):
    """HIST2026 (a French course) emptied completely, backed up first in the same run."""
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    result = run_robot(["empty", "--course", "HIST2026", "--backup-first", "--yes", "--json"], env)
    after = snapshot(practice_server.state)
    backup = result.json()["backup"]["path"] if result.code == 0 else None
    posts = practice_server.state.count("POST", RECYCLE)
    again = run_robot(["empty", "--course", "HIST2026", "--backup", backup, "--yes", "--json"], env) if backup else None
    return before, result, after, (again, practice_server.state.count("POST", RECYCLE) - posts)


@pytest.fixture(scope="module")
def items_run(practice_server, env, backups):
    """DEMO101: only its links, with a backup given."""
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    result = run_robot(["empty", "--course", "DEMO101", "--items", "links", "--backup", str(backups["DEMO101"]),
                        "--yes", "--json"], env)
    return before, result, snapshot(practice_server.state)


def test_full_empty_removes_the_content_and_keeps_course_and_people(full_run):
    before, result, after, _again = full_run
    assert_one_attempt_each(result)
    hist, was = after["HIST2026"], before["HIST2026"]
    assert was["files"] and was["documents"] and was["links"] and was["announcements"]
    assert hist["files"] == {} and hist["documents"] == [] and hist["links"] == []
    assert hist["announcements"] == [] and hist["descriptions"] == []
    assert hist["course"]["title"] == was["course"]["title"]  # the course and its settings stay
    assert hist["users"] == was["users"]  # and its people
    assert after["DEMO101"] == before["DEMO101"]  # other courses untouched


def test_full_empty_made_and_verified_a_backup_first(full_run, env):
    before, result, _after, _again = full_run
    doc = result.json()
    assert doc["message"] == "Votre cours a été vidé"  # the course's language
    zip_path = Path(doc["backup"]["path"])
    assert doc["backup"]["made_in_this_run"] is True
    assert zip_path.parent == Path(env["ROBOT_OUT"]) and zip_path.name.startswith("HIST2026_")
    report = verify_backup(zip_path, expected_course="HIST2026")
    assert set(report.documents) == {"document/" + p for p in before["HIST2026"]["files"]}
    names = [s["name"] for s in doc["steps"]]
    assert names.index("verify_backup") < names.index("check_backup") < names.index("click_empty_now")


def test_emptying_an_empty_course_is_done_already(full_run):
    _before, _result, _after, again = full_run
    again, recycle_posts = again
    assert again is not None
    doc = assert_one_attempt_each(again)
    assert doc["already_empty"] is True
    assert recycle_posts == 0  # nothing was submitted


def test_items_empty_removes_only_those_items(items_run):
    before, result, after = items_run
    assert_one_attempt_each(result)
    demo, was = after["DEMO101"], before["DEMO101"]
    assert was["links"] and demo["links"] == []
    assert demo["files"] == was["files"] and demo["documents"] == was["documents"]
    assert demo["announcements"] == was["announcements"]
    assert students(after, "DEMO101") == students(before, "DEMO101")
    assert teachers(after, "DEMO101") == teachers(before, "DEMO101")
    doc = result.json()
    assert doc["message"] == "Recycle is finished" and doc["items"] == ["links"]
    assert doc["backup"]["made_in_this_run"] is False


def test_a_wrong_official_code_deletes_nothing(practice_server, env, backups):
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    result = run_robot(["empty", "--course", "DEMO101", "--official-code", "WRONG", "--backup",
                        str(backups["DEMO101"]), "--yes"], env)
    assert result.code == 3, result
    assert "refused the course code" in result.stderr and "nothing was deleted" in result.stderr
    assert snapshot(practice_server.state) == before
