"""Reading and verifying a Chamilo course backup (.zip with course_info.dat).

``course_info.dat`` is base64 of a PHP-serialized ``Chamilo\\CourseBundle\\Component\\CourseCopy\\Course``,
decoded by the shared ``chamilo_backup`` package (iterative, with a depth limit, the file's size capped:
a backup is untrusted input). Every document file the course object lists must be in the zip; what
Chamilo's backup leaves out although the course had it (forum replies) is said as a warning.
"""
from __future__ import annotations

import hashlib
import zipfile
import zlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chamilo_backup import COURSE_INFO, DEFAULT_MAX_BYTES, CourseInfoError, PHPObject, PhpFormatError, loads
from chamilo_backup import course_info
from chamilo_backup.content import CourseContent, Gap, read_content
from robot.errors import VerificationError

from .copy_report import TYPE_NAMES, TYPE_NAMES_FR

# VerificationError.kind of a zip whose bytes are broken — cut short, corrupted, documents missing —
# as opposed to one that reads whole and is refused (over the limits, not a course backup, another
# course): a backup the site built broken is made again (flows/backup.py)
DAMAGED = "damaged_zip"
# VerificationError.kind of a zip that reads whole but holds no course_info.dat. A file a user gives is
# then no Chamilo backup; a zip the site has just built is a build whose temporary folder another
# backup or import emptied while the documents were being copied into it (CourseArchiver::createBackup
# writes course_info.dat first, then copies each document with a recursive mkdir that makes the folder
# again, and zips what is left — UI-REFERENCE §17): made again too (flows/backup.py)
NO_COURSE_INFO = "no_course_info"

PhpObject = PHPObject  # the name flows and tests have used
__all__ = ["COURSE_INFO", "DAMAGED", "NO_COURSE_INFO", "BackupReport", "PhpFormatError", "PhpObject", "check_entries", "php_unserialize",
           "read_course", "read_backup_content", "sha256_of", "verify_backup"]


def php_unserialize(data: bytes) -> Any:
    """PHP unserialize() of trusted-shape bytes (chamilo_backup.loads: iterative, depth-limited)."""
    return loads(data)


@dataclass
class BackupReport:
    path: Path
    size: int
    sha256: str
    course_code: str
    resources: dict[str, int]  # items per resource type (documents: files and folders together)
    documents: list[str] = field(default_factory=list)  # the files' zip paths
    entries: int = 0
    folders: int = 0  # document folders (Chamilo's automatic ones included)
    gaps: list[Gap] = field(default_factory=list)  # what the course had and the zip does not hold
    server_name: str = ""  # the zip's name on the server (<user id>_<CODE>_<stamp>.zip), when downloaded

    @property
    def files(self) -> int:
        return len(self.documents)

    def content_line(self, lang: str = "en") -> str:
        """"3 document files, 2 folders, 2 link, 1 announcement" (files and folders apart); in French
        "3 fichiers de documents, 2 dossiers, liens (2), annonces (1)" (copy_report's French names)."""
        parts = []
        for rtype, n in self.resources.items():
            if rtype == "document" and lang == "fr":
                parts.append(f"{self.files} fichier{'s' if self.files > 1 else ''} de documents, "
                             f"{self.folders} dossier{'s' if self.folders > 1 else ''}")
            elif rtype == "document":
                parts.append(f"{self.files} document file{'s' if self.files != 1 else ''}, "
                             f"{self.folders} folder{'s' if self.folders != 1 else ''}")
            elif n and lang == "fr":
                parts.append(f"{TYPE_NAMES_FR.get(TYPE_NAMES.get(rtype, rtype), rtype)} ({n})")
            elif n:  # a full backup's "Orphan questions" placeholder is no test
                parts.append(f"{n} {rtype}")
        return ", ".join(parts) or ("rien" if lang == "fr" else "nothing")

    def as_dict(self) -> dict[str, Any]:
        out = {"path": str(self.path), "size": self.size, "sha256": self.sha256,
               "course": self.course_code, "resources": dict(self.resources),
               "documents": len(self.documents), "document_files": len(self.documents),
               "document_folders": self.folders, "entries": self.entries,
               "warnings": [g.as_dict() for g in self.gaps]}
        if self.server_name:
            out["server_name"] = self.server_name
        return out


