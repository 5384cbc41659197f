"""A Chamilo backup read without Chamilo (``robot show``): a summary, and a folder of pages a teacher
opens in a browser — every document openable from the page, the announcements, descriptions, links,
tests (questions, answers, which are correct), forums (categories, threads, posts), learning paths
and glossary, in French or English.

A backup is untrusted input. Before anything is written the whole archive is checked, and refused
(VerificationError, nothing written) when an entry's name could land outside the folder (absolute,
``..``, a drive letter, a backslash, a control character), when an entry is a link, when a name
repeats, when it looks like a zip bomb (an entry inflating more than 500 times, or everything more
than the free disk space), or when ``course_info.dat`` is not what Chamilo writes (read with the
robot's limits, chamilo_backup). Only the document files that ``course_info.dat`` lists are
extracted, each by streaming, under ``DIR/documents/``. Course texts (HTML written in Chamilo's
editor) are shown as plain text: nothing of the archive runs in the page.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import stat
import zipfile
import zlib
from dataclasses import asdict
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from chamilo_backup import DEFAULT_MAX_BYTES, CourseInfoError, read_course
from chamilo_backup.course_info import inflation_problem
from chamilo_backup.content import NEVER_IN_A_BACKUP, CourseContent, read_content

from .errors import UsageError, VerificationError
from .texts import Say

MAX_ENTRIES = 200_000
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")


# --- checking the archive ------------------------------------------------------------------------

def _unsafe_name(name: str) -> str | None:
    """Why a zip entry's name may not be written under a folder, or None."""
    if not name or _BAD_CHARS.search(name):
        return "a control character or a backslash"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    parts = name.rstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "a '..', '.' or empty path part"
    return None


def check_archive(path: Path, max_course_info: int = DEFAULT_MAX_BYTES) -> tuple[CourseContent, int]:
    """Every entry checked, then course_info.dat read (VerificationError: refused, nothing written).
    Returns the content and the bytes the entries declare."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise VerificationError(f"{path.name} has {len(infos):,} entries: refused (more than {MAX_ENTRIES:,})")
            seen: set[str] = set()
            total = 0
            for info in infos:
                why = _unsafe_name(info.filename)
                if why:
                    raise VerificationError(f"{path.name} is refused: the entry {info.filename!r} has {why} "
                                            "(it could be written outside the folder)")
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise VerificationError(f"{path.name} is refused: the entry {info.filename!r} is a symbolic link")
                if info.filename in seen:
                    raise VerificationError(f"{path.name} is refused: the entry {info.filename!r} appears twice")
                seen.add(info.filename)
                bomb = inflation_problem(info)
                if bomb:
                    raise VerificationError(f"{path.name} is refused: {bomb}")
                total += info.file_size
            try:
                course = read_course(zf, max_course_info)
            except CourseInfoError as err:
                raise VerificationError(f"{path.name} is refused: {err}") from None
    except zipfile.BadZipFile as err:
        raise VerificationError(f"{path.name} is not a zip archive: {err}") from None
    except (OSError, EOFError, zlib.error, RuntimeError, NotImplementedError, zipfile.LargeZipFile) as err:
        raise VerificationError(f"{path.name} cannot be read: {err}") from None
    return read_content(course), total


# --- the terminal summary -------------------------------------------------------------------------

def summary_lines(content: CourseContent, zip_name: str, lang: str = "en") -> list[str]:
    say = Say(lang)
    kind = {"complete": say("complete backup", "sauvegarde complète"),
            "partial": say("partial backup", "sauvegarde partielle")}.get(content.backup_type, say("backup", "sauvegarde"))
    out = [say("{zip}: {kind} of {code} {title}", "{zip} : {kind} de {code} {title}", zip=zip_name, kind=kind,
               code=content.code, title=say.quote(content.title))
           + (f" ({content.language})" if content.language else "")]
    rows = [(say("documents", "documents"), say("{f} file(s), {d} folder(s)", "{f} fichier(s), {d} dossier(s)",
                                               f=len(content.files), d=len(content.folders))),
            (say("announcements", "annonces"), len(content.announcements)),
            (say("descriptions", "descriptions"), len(content.descriptions)),
            (say("links", "liens"), len(content.links)),
            (say("tests", "exercices"), say("{n} ({q} questions)", "{n} ({q} questions)", n=len(content.quizzes),
                                            q=len(content.questions))),
            (say("forums", "forums"), say("{f} ({t} threads, {p} posts)", "{f} ({t} fils, {p} messages)",
                                          f=len(content.forums), t=len(content.threads), p=len(content.posts))),
            (say("learning paths", "parcours"), len(content.learnpaths)),
            (say("glossary", "glossaire"), len(content.glossary))]
    out += [f"  {name:<15} {value}" for name, value in rows]
    out += [say.row("warning", "à noter", g.text(say.lang)) for g in content.gaps()]
    if content.not_shown:
        out.append(say("  not shown yet: ", "  pas encore affiché : ")
                   + ", ".join(f"{n} {t}" for t, n in content.not_shown.items()))
    return out


def as_json(content: CourseContent) -> dict[str, Any]:
    doc = asdict(content)
    doc["questions"] = list(doc["questions"].values())
    doc["warnings"] = [g.as_dict() for g in content.gaps()]
    doc["never_in_a_backup"] = list(NEVER_IN_A_BACKUP)
    return doc


# --- the pages ------------------------------------------------------------------------------------

class _Text(HTMLParser):
    """HTML written in Chamilo's editor → plain text (paragraphs and list items on their own lines)."""

    BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def plain(text: str) -> str:
    parser = _Text()
    parser.feed(text or "")
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


