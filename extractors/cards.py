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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from extractors.document import (
    CAPTION_UNIT,
    DEPARTMENT_TITLE,
    LABEL_DATA,
    OPERATORS,
    TRANSFER_TITLE,
    UNIT,
    add_amounts,
    cell_at,
    column_at,
    column_x,
    label_role,
    left_of_part,
    reaches_page_end,
    same_columns,
    text_left_of,
)
from extractors.model import (
    FUNDING_LINE,
    HORIZONS,
    Funding,
    Grid,
    IndicatorRow,
    Project,
    TableReport,
    TotalRow,
)
from normalize.taxonomy import canonical_level1, canonical_level2
from normalize.text import clean_text, compact, numbered

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
    if len(halves) == 1 and "midterm_target" in halves[0]:
        # one row, a value per horizon (中期指标值 │ 年度指标值): two halves sharing the
        # row's labels and name, the mid-term one first
        annual = halves[0]
        halves = [{**annual, "target": annual.pop("midterm_target")}, annual]
    for h in halves:
        h.pop("midterm_target", None)
    for h in halves:
        h.setdefault("level1", halves[0].get("level1", -1))
        h.setdefault("level2", -1)
        h.setdefault("standard", -1)
        h.setdefault("weight", -1)
        h.setdefault("op", -1)
        h.setdefault("unit", -1)
        h.setdefault("activity", -1)
        h.setdefault("actual", -1)
        h.setdefault("score", -1)
    return _Header(halves, weight_total)


def _horizons(header: _Header) -> tuple[str, ...]:
    # Two halves are mid-term then annual; a single half is the annual table.
    return HORIZONS if len(header.halves) >= 2 else ("annual",)


def _strip_subtitle(text: str) -> str:
    # A "（2023年度）" subtitle printed on the table's top rule lands in the first cell.
    return SUBTITLE.sub("", text)


@dataclass
class _OpenSet:
    """What the reader knows of the set it is reading; a new set replaces it whole."""

    project: Project
    opening_rows: list[tuple[str, ...]]  # first rows of the set's table
    header: _Header | None = None
    funding_cols: dict[str, float] = field(default_factory=dict)  # horizon -> x of 资金总额
    # 总额/财政拨款/其他资金 -> x (-1: a role the header names with no column of its own)
    task_cols: dict[str, float] = field(default_factory=dict)
    carried: dict[str, tuple[str, str]] = field(default_factory=dict)  # last (一级, 二级)
    # A continuation's top rows, until a printed 一级 label: blank 一级/二级 there are a
    # merged cell cut by the page break, whose text stayed on the other part.
    cut_top: bool = False
    part_top: int | None = None  # the continuation's first indicator row (cut_top)
    # the 一级/二级 a blank merged region was given on its first row, for its other rows:
    # (page, table, region anchor) -> label
    region_labels: dict[tuple[int, int, tuple[int, int]], str] = field(default_factory=dict)
    activity: str = ""  # the last 活动 read: a page break's blank part continues it
    points_x: float = -1.0  # a self-evaluation's 分值 column over its money (task) block
    # horizon -> the previous part's last rows with a blank 一级 or 二级 (a merged cell
    # cut above its text: Calc centres a merged cell's text, which may fall below)
    blank_tail: dict[str, list[IndicatorRow]] = field(default_factory=dict)


# What a card's row is, decided before it is handled (``classify_row``)
OPENER, HEAD, TASK_HEADER, TASK_ROW, FUNDING = (
    "opener",
    "head",
    "task_header",
    "task_row",
    "funding",
)
INDICATOR_HEADER, GOAL, INDICATOR = "indicator_header", "goal", "indicator"
SCORE_TOTAL = "score_total"  # a self-evaluation's 总分 row: the weights' total, the score
SCORE_TOTAL_LABELS: tuple[str, ...] = LABEL_DATA["score_total_row"]