def read_course(zf: zipfile.ZipFile, max_bytes: int = DEFAULT_MAX_BYTES) -> PhpObject:
    """The decoded Course object (VerificationError when the zip holds none, or one too big or malformed)."""
    try:
        return course_info.read_course(zf, max_bytes)
    except CourseInfoError as err:
        kind = DAMAGED if err.damaged else NO_COURSE_INFO if COURSE_INFO not in zf.namelist() else ""
        raise VerificationError(str(err), kind=kind) from None


def read_backup_content(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> CourseContent:
    """The typed content of a backup zip (VerificationError when it is not a readable backup)."""
    try:
        with zipfile.ZipFile(path) as zf:
            return read_content(read_course(zf, max_bytes))
    except zipfile.BadZipFile as err:
        raise VerificationError(f"{path.name} is not a valid zip archive: {err}", kind=DAMAGED) from None
    except (OSError, EOFError, zipfile.LargeZipFile, RuntimeError, NotImplementedError) as err:
        raise VerificationError(f"{path.name} cannot be read: {err}", kind=DAMAGED) from None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_entries(zf: zipfile.ZipFile, progress: Any = None) -> None:
    """Read every entry to its end (zipfile checks each one's CRC there), in 1 MiB chunks: memory
    stays flat whatever the archive's size. ``progress``: an engine Progress, for big archives."""
    infos = zf.infolist()
    for info in infos:  # before inflating anything: a bomb is refused, not read to its end
        bomb = course_info.inflation_problem(info)
        if bomb:
            raise VerificationError(f"the archive is refused: {bomb}")
    total = sum(i.file_size for i in infos)
    counting = progress.counting("Checking the archive", total) if progress is not None else nullcontext(None)
    with counting as advance:
        for info in infos:
            try:
                with zf.open(info) as entry:
                    while chunk := entry.read(1 << 20):
                        if advance is not None:
                            advance(len(chunk))
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
                raise VerificationError(f"the archive is damaged: entry {info.filename!r} fails its check "
                                        f"({err})", kind=DAMAGED) from None


def verify_backup(path: Path, expected_course: str | None = None, progress: Any = None,
                  max_course_info: int = DEFAULT_MAX_BYTES) -> BackupReport:
    """course_info.dat decodable (within ``max_course_info`` bytes), zip integrity, every listed
    document present. Raises VerificationError (never anything else for a bad archive)."""
    size = path.stat().st_size
    if size == 0:
        raise VerificationError("the downloaded archive is empty (0 bytes)", kind=DAMAGED)
    try:
        with zipfile.ZipFile(path) as zf:
            course = read_course(zf, max_course_info)  # first: a bomb is refused before anything is inflated
            check_entries(zf, progress)
            names = set(zf.namelist())
            entries = len(names)
    except zipfile.BadZipFile as err:
        raise VerificationError(f"the download is not a valid zip archive: {err}", kind=DAMAGED) from None
    except (OSError, EOFError, zlib.error, zipfile.LargeZipFile, RuntimeError, NotImplementedError) as err:
        raise VerificationError(f"the archive cannot be read: {err}", kind=DAMAGED) from None
    except RecursionError:  # never expected (the reader is iterative): still a verification error
        raise VerificationError(f"{COURSE_INFO} is nested too deeply") from None
    content = read_content(course)
    code = content.code
    if expected_course and code.upper() != expected_course.upper():
        raise VerificationError(f"the archive is a backup of course {code!r}, not {expected_course!r}")
    documents = [d.path for d in content.files]
    missing = [p for p in documents if p not in names]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise VerificationError(f"{len(missing)} document(s) listed in {COURSE_INFO} are missing from the archive: {shown}",
                                kind=DAMAGED)
    return BackupReport(path=path, size=size, sha256=sha256_of(path), course_code=code,
                        resources=dict(sorted(content.counts.items())), documents=sorted(documents),
                        entries=entries, folders=len(content.folders), gaps=content.gaps())
