"""The readers' memory limit: a document that needs more address space than a reader
process may have ends ``rejected`` / ``out_of_memory``, and the rest of its batch loads.

The limit shows in three ways, all covered: a MemoryError (numpy, Python), ENOMEM (a
thread or mapping the OS refused), or native code that aborts on a failed allocation
(pdfium inflating a stream, playa's compiled parser: SIGABRT), which the parent recognises
by the address space the reader had reached.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import zlib
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from flows.documents import Limits, process
from tests.conftest import GOLDEN, cli, query

BATCH = [GOLDEN / "tianmen_hrss_2023.word.pdf", GOLDEN / "tianmen_edu_2024.flow.pdf"]


def _flate_bomb(path: Path, inflated_mb: int = 6000) -> None:
    """A one-page PDF of 6 MB whose content stream inflates to ``inflated_mb`` MB (no-op
    operators around one line of text): a decompression bomb, as hostile files carry.
    pdfium inflates the stream to read the page's text, growing its buffer until the
    limit stops it. Built from one compressed megabyte repeated (each block flushed
    whole, so blocks chain) and the checksum of the whole."""
    chunk = b"q Q " * 262144  # 1 MB
    head = b"BT /F1 12 Tf 72 720 Td (bomb) Tj ET\n"

    def raw_deflate(data: bytes, mode: int) -> bytes:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        return packer.compress(data) + packer.flush(mode)

    checksum = zlib.adler32(head)
    for _ in range(inflated_mb):
        checksum = zlib.adler32(chunk, checksum)
    stream = (
        b"\x78\xda"
        + raw_deflate(head, zlib.Z_FULL_FLUSH)
        + raw_deflate(chunk, zlib.Z_FULL_FLUSH) * inflated_mb
        + raw_deflate(b"", zlib.Z_FINISH)
        + checksum.to_bytes(4, "big")
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(pdf))


def test_a_document_over_the_memory_limit_is_refused_and_the_batch_loads(
    tmp_path: Path, duckdb_url: str
) -> None:
    bomb = tmp_path / "inflates.pdf"
    _flate_bomb(bomb)
    limit_mb = 3072  # the golden annexes need ~1.3 GB in a reader; the bomb 6 GB more
    run = subprocess.run(
        [cli(), "ingest", str(BATCH[0]), str(bomb), str(BATCH[1]), "--json"],
        cwd=tmp_path,
        env={
            **os.environ,
            "BUDGET_ETL_WAREHOUSE_URL": duckdb_url,
            "BUDGET_ETL_LIMITS__MEMORY_MB": str(limit_mb),
            "BUDGET_ETL_LIMITS__WORKERS": "2",
            "BUDGET_ETL_REPORT_DIR": "",
        },
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 1, run.stderr  # something was rejected
    docs = {Path(d["path"]).name: d for d in json.loads(run.stdout)["documents"]}
    refused = docs[bomb.name]
    assert (refused["status"], refused["reason_code"]) == ("rejected", "out_of_memory"), refused
    assert bomb.name in refused["message"] and f"{limit_mb} MB" in refused["message"]
    assert [docs[p.name]["status"] for p in BATCH] == ["loaded", "loaded"], docs
    assert sorted(r[0] for r in query(duckdb_url, "SELECT file_name FROM document")) == sorted(
        p.name for p in BATCH
    )
    assert query(duckdb_url, "SELECT file_name, reason_code FROM rejection") == [
        (bomb.name, "out_of_memory")
    ]


@pytest.mark.parametrize(
    "error", [MemoryError(), OSError(errno.ENOMEM, "Cannot allocate memory")], ids=repr
)
def test_memory_errors_inside_the_table_reader_are_out_of_memory(
    monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    """camelot's own ``except`` must not turn the limit into an unreadable table."""
    import camelot

    def exhausted(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(camelot, "read_pdf", exhausted)
    outcome = process(BATCH[0], "sha", Limits(memory_mb=1234))
    assert (outcome.status, outcome.reason_code) == ("rejected", "out_of_memory"), outcome
    assert type(error).__name__ in outcome.message and "1234 MB" in outcome.message


@pytest.mark.parametrize(
    ("signal", "peak_mb", "reason"),
    [
        (6, 1990.0, "out_of_memory"),  # SIGABRT at the limit: an allocation failed
        (6, 900.0, "unparseable_table"),  # SIGABRT far below it: a crash
        (11, 1200.0, "unparseable_table"),
        (9, 900.0, "out_of_memory"),  # SIGKILL: the kernel's OOM killer
    ],
)
def test_a_reader_that_dies_is_out_of_memory_only_near_its_limit(
    signal: int, peak_mb: float, reason: str
) -> None:
    from flows.workers import _died, _Worker

    proc = SimpleNamespace(join=lambda timeout: None, exitcode=-signal)
    worker = _Worker(proc, conn=None, peak_mb=peak_mb)  # type: ignore[arg-type]
    outcome = _died(Path("x.pdf"), "sha", worker, Limits(memory_mb=2048))
    assert (outcome.status, outcome.reason_code) == ("rejected", reason)
    assert f"signal {signal}" in outcome.message and f"{peak_mb:.0f} MB" in outcome.message
