"""The standard money tables (DESIGN §7) read from their grids into ``MoneyTable``s.

A money table is a header block (one or more rows, merged group cells) over data rows.
The reader runs in named steps: the header gives each column a role (a label, a
classification code or its 类/款/项 part, an amount with its measure from
``labels/money.yaml``); each data row becomes lines (a 收支总表's two sides are two lines;
a 三公经费 table that prints its parts as columns becomes one line per part); codes are
normalised to full function codes (3/5/7 digits, 类/款/项) or economic codes (301…,
政府 501…) whatever shape the page prints them in. Amounts stay as printed, thousands
separators and the gaps some producers set inside numbers removed.

The kind of each grid is decided before (``kinds.table_kind``); this module only reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.document import CAPTION_UNIT, LABEL_DATA, UNIT, cell_at, column_at, column_x
from extractors.kinds import MoneyTitle, TableKind, grid_title_text, title_rows
from extractors.model import Grid, MoneyAmount, MoneyLine, MoneyTable
from normalize.text import compact

MEASURES: dict[str, tuple[str, ...]] = LABEL_DATA["money_measure"]
TOTAL_ROW: tuple[str, ...] = tuple(LABEL_DATA["money_total_row"])
TOTAL_IN_KIND: dict[str, tuple[str, ...]] = LABEL_DATA["money_total_in_kind"]
SIDES: dict[str, tuple[str, ...]] = LABEL_DATA["money_side"]
CLASSIFICATIONS: dict[str, tuple[str, ...]] = LABEL_DATA["money_classification"]
CODE_HEADERS: tuple[str, ...] = tuple(LABEL_DATA["money_code_header"])
SANGONG_PARTS: tuple[str, ...] = tuple(LABEL_DATA["money_sangong_part"])
_SANGONG_BESIDE: tuple[str, ...] = tuple(LABEL_DATA["money_sangong_beside"])
IGNORED: frozenset[str] = frozenset(LABEL_DATA["money_ignored_header"])
UNIT_HEADERS: frozenset[str] = frozenset(LABEL_DATA["money_unit_header"])
TWO_SIDED = frozenset({"T01", "T04"})  # 收支总表s: income side, expense side

_QUOTES = re.compile(r"[“”\"'‘’]")
_NOTE = re.compile(r"[（(][^（）()]*[）)]")
_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
# An amount as printed: digits, thousands separators, the gaps some producers set inside
# numbers ("32,365. 090089"), a sign.
_AMOUNT = re.compile(r"^[-−]?\d[\d,，]*(?:\.\d+)?$")
_BLANK = frozenset({"", "-", "—", "–", "－", "——", "--", "/", "／"})
# A code printed before a name in one cell ("2010801-行政运行", "50101-工资奖金津补贴",
# 广州's "[201]一般公共服务支出")
_CODE_NAME = re.compile(
    r"^[\[【［]?(\d{3}(?:\d{2}){0,2})(?!\d)[\]】］]?\s*[-—－_.、:：]?\s*(.*)$", re.S
)
# a cell line that opens with a code and its name, the separator printed (2080506-…)
_CODE_LINE = re.compile(r"^\s*[\[【［]?\d{3}(?:\d{2}){0,2}(?!\d)[\]】］]?\s*[-—－]")
# "其中：" before a header that is part of the column beside it (其中：基本支出)
_AMONG = re.compile(r"^其中[:：]?")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")
# a numbered label: 一、 1. （一）
NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])"
)
# the first digit of a code says its classification (功能分类 2xx, 部门经济分类 3xx,
# 政府经济分类 5xx)
FUNCTION, ECONOMIC, ECONOMIC_GOV = "function", "economic", "economic_gov"
_CLASS_BY_DIGIT = {"2": FUNCTION, "3": ECONOMIC, "5": ECONOMIC_GOV}
_LEVEL = {3: "类", 5: "款", 7: "项"}
_SPLIT_PARTS = ("类", "款", "项")
_DIGITS = re.compile(r"\d{3,10}")


def squeeze(text: str) -> str:
    """Printed text compared as a label: no spaces, breaks or quotes."""
    return _QUOTES.sub("", compact(text)).replace(" ", "")


def amount_text(cell: str) -> str:
    """An amount cell as printed minus separators and gaps ("" for a blank, -, —)."""
    text = re.sub(r"[\s,，]", "", cell)
    return "" if text in _BLANK else text


def _is_amount(cell: str) -> bool:
    return bool(_AMOUNT.match(re.sub(r"\s", "", cell)))


def _numbering_row(texts: list[str]) -> bool:
    """A row that numbers the columns (栏次 1 2 3 …; 长沙 and 湖州 print ** over the label
    columns): part of no header, no line."""
    cells = [squeeze(t) for t in texts if t.strip()]
    return (
        bool(cells)
        and all(c in ("栏次", "栏号") or c.strip("*＊") == "" or c.isdigit() for c in cells)
        and any(c.isdigit() and len(c) <= 2 for c in cells)
    )


def is_data_row(grid: Grid, r: int) -> bool:
    """A row that prints a line: an amount, a code, a numbered heading (一、…)."""
    texts = [t for _, t in grid.row_regions(r) if t.strip()]
    if _numbering_row(texts):
        return False
    return any(
        _is_amount(t) or bool(_code_class(squeeze(t))) or _ORDINAL.match(squeeze(t)) for t in texts
    )


def _code_class(text: str) -> str:
    m = _CODE_NAME.match(text)
    return _CLASS_BY_DIGIT.get(m.group(1)[0], "") if m else ""


# --- the header -------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column's role, read from the header: ``x`` finds it on every part of the table
    (``document.cell_at``); ``path`` is the header's levels above it, top down."""

    x: float
    role: str  # label | unit | code | amount
    path: tuple[str, ...]
    measure: str = ""
    side: str = ""  # income | expense on a 收支总表, else ""
    part: str = ""  # 类 | 款 | 项 of a split code column; "" for a whole code
    group: int = 0  # the label column it reads with (a 收支总表 prints several)
    classification: str = ""  # a label column's, by its header (money_classification)


