"""Every bound the library enforces on its input, in one place.

Each bound keeps the cost of one call linear in the size of its input and the memory it takes
proportional to it, whatever the input holds. The docs page on limits lists these numbers;
a test keeps that page and this module in agreement.
"""

from __future__ import annotations

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_FINDINGS",
    "MAX_MARKUP_ATTRIBUTES",
    "MAX_MARKUP_TAGS",
    "MAX_MERGED_CELLS",
    "MAX_OCR_PAGES",
    "MAX_OCR_PAGE_PIXELS",
    "MAX_OCR_PIXELS",
    "MAX_PAGE_CHARS",
    "MAX_PAGE_CONTENT_BYTES",
    "MAX_PAGE_PATH_POINTS",
    "MAX_PDF_CHARS",
    "MAX_PDF_PAGES",
    "MAX_PDF_UNPACKED_BYTES",
    "MAX_SOURCE_BYTES",
    "MAX_SPAN",
    "MAX_TITLE_CHARS",
    "MAX_UNPACKED_BYTES",
    "PLAIN_DIGITS",
    "SPAN_BUDGET",
]

#: The largest JSON document read, in bytes of UTF-8 (or characters, for `str` input):
#: 4 MiB, about a hundred times the largest real report. Larger input is refused unread.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

#: The largest published report `extract()` reads, in bytes (or characters,
#: for `str` input): 8 MiB, about forty times the largest real report page. Larger input is
#: refused unread with an `EXTRACT-TOO-LARGE` finding.
MAX_SOURCE_BYTES = 8 * 1024 * 1024

#: The most a Word file or workbook given to `extract()` may hold unpacked, in bytes (the sum
#: of the sizes its ZIP directory declares for its parts): 16 MiB, some forty times a real
#: report's Word file. A larger archive (a few megabytes may unpack to gigabytes of XML) is
#: refused unread with an `EXTRACT-TOO-LARGE` finding.
MAX_UNPACKED_BYTES = 16 * 1024 * 1024

#: The most cells the merged ranges and the hyperlink ranges of a workbook may cover, in all:
#: 100,000 (the rendered workbook merges under 200). openpyxl makes an object for every cell of
#: either, so a merge declared over A1:XFD1048576 (a few bytes) would take all memory; they are
#: counted in every XML part of the file, however the XML spells them (any case, quotes, "$"
#: signs, entities, a prefix), and such a workbook is refused unread with an
#: `EXTRACT-TOO-LARGE` finding.
MAX_MERGED_CELLS = 100_000

#: The most tags the markup of a web page, a Word file or a workbook may hold: 100,000 start
#: and end tags, counted in the page's text or in every XML part of the archive before any
#: parser reads them (a real report's page has about 3,400, its Word file about 21,000;
#: 1,000,000 `<br>` took 5 s, 1,300,000 unmatched `</div>` 5.6 s, 400,000 Word paragraphs 17 s
#: and 360 MB, a million workbook cells 380 MB).
#: A larger document is refused unread with an `EXTRACT-TOO-LARGE` finding.
MAX_MARKUP_TAGS = 100_000

#: The most attributes that markup may hold in all, counted the same way: 200,000 places
#: where an attribute may start (a name after a blank, a quote or a slash; words of the text
#: count too, so this is an upper bound: a real report's page has about 17,000, its Word file
#: about 40,000). One tag with 500,000 attributes took 610 MB in the HTML parser.
MAX_MARKUP_ATTRIBUTES = 200_000

#: The most a PDF's compressed streams (Flate, LZW, run-length) may unpack to, images aside,
#: in bytes: 64 MiB (a real report's, embedded fonts included, unpack to a few megabytes). A
#: stream of a few kilobytes can unpack to gigabytes, and pdfium unpacks each whole (a 1 GB
#: stream, 1 MB in the file, took 4.5 s and 2 GB); the streams are measured a piece at a time
#: before it opens the file, and a larger PDF is refused unread with an `EXTRACT-TOO-LARGE`
#: finding.
MAX_PDF_UNPACKED_BYTES = 64 * 1024 * 1024

