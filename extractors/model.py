"""The annex model: what extraction hands to normalisation.

Everything here holds text exactly as the PDF prints it (wrap breaks included); cleaning and
typing happen in ``normalize``. Pages are 1-based.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field

HORIZONS = ("midterm", "annual")


class ExtractionError(Exception):
    """A document that cannot be read, with the contract's reason code."""

    def __init__(self, reason_code: str, message: str) -> None:
        super().__init__(message)
        self.reason_code = reason_code


def out_of_memory(exc: BaseException) -> bool:
    """Whether an exception is the reader's address-space limit: MemoryError from Python
    or numpy, ENOMEM from the OS (a thread or mapping it could not create). Such a
    document is ``out_of_memory``, never a damaged file or an unreadable table."""
    return isinstance(exc, MemoryError) or (isinstance(exc, OSError) and exc.errno == errno.ENOMEM)


@dataclass(frozen=True)
class Grid:
    """One ruled table on one page, with merged cells resolved.

    ``text[r][c]`` holds a merged region's text at its top-left cell and ``""`` elsewhere;
    ``anchor[r][c]`` names the top-left cell of the region that covers ``(r, c)``.
    """

    page: int
    bbox: tuple[float, float, float, float]  # x0, y0, x1, y1 (PDF points, origin bottom-left)
    cols: tuple[float, ...]  # x of each column's left edge, then the last right edge
    text: list[list[str]]
    anchor: list[list[tuple[int, int]]]
    page_height: float = 842.0
    accuracy: float = 100.0  # camelot's parsing report for this table
    whitespace: float = 0.0
    index: int = 0  # order of the table on its page, top to bottom
    caption: str = ""  # the page's text lines between this table and the one above it
    # Text printed left of the ruled area, level with it, as (x where it starts, text)
    # per column of text: a list page inside one project block has no row rulings in
    # its project columns, and camelot's table then begins right of them.
    left_columns: tuple[tuple[float, str], ...] = ()

    @property
    def nrows(self) -> int:
        return len(self.text)

    @property
    def ncols(self) -> int:
        return len(self.text[0]) if self.text else 0

    def at(self, r: int, c: int) -> str:
        """Text of the region covering (r, c): merged cells read the same on every row."""
        ar, ac = self.anchor[r][c]
        return self.text[ar][ac]

    def row_texts(self, r: int) -> tuple[str, ...]:
        return tuple(t for _, t in self.row_regions(r))

    def row_regions(self, r: int) -> list[tuple[int, str]]:
        """(column of region start, text) for each distinct region crossing row r."""
        out: list[tuple[int, str]] = []
        seen: set[tuple[int, int]] = set()
        for c in range(self.ncols):
            a = self.anchor[r][c]
            if a not in seen:
                seen.add(a)
                out.append((c, self.at(r, c)))
        return out


@dataclass
class Funding:
    total: str | None = None
    fiscal: str | None = None
    other: str | None = None
    # whether the card prints a 财政拨款 line at all (a department card may split its total
    # into 项目支出 / 基本支出 instead): without one, total = fiscal + other cannot be judged
    fiscal_printed: bool = False
    # the other funding lines printed beside 财政拨款 and 其他资金, part of the total
    # (上年结转, 财政专户管理资金, 单位资金 …): the line's name (its label role after
    # FUNDING_LINE) -> the amount as printed
    lines: dict[str, str] = field(default_factory=dict)


# A funding label role naming one more line of the total: "line:上年结转" (labels/*.yaml)
FUNDING_LINE = "line:"


@dataclass
class IndicatorRow:
    horizon: str
    level1: str
    level2: str
    name: str
    target: str
    standard: str
    page: int
    row: int  # 0-based row of the table on that page
    table: int = 0  # which table of that page (Grid.index)
    weight: str = ""  # 分值 / 权重 as printed, where the table has that column
    activity: str = ""  # 活动 as printed, where a department form groups its rows by it
    # the row's unit column (度量单位 / 计量单位) as printed, where the table has one (also
    # joined into target): the table gives the unit, even where it prints only 万
    measure: str = ""
    # a self-evaluation table's (绩效自评表) 实际完成值 and 得分 as printed, beside the target
    actual: str = ""
    score: str = ""


# What a set's table reports: its targets (项目支出绩效目标表 …), or, in a 部门决算, the
# year's targets beside what was achieved and their scores (绩效自评表)
TARGET_TABLE, SELF_EVALUATION_TABLE = "target", "self_evaluation"


