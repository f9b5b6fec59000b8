"""Self-evaluation tables (绩效自评表) of a 部门决算: each of the year's targets beside
实际完成值, its 分值 and the 得分 it earned, and a 总分 row. They are read by the card
reader as target sets whose ``table_kind`` is ``self_evaluation`` (the page kind decides:
``extractors.pages``), the achieved value and the score kept beside each target, the 总分
row read as the weights' total and the set's score (not an indicator). Field-for-field
accuracy is scored against the expected files (``fixtures.accuracy --real``)."""

from __future__ import annotations

from flows.documents import Limits, process
from tests.conftest import SHARED, query, require

PETITION_2024 = SHARED / "realworld/crawl/009_武汉/信访局_国家信访局2024年度部门决算公开.pdf"


def test_a_final_accounts_document_reads_its_self_evaluation_tables() -> None:
    require(PETITION_2024.is_file(), "../shared/realworld/crawl")
    outcome = process(PETITION_2024, "sha", Limits())
    assert outcome.reason_code is None and outcome.annex is not None
    annex = outcome.annex
    assert (annex.issuer, annex.fiscal_year) == ("国家信访局", 2024)
    assert [p.name for p in annex.projects] == [
        "信访干部培训专项",
        "信访研究宣传立法专项",
        "资产运行维护",
        "信息化运行维护",
    ]
    assert {p.table_kind for p in annex.projects} == {"self_evaluation"}
    first = annex.projects[0]
    assert (first.weight_total, first.score_total) == ("100", "98")
    # the 总分 row is no indicator; a row cut by the page break (p30–31) is one row
    assert [r.name for r in first.indicators][-1] == "受训学员满意率"
    row = next(r for r in first.indicators if r.name == "培训人数")
    assert (row.target, row.actual, row.weight, row.score) == ("≥300 人", "366 人", "6", "6")
    # 年初预算数 is the set's funding (the budget its targets were set with)
    assert first.funding["annual"].total == "180.61"
    # the evaluation report's indicator table (p46, 表1) names no project: still reported
    assert annex.unread_pages == (46,)


def test_self_evaluations_reach_the_views_beside_their_targets(warehouse_url: str) -> None:
    require(PETITION_2024.is_file(), "../shared/realworld/crawl")
    from flows.pipeline import run_ingest

    summary = run_ingest([str(PETITION_2024)], warehouse_url)
    (doc,) = summary.documents
    assert (doc["status"], doc["projects"]) == ("loaded", 4)
    rows = query(
        warehouse_url,
        "SELECT target_text, target_value, actual_text, actual_value, actual_unit, weight, "
        "score, table_kind FROM v_indicator_targets WHERE indicator_name = '微信发稿量（篇）'",
    )
    assert [tuple(str(v) for v in r) for r in rows] == [
        ("≥350篇", "350.0000", "335篇", "335.0000", "article", "6.00", "4.00", "self_evaluation")
    ]
    funding = query(
        warehouse_url,
        "SELECT project_name, table_kind, score_total FROM v_project_funding ORDER BY project_seq",
    )
    assert funding[0][:2] == ("信访干部培训专项", "self_evaluation")
    assert [str(s) for _, _, s in funding] == SCORES
    # a self-evaluation repeats the year's targets: the query views read target tables only
    assert query(warehouse_url, "SELECT count(*) FROM v_funding_by_department") == [(0,)]


SCORES = ["98.00", "94.70", "98.00", "90.50"]  # each 总分 row's 得分
