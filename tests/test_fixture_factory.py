"""The fixture factory: the committed PDFs and expected files are exactly what the generator
makes of their specs (a Word or Calc rendering, which needs LibreOffice: its expected file is
what the generator makes of the committed PDF), and the list families' expected files hold
consistent rows. Nothing here reads them with the pipeline."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import yaml

from fixtures.render import (
    DEFAULT_RENDERINGS,
    GOLDEN,
    SPECS,
    checked_cut,
    render_reportlab,
    sweep_layouts,
    write_expected,
)


def _spec(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


ALL_SPECS = sorted(SPECS.glob("*.yaml"))
LIST_SPECS = [p for p in ALL_SPECS if _spec(p).get("list")]
LIST_FILES = sorted((GOLDEN / "lists").rglob("*.expected.json"))


def test_every_list_family_has_a_spec() -> None:
    assert {_spec(p)["list"] for p in LIST_SPECS} == {"beijing", "hunan", "guangdong", "zhejiang"}


@pytest.mark.parametrize("path", ALL_SPECS, ids=lambda p: p.stem)
def test_fixtures_regenerate_identically(path: Path, tmp_path: Path) -> None:
    spec = _spec(path)
    jobs = {
        f"{path.stem}.{name}.pdf": layout
        for name, layout in spec.get("renderings", DEFAULT_RENDERINGS).items()
    }
    sweeps = sweep_layouts(spec)
    jobs |= {f"sweep/{path.stem}.{name}.pdf": layout for name, layout in sweeps.items()}
    committed = GOLDEN / spec.get("golden_folder", "")
    assert sorted(jobs) == sorted(
        str(p.relative_to(committed)) for p in committed.rglob(f"{path.stem}.*.pdf")
    )
    for name, layout in jobs.items():
        pdf = tmp_path / name
        pdf.parent.mkdir(exist_ok=True)
        if layout["renderer"] == "reportlab":
            render_reportlab(spec, layout, pdf)
            assert pdf.read_bytes() == (committed / name).read_bytes(), name
        else:
            shutil.copyfile(committed / name, pdf)
        made = json.loads(write_expected(spec, layout, pdf).read_text(encoding="utf-8"))
        want = (committed / name).with_suffix(".expected.json")
        assert made == json.loads(want.read_text(encoding="utf-8")), name


OFFICE_SWEEPS = [
    (path, name, layout)
    for path in ALL_SPECS
    for name, layout in sweep_layouts(_spec(path)).items()
    if layout["renderer"] != "reportlab"
]


@pytest.mark.parametrize(
    ("path", "name", "layout"), OFFICE_SWEEPS, ids=[f"{p.stem}.{n}" for p, n, _ in OFFICE_SWEEPS]
)
def test_office_sweeps_cut_where_they_say(path: Path, name: str, layout: dict[str, Any]) -> None:
    """A Word or Calc sweep's page ends after the rows its name says, full, under the card
    before (LibreOffice places the break, so the generator checks it; so does this)."""
    pdf = GOLDEN / "sweep" / f"{path.stem}.{name}.pdf"
    try:
        checked_cut(_spec(path), layout, pdf)
    except SystemExit as exc:
        pytest.fail(str(exc))


@pytest.mark.parametrize("path", LIST_FILES, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_list_expected_files_are_consistent(path: Path) -> None:
    expected = json.loads(path.read_text(encoding="utf-8"))
    pdf = path.with_name(path.name.removesuffix(".expected.json") + ".pdf")
    pages = len(pdfium.PdfDocument(str(pdf)))
    funding, targets = expected["v_project_funding"], expected["v_indicator_targets"]
    seqs = sorted({r["project_seq"] for r in funding})
    assert seqs == list(range(1, len(seqs) + 1))
    assert {r["project_seq"] for r in targets} <= set(seqs)
    for row in funding:
        assert row["set_kind"] == "project"
        assert row["horizon"] == "annual"
        assert row["total_yuan"] is not None
    for row in targets:
        assert 1 <= row["source_page"] <= pages
        assert row["horizon"] in ("midterm", "annual")
        assert row["target_text"] and row["target_kind"]
    for total in expected.get("total_rows", []):
        assert total["kind"] in ("grand_total", "unit_subtotal")
        assert 1 <= total["page"] <= pages
        assert total["amounts"] and all(Decimal(v) >= 0 for v in total["amounts"].values())
