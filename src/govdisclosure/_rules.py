"""The content rules, as data, and the small engine that runs them.

Each :class:`Rule` names a *kind* of check that the engine knows (``sum``, ``balance``,
``deadline`` …) and the fields it reads as JSON Pointers, with ``*`` for every child object and
``**`` for every row (an object of plain values) beneath. The engine expands a rule against
the model of an edition once, into concrete checks at concrete paths; the docs and the tests
read the same table.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from ._codegen import emit_function
from ._codes import Severity, register
from ._editions import EDITIONS, EDITIONS_LIST
from ._findings import Finding
from ._inspect import cell_name, describe, position_key, resolve, split_pointer

__all__ = ["RULES", "Rule", "rules"]


@attrs.frozen
class Rule:
    """One content rule of FORMAT.md Part C.

    ``kind`` is the engine's check and ``params`` its fields (JSON Pointers, possibly with
    ``*``/``**``; a column list ``"*"`` means every column of the row, the total excepted). ``editions`` are the editions of the report the rule applies to;
    cross-year rules also name the editions the previous report may have
    (``previous_editions``). ``source`` is the template or legal text the rule comes from;
    ``message`` the Chinese and English templates of its findings.
    """

    code: str
    severity: Severity
    kind: str
    params: Mapping[str, Any] = attrs.field(hash=False)
    title: str
    title_en: str
    source: str
    message: tuple[str, str]
    editions: tuple[str, ...] = tuple(EDITIONS)
    previous_editions: tuple[str, ...] | None = None

    @property
    def cross_year(self) -> bool:
        """Whether the rule compares this year's report with the previous year's."""
        return self.previous_editions is not None


_COLUMNS = "*"
_ALL = tuple(EDITIONS)

RULES: tuple[Rule, ...] = (
    Rule(
        code="T3-ROW-TOTAL",
        severity="error",
        kind="sum",
        params={
            "rows": "/applications/**",
            "total": "total",
            "terms": "*",
        },
        title="表三每行总计等于六类申请人之和",
        title_en="In every row of table 三, total = sum of the six applicant columns",
        source="三、收到和处理政府信息公开申请情况：申请人情况（自然人、法人或其他组织）与总计列",
        message=(
            "{where}应为 {expected}（六类申请人之和），实际填报 {actual}",
            "{path}: expected {expected} (sum of the six applicant columns), reported {actual}",
        ),
    ),
    Rule(
        code="T3-RESULTS-TOTAL",
        severity="error",
        kind="column_sum",
        params={
            "total": "/applications/results/total",
            "terms": "/applications/results/**",
            "columns": _COLUMNS,
        },
        title="办理结果总计等于各办理结果之和",
        title_en="Per column, results.total = sum of all leaf rows of results",
        source="三、本年度办理结果 （七）总计",
        message=(
            "{where}应为 {expected}（（一）至（六）各项之和），实际填报 {actual}",
            "{path}: expected {expected} (sum of the result rows), reported {actual}",
        ),
    ),
    Rule(
        code="T3-BALANCE",
        severity="error",
        kind="balance",
        params={
            "plus": ("/applications/new_received", "/applications/carried_over"),
            "minus": ("/applications/results/total",),
            "target": "/applications/carried_forward",
            "columns": _COLUMNS,
        },
        title="第一项加第二项之和等于第三项加第四项之和",
        title_en="Per column, new_received + carried_over = results.total + carried_forward",
        source="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        message=(
            "{where}应为 {expected}（本年新收 + 上年结转 − 办理结果总计），实际填报 {actual}",
            "{path}: expected {expected} (new_received + carried_over - results.total), reported {actual}",
        ),
    ),
    Rule(
        code="T4-TOTAL",
        severity="error",
        kind="sum",
        params={
            "rows": "/review_and_litigation/*",
            "total": "total",
            "terms": "*",
        },
        title="表四每组总计等于四种结果之和",
        title_en="In each group of table 四, total = upheld + corrected + other + pending",
        source="四、政府信息公开行政复议、行政诉讼情况：结果维持、结果纠正、其他结果、尚未审结、总计",
        message=(
            "{where}应为 {expected}（结果维持、结果纠正、其他结果、尚未审结之和），实际填报 {actual}",
            "{path}: expected {expected} (upheld + corrected + other + pending), reported {actual}",
        ),
    ),
    Rule(
        code="META-EDITION-YEAR",
        severity="warning",
        kind="edition_years",
        params={
            "edition": "/format_version",
            "year": "/year",
            "years": {e.code: e.years for e in EDITIONS_LIST},
        },
        title="格式版本与报告年度相符",
        title_en="The edition fits the report year (2019 edition up to 2020, 2021 edition from 2021)",
        source="国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
        message=(
            "{year} 年度报告通常使用 {expected} 年版格式，实际为 {actual} 年版",
            "a report for {year} normally uses the {expected} edition, not the {actual} edition",
        ),
    ),
    Rule(
        code="META-PUBLISHED-EARLY",
        severity="error",
        kind="not_before",
        params={"date": "/published_on", "year": "/year"},
        title="发布日期在统计期限结束之后",
        title_en="published_on is after 31 December of the report year",
        source="《中华人民共和国政府信息公开条例》第四十九条；统计期限为 1 月 1 日至 12 月 31 日",
        message=(
            "{where}为 {actual}，早于统计期限结束（应不早于 {expected}）",
            "{path}: published on {actual}, before the statistical period ended (expected {expected} or later)",
        ),
    ),
    Rule(
        code="META-PUBLISHED-LATE",
        severity="warning",
        kind="deadline",
        params={
            "date": "/published_on",
            "year": "/year",
            "organ_kind": "/organ/kind",
            "deadlines": {"department": (1, 31), "people_government": (3, 31)},
        },
        title="按期发布年度报告",
        title_en="Published by 31 January (departments) or 31 March (people's governments) of the next year",
        source="《中华人民共和国政府信息公开条例》第四十九条",
        message=(
            "{where}为 {actual}，晚于法定期限 {expected}",
            "{path}: published on {actual}, after the legal deadline {expected}",
        ),
    ),
    Rule(
        code="NARR-MISSING",
        severity="warning",
        kind="present",
        params={
            "fields": (
                "/overview/active_disclosure",
                "/overview/disclosure_on_request",
                "/overview/information_management",
                "/overview/platform_building",
                "/overview/supervision",
                "/problems_and_improvements",
            )
        },
        title="模板要求的叙述部分不缺失",
        title_en="The narrative parts the template names are present and not blank",
        source="国办公开办函〔2021〕30号：一、总体情况（主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障）；五、存在的主要问题及改进情况",
        message=("缺少{where}，或内容为空", "{path}: the part is missing or blank"),
    ),
    Rule(
        code="NARR-FEE-STATEMENT",
        severity="warning",
        kind="present",
        params={"fields": ("/other_matters/processing_fees",)},
        title="说明收取信息处理费情况",
        title_en="A 2021-edition report states the information processing fees it collected",
        source="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号 六、其他需要报告的事项",
        message=(
            "缺少{where}（2021 年版格式要求说明收取信息处理费情况）",
            "{path}: a 2021-edition report must state the information processing fees collected",
        ),
        editions=("2021",),
    ),
    Rule(
        code="XY-YEAR",
        severity="error",
        kind="consecutive_year",
        params={"year": "/year"},
        title="上年报告的年度为本年度减一",
        title_en="The previous report's year is year - 1",
        source="《中华人民共和国政府信息公开条例》第五十条（年度报告）",
        message=(
            "{where}应为上年报告的年度加一，即 {expected}，实际为 {actual}",
            "{path}: the previous report's year plus one is {expected}, got {actual}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-ORGAN",
        severity="warning",
        kind="same_value",
        params={"field": "/organ/name"},
        title="两年报告的机关名称一致",
        title_en="Both reports name the same organ",
        source="《中华人民共和国政府信息公开条例》第五十条（本机关年度报告）",
        message=(
            "{where}与上年报告不同：上年为“{expected}”，本年为“{actual}”",
            "{path}: the previous report names {expected!r}, this one {actual!r}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-CARRY",
        severity="warning",
        kind="carry",
        params={
            "this": "/applications/carried_over",
            "previous": "/applications/carried_forward",
            "columns": _COLUMNS,
        },
        title="上年结转等于上年报告的结转下年度继续办理",
        title_en="This year's carried_over equals last year's carried_forward",
        source="三、二、上年结转政府信息公开申请数量；四、结转下年度继续办理",
        message=(
            "{where}应等于上年报告的结转下年度继续办理 {expected}，实际填报 {actual}",
            "{path}: expected last year's carried_forward {expected}, reported {actual}",
        ),
        previous_editions=_ALL,
    ),
    Rule(
        code="XY-IN-FORCE",
        severity="warning",
        kind="stock",
        params={
            "rows": ("/active_disclosure/regulations", "/active_disclosure/normative_documents"),
            "stock": "in_force",
            "plus": "issued",
            "minus": "repealed",
        },
        title="现行有效件数与上年衔接",
        title_en="in_force = last year's in_force + issued - repealed (revisions and expiry make this inexact)",
        source="第二十条第（一）项：本年制发件数、本年废止件数、现行有效件数",
        message=(
            "{where}按上年现行有效件数 + 本年制发 − 本年废止应为 {expected}，实际填报 {actual}",
            "{path}: last year's in_force + issued - repealed is {expected}, reported {actual}",
        ),
        editions=("2021",),
        previous_editions=("2021",),
    ),
)


def rules(edition: str | None = None) -> tuple[Rule, ...]:
    """The content rules in table order; only those for one edition if ``edition`` is given."""
    if edition is None:
        return RULES
    return tuple(r for r in RULES if edition in r.editions)


for _rule in RULES:
    register(_rule.code, _rule.severity, "cross-year" if _rule.cross_year else "rules", *_rule.message)


# --- expansion against the model ----------------------------------------------------------


def _is_row(cls: type) -> bool:
    return all(f.kind not in ("object", "sections") for f in describe(cls).fields)


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
                nxt.extend(_rows_beneath(target, path))
            elif token in describe(target).by_name:
                nxt.append((*path, token))
        paths = nxt
    return paths


def _rows_beneath(cls: type, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    for f in describe(cls).fields:
        if f.kind == "object" and f.cls is not None:
            if _is_row(f.cls):
                yield (*prefix, f.name)
            else:
                yield from _rows_beneath(f.cls, (*prefix, f.name))


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


def _leaf_exists(cls: type, path: tuple[str, ...]) -> bool:
    chain = resolve(cls, list(path))
    return chain is not None and bool(chain) and chain[-1].kind not in ("object", "sections")


# A value the engine reads: ("r", path) in this year's report, ("p", path) in last year's.
Term = tuple[str, tuple[str, ...]]


@attrs.frozen
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
    return "".join("/" + p for p in path)


def _pointer_path(pointer: str) -> tuple[str, ...]:
    return tuple(split_pointer(pointer))


def _compile_rule(rule: Rule, cls: type, prev_cls: type | None) -> Iterator[tuple[tuple[str, ...], Test]]:
    p = rule.params
    kind = rule.kind
    if kind == "sum":
        for row in expand(cls, p["rows"]):
            if _leaf_exists(cls, (*row, p["total"])):
                # "*": every other field of the row.
                names = [c for c in _columns(cls, row, p["terms"]) if c != p["total"]]
                terms = tuple(("r", (*row, t)) for t in names)
                yield (*row, p["total"]), Arithmetic(terms, (), ("r", (*row, p["total"])))
    elif kind == "column_sum":
        total_row = _pointer_path(p["total"])
        term_rows = [r for r in expand(cls, p["terms"]) if r != total_row]
        for column in _columns(cls, total_row, p["columns"]):
            terms = tuple(("r", (*r, column)) for r in term_rows)
            yield (*total_row, column), Arithmetic(terms, (), ("r", (*total_row, column)))
    elif kind == "balance":
        target = _pointer_path(p["target"])
        for column in _columns(cls, target, p["columns"]):
            plus = tuple(("r", (*_pointer_path(r), column)) for r in p["plus"])
            minus = tuple(("r", (*_pointer_path(r), column)) for r in p["minus"])
            yield (*target, column), Arithmetic(plus, minus, ("r", (*target, column)))
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
