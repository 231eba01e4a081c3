"""Extraction time per page for each form, and the dataset's rate and memory.

    python bench/forms.py [--reports 10000] [--pdf MORE.pdf ...]

Pages: the PDF's pages as pdfium counts them; for the other forms, the same report's
pages as printed (the PDF of the same kind of report has four), so that the per-page figures
compare. The dataset: rows per second over N reports and the peak memory of building them one
at a time (tracemalloc).
"""

from __future__ import annotations

import argparse
import functools
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import govdisclosure as gd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEED = ROOT / "examples" / "yiyuan-police-2023.json"


def best(fn: Callable[[], Any], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _pdf_pages(path: Path) -> int:
    import pypdfium2  # type: ignore[import-untyped,unused-ignore]

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def raw_text_with_boxes(data: bytes) -> int:
    """The floor: pypdfium2's own text extraction of every page, each character's text and
    box, as a program using pdfium directly would do. Returns the characters read."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    read = 0
    try:
        for page in document:
            text = page.get_textpage()
            count = text.count_chars()
            chars = text.get_text_range(0, count)
            boxes = [text.get_charbox(i, loose=True) for i in range(count)]
            read += len(chars) + len(boxes) - count
            text.close()
            page.close()
    finally:
        document.close()
    return read


def pdf(paths: list[Path]) -> None:
    """``extract`` of each PDF against pypdfium2's raw text-with-boxes of the same pages,
    best of five each, in one run."""
    print(f"{'pdf':34} {'pages':>6} {'extract ms/page':>16} {'raw ms/page':>12} {'ratio':>6}")
    for path in paths:
        data = path.read_bytes()
        pages = _pdf_pages(path)
        ours = best(functools.partial(gd.extract, data))
        floor = best(functools.partial(raw_text_with_boxes, data))
        print(
            f"{path.name[:34]:34} {pages:6} {ours * 1000 / pages:16.1f} {floor * 1000 / pages:12.1f} {ours / floor:6.2f}"
        )


def forms() -> None:
    report = gd.load(SEED)
    xlsx = gd.render(report, "xlsx")
    inputs: list[tuple[str, Any, int]] = [
        ("text (site text, glued cells)", (DATA / "2024_pingtan-gonganju.txt").read_text("utf-8"), 4),
        ("html (Word-exported page)", (DATA / "2024_pingtan-gonganju.html").read_bytes(), 4),
        ("docx (Word file)", (DATA / "2024_pingtan-gonganju.docx").read_bytes(), 4),
        (
            "pdf (county government)",
            (DATA / "2024_hongzequ.pdf").read_bytes(),
            _pdf_pages(DATA / "2024_hongzequ.pdf"),
        ),
        ("xlsx (rendered workbook)", xlsx, 4),
        ("html (rendered page)", gd.render(report), 4),
    ]
    print(f"{'form':34} {'ms/document':>12} {'pages':>6} {'ms/page':>8}")
    for name, source, pages in inputs:
        seconds = best(functools.partial(gd.extract, source))
        print(f"{name:34} {seconds * 1000:12.1f} {pages:6} {seconds * 1000 / pages:8.1f}")


def dataset(count: int) -> None:
    report = gd.load(SEED)

    def many() -> Iterator[gd.Report]:
        for _ in range(count):
            yield report

    start = time.perf_counter()
    rows = sum(1 for _ in gd.table(many()))
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for _ in gd.table(many()):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"dataset: {rows / seconds:,.0f} rows per second over {count:,} reports; peak memory {peak / 1e6:.1f} MB"
    )


def ocr(path: Path, pages: list[int]) -> None:
    """A scan: seconds a page split into drawing the page (pdfium), the recogniser, and the
    library's own work; and the whole ``extract`` against the recogniser alone on the same
    page images, in one run."""
    try:
        import numpy
        import pypdfium2

        from govdisclosure._extract import ocr as reader
        from govdisclosure._ground.settings import OCR
    except ImportError:
        print("ocr: the ocr extra is not installed")
        return
    document = pypdfium2.PdfDocument(path)
    sliced = pypdfium2.PdfDocument.new()
    sliced.import_pages(document, pages)
    import io

    buffer = io.BytesIO()
    sliced.save(buffer)
    data = buffer.getvalue()
    reader.engine()  # loaded once per process, as extract() does
    drawn, recognised, pixels = 0.0, 0.0, []
    for page in sliced:
        start = time.perf_counter()
        image = numpy.asarray(page.render(scale=OCR.scale).to_pil().convert("RGB"))
        drawn += time.perf_counter() - start
        pixels.append(image)
    seen = []
    for image in pixels:
        start = time.perf_counter()
        seen.append(reader.recognise(image))
        recognised += time.perf_counter() - start
    # The rest of extract(), with the recogniser's answers given back as it gave them: the
    # pages drawn again, the boxes made lines, the report assembled and checked.
    answers = iter(seen)
    real = reader.recognise
    reader.recognise = lambda pixels, settings=OCR: next(answers)
    try:
        start = time.perf_counter()
        gd.extract(data)
        rest = time.perf_counter() - start
    finally:
        reader.recognise = real
    count = len(pages)
    whole = rest + recognised
    print(
        f"ocr {path.name}, {count} pages: {whole / count:.2f} s a page = recogniser {recognised / count:.2f} "
        f"+ drawing the page {drawn / count:.3f} + the library's own {(rest - drawn) / count:.3f}; "
        f"whole ÷ recogniser {whole / recognised:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument(
        "--pdf",
        type=Path,
        nargs="*",
        default=[],
        help="more PDFs for the PDF ratio (default: the corpus PDF)",
    )
    args = parser.parse_args()
    forms()
    pdf([DATA / "2024_hongzequ.pdf", *args.pdf])
    ocr(DATA / "2024_pingtan-gonganju.scan.pdf", [1, 4, 5, 6, 7, 8])
    dataset(args.reports)


if __name__ == "__main__":
    main()
