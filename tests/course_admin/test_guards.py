"""The safety rules of issue 4, without a browser: destructive commands refuse (exit 2, nothing
changed) without a verified backup of that course, need --yes when not interactive, and --dry-run
changes nothing for every command."""
from __future__ import annotations

import zipfile

import pytest

from tests.robot_run import run_robot

from .conftest import snapshot

DESTRUCTIVE = [
    ["empty", "--course", "HIST2026"],
    ["empty", "--course", "DEMO101", "--items", "links"],
    ["delete", "--course", "DEMO101"],
    ["unsubscribe-students", "--course", "HIST2026", "--no-notice"],
]


def _unchanged(practice_server, before) -> None:
    assert snapshot(practice_server.state) == before
    assert practice_server.state.requests == []  # not even a page was opened


@pytest.mark.parametrize("args", DESTRUCTIVE, ids=lambda a: "-".join(a[:1] + a[3:]))
def test_refused_without_a_backup(args, practice_server, env):
    before = snapshot(practice_server.state)
    result = run_robot([*args, "--yes"], env)
    assert result.code == 2, result
    assert "without a verified backup" in result.stderr and "nothing was changed" in result.stderr
    _unchanged(practice_server, before)


def test_refused_with_another_course_backup(practice_server, env, backups):
    before = snapshot(practice_server.state)
    result = run_robot(["delete", "--course", "DEMO101", "--backup", str(backups["HIST2026"]), "--yes"], env)
    assert result.code == 2, result
    assert "not a verified backup of DEMO101" in result.stderr and "HIST2026" in result.stderr
    _unchanged(practice_server, before)


def test_refused_with_a_damaged_backup(practice_server, env, backups, tmp_path):
    broken = tmp_path / backups["DEMO101"].name
    data = bytearray(backups["DEMO101"].read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = bytes(64)  # inside a document's deflated data
    broken.write_bytes(bytes(data))
    before = snapshot(practice_server.state)
    result = run_robot(["empty", "--course", "DEMO101", "--backup", str(broken), "--yes"], env)
    assert result.code == 2, result
    assert "is not a verified backup" in result.stderr
    _unchanged(practice_server, before)


def test_refused_with_a_zip_that_is_no_backup(practice_server, env, tmp_path):
    fake = tmp_path / "notes.zip"
    with zipfile.ZipFile(fake, "w") as zf:
        zf.writestr("notes.txt", "hello")
    result = run_robot(["unsubscribe-students", "--course", "HIST2026", "--backup", str(fake), "--yes"], env)
    assert result.code == 2, result
    assert "course_info.dat" in result.stderr
    assert practice_server.state.requests == []


def test_missing_backup_file_and_both_guards(practice_server, env, backups, tmp_path):
    result = run_robot(["empty", "--course", "DEMO101", "--backup", str(tmp_path / "none.zip"), "--yes"], env)
    assert result.code == 2 and "no such file" in result.stderr, result
    result = run_robot(["empty", "--course", "DEMO101", "--backup", str(backups["DEMO101"]), "--backup-first",
                        "--yes"], env)
    assert result.code == 2 and "not both" in result.stderr, result
    assert practice_server.state.requests == []


@pytest.mark.parametrize("command", ["empty", "delete", "unsubscribe-students"])
def test_destructive_needs_yes_when_not_interactive(command, practice_server, env, backups):
    before = snapshot(practice_server.state)
    code = "HIST2026" if command == "unsubscribe-students" else "DEMO101"
    result = run_robot([command, "--course", code, "--backup", str(backups[code])], env)
    assert result.code == 2, result
    assert "refusing without --yes" in result.stderr
    _unchanged(practice_server, before)


DRY_RUNS = [
    ["empty", "--course", "HIST2026", "--backup-first"],
    ["empty", "--course", "DEMO101", "--items", "links,documents"],
    ["delete", "--course", "DEMO101", "--backup-first"],
    ["archive", "--course", "HIST2026", "--label", "Archive 2025-2026", "--visibility", "closed"],
    ["announce", "--course", "DEMO101", "--title", "Fin", "--message", "Merci", "--no-email"],
    ["unsubscribe-students", "--course", "HIST2026", "--backup-first"],
    ["unsubscribe-students", "--course", "HIST2026", "--restore", "{roster}"],
    ["grant", "--course", "HIST2026", "--user", "colleague"],
    ["revoke", "--course", "HIST2026", "--user", "colleague"],
]


@pytest.mark.parametrize("args", DRY_RUNS, ids=lambda a: a[0] + ("-restore" if "--restore" in a else ""))
def test_dry_run_changes_nothing(args, practice_server, env, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("username,name,email,role,user_id\netu01,Étudiant01 Arnaud,etu01@practice.test,student,5\n")
    args = [a.replace("{roster}", str(roster)) for a in args]
    before = snapshot(practice_server.state)
    result = run_robot([*args, "--dry-run", "--json"], env)
    assert result.code == 0, result
    doc = result.json()
    assert doc["dry_run"] is True and doc["steps"]
    assert any(s["changes_site"] for s in doc["steps"])
    if args[0] in ("empty", "delete", "unsubscribe-students") and "--restore" not in args:
        names = [s["name"] for s in doc["steps"]]
        assert "check_backup" in names
        assert names.index("check_backup") < min(i for i, s in enumerate(doc["steps"]) if s["changes_site"])
        if "--backup-first" in args:
            assert names.index("download_backup") < names.index("check_backup")
    _unchanged(practice_server, before)


def test_dry_run_human_plan_names_each_click(practice_server, env):
    result = run_robot(["unsubscribe-students", "--course", "HIST2026", "--dry-run"], env)
    assert result.code == 0, result
    for name in ("check_recent_announcement", "show_all_students", "save_roster", "select_all_students",
                 "click_unsubscribe"):
        assert name in result.stdout
    assert "would refuse" in result.stdout  # no --backup-first / --backup given
    assert practice_server.state.requests == []
