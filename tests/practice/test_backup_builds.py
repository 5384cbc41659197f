"""The practice Chamilo builds backups as Chamilo 1.11 does (UI-REFERENCE §17), without a browser:
every backup (or import) that starts deletes every CourseArchiver_* folder of the site, and a backup
whose folder vanished finishes with a truncated zip; the builds are counted."""
from __future__ import annotations

import re
import shutil
import threading
import time
import zipfile
from pathlib import Path

import pytest

from practice_server import backup as practice_backup
from flows.archive import NO_COURSE_INFO, verify_backup
from practice_server.backup import BackupPace, clean_backup_dir
from robot.errors import VerificationError

IMPORT = "/main/coursecopy/import_backup.php?cidReq=HIST2026"


def build(state, code: str, out: dict) -> threading.Thread:
    """A backup of ``code`` by the teacher, in a thread of its own (a request being served)."""
    def run() -> None:
        out[code] = practice_backup.create_backup(state, code, 2, "en", "http://practice/")
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def being_zipped(state, code: str, timeout: float = 30) -> Path:
    """The folder of the one build under way, once its copies are done: it is being zipped (a folder
    that goes during the copy ends otherwise, see the last test)."""
    want = len(state.course_files(code))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        folders = [p for p in state.backup_dir.iterdir() if p.name.startswith("CourseArchiver_")]
        if len(folders) == 1 and (folders[0] / "course_info.dat").is_file() \
                and sum(p.is_file() for p in (folders[0] / "document").rglob("*")) == want:
            return folders[0]
        time.sleep(0.01)
    raise AssertionError(f"no build of {code} got to its zip")


def test_a_backup_or_an_import_started_meanwhile_breaks_the_backup_being_built(practice_server, client):
    st = practice_server.state
    st.backup_pace = BackupPace(seconds=1.0)  # a build that lasts, as on a real server
    made: dict = {}
    victim = build(st, "DEMO101", made)
    assert st.backup_builds.wait_started(1, timeout=30)
    assert being_zipped(st, "DEMO101").is_dir()  # its temporary folder, in the site's backup folder
    st.backup_pace = practice_backup.NO_PACE
    other = build(st, "HIST2026", made)  # another teacher's "Create a backup": cleanBackupDir first
    other.join(30)
    victim.join(30)
    assert st.backup_builds.total == 2 and st.backup_builds.broken == 1
    with zipfile.ZipFile(made["HIST2026"]) as zf:
        assert zf.testzip() is None
    with pytest.raises(zipfile.BadZipFile):  # cut short where its files went: not a zip at all
        zipfile.ZipFile(made["DEMO101"])
    cut = made["DEMO101"].stat().st_size
    whole = practice_backup.create_backup(st, "DEMO101", 2, "en", "http://practice/")  # nobody in its way
    assert 0 < cut < whole.stat().st_size
    assert not [p for p in st.backup_dir.iterdir() if p.name.startswith("CourseArchiver_")]  # none left behind

    # an import reading its zip (readCourse, import_backup.php) cleans the same way: a teacher imports
    # HIST2026's zip above back into HIST2026 (Import backup → a file of the server) while DEMO101 is built
    teacher = client("teacher")
    form = teacher.get(IMPORT).get_data(as_text=True)
    token = re.search(r'name="sec_token" type="hidden" value="([^"]+)"', form).group(1)
    st.backup_pace = BackupPace(seconds=1.0)
    victim = build(st, "DEMO101", made)
    assert st.backup_builds.wait_started(4, timeout=30)  # the two above, the whole one, this one
    being_zipped(st, "DEMO101")
    answer = teacher.post(IMPORT, data={
        "action": "restore_backup", "backup_type": "server", "backup_server": made["HIST2026"].name,
        "import_option": "full_backup", "same_file_name_option": "2", "sec_token": token}).get_data(as_text=True)
    assert "importation du fichier de sauvegarde est termin" in answer, answer[-2000:]  # HIST2026 is French
    victim.join(30)
    assert st.backup_builds.broken == 2 and st.backup_builds.now == 0
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(made["DEMO101"])


def test_a_backup_whose_folder_goes_during_the_copy_ends_whole_without_course_info(practice_server, monkeypatch):
    """createBackup copies each document after a recursive mkdir: when another build empties the site's
    temporary folders after the first copy, the next copies make the folder again, and the zip holds
    what came after — whole, without course_info.dat (CourseArchiver.php; the robot makes it again,
    flows/archive.NO_COURSE_INFO)."""
    st = practice_server.state
    files = sorted((f"document/{path}" for path in st.course_files("DEMO101")), key=str.lower)  # copy order
    assert len(files) >= 2, files
    copyfile, copies = shutil.copyfile, []

    def copy_then_another_backup_starts(src, dst, *args, **kwargs):
        done = copyfile(src, dst, *args, **kwargs)
        copies.append(dst)
        if len(copies) == 1:
            clean_backup_dir(st)  # another teacher's "Create a backup": cleanBackupDir first
        return done

    monkeypatch.setattr(shutil, "copyfile", copy_then_another_backup_starts)
    made = practice_backup.create_backup(st, "DEMO101", 2, "en", "http://practice/")
    monkeypatch.undo()
    assert st.backup_builds.broken == 1 and len(copies) == len(files)
    with zipfile.ZipFile(made) as zf:
        assert zf.testzip() is None  # a whole zip…
        names = [n for n in zf.namelist() if not n.endswith("/")]
    assert names == files[1:]  # …of the files copied after the folder went: no course_info.dat, no first file
    with pytest.raises(VerificationError) as refused:
        verify_backup(made)
    assert refused.value.kind == NO_COURSE_INFO  # what the robot makes again
    assert not [p for p in st.backup_dir.iterdir() if p.name.startswith("CourseArchiver_")]
