"""State of the practice Chamilo: SQLite database + course files on disk + in-memory sessions,
request log and faults.

Data directory layout::

    <data>/practice.db                  live database
    <data>/courses/<DIR>/document/...   live course files (stored, cleaned names)
    <data>/archive/course_backups/      zips made by create_backup.php
    <data>/.pristine/                   the seeded copy that reset() restores from

Page modules use the query helpers below (or ``with state.db() as con:`` for their own SQL);
tests use the public API of docs/ARCHITECTURE.md (course, course_files, course_users, reset, ...).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sqlite3
import threading
import unicodedata
from pathlib import Path
from typing import Any, Iterator

from . import course_content
from . import seed as seedmod
from .backup import NO_PACE, BackupBuilds, BackupPace
from .cas_settings import CasSettings
from .faults import Faults
from .sessions import SessionStore

SCHEMA = """
CREATE TABLE user (
    id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, password_hash TEXT NOT NULL,
    firstname TEXT, lastname TEXT, email TEXT, status INTEGER NOT NULL, is_admin INTEGER NOT NULL DEFAULT 0,
    language TEXT NOT NULL DEFAULT 'english', active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE course (
    id INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL, title TEXT NOT NULL, language TEXT NOT NULL,
    visibility INTEGER NOT NULL DEFAULT 2, subscribe INTEGER NOT NULL DEFAULT 1, unsubscribe INTEGER NOT NULL DEFAULT 0,
    intro TEXT NOT NULL DEFAULT '', directory TEXT NOT NULL, category_code TEXT, creation_date TEXT,
    department_name TEXT, department_url TEXT NOT NULL DEFAULT '', disk_quota INTEGER NOT NULL DEFAULT 100000000,
    registration_code TEXT
);
CREATE TABLE course_rel_user (
    course_code TEXT NOT NULL, user_id INTEGER NOT NULL, status INTEGER NOT NULL,
    PRIMARY KEY (course_code, user_id)
);
CREATE TABLE document (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, path TEXT NOT NULL, title TEXT NOT NULL,
    filetype TEXT NOT NULL, size INTEGER NOT NULL DEFAULT 0, comment TEXT, insert_user_id INTEGER,
    insert_date TEXT, lastedit_date TEXT, visibility INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE link (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL,
    description TEXT, category_id INTEGER NOT NULL DEFAULT 0, display_order INTEGER NOT NULL DEFAULT 0,
    on_homepage TEXT NOT NULL DEFAULT '0', target TEXT NOT NULL DEFAULT '_self', insert_user_id INTEGER,
    insert_date TEXT
);
CREATE TABLE announcement (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, title TEXT NOT NULL, content TEXT NOT NULL,
    end_date TEXT, display_order INTEGER NOT NULL DEFAULT 0, email_sent INTEGER NOT NULL DEFAULT 0,
    insert_user_id INTEGER, insert_date TEXT
);
CREATE TABLE course_description (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, title TEXT NOT NULL, content TEXT NOT NULL,
    description_type INTEGER NOT NULL DEFAULT 1, insert_user_id INTEGER, insert_date TEXT
);
"""


# Chamilo platform settings the pages honour (values as Chamilo stores them: "true"/"false").
# course_validation: teachers may only *request* a course on add_course.php (admins still create).
# the Chamilo versions whose pages the practice server serves (State.version)
VERSIONS = ("1.11.32", "1.11.16")

DEFAULT_SETTINGS: dict[str, str] = {"course_validation": "false"}
# allow_user_course_subscription_by_course_admin: teachers may subscribe / unsubscribe users of
# their course (user.php, subscribe_user.php); "false" leaves that to platform admins.
DEFAULT_SETTINGS["allow_user_course_subscription_by_course_admin"] = "true"  # issue 4
# show_email_addresses: users' e-mail addresses shown to teachers (the user list's CSV export gets an
# e-mail column); stock "false" (UI-REFERENCE §14.5)
DEFAULT_SETTINGS["show_email_addresses"] = "false"  # issue 18
# issue 20: PHP's upload limits (Import backup, §15.4). The form's MAX_FILE_SIZE is upload_max_filesize;
# a POST whose body is over post_max_size reaches the page empty (the form again, no message).
DEFAULT_SETTINGS["upload_max_filesize"] = str(100 * 1024 * 1024)
DEFAULT_SETTINGS["post_max_size"] = str(100 * 1024 * 1024)


def password_hash(password: str) -> str:
    return hashlib.sha256(("practice:" + password).encode("utf-8")).hexdigest()


def clean_name(name: str) -> str:
    """A file or folder name stored the Chamilo way: accents stripped, spaces → hyphens, other
    unsafe characters → hyphens ("Résumé été.pdf" → "Resume-ete.pdf", "Semaine 1" → "Semaine-1")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"[^A-Za-z0-9._-]", "-", text)
    return re.sub(r"-{2,}", "-", text)


def _sync_tree(src: Path, dst: Path) -> None:
    """Make ``dst`` an exact copy of ``src``, copying only files that differ (size or mtime)."""
    dst.mkdir(parents=True, exist_ok=True)
    src_entries = {e.name: e for e in os.scandir(src)}
    for entry in os.scandir(dst):
        other = src_entries.get(entry.name)
        if other is None or other.is_dir() != entry.is_dir(follow_symlinks=False):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    for name, entry in src_entries.items():
        target = dst / name
        if entry.is_dir():
            _sync_tree(Path(entry.path), target)
            continue
        st = entry.stat()
        try:
            tst = target.stat()
            if tst.st_size == st.st_size and tst.st_mtime_ns == st.st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        shutil.copy2(entry.path, target)


class State:
    """Everything the practice server knows; one per :class:`~practice_server.PracticeServer`."""

    def __init__(self, data_dir: str | os.PathLike, big_course: bool = False, lang: str | None = None,
                 cas: CasSettings | None = None, extra_courses: int = 0, version: str = "1.11.32"):
        if version not in VERSIONS:
            raise ValueError(f"version must be one of {', '.join(VERSIONS)}, not {version!r}")
        self.default_version = version
        self.version = version    # the Chamilo version whose pages are served; reset() restores it
        self.data_dir = Path(data_dir).resolve()
        self.big_course = big_course
        self.extra_courses = extra_courses  # FAC001… (seed.extra_courses): campaigns, benchmarks
        self._check_lang(lang)
        self.default_lang = lang  # the server-wide language override given at construction
        self.lang = lang          # the one in force (set_lang); reset() restores default_lang
        self.settings: dict[str, str] = dict(DEFAULT_SETTINGS)  # platform settings (see DEFAULT_SETTINGS)
        self.default_cas = cas    # issue 14: CAS single sign-on (cas_activate) as constructed
        self.cas = cas            # the one in force (practice_server/cas.py); reset() restores default_cas
        self.pristine_dir = self.data_dir / ".pristine"
        self.db_path = self.data_dir / "practice.db"
        self.courses_dir = self.data_dir / "courses"
        self.archive_dir = self.data_dir / "archive"
        self.backup_dir = self.archive_dir / "course_backups"
        self._lock = threading.RLock()
        self._req_lock = threading.Lock()
        self.requests: list[tuple[str, str, int]] = []
        self.faults = Faults()
        self.sessions = SessionStore()
        # issue 18 (UI-REFERENCE §17): the backups being built (counted) and how long a build takes
        self.backup_builds = BackupBuilds()
        self.backup_pace: BackupPace = NO_PACE
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._ensure_pristine()
        self.reset()

    # ------------------------------------------------------------------ seed / reset
    def _seed_marker(self) -> dict:
        return {"version": seedmod.SEED_VERSION, "big_course": self.big_course, "extra_courses": self.extra_courses}

    def _ensure_pristine(self) -> None:
        marker = self.pristine_dir / "seed.json"
        if marker.exists():
            try:
                if json.loads(marker.read_text()) == self._seed_marker():
                    return
            except ValueError:
                pass
        if self.pristine_dir.exists():
            shutil.rmtree(self.pristine_dir)
        tmp = self.data_dir / ".pristine.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        self._seed_into(tmp)
        (tmp / "seed.json").write_text(json.dumps(self._seed_marker()))
        os.replace(tmp, self.pristine_dir)

    def _seed_into(self, root: Path) -> None:
        con = sqlite3.connect(root / "practice.db")
        try:
            con.executescript(SCHEMA + course_content.SCHEMA)
            ids = {}
            for uid, username, first, last, status, admin, lang in seedmod.USERS:
                con.execute(
                    "INSERT INTO user (id, username, password_hash, firstname, lastname, email, status, is_admin, language)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (uid, username, password_hash(username), first, last, f"{username}@practice.test", status,
                     int(admin), lang),
                )
                ids[username] = uid
            for cs in seedmod.COURSES + seedmod.extra_courses(self.extra_courses):
                if cs.big and not self.big_course:
                    continue
                cur = con.execute(
                    "INSERT INTO course (code, title, language, directory, creation_date) VALUES (?,?,?,?,?)",
                    (cs.code, cs.title, cs.language, cs.code, seedmod.SEED_DATE),
                )
                cid = cur.lastrowid
                for u in cs.teachers:
                    con.execute("INSERT INTO course_rel_user VALUES (?,?,1)", (cs.code, ids[u]))
                for u in cs.students:
                    con.execute("INSERT INTO course_rel_user VALUES (?,?,5)", (cs.code, ids[u]))
                teacher_id = ids[cs.teachers[0]]
                docroot = root / "courses" / cs.code / "document"
                docroot.mkdir(parents=True)
                for doc in cs.docs:
                    target = docroot / doc.path.lstrip("/")
                    if doc.is_folder:
                        target.mkdir(parents=True, exist_ok=True)
                        size, ftype = 0, "folder"
                    else:
                        target.parent.mkdir(parents=True, exist_ok=True)
                        size, ftype = seedmod.write_doc(cs.code, doc, target), "file"
                    con.execute(
                        "INSERT INTO document (c_id, path, title, filetype, size, insert_user_id, insert_date,"
                        " lastedit_date) VALUES (?,?,?,?,?,?,?,?)",
                        (cid, doc.path, doc.title, ftype, size, teacher_id, seedmod.SEED_DATE, seedmod.SEED_DATE),
                    )
                for order, (title, url, desc) in enumerate(cs.links, start=1):
                    con.execute(
                        "INSERT INTO link (c_id, url, title, description, display_order, insert_user_id, insert_date)"
                        " VALUES (?,?,?,?,?,?,?)", (cid, url, title, desc, order, teacher_id, seedmod.SEED_DATE))
                for order, (title, html, date) in enumerate(cs.announcements, start=1):
                    con.execute(
                        "INSERT INTO announcement (c_id, title, content, display_order, insert_user_id, insert_date)"
                        " VALUES (?,?,?,?,?,?)", (cid, title, html, order, teacher_id, date))
                for title, html, dtype in cs.descriptions:
                    con.execute(
                        "INSERT INTO course_description (c_id, title, content, description_type, insert_user_id,"
                        " insert_date) VALUES (?,?,?,?,?,?)", (cid, title, html, dtype, teacher_id, seedmod.SEED_DATE))
            con.commit()
        finally:
            con.close()

    @staticmethod
    def _check_lang(lang: str | None) -> None:
        if lang not in (None, "en", "fr"):
            raise ValueError(f"lang must be None, 'en' or 'fr', not {lang!r}")

    def set_lang(self, lang: str | None) -> None:
        """Force every page into ``lang`` ("en"/"fr"), or None for Chamilo's own choice
        (course language, user profile, Accept-Language).  reset() restores the constructor's value."""
        self._check_lang(lang)
        self.lang = lang

    def reset(self) -> None:
        """Back to the seed: database, course files, no backups, no sessions, empty request log,
        the constructor's language and CAS settings, backups built at full speed and counted afresh.  Armed faults are kept (``faults.clear()`` removes them)."""
        with self._lock:
            self.lang = self.default_lang
            self.version = self.default_version
            self.settings = dict(DEFAULT_SETTINGS)
            self.cas = self.default_cas
            tmp = self.db_path.with_suffix(".db.tmp")
            shutil.copyfile(self.pristine_dir / "practice.db", tmp)
            os.replace(tmp, self.db_path)
            _sync_tree(self.pristine_dir / "courses", self.courses_dir)
            if self.archive_dir.exists():
                shutil.rmtree(self.archive_dir)
            self.backup_dir.mkdir(parents=True)
            self.sessions.clear()
            self.backup_builds.reset()
            self.backup_pace = NO_PACE
            with self._req_lock:
                self.requests.clear()

    # ------------------------------------------------------------------ database access
    @contextlib.contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """A connection (rows as ``sqlite3.Row``), committed on success; serialised with reset()."""
        with self._lock:
            con = sqlite3.connect(self.db_path)
            con.row_factory = sqlite3.Row
            try:
                yield con
                con.commit()
            finally:
                con.close()

    def _all(self, sql: str, args: tuple = ()) -> list[dict]:
        with self.db() as con:
            return [dict(r) for r in con.execute(sql, args).fetchall()]

    def _one(self, sql: str, args: tuple = ()) -> dict | None:
        rows = self._all(sql, args)
        return rows[0] if rows else None

    # ------------------------------------------------------------------ request log
    def log_request(self, method: str, path: str, status: int) -> None:
        with self._req_lock:
            self.requests.append((method, path, status))

    def count(self, method: str, path: str) -> int:
        with self._req_lock:
            return sum(1 for m, p, _ in self.requests if m == method.upper() and p == path)

    # ------------------------------------------------------------------ users
    def user(self, user_id: int | None) -> dict | None:
        if user_id is None:
            return None
        return self._one("SELECT * FROM user WHERE id = ?", (user_id,))

    def user_by_username(self, username: str) -> dict | None:
        return self._one("SELECT * FROM user WHERE username = ?", (username,))

    def authenticate(self, username: str, password: str) -> dict | None:
        user = self.user_by_username(username or "")
        if user and user["active"] and user["password_hash"] == password_hash(password or ""):
            return user
        return None

    # ------------------------------------------------------------------ courses
    def set_password(self, username: str, password: str) -> None:
        """Give a user another password (until the next reset): tests use unusual ones."""
        with self.db() as con:
            con.execute("UPDATE user SET password_hash = ? WHERE username = ?", (password_hash(password), username))

    def course(self, code: str) -> dict | None:
        """code, title, language ("english"/"french"), visibility, subscribe, unsubscribe, intro,
        directory (+ id, category_code, creation_date, department_*, disk_quota, registration_code)."""
        return self._one("SELECT * FROM course WHERE code = ?", (code,))

    def course_codes(self) -> list[str]:
        return [r["code"] for r in self._all("SELECT code FROM course ORDER BY id")]

    def course_users(self, code: str) -> list[dict]:
        """username, firstname, lastname, email, status (1 teacher, 5 student), id — by status then lastname."""
        return self._all(
            "SELECT u.id, u.username, u.firstname, u.lastname, u.email, cu.status FROM course_rel_user cu"
            " JOIN user u ON u.id = cu.user_id WHERE cu.course_code = ? ORDER BY cu.status, u.lastname, u.id",
            (code,))

    def user_courses(self, user_id: int) -> list[dict]:
        """The courses a user is subscribed to (with their course status as ``rel_status``)."""
        return self._all(
            "SELECT c.*, cu.status AS rel_status FROM course_rel_user cu JOIN course c ON c.code = cu.course_code"
            " WHERE cu.user_id = ? ORDER BY c.title", (user_id,))

    def course_status(self, user_id: int | None, code: str) -> int | None:
        """1 (teacher), 5 (student) or None (not subscribed)."""
        if user_id is None:
            return None
        row = self._one("SELECT status FROM course_rel_user WHERE course_code = ? AND user_id = ?", (code, user_id))
        return row["status"] if row else None

    def is_course_admin(self, user_id: int | None, code: str) -> bool:
        """Chamilo's api_is_allowed_to_edit() in a course: platform admin or course teacher."""
        user = self.user(user_id)
        if not user:
            return False
        return bool(user["is_admin"]) or self.course_status(user_id, code) == 1

    def can_enter_course(self, user_id: int | None, code: str) -> bool:
        user = self.user(user_id)
        if not user or not self.course(code):
            return False
        return bool(user["is_admin"]) or self.course_status(user_id, code) is not None

    def course_dir(self, code: str) -> Path:
        course = self.course(code)
        return self.courses_dir / (course["directory"] if course else code)

    def course_teachers(self, code: str) -> list[dict]:
        return [u for u in self.course_users(code) if u["status"] == 1]

    # ------------------------------------------------------------------ course content
    def documents(self, code: str) -> list[dict]:
        """Document rows of a course, sorted by path (case-insensitive), as Chamilo lists them."""
        course = self.course(code)
        if not course:
            return []
        rows = self._all("SELECT * FROM document WHERE c_id = ?", (course["id"],))
        return sorted(rows, key=lambda r: r["path"].lower())

    def links(self, code: str) -> list[dict]:
        course = self.course(code)
        return self._all("SELECT * FROM link WHERE c_id = ? ORDER BY display_order, iid", (course["id"],)) if course else []

    def announcements(self, code: str) -> list[dict]:
        course = self.course(code)
        return self._all("SELECT * FROM announcement WHERE c_id = ? ORDER BY display_order, iid",
                         (course["id"],)) if course else []

    def course_descriptions(self, code: str) -> list[dict]:
        course = self.course(code)
        return self._all("SELECT * FROM course_description WHERE c_id = ? ORDER BY description_type, iid",
                         (course["id"],)) if course else []

    def course_files(self, code: str) -> dict[str, bytes]:
        """Documents on disk: {stored path under document/ (e.g. "Semaine-1/cours.pdf"): bytes}."""
        root = self.course_dir(code) / "document"
        out: dict[str, bytes] = {}
        if not root.exists():
            return out
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                full = Path(dirpath) / name
                out[full.relative_to(root).as_posix()] = full.read_bytes()
        return out

    # ------------------------------------------------------------------ tests and forums (issue 20)
    def add_quiz(self, code: str, title: str, questions: list, description: str = "") -> int:
        """A test in the course: questions [(question, 1 unique | 2 multiple answer, [(answer,
        correct, weight, comment)])]. Returns its id (see course_content.py)."""
        with self.db() as con:
            return course_content.add_quiz(con, self.course(code)["id"], title, description, questions)

    def add_forum_thread(self, code: str, category: str, forum: str, thread: str, posts: list) -> int:
        """A forum thread [(poster username, title, text)…], its forum and category made when missing."""
        ids = {p[0]: (self.user_by_username(p[0]) or {}).get("id") for p in posts}
        with self.db() as con:
            return course_content.add_forum_thread(con, self.course(code)["id"], category, forum, thread,
                                                   [(ids[u], t, x) for u, t, x in posts])

    def quizzes(self, code: str) -> list[dict]:
        """The course's tests, each with its ``questions`` (and their ``answers``)."""
        course = self.course(code)
        out = course_content.quizzes(self, course["id"]) if course else []
        for quiz in out:
            quiz["questions"] = course_content.questions(self, quiz["iid"])
        return out

    def forums(self, code: str) -> dict[str, list[dict]]:
        """{"Forum_Category", "forum", "thread", "post": rows} of the course."""
        course = self.course(code)
        return course_content.forum_rows(self, course["id"]) if course else {}

    def backups(self) -> list[Path]:
        """Zips made by create_backup.php, oldest first."""
        if not self.backup_dir.exists():
            return []
        return sorted(self.backup_dir.glob("*.zip"), key=lambda p: p.stat().st_mtime)

    def describe(self) -> dict[str, Any]:
        return {"data_dir": str(self.data_dir), "courses": self.course_codes(), "big_course": self.big_course,
                "extra_courses": self.extra_courses}
