"""Import backup (main/coursecopy/import_backup.php → CourseArchiver::readCourse → CourseRestorer), the
way Chamilo 1.11 does it, into the practice course store (UI-REFERENCE §15).

- The zip must hold a decodable ``course_info.dat`` with resources, else "There are no resources in
  backup file" (``NoResources``): a file that is no backup, a zip without it, an empty selection.
- Documents follow the same-name option with a copy's own rule (coursecopy.place_file, §15.2): a folder that
  exists is merged; a file whose stored path exists is skipped (1), renamed ``name_1.ext`` … (2, the
  first free name, title kept) or overwritten (3); a new file is added with its missing folders.
- Announcements, course descriptions, links, tests (with questions and answers) and forums
  (categories, forums, threads, posts) are added again by every import whatever the option.
- Types the practice Chamilo does not model (glossary, learning paths…) are left out.

The zip's paths are checked: nothing is written outside the course's document folder.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from pathlib import Path

from chamilo_backup import CourseInfoError, read_course
from chamilo_backup.content import CourseContent, read_content

from . import course_content
from .coursecopy import FILE_OVERWRITE, FILE_RENAME, FILE_SKIP, _ensure_folders, now, place_file

MAX_COURSE_INFO = 64 * 1024 * 1024


class NoResources(Exception):
    """The file is no backup, or holds nothing to import: "There are no resources in backup file"."""


def read_backup(path: Path) -> CourseContent:
    """What the zip holds (NoResources when it is not a readable Chamilo backup with resources)."""
    try:
        with zipfile.ZipFile(path) as zf:
            content = read_content(read_course(zf, MAX_COURSE_INFO))
    except (zipfile.BadZipFile, OSError, EOFError, CourseInfoError, RuntimeError, NotImplementedError) as err:
        raise NoResources(str(err)) from None
    if not any(content.counts.values()):
        raise NoResources("the backup holds no resources")
    return content


def select_entries(content: CourseContent) -> dict[str, list[dict]]:
    """The CourseSelectForm entries of a backup's items (type → [{id, label}]), as import_backup.php lists them."""
    items: dict[str, list[dict]] = {}
    if content.announcements:
        items["announcement"] = [{"id": a.id, "label": f"{a.date[:10]}: {a.title}"} for a in content.announcements]
    if content.descriptions:
        items["course_description"] = [{"id": d.id, "label": d.title} for d in content.descriptions]
    if content.documents:
        docs = sorted(content.documents, key=lambda d: d.course_path.lower())
        items["document"] = [{"id": d.id, "label": d.course_path + ("" if d.title == posixpath.basename(d.course_path)
                                                                      else " - " + d.title)} for d in docs]
    if content.quizzes:
        items["quiz"] = [{"id": q.id, "label": q.title} for q in content.quizzes]
    if content.links:
        items["link"] = [{"id": lk.id, "label": f"{lk.title} ({lk.url})"} for lk in content.links]
    forum_items = []
    for cat in content.forum_categories:
        forum_items.append({"type": "Forum_Category", "id": cat.id, "label": cat.title})
        for forum in (f for f in content.forums if f.category_id == cat.id):
            forum_items.append({"type": "forum", "id": forum.id, "label": forum.title})
            forum_items += [{"type": "thread", "id": t.id, "label": t.title} for t in content.threads
                            if t.forum_id == forum.id]
    if forum_items:
        items["Forum_Category"] = forum_items
    return items


def _safe(root: Path, course_path: str) -> Path:
    target = (root / course_path.lstrip("/")).resolve()
    if root.resolve() not in target.parents and target != root.resolve():
        raise NoResources(f"a document path leaves the course folder: {course_path!r}")
    return target


def restore(state, code: str, zip_path: Path, file_option: int, user_id: int,
            selection: dict[str, set[int]] | None = None) -> dict[str, list]:
    """Import the backup into course ``code`` (everything, or ``selection`` = {type: {ids}}).
    Returns what happened (added, skipped, renamed (from, to), overwritten, folders, per-type ids)."""
    if file_option not in (FILE_SKIP, FILE_RENAME, FILE_OVERWRITE):
        file_option = FILE_OVERWRITE
    content = read_backup(zip_path)
    course = state.course(code)
    c_id = course["id"]
    root = state.course_dir(code) / "document"
    root.mkdir(parents=True, exist_ok=True)
    when = now()

    def chosen(rtype: str, rows: list) -> list:
        if selection is None:
            return rows
        wanted = selection.get(rtype, set())
        return [r for r in rows if r.id in wanted]

    docs = chosen("document", content.documents)
    if selection is not None and not any(selection.values()):
        raise NoResources("nothing was selected")
    titles = {d.course_path: d.title for d in content.folders}
    done: dict[str, list] = {"added": [], "skipped": [], "renamed": [], "overwritten": [], "folders": []}
    with zipfile.ZipFile(zip_path) as zf, state.db() as con:
        names = set(zf.namelist())
        for doc in sorted(docs, key=lambda d: (d.course_path.count("/"), d.course_path)):
            path = doc.course_path
            disk = _safe(root, path)
            if doc.is_folder:
                if not disk.is_dir():
                    _ensure_folders(con, c_id, root, path + "/x", {**titles, path: doc.title}, user_id, when)
                    done["folders"].append(path)
                continue
            if doc.path not in names:
                continue
            place_file(con, c_id, root, path, lambda target, name=doc.path: _extract(zf, name, target),
                       (doc.title, doc.comment or None, doc.size), file_option, titles, user_id, when, done,
                       at=lambda p: _safe(root, p))
        done.update(_restore_items(con, c_id, content, chosen, user_id, when))
    return done


