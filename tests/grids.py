"""Grids built by hand for the reader tests (``test_cards``, ``test_lists``): what a ruled
table looks like to a reader once camelot and the glyphs have filled it."""

from __future__ import annotations

from extractors.model import Grid


def hand_grid(
    rows: list[list[str]],
    *,
    page: int = 1,
    caption: str = "",
    shift: float = 0.0,
    merged_down: tuple[tuple[int, int], ...] = (),
) -> Grid:
    """Columns 100 pt wide from x = ``shift``; every cell its own region, but for
    ``merged_down`` cells (r, c): part of the region of the cell above."""
    width = max(len(r) for r in rows)
    text = [r + [""] * (width - len(r)) for r in rows]
    anchor = [[(r, c) for c in range(width)] for r in range(len(rows))]
    for r, c in merged_down:
        anchor[r][c] = anchor[r - 1][c]
    return Grid(
        page=page,
        bbox=(shift, 100.0, 100.0 * width + shift, 800.0),
        cols=tuple(100.0 * c + shift for c in range(width + 1)),
        text=text,
        anchor=anchor,
        caption=caption,
    )
