"""The campaign's journal: one SQLite file (standard library) per campaign, or per shard.

Every step of every command of every course is written down as it happens — ``started`` before it
runs, ``acting`` right before a site-changing step acts (with the site's baseline the engine read),
``done`` / ``failed`` after — each write its own committed transaction. So a SIGKILL at any moment
loses at most the step that was running, and ``--resume`` knows which site-changing steps may have
reached the site (the engine checks their effect instead of doing them again).

WAL with ``synchronous=FULL``: WAL lets the progress display and the report read while the workers
write; FULL syncs the log at every commit, so even a power cut keeps the row that says a
site-changing step was about to act (NORMAL would keep it through a SIGKILL, not a power cut). It
costs one fsync per step event — milliseconds, against steps that take seconds.

Nothing secret goes in: the options of the plan, outcomes, timings, evidence (backup path, size,
sha256, copy report) and messages, which pass through the run's redactor. No cookie, no password.

Schema (``schema_version`` 1)::

    meta(key, value)        plan path and sha256, every course of the plan (JSON), shard "K/N", site,
                            username, started
    course(code, line, position, shard)
    command(course, position, name, argv, status, runs, worker, started, finished, seconds,
            evidence, lines, error)           status: pending | running | done | failed | interrupted
    step(course, position, run, seq, name, changes_site, status, acted, baseline, attempts,
         already_done, relaunched, started, finished, error)   status: started | acting | done | failed |
                                                               interrupted
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from robot.errors import UsageError

from .plan import Plan, PlannedCourse

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS course (
    code TEXT PRIMARY KEY, line INTEGER, position INTEGER NOT NULL, shard INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS command (
    course TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL, argv TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending', runs INTEGER NOT NULL DEFAULT 0, worker TEXT,
    started REAL, finished REAL, seconds REAL, evidence TEXT, lines TEXT, error TEXT,
    PRIMARY KEY (course, position));
CREATE TABLE IF NOT EXISTS step (
    course TEXT NOT NULL, position INTEGER NOT NULL, run INTEGER NOT NULL, seq INTEGER NOT NULL,
    name TEXT NOT NULL, changes_site INTEGER NOT NULL, status TEXT NOT NULL,
    acted INTEGER NOT NULL DEFAULT 0, baseline TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    already_done INTEGER NOT NULL DEFAULT 0, relaunched INTEGER NOT NULL DEFAULT 0,
    started REAL, finished REAL, error TEXT,
    PRIMARY KEY (course, position, run, seq));
"""


@dataclass
class CommandRow:
    course: str
    position: int
    name: str
    argv: list[str]
    status: str
    runs: int
    evidence: dict[str, Any] | None
    seconds: float | None = None


def default_path(plan_path: Path, shard: tuple[int, int] | None) -> Path:
    """Next to the plan: ``<plan>.journal.sqlite`` (a shard: ``<plan>.shard-K-of-N.journal.sqlite``)."""
    tail = f".shard-{shard[0]}-of-{shard[1]}" if shard and shard[1] > 1 else ""
    return plan_path.with_name(f"{plan_path.stem}{tail}.journal.sqlite")


