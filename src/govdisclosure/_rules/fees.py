"""What the narrative says about fees, for NARR-FEE-CONTRADICTION: whether a text says fees
were collected or not, read from the clauses that name them."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from .quantities import _number

__all__ = ["clauses_with", "fee_check", "fee_statement"]

Outcome = tuple[Any, Any, dict[str, Any]] | None


@functools.cache
def _fee_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # That none were collected, and that some were: compiled on first use, since only a text
    # that names a fee needs them.
    # Every way a report says it collected nothing: 未收取, 无收取, 没有收取, 不收取, 均未产生,
    # 免于收取, "收取……0 元", "处理费为 0 元", "未涉及收费".
    none = (
        r"(?:未|没有|不|无|免于|免|并未|均未|尚未)(?:收取|收费|产生|发生|涉及收费)"
        r"|收取[^，。；\d]{0,10}?(?:0|零)(?:\.0+)?\s*(?:元|万元)"
        r"|处理费[^，。；\d]{0,6}?(?:0|零)(?:\.0+)?\s*(?:元|万元)"
    )
    some = r"收取[^，。；]{0,12}?(\d[\d,]*(?:\.\d+)?|[一二两三四五六七八九十百千万]+)\s*(?:元|万元)"
    return re.compile(none), re.compile(some)


def fee_statement(text: str) -> tuple[bool, str] | None:
    """Whether ``text`` says fees were collected (``True``, with the clause that says it), none
    were (``False``), or ``None`` when it says neither plainly."""
    none_collected, some_collected = _fee_patterns()
    for sentence in _sentences(text):
        if none_collected.search(sentence):
            return False, sentence[:80]
        found = some_collected.search(sentence)
        if found is not None:
            number = _number(found.group(1))
            if number is not None and number > 0:
                return True, sentence[:80]
    return None


_FEE_WORD = "信息处理费"
_TABLE_FEE = "行政事业性收费"
_COLLECTED = {True: "已收取", False: "未收取"}


_COLLECTED_EN = {True: "were collected", False: "were not collected"}


def _contradiction(fee: str, official: bool, said: bool, sentence: str) -> Outcome:
    return (
        _COLLECTED[official],
        _COLLECTED[said],
        {
            "sentence": sentence,
            "fee": fee,
            "expected_en": f"{fee} {_COLLECTED_EN[official]}",
            "actual_en": _COLLECTED_EN[said],
        },
    )


def fee_check(
    statement: Callable[[Any], Any], part: Callable[[Any], Any], amount: Callable[[Any], Any]
) -> Callable[[Any, Any], Outcome]:
    """NARR-FEE-CONTRADICTION at one narrative part: it says 信息处理费 were (not) collected
    while the fee statement of section 六 says the opposite; or it says 行政事业性收费 were (not)
    collected while table 二's amount says the opposite."""

    def check(report: Any, previous: Any) -> Outcome:
        text = part(report)
        if not text:
            return None
        if _FEE_WORD in text:
            stated = statement(report)
            official = fee_statement(stated) if stated else None
            own = fee_statement("，".join(clauses_with(text, _FEE_WORD)))
            if own is not None and official is not None and own[0] != official[0]:
                return _contradiction(_FEE_WORD, official[0], own[0], own[1])
        if _TABLE_FEE not in text:
            return None
        value = amount(report)
        said = fee_statement("，".join(clauses_with(text, _TABLE_FEE)))
        if said is not None and value is not None and said[0] != (value > 0):
            return _contradiction(_TABLE_FEE, value > 0, said[0], said[1])
        return None

    return check


_CLAUSE_ENDS = "，,。！？!?\n；;"
_CLAUSE = re.compile(f"[^{_CLAUSE_ENDS}]+")


def clauses_with(text: str, word: str) -> list[str]:
    """The clauses of ``text`` (as :func:`_sentences` cuts it) that contain ``word``, in order:
    found from the word's occurrences, so that a long text is not cut into all its clauses
    (``word`` holds no clause end)."""
    out: list[str] = []
    at = text.find(word)
    while at >= 0:
        start = _clause_start(text, at)
        found = _ANY_END.search(text, at + len(word))
        end = len(text) if found is None else found.start()
        out.append(text[start:end].strip())
        at = text.find(word, end)
    return out


_ANY_END = re.compile(f"[{_CLAUSE_ENDS}]")


def _clause_start(text: str, at: int) -> int:
    # Where the clause holding text[at] starts: the nearest end is looked for in a window before
    # it, read backwards and widened until one is found (a search back to the text's start for
    # each of the ten ends, most of which never occur, was the check's whole cost on a long text).
    reach = 64
    while True:
        low = at - reach if at > reach else 0
        found = _ANY_END.search(text[low:at][::-1])
        if found is not None:
            return at - found.start()
        if not low:
            return 0
        reach *= 4


def _sentences(text: str) -> Iterator[str]:
    # Clauses, for fee statements: "未收取信息处理费，依法收取行政事业性收费……" says two things.
    for match in _CLAUSE.finditer(text):
        yield match.group().strip()
