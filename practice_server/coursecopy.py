"""Creating a course (add_course.php) and copying one into another (copy_course.php), the way
Chamilo 1.11 does it (CourseManager::create_course, CourseRestorer with its file option).

Copy semantics for documents (CourseRestorer::restore_documents, 1.11; ``place_file``, which Import
backup uses too — practice_server/restore.py):

- a folder that exists in the target is kept (merged); a missing one is created with the source title;
- a file whose stored path does not exist in the target is copied (missing parent folders created);
- a file whose stored path exists in the target (``file_exists`` on disk):
  - ``FILE_SKIP`` (1): nothing happens, the target's file and row are kept;
  - ``FILE_RENAME`` (2): copied as ``<name>_<i><.ext>`` with the first ``i`` >= 1 that is free on
    disk (``file.pdf`` → ``file_1.pdf``, then ``file_2.pdf``), in its folder; the row keeps the
    source's title;
  - ``FILE_OVERWRITE`` (3): the target file gets the source's bytes; its row gets the source's title,
    comment and size.

Links, announcements and course descriptions are always added (Chamilo does not deduplicate them:
copying twice gives them twice).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Callable

FILE_SKIP, FILE_RENAME, FILE_OVERWRITE = 1, 2, 3

CODE_MAX = 40


def now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------- add_course.php
def clean_code(wanted: str, title: str) -> str:
    """The code Chamilo keeps: the wanted code (or, if empty, one made from the title), upper-cased,
    letters and digits only, at most 40 characters."""
    base = wanted.strip() or title
    return re.sub(r"[^A-Za-z0-9]", "", base).upper()[:CODE_MAX]


def code_exists(state, code: str) -> bool:
    with state.db() as con:
        row = con.execute("SELECT 1 FROM course WHERE upper(code) = ?", (code.upper(),)).fetchone()
    return row is not None


def create_course(state, *, code: str, title: str, language: str, category: str | None, teacher_id: int) -> dict:
    """Insert the course, make ``teacher_id`` its teacher, create its document folder with the
    default ``/certificates`` folder (as a 1.11.32 course has). Returns the course row."""
    when = now()
    directory = code
    with state.db() as con:
        cur = con.execute(
            "INSERT INTO course (code, title, language, directory, category_code, creation_date) VALUES (?,?,?,?,?,?)",
            (code, title, language, directory, category or None, when))
        cid = cur.lastrowid
        con.execute("INSERT INTO course_rel_user VALUES (?,?,1)", (code, teacher_id))
        con.execute(
            "INSERT INTO document (c_id, path, title, filetype, size, insert_user_id, insert_date, lastedit_date)"
            " VALUES (?,?,?,?,?,?,?,?)", (cid, "/certificates", "Certificates", "folder", 0, teacher_id, when, when))
    root = state.courses_dir / directory / "document"
    (root / "certificates").mkdir(parents=True, exist_ok=True)
    return state.course(code)


# ---------------------------------------------------------------- copy_course.php
def renamed_path(root: Path, path: str) -> str:
    """CourseRestorer's FILE_RENAME name: ``/dir/file.pdf`` → ``/dir/file_1.pdf`` (then ``_2`` …),
    the first one that does not exist under ``root`` (the target's document/ folder)."""
    base = path.rsplit("/", 1)[-1]
    parts = base.split(".")
    if len(parts) > 1:
        ext = parts[-1]
        stem = path[: -(len(ext) + 1)]
        ext = "." + ext
    else:
        ext, stem = "", path
    i = 1
    while (root / f"{stem}_{i}{ext}".lstrip("/")).exists():
        i += 1
    return f"{stem}_{i}{ext}"


def _doc_row(con, c_id: int, path: str):
    return con.execute("SELECT * FROM document WHERE c_id = ? AND path = ?", (c_id, path)).fetchone()


def _ensure_folders(con, c_id: int, root: Path, path: str, titles: dict[str, str], user_id: int, when: str) -> None:
    """Create the missing parent folders of ``path`` (on disk and as rows), as restore_documents does."""
    parts = path.strip("/").split("/")[:-1]
    for i in range(1, len(parts) + 1):
        folder = "/" + "/".join(parts[:i])
        disk = root / folder.lstrip("/")
        if not disk.is_dir():
            disk.mkdir(parents=True, exist_ok=True)
        if _doc_row(con, c_id, folder) is None:
            con.execute(
                "INSERT INTO document (c_id, path, title, filetype, size, insert_user_id, insert_date, lastedit_date)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (c_id, folder, titles.get(folder, parts[i - 1]), "folder", 0, user_id, when, when))


def place_file(con, c_id: int, root: Path, path: str, write: Callable[[Path], None],
               row: tuple[str, str | None, int], file_option: int, titles: dict[str, str], user_id: int, when: str,
               done: dict[str, list], at: Callable[[str], Path] | None = None) -> None:
    """CourseRestorer's rule for one file (restore_documents), the same for Copy course and Import
    backup: ``path`` new → added with its missing folders; existing → skipped, overwritten (bytes and
    row) or renamed ``name_<i>.ext`` (a new row, the title kept). ``write(target)`` puts the bytes
    there, ``row`` = (title, comment, size), ``at(path)`` is where a course path lands on disk (the
    import checks it stays in the course), ``done`` gets the outcome."""
    at = at or (lambda p: root / p.lstrip("/"))
    title, comment, size = row
    disk = at(path)
    if disk.exists():
        if file_option == FILE_SKIP:
            done["skipped"].append(path)
            return
        if file_option == FILE_OVERWRITE:
            write(disk)
            if _doc_row(con, c_id, path) is None:
                _insert_file(con, c_id, path, row, user_id, when)
            else:
                con.execute("UPDATE document SET title = ?, comment = ?, size = ?, lastedit_date = ?"
                            " WHERE c_id = ? AND path = ?", (title, comment, size, when, c_id, path))
            done["overwritten"].append(path)
            return
        new_path = renamed_path(root, path)
        write(at(new_path))
        _insert_file(con, c_id, new_path, row, user_id, when)
        done["renamed"].append((path, new_path))
        return
    _ensure_folders(con, c_id, root, path, titles, user_id, when)
    write(disk)
    _insert_file(con, c_id, path, row, user_id, when)
    done["added"].append(path)


def _insert_file(con, c_id: int, path: str, row: tuple[str, str | None, int], user_id: int, when: str) -> None:
    title, comment, size = row
    con.execute("INSERT INTO document (c_id, path, title, comment, filetype, size, insert_user_id, insert_date,"
                " lastedit_date) VALUES (?,?,?,?,?,?,?,?,?)", (c_id, path, title, comment, "file", size, user_id, when,
                                                               when))


def copy_course(state, source: str, target: str, file_option: int, user_id: int,
                selection: dict[str, set[int]] | None = None) -> dict[str, list]:
    """Copy ``source`` into ``target`` (full copy when ``selection`` is None, else only the chosen
    resource ids per type). Returns what happened: {"added": [...], "skipped": [...],
    "renamed": [(from, to)], "overwritten": [...], "folders": [...], "links": n, ...}."""
    if file_option not in (FILE_SKIP, FILE_RENAME, FILE_OVERWRITE):
        file_option = FILE_OVERWRITE
    src, dst = state.course(source), state.course(target)
    src_root = state.course_dir(source) / "document"
    dst_root = state.course_dir(target) / "document"
    dst_root.mkdir(parents=True, exist_ok=True)
    when = now()

    def chosen(rtype: str, rows: list[dict]) -> list[dict]:
        if selection is None:
            return rows
        wanted = selection.get(rtype, set())
        return [r for r in rows if r["iid"] in wanted]

    docs = chosen("document", state.documents(source))
    links = chosen("link", state.links(source))
    anns = chosen("announcement", state.announcements(source))
    descs = chosen("course_description", state.course_descriptions(source))
    titles = {d["path"]: d["title"] for d in state.documents(source) if d["filetype"] == "folder"}
    done: dict[str, list] = {"added": [], "skipped": [], "renamed": [], "overwritten": [], "folders": []}
    with state.db() as con:
        c_id = dst["id"]
        for doc in docs:
            path = doc["path"]
            disk = dst_root / path.lstrip("/")
            if doc["filetype"] == "folder":
                if not disk.is_dir():
                    _ensure_folders(con, c_id, dst_root, path + "/x", {**titles, path: doc["title"]}, user_id, when)
                    done["folders"].append(path)
                continue
            origin = src_root / path.lstrip("/")
            if not origin.is_file():
                continue
            place_file(con, c_id, dst_root, path, lambda target, origin=origin: shutil.copyfile(origin, target),
                       (doc["title"], doc["comment"], doc["size"]), file_option, titles, user_id, when, done)

        order = con.execute("SELECT COALESCE(MAX(display_order), 0) FROM link WHERE c_id = ?", (c_id,)).fetchone()[0]
        for link in links:
            order += 1
            con.execute(
                "INSERT INTO link (c_id, url, title, description, category_id, display_order, on_homepage, target,"
                " insert_user_id, insert_date) VALUES (?,?,?,?,0,?,?,?,?,?)",
                (c_id, link["url"], link["title"], link["description"], order, link["on_homepage"], link["target"],
                 user_id, when))
        order = con.execute("SELECT COALESCE(MAX(display_order), 0) FROM announcement WHERE c_id = ?",
                            (c_id,)).fetchone()[0]
        for ann in anns:
            order += 1
            con.execute(
                "INSERT INTO announcement (c_id, title, content, end_date, display_order, email_sent, insert_user_id,"
                " insert_date) VALUES (?,?,?,?,?,0,?,?)",
                (c_id, ann["title"], ann["content"], ann["end_date"], order, user_id, ann["insert_date"]))
        for desc in descs:
            con.execute(
                "INSERT INTO course_description (c_id, title, content, description_type, insert_user_id, insert_date)"
                " VALUES (?,?,?,?,?,?)", (c_id, desc["title"], desc["content"], desc["description_type"], user_id, when))
    done["links"] = [lk["iid"] for lk in links]
    done["announcements"] = [a["iid"] for a in anns]
    done["descriptions"] = [d["iid"] for d in descs]
    done["source"], done["target"] = [src["code"]], [dst["code"]]
    return done
