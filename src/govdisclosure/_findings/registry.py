"""The registry of finding codes: a code is defined once, with its severity, the stage that
reports it and its Chinese and English message templates. The codes themselves are listed in
:mod:`.codes`, and the content rules register theirs from the rule table."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

import attrs

from .._ground.values import value_class

__all__ = ["CODES", "Code", "Severity", "Stage", "codes", "register"]

Severity = Literal["error", "warning"]
Stage = Literal["reading", "structure", "rules", "cross-year", "extract", "limit", "file"]


@value_class
@attrs.frozen(repr=False, eq=False)
class Code:
    """One finding code: its default severity, the stage that reports it, and its message
    templates. ``{}`` slots are filled from the finding's fields and ``params``; ``{where}``
    is the Chinese cell name (or the pointer when the path names no field of the model)."""

    code: str
    severity: Severity
    stage: Stage
    zh: str
    en: str

    def template(self, lang: str) -> str:
        """The template in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.zh if lang == "zh" else self.en


class _Registry(Mapping[str, Code]):
    # A mapping that only grows, through register(): a code is defined once.
    def __init__(self) -> None:
        self._codes: dict[str, Code] = {}

    def __getitem__(self, code: str) -> Code:
        return self._codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def add(self, entry: Code) -> Code:
        if entry.code in self._codes and self._codes[entry.code] != entry:
            raise ValueError(f"finding code {entry.code} is registered twice, differently")
        self._codes[entry.code] = entry
        return entry


#: Every registered code, in registration order (the order the docs list them in).
CODES = _Registry()


def register(code: str, severity: Severity, stage: Stage, zh: str, en: str) -> Code:
    """Register a finding code; ``ValueError`` if the code is already registered differently."""
    return CODES.add(Code(code, severity, stage, zh, en))


def codes(stage: Stage) -> tuple[Code, ...]:
    """The registered codes of one stage, in registration order."""
    return tuple(c for c in CODES.values() if c.stage == stage)
