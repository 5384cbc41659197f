"""Chamilo 1.11 course backups, read without Chamilo: the PHP serialization of ``course_info.dat``
(``phpserial``, iterative and limited), reading it from a zip (``course_info``), and what it holds,
type by type (``content``).

A package of its own because both sides need it and neither may import the other: the robot
(flows/archive.py, ``robot show``, ``robot restore``) and the practice Chamilo (its backups and its
Import backup). It imports nothing of ``robot``, ``flows`` or ``practice_server``
(tests/unit/test_layering.py)."""
from __future__ import annotations

from .course_info import COURSE_INFO, DEFAULT_MAX_BYTES, CourseInfoError, decode, read_course, read_raw
from .phpserial import PHPObject, PhpFormatError, dumps, loads

__all__ = ["COURSE_INFO", "DEFAULT_MAX_BYTES", "CourseInfoError", "PHPObject", "PhpFormatError", "decode",
           "dumps", "loads", "read_course", "read_raw"]
