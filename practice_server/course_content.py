"""Tests and forums of the practice Chamilo (issue 20): their tables, how a test adds them, how a
backup encodes them and how a course loses them when emptied.

The backup encoding follows ../shared/chamilo/samples/RICH-backup.md (a real 1.11.32 backup):
``Quiz`` keeps its c_quiz row as a stdClass in ``obj`` plus ``question_ids`` / ``question_orders``;
``QuizQuestion`` has ``answers`` (id, answer, correct, comment, ponderation, position…);
``ForumCategory`` / ``Forum`` / ``ForumTopic`` / ``ForumPost`` keep their rows in ``obj``; and, as
real Chamilo does (CourseBuilder: ``ORDER BY post_id ASC LIMIT 1``), **only the first post of each
thread** goes into a backup although the thread row still counts its replies.
"""

from __future__ import annotations

import datetime as dt

from chamilo_backup.phpserial import PHPObject

SCHEMA = """
CREATE TABLE quiz (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    type INTEGER NOT NULL DEFAULT 2, active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE quiz_question (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, question TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
    ponderation REAL NOT NULL DEFAULT 0, type INTEGER NOT NULL DEFAULT 1, position INTEGER NOT NULL DEFAULT 1,
    level INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE quiz_rel_question (quiz_id INTEGER NOT NULL, question_id INTEGER NOT NULL, question_order INTEGER NOT NULL);
CREATE TABLE quiz_answer (
    iid INTEGER PRIMARY KEY, question_id INTEGER NOT NULL, answer TEXT NOT NULL, correct INTEGER NOT NULL DEFAULT 0,
    comment TEXT NOT NULL DEFAULT '', ponderation REAL NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE forum_category (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, cat_title TEXT NOT NULL, cat_comment TEXT NOT NULL DEFAULT '',
    cat_order INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE forum (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, forum_title TEXT NOT NULL, forum_comment TEXT NOT NULL DEFAULT '',
    forum_category INTEGER NOT NULL DEFAULT 0, forum_order INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE forum_thread (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, forum_id INTEGER NOT NULL, thread_title TEXT NOT NULL,
    thread_poster_id INTEGER, thread_date TEXT, thread_replies INTEGER NOT NULL DEFAULT 0, thread_last_post INTEGER
);
CREATE TABLE forum_post (
    iid INTEGER PRIMARY KEY, c_id INTEGER NOT NULL, thread_id INTEGER NOT NULL, forum_id INTEGER NOT NULL,
    post_title TEXT NOT NULL, post_text TEXT NOT NULL, poster_id INTEGER, post_date TEXT, post_parent_id INTEGER
);
"""

NS_RES = "Chamilo\\CourseBundle\\Component\\CourseCopy\\Resources\\"


def _now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")


# ---------------------------------------------------------------- adding (tests, the import)
def add_quiz(con, c_id: int, title: str, description: str,
             questions: list[tuple[str, int, list[tuple[str, bool, float, str]]]]) -> int:
    """A test with its questions: (question, type 1 unique / 2 multiple, [(answer, correct, weight,
    comment)]). The question's score is the sum of its answers' positive weights. Returns its id."""
    quiz_id = con.execute("INSERT INTO quiz (c_id, title, description) VALUES (?,?,?)",
                          (c_id, title, description)).lastrowid
    for order, (text, qtype, answers) in enumerate(questions, start=1):
        score = sum(w for _a, _c, w, _m in answers if w > 0)
        qid = con.execute("INSERT INTO quiz_question (c_id, question, ponderation, type, position) VALUES (?,?,?,?,?)",
                          (c_id, text, score, qtype, order)).lastrowid
        con.execute("INSERT INTO quiz_rel_question VALUES (?,?,?)", (quiz_id, qid, order))
        for pos, (answer, correct, weight, comment) in enumerate(answers, start=1):
            con.execute("INSERT INTO quiz_answer (question_id, answer, correct, comment, ponderation, position)"
                        " VALUES (?,?,?,?,?,?)", (qid, answer, int(bool(correct)), comment, weight, pos))
    return quiz_id


