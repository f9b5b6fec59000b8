"""Extraction: annex PDF -> ruled grids -> annex model (camelot + pypdfium2, no Prefect)."""

from __future__ import annotations

from pathlib import Path

from extractors.annex import build_annex
from extractors.model import Annex
from extractors.pdf import read_grids, read_pages


def extract(path: Path) -> Annex:
    """The annex model of one PDF (its projects list is empty when it has no target table)."""
    content = read_pages(path)
    grids = read_grids(path, content)
    return build_annex(grids, [p.text for p in content.pages], content.producer)


__all__ = ["Annex", "extract"]
