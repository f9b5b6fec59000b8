"""Supersession by what a document is, not only by whose it is (issue 18, item 4).

A later document of the same issuer and fiscal year replaces an earlier one only where it
repeats it: same scope (本级 / 汇总 and 部门预算 / 单位预算 as the cover prints them) and, in
a part both hold, the same sets by code or name (or the same money table). Real documents
of 泉州市人民政府办公室 through the real pipeline, on both warehouses: its 部门预算 (8 project
sets and the 部门整体 set) and its 单位预算（本级）(3 of those projects) are two documents.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.conftest import SHARED, query, require
from warehouse.supersede import SET_KINDS, identity, replaced_parts, set_part

QUANZHOU = SHARED / "realworld"
DEPARTMENT = QUANZHOU / "targets/021_泉州/2026年泉州市人民政府办公室部门预算.pdf"
UNIT = QUANZHOU / "crawl/021_泉州/政府办公厅_2026年度泉州市人民政府办公室（本级）单位预算.pdf"
# pages of DEPARTMENT (1-based): its cover, the 8 project tables, the 部门整体 table
COVER, PROJECT_PAGES, DEPARTMENT_PAGE = 1, range(29, 37), 37
# the 单位预算's last project table (驻沪办房屋修缮经费)
UNIT_LAST_PROJECT_PAGE = 29


def _pages(source: Path, pages: list[int], out: Path) -> Path:
    """A new PDF of some pages of a real one (1-based), as pdfium writes it."""
    src = pdfium.PdfDocument(str(source))
    new = pdfium.PdfDocument.new()
    new.import_pages(src, [p - 1 for p in pages])
    new.save(str(out))
    return out


def _ingest(url: str, *pdfs: Path) -> list[dict[str, object]]:
    """Each document in a run of its own, in the order given: the later loads later."""
    from flows.ingest import ingest_flow

    out = []
    for pdf in pdfs:
        out += ingest_flow([str(pdf)], url).documents
    assert [d["status"] for d in out] == ["loaded"] * len(pdfs), out
    return out


def _shown(url: str) -> dict[tuple[str, str, str], int]:
    """Sets in v_project_funding by (scope, document_kind, set_kind)."""
    rows = query(
        url,
        "SELECT scope, document_kind, set_kind, count(*) FROM v_project_funding"
        " WHERE horizon = 'annual' GROUP BY scope, document_kind, set_kind",
    )
    return {(r[0], r[1], r[2]): r[3] for r in rows}


def _versions(url: str, money: bool = False) -> list[tuple[object, ...]]:
    """(file, part, current, replaced by file, reason) from the history view: of the
    target-set parts, or (``money``) of the money-table parts (T01 …)."""
    rows = query(
        url,
        "SELECT file_name, part, is_current, superseded_by_file_name, superseded_reason"
        " FROM v_document_versions",
    )
    rows = [r for r in rows if (r[1] not in SET_KINDS) == money]
    return sorted(tuple(r) for r in rows)  # in Python: the databases' collations differ


def _real() -> None:
    require(DEPARTMENT.is_file() and UNIT.is_file(), "the 泉州 documents in ../shared/realworld")


@pytest.mark.parametrize("order", ["department_first", "unit_first"])
def test_unit_budget_and_department_budget_both_stay_current(
    warehouse_url: str, order: str, prefect_harness: None
) -> None:
    _real()
    pdfs = (DEPARTMENT, UNIT) if order == "department_first" else (UNIT, DEPARTMENT)
    _ingest(warehouse_url, *pdfs)
    assert _shown(warehouse_url) == {
        ("", "部门预算", "project"): 8,
        ("", "部门预算", "department"): 1,
        ("本级", "单位预算", "project"): 3,
    }
    assert all(current for _, _, current, _, _ in _versions(warehouse_url))
    assert (
        query(warehouse_url, "SELECT count(*) FROM document WHERE superseded_by_id IS NULL")[0][0]
        == 2
    )


def test_resubmission_with_a_page_less_supersedes(
    warehouse_url: str, tmp_path: Path, prefect_harness: None
) -> None:
    """The same 单位预算 resubmitted without its last project table: a resubmission (same
    scope, 2 of its 3 sets again), so the earlier one steps back whole and its dropped
    set goes with it."""
    _real()
    pages = [p for p in range(1, len(pdfium.PdfDocument(str(UNIT))) + 1)]
    later = _pages(UNIT, [p for p in pages if p != UNIT_LAST_PROJECT_PAGE], tmp_path / "v2.pdf")
    earlier, resubmitted = _ingest(warehouse_url, UNIT, later)
    assert _shown(warehouse_url) == {("本级", "单位预算", "project"): 2}
    assert _versions(warehouse_url) == [
        ("v2.pdf", "project", True, None, None),
        (
            UNIT.name,
            "project",
            False,
            "v2.pdf",
            "repeats 2 of 3 project sets by code or name (本级 单位预算)",
        ),
    ]
    # its money tables are printed again too: each kind is replaced, with its reason
    money = _versions(warehouse_url, money=True)
    earlier_money = [v for v in money if v[0] == UNIT.name]
    assert earlier_money and {v[1] for v in earlier_money} == {
        v[1] for v in money if v[0] == "v2.pdf"
    }
    for _, part, current, by_file, reason in earlier_money:
        assert (current, by_file) == (False, "v2.pdf")
        assert reason == f"repeats money table {part} (本级 单位预算)"
    by = query(
        warehouse_url,
        "SELECT n.document_sha256 FROM document o JOIN document n"
        f" ON n.document_id = o.superseded_by_id WHERE o.document_sha256 = '{earlier['sha256']}'",
    )
    assert [r[0] for r in by] == [resubmitted["sha256"]]  # superseded_by_id is kept


def test_department_form_alone_and_project_list_both_stay_current(
    warehouse_url: str, tmp_path: Path, prefect_harness: None
) -> None:
    """The 部门整体 form published as a file of its own and the project list of the same
    department: two parts, both current; the whole 部门预算 loaded after them repeats both."""
    _real()
    projects = _pages(DEPARTMENT, [COVER, *PROJECT_PAGES], tmp_path / "projects.pdf")
    form = _pages(DEPARTMENT, [COVER, DEPARTMENT_PAGE], tmp_path / "form.pdf")
    _ingest(warehouse_url, projects, form)
    assert _shown(warehouse_url) == {
        ("", "部门预算", "project"): 8,
        ("", "部门预算", "department"): 1,
    }
    assert [v[:3] for v in _versions(warehouse_url)] == [
        ("form.pdf", "department", True),
        ("projects.pdf", "project", True),
    ]
    _ingest(warehouse_url, DEPARTMENT)
    assert _shown(warehouse_url) == {
        ("", "部门预算", "project"): 8,
        ("", "部门预算", "department"): 1,
    }
    assert [v for v in _versions(warehouse_url) if not v[2]] == [
        ("form.pdf", "department", False, DEPARTMENT.name, "repeats the 部门整体 set (部门预算)"),
        (
            "projects.pdf",
            "project",
            False,
            DEPARTMENT.name,
            "repeats 8 of 8 project sets by code or name (部门预算)",
        ),
    ]
    shown = query(
        warehouse_url,
        "SELECT DISTINCT file_name FROM v_project_funding f"
        " JOIN document d ON d.document_sha256 = f.document_sha256",
    )
    assert [r[0] for r in shown] == [DEPARTMENT.name]


def test_a_project_list_resubmitted_leaves_the_department_set_current(
    warehouse_url: str, tmp_path: Path, prefect_harness: None
) -> None:
    """Replaced only where repeated: a later project list replaces the 部门预算's project
    sets; its 部门整体 set, which the list does not repeat, stays current."""
    _real()
    projects = _pages(DEPARTMENT, [COVER, *PROJECT_PAGES], tmp_path / "projects.pdf")
    _ingest(warehouse_url, DEPARTMENT, projects)
    rows = query(
        warehouse_url,
        "SELECT d.file_name, f.set_kind, count(*) FROM v_project_funding f JOIN document d"
        " ON d.document_sha256 = f.document_sha256 WHERE f.horizon = 'annual'"
        " GROUP BY d.file_name, f.set_kind ORDER BY 1, 2",
    )
    assert [tuple(r) for r in rows] == [
        (DEPARTMENT.name, "department", 1),
        ("projects.pdf", "project", 8),
    ]
    assert (
        query(warehouse_url, "SELECT count(*) FROM document WHERE superseded_by_id IS NULL")[0][0]
        == 2
    )


# --- the rule itself --------------------------------------------------------------------


def test_rule_same_scope_same_sets_replaces() -> None:
    earlier = identity("本级", "单位预算", [("project", "P1", "甲"), ("project", None, "乙")])
    later = identity("本级", "单位预算", [("project", "P1", "甲（修订）"), ("project", None, "丙")])
    assert replaced_parts(later, earlier) == {
        "project": "repeats 1 of 2 project sets by code or name (本级 单位预算)"
    }


def test_rule_another_scope_or_part_keeps_both() -> None:
    unit = identity("本级", "单位预算", [("project", None, "甲")])
    department = identity("", "部门预算", [("project", None, "甲"), ("department", None, "局")])
    form = identity("", "部门预算", [("department", None, "局")])
    projects = identity("", "部门预算", [("project", None, "甲")])
    assert replaced_parts(department, unit) == {}
    assert replaced_parts(unit, department) == {}
    assert replaced_parts(form, projects) == {}
    assert replaced_parts(projects, form) == {}
    assert replaced_parts(projects, department) == {
        "project": "repeats 1 of 1 project sets by code or name (部门预算)"
    }


def test_rule_a_unit_code_is_no_set_key_and_money_tables_repeat_by_kind() -> None:
    # a list's 单位编码 printed on every set of the unit names no set
    earlier = identity("", "", [("project", "101", "甲"), ("project", "101", "乙")])
    later = identity("", "", [("project", "101", "丙"), ("project", "101", "丁")])
    assert replaced_parts(later, earlier) == {}
    money = identity("", "部门预算", [], ["T01", "T05"])
    assert replaced_parts(identity("", "部门预算", [], ["T05"]), money) == {
        "T05": "repeats money table T05 (部门预算)"
    }
    assert replaced_parts(identity("", "部门预算", [], ["T02"]), money) == {}


def test_rule_a_self_evaluation_is_a_part_of_its_own() -> None:
    """A 部门决算's 绩效自评表 repeats the year's targets by name: with no cover to tell
    the two documents apart, it still never replaces the 部门预算's sets (nor they it);
    a resubmitted self-evaluation replaces the earlier one's."""
    budget = identity("", "", [(set_part("project"), None, "甲"), ("department", None, "局")])
    evaluation = identity(
        "",
        "",
        [
            (set_part("project", "self_evaluation"), None, "甲"),
            (set_part("department", "self_evaluation"), None, "局"),
        ],
    )
    assert replaced_parts(evaluation, budget) == {}
    assert replaced_parts(budget, evaluation) == {}
    assert replaced_parts(evaluation, evaluation) == {
        "self_eval:project": "repeats 1 of 1 self_eval:project sets by code or name "
        "(no scope printed)",
        "self_eval:department": "repeats the 部门整体 set (no scope printed)",
    }
