"""``course_info.dat``: read it from a backup zip, within limits, and decode it.

Chamilo writes ``base64_encode(serialize($course))`` (one line) as the zip's last entry. A real one
is 4 KB for an empty course, 10 KB for 4 documents, 34 KB for a course with a quiz, a forum and a
learning path; a course of 20,000 documents stays under 40 MB. The size is capped (``max_bytes``,
64 MiB by default, the robot's ``ROBOT_MAX_COURSE_INFO_MB``) *before* anything is decompressed: the
declared size is checked, then at most ``max_bytes + 1`` bytes are read — a 400 KB zip announcing
500 MB is refused at once, one that lies about its size is cut at the cap.
"""
from __future__ import annotations

import base64
import binascii
import zipfile
import zlib
from typing import Any

from .phpserial import PHPObject, PhpFormatError, loads

COURSE_INFO = "course_info.dat"
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
COURSE_CLASS = "Chamilo\\CourseBundle\\Component\\CourseCopy\\Course"


MAX_RATIO = 500  # deflate inflates at most ~1,030 times; real documents stay far below 100
RATIO_FLOOR = 10 * 1024 * 1024  # small entries may compress very well (a blank page): not judged


def inflation_problem(info: zipfile.ZipInfo) -> str | None:
    """Why an entry looks like a zip bomb (it inflates more than MAX_RATIO times to over 10 MiB), or None."""
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return (f"{info.filename!r} would inflate from {info.compress_size:,} to {info.file_size:,} bytes "
                "(a zip bomb?)")
    return None


class CourseInfoError(ValueError):
    """course_info.dat is missing, too big, or not what Chamilo writes (the message says which).
    ``damaged``: its bytes could not be read out of the zip (cut short, corrupted), as opposed to
    bytes that were read and are not what Chamilo writes."""

    def __init__(self, message: str, *, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


def read_raw(zf: zipfile.ZipFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The entry's bytes (base64 text), at most ``max_bytes``."""
    try:
        info = zf.getinfo(COURSE_INFO)
    except KeyError:
        raise CourseInfoError(f"the archive has no {COURSE_INFO}: it is not a Chamilo course backup") from None
    if info.file_size > max_bytes:
        raise CourseInfoError(f"{COURSE_INFO} is {info.file_size:,} bytes, over the limit of {max_bytes:,} "
                              "(ROBOT_MAX_COURSE_INFO_MB): not read")
    limit = info.file_size  # never more than it declares (zipfile checks the CRC at its end)
    raw = bytearray()
    try:
        with zf.open(info) as fh:  # 1 MiB at a time: memory follows what is read, not what is asked
            while len(raw) <= limit and (chunk := fh.read(min(1 << 20, limit + 1 - len(raw)))):
                raw += chunk
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as err:
        raise CourseInfoError(f"{COURSE_INFO} cannot be read: {err}", damaged=True) from None
    if len(raw) > limit:
        raise CourseInfoError(f"{COURSE_INFO} is bigger than the zip declares: not read")
    return bytes(raw)


def decode(raw: bytes) -> PHPObject:
    """base64 → PHP unserialize → the Course object (CourseInfoError otherwise)."""
    try:
        data = base64.b64decode(b"".join(raw.split()), validate=True)
    except (binascii.Error, ValueError) as err:
        raise CourseInfoError(f"{COURSE_INFO} is not base64 text: {err}") from None
    try:
        course: Any = loads(data)
    except PhpFormatError as err:
        raise CourseInfoError(f"{COURSE_INFO} cannot be decoded: {err}") from None
    if not isinstance(course, PHPObject) or course.class_name.rsplit("\\", 1)[-1] != "Course" \
            or "CourseCopy" not in course.class_name:
        raise CourseInfoError(f"{COURSE_INFO} does not hold a Chamilo course object")
    if not isinstance(course.get("resources"), dict):
        raise CourseInfoError(f"{COURSE_INFO}: the course object has no resources")
    return course


def read_course(zf: zipfile.ZipFile, max_bytes: int = DEFAULT_MAX_BYTES) -> PHPObject:
    """The decoded Course object of a backup zip (CourseInfoError when it is not one)."""
    return decode(read_raw(zf, max_bytes))
