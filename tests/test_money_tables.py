"""The standard money tables (extractors.kinds, extractors.money) read from real documents
through camelot, values checked against the page images (spot checks; the full typed
files are scored by ``python -m fixtures.money_accuracy``)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import polars as pl
import pytest

from extractors import extract
from extractors.kinds import find_money_title, is_contents, title_kind
from extractors.model import Annex, MoneyLine, MoneyTable
from fixtures.money_accuracy import Report, expected_files, read_tables, score_document, source_pdf
from tests.conftest import SHARED, require

CRAWL = SHARED / "realworld" / "crawl"


@functools.cache
def _annex(name: str) -> Annex:
    path = CRAWL / name
    require(path.is_file(), f"../shared/realworld/crawl/{name}")
    return extract(Path(path))


def _table(name: str, kind: str, occurrence: int = 0) -> MoneyTable:
    return [t for t in _annex(name).money_tables if t.kind == kind][occurrence]


def _line(table: MoneyTable, **fields: object) -> MoneyLine:
    return next(
        line for line in table.lines if all(getattr(line, k) == v for k, v in fields.items())
    )


def _amounts(line: MoneyLine) -> dict[str, str]:
    return {a.measure: a.printed for a in line.amounts}


SHANGHAI = "001_上海/2026年上海市审计局_部门预算.pdf"
BEIJING = "002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
CHONGQING = "004_重庆/2026年重庆市人民政府办公厅部门预算.pdf"
SHENZHEN = "003_深圳/2026年深圳市信访局部门预算.pdf"
XIAN = "020_西安/气象局_2026年部门预算.pdf"
YANTAI = "025_烟台/2026年烟台市大数据局部门预算.pdf"
GUANGZHOU = "005_广州/市场监督管理局_2026年部门预算.pdf"
HUZHOU = "079_湖州/2026年湖州市退役军人事务局部门预算.pdf"


# --- the kind, from the title --------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("预算01表 收支总表", "T01"),
        ("2026年预算单位财政拨款收支预算总表", "T04"),  # not T01 though it holds 收支预算总表
        ("表 5 项目支出总表", "X_project"),  # not T03 though it holds 支出总表
        ("2026年财政拨款“三公”经 费支出情况表", "T07"),  # wrapped, quoted
        ("2026年单位“三公”经费和机关运行经费预算表", "T07"),
        ("一般公共预算支出表（按功能分类）", "T05"),
        ("一般公共预算支出表（按经济分类）", "X_economic"),  # 深圳, beside its T05
        ("2022年部门综合预算一般公共预算支出明细表（按经济分类科目分）", "X_economic"),  # 西安
        # 西安 FY2026: 表6 beside its T05, 表7 (by function) beside 表8, its T06
        ("部门综合预算一般公共预算支出明细表（按支出经济分类科目）", "X_economic"),
        ("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）", "X_basic_function"),
        ("部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）", "T06"),
        ("2022年部门综合预算一般公共预算基本支出明细表（按功能科目分）", "X_basic_function"),
        # 西安 FY2026's 表13: not T03 though it holds 支出预算表
        ("部门综合预算一般公共预算拨款“三公”经费及会议费、培训费支出预算表", "T07"),
        ("预算表12 项目支出绩效目标表", None),  # a target table
        ("财政拨款三公经费及会议费、培训费支出决算表", None),  # 决算, not 预算
        ("一、收支总表 ........................ 3", None),  # a contents entry
        ("本部门2026年收支总表详见附件，收入合计1,000万元。", None),  # narrative
    ],
)
def test_a_title_names_its_kind(line: str, kind: str | None) -> None:
    assert title_kind(line) == kind


def test_a_title_keeps_its_printed_number_from_the_line_above() -> None:
    title = find_money_title("二、表格部分\n表 1\n收支总表\n部门名称：深圳市信访局 单位：万元")
    assert title is not None
    assert (title.kind, title.title, title.number) == ("T01", "收支总表", "表1")


def test_a_contents_page_is_no_table() -> None:
    page = "目 录\n一、收支预算总表\n二、收入预算总表\n三、支出预算总表"
    assert is_contents(page)


def test_a_contents_page_without_its_heading_is_no_table() -> None:
    """深圳 and 湖州 print the rest of the 目录 on a second page, without the heading."""
    page = "二、表格部分\n（一）收支总表\n（二）收入总表\n（三）支出总表\n（四）基本支出总表"
    assert is_contents(page)
    assert not is_contents("表 1\n收支总表\n部门名称：深圳市信访局 单位：万元")


# --- real documents --------------------------------------------------------------------


def test_split_category_columns_become_full_codes_in_yuan() -> None:
    """上海: 类 │ 款 │ 项 columns (201 │ 08 │ 01), amounts in 元 with separators."""
    t05 = _table(SHANGHAI, "T05")
    assert t05.unit == "元" and t05.pages == (13, 14)  # continued, header repeated
    line = _line(t05, function_code="2010801")
    assert (line.label, line.function_level) == ("行政运行", "项")
    assert _amounts(line) == {"total": "114479860", "basic": "114479860"}
    assert _line(t05, function_code="20108").function_level == "款"


def test_a_receipts_and_expenditure_table_has_two_sides() -> None:
    """上海 T01: income side (one 预算数) then expense side (合计, 人员经费, 公用经费, 项目)."""
    t01 = _table(SHANGHAI, "T01")
    first, second = t01.lines[:2]
    assert (first.side, first.label, _amounts(first)) == (
        "income",
        "一、财政拨款收入",
        {"income": "195774300"},
    )
    assert (second.side, second.label) == ("expense", "一、一般公共服务支出")
    assert _amounts(second) == {
        "expense_total": "134339860",
        "expense_basic_personnel": "93654340",
        "expense_basic_public": "20825520",
        "expense_project": "19860000",
    }
    total = _line(t01, label="支出总计")
    assert total.is_total and _amounts(total)["expense_total"] == "195774300"


def test_code_and_name_in_one_cell_with_six_decimals() -> None:
    """北京 预算03表: 2010801-行政运行 │ 50101-工资奖金津补贴 │ 30101-基本工资 in one row,
    amounts to six decimals, the title inside the framed grid."""
    t03 = _table(BEIJING, "T03")
    assert (t03.number_printed, t03.title, t03.unit) == ("预算03表", "支出总表", "万元")
    first = t03.lines[0]
    assert (first.function_code, first.economic_code_gov, first.economic_code) == (
        "2010801",
        "50101",
        "30101",
    )
    assert _amounts(first) == {"total": "3138.093600", "basic": "3138.093600"}


def test_sangong_parts_printed_as_columns_become_lines() -> None:
    """北京 预算09表: one row of amounts under the parts' headers."""
    t07 = _table(BEIJING, "T07")
    got = {line.label: _amounts(line) for line in t07.lines}
    assert got["因公出国（境）费用"] == {"total": "173.520000"}
    assert got["公务用车购置费"] == {"total": "37.380000"}
    assert got["公务用车购置及运行维护费"] == {"total": "65.328000"}


