"""The assembler: sections, title, dates, contact and narrative parts, then the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .._findings.finding import Finding
from .._model.classes import OtherMatters, Overview
from .._model.describe import describe
from .._model.editions import EDITIONS, EDITIONS_LIST, YEAR_PATTERN, edition_for_year
from .._model.pointers import put_in, split_pointer
from .glued import relinearize
from .record import Record
from .result import CellSource
from .sections import (
    _DATE_LINE,
    _OTHER_KEYS,
    _OVERVIEW_KEYS,
    _SECTION_HEAD,
    _SECTIONS,
    _SENTENCE_END,
    _SUBHEAD,
    _iso,
    _organ_kind,
    _split_sections,
    _title_match,
)
from .settle import by_statements, take
from .tables import Tables
from .text import Line, Piece

# The marks that end a sentence wherever a line stands.
_FULL_STOPS = tuple("。！？!?")


class Builder:
    """Assembles one document from a reading's lines: sections, title, dates, contact and the
    narrative parts here, the tables by a :class:`Tables` sharing this reading's
    :class:`Record`."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.record = Record()
        self.tables = Tables(self.record)
        self.doc: dict[str, Any] = {}

    @property
    def findings(self) -> list[Finding]:
        """The reading's findings so far."""
        return self.record.findings

    @property
    def sources(self) -> dict[str, CellSource]:
        """Where each cell read so far came from."""
        return self.record.sources

    @property
    def cls(self) -> type | None:
        """The report class of the edition, once it is known."""
        return self.record.cls

    # -- top level -----------------------------------------------------------------------
    def build(self) -> tuple[dict[str, Any] | None, str | None]:
        self.lines = relinearize(self.lines)
        sections = _split_sections(self.lines)
        self.edition = self.record.edition = self._edition(sections)
        self.record.cls = EDITIONS[self.edition]
        front = sections["front"]
        title_at = self._title(front)
        if title_at is None:
            return None, self.edition
        doc = self.doc
        doc["format_version"] = self.edition
        self._dates([line for lines in sections.values() for line in lines])
        preamble = self._paragraphs(self._narrative(front[title_at + 1 :]))
        if preamble:
            doc["preamble"] = "\n".join(preamble)
            self._contact(doc["preamble"])
        doc["overview"] = self._parts(sections.get("overview", []), _OVERVIEW_KEYS, "summary", "/overview")
        doc["active_disclosure"] = self.tables.table2(sections.get("active_disclosure", []))
        doc["applications"] = self.tables.table3(sections.get("applications", []))
        doc["review_and_litigation"] = self.tables.table4(sections.get("review_and_litigation", []))
        problems = self._paragraphs(self._narrative(sections.get("problems_and_improvements", [])))
        if problems:
            doc["problems_and_improvements"] = "\n".join(problems)
        doc["other_matters"] = self._parts(
            sections.get("other_matters", []), _OTHER_KEYS, None, "/other_matters"
        )
        self._settle_by_text(doc)
        for name, _ in _SECTIONS:
            if name not in sections:
                self.record.finding("EXTRACT-NO-SECTION", "warning", "/" + name)
        cls: type = self.record.cls
        order = [f.name for f in describe(cls).fields]
        return {k: doc[k] for k in order if k in doc}, self.edition

    def _settle_by_text(self, doc: dict[str, Any]) -> None:
        # Rows that several splits fit, settled where the narrative's statements leave one.
        rows = list(self.tables.ambiguous.values())
        if not rows:
            return
        texts = [
            doc.get("preamble"),
            doc["overview"],
            doc.get("problems_and_improvements"),
            doc["other_matters"],
        ]
        unknown = {p for p, source in self.record.sources.items() if source.kind == "missing"}
        for row, sentence in by_statements(doc, unknown, rows, _strings(texts)):
            del self.tables.ambiguous[row.path]
            for pointer, value in take(self.record, row, sentence).items():
                put_in(doc, split_pointer(pointer), value)

    def _edition(self, sections: dict[str, list[Line]]) -> str:
        # The phrases only one edition's tables print, then the decree a report cites, then
        # the edition of the title's year (said with a finding); oldest edition first, since a
        # newer report may still cite an older text.
        text = " ".join(line.text for lines in sections.values() for line in lines)
        oldest_first = EDITIONS_LIST[::-1]
        for edition in oldest_first:
            if any(marker in text for marker in edition.markers):
                return edition.code
        for edition in oldest_first:
            if edition.decree_number in text:
                return edition.code
        match = _title_match(next((line.text for line in self.lines if _title_match(line.text)), ""))
        by_year = edition_for_year(int(match.group("year"))) if match else None
        code = (by_year or EDITIONS_LIST[0]).code
        self.record.finding("EXTRACT-EDITION", "warning", "/format_version", actual=code)
        return code

    def _title(self, front: list[Line]) -> int | None:
        # The last title-like line before section 一 (a title may also be split over two lines:
        # "2023年度" / "某某局政府信息公开工作年度报告"), and the organ before or after the year,
        # or on the line above.
        found: tuple[int, int, re.Match[str]] | None = None
        year: int | None = None
        for index, line in enumerate(front):
            if line.kind != "text":
                continue
            match = _title_match(line.text)
            if match:
                found = (index, index, match)
            elif index + 1 < len(front) and front[index + 1].kind == "text":
                match = _title_match(line.text + front[index + 1].text)
                if match and not _title_match(front[index + 1].text):
                    found = (index, index + 1, match)
        organ = ""
        if found is not None:
            first, last, match = found
            organ = (match.group("before") or match.group("after")).strip().strip("#").strip()
            organ = re.sub(r"\s*关于$", "", organ)  # "……局关于2023年……报告"
            if not organ and first > 0 and front[first - 1].kind == "text":
                organ = front[first - 1].text
            year = int(match.group("year"))
        else:
            last, year = -1, self._year_from_text()
        if not organ or year is None:
            # Without a title the tables are still read; the organ stays unnamed, flagged.
            self.record.finding("EXTRACT-NO-TITLE", "error", "/organ/name")
            if year is None:
                return None
            organ = "（机关名称未识别）"
        self.doc["year"] = year
        self.doc["organ"] = {"name": organ}
        if found is not None:
            self.doc["organ"]["kind"] = _organ_kind(organ)
        self.organ = organ
        return last

    def _year_from_text(self) -> int | None:
        # The statistical period ("统计期限……2023年1月1日起") names the report year.
        for line in self.lines:
            match = re.search(rf"({YEAR_PATTERN})\s*年\s*1\s*月\s*1\s*日", line.text)
            if match:
                return int(match.group(1))
        return None

    def _dates(self, lines: list[Line]) -> None:
        explicit = standalone = None
        for line in lines:
            if line.kind != "text":
                continue
            text = line.text
            match = _DATE_LINE.match(text)
            if match is None:
                continue
            day = _iso(match.group(1))
            if day is None:
                continue
            if "发布" in text and explicit is None:
                explicit = day
            standalone = standalone or day
        chosen = explicit or standalone
        if chosen is not None:
            self.doc["published_on"] = chosen

    def _contact(self, preamble: str) -> None:
        contact = {}
        patterns = {
            "address": r"地址\s*[:：]\s*([^；;，,）)\n]+)",
            "postcode": r"邮(?:政)?编(?:码)?\s*[:：]\s*(\d{6})",
            "phone": r"电话\s*[:：]\s*([0-9０-９\-－—() （）、/]+[0-9])",
            "email": r"(?:邮箱|电子邮箱|电子信箱|E-?mail)\s*[:：]\s*([\w.+-]+@[\w.-]+\w)",
        }
        for key, pattern in patterns.items():
            match = re.search(pattern, preamble, re.I)
            if match:
                contact[key] = match.group(1).strip()
        if contact:
            self.doc["organ"]["contact"] = contact

    # -- narrative ---------------------------------------------------------------------
    def _narrative(self, lines: list[Line]) -> list[Line]:
        # The text lines of a part, without the date and signature lines.
        organ = getattr(self, "organ", None)
        keep = []
        for line in lines:
            if line.kind != "text":
                continue
            text = line.text
            if _DATE_LINE.match(text) or text == organ or _title_match(text):
                continue
            keep.append(line)
        return keep

    @staticmethod
    def _paragraphs(lines: list[Line]) -> list[str]:
        # A line that does not end a sentence continues on the next line (a page or column
        # break of the source); headings always stand alone. Where the page's layout is known
        # (a PDF), a line goes on in the next when it runs to the right margin and the next is
        # not indented, whatever its last character ("（以下简称《条例》）" at a line's end).
        # Each paragraph is kept as its pieces and joined once: adding to a string in a list
        # copies it each time, quadratic in the length of a paragraph of many lines.
        paragraphs: list[list[str]] = []
        joinable = False
        for line in lines:
            text = line.cells[0].text if line.cells[0].path is not None else line.text
            heading = line.heading or (
                len(text) <= 30
                and (_SUBHEAD.match(text) is not None or _SECTION_HEAD.match(text) is not None)
            )
            if joinable and not heading and not line.indented and paragraphs:
                paragraphs[-1].append(text)
            else:
                paragraphs.append([text])
            ends = text.rstrip("*_ ").endswith(_SENTENCE_END if line.wraps is None else _FULL_STOPS)
            joinable = not heading and not ends and line.wraps is not False
        return ["".join(pieces) for pieces in paragraphs]

    def _parts(
        self, lines: list[Line], keys: tuple[tuple[str, tuple[str, ...]], ...], lead: str | None, base: str
    ) -> dict[str, Any]:
        chunks: list[tuple[str | None, list[Line]]] = [(None, [])]
        for line in self._narrative(lines):
            match = _SUBHEAD.match(line.text) if not line.text.startswith(("（本列", "(本列")) else None
            glued = re.match(r"^(.{2,30}?[。．.])\s*(\S.*)$", match.group(2).strip()) if match else None
            if match and (len(match.group(2)) <= 40 or glued):
                # A sub-heading, alone on its line or glued to the first sentence of its text.
                heading, rest = match.group(2).strip(), ""
                if glued:
                    heading, rest = glued.group(1), glued.group(2)
                chunks.append((heading, []))
                if rest:
                    chunks[-1][1].append(Line("text", (Piece(rest, line.at.line, line.at.column),)))
                continue
            chunks[-1][1].append(line)
        part: dict[str, Any] = {}
        extra: list[dict[str, str]] = []
        for heading, body in chunks:
            text = "\n".join(self._paragraphs(body))
            if heading is None:
                if not text:
                    continue
                if lead is not None:
                    part[lead] = text
                    continue
                name = next(
                    (n for n, words in keys if any(w in text for w in words) and n not in part), "other"
                )
                part[name if name == "processing_fees" else "other"] = text
                continue
            title = heading.rstrip("。．.")
            named = next((n for n, words in keys if any(w in title for w in words)), None)
            if named is not None and named not in part:
                part[named] = text
            else:
                extra.append({"title": title, "text": text})
        if extra:
            part["extra"] = extra
        order = [f.name for f in describe(_part_class(base)).fields]
        return {k: part[k] for k in order if k in part}


def _strings(value: Any) -> Iterator[str]:
    # Every text in nested lists and dicts.
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _part_class(base: str) -> type:
    return Overview if base == "/overview" else OtherMatters
