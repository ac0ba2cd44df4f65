"""Where an ARFF file's values are missing: a small reader that keeps only that.

It follows the rules of openml-dash's own reader (sdk/arff) and Weka:

- @relation, @attribute and @data in any letter case; blank lines and
  % comments (on their own line, or after a row outside quotes); gzip
  input, recognised by its first bytes; a UTF-8 byte-order mark.
- Dense rows (values separated by commas) and sparse rows
  ({index value, ...}, indexes from 0). An attribute a sparse row leaves
  out is 0, not missing (unless it is nominal with no declared values).
- An unquoted ? is a missing value; a quoted '?' is the text "?" (a value a
  nominal attribute may declare, as OpenML's anneal does). A numeric NaN is
  missing too.

Values are not otherwise checked: the data plugin reports a file it cannot
read. A row is cut into its values only when it may hold a missing value,
or when its commas do not add up (a quoted value with a comma); a row with
the wrong number of values, or a file that is no ARFF file, raises
ArffError with the line number.
"""

from __future__ import annotations

import gzip
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Optional

#: Bytes Weka's tokenizer takes for white space: everything up to ' '.
WS = bytes(range(33))
_NANS = {b"nan"}
_QUOTES = b"'\""
_KEYWORD = re.compile(rb"@([A-Za-z]*)")


