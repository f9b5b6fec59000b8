"""The card reader: one target set per ruled card (DESIGN §2b C0–C4, 部门整体 cards).

Nothing here depends on column positions: every field is found by its printed label
(项目名称, 中期资金总额, 三级指标 ...) and values are the regions that follow the label, so
Word, Excel and WPS layouts with different spans read the same. The card families of
published documents (the seed's card, annual-only cards, cards with weights, cards named
only by their title, flat cards, 部门整体 cards) differ in wording and in which blocks they
print; each family's label variants are a data file (``labels/*.yaml``), merged into the
tables this reader uses, not branches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.document import (
    CAPTION_UNIT,
    DEPARTMENT_TITLE,
    LABEL_DATA,
    OPERATORS,
    TRANSFER_TITLE,
    UNIT,
    add_amounts,
    cell_at,
    column_x,
    label_role,
    reaches_page_end,
    same_columns,
)
from extractors.model import (
    HORIZONS,
    Funding,
    Grid,
    IndicatorRow,
    Project,
    TableReport,
    TotalRow,
)
from normalize.taxonomy import canonical_level1, canonical_level2
from normalize.text import clean_text, compact

# Head fields (项目名称, 实施单位, 主管部门 …), the labels that open a target set (and its
# kind), funding rows, a 部门整体 card's task block, indicator header columns, goals.
LABELS: dict[str, tuple[str, ...]] = LABEL_DATA["head"]
OPENERS: dict[str, str] = LABEL_DATA["openers"]
FUNDING_LABELS: dict[str, tuple[str, ...]] = LABEL_DATA["funding"]
TASK_COLUMNS: dict[str, tuple[str, ...]] = LABEL_DATA["task_columns"]
TASK_TOTAL_ROW: tuple[str, ...] = LABEL_DATA["task_total_row"]
HEADER_ROLES: dict[str, tuple[str, ...]] = LABEL_DATA["header"]
# Canonical 一级/二级 labels, longest first, to split a cell that prints them run together
LEVEL1 = sorted(canonical_level1(), key=len, reverse=True)
LEVEL2 = sorted(canonical_level2(), key=len, reverse=True)
GOAL_LABELS: dict[str, tuple[str, ...]] = LABEL_DATA["goals"]
PERIOD = re.compile(r"((?:19|20)\d{2})年?[—\-–~至到]+((?:19|20)\d{2})年?")
SUBTITLE = re.compile(r"^[（(]\s*(19|20)\d{2}\s*年度\s*[）)]\s*")


def _head_label(text: str) -> tuple[str | None, str]:
    """The head label a region prints, and a value printed in the same region when the
    rule between them is missing ("专项（项目）名称 伯乐奖")."""
    role = label_role(text, LABELS)
    if role is not None:
        return role, ""
    head, *rest = re.split(r"\s+", text.strip(), maxsplit=1)
    role = label_role(head, LABELS)
    return (role, rest[0]) if role is not None and rest else (None, "")


@dataclass
class _Header:
    """Where each role's column sits per horizon half, from the indicator header row.

    Positions are x coordinates, not column indices: the part of a table a page break
    cuts off may lack some rulings, so camelot finds fewer columns there.
    """

    halves: list[dict[str, float]] = field(default_factory=list)
    weight_total: str = ""  # what the weight column's header says they add up to


WEIGHT_TOTAL = re.compile(r"[（(](\d+(?:\.\d+)?)分[）)]|[（(](%)[）)]")


def _read_header(grid: Grid, r: int) -> _Header | None:
    halves: list[dict[str, float]] = [{}]
    weight_total = ""
    for c, text in grid.row_regions(r):
        role = label_role(text, HEADER_ROLES)
        if role is None:
            continue
        if role == "weight" and (m := WEIGHT_TOTAL.search(compact(text))):
            weight_total = m.group(1) or "100"  # "分值权重（90分）"; "指标权重(%)" is of 100
        if role in halves[-1]:
            halves.append({})
        halves[-1][role] = column_x(grid, c)
    for h in halves:  # 一级+二级+三级 in one cell, where no 三级 column is printed
        if "name" not in h and "combined" in h:
            h["name"] = h["combined"]
        else:
            h.pop("combined", None)
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


def _strip_subtitle(text: str) -> str:
    # A "（2023年度）" subtitle printed on the table's top rule lands in the first cell.
    return SUBTITLE.sub("", text)


class CardReader:
    """Walks a document's card grids in page order and assembles target sets.

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
        # horizon -> the previous part's last rows with a blank 一级 or 二级 (a merged cell
        # cut above its text: Calc centres a merged cell's text, which may fall below)
        self.blank_tail: dict[str, list[IndicatorRow]] = {}
        self.tables: list[TableReport] = []
        self.total_rows: list[TotalRow] = []  # cards print none
        self.read_until = (0, 0, -1)  # (page, table, row) already read with a row above
        self.section = "project"  # the kind of set the last table title announced

    def claims(self, grid: Grid, first_on_page: bool) -> bool:
        # The fallback reader: it takes every table no other reader claims and ignores
        # those that are not cards (收支总表, narrative tables) itself.
        return True

    def finish(self, issuer: str) -> list[Project]:
        """The sets worth keeping: "项目名称" also heads other budget tables (项目支出表 …),
        so only a card that goes on to print indicator rows, a goal or a 资金总额 is one
        (a 部门整体 form may print only its goal: 北京's 军民融合办)."""
        kept = [
            p
            for p in self.projects
            if p.indicators
            or any(f.total for f in p.funding.values())
            # a named set with only its goal; a blank template prints placeholders
            # ("目标 1： 目标 2：") under no name
            or (p.name.strip() and any(g.strip() for g in p.goals.values()))
        ]
        for p in kept:
            _one_horizon(p)
            if p.set_kind == "department":  # the department's own set
                p.name = p.name or issuer
                p.department = p.department or p.name
        return kept

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
                self.projects[-1].goals[horizon] = cell_at(grid, start, x)
            r += 1
        self.pending_goals = {}
        while r < grid.nrows:
            if (grid.page, grid.index, r) <= self.read_until:
                r += 1
                continue
            regions = grid.row_regions(r)
            first = _strip_subtitle(_first_text(regions))
            label, _ = _head_label(first)
            if label in OPENERS:
                self._open(grid, r, OPENERS[label])
                self._head_fields(regions)
            elif self.projects and label is not None:
                self._head_fields(regions)
            elif self.projects and (self._task_funding(grid, r) or self._funding_row(grid, r)):
                pass
            elif (header := _read_header(grid, r)) is not None:
                # before goal rows: a goal label merged down the side of the indicator
                # block (整体绩效目标 beside 北京's 活动 │ 绩效指标 header) is no goal row
                self.header, self.header_grid = header, grid
                if self.projects:
                    self.projects[-1].weight_total = header.weight_total
            elif self.projects and (used := self._goal_rows(grid, r)):
                r += used - 1  # a row of goal texts below the labels was read with them
            elif self.projects and self._header_for(grid, r) is not None:
                self._indicator_row(grid, r)
            r += 1
        if self.projects:  # a project is only as trustworthy as its worst table
            project = self.projects[-1]
            project.table_accuracy = min(project.table_accuracy, grid.accuracy)
            self.blank_tail = {}
            for row in reversed(project.indicators):
                if row.page != grid.page or row.table != grid.index or (row.level1 and row.level2):
                    break
                self.blank_tail.setdefault(row.horizon, []).append(row)
        self.last = grid

    def _open(self, grid: Grid, r: int, kind: str, name: str = "") -> None:
        """A new target set starts at row r of this grid. Its kind is the opener's, or
        the section's: the last table title printed above (转移支付绩效目标表 over
        cards that open with 项目名称), which holds until another title."""
        caption = compact(grid.caption)
        if SECTION_TITLE.search(caption):
            self.section = "transfer" if TRANSFER_TITLE.search(caption) else "project"
        if kind == "project":
            kind = self.section
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
            and same_columns(grid, self.header_grid)
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
            if label_role(value, LABELS) is not None:
                continue
            setattr(project, HEAD_FIELDS[role], value)

    def _start_row(self, grid: Grid, first_on_page: bool) -> int | None:
        """Where this grid's own rows begin, or None when it belongs to no annex table."""
        opens = [
            r
            for r in range(grid.nrows)
            if _head_label(_strip_subtitle(_first_text(grid.row_regions(r))))[0] in OPENERS
        ]
        continues = (
            self.projects
            and self.last is not None
            and first_on_page
            and grid.page == self.last.page + 1
            and reaches_page_end(self.last)
            and (
                same_columns(grid, self.last)
                # the part may lack the left columns a merged label cell covers, when
                # it repeats the indicator header at its top
                or (
                    same_columns(grid, self.last, right_part=True)
                    and any(_read_header(grid, k) for k in range(min(2, grid.nrows)))
                )
            )
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
            name = cell_at(grid, r, half["name"])
            target = cell_at(grid, r, half["target"])
            if target:
                op = compact(cell_at(grid, r, half["op"]))
                target = (op if op in OPERATORS else "") + target + cell_at(grid, r, half["unit"])
            standard = cell_at(grid, r, half["standard"])
            if not (name or target or standard):
                continue
            level1 = cell_at(grid, r, half["level1"])
            level2 = cell_at(grid, r, half["level2"])
            if "combined" in half:
                level1, level2, name = split_levels(name)
            if self.cut_top and grid.page != project.page:
                # A merged 一级/二级 cell cut by a page break prints its text on one part
                # only: carry the last row's labels into the blank continuation, and a
                # label printed on this part up into the previous part's blank rows.
                last1, last2 = self.carried.get(horizon, ("", ""))
                if not level1:
                    level1, level2 = last1, level2 or last2
                elif not level2 and level1 == last1:
                    level2 = last2
                if level1:
                    for above in self.blank_tail.pop(horizon, []):
                        above.level1 = above.level1 or level1
                        if above.level1 == level1 and not above.level2:
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
                    weight=cell_at(grid, r, half["weight"]),
                )
            )
        if cell_at(grid, r, self.header.halves[0]["level1"]):
            self.cut_top = False

    def _task_funding(self, grid: Grid, r: int) -> bool:
        """A department card's 年度主要任务 block: the header naming its amount columns
        (总额 │ 财政拨款 │ 其他资金), task rows, and the 金额合计 row whose amounts are the
        set's annual funding."""
        regions = grid.row_regions(r)
        texts = [compact(t) for _, t in regions]
        columns = {
            role: column_x(grid, c)
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
                cell_at(grid, r, self.task_cols[k]) or None for k in ("total", "fiscal", "other")
            )
            project.funding["annual"] = Funding(total, fiscal, other, fiscal_printed=True)
            self.task_cols = {}  # the block ends with its total
        return True  # task rows belong to the block

    def _funding_row(self, grid: Grid, r: int) -> bool:
        regions = grid.row_regions(r)
        roles = [label_role(text, FUNDING_LABELS) for _, text in regions]
        if not any(roles):
            return False
        project = self.projects[-1]
        for _, text in regions:
            if m := UNIT.search(compact(text)):
                project.funding_unit = m.group(1)
        beside = any(
            role and i + 1 < len(roles) and roles[i + 1] is None and regions[i + 1][1].strip()
            for i, role in enumerate(roles)
        )
        if not beside and self._funding_below(grid, r, regions, roles):
            return True
        for i, role in enumerate(roles):
            if role is None:
                continue
            col = column_x(grid, regions[i][0])
            if role == "fiscal_part":
                starts = sorted((c, h) for h, c in self.funding_cols.items() if c <= col + 2)
                funding = project.funding.setdefault(
                    starts[-1][1] if starts else "annual", Funding()
                )
                nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
                funding.fiscal = add_amounts(funding.fiscal, nxt)
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

    def _funding_below(
        self, grid: Grid, r: int, regions: list[tuple[int, str]], roles: list[str | None]
    ) -> bool:
        """Funding labels side by side with their amounts in a row below (预算支出总额 │
        财政拨款 │ 其他资金, a split 合计 │ 基本支出 │ 项目支出 between): each label's amount
        is the first amount under its left edge; the total's horizon is the set's."""
        labelled = [
            (column_x(grid, c), role) for (c, _), role in zip(regions, roles, strict=True) if role
        ]
        for k in range(r + 1, min(r + 4, grid.nrows)):
            values = [(cell_at(grid, k, x), role) for x, role in labelled]
            if not any(AMOUNT.fullmatch(compact(v)) for v, _ in values):
                continue
            funding = self.projects[-1].funding.setdefault("annual", Funding())
            for value, role in values:
                if AMOUNT.fullmatch(compact(value)) and role in ("annual_total", "fiscal", "other"):
                    setattr(funding, "total" if role == "annual_total" else role, value)
            funding.fiscal_printed = any(role == "fiscal" for _, role in labelled)
            self.read_until = (grid.page, grid.index, k)  # label and amount rows read
            return True
        return False

    def _goal_rows(self, grid: Grid, r: int) -> int:
        """Goal labels on row r and their texts: beside the label on the same row
        (总体目标 │ text), or below it (中期目标 │ 年度目标, then a row of texts). A label
        followed by another goal label (总体目标 over 中期/年度) only titles the block.
        Returns how many rows were consumed (0: no goal row)."""
        regions = grid.row_regions(r)
        project, below = self.projects[-1], False
        horizons = [_goal_horizon(text) for _, text in regions]
        if self.header is not None and all(h is None or h in project.goals for h in horizons):
            # the set's indicators have begun: a goal label here is a merged stub cell
            # beside them (整体绩效目标 down the left of 北京's 部门整体 rows), read already
            return 0
        if not any(horizons):
            return 0
        for i, ((c, text), horizon) in enumerate(zip(regions, horizons, strict=True)):
            if horizon is None or grid.anchor[r][c][0] < r:
                continue  # not a label, or a label cell merged down from a row read above
            if horizon == "midterm" and (m := PERIOD.search(compact(text))):
                project.midterm_period = (int(m.group(1)), int(m.group(2)))
            following = horizons[i + 1] if i + 1 < len(regions) else "end"
            if following is None:  # the text beside its label
                project.goals[horizon] = regions[i + 1][1]
            elif following != "end" and _is_block_title(text):
                continue  # 总体目标 heading 中期目标 │ 年度目标
            elif r + 1 < grid.nrows:  # the text below its label
                below = True
                project.goals[horizon] = cell_at(grid, r + 1, column_x(grid, c))
            else:  # below, on the next page: read with the continuation's first row
                self.pending_goals[horizon] = column_x(grid, c)
        return 2 if below else 1