def scrubbed(value: Any, redact: Callable[[str], str]) -> Any:
    """``value`` as plain JSON data, every string (key or value) passed through ``redact`` — the JSON
    stays valid whatever the secret is."""
    data = json.loads(json.dumps(value, ensure_ascii=False, default=str))

    def walk(obj: Any) -> Any:
        if isinstance(obj, str):
            return redact(obj)
        if isinstance(obj, dict):
            return {redact(k): walk(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [walk(v) for v in obj]
        return obj
    return walk(data)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def products(name: str, evidence: dict[str, Any] | None) -> list[tuple[str, str]]:
    """The files a done command made and a resumed campaign checks: (path, sha256). A backup's zip
    (``backup``, and the backup a ``rollover`` makes first); gone or changed, the command runs again."""
    evidence = evidence or {}
    found = []
    if name == "backup" and evidence.get("path"):
        found.append((evidence["path"], evidence.get("sha256", "")))
    if name == "rollover" and isinstance(evidence.get("backup"), dict) and evidence["backup"].get("path"):
        found.append((evidence["backup"]["path"], evidence["backup"].get("sha256", "")))
    return found


def unverified(name: str, evidence: dict[str, Any] | None) -> str | None:
    """Why a done command's evidence no longer holds (a file gone or changed), or None."""
    for path, sha in products(name, evidence):
        p = Path(path)
        if not p.is_file():
            return f"{p} is gone"
        if sha and file_sha256(p) != sha:
            return f"{p} changed (its sha256 is not the one recorded)"
    return None


class Journal:
    """One SQLite connection shared by the workers' threads; every write is one committed transaction."""

    def __init__(self, path: Path, con: sqlite3.Connection, redact: Callable[[str], str]) -> None:
        self.path = path
        self._con = con
        self._lock = threading.Lock()
        self._redact = redact

    # -- opening ---------------------------------------------------------------------------------
    @classmethod
    def connect(cls, path: Path, redact: Callable[[str], str] = lambda s: s, *, create: bool = False) -> "Journal":
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            # private before SQLite writes a byte; never through a link planted there
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
        elif not path.is_file():
            raise UsageError(f"no campaign journal at {path}")
        con = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=FULL")
            con.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            con.close()
            raise UsageError(f"{path} is not a campaign journal ({err})") from None
        return cls(path, con, redact)

    @classmethod
    def start(cls, path: Path, plan: Plan, courses: list[PlannedCourse], shard: tuple[int, int],
              shard_of: dict[str, int], *, site: str, username: str, resume: bool,
              redact: Callable[[str], str] = lambda s: s) -> "Journal":
        """A new journal for these courses, or (``resume``) the existing one, checked against the plan.
        ``resume`` with no journal yet starts one: a retried Kubernetes pod or CI job keeps one command line."""
        exists = path.is_file() and path.stat().st_size > 0
        if exists and not resume:
            raise UsageError(f"a journal of this campaign already exists: {path}. Add --resume to finish that "
                             "campaign, or give another --journal to start a new one")
        journal = cls.connect(path, redact, create=True)
        if exists:
            journal._check_resume(plan, courses, shard, site)
        journal._sync(plan, courses, shard, shard_of, site=site, username=username, fresh=not exists)
        return journal

    def _check_resume(self, plan: Plan, courses: list[PlannedCourse], shard: tuple[int, int], site: str) -> None:
        meta = self.meta()
        if meta.get("shard") != f"{shard[0]}/{shard[1]}":
            raise UsageError(f"the journal {self.path} is of shard {meta.get('shard')}, not {shard[0]}/{shard[1]}")
        if meta.get("site") != site:
            raise UsageError(f"the journal {self.path} is of another site ({meta.get('site')})")
        known = {row[0] for row in self._con.execute("SELECT code FROM course")}
        wanted = {c.code for c in courses}
        if known != wanted:
            more, fewer = sorted(wanted - known), sorted(known - wanted)
            raise UsageError(f"the plan's courses changed since the journal {self.path} was started "
                             f"(new: {', '.join(more) or 'none'}; gone: {', '.join(fewer) or 'none'}): resume "
                             "with the same courses, or give another --journal")

    def _sync(self, plan: Plan, courses: list[PlannedCourse], shard: tuple[int, int], shard_of: dict[str, int],
              *, site: str, username: str, fresh: bool) -> None:
        with self._lock:
            con = self._con
            con.execute("BEGIN")
            meta = {"schema_version": str(SCHEMA_VERSION), "plan": str(plan.path), "plan_sha256": plan.digest,
                    "plan_courses": json.dumps({c.code: shard_of[c.code] for c in plan.courses}),
                    "shard": f"{shard[0]}/{shard[1]}", "site": site, "username": username}
            if fresh:
                meta["started"] = str(time.time())
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
            for position, course in enumerate(courses):
                con.execute("INSERT OR REPLACE INTO course VALUES (?, ?, ?, ?)",
                            (course.code, course.line, position, shard[0]))
                for i, cmd in enumerate(course.commands):
                    argv = json.dumps(cmd.argv)
                    row = con.execute("SELECT name, argv FROM command WHERE course = ? AND position = ?",
                                      (course.code, i)).fetchone()
                    if row == (cmd.name, argv):
                        continue
                    # new, or changed in the plan since: a new command at this place (its old steps go)
                    con.execute("DELETE FROM step WHERE course = ? AND position = ?", (course.code, i))
                    con.execute("INSERT OR REPLACE INTO command (course, position, name, argv) VALUES (?, ?, ?, ?)",
                                (course.code, i, cmd.name, argv))
                con.execute("DELETE FROM step WHERE course = ? AND position >= ?", (course.code, len(course.commands)))
                con.execute("DELETE FROM command WHERE course = ? AND position >= ?", (course.code, len(course.commands)))
            con.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._con.close()

    # -- reading ---------------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._con.execute("SELECT key, value FROM meta"))

    def command(self, course: str, position: int) -> CommandRow:
        with self._lock:
            row = self._con.execute("SELECT name, argv, status, runs, evidence, seconds FROM command "
                                    "WHERE course = ? AND position = ?", (course, position)).fetchone()
        return CommandRow(course, position, row[0], json.loads(row[1]), row[2], row[3],
                          json.loads(row[4]) if row[4] else None, row[5])

    def maybe_done(self, course: str, position: int) -> dict[str, Any]:
        """The site-changing steps an earlier run of this command started to act on (whose request may
        have reached the site), each with the baseline read before its first try."""
        with self._lock:
            rows = self._con.execute("SELECT name, baseline FROM step WHERE course = ? AND position = ? AND acted = 1 "
                                     "ORDER BY run, seq", (course, position)).fetchall()
        found: dict[str, Any] = {}
        for name, baseline in rows:
            found.setdefault(name, json.loads(baseline) if baseline else None)
        return found

    def counts(self) -> dict[str, int]:
        """Courses by state: done (every command done), failed, left."""
        with self._lock:
            rows = self._con.execute("SELECT course, status FROM command").fetchall()
        by_course: dict[str, list[str]] = {}
        for course, status in rows:
            by_course.setdefault(course, []).append(status)
        done = sum(all(s == "done" for s in v) for v in by_course.values())
        failed = sum(any(s == "failed" for s in v) for v in by_course.values())
        return {"courses": len(by_course), "done": done, "failed": failed, "left": len(by_course) - done - failed}

    # -- writing ---------------------------------------------------------------------------------
    def note(self, key: str, value: Any) -> None:
        """Keep ``value`` (JSON) in the meta table under ``key`` (issue 19: the courses' teachers and
        titles read by the plan check, for the report's per-teacher views)."""
        self._write("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, self._text(value)))

    def _write(self, sql: str, args: Iterable[Any]) -> None:
        with self._lock:
            self._con.execute(sql, tuple(args))

    def _text(self, value: Any) -> str | None:
        if value is None:
            return None
        return json.dumps(scrubbed(value, self._redact), ensure_ascii=False)

    def begin(self, course: str, position: int, worker: str) -> int:
        """The command starts (again): its run number."""
        with self._lock:
            self._con.execute("UPDATE command SET status = 'running', runs = runs + 1, worker = ?, started = ?, "
                              "finished = NULL, error = NULL WHERE course = ? AND position = ?",
                              (worker, time.time(), course, position))
            return self._con.execute("SELECT runs FROM command WHERE course = ? AND position = ?",
                                     (course, position)).fetchone()[0]

    def finish(self, course: str, position: int, *, evidence: dict[str, Any], lines: list[str], seconds: float) -> None:
        self._write("UPDATE command SET status = 'done', finished = ?, seconds = ?, evidence = ?, lines = ?, error = NULL "
                    "WHERE course = ? AND position = ?",
                    (time.time(), seconds, self._text(evidence), self._text(lines), course, position))

    def fail(self, course: str, position: int, error: dict[str, Any], *, seconds: float | None = None,
             status: str = "failed") -> None:
        self._write("UPDATE command SET status = ?, finished = ?, seconds = ?, error = ? WHERE course = ? AND position = ?",
                    (status, time.time(), seconds, self._text(error), course, position))

    def step_event(self, course: str, position: int, run: int, kind: str, result: Any) -> None:
        """The engine's step events (robot.engine.steps.Runner ``events``) written down."""
        if kind == "started":
            self._write("INSERT OR REPLACE INTO step (course, position, run, seq, name, changes_site, status, started) "
                        "VALUES (?, ?, ?, ?, ?, ?, 'started', ?)",
                        (course, position, run, result.index, result.name, int(result.changes_site), time.time()))
        elif kind == "acting":
            self._write("UPDATE step SET status = 'acting', acted = 1, baseline = ? "
                        "WHERE course = ? AND position = ? AND run = ? AND seq = ?",
                        (self._text(result.baseline), course, position, run, result.index))
        elif kind == "finished":
            self._write("UPDATE step SET status = ?, attempts = ?, already_done = ?, relaunched = ?, finished = ?, "
                        "error = ? WHERE course = ? AND position = ? AND run = ? AND seq = ?",
                        ({"ok": "done", "interrupted": "interrupted"}.get(result.status, "failed"), result.attempts,
                         int(result.already_done),
                         int(result.relaunched), time.time(), self._redact(result.error) if result.error else None,
                         course, position, run, result.index))