@dataclass(frozen=True)
class RowContext:
    """The little a row's kind depends on besides the row: whether a set is open, whether
    its task block (年度主要任务) is being read, whether its indicators have begun and
    which goal horizons it has read."""

    set_open: bool = False
    in_task_block: bool = False
    indicators_begun: bool = False
    goals_read: frozenset[str] = frozenset()


def classify_row(grid: Grid, r: int, ctx: RowContext) -> str | None:
    """The kind of row r, in priority order (None: nothing a card reads). Pure: the
    handlers do the reading."""
    regions = grid.row_regions(r)
    label, _ = _head_label(_strip_subtitle(_first_text(regions)))
    if label in OPENERS:
        return OPENER
    if ctx.set_open and label is not None:
        return HEAD
    if ctx.set_open:
        if _task_header(regions):
            return TASK_HEADER
        if ctx.in_task_block:
            return TASK_ROW
        # once indicators have begun, a row is funding only where its first text is a
        # funding label: an indicator named "中介服务费资金总额" (烟台财政局 p42) is none
        if any(label_role(text, FUNDING_LABELS) for _, text in regions) and not (
            ctx.indicators_begun and label_role(_first_text(regions), FUNDING_LABELS) is None
        ):
            return FUNDING
    # an indicator header before goal rows: a goal label merged down the side of the
    # indicator block (整体绩效目标 beside 北京's 活动 │ 绩效指标 header) is no goal row
    if _read_header(grid, r) is not None:
        return INDICATOR_HEADER
    if not ctx.set_open:
        return None
    if ctx.indicators_begun and compact(_first_text(regions)) in SCORE_TOTAL_LABELS:
        return SCORE_TOTAL
    horizons = [_goal_horizon(text) for _, text in regions]
    if any(horizons) and not (
        # the set's indicators have begun: a goal label here is a merged stub cell beside
        # them (整体绩效目标 down the left of 北京's 部门整体 rows), read already
        ctx.indicators_begun and all(h is None or h in ctx.goals_read for h in horizons)
    ):
        return GOAL
    return INDICATOR


def _task_header(regions: list[tuple[int, str]]) -> dict[str, int | None]:
    """The amount columns a 部门整体 card's 年度主要任务 block names (总额 │ 财政拨款 │
    其他资金), by role, when the row names all of them. A cell may name two of them run
    together over one column of amounts (西安 2022's Excel form: "财政拨款 其他资金", its
    ruling between them lost): the column is the first one's, the others print nothing
    (None)."""
    columns: dict[str, int | None] = {}
    for c, text in regions:
        for k, role in enumerate(_task_roles(compact(text))):
            columns.setdefault(role, None if k else c)
    return columns if len(columns) == len(TASK_COLUMNS) else {}


def _task_roles(key: str) -> list[str]:
    """The task-block amount roles a header cell names, in printed order: one label, or
    several run together (longest label first at each place); none when anything else
    is printed."""
    labels = sorted(
        ((name, role) for role, names in TASK_COLUMNS.items() for name in names),
        key=lambda item: -len(item[0]),
    )
    roles: list[str] = []
    while key:
        match = next(((n, role) for n, role in labels if key.startswith(n)), None)
        if match is None:
            return []
        roles.append(match[1])
        key = key[len(match[0]) :]
    return roles


def _region(grid: Grid, r: int, x: float) -> tuple[int, int, tuple[int, int]] | None:
    """Where row r's cell at x is merged into: (page, table, the region's first cell)."""
    c = column_at(grid, x)
    return (grid.page, grid.index, grid.anchor[r][c]) if c >= 0 else None


