"""extractors/pdf.py: page text and glyph boxes as the table reader places them."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from extractors.pdf import read_pages


def test_issue_xian_sasac_a_generated_space_in_scaled_text_stays_in_its_gap(
    tmp_path: Path,
) -> None:
    # WPS writes 239 pt text scaled by 0.034 and places each run by its own text matrix;
    # pdfium generates a space for the visible gap but boxes it by the unscaled advance,
    # 130 pt to the right, outside the cell: 西安国资委's "1+ 1+ N" read "1+1+N".
    pdf = tmp_path / "scaled.pdf"
    c = canvas.Canvas(str(pdf), pagesize=(595, 842))
    text = c.beginText()
    text.setFont("Helvetica", 239)
    for x, run in ((100, "1+"), (113, "1+"), (126, "N")):
        text.setTextTransform(0.034, 0, 0, 0.034, x, 700)
        text.textOut(run)
    c.drawText(text)
    c.save()
    glyphs = read_pages(pdf).pages[0].glyphs
    assert "".join(g.char for g in sorted(glyphs, key=lambda g: g.x0)) == "1+ 1+ N"
    spaces = [g for g in glyphs if g.char == " "]
    assert len(spaces) == 2 and all(100 < g.cx < 130 for g in spaces)
