"""robot announce: Announcements → Add, to everyone; Preview makes the send button appear; the
message is typed in the real CKEditor 4; e-mail by default, not with --no-email."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.announce import parse_long_date
from flows.knowledge import for_version
from tests.robot_run import assert_one_attempt_each, run_robot

from .conftest import snapshot


@pytest.fixture(scope="module")
def posted(practice_server, env):
    practice_server.state.reset()
    before = snapshot(practice_server.state)
    en = run_robot(["announce", "--course", "DEMO101", "--title", "End of the course",
                    "--message", "Please save your work before 15 December.\nThank you.", "--json"], env)
    fr = run_robot(["announce", "--course", "HIST2026", "--title", "Fin du cours", "--message", "Sauvegardez vos travaux.",
                    "--no-email", "--lang", "fr", "--json"], env)
    st = practice_server.state
    rows = {code: st.announcements(code)[-1] for code in ("DEMO101", "HIST2026")}
    return before, en, fr, snapshot(st), rows


def test_announcement_is_added_to_everyone_by_email(posted):
    before, en, _fr, after, rows = posted
    assert_one_attempt_each(en)
    assert after["DEMO101"]["announcements"] == before["DEMO101"]["announcements"] + [("End of the course", 1)]
    content = rows["DEMO101"]["content"]
    assert "Please save your work before 15 December." in content and "Thank you." in content
    doc = en.json()
    assert doc["email"] is True
    assert "Sam Student" in doc["recipients"] and "Terry Teacher" in doc["recipients"]  # everyone
    when = parse_long_date(for_version(), doc["date"])  # as the list shows it: "November 28, 2026 at 08:11 PM"
    assert when is not None and abs(when - dt.datetime.now()) < dt.timedelta(minutes=5)


def test_no_email_and_french(posted):
    before, _en, fr, after, rows = posted
    assert_one_attempt_each(fr)
    assert after["HIST2026"]["announcements"] == before["HIST2026"]["announcements"] + [("Fin du cours", 0)]
    assert "Sauvegardez vos travaux." in rows["HIST2026"]["content"]
    doc = fr.json()
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