HEAD_FIELDS = {
    "name": "name",
    "transfer": "name",
    "department_set": "name",
    "unit": "implementing_unit",
    "attribute": "attribute",
    "department": "department",
    "code": "code",
}


AMOUNT = re.compile(r"-?[\d,，]+(?:\.\d+)?")


def _first_text(regions: list[tuple[int, str]]) -> str:
    # The first printed region: some tables start every row with a narrow blank column.
    return next((text for _, text in regions if text.strip()), "")


def split_levels(cell: str) -> tuple[str, str, str]:
    """一级, 二级 and 三级 printed run together in one cell ("产出指标数量指标便民生活圈
    年度评价报告"): split at the canonical labels they start with."""
    text = clean_text(cell)
    level1 = next((k for k in LEVEL1 if text.startswith(k)), "")
    rest = text[len(level1) :]
    level2 = next((k for k in LEVEL2 if rest.startswith(k)), "")
    return level1, level2, rest[len(level2) :] if level1 else text


def _goal_horizon(text: str) -> str | None:
    key = compact(text).rstrip("：:")
    for horizon in ("midterm", "annual"):
        if key.startswith(GOAL_LABELS[horizon]):
            return horizon
    return None


def _is_block_title(text: str) -> bool:
    # 总体目标 heading a block whose columns are 中期目标 / 年度目标
    return compact(text).rstrip("：:") == "总体目标"


