"""``govdisclosure rules``: a thin wrapper over :func:`govdisclosure.rules`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._codec.jsontext import emit
from .._model.editions import EDITIONS
from .._rules.engine import rules
from .common import _LANG_HELP, EXIT_OK, _language

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Add the command's parser to ``commands``."""
    listing = commands.add_parser(
        "rules",
        help="列出校验规则 / list the content rules",
        description="列出每条校验规则：代码、级别、适用版本、是否跨年度、依据。\nEvery content rule: its code, severity, editions, whether it compares two years, and its source in the template.",
    )
    listing.add_argument("--edition", choices=tuple(EDITIONS), help="only the rules for this edition")
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    listing.add_argument("--lang", choices=("zh", "en"), default=None, help=_LANG_HELP)


def run(args: argparse.Namespace) -> int:
    """Run the command; returns its exit status."""
    selected = rules(args.edition)
    if args.format == "json":
        payload = [
            {
                "code": r.code,
                "severity": r.severity,
                "title": r.title,
                "title_en": r.title_en,
                "editions": list(r.editions),
                "cross_year": r.cross_year,
                "source": r.source,
            }
            for r in selected
        ]
        sys.stdout.write(emit(payload) + "\n")
        return EXIT_OK
    lang = _language(args.lang)
    for r in selected:
        scope = ("跨年度" if lang == "zh" else "cross-year") if r.cross_year else "/".join(r.editions)
        sys.stdout.write(
            f"{r.code:<22} {r.severity:<8} {scope}\n    {r.title if lang == 'zh' else r.title_en}\n"
        )
    return EXIT_OK
