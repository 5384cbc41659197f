"""A backup zip is untrusted input (issue 22 item 6): course_info.dat is read within limits, every
malformed byte is a verification error, and the `.part` of a download that fails never stays."""
from __future__ import annotations

import base64
import struct
import zlib
import tracemalloc
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from chamilo_backup import PhpFormatError, loads
from flows import backup as backup_flow
from flows.archive import verify_backup
from robot.errors import VerificationError

CHUNK = b"A" * (1 << 20)


def bomb_zip(path: Path, megabytes: int, declared: int | None = None, name: bytes = b"course_info.dat") -> Path:
    """A zip of a few hundred KB whose course_info.dat inflates to ``megabytes`` MB of base64 text.
    Written by hand: after the first MiB every MiB of "A" deflates (full flush) to the same bytes, so
    the stream is built without compressing 500 MB (seconds of CPU) — only its CRC is computed."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = comp.compress(CHUNK) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(CHUNK) + comp.flush(zlib.Z_FULL_FLUSH)
    assert comp.compress(CHUNK) + comp.flush(zlib.Z_FULL_FLUSH) == again
    data = first + again * (megabytes - 2) + comp.compress(CHUNK) + comp.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(CHUNK, crc)
    size = megabytes * len(CHUNK) if declared is None else declared  # a zip may lie about it
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0)
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), size, len(name),
                          0, 0, 0, 0, 0, 0)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(central) + len(name), len(local) + len(name)
                      + len(data), 0)
    path.write_bytes(local + name + data + central + name + end)
    return path


def deep_zip(path: Path, depth: int) -> Path:
    nested = b"a:1:{i:0;" * depth + b"N;" + b"}" * depth
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("course_info.dat", base64.b64encode(nested))
    return path


def keep_step_context(part: Path, tmp: Path) -> SimpleNamespace:
    """What the verify step reads: the .part, the final name, the course, no progress display."""
    params = SimpleNamespace(course="X", max_course_info=64 * 1024 * 1024)
    return SimpleNamespace(data={"part_path": part, "final_path": tmp / "X.zip"}, params=params, progress=None)


def test_a_small_zip_with_a_500_mb_course_info_is_refused_without_reading_it(tmp_path):
    path = bomb_zip(tmp_path / "bomb.zip.part", 500)
    assert path.stat().st_size < 1_000_000  # a few hundred KB on disk
    tracemalloc.start()
    try:
        with pytest.raises(VerificationError, match="over the limit"):
            verify_backup(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MiB used to refuse it"
    step = backup_flow.verify_and_keep
    with pytest.raises(VerificationError):
        step.action(keep_step_context(path, tmp_path))
    assert not path.exists() and not (tmp_path / "X.zip").exists()  # the .part is gone, nothing kept


def test_a_zip_that_lies_about_the_size_is_cut_at_what_it_declares(tmp_path):
    path = bomb_zip(tmp_path / "liar.zip", 500, declared=1024)
    tracemalloc.start()
    try:
        with pytest.raises(VerificationError):
            verify_backup(path)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 2**20:.0f} MiB"


def test_5000_levels_deep_is_a_verification_error_and_the_part_goes(tmp_path):
    path = deep_zip(tmp_path / "deep.zip.part", 5000)
    with pytest.raises(VerificationError, match="nested deeper"):
        verify_backup(path)
    with pytest.raises(VerificationError):
        backup_flow.verify_and_keep.action(keep_step_context(path, tmp_path))
    assert not path.exists()


@pytest.mark.parametrize("data", [
    b"a:2:{i:0;N;}", b"a:1:{a:0:{}N;}", b's:5:"ab";', b"i:1x;", b"O:3:\"Foo\":1:{i:0;N;}x", b"r:1;",
    b"a:-1:{}", b"b:2;", b"", b"C:3:\"Foo\":0:{}", b'O:3:"F o":0:{}', b"d:1..2;", b"a:1:{i:0;N;" * 3,
])
def test_every_malformed_input_is_a_format_error(data):
    with pytest.raises(PhpFormatError):
        loads(data)


def test_a_course_info_that_is_not_chamilos_is_a_verification_error(tmp_path):
    for name, dat in {"text": b"hello, not base64!", "array": base64.b64encode(b"a:0:{}"),
                      "object": base64.b64encode(b'O:8:"stdClass":0:{}')}.items():
        path = tmp_path / f"{name}.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("course_info.dat", dat)
        with pytest.raises(VerificationError):
            verify_backup(path)


def test_the_limit_is_a_setting(tmp_path):
    path = bomb_zip(tmp_path / "b.zip", 3)
    with pytest.raises(VerificationError, match="2,097,152"):
        verify_backup(path, max_course_info=2 * 1024 * 1024)


def test_a_document_that_inflates_like_a_bomb_is_refused_before_it_is_read(tmp_path):
    path = bomb_zip(tmp_path / "doc.zip", 200, name=b"document/a.dat")  # 200 MB from a few hundred KB
    with zipfile.ZipFile(path, "a") as zf:  # beside a course_info.dat that decodes
        zf.writestr("course_info.dat", base64.b64encode(
            b'O:48:"Chamilo\\CourseBundle\\Component\\CourseCopy\\Course":2:{s:9:"resources";a:0:{}s:4:"code";s:1:"X";}'))
    with pytest.raises(VerificationError, match="zip bomb"):
        verify_backup(path)
