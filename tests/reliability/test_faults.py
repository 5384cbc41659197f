"""Every fault of the practice Chamilo against the backup flow: survived, or named.

docs/RELIABILITY.md lists each row of this file (fault → expected outcome → test name).
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.robot_run import run_robot

LOGIN = ("POST", "/index.php")
MAINTENANCE = ("GET", "/main/course_info/maintenance.php")
BACKUP_FORM = ("GET", "/main/coursecopy/create_backup.php")
BACKUP_POST = ("POST", "/main/coursecopy/create_backup.php")
DOWNLOAD = ("GET", "/main/course_info/download.php")


@pytest.fixture
def backup(practice_server, robot_env, tmp_path):
    """Run `robot backup` on DEMO101 with quick retries; return (result, saved zips)."""
    robot_env.update({"ROBOT_STEP_TIMEOUT": "6", "ROBOT_ATTEMPTS": "3"})

    def run(*extra: str, course: str = "DEMO101"):
        result = run_robot(["backup", "--course", course, *extra], robot_env)
        out = tmp_path / "backups"
        zips = sorted(out.glob("*.zip")) if out.exists() else []
        return result, zips

    return run


def assert_verified(zips: list[Path], practice_server, course: str = "DEMO101") -> None:
    assert len(zips) == 1 and not list(zips[0].parent.glob("*.part"))
    with zipfile.ZipFile(zips[0]) as zf:
        files = {n[len("document/"):]: zf.read(n) for n in zf.namelist()
                 if n.startswith("document/") and not n.endswith("/")}
    assert files == practice_server.state.course_files(course)


# --- survived -------------------------------------------------------------------------------

def test_slow_page_within_the_timeout_is_waited_for(practice_server, backup):
    practice_server.state.faults.add(*MAINTENANCE, "delay", seconds=2)
    result, zips = backup()
    assert result.code == 0, result
    assert_verified(zips, practice_server)


def test_page_slower_than_the_timeout_is_retried(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_FORM, "delay", seconds=8)
    result, zips = backup()
    assert result.code == 0, result
    assert "retrying" in result.stderr
    assert_verified(zips, practice_server)


def test_server_error_once_on_the_backup_post_is_retried(practice_server, backup):
    """500, 502 and 504 take the same road (HttpError, retried from a fresh form): one run, a proxy's 502."""
    practice_server.state.faults.add(*BACKUP_POST, "status", code=502)
    result, zips = backup()
    assert result.code == 0, result
    assert practice_server.state.count(*BACKUP_POST) == 2
    assert_verified(zips, practice_server)


def test_blank_page_once_after_create_backup_is_retried(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "blank")
    result, zips = backup()
    assert result.code == 0, result
    assert_verified(zips, practice_server)


def test_token_mismatch_once_is_retried_with_a_fresh_form(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "token_mismatch")
    result, zips = backup()
    assert result.code == 0, result
    assert practice_server.state.count(*BACKUP_POST) == 2
    assert_verified(zips, practice_server)


def test_empty_download_once_is_retried(practice_server, backup):
    practice_server.state.faults.add(*DOWNLOAD, "empty_download")
    result, zips = backup()
    assert result.code == 0, result
    assert_verified(zips, practice_server)


def test_download_cut_six_times_is_retried_by_the_robot(practice_server, backup):
    """Chromium itself resumes a cut download 5 times; the robot's own retry takes over after."""
    practice_server.state.faults.add(*DOWNLOAD, "cut_download", after_bytes=50_000, times=6)
    result, zips = backup()
    assert result.code == 0, result
    assert practice_server.state.count(*DOWNLOAD) == 7
    assert_verified(zips, practice_server)


def test_slow_drip_download_completes(practice_server, backup):
    practice_server.state.faults.add(*DOWNLOAD, "drip", bytes_per_sec=2_000_000)
    result, zips = backup()
    assert result.code == 0, result
    assert_verified(zips, practice_server)


