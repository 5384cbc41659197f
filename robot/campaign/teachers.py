"""Per-teacher views of a campaign (issue 19): which courses each teacher has and what was done to
each — the report's "by teacher" grouping, and `--teacher-summaries DIR`: one small page per teacher
(`DIR/<teacher>.html`, ready to send by the team) and `DIR/summaries.csv` (one line per teacher).

A course's teachers come from the campaign's journal: the plan's `teachers` column when it has one,
else what the plan check read on the site (a platform admin's course export; a teacher's campaign:
the teacher). A course whose teachers are not known is listed under "(unknown)".
"""
from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from robot import output
from robot.csv_cells import safe_row
from robot.files import make_dirs, open_new

UNKNOWN = "(unknown)"
TEMPLATE = "teacher_summary.html.j2"

# what a person reads, EN and FR (the campaign's --lang)
WORDS = {
    "en": {"backup": "backup {file} ({size})", "new_course": "next year's course {code}", "archived": "archived ({label})",
           "announced": "announcement “{title}” posted{email}", "by_email": " and sent by e-mail",
           "unsubscribed": "{n} learner(s) unsubscribed (roster kept)", "granted": "{user} made a teacher",
           "handed_over": "handed over to {user}", "left": "{user} left it", "copied": "copied into {code}",
           "deleted": "deleted", "emptied": "emptied", "revoked": "{user}'s teacher rights removed",
           "not_done": "not done ({name}): {message}", "waiting": "not run yet ({name})", "done": "{name} done",
           "title": "End of year: your courses", "intro": "What the e-learning team did to your courses on {site}.",
           "course": "course", "what": "what was done", "status": "status", "ok": "done", "failed": "failed"},
    "fr": {"backup": "sauvegarde {file} ({size})", "new_course": "cours de l'année prochaine {code}",
           "archived": "archivé ({label})", "announced": "annonce « {title} » publiée{email}",
           "by_email": " et envoyée par courriel", "unsubscribed": "{n} apprenant(s) désinscrit(s) (liste gardée)",
           "granted": "{user} est devenu enseignant", "handed_over": "confié à {user}", "left": "{user} l'a quitté",
           "copied": "copié dans {code}", "deleted": "supprimé", "emptied": "vidé",
           "revoked": "droits d'enseignant de {user} retirés", "not_done": "non fait ({name}) : {message}",
           "waiting": "pas encore fait ({name})", "done": "{name} fait",
           "title": "Fin d'année : vos cours", "intro": "Ce que l'équipe e-learning a fait de vos cours sur {site}.",
           "course": "cours", "what": "ce qui a été fait", "status": "état", "ok": "fait", "failed": "échec"},
}


def human_size(n: Any) -> str:
    """The robot's sizes (robot/output.py), "?" when the journal has none."""
    try:
        return output.human_size(n)
    except (TypeError, ValueError):
        return "?"


def _option(argv: list[str], flag: str) -> str:
    return argv[argv.index(flag) + 1] if flag in argv and argv.index(flag) + 1 < len(argv) else ""


