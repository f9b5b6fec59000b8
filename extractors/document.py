"""Document-level work every reader shares: label data, label matching, finding a
table's cells by column position, stitching tests, issuer and fiscal year.

Readers (``cards``, ``lists``) differ in the shape of table they read; what a label means,
where a column is on a part of a table a page break cut off, and whether two parts are
one table are the same for all of them, so they live here once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from extractors.model import Grid
from normalize.amounts import NO_AMOUNT
from normalize.text import compact


def load_labels(folder: Path) -> dict[str, Any]:
    """The label variants of every family (``labels/<family>.yaml``), merged: a section
    of roles gains each file's variants (roles in the order first seen); a plain list
    (task_total_row) is concatenated; an opener maps a role to the kind of set. A label
    that two files give different roles in one section is an error naming both."""
    merged: dict[str, Any] = {}
    claimed: dict[tuple[str, str], tuple[str, str]] = {}  # (section, label) -> (role, file)
    for path in sorted(folder.glob("*.yaml")):
        for section, content in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(content, list):
                merged[section] = (*merged.get(section, ()), *content)
                continue
            table = merged.setdefault(section, {})
            for role, value in content.items():
                table[role] = value if isinstance(value, str) else (*table.get(role, ()), *value)
                if section in _GROUP_SECTIONS or isinstance(value, str):
                    continue
                for label in value:
                    first = claimed.setdefault((section, label), (role, path.name))
                    if first[0] != role:
                        raise ValueError(
                            f"label {label!r} in section {section!r} means {first[0]!r} in "
                            f"{first[1]} and {role!r} in {path.name}: one label, one role"
                        )
    return merged


# sections whose entries are groups of labels printed together, not roles
_GROUP_SECTIONS = frozenset({"target_page"})


LABEL_DIR = Path(__file__).parent / "labels"
LABEL_DATA = load_labels(LABEL_DIR)
UNIT = re.compile(r"[（(]\s*(万元|元)\s*[）)]")
OPERATORS = frozenset("≥≤=＝<>＜＞≧≦")
CAPTION_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
# What a table's title says its sets are: the department's own (部门整体支出绩效目标表) or
# transfer payments (转移支付绩效目标表; not "项目支出绩效目标表（含转移支付项目）")
DEPARTMENT_TITLE = re.compile(r"部门整体|整体支出")
TRANSFER_TITLE = re.compile(r"转移支付[^）)]{0,12}绩效目标表")

NOTE = re.compile(r"[（(][^（）()]*(?:[）)]|$)$")  # its closing bracket may be cut off


_NOTE_MARKS = re.compile(r"[()（）%％]")
# A sentence's stop or comma never belongs to a header label: where one sits inside a label
# it spilled there from a paragraph cell above (重庆经信委 p29 "计量单。位": the unit
# column was not found and eight units were lost).
# (Only inside it: a sentence that ends "…年度目标。" stays a sentence.)
_STRAY_STOPS = re.compile(r"[。，](?=.)")


def label_role(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The role a printed label names in a label table: the variant the label equals or
    ends with, longest first ("当年财政拨款预算金额" is fiscal though it ends with 金额;
    中期资金总额 is the mid-term total though it ends with 资金总额). The label may carry a
    trailing bracketed note ("绩效标准（计划标准）"), or a note whose glyphs a wrapped cell
    scattered through it ("指标(%权)重" for 指标权重(%)), or a stop spilled into it."""
    key = compact(text).rstrip("：:")
    key = _STRAY_STOPS.sub("", key)
    keys = (key, NOTE.sub("", key).rstrip("：:"), _NOTE_MARKS.sub("", key))
    best: tuple[int, str | None] = (0, None)
    for role, variants in table.items():
        for v in variants:
            if len(v) > best[0] and any(k == v or k.endswith(v) for k in keys):
                best = (len(v), role)
    return best[1]


# How far a column edge may move between two parts of one table (Word re-fits a continued
# table's columns by a few points): 1% of the table's width, at least 3 pt.
EDGE_SHIFT_MIN_PT = 3.0
EDGE_SHIFT_SHARE = 0.01