def test_sangong_year_blocks_are_measures() -> None:
    """重庆 表八: 2025年预算数 and 2026年预算数 blocks of the same parts."""
    t07 = _table(CHONGQING, "T07")
    line = _line(t07, label="公务接待费")
    assert _amounts(line) == {"prior_year": "10.00", "total": "10.00"}
    car = _line(t07, label="公务用车购置及运行费")
    assert _amounts(car) == {"prior_year": "202.48", "total": "200.00"}


def test_one_code_column_with_total_row() -> None:
    """重庆 表五: one 科目编码 column (201, 20103, 2010301), 合计 first, 2025年预算数 a
    prior-year column, continued on the next page with its header repeated."""
    t05 = _table(CHONGQING, "T05")
    assert t05.pages == (15, 16)
    total = t05.lines[0]
    assert total.is_total and _amounts(total)["total"] == "18417.70"
    assert _amounts(total)["prior_year"] == "15635.80"
    line = _line(t05, function_code="2010301")
    assert _amounts(line)["basic_personnel"] == "4542.97"
    assert _line(t05, function_code="2150516").page == 16


def test_an_empty_table_is_read_empty() -> None:
    """北京 预算07表: header and a 合计 row with blank cells (空表)."""
    t08 = _table(BEIJING, "T08")
    assert t08.empty and t08.lines == []


def test_a_title_repeated_over_a_continued_table_continues_it() -> None:
    """深圳 prints "表 1 收支总表" on both pages of its 收支总表: one table."""
    t01s = [t for t in _annex(SHENZHEN).money_tables if t.kind == "T01"]
    assert len(t01s) == 1 and t01s[0].pages == (15, 16)


