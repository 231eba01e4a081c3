"""How much a PDF makes its reader unpack and draw, known before pdfium reads it.

A PDF is small on disk and may be huge to read: a compressed stream of a few kilobytes can
unpack to gigabytes (pdfium unpacks each stream whole: 1 MB of file unpacking to 1 GB took
4.5 s and 2 GB), and a page's few kilobytes of content can draw millions of characters or
rectangles by drawing one form thousands of times (pdfium loads every drawing of it: 31 KB took
2.1 s and 700 MB). Two stages bound it, measured on this machine as what pdfium still needs:

- :func:`unpacked`, on the file's bytes before any parser opens it: what its compressed
  streams (Flate, LZW, run-length) unpack to, images aside, which reading the text never
  unpacks; each is unpacked a piece at a time, and never more than the budget;
- :func:`drawn`, on each page before pdfium loads it: the characters and path points its
  content and the forms it draws can show at most, each form counted as often as it is drawn.
  It reads the file's objects with pypdf, which parses objects only (no page is laid out).

What neither sees: the streams of an encrypted PDF other than its pages' content (the first
stage reads the file's bytes, which are then ciphered), such as a font's character map.
pdfium itself bounds what one text object shows (32,767 characters).
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

__all__ = ["Locked", "TooLarge", "Unreadable", "drawn", "unpacked"]


class TooLarge(Exception):
    """A budget is spent: ``size``, as far as it was counted, ``what`` it counts, the
    ``limit`` it passed and the ``page`` it was counted on (0: the whole file), or up to
    (``upto``)."""

    def __init__(self, size: int, what: str, limit: int = 0, page: int = 0, upto: bool = False) -> None:
        super().__init__(size, what, limit, page)
        self.size, self.what, self.limit, self.page, self.upto = size, what, limit, page, upto


class Locked(Exception):
    """The PDF needs a password to open."""


class Unreadable(Exception):
    """The PDF's objects cannot be read (the message says why)."""


# A stream's data starts after the keyword and its end of line; its dictionary stands before.
_DICTIONARY_REACH = 1024
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_CHUNK = 1 << 20
_FIRST = 1 << 12


def unpacked(data: bytes, budget: int) -> int:
    """What the compressed streams of a PDF (Flate, LZW, run-length) unpack to, in bytes,
    images aside; :class:`TooLarge` as soon as that is more than ``budget``. A stream in no
    such form counts nothing here (the stage that reads a page's content bounds the rest)."""
    try:
        return _unpacked(data, budget)
    except TooLarge as error:
        raise TooLarge(error.size, error.what, budget) from None


def _streams(data: bytes) -> Iterator[tuple[int, int]]:
    # Where each "stream" keyword (not "endstream") stands and its data starts, after its end of
    # line. str.find, not a pattern: a pattern that starts with a look-behind is tried at every
    # byte (6.6 ms on a 240 KB report, against 0.2).
    at = data.find(b"stream")
    while at >= 0:
        after = at + 6
        if at < 3 or data[at - 3 : at] != b"end":
            if data[after : after + 2] == b"\r\n":
                yield at, after + 2
            elif data[after : after + 1] in (b"\n", b"\r"):
                yield at, after + 1
        at = data.find(b"stream", after)


def _unpacked(data: bytes, budget: int) -> int:
    total = 0
    for keyword, start in _streams(data):
        # Its dictionary: from the "obj" before it, searched in place (a PDF may hold a
        # million "stream" keywords; none is copied).
        low = max(0, keyword - _DICTIONARY_REACH)
        low = max(low, data.rfind(b"obj", low, keyword))
        flate = _zlib_header(data[start : start + 2])
        other = _OTHER.search(data, low, keyword)
        if not (flate or other) or _IMAGE.search(data, low, keyword):
            continue
        if other is not None:
            end = data.find(b"endstream", start)
            raw = data[start : end if end >= 0 else len(data)]
            total += _lzw(raw, budget - total) if other[1].startswith(b"L") else _runs(raw, budget - total)
        else:
            total += _inflated(data, start, budget - total)
    return total


_OTHER = re.compile(rb"/(LZWDecode|LZW|RunLengthDecode|RL)\b")


