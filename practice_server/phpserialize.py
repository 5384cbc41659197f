"""A small PHP ``serialize()`` / ``unserialize()`` for the practice Chamilo.

Only what a Chamilo 1.11 backup needs: null, bool, int, float, string, array (from ``dict`` or
``list``) and objects (:class:`PHPObject`, public properties only).  Strings are counted in UTF-8
bytes, as PHP does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PHPObject:
    """An object of class ``class_name`` whose public properties are ``props`` (in order)."""

    class_name: str
    props: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.props[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


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
    return _str(s.encode("utf-8"))


def _dump(value: Any, out: list[bytes]) -> None:
    if value is None:
        out.append(b"N;")
    elif isinstance(value, bool):
        out.append(b"b:%d;" % int(value))
    elif isinstance(value, int):
        out.append(b"i:%d;" % value)
    elif isinstance(value, float):
        out.append(b"d:%s;" % repr(value).encode())
    elif isinstance(value, str):
        out.append(_str(value.encode("utf-8")))
    elif isinstance(value, (bytes, bytearray)):
        out.append(_str(bytes(value)))
    elif isinstance(value, PHPObject):
        name = value.class_name.encode("utf-8")
        out.append(b"O:%d:\"%s\":%d:{" % (len(name), name, len(value.props)))
        for k, v in value.props.items():
            out.append(_str(str(k).encode("utf-8")))
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
    """PHP ``serialize($value)``."""
    out: list[bytes] = []
    _dump(value, out)
    return b"".join(out)


class _Reader:
    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def until(self, stop: bytes) -> bytes:
        end = self.data.index(stop, self.pos)
        chunk = self.data[self.pos:end]
        self.pos = end + len(stop)
        return chunk

    def expect(self, token: bytes) -> None:
        if self.data[self.pos:self.pos + len(token)] != token:
            raise ValueError(f"expected {token!r} at {self.pos}")
        self.pos += len(token)

    def read(self, n: int) -> bytes:
        chunk = self.data[self.pos:self.pos + n]
        if len(chunk) != n:
            raise ValueError("truncated data")
        self.pos += n
        return chunk

    def value(self) -> Any:
        kind = self.read(1)
        if kind == b"N":
            self.expect(b";")
            return None
        self.expect(b":")
        if kind == b"b":
            return self.until(b";") == b"1"
        if kind == b"i":
            return int(self.until(b";"))
        if kind == b"d":
            return float(self.until(b";"))
        if kind == b"s":
            n = int(self.until(b":"))
            self.expect(b"\"")
            raw = self.read(n)
            self.expect(b"\";")
            return raw.decode("utf-8", errors="surrogateescape")
        if kind == b"a":
            n = int(self.until(b":"))
            self.expect(b"{")
            arr = {}
            for _ in range(n):
                k = self.value()
                arr[k] = self.value()
            self.expect(b"}")
            return arr
        if kind == b"O":
            n = int(self.until(b":"))
            self.expect(b"\"")
            name = self.read(n).decode("utf-8")
            self.expect(b"\":")
            count = int(self.until(b":"))
            self.expect(b"{")
            props = {}
            for _ in range(count):
                k = self.value()
                props[k] = self.value()
            self.expect(b"}")
            return PHPObject(name, props)
        raise ValueError(f"unknown type {kind!r} at {self.pos - 1}")


def loads(data: bytes | str) -> Any:
    """PHP ``unserialize($data)``: arrays come back as ``dict``, objects as :class:`PHPObject`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    reader = _Reader(data)
    value = reader.value()
    if reader.pos != len(data):
        raise ValueError(f"trailing data at {reader.pos}")
    return value