def test_parallel_expense_classes_are_lines_of_their_own() -> None:
    """西安 表1: three expense classifications side by side, each label │ 预算数."""
    t01 = _table(XIAN, "T01")
    assert t01.unit == "元"
    row = [line for line in t01.lines if line.row == t01.lines[0].row]
    assert [(line.side, line.label) for line in row] == [
        ("income", "一、部门预算"),
        ("expense", "一、部门预算"),
        ("expense", "一、部门预算"),
        ("expense", "一、部门预算"),
    ]
    assert all(
        _amounts(line) in ({"income": "18999011.66"}, {"expense": "18999011.66"}) for line in row
    )


def test_money_pages_never_reach_the_target_readers() -> None:
    annex = _annex(SHANGHAI)
    assert annex.projects == []
    assert {t.kind for t in annex.money_tables} >= {"T01", "T02", "T03", "T04", "T05", "T06", "T07"}


def test_a_landscape_page_turned_by_rotate_90_is_read() -> None:
    """烟台 prints its tables from page 7 on as portrait pages with /Rotate 90: pdfium's
    glyph boxes are unturned, camelot's table turned (公开表5, page 13)."""
    t05 = _table(YANTAI, "T05")
    assert t05.pages == (13, 14)
    assert _amounts(t05.lines[0]) == {
        "total": "7503.31",
        "basic": "1464.31",
        "basic_personnel": "1281.90",
        "basic_public": "182.41",
        "project": "6039.00",
    }
    line = _line(t05, function_code="2150599")
    assert line.label == "其他工业和信息产业支出"
    assert _amounts(line) == {
        "total": "6673.97",
        "basic": "642.47",
        "basic_personnel": "642.47",
        "project": "6031.50",
    }


def test_a_sangong_part_printed_blank_is_a_line_and_the_car_group_a_total() -> None:
    """烟台 公开表7: 公务用车购置经费 blank in both years; its group is the subtotal."""
    t07 = _table(YANTAI, "T07")
    assert _amounts(_line(t07, label="公务用车购置经费")) == {}
    car = _line(t07, label="公务用车购置及运行维护费")
    assert car.is_total and _amounts(car) == {"prior_year": "5.00", "total": "5.00"}


def test_a_continuation_page_ruled_for_the_rendered_engine_only_is_read() -> None:
    """广州's rulings are not read by the vector engine: 收支总体情况表 continues on page 9
    without a title, and 表5 prints its codes in brackets ([201]一般公共服务支出)."""
    t01 = _table(GUANGZHOU, "T01")
    assert t01.pages == (8, 9)
    total = _line(t01, label="支出总计")
    assert total.is_total and _amounts(total) == {"expense": "177090.43"}
    t05 = _table(GUANGZHOU, "T05")
    line = _line(t05, function_code="201")
    assert line.label == "一般公共服务支出"
    assert _amounts(line) == {"total": "71292.18", "basic": "35106.65", "project": "36185.53"}
    assert _amounts(t05.lines[0])["basic"] == "62505.63"  # 其中：基本支出


def test_a_unit_column_labels_the_units_total_row() -> None:
    """深圳 表7: the first row names only its 预算单位; 表10 prints that row at 0.00 (空表);
    the 目录's second page is no unread table."""
    t05 = _table(SHENZHEN, "T05")
    first = t05.lines[0]
    assert (first.label, first.is_total) == ("深圳市信访局", True)
    assert _amounts(first) == {"total": "4684.30", "basic": "3072.01", "project": "1612.29"}
    assert _table(SHENZHEN, "T08").empty
    assert _annex(SHENZHEN).money_pages_unread == ()


def test_sangong_parts_split_by_fund_with_a_row_per_year() -> None:
    """深圳 表9: parts over 一般公共预算 / 政府性基金预算 / 国有资本经营预算, rows 2025 年,
    2026 年, 增减变化金额."""
    t07 = _table(SHENZHEN, "T07")
    line = _line(t07, label="公务接待费")
    assert _amounts(line)["fiscal_general"] == "2.98"
    assert _amounts(line)["raw:2025年/一般公共预算"] == "2.98"
    assert _amounts(line)["raw:增减变化金额/一般公共预算"] == "0.00"
    assert _line(t07, label="公务用车购置及运行维护费").is_total


