"""The before/after report of a course copy: what happened to each source file in the target.

Inputs are what the robot read on the site (flows.course_items): the source's items, the target's
items before and after the copy, and the same-file-name policy. Chamilo's CourseRestorer decides
per file by the stored path:

- not in the target before → **added**;
- in the target, ``skip`` → **skipped** (the target keeps its own file);
- in the target, ``overwrite`` → **overwritten** (the target's file now has the source's bytes);
- in the target, ``rename`` → **renamed** to ``name_<i>.ext`` (first free i ≥ 1, in its folder).

Each outcome is checked against the target's list after the copy (an added or renamed file must be
there); a file that is not is reported **missing** and the report does not verify.

The CourseSelectForm does not say which paths are folders: a path is a folder when the backup says
so (rollover), when other paths live under it, or — for an empty leaf — when its name has no dot
(e.g. ``/certificates``, which every 1.11 course has). Folders are merged, never renamed.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .course_items import CourseItems

OUTCOMES = ("added", "skipped", "renamed", "overwritten", "missing")
TYPE_NAMES = {"document": "documents", "link": "links", "announcement": "announcements",
              "course_description": "descriptions", "calendar_event": "events", "quiz": "tests",
              "learnpath": "learning paths", "Forum_Category": "forum categories", "forum": "forums",
              "thread": "forum threads", "glossary": "glossary terms", "wiki": "wiki pages", "survey": "surveys",
              "work": "assignments", "attendance": "attendances", "thematic": "course progress",
              "Link_Category": "link categories", "Tool introduction": "tool introductions",
              "post": "forum posts", "Exercise_Question": "test questions"}
# the report's words in French (its --json keeps the English ones)
OUTCOMES_FR = {"added": "ajouté", "skipped": "ignoré", "renamed": "renommé", "overwritten": "écrasé",
               "missing": "manquant"}
TYPE_NAMES_FR = {"documents": "documents", "links": "liens", "announcements": "annonces",
                 "descriptions": "descriptions", "events": "événements", "tests": "exercices",
                 "learning paths": "parcours", "forum categories": "catégories de forum", "forums": "forums",
                 "forum threads": "sujets de forum", "glossary terms": "termes du glossaire", "wiki pages": "pages wiki",
                 "surveys": "enquêtes", "assignments": "travaux", "attendances": "présences",
                 "course progress": "progression du cours", "link categories": "catégories de liens",
                 "tool introductions": "introductions des outils", "forum posts": "messages de forum",
                 "test questions": "questions d'exercice"}


def renamed_name(path: str, taken: set[str]) -> str:
    """Chamilo's FILE_RENAME target: "/d/file.pdf" → "/d/file_1.pdf", then "_2"… (first free)."""
    base = posixpath.basename(path)
    parts = base.split(".")
    if len(parts) > 1:
        ext = parts[-1]
        stem, ext = path[: -(len(ext) + 1)], "." + ext
    else:
        stem, ext = path, ""
    i = 1
    while f"{stem}_{i}{ext}" in taken:
        i += 1
    return f"{stem}_{i}{ext}"


def tally(files: list[dict[str, Any]]) -> dict[str, int]:
    """How many files had each outcome (every outcome named, 0 included)."""
    out = {o: 0 for o in OUTCOMES}
    for f in files:
        out[f["outcome"]] += 1
    return out


def outcome_lines(files: list[dict[str, Any]], folders_added: list[str], fr: bool) -> list[str]:
    """The report's file part, shared by the copy and the import reports: the tally, one line per file
    (``→ new name`` when renamed), the folders added."""
    def word(outcome: str) -> str:
        return OUTCOMES_FR.get(outcome, outcome) if fr else outcome

    s = tally(files)
    out = [("  fichiers : " if fr else "  files: ") + ", ".join(f"{s[o]} {word(o)}" for o in OUTCOMES
                                                                 if s[o] or o != "missing")]
    width = max((len(word(f["outcome"])) for f in files), default=7)
    for f in files:
        target = f"  →  {f['to']}" if f.get("to") else ""
        out.append(f"    {word(f['outcome']):<{width}}  {f['path']}{target}")
    if folders_added:
        out.append(("  dossiers ajoutés : " if fr else "  folders added: ") + ", ".join(folders_added))
    return out