def add_forum_thread(con, c_id: int, category: str, forum: str, thread: str,
                     posts: list[tuple[int, str, str]]) -> int:
    """A thread (in its forum and category, made when missing) with its posts [(poster id, title,
    text)], the first one opening the thread. Returns the thread id."""
    row = con.execute("SELECT iid FROM forum_category WHERE c_id = ? AND cat_title = ?", (c_id, category)).fetchone()
    cat_id = row[0] if row else con.execute("INSERT INTO forum_category (c_id, cat_title) VALUES (?,?)",
                                            (c_id, category)).lastrowid
    row = con.execute("SELECT iid FROM forum WHERE c_id = ? AND forum_title = ?", (c_id, forum)).fetchone()
    forum_id = row[0] if row else con.execute("INSERT INTO forum (c_id, forum_title, forum_category) VALUES (?,?,?)",
                                              (c_id, forum, cat_id)).lastrowid
    when = _now()
    first_poster = posts[0][0] if posts else None
    thread_id = con.execute("INSERT INTO forum_thread (c_id, forum_id, thread_title, thread_poster_id, thread_date,"
                            " thread_replies) VALUES (?,?,?,?,?,?)",
                            (c_id, forum_id, thread, first_poster, when, max(0, len(posts) - 1))).lastrowid
    parent = None
    last = None
    for poster, title, text in posts:
        last = con.execute("INSERT INTO forum_post (c_id, thread_id, forum_id, post_title, post_text, poster_id,"
                           " post_date, post_parent_id) VALUES (?,?,?,?,?,?,?,?)",
                           (c_id, thread_id, forum_id, title, text, poster, when, parent)).lastrowid
        parent = parent or last
    con.execute("UPDATE forum_thread SET thread_last_post = ? WHERE iid = ?", (last, thread_id))
    return thread_id


# ---------------------------------------------------------------- reading
def quizzes(state, c_id: int) -> list[dict]:
    return state._all("SELECT * FROM quiz WHERE c_id = ? ORDER BY iid", (c_id,))


def questions(state, quiz_id: int) -> list[dict]:
    """The test's questions in order, each with its ``answers``."""
    rows = state._all("SELECT q.*, r.question_order FROM quiz_rel_question r JOIN quiz_question q ON q.iid = "
                      "r.question_id WHERE r.quiz_id = ? ORDER BY r.question_order", (quiz_id,))
    for q in rows:
        q["answers"] = state._all("SELECT * FROM quiz_answer WHERE question_id = ? ORDER BY position", (q["iid"],))
    return rows


def forum_rows(state, c_id: int) -> dict[str, list[dict]]:
    """{"Forum_Category": […], "forum": […], "thread": […], "post": […]} of a course."""
    out = {}
    for key, table in (("Forum_Category", "forum_category"), ("forum", "forum"), ("thread", "forum_thread"),
                       ("post", "forum_post")):
        out[key] = state._all(f"SELECT * FROM {table} WHERE c_id = ? ORDER BY iid", (c_id,))
    return out


# ---------------------------------------------------------------- backup encoding (RICH-backup.md)
def _base(source_id: int, rtype: str, obj=None, item_properties=None) -> dict:
    return {"source_id": source_id, "destination_id": -1, "type": rtype, "linked_resources": {},
            "item_properties": item_properties or [], "obj": obj, "extraFields": {}}


