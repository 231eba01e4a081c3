"""Time govdisclosure against its peers, in one process and one run, and print the ratios.

    python -m pip install -e '.[bench]' && python bench/run.py

Not part of the test suite. Each time is the best of several repeats of many calls, per call.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema

import govdisclosure as gd
from govdisclosure import _io
from govdisclosure._native import available

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import msgspec_type, pydantic_model

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "2021": ROOT / "examples" / "yiyuan-police-2023.json",
    "2019": ROOT / "examples" / "shanghai-office-2019.json",
}


def best(fn: Callable[[], Any], seconds: float) -> float:
    """Best time per call in microseconds."""
    number = 1
    while True:
        elapsed = timeit.timeit(fn, number=number)
        if elapsed > seconds / 10:
            break
        number *= 2
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def exact(fn: Callable[[], Any]) -> Callable[[], Any]:
    """fn with the optional msgspec path switched off."""

    def call() -> Any:
        _io.native = False
        try:
            return fn()
        finally:
            _io.native = True

    return call


def invalid_variant(data: bytes) -> bytes:
    doc = json.loads(data)
    doc["applications"]["results"]["total"]["commercial_enterprise"] = 3
    doc["review_and_litigation"]["litigation_direct"]["total"] = 2
    doc["organ"]["kind"] = "bureau"
    doc["active_disclosure"]["licensing"]["decisions"] = -1
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def batch_rate(data: bytes, count: int) -> float:
    """Valid reports per second validated from files, in this process (one core)."""
    with tempfile.TemporaryDirectory() as folder:
        for index in range(count):
            Path(folder, f"{index:05}.json").write_bytes(data)
        start = time.perf_counter()
        results = sum(1 for r in gd.validate_many([folder]) if r.ok)
        elapsed = time.perf_counter() - start
    assert results == count
    return count / elapsed


def cold_start(repeat: int = 15) -> tuple[float, float]:
    """Best wall time, in milliseconds, of a fresh ``python -c 'import govdisclosure'`` and of
    ``govdisclosure validate`` on the shipped example, each in a new interpreter."""
    import subprocess

    def best_of(command: list[str]) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        return min(times) * 1e3

    python = sys.executable
    bare = best_of([python, "-c", "pass"])
    imported = best_of([python, "-c", "import govdisclosure"]) - bare
    command = best_of([python, "-m", "govdisclosure", "validate", str(EXAMPLES["2021"])])
    return imported, command


def measure(edition: str, path: Path, seconds: float) -> None:
    """Time everything on one example and print its table."""
    data = path.read_bytes()
    report = gd.loads(data)
    pyd = pydantic_model(edition)
    decoder = __import__("msgspec").json.Decoder(msgspec_type(edition))
    raw_schema = gd.json_schema(edition)
    schema = jsonschema.Draft202012Validator(
        raw_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert pyd.model_validate_json(data, strict=True) is not None
    timings = {
        "pydantic v2 model_validate_json(strict=True)": best(
            lambda: pyd.model_validate_json(data, strict=True), seconds
        ),
        "msgspec json decode into Structs": best(lambda: decoder.decode(data), seconds),
        "jsonschema (json.loads + iter_errors)": best(
            lambda: list(schema.iter_errors(json.loads(data))), seconds
        ),
        "jsonschema.validate() convenience call": best(
            lambda: jsonschema.validate(json.loads(data), raw_schema), seconds
        ),
        "govdisclosure validate, stdlib json": best(exact(lambda: gd.validate(data)), seconds),
        "govdisclosure validate, msgspec (fast extra)": best(lambda: gd.validate(data), seconds),
        "govdisclosure loads, stdlib json": best(exact(lambda: gd.loads(data)), seconds),
        "govdisclosure dumps": best(lambda: gd.dumps(report), seconds),
    }
    if edition == "2021":
        bad = invalid_variant(data)
        assert not gd.validate(bad).ok
        timings["govdisclosure validate, invalid variant (all findings)"] = best(
            lambda: gd.validate(bad), seconds
        )
        timings["jsonschema, invalid variant"] = best(
            lambda: list(schema.iter_errors(json.loads(bad))), seconds
        )
    base = timings["pydantic v2 model_validate_json(strict=True)"]
    reference = timings["jsonschema (json.loads + iter_errors)"]
    print(f"== {path.name} ({len(data):,} bytes)")
    print(f"{'':56} {'µs/call':>9} {'× pydantic':>11} {'jsonschema ÷':>13}")
    for name, micro in timings.items():
        print(f"{name:56} {micro:9.1f} {micro / base:11.2f} {reference / micro:13.1f}")
    if edition == "2021":
        ratio = (
            timings["govdisclosure validate, invalid variant (all findings)"]
            / timings["govdisclosure validate, stdlib json"]
        )
        print(f"invalid ÷ valid (stdlib): {ratio:.1f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0.2, help="time budget of one repeat (default 0.2)")
    parser.add_argument("--files", type=int, default=2000, help="files in the batch run (default 2000)")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"msgspec (fast extra): {'installed' if available() else 'not installed'}\n")
    for edition, path in EXAMPLES.items():
        measure(edition, path, args.seconds)
    imported, command = cold_start()
    print(f"cold start: import govdisclosure {imported:.0f} ms (beyond a bare interpreter); ", end="")
    print(f"'govdisclosure validate example' {command:.0f} ms end to end")
    rate = batch_rate(EXAMPLES["2021"].read_bytes(), args.files)
    print(
        f"batch: {rate:,.0f} valid reports per second on one core, reading files included ({args.files} files)"
    )


if __name__ == "__main__":
    main()
