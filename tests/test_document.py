"""extractors.document and extractors.pages: label data, label matching, which pages print
target tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import LABEL_DATA, label_role, load_labels, same_columns
from extractors.model import Grid
from extractors.pages import page_kinds


def test_a_label_claimed_by_two_roles_is_an_error_naming_both_files(tmp_path: Path) -> None:
    (tmp_path / "a_family.yaml").write_text("header:\n  target: [目标值]\n", encoding="utf-8")
    (tmp_path / "b_family.yaml").write_text("header:\n  standard: [目标值]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a_family\.yaml.*b_family\.yaml"):
        load_labels(tmp_path)


def test_the_shipped_label_files_load() -> None:
    assert {"head", "funding", "header", "list_columns", "target_page"} <= LABEL_DATA.keys()


@pytest.mark.parametrize(
    ("printed", "role"),
    [
        ("中期资金总额", "midterm_total"),  # not the 资金总额 it ends with: longest first
        ("年度资金总额", "annual_total"),
        ("绩效标准（计划标准）", "standard"),  # a trailing bracketed note
        ("指标权重(%)", "weight"),
        ("指标(%权)重", "weight"),  # 重庆: a wrapped header cell scatters its note
        ("三级\n指标", "name"),
        ("计量单。位", "unit"),  # 重庆经信委 p29: a stop spilled from the goal cell above
    ],
)
def test_label_roles_longest_match(printed: str, role: str) -> None:
    tables = {**LABEL_DATA["funding"], **LABEL_DATA["header"]}
    assert label_role(printed, tables) == role


def test_a_sentence_ending_in_a_label_and_its_stop_is_no_label() -> None:
    assert label_role("全年完成各项指标。", dict(LABEL_DATA["header"])) is None


def test_target_pages_by_their_text_alone() -> None:
    pages = [
        "目录\n一、部门职责 二、绩效目标管理情况",  # narrative naming 绩效目标
        "2026年项目支出绩效目标表\n项目名称 X\n一级指标 二级指标 三级指标 指标值",
        "产出指标 数量指标 培训人次 ≥100人次",  # continues the table: no header of its own
        "收支总表\n收入 支出",  # a money table ends the run
        "项目绩效自评表\n一级指标 二级指标 三级指标 年度指标值 实际完成值 得分",
        "产出指标 数量指标 …",  # continues the self-evaluation table
    ]
    kinds = page_kinds(pages)
    assert kinds.target == (2, 3)
    assert kinds.self_evaluation == (5, 6)


def test_issue_xinfang_p47_header_labels_written_in_a_sentence_are_no_table() -> None:
    """国家信访局's evaluation report, p47: prose after its indicator table on p46 says
    "包括决策、过程、产出及效益 4 个一级指标，10 个二级指标和 17 个三级指标" — it had
    counted as a target page, then as unread. Labels in a sentence are mentions."""
    pages = [
        "表 1：项目年度绩效指标表\n一级指标 二级指标 三级指标 指标值\n成本指标 经济成本指标",
        "2.评价指标体系及评价标准\n本次评价指标体系根据有关要求设置，包括决策、过程、产出及效益\n"
        "4 个一级指标，10 个二级指标和 17 个三级指标，满分为 100 分。",
    ]
    assert page_kinds(pages).target == (1,)
    # a header glued to prose on one text line (北京 预算13表: 其他说明 then the header)
    glued = ["共同推动履职事项落地见效，全面提升治理效能。 活动 绩效指标 指标性质 指标值 度量单位"]
    assert page_kinds(glued).target == (1,)


def _grid(cols: tuple[float, ...], page: int = 1) -> Grid:
    n = len(cols) - 1
    return Grid(
        page=page,
        bbox=(cols[0], 100.0, cols[-1], 500.0),
        cols=cols,
        text=[[""] * n],
        anchor=[[(0, c) for c in range(n)]],
    )


def test_issue_beijing_p48_a_part_cut_to_its_right_columns_is_judged_at_the_whole_width() -> None:
    """北京宣传部 p48: a list page inside one block shows only its right columns (344 pt
    of a 731 pt table) and its right edge sits 6 pt off the header's; the tolerance is the
    wider part's (1% of 731), not the narrow part's (3.4 pt), which had dropped 18 pages."""
    header = _grid((55, 62, 142, 202, 271, 323, 436, 484, 536, 612, 665, 726, 779, 786))
    part = _grid((436, 484, 536, 612, 665, 726, 780), page=2)
    assert same_columns(part, header, right_part=True)
    assert same_columns(header, part, right_part=True)
    assert not same_columns(part, header)  # the left columns are missing