def test_sangong_rows_by_unit_under_a_numbering_row() -> None:
    """湖州 表07: ** 1 2 … numbers the columns; a row per unit, labels keep their quotes."""
    t07 = _table(HUZHOU, "T07")
    totals = [line for line in t07.lines if line.label == "“三公”经费合计"]
    assert [_amounts(line) for line in totals] == [
        {"total": "1.10"},
        {"total": "1.00"},
        {"total": "0.10"},
    ]
    assert all(line.is_total for line in totals)


BEIJING_STATS = "002_北京/统计局_2026年部门预算.pdf"


def test_a_wrapped_name_overflowing_into_the_next_row_keeps_that_rows_code() -> None:
    """北京统计局 预算03表 p7: "2080506-机关事业单位职业年金" wraps, its "缴费支出" prints at
    the top of the next row's cell, over "2080506-…" (50501 工资福利支出, 172.854000) and
    again over "2101101-行政单位医疗" (556.415664): both rows keep their function code, and
    the 合计 50,927.950741 is the sum of the 项 lines."""
    t03 = _table(BEIJING_STATS, "T03")
    wage = _line(t03, page=7, function_code="2080506", economic_code_gov="50501")
    assert _amounts(wage)["total"] == "172.854000"
    health = _line(t03, page=7, function_code="2101101", economic_code="30110")
    assert _amounts(health)["total"] == "556.415664"
    assert all(line.function_code for line in t03.lines if not line.is_total)


GUANGZHOU_ECO = "005_广州/生态环境局_2026年部门预算.pdf"


def test_a_code_and_name_in_one_cell_under_the_code_header_is_read() -> None:
    """广州生态环境局 本年支出总体情况表 p15 (printed "- 13 -"): the continuation page draws
    no ruling between 科目编码 and 科目名称; its one line "2210203 购房补贴 11,803.98" keeps
    its code and name, and 22102 住房改革支出 15,836.47 = 4,032.49 + 11,803.98."""
    t03 = _table(GUANGZHOU_ECO, "T03")
    line = _line(t03, page=15, function_code="2210203")
    assert line.label.strip() == "购房补贴"
    assert _amounts(line)["total"] == "11803.98"


CHONGQING_ECONOMY = "004_重庆/2026年重庆市经济和信息化委员会部门预算.pdf"
HUZHOU_VETERANS = "079_湖州/2026年湖州市退役军人事务局部门预算.pdf"


def test_label_only_rows_under_a_repeated_header_are_lines_not_header() -> None:
    """重庆经信委 表四 p17 and 湖州退役军人事务局 表04 p23 print the header again, then
    rows with a label and no amount ("(三)国有资本经营预算拨款"; "上年结转结余",
    "一般公共预算" …): they are lines, not header levels, and the total row reads its
    label and amounts (收入合计 192,446.79; 收 入 总 计 5973.01)."""
    t04 = _table(CHONGQING_ECONOMY, "T04")
    assert _line(t04, page=17, side="income", label="(三)国有资本经营预算拨款").amounts == []
    total = _line(t04, page=17, side="income", label="收入合计")
    assert total.is_total and _amounts(total) == {"income": "192446.79"}
    t04 = _table(HUZHOU_VETERANS, "T04")
    assert _line(t04, page=23, side="income", label="上年结转结余").amounts == []
    total = _line(t04, page=23, side="income", is_total=True)
    assert _amounts(total) == {"income": "5973.01"}
    assert all(not any("计" in a.printed for a in line.amounts) for t in (t04,) for line in t.lines)


SHANGHAI_DATA = "001_上海/2026年上海市政务服务和数据管理局_部门预算.pdf"
XIAN_COMMERCE = "020_西安/商务局_2026年部门预算.pdf"


def test_a_page_of_blank_columns_cut_off_a_table_is_no_unread_table() -> None:
    """上海数据局 p10 prints only the 其他收入 column cut off the 收入预算总表 (pp8-9),
    every cell blank, under the table's title: no table is missed there."""
    annex = _annex(SHANGHAI_DATA)
    assert 10 not in annex.money_pages_unread
    assert _table(SHANGHAI_DATA, "T02").pages == (8, 9)


