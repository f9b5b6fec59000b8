"""The list reader: long lists (L1–L3), serialized rows (O1) and goals-only tables (O3).

A list prints its project columns (code, name, amounts, goal) and its indicator columns
in one header row. Each project is a block of rows whose 项目名称 cell is one merged
region; the block may run over many pages, where the merged cells are printed blank,
printed again, or cut through. Rows that carry amounts but neither goal nor indicators
are 合计 / unit subtotals: they are not sets, they are sums the sets must add up to. A
serialized list (Guangdong) has no indicator columns: one cell holds every indicator in
a fixed grammar, parsed into the same rows a card gives. Column labels per family are
data (``labels/l*.yaml``, ``labels/o*.yaml``, section ``list_columns``).
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
    cell_at,
    column_x,
    label_role,
    left_of_part,
    reaches_page_end,
    same_columns,
    text_left_of,
)
from extractors.model import (
    FUNDING_LINE,
    Funding,
    Grid,
    IndicatorRow,
    Project,
    TableReport,
    TotalRow,
)
from extractors.serialized import parse_serialized
from normalize.text import compact

COLUMNS: dict[str, tuple[str, ...]] = LABEL_DATA["list_columns"]
# A header row names the project (or unit) and what the set holds: indicators, a
# serialized indicator cell, or only a goal.
_SET_ROLES = {"name", "unit"}
_CONTENT_ROLES = {"indicator", "serialized", "goal"}
_AMOUNTS = ("total", "fiscal", "other")
TOTAL_LABELS = frozenset({"合计", "总计"})
# Project code and name in one cell: "11000022T00000045" / "1922-国资国企重难点问题研究"
CODE_NAME = re.compile(r"^(\d[0-9A-Z]{9,})-(.+)$", re.S)
CODE_ONLY = re.compile(r"[0-9A-Za-z\-_.\s]+")
_NUMBER_FIRST = re.compile(r"\s*[0-9０-９]")
# the department a list belongs to, over its header ("部门名称：X", "资金主管部门：X")
LIST_DEPARTMENT = re.compile(r"(?:部门名称|资金主管部门|主管部门)[:：]\s*(\S+?)(?=\s|单位[:：]|$)")
KIND_TITLES = ((DEPARTMENT_TITLE, "department"), (TRANSFER_TITLE, "transfer"))


def column_role(text: str) -> str | None:
    """The list role a header label names (longest matching variant, ``label_role``)."""
    return label_role(text, COLUMNS)


def _header_roles(grid: Grid, r: int) -> dict[str, float] | None:
    roles: dict[str, float] = {}
    for c, text in grid.row_regions(r):
        role = column_role(text)
        if role is not None and role not in roles:
            roles[role] = column_x(grid, c)
    if roles.keys() & _SET_ROLES and roles.keys() & _CONTENT_ROLES and len(roles) >= 3:
        return roles
    return None


#: a list's header as found in a grid: its last row, and each role's column x
ListHeader = tuple[int, dict[str, float]]


def list_header(grid: Grid) -> ListHeader | None:
    """A list's header in a grid: the last row of the first header block, with its roles
    (a header may print two rows: "其中：" over 财政资金 │ 其他资金; the lower row names
    every column). A grid that prints one is a list table (``kinds.table_kind``)."""
    found: ListHeader | None = None
    for r in range(grid.nrows):
        roles = _header_roles(grid, r)
        if roles is not None:
            found = (r, roles)
        elif found is not None:
            break
    return found


def _note_row(grid: Grid, r: int) -> bool:
    """A row that is one region over the whole table: a note (说明事项：…), not data."""
    printed = [c for c, text in grid.row_regions(r) if text.strip()]
    if len(printed) != 1:
        return False
    region = grid.anchor[r][printed[0]]
    return sum(a == region for a in grid.anchor[r]) >= 0.8 * grid.ncols


_COLUMN_NUMBER = re.compile(r"[*＊]+|\d{1,2}")


def _column_number_row(grid: Grid, r: int) -> bool:
    """A row under the header that numbers or marks the columns ("** ** ** **", "1 2 3
    4"): every printed cell is such a mark (湖州's list read it as a set named **)."""
    printed = [compact(text) for _, text in grid.row_regions(r) if text.strip()]
    return len(printed) >= 2 and all(_COLUMN_NUMBER.fullmatch(t) for t in printed)


@dataclass
class _Block:
    """The cells a project prints once for its rows, as read so far."""

    name: str = ""
    code: str = ""
    unit: str = ""
    amounts: dict[str, str] = field(default_factory=dict)
    goal: str = ""


def _joined(before: str, part: str) -> str:
    """A merged cell's text over two pages: the part on the next page repeats the text
    (printed again), is empty, or goes on where the page cut it; a line cut through
    shows on both pages and counts once."""
    if not part or part == before or before.endswith(part):
        return before
    if not before or part.startswith(before):
        return part
    last = before.splitlines()[-1]
    if part.splitlines()[0] == last:
        part = "\n".join(part.splitlines()[1:])
    return before + "\n" + part


def continues_list(grid: Grid, first_on_page: bool, last: Grid, header: Grid) -> bool:
    """Whether a grid without a header goes on with the list whose last part was ``last``
    and whose header was printed on ``header``: the first table of the next page, with
    that header's columns. Not "the last part reached its page end": a list row does not
    split, so a tall row moves whole to the next page and leaves the page foot empty."""
    return (
        first_on_page and grid.page == last.page + 1 and same_columns(grid, header, right_part=True)
    )


class ListReader:
    """Reads list tables in page order; a list's header (first page or every page)
    fixes its columns by x, and a table on the next page with the same columns goes on."""

    def __init__(self) -> None:
        self.projects: list[Project] = []
        self.tables: list[TableReport] = []
        self.total_rows: list[TotalRow] = []
        self.roles: dict[str, float] = {}
        self.header_grid: Grid | None = None
        self.last: Grid | None = None
        self.kind = "project"
        self.department = ""
        self.funding_unit = "万元"
        self.unit_name = ""  # the unit subtotal row the projects below belong to
        self.open_totals: list[TotalRow] = []  # the total rows the next set counts in
        # id(set) -> its serialized indicator cell, a part per page: (text, page, row, table)
        self.serialized: dict[int, list[tuple[str, int, int, int]]] = {}
        self.block: _Block | None = None  # the open set's merged cells
        self.coded = False  # the list prints a project code before each name
        self.carried = ("", "")  # last (一级, 二级) of the open set
        self.empty_pages: set[int] = set()  # a list header over no row (an empty template)

    def _continues(self, grid: Grid, first_on_page: bool) -> bool:
        return (
            self.last is not None
            and self.header_grid is not None
            and continues_list(grid, first_on_page, self.last, self.header_grid)
        )

    def finish(self, issuer: str) -> list[Project]:
        for p in self.projects:
            p.indicators += parse_serialized(self.serialized.get(id(p), []))
        return [p for p in self.projects if p.indicators or p.goals]

    def feed(self, grid: Grid, first_on_page: bool, header: ListHeader | None) -> None:
        """Read one list table (``header``: the list header it prints, found when its
        kind was decided; None on a page that goes on without one)."""
        continued = self._continues(grid, first_on_page)
        if header is not None:
            start, roles = header[0] + 1, header[1]
            if continued:  # the header repeated on the next page (a label may read worse)
                roles = {**self.roles, **roles}
            else:
                self._new_table(grid, header[0], roles)
            self.roles, self.header_grid = roles, grid
        else:
            start = 0
        self.tables.append(
            TableReport(
                grid.page, grid.index, grid.accuracy, grid.whitespace, grid.nrows, grid.ncols
            )
        )
        known = (len(self.projects), len(self.total_rows))
        top = True  # the first block of a continued page may go on with the open set
        anchor: tuple[tuple[int, int], ...] | None = None
        amount: tuple[int, int] | None = None  # region of the last amount printed
        for r in range(start, grid.nrows):
            if _header_roles(grid, r) is not None or _note_row(grid, r):
                continue  # a header repeated on this page; a note under the table
            if _column_number_row(grid, r):
                continue
            # A name cell merged over several blocks that print amounts of their own
            # (北京's 培训类项目 over three sub-projects) is one set per amount: a block
            # is the name's region and the region of the amount printed last.
            amount = self._printed_region(grid, r, _AMOUNTS) or self._cut_amount(grid, r) or amount
            here = (self._anchor(grid, r), amount or (-1, -1))
            if here != anchor:
                same_name = anchor is not None and here[0] == anchor[0] != (-1, -1)
                if anchor is not None:
                    top = False
                anchor = here
                known_sets = len(self.projects)
                self._block_start(grid, r, continued and top)
                if same_name and len(self.projects) > known_sets:
                    self.projects[-1].shares_name_cell = True
            self._row(grid, r)
        if (
            header is not None
            and not continued
            and known
            == (
                len(self.projects),
                len(self.total_rows),
            )
        ):
            self.empty_pages.add(grid.page)
        self.last = grid

    def _new_table(self, grid: Grid, header_row: int, roles: dict[str, float]) -> None:
        """A list's header: the title and notes above it say what kind of sets it holds,
        the department and the amount unit."""
        above = "\n".join([grid.caption, *("".join(grid.row_texts(k)) for k in range(header_row))])
        text = compact(above)
        self.kind = next((k for p, k in KIND_TITLES if p.search(text)), "project")
        m = LIST_DEPARTMENT.search(above)
        self.department = m.group(1) if m else ""
        u = CAPTION_UNIT.search(text)
        self.funding_unit = u.group(1) if u else "万元"
        self.unit_name = ""
        self.open_totals = []
        self.block = None
        self.coded = False

    def _cell(self, grid: Grid, r: int, role: str) -> str:
        if role not in self.roles:
            return ""
        x = self.roles[role]
        if left_of_part(grid, x) and self.header_grid is not None:
            return text_left_of(grid, x, self.header_grid.cols)
        return cell_at(grid, r, x)

    def _printed_region(self, grid: Grid, r: int, roles: tuple[str, ...]) -> tuple[int, int] | None:
        """The region of the first of these columns this part prints at row r with text
        in it (None: none printed, or the column is not on this part)."""
        for role in roles:
            if role not in self.roles or left_of_part(grid, self.roles[role]):
                continue
            c = self._column(grid, self.roles[role])
            if grid.at(r, c).strip():
                return grid.anchor[r][c]
        return None

    def _cut_amount(self, grid: Grid, r: int) -> tuple[int, int] | None:
        """The amount cell of a block a page break cut right after it began (北京市场监管
        p31: a name cell over several blocks, the last one's two rows at the page foot): a
        blank region of its own, begun at row r and running to the part's last row, under
        an amount cell merged over the rows above; its text, centred in the merged cell,
        is printed on the next page, which goes on with this block."""
        c = next(
            (
                self._column(grid, self.roles[role])
                for role in _AMOUNTS
                if role in self.roles and not left_of_part(grid, self.roles[role])
            ),
            -1,
        )
        if c < 0 or r < 2:
            return None
        region, above = grid.anchor[r][c], grid.anchor[r - 1][c]
        if (
            region == (r, c)
            and not grid.at(r, c).strip()
            and grid.anchor[r - 2][c] == above  # merged over the rows above
            and all(grid.anchor[k][c] == region for k in range(r, grid.nrows))
            and reaches_page_end(grid)
        ):
            return region
        return None

    def _column(self, grid: Grid, x: float) -> int:
        return min(range(grid.ncols), key=lambda i: abs(grid.cols[i] - (x - 1.0)))

    def _anchor(self, grid: Grid, r: int) -> tuple[int, int]:
        # A project's rows share its 项目名称 region (its unit name where no name column).
        key = "name" if "name" in self.roles else "unit"
        x = self.roles[key]
        if left_of_part(grid, x):  # the column is not on this part: one region over the page
            return (-1, -1)
        return grid.anchor[r][self._column(grid, x)]

    def _block_start(self, grid: Grid, r: int, at_top: bool) -> None:
        """Row r starts a block of rows sharing the project cells: a new set, a subtotal,
        or (at the top of a continued page) the rest of the open set."""
        name_key = "name" if "name" in self.roles else "unit"
        part = _Block(
            name=self._cell(grid, r, name_key),
            code=self._cell(grid, r, "code") or self._cell(grid, r, "unit_code"),
            unit=self._cell(grid, r, "unit") if name_key == "name" else "",
            amounts={
                k: self._cell(grid, r, k)
                for k in self.roles
                if k in _AMOUNTS or k.startswith(FUNDING_LINE)
            },
            goal=self._cell(grid, r, "goal"),
        )
        project = self.projects[-1] if self.projects else None
        if at_top and self.block is not None and project is not None:
            before = self.block
            # The rest of the open set: its cells printed blank, printed again, or
            # cut through (a part without the code its list prints with every name).
            if (
                not part.name
                or part.name == before.name
                or not before.name
                # a name cut through by the break, in a list whose names carry their
                # code: one part lacks the code, or the code's end and the name
                or (
                    self.coded
                    and not (
                        CODE_NAME.match(compact(before.name))
                        and CODE_NAME.match(compact(part.name))
                    )
                )
            ):
                before.name = _joined(before.name, part.name)
                before.goal = _joined(before.goal, part.goal)
                for k, v in part.amounts.items():
                    before.amounts[k] = before.amounts.get(k) or v
                self._apply(project, before)
                self._name_the_cell(project)
                return
        first = compact(grid.row_texts(r)[0]) if grid.ncols else ""
        has_content = bool(
            part.goal
            or self._cell(grid, r, "indicator")
            or self._cell(grid, r, "serialized")
            or self._cell(grid, r, "target")
        )
        if not has_content:
            total = part.amounts.get("total") or part.amounts.get("fiscal")
            label = compact(part.name) or first
            if total and (label in TOTAL_LABELS or first in TOTAL_LABELS):
                row = TotalRow("合计", "grand_total", grid.page, total, self.funding_unit)
                self.open_totals = [row]
                self.total_rows.append(row)
            elif total and label:
                self.unit_name = compact(part.name)
                row = TotalRow(self.unit_name, "unit_subtotal", grid.page, total, self.funding_unit)
                self.open_totals = [t for t in self.open_totals if t.kind == "grand_total"]
                self.open_totals.append(row)
                self.total_rows.append(row)
            self.block = None  # a note or total row ends the open set
            return
        self.block = part
        self.coded = self.coded or bool(CODE_NAME.match(compact(part.name)))
        project = Project(
            seq=len(self.projects) + 1,
            name="",
            page=grid.page,
            table_accuracy=grid.accuracy,
            set_kind=self.kind,
            department=self.department,
            implementing_unit=compact(part.unit) or self.unit_name,
            funding_unit=self.funding_unit,
        )
        self.projects.append(project)
        for row in self.open_totals:
            row.sets.append(project)
        self.carried = ("", "")
        self._apply(project, part)

    def _name_the_cell(self, project: Project) -> None:
        """The blocks above the open one in its name cell, opened before any part of the
        cell printed the name (centred in the cell, it fell on this page: 北京市场监管
        p31–32), are named by it too."""
        k = len(self.projects) - 1
        while k > 0 and self.projects[k].shares_name_cell:
            k -= 1
            head = self.projects[k]
            if not head.name and not head.code:
                head.code, head.name = project.code, project.name
                head.code_scope = project.code_scope

    def _apply(self, project: Project, block: _Block) -> None:
        name = compact(block.name) if CODE_NAME.match(compact(block.name)) else block.name
        if m := CODE_NAME.match(name):
            project.code, project.name = m.group(1), m.group(2)
        else:
            project.code, project.name = compact(block.code), block.name
            if "code" not in self.roles and "unit_code" in self.roles:
                project.code_scope = "unit"
            if CODE_ONLY.fullmatch(block.name):  # a code wraps anywhere, not between words
                project.name = compact(block.name)
        if "name" not in self.roles:  # a unit's own set (部门整体 lists)
            project.implementing_unit = compact(block.name)
        amounts = {k: v or None for k, v in block.amounts.items()}
        if any(amounts.values()):
            project.funding["annual"] = Funding(
                amounts.get("total"),
                amounts.get("fiscal"),
                amounts.get("other"),
                fiscal_printed="fiscal" in self.roles,
                lines={
                    k.removeprefix(FUNDING_LINE): v
                    for k, v in amounts.items()
                    if k.startswith(FUNDING_LINE) and v
                },
            )
        if block.goal:
            project.goals["annual"] = block.goal

    def _row(self, grid: Grid, r: int) -> None:
        if self.block is None or not self.projects:
            return
        project = self.projects[-1]
        project.table_accuracy = min(project.table_accuracy, grid.accuracy)
        if "serialized" in self.roles and "indicator" not in self.roles:
            # read when the set is complete: its cell may go on on the next page
            if cell := self._cell(grid, r, "serialized"):
                self.serialized.setdefault(id(project), []).append((cell, grid.page, r, grid.index))
            return
        name = self._cell(grid, r, "indicator")
        value = self._cell(grid, r, "target")
        if not (name or value):
            return
        op = compact(self._cell(grid, r, "op"))
        measure = self._cell(grid, r, "measure")
        if op in OPERATORS or op.rstrip("=") in {">", "<"}:
            target = op + value + measure if value else ""
        elif op and not _NUMBER_FIRST.match(value):  # 定性: the word stands alone
            target = value
        else:  # the value carries its operator and unit ("≥90%", ">=2 次"), or a number
            # under 定性 keeps its unit (北京应急: 定性 │ 100 │ %)
            target = value + measure
        level1 = self._cell(grid, r, "level1") or (
            self.carried[0] if "level1" in self.roles else ""
        )
        level2 = self._cell(grid, r, "level2") or (
            self.carried[1] if "level2" in self.roles else ""
        )
        self.carried = (level1, level2)
        project.indicators.append(
            IndicatorRow(
                horizon="annual",
                level1=level1,
                level2=level2,
                name=name,
                target=target,
                standard="",
                page=grid.page,
                row=r,
                measure=measure,
                table=grid.index,
                weight=self._cell(grid, r, "weight"),
            )
        )