@dataclass(frozen=True)
class Layout:
    """How a table's columns read, and whether its 三公 parts are columns."""

    columns: tuple[Column, ...]
    parts_as_columns: bool = False


def _normalised(level: str, current_year: int | None) -> str:
    """A header level as matched: notes and quotes off, a year as 本年 or 上年."""

    def year(m: re.Match[str]) -> str:
        return "上年" if current_year and int(m.group(1)) < current_year else "本年"

    text = _AMONG.sub("", _YEAR.sub(year, squeeze(level)))
    return _NOTE.sub("", text) or text


def measure_of(path: tuple[str, ...], current_year: int | None) -> str:
    """The measure a column's header path names: the lowest level that names one; a
    total (合计, 小计, 预算数) under a level naming another measure takes that one
    ("基本支出/小计" is basic, "上年结转/小计" carryover); "" when no level names one."""
    found = [_measure(_normalised(level, current_year)) for level in path]
    named = [m for m in found if m]
    if not named or not found[-1]:
        return ""
    if found[-1] != "total":
        return found[-1]
    return next((m for m in reversed(named) if m != "total"), "total")


def _measure(level: str) -> str:
    for role, variants in MEASURES.items():
        if level in variants:
            return role
    return ""


def header_paths(grid: Grid, rows: range) -> list[tuple[str, ...]]:
    """Each column's header levels, top down: the text of the region covering it on each
    header row (a merged group cell names every column under it), repeats dropped. Levels
    are kept as printed but for spaces (a part's header is its line's label: “三公”经费合计),
    and compared ``_normalised``."""
    paths: list[tuple[str, ...]] = []
    for c in range(grid.ncols):
        levels: list[str] = []
        for r in rows:
            text = compact(grid.at(r, c))
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        paths.append(tuple(levels))
    return paths


