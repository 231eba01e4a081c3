"""The engine of the content rules: each rule of the table (:mod:`.table`) expanded
against the model of an edition once, into concrete checks at concrete paths, and all of them
run by one generated function per edition."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from .._findings.finding import Finding
from .._ground.codegen import emit_function
from .._ground.values import value_class
from .._model.cells import cell_name, position_key
from .._model.describe import describe, iter_leaves, resolve
from .._model.editions import EDITIONS
from .._model.identities import identity_at, rows_beneath
from .._model.money import UNIT_FIELD
from .._model.pointers import pointer, split_pointer
from .table import RULES, Rule, rules

__all__ = ["RULES", "Rule", "compiled", "expand", "rules", "run_rules"]


# --- expansion against the model ----------------------------------------------------------


def expand(cls: type, pattern: str) -> list[tuple[str, ...]]:
    """The concrete key paths a pointer pattern names in the model of ``cls``.

    ``*`` stands for every object field of the object reached so far; ``**`` for every row
    beneath it (an object field whose own fields are all plain values), in template order.
    A path the model lacks expands to nothing.
    """
    paths: list[tuple[str, ...]] = [()]
    for token in split_pointer(pattern):
        nxt: list[tuple[str, ...]] = []
        for path in paths:
            target = _class_at(cls, path)
            if target is None:
                continue
            if token == "*":
                nxt.extend((*path, f.name) for f in describe(target).fields if f.kind == "object")
            elif token == "**":
                nxt.extend(rows_beneath(target, path))
            elif token in describe(target).by_name:
                nxt.append((*path, token))
        paths = nxt
    return paths


def _class_at(cls: type, path: tuple[str, ...]) -> type | None:
    if not path:
        return cls
    chain = resolve(cls, list(path))
    return chain[-1].cls if chain else None


def _getter(path: tuple[str, ...]) -> Callable[[Any], Any]:
    return operator.attrgetter(".".join(path))


def _columns(cls: type, row: tuple[str, ...], spec: str) -> list[str]:
    target = _class_at(cls, row)
    if target is None:
        return []
    if spec == "*":
        return [f.name for f in describe(target).fields]
    return [spec]


def _existing(cls: type, pointers: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    # The paths of pointers the model of cls has.
    for text in pointers:
        path = _pointer_path(text)
        if resolve(cls, list(path)):
            yield path


def _leaf_exists(cls: type, path: tuple[str, ...]) -> bool:
    chain = resolve(cls, list(path))
    return chain is not None and bool(chain) and chain[-1].kind not in ("object", "sections")


# A value the engine reads: ("r", path) in this year's report, ("p", path) in last year's.
Term = tuple[str, tuple[str, ...]]


@value_class
@attrs.frozen(repr=False, eq=False)
class Arithmetic:
    """A check ``expected == actual`` where expected = Σ plus − Σ minus + constant.

    Most checks are of this form; the engine compiles all of them into one function.
    """

    plus: tuple[Term, ...]
    minus: tuple[Term, ...]
    actual: Term
    constant: int = 0


# Any other check: a function of (report, previous) returning None when the rule holds,
# else (expected, actual) or (expected, actual, params) for the further slots of its message.
Outcome = tuple[Any, Any] | tuple[Any, Any, dict[str, Any]] | None
Test = Arithmetic | Callable[[Any, Any], Outcome]
# A compiled check: the rule, the pointer it reports at, the Chinese cell name, the sort key
# of the pointer, and the test.
Check = tuple[Rule, str, str, tuple[int, ...], Test]


def _ptr(path: tuple[str, ...]) -> str:
    return pointer(*path)


def _pointer_path(pointer: str) -> tuple[str, ...]:
    return tuple(split_pointer(pointer))


def _compile_rule(rule: Rule, cls: type, prev_cls: type | None) -> Iterator[tuple[tuple[str, ...], Test]]:
    from . import fees, narrative  # their patterns are needed once the rules are compiled

    p = rule.params
    kind = rule.kind
    if kind == "identity":
        # Where the rule looks; what each total totals is stated on the model's total fields.
        for path in expand(cls, p["totals"]):
            for eq in identity_at(cls, path):
                plus = tuple(("r", t) for t in eq.plus)
                minus = tuple(("r", t) for t in eq.minus)
                yield eq.target, Arithmetic(plus, minus, ("r", eq.target))
    elif kind == "edition_years":
        yield _pointer_path(p["edition"]), _edition_years_check(p["years"])
    elif kind == "not_before":
        yield _pointer_path(p["date"]), _not_before_check
    elif kind == "deadline":
        yield _pointer_path(p["date"]), _deadline_check(p["deadlines"])
    elif kind == "present":
        for field in p["fields"]:
            path = _pointer_path(field)
            if resolve(cls, list(path)):
                yield path, _present_check(_getter(path))
    elif kind == "consecutive_year":
        path = _pointer_path(p["year"])
        yield path, Arithmetic((("p", path),), (), ("r", path), constant=1)
    elif kind == "same_value":
        path = _pointer_path(p["field"])
        yield path, Arithmetic((("p", path),), (), ("r", path))
    elif kind == "carry":
        this_row, prev_row = _pointer_path(p["this"]), _pointer_path(p["previous"])
        assert prev_cls is not None
        for column in _columns(cls, this_row, p["columns"]):
            if _leaf_exists(prev_cls, (*prev_row, column)):
                yield (
                    (*this_row, column),
                    Arithmetic((("p", (*prev_row, column)),), (), ("r", (*this_row, column))),
                )
    elif kind == "stock":
        assert prev_cls is not None
        stock, plus, minus = p["stock"], p["plus"], p["minus"]
        for row_ptr in p["rows"]:
            row = _pointer_path(row_ptr)
            if all(_leaf_exists(cls, (*row, n)) for n in (stock, plus, minus)) and _leaf_exists(
                prev_cls, (*row, stock)
            ):
                terms = (("p", (*row, stock)), ("r", (*row, plus)))
                yield (*row, stock), Arithmetic(terms, (("r", (*row, minus)),), ("r", (*row, stock)))
    elif kind == "narrative_numbers":
        for path in _existing(cls, p["fields"]):
            yield path, narrative.mismatch_check(_getter(path))
    elif kind == "fee_contradiction":
        statement = _pointer_path(p["statement"])
        amount = _pointer_path(p["amount"])
        for path in _existing(cls, p["fields"]):
            yield path, fees.fee_check(_getter(statement), _getter(path), _getter(amount))
    elif kind == "substance":
        for path in _existing(cls, p["fields"]):
            yield path, narrative.substance_check(_getter(path))
    elif kind == "jump":
        assert prev_cls is not None
        for table in p["tables"]:
            base = _pointer_path(table)
            for leaf, f in iter_leaves(_class_at(cls, base) or type(None), base):
                if f.kind in ("count", "money") and _leaf_exists(prev_cls, leaf):
                    # An amount beside a unit (元 or 万元) in both years is compared in one unit.
                    unit = (*leaf[:-1], UNIT_FIELD)
                    both = f.kind == "money" and _leaf_exists(cls, unit) and _leaf_exists(prev_cls, unit)
                    yield leaf, narrative.jump_check(_getter(leaf), _getter(unit) if both else None)
    else:  # pragma: no cover - the rule table test covers every kind
        raise ValueError(f"unknown rule kind {kind!r}")


def _edition_years_check(years: Mapping[str, tuple[int, int]]) -> Callable[[Any, Any], Outcome]:
    def check(report: Any, previous: Any) -> Outcome:
        low, high = years[report.format_version]
        if low <= report.year <= high:
            return None
        fitting = next((e for e, (lo, hi) in years.items() if lo <= report.year <= hi), None)
        return (fitting, report.format_version, {"year": report.year})

    return check


def _not_before_check(report: Any, previous: Any) -> Outcome:
    published = report.published_on
    if published is None or published > datetime.date(report.year, 12, 31):
        return None
    return (datetime.date(report.year + 1, 1, 1).isoformat(), published.isoformat())


def _deadline_check(deadlines: Mapping[str, tuple[int, int]]) -> Callable[[Any, Any], Outcome]:
    def check(report: Any, previous: Any) -> Outcome:
        published = report.published_on
        month_day = deadlines.get(report.organ.kind or "")
        if published is None or month_day is None:
            return None
        deadline = datetime.date(report.year + 1, *month_day)
        if published <= deadline:
            return None
        return (deadline.isoformat(), published.isoformat())

    return check


def _present_check(get: Callable[[Any], Any]) -> Callable[[Any, Any], Outcome]:
    def check(report: Any, previous: Any) -> Outcome:
        value = get(report)
        # str.strip() removes the full-width space U+3000 too.
        return None if value is not None and value.strip() else (None, None)

    return check


@functools.cache
def compiled(edition: str, previous_edition: str | None = None) -> tuple[Check, ...]:
    """The checks for a report of ``edition`` (and, for cross-year rules, a previous report
    of ``previous_edition``), in rule-table order, expanded to concrete paths."""
    cls = EDITIONS[edition]
    prev_cls = EDITIONS[previous_edition] if previous_edition else None
    checks: list[Check] = []
    for rule in RULES:
        if edition not in rule.editions:
            continue
        if rule.cross_year and previous_edition not in (rule.previous_editions or ()):
            continue
        for path, test in _compile_rule(rule, cls, prev_cls):
            parts = list(path)
            checks.append((rule, _ptr(path), cell_name(cls, parts), position_key(cls, parts), test))
    return tuple(checks)


@functools.cache
def _runner(edition: str, previous_edition: str | None) -> Callable[[Any, Any], list[tuple[Any, ...]]]:
    """One generated function that runs every check of an edition (pair) and returns
    ``(check index, expected, actual)`` for each that fails.

    Arithmetic checks become straight-line code in which each row object is fetched once.
    """
    names: dict[str, Any] = {}
    lines = ["def run(r, p):", "    out = []"]
    rows: dict[tuple[str, tuple[str, ...]], str] = {}

    def term(source: str, path: tuple[str, ...]) -> str:
        if len(path) == 1:
            return f"{source}.{path[0]}"
        key = (source, path[:-1])
        if key not in rows:
            rows[key] = f"x{len(rows)}"
            lines.append(f"    {rows[key]} = {source}.{'.'.join(path[:-1])}")
        return f"{rows[key]}.{path[-1]}"

    for index, (_, _, _, _, test) in enumerate(compiled(edition, previous_edition)):
        if isinstance(test, Arithmetic):
            expected = " + ".join(term(*t) for t in test.plus) or "0"
            if test.minus:
                expected += " - " + " - ".join(term(*t) for t in test.minus)
            if test.constant:
                expected += f" + {test.constant}"
            lines += [
                f"    e = {expected}",
                f"    a = {term(*test.actual)}",
                "    if e != a:",
                f"        out.append(({index}, e, a))",
            ]
        else:
            names[f"f{index}"] = test
            lines += [
                f"    o = f{index}(r, p)",
                "    if o is not None:",
                f"        out.append(({index}, *o))",
            ]
    lines.append("    return out")
    return emit_function(f"rules {edition}/{previous_edition or '-'}", lines, names, "run")


def run_rules(report: Any, previous: Any = None) -> list[Finding]:
    """Every content finding of a structurally valid report, ordered by position."""
    previous_edition = previous.format_version if previous is not None else None
    failed = _runner(report.format_version, previous_edition)(report, previous)
    if not failed:
        return []
    checks = compiled(report.format_version, previous_edition)
    found = []
    for index, expected, actual, *params in failed:
        rule, path, label, key, _ = checks[index]
        finding = Finding(rule.code, rule.severity, path, label, expected, actual, *params)
        found.append((key, index, finding))
    found.sort(key=lambda item: (item[0], item[1]))
    return [f for _, _, f in found]
