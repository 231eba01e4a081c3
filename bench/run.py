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
from govdisclosure._codec import io as _io
from govdisclosure._codec.native import available
from govdisclosure._rules.engine import compiled, run_rules

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import msgspec_type, pydantic_model, pydantic_model_with_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {
    "2021": ROOT / "examples" / "yiyuan-police-2023.json",
    "2019": ROOT / "examples" / "shanghai-office-2019.json",
}
#: What is measured: the seed, the longest real example (long narratives) and the 2019 one.
MEASURED = (
    ("2021", EXAMPLES["2021"]),
    ("2021", ROOT / "examples" / "shuyang-government-2025.json"),
    ("2019", EXAMPLES["2019"]),
)


def _calls(fn: Callable[[], Any], seconds: float) -> int:
    # How many calls make a tenth of ``seconds``.
    number = 1
    while timeit.timeit(fn, number=number) <= seconds / 10:
        number *= 2
    return number


def best(fn: Callable[[], Any], seconds: float) -> float:
    """Best time per call in microseconds."""
    number = _calls(fn, seconds)
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def interleaved(
    contenders: dict[str, Callable[[], Any]], seconds: float, rounds: int = 7
) -> dict[str, float]:
    """Best time per call of each contender, in microseconds, timed in turn round after round:
    a busy spell of a shared machine then slows every contender of a round, not one of them,
    and the best of each is from the quiet rounds (the ratios of one run moved by 2× when each
    contender was timed in one block)."""
    numbers = {name: _calls(fn, seconds) for name, fn in contenders.items()}
    out = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, fn in contenders.items():
            number = numbers[name]
            out[name] = min(out[name], timeit.timeit(fn, number=number) / number * 1e6)
    return out


def exact(fn: Callable[[], Any]) -> Callable[[], Any]:
    """fn with the optional msgspec path switched off."""

    def call() -> Any:
        _io.native = False
        try:
            return fn()
        finally:
            _io.native = True

    return call


def rule_checks(report: Any, code: str) -> Callable[[], None]:
    """A call of every compiled check of rule ``code`` on ``report``, as validate() runs them."""
    tests: list[Callable[[Any, Any], Any]] = []
    for check in compiled(report.format_version):
        if check[0].code == code:
            test = check[4]
            assert callable(test)  # the prose checks are functions, not arithmetic
            tests.append(test)

    def call() -> None:
        for test in tests:
            test(report, None)

    return call


def _validated(model: Any, data: bytes) -> bool:
    # The peer's answer on a document that breaks a rule is an exception, as pydantic gives it.
    try:
        model.model_validate_json(data, strict=True)
    except ValueError:
        return False
    return True


def invalid_variant(data: bytes) -> bytes:
    doc = json.loads(data)
    doc["applications"]["results"]["total"]["commercial_enterprise"] = 3
    doc["review_and_litigation"]["litigation_direct"]["total"] = 2
    doc["organ"]["kind"] = "bureau"
    doc["active_disclosure"]["licensing"]["decisions"] = -1
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def batch_rate(data: bytes, count: int) -> tuple[float, float]:
    """Valid reports per second of wall time and per CPU-second, validated from files in this
    process (one core)."""
    with tempfile.TemporaryDirectory() as folder:
        for index in range(count):
            Path(folder, f"{index:05}.json").write_bytes(data)
        start, cpu = time.perf_counter(), time.process_time()
        results = sum(1 for r in gd.validate_many([folder]) if r.ok)
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    assert results == count
    return count / elapsed, count / used


def cold_start(repeat: int = 15) -> dict[str, tuple[float, float]]:
    """Best wall time, in milliseconds, of a fresh ``python -c 'import govdisclosure'`` (beyond
    a bare interpreter) and of ``govdisclosure validate`` on the shipped example, each in a new
    interpreter: ``{mode: (import, command)}`` for the modules compiled from source (as with
    ``PYTHONDONTWRITEBYTECODE=1``, this machine's default) and with their bytecode cached (as
    after ``pip install``, which compiles it)."""
    import subprocess

    out = {}
    with tempfile.TemporaryDirectory() as cache:
        for mode in ("from source", "bytecode cached"):
            env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
            flags: list[str] = []
            if mode == "bytecode cached":
                del env["PYTHONDONTWRITEBYTECODE"]
                flags = ["-X", f"pycache_prefix={cache}"]
                subprocess.run([sys.executable, *flags, "-c", "import govdisclosure"], env=env, check=True)

            def best_of(args: list[str], env: dict[str, str] = env, flags: list[str] = flags) -> float:
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    subprocess.run([sys.executable, *flags, *args], env=env, check=True, capture_output=True)
                    times.append(time.perf_counter() - start)
                return min(times) * 1e3

            bare = best_of(["-c", "pass"])
            imported = best_of(["-c", "import govdisclosure"]) - bare
            command = best_of(["-m", "govdisclosure", "validate", str(EXAMPLES["2021"])])
            out[mode] = (imported, command)
    return out


