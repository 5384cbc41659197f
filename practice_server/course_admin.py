"""What the course-administration pages do to the practice Chamilo's data (issue 4): empty a
course (CourseRecycler), delete it (CourseManager::delete_course), change its settings and
introduction, subscribe and unsubscribe users, add announcements.

Page modules call these; tests read the effects through the State API (course, course_files,
course_users, announcements, ...).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time

from . import course_content

STUDENT, TEACHER = 5, 1

# course columns infocours.php saves (the other settings of the form are not kept)
COURSE_FIELDS = ("title", "category_code", "language", "department_name", "department_url", "visibility",
                 "subscribe", "unsubscribe", "registration_code")


# ---------------------------------------------------------------- recycle (empty the course)
def recycle(state, code: str, selection: dict[str, set[int]] | None = None) -> dict[str, int]:
    """Remove the course's content: everything (``selection`` None, "Delete everything") or the
    selected items ({type: {ids}}).  The course, its users and its settings stay.  Returns how many
    items of each type went."""
    course = state.course(code)
    c_id = course["id"]
    removed: dict[str, int] = {}
    docroot = state.course_dir(code) / "document"
    with state.db() as con:
        docs = [dict(r) for r in con.execute("SELECT * FROM document WHERE c_id = ?", (c_id,))]
        if selection is not None:
            wanted = selection.get("document", set())
            chosen = [d for d in docs if d["iid"] in wanted]
            # a folder takes what it holds with it
            folders = [d["path"].rstrip("/") + "/" for d in chosen if d["filetype"] == "folder"]
            chosen_ids = {d["iid"] for d in chosen} | {d["iid"] for d in docs
                                                      if any(d["path"].startswith(f) for f in folders)}
            docs = [d for d in docs if d["iid"] in chosen_ids]
        for d in sorted(docs, key=lambda d: d["path"].count("/"), reverse=True):
            target = docroot / d["path"].lstrip("/")
            if d["filetype"] == "folder":
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
            con.execute("DELETE FROM document WHERE iid = ?", (d["iid"],))
        removed["document"] = len(docs)
        for rtype, table in (("link", "link"), ("announcement", "announcement"),
                             ("course_description", "course_description")):
            rows = [r["iid"] for r in con.execute(f"SELECT iid FROM {table} WHERE c_id = ?", (c_id,))]
            if selection is not None:
                rows = [i for i in rows if i in selection.get(rtype, set())]
            for iid in rows:
                con.execute(f"DELETE FROM {table} WHERE iid = ?", (iid,))
            removed[rtype] = len(rows)
        removed.update(course_content.recycle(con, c_id, selection))  # issue 20: tests and forums
    if selection is None and docroot.exists():
        for child in docroot.iterdir():  # files on disk without a row go too
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    return removed


# ---------------------------------------------------------------- delete the course
def delete_course(state, code: str) -> None:
    """CourseManager::delete_course: the rows go, the directory moves to the archive (cache)."""
    course = state.course(code)
    if not course:
        return
    c_id = course["id"]
    with state.db() as con:
        for table in ("document", "link", "announcement", "course_description"):
            con.execute(f"DELETE FROM {table} WHERE c_id = ?", (c_id,))
        con.execute("DELETE FROM course_rel_user WHERE course_code = ?", (code,))
        con.execute("DELETE FROM course WHERE code = ?", (code,))
    src = state.courses_dir / course["directory"]
    if src.exists():
        state.archive_dir.mkdir(parents=True, exist_ok=True)
        shutil.move(str(src), str(state.archive_dir / f"{course['directory']}_{int(time.time())}"))


# ---------------------------------------------------------------- settings and introduction
def update_course(state, code: str, **fields) -> None:
    sets = {k: v for k, v in fields.items() if k in COURSE_FIELDS}
    if not sets:
        return
    with state.db() as con:
        con.execute(f"UPDATE course SET {', '.join(f'{k} = ?' for k in sets)} WHERE code = ?",
                    (*sets.values(), code))


def set_intro(state, code: str, html: str) -> None:
    with state.db() as con:
        con.execute("UPDATE course SET intro = ? WHERE code = ?", (html, code))


# ---------------------------------------------------------------- users
def setting_true(state, name: str) -> bool:
    return str(state.settings.get(name, "false")).lower() == "true"


def may_edit_users(state, user: dict | None) -> bool:
    """$canEditUsers: allow_user_course_subscription_by_course_admin, or a platform admin."""
    return bool(user) and (bool(user["is_admin"])
                           or setting_true(state, "allow_user_course_subscription_by_course_admin"))


def subscribe(state, code: str, user_id: int, status: int) -> bool:
    """Subscribe a user (no change if already in the course); True when subscribed now."""
    with state.db() as con:
        if con.execute("SELECT 1 FROM course_rel_user WHERE course_code = ? AND user_id = ?",
                       (code, user_id)).fetchone():
            return False
        con.execute("INSERT INTO course_rel_user (course_code, user_id, status) VALUES (?,?,?)",
                    (code, user_id, status))
    return True


def unsubscribe(state, code: str, user_ids) -> int:
    ids = [int(i) for i in user_ids]
    with state.db() as con:
        n = 0
        for uid in ids:
            n += con.execute("DELETE FROM course_rel_user WHERE course_code = ? AND user_id = ?",
                             (code, uid)).rowcount
    return n


def course_members(state, code: str, status: int, keyword: str = "") -> list[dict]:
    """Users of the course with this course status, matching ``keyword`` (first/last name,
    username, official code), with their platform row."""
    rows = [u for u in state.course_users(code) if u["status"] == status]
    return [u for u in rows if _matches(u, keyword)]


def candidates(state, code: str, status: int, keyword: str = "") -> list[dict]:
    """Users who may be subscribed with ``status``: not in the course; for teachers (type=1) only
    platform teachers (UserManager::getAllowedRolesAsTeacher)."""
    inside = {u["id"] for u in state.course_users(code)}
    with state.db() as con:
        users = [dict(r) for r in con.execute("SELECT * FROM user WHERE active = 1 ORDER BY firstname, lastname, id")]
    out = [u for u in users if u["id"] not in inside and (status != TEACHER or u["status"] == TEACHER)]
    return [u for u in out if _matches(u, keyword)]


def _matches(user: dict, keyword: str) -> bool:
    key = (keyword or "").strip().lower()
    if not key:
        return True
    return any(key in (user.get(f) or "").lower() for f in ("firstname", "lastname", "username", "official_code"))


# ---------------------------------------------------------------- announcements
def add_announcement(state, code: str, title: str, content: str, user_id: int, email: bool,
                     when: dt.datetime | None = None) -> int:
    course = state.course(code)
    stamp = (when or dt.datetime.now()).strftime("%Y-%m-%d %H:%M:%S")
    with state.db() as con:
        order = con.execute("SELECT COALESCE(MAX(display_order), 0) + 1 FROM announcement WHERE c_id = ?",
                            (course["id"],)).fetchone()[0]
        cur = con.execute(
            "INSERT INTO announcement (c_id, title, content, display_order, email_sent, insert_user_id, insert_date)"
            " VALUES (?,?,?,?,?,?,?)", (course["id"], title, content, order, int(bool(email)), user_id, stamp))
        return int(cur.lastrowid)
