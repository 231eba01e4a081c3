"""A web page saved as one file (MHTML, ``.mht``/``.mhtml``): Word's "单个文件网页" and
browsers' "save as web archive". It is a MIME message whose HTML page is one part, written in
quoted-printable or base64 and in its own charset (Word writes GB2312): read as text, its
Chinese is ``=D5=FE=B8=AE`` and no table is found. The page is taken out and read as HTML."""

from __future__ import annotations

import email
import email.policy
import re

from .forms import Refusal, decode_source

__all__ = ["is_mhtml", "page", "pictures"]

# The message's own headers, before its first blank line, name a multipart body.
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_MIME = re.compile(rb"^MIME-Version:", re.I | re.M)
_MULTIPART = re.compile(rb"^Content-Type:\s*multipart/related", re.I | re.M)
# Parts that hold parts: a multipart body, or a whole message inside the message.
_NESTED = re.compile(rb"^Content-Type:\s*(?:multipart/|message/)", re.I | re.M)
_MAX_MULTIPARTS = 100
# GB2312 and GBK pages often hold characters only their superset has.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}


# The charsets a web page is written in. Any other name Python knows is no page's charset
# ("punycode" decodes in time growing with the square of the page, "undefined" fails): such a
# page is read as one whose charset is not declared.
_WEB = re.compile(
    r"(?:utf[-_]?8|utf[-_]?16(?:[-_]?[lb]e)?|gb18030|gbk|gb2312|x-gbk|cp936|big5(?:hkscs)?|"
    r"iso[-_]?8859[-_]?\d+|latin[-_]?1|windows[-_]?125\d|cp125\d|us[-_]?ascii|ascii|"
    r"euc[-_]?(?:jp|kr|cn)|shift[-_]?jis|koi8[-_]?[ru])"
)


def _web_charset(name: str) -> str:
    return name if _WEB.fullmatch(name) else ""


def is_mhtml(data: bytes) -> bool:
    """Whether ``data`` starts as a MIME message with a multipart/related body."""
    end = _HEADERS_END.search(data, 0, 8192)
    head = data[: end.start() if end else 8192]
    return _MIME.search(head) is not None and _MULTIPART.search(head) is not None


def page(data: bytes) -> str | Refusal:
    """The text of the archive's first HTML part, decoded from its transfer encoding and its
    charset (undeclared or unknown: UTF-8, else GB18030, as a page's bytes are)."""
    # The email parser reads a part inside a part one level of recursion deeper: 3,000 levels
    # raised RecursionError. An archive has one or two.
    if len(_NESTED.findall(data)) > _MAX_MULTIPARTS:
        return Refusal(
            f"an MHTML web archive of more than {_MAX_MULTIPARTS} multipart parts",
            f"网页存档（MHTML）的多部分结构超过 {_MAX_MULTIPARTS} 个",
        )
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        body = part.get_payload(decode=True)
        if not isinstance(body, bytes):
            continue
        charset = _web_charset((part.get_content_charset() or "").lower())
        try:
            return body.decode(_SUPERSETS.get(charset, charset)) if charset else decode_source(body)
        except (LookupError, UnicodeError):
            try:
                return decode_source(body)
            except UnicodeDecodeError:
                return Refusal(
                    "an MHTML web archive whose page is in no known encoding",
                    "网页存档（MHTML）中的网页编码无法识别",
                )
    return Refusal("an MHTML web archive with no HTML page in it", "网页存档（MHTML）中没有网页")


def pictures(data: bytes, most: int) -> dict[str, bytes]:
    """The archive's pictures (its ``image/*`` parts, the first ``most``), by every name a page
    refers to one by: its ``Content-Location`` (and that location's last segment) and
    ``cid:`` its ``Content-ID``. Call it after :func:`page` has read the archive."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    out: dict[str, bytes] = {}
    found = 0
    for part in message.walk():
        if part.get_content_maintype() != "image":
            continue
        body = part.get_payload(decode=True)
        if not isinstance(body, bytes):
            continue
        found += 1
        if found > most:
            break
        location = (part.get("Content-Location") or "").strip()
        if location:
            out[location] = body
            out[location.rsplit("/", 1)[-1]] = body
        identifier = (part.get("Content-ID") or "").strip().strip("<>")
        if identifier:
            out[f"cid:{identifier}"] = body
    return out
