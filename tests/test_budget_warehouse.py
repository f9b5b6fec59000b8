"""Money tables from the annex model to the views: frames, arithmetic rules, the load, the
contract views and the named queries, on the embedded default and on PostgreSQL.

The annexes here are written as the reader hands them over (extractors.model), with a
seeded defect per arithmetic rule; the reading itself is tested on real documents in
tests/test_money_tables.py.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import polars as pl

from expectations import DocumentToCheck, validate
from extractors.model import Annex, MoneyAmount, MoneyLine, MoneyTable
from normalize.frames import normalise
from normalize.money import arithmetic, missing_standard_tables
from tests.conftest import query
from warehouse.db import make_engine, upgrade
from warehouse.load import DocumentMeta, load_document, start_run
from warehouse.queries import run_query


def _line(seq: int, label: str, amounts: dict[str, str], code: str = "", **kw: object) -> MoneyLine:
    return MoneyLine(
        seq=seq,
        label=label,
        page=kw.pop("page", 5),  # type: ignore[arg-type]
        row=seq,
        function_code=code,
        amounts=[MoneyAmount(m, m, a) for m, a in amounts.items()],
        **kw,  # type: ignore[arg-type]
    )


def _t05(total: str = "300.00", hierarchy: str = "100.00") -> MoneyTable:
    """合计 = 201 + 208; 201 = 20101; 20101 = 2010101 + 2010102 (as seeded)."""
    return MoneyTable(
        kind="T05",
        title="一般公共预算支出表",
        number_printed="表5",
        pages=(5,),
        lines=[
            _line(
                1, "合计", {"total": total, "basic": "250.00", "project": "50.00"}, is_total=True
            ),
            _line(2, "一般公共服务支出", {"total": "100.00", "basic": "100.00"}, "201"),
            _line(3, "人大事务", {"total": hierarchy, "basic": "100.00"}, "20101"),
            _line(4, "行政运行", {"total": "60.00", "basic": "60.00"}, "2010101"),
            _line(5, "一般行政管理事务", {"total": "40.00", "basic": "40.00"}, "2010102"),
            _line(
                6,
                "社会保障和就业支出",
                {"total": "200.00", "basic": "150.00", "project": "50.00"},
                "208",
            ),
        ],
    )


def _t07(vehicle: str = "3.00") -> MoneyTable:
    return MoneyTable(
        kind="T07",
        title="一般公共预算“三公”经费支出表",
        pages=(7,),
        lines=[
            _line(1, "合计", {"total": "6.00", "prior_year": "7.00"}, is_total=True, page=7),
            _line(2, "因公出国（境）费", {"total": "1.00", "prior_year": "1.00"}, page=7),
            _line(3, "公务用车购置及运行费", {"total": vehicle, "prior_year": "4.00"}, page=7),
            _line(4, "公务用车购置费", {"total": "0.00"}, page=7),
            _line(5, "公务用车运行费", {"total": "3.00"}, page=7),
            _line(6, "公务接待费", {"total": "2.00", "prior_year": "2.00"}, page=7),
        ],
    )


def _t01(expense_total: str = "300.00") -> MoneyTable:
    return MoneyTable(
        kind="T01",
        title="收支预算总表",
        pages=(3,),
        lines=[
            _line(1, "一般公共预算拨款收入", {"income": "300.00"}, page=3),
            _line(2, "一般公共服务支出", {"expense": "100.00"}, page=3),
            _line(3, "社会保障和就业支出", {"expense": "200.00"}, page=3),
            _line(4, "收入总计", {"income": "300.00"}, is_total=True, page=3),
            _line(5, "支出总计", {"expense": expense_total}, is_total=True, page=3),
        ],
    )


def _annex(*tables: MoneyTable, year: int = 2026) -> Annex:
    return Annex(
        issuer="某市信访局",
        fiscal_year=year,
        page_count=10,
        money_tables=list(tables),
        money_pages_unread=(9,),
    )


def test_lines_are_long_form_exact_in_yuan() -> None:
    doc = normalise(_annex(_t05(), _t07()), "sha")
    lines = doc.budget_lines
    row = lines.filter(pl.col("line_label") == "行政运行").row(0, named=True)
    assert row["function_code"] == "2010101" and row["function_level"] == "项"
    assert row["amount_yuan"] == Decimal("600000.00")  # 60.00 万元
    assert row["precision_yuan"] == Decimal("100.00")  # one unit of 0.01 万元
    assert lines.filter(pl.col("table_kind") == "T05").height == 14
    assert doc.budget_tables["lines"].to_list() == [6, 6]


def test_arithmetic_holds_on_a_consistent_document() -> None:
    checks = arithmetic(_annex(_t01(), _t05(), _t07()), "sha")
    assert checks.height > 0 and checks["holds"].all()
    kinds = set(checks["check"])
    assert kinds == {"table_total", "hierarchy"}


def test_each_seeded_defect_is_found_once() -> None:
    doc = normalise(_annex(_t01("299.00"), _t05("310.00", "90.00"), _t07("3.50")), "sha")
    failed = doc.budget_checks.filter(~pl.col("holds"))
    got = sorted(zip(failed["check"], failed["table_kind"], failed["label"], strict=True))
    assert got == [
        ("hierarchy", "T05", "201 一般公共服务支出"),  # 100 ≠ 90
        ("hierarchy", "T05", "20101 人大事务"),  # 90 ≠ 60 + 40
        ("table_total", "T01", "收入总计"),  # 300 ≠ 299
        ("table_total", "T05", "合计"),  # 310 ≠ 100 + 200
        ("table_total", "T07", "公务用车购置及运行费"),  # 3.50 ≠ 0 + 3
        ("table_total", "T07", "合计"),  # 6 ≠ 1 + 3.50 + 2
    ]


def test_rounding_within_the_printed_place_is_no_mismatch() -> None:
    t = _t05()
    t.lines[0].amounts[0] = MoneyAmount("total", "合计", "300.01")  # one unit off
    assert arithmetic(_annex(t), "sha")["holds"].all()


def _t06(total: str) -> MoneyTable:
    return MoneyTable(
        kind="T06",
        title="一般公共预算基本支出表",
        pages=(6,),
        lines=[
            _line(1, "合计", {"total": total}, is_total=True, page=6),
            _line(2, "工资福利支出", {"total": total}, page=6, economic_code="301"),
        ],
    )


def test_cross_table_totals_agree_or_are_reported() -> None:
    assert arithmetic(_annex(_t05(), _t06("250.00")), "sha")["holds"].all()
    annex = _annex(_t05(), _t06("240.00"))
    findings = validate([DocumentToCheck.of(annex, normalise(annex, "sha"))])
    cross = findings.filter(pl.col("rule") == "cross_table_mismatch")
    assert cross["detail"].to_list() == [
        "一般公共预算支出表的基本支出 = 基本支出表合计: 2500000.00元 ≠ 2400000.00元 (允差200.00元)"
    ]
    assert cross["severity"].to_list() == ["warning"]


def test_rules_fire_with_their_ids() -> None:
    annex = _annex(_t05("310.00"), _t07())
    annex.money_tables[1].lines[1].amounts[0] = MoneyAmount("total", "合计", "壹万")
    frames = normalise(annex, "sha")
    findings = validate([DocumentToCheck.of(annex, frames)])
    by_rule = findings.group_by("rule").len().sort("rule")
    assert dict(by_rule.iter_rows()) == {
        "amount_not_numeric": 1,  # 壹万, kept as printed
        "missing_standard_table": 6,  # T01–T04, T06, T08
        "table_total_mismatch": 1,  # 310 (the T07 total can no longer be added up)
        "unread_money_table": 1,  # page 9
    }
    assert missing_standard_tables(annex) == ["T01", "T02", "T03", "T04", "T06", "T08"]
    kept = frames.budget_lines.filter(pl.col("amount_printed") == "壹万")
    assert kept["amount_yuan"].to_list() == [None]


def _load(url: str, annex: Annex, sha: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    frames = normalise(annex, sha)
    findings = validate([DocumentToCheck.of(annex, frames)]).drop("document_sha256")
    assert annex.fiscal_year is not None
    load_document(
        engine,
        start_run(engine),
        DocumentMeta(sha, f"{sha}.pdf", annex.page_count, ""),
        annex.issuer,
        annex.fiscal_year,
        frames,
        findings,
    )
    engine.dispose()


def test_money_only_document_loads_and_answers_the_named_queries(warehouse_url: str) -> None:
    previous = _annex(_t01("250.00"), _t07(), year=2025)
    previous.money_tables[0].lines[4].amounts[0] = MoneyAmount("expense", "", "250.00")
    _load(warehouse_url, previous, "a" * 64)
    _load(warehouse_url, _annex(_t01(), _t05(), _t07()), "b" * 64)

    tables = query(
        warehouse_url,
        "SELECT table_kind, lines, empty FROM v_budget_tables "
        "WHERE fiscal_year = 2026 ORDER BY table_seq",
    )
    assert [tuple(r) for r in tables] == [("T01", 5, False), ("T05", 6, False), ("T07", 6, False)]
    lines = query(
        warehouse_url,
        "SELECT amount_yuan, function_level, precision_yuan FROM v_budget_lines "
        "WHERE fiscal_year = 2026 AND function_code = '2010101' AND measure = 'total'",
    )
    assert [tuple(r) for r in lines] == [(Decimal("600000.00"), "项", Decimal("100.00"))]
    names = query(
        warehouse_url,
        "SELECT function_code, function_level, function_name FROM dim_function_class "
        "WHERE edition_year = 2026 ORDER BY function_code",
    )
    assert [tuple(r) for r in names][:2] == [
        ("201", "类", "一般公共服务支出"),
        ("20101", "款", "人大事务"),
    ]

    by_function = run_query(warehouse_url, "spending_by_function")
    assert by_function.filter(pl.col("function_code") == "208")["total_yuan"].to_list() == [
        Decimal("2000000.00")
    ]
    shares = run_query(warehouse_url, "basic_vs_project").row(0, named=True)
    assert shares["basic_pct"] == Decimal("83.33") and shares["project_pct"] == Decimal("16.67")
    sangong = run_query(warehouse_url, "sangong_by_department").filter(
        (pl.col("fiscal_year") == 2026) & (pl.col("part") == "total")
    )
    assert sangong["amount_yuan"].to_list() == [Decimal("60000.00")]
    assert sangong["previous_yuan"].to_list() == [Decimal("60000.00")]  # the 2025 document's
    yoy = run_query(warehouse_url, "budget_yoy").filter(pl.col("fiscal_year") == 2026)
    assert yoy["previous_yuan"].to_list() == [Decimal("2500000.00")]
    assert yoy["change_pct"].to_list() == [Decimal("20.00")]


def test_a_real_money_only_document_loads_on_both_warehouses(warehouse_url: str) -> None:
    """上海审计局's 部门预算 prints money tables and no target table: ``loaded``, no set,
    its tables and lines in the views, amounts exact in 元 (its T05 in 元, its T07 in 万元),
    and no arithmetic finding, since its arithmetic holds."""
    from flows.pipeline import run_ingest
    from tests.conftest import SHARED, require

    pdf = SHARED / "realworld" / "crawl" / "001_上海" / "2026年上海市审计局_部门预算.pdf"
    require(pdf.is_file(), "../shared/realworld/crawl")
    summary = run_ingest([str(pdf)], warehouse_url)
    (doc,) = summary.documents
    assert (doc["status"], doc["projects"]) == ("loaded", 0), doc["message"]
    assert {"T01", "T05", "T07", "T08", "T09"} <= {t["kind"] for t in doc["money_tables"]}
    arithmetic_rules = {"table_total_mismatch", "hierarchy_mismatch", "cross_table_mismatch"}
    assert not [f for f in doc["findings"] if f["rule"] in arithmetic_rules]
    assert doc["money_checks"]["table_total"]["held"] == doc["money_checks"]["table_total"]["of"]
    totals = query(
        warehouse_url,
        "SELECT table_kind, measure, amount_yuan, unit_printed FROM v_budget_lines "
        "WHERE is_total AND ((table_kind = 'T05' AND measure = 'total') "
        "OR (table_kind = 'T07' AND measure = 'total' AND line_seq = 1))",
    )
    assert sorted(tuple(r) for r in totals) == [
        ("T05", "total", Decimal("195774300.00"), "元"),
        ("T07", "total", Decimal("2379200.00"), "万元"),
    ]
    classes = query(
        warehouse_url,
        "SELECT DISTINCT table_kind, classification FROM v_budget_lines "
        "WHERE table_kind IN ('T05', 'T06') AND NOT is_total ORDER BY table_kind",
    )
    assert [tuple(r) for r in classes] == [("T05", "function"), ("T06", "economic")]
    empty = query(warehouse_url, "SELECT table_kind FROM v_budget_tables WHERE empty")
    assert {r[0] for r in empty} >= {"T08", "T09"}
    assert query(warehouse_url, "SELECT count(*) FROM v_project_funding")[0][0] == 0


def test_a_real_table_that_does_not_add_up_is_reported(tmp_path: Path) -> None:
    """北京市委军民融合办's 报表 prints 合计 9,151.309668 万元 over an 一般公共预算支出表
    (预算05表, p8) whose 15 项 rows add up to 2,074.253418 (checked on the page image: the
    rows are basic spending only, the 合计's 项目支出 7,077.056250 has no row), and its
    部门支出总表 (p5) the same: table_total_mismatch, an error, on both pages; the other
    checks of the document hold."""
    from flows.pipeline import run_ingest
    from tests.conftest import SHARED, require

    pdf = (
        SHARED
        / "realworld"
        / "crawl"
        / "002_北京"
        / "政府办公厅_附件2：中共北京市委军民融合发展委员会办公室2026年度部门预算报表.pdf"
    )
    require(pdf.is_file(), "../shared/realworld/crawl")
    (doc,) = run_ingest([str(pdf)], f"duckdb:///{tmp_path}/w.duckdb").documents
    mismatches = [f for f in doc["findings"] if f["rule"] == "table_total_mismatch"]
    assert [(f["severity"], f["source_page"], f["value"]) for f in mismatches] == [
        ("error", 5, "91513096.68"),
        ("error", 8, "91513096.68"),
    ]
    assert "20742534.18" in mismatches[1]["detail"]
    checks = doc["money_checks"]
    assert checks["table_total"]["of"] - checks["table_total"]["held"] == 2
    assert all(c["held"] == c["of"] for k, c in checks.items() if k != "table_total")


def test_sangong_by_department_reads_the_tables_own_parts_of_a_per_unit_t07(
    tmp_path: Path,
) -> None:
    """西安统计局 FY2026 表13 (p39, in 元) prints 上年 │ 当年 │ 增减 groups, each over 合计
    (三公 + 会议费 + 培训费), the 三公 block, 会议费 and 培训费, and a row per 预算单位 under
    its 合计 row (119 西安市统计局, 119001 …, one column under 单位编码 and 单位名称). The
    department's 三公 total is the “三公”经费预算 小计 of the 合计 row, 81,000.00 (上年
    93,000.00), not the 合计 column's 913,900.00 and not a sum over the unit rows; 会议费
    57,900.00 and 培训费 775,000.00 are parts of their own. Checked on the page image.
    Its 表6 (by economic class) is the extra X_economic and 表7 (基本支出 by function) the
    extra X_basic_function, so the document prints one T05 and one T06; 基本支出 is its
    表5's 人员经费 + 公用经费."""
    from flows.pipeline import run_ingest
    from tests.conftest import SHARED, require

    pdf = SHARED / "realworld" / "crawl" / "020_西安" / "2026年西安市统计局部门预算.pdf"
    require(pdf.is_file(), "../shared/realworld/crawl")
    url = f"duckdb:///{tmp_path}/w.duckdb"
    (doc,) = run_ingest([str(pdf)], url).documents
    kinds = [t["kind"] for t in doc["money_tables"]]
    assert kinds.count("T05") == kinds.count("T06") == kinds.count("T07") == 1, kinds
    assert {"X_economic", "X_basic_function"} <= set(kinds)
    assert not [f for f in doc["findings"] if f["rule"] == "missing_standard_table"]
    assert not [f for f in doc["findings"] if f["rule"] == "table_total_mismatch"]
    parts = {
        r[0]: (r[1], r[2])
        for r in query(url, "SELECT part, amount_yuan, previous_yuan FROM v_sangong_by_department")
    }
    # 因公出国（境）费用 and 公务用车购置费 are printed blank: no amount, no part row
    assert parts == {
        "total": (Decimal("81000.00"), Decimal("93000.00")),
        "reception": (Decimal("15000.00"), Decimal("18000.00")),
        "vehicle": (Decimal("66000.00"), Decimal("75000.00")),
        "vehicle_operation": (Decimal("66000.00"), Decimal("75000.00")),
        "meeting": (Decimal("57900.00"), Decimal("130000.00")),
        "training": (Decimal("775000.00"), Decimal("295400.00")),
    }
    units = query(
        url,
        "SELECT DISTINCT unit_name FROM v_budget_lines WHERE table_kind = 'T07' ORDER BY unit_name",
    )
    # its 表5 prints 人员经费支出 │ 公用经费支出 │ 专项业务经费支出 and no 基本支出 column
    shares = query(url, "SELECT total_yuan, basic_yuan, project_yuan FROM v_basic_vs_project")
    assert [tuple(r) for r in shares] == [
        (Decimal("62109297.20"), Decimal("36701197.20"), Decimal("25408100.00"))
    ]
    # as stored text is (normalize.text.clean_text: no space between a code and a name)
    assert [r[0] for r in units] == [
        "",
        "119001西安市统计局",
        "119002西安市社会经济调查中心",
        "119003西安市统计局普查中心",
        "119西安市统计局",
    ]


