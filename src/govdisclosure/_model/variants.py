"""How real reports print the template's labels and headings: the one registry of wordings
beside the template's own (which are the field metadata's labels), and the loose form in which
every reader matches them.

Each wording names the report it was seen in. A reader never lists wordings of its own: it asks
:func:`row_labels`, :func:`section_words` and :func:`loose` here, and :func:`unify` puts the
known typos right before any label is compared.
"""

from __future__ import annotations

import functools
import re

__all__ = [
    "CHROME",
    "CRAWLER_LINES",
    "HEADER_NEXT",
    "HEADER_ROWS",
    "NUMBERED_COLUMN",
    "SECTION_WORDS",
    "TYPOS",
    "is_chrome",
    "is_crawler_line",
    "loose",
    "row_labels",
    "section_words",
    "unify",
]

#: Typos and wordings of real reports, each read as the template's wording wherever labels are
#: compared (table rows, headings).
TYPOS: tuple[tuple[str, str], ...] = (
    ("本单位", "本机关"),  # 沂源县公安局 2023 (the seed): "本单位不掌握相关政府信息"
    ("本行政机关", "本机关"),  # county department reports of 2022
    ("行政止公开", "行政法规禁止公开"),  # 淮安市洪泽区 2024 (PDF): "其他法律行政止公开"
    ("行政法复议", "行政复议"),  # a district report of 2023
    ("钩稽", "勾稽"),  # the 2019 template's note, as several reports print it
)

#: Row labels of tables 二, 三 and 四 as reports print them besides the template's label (the
#: key: the label of either edition, as the field metadata has it).
ROW_LABELS: dict[str, tuple[str, ...]] = {
    # A 2021-edition department report keeping the 2019 wording: "| 规范性文件 | 13 | 0 | 55 |".
    "行政规范性文件": ("规范性文件",),
    # The 2019 edition's procurement row, also printed "政府集中采购项目".
    "政府集中采购": ("政府集中采购项目",),
    # "（二）部分公开" with its note cut off (city pages of 2022, the Pingtan scan's OCR).
    "部分公开（区分处理的，只计这一情形，不计其他情形）": ("部分公开",),
    # "危及'三安全一稳定'" in straight quotes or none (page text copied from Word).
    "危及“三安全一稳定”": ("危及三安全一稳定",),
}

#: The words by which a section heading is known, beyond the template's own heading: reports
#: shorten and reword them (a heading of 四 must name both 行政复议 and 行政诉讼).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    # "四、政府信息公开行政复议与行政诉讼情况" (a department's page), "四、因政府信息公开工作被申请
    # 行政复议和提起行政诉讼情况" (the 2019 guidance's wording): known by both words.
    "review_and_litigation": ("行政复议", "行政诉讼"),
    # "五、政府信息公开工作存在的主要问题及改进情况" (上海市人民政府办公厅 2019), "五、存在问题及
    # 改进措施", "五、问题及改进情况".
    "problems_and_improvements": ("存在的主要问题", "存在问题", "问题及改进"),
}

#: The first cell of a table's header row where OCR repeats it between the rows, and the words
#: its second cell starts with: the 沭阳县 2025 OCR Markdown prints "类别 数据1 … 数据6 总计"
#: above each group of table 三, and "项目 本年新收件数 上年结转件数 … 总计" between two rows of
#: （六）. A line of page text run together is cut before such a header.
HEADER_ROWS: tuple[str, ...] = ("类别", "项目")
HEADER_NEXT: tuple[str, ...] = ("数据", "本年", "上年", "自然人", "申请人")
#: The name OCR gives the numbered columns of table 三 ("数据1" … "数据6"): its digits are part
#: of the name, never a value.
NUMBERED_COLUMN = "数据"

#: What a site prints around a report, copied with its text: menus, share bars, print and close
#: buttons. A text line made of nothing but these (white space aside) is dropped.
CHROME: tuple[str, ...] = (
    # The Pingtan department page's share bar and version menu, as its page text carries them:
    # "微信 微博 QQ空间全真版文字版文件下载相关链接：".
    "微信",
    "微博",
    "QQ空间",
    "全真版",
    "文字版",
    "文件下载",
    "相关链接：",
    "相关链接",
    # Print and close buttons and the font-size switch of county sites.
    "【打印本页】",
    "【关闭窗口】",
    "打印本页",
    "关闭窗口",
    "分享到：",
    "分享到",
    "扫一扫在手机打开当前页",
    "字号：大中小",
)

#: The starts of the lines a site crawler writes into a page's text: its metadata fields
#: ("原文链接: https://…") and its notes ("页面链接与图片详见 links.tsv(同目录)", the Pingtan
#: page text). Such a line is dropped; ``标题:`` gives the title and ``发布时间:`` the date,
#: so they are kept.
CRAWLER_LINES: tuple[str, ...] = (
    "本地目录:",
    "原文链接:",
    "页面链接:",
    "栏目:",
    "文号:",
    "发布机构:",
    "索引号:",
    "来源:",
    "页面链接与图片详见",
    # The rule the Pingtan crawler draws above the body: "==================== 正文 =====".
    "==",
)


def unify(text: str) -> str:
    """``text`` with the known typos and wordings of :data:`TYPOS` put right."""
    for variant, canonical in TYPOS:
        if variant in text:
            text = text.replace(variant, canonical)
    return text


def row_labels(label: str) -> tuple[str, ...]:
    """The template's ``label`` and every wording of it reports print."""
    return (label, *ROW_LABELS.get(label, ()))


def section_words(name: str, heading: str) -> tuple[str, ...]:
    """The words one of which (all of which, for table 四) a heading of section ``name`` holds;
    ``heading`` is the template's own."""
    return SECTION_WORDS.get(name, (heading,))


# Characters a label is printed with in either width, with or without: brackets and quotes in
# half or full width, 、 as 与, 和 or 及, commas dropped.
_LOOSE = {
    "（": "[（(]",
    "(": "[（(]",
    "）": "[）)]",
    ")": "[）)]",
    "、": "(?:、|与|和|及|，|,)?",
    "，": "[，,]?",
    "“": "[“\"'‘]?",
    "”": "[”\"'’]?",
}


@functools.lru_cache(maxsize=512)
def loose(label: str) -> str:
    """A pattern for ``label`` as printed: white space allowed between any two characters,
    brackets, quotes and commas in either width or left out, 、 written 与, 和 or 及."""
    return r"\s*".join(_LOOSE.get(c, re.escape(c)) for c in label if not c.isspace())


_CHROME_LONGEST = tuple(sorted((c.replace(" ", "") for c in CHROME), key=len, reverse=True))
_CHROME_LINE = 200  # longer lines are text, whatever they start with


def is_chrome(line: str) -> bool:
    """Whether ``line`` is made of nothing but the site's menus and buttons (:data:`CHROME`)."""
    rest = "".join(line.split())
    if not rest or len(rest) > _CHROME_LINE:
        return False
    while rest:
        phrase = next((c for c in _CHROME_LONGEST if rest.startswith(c)), None)
        if phrase is None:
            return False
        rest = rest[len(phrase) :]
    return True


_CRAWLER = re.compile(
    "|".join(r"\s*".join(re.escape(c) if c != ":" else "[:：]" for c in start) for start in CRAWLER_LINES)
)


def is_crawler_line(line: str) -> bool:
    """Whether ``line`` is one a site crawler wrote into the text (:data:`CRAWLER_LINES`)."""
    return _CRAWLER.match(line.lstrip()) is not None
