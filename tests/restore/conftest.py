"""Shared settings of the restore tests (issue 20): a practice backup of a course, empty target
courses, what a course holds after a run."""
from __future__ import annotations

import shutil
from pathlib import Path

from practice_server import backup as practice_backup
from practice_server import coursecopy

IMPORT = "/main/coursecopy/import_backup.php"
BACKUP = "/main/coursecopy/create_backup.php"
TEACHER_ID = 2


def empty_course(srv, code: str) -> None:
    """A new course taught by teacher, holding only Chamilo's automatic /certificates folder."""
    coursecopy.create_course(srv.state, code=code, title=f"Scratch {code}", language="english", category=None,
                             teacher_id=TEACHER_ID)


def backup_zip(srv, code: str, folder: Path) -> Path:
    """A full backup of ``code`` made on the practice server (as teacher), copied to ``folder``."""
    made = practice_backup.create_backup(srv.state, code, TEACHER_ID, "en", srv.url + "/")
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(made, folder / f"{code}_local.zip"))


def rich_course(srv, code: str = "DEMO101") -> None:
    """Add a test (two questions) and a forum thread with a student's reply to ``code``."""
    st = srv.state
    st.add_quiz(code, "Révision", [
        ("Capitale de la Suisse ?", 1, [("Berne", True, 10.0, "Oui"), ("Genève", False, 0.0, "Non")]),
        ("Villes suisses ?", 2, [("Bâle", True, 5.0, ""), ("Lausanne", True, 5.0, ""), ("Lyon", False, -5.0, "")]),
    ], description="<p>Deux questions</p>")
    st.add_forum_thread(code, "Discussions", "Questions", "Examen de juin",
                        [("teacher", "Examen de juin", "<p>Le 15 juin.</p>"), ("student", "Re: Examen", "Merci !")])


def holdings(st, code: str) -> dict:
    """What a course holds, for comparisons: files (bytes), titles, and counts of the other items."""
    return {"files": st.course_files(code), "titles": {d["path"]: d["title"] for d in st.documents(code)},
            "links": len(st.links(code)), "announcements": len(st.announcements(code)),
            "descriptions": len(st.course_descriptions(code)), "quizzes": len(st.quizzes(code)),
            "threads": len(st.forums(code).get("thread", []))}


def env_for(srv, folder: Path) -> dict[str, str]:
    password = "teacher-Pw3!x"  # not the username: the redaction would hide "teacher" from messages
    srv.state.set_password("teacher", password)
    return {"CHAMILO_URL": srv.url, "CHAMILO_USERNAME": "teacher", "CHAMILO_PASSWORD": password,
            "ROBOT_OUT": str(folder / "backups"), "ROBOT_RECORDINGS": str(folder / "recordings"),
            "ROBOT_LOCK_DIR": str(folder / "locks"), "ROBOT_STEP_TIMEOUT": "20", "PATH": "/usr/bin:/bin"}
