"""The names of cells and parts as a reader says them (``三（七）总计·商业企业``), and the
template's order of paths, read from the model's field metadata."""

from __future__ import annotations

from .describe import FieldDesc, describe, resolve
from .template import NUMERALS

__all__ = ["cell_name", "position_key"]

_QUIET_POSITIONS = ("标题", "前言", "落款", "小节", "国办", "条例")


def _fragment(f: FieldDesc) -> str:
    position, label = f.info.position, f.info.label
    if not position or position.startswith(_QUIET_POSITIONS):
        return label
    if position[-1].isdigit():
        return f"{position}.{label}"
    if position[-1] == "）":
        return position + label
    if position in NUMERALS:
        return f"{position}、{label}"
    return f"{position}·{label}"


_CELL_KINDS = frozenset({"count", "signed", "money"})


def cell_name(cls: type, parts: list[str]) -> str:
    """The Chinese name of the cell or part a path names (``三（七）总计·商业企业``).

    ``""`` when the path names nothing of the model (an unknown key, a list item).
    """
    chain = resolve(cls, parts)
    if not chain:
        return ""
    last = chain[-1]
    if parts and parts[-1] != last.name:
        # The path ends inside a list of sections: name the list item by the list.
        return f"{_fragment(last)}[{parts[-1]}]"
    if last.kind in _CELL_KINDS and len(chain) >= 2:
        return f"{_fragment(chain[-2])}·{last.info.label}"
    return _fragment(last)


def position_key(cls: type, parts: list[str]) -> tuple[int, ...]:
    """A sort key that orders paths as the template orders the parts they name.

    Keys the model lacks sort after the known keys of the same object.
    """
    key: list[int] = []
    current: type | None = cls
    in_list = False
    for token in parts:
        if in_list:
            key.append(int(token) if token.isdigit() else 1 << 30)
            in_list = False
            continue
        if current is None:
            key.append(1 << 30)
            continue
        desc = describe(current)
        f = desc.by_name.get(token)
        if f is None:
            key.append(1 << 30)
            current = None
            continue
        key.append(desc.fields.index(f))
        current = f.cls
        in_list = f.kind == "sections"
    return tuple(key)