# The command line run in a fresh interpreter that then prints its peak resident memory in KiB:
# VmHWM, which exec resets (ru_maxrss keeps the high-water mark of the process that forked it).
_PEAK = """
import resource, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module("govdisclosure", run_name="__main__")
except SystemExit:
    pass
try:
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def batch_command(data: bytes, counts: tuple[int, ...] = (10_000, 100_000)) -> None:
    """Peak memory (of the main process) and wall time of ``govdisclosure validate -q DIR`` over
    hard links of one example, for each number of files, and of ``--jobs 2`` on the largest."""
    import subprocess

    links = 50_000  # per source file: an inode takes at most 65,000 links
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            target = Path(folder, str(count))
            target.mkdir()
            for index in range(count):
                if index % links == 0:
                    source = Path(folder, f"source-{count}-{index // links}.json")
                    source.write_bytes(data)
                os.link(source, target / f"{index:06}.json")
            for jobs in ("1", "2") if count == counts[-1] else ("1",):
                argv = ["govdisclosure", "validate", "-q", "--jobs", jobs, str(target)]
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", _PEAK, *argv], check=True, capture_output=True, text=True
                )
                wall = time.perf_counter() - start
                peak = int(done.stdout.split()[-1]) / 1024
                print(
                    f"validate -q --jobs {jobs}, {count:,} files: {wall:.2f} s wall, peak RSS {peak:.1f} MB"
                )


def measure(edition: str, path: Path, seconds: float) -> None:
    """Time everything on one example and print its table."""
    data = path.read_bytes()
    report = gd.loads(data)
    pyd = pydantic_model(edition)
    ruled = pydantic_model_with_rules(edition)
    decoder = __import__("msgspec").json.Decoder(msgspec_type(edition))
    raw_schema = gd.json_schema(edition)
    schema = jsonschema.Draft202012Validator(
        raw_schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert pyd.model_validate_json(data, strict=True) is not None
    contenders: dict[str, Callable[[], Any]] = {
        "pydantic v2 model_validate_json(strict=True)": lambda: pyd.model_validate_json(data, strict=True),
        "pydantic v2 strict + the table rules as model validators": lambda: _validated(ruled, data),
        "msgspec json decode into Structs": lambda: decoder.decode(data),
        "jsonschema (json.loads + iter_errors)": lambda: list(schema.iter_errors(json.loads(data))),
        "govdisclosure validate, stdlib json": exact(lambda: gd.validate(data)),
        "govdisclosure validate, msgspec (fast extra)": lambda: gd.validate(data),
        "govdisclosure loads, stdlib json": exact(lambda: gd.loads(data)),
        "govdisclosure loads, msgspec (fast extra)": lambda: gd.loads(data),
        "  content rules alone, on a report read": lambda: run_rules(report),
        "  of which NARR-TABLE-MISMATCH": rule_checks(report, "NARR-TABLE-MISMATCH"),
        "  of which NARR-FEE-CONTRADICTION": rule_checks(report, "NARR-FEE-CONTRADICTION"),
        "govdisclosure dumps": lambda: gd.dumps(report),
    }
    if path == EXAMPLES["2021"]:
        bad = invalid_variant(data)
        assert not gd.validate(bad).ok
        contenders["govdisclosure validate, invalid variant (all findings)"] = lambda: gd.validate(bad)
        contenders["jsonschema, invalid variant"] = lambda: list(schema.iter_errors(json.loads(bad)))
    timings = interleaved(contenders, seconds)
    # The convenience call checks the schema itself on every call (tens of milliseconds): timed
    # on its own, so that the rounds of the others stay short.
    timings["jsonschema.validate() convenience call"] = best(
        lambda: jsonschema.validate(json.loads(data), raw_schema), seconds
    )
    base = timings["pydantic v2 model_validate_json(strict=True)"]
    fair = timings["pydantic v2 strict + the table rules as model validators"]
    reference = timings["jsonschema (json.loads + iter_errors)"]
    print(f"== {path.name} ({len(data):,} bytes)")
    print(f"{'':56} {'µs/call':>9} {'× pydantic':>11} {'× +rules':>9} {'jsonschema ÷':>13}")
    for name, micro in timings.items():
        print(f"{name:56} {micro:9.1f} {micro / base:11.2f} {micro / fair:9.2f} {reference / micro:13.1f}")
    if path == EXAMPLES["2021"]:
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
    parser.add_argument(
        "--memory", action="store_true", help="also run the command line over 10,000 and 100,000 files"
    )
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"msgspec (fast extra): {'installed' if available() else 'not installed'}\n")
    for edition, path in MEASURED:
        measure(edition, path, args.seconds)
    for mode, (imported, command) in cold_start().items():
        print(
            f"cold start, {mode}: import govdisclosure {imported:.0f} ms (beyond a bare interpreter); ",
            end="",
        )
        print(f"'govdisclosure validate example' {command:.0f} ms end to end")
    rate, cpu_rate = batch_rate(EXAMPLES["2021"].read_bytes(), args.files)
    print(
        f"batch: {rate:,.0f} valid reports per second of wall time, {cpu_rate:,.0f} per CPU-second, "
        f"one core, reading files included ({args.files} files)"
    )
    if args.memory:
        batch_command(EXAMPLES["2021"].read_bytes())


if __name__ == "__main__":
    main()
