"""Issue 11, acts-then-fails (see test_acts_then_fails.py): the new year's commands — create-course,
copy, rollover. The server creates / copies, then the answer is lost; exactly one course, every
file copied once, and the run finishes with the step reported ``already_done``."""
from __future__ import annotations

import pytest

from tests.copy.conftest import renamed, seeded_files
from tests.robot_run import run_robot

from .acts import HELD, finished_already_done, quick_env

COPY = "/main/coursecopy/copy_course.php"
ADD_COURSE = "/main/create_course/add_course.php"


@pytest.fixture
def env(practice_server, tmp_path) -> dict[str, str]:
    return quick_env(practice_server, tmp_path)


def test_create_course_answer_held_past_the_timeout(practice_server, env):
    st = practice_server.state
    before = st.course_codes()
    st.faults.add("POST", ADD_COURSE, "act_then_timeout", seconds=HELD)
    result = run_robot(["create-course", "--title", "Physique 2027", "--code", "PHYS2027", "--yes", "--json"], env)
    doc = finished_already_done(result, "submit_create_course")
    assert sorted(st.course_codes()) == sorted(before + ["PHYS2027"])  # one course, once
    assert st.count("POST", ADD_COURSE) == 1
    assert [u["username"] for u in st.course_teachers("PHYS2027")] == ["teacher"]
    assert doc["code"] == "PHYS2027"


def test_copy_connection_cut_after_the_copy(practice_server, env):
    st = practice_server.state
    source = seeded_files("DEMO101")
    target_before = seeded_files("HIST2026")
    links, announcements = len(st.links("HIST2026")), len(st.announcements("HIST2026"))
    # times=2: Chromium's own resend of the POST is cut too (docs/RELIABILITY.md)
    st.faults.add("POST", COPY, "act_then_cut", form="copy_option=full_copy", times=2)
    result = run_robot(["copy", "--from", "DEMO101", "--to", "HIST2026", "--on-conflict", "rename", "--yes",
                        "--json"], env)
    doc = finished_already_done(result, "submit_copy")
    expected = dict(target_before)
    for path, data in source.items():
        expected[renamed(path) if path in target_before else path] = data
    assert st.course_files("HIST2026") == expected  # every file once: no _2, no second _1
    assert len(st.links("HIST2026")) == links + 2 and len(st.announcements("HIST2026")) == announcements + 2
    assert doc["verified"] is True and doc["summary"]["added"] == 4 and doc["summary"]["renamed"] == 2


def test_rollover_proxy_error_after_the_copy(practice_server, env):
    st = practice_server.state
    before = st.course_codes()
    st.faults.add("POST", COPY, "act_then_status", code=502, form="copy_option=full_copy")
    result = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--yes", "--json"], env)
    finished_already_done(result, "submit_copy")
    new = "DEMO1012027"
    assert sorted(st.course_codes()) == sorted(before + [new])  # one new course
    assert st.course_files(new) == seeded_files("DEMO101")  # copied once: no _1 duplicates
    assert len(st.links(new)) == 2 and len(st.announcements(new)) == 2
    assert st.count("POST", ADD_COURSE) == 1 and st.count("POST", COPY) == 1
