"""The NARR-TABLE-MISMATCH check as it was before it skipped the places whose number the tables
accept (commit 1f6ae6b): the reference the differential test holds the check to. Frozen: never
edited to follow the library."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from govdisclosure._ground.limits import PLAIN_DIGITS
from govdisclosure._model.money import rough
from govdisclosure._rules.quantities import _FOREIGN, QUANTITIES, Quantity, _number

__all__ = ["mismatch_check"]

# The quantities (by index) whose statements a word may start.
_BY_WORD = {
    w: tuple(i for i, q in enumerate(QUANTITIES) if w in q.needs) for q in QUANTITIES for w in q.needs
}


_ENDS = "。！？!?\n；;"


def _sentence_start(text: str, start: int) -> int:
    # Where the sentence holding text[start] begins.
    return max(text.rfind(c, 0, start) for c in _ENDS) + 1


def _sentence_around(text: str, start: int, end: int) -> str:
    # The sentence holding text[start:end].
    first = _sentence_start(text, start)
    last = min((i for c in _ENDS if (i := text.find(c, end)) >= 0), default=len(text))
    return text[first : last + 1].strip()


_FOREIGN_WORDS = re.compile("|".join(map(re.escape, _FOREIGN)))


# A number with the unit of a count: every statement ends in one. The patterns are tried only
# on the few characters before each (at most _REACH), never over the whole text.
_COUNT_UNITS = ("件", "条", "起", "宗", "个", "人次", "元")
_REACH = 40


Place = tuple[int, int, frozenset[str]]


def counted(text: str, first: int = 0) -> list[Place]:
    """Where ``text`` writes a number with the unit of a count, with the words some quantity
    needs that stand in the characters before it: (start of the reach, end, words). Places
    with no such word are left out. ``first``: where the first such word starts, if the caller
    has searched for it (no word starts before it)."""
    # From each unit back over the number: str.find and str.rstrip run in C, far cheaper than
    # a pattern that starts with a class of Chinese numerals (tried at every character).
    spans = []
    for unit in _COUNT_UNITS:
        # A unit before the first word ends a place with no word in it (no word starts with
        # a unit's characters), so the search starts there.
        at = text.find(unit, first)
        while at >= 0:
            if at and text[at - 1] in _BEFORE_UNIT:
                # The run of numerals before the blanks before the unit (_number_before,
                # written out: this is the loop over every unit of every text).
                low = at - _LOOK_BACK if at > _LOOK_BACK else 0
                head = text[low:at].rstrip(_BLANKS)
                core = head.rstrip(_NUMERALS)
                if core or not low:
                    start, digits_end = low + len(core), low + len(head)
                else:
                    start, digits_end = _number_before(text, at)
                if start < digits_end and text[start] not in ",.":
                    spans.append((start, at + len(unit)))
            at = text.find(unit, at + len(unit))
    # The words of each place are searched in the place alone. A search of the whole text
    # would give the same statements: words overlap only around 收到 (接收到, 新收到), where both
    # name one quantity, and in 办结转, where a place that starts inside 办结 starts too far from
    # its number for any statement of 结转; and no word starts with a unit's characters.
    needs = _needs()
    out = []
    for start, end in spans:
        low = start - _REACH if start > _REACH else 0
        words = needs.findall(text, low, end)
        if words:
            out.append((low, end, frozenset(words)))
    out.sort()
    return out


_BLANKS = " \t\u3000"
_NUMERALS = "0123456789,.零〇一二两三四五六七八九十百千万"
_BEFORE_UNIT = frozenset(_BLANKS + _NUMERALS)
_LOOK_BACK = 24


def _number_before(text: str, at: int) -> tuple[int, int]:
    # Where the run of numerals before the blanks before text[at] starts and ends.
    low = max(0, at - _LOOK_BACK)
    head = text[low:at].rstrip(_BLANKS)
    core = head.rstrip(_NUMERALS)
    if core or not low:
        return low + len(core), low + len(head)
    # A run longer than the look-back (rare): walk it.
    digits_end = at
    while digits_end > 0 and text[digits_end - 1] in _BLANKS:
        digits_end -= 1
    start = digits_end
    while start > 0 and text[start - 1] in _NUMERALS:
        start -= 1
    return start, digits_end


# A quantity as a place tries it: its index in QUANTITIES; its compiled patterns, each with
# what its number is multiplied by (None: nothing); the words every statement holds besides a
# needed one; the needed words; whether only the words before 其中 count.
_Try = tuple[int, tuple[tuple[re.Pattern[str], Decimal | None], ...], tuple[str, ...], tuple[str, ...], bool]


@functools.lru_cache(maxsize=1024)
def _tries(words: frozenset[str]) -> tuple[_Try, ...]:
    # The quantities the words of a place may start, in the order of QUANTITIES. The patterns
    # are compiled on first use: all of them take a tenth of a command's run, and a text
    # seldom needs more than a few.
    out = []
    for index in sorted({i for w in words for i in _BY_WORD[w]}):
        q = QUANTITIES[index]
        patterns = tuple(re.compile(p) for p in q.patterns)
        scales = q.scales or (None,) * len(patterns)
        out.append((index, tuple(zip(patterns, scales, strict=True)), q.also, q.needs, q.before_breakdown))
    return tuple(out)


# A statement found: the index of its quantity, the order of its place, its number (in the
# table's unit), where it starts and ends.
Stated = tuple[int, int, Decimal, int, int]


def _found(text: str, first: int = 0) -> list[Stated]:
    """Every statement of ``text``, by quantity and then in the order of the text (``first``:
    as for :func:`counted`)."""
    found: list[Stated] = []
    for order, (low, end, words) in enumerate(counted(text, first)):
        window = text[low:end]
        for index, patterns, also, needs, whole in _tries(words):
            # Words every statement holds, missing from the place: no pattern can match.
            for word in also:
                if word not in window:
                    break
            else:
                stated = _match(text, low, end, patterns, needs, whole)
                if stated is not None:
                    found.append((index, order, *stated))
    found.sort()  # (index, order) pairs are unique: the numbers are never compared
    return found


def _match(
    text: str,
    low: int,
    end: int,
    patterns: tuple[tuple[re.Pattern[str], Decimal | None], ...],
    needs: tuple[str, ...],
    whole: bool,
) -> tuple[Decimal, int, int] | None:
    # The number the place text[low:end] states with one of the patterns, with where the
    # statement starts and ends: the first match in the place must end where the place ends.
    for pattern, scale in patterns:
        match = pattern.search(text, low, end)
        if match is None or match.end() != end:
            continue
        start = match.start()
        if whole and (_in_breakdown(text, start) or _subset(text, start, match.start(1))):
            return None  # a breakdown ("其中自然人 5 件", "申请中同意公开 9 件"), not the total
        # A word between the statement's keyword and its number may turn it to something
        # else; the keyword itself may be one ("被申请行政复议").
        before = text[start : match.start(1)]
        for keyword in needs:
            at = before.find(keyword)
            if at >= 0:
                if _FOREIGN_WORDS.search(before, at + len(keyword)) is not None:
                    return None
                break
        number = _number(match.group(1))
        if number is None:
            return None
        return (number if scale is None else number * scale), start, end
    return None


def statements(text: str, quantity: Quantity) -> Iterator[tuple[Decimal, str]]:
    """Each number ``text`` states for ``quantity``, with the sentence that states it, in
    the order of the text."""
    for index, _, number, start, end in _found(text):
        if QUANTITIES[index] is quantity:
            yield number, _sentence_around(text, start, end)[:80]


def _in_breakdown(text: str, at: int) -> bool:
    # Whether "其中" stands earlier in the sentence holding text[at]: the last 其中 before at,
    # with no end of a sentence between it and at.
    k = text.rfind("其中", 0, at)
    if k < 0:
        return False
    between = text[k:at]
    return not any(c in between for c in _ENDS)


# The words that make a count one of a subset: "所有办结的信息公开申请中同意公开答复 9 件" counts
# those granted among the applications handled, not the applications handled.
_SUBSET = re.compile(r"(?:申请|件|事项|办结|答复)的?中|中(?:同意|予以|部分|不予|无法|因)")


def _subset(text: str, start: int, number: int) -> bool:
    # Whether the clause holding text[start:number] counts a subset (see _SUBSET).
    low = start - _CLAUSE_REACH if start > _CLAUSE_REACH else 0
    if text.find("中", low, number) < 0:
        return False  # every subset's words hold 中: most statements have none
    found = list(_SUBSET.finditer(text, low, number))
    return bool(found) and _CLAUSE_END.search(text, found[-1].end(), start) is None


# How far back the subject of a statement is looked for: a clause of a report is shorter (a
# search back to the text's start cost a tenth of the check on a long text).
_CLAUSE_REACH = 48
_CLAUSE_END = re.compile("[，,。；;！？!?\n]")


@functools.cache
def _needs() -> re.Pattern[str]:
    # Every word some quantity needs: one search tells whether a text may state any.
    words = sorted({w for q in QUANTITIES for w in q.needs}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


# --- the checks the rule engine compiles ------------------------------------------------------

Outcome = tuple[Any, Any, dict[str, Any]] | None


def mismatch_check(get: Callable[[Any], Any]) -> Callable[[Any, Any], Outcome]:
    """NARR-TABLE-MISMATCH for one narrative part: the first statement, quantity by quantity,
    whose number is none of the table values the quantity may mean."""

    def check(report: Any, previous: Any) -> Outcome:
        text = get(report)
        # One search of the text for any word a statement needs: most parts have none.
        word = _needs().search(text) if text else None
        if word is None:
            return None
        found = _found(text, word.start())
        accepted: dict[int, set[int | Decimal]] = {}
        for index, _, number, start, end in found:
            quantity = QUANTITIES[index]
            if index not in accepted:
                accepted[index] = quantity.accepts(report)
            values = accepted[index]
            if values and number not in values:
                with rough():  # a table amount may have any exponent
                    expected = min(values, key=lambda v: abs(v - number))
                sentence = _sentence_around(text, start, end)[:80]
                return (
                    _plain(expected),
                    _plain(number),
                    {"sentence": sentence, "quantity": quantity.words},
                )
        return None

    return check


def _plain(value: int | Decimal) -> int | Decimal:
    # A whole number as an int, unless it has more digits than a number is written out with
    # (int(Decimal("1e999999999")) would make a billion digits).
    if isinstance(value, int):  # the one change: the table's counts are ints now
        return value
    if value.adjusted() < PLAIN_DIGITS and value == value.to_integral_value():
        return int(value)
    return value