def _begun_below(grid: Grid, r: int, x: float, top: int) -> bool:
    """Whether row r's cell at x is blank and a region of its own begun below row ``top``
    of the part: a merged cell that opens a new group, not the rest of one cut above."""
    c = column_at(grid, x)
    return c >= 0 and not grid.at(r, c).strip() and grid.anchor[r][c][0] > top


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
        self.open: _OpenSet | None = None  # the set being read, replaced whole by the next
        self.last_header: _Header | None = None  # the previous set's, and its table
        self.header_grid: Grid | None = None
        self.pending_goals: dict[str, float] = {}  # goal labels at a page foot: horizon -> x
        self.last: Grid | None = None
        self.tables: list[TableReport] = []
        self.total_rows: list[TotalRow] = []  # cards print none
        self.read_until = (0, 0, -1)  # (page, table, row) already read with a row above
        self.section = "project"  # the kind of set the last table title announced
        # pages of tables printed empty: a card template with no name, goal, amount or
        # indicator (西安's 专项资金总体绩效目标表, 重庆's 表十一 "此表无数据")
        self.empty_pages: set[int] = set()

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
        self.empty_pages |= {p.page for p in self.projects if p not in kept}
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
        if self.pending_goals and start < grid.nrows and self.open and self.open.cut_top:
            for horizon, x in self.pending_goals.items():
                self.open.project.goals[horizon] = cell_at(grid, start, x)
            r += 1
        self.pending_goals = {}
        while r < grid.nrows:
            if (grid.page, grid.index, r) > self.read_until:
                kind = classify_row(grid, r, self._context())
                if kind is not None:
                    r += self._HANDLERS[kind](self, grid, r)
            r += 1
        if self.open is not None:  # a project is only as trustworthy as its worst table
            project = self.open.project
            project.table_accuracy = min(project.table_accuracy, grid.accuracy)
            self.open.blank_tail = {}
            for row in reversed(project.indicators):
                if row.page != grid.page or row.table != grid.index or (row.level1 and row.level2):
                    break
                self.open.blank_tail.setdefault(row.horizon, []).append(row)
        self.last = grid

    def _context(self) -> RowContext:
        if self.open is None:
            return RowContext()
        return RowContext(
            set_open=True,
            in_task_block=bool(self.open.task_cols),
            indicators_begun=self.open.header is not None,
            goals_read=frozenset(self.open.project.goals),
        )

    # --- one handler per kind of row; each returns how many rows below it it read too ---

    def _on_opener(self, grid: Grid, r: int) -> int:
        label, _ = _head_label(_strip_subtitle(_first_text(grid.row_regions(r))))
        assert label is not None
        self._open(grid, r, OPENERS[label])
        self._head_fields(grid.row_regions(r))
        return 0

    def _on_head(self, grid: Grid, r: int) -> int:
        self._head_fields(grid.row_regions(r))
        return 0

    def _on_indicator_header(self, grid: Grid, r: int) -> int:
        header = _read_header(grid, r)
        assert header is not None
        self.header_grid = grid
        if self.open is None:  # a header above any set: the next set's to borrow
            self.last_header = header
        else:
            self.open.header = header
            self.open.project.weight_total = header.weight_total
        return 0

    def _on_indicator(self, grid: Grid, r: int) -> int:
        if self._header_for(grid, r) is not None:
            self._indicator_row(grid, r)
        return 0

    def _on_score_total(self, grid: Grid, r: int) -> int:
        """总分 │ 100 │ 98: the weights' total (under 分值) and the set's score (得分)."""
        state = self.open
        assert state is not None and state.header is not None
        half = state.header.halves[0]
        state.project.weight_total = cell_at(grid, r, half["weight"]) or state.project.weight_total
        state.project.score_total = cell_at(grid, r, half["score"])
        return 0

    def _open(self, grid: Grid, r: int, kind: str, name: str = "") -> None:
        """A new target set starts at row r of this grid. Its kind is the opener's, or
        the section's: the last table title printed above (转移支付绩效目标表 over
        cards that open with 项目名称), which holds until another title."""
        caption = compact(grid.caption)
        if SECTION_TITLE.search(caption):
            self.section = "transfer" if TRANSFER_TITLE.search(caption) else "project"
        if kind == "project":
            kind = self.section
        project = Project(
            seq=len(self.projects) + 1,
            name=name,
            page=grid.page,
            table_accuracy=grid.accuracy,
            set_kind=kind,
        )
        if m := CAPTION_UNIT.search(caption):  # "单位：万元" over the table
            project.funding_unit = m.group(1)
        self.projects.append(project)
        if self.open is not None:
            self.last_header = self.open.header or self.last_header
        self.open = _OpenSet(project, [grid.row_texts(k) for k in range(r, grid.nrows)])

    def _header_for(self, grid: Grid, r: int) -> _Header | None:
        """The indicator header that applies to row r: the set's own, or, for a card that
        prints none (it happens), the previous card's when the columns match and no
        header follows in this table (rows above a set's own header are not indicators)."""
        assert self.open is not None
        if (
            self.open.header is None
            and self.last_header is not None
            and self.header_grid is not None
            and same_columns(grid, self.header_grid)
            and not any(_read_header(grid, k) for k in range(r + 1, grid.nrows))
        ):
            self.open.header = self.last_header
            self.open.project.weight_total = self.last_header.weight_total
        return self.open.header

    def _head_fields(self, regions: list[tuple[int, str]]) -> None:
        """Label/value pairs of a head row (项目名称 │ X, 主管部门 │ Y │ 实施单位 │ Z)."""
        assert self.open is not None
        project = self.open.project
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
        open_set = self.open
        continues = (
            open_set is not None
            and self.last is not None
            and first_on_page
            and grid.page == self.last.page + 1
            and (
                reaches_page_end(self.last)
                # a row that does not split moves whole to the next page and leaves the
                # foot empty (烟台: 263 pt): the same columns, inside the set's indicator
                # block, and no card opening here (by a name row or, untitled, by its
                # funding block) is the rest. Not the title above it: 烟台 prints the
                # title on every page, hidden under a white image.
                or (
                    open_set.header is not None
                    and not opens
                    and same_columns(grid, self.last)
                    and not _untitled_card(grid)
                )
            )
            and (
                same_columns(grid, self.last)
                # the part may lack the left columns a merged label cell covers, when
                # it repeats the indicator header at its top
                or (
                    same_columns(grid, self.last, right_part=True)
                    and (
                        any(_read_header(grid, k) for k in range(min(2, grid.nrows)))
                        # or it goes on inside the set's indicator block: the 一级 cell
                        # merged over the whole page has no row rulings (西安 2022)
                        or open_set.header is not None
                    )
                )
                # a form broken right after its task or funding block (西安 FY2022's
                # 部门整体支出绩效自评表, p30–31): the next page opens with its goal, under
                # no title, while the open set has neither goal nor indicator yet
                or _goes_on_with_goal(grid, open_set, opens)
            )
        )
        if continues:
            assert open_set is not None
            # Skip rows repeated from the top of the table the page break cut.
            k = 0
            while (
                k < grid.nrows
                and k < len(open_set.opening_rows)
                and grid.row_texts(k) == open_set.opening_rows[k]
            ):
                k += 1
            # ... unless they open a card of the same name whose head goes on otherwise
            # (烟台财政局 p40–41: 财政工作专项经费 of two 实施单位, one card each page): the
            # open card's next head label printed again with another value is a new card
            if (
                opens == [0]
                and 0 < k < min(grid.nrows, len(open_set.opening_rows))
                and (label := _head_label(_first_text(grid.row_regions(k)))[0]) is not None
                and label == _head_label(next(iter(open_set.opening_rows[k]), ""))[0]
            ):
                return 0
            open_set.cut_top, open_set.part_top = True, None
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
        state = self.open
        assert state is not None and state.header is not None
        project = state.project
        for horizon, half in zip(_horizons(state.header), state.header.halves, strict=False):
            name = cell_at(grid, r, half["name"])
            value = target = cell_at(grid, r, half["target"])
            measure = cell_at(grid, r, half["unit"])  # 计量单位 / 度量单位, where printed
            if target:
                op = compact(cell_at(grid, r, half["op"]))
                target = (op if op in OPERATORS else "") + target + measure
            standard = cell_at(grid, r, half["standard"])
            if not (target or standard or name) or (
                not (target or standard) and PLACEHOLDER.fullmatch(name)
            ):
                continue  # nothing, or a blank template's "……" row
            if self._name_goes_on(grid, r, horizon, name, value, half["target"]):
                continue
            level1 = self._level1(grid, r, half["level1"])
            level2 = cell_at(grid, r, half["level2"])
            # one merged 活动 cell over its rows; a page break's blank part continues it
            activity = cell_at(grid, r, half["activity"]) or (
                state.activity if state.cut_top and half["activity"] >= 0 else ""
            )
            state.activity = activity
            if "combined" in half:
                level1, level2, name = split_levels(name)
            region1 = _region(grid, r, half["level1"])
            region2 = _region(grid, r, half["level2"])
            level1 = level1 or state.region_labels.get(region1, "") if region1 else level1
            level2 = level2 or state.region_labels.get(region2, "") if region2 else level2
            if state.cut_top and grid.page != project.page:
                # A merged 一级/二级 cell cut by a page break prints its text on one part
                # only: carry the last row's labels into the blank continuation, and a
                # label printed on this part up into the previous part's blank rows. Not
                # into a blank cell begun below the part's top: a new group, whose label
                # the next part prints (西安 2022 商务局 p78: 成本指标's first three rows
                # under 时效指标's). A label printed here over a blank 一级 of the part
                # before (last1 "") is the same group's.
                state.part_top = r if state.part_top is None else state.part_top
                last1, last2 = state.carried.get(horizon, ("", ""))
                new1 = _begun_below(grid, r, half["level1"], state.part_top)
                new2 = _begun_below(grid, r, half["level2"], state.part_top)
                if not level1 and not new1:
                    level1 = last1
                    level2 = level2 or ("" if new2 else last2)
                elif not level2 and not new2 and (level1 == last1 or not last1):
                    level2 = last2
                if level1:
                    for above in state.blank_tail.pop(horizon, []):
                        above.level1 = above.level1 or level1
                        if above.level1 == level1 and not above.level2:
                            above.level2 = level2
            state.carried[horizon] = (level1, level2)
            for region, label in ((region1, level1), (region2, level2)):
                if region and label:
                    state.region_labels.setdefault(region, label)
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
                    activity=activity,
                    measure=measure if target else "",
                    actual=cell_at(grid, r, half["actual"]),
                    score=cell_at(grid, r, half["score"]),
                )
            )
        if cell_at(grid, r, state.header.halves[0]["level1"]):
            state.cut_top = False

    def _name_goes_on(
        self, grid: Grid, r: int, horizon: str, name: str, value: str, value_x: float
    ) -> bool:
        """Whether row r only carries on the name of the indicator above, which is then
        extended: an Excel card whose merged cells were broken up splits a long name over
        two ruled cells beside one merged value cell (西安 2022: "指标 2：做好抗旱减灾、
        森林防火及治污减霾工" / "作"). Told apart from two indicators sharing one value by the
        numbering: the row above prints its "指标 N：", this one prints none, and the value
        cell is the region the row above began (its text repeated on a row of its own is
        another indicator's value, whatever it reads)."""
        assert self.open is not None
        above = next(
            (row for row in reversed(self.open.project.indicators) if row.horizon == horizon),
            None,
        )
        if (
            above is None
            or (above.page, above.table, above.row) != (grid.page, grid.index, r - 1)
            or not (name and value and numbered(above.name) and not numbered(name))
            # the value is one region begun on a row above
            or (c := column_at(grid, value_x)) < 0
            or grid.anchor[r][c][0] >= r
        ):
            return False
        above.name = f"{above.name}\n{name}"
        return True

    def _level1(self, grid: Grid, r: int, x: float) -> str:
        """The 一级 label of row r; on a part of the card cut to its right columns, the
        one label printed left of it (its merged cell spans the page), if it is one."""
        if not left_of_part(grid, x) or self.header_grid is None:
            return cell_at(grid, r, x)
        beside = compact(text_left_of(grid, x, self.header_grid.cols))
        return beside if beside in LEVEL1 else ""

    def _on_task_header(self, grid: Grid, r: int) -> int:
        """A department card's 年度主要任务 block: the header naming its amount columns
        (总额 │ 财政拨款 │ 其他资金); task rows follow, then the 金额合计 row whose amounts
        are the set's annual funding."""
        assert self.open is not None
        columns = _task_header(grid.row_regions(r))
        self.open.task_cols = {
            role: -1.0 if c is None else column_x(grid, c) for role, c in columns.items()
        }
        for k in (r - 1, r):  # 预算金额（万元） heads the block, or this row
            for _, text in grid.row_regions(k) if k >= 0 else []:
                if m := UNIT.search(compact(text)):
                    self.open.project.funding_unit = m.group(1)
        self.open.points_x = _points_column(grid, r, r)
        return 0

    def _on_task_row(self, grid: Grid, r: int) -> int:
        """A row of the task block: only its 金额合计 row is read, and ends the block."""
        state = self.open
        assert state is not None
        if any(compact(t) in TASK_TOTAL_ROW for t in grid.row_texts(r)):
            total, fiscal, other = (
                cell_at(grid, r, state.task_cols[k]) or None for k in ("total", "fiscal", "other")
            )
            state.project.funding["annual"] = Funding(total, fiscal, other, fiscal_printed=True)
            state.project.funding_weight = cell_at(grid, r, state.points_x)
            state.project.funding_scored = state.points_x >= 0
            state.task_cols = {}
        return 0

    def _on_funding(self, grid: Grid, r: int) -> int:
        """A funding row: labels with their amounts beside them, or above a row of them."""
        assert self.open is not None
        regions = grid.row_regions(r)
        roles = [label_role(text, FUNDING_LABELS) for _, text in regions]
        project = self.open.project
        funding_cols = self.open.funding_cols
        for _, text in regions:
            if m := UNIT.search(compact(text)):
                project.funding_unit = m.group(1)
        beside = any(
            role and i + 1 < len(roles) and roles[i + 1] is None and regions[i + 1][1].strip()
            for i, role in enumerate(roles)
        )
        if not beside and self._funding_below(grid, r, regions, roles):
            return 0
        if not project.funding and (x := _points_column(grid, r - 2, r - 1)) >= 0:
            # a self-evaluation scores the money too: 年初预算数 │ … │ 分值 │ 执行率 │ 得分
            # over its 年度资金总额 row, whose 分值 counts toward 总分 beside the indicators'
            project.funding_weight = cell_at(grid, r, x)
            project.funding_scored = True
        for i, role in enumerate(roles):
            if role is None:
                continue
            col = column_x(grid, regions[i][0])
            if role == "fiscal_part":
                starts = sorted((c, h) for h, c in funding_cols.items() if c <= col + 2)
                funding = project.funding.setdefault(
                    starts[-1][1] if starts else "annual", Funding()
                )
                nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
                funding.fiscal = add_amounts(funding.fiscal, nxt)
                funding.fiscal_printed = True
                continue
            if role.endswith("_total"):
                horizon, key = role.removesuffix("_total"), "total"
                funding_cols[horizon] = col
            else:
                # 财政拨款/其他资金 belong to the half whose total sits at or left of them.
                key = role
                starts = sorted((c, h) for h, c in funding_cols.items() if c <= col + 2)
                horizon = starts[-1][1] if starts else "annual"
            nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
            funding = project.funding.setdefault(horizon, Funding())
            if key.startswith(FUNDING_LINE):  # 上年结转 …: one more line of the total
                if nxt.strip():
                    funding.lines[key.removeprefix(FUNDING_LINE)] = nxt.strip()
                continue
            setattr(funding, key, nxt.strip() or None)
            funding.fiscal_printed = funding.fiscal_printed or key == "fiscal"
        return 0

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
            assert self.open is not None
            funding = self.open.project.funding.setdefault("annual", Funding())
            for value, role in values:
                if not AMOUNT.fullmatch(compact(value)):
                    continue
                if role.startswith(FUNDING_LINE):
                    funding.lines[role.removeprefix(FUNDING_LINE)] = value
                elif role in ("annual_total", "fiscal", "other"):
                    setattr(funding, "total" if role == "annual_total" else role, value)
            funding.fiscal_printed = any(role == "fiscal" for _, role in labelled)
            self.read_until = (grid.page, grid.index, k)  # label and amount rows read
            return True
        return False

    def _on_goal(self, grid: Grid, r: int) -> int:
        """Goal labels on row r and their texts: beside the label on the same row
        (总体目标 │ text), or below it (中期目标 │ 年度目标, then a row of texts, read now:
        returns 1). A label followed by another goal label (总体目标 over 中期/年度) only
        titles the block."""
        assert self.open is not None
        regions = grid.row_regions(r)
        project, below = self.open.project, False
        horizons = [_goal_horizon(text) for _, text in regions]
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
        return 1 if below else 0

    _HANDLERS: ClassVar[dict[str, Callable[[CardReader, Grid, int], int]]] = {
        OPENER: _on_opener,
        HEAD: _on_head,
        TASK_HEADER: _on_task_header,
        TASK_ROW: _on_task_row,
        FUNDING: _on_funding,
        INDICATOR_HEADER: _on_indicator_header,
        GOAL: _on_goal,
        INDICATOR: _on_indicator,
        SCORE_TOTAL: _on_score_total,
    }


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
# what a blank template prints in a name cell for the rows to fill in (西安's 专项资金总体
# 绩效目标表: "......" beside each 二级 label)
PLACEHOLDER = re.compile(r"[\s.．。…·]+")


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
    if level1 and not level2:
        # a label printed without its 指标 (北京市场监管 p39: "满意度指标服务对象满意度
        # 强制检定申请人…满意率"), as printed; only a long one, not 数量/质量, which may
        # begin an indicator's name
        level2 = next((k for k in BARE_LEVEL2 if rest.startswith(k)), "")
    return level1, level2, rest[len(level2) :] if level1 else text


#: the level-2 labels without their trailing 指标, four characters or more
BARE_LEVEL2 = [k[:-2] for k in LEVEL2 if k.endswith("指标") and len(k) >= 6]


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


def _points_column(grid: Grid, first: int, last: int) -> float:
    """The x of a 分值 column heading rows first..last (a self-evaluation's money block),
    or -1 where none does."""
    for k in range(max(first, 0), last + 1):
        for c, text in grid.row_regions(k):
            if compact(text) in POINTS_HEADER:
                return column_x(grid, c)
    return -1.0


POINTS_HEADER = frozenset(HEADER_ROLES["weight"])


def _goes_on_with_goal(grid: Grid, open_set: _OpenSet, opens: list[int]) -> bool:
    """Whether a grid that opens with a goal row and names no set is the rest of the open
    set, which has read its head and money but no goal or indicator: a page break after
    its task block. A card that opens with its goal has a title above it instead."""
    return (
        not opens
        and not open_set.project.goals
        and open_set.header is None
        and not SECTION_TITLE.search(compact(grid.caption))
        and grid.nrows > 0
        and any(_goal_horizon(t) for t in grid.row_texts(0))
    )


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
