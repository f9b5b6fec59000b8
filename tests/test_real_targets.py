"""Real published target tables (../shared/realworld/targets) against their hand-checked
expected files (fixtures/realworld): issuer and year from the document, the number of
sets, and every field of the sampled sets.

Every shared document must read field for field: set counts per kind, and every field
of the sampled sets (``python -m fixtures.accuracy --real`` shows the misses).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.document import find_title
from fixtures.accuracy import REAL, SHARED_TARGETS, real_source, score_real
from tests.conftest import query, require

READ_EXACTLY = [
    "yantai_audit_2026",  # C1: WPS, annual-only cards, 主管部门及代码
    "fuzhou_civil_affairs_2026",  # C3: cards in Word narrative, titles over the cards
    "xian_petition_2026",  # C2: 分值权重, department card with its 年度主要任务 block
    "quanzhou_gov_office_2026",  # C3 variant: no 项目名称 row, the name in the title above
    "xian_hrss_2020",  # C2 old: cards cut by page breaks, 指标N： prefixes, a card with no header
    "chongqing_water_2026",  # C4 flat cards + the 一般性项目 list (L3-like) on p33
    "beijing_commerce_2026",  # L1: code-name cells, cut merged cells, 部门整体 form (O2)
    "beijing_sasac_2026",  # L1: header on the first page only, offset page box, notes
    "changsha_petition_2026",  # L2: A3 pages, 指标值类型, 合计/unit rows, 部门整体 list
    "guangzhou_data_2026",  # O1: serialized indicators, unit rows, no year in any title
    # the development crawl (../shared/realworld/crawl), typed and re-checked likewise
    "beijing_audit_2026",  # L1 + 预算13表 活动 │ 绩效指标 form, 整体绩效目标 merged down its side
    "beijing_civil_military_2026",  # an empty 预算表12 and a department form with only a goal
    "beijing_veterans_2026",  # L1: one name cell over three blocks with their own amounts
    "chongqing_gov_office_2026",  # C4 department form + 一般性项目 list, 单位：万元 glued on
    "chongqing_meteorology_2026",  # C4: header note scattered (指标(%权)重), ASCII drawn wide
    "fuzhou_cangshan_ecology_2026",  # C3 cut after its first indicator row
    "fuzhou_ecology_2026",  # C3 cut inside merged 产出/数量 cells
    "fuzhou_police_2026",  # C3, one card a page
    "guangzhou_ecology_2026",  # O4 key projects, rules the vector engine misses, unit rows
    "guangzhou_market_2026",  # O4 key projects without unit rows
    "quanzhou_gov_office_benji_2026",  # C3 without 项目名称 row, 本级 edition
    "quanzhou_police_benji_2026",  # C3, a title wrapped inside its suffix
    "yantai_bigdata_2026",  # C1, a doubled title hidden under a white image
    "xian_sasac_2026",  # C2 2022 (WPS): spaces pdfium generates in scaled text ("1+ 1+ N")
    "xian_meteorology_2026",  # C2 2022 Excel: names split over two ruled cells, 财政拨款 其他资金
    # self-evaluation tables (绩效自评表) of a 部门决算: 实际完成值 and 得分 beside the targets
    "national_petition_final_2024",  # S1: central template, [292] code, cut merged cells
    # S1 西安 FY2022: 89 sets, the 部门整体 form broken right after its task block (p30–31)
    "xian_health_final_2022",
]


def _shared_or_skip() -> None:
    require(SHARED_TARGETS.is_dir(), "../shared/realworld/targets beside the checkout")


@pytest.mark.parametrize("name", READ_EXACTLY)
def test_real_document_reads_exactly(name: str) -> None:
    _shared_or_skip()
    score = score_real(REAL / f"{name}.expected.json")
    assert score.matched == score.total, "\n".join(score.problems)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (["2026年烟台市审计局部门预算", "第二部分 2026年部门预算表"], ("烟台市审计局", 2026)),
        (["2026 年度\n福州市民政局(本级)\n单位预算", "目录"], ("福州市民政局", 2026)),
        (["西安市信访局（汇总）\n2026年部门预算公开说明"], ("西安市信访局", 2026)),
        (["西安市人力资源和社会保障局\n2020 年部门综合预算"], ("西安市人力资源和社会保障局", 2020)),
        (["— 1 —\n重庆市水利局 2026 年部门预算情况说明"], ("重庆市水利局", 2026)),
        (
            ["附件5\n天门市人力资源和社会保障局2023年项目支出绩效目标表"],
            ("天门市人力资源和社会保障局", 2023),
        ),
        (["目 录\n第一部分 部门概况"], ("", None)),
    ],
)
def test_issuer_and_year_come_from_the_document(
    pages: list[str], expected: tuple[str, int | None]
) -> None:
    assert find_title(pages) == expected


def test_every_real_expected_file_names_a_shared_document() -> None:
    _shared_or_skip()
    import json

    for path in sorted(REAL.glob("*.expected.json")):
        assert real_source(json.loads(path.read_text(encoding="utf-8"))).is_file(), path.name


def test_real_cards_reach_the_contract_views(warehouse_url: str) -> None:
    """A real C2 document through the whole pipeline (inline): the department card is a
    `department` set, weights and 主管部门 reach the views."""
    from flows.pipeline import run_ingest

    _shared_or_skip()
    pdf = SHARED_TARGETS / "020_西安" / "2026年西安市信访局部门预算.pdf"
    summary = run_ingest([str(pdf)], warehouse_url)
    (doc,) = summary.documents
    assert (doc["status"], doc["issuer"], doc["fiscal_year"], doc["projects"]) == (
        "loaded",
        "西安市信访局",
        2026,
        10,
    )
    kinds = query(
        warehouse_url,
        "SELECT project_seq, set_kind, department, total_yuan FROM v_project_funding "
        "ORDER BY project_seq",
    )
    weights = query(
        warehouse_url,
        "SELECT project_seq, sum(weight) FROM v_indicator_targets "
        "GROUP BY project_seq ORDER BY project_seq",
    )
    assert [k for _, k, _, _ in kinds] == ["project"] * 9 + ["department"]
    assert {d for _, _, d, _ in kinds} == {"西安市信访局"}
    assert kinds[-1][3] == 28384200  # 金额合计 2838.42 万元
    assert [int(w) for _, w in weights] == [90] * 10  # 分值权重（90分） on every card


def test_rules_that_cannot_apply_to_a_flat_card_stay_silent() -> None:
    """Flat cards print no 一级/二级: neither missing_category nor unknown_label fires."""
    from expectations import DocumentToCheck, validate
    from flows.documents import process
    from flows.settings import Limits

    _shared_or_skip()
    outcome = process(
        SHARED_TARGETS / "004_重庆" / "2026年重庆市水利局部门预算.pdf", "cq", Limits()
    )
    assert outcome.annex is not None and outcome.frames is not None
    findings = validate(
        [DocumentToCheck(outcome.annex.issuer, outcome.annex.fiscal_year, outcome.frames)]
    )
    assert not {"missing_category", "unknown_label"} & set(findings["rule"].to_list())


def test_weights_that_do_not_add_up_to_the_printed_total_are_flagged() -> None:
    """西安's cards print 分值权重（90分）: their weights add up to 90 (no finding); one
    weight changed by a point is weights_do_not_sum on that set only."""
    import polars as pl

    from expectations import DocumentToCheck, validate
    from flows.documents import process
    from flows.settings import Limits

    _shared_or_skip()
    outcome = process(
        SHARED_TARGETS / "020_西安" / "2026年西安市信访局部门预算.pdf", "xa", Limits()
    )
    annex, frames = outcome.annex, outcome.frames
    assert annex is not None and frames is not None

    def flagged() -> list[int]:
        doc = DocumentToCheck(annex.issuer, annex.fiscal_year, frames)
        found = validate([doc]).filter(pl.col("rule") == "weights_do_not_sum")
        return sorted(found["project_seq"].to_list())

    assert flagged() == []
    first = (pl.col("project_seq") == 3) & (pl.col("row_seq") == 1)
    frames.indicators = frames.indicators.with_columns(
        weight=pl.when(first).then(pl.col("weight") + 1).otherwise(pl.col("weight"))
    )
    assert flagged() == [3]


def _findings(pdf: str) -> tuple[Any, Any]:
    from expectations import DocumentToCheck, validate
    from flows.documents import process
    from flows.settings import Limits

    _shared_or_skip()
    outcome = process(SHARED_TARGETS / pdf, "real", Limits())
    annex, frames = outcome.annex, outcome.frames
    assert annex is not None and frames is not None
    return frames, lambda: validate([DocumentToCheck(annex.issuer, annex.fiscal_year, frames)])


def test_list_totals_that_differ_from_their_sets_are_flagged() -> None:
    """长沙 prints 合计 and its unit row at 417.41 over four projects adding up to 286.91
    (classified projects removed, says the note under the list); 广州's unit rows differ
    from their rows by a cent of rounding, except 广州市政务服务中心's, which adds up."""
    import polars as pl

    wanted = {
        "015_长沙/信访局_2026年部门预算.pdf": [
            ("合计", 4174100, 2869100),
            ("长沙市信访局", 4174100, 2869100),
        ],
        "005_广州/政务服务和数据管理局_广州市政务服务和数据管理局2026年项目支出绩效目标表"
        "（含转移支付项目）.pdf.pdf": [
            ("合计", 862466400, 862466600),
            ("广州市市长专线电话受理中心", 7290700, 7290800),
            ("广州市政务服务和数据管理局", 169263200, 169263300),
            ("广州市数字政府运营中心", 677568800, 677568900),
        ],
    }
    # 广州's differ by 100–200 元 over dozens of amounts printed to 0.01 万元 (100 元):
    # rounding, not a defect; 长沙's 合计 leaves 1,305,000 元 of projects out
    flagged_docs = {"015_长沙/信访局_2026年部门预算.pdf"}
    for pdf, totals in wanted.items():  # (label, printed, sum of its sets) in yuan
        frames, findings = _findings(pdf)
        flagged = findings().filter(pl.col("rule") == "total_row_mismatch")
        printed = {
            (r["total_label"], int(r["printed_yuan"]), int(r["sets_yuan"]))
            for r in frames.totals.iter_rows(named=True)
        }
        assert {t for t in printed if t[1] != t[2]} == set(totals), pdf
        expected = sorted(f"{p}.00" for _, p, _ in totals) if pdf in flagged_docs else []
        assert sorted(v.replace(",", "") for v in flagged["value"].to_list()) == expected
        assert flagged["severity"].unique().to_list() == (["error"] if expected else [])