def edge_tolerance(grid: Grid) -> float:
    """The column-edge tolerance for a table: see EDGE_SHIFT_*."""
    return max(EDGE_SHIFT_MIN_PT, EDGE_SHIFT_SHARE * (grid.cols[-1] - grid.cols[0]))


def column_x(grid: Grid, c: int) -> float:
    return grid.cols[c] + 1.0


def cell_at(grid: Grid, r: int, x: float) -> str:
    """Text of the region at x on row r ("" for a role the header does not have).

    x is just right of a column's left edge on the table the header was read from; a part
    of the table on another page may have its columns shifted by a few points, so the
    column whose left edge is nearest counts when it is within the tolerance."""
    c = column_at(grid, x)
    return grid.at(r, c) if c >= 0 else ""


def column_at(grid: Grid, x: float) -> int:
    """The column cell_at reads at x (-1: none)."""
    if x < 0:
        return -1
    tolerance = edge_tolerance(grid)
    edges = grid.cols[:-1]
    nearest = min(range(len(edges)), key=lambda i: abs(edges[i] - (x - 1.0)), default=-1)
    if nearest >= 0 and abs(edges[nearest] - (x - 1.0)) <= tolerance:
        c = nearest
    else:
        c = bisect_right(grid.cols, x) - 1
    return c if 0 <= c < grid.ncols else -1


def left_of_part(grid: Grid, x: float) -> bool:
    """Whether a column at x (read on the table's header) lies left of this part of the
    table, beyond the few points a continued table's columns may shift by."""
    return x < grid.cols[0] - edge_tolerance(grid)


def text_left_of(grid: Grid, x: float, edges: tuple[float, ...]) -> str:
    """The text of a column this part of a table lacks: a page inside one merged cell
    (a list's project block, a card's 一级指标) prints no row rulings there, camelot's
    table begins right of it, and the cell's text stands left of the ruled area, within
    the column's edges on the table's header (``edges``)."""
    right = next((e for e in edges if e > x + 1), edges[-1])
    return "\n".join(t for x0, t in grid.left_columns if x - 1 <= x0 < right)


def add_amounts(a: str | None, b: str) -> str | None:
    """Two printed amounts added ("12,700.00" + "" -> "12700.00"); blanks and dashes are
    none (北京卫健委's transfer cards print 中央财政资金 "-" beside 市级财政资金)."""
    parts = [re.sub(r"[,，\s]", "", x or "") for x in (a, b)]
    parts = [x for x in parts if x and x not in NO_AMOUNT]
    if not parts:
        return None
    try:
        return str(sum(Decimal(x) for x in parts))
    except InvalidOperation:
        return a or b


def reaches_page_end(grid: Grid) -> bool:
    """A table a page break cut ends near the bottom of its page: below it there is only
    the margin and less than one more row. One that ends higher was finished."""
    return grid.bbox[1] < max(180.0, 0.25 * grid.page_height)


def same_columns(a: Grid, b: Grid, right_part: bool = False) -> bool:
    """The two parts of one table cut by a page break: same outer edges, and every column
    edge of the part with fewer rulings is an edge of the other. Within 1% of the width:
    Word re-fits a continued table's columns by a few points. ``right_part``: the part
    may lack the table's left columns (a list page whose project cells are merged over
    the whole page prints no row rulings there, and camelot sees only the right part)."""
    # of the wider part: a part cut down to a few columns would make it tighter than the
    # shift between the two (北京宣传部's p48, 344 pt wide, 6 pt off the header's edge)
    tolerance = max(edge_tolerance(a), edge_tolerance(b))
    fewer, more = sorted((a.cols, b.cols), key=len)
    return (
        (right_part or abs(fewer[0] - more[0]) <= tolerance)
        and abs(fewer[-1] - more[-1]) <= tolerance
        and all(any(abs(x - y) <= tolerance for y in more) for x in fewer)
    )