def _column_role(path: tuple[str, ...], data: list[str], measure: str, year: int | None) -> str:
    """label | unit | code | amount | "" (a column with nothing in it, or one that
    numbers the rows: 序号). A column printed blank under a header naming a measure, a 三公 part
    or a column printed beside them (机关运行经费)
    is an amount column (重庆's 因公出国（境）费 under no measure of its own)."""
    if path and path[-1] in IGNORED:
        return ""
    if path and _NOTE.sub("", path[-1]) in UNIT_HEADERS:
        return "unit"
    # one column under 单位编码 and 单位名称 (西安 FY2026: "119 西安市统计局") names the unit
    if path and any(path[-1].endswith(h) for h in UNIT_HEADERS if len(h) > 2):
        return "unit"
    if path and "名称" in path[-1] and any(h in path[-1] for h in CODE_HEADERS if len(h) > 1):
        # one header cell over a code column and a name column (西安 FY2026's
        # 功能科目编码 功能科目名称): which is which, its cells say
        filled = [squeeze(t) for t in data if squeeze(t)]
        codes = sum(bool(_DIGITS.fullmatch(t)) for t in filled)
        return "code" if filled and codes * 2 > len(filled) else "label"
    if path and (
        path[-1] in _SPLIT_PARTS
        or any(h in level for level in path for h in CODE_HEADERS if len(h) > 1)
    ):
        return "code"
    filled = [t for t in data if amount_text(t)]
    if measure:
        return "amount"
    if not path and not filled:
        return ""
    if not filled and any(
        _measure(_normalised(level, year))
        or any(p in level for p in (*SANGONG_PARTS, *_SANGONG_BESIDE))
        for level in path
    ):
        return "amount"
    numeric = sum(_is_amount(t) for t in filled)
    return "amount" if filled and numeric * 2 > len(filled) else "label"


def classification_of(path: tuple[str, ...]) -> str:
    """The classification a label column's header names (money_classification), or ""."""
    for level in path:
        for name, words in CLASSIFICATIONS.items():
            if any(w in level for w in words):
                return name
    return ""


def read_layout(grid: Grid, header: range, data: range, kind: str, year: int | None) -> Layout:
    """The columns of a table from its header rows (and, for a column whose header names
    no role, what its data rows print)."""
    paths = header_paths(grid, header)
    columns: list[Column] = []
    for c, path in enumerate(paths):
        measure = measure_of(path, year)
        role = _column_role(path, [grid.at(r, c) for r in data], measure, year)
        if not role:
            continue
        part = path[-1] if role == "code" and path and path[-1] in _SPLIT_PARTS else ""
        named = classification_of(path) if role == "label" else ""
        columns.append(
            Column(column_x(grid, c), role, path, measure, part=part, classification=named)
        )
    columns = _with_sides(columns) if kind in TWO_SIDED else columns
    parts = kind == "T07" and any(
        p in level for col in columns for level in col.path for p in SANGONG_PARTS
    )
    return Layout(tuple(_measures_named(columns)), parts)


def _with_sides(columns: list[Column]) -> list[Column]:
    """A 收支总表's columns on their side: each label column opens a group of columns (a
    line of its own), the first group income and the next ones expense unless the header
    names them (收入 │ 支出). 西安 prints three expense groups side by side (function,
    economic and government economic classes), each a line."""
    out: list[Column] = []
    group = -1
    for col in columns:
        if col.role == "label" or group < 0:
            group += 1
        named = next((s for level in col.path for s, names in SIDES.items() if level in names), "")
        side = named or ("income", "expense")[min(group, 1)]
        out.append(replace(col, side=side, group=group))
    return out


def _measures_named(columns: list[Column]) -> list[Column]:
    """Each amount column's measure as the contract names it: a side's one amount column
    is the side (income, expense), several are side_measure; a column whose header names
    no measure, or one another column of its side took, is raw:<path>."""
    out: list[Column] = []
    taken: set[tuple[int, str]] = set()
    # levels over every amount column (北京's 预算数) say nothing of one: not in its raw name
    amounts = [c.path for c in columns if c.role == "amount"]
    shared = 0
    while len(amounts) > 1 and all(
        len(p) > shared + 1 and p[shared] == amounts[0][shared] for p in amounts
    ):
        shared += 1
    for col in columns:
        if col.role != "amount":
            out.append(col)
            continue
        measure = col.measure
        if not measure or (col.group, measure) in taken:
            measure = "raw:" + "/".join(col.path[shared:])
        taken.add((col.group, measure))
        if col.side:
            alone = sum(c.role == "amount" and c.group == col.group for c in columns) == 1
            measure = col.side if alone else f"{col.side}_{measure}"
        out.append(replace(col, measure=measure))
    return out


