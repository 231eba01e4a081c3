"""What the commands share: exit codes, the language of messages, the parser's look and writing
an output."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from typing import Any

from .._ground.output import written
from .._model.editions import EDITIONS

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "cannot_read",
    "cannot_write",
    "duplicates",
    "output_is_input",
    "quiet_libraries",
    "written",
]

_NEWEST = next(iter(EDITIONS))

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: When standard output cannot be written (a full disk, /dev/full): BSD's EX_IOERR.
EXIT_OUTPUT = 74
#: Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


_LANG_HELP = "language of messages (default: from LANG, zh unless it names another language)"


def _version() -> str:
    from .._ground.version import __version__

    return __version__


def _language(chosen: str | None) -> str:
    # --lang, else the locale: Chinese unless LANG (or LC_ALL, LC_MESSAGES) names another language.
    if chosen is not None:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh"


class _Formatter(argparse.HelpFormatter):
    # argparse asks shutil for the terminal's width each time it makes a formatter (for every
    # argument added), and importing shutil loads the compression modules: 2 ms of every start.
    # The width is found as shutil finds it.
    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(
            prog, indent_increment, max_help_position, _columns() - 2 if width is None else width
        )

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # A description's lines stay lines: Chinese first, then English.
        fill = super()._fill_text
        return "\n".join(fill(line, width, indent) for line in text.split("\n"))


def _columns() -> int:
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    # The parser of the command line and of each command (argparse makes a command's parser of
    # its parent's class).
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def quiet_libraries() -> None:
    """Silence the warnings third-party readers log about damaged files.

    The commands that read published files call it: pypdf, which measures a PDF before pdfium
    reads it, logs every oddity of a damaged PDF (data lost in a stream, an object it had to
    look for) as a warning, which Python prints on
    standard error when no logging is set up, one line each among the findings, which already
    say what the reading lost. The command line is an application, and sets its loggers."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)


def _write(content: str | bytes, output: str | None) -> int:
    """Write a command's whole output: to standard output, or to the file ``output`` whole or
    not at all (:func:`written`). Returns the exit status."""
    if output is None:
        if isinstance(content, bytes):
            if sys.stdout.isatty():
                print(
                    "govdisclosure: 输出是二进制文件，请用 -o 指定文件 / the output is a binary file: write it with -o FILE",
                    file=sys.stderr,
                )
                return EXIT_USAGE
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return EXIT_OK
    try:
        with written(output, binary=isinstance(content, bytes)) as sink:
            sink.write(content)
    except OSError as error:
        print(cannot_write(output, error), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cannot_read(name: str, error: OSError) -> str:
    """The message for an input that could not be read, in both languages (the system's
    reason in Chinese too, by its ``errno``)."""
    reason, zh = _reasons(error)
    return f"govdisclosure: 无法读取 {name}（{zh}）/ cannot read {name}: {reason}"


def cannot_write(output: str, error: OSError) -> str:
    """The message for an output that could not be written, in both languages."""
    reason, zh = _reasons(error)
    return f"govdisclosure: 无法写入 {output}（{zh}）/ cannot write {output}: {reason}"


def _reasons(error: OSError) -> tuple[str, str]:
    # The system's reason, and the same in Chinese by its errno.
    from .._codec.io import NOT_REGULAR
    from .._many.batch import _REASONS_ZH

    reason = error.strerror or str(error)
    if reason == NOT_REGULAR:
        return reason, "不是普通文件（管道、设备或套接字），未打开"
    return reason, _REASONS_ZH.get(error.errno or 0, reason)


def output_is_input(output: str | None, inputs: Iterable[str]) -> str | None:
    """The message refusing ``output`` when it names one of ``inputs`` (the same file, however
    spelled, or inside an input folder's files), else ``None``: checked before anything is
    read or written, so that no input is ever truncated or overwritten."""
    if output is None:
        return None
    for name in inputs:
        if name == "-":
            continue
        if _same(output, name):
            return (
                f"govdisclosure: 输出 {output} 就是输入文件 {name}，不能覆盖输入 / "
                f"the output {output} is the input {name}: an input is never overwritten"
            )
    return None


def _same(one: str, two: str) -> bool:
    try:
        return os.path.samefile(one, two)
    except OSError:
        return os.path.realpath(one) == os.path.realpath(two)


def duplicates(seen: dict[tuple[str, int], list[str]]) -> str:
    """Lines naming the inputs that are the same organ and year (the same report given twice,
    as its web page and its text, say); empty when there are none."""
    return "".join(
        f"govdisclosure: {'、'.join(names)} 是同一机关同一年度的报告（{organ}，{year}）/ "
        f"are reports of the same organ and year ({organ}, {year})\n"
        for (organ, year), names in seen.items()
        if len(names) > 1
    ).rstrip("\n")
