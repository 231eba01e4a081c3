"""Findings: what is wrong with a document, as data. Sentences are made from them last."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .._ground.limits import MAX_FINDINGS
from .._ground.values import value_class
from .codes import CODES, Severity

__all__ = [
    "MESSAGES",
    "Finding",
    "ReportError",
    "Severity",
    "cap",
    "limit_finding",
    "missing_slots",
]

Value = int | Decimal | str | None

_TYPE_ZH = {
    "object": "对象",
    "array": "数组",
    "string": "字符串",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔值",
    "null": "null",
}


class _Messages(Mapping[str, tuple[str, str]]):
    # code -> (Chinese, English) template, read from the registry as it is now.
    def __getitem__(self, code: str) -> tuple[str, str]:
        entry = CODES[code]
        return entry.zh, entry.en

    def __iter__(self) -> Iterator[str]:
        return iter(CODES)

    def __len__(self) -> int:
        return len(CODES)


#: The message templates of every registered code, ``code -> (Chinese, English)``: a read-only
#: view of :data:`govdisclosure._findings.registry.CODES`. Pass a mapping of the same shape to
#: :meth:`Finding.format` to reword findings.
MESSAGES: Mapping[str, tuple[str, str]] = _Messages()

_CLIP = 60

# Integers past this many bits are shown by their magnitude: CPython refuses to write an int of
# more than 4,300 digits as text, and such a number is never a count anyway.
_BIG_BITS = 128


def shown(value: Any) -> Any:
    """``value`` itself, or for a huge integer a string of its magnitude (``"1.000000E+5000"``),
    so that every finding can be written as text and as JSON."""
    if type(value) is int and value.bit_length() > _BIG_BITS:
        return f"{Decimal(value):.6E}"
    return value


def _clip(value: object) -> str:
    value = shown(value)
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


class _Slots(dict[str, Any]):
    # A slot a template names but the finding lacks is shown as "?" rather than raising, so
    # that a message can always be written; missing_slots() lets the tests find such gaps.
    def __missing__(self, key: str) -> str:
        return "?"


@value_class
@attrs.frozen(repr=False, eq=False)
class Finding:
    """One problem found in a document.

    ``path`` is an RFC 6901 JSON Pointer into the submitted document (``""`` is the whole
    document). ``label`` is the Chinese name of the cell (``三（七）总计·商业企业``), or ``""``
    where the path names no field of the model. ``expected`` and ``actual`` hold the numbers
    (or dates, or strings) of a computed value; ``params`` any further facts of the finding.
    ``message`` and ``message_en`` are made from these fields.
    """

    code: str
    severity: Severity
    path: str
    label: str = ""
    expected: Value = attrs.field(default=None, converter=shown)
    actual: Value = attrs.field(default=None, converter=shown)
    params: Mapping[str, Any] = attrs.field(factory=dict, hash=False)

    def _slots(self) -> dict[str, Any]:
        slots: dict[str, Any] = _Slots({k: shown(v) for k, v in self.params.items()})
        slots.update(
            code=self.code,
            path=self.path or "/",
            where=self.label or self.path or "文档",
            expected=self.expected,
            actual=self.actual,
            expected_zh=_TYPE_ZH.get(str(self.expected), self.expected),
            actual_zh=_TYPE_ZH.get(str(self.actual), self.actual),
        )
        return slots

    def format(self, catalog: Mapping[str, tuple[str, str]] | None = None, *, lang: str = "zh") -> str:
        """The finding as a sentence, from ``catalog`` (``code -> (Chinese, English)``, the
        shape of :data:`MESSAGES`) or else the registered templates.

        ``lang`` is ``"zh"`` or ``"en"``. A slot the finding does not fill is shown as ``?``;
        a code nobody registered is shown as the code itself.
        """
        return _template(self.code, catalog, lang).format_map(self._slots())

    @property
    def message(self) -> str:
        """The finding in Chinese."""
        return self.format()

    @property
    def message_en(self) -> str:
        """The finding in English."""
        return self.format(lang="en")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: code, severity, path, label, expected, actual, message, message_en.

        Decimal values are kept as ``Decimal``; :func:`govdisclosure.dumps`-style writers and
        the command line write them as exact JSON numbers.
        """
        return {
            "code": self.code,
            "severity": self.severity,
            "path": self.path,
            "label": self.label,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
            "message_en": self.message_en,
        }


def _template(code: str, catalog: Mapping[str, tuple[str, str]] | None, lang: str) -> str:
    own = (catalog or {}).get(code)
    if own is not None:
        return own[0 if lang == "zh" else 1]
    entry = CODES.get(code)
    if entry is None:  # a code of someone else's making: still a sentence
        return "{where}：{code}" if lang == "zh" else "{path}: {code}"
    return entry.template(lang)


def _formatter() -> Any:
    import string  # for the tests' look at the templates only

    return string.Formatter()


def missing_slots(finding: Finding) -> set[str]:
    """The slots of ``finding``'s message templates (both languages) that it does not fill:
    empty for every finding the library makes (a test checks each code)."""
    filled = set(finding._slots())
    wanted = set()
    for lang in ("zh", "en"):
        for _, name, _, _ in _formatter().parse(_template(finding.code, None, lang)):
            if name is not None:
                wanted.add(name.split(".")[0].split("[")[0].split("!")[0])
    return wanted - filled


def cap(findings: Iterable[Finding], limit: int = MAX_FINDINGS) -> list[Finding]:
    """At most ``limit`` findings, and then one ``LIMIT-FINDINGS`` finding saying how many more
    there were. Consumes ``findings`` lazily, so a generator of a million is never held whole."""
    kept: list[Finding] = []
    more = 0
    error = False
    for finding in findings:
        if len(kept) < limit:
            kept.append(finding)
        else:
            more += 1
            error = error or finding.severity == "error"
    if more:
        kept.append(limit_finding(more, "error" if error else "warning", limit))
    return kept


def limit_finding(more: int, severity: Severity, limit: int = MAX_FINDINGS) -> Finding:
    """The last finding of a document that had ``more`` findings past ``limit``."""
    return Finding("LIMIT-FINDINGS", severity, "", "", limit, more)


class ReportError(ValueError):
    """A document is not a report of the contract: bad JSON, bad encoding or bad structure.

    ``findings`` holds every problem found, each with a JSON Pointer; ``str()`` of the error
    lists them in Chinese.
    """

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        super().__init__(self._summary())

    def _summary(self) -> str:
        shown = [f"{f.path or '/'} [{f.code}] {f.message}" for f in self.findings[:10]]
        more = len(self.findings) - len(shown)
        if more:
            shown.append(f"... and {more} more")
        return f"{len(self.findings)} problem(s):\n" + "\n".join(shown)


def clip(value: object) -> str:
    """A short display form of an offending value, for ``actual`` of non-numeric findings."""
    return _clip(value)
