"""The content rules in CEL (Common Expression Language), for the schema's ``x-rules``.

Every check the engine compiles (:func:`.engine.compiled`) that reads the JSON alone is written
again here as a CEL expression over the instance at one schema node (``self``; last year's
report at the same node is ``oldSelf``), true when the document is fine. The expressions use
CEL's standard definitions only (``has``, ``matches``, ``double``, ``int``,
``string``, arithmetic, comparison, the conditional), so that every conforming implementation
gives the same answer. JSON has one number type, and implementations differ on whether ``12``
is an int or a double, so every number is converted where it is read: a count to ``int`` (its
sums are exact in 64 bits, while a double rounds sums past 2^53), an amount of money to
``double``.

A check sits at the deepest object that holds every value it reads; when that object's
definition (``$defs``) is used in places where the check does not hold alike, it moves up
until it does (the report's own definition is used once). The rules that read prose in ways
no regular expression states are listed under ``x-rules-not-portable``.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from .._codec.schema import json_schema as structure_schema
from .._ground.settings import SETTINGS
from .._model.describe import resolve
from .._model.editions import BY_CODE, EDITIONS
from .._model.money import UNIT_FIELD, YUAN_PER_UNIT
from .._model.pointers import pointer, split_pointer
from .engine import Arithmetic, _leaf_exists, compiled
from .narrative import _QUIET
from .table import RULES, Rule

__all__ = ["NOT_PORTABLE", "json_schema", "portable_codes", "x_rules"]

Path = tuple[str, ...]
# A value read: ("r", path) in this year's report, ("p", path) in last year's.
Term = tuple[str, Path]
# How a check names a value from the place it is put: (source, path) to a CEL expression.
Ref = Callable[[str, Path], str]

#: The rules that read prose beyond what a regular expression can say: the library checks
#: them, a schema consumer cannot.
NOT_PORTABLE = ("NARR-TABLE-MISMATCH", "NARR-FEE-CONTRADICTION")

_WHITE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
_QUIET_CHARS = "".join(sorted(chr(c) for c in _QUIET))


def portable_codes() -> tuple[str, ...]:
    """The codes of the rules the schema carries in CEL, in rule-table order."""
    return tuple(r.code for r in RULES if r.code not in NOT_PORTABLE)


@attrs.frozen
class _Cel:
    # One check in CEL: its rule, the cell it reports at, the values it reads, and the
    # expression as a function of how a value is named from the node it is placed at.
    rule: Rule
    target: Path
    reads: tuple[Term, ...]
    make: Callable[[Callable[[str, Path], str]], str]

    def node(self) -> Path:
        """The deepest object holding every value read (and the cell reported)."""
        parents = [path[:-1] for _, path in self.reads] + [self.target[:-1]]
        common = parents[0]
        for other in parents[1:]:
            n = 0
            while n < min(len(common), len(other)) and common[n] == other[n]:
                n += 1
            common = common[:n]
        return common

    def at(self, node: Path) -> dict[str, Any]:
        """The ``x-rules`` entry of the check placed at ``node``."""

        def ref(source: str, path: Path) -> str:
            return ".".join(("self" if source == "r" else "oldSelf", *path[len(node) :]))

        return {
            "rule": self.make(ref),
            "reason": self.rule.code,
            "severity": self.rule.severity,
            "fieldPath": pointer(*self.target[len(node) :]),
            "message": self.rule.title,
            "messageEn": self.rule.title_en,
        }


def _string(text: str) -> str:
    # A CEL string literal: anything but printable ASCII and CJK written as an escape.
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~" or "\u4e00" <= char <= "\u9fff":
            out.append(char)
        elif ord(char) < 0x10000:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def _class(chars: str, negated: bool = False) -> str:
    # A regular-expression character class that RE2 and ECMAScript read alike.
    escaped = "".join("\\" + c if c in "\\]-^[" else c for c in chars)
    return f"[{'^' if negated else ''}{escaped}]"


_NOT_WHITE = _class(_WHITE, negated=True)
# Three times the minimum in characters of any kind: not size(), which implementations count
# in code points, UTF-8 bytes or UTF-16 units.
_LONG = f"^[\\s\\S]{{{3 * SETTINGS.min_chars}}}"
_SAYS_SOMETHING = f"^(?:{_class(_QUIET_CHARS)}*{_class(_QUIET_CHARS, negated=True)}){{{SETTINGS.min_chars}}}"


def _int(expr: str) -> str:
    return f"int({expr})"


def _double(expr: str) -> str:
    return f"double({expr})"


def _arithmetic(test: Arithmetic) -> Callable[[Callable[[str, Path], str]], str]:
    def make(ref: Callable[[str, Path], str]) -> str:
        actual = ref(*test.actual)
        if len(test.plus) == 1 and not test.minus and not test.constant:
            return f"{ref(*test.plus[0])} == {actual}"  # the same value (a name, a carried count)
        # Σ plus == Σ minus + actual: no difference is taken, so no count goes below zero.
        left = " + ".join(_int(ref(*t)) for t in test.plus) or "0"
        if test.constant:
            left += f" + {test.constant}"
        right = " + ".join([*(_int(ref(*t)) for t in test.minus), _int(actual)])
        return f"{left} == {right}"

    return make


def _guarded(
    reads: tuple[Term, ...], make: Callable[[Callable[[str, Path], str]], str]
) -> Callable[..., str]:
    # A cross-year check holds where last year's report lacks a value it reads.
    def guarded(ref: Callable[[str, Path], str]) -> str:
        # has() tests the last step of a path only: every step is tested, outermost first.
        absent: list[str] = []
        for source, path in reads:
            if source != "p":
                continue
            for end in range(1, len(path) + 1):
                test = f"!has({ref(source, path[:end])})"
                if "." in test and test not in absent:
                    absent.append(test)
        return " || ".join([*absent, f"({make(ref)})"]) if absent else make(ref)

    return guarded


def _checks(edition: str, previous: str | None) -> Iterator[_Cel]:
    # The portable checks of an edition (pair), translated from the engine's compiled checks.
    years = BY_CODE[edition].years
    for rule, where, _, _, test in compiled(edition, previous):
        if rule.code in NOT_PORTABLE or rule.cross_year != (previous is not None):
            continue
        target = tuple(split_pointer(where))
        p = rule.params
        if isinstance(test, Arithmetic):
            reads = (*test.plus, *test.minus, test.actual)
            make = _arithmetic(test)
            if rule.cross_year:
                make = _guarded(reads, make)
            yield _Cel(rule, target, reads, make)
        elif rule.kind == "edition_years":
            yield _Cel(rule, target, (("r", ("year",)),), _within(years))
        elif rule.kind == "not_before":
            yield _Cel(rule, target, (("r", target), ("r", ("year",))), _after_the_year(target))
        elif rule.kind == "deadline":
            yield _deadline(rule, target)
        elif rule.kind == "present":
            yield _Cel(rule, target, (("r", target),), _said(target))
        elif rule.kind == "substance":
            yield _Cel(rule, target, (("r", target),), _substance(target))
        elif rule.kind == "jump":
            yield _jump(rule, target, edition, previous)
        else:  # pragma: no cover - a new kind needs its translation (the test covers every rule)
            raise ValueError(f"no CEL for rule kind {rule.kind!r} ({rule.code}, {p})")


def _within(years: tuple[int, int]) -> Callable[[Ref], str]:
    def make(ref: Ref) -> str:
        year = ref("r", ("year",))
        return f"{years[0]} <= int({year}) && int({year}) <= {years[1]}"

    return make


def _after_the_year(target: Path) -> Callable[[Ref], str]:
    def make(ref: Ref) -> str:
        date, year = ref("r", target), ref("r", ("year",))
        return f'!has({date}) || {date} > string(int({year})) + "-12-31"'

    return make


def _said(target: Path) -> Callable[[Ref], str]:
    def make(ref: Ref) -> str:
        text = ref("r", target)
        return f"has({text}) && {text}.matches({_string(_NOT_WHITE)})"

    return make


def _deadline(rule: Rule, target: Path) -> _Cel:
    date, year, kind = ("r", target), ("r", ("year",)), ("r", ("organ", "kind"))

    def make(ref: Callable[[str, Path], str]) -> str:
        by_kind = "true"
        for organ_kind, (month, day) in reversed(rule.params["deadlines"].items()):
            deadline = f'string(int({ref(*year)}) + 1) + "-{month:02d}-{day:02d}"'
            by_kind = f"({ref(*kind)} == {_string(organ_kind)} ? {ref(*date)} <= {deadline} : {by_kind})"
        return f"!has({ref(*date)}) || !has({ref(*kind)}) || {by_kind}"

    return _Cel(rule, target, (date, year, kind), make)


def _substance(target: Path) -> Callable[[Callable[[str, Path], str]], str]:
    def make(ref: Callable[[str, Path], str]) -> str:
        text = ref("r", target)
        return (
            f"!has({text}) || !{text}.matches({_string(_NOT_WHITE)}) || {text}.matches({_string(_LONG)})"
            f" || {text}.matches({_string(_SAYS_SOMETHING)})"
        )

    return make


def _jump(rule: Rule, target: Path, edition: str, previous: str | None) -> _Cel:
    unit = (*target[:-1], UNIT_FIELD)
    cls, prev_cls = EDITIONS[edition], EDITIONS[previous or edition]
    chain = resolve(cls, list(target)) or []
    counted = bool(chain) and chain[-1].kind == "count"
    # An amount beside a unit (元 or 万元) in both years is compared in this year's unit.
    with_unit = not counted and _leaf_exists(cls, unit) and _leaf_exists(prev_cls, unit)
    num = _int if counted else _double
    base, factor = (
        (str(SETTINGS.jump_base), str(SETTINGS.jump_factor))
        if counted
        else (repr(float(SETTINGS.jump_base)), repr(float(SETTINGS.jump_factor)))
    )
    reads: tuple[Term, ...] = (("r", target), ("p", target))
    if with_unit:
        reads += (("r", unit), ("p", unit))

    def make(ref: Callable[[str, Path], str]) -> str:
        now, then = num(ref("r", target)), num(ref("p", target))
        if with_unit:

            def per(source: str) -> str:
                out = "1.0"
                for code, yuan in reversed(YUAN_PER_UNIT.items()):
                    out = f"({ref(source, unit)} == {_string(code)} ? {float(yuan)!r} : {out})"
                return out

            then = f"({ref('r', unit)} == {ref('p', unit)} ? {then} : {then} * {per('p')} / {per('r')})"
        return (
            f"!has({ref('r', target)}) || ({now} < {base} && {then} < {base})"
            f" || ({now} <= {then} * {factor} && {now} * {factor} >= {then})"
        )

    return _Cel(rule, target, reads, _guarded(reads, make))


def _all_checks(edition: str) -> list[tuple[_Cel, tuple[str, ...] | None]]:
    """Every portable check of an edition, each with the previous editions it is limited to
    (``None``: every edition whose report has the values it reads)."""
    out: list[tuple[_Cel, tuple[str, ...] | None]] = [(c, None) for c in _checks(edition, None)]
    # A cross-year check of any previous edition, once; a has() guard on last year's values
    # already limits it to the editions whose report has them, else it names them.
    by_key: dict[tuple[str, Path], tuple[_Cel, list[str]]] = {}
    for previous in EDITIONS:
        for check in _checks(edition, previous):
            key = (check.rule.code, check.target)
            if key in by_key:
                by_key[key][1].append(previous)
            else:
                by_key[key] = (check, [previous])
    for check, previous_editions in by_key.values():
        guarded = all(
            all(_leaf_exists(EDITIONS[e], p) for s, p in check.reads if s == "p") == (e in previous_editions)
            for e in EDITIONS
        )
        out.append((check, None if guarded else tuple(previous_editions)))
    return out


def _places(schema: dict[str, Any]) -> dict[Path, str]:
    # Every object of an instance by its path, with the definition that describes it.
    defs = schema["$defs"]
    root = schema["$ref"].rsplit("/", 1)[-1]
    out: dict[Path, str] = {}

    def walk(name: str, path: Path) -> None:
        out[path] = name
        for key, sub in defs[name].get("properties", {}).items():
            ref = sub.get("$ref")
            if ref is not None:
                walk(ref.rsplit("/", 1)[-1], (*path, key))

    walk(root, ())
    return out


@functools.cache
def _placed(edition: str) -> dict[str, tuple[dict[str, Any], ...]]:
    # The x-rules of each definition of an edition's schema.
    places = _places(structure_schema(edition))
    checks = _all_checks(edition)
    nodes: list[Path] = [() if limited else check.node() for check, limited in checks]
    while True:
        entries: dict[Path, list[tuple[int, dict[str, Any]]]] = {}
        for index, ((check, limited), node) in enumerate(zip(checks, nodes, strict=True)):
            entry = check.at(node)
            if limited:
                names = " || ".join(f"oldSelf.format_version == {_string(e)}" for e in limited)
                entry["rule"] = f"!({names}) || ({entry['rule']})"
            entries.setdefault(node, []).append((index, entry))
        moved = False
        by_definition: dict[str, list[Path]] = {}
        for path, name in places.items():
            by_definition.setdefault(name, []).append(path)
        for paths in by_definition.values():
            seen = {tuple(str(e) for _, e in entries.get(p, [])) for p in paths}
            if len(seen) > 1:  # not alike in every place: each check there moves up a level
                for index, node in enumerate(nodes):
                    if node in paths and node:
                        nodes[index] = node[:-1]
                        moved = True
        if not moved:
            break
    out: dict[str, tuple[dict[str, Any], ...]] = {}
    for path, listed in entries.items():
        out[places[path]] = tuple(e for _, e in sorted(listed, key=lambda item: item[0]))
    return out


def x_rules(edition: str) -> dict[str, tuple[dict[str, Any], ...]]:
    """The ``x-rules`` entries of each ``$defs`` definition of an edition's schema, as fresh
    dicts (``ValueError`` naming the editions if ``edition`` is unknown)."""
    structure_schema(edition)  # the error for an unknown edition
    return copy.deepcopy(_placed(edition))


def json_schema(edition: str = "2021") -> dict[str, Any]:
    """The Draft 2020-12 JSON Schema of one edition's report, with its rules, as a fresh dict.

    ``edition`` is ``"2021"`` or ``"2019"``; ``ValueError`` names the editions otherwise.
    Every class of the model is one ``$defs`` entry; titles are the template's Chinese labels,
    ``x-template-position`` and ``x-unit`` carry the template position and unit. Each content
    rule that can be said over the JSON alone is an entry of ``x-rules`` at the definition it
    belongs to: ``rule`` (CEL over ``self``, the instance there, and ``oldSelf``, the same
    place in last year's report, for cross-year rules; true when the document is fine),
    ``reason`` (the finding code), ``severity``, ``fieldPath`` (the JSON Pointer of the
    reported cell, relative to that place), ``message`` and ``messageEn``. The root's
    ``x-rules-not-portable`` names the rules the library checks beyond them. Validators that
    do not know these keywords ignore them.
    """
    schema = structure_schema(edition)
    for name, entries in x_rules(edition).items():
        schema["$defs"][name]["x-rules"] = list(entries)
    schema["x-rules-not-portable"] = [
        {"reason": r.code, "severity": r.severity, "message": r.title, "messageEn": r.title_en}
        for r in RULES
        if r.code in NOT_PORTABLE and edition in r.editions
    ]
    return schema
