"""Documents of another kind are recognised, not rejected: a 部门决算 whose tables are
self-evaluation tables (绩效自评表: each target beside 实际完成值 and a score) ends
no_tables, saying so; reading them is later work. Its cards look like target cards to
the readers, so the decision is by page kind (extractors.pages), in flows.documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.model import Annex, Funding, IndicatorRow, Project
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
    assert "pages 46-47 print indicator tables, not read" in outcome.message
    assert outcome.annex is not None and not outcome.annex.projects
    assert (outcome.annex.issuer, outcome.annex.fiscal_year) == ("国家信访局", 2024)


def _card(page: int) -> Project:
    row = IndicatorRow("annual", "产出指标", "数量指标", "培训人数", "≥300人", "", page, 5)
    return Project(
        seq=1,
        name="信访干部培训专项",
        funding={"annual": Funding("180.61", "140.61", "40.00", True)},
        indicators=[row],
        page=page,
    )


def _annex(pages: list[int], evaluation: tuple[int, ...], targets: tuple[int, ...]) -> Annex:
    return Annex(
        issuer="国家信访局",
        fiscal_year=2024,
        page_count=50,
        producer="",
        projects=[_card(p) for p in pages],
        target_pages=targets,
        self_evaluation_pages=evaluation,
        pages_read=tuple(pages),
    )


@pytest.mark.parametrize(
    ("pages", "evaluation", "targets", "status"),
    [
        ([30, 32], (30, 31, 32), (), "no_tables"),
        # a 部门整体 self-evaluation page with no indicator header is neither kind
        ([29, 30], (30, 31), (46,), "no_tables"),
        # a set opens on a page that prints a target table: a budget, read as ever
        ([12, 30], (30,), (12,), ""),
        ([12], (), (12,), ""),
    ],
)
def test_sets_only_from_self_evaluation_pages_are_not_targets(
    pages: list[int],
    evaluation: tuple[int, ...],
    targets: tuple[int, ...],
    status: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    annex = _annex(pages, evaluation, targets)
    monkeypatch.setattr("flows.documents.extract", lambda *a, **k: annex)
    outcome = process(tmp_path / "final_accounts.pdf", "sha", Limits())
    assert outcome.status == status, outcome.message
    assert outcome.reason_code is None