_HAN = "\u4e00-\u9fff（）()"
_SCOPE = r"(?:[（(](?P<scope>本级|汇总|部门|单位)[）)])?"
_YEAR = r"(?P<year>(?:19|20)\d{2})年度?"
# A budget's (预算) or final accounts' (决算) cover: "2026年烟台市审计局部门预算",
# "西安市信访局（汇总）2026年部门预算公开说明", "2026年度福州市民政局(本级)单位预算",
# "国家信访局 2024 年度部门决算" (spaces are removed before matching).
_COVER_END = r"(?P<kind>(?:部门|单位)(?:综合)?[预决]算)"
# A table title naming issuer and year: the seed's "XX局2023年项目支出绩效目标表", a
# department's "广州市生态环境局2026年部门整体预算绩效目标申报表".
TABLE_TITLE = re.compile(
    rf"(?P<issuer>[^\s\d]\S*?){_YEAR}[^\s\d，。:：]{{0,10}}?绩效目标(?:申报)?表"
)
# A money table's title naming issuer and year: "北京市水务局2026年部门收支总表",
# "中共北京市委宣传部2026年一般公共预算支出表" (kinds: labels/money.yaml's titles).
MONEY_TABLE_TITLE = re.compile(
    rf"(?P<issuer>[{_HAN}]{{2,40}}?){_YEAR}(?:部门|单位)?[^\s\d，。:：]{{0,16}}?"
    rf"(?:收支|收入|支出|拨款|三公|经费|采购)[^\s\d，。:：]{{0,12}}?表"
)
COVERS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?P<issuer>[{_HAN}]{{2,40}}?){_SCOPE}{_YEAR}{_COVER_END}"),
    re.compile(rf"{_YEAR}(?P<issuer>[{_HAN}]{{2,40}}?){_SCOPE}{_COVER_END}"),
)
# A form's field: "部门名称：X", "部门（单位）名称 X", "单位名称：X", 上海's "预算单位：X". Spaces
# are kept when matching (a name ends before "  单位：万元"), and so is a "单位：" glued on.
# 江苏's tables print "部门：X  单位：万元" (the colon required: "部门 X" is a sentence's).
FIELD = re.compile(
    rf"(?:(?:部门|单位|部门[（(]单位[）)])名称|预算单位|编制单位|部门(?=\s*[:：]))\s*[:：]?\s*"
    rf"(?P<issuer>[{_HAN}]{{2,40}}?)(?=\s|金额单位|单位[:：]|[^{_HAN}]|$)"
)
_PREFIX = re.compile(r"^(?:附件\d*[:：]?|第.{1,3}部分[:：]?|目录|[（(](?:本级|汇总)[）)])+")
_SCOPE_END = re.compile(r"[（(](本级|汇总)[）)]$")
# An issuer is an organisation: its name ends like one. Keeps a sentence of narrative
# ("本部门对纳入2026年部门预算的项目…") or a table header ("部门名称 项目名称") from passing for
# a department's name.
_ORGANISATION = re.compile(
    r"(?:局|委员会|委|办公室|办|厅|院|中心|会|部|署|馆|所|站|队|处|政府|公司|学校|大学|医院|社|台|团)$"
)
#: Where find_title looks, in its order: what a rejection for an unnamed issuer tells.
ISSUER_PLACES = (
    "a table title naming issuer and year (XX局2026年项目支出绩效目标表) on any page, "
    "a cover (XX局2026年部门预算 / 2024年度部门决算) on the first three pages, "
    "a money table's title naming issuer and year (XX局2026年部门收支总表) on any page, "
    "a 部门名称 / 部门（单位）名称 / 单位名称 / 预算单位 field on any page"
)


