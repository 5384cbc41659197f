"""PHP ``serialize()`` / ``unserialize()`` for Chamilo's ``course_info.dat`` — read without recursion.

Why our own module rather than a PyPI library (checked for issue 20): ``phpserialize`` 1.3 (2012, the
well-known one) and ``phpserialize-typed`` 1.0 both read recursively (a 5,000-deep input raises
``RecursionError``), have no depth, size or count limit, and ``phpserialize`` reads byte by byte from a
stream; ``phpserialize-rs`` ships no wheel for this platform and needs a Rust toolchain to build.
A backup zip comes from a server, a colleague or a mail: its ``course_info.dat`` is untrusted input. This
reader is iterative (an explicit stack), limits nesting depth and the number of values, and turns every
malformed byte into :class:`PhpFormatError` (a ``ValueError``) — never a ``RecursionError``, ``IndexError``
or ``KeyError``.

Only what Chamilo 1.11 writes is accepted: ``N``, ``b``, ``i``, ``d``, ``s``, ``a``, ``O``. References
(``r:``/``R:``), custom-serialized objects (``C:``) and enums are refused: Chamilo's CourseBuilder never
writes them (see ../shared/chamilo/samples/RICH-backup.md). Strings are PHP byte strings: they come back
as ``str`` decoded from UTF-8 with ``surrogateescape`` (so ``dumps(loads(x)) == x`` byte for byte).

Shared by the robot (flows/archive.py, robot show) and the practice Chamilo: it imports nothing of either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_DEPTH = 64  # Chamilo's deepest: Course → resources → type → item → obj/items → row → value (≈ 8)
MAX_VALUES = 5_000_000  # values of all kinds in one document (a course of 20,000 documents has ≈ 1 M)

_INT = re.compile(rb"-?[0-9]+")
_FLOAT = re.compile(rb"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NAN")


class PhpFormatError(ValueError):
    """The bytes are not PHP serialize() output as Chamilo writes it."""


@dataclass
class PHPObject:
    """An object of class ``class_name`` whose properties are ``props`` (in order)."""

    class_name: str
    props: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.props[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


# --- serialize ---------------------------------------------------------------------------------

def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> bytes:
    return b"s:%d:\"%s\";" % (len(b), b)


def _key(k: Any) -> bytes:
    if isinstance(k, bool):
        return b"i:%d;" % int(k)
    if isinstance(k, int):
        return b"i:%d;" % k
    s = str(k)
    # PHP turns decimal-integer string keys into integer keys.
    if s.lstrip("-").isdigit() and (s == "0" or not s.lstrip("-").startswith("0")) and s != "-0":
        return b"i:%s;" % s.encode()
    return _str(_bytes(s))


def _float(value: float) -> bytes:
    if value != value:
        return b"NAN"
    if value in (float("inf"), float("-inf")):
        return b"INF" if value > 0 else b"-INF"
    if value.is_integer() and abs(value) < 1e15:
        return b"%d" % int(value)  # PHP writes d:10; for 10.0
    return repr(value).encode()


def _dump(value: Any, out: list[bytes]) -> None:
    # recursion here is bounded by the data we build ourselves (never by untrusted input)
    if value is None:
        out.append(b"N;")
    elif isinstance(value, bool):
        out.append(b"b:%d;" % int(value))
    elif isinstance(value, int):
        out.append(b"i:%d;" % value)
    elif isinstance(value, float):
        out.append(b"d:%s;" % _float(value))
    elif isinstance(value, str):
        out.append(_str(_bytes(value)))
    elif isinstance(value, (bytes, bytearray)):
        out.append(_str(bytes(value)))
    elif isinstance(value, PHPObject):
        name = _bytes(value.class_name)
        out.append(b"O:%d:\"%s\":%d:{" % (len(name), name, len(value.props)))
        for k, v in value.props.items():
            out.append(_str(_bytes(str(k))))
            _dump(v, out)
        out.append(b"}")
    elif isinstance(value, dict):
        out.append(b"a:%d:{" % len(value))
        for k, v in value.items():
            out.append(_key(k))
            _dump(v, out)
        out.append(b"}")
    elif isinstance(value, (list, tuple)):
        out.append(b"a:%d:{" % len(value))
        for i, v in enumerate(value):
            out.append(b"i:%d;" % i)
            _dump(v, out)
        out.append(b"}")
    else:
        raise TypeError(f"cannot PHP-serialize {type(value).__name__}")


def dumps(value: Any) -> bytes:
    """PHP ``serialize($value)`` (dict/list → array, :class:`PHPObject` → object)."""
    out: list[bytes] = []
    _dump(value, out)
    return b"".join(out)


# --- unserialize (iterative) -------------------------------------------------------------------

class _Frame:
    """A container being filled: its values, how many (key, value) pairs are still expected, and
    the key read and waiting for its value."""

    __slots__ = ("values", "left", "key", "has_key", "class_name")

    def __init__(self, left: int, class_name: str | None) -> None:
        self.values: dict[Any, Any] = {}
        self.left = left
        self.key: Any = None
        self.has_key = False
        self.class_name = class_name

    def finish(self) -> Any:
        if self.class_name is None:
            return self.values
        # private / protected properties are "\0Class\0name" / "\0*\0name": keep the name
        return PHPObject(self.class_name, {str(k).rsplit("\0", 1)[-1]: v for k, v in self.values.items()})


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def fail(self, what: str) -> PhpFormatError:
        return PhpFormatError(f"{what} at byte {self.pos}")

    def byte(self) -> bytes:
        b = self.data[self.pos:self.pos + 1]
        if not b:
            raise self.fail("unexpected end of data")
        self.pos += 1
        return b

    def expect(self, token: bytes) -> None:
        if self.data[self.pos:self.pos + len(token)] != token:
            raise self.fail(f"expected {token.decode()!r}")
        self.pos += len(token)

    def until(self, stop: bytes, pattern: re.Pattern[bytes], what: str) -> bytes:
        end = self.data.find(stop, self.pos, self.pos + 400)  # a number is never longer
        if end < 0:
            raise self.fail(f"unterminated {what}")
        raw = self.data[self.pos:end]
        if not pattern.fullmatch(raw):
            raise self.fail(f"bad {what} {raw[:20]!r}")
        self.pos = end + 1
        return raw

    def count(self) -> int:
        return int(self.until(b":", _INT, "length"))

    def string(self, errors: str) -> str:
        n = self.count()
        if n < 0 or self.pos + n + 2 > len(self.data):
            raise self.fail(f"string of {n} bytes runs past the end")
        self.expect(b'"')
        raw = self.data[self.pos:self.pos + n]
        self.pos += n
        self.expect(b'";')
        return raw.decode("utf-8", errors)


def loads(data: bytes | str, *, max_depth: int = MAX_DEPTH, max_values: int = MAX_VALUES,
          errors: str = "surrogateescape") -> Any:
    """PHP ``unserialize($data)``: arrays come back as ``dict``, objects as :class:`PHPObject`.

    Raises :class:`PhpFormatError` for anything malformed, nested deeper than ``max_depth``, holding
    more than ``max_values`` values, or followed by trailing bytes."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    r = _Reader(data)
    stack: list[_Frame] = []
    values = 0
    result: Any = None
    done = False
    while not done:
        frame = stack[-1] if stack else None
        if frame is not None and frame.left == 0 and not frame.has_key:
            r.expect(b"}")
            stack.pop()
            value: Any = frame.finish()
        else:
            values += 1
            if values > max_values:
                raise r.fail(f"more than {max_values} values")
            kind = r.byte()
            if kind == b"N":
                r.expect(b";")
                value = None
            elif kind in (b"b", b"i", b"d", b"s", b"a", b"O"):
                r.expect(b":")
                if kind == b"b":
                    raw = r.until(b";", _INT, "boolean")
                    if raw not in (b"0", b"1"):
                        raise r.fail("bad boolean")
                    value = raw == b"1"
                elif kind == b"i":
                    value = int(r.until(b";", _INT, "integer"))
                elif kind == b"d":
                    value = float(r.until(b";", _FLOAT, "float"))
                elif kind == b"s":
                    value = r.string(errors)
                else:
                    name = _class_name(r) if kind == b"O" else None
                    n = r.count()
                    r.expect(b"{")
                    if n < 0:
                        raise r.fail("negative count")
                    if frame is not None and frame.has_key is False and frame.left > 0:
                        raise r.fail("an array or object cannot be a key")
                    if len(stack) >= max_depth:
                        raise r.fail(f"nested deeper than {max_depth} levels")
                    stack.append(_Frame(n, name))
                    continue
            else:
                raise r.fail(f"unknown type {kind!r}")
            if frame is not None and not frame.has_key:
                if frame.left == 0:
                    raise r.fail("more elements than announced")
                if isinstance(value, bool) or not isinstance(value, (int, str)):
                    raise r.fail("a key must be an integer or a string")
                frame.key, frame.has_key = value, True
                continue
        # a complete value: it belongs to the frame below, or it is the result
        if stack:
            parent = stack[-1]
            parent.values[parent.key] = value
            parent.has_key = False
            parent.left -= 1
        else:
            result, done = value, True
    if r.pos != len(data):
        raise r.fail("trailing bytes")
    return result


def _class_name(r: _Reader) -> str:
    n = r.count()
    if n <= 0 or n > 512 or r.pos + n + 2 > len(r.data):
        raise r.fail("bad class name length")
    r.expect(b'"')
    raw = r.data[r.pos:r.pos + n]
    r.pos += n
    r.expect(b'":')
    if not re.fullmatch(rb"[A-Za-z_\\][A-Za-z0-9_\\]*", raw):
        raise r.fail("bad class name")
    return raw.decode("ascii")
