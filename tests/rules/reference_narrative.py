"""The parts of the NARR-TABLE-MISMATCH check that commit 1836a67 replaced, as they were at commit
1f6ae6b: the places found in a text, the statements read from them, and the check that compares
every statement with the tables. The differential test holds the check to them. Frozen: never
edited to follow the library. What that commit left as it was (the patterns and how a place is
read, the quantities and their table values) is the library's own, imported."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from govdisclosure._model.money import rough
from govdisclosure._rules.narrative import (
    _BEFORE_UNIT,
    _BLANKS,
    _COUNT_UNITS,
    _LOOK_BACK,
    _NUMERALS,
    _REACH,
    QUANTITIES,
    Outcome,
    Stated,
    _match,
    _needs,
    _number_before,
    _plain,
    _sentence_around,
    _tries,
)

__all__ = ["mismatch_check"]

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
