"""robot delete: Maintenance → Completely delete this course, with a backup given."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot


@pytest.fixture(scope="module")
def delete_run(practice_server, env, backups):
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    result = run_robot(["delete", "--course", "DEMO101", "--backup", str(backups["DEMO101"]), "--yes", "--json"], env)
    st = practice_server.state
    gone = {"codes": st.course_codes(), "course_dir": st.courses_dir / "DEMO101",
            "moved": sorted(p.name for p in st.archive_dir.iterdir() if p.name.startswith("DEMO101_")),
            "student_courses": [c["code"] for c in st.user_courses(st.user_by_username("student")["id"])]}
    return before, result, snapshot(st), gone


def test_the_course_is_gone(delete_run):
    before, result, after, gone = delete_run
    assert_one_attempt_each(result)
    assert before["DEMO101"] is not None and after["DEMO101"] is None
    assert "DEMO101" not in gone["codes"]
    assert not gone["course_dir"].exists() and gone["moved"]  # moved aside, as CourseManager::delete_course does
    assert gone["student_courses"] == ["HIST2026"]  # its members are unsubscribed, not removed
    assert after["HIST2026"] == before["HIST2026"]


def test_the_result_page_and_the_check(delete_run):
    _before, result, _after, _gone = delete_run
    doc = result.json()
    assert doc["message"] == "DEMO101 has been deleted"
    assert [s["name"] for s in doc["steps"]][-3:] == ["type_code_capitals", "click_yes_delete", "check_course_gone"]
    assert doc["backup"]["made_in_this_run"] is False
