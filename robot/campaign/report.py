"""The campaign's report, from its journal(s): one JSON document and one self-contained HTML page
(Jinja2; inline CSS and script, no network): totals, then per course its commands, status, the
duration of each step, backup files with size and sha256, copy reports, roster files, failures with
their diagnosis and links to the screenshot and trace. The page sorts by any column (status first)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape

from robot.errors import UsageError

from .journal import scrubbed
from .teachers import by_teacher

SCHEMA_VERSION = 1
TEMPLATE = "report.html.j2"
STATUS_ORDER = {"failed": 0, "interrupted": 1, "not run": 2, "ok": 3}


def read_journal(path: Path) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """(meta, courses) of one journal (only read; it may still be being written)."""
    if not path.is_file():
        raise FileNotFoundError(path)
    con = sqlite3.connect(path, timeout=30)
    con.row_factory = sqlite3.Row
    try:
        meta = {row["key"]: row["value"] for row in con.execute("SELECT key, value FROM meta")}
        courses = []
        for c in con.execute("SELECT * FROM course ORDER BY position"):
            commands = []
            for cmd in con.execute("SELECT * FROM command WHERE course = ? ORDER BY position", (c["code"],)):
                steps = [dict(name=s["name"], status=s["status"], attempts=s["attempts"],
                              seconds=round((s["finished"] or s["started"] or 0) - (s["started"] or 0), 2),
                              already_done=bool(s["already_done"]), relaunched=bool(s["relaunched"]),
                              changes_site=bool(s["changes_site"]), error=s["error"])
                         for s in con.execute("SELECT * FROM step WHERE course = ? AND position = ? AND run = ? "
                                              "ORDER BY seq", (c["code"], cmd["position"], cmd["runs"]))]
                commands.append(dict(name=cmd["name"], argv=json.loads(cmd["argv"]), status=cmd["status"],
                                     runs=cmd["runs"], worker=cmd["worker"], seconds=cmd["seconds"],
                                     evidence=json.loads(cmd["evidence"]) if cmd["evidence"] else None,
                                     lines=json.loads(cmd["lines"]) if cmd["lines"] else [],
                                     error=json.loads(cmd["error"]) if cmd["error"] else None, steps=steps))
            courses.append(dict(code=c["code"], line=c["line"], shard=c["shard"], commands=commands,
                                status=course_status(commands),
                                seconds=round(sum(x["seconds"] or 0 for x in commands), 1)))
        return meta, courses
    finally:
        con.close()


def course_status(commands: list[dict[str, Any]]) -> str:
    states = [c["status"] for c in commands]
    if any(s == "failed" for s in states):
        return "failed"
    if all(s == "done" for s in states):
        return "ok"
    if all(s == "pending" for s in states):
        return "not run"
    return "interrupted"


def read_journals(paths: list[Path]) -> list[tuple[Path, dict[str, str], list[dict[str, Any]]]]:
    """Each journal's (path, meta, courses); UsageError for a file that is not a campaign journal."""
    found = []
    for path in paths:
        try:
            meta, courses = read_journal(path)
        except (OSError, sqlite3.DatabaseError) as err:
            raise UsageError(f"{path} is not a campaign journal ({err})") from None
        if "plan_courses" not in meta:
            raise UsageError(f"{path} is not a campaign journal (no plan recorded)")
        found.append((path, meta, courses))
    return found


def merge_problems(journals: list[tuple[Path, dict[str, str], list[dict[str, Any]]]]) -> list[str]:
    """Why the shards' journals do not make one campaign: another plan, a course in two journals, a
    planned course in none (a shard not run)."""
    problems: list[str] = []
    planned = [json.loads(meta["plan_courses"]) for _, meta, _ in journals]
    counts = {meta.get("shard", "0/1").split("/")[1] for _, meta, _ in journals}
    if len(counts) > 1 or any(p != planned[0] for p in planned):
        problems.append("the journals are not of one campaign (their plans' courses or shard counts differ): "
                        + ", ".join(f"{path} (shard {meta.get('shard')})" for path, meta, _ in journals))
    seen: dict[str, list[str]] = {}
    for path, _, courses in journals:
        for course in courses:
            seen.setdefault(course["code"], []).append(str(path))
    for code, where in sorted(seen.items()):
        if len(where) > 1:
            problems.append(f"course {code} is in {len(where)} journals: {', '.join(where)}")
    n = next(iter(counts)) if len(counts) == 1 else "?"
    for code, shard in sorted(planned[0].items()):
        if code not in seen:
            problems.append(f"course {code} (shard {shard}/{n}) is in no journal: run that shard, then merge again")
    for code in sorted(set(seen) - set(planned[0])):
        problems.append(f"course {code} is not in the plan the journals were made from")
    return problems