# --- rows into lines --------------------------------------------------------------------


_SPLIT = "split:"  # a label's class is that of the split code columns before it


@dataclass
class _Codes:
    """Codes carried down a table printed with split 类 │ 款 │ 项 columns: a row that
    prints only its 款 or 项 part belongs to the 类 (and 款) above it."""

    lei: str = ""
    kuan: str = ""

    def split(self, parts: dict[str, str]) -> str:
        lei, kuan, xiang = (re.sub(r"\D", "", parts.get(p, "")) for p in _SPLIT_PARTS)
        if not (lei or kuan or xiang):
            return ""
        # a part printed in full (a 款 column holding 20108) holds what it extends
        if len(xiang) == 7:
            lei, kuan, xiang = xiang[:3], xiang[3:5], xiang[5:]
        elif len(kuan) == 5:
            lei, kuan = kuan[:3], kuan[3:]
        if lei and not (kuan or xiang):  # a 类 row: the 款 above is done
            self.kuan = ""
        lei = lei or self.lei
        kuan = kuan or (self.kuan if xiang else "")
        self.lei, self.kuan = lei, kuan or self.kuan
        return lei + kuan + xiang if lei and (kuan or not xiang) else ""


@dataclass
class _Side:
    labels: list[str] = field(default_factory=list)
    classification: str = ""  # its label column's header names one
    unit: str = ""  # the unit column's text (预算单位)
    codes: list[str] = field(default_factory=list)
    # per label, the class of the code column printed left of it ("" for none)
    label_classes: list[str] = field(default_factory=list)
    # split 类 │ 款 │ 项 code columns, a dict per classification printed so (烟台's T06:
    # 部门 301 │ 01 │ name, then 政府 501 │ 01 │ name): a part printed again opens the next
    splits: list[dict[str, str]] = field(default_factory=list)
    amounts: list[MoneyAmount] = field(default_factory=list)


def overflow(text: str) -> tuple[str, str]:
    """A label cell's text split into the overflow of the row above and its own: a
    wrapped name that runs past its row's ruling prints its last line at the top of the
    next row's cell (北京's "缴费支出⏎2080506-机关事业单位职业年金"). Only a cell whose own
    text opens with a code and name, the lines above it none, has an overflow."""
    lines = text.split("\n")
    own = next((i for i, t in enumerate(lines) if _CODE_LINE.match(t)), 0)
    return "\n".join(lines[:own]), "\n".join(lines[own:])


