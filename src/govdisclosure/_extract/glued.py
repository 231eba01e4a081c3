"""Page text whose layout was lost: the whole body on one line with its headings inline, and
table cells run together ("规章000", "10 0 0 0 01").

A long line is cut again before each heading and each row label of the template. A run of
digits is split into cells only where the split is the single one that gives the row its
number of cells and satisfies every table identity that holds within the row (a row's 总计 is
the sum of its six columns; a group's 总计 the sum of its four outcomes); a number never starts
with 0 unless it is 0. Where several splits fit, none is taken. The metadata lines a site
crawler writes above the text (本地目录:, 原文链接: …) are left out; 标题: gives the title.
"""

from __future__ import annotations

import functools
import re

import attrs

from .._ground.settings import EXTRACT as SETTINGS
from .._model.describe import describe
from .._model.editions import EDITIONS
from .._model.identities import Equation
from .._model.template import SECTIONS
from .._model.variants import (
    HEADER_NEXT,
    HEADER_ROWS,
    NUMBERED_COLUMN,
    is_chrome,
    is_crawler_line,
    loose,
    row_labels,
    section_words,
)
from .text import Line, Piece

__all__ = ["relinearize", "run_tokens", "splits"]

# A section heading's numeral, where the words of some section's heading follow within a few
# characters ("四、政府信息公开行政复议与行政诉讼情况").
_SECTION_NUMERAL = r"[一二三四五六七]\s*[、.．]\s*"


