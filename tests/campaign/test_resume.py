"""A campaign killed with SIGKILL right after two site-changing steps reached the site (an
announcement posted, a copy made: their answers held by the server), then run again with --resume:
it finishes, neither change is made twice, and the report covers every course once."""
from __future__ import annotations

import json
import sqlite3
import time

from .conftest import robot, start_robot

ANNOUNCE = "/main/announcements/announcements.php"
COPY = "/main/coursecopy/copy_course.php"
PLAN = """code,do,year,title,message,no-email,user
FAC001,backup+announce,,End of the course,Save your work,yes,
FAC002,rollover,2027,,,,
FAC003,backup,,,,,
FAC004,grant,,,,,colleague
"""


def wait_for(condition, seconds: float, proc) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert proc.poll() is None, f"the campaign ended (exit {proc.returncode}) before the kill"
        assert time.monotonic() < deadline, "the campaign never reached the point of the kill"
        time.sleep(0.2)


def rows(journal, sql, *args):
    con = sqlite3.connect(journal)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def test_killed_after_acting_then_resumed(site, env, tmp_path):
    st = site.state
    plan = tmp_path / "plan.csv"
    plan.write_text(PLAN)
    journal = tmp_path / "plan.journal.sqlite"
    seeded = [a["title"] for a in st.announcements("FAC001")]
    # both site-changing requests are done by the server, then their answers held (the robot waits)
    st.faults.add("POST", ANNOUNCE, "act_then_timeout", seconds=300, query="cidReq=FAC001&")
    st.faults.add("POST", COPY, "act_then_timeout", seconds=300, query="cidReq=FAC002&", form="copy_option=full_copy")
    slow = {**env, "ROBOT_STEP_TIMEOUT": "240"}  # keep waiting on the held answers until the kill
    proc = start_robot(["campaign", str(plan), "--yes", "--offline-check", "--workers", "2"], slow, tmp_path,
                       tmp_path / "first.log")
    try:
        wait_for(lambda: st.count("POST", ANNOUNCE) == 1 and st.count("POST", COPY) == 1, 240, proc)
        proc.kill()  # SIGKILL: no clean-up at all
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    st.faults.clear()  # the held answers go (to nobody)
    assert [a["title"] for a in st.announcements("FAC001")].count("End of the course") == 1
    assert st.course_files("FAC0022027") == st.course_files("FAC002")
    # the journal knew both steps were acting when it died
    acting = rows(journal, "SELECT course, name FROM step WHERE status = 'acting' AND acted = 1 ORDER BY course")
    assert acting == [("FAC001", "click_publish"), ("FAC002", "submit_copy")], acting

    done = robot(["campaign", str(plan), "--yes", "--resume", "--offline-check", "--workers", "2"], env, tmp_path)
    assert done.code == 0, done
    # nothing done twice: one announcement, one copy (no name_1 files), one backup of FAC001
    assert [a["title"] for a in st.announcements("FAC001")] == seeded + ["End of the course"]
    assert st.course_files("FAC0022027") == st.course_files("FAC002")
    assert not [p for p in st.course_files("FAC0022027") if "_1." in p]
    assert st.count("POST", ANNOUNCE) == 1 and st.count("POST", COPY) == 1
    assert len(list((tmp_path / "backups").glob("FAC001_*.zip"))) == 1
    assert {u["username"] for u in st.course_users("FAC004") if u["status"] == 1} >= {"colleague"}
    assert len(list((tmp_path / "backups").glob("FAC003_*.zip"))) == 1
    # the resumed runs checked the site instead of acting again
    again = rows(journal, "SELECT course, name, acted, already_done FROM step WHERE run = 2 "
                          "AND name IN ('click_publish', 'submit_copy') ORDER BY course")
    assert ("FAC001", "click_publish", 0, 1) in again and all(acted == 0 for _, _, acted, _ in again), again
    assert rows(journal, "SELECT runs FROM command WHERE course = 'FAC001' AND name = 'backup'") == [(1,)]
    report = json.loads((tmp_path / "plan-report.json").read_text())
    assert sorted(c["code"] for c in report["courses"]) == ["FAC001", "FAC002", "FAC003", "FAC004"]
    assert {c["status"] for c in report["courses"]} == {"ok"}
