"""Splitting a campaign across machines: ``--shard K/N`` takes the courses whose code hashes to K.

The shard of a course is sha256 of its code (upper case, UTF-8), read as one big number, modulo N: a
course is always in the same shard, whatever the order of the plan's rows or the machine, and anyone
can recompute it (``int(hashlib.sha256(b"MATHS").hexdigest(), 16) % 3``). K counts from 0, like
Kubernetes' JOB_COMPLETION_INDEX.
"""
from __future__ import annotations

import hashlib
import re

from robot.errors import UsageError

MAX_SHARDS = 1000


def parse_shard(text: str | None) -> tuple[int, int]:
    """"2/5" → (2, 5); None → (0, 1), the whole plan."""
    if not text:
        return (0, 1)
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m:
        raise UsageError(f"--shard {text!r}: write K/N, e.g. 0/3 (K from 0 to N-1)")
    k, n = int(m.group(1)), int(m.group(2))
    if not 1 <= n <= MAX_SHARDS or not 0 <= k < n:
        raise UsageError(f"--shard {text}: K must be between 0 and N-1, and N between 1 and {MAX_SHARDS}")
    return (k, n)


def shard_of(code: str, shards: int) -> int:
    """The shard (0…shards-1) of a course: sha256(code) as a number, modulo ``shards``."""
    return int(hashlib.sha256(code.strip().upper().encode("utf-8")).hexdigest(), 16) % shards
