"""A document's grids into the annex: each table goes to the reader of its kind.

The kind of every grid is decided once (``kinds.table_kind``: a standard money table by
its title, or the continuation of one; else a target table) and the reader looked up by
that key in ``READERS``, the way camelot maps a flavor to its parser. Money tables go to
``money.MoneyReader``. Target tables go to the target readers (``cards``: C0–C4 and 部门整体
cards, by key ``card``; ``lists``: long lists, serialized rows, goals-only tables, by
key ``list``), which share the document-level work in ``document`` and hand back the
same target-set model.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from extractors.cards import CardReader
from extractors.document import find_scope, find_title
from extractors.kinds import (
    CARD,
    LIST,
    MONEY,
    MoneyTitle,
    OpenList,
    TableKind,
    find_money_title,
    money_pages,
    table_kind,
)
from extractors.lists import ListReader
from extractors.model import (
    SELF_EVALUATION_TABLE,
    TARGET_TABLE,
    Annex,
    Grid,
    MoneyTable,
    Project,
    TableReport,
    TotalRow,
)
from extractors.money import MoneyReader, squeeze
from extractors.pages import PageKinds, page_kinds


class Reader(Protocol):
    """One family's reader: builds sets from the tables of its kind as they are fed in
    page order (a set may span tables and pages), and hands back the kept ones."""

    projects: list[Project]
    tables: list[TableReport]
    total_rows: list[TotalRow]
    empty_pages: set[int]  # pages of target tables printed empty (templates, 空表)

    def finish(self, issuer: str) -> list[Project]: ...


class TargetReaders:
    """The target-table readers (``list``, ``card``) as one: each table goes to the
    reader of its kind, and the sets are kept in the order their tables were read."""

    def __init__(self) -> None:
        self.lists, self.cards = ListReader(), CardReader()
        self.readers: tuple[Reader, ...] = (self.lists, self.cards)
        self.opened: list[Project] = []  # every set in the order its table was read

    def feed(
        self, grid: Grid, kind: TableKind, first_on_page: bool, evaluation: bool = False
    ) -> None:
        reader: Reader
        if kind.reader == LIST:
            reader = self.lists
            known = len(reader.projects)
            self.lists.feed(grid, first_on_page, kind.list_header)
        else:
            reader = self.cards
            known = len(reader.projects)
            self.cards.feed(grid, first_on_page)
        opened = reader.projects[known:]
        for p in opened:  # a set opened on a 绩效自评表 page reports what was achieved
            p.table_kind = SELF_EVALUATION_TABLE if evaluation else TARGET_TABLE
        self.opened += opened


class MoneyReaders:
    """The money reader, fed each grid with the kind decided for it."""

    def __init__(self) -> None:
        self.reader = MoneyReader()

    def feed(
        self, grid: Grid, kind: TableKind, first_on_page: bool, evaluation: bool = False
    ) -> None:
        self.reader.feed(grid, kind)


class KindReader(Protocol):
    def feed(
        self, grid: Grid, kind: TableKind, first_on_page: bool, evaluation: bool = False
    ) -> None: ...


def build_annex(
    grids: list[Grid], page_texts: list[str], producer: str = "", kinds: PageKinds | None = None
) -> Annex:
    """The annex model from a document's grids (page order) and page texts (``kinds``:
    what each page prints, when the caller has it already)."""
    issuer, year = find_title(page_texts)
    scope, document_kind = find_scope(page_texts)
    target, money = TargetReaders(), MoneyReaders()
    readers_by_kind: dict[str, KindReader] = {LIST: target, CARD: target, MONEY: money}
    kinds = kinds or page_kinds(page_texts)
    # A 绩效自评表 (部门决算) prints the year's targets beside what was achieved: read as
    # target sets whose table_kind says so, with 实际完成值 and 得分 beside each target.
    evaluated = set(kinds.self_evaluation)
    ordered = sorted(grids, key=lambda g: (g.page, -g.bbox[3]))  # pages, then top to bottom
    index = 0
    previous_money: Grid | None = None  # the grid before, when it was a money table's
    open_title: MoneyTitle | None = None  # and that table's title
    open_list: OpenList | None = None  # the list read last
    for i, grid in enumerate(ordered):
        first_on_page = i == 0 or ordered[i - 1].page != grid.page
        index = 0 if first_on_page else index + 1
        grid = replace(grid, index=index)
        kind = table_kind(grid, previous_money, first_on_page, open_title, open_list)
        readers_by_kind[kind.reader].feed(grid, kind, first_on_page, grid.page in evaluated)
        if kind.reader == LIST:
            open_list = open_list.after(grid, kind) if open_list else OpenList(grid, grid)
        previous_money = grid if kind.reader == MONEY else None
        open_title = kind.title or open_title if kind.reader == MONEY else None
    readers, opened = target.readers, target.opened
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
        target_pages=tuple(sorted({*kinds.target, *kinds.self_evaluation})),
        self_evaluation_pages=kinds.self_evaluation,
        pages_read=_pages_read(projects, total_rows),
        empty_pages=tuple(sorted({p for r in readers for p in r.empty_pages})),
        money_tables=(tables_read := money.reader.finish()),
        money_pages_unread=_money_unread(page_texts, tables_read, evaluated),
    )


def _money_unread(
    page_texts: list[str], tables: list[MoneyTable], evaluated: set[int]
) -> tuple[int, ...]:
    """Pages whose text prints a money table's title and no money table was read from;
    not a page that prints only the columns cut off a table read before it (上海's
    收入预算总表: its 其他收入 column on a page of its own, blank, under its title)."""
    read = {p for t in tables for p in t.pages}
    return tuple(
        p
        for p in money_pages(page_texts)
        if p not in read and p not in evaluated and not _cut_columns(p, page_texts, tables)
    )


def _cut_columns(page: int, page_texts: list[str], tables: list[MoneyTable]) -> bool:
    """Whether a page prints only the columns cut off the right of the table read before
    it: its title is that table's title, or the end of it the page edge left
    ("26年…" of "2026年…"), and it prints no amount (no digit but the title's)."""
    before = [t for t in tables if t.pages and max(t.pages) < page]
    title = find_money_title(page_texts[page - 1])
    if not before or title is None:
        return False
    last = max(before, key=lambda t: max(t.pages))
    rest = "".join(
        line for line in page_texts[page - 1].splitlines() if title.title not in squeeze(line)
    )
    return last.title.endswith(title.title) and not any(ch.isdigit() for ch in rest)


def _pages_read(projects: list[Project], total_rows: list[TotalRow]) -> tuple[int, ...]:
    """Every page a kept set was read from: where it opens, each indicator row's page,
    the pages between (a goal or a block running over a page with no row of its own),
    and the pages of a list's total rows."""
    pages: set[int] = {t.page for t in total_rows}
    for p in projects:
        last = max((row.page for row in p.indicators), default=p.page)
        pages.update(range(p.page, last + 1))
    return tuple(sorted(pages))
