"""The thresholds of the checks that read the narrative and compare years, in one place.

The rules page states them; :mod:`govdisclosure._rules.narrative` and the rule table read them from here.
"""

from __future__ import annotations

import attrs

from .values import value_class

__all__ = ["SETTINGS", "Settings"]


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


SETTINGS = Settings()
