"""A document's grids into target sets: each table goes to the reader of its family.

Readers (``cards``: C0–C4 and 部门整体 cards; ``lists``: long lists, serialized rows,
goals-only tables) share the document-level work in ``document`` and hand back the same
target-set model; a table is claimed by the reader whose labels it prints, the way
camelot dispatches its parsers by flavor. Adding a family means a reader module plus its
label data, not edits across the others.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from extractors.cards import CardReader
from extractors.document import find_scope, find_title
from extractors.lists import ListReader
from extractors.model import Annex, Grid, Project, TableReport, TotalRow
from extractors.pages import PageKinds, page_kinds


class Reader(Protocol):
    """One family's reader: claims the tables it can read, builds sets as they are fed
    in page order (a set may span tables and pages), and hands back the kept ones."""

    projects: list[Project]
    tables: list[TableReport]
    total_rows: list[TotalRow]
    empty_pages: set[int]  # pages of target tables printed empty (templates, 空表)

    def claims(self, grid: Grid, first_on_page: bool) -> bool: ...

    def feed(self, grid: Grid, first_on_page: bool) -> None: ...

    def finish(self, issuer: str) -> list[Project]: ...


def build_annex(
    grids: list[Grid], page_texts: list[str], producer: str = "", kinds: PageKinds | None = None
) -> Annex:
    """The annex model from a document's grids (page order) and page texts (``kinds``:
    what each page prints, when the caller has it already)."""
    issuer, year = find_title(page_texts)
    scope, document_kind = find_scope(page_texts)
    # Most specific first: a list prints its project and indicator columns in one header
    # row; the card reader takes the rest.
    readers: tuple[Reader, ...] = (ListReader(), CardReader())
    opened: list[Project] = []  # every set in the order its table was read
    kinds = kinds or page_kinds(page_texts)
    # A 绩效自评表 prints targets beside what was achieved: not a target table (reading
    # self-evaluations is later work), so its tables are no reader's.
    evaluated = set(kinds.self_evaluation)
    ordered = sorted(  # pages, then top to bottom
        (g for g in grids if g.page not in evaluated), key=lambda g: (g.page, -g.bbox[3])
    )
    index = 0
    for i, grid in enumerate(ordered):
        first_on_page = i == 0 or ordered[i - 1].page != grid.page
        index = 0 if first_on_page else index + 1
        grid = replace(grid, index=index)
        reader = next(r for r in readers if r.claims(grid, first_on_page))
        known = len(reader.projects)
        reader.feed(grid, first_on_page)
        opened += reader.projects[known:]
    kept = {id(p) for r in readers for p in r.finish(issuer)}
    projects = [p for p in opened if id(p) in kept]
    for seq, p in enumerate(projects, start=1):
        p.seq = seq
    for row in (t for r in readers for t in r.total_rows):
        row.sets = [p for p in row.sets if id(p) in kept]
    tables = sorted((t for r in readers for t in r.tables), key=lambda t: (t.page, t.index))
    total_rows = [t for r in readers for t in r.total_rows]
    return Annex(
        issuer=issuer,
        fiscal_year=year,
        page_count=len(page_texts),
        producer=producer,
        scope=scope,
        document_kind=document_kind,
        projects=projects,
        tables=tables if projects else [],
        total_rows=total_rows,
        target_pages=kinds.target,
        self_evaluation_pages=kinds.self_evaluation,
        pages_read=_pages_read(projects, total_rows),
        empty_pages=tuple(sorted({p for r in readers for p in r.empty_pages})),
    )


def _pages_read(projects: list[Project], total_rows: list[TotalRow]) -> tuple[int, ...]:
    """Every page a kept set was read from: where it opens, each indicator row's page,
    the pages between (a goal or a block running over a page with no row of its own),
    and the pages of a list's total rows."""
    pages: set[int] = {t.page for t in total_rows}
    for p in projects:
        last = max((row.page for row in p.indicators), default=p.page)
        pages.update(range(p.page, last + 1))
    return tuple(sorted(pages))
