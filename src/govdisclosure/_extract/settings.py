"""The importer's thresholds, in one place."""

from __future__ import annotations

import attrs

__all__ = ["SETTINGS", "ExtractSettings"]


@attrs.frozen
class ExtractSettings:
    """Thresholds of the text importer."""

    #: A text line longer than this many characters, with two or more section headings in it,
    #: is a body whose line breaks were lost: it is cut again at its headings.
    long_line: int = 300
    #: Readings of a run of glued digits looked at, at most (beyond: not split).
    max_splits: int = 200
    #: A row's label shorter than this many characters names a template row only when it is
    #: the whole label: in a PDF's text, the characters of a vertical heading (三、本、年、度)
    #: stand alone before a row's numbers, and "本" is no abbreviation of 本机关不掌握相关政府信息.
    min_partial_label: int = 3


SETTINGS = ExtractSettings()
