"""Ruled tables as grids: camelot finds the ruling, the PDF's own glyph boxes fill it.

camelot (lattice, vector engine) gives each table's row/column lines and which cell edges
are drawn; from the missing edges we rebuild merged regions. Cell text is then placed from
pdfium's glyph boxes: camelot's own text assignment measures CJK glyphs about one em too
low in LibreOffice/WPS output and pushes wrapped lines into the next row, and it splits a
merged cell's text over the rows the region spans.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractors.model import Grid


@dataclass(frozen=True)
class Glyph:
    """One character: its horizontal extent, baseline and font size in PDF user space.

    Placement uses the baseline, not the glyph's ink box: the ink of "." or "%" sits far
    from the ink of the digits beside it, the baseline does not.
    """

    char: str
    x0: float
    x1: float
    baseline: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        # About the middle of a CJK glyph's body: what "inside a cell" should test.
        return self.baseline + 0.35 * self.size


def _regions(cells: Sequence[Sequence[Any]]) -> list[list[tuple[int, int]]]:
    """Top-left anchor of the merged region covering each cell (union-find on open edges)."""
    nrows, ncols = len(cells), len(cells[0])
    parent = {(r, c): (r, c) for r in range(nrows) for c in range(ncols)}

    def find(x: tuple[int, int]) -> tuple[int, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(nrows):
        for c in range(ncols):
            cell = cells[r][c]
            if c + 1 < ncols and not cell.right and not cells[r][c + 1].left:
                union((r, c), (r, c + 1))
            if r + 1 < nrows and not cell.bottom and not cells[r + 1][c].top:
                union((r, c), (r + 1, c))
    # The smallest (row, col) of a region is its top-left cell.
    return [[find((r, c)) for c in range(ncols)] for r in range(nrows)]


def build_grid(table: Any, glyphs: Sequence[Glyph], page: int, page_height: float) -> Grid:
    """A camelot table's ruling filled with the page's glyphs."""
    rows: list[tuple[float, float]] = table.rows  # (top, bottom), top to bottom
    cols: list[tuple[float, float]] = table.cols  # (left, right), left to right
    anchor = _regions(table.cells)
    text = [["" for _ in cols] for _ in rows]
    neg_tops = [-top for top, _ in rows]
    lefts = [left for left, _ in cols]
    inside: dict[tuple[int, int], list[Glyph]] = {}
    for g in glyphs:
        r = bisect_left(neg_tops, -g.cy) - 1
        c = bisect_left(lefts, g.cx) - 1
        if r < 0 or c < 0 or g.cy < rows[r][1] or g.cx > cols[c][1]:
            continue  # outside the ruled area: titles, subtitles, page numbers
        inside.setdefault(anchor[r][c], []).append(g)
    for (ar, ac), cell in inside.items():
        text[ar][ac] = _reading_order(cell)
    report = getattr(table, "parsing_report", {}) or {}
    return Grid(
        page=page,
        page_height=page_height,
        bbox=tuple(table._bbox),
        cols=(*lefts, cols[-1][1]),
        text=[[t.strip() for t in row] for row in text],
        anchor=anchor,
        accuracy=float(report.get("accuracy", 100.0)),
        whitespace=float(report.get("whitespace", 0.0)),
    )


def _reading_order(glyphs: Sequence[Glyph]) -> str:
    """Glyphs as lines of text, top to bottom and left to right, by their position: the
    order a PDF writes them in is the producer's (Calc writes wrapped cells last, a page
    with /Rotate reorders pdfium's text), the order on the page is the reader's."""
    lines: list[list[Glyph]] = []
    sizes: list[float] = []  # the smallest glyph size of each line so far (0: none yet)
    for g in sorted(glyphs, key=lambda g: (-g.baseline, g.x0)):
        # Within half a glyph of the line: of the smaller of the two, since a Latin
        # bracket in a CJK cell reports a box twice the height of the characters beside
        # it, and would pull the ")" of a wrapped "(国家地面站)" up into the line above.
        # A space has no size of its own.
        known = [s for s in (g.size, sizes[-1] if sizes else 0.0) if s > 0]
        tolerance = 0.5 * min(known, default=1.0)
        if lines and abs(lines[-1][0].baseline - g.baseline) <= tolerance:
            lines[-1].append(g)
            if g.size > 0:
                sizes[-1] = min(sizes[-1], g.size) if sizes[-1] > 0 else g.size
        else:
            lines.append([g])
            sizes.append(max(g.size, 0.0))
    return "\n".join(
        "".join(g.char for g in sorted(line, key=lambda g: g.x0)).strip() for line in lines
    ).strip()


def lines_between(glyphs: Sequence[Glyph], low: float, high: float) -> str:
    """The text of the glyphs whose middle lies between two heights, as lines: a table's
    caption, its title above it."""
    return _reading_order([g for g in glyphs if low < g.cy < high])


def columns_left_of(
    glyphs: Sequence[Glyph], bbox: tuple[float, float, float, float], gap: float = 6.0
) -> tuple[tuple[float, str], ...]:
    """The text left of a table and level with it, split into columns where no glyph
    covers ``gap`` points across: (x where the column's text starts, its lines)."""
    x0, y0, _, y1 = bbox
    beside = sorted(
        (g for g in glyphs if g.char.strip() and g.x1 < x0 - 1 and y0 < g.cy < y1),
        key=lambda g: g.x0,
    )
    bands: list[list[Glyph]] = []
    right = 0.0  # the right end of the last band so far
    for g in beside:
        if bands and g.x0 - right < gap:
            bands[-1].append(g)
        else:
            bands.append([g])
        right = max(right, g.x1) if len(bands[-1]) > 1 else g.x1
    return tuple((band[0].x0, _reading_order(band)) for band in bands)
