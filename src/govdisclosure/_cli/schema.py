"""``govdisclosure schema``: a thin wrapper over :func:`govdisclosure.json_schema`."""

from __future__ import annotations

import argparse
from typing import Any

from .._codec.jsontext import emit
from .._model.editions import EDITIONS
from .common import _NEWEST, _write

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    schema = commands.add_parser(
        "schema",
        help="输出 JSON Schema / print the JSON Schema",
        description="生成的 JSON Schema（Draft 2020-12），x-rules 中附带以 CEL 书写的校验规则，供其他语言的系统使用。\nThe generated JSON Schema (Draft 2020-12), with the content rules in CEL under x-rules, for systems in other languages.",
    )
    schema.add_argument(
        "--edition",
        choices=tuple(EDITIONS),
        default=_NEWEST,
        help=f"template edition (default: {_NEWEST})",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    from .._rules.portable import json_schema

    return _write(emit(json_schema(args.edition)) + "\n", args.output)
