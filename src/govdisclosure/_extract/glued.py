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
from collections.abc import Iterator

import attrs

from .._ground.settings import EXTRACT as SETTINGS
from .._model.editions import YEAR_PATTERN
from .._model.identities import Equation
from .text import Line, Piece

__all__ = ["relinearize", "splits"]

_HEADINGS = (
    r"[一二三四五六七]、(?=总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议|存在的主要问题|存在问题|其他需要报告的事项)",
    r"（[一二三四五六七]）",
    r"第二十条第（[一二三四五六七八九十]+）项",
    r"[1-8]\.(?=[\u4e00-\u9fff“])",
    r"(?<![\u4e00-\u9fff])(?=规章|行政规范性文件|行政许可|行政处罚|行政强制|行政事业性收费)",
    r"[一二三四]、(?=本年新收|上年结转|本年度办理结果|结转下年度)",
)
_CUT = re.compile("|".join(f"(?:{h})" for h in _HEADINGS))
# A section heading at the start of a chunk, which its text follows without a break.
_HEADING_END = re.compile(
    r"^[一二三四五六七]、(?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况"
    r"|政府信息公开行政复议、?行政诉讼情况|存在的主要问题(?:及[^0-9，。、]{0,12}?(?="
    + YEAR_PATTERN
    + r"|$))?|其他需要报告的事项)"
)
_GLUED = re.compile(r"(?<=[\u4e00-\u9fff）)”])(?=\d)")


# Lines a site crawler writes above the page's text: metadata, not the report's text. The
# title and the date of publication are kept, the title without its tag.
_CRAWLER = re.compile(
    r"^(?:本地目录|原文链接|页面链接|栏目|文号|发布机构|索引号|来源)\s*[:：]|^=+\s*正文\s*=+$"
)
_TITLE_TAG = re.compile(r"^标题\s*[:：]\s*")


def relinearize(lines: list[Line]) -> list[Line]:
    """The lines, with every text line of more than ``SETTINGS.long_line`` characters that
    holds two or more section headings cut before each heading and row label, and a label
    glued to its digits ("规章000") given a space."""
    out: list[Line] = []
    for line in lines:
        if line.kind == "text" and _CRAWLER.match(line.text):
            continue
        if line.kind == "text" and _TITLE_TAG.match(line.text):
            piece = line.cells[0]
            line = Line("text", (attrs.evolve(piece, text=_TITLE_TAG.sub("", piece.text)),), line.heading)
        text = line.text
        if line.kind != "text" or len(text) <= SETTINGS.long_line or len(re.findall(_HEADINGS[0], text)) < 2:
            out.append(line)
            continue
        piece = line.cells[0]
        starts = sorted({0, *(m.start() for m in _CUT.finditer(text) if m.start() > 0)})
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            chunk = text[start:end]
            heading = _HEADING_END.match(chunk)
            parts = (
                [(start, chunk)]
                if heading is None
                else [(start, chunk[: heading.end()]), (start + heading.end(), chunk[heading.end() :])]
            )
            for at, part in parts:
                part = part.strip()
                if part:
                    part = _GLUED.sub(" ", part) if len(part) <= 120 else part
                    out.append(Line("text", (Piece(part, piece.line, piece.column + at, page=piece.page),)))
    return out


# The most digits one number of a split has: a count of a report has far fewer.
_DIGITS = 12


@functools.lru_cache(maxsize=4096)
def _segmentations(token: str) -> tuple[tuple[int, ...], ...]:
    # Every way to read a run of digits as numbers with no leading zero (bounded).
    if not token:
        return ((),)
    found: list[tuple[int, ...]] = []
    for cut in range(1, min(len(token), _DIGITS) + 1):
        head = token[:cut]
        if len(head) > 1 and head[0] == "0":
            break
        for rest in _segmentations(token[cut:]):
            found.append((int(head), *rest))
            if len(found) >= SETTINGS.max_splits:
                return tuple(found)
    return tuple(found)


def splits(tokens: list[str], count: int, identities: list[tuple[int, list[int]]]) -> list[list[int]]:
    """Every reading of ``tokens`` (runs of digits) as ``count`` numbers that satisfies each
    identity ``(total index, part indices)``; at most ``SETTINGS.max_splits`` are looked at.
    Runs with more digits than ``count`` numbers can have have none (a run of a thousand
    digits was split one digit a level deep, and Python's recursion limit was reached)."""
    out: list[list[int]] = []
    if len(tokens) > count or sum(map(len, tokens)) > _DIGITS * count:
        return out

    def walk(index: int, acc: list[int]) -> Iterator[list[int]]:
        if len(acc) > count:
            return
        if index == len(tokens):
            if len(acc) == count:
                yield acc
            return
        for part in _segmentations(tokens[index]):
            yield from walk(index + 1, [*acc, *part])

    for candidate in walk(0, []):
        if all(candidate[t] == sum(candidate[p] for p in parts) for t, parts in identities):
            out.append(candidate)
        if len(out) > SETTINGS.max_splits:
            break
    return out


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
