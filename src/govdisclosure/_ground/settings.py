"""Every threshold of the library, in one place: one settings object per stage.

- :class:`Settings` (``SETTINGS``): the checks that read the narrative and compare years; the
  rules page states them, and the rule table, :mod:`govdisclosure._rules.narrative` and
  :mod:`govdisclosure._many.compare` read them from here.
- :class:`ExtractSettings` (``EXTRACT``): the importer's stages that cut text into rows and
  digit runs into cells.
- :class:`PdfSettings` (``PDF``): the PDF reader's geometry and its bounds on table search.

The bounds on input size (bytes, nesting, counts) are limits, not thresholds: they are in
:mod:`.limits`, and the limits page lists them.
"""

from __future__ import annotations

import attrs

from .values import value_class

__all__ = ["EXTRACT", "PDF", "SETTINGS", "ExtractSettings", "PdfSettings", "Settings"]


@value_class
@attrs.frozen(repr=False, eq=False)
class Settings:
    """The thresholds of the narrative and cross-year checks, in one place (documented in the
    rules page)."""

    #: A required narrative part shorter than this, in characters other than white space and
    #: punctuation, is NARR-TOO-SHORT.
    min_chars: int = 20
    #: Texts that say nothing, whatever their length (compared without white space and
    #: punctuation).
    placeholders: tuple[str, ...] = ("无", "暂无", "没有", "略", "同上", "不适用", "待补充", "无相关情况")
    #: XY-JUMP: a cell that grew or shrank by more than this factor from last year ...
    jump_factor: int = 5
    #: ... from a base (the larger of the two years' values) of at least this much.
    jump_base: int = 20
    #: XY-TEXT-REPEATED: a narrative part of which at least this share is repeated from last
    #: year ...
    repeated_share: float = 0.8
    #: ... compared by runs of this many characters (white space left out).
    shingle: int = 8


SETTINGS = Settings()


@value_class
@attrs.frozen(repr=False, eq=False)
class ExtractSettings:
    """Thresholds of the text importer."""

    #: A text line longer than this many characters, with two or more section headings in it,
    #: is a body whose line breaks were lost: it is cut again at its headings.
    long_line: int = 300
    #: Readings of a run of glued digits looked at, at most (beyond: not split).
    max_splits: int = 200
    #: Numbers tried in splitting one row's run, at most (beyond: the readings found so far).
    max_split_steps: int = 20000
    #: A row's label shorter than this many characters names a template row only when it is
    #: the whole label: in a PDF's text, the characters of a vertical heading (三、本、年、度)
    #: stand alone before a row's numbers, and "本" is no abbreviation of 本机关不掌握相关政府信息.
    min_partial_label: int = 3


EXTRACT = ExtractSettings()


@value_class
@attrs.frozen(repr=False, eq=False)
class PdfSettings:
    """The thresholds of the PDF reader, in PDF points or in multiples of the font size."""

    #: Words whose tops differ by at most this many points stand on one line.
    line_tolerance: float = 3.0
    #: A horizontal gap of more than this many font sizes separates two cells.
    cell_gap: float = 1.5
    #: A line of text whose last word ends within this many font sizes of the page's rightmost
    #: word runs to the margin: its paragraph goes on in the next line (a justified line may
    #: end a character or two short, a closing bracket compressed).
    wrap_reach: float = 2.0
    #: A line that starts this many font sizes or more in from the page's leftmost word is
    #: indented: it starts a paragraph (reports indent by two characters).
    indent: float = 1.5
    #: Characters whose tops differ by at most this many points are one line of a word, and a
    #: gap of more than this many points across ends a word.
    word_tolerance: float = 3.0
    #: Lines of a table within this many points of each other are one line, joined where
    #: their ends are this close, and cross where they come this close.
    snap: float = 3.0
    #: Lines of a table shorter than this many points, once joined, are no part of it.
    edge_min: float = 3.0
    #: A page whose ruling lines stand at more than this many distinct heights times distinct
    #: positions across (3 points apart) is not searched for tables: the search takes time
    #: growing with the square of the cells (pdfplumber took 6 s on a page of 20,000 cells,
    #: 8 KB of PDF). The densest page of a real report seen has about 800.
    max_grid: int = 3_000
    #: The same, summed over the pages searched: past it, the pages left are read as text.
    grid_budget: int = 30_000


PDF = PdfSettings()


@attrs.frozen
class OcrSettings:
    """The thresholds of the reader of scans (the ``ocr`` extra), in multiples of the height of
    the page's text boxes or as the recogniser's confidence."""

    #: Pages of a PDF are drawn at this many pixels per point for the recogniser (2: 144 dpi,
    #: about a scanner's own; at 108 dpi the model missed a thin "1" of a table 四 that it reads
    #: at 144, and more pixels only cost time: 4.3 s a page against 3.8 s and 5.1 s at 180 dpi).
    scale: float = 2.0
    #: Boxes whose middles differ by at most this many box heights stand on one line.
    line_tolerance: float = 0.5
    #: A gap wider than this many box heights separates two cells of a line.
    cell_gap: float = 0.8
    #: A line of text as far as this many box heights from a row's numbers (and nearer to them
    #: than to another row's) is part of that row's label, wrapped in its cell.
    label_reach: float = 2.6
    #: A number read with less confidence than this is a finding (``EXTRACT-OCR-UNSURE``).
    min_confidence: float = 0.85
    #: A PDF page with fewer characters than this in its text layer is read as a scan.
    min_chars: int = 20
    #: The detector keeps a box of text whose score is at least this (the model's default is
    #: 0.5, which lost a lone thin "1" of a table's row on a real scan).
    box_thresh: float = 0.3
    #: How far the detector widens a box around its text (the model's default).
    unclip_ratio: float = 1.6
    #: The recogniser keeps a box's text whose confidence is at least this.
    text_score: float = 0.5


OCR = OcrSettings()