CAPTIONS = {
    "en": {"title": "Backup of", "code": "course code", "language": "language", "kind": "backup",
           "complete": "complete", "partial": "partial", "documents": "Documents", "announcements": "Announcements",
           "descriptions": "Course description", "links": "Links", "tests": "Tests", "forums": "Forums",
           "learnpaths": "Learning paths", "glossary": "Glossary", "correct": "correct", "wrong": "wrong",
           "weight": "score", "posts": "posts", "replies": "replies on the site", "none": "none",
           "warnings": "What this backup leaves out", "never": "What a Chamilo backup never holds",
           "not_shown": "Also in this backup, not shown here yet", "folder": "folder", "bytes": "bytes",
           "made_with": "Read from the zip by chamilo-robot: nothing was sent anywhere.", "hidden": "hidden",
           "category": "category", "uncategorised": "no category", "unique": "one answer",
           "multiple": "several answers", "item": "document"},
    "fr": {"title": "Sauvegarde de", "code": "code du cours", "language": "langue", "kind": "sauvegarde",
           "complete": "complète", "partial": "partielle", "documents": "Documents", "announcements": "Annonces",
           "descriptions": "Description du cours", "links": "Liens", "tests": "Exercices", "forums": "Forums",
           "learnpaths": "Parcours", "glossary": "Glossaire", "correct": "correcte", "wrong": "fausse",
           "weight": "points", "posts": "messages", "replies": "réponses sur le site", "none": "aucun",
           "warnings": "Ce que cette sauvegarde ne contient pas", "never": "Ce qu'une sauvegarde Chamilo ne contient jamais",
           "not_shown": "Aussi dans cette sauvegarde, pas encore affiché ici", "folder": "dossier", "bytes": "octets",
           "made_with": "Lu dans l'archive par chamilo-robot : rien n'a été envoyé nulle part.", "hidden": "masqué",
           "category": "catégorie", "uncategorised": "sans catégorie", "unique": "une seule réponse",
           "multiple": "plusieurs réponses", "item": "document"},
}
NEVER_FR = ("les utilisateurs et leurs inscriptions", "les tentatives et les notes des exercices",
            "la progression dans les parcours", "les fichiers rendus par les étudiants (work/ ne contient que les dossiers)",
            "les notifications des forums")


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"--html {folder}: the folder exists and is not empty; name a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)


def _extract(zf: zipfile.ZipFile, content: CourseContent, root: Path) -> dict[str, str]:
    """The listed document files, streamed under ``root``; {zip path: link relative to the page}."""
    names = set(zf.namelist())
    base = root.resolve()
    links: dict[str, str] = {}
    for doc in content.files:
        if doc.path not in names or not doc.path.startswith("document/") or doc.path in links:
            continue  # a path listed twice (two ids) is one file of the zip: written once
        rel = PurePosixPath(doc.path[len("document/"):])
        if _unsafe_name(doc.path) or not rel.parts:
            raise VerificationError(f"the document path {doc.path!r} is refused")
        target = (base / Path(*rel.parts)).resolve()
        if base not in target.parents:
            raise VerificationError(f"the document path {doc.path!r} leaves the folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with zf.open(doc.path) as src, open(target, "xb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
        except FileExistsError:  # two names of the zip, one file here (a case-insensitive disk)
            raise VerificationError(f"the document {doc.path!r} would overwrite another one written from the "
                                    "archive (names that differ only by case?): refused") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as err:
            target.unlink(missing_ok=True)
            raise VerificationError(f"the document {doc.path!r} is damaged in the archive: {err}") from None
        links[doc.path] = "documents/" + quote(rel.as_posix())
    return links


def write_html(path: Path, folder: Path, lang: str = "en",
               max_course_info: int = DEFAULT_MAX_BYTES) -> tuple[Path, CourseContent]:
    """Check the archive, then write ``folder``/index.html and ``folder``/documents/. Returns index.html
    and what the backup holds."""
    content, need = check_archive(path, max_course_info)
    _prepare_folder(folder)
    free = shutil.disk_usage(folder).free
    if need > free:
        raise VerificationError(f"{path.name} would take {need:,} bytes, more than the {free:,} free: refused")
    try:
        with zipfile.ZipFile(path) as zf:
            links = _extract(zf, content, folder / "documents")
    except VerificationError:  # a damaged document: the ones written before it go too (the folder was empty)
        shutil.rmtree(folder / "documents", ignore_errors=True)
        raise
    page = render(content, links, path.name, lang)
    index = folder / "index.html"
    fd = os.open(index, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(page)
    return index, content


def render(content: CourseContent, links: dict[str, str], zip_name: str, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent)), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["plain"] = plain
    c = CAPTIONS["fr" if lang == "fr" else "en"]
    folders = {d.course_path for d in content.folders}
    tree = sorted(content.documents, key=lambda d: d.course_path.lower())
    threads = {f.id: [t for t in content.threads if t.forum_id == f.id] for f in content.forums}
    posts = {t.id: [p for p in content.posts if p.thread_id == t.id] for t in content.threads}
    docs_by_id = {d.id: d for d in content.documents}
    return env.get_template("backup_view.html.j2").render(
        content=content, c=c, lang="fr" if lang == "fr" else "en", zip_name=zip_name, links=links, tree=tree,
        folders=folders, threads=threads, posts=posts, docs_by_id=docs_by_id, gaps=content.gaps(),
        never=NEVER_FR if lang == "fr" else NEVER_IN_A_BACKUP, depth=lambda d: d.course_path.count("/") - 1,
        esc=html.escape)
