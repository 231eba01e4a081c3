"""Lines of a page from its words: the step the PDF reader and the reader of scans share.

Words (boxes of text with a position and a size) become lines of text in the order they stand
on the page; within a line, a wide gap separates two cells, kept apart by a space, so that the
table reader cuts a row at its white space as it does for page text. Page numbers alone on a
line ("- 2 -", "第 2 页") are dropped, so that a table cut by a page break reads on.
"""

from __future__ import annotations

import itertools
import re

import attrs

from .._ground.settings import PdfSettings
from .pdfgrid import Word
from .text import Line, Piece

__all__ = ["FOOTER", "NUMBER", "joined", "numbered", "word_lines"]

#: A number as a box or a word holds it alone: digits, thousands commas, decimals.
NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")

FOOTER = re.compile(r"^[-—–－\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–－\s]*$")


def word_lines(
    found: list[Word], number: int, settings: PdfSettings, *, numbers_apart: bool = False
) -> list[tuple[float, Line]]:
    """Words as lines of text of page ``number``, each with its top: words whose tops lie
    within ``settings.line_tolerance`` are one line; a gap wider than ``settings.cell_gap``
    times a word's size separates two cells, kept apart by a space (the table reader cuts a
    line that carries numbers at its white space, as it does for page text). A line that is
    only a page number is dropped. Each line says whether it runs to the right margin (its
    paragraph goes on: within ``settings.wrap_reach`` sizes of the page's rightmost word) and
    whether it starts indented (``settings.indent`` sizes in from the leftmost). Shared with the reader of scans, whose words are boxes:
    ``numbers_apart`` keeps a box that is a number a cell of its own, however near its
    neighbour (a label wrapped close to its row's first number)."""
    found = sorted(found, key=lambda w: (round(w.top), w.x0))
    rows: list[list[Word]] = []
    for word in found:
        if rows and abs(word.top - rows[-1][0].top) <= settings.line_tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    placed: list[tuple[float, Line]] = []
    # The page's margins, for telling a line that wraps from one that ends its paragraph.
    left = min((w.x0 for w in found), default=0.0)
    right = max((w.x1 for w in found), default=0.0)
    for row in rows:
        row.sort(key=lambda w: w.x0)
        runs: list[list[Word]] = [[row[0]]]
        for previous, word in itertools.pairwise(row):
            apart = numbers_apart and bool(NUMBER.fullmatch(word.text) or NUMBER.fullmatch(previous.text))
            if apart or word.x0 - previous.x1 > settings.cell_gap * (word.size or 10.5):
                runs.append([word])
            else:
                runs[-1].append(word)
        texts = ["".join(joined(run)) for run in runs]
        if len(texts) == 1 and FOOTER.match(texts[0]):
            continue
        size = row[0].size or 10.5
        placed.append(
            (
                row[0].top,
                Line(
                    "text",
                    (Piece(" ".join(texts), 0, 1, page=number),),
                    wraps=len(runs) == 1 and right - row[-1].x1 <= settings.wrap_reach * size,
                    indented=row[0].x0 - left >= settings.indent * size,
                ),
            )
        )
    return placed


def numbered(placed: list[tuple[float, Line]]) -> list[Line]:
    """Lines in the order they stand on the page, numbered from 1."""
    placed = sorted(placed, key=lambda item: item[0])
    return [
        attrs.evolve(line, cells=tuple(attrs.evolve(p, line=index) for p in line.cells))
        for index, (_, line) in enumerate(placed, 1)
    ]


def joined(words: list[Word]) -> list[str]:
    # Words of one cell: Chinese text runs together; Latin words and numbers keep a space.
    parts: list[str] = []
    for word in words:
        text = word.text
        if (
            parts
            and (parts[-1][-1:].isascii() and parts[-1][-1:].isalnum())
            and text[:1].isascii()
            and text[:1].isalnum()
        ):
            parts.append(" ")
        parts.append(text)
    return parts
