"""What kind of table a grid is, decided once, before any reader sees it.

A 部门预算 document prints the standard money tables (DESIGN §7: 收支总表 …, kinds T01–T09
and the local extras X_*) and the target tables (绩效目标表) side by side. A money table is
known by its title: printed above the ruled area (the grid's caption) or inside it, in
its first rows (北京 frames the whole page). Which title names which kind is data
(``labels/money.yaml``: money_kind). A table continued on the next page prints no title:
it continues the money table before it when its columns are that table's and nothing
else intervened. Every other table is a target table: a list (its header prints project
and indicator columns in one row, ``lists.list_header``, or it goes on with the list on
the page before, under that list's columns) or else a card, for the card reader (which
ignores, itself, a table that is no card: a narrative table, a 收支总表 it cannot name).

The decision is a pure function of the grid, the money table before it and the open
list; ``annex`` looks the reader up by the key it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.document import LABEL_DATA, same_columns
from extractors.lists import ListHeader, continues_list, list_header
from extractors.model import Grid

MONEY, LIST, CARD = "money", "list", "card"

_KINDS: dict[str, tuple[str, ...]] = LABEL_DATA["money_kind"]
# the kind a title of another kind is when its note names another classification
_NOTE_KIND: dict[str, tuple[str, ...]] = LABEL_DATA["money_note_kind"]
_NOTE_OF: dict[str, str] = LABEL_DATA["money_note_of"]
_NOT_BUDGET: tuple[str, ...] = tuple(LABEL_DATA["money_not_budget"])
# what a title is compared in: no spaces, quotes or brackets around 三公
_NOISE = re.compile(r"[\s“”\"'‘’「」『』]")
# A table's printed number: 表5, 表 1, 表一, 表十一, 附表3, 预算01表, 预算表12, 预算14表-1, 公开01表
_CN_DIGITS = "一二三四五六七八九十"
NUMBER = re.compile(
    rf"(?:预算|公开|附|部门)?表\s*[0-9{_CN_DIGITS}]+(?:[-－]\d+)?"
    rf"|(?:预算|公开)\d+表(?:[-－]\d+)?"
)
# A contents entry ends in dot leaders or a page number; a sentence has its punctuation.
_CONTENTS_ENTRY = re.compile(r"(?:[.．…·。]{3,}|…+)\s*\d*$|\D\d{1,3}$")
_SENTENCE = re.compile(r"[，。；：:！？,;]")
# what may follow a title's kind variant: a note in brackets, "(按功能分类)", "（公开01表）"
_TITLE_END = re.compile(r"表(?:[（(][^（）()]{0,16}[）)])*$")
TITLE_MAX_CHARS = 60  # a title line longer than this is narrative that names a table


@dataclass(frozen=True)
class MoneyTitle:
    """A money table's title as printed: its kind, the title (spaces removed, the printed
    number cut off) and the printed number ("表5", "预算01表", "" when none)."""

    kind: str
    title: str
    number: str = ""


@dataclass(frozen=True)
class TableKind:
    """The decision for one grid: which reader (``money``, ``list`` or ``card``); for a
    money table its title (None: it continues the money table before it), for a list the
    header it prints (None: it goes on with the list before it)."""

    reader: str
    title: MoneyTitle | None = None
    list_header: ListHeader | None = None

    @property
    def continues(self) -> bool:
        return self.reader == MONEY and self.title is None


@dataclass(frozen=True)
class OpenList:
    """The list being read: the grid its header was last printed on, and its last part."""

    header: Grid
    last: Grid

    def after(self, grid: Grid, kind: TableKind) -> OpenList:
        """The open list once ``grid``, of kind ``kind`` (a list part), is read."""
        return OpenList(grid if kind.list_header is not None else self.header, grid)


def title_kind(line: str) -> str | None:
    """The kind a title line names: the longest money_kind variant it contains (a T05
    noted 按经济分类 is the economic extra); None for a line that is no money title (a
    sentence, a contents entry, a target table's)."""
    key = _NOISE.sub("", line)
    if (
        not key
        or len(key) > TITLE_MAX_CHARS
        or _SENTENCE.search(key)
        or _CONTENTS_ENTRY.search(key)
        or "绩效" in key  # 项目支出绩效目标表: a target table's title
        or any(word in key for word in _NOT_BUDGET)
        or not _TITLE_END.search(key)
    ):
        return None
    best: tuple[int, str | None] = (0, None)
    for kind, variants in _KINDS.items():
        for v in variants:
            if len(v) > best[0] and v in key:
                best = (len(v), kind)
    for other, notes in _NOTE_KIND.items():
        if _NOTE_OF[other] == best[1] and any(note in key for note in notes):
            return other
    return best[1]


def find_money_title(text: str) -> MoneyTitle | None:
    """The money title among a text's lines (a caption, a grid's top rows), nearest the
    table: the last one. Its number may stand on the line above it (深圳's "表 1")."""
    lines = [_NOISE.sub("", t) for t in text.splitlines()]
    for i in range(len(lines) - 1, -1, -1):
        kind = title_kind(lines[i])
        if kind is None:
            continue
        number = NUMBER.search(lines[i])
        title = lines[i]
        if number and number.start() == 0:
            title = title[number.end() :]
        elif number and number.end() == len(title):
            title = title[: number.start()]
        elif number:  # a number inside a line is no table number ("2026年…表3说明")
            number = None
        if number is None and i > 0 and (above := NUMBER.fullmatch(lines[i - 1])):
            number = above
        title = re.sub(r"^[（(][^（）()]*[）)]|[（(][^（）()]*[）)]$", "", title) or title
        return MoneyTitle(kind, title.strip("：:"), number.group(0) if number else "")
    return None


# A page listing this many money titles, each a line of its own, is a contents page:
# a table page prints one title, or two or three over small tables.
CONTENTS_TITLES = 4


def is_contents(text: str) -> bool:
    """A contents page (目录): it names every table, and holds none. Its second page
    prints no 目录 (深圳, 湖州: "（七）一般公共预算支出表…" line after line)."""
    lines = text.splitlines()
    head = _NOISE.sub("", "".join(lines[:3]))
    return "目录" in head or sum(title_kind(t) is not None for t in lines) >= CONTENTS_TITLES


def money_pages(page_texts: list[str]) -> tuple[int, ...]:
    """Pages (1-based) whose text prints a money table's title, contents pages not
    counted: found from text alone, so a page whose table is not read is known."""
    return tuple(
        i
        for i, text in enumerate(page_texts, start=1)
        if not is_contents(text) and find_money_title(text) is not None
    )


# Rows at a grid's top that print only a title or the unit (北京's framed pages): at most
# this many regions with text, no amounts.
_TITLE_ROW_REGIONS = 2


def title_rows(grid: Grid) -> int:
    """How many rows at the grid's top print its title, number or unit, not its header:
    rows with at most two texts, one of them a money title or a unit (单位：万元), and
    blank rows among them (北京 frames the page: title and unit are its first rows)."""
    count, titled = 0, False
    for r in range(min(grid.nrows, 4)):
        texts = [t for _, t in grid.row_regions(r) if t.strip()]
        if not texts:
            count += 1
            continue
        if len(texts) <= _TITLE_ROW_REGIONS and any(
            find_money_title(t) or _UNIT_LINE.search(t) for t in texts
        ):
            count, titled = r + 1, True
            continue
        break
    return count if titled else 0


_UNIT_LINE = re.compile(r"单位\s*[:：]")


def grid_title_text(grid: Grid) -> str:
    """The text a grid's title may be in: its caption, then its title rows."""
    rows = ["\n".join(t for t in grid.row_texts(r) if t) for r in range(title_rows(grid))]
    return "\n".join([grid.caption, *rows])


def table_kind(
    grid: Grid,
    previous_money: Grid | None,
    first_on_page: bool,
    open_title: MoneyTitle | None = None,
    open_list: OpenList | None = None,
) -> TableKind:
    """The kind of one grid. ``previous_money``: the grid read just before this one when
    it was part of a money table (None otherwise: a target table or nothing intervened);
    ``open_title``: that money table's title; ``open_list``: the list read last, if any.

    A money title in the caption or title rows opens a money table, unless it repeats
    the open table's title over the rest of it (深圳 prints "表 1 收支总表" on every page
    of it; 西安 FY2022 its title without its number). Without a title, a grid continues
    the money table before it when it is the first on the next page and its columns are
    that table's (``same_columns``); a
    caption that prints any other title (a 绩效目标表's) is a new table, and everything
    else is a target table: a list when it prints a list's header or goes on with the
    open list (``lists.continues_list``), else a card."""
    title = find_money_title(grid_title_text(grid))
    follows = (
        previous_money is not None
        and first_on_page
        and grid.page == previous_money.page + 1
        and (
            same_columns(grid, previous_money)
            or same_columns(_unframed(grid), _unframed(previous_money))
        )
    )
    if title is not None:
        # the title repeated over the rest of the table, with or without its number
        # (西安 FY2022 prints 表2 over the first page of its 收入总表 only)
        again = open_title is not None and (title.kind, title.title) == (
            open_title.kind,
            open_title.title,
        )
        return TableKind(MONEY) if follows and again else TableKind(MONEY, title)
    if follows and not _names_a_table(grid.caption):
        return TableKind(MONEY)
    if (header := list_header(grid)) is not None:
        return TableKind(LIST, list_header=header)
    if open_list is not None and continues_list(
        grid, first_on_page, open_list.last, open_list.header
    ):
        return TableKind(LIST)
    return TableKind(CARD)


# An outer column narrower than this holds no text: the margin between a page's frame
# and the table (北京's framed pages rule it on some pages of a table and not others).
FRAME_MARGIN = 6.0


def _unframed(grid: Grid) -> Grid:
    """The grid without its frame margins: hairline outer columns."""
    cols = list(grid.cols)
    while len(cols) > 3 and cols[1] - cols[0] < FRAME_MARGIN:
        cols.pop(0)
    while len(cols) > 3 and cols[-1] - cols[-2] < FRAME_MARGIN:
        cols.pop()
    return replace(grid, cols=tuple(cols))


def _names_a_table(caption: str) -> bool:
    """Whether a caption prints some table's title (…表 on a line of its own)."""
    return any(
        _TITLE_END.search(t) and not _SENTENCE.search(t)
        for t in (_NOISE.sub("", line) for line in caption.splitlines())
    )