def _lzw(raw: bytes, budget: int) -> int:
    # The length of LZW data unpacked (PDF 1.7, 7.4.4, early change), counted from the
    # lengths of the table's strings alone: nothing is unpacked. A damaged code ends the count.
    lengths = [1] * 256 + [0, 0]
    width, previous, size, bits, held = 9, -1, 0, 0, 0
    for byte in raw:
        bits, held = (bits << 8) | byte, held + 8
        while held >= width:
            held -= width
            code = (bits >> held) & ((1 << width) - 1)
            bits &= (1 << held) - 1
            if code == 256:
                del lengths[258:]
                width, previous = 9, -1
                continue
            if code == 257 or code > len(lengths) or (code == len(lengths) and previous < 0):
                return size
            if previous >= 0:
                lengths.append(lengths[previous] + 1)
            size += lengths[code]
            previous = code
            if size > budget:
                raise TooLarge(size, "bytes unpacked")
            width = (
                12
                if len(lengths) >= 2047
                else 11
                if len(lengths) >= 1023
                else 10
                if len(lengths) >= 511
                else 9
            )
    return size


def _runs(raw: bytes, budget: int) -> int:
    # Run-length data (PDF 1.7, 7.4.5): a length byte, then length + 1 bytes as they are, or
    # (257 - length) copies of one byte; 128 ends. Unpacks to at most 64 times its size.
    if len(raw) * 64 <= budget:
        return len(raw) * 64
    size = at = 0
    while at < len(raw) and raw[at] != 128:
        length = raw[at]
        size += length + 1 if length < 128 else 257 - length
        at += length + 2 if length < 128 else 2
        if size > budget:
            raise TooLarge(size, "bytes unpacked")
    return size


def _zlib_header(two: bytes) -> bool:
    # RFC 1950: the method is deflate (8), and the two bytes read as a number are a multiple of 31.
    return len(two) == 2 and two[0] & 0x0F == 8 and (two[0] << 8 | two[1]) % 31 == 0


def _inflated(data: bytes, start: int, budget: int) -> int:
    # The length of the zlib data at data[start:] unpacked, a megabyte at a time, never more
    # than budget (+ a megabyte): 0 if it is no zlib data.
    inflater = zlib.decompressobj()
    rest = memoryview(data)[start:]
    # The first piece is small: at the end of the data zlib copies what is left of the piece
    # (a PDF of half a million tiny streams took 23 s with megabyte pieces).
    size, pending, piece = 0, rest[:0], _FIRST
    try:
        while not inflater.eof:
            if not pending:
                if not rest:
                    break
                pending, rest = rest[:piece], rest[piece:]
                piece = _CHUNK
            size += len(inflater.decompress(pending, _CHUNK))
            pending = memoryview(inflater.unconsumed_tail)
            if size > budget:
                raise TooLarge(size, "bytes unpacked")
    except zlib.error:
        pass  # not zlib data, or damaged: what it gave so far is counted
    return size


# Strings of a content stream: literal, with escapes and one level of balanced parentheses,
# and hexadecimal (two digits a byte). Each byte of a string shows at most one character.
_STRINGS = re.compile(rb"\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)|<(?!<)[0-9A-Fa-f\s]*>", re.S)
# The operators that add points to a path (a rectangle adds its four corners and its close).
# (The blank before is matched, not looked behind for: a pattern that starts with a look-behind
# is tried at every byte.)
_POINTS = re.compile(rb"\s(re|[mlcvy])(?=[\s/\[(<%]|\Z)")
_DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_DEPTH = 12


