"""Documents of another kind are recognised, not rejected: a 部门决算 whose tables are
self-evaluation tables (绩效自评表: each target beside 实际完成值 and a score) ends
no_tables, saying so; reading them is later work. Its cards look like target cards to
the readers, so the decision is by page kind (extractors.pages): a self-evaluation
page's grids go to no reader (extractors.annex)."""

from __future__ import annotations

from flows.documents import Limits, process
from tests.conftest import SHARED, require

PETITION_2024 = SHARED / "realworld/crawl/009_武汉/信访局_国家信访局2024年度部门决算公开.pdf"


def test_a_final_accounts_document_of_self_evaluation_tables_ends_no_tables() -> None:
    require(PETITION_2024.is_file(), "../shared/realworld/crawl")
    outcome = process(PETITION_2024, "sha", Limits())
    assert (outcome.status, outcome.reason_code) == ("no_tables", None)
    assert PETITION_2024.name in outcome.message
    assert "pages 30-36 hold self-evaluation tables (绩效自评表" in outcome.message
    assert "not supported yet" in outcome.message
    # its evaluation report's indicator table (表1) is named, not passed over silently
    # (p47's prose "4 个一级指标，10 个二级指标…" is no table)
    assert "indicator tables not read on page 46" in outcome.message
    assert outcome.annex is not None and not outcome.annex.projects
    assert (outcome.annex.issuer, outcome.annex.fiscal_year) == ("国家信访局", 2024)
