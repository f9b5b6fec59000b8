"""Issuer and fiscal year from wherever a document prints them (extractors.document.
find_title): covers of budgets (预算) and final accounts (决算), table titles, a form's
部门名称 / 部门（单位）名称 / 单位名称 / 预算单位 field with the year of its subtitle. The
texts below are as the real documents print them (pdfium's text, line breaks kept); the
crawl documents are checked against their page images."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import find_title
from extractors.pdf import read_pages
from tests.conftest import SHARED, require

CRAWL = SHARED / "realworld" / "crawl"


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # 西安's 部门决算 cover: scope and year on the next line
        (
            ["西安市卫生健康委员会（汇总）\r\n2022年度部门决算\r\n保密审查情况： 已审查"],
            ("西安市卫生健康委员会", 2022),
        ),
        # a ministry's 决算 cover, spaces around the year
        (["国家信访局\r\n2024 年度部门决算\r\n二〇二五年七月"], ("国家信访局", 2024)),
        # a contents entry names it only after its part number
        (
            ["目 录", "第二部分 国家信访局 2024 年度部门决算表 ..........4"],
            ("国家信访局", 2024),
        ),
        (["2026年度\r\n泉州市公安局（本级）\r\n单位预算"], ("泉州市公安局", 2026)),
        (["2026年\r\n广州市生态环境局部门预算"], ("广州市生态环境局", 2026)),
        # a department's table title (广州's 部门整体 form) on a later page
        (
            ["目录", "广州市生态环境局2026年部门整体预算绩效目标申报表\r\n单位：万元"],
            ("广州市生态环境局", 2026),
        ),
        # 北京's 预算报表: no cover; the form's field, the year in "2026（年度）"
        (
            [
                "预算01表 收支总表\r\n金额单位：万元",
                "预算13表 部门整体支出绩效目标表\r\n2026（年度）\r\n"
                "部门名称 中共北京市委军民融合发展委员会办公室\r\n总体资金情况（万元）",
            ],
            ("中共北京市委军民融合发展委员会办公室", 2026),
        ),
        # a 部门（单位）名称 field, the year in the subtitle above it
        (
            ["部门整体支出绩效自评表\r\n（2024年度）\r\n部门（单位）名称 某市信访局\r\n"],
            ("某市信访局", 2024),
        ),
        # 上海's cover names the unit in a 预算单位 field; a "单位：" glued on is not the name
        (
            ["上海市2026年市级单位预算\r\n预算单位：上海市审计局", "（2026年度）"],
            ("上海市审计局", 2026),
        ),
        # no year in a title: the one the document speaks of most
        (
            [
                "项目支出绩效目标表\r\n部门名称：广州市政务服务和数据管理局单位：万元",
                "2025年度完成情况\r\n2026年度重点工作\r\n2026年度预算",
            ],
            ("广州市政务服务和数据管理局", 2026),
        ),
        # a table header is not a department's name
        (["部门名称 项目名称 项目总额\r\n（2026年度）"], ("", None)),
        (["目 录\n第一部分 部门概况"], ("", None)),
    ],
)
def test_issuer_and_year_wherever_printed(
    pages: list[str], expected: tuple[str, int | None]
) -> None:
    assert find_title(pages) == expected


# (file under the crawl, issuer and year as its cover or form prints them: page images)
CRAWL_TITLES = [
    ("009_武汉/信访局_国家信访局2024年度部门决算公开.pdf", ("国家信访局", 2024)),
    ("020_西安/卫生健康委员会_2026年部门预算.pdf", ("西安市卫生健康委员会", 2022)),
    (
        "002_北京/政府办公厅_附件2：中共北京市委军民融合发展委员会办公室2026年度部门预算报表.pdf",
        ("中共北京市委军民融合发展委员会办公室", 2026),
    ),
    # the file names say 2026 and the city's bureau; the covers print otherwise
    ("020_西安/住房和建设局_2026年部门预算.pdf", ("西安市住房和城乡建设局", 2022)),
    ("017_福州/2026年福州市公安局部门预算.pdf", ("福州市公安局治安管理支队", 2026)),
    ("021_泉州/公安局_2026年度泉州市公安局（本级）单位预算.pdf", ("泉州市公安局", 2026)),
]


@pytest.mark.parametrize(("name", "expected"), CRAWL_TITLES, ids=[n for n, _ in CRAWL_TITLES])
def test_crawl_documents_name_issuer_and_year(name: str, expected: tuple[str, int]) -> None:
    path = CRAWL / name
    require(path.is_file(), f"../shared/realworld/crawl/{name}")
    assert find_title([p.text for p in read_pages(Path(path)).pages]) == expected


def test_a_document_naming_no_issuer_is_rejected_saying_where_it_looked(tmp_path: Path) -> None:
    from flows.documents import Limits, process
    from tests.test_bad_input import _untitled_annex

    path = tmp_path / "untitled.pdf"
    _untitled_annex(path)  # target cards whose title names no department
    outcome = process(path, "sha", Limits())
    assert (outcome.status, outcome.reason_code) == ("rejected", "unparseable_table")
    assert "nothing names the issuer" in outcome.message
    for place in ("table title", "cover", "部门名称", "单位名称"):
        assert place in outcome.message, place
