"""Pictures of our own for every Chamilo image path (icons, logo, status dots, editor buttons).

Each picture is a PNG drawn here: a rounded square in a colour taken from the path, with a white
"page" glyph, and a light grain so that its size in bytes is close to the real icon's (a 64 px
tool icon of Chamilo weighs 4-10 KB, a 16 px one under 1 KB).  Same path, same bytes.  Drawing
one takes ~20 ms of pure Python, so pictures are kept in memory and on disk (``CACHE_DIR``,
git-ignored): a new server answers from the disk as fast as from a static file.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
import os
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parent / "static" / "vendor" / ".pictures"
DRAWING = "1"  # bump when the drawing changes (the disk cache is keyed by it)

_SIZE_IN_PATH = re.compile(r"/(16|22|32|48|64|128)/")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def picture_size(path: str) -> tuple[int, int]:
    """The pixel size a page expects for this path."""
    if "header-logo" in path:
        return 240, 64
    m = _SIZE_IN_PATH.search(path)
    if m:
        n = int(m.group(1))
        return n, n
    if path.endswith(".large.png"):
        return 48, 48
    if "favicon" in path:
        return 32, 32
    return 16, 16


@lru_cache(maxsize=512)
def picture(path: str) -> bytes:
    """A PNG for ``path`` (deterministic)."""
    cached = CACHE_DIR / (hashlib.sha256(f"{DRAWING}:{path}".encode()).hexdigest()[:32] + ".png")
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = draw(path)
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only tree: memory only
    return data


def draw(path: str) -> bytes:
    """Draw the PNG for ``path``."""
    width, height = picture_size(path)
    seed = hashlib.sha256(path.encode()).digest()
    base = (40 + seed[0] % 120, 90 + seed[1] % 100, 150 + seed[2] % 100)
    # bigger icons carry more detail (and weigh more): a 64 px tool icon of Chamilo is 4-10 KB
    grain = 1 if width > 128 else 4 if width >= 48 else 3 if width >= 32 else 2
    noise = hashlib.shake_256(seed).digest(width * height * 3)
    radius = max(2, min(width, height) // 6)
    margin = max(1, min(width, height) // 12)
    rows = []
    for y in range(height):
        row = bytearray()
        for x in range(width):
            inside = margin <= x < width - margin and margin <= y < height - margin
            if inside:  # cut the square's corners
                cx = min(x - margin, width - margin - 1 - x)
                cy = min(y - margin, height - margin - 1 - y)
                if cx < radius and cy < radius and (radius - cx) ** 2 + (radius - cy) ** 2 > radius ** 2:
                    inside = False
            if not inside:
                row += b"\x00\x00\x00\x00"
                continue
            page = width * 0.3 <= x < width * 0.7 and height * 0.22 <= y < height * 0.78
            at = (y * width + x) * 3
            n0, n1, n2 = (noise[at + i] % (grain * 2 + 1) - grain for i in range(3))
            if page:
                line = int(y / max(1, height / 12)) % 2 == 0 and x < width * 0.62
                c = (base[0], base[1], base[2]) if line and height >= 32 else (250, 250, 250)
            else:
                c = base
            row += bytes((max(0, min(255, c[0] + n0)), max(0, min(255, c[1] + n1)), max(0, min(255, c[2] + n2)), 255))
        rows.append(bytes(row))
    return _png(width, height, rows)