def test_expired_session_logs_in_again_once(practice_server, backup):
    practice_server.state.faults.add(*MAINTENANCE, "expire_session")
    result, zips = backup()
    assert result.code == 0, result
    assert practice_server.state.count(*LOGIN) == 2
    assert "logging in again" in result.stderr
    assert_verified(zips, practice_server)


def test_expired_session_on_the_download_logs_in_again(practice_server, backup):
    practice_server.state.faults.add(*DOWNLOAD, "expire_session")
    result, zips = backup()
    assert result.code == 0, result
    assert practice_server.state.count(*LOGIN) == 2
    assert_verified(zips, practice_server)


# --- named ----------------------------------------------------------------------------------

def test_persistent_500_names_the_php_error_log(practice_server, backup, tmp_path):
    practice_server.state.faults.add(*BACKUP_POST, "status", code=500, times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "submit_backup" in result.stderr and "PHP error log" in result.stderr
    assert practice_server.state.count(*BACKUP_POST) == 3
    assert not zips
    failures = list((tmp_path / "recordings" / "failures").iterdir())  # a screenshot and a trace of the failure
    assert len(failures) == 1 and str(failures[0]) in result.stderr
    assert list(failures[0].glob("*-submit_backup.png")) and (failures[0] / "trace.zip").is_file()


def test_proxy_timeout_on_the_backup_post_says_the_backup_may_exist(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "status", code=504, times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "proxy cut the request" in result.stderr and "may exist on the server" in result.stderr
    assert "tried 3 times" in result.stderr


def test_413_on_a_selection_is_not_retried_and_named(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "status", code=413, skip=1, times=10)
    result, zips = backup("--items", "documents")
    assert result.code == 4, result
    assert "request too large (HTTP 413)" in result.stderr
    assert practice_server.state.count(*BACKUP_POST) == 2  # the options POST, then one selection POST


def test_archive_folder_not_writable_is_named_and_not_retried(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_FORM, "archive_not_writable", times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "archive folder" in result.stderr and "ask the Chamilo admin" in result.stderr
    assert practice_server.state.count(*BACKUP_FORM) == 1
    assert practice_server.state.count(*BACKUP_POST) == 0


def test_persistent_blank_page_is_named(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "blank", times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "blank page" in result.stderr and "PHP error log" in result.stderr


def test_persistent_empty_download_is_named(practice_server, backup):
    practice_server.state.faults.add(*DOWNLOAD, "empty_download", times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "empty file" in result.stderr and "ask the Chamilo admin" in result.stderr
    assert not zips


def test_download_that_keeps_breaking_is_named(practice_server, backup):
    practice_server.state.faults.add(*DOWNLOAD, "cut_download", after_bytes=50_000, times=100)
    result, zips = backup()
    assert result.code == 4, result
    assert "download kept breaking" in result.stderr
    assert not zips


def test_persistent_token_mismatch_is_named(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_POST, "token_mismatch", times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "sec_token" in result.stderr


def test_session_that_keeps_expiring_is_named(practice_server, backup):
    practice_server.state.faults.add(*BACKUP_FORM, "expire_session", times=10)
    result, zips = backup()
    assert result.code == 4, result
    assert "session kept expiring" in result.stderr
    assert practice_server.state.count(*LOGIN) == 2  # one re-login, never a loop


def test_corrupt_zip_exits_5_with_nothing_under_the_final_name(practice_server, backup, tmp_path):
    """A zip that fails its check is made again (a new POST each time, UI-REFERENCE §17) up to the
    attempts (two here); when every one is broken: exit 5, named, nothing kept."""
    practice_server.state.faults.add(*DOWNLOAD, "corrupt_zip", times=10)
    result, zips = backup("--attempts", "2")
    assert result.code == 5, result
    assert "verify_backup" in result.stderr and "another backup or an import starts" in result.stderr
    assert practice_server.state.count(*BACKUP_POST) == 2 and practice_server.state.count(*DOWNLOAD) == 2
    assert not zips
    out = tmp_path / "backups"
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
