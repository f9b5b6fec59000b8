"""Producer quirks real documents have: pages carrying /Rotate (landscape tables printed
on portrait pages), which reorder pdfium's text; the reader places glyphs by position and
must read such a document exactly as the unrotated one, upside-down pages included."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from fixtures.accuracy import pipeline_rows, score_rows
from tests.conftest import GOLDEN

SOURCES = [
    GOLDEN / "tianmen_hrss_2023.word.pdf",  # Writer: wrapped text in many cells
    GOLDEN / "tianmen_edu_2024.flow.pdf",  # two tables a page, one cut by the break
]


@pytest.mark.parametrize("rotation", [90, 180, 270])
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_rotated_pages_read_as_the_unrotated_document(
    source: Path, rotation: int, tmp_path: Path
) -> None:
    doc = pdfium.PdfDocument(str(source))
    for i in range(len(doc)):
        doc[i].set_rotation(rotation)
    rotated = tmp_path / f"rotated{rotation}.pdf"
    doc.save(str(rotated))
    doc.close()
    funding, targets, annex = pipeline_rows(rotated)
    expected = json.loads(source.with_suffix(".expected.json").read_text(encoding="utf-8"))
    score = score_rows(funding, targets, expected)
    assert (annex.issuer, annex.fiscal_year) == (expected["issuer"], expected["fiscal_year"])
    assert score.matched == score.total, score.problems[:10]
