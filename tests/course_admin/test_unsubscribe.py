"""robot unsubscribe-students: refused without a recent announcement (here none at all: the list
shows no grid and sends no request, UI-REFERENCE §18); then every learner of HIST2026 (25: more than
one page of the list) goes, teachers stay, the roster is complete (e-mails included: the site shows
them, show_email_addresses on); --restore puts them back."""
from __future__ import annotations

import csv
import datetime as dt
import os
from pathlib import Path

import pytest

from practice_server import course_admin as practice_ops
from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot, students, teachers


@pytest.fixture(scope="module")
def runs(practice_server, env, backups, module_dir):
    st = practice_server.state
    st.reset()
    with st.db() as con:  # no announcement at all yet
        con.execute("DELETE FROM announcement WHERE c_id = ?", (st.course("HIST2026")["id"],))
    before = snapshot(st)
    refused = run_robot(["unsubscribe-students", "--course", "HIST2026", "--backup", str(backups["HIST2026"]),
                         "--yes"], env)
    after_refusal = snapshot(st)
    # the teacher warns the students (posted as announce would; robot announce has its own tests)
    teacher = st.user_by_username("teacher")
    practice_ops.add_announcement(st, "HIST2026", "Fin du cours", "<p>Sauvegardez vos travaux.</p>", teacher["id"],
                                  email=True, when=dt.datetime.now() - dt.timedelta(days=3))
    st.settings["show_email_addresses"] = "true"  # the user list's CSV export then has e-mails (§14.5)
    cwd = os.getcwd()
    os.chdir(module_dir)  # the default roster goes to ./rosters/
    try:
        done = run_robot(["unsubscribe-students", "--course", "HIST2026", "--backup", str(backups["HIST2026"]),
                          "--yes", "--json"], env)
    finally:
        os.chdir(cwd)
    after = snapshot(st)
    roster = Path(done.json()["roster"]) if done.code == 0 else None
    restored = run_robot(["unsubscribe-students", "--course", "HIST2026", "--restore", str(roster), "--json"], env) \
        if roster else None
    return dict(before=before, refused=refused, after_refusal=after_refusal, done=done, after=after, roster=roster,
                restored=restored, final=snapshot(st))


def test_refused_without_a_recent_announcement(runs):
    refused = runs["refused"]
    assert refused.code == 2, refused
    assert "no announcement was posted in HIST2026 in the last 14 days" in refused.stderr
    assert "the course has no announcement at all" in refused.stderr
    assert 'robot announce --course HIST2026 --title "End of the course"' in refused.stderr  # how to post one
    assert "--no-notice" in refused.stderr and "retrying" not in refused.stderr  # the empty list read at once
    assert runs["after_refusal"] == runs["before"]


def test_every_learner_goes_and_teachers_stay(runs):
    before, after, done = runs["before"], runs["after"], runs["done"]
    assert_one_attempt_each(done)
    assert len(students(before, "HIST2026")) == 25  # more than one page of 20
    assert students(after, "HIST2026") == []
    assert teachers(after, "HIST2026") == teachers(before, "HIST2026") == ["teacher"]
    assert after["DEMO101"] == before["DEMO101"]  # "student" is still in DEMO101
    doc = done.json()
    assert doc["unsubscribed"] == 25 and doc["notice"]["title"] == "Fin du cours"
    names = [s["name"] for s in doc["steps"]]
    assert names.index("check_recent_announcement") < names.index("check_backup") < names.index("save_roster") \
        < names.index("click_unsubscribe")


def test_roster_is_complete_and_private(runs, module_dir, practice_server):
    roster: Path = runs["roster"]
    assert roster.parent == module_dir / "rosters"
    assert roster.name.startswith("HIST2026_") and roster.suffix == ".csv"
    assert oct(roster.stat().st_mode & 0o777) == "0o600"
    with open(roster, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["username", "name", "email", "role", "user_id"]
    assert sorted(r["username"] for r in rows) == sorted(students(runs["before"], "HIST2026"))
    st = practice_server.state
    for r in rows:
        user = st.user_by_username(r["username"])
        assert r["email"] == user["email"] and r["role"] == "student" and r["user_id"] == str(user["id"])
        assert user["firstname"] in r["name"] and user["lastname"] in r["name"]


def test_restore_puts_them_back(runs):
    restored = runs["restored"]
    assert restored is not None
    assert_one_attempt_each(restored)
    assert sorted(students(runs["final"], "HIST2026")) == sorted(students(runs["before"], "HIST2026"))
    assert teachers(runs["final"], "HIST2026") == ["teacher"]
    assert restored.json()["not_restored"] == {}
