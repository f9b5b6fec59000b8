"""Grids and page text into the annex model, by the labels the table prints.

Nothing here depends on column positions: every field is found by its printed label
(项目名称, 中期资金总额, 三级指标 ...) and values are the regions that follow the label, so
Word, Excel and WPS layouts with different spans read the same. Label wording variants are
data (``LABELS``), not branches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from extractors.model import (
    HORIZONS,
    Annex,
    Funding,
    Grid,
    IndicatorRow,
    Project,
    TableReport,
)
from normalize.text import compact

# Printed label variants (compacted) for each field of the table's head.
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称",),
    "unit": ("实施单位", "项目实施单位"),
    "attribute": ("项目属性", "项目性质"),
}
FUNDING_LABELS: dict[str, tuple[str, ...]] = {
    "midterm_total": ("中期资金总额",),
    "annual_total": ("年度资金总额",),
    "fiscal": ("财政拨款",),
    "other": ("其他资金",),
}
HEADER_ROLES: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标",),
    "target": ("指标值", "指标值及单位", "目标值"),
    "standard": ("绩效标准", "绩效标准(计划标准)", "绩效标准（计划标准）", "计划标准"),
}
GOAL_LABELS: dict[str, tuple[str, ...]] = {
    "midterm": ("中期目标", "长期目标", "中长期目标"),
    "annual": ("年度目标",),
}
TITLE = re.compile(r"(?P<issuer>[^\s\d]\S*?)(?P<year>(19|20)\d{2})年度?(部门)?项目支出绩效目标表")
PERIOD = re.compile(r"((?:19|20)\d{2})年?[—\-–~至到]+((?:19|20)\d{2})年?")
UNIT = re.compile(r"[（(]\s*(万元|元)\s*[）)]")
SUBTITLE = re.compile(r"^[（(]\s*(19|20)\d{2}\s*年度\s*[）)]\s*")


def _role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    key = compact(text).rstrip("：:")
    for role, variants in table.items():
        if any(key == v or key.endswith(v) for v in variants):
            return role
    return None


@dataclass
class _Header:
    """Where each role's column sits per horizon half, from the indicator header row.

    Positions are x coordinates, not column indices: the part of a table a page break
    cuts off may lack some rulings, so camelot finds fewer columns there.
    """

    halves: list[dict[str, float]] = field(default_factory=list)


def _x(grid: Grid, c: int) -> float:
    return grid.cols[c] + 1.0


def _read_header(grid: Grid, r: int) -> _Header | None:
    halves: list[dict[str, float]] = [{}]
    for c, text in grid.row_regions(r):
        role = _role(text, HEADER_ROLES)
        if role is None:
            continue
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
    return _Header(halves)


def _horizons(header: _Header) -> tuple[str, ...]:
    # Two halves are mid-term then annual; a single half is the annual table.
    return HORIZONS if len(header.halves) >= 2 else ("annual",)


def _cell(grid: Grid, r: int, x: float) -> str:
    """Text of the region at x on row r ("" for a role the header does not have)."""
    if x < 0:
        return ""
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
        self.funding_cols: dict[str, float] = {}  # horizon -> x of its 资金总额 label
        self.opening_rows: list[tuple[str, ...]] = []  # first rows of the project's table
        self.last: Grid | None = None
        self.carried: dict[str, tuple[str, str]] = {}  # horizon -> last (level1, level2)
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
        while r < grid.nrows:
            regions = grid.row_regions(r)
            first = _strip_subtitle(regions[0][1]) if regions else ""
            label = _role(first, LABELS)
            if label == "name":
                self.projects.append(
                    Project(
                        seq=len(self.projects) + 1,
                        name=_value_after(regions, 0),
                        page=grid.page,
                        table_accuracy=grid.accuracy,
                    )
                )
                self.header = None
                self.funding_cols = {}
                self.carried = {}
                self.opening_rows = [grid.row_texts(k) for k in range(r, grid.nrows)]
            elif self.projects and label is not None:
                value = _value_after(regions, 0)
                if label == "unit":
                    self.projects[-1].implementing_unit = value
                else:
                    self.projects[-1].attribute = value
            elif self.projects and self._funding_row(grid, r):
                pass
            elif self.projects and self._goal_rows(grid, r):
                r += 1  # the goal texts' row was consumed with the labels
            elif (header := _read_header(grid, r)) is not None:
                self.header = header
            elif self.projects and self.header is not None:
                self._indicator_row(grid, r)
            r += 1
        if self.projects:  # a project is only as trustworthy as its worst table
            project = self.projects[-1]
            project.table_accuracy = min(project.table_accuracy, grid.accuracy)
        self.last = grid

    def _start_row(self, grid: Grid, first_on_page: bool) -> int | None:
        """Where this grid's own rows begin, or None when it belongs to no annex table."""
        opens = [
            r
            for r in range(grid.nrows)
            if _role(_strip_subtitle(grid.row_texts(r)[0]), LABELS) == "name"
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
            # Skip rows repeated from the top of the table the page break cut.
            k = 0
            while (
                k < grid.nrows
                and k < len(self.opening_rows)
                and grid.row_texts(k) == self.opening_rows[k]
            ):
                k += 1
            return k
        return opens[0] if opens else None

    def _indicator_row(self, grid: Grid, r: int) -> None:
        assert self.header is not None
        project = self.projects[-1]
        for horizon, half in zip(_horizons(self.header), self.header.halves, strict=False):
            name = _cell(grid, r, half["name"])
            target = _cell(grid, r, half["target"])
            standard = _cell(grid, r, half["standard"])
            if not (name or target or standard):
                continue
            level1 = _cell(grid, r, half["level1"])
            level2 = _cell(grid, r, half["level2"])
            # A merged 一级/二级 cell cut by a page break prints its text on the first part
            # only: carry the last row's labels into the blank continuation.
            last1, last2 = self.carried.get(horizon, ("", ""))
            if not level1:
                level1, level2 = last1, level2 or last2
            elif not level2 and level1 == last1:
                level2 = last2
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
                )
            )

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
            if role.endswith("_total"):
                horizon, key = role.removesuffix("_total"), "total"
                self.funding_cols[horizon] = col
            else:
                # 财政拨款/其他资金 belong to the half whose total sits at or left of them.
                key = role
                starts = sorted((c, h) for h, c in self.funding_cols.items() if c <= col + 2)
                horizon = starts[-1][1] if starts else "annual"
            nxt = regions[i + 1][1] if i + 1 < len(regions) and roles[i + 1] is None else ""
            setattr(project.funding.setdefault(horizon, Funding()), key, nxt.strip() or None)
        return True

    def _goal_rows(self, grid: Grid, r: int) -> bool:
        regions = grid.row_regions(r)
        cols = {}
        for c, text in regions:
            key = compact(text)
            if key.startswith(GOAL_LABELS["midterm"]):
                cols["midterm"] = c
                if m := PERIOD.search(key):
                    self.projects[-1].midterm_period = (int(m.group(1)), int(m.group(2)))
            elif key.startswith(GOAL_LABELS["annual"]):
                cols["annual"] = c
        if not cols:
            return False
        if r + 1 < grid.nrows:
            for horizon, c in cols.items():
                self.projects[-1].goals[horizon] = _cell(grid, r + 1, c)
        return True


