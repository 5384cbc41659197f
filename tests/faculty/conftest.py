"""Issue 19's robot runs: settings for a run as a given account (an unusual password, so that the
robot's redaction of it hides nothing else), and a practice Chamilo of 29 courses for the faculty
tests (more than one page of the admin's course list), with teachers and categories varied."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

from practice_server import PracticeServer

ROBOT = str(Path(sys.executable).with_name("robot"))


def env_for(srv: PracticeServer, folder: Path, username: str) -> dict[str, str]:
    password = f"{username}-Fx9!q"
    srv.state.set_password(username, password)
    return {
        "CHAMILO_URL": srv.url, "CHAMILO_USERNAME": username, "CHAMILO_PASSWORD": password,
        "ROBOT_OUT": str(folder / "backups"), "ROBOT_RECORDINGS": str(folder / "recordings"),
        "ROBOT_LOCK_DIR": str(folder / "locks"), "ROBOT_STEP_TIMEOUT": "20",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder),
    }


def faculty_of_29(st) -> None:
    """FAC001…FAC025 (seed.extra_courses) made a faculty: colleague teaches FAC002…FAC025 and co-teaches
    FAC001 with teacher; teacher is a learner of FAC002 (in My courses, not taught); FAC001 and FAC003
    are in category LANG, FAC004 in PC."""
    users = {u: st.user_by_username(u)["id"] for u in ("teacher", "colleague")}
    with st.db() as con:
        con.execute("UPDATE course_rel_user SET user_id = ? WHERE user_id = ? AND status = 1 AND course_code LIKE 'FAC%' "
                    "AND course_code <> 'FAC001'", (users["colleague"], users["teacher"]))
        con.execute("INSERT INTO course_rel_user VALUES ('FAC001', ?, 1)", (users["colleague"],))
        con.execute("INSERT INTO course_rel_user VALUES ('FAC002', ?, 5)", (users["teacher"],))
        con.execute("UPDATE course SET category_code = 'LANG' WHERE code IN ('FAC001', 'FAC003')")
        con.execute("UPDATE course SET category_code = 'PC' WHERE code = 'FAC004'")


@pytest.fixture(scope="module")
def faculty_site(tmp_path_factory) -> Iterator[PracticeServer]:
    srv = PracticeServer(data_dir=tmp_path_factory.mktemp("practice-faculty"), extra_courses=25)
    faculty_of_29(srv.state)
    srv.start(host="127.0.0.1", port=0)
    yield srv
    srv.stop()