def build(journals: list[Path] | list[tuple[Path, dict[str, str], list[dict[str, Any]]]]) -> dict[str, Any]:
    """The report document of one campaign (one journal, or the journals of its shards; paths, or
    what ``read_journals`` read)."""
    metas, courses = [], []
    for item in journals:
        path, meta, found = item if isinstance(item, tuple) else (item, *read_journal(item))
        metas.append({**meta, "journal": str(path)})
        courses += found
    attach_course_info(metas, courses)  # issue 19: titles and teachers, for the per-teacher views
    totals = {"courses": len(courses)}
    for status in STATUS_ORDER:
        totals[status.replace(" ", "_")] = sum(c["status"] == status for c in courses)
    first = metas[0] if metas else {}
    return {"schema_version": SCHEMA_VERSION, "kind": "campaign-report",
            "generated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "plan": first.get("plan"), "plan_sha256": first.get("plan_sha256"), "site": first.get("site"),
            "username": first.get("username"),
            "journals": [{"path": m["journal"], "shard": m.get("shard")} for m in metas],
            "totals": totals, "courses": courses, "by_teacher": by_teacher(courses)}


def attach_course_info(metas: list[dict[str, str]], courses: list[dict[str, Any]]) -> None:
    """Each course's ``title`` and ``teachers`` as the journals recorded them (the plan check's reading
    of the site, or the plan's `teachers` column); unknown: "" and []."""
    info: dict[str, dict[str, Any]] = {}
    for meta in metas:
        try:
            info.update(json.loads(meta.get("course_info") or "{}"))
        except ValueError:
            continue
    for course in courses:
        entry = info.get(course["code"]) or {}
        course["title"] = entry.get("title") or ""
        course["teachers"] = list(entry.get("teachers") or [])


def write(doc: dict[str, Any], stem: Path, redact: Callable[[str], str] = lambda s: s) -> tuple[Path, Path]:
    """``stem``.json and ``stem``.html (mode 0600: they name people's files and courses)."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    json_path, html_path = stem.with_name(stem.name + ".json"), stem.with_name(stem.name + ".html")
    doc = scrubbed(doc, redact)
    _private_write(json_path, json.dumps(doc, indent=2, ensure_ascii=False))
    _private_write(html_path, render_html(doc, html_path.parent))
    return html_path, json_path


def render_html(doc: dict[str, Any], folder: Path) -> str:
    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=select_autoescape(["j2", "html"]),
                      trim_blocks=True, lstrip_blocks=True)

    def link(path: str | None) -> str:
        if not path:
            return ""
        try:
            rel = os.path.relpath(path, folder)
        except ValueError:
            rel = path
        return quote(rel.replace(os.sep, "/"))

    env.filters["link"] = link
    env.filters["size"] = _size
    return env.get_template(TEMPLATE).render(doc=doc, order=STATUS_ORDER)


def _size(n: Any) -> str:
    try:
        size = float(n)
    except Exception:  # noqa: BLE001 - missing (jinja's Undefined) or not a number
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def _private_write(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)  # never through a link
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def default_stem(journal: Path, plan: Path, shard: tuple[int, int] = (0, 1)) -> Path:
    """Beside the journal, named after the plan and the shard: ``faculty-report`` or
    ``faculty-shard-1-of-3-report`` (whatever the journal is called)."""
    tail = f"-shard-{shard[0]}-of-{shard[1]}" if shard[1] > 1 else ""
    return journal.with_name(f"{plan.stem}{tail}-report")
