"""How much a PDF makes its reader unpack and draw, known before pdfminer reads it.

A PDF is small on disk and may be huge to read: a compressed stream of a few kilobytes can
unpack to gigabytes (pdfminer unpacks each stream whole), and a page's few kilobytes of
content can draw millions of characters (pdfminer takes about 60 µs and 100 bytes for each).
A 38 KB file took 8.7 GB of memory and more than two minutes. Two stages bound it:

- :func:`unpacked`, on the file's bytes before pdfminer opens it: what its compressed streams
  (Flate, LZW, run-length) unpack to, images aside, which reading the text never unpacks;
  each is unpacked a piece at a time, and never more than the budget;
- :func:`drawn`, on each page before it is read: the characters its content and the forms it
  draws can show at most, from the bytes of their strings (each byte at most one character).

What neither sees: the streams of an encrypted PDF other than its pages' content (the first
stage reads the file's bytes, which are then ciphered), such as a font's character map.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from typing import Any

__all__ = ["TooLarge", "drawn", "unpacked"]


class TooLarge(Exception):
    """A budget is spent: ``size``, as far as it was counted, and ``what`` it counts."""

    def __init__(self, size: int, what: str) -> None:
        super().__init__(size, what)
        self.size, self.what = size, what


# A stream's data starts after the keyword and its end of line; its dictionary stands before.
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_DICTIONARY_REACH = 1024
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_CHUNK = 1 << 20
_FIRST = 1 << 12


def unpacked(data: bytes, budget: int) -> int:
    """What the compressed streams of a PDF (Flate, LZW, run-length) unpack to, in bytes,
    images aside; :class:`TooLarge` as soon as that is more than ``budget``. A stream in no
    such form counts nothing here (the stage that reads a page's content bounds the rest)."""
    total = 0
    for match in _STREAM.finditer(data):
        start, keyword = match.end(), match.start()
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
    # pdfminer's own decoder, a code at a time: its output is never held.
    from pdfminer.lzw import LZWDecoder

    size = 0
    for piece in LZWDecoder(io.BytesIO(raw)).run():
        size += len(piece)
        if size > budget:
            raise TooLarge(size, "bytes unpacked")
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
_DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_DEPTH = 12


def drawn(page: Any, budget: int, content_budget: int) -> int:
    """The characters a page (pdfminer's ``PDFPage``) can show at most: the bytes of the
    strings in its content and in the forms it draws, each counted as often as it is drawn.
    :class:`TooLarge` past ``budget`` characters, or past ``content_budget`` bytes of content
    unpacked. Flate content is unpacked here no further than that bound; content in other
    filters is unpacked by pdfminer, after :func:`unpacked` has bounded it (for a file that is
    not encrypted)."""
    from pdfminer.pdftypes import PDFStream, resolve1

    forms: dict[Any, int] = {}

    def count(streams: list[Any], resources: Any, depth: int) -> int:
        data = b"".join(_content(resolve1(s), content_budget) for s in streams)
        shown = sum(len(m) - 2 if m[:1] == b"(" else (len(m) - 2) // 2 for m in _STRINGS.findall(data))
        xobjects = resolve1((resolve1(resources) or {}).get("XObject")) if resources else None
        if not isinstance(xobjects, dict) or b"Do" not in data:
            return shown
        for name, times in Counter(_DRAWS.findall(data)).items():
            form = resolve1(
                xobjects.get(_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name).decode("latin-1"))
            )
            if (
                not isinstance(form, PDFStream)
                or getattr(resolve1(form.get("Subtype")), "name", None) != "Form"
            ):
                continue
            key = form.objid if form.objid is not None else id(form)
            if key not in forms:
                if depth >= _DEPTH:
                    raise TooLarge(budget + 1, "characters")  # forms inside forms this deep draw nothing real
                forms[key] = 0  # a form that draws itself counts nothing more
                forms[key] = count([form], form.get("Resources") or resources, depth + 1)
            shown += times * forms[key]
            if shown > budget:
                raise TooLarge(shown, "characters")
        return shown

    contents = list(getattr(page, "contents", None) or [])
    shown = count(contents, getattr(page, "resources", None), 0)
    if shown > budget:
        raise TooLarge(shown, "characters")
    return shown


def _content(stream: Any, budget: int) -> bytes:
    # A content stream's bytes unpacked (decrypted first, as pdfminer does), at most budget:
    # TooLarge past it. Filters other than Flate are left to pdfminer (the ASCII ones only
    # shrink the data; LZW and run-length are not written by the tools that make reports).
    from pdfminer.pdftypes import PDFStream

    if not isinstance(stream, PDFStream):
        return b""
    if stream.data is not None:
        data: bytes = stream.data
    else:
        data = stream.rawdata or b""
        if stream.decipher and stream.objid is not None and stream.genno is not None:
            data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
        names = [getattr(f, "name", f) for f, _ in stream.get_filters()]
        if names in (["FlateDecode"], ["Fl"]):
            inflater = zlib.decompressobj()
            try:
                data = inflater.decompress(data, budget + 1)
            except zlib.error:
                return stream.get_data()  # damaged: pdfminer reads what it can, bounded by its size
        elif names:
            data = stream.get_data()
    if len(data) > budget:
        raise TooLarge(len(data), "bytes of content")
    return data