def test_overprinted_bold_text_reads_once() -> None:
    """西安商务局 表1–表4 (pp36–41) draw title, header and cells several times a hair
    apart (bold): read once, the titles name T01–T04 ("表1 2022年部门综合预算收支总表")
    and 表1's first line is "一、部门预算 581242867.20"."""
    annex = _annex(XIAN_COMMERCE)
    kinds = {t.kind: t.pages for t in annex.money_tables}
    assert kinds["T01"] == (36, 37) and kinds["T02"] == (38,) and kinds["T03"] == (39,)
    assert kinds["T04"] == (40, 41) and "T07" in kinds
    assert annex.money_pages_unread == ()
    t01 = _table(XIAN_COMMERCE, "T01")
    first = _line(t01, page=36, side="income", label="一、部门预算")
    assert list(_amounts(first).values()) == ["581242867.20"]


def test_project_and_fiscal_basic_tables_are_not_t03() -> None:
    """广州生态环境局 p34 "部门预算项目支出及其他支出预算表" is a project table, not a
    second 支出预算表 (T03); 苏州科技局 公开06表 (p20) "财政拨款基本支出表（经济科目）" is
    the basic-expense extra, read."""
    assert title_kind("部门预算项目支出及其他支出预算表") == "X_project"
    assert title_kind("财政拨款基本支出表（经济科目）") == "X_basic"
    kinds = [t.kind for t in _annex(GUANGZHOU_ECO).money_tables]
    assert kinds.count("T03") == 1 and kinds[-1] == "X_project"
    suzhou = _table("006_苏州/2026年苏州市科技创新局部门预算.pdf", "X_basic")
    assert suzhou.pages == (20, 21)
    assert _amounts(_line(suzhou, economic_code="30309")) == {
        "total": "0.07",
        "basic_personnel": "0.07",
    }


def test_a_continuation_page_without_the_frame_margin_column_continues() -> None:
    """北京退役军人事务局 预算05表 runs over pp6–8; p7's ruling lacks the 5 pt frame margin
    column pp6 and 8 draw: it is the same table (first line "2080506 机关事业单位职业年金
    缴费支出 81.408576"), and the 合计 820,087.414755 on p8 is read."""
    t05 = _table("002_北京/退役军人事务局_2026年部门预算.pdf", "T05")
    assert t05.pages == (6, 7, 8)
    first = min((line for line in t05.lines if line.page == 7), key=lambda x: x.row)
    assert first.function_code == "2080506" and _amounts(first)["total"] == "81.408576"
    total = next(line for line in t05.lines if line.is_total)
    assert total.page == 8 and _amounts(total)["total"] == "820087.414755"


REAL_EXPECTED = expected_files(golden=False)


@pytest.mark.parametrize("name", sorted(REAL_EXPECTED))
def test_real_document_money_tables_read_exactly(name: str) -> None:
    """Every real document with a hand-checked money expected file (typed from the page
    images, re-checked independently) reads field for field: kinds, labels, codes,
    totals, every amount (``python -m fixtures.money_accuracy``)."""
    expected = json.loads(REAL_EXPECTED[name].read_text(encoding="utf-8"))
    pdf = source_pdf(expected)
    require(pdf.is_file(), f"../shared/realworld/{expected['source']}")
    got, _ = read_tables(pdf)
    report = Report()
    score = score_document(name, expected, got, report)
    assert score.matched == score.total, score.problems[:20]
    assert not report.kinds_missed


@pytest.mark.parametrize(
    ("labels", "parts"),
    [
        # 上海: a bare 合计 is the 三公 total; 机关运行经费 beside the parts is none of them
        (
            [
                "合计",
                "因公出国(境)费",
                "公务接待费",
                "公务用车购置及运行费",
                "购置费",
                "运行费",
                "机关运行经费预算数",
            ],
            [
                "total",
                "abroad",
                "reception",
                "vehicle",
                "vehicle_purchase",
                "vehicle_operation",
                None,
            ],
        ),
        # 西安: 合计 counts 会议费 and 培训费 too; the “三公”经费预算 line is the total
        (
            [
                "合计",
                "一般公共预算拨款安排的“三公”经费预算",
                "因公出国（境）费用",
                "公务接待费",
                "公务用车购置及运行维护费",
                "公务用车购置费",
                "公务用车运行维护费",
                "会议费",
                "培训费",
            ],
            [
                None,
                "total",
                "abroad",
                "reception",
                "vehicle",
                "vehicle_purchase",
                "vehicle_operation",
                "meeting",
                "training",
            ],
        ),
        # 广州: numbered parts, 行政经费 beside them
        (
            [
                "行政经费",
                "“三公”经费",
                "其中：（一）因公出国（境）支出",
                "（二）公务用车购置及运行维护支出",
                "1.公务用车购置费",
                "2.公务用车运行维护费",
                "（三）公务接待费支出",
            ],
            [
                None,
                "total",
                "abroad",
                "vehicle",
                "vehicle_purchase",
                "vehicle_operation",
                "reception",
            ],
        ),
    ],
)
def test_each_t07_line_names_its_sangong_part(labels: list[str], parts: list[str | None]) -> None:
    from normalize.money import sangong_parts

    lines = [
        MoneyLine(
            i, label, 1, i, is_total=label == "合计" or "三公" in label or "购置及运行" in label
        )
        for i, label in enumerate(labels)
    ]
    assert sangong_parts(lines) == parts