def command_phrases(cmd: dict[str, Any], lang: str = "en") -> list[str]:
    """What one command of the journal did to the course, in a few words (nothing when not done)."""
    w = WORDS.get(lang, WORDS["en"])
    name, status, ev = cmd["name"], cmd["status"], cmd.get("evidence") or {}
    if status == "failed":
        message = ((cmd.get("error") or {}).get("message") or "").strip()
        return [w["not_done"].format(name=name, message=message[:160])]
    if status != "done":
        return [w["waiting"].format(name=name)]
    out: list[str] = []
    backup = ev if name == "backup" else ev.get("backup") if isinstance(ev.get("backup"), dict) else None
    if backup and backup.get("path") and (name == "backup" or ev.get("backup", {}).get("made_in_this_run", True)):
        phrase = w["backup"].format(file=Path(backup["path"]).name, size=human_size(backup.get("size")))
        out.append(phrase if backup.get("size") is not None else phrase.replace(" (?)", ""))
    if name == "rollover" and (ev.get("new_course") or {}).get("code"):
        out.append(w["new_course"].format(code=ev["new_course"]["code"]))
    elif name == "archive":
        out.append(w["archived"].format(label=ev.get("label") or ""))
    elif name == "announce":
        out.append(w["announced"].format(title=ev.get("title") or "", email=w["by_email"] if ev.get("email") else ""))
    elif name == "unsubscribe-students":
        out.append(w["unsubscribed"].format(n=ev.get("unsubscribed", 0)))
    elif name == "grant":
        out.append(w["granted"].format(user=ev.get("user") or _option(cmd.get("argv", []), "--user")))
    elif name == "revoke":
        out.append(w["revoked"].format(user=ev.get("user") or _option(cmd.get("argv", []), "--user")))
    elif name == "handover":
        out.append(w["handed_over"].format(user=ev.get("to") or _option(cmd.get("argv", []), "--to")))
        if ev.get("left"):
            out.append(w["left"].format(user=ev.get("left")))
    elif name == "copy":
        out.append(w["copied"].format(code=ev.get("destination") or _option(cmd.get("argv", []), "--to")))
    elif name == "delete":
        out.append(w["deleted"])
    elif name == "empty":
        out.append(w["emptied"])
    return out or [w["done"].format(name=name)]


def course_phrases(course: dict[str, Any], lang: str = "en") -> list[str]:
    return [p for cmd in course.get("commands", []) for p in command_phrases(cmd, lang)]


def by_teacher(courses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{teacher, courses: [code…], ok, failed}] sorted by teacher; "(unknown)" last."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for course in courses:
        for teacher in course.get("teachers") or [UNKNOWN]:
            groups.setdefault(teacher, []).append(course)
    out = []
    for teacher in sorted(groups, key=lambda t: (t == UNKNOWN, t.lower())):
        mine = groups[teacher]
        out.append({"teacher": teacher, "courses": [c["code"] for c in mine],
                    "ok": sum(c["status"] == "ok" for c in mine),
                    "failed": sum(c["status"] != "ok" for c in mine)})
    return out


def page_name(teacher: str) -> str:
    """A file name for a teacher's page (usernames may hold dots and @, never a path)."""
    safe = re.sub(r"[^A-Za-z0-9._@-]", "_", teacher).lstrip(".") or "teacher"
    return f"{safe}.html"


def write_summaries(doc: dict[str, Any], folder: Path, lang: str = "en") -> tuple[Path, list[Path]]:
    """One page per teacher and summaries.csv in ``folder`` (mode 0600: they name people and files)."""
    make_dirs(folder)  # a folder the robot makes is private (0700); one that exists is left as it is
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True)
    template = env.get_template(TEMPLATE)
    words = WORDS.get(lang, WORDS["en"])
    courses = {c["code"]: c for c in doc["courses"]}
    pages: list[Path] = []
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\n")
    writer.writerow(["teacher", "courses", "done", "failed", "page", "summary"])
    for group in doc.get("by_teacher") or by_teacher(doc["courses"]):
        mine = [courses[code] for code in group["courses"]]
        rows = [{"code": c["code"], "title": c.get("title") or "", "status": c["status"],
                 "phrases": course_phrases(c, lang)} for c in mine]
        path = folder / page_name(group["teacher"])
        n = 1
        while path in pages:  # two usernames with the same safe name ("a b", "a_b")
            n += 1
            path = folder / page_name(f"{group['teacher']}-{n}")
        _private_write(path, template.render(teacher=group["teacher"], rows=rows, w=words, lang=lang,
                                             site=doc.get("site") or "", generated=doc.get("generated", "")))
        pages.append(path)
        summary = "; ".join(f"{r['code']}: {', '.join(r['phrases'])}" for r in rows)
        writer.writerow(safe_row([group["teacher"], " ".join(group["courses"]), group["ok"], group["failed"],
                                  path.name, summary]))
    csv_path = folder / "summaries.csv"
    _private_write(csv_path, "\ufeff" + buf.getvalue())
    return csv_path, pages


def _private_write(path: Path, text: str) -> None:
    """A new file, mode 0600, never written through a symbolic link (robot/files.py)."""
    with os.fdopen(open_new(path), "w", encoding="utf-8") as fh:
        fh.write(text)