def test_cost_per_output_takes_the_projects_line_in_the_project_table(warehouse_url: str) -> None:
    """A target set that prints no amount (北京's 转移支付 sets, 重庆's 气象事务: 27 sets of the
    crawl) still has its project's line in the 项目支出表 where the document prints one
    (X_project): cost_per_output divides that line by the quantity, says where the total
    came from, and shows the project table's line beside a set that prints its own."""
    from extractors.model import Funding, IndicatorRow, Project

    def project(seq: int, name: str, funding: dict[str, Funding]) -> Project:
        row = IndicatorRow("annual", "产出指标", "数量指标", "培训人数", "≥100人", "", 1, 0)
        return Project(seq=seq, name=name, funding=funding, indicators=[row])

    x_project = MoneyTable(
        kind="X_project",
        title="项目支出表",
        pages=(8,),
        lines=[
            _line(1, "合计", {"total": "30.00"}, is_total=True, page=8),
            _line(2, "教师培训", {"total": "10.00"}, page=8),
            _line(3, "干部培训", {"total": "20.00"}, page=8),
        ],
    )
    annex = _annex(_t05(), x_project)
    annex.projects = [
        project(1, "教师培训", {}),
        project(2, "干部培训", {"annual": Funding("20", "20", "", fiscal_printed=True)}),
        project(3, "无处可查", {}),
    ]
    _load(warehouse_url, annex, "c" * 64)
    rows = run_query(warehouse_url, "cost_per_output").select(
        "project_name", "total_yuan", "yuan_per_unit", "project_line_yuan", "total_source"
    )
    assert [tuple(r) for r in rows.iter_rows()] == [
        (
            "教师培训",
            Decimal("100000.00"),
            Decimal("1000.00"),
            Decimal("100000.00"),
            "project_table",
        ),
        (
            "干部培训",
            Decimal("200000.00"),
            Decimal("2000.00"),
            Decimal("200000.00"),
            "target_table",
        ),
    ]


