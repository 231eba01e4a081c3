"""Bad input of any kind is a finding, never a crash or a hang."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import govdisclosure as gd
from govdisclosure._codec import io as _io
from govdisclosure._codec.io import read_document as parse
from govdisclosure._codec.native import available
from tests.helpers import seed_text


def _only(source: str | bytes) -> gd.Finding:
    value, findings = parse(source)
    assert value is None
    (finding,) = findings
    return finding


def test_invalid_json_has_line_and_column() -> None:
    text = seed_text().replace('"year": 2023,', '"year": 2023', 1)
    finding = _only(text)
    assert finding.code == "JSON-SYNTAX"
    assert (finding.params["line"], finding.params["column"]) == (4, 3)
    assert "第 4 行第 3 列" in finding.message
    assert "line 4, column 3" in finding.message_en
    with pytest.raises(gd.ReportError) as caught:
        gd.loads(text)
    assert caught.value.findings == (finding,)


def test_empty_document() -> None:
    assert _only("").code == "JSON-SYNTAX"
    assert _only(b"   ").code == "JSON-SYNTAX"


def test_invalid_utf8_names_the_byte() -> None:
    data = seed_text().encode("utf-8").replace("沂源县公安局".encode(), b"\xff\xfe\x00", 1)
    finding = _only(data)
    assert finding.code == "JSON-ENCODING"
    assert finding.params["offset"] == seed_text().encode("utf-8").index("沂源县公安局".encode())


def test_utf16_is_refused_with_a_hint() -> None:
    finding = _only(seed_text().encode("utf-16"))
    assert finding.code == "JSON-ENCODING"
    assert "UTF-16" in finding.message


def test_utf8_bom_is_accepted() -> None:
    report = gd.loads(b"\xef\xbb\xbf" + seed_text().encode("utf-8"))
    assert gd.dumps(report) == seed_text()
    assert gd.loads("\ufeff" + seed_text()) == report


@pytest.mark.parametrize(
    ("token", "path"),
    [
        ("NaN", "/active_disclosure/fees/amount_10k_yuan"),
        ("Infinity", "/active_disclosure/fees/amount_10k_yuan"),
        ("-Infinity", "/active_disclosure/fees/amount_10k_yuan"),
    ],
)
def test_nan_and_infinity_are_not_json(token: str, path: str) -> None:
    text = seed_text().replace("64.2623", token)
    value, findings = parse(text)
    assert value is None
    assert [(f.code, f.path, f.actual) for f in findings] == [("JSON-NONFINITE", path, token)]


def test_nan_everywhere_is_reported_everywhere() -> None:
    text = (
        seed_text()
        .replace('"year": 2023', '"year": NaN')
        .replace('"decisions": 382', '"decisions": Infinity')
    )
    _, findings = parse(text)
    assert [f.path for f in findings] == ["/year", "/active_disclosure/enforcement/decisions"]


def test_duplicate_keys_are_errors_not_silently_dropped() -> None:
    text = seed_text().replace('"year": 2023,', '"year": 2023,\n  "year": 2022,', 1)
    text = text.replace('"decisions": 9375', '"decisions": 9375, "decisions": 1', 1)
    value, findings = parse(text)
    assert value is None
    assert [(f.code, f.path) for f in findings] == [
        ("JSON-DUPLICATE-KEY", "/year"),
        ("JSON-DUPLICATE-KEY", "/active_disclosure/licensing/decisions"),
    ]


_COLONS = '"preamble": "见 http://www.example.gov.cn 9:00 起：'


@pytest.fixture(params=["stdlib", "msgspec"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on the exact path and, when the fast extra is installed, on the native one."""
    if request.param == "stdlib":
        monkeypatch.setattr(_io, "native", False)
    elif not available():
        pytest.skip("the fast extra (msgspec) is not installed")
    return str(request.param)


