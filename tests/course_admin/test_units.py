"""Pieces of issue 4 without a browser: the roster files, the CSV export reading, the notice
window, the default archive label."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from flows.announce import Announcement, recent
from flows.unsubscribe import ROSTER_FIELDS, default_roster, emails_in_csv, read_roster, write_roster
from robot.commands.archive import default_label
from robot.errors import UsageError


def test_emails_are_matched_by_values_whatever_the_headings_and_separator():
    logins = {"etu01", "etu02"}
    semicolon = "Code Officiel;Nom;Prénom;Identifiant;Courriel\n;Arnaud;Étudiant01;etu01;etu01@x.test\n".encode()
    comma = b"id,firstname,lastname,email,username\n7,E,B,etu02@x.test,etu02\n"
    cp1252 = "Nom;Login;Mail\nHébert;etu01;etu01@x.test\n".encode("cp1252")
    assert emails_in_csv(semicolon, logins) == {"etu01": "etu01@x.test"}
    assert emails_in_csv(comma, logins) == {"etu02": "etu02@x.test"}
    assert emails_in_csv(cp1252, logins) == {"etu01": "etu01@x.test"}
    assert emails_in_csv(b"", logins) == {}


def test_roster_round_trip_and_checks(tmp_path):
    rows = [{"username": "etu01", "name": "Étudiant01 Arnaud", "email": "etu01@x.test", "role": "student",
             "user_id": "5"}]
    path = tmp_path / "rosters" / "HIST2026_20261128-101500.csv"
    write_roster(path, rows)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(ROSTER_FIELDS)
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert read_roster(path) == rows
    (tmp_path / "bad.csv").write_text("login,mail\netu01,x@y.z\n")
    with pytest.raises(UsageError):
        read_roster(tmp_path / "bad.csv")
    with pytest.raises(UsageError):
        read_roster(tmp_path / "missing.csv")


def test_default_roster_path():
    path = default_roster("HIST2026", dt.datetime(2026, 11, 28, 10, 15, 0))
    assert path == Path("rosters/HIST2026_20261128-101500.csv")


def test_notice_window():
    now = dt.datetime(2026, 11, 28, 12, 0)
    items = [Announcement("old", dt.datetime(2026, 9, 1, 9, 0), "x"), Announcement("recent", dt.datetime(2026, 11, 20), "y"),
             Announcement("undated", None, "")]
    assert [a.title for a in recent(items, 14, now)] == ["recent"]
    assert recent(items, 7, now) == []
    assert [a.title for a in recent(items, 100, now)] == ["old", "recent"]


def test_default_label():
    assert default_label(dt.date(2026, 11, 28)) == "Archive 2025-2026"
