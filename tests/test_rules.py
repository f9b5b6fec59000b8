"""Every rule of the catalogue fires where a defect is seeded and nowhere else.

The golden corpus doubles as the rule fixtures: the seed annex with its real defects, a
synthetic annex seeded with one defect per remaining rule (tianmen_market_2024), and clean
annexes on which no rule may fire.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

from expectations import DocumentToCheck, validate
from expectations.rules import RULES
from extractors import extract
from extractors.annex import build_annex
from extractors.pdf import read_grids, read_pages
from normalize.frames import normalise
from tests.conftest import GOLDEN, golden_renderings

SEED = {  # the published annex's own defects (shared/seeds/000_7985973076b4a5bb.txt)
    "implementing_unit_other_city": [2, 3, 7, 8],  # 天长市 units in a 天门市 annex
    "midterm_total_less_than_annual": [1, 2, 3],
    "value_standard_mismatch": [1, 2, 3, 5, 6],  # 指标值 ≠ 绩效标准
    "label_truncated": [5, 7],  # 服务对象满意
    "missing_unit": [1, 4],  # "5", "50" with no unit; "≤25" in a 万元 table
    "cost_indicator_not_quantified": [7],  # 预算范围内
    "attribute_nonstandard": [2, 4, 5, 6, 7],  # 延续上年
}
EXPECTED: dict[str, dict[str, list[int]]] = {
    "tianmen_hrss_2023.word": SEED,
    "tianmen_hrss_2023.excel": SEED,
    "tianmen_market_2024.defects": {
        "funding_sum_mismatch": [1],  # 100 ≠ 60 + 30
        "cost_exceeds_funding": [1],  # ≤200万元 against 100万元
        "non_numeric_quantity": [2],  # 若干
        "rate_out_of_range": [2],  # ≥120%
        "unknown_label": [2],  # 创新指标
        "duplicate_project_name": [2, 3],
        "missing_category": [3],  # no 满意度指标
    },
    "tianmen_health_2024.reportlab": {"satisfaction_below_90": [1]},  # ≥85%
    "tianmen_health_2024.excel": {"satisfaction_below_90": [1]},
    "tianmen_culture_2022.breaks": {"label_truncated": [1]},  # 满意度 / 服务对象满意
    # clean annexes: no rule may fire
    "tianmen_edu_2023.previous_year": {},
    "tianmen_edu_2024.flow": {},
    "tianmen_edu_2024.repeat": {},
    "tianmen_edu_2024.word_flow": {},
    # a disclosure printing a 收支总表 around its annex: its other standard tables are not
    # printed (info, on the document: 0)
    "tianmen_finance_2024.disclosure": {"missing_standard_table": [0]},
    "tianmen_finance_2024.disclosure_word": {"missing_standard_table": [0]},
    "tianmen_agri_2021.excel": {},
    "tianmen_agri_2021.word": {},
    "yantai_stats_2026.cards": {},  # C1 cards: annual only, no 项目属性 printed
    # lists (golden/lists); 0 stands for the document itself (a total row is no one set's)
    "beijing_list_2026.list": {},
    "beijing_list_2026.list_repeat": {},
    "changsha_list_2026.list": {"total_row_mismatch": [0]},  # 合计 756.30 ≠ sets' 668.50
    "changsha_list_2026.list_first": {"total_row_mismatch": [0]},
    "guangzhou_serial_2026.serial": {
        "missing_category": [3],  # the redacted placeholder project: one 待单位补充 row
        "non_numeric_quantity": [3],  # its target "SM项目"
        "label_truncated": [1, 2, 4, 5, 6, 7],  # 二级 in short form: 社会效益, 服务对象满意度
    },
    "guangzhou_serial_2026.serial_split": {
        "missing_category": [3],
        "non_numeric_quantity": [3],
        "label_truncated": [1, 2, 4, 5, 6, 7],
    },
    # goals only (O3): no indicator row by design, so no category can be missing
    "zhejiang_goals_2026.goals": {},
    "zhejiang_goals_2026.goals_split": {},
}
RENDERINGS = {p.stem: p for p in golden_renderings()}


def _check(pdf: Path) -> DocumentToCheck:
    annex = extract(pdf)
    return DocumentToCheck.of(annex, normalise(annex, pdf.stem))


def _fired(findings: pl.DataFrame) -> dict[str, list[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    for row in findings.iter_rows(named=True):
        out[row["rule"]].add(row["project_seq"] or 0)
    return {rule: sorted(seqs) for rule, seqs in out.items()}


def test_the_corpus_is_listed() -> None:
    assert sorted(EXPECTED) == sorted(RENDERINGS)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_rules_fire_exactly_where_seeded(stem: str) -> None:
    assert _fired(validate([_check(RENDERINGS[stem])])) == EXPECTED[stem]


def test_missing_field_and_confidence() -> None:
    doc = _check(GOLDEN / "tianmen_edu_2024.flow.pdf")
    projects = doc.frames.projects.with_columns(
        project_name=pl.when(pl.col("project_seq") == 2)
        .then(pl.lit(""))
        .otherwise(pl.col("project_name"))
    )
    broken = DocumentToCheck(
        doc.issuer,
        doc.fiscal_year,
        replace(doc.frames, projects=projects),
    )
    assert _fired(validate([broken])) == {"missing_field": [2]}
    assert _fired(validate([doc], {"min_table_accuracy": 100.5})) == {
        "low_extraction_confidence": [1, 2, 3]
    }


def test_unread_target_page_names_the_page_no_set_was_read_from() -> None:
    """A page whose text prints a target table but whose grids yield no row (here: its
    tables dropped, as a reader that cannot read them would) is reported, page by page."""
    pdf = GOLDEN / "tianmen_edu_2024.flow.pdf"
    content = read_pages(pdf)
    grids = read_grids(pdf, content)
    texts = [p.text for p in content.pages]
    whole = build_annex(grids, texts)
    assert whole.target_pages == (1, 2) and whole.unread_pages == ()
    cut = build_annex([g for g in grids if g.page != 2], texts)
    assert cut.unread_pages == (2,)
    findings = validate([DocumentToCheck.of(cut, normalise(cut, "cut"))])
    unread = findings.filter(pl.col("rule") == "unread_target_page")
    assert unread.select("source_page", "severity", "project_seq").rows() == [(2, "warning", None)]


def test_every_rule_has_a_firing_fixture() -> None:
    covered = {rule for fired in EXPECTED.values() for rule in fired}
    covered |= {"missing_field", "low_extraction_confidence", "unread_target_page"}  # tests above
    # tests/test_real_targets.py: real weighted cards, real list totals, a row repeated
    covered |= {"weights_do_not_sum", "total_row_mismatch", "duplicate_indicator"}
    covered |= {"unknown_unit"}  # test_unit_rules_on_one_row
    # the money tables' rules: tests/test_budget_warehouse.py (seeded annexes),
    # test_money_tables.py, test_money_fixtures.py (defects_2026, a rendered page)
    covered |= {"table_total_mismatch", "hierarchy_mismatch", "cross_table_mismatch"}
    covered |= {"missing_standard_table", "unread_money_table", "amount_not_numeric"}
    assert {r.rule for r in RULES} == covered


def _one_set(
    level1: str,
    level2: str,
    name: str,
    target: str,
    issuer: str = "天门市教育局",
    unit: str = "天门市教育局",
) -> DocumentToCheck:
    """A clean hand-built set (FY2024: every required 一级指标, funding that adds up) with
    one more indicator row, the row under test."""
    from extractors.model import Annex, Funding, IndicatorRow, Project

    rows = [
        ("产出指标", "数量指标", "培训人数", "≥100人"),
        ("成本指标", "经济成本指标", "培训成本", "≤50万元"),
        ("效益指标", "社会效益指标", "服务水平", "有所提升"),
        ("满意度指标", "服务对象满意度指标", "培训对象满意度", "≥95%"),
        (level1, level2, name, target),
    ]
    project = Project(
        seq=1,
        name="教师培训",
        implementing_unit=unit,
        attribute="新增项目",
        funding={"annual": Funding("100", "100", "", fiscal_printed=True)},
        indicators=[
            IndicatorRow("annual", l1, l2, n, t, "", page=1, row=r)
            for r, (l1, l2, n, t) in enumerate(rows)
        ],
    )
    annex = Annex(issuer, 2024, 1, projects=[project])
    return DocumentToCheck(annex.issuer, annex.fiscal_year, normalise(annex, "hand-built"))


@pytest.mark.parametrize(
    ("row", "fired"),
    [
        # a number with a unit of the registry, however printed: nothing to say
        (("产出指标", "数量指标", "新增设备", "≥2400台套"), {}),
        (("产出指标", "数量指标", "培训场次", "全年≥143场次"), {}),
        # a number with a unit the registry does not know: read, and said (info)
        (("产出指标", "数量指标", "慰问对象年龄", "≥100岁"), {"unknown_unit": [1]}),
        # non_numeric_quantity only where no number is printed at all
        (("产出指标", "数量指标", "宣传活动", "若干"), {"non_numeric_quantity": [1]}),
        (("产出指标", "数量指标", "发放物资", "1个；60个"), {}),
        # a cost printed as a rate or a unit price is an amount
        (("成本指标", "经济成本指标", "补助标准", "100元/人/月"), {}),
        (("成本指标", "经济成本指标", "物资单价", "=200元/箱"), {}),
        (
            ("成本指标", "经济成本指标", "项目总成本", "预算范围内"),
            {"cost_indicator_not_quantified": [1]},
        ),
        # missing_unit: not where the name gives the unit (its ending, or in brackets)
        (("产出指标", "质量指标", "培训合格率", "≥95"), {}),
        (("产出指标", "数量指标", "补助资金（万元）", "25"), {}),
        (("产出指标", "数量指标", "办结时限(日)", "≤15"), {}),
        (("产出指标", "数量指标", "开展宣传活动场次数", "12"), {}),
        (("产出指标", "数量指标", "抽取调查小区的数量", "5"), {"missing_unit": [1]}),
        # judged false alarms: a bracketed unit wrapped over two lines (西安司法局 p88),
        # 万 and a count word in brackets (西安公安局 p68)
        (("产出指标", "时效指标", "服务需求平均响应时间(时)", "≤3"), {}),
        (("产出指标", "数量指标", "各类机动车号牌制作数量（万副）", "≥150"), {}),
        # judged true defects: a count with no unit, in a name that gives none
        (("产出指标", "数量指标", "信用修复数量", "≥1000"), {"missing_unit": [1]}),
        (("产出指标", "数量指标", "购置办公设备数量", "≥5"), {"missing_unit": [1]}),
        # a cost's bare number is read in the funding header's unit and still flagged:
        # the cell prints no unit (DESIGN §3, the seed annex's "≤25")
        (("成本指标", "经济成本指标", "其他成本", "≤25"), {"missing_unit": [1]}),
    ],
    ids=lambda v: "-".join(v[2:]) if isinstance(v, tuple) else None,
)
def test_unit_rules_on_one_row(row: tuple[str, str, str, str], fired: dict[str, list[int]]) -> None:
    assert _fired(validate([_one_set(*row)])) == fired


@pytest.mark.parametrize(
    ("issuer", "unit", "fired"),
    [
        # judged false alarms of the crawl (fixtures/realworld/findings_judged.csv)
        ("烟台市商务局", "烟台三站批发交易市场服务中心", {}),
        ("烟台市司法局", "山东省烟台市鲁东公证处", {}),
        ("中共烟台市委宣传部", "中国共产党烟台市委员会宣传部", {}),
        ("广州市生态环境局", "广东省广州生态环境监测中心站", {}),
        # its province, a district of its city
        ("烟台市水利局", "山东省水利科学研究院", {}),
        ("烟台市水利局", "蓬莱区水利局", {}),
        # another city or county: the seed's 天长市 units in a 天门市 annex
        (
            "天门市人力资源和社会保障局",
            "天长市人力资源和社会保障局",
            {"implementing_unit_other_city": [1]},
        ),
        ("烟台市水利局", "山东省青岛水文中心", {"implementing_unit_other_city": [1]}),
        # a short form at a word's start names no place for sure
        ("烟台市水利局", "中山大学", {}),
    ],
)
def test_implementing_unit_other_city(issuer: str, unit: str, fired: dict[str, list[int]]) -> None:
    row = ("产出指标", "数量指标", "培训场次", "≥10场次")
    assert _fired(validate([_one_set(*row, issuer=issuer, unit=unit)])) == fired


def test_duplicate_indicator_and_rate_out_of_range_on_a_department_set() -> None:
    """A department's own set (部门整体) is checked like a project's: a row printed twice
    (北京's 部门整体 forms) and a 200% target (an old 西安 department table) are found."""
    from extractors.model import Annex, Funding, IndicatorRow, Project

    rows = [
        ("产出指标", "数量指标", "接待来访人次", "≥1000人次"),
        ("产出指标", "质量指标", "信访事项按期办结率", "200%"),
        ("效益指标", "社会效益指标", "群众信访秩序", "持续好转"),
        ("效益指标", "社会效益指标", "群众信访秩序", "持续好转"),
        ("满意度指标", "服务对象满意度指标", "来访群众满意度", "≥95%"),
    ]
    project = Project(
        seq=1,
        name="某市信访局",
        set_kind="department",
        funding={"annual": Funding("100", "100", "", fiscal_printed=True)},
        indicators=[
            IndicatorRow("annual", l1, l2, n, t, "", page=1, row=r)
            for r, (l1, l2, n, t) in enumerate(rows)
        ],
    )
    annex = Annex("某市信访局", 2024, 1, projects=[project])
    check = DocumentToCheck(annex.issuer, annex.fiscal_year, normalise(annex, "hand-built"))
    fired = _fired(validate([check]))
    assert fired["duplicate_indicator"] == [1]
    assert fired["rate_out_of_range"] == [1]
