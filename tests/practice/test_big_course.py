"""BIG50 (~50 MB), backed up by the robot while someone else starts a backup on the site.

Chamilo deletes every backup's temporary folder whenever a backup (or an import) starts, so the
backup being built dies with a success page and a truncated zip (UI-REFERENCE §17, captures 52a/52b).
The practice Chamilo does the same; the robot finds the broken zip and makes the backup again."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from flows.archive import verify_backup
from practice_server.backup import NO_PACE, BackupPace
from tests.robot_run import run_robot, steps_of

from .helpers import BACKUP, DOWNLOAD, zip_documents
from .raw_http import RawClient

CID = "id_session=0&gidReq=0&gradebook=0&origin="


@pytest.mark.slow
def test_a_backup_broken_by_another_backup_is_made_again(big_practice_server, tmp_path):
    srv, st = big_practice_server, big_practice_server.state
    files = st.course_files("BIG50")
    assert 50 * 1024 * 1024 <= sum(map(len, files.values())) < 60 * 1024 * 1024
    st.backup_pace = BackupPace(seconds=1.5)  # the robot's first build lasts a while, as on a real server
    other = RawClient(srv.url, timeout=60).login("teacher")  # another session: a teacher at work on the site
    token = other.get(f"{BACKUP}?cidReq=DEMO101&{CID}").token()
    answers = []

    def start_another_backup() -> None:
        """As soon as the robot's backup is being built: "Create a backup" of DEMO101, once."""
        if st.backup_builds.wait_started(1, timeout=240):
            st.backup_pace = NO_PACE  # the next builds (this one, the robot's second) at the disk's speed
            answers.append(other.post(f"{BACKUP}?cidReq=DEMO101&{CID}", {
                "backup_option": "full_backup", "submit": "", "_qf__create_backup_form": "", "sec_token": token}))

    intruder = threading.Thread(target=start_another_backup, daemon=True)
    intruder.start()
    env = {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": "teacher",
           "ROBOT_OUT": str(tmp_path / "backups"), "ROBOT_RECORDINGS": str(tmp_path / "recordings"),
           "ROBOT_LOCK_DIR": str(tmp_path / "locks"), "ROBOT_STEP_TIMEOUT": "60", "PATH": "/usr/bin:/bin"}
    result = run_robot(["backup", "--course", "BIG50", "--json"], env)
    intruder.join(30)

    # the other backup went through, and broke the robot's first one (its page said "created")
    assert answers and "download.php?archive=" in answers[0].text, answers
    assert st.backup_builds.broken == 1 and st.backup_builds.total == 3, vars(st.backup_builds)
    # the robot made the backup again — a new "Create a backup", one download each — and kept a verified zip
    assert result.code == 0, result
    doc = result.json()
    assert doc["backups_made"] == 2, doc
    assert "zip the site built is broken" in result.stderr and "making the backup again" in result.stderr
    steps = steps_of(doc)
    assert steps["verify_backup"]["attempts"] == 2 and steps["download_backup"]["attempts"] == 1, steps
    assert st.count("POST", BACKUP) == 3 and st.count("GET", DOWNLOAD) == 2
    kept = sorted((tmp_path / "backups").glob("*.zip"))
    assert kept == [Path(doc["path"])] and not list((tmp_path / "backups").glob("*.part"))
    assert zip_documents(kept[0]) == files  # every file of the big course, byte for byte
    assert verify_backup(kept[0], "BIG50").sha256 == doc["sha256"]
