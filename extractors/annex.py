"""Grids and page text into target sets (the annex model), by the labels tables print.

Nothing here depends on column positions: every field is found by its printed label
(项目名称, 中期资金总额, 三级指标 ...) and values are the regions that follow the label, so
Word, Excel and WPS layouts with different spans read the same. The card families of
published documents (DESIGN §2b: the seed's card, annual-only cards, cards with weights,
cards named only by their title, flat cards, 部门整体 cards) differ in wording and in which
blocks they print; each family's label variants are a data file (``labels/*.yaml``),
merged into the tables the shared mechanism reads, not branches.
Long lists and serialized rows (issue #12) are not read yet.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from extractors.model import (
    HORIZONS,
    Annex,
    Funding,
    Grid,
    IndicatorRow,
    Project,
    TableReport,
)
from normalize.text import clean_text, compact


def _label_data() -> dict[str, Any]:
    """The label variants of every card family (``labels/<family>.yaml``), merged: a
    section of roles gains each file's variants (roles in the order first seen); a plain
    list (task_total_row) is concatenated; an opener maps a role to the kind of set."""
    merged: dict[str, Any] = {}
    for path in sorted(LABEL_DIR.glob("*.yaml")):
        for section, content in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(content, list):
                merged[section] = (*merged.get(section, ()), *content)
                continue
            table = merged.setdefault(section, {})
            for role, value in content.items():
                table[role] = value if isinstance(value, str) else (*table.get(role, ()), *value)
    return merged


LABEL_DIR = Path(__file__).parent / "labels"
_DATA = _label_data()
# Head fields (项目名称, 实施单位, 主管部门 …), the labels that open a target set (and its
# kind), funding rows, a 部门整体 card's task block, indicator header columns, goals.
LABELS: dict[str, tuple[str, ...]] = _DATA["head"]
OPENERS: dict[str, str] = _DATA["openers"]
FUNDING_LABELS: dict[str, tuple[str, ...]] = _DATA["funding"]
TASK_COLUMNS: dict[str, tuple[str, ...]] = _DATA["task_columns"]
TASK_TOTAL_ROW: tuple[str, ...] = _DATA["task_total_row"]
HEADER_ROLES: dict[str, tuple[str, ...]] = _DATA["header"]
GOAL_LABELS: dict[str, tuple[str, ...]] = _DATA["goals"]
TITLE = re.compile(r"(?P<issuer>[^\s\d]\S*?)(?P<year>(19|20)\d{2})年度?(部门)?项目支出绩效目标表")
PERIOD = re.compile(r"((?:19|20)\d{2})年?[—\-–~至到]+((?:19|20)\d{2})年?")
UNIT = re.compile(r"[（(]\s*(万元|元)\s*[）)]")
SUBTITLE = re.compile(r"^[（(]\s*(19|20)\d{2}\s*年度\s*[）)]\s*")


_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def _head_label(text: str) -> tuple[str | None, str]:
    """The head label a region prints, and a value printed in the same region when the
    rule between them is missing ("专项（项目）名称 伯乐奖")."""
    role = _role(text, LABELS)
    if role is not None:
        return role, ""
    head, *rest = re.split(r"\s+", text.strip(), maxsplit=1)
    role = _role(head, LABELS)
    return (role, rest[0]) if role is not None and rest else (None, "")


def _role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    key = compact(text).rstrip("：:")
    bare = _NOTE.sub("", key).rstrip("：:")
    for role, variants in table.items():
        if any(k == v or k.endswith(v) for v in variants for k in (key, bare)):
            return role
    return None


@dataclass
class _Header:
    """Where each role's column sits per horizon half, from the indicator header row.

    Positions are x coordinates, not column indices: the part of a table a page break
    cuts off may lack some rulings, so camelot finds fewer columns there.
    """

    halves: list[dict[str, float]] = field(default_factory=list)
    weight_total: str = ""  # what the weight column's header says they add up to


def _x(grid: Grid, c: int) -> float:
    return grid.cols[c] + 1.0


WEIGHT_TOTAL = re.compile(r"[（(](\d+(?:\.\d+)?)分[）)]|[（(](%)[）)]")


def _read_header(grid: Grid, r: int) -> _Header | None:
    halves: list[dict[str, float]] = [{}]
    weight_total = ""
    for c, text in grid.row_regions(r):
        role = _role(text, HEADER_ROLES)
        if role is None:
            continue
        if role == "weight" and (m := WEIGHT_TOTAL.search(compact(text))):
            weight_total = m.group(1) or "100"  # "分值权重（90分）"; "指标权重(%)" is of 100
        if role in halves[-1]:
            halves.append({})
        halves[-1][role] = _x(grid, c)
    halves = [h for h in halves if {"name", "target"} <= h.keys()]
    if not halves:
        return None
    for h in halves:
        h.setdefault("level1", halves[0].get("level1", -1))
        h.setdefault("level2", -1)
        h.setdefault("standard", -1)
        h.setdefault("weight", -1)
        h.setdefault("op", -1)
        h.setdefault("unit", -1)
    return _Header(halves, weight_total)


def _horizons(header: _Header) -> tuple[str, ...]:
    # Two halves are mid-term then annual; a single half is the annual table.
    return HORIZONS if len(header.halves) >= 2 else ("annual",)


def _cell(grid: Grid, r: int, x: float) -> str:
    """Text of the region at x on row r ("" for a role the header does not have).

    x is just right of a column's left edge on the table the header was read from; a part
    of the table on another page may have its columns shifted by a few points, so the
    column whose left edge is nearest counts when it is within the tolerance."""
    if x < 0:
        return ""
    tolerance = max(3.0, 0.01 * (grid.cols[-1] - grid.cols[0]))
    edges = grid.cols[:-1]
    nearest = min(range(len(edges)), key=lambda i: abs(edges[i] - (x - 1.0)), default=-1)
    if nearest >= 0 and abs(edges[nearest] - (x - 1.0)) <= tolerance:
        c = nearest
    else:
        c = bisect_right(grid.cols, x) - 1
    return grid.at(r, c) if 0 <= c < grid.ncols else ""


def _strip_subtitle(text: str) -> str:
    # A "（2023年度）" subtitle printed on the table's top rule lands in the first cell.
    return SUBTITLE.sub("", text)


class _Builder:
    """Walks a document's grids in page order and assembles projects.

    A grid that does not open a project (no 项目名称 row on top) continues the current one
    only when it is the first table on the next page and has the same columns: that is a
    table broken by a page break. Anything else (收支总表, narrative tables) is ignored.
    Rows a producer repeats on top of a continuation (Word's "repeat header row") are
    skipped, and 一级/二级 cells cut by the break are carried down.
    """

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.header: _Header | None = None
        self.last_header: _Header | None = None  # the previous set's, and its table
        self.header_grid: Grid | None = None
        self.funding_cols: dict[str, float] = {}  # horizon -> x of its 资金总额 label
        self.task_cols: dict[str, float] = {}  # 总额/财政拨款/其他资金 -> x (department cards)
        self.pending_goals: dict[str, float] = {}  # goal labels at a page foot: horizon -> x
        self.opening_rows: list[tuple[str, ...]] = []  # first rows of the project's table
        self.last: Grid | None = None
        self.carried: dict[str, tuple[str, str]] = {}  # horizon -> last (level1, level2)
        # A continuation's top rows, until a printed 一级 label: blank 一级/二级 there are
        # a merged cell cut by the page break, whose text stayed on the other part.
        self.cut_top = False
        # horizon -> the previous part's last rows with a blank 二级 (cut below its text)
        self.blank_tail: dict[str, list[IndicatorRow]] = {}
        self.tables: list[TableReport] = []

    def feed(self, grid: Grid, first_on_page: bool) -> None:
        start = self._start_row(grid, first_on_page)
        if start is None:
            return
        self.tables.append(
            TableReport(
                grid.page, grid.index, grid.accuracy, grid.whitespace, grid.nrows, grid.ncols
            )
        )
        r = start
        if self.pending_goals and start < grid.nrows and self.cut_top:
            for horizon, x in self.pending_goals.items():
                self.projects[-1].goals[horizon] = _cell(grid, start, x)
            r += 1
        self.pending_goals = {}
        while r < grid.nrows:
            regions = grid.row_regions(r)
            first = _strip_subtitle(regions[0][1]) if regions else ""
            label, _ = _head_label(first)
            if label in OPENERS:
                self._open(grid, r, OPENERS[label])
                self._head_fields(regions)
            elif self.projects and label is not None:
                self._head_fields(regions)
            elif self.projects and (self._task_funding(grid, r) or self._funding_row(grid, r)):
                pass
            elif self.projects and (used := self._goal_rows(grid, r)):
                r += used - 1  # a row of goal texts below the labels was read with them
            elif (header := _read_header(grid, r)) is not None:
                self.header, self.header_grid = header, grid
                if self.projects:
                    self.projects[-1].weight_total = header.weight_total
            elif self.projects and self._header_for(grid, r) is not None:
                self._indicator_row(grid, r)
            r += 1
        if self.projects:  # a project is only as trustworthy as its worst table
            project = self.projects[-1]
            project.table_accuracy = min(project.table_accuracy, grid.accuracy)
            self.blank_tail = {}
            for row in reversed(project.indicators):
                if row.page != grid.page or row.table != grid.index or row.level2:
                    break
                self.blank_tail.setdefault(row.horizon, []).append(row)
        self.last = grid

    def _open(self, grid: Grid, r: int, kind: str, name: str = "") -> None:
        """A new target set starts at row r of this grid."""
        self.projects.append(
            Project(
                seq=len(self.projects) + 1,
                name=name,
                page=grid.page,
                table_accuracy=grid.accuracy,
                set_kind=kind,
            )
        )
        self.last_header, self.header = self.header or self.last_header, None
        self.funding_cols = {}
        self.task_cols = {}
        self.carried = {}
        self.blank_tail = {}
        self.cut_top = False
        self.opening_rows = [grid.row_texts(k) for k in range(r, grid.nrows)]
        if m := CAPTION_UNIT.search(compact(grid.caption)):  # "单位：万元" over the table
            self.projects[-1].funding_unit = m.group(1)

    def _header_for(self, grid: Grid, r: int) -> _Header | None:
        """The indicator header that applies to row r: the set's own, or, for a card that
        prints none (it happens), the previous card's when the columns match and no
        header follows in this table (rows above a set's own header are not indicators)."""
        if (
            self.header is None
            and self.last_header is not None
            and self.header_grid is not None
            and _same_columns(grid, self.header_grid)
            and not any(_read_header(grid, k) for k in range(r + 1, grid.nrows))
        ):
            self.header = self.last_header
            self.projects[-1].weight_total = self.header.weight_total
        return self.header

    def _head_fields(self, regions: list[tuple[int, str]]) -> None:
        """Label/value pairs of a head row (项目名称 │ X, 主管部门 │ Y │ 实施单位 │ Z)."""
        project = self.projects[-1]
        for i, (_, text) in enumerate(regions):
            role, inline = _head_label(_strip_subtitle(text))
            if role is not None and inline:
                setattr(project, HEAD_FIELDS[role], inline)
                continue
            if role is None or i + 1 >= len(regions):
                continue
            value = regions[i + 1][1]
            if _role(value, LABELS) is not None:
                continue
            setattr(project, HEAD_FIELDS[role], value)

    def _start_row(self, grid: Grid, first_on_page: bool) -> int | None:
        """Where this grid's own rows begin, or None when it belongs to no annex table."""
        opens = [
            r
            for r in range(grid.nrows)
            if _head_label(_strip_subtitle(grid.row_texts(r)[0]))[0] in OPENERS
        ]
        continues = (
            self.projects
            and self.last is not None
            and first_on_page
            and grid.page == self.last.page + 1
            and _reaches_page_end(self.last)
            and _same_columns(grid, self.last)
        )
        if continues:
            self.cut_top = True
            # Skip rows repeated from the top of the table the page break cut.
            k = 0
            while (
                k < grid.nrows
                and k < len(self.opening_rows)
                and grid.row_texts(k) == self.opening_rows[k]
            ):
                k += 1
            return k
        if opens:
            return opens[0]
        if _untitled_card(grid):  # the name is only in the title above the card
            if DEPARTMENT_TITLE.search(compact(grid.caption)):
                named = CAPTION_DEPARTMENT.search(grid.caption)
                self._open(grid, 0, "department", named.group(1) if named else "")
            else:
                self._open(grid, 0, "project", _caption_name(grid.caption))
            return 0
        return None

    def _indicator_row(self, grid: Grid, r: int) -> None:
        assert self.header is not None
        project = self.projects[-1]
        for horizon, half in zip(_horizons(self.header), self.header.halves, strict=False):
            name = _cell(grid, r, half["name"])
            target = _cell(grid, r, half["target"])
            if target:
                op = compact(_cell(grid, r, half["op"]))
                target = (op if op in OPERATORS else "") + target + _cell(grid, r, half["unit"])
            standard = _cell(grid, r, half["standard"])
            if not (name or target or standard):
                continue
            level1 = _cell(grid, r, half["level1"])
            level2 = _cell(grid, r, half["level2"])
            if self.cut_top and grid.page != project.page:
                # A merged 一级/二级 cell cut by a page break prints its text on one part
                # only: carry the last row's labels into the blank continuation, and a
                # label printed on this part up into the previous part's blank rows.
                last1, last2 = self.carried.get(horizon, ("", ""))
                if not level1:
                    level1, level2 = last1, level2 or last2
                elif not level2 and level1 == last1:
                    level2 = last2
                if level2:
                    for above in self.blank_tail.pop(horizon, []):
                        if above.level1 == level1:
                            above.level2 = level2
            self.carried[horizon] = (level1, level2)
            project.indicators.append(
                IndicatorRow(
                    horizon=horizon,
                    level1=level1,
                    level2=level2,
                    name=name,
                    target=target,
                    standard=standard,
                    page=grid.page,
                    row=r,
                    table=grid.index,
                    weight=_cell(grid, r, half["weight"]),
                )
            )
        if _cell(grid, r, self.header.halves[0]["level1"]):
            self.cut_top = False

    def _task_funding(self, grid: Grid, r: int) -> bool:
        """A department card's 年度主要任务 block: the header naming its amount columns
        (总额 │ 财政拨款 │ 其他资金), task rows, and the 金额合计 row whose amounts are the
        set's annual funding."""
        regions = grid.row_regions(r)
        texts = [compact(t) for _, t in regions]
        columns = {
            role: _x(grid, c)
            for (c, _), text in zip(regions, texts, strict=True)
            for role, names in TASK_COLUMNS.items()
            if text in names
        }
        project = self.projects[-1]
        if len(columns) == len(TASK_COLUMNS):
            self.task_cols = columns
            for k in (r - 1, r):  # 预算金额（万元） heads the block, or this row
                for _, text in grid.row_regions(k) if k >= 0 else []:
                    if m := UNIT.search(compact(text)):
                        project.funding_unit = m.group(1)
            return True
        if not self.task_cols:
            return False
        if any(t in TASK_TOTAL_ROW for t in texts):
            total, fiscal, other = (
                _cell(grid, r, self.task_cols[k]) or None for k in ("total", "fiscal", "other")
            )
            project.funding["annual"] = Funding(total, fiscal, other, fiscal_printed=True)
            self.task_cols = {}  # the block ends with its total
        return True  # task rows belong to the block

    def _funding_row(self, grid: Grid, r: int) -> bool:
        regions = grid.row_regions(r)
        roles = [_role(text, FUNDING_LABELS) for _, text in regions]
        if not any(roles):
            return False
        project = self.projects[-1]
        for _, text in regions:
            if m := UNIT.search(compact(text)):
                project.funding_unit = m.group(1)
        for i, role in enumerate(roles):
            if role is None:
                continue
            col = _x(grid, regions[i][0])
            if role == "fiscal_part":
                starts = sorted((c, h) for h, c in self.funding_cols.items() if c <= col + 2)
                funding = project.funding.setdefault(
                    starts[-1][1] if starts else "annual", Funding()
                )
                nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
                funding.fiscal = _add_amounts(funding.fiscal, nxt)
                funding.fiscal_printed = True
                continue
            if role.endswith("_total"):
                horizon, key = role.removesuffix("_total"), "total"
                self.funding_cols[horizon] = col
            else:
                # 财政拨款/其他资金 belong to the half whose total sits at or left of them.
                key = role
                starts = sorted((c, h) for h, c in self.funding_cols.items() if c <= col + 2)
                horizon = starts[-1][1] if starts else "annual"
            nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
            funding = project.funding.setdefault(horizon, Funding())
            setattr(funding, key, nxt.strip() or None)
            funding.fiscal_printed = funding.fiscal_printed or key == "fiscal"
        return True

    def _goal_rows(self, grid: Grid, r: int) -> int:
        """Goal labels on row r and their texts: beside the label on the same row
        (总体目标 │ text), or below it (中期目标 │ 年度目标, then a row of texts). A label
        followed by another goal label (总体目标 over 中期/年度) only titles the block.
        Returns how many rows were consumed (0: no goal row)."""
        regions = grid.row_regions(r)
        horizons = [_goal_horizon(text) for _, text in regions]
        if not any(horizons):
            return 0
        project, below = self.projects[-1], False
        for i, ((c, text), horizon) in enumerate(zip(regions, horizons, strict=True)):
            if horizon is None:
                continue
            if horizon == "midterm" and (m := PERIOD.search(compact(text))):
                project.midterm_period = (int(m.group(1)), int(m.group(2)))
            following = horizons[i + 1] if i + 1 < len(regions) else "end"
            if following is None:  # the text beside its label
                project.goals[horizon] = regions[i + 1][1]
            elif following != "end" and _is_block_title(text):
                continue  # 总体目标 heading 中期目标 │ 年度目标
            elif r + 1 < grid.nrows:  # the text below its label
                below = True
                project.goals[horizon] = _cell(grid, r + 1, _x(grid, c))
            else:  # below, on the next page: read with the continuation's first row
                self.pending_goals[horizon] = _x(grid, c)
        return 2 if below else 1


HEAD_FIELDS = {
    "name": "name",
    "department_set": "name",
    "unit": "implementing_unit",
    "attribute": "attribute",
    "department": "department",
    "code": "code",
}


def _goal_horizon(text: str) -> str | None:
    key = compact(text).rstrip("：:")
    for horizon in ("midterm", "annual"):
        if key.startswith(GOAL_LABELS[horizon]):
            return horizon
    return None


def _is_block_title(text: str) -> bool:
    # 总体目标 heading a block whose columns are 中期目标 / 年度目标
    return compact(text).rstrip("：:") == "总体目标"


OPERATORS = frozenset("≥≤=＝<>＜＞≧≦")
DEPARTMENT_TITLE = re.compile(r"部门整体|整体支出")
CAPTION_DEPARTMENT = re.compile(r"(?:单位|部门)名称[:：]\s*(\S+)")
CAPTION_UNIT = re.compile(r"单位[:：]\s*(万元|元)")


def _untitled_card(grid: Grid) -> bool:
    """A card with no 项目名称 row: it opens with its funding block (Fujian) or its goal
    (a Chongqing 部门整体 card), and the grid goes on to an indicator header."""
    if grid.nrows == 0:
        return False
    first = grid.row_texts(0)
    if not any(_role(t, FUNDING_LABELS) or _goal_horizon(t) for t in first):
        return False
    return any(_read_header(grid, r) is not None for r in range(1, grid.nrows))


def _add_amounts(a: str | None, b: str) -> str | None:
    """Two printed amounts added ("12,700.00" + "" -> "12700.00"); blanks are none."""
    parts = [re.sub(r"[,，\s]", "", x or "") for x in (a, b)]
    parts = [x for x in parts if x]
    if not parts:
        return None
    try:
        return str(sum(Decimal(x) for x in parts))
    except InvalidOperation:
        return a or b


# "1.XX项目绩效目标表", "301008_泉州市…_XX项目绩效目标表": a card's title and its name
TITLE_SUFFIX = re.compile(r"(?:项目)?(?:支出)?绩效目标表$")
TITLE_PREFIX = re.compile(r"^(?:\d+[.、．]\s*|\d+_(?:[^_]+_)?)")


def _caption_name(caption: str) -> str:
    """The set's name from the title printed above its card (its last title line; a title
    wrapped over two lines is joined)."""
    lines = [clean_text(line) for line in caption.splitlines() if compact(line)]
    for k in range(len(lines) - 1, -1, -1):
        if TITLE_SUFFIX.search(lines[k]):
            title = lines[k]
            if len(TITLE_SUFFIX.sub("", title)) < 2 and k > 0:  # "…绩效目标" / "表"
                title = lines[k - 1] + title
            return TITLE_PREFIX.sub("", TITLE_SUFFIX.sub("", title))
    return ""


def _one_horizon(project: Project) -> None:
    """A card with a single indicator half is an annual card, whatever its one funding
    total is called (实施期资金总额 on Shaanxi cards): its funding is the annual horizon."""
    if "annual" in project.funding or "midterm" not in project.funding:
        return
    if any(row.horizon == "midterm" for row in project.indicators):
        return
    project.funding["annual"] = project.funding.pop("midterm")
    project.midterm_period = None


def _reaches_page_end(grid: Grid) -> bool:
    """A table a page break cut ends near the bottom of its page: below it there is only
    the margin and less than one more row. One that ends higher was finished."""
    return grid.bbox[1] < max(180.0, 0.25 * grid.page_height)


def _same_columns(a: Grid, b: Grid) -> bool:
    """The two parts of one table cut by a page break: same outer edges, and every column
    edge of the part with fewer rulings is an edge of the other. Within 1% of the width:
    Word re-fits a continued table's columns by a few points."""
    tolerance = max(3.0, 0.01 * (a.cols[-1] - a.cols[0]))
    fewer, more = sorted((a.cols, b.cols), key=len)
    return (
        abs(fewer[0] - more[0]) <= tolerance
        and abs(fewer[-1] - more[-1]) <= tolerance
        and all(any(abs(x - y) <= tolerance for y in more) for x in fewer)
    )


_HAN = "\u4e00-\u9fff（）()"
_SCOPE = r"(?:[（(](?:本级|汇总|部门|单位)[）)])?"
# Where a published document names its issuer and year, most specific first: the annex
# title of the seed's form, then the cover of a whole 部门预算 ("2026年烟台市审计局部门预算",
# "西安市信访局（汇总）2026年部门预算公开说明", "2026年度福州市民政局(本级)单位预算").
ISSUER_YEAR: tuple[re.Pattern[str], ...] = (
    TITLE,
    re.compile(
        rf"(?P<issuer>[{_HAN}]{{2,40}}?){_SCOPE}(?P<year>(?:19|20)\d{{2}})年度?"
        r"(?:部门|单位)(?:综合)?预算"
    ),
    re.compile(
        rf"(?P<year>(?:19|20)\d{{2}})年度?(?P<issuer>[{_HAN}]{{2,40}}?){_SCOPE}"
        r"(?:部门|单位)(?:综合)?预算"
    ),
)
_PREFIX = re.compile(r"^(?:附件\d*[:：]?|[（(](?:本级|汇总)[）)])")
_NOT_ISSUER = re.compile(
    r"^(?:第.{1,3}部分|目录)"
)  # a table of contents' "第二部分2026年部门预算表"


def find_title(page_texts: list[str]) -> tuple[str, int | None]:
    """Issuer and fiscal year as the document prints them: an annex title naming both
    (any page), else the cover of a whole 部门预算 (its first pages). Never the file name."""
    searches = [(text, ISSUER_YEAR[:1]) for text in page_texts]
    searches += [(text, ISSUER_YEAR[1:]) for text in page_texts[:3]]
    for text, patterns in searches:
        lines = [compact(t) for t in text.splitlines()]
        for pattern in patterns:
            for line in [*lines, "".join(lines)]:
                for m in pattern.finditer(line):
                    issuer = _PREFIX.sub("", m.group("issuer"))
                    issuer = re.sub(r"[（(](?:本级|汇总)[）)]$", "", issuer)
                    if len(issuer) >= 2 and not _NOT_ISSUER.match(issuer):
                        return issuer, int(m.group("year"))
    return "", None


def build_annex(grids: list[Grid], page_texts: list[str], producer: str = "") -> Annex:
    """The annex model from a document's grids (page order) and page texts."""
    issuer, year = find_title(page_texts)
    builder = _Builder()
    ordered = sorted(grids, key=lambda g: (g.page, -g.bbox[3]))  # pages, then top to bottom
    index = 0
    for i, grid in enumerate(ordered):
        first_on_page = i == 0 or ordered[i - 1].page != grid.page
        index = 0 if first_on_page else index + 1
        builder.feed(replace(grid, index=index), first_on_page=first_on_page)
    # "项目名称" also heads other budget tables (项目支出表 …): only a table that goes on to
    # print indicator rows or a 资金总额 is a performance-target table.
    projects = [
        p for p in builder.projects if p.indicators or any(f.total for f in p.funding.values())
    ]
    for seq, p in enumerate(projects, start=1):
        p.seq = seq
        _one_horizon(p)
        if p.set_kind == "department":  # the department's own set
            p.name = p.name or issuer
            p.department = p.department or p.name
    return Annex(
        issuer=issuer,
        fiscal_year=year,
        page_count=len(page_texts),
        producer=producer,
        projects=projects,
        tables=builder.tables if projects else [],
    )