def drawn(
    data: bytes, pages: int, page_chars: int, content_bytes: int, pdf_chars: int, page_points: int
) -> None:
    """Whether the first ``pages`` pages of the PDF draw within the bounds: at most
    ``page_chars`` characters and ``page_points`` path points a page, ``content_bytes`` bytes
    of content unpacked a page, ``pdf_chars`` characters in all, every form counted as often as
    it is drawn. :class:`TooLarge` for the first bound passed, :class:`Locked` for a PDF that
    needs a password, :class:`Unreadable` for one whose objects pypdf cannot read. Flate
    content is unpacked no further than the bound; content in other filters is unpacked by
    pypdf, after :func:`unpacked` has bounded it (for a file that is not encrypted)."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    try:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
        except PdfReadError:
            # A file whose cross-reference table is missing or cut off (a download that
            # stopped short): pdfium finds its objects by scanning it, and pypdf does the same
            # when the table it is pointed at is wrong.
            reader = PdfReader(io.BytesIO(data + b"\nstartxref\n0\n%%EOF\n"), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Locked
        total = 0
        for number in range(1, min(len(reader.pages), pages) + 1):
            page = reader.pages[number - 1]
            shown, points = _Counter(content_bytes).page(page, number)
            if shown > page_chars:
                raise TooLarge(shown, "characters", page_chars, number)
            if points > page_points:
                raise TooLarge(points, "path points", page_points, number)
            total += shown
            if total > pdf_chars:
                raise TooLarge(total, "characters", pdf_chars, number, upto=True)
    except (TooLarge, Locked):
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
    ) as error:
        raise Unreadable(f"{type(error).__name__}: {error}") from None


class _Counter:
    # What one page's content draws: characters and path points, forms as often as drawn.
    def __init__(self, content_bytes: int) -> None:
        self.budget = content_bytes
        self.forms: dict[Any, tuple[int, int]] = {}
        self.number = 0

    def page(self, page: Any, number: int) -> tuple[int, int]:
        self.number = number
        contents = page.get("/Contents")
        streams = [contents] if contents is not None else []
        return self.count(streams, page.get("/Resources"), 0)

    def count(self, streams: list[Any], resources: Any, depth: int) -> tuple[int, int]:
        data = b"".join(_content(s, self.budget, self.number) for s in streams)
        bare = _STRINGS.sub(b" ", data)
        shown = sum(len(m) - 2 if m[:1] == b"(" else (len(m) - 2) // 2 for m in _STRINGS.findall(data))
        points = sum(4 if m == b"re" else 1 for m in _POINTS.findall(bare))
        resources = resources.get_object() if resources is not None else None
        xobjects = _get(resources, "/XObject")
        if xobjects is None or b"Do" not in bare:
            return shown, points
        for name, times in Counter(_DRAWS.findall(bare)).items():
            key_name = "/" + _ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name).decode("latin-1")
            reference = xobjects.raw_get(key_name) if key_name in xobjects else None
            form = _get(xobjects, key_name)
            if form is None or _get(form, "/Subtype") != "/Form":
                continue
            key = getattr(reference, "idnum", None) or id(form)
            if key not in self.forms:
                if depth >= _DEPTH:
                    raise TooLarge(1 << 62, "characters", 0, self.number)  # this deep draws nothing real
                self.forms[key] = (0, 0)  # a form that draws itself counts nothing more
                self.forms[key] = self.count([form], _get(form, "/Resources") or resources, depth + 1)
            chars_, points_ = self.forms[key]
            shown += times * chars_
            points += times * points_
        return shown, points


def _get(container: Any, key: str | None) -> Any:
    # A value of a pypdf dictionary, resolved; None where there is none.
    if key is None or container is None:
        return None
    try:
        value = container.get(key)
        return value.get_object() if value is not None else None
    except AttributeError:
        return None


def _content(stream: Any, budget: int, page: int) -> bytes:
    # A content stream's bytes unpacked (pypdf has deciphered it), at most budget: TooLarge
    # past it. Flate is unpacked here, never past the budget; the other filters by pypdf.
    from pypdf.generic import ArrayObject, StreamObject

    stream = stream.get_object() if stream is not None else None
    if isinstance(stream, ArrayObject):
        return b"".join(_content(s, budget, page) for s in stream)
    if not isinstance(stream, StreamObject):
        return b""
    filters = stream.get("/Filter")
    filters = filters.get_object() if filters is not None else None
    names = (
        [str(f) for f in filters] if isinstance(filters, ArrayObject) else [str(filters)] if filters else []
    )
    if names in (["/FlateDecode"], ["/Fl"]):
        try:
            data = zlib.decompressobj().decompress(stream._data, budget + 1)
        except zlib.error:
            data = b""  # damaged: pdfium reads what it can, bounded by its size
    elif names:
        try:
            data = stream.get_data()
        except Exception:  # noqa: BLE001 - pypdf's decoders raise many kinds for damaged data
            data = b""
    else:
        data = stream._data
    if len(data) > budget:
        raise TooLarge(len(data), "bytes of content", budget, page)
    return bytes(data)
