"""Extraction: annex PDF -> ruled grids -> annex model (camelot + pypdfium2, no Prefect)."""

from __future__ import annotations

from pathlib import Path

from extractors.annex import build_annex
from extractors.model import Annex, ExtractionError
from extractors.pdf import read_grids, read_pages, readable, sniff

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_MAX_PAGES = 500


def extract(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_pages: int = DEFAULT_MAX_PAGES
) -> Annex:
    """The annex model of one PDF; its projects are empty when it holds no target table.

    Raises ExtractionError (with a contract reason code) for files that are not readable
    PDFs, are encrypted or damaged, carry no text layer (scans), or exceed the limits. A
    file whose cross-reference table is off but whose content is whole is read through a
    copy with the table rebuilt.
    """
    sniff(path, max_bytes)
    with readable(path) as source:  # the file, or a copy with its xref rebuilt
        content = read_pages(source, max_pages)
        if content.page_count and not any(p.glyphs for p in content.pages):
            # pdfium drops text whose streams do not decode, and a damaged annex then
            # looks like a scan: the table reader's damage checks (corrupt_pdf) come first.
            read_grids(source, content)
            raise ExtractionError(
                "no_text_layer",
                f"{path.name}: no text layer in {content.page_count} pages (a scan?); OCR it first",
            )
        grids = read_grids(source, content)
    return build_annex(grids, [p.text for p in content.pages], content.producer, content.kinds)


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_PAGES", "Annex", "ExtractionError", "extract"]
