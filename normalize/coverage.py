"""What a document's reading covered: the run summary's ``coverage`` (DESIGN §4).

Pages come from the annex (which pages print a target table by their text, which pages
sets were read from); rows from the normalised indicators: a row's target is parsed
when it reads as a quantity (its unit known, or kept as printed and reported as
unknown_unit), a deadline, several targets, or a qualitative word. A number among words
the grammar does not read is not parsed, and neither is an empty target.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from extractors.model import Annex
from normalize.frames import NormalisedDocument
from normalize.values import DEADLINE, MULTIPLE, QUALITATIVE, QUANTITATIVE


def parsed_targets() -> pl.Expr:
    """Whether each indicator row's target was understood (see the module docstring)."""
    return pl.col("target_kind").is_in([QUANTITATIVE, DEADLINE, MULTIPLE]) | (
        (pl.col("target_kind") == QUALITATIVE) & ~pl.col("target_text").str.contains(r"\d")
    )


def coverage(annex: Annex, frames: NormalisedDocument | None) -> dict[str, Any]:
    """Pages and rows read, as the JSON run summary carries them."""
    indicators = frames.indicators if frames is not None else None
    rows = indicators.height if indicators is not None else 0
    parsed = (
        int(indicators.select(parsed_targets().sum()).item())
        if indicators is not None and rows
        else 0
    )
    return {
        "pages": annex.page_count,
        "pages_with_targets": len(annex.target_pages),
        "pages_read": len(annex.pages_read),
        "unread_pages": list(annex.unread_pages),
        "empty_target_pages": len(annex.empty_pages),
        "self_evaluation_pages": len(annex.self_evaluation_pages),
        "rows": rows,
        "rows_parsed": parsed,
    }