FUZHOU_ECOLOGY = "017_福州/2026年福州市生态环境局部门预算.pdf"


def test_a_basic_spending_table_by_economic_class_is_t06_with_its_total() -> None:
    """福州 (and 泉州) print 九、一般公共预算基本支出经济分类情况表 (pp15–17): their T06, once
    not read at all (a title variant unknown: missing_standard_table fired, judged false).
    Its 合计 stands under 科目编码 and is the table's total, 1,063.27 万元, which is T05's
    基本支出 (checked on the page image)."""
    t06 = _table(FUZHOU_ECOLOGY, "T06")
    assert t06.pages == (15, 16, 17)
    total = t06.lines[0]
    assert (total.label, total.is_total, _amounts(total)) == ("合计", True, {"total": "1063.27"})
    assert _amounts(_line(t06, economic_code="30101")) == {"total": "197.77"}


def test_issue_yantai_ndrc_t05_total_against_t04_general_column_is_compared() -> None:
    """烟台发改委 p12–14 (checked on the page images): its 财政拨款收支总体情况表 spends
    11,252.57 万元 of 一般公共预算 in 本年支出合计 (no 上年结转), its 一般公共预算支出情况表
    totals 11,046.30 (一般公共服务 5,571.68 against 5,729.37, 教育 51.28 against 56.28 …):
    the document disagrees with itself, and cross_table says so. Its other cross-table
    check (T05 基本支出 = T06 合计) holds."""
    from normalize.money import arithmetic

    checks = arithmetic(_annex("025_烟台/2026年烟台市发展和改革委员会部门预算.pdf"), "sha")
    cross = checks.filter(checks["check"] == "cross_table")
    by_what = {row["label"]: row["holds"] for row in cross.iter_rows(named=True)}
    assert by_what == {
        "一般公共预算支出表的基本支出 = 基本支出表合计": True,
        "一般公共预算支出表合计 = 财政拨款收支总表的一般公共预算支出": False,
        "支出总表合计 = 收支总表支出合计": True,
    }


def test_issue_xian_2022_planning_a_title_repeated_without_its_number_continues_the_table() -> None:
    """西安自然资源和规划局 FY2022 p42–43 (page images): 表2 2022年部门综合预算收入总表 over
    rows 1–15, then the title again without 表2 over rows 16–18 — one table, not a second
    收入总表 of three lines."""
    annex = _annex("020_西安/规划和自然资源局_2026年部门预算.pdf")
    (t02,) = [t for t in annex.money_tables if t.kind == "T02"]
    assert (t02.pages, t02.number_printed, len(t02.lines)) == ((42, 43), "表2", 18)


def test_issue_guangzhou_housing_a_project_tables_goal_column_is_no_label() -> None:
    """广州住建局 表12 (p28, page image): 支出项目类别 │ amounts … │ 绩效目标; each line had
    taken its goal text for its label (the rightmost text column), and the project's name
    was stored nowhere. Its 表6 prints one amount column headed 预算: the total."""
    name = "005_广州/住房和建设局_2026年部门预算.pdf"
    projects = [t for t in _annex(name).money_tables if t.kind == "X_project"][-1]
    line = _line(projects, label="机构运行辅助经费")
    assert _amounts(line)["total"] == "102.10"
    t06 = _table(name, "T06")
    assert _amounts(_line(t06, label="合计")) == {"total": "55926.90"}