def _line(
    side: _Side, side_name: str, splits: dict[int, _Codes], page: int, row: int, table: int
) -> MoneyLine | None:
    """One side of a row as a line; None when it prints nothing (a blank side)."""
    codes: dict[str, str] = {}
    split_class: dict[str, str] = {}  # "split:k" -> the class of that split code
    for k, parts in enumerate(side.splits):
        if code := splits.setdefault(k, _Codes()).split(parts):
            split_class[f"{_SPLIT}{k}"] = _CLASS_BY_DIGIT.get(code[0], "")
            codes.setdefault(split_class[f"{_SPLIT}{k}"], code)
    label_classes = [split_class.get(c, c) for c in side.label_classes]
    label = ""
    for text in side.codes:
        digits = re.sub(r"\s", "", text)
        if re.fullmatch(r"\d{3}(?:\d{2}){0,2}", digits):
            codes.setdefault(_CLASS_BY_DIGIT.get(digits[0], ""), digits)
        elif (m := _CODE_NAME.match(compact(text))) and m.group(2):
            # the code column holds the name too: a page whose code │ name ruling is not
            # drawn (广州's continuation page: "2210203 　　购房补贴" under 科目编码 科目名称)
            codes.setdefault(_CLASS_BY_DIGIT.get(m.group(1)[0], ""), m.group(1))
            label = label or m.group(2)
        elif is_total_label(compact(text)):  # 合计 printed under 科目编码 (福州's T06)
            label = label or compact(text)
    # a row printing two classifications (部门 │ 政府 economic class, each code │ name) is
    # named by its first: the name beside that code
    primary = next((c for c in (FUNCTION, ECONOMIC, ECONOMIC_GOV) if c in codes), "")
    named = len(set(label_classes) & set(codes)) > 1
    # a row that prints no code and several texts lists an item, not a classification:
    # its name is its first text, the rest describe it (烟台's 项目支出表: 项目名称 │
    # 项目类别; 无锡's 政府采购: 采购项目 │ 采购品目 │ … │ 采购组织形式)
    item = not codes and not side.codes and len(side.labels) > 1
    for text, beside in zip(side.labels, label_classes, strict=True):
        name = compact(text)  # as printed, quotes kept (“三公”经费合计)
        m = _CODE_NAME.match(name)
        if m and (cls := _CLASS_BY_DIGIT.get(m.group(1)[0])) and m.group(2):
            codes[cls] = m.group(1)
            name = m.group(2)
        if named and beside != primary:
            continue
        if item and label:
            continue  # an item list's name comes first: what follows describes it
        label = name or label  # the most detailed classification is printed rightmost
    unit_total = not label and not codes and bool(side.unit)
    if unit_total:  # a row naming only its unit: the unit's total (深圳's 预算单位)
        label = side.unit
    if not (side.amounts or label or codes):
        return None
    function = codes.get(FUNCTION, "")
    coded = next((c for c in (FUNCTION, ECONOMIC, ECONOMIC_GOV) if c in codes), "")
    return MoneyLine(
        classification=coded or side.classification,
        seq=0,
        label=label,
        page=page,
        row=row,
        table=table,
        function_code=function,
        function_level=_LEVEL.get(len(function), ""),
        economic_code=codes.get(ECONOMIC, ""),
        economic_code_gov=codes.get(ECONOMIC_GOV, ""),
        is_total=unit_total or is_total_label(label),
        side=side_name,
        amounts=side.amounts,
    )


_NOTE_WORDS = re.compile(r"^注|本(?:部门|单位).{0,20}无|没有")


def _is_note(line: MoneyLine) -> bool:
    """A row that only says why a table is empty ("注：本部门无政府性基金预算支出")."""
    return not line.amounts and bool(_NOTE_WORDS.search(line.label))


def _nonzero(amount: MoneyAmount) -> bool:
    return amount.printed.strip("0.-−") != ""


def is_total_label(label: str, kind: str = "") -> bool:
    """合计 / 总计 / 小计 rows, 收入总计 and 支出总计 among them; in a table of ``kind``,
    the lines that kind totals by name (T07's 三公经费 and 公务用车购置及运行费)."""
    key = squeeze(label)
    return any(key.endswith(t) for t in TOTAL_ROW) or any(
        t in key for t in TOTAL_IN_KIND.get(kind, ())
    )


def _row_sides(grid: Grid, r: int, layout: Layout) -> dict[tuple[int, str], _Side]:
    """A row's cells by the group of columns they read with (its side on a 收支总表). A
    region a column to the left read already is no amount: a label merged over the amount
    columns (江苏's "支出合计" across both expense groups) is not printed as one."""
    sides: dict[tuple[int, str], _Side] = {}
    beside: dict[tuple[int, str], str] = {}
    read: set[tuple[int, int]] = set()
    for col in layout.columns:
        side = sides.setdefault((col.group, col.side), _Side())
        c = column_at(grid, col.x)
        text = grid.at(r, c) if c >= 0 else ""
        region = grid.anchor[r][c] if c >= 0 else (-1, -1)
        if region in read and col.role == "amount":
            continue
        read.add(region)
        if col.role == "label":
            side.labels.append(text)
            side.classification = col.classification or side.classification
            side.label_classes.append(beside.get((col.group, col.side), ""))
        elif col.role == "unit":  # a code column and a name column: "263 西安市商务局"
            side.unit = " ".join(t for t in (side.unit, compact(text)) if t)
        elif col.role == "code" and col.part:
            if not side.splits or col.part in side.splits[-1]:
                side.splits.append({})
            side.splits[-1][col.part] = text
            beside[(col.group, col.side)] = f"{_SPLIT}{len(side.splits) - 1}"
        elif col.role == "code":
            side.codes.append(text)
            beside[(col.group, col.side)] = _CLASS_BY_DIGIT.get(squeeze(text)[:1], "")
        elif printed := amount_text(text):
            side.amounts.append(MoneyAmount(col.measure, "/".join(col.path), printed))
    return sides


