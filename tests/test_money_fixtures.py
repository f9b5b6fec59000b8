"""The golden money fixtures (fixtures/specs/money, rendered by fixtures.render_money):
the committed PDFs and expected files are what the generator makes of their specs, and
the money reader reads every one of them exactly (each printed shape of DESIGN §7, each
producer, every page-break position of the sweeps), and the money rules find the
arithmetic defects a spec seeds (defects_2026) and no other."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from expectations import DocumentToCheck, validate
from extractors import extract
from fixtures.money_accuracy import Report, expected_files, read_tables, score_document, source_pdf
from fixtures.render_money import (
    MONEY_GOLDEN,
    MONEY_SPECS,
    jobs_of,
    load_spec,
    render_job,
)
from normalize.frames import normalise

SPEC_PATHS = sorted(MONEY_SPECS.glob("*.yaml"))
EXPECTED = expected_files(golden=True)

# fixture name → why the reader misses it (kept until the reader reads it)
KNOWN_MISSES: dict[str, str] = {}


def test_every_printed_shape_has_a_spec() -> None:
    shapes = {t["shape"] for p in SPEC_PATHS for t in load_spec(p)["tables"]}
    assert shapes == {
        "code_column",
        "code_name",
        "split",
        "names",
        "xiang",
        "economic",
        "two_sided",
        "sangong_columns",
        "sangong_rows",
        "empty",
    }
    renderers = {
        layout["renderer"] for p in SPEC_PATHS for layout in load_spec(p)["renderings"].values()
    }
    assert renderers == {"reportlab", "word", "excel"}


@pytest.mark.parametrize("path", SPEC_PATHS, ids=lambda p: p.stem)
def test_money_fixtures_regenerate_identically(path: Path, tmp_path: Path) -> None:
    """reportlab PDFs byte for byte; a Word or Calc PDF (LibreOffice, not in CI) is taken
    as committed and its expected file made again from it."""
    jobs = jobs_of(load_spec(path))
    committed = sorted(
        str(p.relative_to(MONEY_GOLDEN)).removesuffix(".pdf")
        for p in MONEY_GOLDEN.rglob(f"{path.stem}.*.pdf")
    )
    assert committed == sorted(jobs)
    for name, (spec, breaks) in jobs.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.parent.mkdir(exist_ok=True)
        if spec["layout"]["renderer"] != "reportlab":
            shutil.copyfile(MONEY_GOLDEN / f"{name}.pdf", pdf)
        made = render_job(name, spec, breaks, pdf, draw=False)
        assert pdf.read_bytes() == (MONEY_GOLDEN / f"{name}.pdf").read_bytes(), name
        want = json.loads((MONEY_GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
        got = json.loads(made.read_text(encoding="utf-8"))
        assert got == want, name


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_MISSES[n], strict=True))
        if n in KNOWN_MISSES
        else n
        for n in EXPECTED
    ],
)
def test_golden_money_fixture_reads_exactly(name: str) -> None:
    expected = json.loads(EXPECTED[name].read_text(encoding="utf-8"))
    got, unread = read_tables(source_pdf(expected))
    score = score_document(name, expected, got, Report())
    assert score.matched == score.total, score.problems[:20]
    assert not unread
    assert [t["pages"] for t in got] == [t["pages"] for t in expected["tables"]]


ARITHMETIC_RULES = ("table_total_mismatch", "hierarchy_mismatch", "cross_table_mismatch")
_T05_BASIC_VS_T06 = "一般公共预算支出表的基本支出 = 基本支出表合计"
_CODE_COLUMN_T06 = [  # the spec's T06 (1,307.34) was never made to agree with its T05
    (
        "cross_table_mismatch",
        "warning",
        2,
        f"{_T05_BASIC_VS_T06}: 19519800.00元 ≠ 13073400.00元 (允差200.00元)",
    )
]
# (rule, severity, page, detail) of the money rules' findings per golden money fixture;
# on every other one the printed arithmetic holds and none fires.
ARITHMETIC_FINDINGS: dict[str, list[tuple[str, str, int, str]]] = {
    # code_column_2026: an unseeded defect of the spec, T05's 基本支出 1,951.98 against a
    # T06 whose lines add up to 1,307.34 (its PDFs are committed as they are)
    "code_column_2026.reportlab": _CODE_COLUMN_T06,
    "code_column_2026.word": _CODE_COLUMN_T06,
    "code_column_2026.excel": _CODE_COLUMN_T06,
    # defects_2026 (the spec's ``printed``), all on T05's page:
    "defects_2026.reportlab": [
        # the seeded 款: 20103 prints 1,217.70 over 项 adding up to 1,271.70
        (
            "hierarchy_mismatch",
            "error",
            2,
            "一般公共预算支出表科目「20103 政府办公厅（室）及相关机构事务」(total) "
            "印12177000.00元 ≠ 下级科目2010301、2010302、2010350之和12717000.00元 (允差400.00元)",
        ),
        # and so its 类, printed right (1,508.26), is not the sum of its 款 as printed
        (
            "hierarchy_mismatch",
            "error",
            2,
            "一般公共预算支出表科目「201 一般公共服务支出」(total) "
            "印15082600.00元 ≠ 下级科目20103、20111之和14542600.00元 (允差300.00元)",
        ),
        # the seeded 合计 基本支出 1,535.60 against T06's 合计 1,553.60 ...
        (
            "cross_table_mismatch",
            "warning",
            2,
            f"{_T05_BASIC_VS_T06}: 15356000.00元 ≠ 15536000.00元 (允差200.00元)",
        ),
        # ... is also not the sum of T05's own 类 (1,553.60): one printed figure wrong, two
        # rules true about it; the 合计's other columns hold
        (
            "table_total_mismatch",
            "error",
            2,
            "一般公共预算支出表「合计」(basic) 印15356000.00元 ≠ 4个类级科目之和15536000.00元 "
            "(允差500.00元)",
        ),
    ],
}


def test_arithmetic_findings_name_fixtures_that_exist() -> None:
    assert set(ARITHMETIC_FINDINGS) <= set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_money_rules_fire_exactly_where_seeded(name: str) -> None:
    """hierarchy_mismatch, cross_table_mismatch and table_total_mismatch on each golden
    money fixture as read from its PDF: the seeded defects of defects_2026 found, on their
    page, and nothing on the fixtures whose printed tables agree."""
    pdf = MONEY_GOLDEN / f"{name}.pdf"
    annex = extract(pdf)
    findings = validate([DocumentToCheck.of(annex, normalise(annex, name))])
    fired = findings.filter(pl.col("rule").is_in(ARITHMETIC_RULES))
    got = fired.select("rule", "severity", "source_page", "detail").rows()
    assert sorted(got) == sorted(ARITHMETIC_FINDINGS.get(name, []))
