"""`robot backup` end to end: real Chromium, the practice Chamilo over HTTP, real zips on disk.
Faults against the backup (retries, named failures, a corrupt zip, failure artefacts):
tests/reliability/test_faults.py."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from flows.archive import read_course
from tests.robot_run import assert_one_attempt_each, run_robot

BACKUP_POST = ("POST", "/main/coursecopy/create_backup.php")
DOWNLOAD = ("GET", "/main/course_info/download.php")


def zip_documents(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n[len("document/"):]: zf.read(n) for n in zf.namelist()
                if n.startswith("document/") and not n.endswith("/")}


def only_zip(folder: Path) -> Path:
    files = sorted(folder.iterdir())
    assert len(files) == 1, files
    assert files[0].suffix == ".zip"
    return files[0]


@pytest.mark.parametrize("course, lang", [("DEMO101", "en"), ("HIST2026", "fr")])
def test_full_backup_holds_every_document_byte_for_byte(course, lang, practice_server, robot_env, tmp_path):
    result = run_robot(["backup", "--course", course, "--lang", lang, "--json"], robot_env)
    doc = assert_one_attempt_each(result)
    assert doc["schema_version"] == 1 and doc["ok"] is True
    saved = only_zip(tmp_path / "backups")
    assert Path(doc["path"]) == saved
    assert saved.name.startswith(f"{course}_") and not list((tmp_path / "backups").glob("*.part"))
    assert zip_documents(saved) == practice_server.state.course_files(course)
    with zipfile.ZipFile(saved) as zf:
        assert zf.testzip() is None
        assert read_course(zf).get("code") == course
    assert doc["resources"]["document"] >= len(practice_server.state.course_files(course))
    assert practice_server.state.count(*BACKUP_POST) == 1


def test_french_interface_on_an_english_course_and_the_human_output(practice_server, robot_env, tmp_path):
    practice_server.state.set_lang("fr")
    result = run_robot(["backup", "--course", "DEMO101", "--lang", "fr"], robot_env)
    assert result.code == 0, result
    saved = only_zip(tmp_path / "backups")
    assert zip_documents(saved) == practice_server.state.course_files("DEMO101")
    assert str(saved) in result.stdout  # the path, the size and the sha256 are printed
    assert hashlib.sha256(saved.read_bytes()).hexdigest() in result.stdout
    assert "open_maintenance" in result.stderr  # the step log names each step


def test_select_items_backup_holds_only_the_chosen_types(practice_server, robot_env, tmp_path):
    result = run_robot(["backup", "--course", "DEMO101", "--items", "links", "--json"], robot_env)
    assert_one_attempt_each(result)
    saved = only_zip(tmp_path / "backups")
    with zipfile.ZipFile(saved) as zf:
        course = read_course(zf)
        assert set(course.get("resources")) == {"link"}
        assert not [n for n in zf.namelist() if n.startswith("document/") and not n.endswith("/")]
    assert result.json()["resources"] == {"link": result.json()["resources"]["link"]}


def test_select_items_documents_only(practice_server, robot_env, tmp_path):
    result = run_robot(["backup", "--course", "HIST2026", "--items", "documents"], robot_env)
    assert result.code == 0, result
    saved = only_zip(tmp_path / "backups")
    with zipfile.ZipFile(saved) as zf:
        assert set(read_course(zf).get("resources")) == {"document"}
    assert zip_documents(saved) == practice_server.state.course_files("HIST2026")


def test_wrong_password_exits_2_after_exactly_one_login_post(practice_server, robot_env, tmp_path):
    robot_env["CHAMILO_PASSWORD"] = "not-the-password"
    result = run_robot(["backup", "--course", "DEMO101"], robot_env)
    assert result.code == 2, result
    assert "refused the login" in result.stderr
    assert practice_server.state.count("POST", "/index.php") == 1
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())


def test_unknown_course_exits_3(practice_server, robot_env):
    result = run_robot(["backup", "--course", "NOPE999"], robot_env)
    assert result.code == 3, result
    assert "NOPE999" in result.stderr
    assert practice_server.state.count(*BACKUP_POST) == 0


def test_course_the_user_does_not_teach_exits_3(practice_server, robot_env):
    result = run_robot(["backup", "--course", "ADMIN1"], robot_env)
    assert result.code == 3, result


def test_download_cut_in_the_middle_is_retried(practice_server, robot_env, tmp_path):
    practice_server.state.faults.add(*DOWNLOAD, "cut_download", after_bytes=20_000, times=1)
    result = run_robot(["backup", "--course", "DEMO101"], robot_env)
    assert result.code == 0, result
    assert practice_server.state.count(*DOWNLOAD) == 2
    assert not list((tmp_path / "backups").glob("*.part"))
    assert zip_documents(only_zip(tmp_path / "backups")) == practice_server.state.course_files("DEMO101")
