"""The practice Chamilo builds backups as Chamilo 1.11 does (UI-REFERENCE §17), without a browser:
every backup (or import) that starts deletes every CourseArchiver_* folder of the site, and a backup
whose folder vanished finishes with a truncated zip; the builds are counted."""
from __future__ import annotations

import re
import threading
import zipfile

import pytest

from practice_server import backup as practice_backup
from practice_server.backup import BackupPace

IMPORT = "/main/coursecopy/import_backup.php?cidReq=HIST2026"


def build(state, code: str, out: dict) -> threading.Thread:
    """A backup of ``code`` by the teacher, in a thread of its own (a request being served)."""
    def run() -> None:
        out[code] = practice_backup.create_backup(state, code, 2, "en", "http://practice/")
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_backup_or_an_import_started_meanwhile_breaks_the_backup_being_built(practice_server, client):
    st = practice_server.state
    st.backup_pace = BackupPace(seconds=1.0)  # a build that lasts, as on a real server
    made: dict = {}
    victim = build(st, "DEMO101", made)
    assert st.backup_builds.wait_started(1, timeout=30)
    folders = [p for p in st.backup_dir.iterdir() if p.name.startswith("CourseArchiver_")]
    assert len(folders) == 1 and folders[0].is_dir()  # its temporary folder, in the site's backup folder
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
    answer = teacher.post(IMPORT, data={
        "action": "restore_backup", "backup_type": "server", "backup_server": made["HIST2026"].name,
        "import_option": "full_backup", "same_file_name_option": "2", "sec_token": token}).get_data(as_text=True)
    assert "importation du fichier de sauvegarde est termin" in answer, answer[-2000:]  # HIST2026 is French
    victim.join(30)
    assert st.backup_builds.broken == 2 and st.backup_builds.now == 0
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(made["DEMO101"])