def test_an_indicator_printed_twice_in_a_set_is_flagged() -> None:
    """北京's list has no repeated row (no finding); the first row of set 2 printed again
    is duplicate_indicator on set 2, for both copies."""
    import polars as pl

    frames, findings = _findings("002_北京/商务局_附件2：北京市商务局2026年度部门预算报表.pdf")
    assert findings().filter(pl.col("rule") == "duplicate_indicator").height == 0
    copy = frames.indicators.filter((pl.col("project_seq") == 2) & (pl.col("row_seq") == 1))
    frames.indicators = pl.concat([frames.indicators, copy.with_columns(row_seq=pl.lit(99))])
    flagged = findings().filter(pl.col("rule") == "duplicate_indicator")
    assert (flagged["project_seq"].to_list(), sorted(flagged["row_seq"].to_list())) == (
        [2, 2],
        [1, 99],
    )


def test_cards_and_lists_answer_the_named_queries_together(tmp_path: Path) -> None:
    """One warehouse holding a card family (C1 烟台), a long list with a 部门整体 form
    (L1 + O2 北京国资委), a scored list (L2 长沙) and a serialized list (O1 广州): every
    named query answers for all four departments, and the report is built from them."""
    from flows.pipeline import run_ingest
    from warehouse.queries import QUERIES, run_query
    from warehouse.report import write_report

    _shared_or_skip()
    docs = {
        "025_烟台/2026年烟台市审计局部门预算.pdf": ("烟台市审计局", 6),
        "002_北京/国有资产监督管理委员会_附件2：北京市人民政府国有资产监督管理委员会"
        "2026年度部门预算报表.pdf": ("北京市人民政府国有资产监督管理委员会", 22),
        "015_长沙/信访局_2026年部门预算.pdf": ("长沙市信访局", 5),
        "005_广州/政务服务和数据管理局_广州市政务服务和数据管理局2026年项目支出绩效目标表"
        "（含转移支付项目）.pdf.pdf": ("广州市政务服务和数据管理局", 70),
    }
    url = f"duckdb:///{tmp_path / 'mixed.duckdb'}"
    summary = run_ingest([str(SHARED_TARGETS / d) for d in docs], url)
    assert sorted((d["issuer"], d["projects"]) for d in summary.documents) == sorted(docs.values())
    assert {d["status"] for d in summary.documents} == {"loaded"}
    issuers = {issuer for issuer, _ in docs.values()}
    # the money queries answer for the documents that print the table they read (广州's
    # file is its target annex alone)
    printing = {
        kind: {
            d["issuer"] for d in summary.documents for t in d["money_tables"] if t["kind"] == kind
        }
        for kind in ("T01", "T05", "T07")
    }
    needs = {"spending_by_function": "T05", "basic_vs_project": "T05"}
    needs |= {"sangong_by_department": "T07", "budget_yoy": "T01"}
    for name in QUERIES:
        frame = run_query(url, name)
        if name == "yoy_changes":  # one year each: nothing to compare
            continue
        want = printing[needs[name]] if name in needs else issuers
        assert set(frame["issuer"].to_list()) == want, name
    assert printing["T05"] == issuers - {"广州市政务服务和数据管理局"}
    by_set = query(
        url,
        "SELECT issuer, set_kind, count(*) FROM v_project_funding "
        "WHERE horizon = 'annual' GROUP BY issuer, set_kind ORDER BY issuer, set_kind",
    )
    assert ("北京市人民政府国有资产监督管理委员会", "department", 1) in by_set
    page = write_report(url, url, tmp_path / "report").read_text(encoding="utf-8")
    assert all(issuer in page for issuer in issuers)


