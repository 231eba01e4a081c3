"""JSON Pointers (RFC 6901) and paths of keys in JSON documents: the one place a pointer is
escaped, built and split."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["ABSENT", "escape", "get_in", "pointer", "put_in", "split_pointer"]


def escape(key: str) -> str:
    """Escape one reference token for an RFC 6901 JSON Pointer."""
    return key.replace("~", "~0").replace("/", "~1")


def pointer(*parts: str | int) -> str:
    """Build an RFC 6901 JSON Pointer from keys and list indices."""
    return "".join("/" + escape(str(p)) for p in parts)


def split_pointer(ptr: str) -> list[str]:
    """Split a JSON Pointer into unescaped reference tokens."""
    if not ptr:
        return []
    return [t.replace("~1", "/").replace("~0", "~") for t in ptr[1:].split("/")]


#: What :func:`get_in` returns, when asked to, for a path the document does not have.
ABSENT: Any = object()


def get_in(doc: Any, tokens: Iterable[str], default: Any = ABSENT) -> Any:
    """The value at ``tokens`` (keys) in nested dicts of a JSON document. Where a level is
    missing or is no dict: ``default`` if given, else ``KeyError``."""
    for token in tokens:
        if not isinstance(doc, dict) or token not in doc:
            if default is ABSENT:
                raise KeyError(token)
            return default
        doc = doc[token]
    return doc


def put_in(doc: dict[str, Any], tokens: Sequence[str], value: Any, *, keep: bool = False) -> None:
    """Set the value at ``tokens`` (keys, at least one) in nested dicts, making the missing
    levels as empty dicts; with ``keep``, a value already there stays."""
    for token in tokens[:-1]:
        doc = doc.setdefault(token, {})
    if not (keep and tokens[-1] in doc):
        doc[tokens[-1]] = value