def test_colons_inside_strings_still_prove_there_is_no_duplicate(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = seed_text().replace('"preamble": "', _COLONS, 1)
    text = text.replace('"name": "沂源县公安局"', '"name": "沂源县:公安局"', 1)

    def reparse(text: str) -> list[gd.Finding]:
        raise AssertionError("parsed again although the colons prove there is no duplicate")

    monkeypatch.setattr(_io, "duplicate_keys", reparse)
    report, findings = parse(text)
    assert findings == []
    assert report is not None
    assert report.organ.name == "沂源县:公安局"


@pytest.mark.parametrize(
    "escaped",
    ["9\\u003a00", "9\\u003A00"],
    ids=["lower", "upper"],
)
def test_a_duplicate_hidden_by_an_escaped_colon_is_found(parser: str, escaped: str) -> None:
    # One member dropped as a duplicate, one colon written escaped: the counts would balance.
    text = seed_text().replace('"preamble": "', _COLONS.replace("9:00", escaped), 1)
    text = text.replace('"year": 2023,', '"year": 2023,\n  "year": 2023,', 1)
    value, findings = parse(text)
    assert value is None
    assert [(f.code, f.path) for f in findings] == [("JSON-DUPLICATE-KEY", "/year")]


def test_a_duplicate_beside_colons_in_strings_is_found(parser: str) -> None:
    text = seed_text().replace('"preamble": "', _COLONS, 1)
    text = text.replace('"decisions": 9375', '"decisions": 9375, "decisions": 1', 1)
    value, findings = parse(text)
    assert value is None
    assert [(f.code, f.path) for f in findings] == [
        ("JSON-DUPLICATE-KEY", "/active_disclosure/licensing/decisions")
    ]


def test_integer_of_thousands_of_digits() -> None:
    digits = "9" * 5000
    text = seed_text().replace('"decisions": 9375', f'"decisions": {digits}')
    finding = _only(text)
    assert finding.code == "JSON-NUMBER-TOO-LONG"
    assert finding.actual == 5000
    assert finding.params["line"] == text[: text.index(digits)].count("\n") + 1


def test_long_integer_within_the_interpreter_limit_is_out_of_range() -> None:
    text = seed_text().replace('"decisions": 9375', '"decisions": ' + "9" * 1000)
    with pytest.raises(gd.ReportError) as caught:
        gd.loads(text)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("STRUCT-RANGE", "/active_disclosure/licensing/decisions")
    ]


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deep_nesting(depth: int) -> None:
    # Where the interpreter's parser reaches that deep (3.12 and newer reach 5,000), the
    # document is read and is then simply not an object; otherwise JSON-TOO-DEEP.
    finding = _only("[" * depth + "]" * depth)
    assert finding.code in ("JSON-TOO-DEEP", "STRUCT-TYPE")
    if depth == 100_000:
        assert finding.code == "JSON-TOO-DEEP"


def test_deep_nesting_under_an_unknown_key_is_an_unknown_key() -> None:
    text = seed_text().replace('"year": 2023,', '"year": 2023, "x": ' + "[" * 200 + "]" * 200 + ",", 1)
    with pytest.raises(gd.ReportError) as caught:
        gd.loads(text)
    assert [(f.code, f.path) for f in caught.value.findings] == [("STRUCT-UNKNOWN-KEY", "/x")]


def test_document_over_the_size_limit_is_refused_unread() -> None:
    big = '{"preamble": "' + "字" * (gd.MAX_DOCUMENT_BYTES) + '"}'
    finding = _only(big)
    assert (finding.code, finding.expected) == ("JSON-TOO-LARGE", gd.MAX_DOCUMENT_BYTES)
    finding = _only(big.encode("utf-8"))
    assert finding.actual == len(big.encode("utf-8"))


def test_very_long_string_within_the_limit_is_read_whole(seed: dict[str, Any]) -> None:
    text = seed_text().replace('"preamble": "', '"preamble": "' + "长" * 1_000_000, 1)
    report = gd.loads(text)
    assert report.preamble is not None
    assert report.preamble.startswith("长" * 1_000_000)
    assert gd.dumps(report) == text


def test_lone_surrogate_escape_is_kept_and_written_back_escaped(tmp_path: Path) -> None:
    # JSON text may carry "\\ud800"; it has no UTF-8 form, so it is written back escaped.
    text = seed_text().replace('"preamble": "', '"preamble": "\\ud800', 1)
    report = gd.loads(text)
    assert report.preamble is not None
    assert report.preamble.startswith("\ud800")
    assert gd.dumps(report) == text
    gd.dump(report, tmp_path / "out.json")
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == text