class ArffError(Exception):
    """The file is not ARFF, or not as this reader takes it."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}" if line else message)
        self.line = line


@dataclass
class Attribute:
    name: str
    kind: str  # "numeric", "nominal", "string", "date"
    levels: list = field(default_factory=list)


@dataclass
class Missing:
    """Where the values are missing.

    ``per_attribute[j]`` counts the rows missing attribute j; ``patterns``
    counts the rows by the attributes they miss together (a sorted tuple of
    attribute indexes; () for the complete rows)."""

    relation: str
    attributes: list
    rows: int = 0
    sparse: bool = False
    per_attribute: list = field(default_factory=list)
    patterns: Counter = field(default_factory=Counter)

    @property
    def cells(self) -> int:
        """Missing cells in all."""
        return sum(self.per_attribute)

    @property
    def incomplete_rows(self) -> int:
        return self.rows - self.patterns.get((), 0)

    def question_mark_levels(self) -> list:
        """The nominal attributes that declare '?' as a value."""
        return [a.name for a in self.attributes if a.kind == "nominal" and "?" in a.levels]


def open_data(path: str):
    """The file as a binary stream, decompressed when it is gzip."""
    f = open(path, "rb")
    if f.peek(2)[:2] == b"\x1f\x8b":
        f.close()
        return gzip.open(path, "rb")
    return f


def read_missing(path: str, progress: Optional[Callable[[int, int], None]] = None) -> Missing:
    """Read the ARFF file at ``path`` and count its missing values.
    ``progress(done, total)`` is called every few megabytes (bytes of the
    file; total -1 for gzip input, whose size after decompression is not known)."""
    with open_data(path) as f:
        total = -1
        if not isinstance(f, gzip.GzipFile):
            f.seek(0, io.SEEK_END)
            total = f.tell()
            f.seek(0)
        return read(f, progress, total)


def read(f, progress: Optional[Callable[[int, int], None]] = None, total: int = -1) -> Missing:
    """Like read_missing, from a binary stream."""
    lineno = 0
    done = 0
    relation, attrs = "", []
    # The header: up to @data.
    for raw in f:
        lineno += 1
        done += len(raw)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        ln = raw.strip(WS)
        if not ln or ln.startswith(b"%"):
            continue
        if not ln.startswith(b"@"):
            raise ArffError(lineno, f"expected @relation, @attribute or @data, found {_show(ln)}: is this an ARFF file?")
        m = _KEYWORD.match(ln)
        keyword, rest = m.group(1).lower(), ln[m.end():].strip(WS)
        if keyword == b"relation":
            relation, _ = _name(rest.decode("utf-8", "replace"), lineno)
        elif keyword == b"attribute":
            attrs.append(_attribute(rest.decode("utf-8", "replace"), lineno))
        elif keyword == b"data":
            break
        else:
            raise ArffError(lineno, f"unknown declaration @{keyword.decode('utf-8', 'replace')}")
    else:
        raise ArffError(lineno, "no @data line: is this an ARFF file?")
    if not attrs:
        raise ArffError(lineno, "no @attribute before @data")

    n = len(attrs)
    numeric = [a.kind == "numeric" for a in attrs]  # NaN is missing in numeric attributes only
    has_numeric = any(numeric)
    commas = n - 1
    # A sparse row leaves out zeros; a nominal attribute with no values
    # has no zero, so leaving it out leaves it missing.
    no_zero = tuple(j for j in range(n) if attrs[j].kind == "nominal" and not attrs[j].levels)
    out = Missing(relation=relation, attributes=attrs, per_attribute=[0] * n)
    patterns = out.patterns
    per = out.per_attribute
    rows = 0
    next_report = done + (4 << 20)
    first = True
    for raw in f:
        lineno += 1
        done += len(raw)
        if progress is not None and done >= next_report:
            progress(done, total)
            next_report = done + (4 << 20)
        ln = raw.strip(WS)
        if not ln or ln[:1] == b"%":
            continue
        if ln[:1] == b"{":
            if first:
                out.sparse = True
            miss = _sparse_missing(ln, n, numeric, no_zero, lineno)
        elif b"?" not in ln and ln.count(b",") == commas and not (has_numeric and b"nan" in ln.lower()):
            # The common case, quotes or not: a complete dense row of the
            # right length (a comma in quotes would change the count), with
            # no need to cut it.
            miss = ()
        else:
            miss = _dense_missing(ln, n, numeric, lineno)
        first = False
        rows += 1
        patterns[miss] += 1
        for j in miss:
            per[j] += 1
    out.rows = rows
    if progress is not None:
        progress(done, total)
    return out


def _dense_missing(ln: bytes, n: int, numeric: list, lineno: int) -> tuple:
    if b"'" in ln or b'"' in ln or b"%" in ln:
        values = _dense_values(ln, lineno)
    else:
        values = [(v.strip(WS), False) for v in ln.split(b",")]
    if len(values) != n:
        raise ArffError(lineno, f"{len(values)} values where the header declares {n} attributes")
    return tuple(j for j, (v, quoted) in enumerate(values)
                 if (v == b"?" and not quoted) or (numeric[j] and v.lower() in _NANS))


# One value of a dense row: white space, then a quoted value ('...' or
# "...", with backslash escapes) or an unquoted one, then white space and a
# comma, or the end of the line or a comment.
_DENSE_VALUE = re.compile(rb"""[\x00-\x20]*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|((?:[^,%'"\x00-\x20][^,%]*?)?))"""
                          rb"""[\x00-\x20]*(?:(,)|%.*|$)""", re.S)


def _dense_values(ln: bytes, lineno: int) -> list:
    """The values of a dense row with quotes or a comment, each (value, quoted)."""
    out, pos = [], 0
    while True:
        m = _DENSE_VALUE.match(ln, pos)
        if m is None:
            rest = ln[pos:].lstrip(WS)
            if rest[:1] in (b"'", b'"'):
                raise ArffError(lineno, "a quoted value does not end on its line")
            raise ArffError(lineno, f"expected a comma, found {_show(rest)}")
        single, double, plain, comma = m.groups()
        if plain is not None:
            out.append((plain.rstrip(WS), False))
        else:
            out.append((single if single is not None else double, True))
        if comma is None:
            return out
        pos = m.end()


def _sparse_missing(ln: bytes, n: int, numeric: list, no_zero: tuple, lineno: int) -> tuple:
    end = ln.find(b"}")
    if b"'" in ln or b'"' in ln or b"%" in ln or end < 0:
        entries = _sparse_entries(ln, lineno)
    else:
        if ln[end + 1:].strip(WS):
            raise ArffError(lineno, f"unexpected {_show(ln[end + 1:])} after the sparse row (instance weights are not supported)")
        entries = []
        for e in ln[1:end].split(b","):
            parts = e.split(None, 1)
            if parts:
                entries.append((parts[0], parts[1].strip(WS) if len(parts) > 1 else b"", False))
    miss = []
    last = -1
    for index, v, quoted in entries:
        try:
            j = int(index)
        except ValueError:
            raise ArffError(lineno, f"expected an attribute index in the sparse row, found {_show(index)}") from None
        if j <= last or j >= n:
            raise ArffError(lineno, f"sparse index {j} is out of order or beyond the {n} attributes")
        last = j
        if (v == b"?" and not quoted) or (numeric[j] and v.lower() in _NANS):
            miss.append(j)
    if no_zero:
        present = {int(index) for index, _, _ in entries}
        miss.extend(j for j in no_zero if j not in present)
        miss.sort()
    return tuple(miss)


def _sparse_entries(ln: bytes, lineno: int) -> list:
    """The entries of a sparse row with quotes or a comment, each (index,
    value, quoted)."""
    out = []
    n, i = len(ln), 1  # after the {

    def skip(i):
        while i < n and ln[i] <= 32:
            i += 1
        return i

    while True:
        i = skip(i)
        if ln[i:i + 1] == b"}":
            i += 1
            break
        start = i
        while i < n and 48 <= ln[i] <= 57:
            i += 1
        if i == start:
            raise ArffError(lineno, f"expected an attribute index or }} in the sparse row, found {_show(ln[i:])}")
        index = ln[start:i]
        i = skip(i)
        if i < n and ln[i] in _QUOTES:
            q = ln[i]
            i += 1
            buf = bytearray()
            while i < n and ln[i] != q:
                if ln[i] == 92 and i + 1 < n:  # a backslash escapes the next byte
                    i += 1
                buf.append(ln[i])
                i += 1
            if i >= n:
                raise ArffError(lineno, "a quoted value does not end on its line")
            i += 1
            out.append((index, bytes(buf), True))
        else:
            start = i
            while i < n and ln[i] not in b",}%":
                i += 1
            out.append((index, ln[start:i].strip(WS), False))
        i = skip(i)
        if ln[i:i + 1] == b",":
            i += 1
        elif ln[i:i + 1] == b"}":
            i += 1
            break
        else:
            raise ArffError(lineno, f"expected , or }} in the sparse row, found {_show(ln[i:]) if i < n else 'the end of the line'}")
    i = skip(i)
    if i < n and ln[i:i + 1] != b"%":
        raise ArffError(lineno, f"unexpected {_show(ln[i:])} after the sparse row (instance weights are not supported)")
    return out


def _name(s: str, lineno: int):
    """A name at the start of s, quoted or not, and the rest of s."""
    if not s:
        raise ArffError(lineno, "a name is missing")
    if s[0] in "'\"":
        q, i, buf = s[0], 1, []
        while i < len(s) and s[i] != q:
            if s[i] == "\\" and i + 1 < len(s):
                i += 1
            buf.append(s[i])
            i += 1
        if i >= len(s):
            raise ArffError(lineno, "a quoted name does not end on its line")
        return "".join(buf), s[i + 1:].strip()
    i = 0
    while i < len(s) and s[i] > " " and s[i] != "{":
        i += 1
    return s[:i], s[i:].strip()


def _attribute(s: str, lineno: int) -> Attribute:
    name, rest = _name(s, lineno)
    if rest.startswith("{"):
        end = rest.rfind("}")
        if end < 0:
            raise ArffError(lineno, f"the values of nominal attribute {name!r} have no closing }}")
        return Attribute(name, "nominal", _levels(rest[1:end], lineno))
    kind = rest.split(None, 1)[0].lower() if rest else ""
    if kind in ("numeric", "real", "integer"):
        return Attribute(name, "numeric")
    if kind in ("string", "date"):
        return Attribute(name, kind)
    if kind == "relational":
        raise ArffError(lineno, f"attribute {name!r} is relational, which is not supported")
    raise ArffError(lineno, f"attribute {name!r} has unknown type {rest!r}")


def _levels(s: str, lineno: int) -> list:
    """The declared values of a nominal attribute, quoted or not."""
    out = []
    s = s.strip()
    while s:
        if s[0] in "'\"":
            v, s = _name(s, lineno)
        else:
            v, _, s = s.partition(",")
            out.append(v.strip())
            s = s.strip()
            continue
        out.append(v)
        s = s.strip()
        if s.startswith(","):
            s = s[1:].strip()
        elif s:
            raise ArffError(lineno, f"expected a comma between nominal values, found {s[:20]!r}")
    return out


def _show(b: bytes) -> str:
    s = b.decode("utf-8", "replace")
    return repr(s if len(s) <= 40 else s[:40] + "…")
