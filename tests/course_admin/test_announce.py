"""robot announce: Announcements → Add, to everyone; Preview makes the send button appear; the
message is typed in the real CKEditor 4; e-mail by default, not with --no-email. The French run posts
the first announcement of a course that has no learner yet: its list shows no grid and sends no list
request (UI-REFERENCE §18, 1.11.32 and 1.11.16 alike), and the run warns that nobody but the
teachers got it."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.announce import parse_long_date
from flows.knowledge import for_version
from practice_server import course_admin as practice_ops
from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot


@pytest.fixture(scope="module")
def posted(practice_server, env):
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    en = run_robot(["announce", "--course", "DEMO101", "--title", "End of the course",
                    "--message", "Please save your work before 15 December.\nThank you.", "--json"], env)
    st = practice_server.state
    # HIST2026 as a new course: no announcement yet, no learner enrolled
    hist = st.course("HIST2026")
    with st.db() as con:
        con.execute("DELETE FROM announcement WHERE c_id = ?", (hist["id"],))
    practice_ops.unsubscribe(st, "HIST2026", [u["id"] for u in st.course_users("HIST2026") if u["status"] == 5])
    emptied, seen = snapshot(st), len(st.requests)
    fr = run_robot(["announce", "--course", "HIST2026", "--title", "Fin du cours", "--message", "Sauvegardez vos travaux.",
                    "--no-email", "--lang", "fr", "--json"], env)
    fr_requests = [(m, p) for m, p, _ in st.requests[seen:]]
    rows = {code: st.announcements(code)[-1] for code in ("DEMO101", "HIST2026")}
    return before, en, fr, snapshot(st), rows, emptied, fr_requests


def test_announcement_is_added_to_everyone_by_email(posted):
    before, en, _fr, after, rows, _emptied, _ = posted
    assert_one_attempt_each(en)
    assert after["DEMO101"]["announcements"] == before["DEMO101"]["announcements"] + [("End of the course", 1)]
    content = rows["DEMO101"]["content"]
    assert "Please save your work before 15 December." in content and "Thank you." in content
    doc = en.json()
    assert doc["email"] is True
    assert "Sam Student" in doc["recipients"] and "Terry Teacher" in doc["recipients"]  # everyone
    assert doc["learners"] == 1 and doc["warnings"] == []
    when = parse_long_date(for_version(), doc["date"])  # as the list shows it: "November 28, 2026 at 08:11 PM"
    assert when is not None and abs(when - dt.datetime.now()) < dt.timedelta(minutes=5)


def test_first_announcement_of_a_course_without_learners_no_email_and_french(posted):
    _before, _en, fr, after, rows, emptied, requests = posted
    assert_one_attempt_each(fr)  # the empty list was read at once: no wait for a list request
    assert emptied["HIST2026"]["announcements"] == [] and after["HIST2026"]["announcements"] == [("Fin du cours", 0)]
    lists = [i for i, r in enumerate(requests) if r == ("GET", "/main/inc/ajax/model.ajax.php")]
    publish = requests.index(("POST", "/main/announcements/announcements.php"))
    assert lists and min(lists) > publish, requests  # no list request until there is something to list
    doc = fr.json()
    assert doc["learners"] == 0 and "no learner" in doc["warnings"][0] and "nobody but its trainers" in doc["warnings"][0]
    assert "Sauvegardez vos travaux." in rows["HIST2026"]["content"]
    assert doc["email"] is False
    assert " à " in doc["date"]  # "Samedi 28 Novembre 2026 à 20:11"
    assert [s["name"] for s in doc["steps"]].count("untick_email") == 1


@pytest.mark.parametrize("text, expected", [
    ("November 28, 2026 at 08:11 PM", dt.datetime(2026, 11, 28, 20, 11)),
    ("January 3, 2026 at 12:05 AM", dt.datetime(2026, 1, 3, 0, 5)),
    ("Samedi 28 Novembre 2026 à 20:11", dt.datetime(2026, 11, 28, 20, 11)),
    ("Mardi 1 Septembre 2026 à 09:15", dt.datetime(2026, 9, 1, 9, 15)),
    ("Lundi 3 Août 2026 à 07:00", dt.datetime(2026, 8, 3, 7, 0)),
    ("not a date", None),
])
def test_long_dates(text, expected):
    assert parse_long_date(for_version(), text) == expected
