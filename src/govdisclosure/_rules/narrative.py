"""What the narrative says, read for the checks that compare it with the tables.

Sentences are searched for a small set of statements whose quantity the tables also hold
("共收到政府信息公开申请21件", "结转下年度继续办理3件", "被申请行政复议2件"), numbers in Arabic or
Chinese numerals (二十一, 两, 一百零五). A statement is compared only when its pattern leaves no
doubt what it counts; each quantity accepts every table value a report may fairly mean by it
(applications received: new this year, or new plus carried over). Precision comes before
recall: a sentence that fits no pattern says nothing. The thresholds are in :data:`SETTINGS`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from .._ground.limits import PLAIN_DIGITS
from .._ground.settings import SETTINGS, Settings
from .._model.money import YUAN_PER_UNIT, rough
from .quantities import _FOREIGN, _QUICK_DIGITS, QUANTITIES, Quantity, _number, chinese_number

__all__ = ["QUANTITIES", "SETTINGS", "Quantity", "Settings", "chinese_number", "statements"]

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


# (start of the reach, end, the words, the number if written in plain digits)
Place = tuple[int, int, frozenset[str], int | None]


def counted(text: str, first: int = 0) -> list[Place]:
    """Where ``text`` writes a number with the unit of a count, with the words some quantity
    needs that stand in the characters before it: (start of the reach, end, words, the number
    when it is written in plain digits, else ``None``). Places
    with no such word are left out. ``first``: where the first such word starts, if the caller
    has searched for it (no word starts before it)."""
    # From each unit back over the number: str.find and str.rstrip run in C, far cheaper than
    # a pattern that starts with a class of Chinese numerals (tried at every character).
    # The words of each place are searched in the place alone. A search of the whole text
    # would give the same statements: words overlap only around 收到 (接收到, 新收到), where both
    # name one quantity, and in 办结转, where a place that starts inside 办结 starts too far from
    # its number for any statement of 结转; and no word starts with a unit's characters.
    words_in = _needs().findall
    find, before, blanks, numerals = text.find, _BEFORE_UNIT, _BLANKS, _NUMERALS
    out = []
    for unit in _COUNT_UNITS:
        # A unit before the first word ends a place with no word in it (no word starts with
        # a unit's characters), so the search starts there.
        size = len(unit)
        at = find(unit, first)
        while at >= 0:
            if at and text[at - 1] in before:
                # The run of numerals before the blanks before the unit (_number_before,
                # written out: this is the loop over every unit of every text).
                low = at - _LOOK_BACK if at > _LOOK_BACK else 0
                head = text[low:at].rstrip(blanks)
                core = head.rstrip(numerals)
                if core or not low:
                    start = low + len(core)
                    run = head[len(core) :]
                else:
                    start, digits_end = _number_before(text, at)
                    run = text[start:digits_end]
                if run and run[0] not in ",.":
                    reach = start - _REACH if start > _REACH else 0
                    words = words_in(text, reach, at + size)
                    if words:
                        # A run of plain digits is the number every pattern reads there: no
                        # pattern's gap holds a digit, so a statement's number starts with it.
                        plain = (
                            int(run)
                            if run.isdigit() and run.isascii() and len(run) <= _QUICK_DIGITS
                            else None
                        )
                        out.append((reach, at + size, frozenset(words), plain))
            at = find(unit, at + size)
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
    for order, (low, end, words, _) in enumerate(counted(text, first)):
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
        accepted = _accepted(report)
        first: Stated | None = None
        for order, (low, end, words, plain) in enumerate(counted(text, word.start())):
            window = text[low:end]
            for index, patterns, also, needs, whole in _tries(words):
                if first is not None and index >= first[0]:
                    break  # a later place cannot come before a statement found for it
                values = accepted.get(index)
                if values is None:
                    values = accepted[index] = QUANTITIES[index].accepts(report)
                # Only a statement the tables contradict is reported: a place whose plain
                # number the tables accept for this quantity cannot state one (a valid
                # report's statements agree, and are not read at all), nor can any place
                # of a quantity without a table value. (The fee's statements in 元 are read
                # in 万元: a quantity with scales is always read.)
                if not values or (plain is not None and plain in values and patterns[0][1] is None):
                    continue
                for also_word in also:
                    if also_word not in window:
                        break
                else:
                    stated = _match(text, low, end, patterns, needs, whole)
                    if stated is not None and stated[0] not in values:
                        first = (index, order, *stated)
        if first is None:
            return None
        index, _, number, start, end = first
        quantity = QUANTITIES[index]
        values = accepted[index]
        with rough():  # a table amount may have any exponent
            expected = min(values, key=lambda v: abs(v - number))
        sentence = _sentence_around(text, start, end)[:80]
        return _plain(expected), _plain(number), {"sentence": sentence, "quantity": quantity.words}

    return check


# The table values each quantity accepts, for the report checked last: the engine checks each
# narrative part by itself, and the parts of one report share them. One tuple, replaced whole,
# so that threads checking two reports never read each other's.
_last: tuple[Any, dict[int, set[int | Decimal]]] = (None, {})


def _accepted(report: Any) -> dict[int, set[int | Decimal]]:
    global _last
    memo = _last
    if memo[0] is not report:
        memo = _last = (report, {})
    return memo[1]


def _plain(value: int | Decimal) -> int | Decimal:
    # A whole number as an int, unless it has more digits than a number is written out with
    # (int(Decimal("1e999999999")) would make a billion digits).
    if isinstance(value, int):
        return value
    if value.adjusted() < PLAIN_DIGITS and value == value.to_integral_value():
        return int(value)
    return value


def substance_check(get: Callable[[Any], Any]) -> Callable[[Any, Any], Outcome]:
    """NARR-TOO-SHORT for one part: present, but a placeholder or under the minimum length."""

    def check(report: Any, previous: Any) -> Outcome:
        text = get(report)
        if text is None or not text.strip():
            return None  # absent or blank: NARR-MISSING says so
        if len(text) >= 3 * SETTINGS.min_chars:
            return None  # three times the minimum in characters of any kind is enough
        core = substance(text)
        if core in SETTINGS.placeholders or len(core) < SETTINGS.min_chars:
            return SETTINGS.min_chars, len(core), {"text": text.strip()[:40]}
        return None

    return check


def jump_check(
    get: Callable[[Any], Any], unit: Callable[[Any], Any] | None = None
) -> Callable[[Any, Any], Outcome]:
    """XY-JUMP for one cell: this year's value more than ``jump_factor`` times last year's, or
    less than its ``1 / jump_factor``, where the larger of the two is at least ``jump_base``.
    ``unit``: the getter of the unit of an amount that has one (2019 procurement: 元 or 万元);
    last year's amount is then compared in this year's unit, and reported as written."""

    def check(report: Any, previous: Any) -> Outcome:
        now, then = get(report), get(previous)
        if now is None or then is None:
            return None
        if type(now) is int and type(then) is int:
            return _jump(now, then, then)
        # Money may have any exponent (1e999999999): compared in a context that takes it.
        with rough():
            compared = then
            if unit is not None and unit(report) != unit(previous):
                compared = then * YUAN_PER_UNIT[unit(previous)] / YUAN_PER_UNIT[unit(report)]
            return _jump(now, compared, then)

    return check


def _jump(now: Any, then: Any, written: Any) -> Outcome:
    # XY-JUMP's test of two values in one unit; last year's is reported as written.
    if max(now, then) < SETTINGS.jump_base:
        return None
    factor = SETTINGS.jump_factor
    if now > then * factor or now * factor < then:
        return written, now, {"factor": factor}
    return None


_QUIET = dict.fromkeys(
    map(ord, " \t\n\r\f\v\u3000\u00a0\"'“”‘’「」『』《》（）()【】[]、，,。.:：；;！!？?·/\\|*_#—–－-")
)


def substance(text: str) -> str:
    """The text without white space and punctuation: what is counted for NARR-TOO-SHORT."""
    return text.translate(_QUIET)