def quiz_resources(state, c_id: int, wanted: set[int] | None) -> tuple[dict, dict]:
    """(quiz resources by id, Exercise_Question resources by id) of the chosen tests (None = all)."""
    quiz_res: dict = {}
    question_res: dict = {}
    for quiz in quizzes(state, c_id):
        if wanted is not None and quiz["iid"] not in wanted:
            continue
        qs = questions(state, quiz["iid"])
        row = PHPObject("stdClass", {
            "iid": quiz["iid"], "c_id": c_id, "id": None, "title": quiz["title"], "description": quiz["description"],
            "sound": "", "type": quiz["type"], "random": 0, "random_answers": 0, "active": quiz["active"],
            "results_disabled": 0, "access_condition": None, "max_attempt": 0, "start_time": None, "end_time": None,
            "feedback_type": 0, "expired_time": 0, "session_id": 0, "propagate_neg": 0, "save_correct_answers": 0,
            "review_answers": 0, "random_by_category": 0, "text_when_finished": "", "display_category_name": 0,
            "pass_percentage": 0, "question_selection_type": 1, "hide_question_title": 0,
            "quiz_type": quiz["type"], "question_ids": [q["iid"] for q in qs],
            "question_orders": [q["question_order"] for q in qs]})
        props = _base(quiz["iid"], "quiz", obj=row)
        quiz_res[quiz["iid"]] = PHPObject(NS_RES + "Quiz", props)
        for q in qs:
            answers = [{"id": a["iid"], "answer": a["answer"], "correct": a["correct"], "comment": a["comment"],
                        "ponderation": float(a["ponderation"]), "position": a["position"], "hotspot_coordinates": "",
                        "hotspot_type": ""} for a in q["answers"]]
            qprops = _base(q["iid"], "Exercise_Question")
            qprops.update({"question": q["question"], "description": q["description"],
                           "ponderation": float(q["ponderation"]), "quiz_type": q["type"], "position": q["position"],
                           "level": q["level"], "answers": answers, "picture": "", "extra": "",
                           "question_category": 0})
            question_res[q["iid"]] = PHPObject(NS_RES + "QuizQuestion", qprops)
    return quiz_res, question_res


def forum_resources(state, c_id: int, selection: dict[str, set[int]] | None) -> dict[str, dict]:
    """Forum_Category, forum, thread and post resources; only the first post of each thread."""
    rows = forum_rows(state, c_id)

    def chosen(key: str) -> list[dict]:
        if selection is None:
            return rows[key]
        return [r for r in rows[key] if r["iid"] in selection.get(key, set())]

    out: dict[str, dict] = {}
    cats = {r["iid"]: PHPObject(NS_RES + "ForumCategory", _base(r["iid"], "Forum_Category", PHPObject("stdClass", {
        "iid": r["iid"], "c_id": c_id, "cat_title": r["cat_title"], "cat_comment": r["cat_comment"],
        "cat_order": r["cat_order"], "locked": 0, "session_id": 0, "cat_id": r["iid"]}))) for r in chosen("Forum_Category")}
    forums = {}
    for r in chosen("forum"):
        props = _base(r["iid"], "forum", PHPObject("stdClass", {
            "iid": r["iid"], "c_id": c_id, "forum_id": r["iid"], "forum_title": r["forum_title"],
            "forum_comment": r["forum_comment"], "forum_threads": None, "forum_posts": None, "forum_last_post": None,
            "forum_category": r["forum_category"], "allow_anonymous": 0, "allow_edit": 0, "approval_direct_post": "0",
            "allow_attachments": 1, "allow_new_threads": 1, "default_view": "flat", "forum_of_group": "0",
            "forum_group_public_private": "public", "forum_order": r["forum_order"], "locked": 0, "session_id": 0,
            "forum_image": "", "start_time": None, "end_time": None, "lp_id": 0, "moderated": 0}))
        for name in ("title", "description", "category_id", "last_post", "topics", "posts", "allow_anonymous",
                     "allow_edit", "approval_direct_post", "allow_attachements", "allow_new_topics", "default_view",
                     "of_group", "group_public_private", "order", "locked", "session_id", "image"):
            props[name] = None
        forums[r["iid"]] = PHPObject(NS_RES + "Forum", props)
    threads, posts = {}, {}
    for r in chosen("thread"):
        threads[r["iid"]] = PHPObject(NS_RES + "ForumTopic", _base(r["iid"], "thread", PHPObject("stdClass", {
            "iid": r["iid"], "c_id": c_id, "thread_id": r["iid"], "thread_title": r["thread_title"],
            "forum_id": r["forum_id"], "thread_replies": r["thread_replies"], "thread_poster_id": r["thread_poster_id"],
            "thread_poster_name": None, "thread_views": 0, "thread_last_post": r["thread_last_post"],
            "thread_date": r["thread_date"], "thread_sticky": 0, "locked": 0, "session_id": 0,
            "thread_title_qualify": "", "thread_qualify_max": 0.0, "thread_close_date": None, "thread_weight": 0.0,
            "thread_peer_qualify": 0, "lp_item_id": 0})))
        first = next((p for p in rows["post"] if p["thread_id"] == r["iid"]), None)  # ORDER BY post_id LIMIT 1
        if first is not None:
            posts[first["iid"]] = PHPObject(NS_RES + "ForumPost", _base(first["iid"], "post", PHPObject("stdClass", {
                "iid": first["iid"], "c_id": c_id, "post_id": first["iid"], "post_title": first["post_title"],
                "post_text": first["post_text"], "thread_id": first["thread_id"], "forum_id": first["forum_id"],
                "poster_id": first["poster_id"], "poster_name": None, "post_date": first["post_date"],
                "post_notification": 0, "post_parent_id": first["post_parent_id"], "visible": 1, "status": 1})))
    for key, items in (("Forum_Category", cats), ("forum", forums), ("thread", threads), ("post", posts)):
        if items:
            out[key] = items
    return out


