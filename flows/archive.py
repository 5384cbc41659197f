"""Reading and verifying a Chamilo course backup (.zip with course_info.dat).

``course_info.dat`` is base64 of a PHP-serialized ``Chamilo\\CourseBundle\\Component\\CourseCopy\\Course``.
We parse PHP's serialize() format ourselves (a small, strict reader) rather than trusting the zip's
listing: every document file the course object lists must be in the zip.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import zipfile
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from robot.errors import VerificationError

COURSE_INFO = "course_info.dat"


@dataclass
class PhpObject:
    class_name: str
    props: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


class PhpFormatError(ValueError):
    pass


def php_unserialize(data: bytes) -> Any:
    value, end = _read(data, 0)
    if end != len(data):
        raise PhpFormatError(f"trailing bytes after position {end}")
    return value


def _expect(data: bytes, pos: int, token: bytes) -> int:
    if data[pos:pos + len(token)] != token:
        raise PhpFormatError(f"expected {token!r} at {pos}, got {data[pos:pos + 10]!r}")
    return pos + len(token)


def _read_until(data: bytes, pos: int, stop: bytes) -> tuple[bytes, int]:
    end = data.find(stop, pos)
    if end < 0:
        raise PhpFormatError(f"missing {stop!r} after {pos}")
    return data[pos:end], end + 1


def _read(data: bytes, pos: int) -> tuple[Any, int]:
    kind = data[pos:pos + 1]
    if kind == b"N":
        return None, _expect(data, pos + 1, b";")
    if kind == b"b":
        raw, pos = _read_until(data, pos + 2, b";")
        return raw == b"1", pos
    if kind == b"i":
        raw, pos = _read_until(data, pos + 2, b";")
        return int(raw), pos
    if kind == b"d":
        raw, pos = _read_until(data, pos + 2, b";")
        return float(raw), pos
    if kind == b"s":
        raw, pos = _read_until(data, pos + 2, b":")
        length = int(raw)
        pos = _expect(data, pos, b'"')
        text = data[pos:pos + length]
        pos = _expect(data, pos + length, b'";')
        return text.decode("utf-8", errors="replace"), pos
    if kind == b"a":
        raw, pos = _read_until(data, pos + 2, b":")
        return _read_pairs(data, _expect(data, pos, b"{"), int(raw))
    if kind == b"O":
        raw, pos = _read_until(data, pos + 2, b":")
        length = int(raw)
        pos = _expect(data, pos, b'"')
        name = data[pos:pos + length].decode()
        pos = _expect(data, pos + length, b'":')
        raw, pos = _read_until(data, pos, b":")
        props, pos = _read_pairs(data, _expect(data, pos, b"{"), int(raw))
        return PhpObject(name, {str(k).split("\0")[-1]: v for k, v in props.items()}), pos
    raise PhpFormatError(f"unknown type {kind!r} at {pos}")


def _read_pairs(data: bytes, pos: int, count: int) -> tuple[dict, int]:
    out: dict = {}
    for _ in range(count):
        key, pos = _read(data, pos)
        value, pos = _read(data, pos)
        out[key] = value
    return out, _expect(data, pos, b"}")


@dataclass
class BackupReport:
    path: Path
    size: int
    sha256: str
    course_code: str
    resources: dict[str, int]
    documents: list[str] = field(default_factory=list)
    entries: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "size": self.size, "sha256": self.sha256,
                "course": self.course_code, "resources": dict(self.resources),
                "documents": len(self.documents), "entries": self.entries}


def read_course(zf: zipfile.ZipFile) -> PhpObject:
    try:
        raw = zf.read(COURSE_INFO)
    except KeyError:
        raise VerificationError(f"the archive has no {COURSE_INFO}: it is not a Chamilo course backup") from None
    try:
        decoded = base64.b64decode(raw, validate=False)
        course = php_unserialize(decoded)
    except (binascii.Error, PhpFormatError, ValueError, UnicodeDecodeError) as err:
        raise VerificationError(f"{COURSE_INFO} cannot be decoded: {err}") from None
    if not isinstance(course, PhpObject) or not course.class_name.endswith("CourseCopy\\Course"):
        raise VerificationError(f"{COURSE_INFO} does not hold a Chamilo course object")
    return course


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
    total = sum(i.file_size for i in infos)
    counting = progress.counting("Checking the archive", total) if progress is not None else nullcontext(None)
    with counting as advance:
        for info in infos:
            try:
                with zf.open(info) as entry:
                    while chunk := entry.read(1 << 20):
                        if advance is not None:
                            advance(len(chunk))
            except zipfile.BadZipFile as err:
                raise VerificationError(f"the archive is damaged: entry {info.filename!r} fails its check "
                                        f"({err})") from None


def verify_backup(path: Path, expected_course: str | None = None, progress: Any = None) -> BackupReport:
    """Zip integrity, course_info.dat decodable, every listed document present. Raises VerificationError."""
    size = path.stat().st_size
    if size == 0:
        raise VerificationError("the downloaded archive is empty (0 bytes)")
    try:
        with zipfile.ZipFile(path) as zf:
            check_entries(zf, progress)
            course = read_course(zf)
            names = set(zf.namelist())
            entries = len(names)
    except zipfile.BadZipFile as err:
        raise VerificationError(f"the download is not a valid zip archive: {err}") from None
    except (OSError, EOFError, zipfile.LargeZipFile) as err:
        raise VerificationError(f"the archive cannot be read: {err}") from None
    code = str(course.get("code") or "")
    if expected_course and code.upper() != expected_course.upper():
        raise VerificationError(f"the archive is a backup of course {code!r}, not {expected_course!r}")
    resources = course.get("resources") or {}
    counts: Counter[str] = Counter()
    documents: list[str] = []
    missing: list[str] = []
    for rtype, items in resources.items():
        items = items if isinstance(items, dict) else {}
        real = {k: v for k, v in items.items() if not (isinstance(k, int) and k < 0)}
        counts[str(rtype)] = len(real)
        if rtype != "document":
            continue
        for item in real.values():
            if not isinstance(item, PhpObject) or item.get("file_type") != "file":
                continue
            doc_path = str(item.get("path") or "")
            documents.append(doc_path)
            if doc_path not in names:
                missing.append(doc_path)
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        raise VerificationError(f"{len(missing)} document(s) listed in {COURSE_INFO} are missing from the archive: {shown}")
    return BackupReport(path=path, size=size, sha256=sha256_of(path), course_code=code,
                        resources=dict(sorted(counts.items())), documents=sorted(documents), entries=entries)
