"""The report of an import (Maintenance → Import backup): what happened to each file of the zip in the
course, and whether every item arrived.

Inputs: what the zip holds (chamilo_backup.content, read offline), the course before and after the
import (flows.course_contents: paths, kinds and sizes), the same-file-name policy and the chosen
types. Chamilo's CourseRestorer decides per file by its stored path (UI-REFERENCE §15.2):

- not in the course before → **added** (after: the same path, the zip's size);
- in the course, ``skip`` → **skipped** (the course keeps its own file);
- in the course, ``overwrite`` → **overwritten** (after: the zip's size);
- in the course, ``rename`` → **renamed** to ``name_<i>.ext`` (the first free i; after: the zip's size).

A file that is not where its outcome says, or not with the zip's size, is **missing** and the report
does not verify. The other items (announcements, descriptions, links, tests, forums, glossary) are
added again by every import whatever the policy: the course must hold at least as many more as the
zip brings. Folders are merged, never renamed.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from chamilo_backup.content import CourseContent

from .copy_report import TYPE_NAMES, TYPE_NAMES_FR, outcome_lines, renamed_name, tally
# the types every import adds again, whose arrival is counted (links' categories and questions may be
# shared or merged by Chamilo: shown, not checked)
CHECKED_TYPES = ("announcement", "course_description", "link", "quiz", "Forum_Category", "forum", "thread", "glossary")


@dataclass
class RestoreReport:
    source: str  # the zip's name
    course: str  # the course imported into
    policy: str
    zip_course: str = ""
    files: list[dict[str, Any]] = field(default_factory=list)
    folders_added: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        return tally(self.files)

    @property
    def items_missing(self) -> list[str]:
        return [name for name, c in self.counts.items() if c.get("missing")]

    @property
    def verified(self) -> bool:
        return not self.summary["missing"] and not self.items_missing

    def as_dict(self) -> dict[str, Any]:
        return {"zip": self.source, "zip_course": self.zip_course, "course": self.course, "policy": self.policy,
                "verified": self.verified, "summary": self.summary, "files": self.files,
                "folders_added": self.folders_added, "counts": self.counts, "notes": self.notes}

    def lines(self, lang: str = "en") -> list[str]:
        """The human-readable report, in English or French (``lang``); --json keeps the English words."""
        fr = lang == "fr"
        out = [f"Importation de {self.source} ({self.zip_course}) dans {self.course} (fichiers de même nom : "
               f"{self.policy})" if fr else
               f"Import of {self.source} ({self.zip_course}) into {self.course} (files with the same name: {self.policy})"]
        out += outcome_lines(self.files, self.folders_added, fr)
        if self.counts:
            head = ("éléments", "archive", "avant", "après") if fr else ("items", "in zip", "before", "after")
            out.append(f"  {head[0]:<18} {head[1]:>7} {head[2]:>6} {head[3]:>6}")
            for name, c in self.counts.items():
                flag = ("  MANQUANT" if fr else "  MISSING") if c.get("missing") else ""
                shown = TYPE_NAMES_FR.get(name, name) if fr else name
                out.append(f"  {shown:<18} {c['zip']:>7} {c['before']:>6} {c['after']:>6}{flag}")
        out.extend(("  remarque : " if fr else "  note: ") + n for n in self.notes)
        return out


def build(zip_name: str, content: CourseContent, before: CourseContent, after: CourseContent, policy: str, *,
          course: str, types: set[str] | None = None) -> RestoreReport:
    """Compare. ``types``: the resource types imported (None = all, a full import)."""
    report = RestoreReport(zip_name, course, policy, zip_course=content.code)
    wanted = types is None or "document" in types
    before_docs = {d.course_path: d for d in before.documents}
    after_docs = {d.course_path: d for d in after.documents}
    taken = set(before_docs)
    claimed: set[str] = set()
    if wanted:
        for folder in content.folders:
            if folder.course_path not in before_docs and folder.course_path in after_docs:
                report.folders_added.append(folder.course_path.lstrip("/"))
        for doc in sorted(content.files, key=lambda d: d.course_path):
            report.files.append(_outcome(doc.course_path, doc.size, policy, before_docs, after_docs, taken, claimed))
    for rtype in dict.fromkeys([*content.counts, *before.counts, *after.counts]):
        if rtype in ("document", "post", "Exercise_Question"):
            continue
        chosen = types is None or rtype in types
        brought = content.counts.get(rtype, 0) if chosen else 0
        if not (brought or before.counts.get(rtype) or after.counts.get(rtype)):
            continue
        entry: dict[str, Any] = {"zip": content.counts.get(rtype, 0), "before": before.counts.get(rtype, 0),
                                 "after": after.counts.get(rtype, 0)}
        if rtype in CHECKED_TYPES and brought and entry["after"] - entry["before"] < brought:
            entry["missing"] = brought - (entry["after"] - entry["before"])
        report.counts[TYPE_NAMES.get(rtype, rtype)] = entry
    if types is None:
        files = len(content.files)
        report.counts = {"documents": {"zip": files, "before": len(before.files), "after": len(after.files)},
                         **report.counts}
    return report


def _outcome(path: str, size: int, policy: str, before: dict, after: dict, taken: set[str],
             claimed: set[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": path.lstrip("/"), "size": size}

    def has(p: str) -> bool:
        return p in after and not after[p].is_folder and after[p].size == size

    if path not in before:
        entry["outcome"] = "added" if has(path) else "missing"
        taken.add(path)
        claimed.add(path)
    elif policy == "skip":
        entry["outcome"] = "skipped"
    elif policy == "overwrite":
        entry["outcome"] = "overwritten" if has(path) else "missing"
        claimed.add(path)
    else:
        predicted = renamed_name(path, taken)
        if not has(predicted) or predicted in claimed:  # any fresh name_<i> of that size will do
            stem, ext = posixpath.splitext(path)
            pattern = re.compile(re.escape(stem) + r"_\d+" + re.escape(ext) + "$")
            fresh = sorted(p for p in after if p not in before and p not in claimed and pattern.match(p) and has(p))
            predicted = fresh[0] if fresh else ""
        if predicted:
            entry.update(outcome="renamed", to=predicted.lstrip("/"))
            taken.add(predicted)
            claimed.add(predicted)
        else:
            entry["outcome"] = "missing"
    if entry["outcome"] == "missing":
        entry["why"] = "not in the course after the import" if path not in after else \
            f"in the course with {after[path].size} bytes, not {size}"
    return entry


def imported(content: CourseContent, before: CourseContent, now: CourseContent, *, types: set[str] | None) -> bool:
    """Whether the course shows an import of this zip since ``before`` (the check of a lost answer):
    a file of the zip that is new or newly of the zip's size, or more of an item the zip brings."""
    before_docs = {d.course_path: d for d in before.documents}
    now_docs = {d.course_path: d for d in now.documents}
    if types is None or "document" in types:
        for doc in content.files:
            stem, ext = posixpath.splitext(doc.course_path)
            pattern = re.compile(re.escape(stem) + r"(_\d+)?" + re.escape(ext) + "$")
            for p, d in now_docs.items():
                if not d.is_folder and pattern.match(p) and d.size == doc.size and \
                        (p not in before_docs or before_docs[p].size != doc.size):
                    return True
    for rtype in CHECKED_TYPES:
        if (types is None or rtype in types) and content.counts.get(rtype) and \
                now.counts.get(rtype, 0) > before.counts.get(rtype, 0):
            return True
    return False