def test_a_project_code_on_blocks_with_different_amounts_is_flagged() -> None:
    """北京's 54 codes are distinct (no finding); set 2 printed with set 1's code is
    duplicate_project_name on both, naming the code. 长沙's 单位编码 126001 on every set
    names the unit, not a project: no finding there."""
    import polars as pl

    frames, findings = _findings("002_北京/商务局_附件2：北京市商务局2026年度部门预算报表.pdf")
    assert findings().filter(pl.col("rule") == "duplicate_project_name").height == 0
    first = frames.projects["project_code"][0]
    frames.projects = frames.projects.with_columns(
        project_code=pl.when(pl.col("project_seq") == 2)
        .then(pl.lit(first))
        .otherwise(pl.col("project_code"))
    )
    flagged = findings().filter(pl.col("rule") == "duplicate_project_name")
    assert sorted(flagged["project_seq"].to_list()) == [1, 2]
    assert set(flagged["value"].to_list()) == {first}
    assert first in flagged["detail"][0]

    _, changsha = _findings("015_长沙/信访局_2026年部门预算.pdf")
    assert changsha().filter(pl.col("rule") == "duplicate_project_name").height == 0


def test_an_empty_template_page_is_read_as_empty_not_unread() -> None:
    """重庆市气象局 p21 prints 表十一 with labels only and "此表无数据": an empty target
    table, read; p19–20 and 22 hold sets; no page is left unread."""
    _shared_or_skip()
    from extractors import extract

    annex = extract(SHARED_TARGETS.parent / "crawl" / "004_重庆" / "2026年重庆市气象局部门预算.pdf")
    assert annex.target_pages == (19, 20, 21, 22)
    assert annex.empty_pages == (21,)
    assert annex.unread_pages == ()


