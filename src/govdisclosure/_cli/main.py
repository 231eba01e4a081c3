"""The ``govdisclosure`` command line: the parser of every command, and the dispatch to the
module of the command that runs (each a thin wrapper over a library function)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

from .._many.workers import WorkerDied
from .common import EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, _Parser, _version, output_is_input

__all__ = ["COMMANDS", "main"]

#: The commands, in the order of the help; each is the module of that name in this package,
#: with ``add(commands)`` adding its parser and ``run(args)`` running it.
COMMANDS = ("validate", "schema", "rules", "render", "template", "extract", "table", "aggregate", "compare")


def _module(name: str) -> Any:
    # Imported only for the command that runs: the others would cost most of the start.
    return importlib.import_module(f"{__package__}.{name}")


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``only`` (a command's name), the parser of that command
    alone, which is all a run of it needs (the others cost most of building the parser)."""
    parser = _Parser(
        prog="govdisclosure",
        description="政府信息公开工作年度报告：校验、JSON Schema 与规则。Annual reports on government "
        "information disclosure: validation, JSON Schema and rules.",
    )
    parser.add_argument("--version", action="version", version=f"govdisclosure {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            _module(name).add(commands)
    return parser


def _tolerant_streams() -> None:
    # A file name that is not valid UTF-8 (bytes kept as surrogates by the file system
    # encoding) must not stop the report at that file: such characters are written escaped.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
    # A control character given in a file name, a key or a value (ESC ] 0 ; … BEL retitles a
    # terminal window, ESC [ 2 J clears it) is written as its escape, never as itself; a
    # standard output that was closed (">&-") is an output that cannot be written.
    sys.stdout = _Escaped(sys.stdout)
    sys.stderr = _Escaped(sys.stderr)


# C0 controls but tab, line feed and carriage return; DEL; the C1 controls.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if c not in (9, 10, 13)}


class _Escaped:
    """A text stream that writes control characters as their escapes (``\\x1b``), and
    that says so with an ``OSError`` when there is no stream (standard output closed)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return int(self._stream.write(text.translate(_CONTROLS)))

    def flush(self) -> None:
        # The interpreter flushes standard output as it exits: with none, nothing to flush.
        if self._stream is not None:
            self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    # After a failed write, the interpreter would try to flush standard output again at exit
    # and print a traceback of its own: point it at the null device first.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # pragma: no cover - no file descriptor
        pass


def _inputs(args: argparse.Namespace) -> list[str]:
    # Every file a command reads, by the names its parsers give them.
    names: list[str] = []
    for key in ("files", "inputs", "file", "previous", "current"):
        value = getattr(args, key, None)
        if isinstance(value, str):
            names.append(value)
        elif isinstance(value, list):
            names.extend(value)
    return names


class _Terminated(Exception):
    # SIGTERM, raised where the program stands, so that workers are ended and outputs left
    # whole on the way out.
    pass


EXIT_TERMINATED = 143


def _on_terminate() -> Callable[[], None]:
    # SIGTERM becomes _Terminated while the command runs (the main thread only); the handler
    # it replaces is put back after.
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def raise_terminated(signum: int, frame: object) -> None:
        raise _Terminated

    before = signal.signal(signal.SIGTERM, raise_terminated)

    def restore() -> None:
        signal.signal(signal.SIGTERM, before)

    return restore


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status: 0 ok, 1 findings with errors, 2 usage
    or unreadable input or a worker process that died, 74 when the output cannot be written,
    130 when interrupted, 143 on SIGTERM."""
    terminate = _on_terminate()
    try:
        _tolerant_streams()
        arguments = sys.argv[1:] if argv is None else list(argv)
        first = arguments[0] if arguments else None
        args = _parser(first if first in COMMANDS else None).parse_args(arguments)
        refused = output_is_input(getattr(args, "output", None), _inputs(args))
        if refused is not None:
            print(refused, file=sys.stderr)
            return EXIT_USAGE
        status: int = _module(args.command).run(args)
        sys.stdout.flush()
        return status
    except KeyboardInterrupt:
        print("\ngovdisclosure: 已中断 / interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except _Terminated:
        print("\ngovdisclosure: 已终止 / terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except WorkerDied as died:
        shown = "、".join(died.files[:5]) + ("…" if len(died.files) > 5 else "")
        print(
            f"govdisclosure: 读取 {shown} 时一个工作进程意外退出，运行已停止"
            f" / a worker process died while reading {', '.join(died.files[:5])}; the run stopped",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader of the output went away (``| head``): that is how pipes end.
        _silence_stdout()
        return EXIT_OK
    except OSError as error:
        if error.filename is not None:
            raise
        _silence_stdout()
        reason = error.strerror or str(error)
        print(f"govdisclosure: 无法写入输出 / cannot write the output: {reason}", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        terminate()