def find_title(page_texts: list[str]) -> tuple[str, int | None]:
    """Issuer and fiscal year as the document prints them, never the file name: the
    first place of ISSUER_PLACES that names an issuer. The year is the one printed with
    it; a field prints none, and then it is the year a subtitle or table title prints,
    else the one the document speaks of most. ("", None) when nothing names the issuer."""
    lines = [[compact(t) for t in text.splitlines()] for text in page_texts]
    searches: list[tuple[list[str], tuple[re.Pattern[str], ...]]]
    searches = [(page, (TABLE_TITLE,)) for page in lines]
    searches += [(page, COVERS) for page in lines[:3]]
    # a money table's title names them where the document prints no cover (a 报表 alone)
    searches += [(page, (MONEY_TABLE_TITLE,)) for page in lines]
    for page, patterns in searches:
        for pattern in patterns:
            for line in [*page, "".join(page)]:
                for m in pattern.finditer(line):
                    if issuer := _issuer(m.group("issuer")):
                        return issuer, int(m.group("year"))
    for text in page_texts:
        for line in text.splitlines():  # spaces kept: "部门名称：X 单位：万元"
            for m in FIELD.finditer(line):
                if issuer := _issuer(m.group("issuer")):
                    return issuer, printed_year(page_texts)
    return "", None


def find_scope(page_texts: list[str]) -> tuple[str, str]:
    """What a document is, as its cover prints it: the scope after the issuer's name
    (本级 for the department's own unit, 汇总 for the department with its units; "" when
    none is printed) and the kind of document (部门预算, 单位预算, 部门决算 …; "" without a
    cover). find_title drops the scope from the issuer's name; it is kept here, since
    泉州市公安局's 单位预算（本级）and its 部门预算 are two documents, not two versions."""
    for page in page_texts[:3]:
        lines = [compact(t) for t in page.splitlines()]
        for pattern in COVERS:
            for line in [*lines, "".join(lines)]:
                for m in pattern.finditer(line):
                    if _issuer(m.group("issuer")):
                        end = _SCOPE_END.search(m.group("issuer"))  # "办公室（本级）" whole
                        scope = m.group("scope") or (end.group(1) if end else "")
                        return scope, m.group("kind")
    return "", ""


def _issuer(printed: str) -> str:
    """The organisation a match names, without a contents entry's or an annex's prefix
    and the （本级）/（汇总） scope; "" when what is left is not an organisation's name."""
    issuer = _SCOPE_END.sub("", _PREFIX.sub("", printed))
    return issuer if len(issuer) >= 2 and _ORGANISATION.search(issuer) else ""


YEAR_SUBTITLE = re.compile(
    r"[（(]((?:19|20)\d{2})年度?[）)]|((?:19|20)\d{2})\s*[（(]年度?[）)]"
)  # "（2026年度）", 北京's "2026（年度）"
YEAR_TABLE_TITLE = re.compile(r"((?:19|20)\d{2})年度?[^\n]{0,12}?绩效目标(?:申报)?表")
YEAR_MENTION = re.compile(r"((?:19|20)\d{2})年度")
# A money table's title with its year on a line of its own (江苏's "2017年政府采购预算表",
# "表十二 2017年政府采购预算表"): spaces removed before matching.
YEAR_MONEY_TITLE = re.compile(
    r"^[^，。；:：]{0,8}?((?:19|20)\d{2})年度?[^\d，。；:：]{0,16}?"
    r"(?:收支|收入|支出|拨款|三公|经费|采购)[^\d，。；:：]{0,12}?表$"
)


def printed_year(page_texts: list[str]) -> int | None:
    """The fiscal year of a document whose issuer is named without one (a form's 部门名称):
    the year its subtitle or table title prints ("（2026年度）", "2026（年度）",
    "2026年项目支出绩效目标表", "2017年政府采购预算表"), else the year it speaks of most
    ("2026年度重点工作…"), the latest on a tie; None when it prints no year."""
    for text in page_texts:
        for line in text.splitlines():
            if y := (
                YEAR_SUBTITLE.search(line)
                or YEAR_TABLE_TITLE.search(line)
                or YEAR_MONEY_TITLE.search(compact(line))
            ):
                return int(next(g for g in y.groups() if g))
    counts = Counter(int(y) for text in page_texts for y in YEAR_MENTION.findall(compact(text)))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None