def select_items(state, c_id: int) -> tuple[list[dict], list[dict]]:
    """The CourseSelectForm entries of the course's tests and of its forums (type, id, label)."""
    quiz_items = [{"id": q["iid"], "label": q["title"], "row": q} for q in quizzes(state, c_id)]
    rows = forum_rows(state, c_id)
    forum_items = []
    for cat in rows["Forum_Category"]:
        forum_items.append({"type": "Forum_Category", "id": cat["iid"], "label": cat["cat_title"]})
        for forum in (f for f in rows["forum"] if f["forum_category"] == cat["iid"]):
            forum_items.append({"type": "forum", "id": forum["iid"], "label": forum["forum_title"]})
            for thread in (t for t in rows["thread"] if t["forum_id"] == forum["iid"]):
                forum_items.append({"type": "thread", "id": thread["iid"], "label": thread["thread_title"]})
    return quiz_items, forum_items


# ---------------------------------------------------------------- emptying (CourseRecycler)
def recycle(con, c_id: int, selection: dict[str, set[int]] | None) -> dict[str, int]:
    """Remove the course's tests and forums (all, or the selected ids); how many of each went."""
    removed: dict[str, int] = {}
    quiz_ids = [r[0] for r in con.execute("SELECT iid FROM quiz WHERE c_id = ?", (c_id,))]
    if selection is not None:
        quiz_ids = [i for i in quiz_ids if i in selection.get("quiz", set())]
    for qid in quiz_ids:
        for (question_id,) in con.execute("SELECT question_id FROM quiz_rel_question WHERE quiz_id = ?", (qid,)).fetchall():
            con.execute("DELETE FROM quiz_answer WHERE question_id = ?", (question_id,))
            con.execute("DELETE FROM quiz_question WHERE iid = ?", (question_id,))
        con.execute("DELETE FROM quiz_rel_question WHERE quiz_id = ?", (qid,))
        con.execute("DELETE FROM quiz WHERE iid = ?", (qid,))
    removed["quiz"] = len(quiz_ids)
    for key, table in (("thread", "forum_thread"), ("forum", "forum"), ("Forum_Category", "forum_category")):
        ids = [r[0] for r in con.execute(f"SELECT iid FROM {table} WHERE c_id = ?", (c_id,))]
        if selection is not None:
            ids = [i for i in ids if i in selection.get(key, set())]
        for iid in ids:
            if key == "thread":
                con.execute("DELETE FROM forum_post WHERE thread_id = ?", (iid,))
            con.execute(f"DELETE FROM {table} WHERE iid = ?", (iid,))
        removed[key] = len(ids)
    return removed