def test_a_department_form_keeps_each_rows_activity(tmp_path: Path) -> None:
    """北京退役军人事务局's 预算13表 groups its 24 indicator rows under six 活动 (printed
    on every row, p19): each row keeps its 活动 into v_indicator_targets (read from the page image:
    思想政治和权益维护 over the first two rows, 褒扬纪念服务 over the last three), and the
    same indicator under two 活动 is no duplicate."""
    from flows.pipeline import run_ingest

    _shared_or_skip()
    pdf = SHARED_TARGETS.parent / "crawl" / "002_北京" / "退役军人事务局_2026年部门预算.pdf"
    url = f"duckdb:///{tmp_path / 'activity.duckdb'}"
    (doc,) = run_ingest([str(pdf)], url).documents
    assert doc["status"] == "loaded"
    rows = query(
        url,
        "SELECT activity, indicator_name FROM v_indicator_targets "
        "WHERE set_kind = 'department' ORDER BY source_row",
    )
    activities = [r[0] for r in rows]
    assert len(rows) == 24
    assert activities[:2] == ["思想政治和权益维护"] * 2
    assert activities[-3:] == ["褒扬纪念服务"] * 3
    assert list(dict.fromkeys(activities)) == [
        "思想政治和权益维护",
        "安置工作",
        "就业创业",
        "拥军服务",
        "军供保障",
        "褒扬纪念服务",
    ]
    assert not [f for f in doc["findings"] if f["rule"] == "duplicate_indicator"]
    cards = query(url, "SELECT count(*) FROM v_indicator_targets WHERE activity IS NOT NULL")
    assert cards[0][0] == 24  # only the form's rows: a project card prints no 活动


def test_issue_chongqing_industry_p29_a_stop_spilled_into_the_unit_header() -> None:
    """重庆经信委 p29 (page image): the card's 计量单位 column prints 亿元, 亿元, 万吨 … but the
    text layer puts a stray "。" of the goal paragraph above into its header ("计量单。位"):
    the column was not found and every unit of the card was lost (5600 亿元 read as 5600)."""
    from extractors import extract

    _shared_or_skip()
    pdf = (
        SHARED_TARGETS.parent / "crawl" / "004_重庆" / "2026年重庆市经济和信息化委员会部门预算.pdf"
    )
    annex = extract(pdf)
    (card,) = [p for p in annex.projects if p.name == "市工业和信息化专项"]
    assert [r.target for r in card.indicators][:8] == [
        "≥5600亿元",
        "≥100亿元",
        "≥700万吨",
        "≥100亿元",
        "≥100个",
        "≥120万辆",
        "≥50个",
        "≥10%",
    ]
