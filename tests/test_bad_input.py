"""Bad input: every class is refused with its reason code and a message naming the file,
nothing of it reaches the warehouse, and the good file of the same batch still loads."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from fixtures.render import SPECS, render_reportlab
from flows.documents import Limits
from tests.conftest import GOLDEN, SHARED, require
from warehouse.db import make_engine

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"


def _encrypted(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "encrypted annex")
    c.save()


def _scanned(path: Path) -> None:
    import pypdfium2 as pdfium

    image = pdfium.PdfDocument(str(SAMPLE))[0].render(scale=1).to_pil()
    image.convert("RGB").save(path, "PDF")


def _untitled_annex(path: Path) -> None:
    spec = yaml.safe_load((SPECS / "tianmen_finance_2024.yaml").read_text(encoding="utf-8"))
    spec = copy.deepcopy(spec)
    spec["issuer"] = ""  # the title line then names no department
    render_reportlab(spec, {"orientation": "landscape"}, path)


def _mentions_targets_only(path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 760, "天门市财政局2024年项目支出绩效目标表")
    c.drawString(72, 730, "本部门2024年度无项目支出，绩效目标不适用。")
    c.save()


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty_file": tmp_path / "empty.pdf",
        "not_a_pdf": tmp_path / "annex.pdf",
        "corrupt_pdf": tmp_path / "truncated.pdf",
        "corrupt_xref": tmp_path / "cut_tail.pdf",
        "encrypted_pdf": tmp_path / "locked.pdf",
        "no_text_layer": tmp_path / "scan.pdf",
        "unparseable_table": tmp_path / "untitled.pdf",
        "no_tables": tmp_path / "mentions_only.pdf",
    }
    data = SAMPLE.read_bytes()
    files["empty_file"].write_bytes(b"")
    files["not_a_pdf"].write_bytes("项目名称,实施单位\n".encode() * 20)
    files["corrupt_pdf"].write_bytes(data[: len(data) * 6 // 10])
    # its end cut before the last line (startxref): a rebuilt table is not trusted then
    files["corrupt_xref"].write_bytes(data[: data.rindex(b"startxref")])
    _encrypted(files["encrypted_pdf"])
    _scanned(files["no_text_layer"])
    _untitled_annex(files["unparseable_table"])
    _mentions_targets_only(files["no_tables"])
    return files


def test_each_bad_input_is_refused_and_the_rest_loads(
    batch: dict[str, Path], warehouse_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(SAMPLE), *map(str, batch.values())], warehouse_url)
    docs = {Path(d["path"]).name: d for d in summary.documents}
    assert docs[SAMPLE.name]["status"] == "loaded"
    for case, path in batch.items():
        doc = docs[path.name]
        if case == "no_tables":
            assert (doc["status"], doc["reason_code"]) == ("no_tables", None)
        else:
            assert doc["status"] == "rejected", (case, doc)
            assert doc["reason_code"] == case.replace("corrupt_xref", "corrupt_pdf"), doc
        assert path.name in doc["message"]
        assert doc["projects"] == 0 or doc["status"] == "rejected"
    assert summary.exit_code == 1

    engine = make_engine(warehouse_url)
    with engine.connect() as conn:
        names = conn.execute(text("SELECT file_name FROM document")).scalars().all()
        projects = conn.execute(text("SELECT count(*) FROM project")).scalar_one()
    engine.dispose()
    assert names == [SAMPLE.name]
    assert projects == 8


def test_limits_refuse_large_long_and_slow_files(
    tmp_path: Path, duckdb_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    realworld = sorted((SHARED / "realworld").rglob("*.pdf"))
    require(bool(realworld), "../shared/realworld beside the checkout")
    long_doc = max(realworld, key=lambda p: p.stat().st_size)
    size = ingest_flow([str(long_doc)], duckdb_url, Limits(max_file_bytes=1000))
    pages = ingest_flow([str(long_doc)], duckdb_url, Limits(max_pages=3))
    slow = ingest_flow([str(long_doc)], duckdb_url, Limits(timeout_s=0.05))
    assert [(d["status"], d["reason_code"]) for d in size.documents] == [
        ("rejected", "file_too_large")
    ]
    assert [(d["status"], d["reason_code"]) for d in pages.documents] == [
        ("rejected", "too_many_pages")
    ]
    assert [(d["status"], d["reason_code"]) for d in slow.documents] == [("rejected", "timeout")]
    assert all(long_doc.name in s.documents[0]["message"] for s in (size, pages, slow))
