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


SETTINGS = ExtractSettings()
