"""A PDF is corrupt when its content is damaged, not when its cross-reference table is
off: a file whose table does not point at its objects is read through a copy with the
table rebuilt by scanning the objects (what every reader does), and must read exactly as
the sound file; a file that lost content (cut short, bytes inserted into a stream, an
object the pages need gone) stays corrupt_pdf.

Copies of real documents with changed bytes are made here, never kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract
from extractors.model import ExtractionError
from tests.conftest import GOLDEN, SHARED, require

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"  # LibreOffice: an xref table, /Length refs
REAL = SHARED / "realworld"
SHIFTED_REAL = [
    "targets/021_泉州/2026年泉州市人民政府办公室部门预算.pdf",  # Word 2010
    "targets/025_烟台/2026年烟台市审计局部门预算.pdf",  # WPS
    "targets/015_长沙/信访局_2026年部门预算.pdf",  # iText: a comment after its trailer
]


def _copy(tmp_path: Path, source: Path, data: bytes) -> Path:
    """A copy with the source's name (messages name the file)."""
    path = tmp_path / "copy" / source.name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _shifted(data: bytes) -> bytes:
    """A comment line after the header: every offset the table gives is off by 10."""
    end = data.index(b"\n") + 1
    return data[:end] + b"%shifted\n" + data[end:]


def _rejected(path: Path) -> str:
    with pytest.raises(ExtractionError) as raised:
        extract(path)
    assert raised.value.reason_code == "corrupt_pdf", str(raised.value)
    assert path.name in str(raised.value)
    return str(raised.value)


def test_offsets_off_read_exactly_as_the_sound_file(tmp_path: Path) -> None:
    assert extract(_copy(tmp_path, SAMPLE, _shifted(SAMPLE.read_bytes()))) == extract(SAMPLE)


def test_a_lost_startxref_pointer_reads_exactly(tmp_path: Path) -> None:
    # the last bytes ("startxref 150291 %%EOF") cut: every object and the trailer remain
    assert extract(_copy(tmp_path, SAMPLE, SAMPLE.read_bytes()[:-10])) == extract(SAMPLE)


@pytest.mark.parametrize("name", SHIFTED_REAL, ids=lambda n: n.split("/")[1])
def test_real_documents_with_offsets_off_read_exactly(name: str, tmp_path: Path) -> None:
    source = REAL / name
    require(source.is_file(), f"../shared/realworld/{name}")
    original = extract(source)
    assert original.projects
    assert extract(_copy(tmp_path, source, _shifted(source.read_bytes()))) == original


def test_an_update_appended_without_a_line_break_reads(tmp_path: Path) -> None:
    """西安's Word 2007 export appends an update right after "%%EOF" ("%%EOF1 0 obj"):
    the table is sound, but a scan of the file takes the object for a comment's end. It
    reads, and as its copy with the line break put in (offsets off: rebuilt) reads."""
    source = REAL / "crawl/020_西安/工业和信息化局_2026年部门预算.pdf"
    require(source.is_file(), "../shared/realworld/crawl")
    data = source.read_bytes()
    assert b"%%EOF1 0 obj" in data
    annex = extract(source)
    assert (annex.issuer, annex.fiscal_year) == ("西安市工业和信息化局", 2022)
    assert annex.projects
    broken = data.replace(b"%%EOF1 0 obj", b"%%EOF\r1 0 obj")
    assert extract(_copy(tmp_path, source, broken)) == annex


def test_truncated_files_stay_corrupt(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    assert "damaged" in _rejected(_copy(tmp_path, SAMPLE, data[: len(data) * 6 // 10]))
    # cut inside the cross-reference table: the trailer (which objects are the catalog
    # and the document information) is gone
    _rejected(_copy(tmp_path, SAMPLE, data[: data.rindex(b"\nxref") + 40]))
    # cut before the keyword that ends the trailer: pdfium rebuilds it, but a file cut
    # anywhere before its last line is missing its end
    cut = _copy(tmp_path, SAMPLE, data[: data.rindex(b"startxref")])
    assert "no complete trailer" in _rejected(cut)


def test_bytes_inserted_into_a_stream_are_damage(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    start = data.index(b"stream\n") + len(b"stream\n") + 20  # inside the first stream
    inserted = _copy(tmp_path, SAMPLE, data[:start] + b"0 0 m 9 9 l S\n" + data[start:])
    assert "/Length it declares" in _rejected(inserted)


def test_an_object_the_pages_need_gone_is_damage(tmp_path: Path) -> None:
    import playa

    with playa.open(str(SAMPLE)) as pdf:
        contents = pdf.pages[0].attrs["Contents"].objid
    data = SAMPLE.read_bytes()
    header = b"\n%d 0 obj" % contents
    assert data.count(header) == 1
    gone = data.replace(header, b"\n" + b" " * (len(header) - 1))  # the scan cannot find it
    assert "which is missing" in _rejected(_copy(tmp_path, SAMPLE, gone))
