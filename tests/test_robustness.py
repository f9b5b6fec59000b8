"""Producer quirks real documents have: pages carrying /Rotate (landscape tables printed
on portrait pages), which reorder pdfium's text; the reader places glyphs by position and
must read such a document exactly as the unrotated one, upside-down pages included. And
one-row parts of a table LibreOffice cut by a page break."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractors import extract
from extractors.pdf import read_grids, read_pages
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


SWEEP = GOLDEN / "sweep"


def test_word_card_cut_after_its_name_row() -> None:
    """Writer leaves card 2's 项目名称 row alone at a page foot, under its title and card 1.
    camelot places LibreOffice's CJK glyphs about an em low, read that one-row table as
    empty and dropped it: the rest of card 2 on the next page then continued card 1, and
    two projects were read as one."""
    pdf = SWEEP / "tianmen_edu_2024.word_cut.r01.pdf"
    grids = read_grids(pdf, read_pages(pdf))
    assert [g.nrows for g in grids if g.page == 1] == [15, 1]
    assert [(p.name, p.implementing_unit) for p in extract(pdf).projects] == [
        ("学生资助经费", "天门市学生资助管理中心"),
        ("校舍维修改造项目", "天门市教育局"),
        ("教师培训经费", "天门市教师进修学校"),
    ]


def test_word_card_cut_before_its_last_row() -> None:
    """The same one-row table at a page top: card 2's last indicator row alone on the next
    page was dropped (its text read as card 3's caption)."""
    pdf = SWEEP / "yantai_stats_2026.word_cut.r14.pdf"
    rows = extract(pdf).projects[1].indicators
    assert (len(rows), rows[-1].name, rows[-1].page) == (8, "普查对象满意度", 2)