def _reaches_page_end(grid: Grid) -> bool:
    """A table a page break cut ends near the bottom of its page: below it there is only
    the margin and less than one more row. One that ends higher was finished."""
    return grid.bbox[1] < max(180.0, 0.25 * grid.page_height)


def _same_columns(a: Grid, b: Grid, tolerance: float = 3.0) -> bool:
    """The two parts of one table cut by a page break: same outer edges, and every column
    edge of the part with fewer rulings is an edge of the other."""
    fewer, more = sorted((a.cols, b.cols), key=len)
    return (
        abs(fewer[0] - more[0]) <= tolerance
        and abs(fewer[-1] - more[-1]) <= tolerance
        and all(any(abs(x - y) <= tolerance for y in more) for x in fewer)
    )


def _value_after(regions: list[tuple[int, str]], i: int) -> str:
    return regions[i + 1][1] if i + 1 < len(regions) else ""


def find_title(page_texts: list[str]) -> tuple[str, int | None]:
    """Issuer and fiscal year from the annex title ("XX局2023年项目支出绩效目标表")."""
    for text in page_texts:
        for line in text.splitlines():
            if m := TITLE.search(compact(line)):
                issuer = re.sub(r"^附件\d*[:：]?", "", m.group("issuer"))
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
    return Annex(
        issuer=issuer,
        fiscal_year=year,
        page_count=len(page_texts),
        producer=producer,
        projects=projects,
        tables=builder.tables if projects else [],
    )
