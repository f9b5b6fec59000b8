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


def _rules_as_filled_paths(pdf: Path) -> None:
    """A 3×3 money table whose rules are 0.45-pt filled closed paths (``m l l l h f``),
    as 广州's and 西安 FY2026's money pages draw them, mitred corners and all."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(pdf), pagesize=(842, 595))
    c.setFont("STSong-Light", 14)
    c.drawString(300, 540, "一般公共预算支出表")
    xs, ys, t = (42.0, 230.0, 500.0, 798.0), (500.0, 470.0, 440.0, 410.0), 0.45
    for y in ys:  # horizontal rules
        p = c.beginPath()
        p.moveTo(xs[-1], y + t), p.lineTo(xs[0], y + t), p.lineTo(xs[0], y)
        p.lineTo(xs[-1] - t, y), p.close()
        c.drawPath(p, stroke=0, fill=1)
    for x in xs:  # vertical rules
        p = c.beginPath()
        p.moveTo(x + t, ys[-1]), p.lineTo(x + t, ys[0]), p.lineTo(x, ys[0] - t)
        p.lineTo(x, ys[-1]), p.close()
        c.drawPath(p, stroke=0, fill=1)
    c.setFont("STSong-Light", 10)
    for r, row in enumerate(
        (
            ("科目编码", "科目名称", "合计"),
            ("201", "一般公共服务支出", "12.50"),
            ("20101", "人大事务", "12.50"),
        )
    ):
        for col, text in enumerate(row):
            c.drawString(xs[col] + 4, ys[r] - 20, text)
    c.save()


def test_issue_xian_fy2026_rules_drawn_as_filled_paths_are_read_by_the_vector_engine(
    tmp_path: Path,
) -> None:
    """西安统计局 FY2026 p26: 566 thin filled paths and no line; camelot's vector engine
    found no table and the page went to the rendered-page engine (~0.45 s a page)."""
    import camelot

    from extractors.pdf import LAYOUT, _filled_paths_as_rules

    pdf = tmp_path / "filled_rules.pdf"
    _rules_as_filled_paths(pdf)
    kwargs = {"flavor": "lattice", "engine": "vector", "layout_kwargs": LAYOUT}
    assert camelot.read_pdf(str(pdf), **kwargs).n == 0  # camelot alone: no rule
    with _filled_paths_as_rules():
        tables = camelot.read_pdf(str(pdf), **kwargs)
    assert tables.n == 1 and tables[0].shape == (3, 3)
    assert tables[0].df.iloc[1, 1] == "一般公共服务支出"
