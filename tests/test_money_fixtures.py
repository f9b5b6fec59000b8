"""The golden money fixtures (fixtures/specs/money, rendered by fixtures.render_money):
the committed PDFs and expected files are what the generator makes of their specs, and
the money reader reads every one of them exactly (each printed shape of DESIGN §7, each
producer, every page-break position of the sweeps)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fixtures.money_accuracy import Report, expected_files, read_tables, score_document, source_pdf
from fixtures.render_money import (
    MONEY_GOLDEN,
    MONEY_SPECS,
    jobs_of,
    load_spec,
    render_job,
)

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
