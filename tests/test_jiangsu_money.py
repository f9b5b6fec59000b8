"""江苏's 收支预算总表 (T01) read from the real disclosures of ../shared/realworld/jiangsu,
values checked against the page images; issuer and year found in the table volumes,
which print no cover (部门：X and 2017年政府采购预算表). bench/jiangsu.py compares every
value with the peer's CSVs."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from extractors import extract
from extractors.document import find_title
from extractors.model import Annex, MoneyTable
from extractors.pdf import read_pages
from tests.conftest import SHARED, require

JIANGSU = SHARED / "realworld" / "jiangsu"


def _path(name: str) -> Path:
    path = JIANGSU / name
    require(path.is_file(), f"../shared/realworld/jiangsu/{name}")
    return path


@functools.cache
def _annex(name: str) -> Annex:
    return extract(_path(name))


def _t01(name: str) -> dict[str, list[tuple[str, str]]]:
    table: MoneyTable = next(t for t in _annex(name).money_tables if t.kind == "T01")
    assert table.unit == "万元"
    out: dict[str, list[tuple[str, str]]] = {}
    for line in table.lines:
        out.setdefault(line.label, []).extend((a.measure, a.printed) for a in line.amounts)
    return out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # the table volumes: no cover, the issuer in 部门：X, the year in a table's title
        (
            "江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf",
            ("中国共产党江苏省委员会办公厅", 2017),
        ),
        ("江苏省政协办公厅/2017年度部门预算公开表.pdf", ("江苏省政协办公厅", 2017)),
        ("江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf", ("江苏省政协办公厅", 2018)),
        ("江苏省政协办公厅/江苏省政协办公厅2019年预算公开表.pdf", ("江苏省政协办公厅", 2019)),
        # /Rotate 90 pages: the text is whole, whatever the glyphs' places
        ("江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf", ("中共江苏省委办公厅", 2018)),
        (
            "江苏省人大办公厅/江苏省人大常委会办公厅2019年部门预算公开表.pdf",
            ("江苏省人大常委会办公厅", 2019),
        ),
    ],
)
def test_table_volumes_name_issuer_and_year(name: str, expected: tuple[str, int]) -> None:
    assert find_title([p.text for p in read_pages(_path(name)).pages]) == expected


def test_t01_rows_cut_by_the_page_break_are_whole() -> None:
    """人大 2017 (WPS): '八、社会保障和就' | '业支出' and '当年收入' | '小计' over two pages,
    p7-9; the continued parts print no header, and their first rows are not one."""
    t01 = _t01("江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf")
    assert ("expense", "1608.51") in t01["八、社会保障和就业支出"]
    assert ("expense", "1512.23") in t01["十八、住房保障支出"]
    assert t01["当年收入小计"] == [("income", "13649.07")]
    assert t01["收入合计"] == [("income", "13649.07")]
    # 支出合计 merged over both expense groups is printed once, as a label, not an amount
    assert ("expense", "13649.07") in t01["支出合计"]
    assert all(printed[0].isdigit() for amounts in t01.values() for _, printed in amounts)
    assert "业支出" not in t01 and "小计" not in t01


def test_t01_of_the_table_volumes() -> None:
    """委办公厅 2017 (p1) and 政协 2018 (p1), from the page images."""
    w = _t01("江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf")
    assert _annex("江苏省委办公厅/江苏省委办公厅2017年预算公开表格.pdf").fiscal_year == 2017
    assert w["二、财政专户管理资金"] == [("income", "147.20")]
    assert w["1.一般公共预算"] == [("income", "20702.25")]
    assert w["当年收入小计"] == [("income", "20849.45")]
    assert ("expense", "196.72") in w["三、单位预留机动经费"]
    z = _t01("江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf")
    assert _annex("江苏省政协办公厅/江苏省政协办公厅2018度部门预算公开表.pdf").fiscal_year == 2018
    assert z["三、其他资金"] == [("income", "80.00")]
    assert ("expense", "1499.26") in z["十八、住房保障支出"]
    assert ("expense", "10150.48") in z["支出合计"]
