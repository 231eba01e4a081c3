"""The headings of the pages the library makes that are not a report, known again when read.

A page made by ``compare --format html`` (or its print) is no report: the importer reads its
heading here and says so, instead of reading its cells as a report's.
"""

from __future__ import annotations

import re

__all__ = ["COMPARISON_HEADING", "is_comparison_heading"]

#: The page's title and heading; :func:`is_comparison_heading` knows it again, so that the page (or its
#: print) given to ``extract`` is said to be a comparison, not read as a report.
COMPARISON_HEADING = "{organ}：{previous} 年与 {current} 年报告对比"
_COMPARISON = re.compile(
    "^"
    + re.escape(COMPARISON_HEADING)
    .replace(re.escape("{organ}"), r".{1,200}?")
    .replace(re.escape("{previous}"), r"\d{4}")
    .replace(re.escape("{current}"), r"\d{4}")
    + "$"
)


def is_comparison_heading(line: str) -> bool:
    """Whether ``line`` (white space at its ends aside) is the heading of a comparison page."""
    return _COMPARISON.match(line.strip()) is not None