@dataclass
class CopyReport:
    source: str
    destination: str
    policy: str
    files: list[dict[str, str]] = field(default_factory=list)
    folders_added: list[str] = field(default_factory=list)
    folders_merged: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        return tally(self.files)

    @property
    def verified(self) -> bool:
        return not any(f["outcome"] == "missing" for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "destination": self.destination, "policy": self.policy,
                "verified": self.verified, "summary": self.summary, "files": self.files,
                "folders": {"added": self.folders_added, "merged": self.folders_merged},
                "counts": self.counts, "destination_before": self.before, "destination_after": self.after,
                "unexpected": self.unexpected, "notes": self.notes}

    def lines(self, lang: str = "en") -> list[str]:
        """The human-readable report, in English or French (``lang``)."""
        fr = lang == "fr"
        files, sep = ("fichiers", " : ") if fr else ("files", ": ")
        out = [f"Copie de {self.source} dans {self.destination} (fichiers de même nom : {self.policy})" if fr else
               f"Copy of {self.source} into {self.destination} (files with the same name: {self.policy})"]
        out += outcome_lines(self.files, self.folders_added, fr)
        if self.counts:
            head = ("éléments", "source", "avant", "après") if fr else ("items", "source", "before", "after")
            out.append(f"  {head[0]:<18} {head[1]:>6} {head[2]:>6} {head[3]:>6}")
            for name, c in self.counts.items():
                shown = TYPE_NAMES_FR.get(name, name) if fr else name
                out.append(f"  {shown:<18} {c['source']:>6} {c['before']:>6} {c['after']:>6}")
        before, after = ("avant", "après") if fr else ("before", "after")
        out.append(f"  {self.destination} {before}{sep}{len(self.before)} {files}"
                   + (sep + ", ".join(self.before) if self.before else ""))
        out.append(f"  {self.destination} {after}{sep if fr else ':  '}{len(self.after)} {files}"
                   + (sep + ", ".join(self.after) if self.after else ""))
        note = "  remarque : " if fr else "  note: "
        for path in self.unexpected:
            out.append(note + (f"{path} est apparu dans {self.destination} sans qu'aucun fichier de la source "
                               "l'explique" if fr else f"{path} appeared in {self.destination} but no source file "
                                                       "explains it"))
        out.extend(f"{note}{n}" for n in self.notes)
        return out


def _folders(paths: Iterable[str], known_files: set[str] | None, known_folders: set[str] | None) -> set[str]:
    paths = set(paths)
    folders: set[str] = set()
    for p in paths:
        if known_folders is not None and p in known_folders:
            folders.add(p)
            continue
        if known_files is not None and p in known_files:
            continue
        if any(q.startswith(p + "/") for q in paths):
            folders.add(p)
        elif "." not in posixpath.basename(p):
            folders.add(p)
    return folders


def build(source: CourseItems, before: CourseItems, after: CourseItems, policy: str, *,
          types: set[str] | None = None, known_files: set[str] | None = None,
          known_folders: set[str] | None = None) -> CopyReport:
    """Compare the lists. ``types``: the CourseSelectForm types that were copied (None = all).
    ``known_files`` / ``known_folders``: source document paths whose kind is known (from a backup)."""
    src_docs = source.documents if types is None or "document" in types else []
    all_paths = set(src_docs) | set(before.documents) | set(after.documents)
    folders = _folders(all_paths, known_files, known_folders)
    before_set, after_set = set(before.documents), set(after.documents)
    taken = set(before_set)  # what exists in the target as the copy goes on (Chamilo checks the disk)
    report = CopyReport(source.code, after.code or before.code, policy)
    claimed: set[str] = set()
    for path in src_docs:
        if path in folders:
            if path in before_set:
                report.folders_merged.append(path.lstrip("/"))
            else:
                report.folders_added.append(path.lstrip("/"))
                taken.add(path)
            continue
        entry = {"path": path.lstrip("/")}
        if path not in before_set:
            entry["outcome"] = "added" if path in after_set else "missing"
            taken.add(path)
            claimed.add(path)
        elif policy == "skip":
            entry["outcome"] = "skipped"
        elif policy == "overwrite":
            entry["outcome"] = "overwritten" if path in after_set else "missing"
            claimed.add(path)
        else:
            predicted = renamed_name(path, taken)
            if predicted not in after_set:  # not where Chamilo's rule says: any fresh name_<i> will do
                stem, ext = posixpath.splitext(path)
                pattern = re.compile(re.escape(stem) + r"_\d+" + re.escape(ext) + "$")
                fresh = sorted(p for p in after_set - before_set - claimed if pattern.match(p))
                predicted = fresh[0] if fresh else ""
            if predicted:
                entry.update(outcome="renamed", to=predicted.lstrip("/"))
                taken.add(predicted)
                claimed.add(predicted)
            else:
                entry["outcome"] = "missing"
        report.files.append(entry)
    new_folders = {p.lstrip("/") for p in after_set - before_set if p in folders}
    for p in sorted(new_folders - set(report.folders_added)):
        report.folders_added.append(p)
    report.unexpected = sorted(p.lstrip("/") for p in after_set - before_set - claimed - folders)
    report.before = sorted(p.lstrip("/") for p in before_set - folders)
    report.after = sorted(p.lstrip("/") for p in after_set - folders)
    gone = sorted(p.lstrip("/") for p in before_set - after_set)
    if gone:
        report.notes.append(f"{len(gone)} item(s) of {report.destination} disappeared during the copy: "
                            + ", ".join(gone))
    report.counts = _counts(source, before, after, types, folders)
    return report


def _counts(source: CourseItems, before: CourseItems, after: CourseItems, types: set[str] | None,
            folders: set[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    kinds = [t for t in dict.fromkeys([*source.items, *before.items, *after.items]) if t != "quiz"]
    for rtype in kinds:
        def n(items: CourseItems) -> int:
            values = items.items.get(rtype, [])
            if rtype == "document":
                values = [v for v in values if v not in folders]
            return len(values)
        copied = types is None or rtype in types
        out[TYPE_NAMES.get(rtype, rtype)] = {"source": n(source) if copied else 0, "before": n(before),
                                             "after": n(after)}
    return out
