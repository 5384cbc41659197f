"""Issue 11: on every site-changing command, the practice Chamilo does the work and then loses the
answer (a 5xx from a proxy, an answer held past the robot's timeout, a connection closed without a
byte). The robot must check before redoing: exactly one effect on the server, and the run finishes
(the step reported ``already_done``) or stops saying what to look at.

This file: the course-administration commands (announce, grant / revoke, unsubscribe-students and
--restore, empty, delete, archive); test_acts_then_fails_new_year.py: create-course, copy, rollover.
One robot run per test (two where a command undoes the other's change); the server's end state is
read from the practice Chamilo's data. docs/RELIABILITY.md lists each test (fault → outcome → test).
"""
from __future__ import annotations

import csv

import pytest

from tests.course_admin.conftest import make_backup
from tests.robot_run import run_robot, steps_of

from .acts import HELD, finished_already_done, quick_env

RECYCLE = "/main/coursecopy/recycle_course.php"
DELETE = "/main/course_info/delete_course.php"
INFOCOURS = "/main/course_info/infocours.php"
INTRO = "/main/course_home/course_home.php"
ANNOUNCE = "/main/announcements/announcements.php"
LIST_AJAX = "/main/inc/ajax/model.ajax.php"
USERS = "/main/user/user.php"
SUBSCRIBE = "/main/user/subscribe_user.php"


@pytest.fixture
def env(practice_server, tmp_path) -> dict[str, str]:
    return quick_env(practice_server, tmp_path)


def students(st, code: str) -> list[str]:
    return sorted(u["username"] for u in st.course_users(code) if u["status"] == 5)


def memberships(st, code: str, username: str) -> list[int]:
    """The course statuses of ``username`` in ``code`` (one row at most when nothing is doubled)."""
    return [u["status"] for u in st.course_users(code) if u["username"] == username]


def test_announce_proxy_error_after_publishing(practice_server, env):
    """The course's first announcement (its list was empty: no grid, no list request, §18), whose
    answer is lost: the check finds it on the list, not posted twice. Then the learners list fails:
    the announcement is out, so the run still ends well, saying who to look at — a failed run would
    be run again, and the students would get it twice."""
    st = practice_server.state
    with st.db() as con:
        con.execute("DELETE FROM announcement WHERE c_id = ?", (st.course("DEMO101")["id"],))
    before = [a["title"] for a in st.announcements("DEMO101")]
    assert before == []
    st.faults.add("POST", ANNOUNCE, "act_then_status", code=502, query="action=add")
    st.faults.add("GET", USERS, "status", code=500, times=100, query="type=5")
    result = run_robot(["announce", "--course", "DEMO101", "--title", "End of year", "--message", "Save your work.",
                        "--no-email", "--yes", "--json"], env)
    doc = finished_already_done(result, "click_publish")
    assert [a["title"] for a in st.announcements("DEMO101")] == before + ["End of year"]  # exactly one
    assert doc["learners"] is None and "could not be read" in doc["warnings"][0], doc
    assert "do not post it again" in result.stdout and "HTTP 500" in doc["warnings"][0], result


def test_announce_whose_check_cannot_be_made_stops_naming_where_to_look(practice_server, env):
    """The answer is lost, then the list the check reads keeps failing — the page once, then the
    list's AJAX request (its error page is no JSON): the robot cannot tell, so it does not publish
    again and says where to look."""
    st = practice_server.state
    before = [a["title"] for a in st.announcements("DEMO101")]

    def list_breaks_from_now() -> None:
        st.faults.add("GET", ANNOUNCE, "status", code=500, times=1)
        st.faults.add("GET", LIST_AJAX, "status", code=500, times=100, query="a=get_course_announcements")

    st.faults.add("POST", ANNOUNCE, "call", fn=list_breaks_from_now, query="action=add")
    st.faults.add("POST", ANNOUNCE, "act_then_status", code=502, query="action=add")
    result = run_robot(["announce", "--course", "DEMO101", "--title", "End of year", "--message", "Save your work.",
                        "--no-email", "--yes", "--json"], env)
    assert result.code == 4, result
    assert [a["title"] for a in st.announcements("DEMO101")] == before + ["End of year"]  # not published twice
    assert st.count("POST", ANNOUNCE) == 1
    assert st.count("GET", LIST_AJAX) >= 1  # the check reached the list's request, and was told it failed
    doc = result.json()
    assert doc["error"]["step"] == "click_publish" and doc["error"]["kind"] == "http", doc["error"]
    assert "Announcements list of DEMO101" in (doc["error"]["hint"] or ""), doc["error"]
    assert "Announcements list of DEMO101" in result.stderr


