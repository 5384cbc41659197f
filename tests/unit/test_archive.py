from __future__ import annotations

import base64
import zipfile
from pathlib import Path

import pytest

from flows.archive import php_unserialize, verify_backup
from robot.errors import VerificationError

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "chamilo" / "samples" / "3_ALPHA_20261128-195148.zip"


def test_php_unserialize_basic_types():
    data = b'a:4:{s:1:"a";i:1;i:0;b:1;s:2:"\xc3\xa9";N;s:1:"o";O:3:"Foo":1:{s:1:"x";d:1.5;}}'
    value = php_unserialize(data)
    assert value["a"] == 1 and value[0] is True and value["é"] is None
    assert value["o"].class_name == "Foo" and value["o"].get("x") == 1.5


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/chamilo is absent")
def test_real_chamilo_backup_verifies():
    report = verify_backup(SAMPLE, expected_course="ALPHA")
    assert report.course_code == "ALPHA"
    assert report.resources["document"] == 6
    assert report.documents == ["document/alpha_only.txt", "document/notes.txt",
                                "document/shared/readme.txt", "document/syllabus.html"]


def _course_dat(code: str, paths: list[str]) -> bytes:
    docs = "".join(
        f'i:{i};O:8:"Document":2:{{s:4:"path";s:{len(p)}:"{p}";s:9:"file_type";s:4:"file";}}'
        for i, p in enumerate(paths, 1))
    ser = (f'O:48:"Chamilo\\CourseBundle\\Component\\CourseCopy\\Course":2:{{s:9:"resources";'
           f'a:1:{{s:8:"document";a:{len(paths)}:{{{docs}}}}}s:4:"code";s:{len(code)}:"{code}";}}')
    return base64.b64encode(ser.encode())


def test_a_listed_document_missing_from_the_zip_fails(tmp_path):
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("document/a.txt", "a")
        zf.writestr("course_info.dat", _course_dat("X", ["document/a.txt", "document/b.txt"]))
    with pytest.raises(VerificationError, match="missing from the archive: document/b.txt"):
        verify_backup(path, "X")


def test_wrong_course_empty_and_garbage_fail(tmp_path):
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("document/a.txt", "a")
        zf.writestr("course_info.dat", _course_dat("X", ["document/a.txt"]))
    assert verify_backup(good, "X").documents == ["document/a.txt"]
    with pytest.raises(VerificationError, match="not 'Y'"):
        verify_backup(good, "Y")
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    with pytest.raises(VerificationError, match="empty"):
        verify_backup(empty)
    html = tmp_path / "page.zip"
    html.write_bytes(b"<html>not allowed</html>")
    with pytest.raises(VerificationError, match="not a valid zip"):
        verify_backup(html)
    nodat = tmp_path / "nodat.zip"
    with zipfile.ZipFile(nodat, "w") as zf:
        zf.writestr("document/a.txt", "a")
    with pytest.raises(VerificationError, match="no course_info.dat"):
        verify_backup(nodat)


RICH = SAMPLE.with_name("RICH-backup.zip")


@pytest.mark.skipif(not RICH.is_file(), reason="../shared/chamilo is absent")
def test_files_and_folders_apart_and_the_forum_replies_left_out():
    alpha = verify_backup(SAMPLE)
    assert (alpha.files, alpha.folders) == (4, 2)
    assert alpha.content_line() == "4 document files, 2 folders"
    rich = verify_backup(RICH, expected_course="RICH")
    assert (rich.files, rich.folders) == (3, 4)
    assert [g.message for g in rich.gaps] == ["1 forum reply of 1 thread is not in this backup: Chamilo 1.11 exports "
                                              "only the first post of each thread"]
    assert rich.as_dict()["warnings"][0]["count"] == 1