#: The most content one PDF page may have unpacked, in bytes: 4 MiB (a real report's densest
#: page has 78 KB). Measured before the page is read; a PDF with a larger page is refused with
#: an `EXTRACT-TOO-LARGE` finding.
MAX_PAGE_CONTENT_BYTES = 4 * 1024 * 1024

#: The most characters one PDF page may draw, counted from the bytes of the strings in its
#: content and the forms it draws before it is read: 20,000 (a dense page of a real report has
#: about 1,500). A form of a thousand characters drawn five thousand times (40 KB of PDF) made
#: pdfium take 3.5 s and 1.3 GB for one page. A PDF with a larger page is refused with an
#: `EXTRACT-TOO-LARGE` finding.
MAX_PAGE_CHARS = 20_000

#: The most path points (the corners of the lines and rectangles a table is drawn with) one PDF
#: page may draw, counted from its content and the forms it draws before it is read: 100,000
#: (a real report's densest table page draws about 2,000). A form of a thousand rectangles
#: drawn two thousand times (31 KB of PDF) made pdfium take 2.1 s and 700 MB for one page. A PDF
#: with a larger page is refused with an `EXTRACT-TOO-LARGE` finding.
MAX_PAGE_PATH_POINTS = 100_000

#: The most characters all pages of a PDF may draw, counted as for `MAX_PAGE_CHARS`: 200,000
#: (a 60-page report draws about 90,000), some 13 seconds of reading.
MAX_PDF_CHARS = 200_000

#: The most pages a PDF may have: 500 (a report has a few dozen). A longer PDF is refused with
#: an `EXTRACT-TOO-LARGE` finding before any page is read (its pages were cut at 500 before,
#: and a report on pages 501 to 505 was called a scan).
MAX_PDF_PAGES = 500

#: The most pages of scans (PDF pages without a text layer, or pictures) one document may have
#: read by the recogniser: 60 (a scanned report has a dozen; each takes about 4 s on one core).
#: The pages after it are not read, and an `EXTRACT-TOO-LARGE` finding says so.
MAX_OCR_PAGES = 60

#: The most pixels of one picture given to the recogniser: 12 million (a page drawn at 108 dpi
#: has one million; a scan at 300 dpi, 8.7 million). A larger picture is refused with an
#: `EXTRACT-TOO-LARGE` finding before it is decoded.
MAX_OCR_PAGE_PIXELS = 12_000_000

#: The most pixels all the pictures of one document may give the recogniser: 150 million (60
#: pages drawn at 144 dpi have about 120 million). Past it, the document is refused with an
#: `EXTRACT-TOO-LARGE` finding before the next picture is read.
MAX_OCR_PIXELS = 150_000_000

#: The most findings one document gets. Past it, one last `LIMIT-FINDINGS` finding says how
#: many more there were; a document with this many problems is not a report to read by hand.
MAX_FINDINGS = 1000

#: The largest `rowspan` or `colspan` of an HTML table cell, or `gridSpan` of a Word table
#: cell, that is honoured; larger spans are read as this many rows or columns (the template's
#: tallest span is 26 rows; Word tables have at most 63 columns).
MAX_SPAN = 100

#: How many cells the spans of one HTML table may add, beyond the cells written in it. Spans
#: past the budget are not repeated, so a table never grows beyond its own size plus this.
SPAN_BUDGET = 20_000

#: The longest line that is tried as a report title ("……年政府信息公开工作年度报告"), in
#: characters. Longer lines are body text (or a whole body on one line, whose title is found
#: at its start).
MAX_TITLE_CHARS = 200

#: The most digits a rendered number is written out with in full ("100", never "1E+2"); a
#: number that would need more (`1E+999999999` is valid money in JSON) keeps its exponent,
#: so that a rendered page stays the size of its report.
PLAIN_DIGITS = 1000

#: The largest count (and the largest magnitude of a signed number) the contract accepts:
#: 2**53 - 1, the largest whole number that every JSON consumer (JavaScript's ``Number``
#: included) holds exactly.
MAX_COUNT = 2**53 - 1