def test_grant_cut_then_revoke_proxy_error(practice_server, env):
    st = practice_server.state
    st.faults.add("GET", SUBSCRIBE, "act_then_cut", query="register=yes", times=2)
    grant = run_robot(["grant", "--course", "HIST2026", "--user", "colleague", "--json"], env)
    finished_already_done(grant, "click_register")
    assert memberships(st, "HIST2026", "colleague") == [1]  # a teacher, exactly once
    st.faults.clear()
    st.faults.add("GET", USERS, "act_then_status", code=500, query="unregister=yes")
    revoke = run_robot(["revoke", "--course", "HIST2026", "--user", "colleague", "--json"], env)
    finished_already_done(revoke, "click_unsubscribe_trainer")
    assert memberships(st, "HIST2026", "colleague") == []
    assert [u["username"] for u in st.course_teachers("HIST2026")] == ["teacher"]


def test_unsubscribe_held_then_restore_cut(practice_server, env, tmp_path):
    st = practice_server.state
    learners = students(st, "HIST2026")
    assert len(learners) == 25
    backup = make_backup(practice_server, "HIST2026", tmp_path / "given")
    roster = tmp_path / "roster.csv"
    st.faults.add("POST", USERS, "act_then_timeout", seconds=HELD, form="action=unsubscribe")
    gone = run_robot(["unsubscribe-students", "--course", "HIST2026", "--backup", str(backup), "--roster", str(roster),
                      "--no-notice", "--yes", "--json"], env)
    finished_already_done(gone, "click_unsubscribe")
    assert students(st, "HIST2026") == []
    assert [u["username"] for u in st.course_teachers("HIST2026")] == ["teacher"]
    with open(roster, newline="", encoding="utf-8") as fh:
        assert sorted(row["username"] for row in csv.DictReader(fh)) == learners  # the roster is complete

    st.faults.clear()
    st.faults.add("POST", SUBSCRIBE, "act_then_cut", form="action=subscribe", times=2)
    back = run_robot(["unsubscribe-students", "--course", "HIST2026", "--restore", str(roster), "--json"], env)
    doc = finished_already_done(back, "click_register_selected")
    assert students(st, "HIST2026") == learners  # every learner back, once each
    assert all(memberships(st, "HIST2026", login) == [5] for login in learners)
    assert doc["not_restored"] == {}


def test_empty_answer_held_past_the_timeout(practice_server, env, tmp_path):
    st = practice_server.state
    users = st.course_users("HIST2026")
    assert st.course_files("HIST2026") and st.links("HIST2026")
    backup = make_backup(practice_server, "HIST2026", tmp_path / "given")
    st.faults.add("POST", RECYCLE, "act_then_timeout", seconds=HELD, form="recycle_option=full_backup")
    result = run_robot(["empty", "--course", "HIST2026", "--backup", str(backup), "--yes", "--json"], env)
    finished_already_done(result, "click_empty_now")
    assert st.course_files("HIST2026") == {} and st.links("HIST2026") == [] and st.announcements("HIST2026") == []
    assert st.course("HIST2026") is not None and st.course_users("HIST2026") == users
    assert st.count("POST", RECYCLE) == 1


def test_empty_items_proxy_error(practice_server, env, tmp_path):
    st = practice_server.state
    files = st.course_files("DEMO101")
    backup = make_backup(practice_server, "DEMO101", tmp_path / "given")
    st.faults.add("POST", RECYCLE, "act_then_status", code=504, form="action=course_select_form")
    result = run_robot(["empty", "--course", "DEMO101", "--items", "links", "--backup", str(backup), "--yes",
                        "--json"], env)
    finished_already_done(result, "click_validate_delete")
    assert st.links("DEMO101") == [] and st.course_files("DEMO101") == files  # only the links went


def test_delete_connection_cut_after_the_deletion(practice_server, env, tmp_path):
    st = practice_server.state
    backup = make_backup(practice_server, "DEMO101", tmp_path / "given")
    st.faults.add("GET", DELETE, "act_then_cut", query="&yes", times=2)
    result = run_robot(["delete", "--course", "DEMO101", "--backup", str(backup), "--yes", "--json"], env)
    finished_already_done(result, "click_yes_delete")
    assert st.course("DEMO101") is None and "DEMO101" not in st.course_codes()
    assert st.course("HIST2026") is not None
    assert steps_of(result.json())["check_course_gone"]["status"] == "ok"


def test_archive_settings_proxy_error_and_intro_held(practice_server, env):
    st = practice_server.state
    title = st.course("DEMO101")["title"]
    st.faults.add("POST", INFOCOURS, "act_then_status", code=502, form="submit_save")
    st.faults.add("POST", INTRO, "act_then_timeout", seconds=HELD, form="intro_cmdUpdate")
    result = run_robot(["archive", "--course", "DEMO101", "--label", "Archive 2025-2026", "--yes", "--json"], env)
    assert result.code == 0, result
    steps = steps_of(result.json())
    assert steps["save_settings"]["already_done"] and steps["save_settings"]["attempts"] == 2, result
    assert steps["save_intro"]["already_done"] and steps["save_intro"]["attempts"] == 2, result
    course = st.course("DEMO101")
    assert course["title"] == f"{title} (Archive 2025-2026)"  # labelled once
    assert course["intro"].count("Archive 2025-2026") == 1
    assert (course["visibility"], course["subscribe"], course["unsubscribe"]) == (1, 0, 0)
    assert st.count("POST", INFOCOURS) == 1
