"""What the commands share: exit codes, the language of messages, the parser's look and writing
an output."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .._model.editions import EDITIONS

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_OUTPUT",
    "EXIT_USAGE",
    "quiet_libraries",
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
    if output is None:
        if isinstance(content, bytes):
            if sys.stdout.isatty():
                print("govdisclosure: the output is a binary file: write it with -o FILE", file=sys.stderr)
                return EXIT_USAGE
            sys.stdout.flush()
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return EXIT_OK
    try:
        if isinstance(content, bytes):
            with open(output, "wb") as binary:
                binary.write(content)
        else:
            # As on standard output (_tolerant_streams): a lone surrogate is written escaped.
            with open(output, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as text:
                text.write(content)
    except OSError as error:
        print(f"govdisclosure: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