def test_issue_xian_2022_commerce_a_unit_code_column_names_the_unit() -> None:
    """西安商务局 FY2022 收入总表 (p38, page image): 单位编码 │ 单位名称 │ amounts; "263" had
    read as a 类 code under an empty label. Each row names its unit: "263 西安市商务局"."""
    t02 = _table("020_西安/商务局_2026年部门预算.pdf", "T02")
    units = [line.label for line in t02.lines[1:4]]
    assert units == ["263 西安市商务局", "263001 西安市商务局", "263002 西安市商务综合执法支队"]
    assert not any(line.function_code for line in t02.lines)


def test_issue_xian_2022_commerce_each_expense_line_says_its_classification() -> None:
    """西安商务局 FY2022 收支总表 (p36, page image): 支出 prints three label │ 预算数 groups
    (支出功能分科目, 部门预算支出经济科目, 政府预算支出经济分类科目, all 按大类, no codes),
    each line measure expense: summed together they were three times the spending and
    could not be told apart."""
    t01 = _table("020_西安/商务局_2026年部门预算.pdf", "T01")
    first = [(line.side, line.classification) for line in t01.lines[:4]]
    assert first == [
        ("income", ""),
        ("expense", "function"),
        ("expense", "economic"),
        ("expense", "economic_gov"),
    ]
    assert _line(t01, label="1、一般公共服务支出").classification == "function"
    assert _line(t01, label="1、机关工资福利支出").classification == "economic_gov"


def test_issue_xian_2022_commerce_a_procurement_lists_quantity_is_no_money() -> None:
    """西安商务局 FY2022 政府采购预算表 (p58, page image): 数量 beside 预算金额; the 合计
    row's 127982 items had loaded as 127,982.00 元. A count is kept as printed, no yuan,
    and is no unreadable amount."""
    from normalize.money import budget_lines

    annex = _annex("020_西安/商务局_2026年部门预算.pdf")
    lines = budget_lines(annex, "sha").filter(
        (pl.col("table_kind") == "X_procurement") & (pl.col("measure") == "quantity")
    )
    first = lines.row(0, named=True)
    assert (first["amount_printed"], first["amount_yuan"]) == ("127982", None)
    assert lines["amount_yuan"].is_null().all()


def test_issue_yantai_transport_a_row_of_two_split_classifications_keeps_both() -> None:
    """烟台交通运输局 公开表6 (p18, page image): 部门经济分类 301 │ 01 │ 基本工资 beside
    政府经济分类 501 │ 01 │ 工资奖金津补贴, each code in split 类 │ 款 columns; the second had
    overwritten the first (economic_code empty on all 66 lines, labels the 政府 names)."""
    t06 = _table("025_烟台/2026年烟台市交通运输局部门预算.pdf", "T06")
    line = _line(t06, economic_code="30101")
    assert (line.label, line.economic_code_gov, line.classification) == (
        "基本工资",
        "50101",
        "economic",
    )


def test_issue_yantai_transport_an_item_lists_name_is_its_first_text() -> None:
    """烟台交通运输局 公开表11 (p29): 项目名称 │ 项目类别 │ amounts; 40 of 41 lines were
    labelled by their 项目类别 (特定目标类, 其他运转类). 无锡应急 公开13 政府采购 (p26):
    采购项目 first, 采购组织形式 (分散采购) last."""
    projects = _table("025_烟台/2026年烟台市交通运输局部门预算.pdf", "X_project")
    assert [line.label for line in projects.lines[1:3]] == ["政府专项债券付息", "交通专项规划编制"]
    bought = _table("014_无锡/应急管理局_2026年部门预算.pdf", "X_procurement")
    assert not [line for line in bought.lines if line.label in ("分散采购", "集中采购")]
    # 重庆办公厅 表九 (p21): 项目编号 A │ 项目 货物 — the number is no name
    bought = _table("004_重庆/2026年重庆市人民政府办公厅部门预算.pdf", "X_procurement")
    assert [line.label for line in bought.lines] == ["合计", "货物", "服务"]


def test_issue_wuxi_emergency_a_department_code_column_names_the_unit() -> None:
    """无锡应急 收入总表 (p11): 部门代码 │ 部门名称; "328" had read as an economic class
    code under an empty label."""
    t02 = _table("014_无锡/应急管理局_2026年部门预算.pdf", "T02")
    assert t02.lines[1].label == "328 无锡市应急管理局"
    assert not any(line.economic_code for line in t02.lines)