def _part_name(col: Column, amounts: list[Column], year: int | None) -> str:
    """A part column's line label: its header above any fund it splits into (深圳's
    因公出国(境)费/一般公共预算); a 小计 under a group names the group
    (公务用车购置及运行费/小计 is 公务用车购置及运行费), unless the group stands over every
    amount column (长沙's 三公经费预（决）算数/小计: that 小计 is the table's)."""
    path = list(col.path)
    while len(path) > 1 and _measure(_normalised(path[-1], year)) not in ("", "total"):
        path.pop()
    part = path[-1] if path else ""
    if part == "小计" and len(path) > 1:
        depth = len(path) - 2
        parent = path[depth]
        if not all(len(c.path) > depth and c.path[depth] == parent for c in amounts):
            return parent
    return part


def _part_measure(col: Column, row_label: str, row_measure: str, year: int | None) -> str:
    """The measure of one part cell: a year group above it (2025年预算数: prior_year), the
    row's (a row per year: 深圳's 2025年, 增减变化金额), else the column's own fund
    (一般公共预算 under the part) or total. A row's measure over a fund column has no
    canonical name: raw:<row>/<fund>."""
    groups = [_measure(_normalised(level, year)) for level in col.path[:-1]]
    group = next((m for m in groups if m in ("prior_year", "change", "change_pct")), "")
    own = measure_of(col.path, year)
    own = "" if own == "total" else own
    if group:
        return group
    if row_measure not in ("", "total"):
        return f"raw:{row_label}/{col.path[-1]}" if own else row_measure
    return own or "total"


def _part_lines(
    grid: Grid, r: int, layout: Layout, year: int | None, lines: dict[str, MoneyLine]
) -> None:
    """A 三公 row whose parts are columns: each part's amount goes to the part's line
    (``_part_name``), its measure from the row, the column's group or its fund
    (``_part_measure``). Rows that name a measure (2025年) add to the parts' lines; rows
    that name none (合计, one row per unit: 西安, 湖州) are lines of their own."""
    labels = [c for c in layout.columns if c.role in ("label", "unit")]
    row_label = "".join(squeeze(cell_at(grid, r, c.x)) for c in labels)
    # the unit a row is of, with its code where a column prints it (西安: 234 │ 西安市气象局)
    named = [c for c in layout.columns if c.role in ("code", "unit")]
    unit = " ".join(" ".join(cell_at(grid, r, c.x).split()) for c in named).strip()
    unit = "" if is_total_label(unit) else unit  # the table's 合计 row is no unit's
    # the unit column names whose row it is, never a measure
    measured = "".join(squeeze(cell_at(grid, r, c.x)) for c in labels if c.role == "label")
    row_measure = measure_of((measured,), year) if measured else ""
    amounts = [c for c in layout.columns if c.role == "amount"]
    printed_row = {col.x: amount_text(cell_at(grid, r, col.x)) for col in amounts}
    if not any(printed_row.values()):
        return
    for col in amounts:
        part = _part_name(col, amounts, year)
        key = f"{r if row_label and not row_measure else ''}:{part}"
        line = lines.setdefault(
            key,
            MoneyLine(0, part, grid.page, r, grid.index, is_total=is_total_label(part), unit=unit),
        )
        if printed := printed_row[col.x]:  # a part printed blank is a line with no amount
            measure = _part_measure(col, compact(measured), row_measure, year)
            line.amounts.append(MoneyAmount(measure, "/".join(col.path), printed))


# --- the reader -------------------------------------------------------------------------