SECTION_TITLE = re.compile(r"绩效目标表")
# "单位名称：X 单位：万元", also without the space between them
CAPTION_DEPARTMENT = re.compile(
    r"(?:单位|部门|部门[（(]单位[）)])名称(?:[:：]\s*|\s+)(\S+?)(?=\s|单位[:：]|$)"
)


def _untitled_card(grid: Grid) -> bool:
    """A card with no 项目名称 row: it opens with its funding block (Fujian) or its goal
    (a Chongqing 部门整体 card), or it is a 部门整体 form whose title and 部门（单位）名称
    are printed above it (西安's 2022 edition opens with its 年度主要任务 block); the grid
    goes on to an indicator header."""
    if grid.nrows == 0:
        return False
    first = grid.row_texts(0)
    opens = any(label_role(t, FUNDING_LABELS) or _goal_horizon(t) for t in first) or bool(
        DEPARTMENT_TITLE.search(compact(grid.caption)) and CAPTION_DEPARTMENT.search(grid.caption)
    )
    return opens and any(_read_header(grid, r) is not None for r in range(1, grid.nrows))


# "1.XX项目绩效目标表", "301008_泉州市…_XX项目绩效目标表": a card's title and its name
TITLE_SUFFIX = re.compile(r"(?:项目)?(?:支出)?绩效目标表$")
TITLE_PREFIX = re.compile(r"^(?:\d+[.、．]\s*|\d+_(?:[^_]+_)?)")


def _caption_name(caption: str) -> str:
    """The set's name from the title printed above its card (its last title line; a title
    wrapped over two lines is joined)."""
    lines = [clean_text(line) for line in caption.splitlines() if compact(line)]
    for k in range(len(lines) - 1, -1, -1):
        # the title on one line, or wrapped inside its suffix ("…项目绩效目" / "标表")
        for title in (lines[k], "".join(lines[k : k + 2])):
            if TITLE_SUFFIX.search(title):
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
