"""`robot copy` refusals: a target the user does not teach (or that does not exist), bad usage,
--dry-run. Nothing is copied and no copy form is ever posted."""
from __future__ import annotations

import pytest

from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import COPY


@pytest.mark.parametrize("target", ["ADMIN1", "NOPE2027"])
def test_target_not_taught_fails_before_anything_is_copied(practice_server, copy_env, target):
    st = practice_server.state
    before = st.course_files("ADMIN1"), st.links("ADMIN1"), st.announcements("ADMIN1")
    result = run_robot(["copy", "--from", "DEMO101", "--to", target, "--on-conflict", "rename", "--yes"], copy_env)
    assert result.code == 3, result
    assert f"{target} is not a course that 'teacher' teaches" in result.stderr
    assert "nothing was copied" in result.stderr
    assert (st.course_files("ADMIN1"), st.links("ADMIN1"), st.announcements("ADMIN1")) == before
    assert st.count("POST", COPY) == 0 and st.count("GET", COPY) == 0


def test_usage_errors_exit_2_without_a_request(practice_server, copy_env):
    st = practice_server.state
    same = run_robot(["copy", "--from", "DEMO101", "--to", "demo101", "--on-conflict", "skip", "--yes"], copy_env)
    items = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "skip", "--items", "potatoes",
                       "--yes"], copy_env)
    policy = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "merge"], copy_env)
    assert (same.code, items.code, policy.code) == (2, 2, 2), (same, items, policy)
    assert "same course" in same.stderr and "potatoes" in items.stderr
    assert st.requests == []


def test_dry_run_lists_the_clicks_and_changes_nothing(practice_server, copy_env):
    result = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "skip", "--dry-run",
                        "--json"], copy_env)
    assert result.code == 0, result
    doc = result.json()
    names = [s["name"] for s in doc["steps"]]
    assert names.index("read_target_before") < names.index("check_target_listed") < names.index("submit_copy")
    assert [s["name"] for s in doc["steps"] if s["changes_site"]] == ["submit_copy"]
    assert 'value="1"' in next(s["target"] for s in doc["steps"] if s["name"] == "choose_skip")
    assert practice_server.state.requests == []


def test_items_copies_only_the_chosen_types_and_accepts_the_tests_alert(practice_server, copy_env):
    """--items documents,tests: the CourseSelectForm path; ticking Tests' "Orphan questions" makes the
    Validate button raise Chamilo's "Documents will be added too" alert, which the robot accepts."""
    st = practice_server.state
    result = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "rename",
                        "--items", "documents,tests", "--yes", "--json"], copy_env)
    doc = assert_one_attempt_each(result)
    assert doc["summary"]["renamed"] == 2 and doc["summary"]["added"] == 4
    assert "notes_1.txt" in st.course_files("HIST2026")
    assert len(st.links("HIST2026")) == 1 and len(st.announcements("HIST2026")) == 1  # not chosen: not copied
    assert doc["counts"]["links"] == {"source": 0, "before": 1, "after": 1}
    assert st.count("POST", COPY) == 2  # the options, then the ticked items
    steps = {s["name"] for s in doc["steps"]}
    assert {"submit_copy_options", "tick_items", "confirm_copy_selection"} <= steps
