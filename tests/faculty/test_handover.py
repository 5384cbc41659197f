"""robot handover (with and without --leave) and its refusals; grant names a user the site does not
have; rollover by the platform admin gives next year's course the old course's teachers. The session's
practice Chamilo, reset after each test; one robot run per test, refusals without a browser when the
command line can tell."""
from __future__ import annotations

import json
from pathlib import Path

from tests.robot_run import run_robot, steps_of

from .conftest import env_for

REGISTER, UNREGISTER = "/main/user/subscribe_user.php", "/main/user/user.php"


def teachers(st, code: str) -> list[str]:
    return sorted(u["username"] for u in st.course_teachers(code))


def test_the_admin_hands_a_course_over_and_leaves_it(practice_server, tmp_path):
    st = practice_server.state
    env = env_for(practice_server, tmp_path, "admin")
    assert teachers(st, "ADMIN1") == ["admin"]
    result = run_robot(["handover", "--course", "ADMIN1", "--to", "colleague", "--leave", "--yes", "--json"], env)
    assert result.code == 0, result
    doc = result.json()
    assert teachers(st, "ADMIN1") == ["colleague"]
    assert (doc["to"], doc["granted"], doc["left"], doc["teachers"]) == ("colleague", True, "admin", ["colleague"])
    steps = [s["name"] for s in doc["steps"]]
    assert steps.index("check_trainer_now") < steps.index("click_unsubscribe_self")  # leaving comes last
    assert all(s["attempts"] == 1 and not s["already_done"] for s in doc["steps"])


def test_a_teacher_hands_a_course_over_and_stays(practice_server, tmp_path):
    st = practice_server.state
    result = run_robot(["handover", "--course", "HIST2026", "--to", "colleague", "--yes", "--json"],
                       env_for(practice_server, tmp_path, "teacher"))
    assert result.code == 0, result
    assert teachers(st, "HIST2026") == ["colleague", "teacher"]
    doc = result.json()
    assert doc["granted"] is True and doc["left"] is None and "click_unsubscribe_self" not in steps_of(doc)


def test_a_teacher_cannot_leave_and_is_told_before_anything_changes(practice_server, tmp_path):
    st = practice_server.state
    result = run_robot(["handover", "--course", "DEMO101", "--to", "colleague", "--leave", "--yes"],
                       env_for(practice_server, tmp_path, "teacher"))
    assert result.code == 3, result
    assert "Chamilo does not let 'teacher' remove their own teacher rights in DEMO101" in result.stderr
    assert "robot revoke --course DEMO101 --user teacher` signed in as colleague" in result.stderr
    assert teachers(st, "DEMO101") == ["teacher"] and st.count("GET", REGISTER) == 0


def test_grant_to_nobody_says_there_is_no_such_user(practice_server, tmp_path):
    st = practice_server.state
    users = st.course_users("DEMO101")
    result = run_robot(["grant", "--course", "DEMO101", "--user", "nobody99", "--json"],
                       env_for(practice_server, tmp_path, "teacher"))
    assert result.code == 3, result
    doc = result.json()
    assert doc["error"]["step"] == "search_colleague"
    assert doc["error"]["message"].startswith("there is no user 'nobody99' on this site")
    assert st.course_users("DEMO101") == users
    # a username nobody has, but the first name of one platform teacher: Chamilo's search finds that
    # teacher and its page shows no username — the robot names who was enrolled and how to undo it
    by_name = run_robot(["grant", "--course", "DEMO101", "--user", "colin", "--yes", "--json"],
                        env_for(practice_server, tmp_path, "teacher"))
    assert by_name.code == 5, by_name
    error = by_name.json()["error"]
    assert error["step"] == "check_trainer_now" and "enrolled 'colleague'" in error["message"], error
    assert "robot revoke --course DEMO101 --user colleague" in error["hint"]


def test_refusals_the_command_line_can_tell(practice_server, tmp_path):
    env = env_for(practice_server, tmp_path, "teacher")
    to_self = run_robot(["handover", "--course", "DEMO101", "--to", "teacher", "--leave", "--yes"], env)
    assert to_self.code == 2 and "leaving would leave it with no teacher" in to_self.stderr, to_self
    dry = run_robot(["handover", "--course", "DEMO101", "--to", "colleague", "--leave", "--dry-run", "--json"], env)
    assert dry.code == 0, dry
    names = [s["name"] for s in dry.json()["steps"]]
    assert names[-4:] == ["click_register", "check_trainer_now", "click_unsubscribe_self", "check_left"]
    create = run_robot(["create-course", "--title", "Demo 2027", "--code", "DEMO2027", "--teachers-from", "DEMO101",
                        "--dry-run", "--json"], env)
    assert create.code == 0, create
    assert [s["name"] for s in create.json()["steps"]][-3:] == ["submit_create_course", "read_old_teachers",
                                                                "enrol_old_teachers"]
    assert practice_server.state.requests == []  # none of them opened a page


def test_rollover_by_the_admin_keeps_the_old_course_teachers(practice_server, tmp_path):
    """… and when the answer to “Register” is lost (the connection cut after Chamilo did it), the robot
    finds the teacher enrolled and does not enrol them again. Enroll teachers' search for "teacher"
    also finds Colin Teacherson (names match too; the page shows no usernames): the robot registers
    the row with the name the old course's Trainers tab shows for teacher, never the other one."""
    st = practice_server.state
    env = env_for(practice_server, tmp_path, "admin")
    with st.db() as con:
        con.execute("UPDATE user SET lastname = 'Teacherson' WHERE username = 'colleague'")
    st.faults.add("GET", REGISTER, "act_then_cut", query="register=yes")
    result = run_robot(["rollover", "--course", "DEMO101", "--year", "2027", "--yes", "--json"], env)
    assert result.code == 0, result
    doc = result.json()
    assert teachers(st, "DEMO1012027") == ["admin", "teacher"]  # the admin created it; the old teacher is back
    enrol = steps_of(doc)["enrol_old_teachers"]
    assert (enrol["attempts"], enrol["already_done"]) == (2, True), enrol
    registers = [status for method, path, status in st.requests if path == REGISTER and status != 200]
    assert registers == [0]  # one Register (its answer cut), never a second (it would answer 302)
    assert doc["teachers"]["old"] == ["teacher"] and doc["teachers"]["added"] == ["teacher"]
    assert sorted(doc["teachers"]["now"]) == ["admin", "teacher"]
    assert st.course_files("DEMO1012027") == st.course_files("DEMO101")
    journal = json.loads(Path(doc["journal"]).read_text())
    assert journal["stages"]["teachers"]["status"] == "done" and journal["stages"]["teachers"]["added"] == ["teacher"]
