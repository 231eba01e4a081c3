"""CJK radicals read back as the ideographs they stand for.

A PDF's text layer maps each glyph back to one code point. Chinese fonts draw 工 and the Kangxi
radical ⼯ (U+2F2F), or 民 and the radical ⺠ (U+2EA0), with one glyph, and some PDF writers
(Chromium's, for one) map that glyph back to the radical: the page reads 政府信息公开⼯作 and no
heading, label or title matches. Kangxi radicals are mapped by their Unicode compatibility
decomposition (NFKC), CJK compatibility ideographs by their canonical one, and the radicals of
the CJK Radicals Supplement, which have none, by the ideograph whose glyph they share in
Noto Sans CJK SC (the same as Unicode's EquivalentUnifiedIdeograph.txt for these 69).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["unradical"]

# Pairs: the radical, then its ideograph.
_SUPPLEMENT = "⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺾艹⻂衤⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"

_TABLE: dict[int, str] = {
    cp: ideograph
    for cp, ideograph in (
        *((cp, unicodedata.normalize("NFKC", chr(cp))) for cp in range(0x2F00, 0x2FD6)),
        *((cp, unicodedata.normalize("NFC", chr(cp))) for cp in range(0xF900, 0xFADA)),
        *((ord(_SUPPLEMENT[i]), _SUPPLEMENT[i + 1]) for i in range(0, len(_SUPPLEMENT), 2)),
    )
    if ideograph != chr(cp)  # the twelve unified ideographs among the compatibility ones
}
_ANY = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def unradical(text: str) -> str:
    """``text`` with every radical above as its ideograph (one character for one, so that
    positions in the text stay); any other text as it is."""
    if _ANY.search(text) is None:
        return text
    return text.translate(_TABLE)