@dataclass
class Project:
    seq: int
    name: str
    implementing_unit: str = ""
    attribute: str = ""
    department: str = ""  # 主管部门 as printed (code included: "253_烟台市…")
    set_kind: str = "project"  # project | department (部门整体) | transfer (转移支付)
    table_kind: str = TARGET_TABLE  # TARGET_TABLE | SELF_EVALUATION_TABLE
    code: str = ""  # project code as printed, where the table has one
    # what the code names: the project, or (a list's 单位编码) the unit that runs it,
    # shared by all of that unit's sets
    code_scope: str = "project"
    weight_total: str = ""  # the total a weight column's header prints ("（90分）"), if any
    # (or a self-evaluation's 总分 row under 分值); the score that row prints under 得分
    score_total: str = ""
    # the 分值 a self-evaluation's money block prints (its budget execution's points, part
    # of 总分 beside the indicators' weights)
    funding_weight: str = ""
    funding_scored: bool = False  # the money block prints a 分值 column (filled or not)
    funding_unit: str = "万元"
    funding: dict[str, Funding] = field(default_factory=dict)
    goals: dict[str, str] = field(default_factory=dict)
    midterm_period: tuple[int, int] | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    page: int = 1
    #: the lowest camelot accuracy among the tables this project was read from
    table_accuracy: float = 100.0
    # the set's name cell is the previous set's: one merged name over several blocks
    # that print amounts of their own (北京's 培训类项目), parts of one project, so the
    # name and code repeat without being duplicates
    shares_name_cell: bool = False


@dataclass(frozen=True)
class TableReport:
    """Lineage of one table the annex was read from (camelot's parsing report)."""

    page: int
    index: int
    accuracy: float
    whitespace: float
    nrows: int
    ncols: int


@dataclass
class TotalRow:
    """A 合计 or unit-subtotal row of a list: not a set, but a sum that the sets it covers
    (the list's sets below it: all of them for 合计, those up to the next unit row for a
    unit subtotal) must add up to."""

    label: str
    kind: str  # grand_total | unit_subtotal
    page: int
    total: str | None  # as printed
    funding_unit: str = "万元"
    sets: list[Project] = field(default_factory=list, repr=False)


@dataclass
class Annex:
    issuer: str
    fiscal_year: int | None
    page_count: int
    producer: str = ""
    # what the document is, as its cover prints it (find_scope): 本级 / 汇总 / "" and
    # 部门预算 / 单位预算 / 部门决算 … / "" (no cover)
    scope: str = ""
    document_kind: str = ""
    projects: list[Project] = field(default_factory=list)
    tables: list[TableReport] = field(default_factory=list)
    total_rows: list[TotalRow] = field(default_factory=list)
    # Pages whose text prints a target table (found without camelot), pages that print
    # self-evaluation tables (绩效自评表), and pages any set was read from: a target page
    # not read is reported, never lost silently.
    target_pages: tuple[int, ...] = ()
    self_evaluation_pages: tuple[int, ...] = ()
    pages_read: tuple[int, ...] = ()
    # pages whose target table is printed empty (a template with no name, amount or row;
    # a 空表 with its note): read, and nothing in them
    empty_pages: tuple[int, ...] = ()
    # the standard money tables (DESIGN §7), in page order; pages that print a money
    # table's title and whose table was not read
    money_tables: list[MoneyTable] = field(default_factory=list)
    money_pages_unread: tuple[int, ...] = ()

    @property
    def unread_pages(self) -> tuple[int, ...]:
        read = {*self.pages_read, *self.empty_pages}
        return tuple(p for p in self.target_pages if p not in read)


# --- the standard money tables (DESIGN §7) ---------------------------------------------

#: The kinds of money table: T01–T09 of the 部门预算 template, X_* the local extras.
MONEY_KINDS = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09")


@dataclass
class MoneyAmount:
    """One printed amount of a line: the canonical column (``measure``, a role of
    ``labels/money.yaml``), the header path the page prints above it, and the amount as
    printed (thousands separators removed, nothing else changed)."""

    measure: str
    measure_raw: str
    printed: str


@dataclass
class MoneyLine:
    """One printed line of a money table (one side of a 收支总表's row is a line of its
    own). Codes are as the reader normalised them (function class to 3/5/7 digits, the
    level from its length); ``label`` is the name as printed."""

    seq: int
    label: str
    page: int
    row: int  # 0-based row of the table on that page
    table: int = 0  # Grid.index on that page
    function_code: str = ""
    function_level: str = ""  # 类 | 款 | 项 | ""
    economic_code: str = ""  # 部门预算支出经济分类 (301, 30101)
    economic_code_gov: str = ""  # 政府预算支出经济分类 (501, 50101)
    is_total: bool = False  # 合计 / 小计 / 总计 rows
    side: str = ""  # income | expense on a 收支总表 (T01, T04); "" elsewhere
    amounts: list[MoneyAmount] = field(default_factory=list)
    # the 预算单位 a line of a table printing a row per unit belongs to, as printed
    # ("119 西安市统计局"); "" for the table's own lines (its 合计 row)
    unit: str = ""
    # the classification the line's name belongs to: function | economic | economic_gov,
    # from its code or from its label column's header (西安's 收支总表 prints the expense
    # side three times: by function, by 部门 and by 政府 economic class); "" when unknown
    classification: str = ""


@dataclass
class MoneyTable:
    """One money table as printed, over however many pages it runs."""

    kind: str  # T01..T09, X_<name>
    title: str  # as printed
    number_printed: str = ""  # "表5", "05", "" when none
    unit: str = "万元"  # 万元 | 元 as the table's caption or header prints it
    pages: tuple[int, ...] = ()
    empty: bool = False  # printed with no line (空表, a note saying why)
    note: str = ""  # an empty table's note as printed ("本部门无政府性基金预算支出")
    lines: list[MoneyLine] = field(default_factory=list)