def test_an_item_list_extra_is_kept_but_not_checked() -> None:
    """西安's 政府采购（资产配置、购买服务）预算表 (X_procurement) repeats a function class per
    purchased item beside its 数量: its 合计 is no sum of its class lines, and a check there
    would alarm on a table that is right. Item lists are read and kept, not checked; a
    classification extra (西安's 基本支出 by function) is checked as the standard tables are."""
    procurement = MoneyTable(
        kind="X_procurement",
        title="部门综合预算政府采购（资产配置、购买服务）预算表",
        pages=(44,),
        lines=[
            _line(1, "合计", {"total": "10.00"}, is_total=True, page=44),
            _line(2, "公共安全支出", {"total": "10.00"}, "204", page=44),
            _line(3, "公共安全支出", {"total": "10.00"}, "204", page=44),
        ],
    )
    by_function = MoneyTable(
        kind="X_basic_function",
        title="一般公共预算基本支出明细表（按支出功能分类科目）",
        pages=(9,),
        lines=[
            _line(1, "合计", {"total": "10.00"}, is_total=True, page=9),
            _line(2, "一般公共服务支出", {"total": "20.00"}, "201", page=9),
        ],
    )
    checks = arithmetic(_annex(procurement, by_function), "d" * 64)
    assert checks["table_kind"].unique().to_list() == ["X_basic_function"]