@functools.cache
def _words_pattern() -> str:
    words = {w for name, heading in SECTIONS for w in section_words(name, heading)}
    return "|".join(loose(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def _section_start() -> re.Pattern[str]:
    return re.compile(_SECTION_NUMERAL + r"(?=[^，。；,;\d]{0,12}?(?:" + _words_pattern() + "))")


@functools.cache
def _cut() -> re.Pattern[str]:
    # Where a long line is cut: before each section heading, sub-heading, 第二十条 item, numbered
    # row, row label of table 二 (of either edition, in any wording reports print) and the
    # numbered rows of table 三.
    classes: list[type] = list(EDITIONS.values())
    table2 = sorted(
        {
            w
            for cls in classes
            for f in describe(describe(cls).by_name["active_disclosure"].cls or object).fields
            for w in row_labels(f.info.label)
        },
        key=len,
        reverse=True,
    )
    parts = (
        _section_start().pattern,
        r"[（(]\s*[一二三四五六七]\s*[）)]",
        r"第\s*二\s*十\s*条\s*第\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*项",
        r"[1-8]\s*[.．]\s*(?=[\u4e00-\u9fff“\"])",
        r"(?<![\u4e00-\u9fff])(?=" + "|".join(loose(w) for w in table2) + ")",
        # A table's header row that OCR repeats between its rows (the registry's HEADER_ROWS).
        r"(?<![\u4e00-\u9fff])(?=(?:" + "|".join(HEADER_ROWS) + r")\s+(?:" + "|".join(HEADER_NEXT) + "))",
        r"[一二三四]\s*[、.．]\s*(?="
        + "|".join(map(loose, ("本年新收", "上年结转", "本年度", "结转下年度")))
        + ")",
    )
    return re.compile("|".join(f"(?:{p})" for p in parts))


# The words a heading ends with, after the words that name its section: "情况", "事项", and
# those of section 五 ("……及改进措施", "……及明年工作计划").
_HEADING_ENDS = ("情况", "事项", "计划", "措施", "打算")
_HEADING_STOP = re.compile(r"[\d，。；,;：:]")
_HEADING_REACH = 40


def _heading_end(chunk: str) -> int | None:
    """Where the section heading that opens ``chunk`` ends (its text follows without a break),
    or None if no section heading opens it."""
    start = re.match(_SECTION_NUMERAL, chunk)
    if start is None:
        return None
    window = chunk[start.end() : start.end() + _HEADING_REACH]
    stop = _HEADING_STOP.search(window)
    window = window[: stop.start()] if stop else window
    named = re.search(_words_pattern(), window)
    if named is None:
        return None
    ends = [i + len(e) for e in _HEADING_ENDS if (i := window.find(e, max(0, named.end() - len(e)))) >= 0]
    blank = re.search(r"\s", window[named.end() :])
    if blank is not None:
        ends.append(named.end() + blank.start())
    if ends:
        return start.end() + min(ends)
    if stop is not None or len(window) < _HEADING_REACH:
        return start.end() + len(window)
    return start.end() + named.end()


# A label run into its digits ("规章000", "行政许可15-15"), or a closing bracket or quote; not
# the numbered column names OCR gives table 三 ("数据1": spaced, they read as numbers, and the
# header row as a row of data).
_GLUED = re.compile(rf"(?<=[\u4e00-\u9fff）)”])(?<!{NUMBERED_COLUMN})(?=[-－]?\d)")
_TITLE_TAG = re.compile(r"^标题\s*[:：]\s*")


def relinearize(lines: list[Line]) -> list[Line]:
    """The lines, with the lines a crawler or the site's menus put into the text left out, and
    every text line of more than ``SETTINGS.long_line`` characters that holds two or more
    section headings cut before each heading and row label, and a label glued to its digits
    ("规章000") given a space."""
    out: list[Line] = []
    for line in lines:
        if line.kind == "text" and (is_crawler_line(line.text) or is_chrome(line.text)):
            continue
        if line.kind == "text" and _TITLE_TAG.match(line.text):
            piece = line.cells[0]
            line = Line("text", (attrs.evolve(piece, text=_TITLE_TAG.sub("", piece.text)),), line.heading)
        text = line.text
        if line.kind != "text" or len(text) <= SETTINGS.long_line or len(_section_start().findall(text)) < 2:
            out.append(line)
            continue
        piece = line.cells[0]
        starts = sorted({0, *(m.start() for m in _cut().finditer(text) if m.start() > 0)})
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            chunk = text[start:end]
            heading = _heading_end(chunk)
            parts = (
                [(start, chunk)]
                if heading is None or heading >= len(chunk.rstrip())
                else [(start, chunk[:heading]), (start + heading, chunk[heading:])]
            )
            for at, part in parts:
                part = part.strip()
                if part:
                    part = _GLUED.sub(" ", part) if len(part) <= 120 else part
                    out.append(Line("text", (Piece(part, piece.line, piece.column + at, page=piece.page),)))
    return out


# The most digits one number of a split has: a count of a report has far fewer.
_DIGITS = 12


_SIGNED_RUN = re.compile(r"(?:[-－]?\d+)+")
_SIGNED_PART = re.compile(r"[-－]?\d+")


def run_tokens(texts: list[str]) -> list[str] | None:
    """The runs of digits of a row's cells (white space and signs part them: "15-15" is 15 and
    -15), or None if a cell holds anything else."""
    out: list[str] = []
    for text in texts:
        for token in text.split():
            if not _SIGNED_RUN.fullmatch(token):
                return None
            out.extend(part.replace("－", "-") for part in _SIGNED_PART.findall(token))
    return out


def splits(
    tokens: list[str],
    count: int,
    identities: list[tuple[int, list[int]]],
    signed: frozenset[int] = frozenset(),
) -> list[list[int]]:
    """Every reading of ``tokens`` (runs of digits, each perhaps led by a minus sign) as
    ``count`` numbers that satisfies each identity ``(total index, part indices)``. A number
    never starts with 0 unless it is 0, has at most 12 digits, and is negative only at an
    index of ``signed`` (a sign starts a number). At most ``SETTINGS.max_splits`` readings are
    returned and ``SETTINGS.max_split_steps`` numbers tried: a run too long for its cells has
    none."""
    out: list[list[int]] = []
    digits = [len(t.lstrip("-")) for t in tokens]
    if not tokens or len(tokens) > count or sum(digits) > _DIGITS * count or sum(digits) < count:
        return out
    # The identities to check once the number at an index is placed: those it completes.
    due: dict[int, list[tuple[int, list[int]]]] = {}
    for total, parts in identities:
        due.setdefault(max(total, *parts), []).append((total, parts))
    after = [sum(digits[i + 1 :]) for i in range(len(tokens))]  # digits of the later tokens
    acc: list[int] = []
    steps = [SETTINGS.max_split_steps]

    def walk(index: int, at: int) -> None:
        token = tokens[index]
        if at == len(token):
            if index + 1 == len(tokens):
                if len(acc) == count:
                    out.append(list(acc))
                return
            walk(index + 1, 0)
            return
        negative = at == 0 and token.startswith("-")
        start = at + negative
        if negative and len(acc) not in signed:
            return
        for end in range(start + 1, min(len(token), start + _DIGITS) + 1):
            if end > start + 1 and token[start] == "0":
                break  # a number never starts with 0 unless it is 0
            steps[0] -= 1
            if steps[0] < 0 or len(out) > SETTINGS.max_splits:
                return
            numbers_left = count - len(acc) - 1
            digits_left = len(token) - end + after[index]
            if numbers_left < len(tokens) - index - 1 + (end < len(token)) or digits_left < numbers_left:
                continue
            if digits_left > _DIGITS * numbers_left:
                continue
            value = int(token[start:end])
            acc.append(-value if negative else value)
            if all(acc[t] == sum(acc[p] for p in parts) for t, parts in due.get(len(acc) - 1, ())):
                walk(index, end)
            acc.pop()

    walk(0, 0)
    # Cut short, the readings found may not be all there are: none is taken.
    return [] if steps[0] < 0 else out


def row_identities(
    equations: tuple[Equation, ...], cells: list[tuple[str, ...]]
) -> list[tuple[int, list[int]]]:
    """The identities that hold within a row of ``cells`` (key paths), by index."""
    where = {cell: index for index, cell in enumerate(cells)}
    out = []
    for eq in equations:
        if eq.target in where and not eq.minus and all(p in where for p in eq.plus):
            out.append((where[eq.target], [where[p] for p in eq.plus]))
    return out