@dataclass
class _Open:
    table: MoneyTable
    layout: Layout | None
    year: int | None
    codes: dict[str, dict[int, _Codes]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    lines: list[MoneyLine] = field(default_factory=list)
    by_group: dict[int, list[MoneyLine]] = field(default_factory=dict)  # lines per group


class MoneyReader:
    """Reads the money tables of one document, fed their grids in page order with the
    kind ``kinds.table_kind`` decided; ``finish`` hands back the tables."""

    def __init__(self) -> None:
        self.tables: list[MoneyTable] = []
        self.open: _Open | None = None

    def feed(self, grid: Grid, kind: TableKind) -> None:
        if kind.title is not None or self.open is None:
            self._start(grid, kind.title)
        assert self.open is not None
        state = self.open
        if grid.page not in state.table.pages:
            state.table.pages = (*state.table.pages, grid.page)
        start = title_rows(grid)
        first_data = next((r for r in range(start, grid.nrows) if is_data_row(grid, r)), grid.nrows)
        data = range(first_data, grid.nrows)
        header_again = first_data > start
        if (
            header_again
            and kind.title is None
            and state.layout is not None
            and not _repeats_header(grid, start, first_data, state.layout)
        ):  # rows printing no amount on the next page, no header again
            header_again = False
            cut = self._cut_row_rest(grid, start, state)
            data = range(start + cut, grid.nrows)
        elif header_again and kind.title is None and state.layout is not None:
            # the header printed again over the rest of the table ends at its last row
            # printing a level of the header read before: rows under it that print labels
            # only are lines (重庆, 湖州's 表04: "(三)国有资本经营预算拨款", "上年结转结余")
            last = _last_header_row(grid, start, first_data, state.layout)
            data = range(last + 1, grid.nrows)
            first_data = last + 1
        if header_again or state.layout is None:  # a header printed (or repeated)
            header = range(start, first_data)
            header_rows = [r for r in header if not _numbering_row(list(grid.row_texts(r)))]
            state.layout = read_layout(
                grid,
                range(header_rows[0], header_rows[-1] + 1) if header_rows else header,
                data,
                state.table.kind,
                state.year,
            )
            state.table.unit = _unit(grid, header, state.table.unit)
        self._read_rows(grid, data, state)

    def _start(self, grid: Grid, title: MoneyTitle | None) -> None:
        title = title or MoneyTitle("X_unknown", "")
        text = grid_title_text(grid)
        years = [int(y) for y in _YEAR.findall(squeeze(text + "".join(grid.row_texts(0))))]
        if not years:  # no year over the table: the years its rows name (深圳's 2025年, 2026年)
            cells = "".join(t for r in range(grid.nrows) for t in grid.row_texts(r))
            years = [int(y) for y in _YEAR.findall(squeeze(cells))]
        table = MoneyTable(
            kind=title.kind,
            title=title.title,
            number_printed=title.number,
            unit=_unit(grid, range(0), "万元"),
        )
        self.tables.append(table)
        self.open = _Open(table, None, max(years) if years else None)

    def _cut_row_rest(self, grid: Grid, r: int, state: _Open) -> bool:
        """Whether row r, the first of a part on the next page, is the rest of the row the
        page break cut (江苏's WPS tables: "八、社会保障和就" │ "业支出"): it prints labels
        only, none numbered, each in a group whose last line is on the page before and
        whose lines are numbered (一、 1.) but for a few (当年收入│小计); they are added to
        those lines' labels. (A table whose lines are not numbered does not tell a new
        line from a cut one: its rows stay lines.)"""
        assert state.layout is not None
        rest = {
            group: content
            for (group, _), content in _row_sides(grid, r, state.layout).items()
            if any(t.strip() for t in content.labels) or content.amounts or content.codes
        }
        if not rest or any(
            content.amounts
            or any(t.strip() for t in content.codes)
            or any(NUMBERED.match(squeeze(t)) for t in content.labels)
            or not _numbered_group(state.by_group.get(group, []))
            or state.by_group[group][-1].page != grid.page - 1
            for group, content in rest.items()
        ):
            return False
        for group, content in rest.items():
            line = state.by_group[group][-1]
            line.label += "".join(squeeze(t) for t in content.labels)
            line.is_total = is_total_label(line.label)
        return True

    def _read_rows(self, grid: Grid, data: range, state: _Open) -> None:
        layout = state.layout
        assert layout is not None
        table = state.table
        parts: dict[str, MoneyLine] = {}
        for r in data:
            if (note := _full_width_text(grid, r)) is not None:
                whole = MoneyLine(0, note, grid.page, r, grid.index)
                if _is_note(whole):
                    state.notes.append(note)
                else:
                    state.lines.append(whole)
                continue
            if layout.parts_as_columns:
                _part_lines(grid, r, layout, state.year, parts)
                continue
            for (group, side), content in _row_sides(grid, r, layout).items():
                codes = state.codes.setdefault(str(group), {})
                split = [overflow(t) for t in content.labels]
                above = state.by_group.get(group, [])
                if any(rest for rest, _ in split) and above and above[-1].function_code:
                    content.labels = [own for _, own in split]
                    # the rest of the name the line above is labelled by (its rightmost
                    # name); a classification's name beside it is not kept
                    last = max((i for i, t in enumerate(content.labels) if t.strip()), default=-1)
                    if last >= 0 and split[last][0]:
                        above[-1].label += squeeze(split[last][0])
                line = _line(content, side, codes, grid.page, r, grid.index)
                if line is not None and _is_note(line):
                    state.notes.append(line.label)
                elif line is not None:
                    state.lines.append(line)
                    state.by_group.setdefault(group, []).append(line)
        state.lines += parts.values()
        for line in state.lines:
            line.is_total = line.is_total or is_total_label(line.label, table.kind)
        # a table whose lines print no amount is printed empty (空表): a 合计 row with
        # blank cells, a note saying why
        # blank cells or a 合计 of 0.00 (福州), a note saying why
        table.empty = not any(
            a for line in state.lines for a in line.amounts if _nonzero(a) or not line.is_total
        )
        table.lines = [] if table.empty else state.lines
        for seq, line in enumerate(table.lines, start=1):
            line.seq = seq
        table.note = "".join(dict.fromkeys(state.notes)) if table.empty else ""

    def finish(self) -> list[MoneyTable]:
        return self.tables


def _full_width_text(grid: Grid, r: int) -> str | None:
    """The text of a row printed as one cell across the table (a note, "注：本部门无…"),
    else None: read column by column, its text would be every column's amount."""
    regions = grid.row_regions(r)
    if grid.ncols < 2 or len(regions) != 1 or _is_amount(regions[0][1]):
        return None
    return squeeze(regions[0][1]) or None


def _numbered_group(lines: list[MoneyLine]) -> bool:
    """Whether most labelled lines of a column group are numbered (一、 1. （一）)."""
    labelled = [line.label for line in lines if line.label]
    return len(labelled) < 2 * sum(bool(NUMBERED.match(label)) for label in labelled)


def _repeats_header(grid: Grid, start: int, first_data: int, layout: Layout) -> bool:
    """Whether a continued part's rows above its first data row print the table's header
    again: one of them prints a level of the header read before."""
    levels = {level for col in layout.columns for level in col.path}
    return any(squeeze(t) in levels for r in range(start, first_data) for t in grid.row_texts(r))


def _last_header_row(grid: Grid, start: int, first_data: int, layout: Layout) -> int:
    """The last row above a continued part's first data row printing a level of the
    header read before (the header repeated ends there)."""
    levels = {level for col in layout.columns for level in col.path}
    return max(
        (
            r
            for r in range(start, first_data)
            if any(squeeze(t) in levels for t in grid.row_texts(r))
        ),
        default=first_data - 1,
    )


def _unit(grid: Grid, header: range, default: str) -> str:
    """The unit the table prints: its caption or title rows (单位：万元, 金额单位：元),
    else its header ("金额（万元）"), else what it had."""
    if m := CAPTION_UNIT.search(squeeze(grid_title_text(grid))):
        return m.group(1)
    for r in header:
        for text in grid.row_texts(r):
            if m := UNIT.search(squeeze(text)) or CAPTION_UNIT.search(squeeze(text)):
                return m.group(1)
    return default