def _extract(zf: zipfile.ZipFile, name: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zf.open(name) as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 256 * 1024)


def _restore_items(con, c_id: int, content: CourseContent, chosen, user_id: int, when: str) -> dict[str, list]:
    """Everything but documents: added again by every import."""
    out: dict[str, list] = {}
    order = con.execute("SELECT COALESCE(MAX(display_order), 0) FROM announcement WHERE c_id = ?", (c_id,)).fetchone()[0]
    out["announcements"] = []
    for ann in chosen("announcement", content.announcements):
        order += 1
        con.execute("INSERT INTO announcement (c_id, title, content, end_date, display_order, email_sent, insert_user_id,"
                    " insert_date) VALUES (?,?,?,?,?,0,?,?)", (c_id, ann.title, ann.content, ann.date or None, order,
                                                               user_id, when))
        out["announcements"].append(ann.id)
    out["descriptions"] = []
    for desc in chosen("course_description", content.descriptions):
        con.execute("INSERT INTO course_description (c_id, title, content, description_type, insert_user_id,"
                    " insert_date) VALUES (?,?,?,?,?,?)", (c_id, desc.title, desc.content, desc.kind or 1, user_id, when))
        out["descriptions"].append(desc.id)
    order = con.execute("SELECT COALESCE(MAX(display_order), 0) FROM link WHERE c_id = ?", (c_id,)).fetchone()[0]
    out["links"] = []
    for link in chosen("link", content.links):
        order += 1
        con.execute("INSERT INTO link (c_id, url, title, description, category_id, display_order, on_homepage, target,"
                    " insert_user_id, insert_date) VALUES (?,?,?,?,0,?,'0',?,?,?)",
                    (c_id, link.url, link.title, link.description, order, link.target or "_self", user_id, when))
        out["links"].append(link.id)
    out["quizzes"] = []
    for quiz in chosen("quiz", content.quizzes):
        qs = [content.questions[i] for i in quiz.question_ids if i in content.questions]
        course_content.add_quiz(con, c_id, quiz.title, quiz.description,
                                [(q.title, q.kind or 1, [(a.text, a.correct, a.weight, a.comment) for a in q.answers])
                                 for q in qs])
        out["quizzes"].append(quiz.id)
    # forums: every category, forum, thread and (first) post again, linked by their new ids
    out["forum_categories"], out["forums"], out["threads"] = [], [], []
    new_cat: dict[int, int] = {}
    for cat in chosen("Forum_Category", content.forum_categories):
        new_cat[cat.id] = con.execute("INSERT INTO forum_category (c_id, cat_title, cat_comment) VALUES (?,?,?)",
                                      (c_id, cat.title, cat.comment)).lastrowid
        out["forum_categories"].append(cat.id)
    new_forum: dict[int, int] = {}
    for forum in chosen("forum", content.forums):
        new_forum[forum.id] = con.execute(
            "INSERT INTO forum (c_id, forum_title, forum_comment, forum_category) VALUES (?,?,?,?)",
            (c_id, forum.title, forum.comment, new_cat.get(forum.category_id, 0))).lastrowid
        out["forums"].append(forum.id)
    for thread in chosen("thread", content.threads):
        forum_id = new_forum.get(thread.forum_id, 0)
        thread_id = con.execute(
            "INSERT INTO forum_thread (c_id, forum_id, thread_title, thread_date, thread_replies) VALUES (?,?,?,?,?)",
            (c_id, forum_id, thread.title, thread.date or when, thread.replies)).lastrowid
        last = None
        for post in (p for p in content.posts if p.thread_id == thread.id):
            last = con.execute("INSERT INTO forum_post (c_id, thread_id, forum_id, post_title, post_text, poster_id,"
                               " post_date) VALUES (?,?,?,?,?,?,?)", (c_id, thread_id, forum_id, post.title, post.text,
                                                                      post.poster_id, post.date or when)).lastrowid
        con.execute("UPDATE forum_thread SET thread_last_post = ? WHERE iid = ?", (last, thread_id))
        out["threads"].append(thread.id)
    return out
