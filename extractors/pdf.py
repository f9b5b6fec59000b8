"""Reading a PDF: page text, glyph boxes and metadata (pypdfium2), ruled tables (camelot)."""

from __future__ import annotations

import ctypes
import functools
import logging
import math
import re
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard
from unittest import mock

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.grid import Glyph, build_grid, columns_left_of, lines_between
from extractors.model import ExtractionError, Grid, out_of_memory
from extractors.pages import PageKinds, page_kinds

if TYPE_CHECKING:
    from playa.pdftypes import ContentStream


@dataclass
class PageText:
    number: int  # 1-based
    text: str
    glyphs: list[Glyph]
    height: float = 842.0  # points
    rotation: int = 0  # the page's /Rotate


@dataclass
class PdfContent:
    page_count: int
    producer: str
    pages: list[PageText]

    @functools.cached_property
    def kinds(self) -> PageKinds:
        """Which pages print target (or self-evaluation) tables, by their text alone."""
        return page_kinds([p.text for p in self.pages])


def sniff(path: Path, max_bytes: int) -> None:
    """Refuse what is not a readable PDF before any parser sees it (content, not name)."""
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError("empty_file", f"{path.name}: the file is empty (0 bytes)")
    if size > max_bytes:
        raise ExtractionError(
            "file_too_large", f"{path.name}: {size} bytes is over the {max_bytes}-byte limit"
        )
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise ExtractionError(
            "not_a_pdf", f"{path.name}: not a PDF (no %PDF- header; it starts {head[:12]!r})"
        )


@contextmanager
def readable(path: Path) -> Iterator[Path]:
    """The file to read: the file itself when its cross-reference table points at every
    object, else a copy with a table found by scanning the objects, as every reader
    rebuilds one (Word 2007 exports whose offsets are a few bytes off, a table cut off
    with the file's last line). The copy keeps every object's bytes, so the damage checks
    read them as in any file, and is read only when the rebuild lost nothing
    (``_lost_in_rebuild``). It has the file's name, so messages name the file."""
    if not _xref_off(path):
        yield path
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy = _rebuilt(path, Path(tmp))
        if lost := _lost_in_rebuild(path, copy):
            raise ExtractionError(
                "corrupt_pdf",
                f"{path.name}: the PDF's cross-reference table is broken and rebuilding it "
                f"shows content lost ({lost}); not loaded, to avoid a partial read",
            )
        yield copy


# An object's header where the table says it starts ("12 0 obj", after white space).
_OBJECT_AT = re.compile(rb"\s*(\d{1,10})\s+\d{1,10}\s+obj")


def _xref_off(path: Path) -> bool:
    """Whether the cross-reference table does not find every object where it says:
    pdfium had to rebuild it, or an entry's offset is not where its object starts (pdfium
    checks one entry and would read the others as missing)."""
    import playa
    from playa.xref import XRefFallback

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return False  # _open says why it does not open
    try:
        if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(doc.raw):
            return True
    finally:
        doc.close()
    try:
        with playa.open(str(path)) as pdf:
            for xref in pdf.xrefs:  # the update's table, then the ones it updates
                if isinstance(xref, XRefFallback):  # no table playa could parse
                    return True
                for objid in xref:
                    entry = xref[objid]
                    if entry.streamid is None:  # in a compressed object stream: none
                        m = _OBJECT_AT.match(pdf.buffer, entry.pos)
                        if m is None or int(m[1]) != objid:
                            return True
    except Exception as exc:  # a table playa cannot even walk
        if out_of_memory(exc):
            raise
        return True
    return False


def _rebuilt(path: Path, tmp: Path) -> Path:
    """A copy of the file with a cross-reference table appended that points at the
    objects a scan finds (playa's: every "N G obj", a later one superseding an earlier
    one as a file's updates do), written as the file's last update (a cross-reference
    stream, which can also place objects inside object streams). Nothing of the file
    changes; every reader then reads the same objects at the same bytes."""
    import playa
    from playa.pdftypes import ObjRef
    from playa.xref import XRefFallback

    data = path.read_bytes()
    header = data.find(b"%PDF-")  # offsets count from the header
    try:
        with playa.open(str(path)) as pdf:
            scan = XRefFallback(pdf)
            entries = {objid: scan[objid] for objid in scan}
            trailer = dict(scan.trailer)
    except Exception as exc:
        if out_of_memory(exc):
            raise
        raise ExtractionError(
            "corrupt_pdf",
            f"{path.name}: the PDF's cross-reference table is broken and its objects do "
            f"not parse to rebuild it ({type(exc).__name__}: {exc})",
        ) from exc
    table = max(entries, default=0) + 1  # the new table's own object number
    start = len(data) + 1
    rows = bytearray()
    for objid in range(table + 1):
        kind, a, b = 0, 0, 65535 if objid == 0 else 0  # free
        if objid == table:
            kind, a = 1, start - header
        elif (entry := entries.get(objid)) is not None:
            if entry.streamid is None:
                kind, a, b = 1, entry.pos - header, entry.genno
            else:  # the entry's pos is its index in the object stream
                kind, a, b = 2, entry.streamid, entry.pos
        rows += bytes([kind]) + a.to_bytes(4, "big") + b.to_bytes(2, "big")
    refs = b"".join(
        b"/%s %d 0 R" % (key.encode(), value.objid)
        for key in ("Root", "Info", "Encrypt")
        if isinstance(value := trailer.get(key), ObjRef)
    )
    ids = trailer.get("ID")
    if isinstance(ids, list) and all(isinstance(i, bytes) for i in ids):
        refs += b"/ID[" + b"".join(b"<" + i.hex().encode() + b">" for i in ids) + b"]"
    copy = tmp / path.name
    copy.write_bytes(
        data
        + b"\n%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]%s/Length %d>>\nstream\n"
        % (table, table + 1, refs, len(rows))
        + bytes(rows)
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (start - header)
    )
    return copy


def _lost_in_rebuild(path: Path, copy: Path) -> str:
    """What a rebuilt table would hide, or "": the file's trailer (which object is the
    document, its information) gone with its end; a stream whose data does not end where
    its /Length says (bytes inserted or cut inside it, which a reader looking for
    "endstream" takes for data); an object the pages need that no scan found (cut off,
    or its header damaged)."""
    import playa
    from playa.pdftypes import resolve1

    data = path.read_bytes()
    if not (_TRAILER.search(data) or _XREF_STREAM.search(data)):
        return "no complete trailer: the file's end is missing"
    try:
        with playa.open(str(copy)) as pdf:
            for objid in pdf:
                stream = pdf.get(objid)
                if _is_stream(stream) and resolve1(stream["Length"]) != len(stream.rawdata):
                    return f"object {objid}'s stream is not the /Length it declares"
            if missing := _missing_for_reading(pdf):
                return missing
    except Exception as exc:  # an object that does not parse
        if out_of_memory(exc):
            raise
        return f"objects do not parse: {type(exc).__name__}: {exc}"
    return ""


# A trailer dictionary followed by the keyword that ends it (iText writes a comment
# between); or a cross-reference stream (PDF 1.5), whose dictionary is the trailer, read
# in full up to its endobj.
_TRAILER = re.compile(rb"trailer\s*<<.*?>>(?:\s|%[^\r\n]*)*startxref", re.S)
_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b.*?endstream\s*endobj", re.S)


def _missing_for_reading(pdf: Any) -> str:
    """An object the pages, their contents and resources or the document information
    refer to that the file does not hold (cut off, its header damaged), or "". Outlines,
    the structure tree and annotations are not read, and real documents do refer to
    objects missing there (西安's outline items point at structure elements that are not
    in the file)."""
    from playa.pdftypes import ObjRef

    present = set(pdf)
    seen: set[int] = set()
    todo: list[tuple[Any, str, bool]] = [  # (item, what refers to it, part of the catalog)
        (pdf.trailer.get("Root"), "the trailer", True),
        (pdf.trailer.get("Info"), "the trailer", False),
    ]
    while todo:
        item, holder, catalog = todo.pop()
        if isinstance(item, ObjRef):
            if not item.objid or item.objid in seen:
                continue
            if item.objid not in present:
                return f"{holder} refers to object {item.objid}, which is missing"
            seen.add(item.objid)
            todo.append((pdf[item.objid], f"object {item.objid}", catalog))
            continue
        attrs = item.attrs if _is_stream(item) else item
        if isinstance(attrs, dict):
            kind = getattr(attrs.get("Type"), "name", None)
            if catalog:  # of the catalog, only the pages are read
                keys: Any = ("Pages",)
            elif "Kids" in attrs or kind in ("Pages", "Page"):
                keys = ("Kids", "Contents", "Resources")
            else:
                keys = [k for k in attrs if k != "Parent"]
            todo.extend((attrs.get(k), holder, False) for k in keys)
        elif isinstance(attrs, list):
            todo.extend((x, holder, False) for x in attrs)
    return ""


def _is_stream(obj: Any) -> TypeGuard[ContentStream]:
    """Whether a parsed object is a stream. Not isinstance: playa's compiled ContentStream
    shares its ABC registry with Mapping, so once a library registers a mapping type (as
    prefect's imports do) or a dict was checked, every dict passes for a stream."""
    from playa.pdftypes import ContentStream

    return type(obj) is ContentStream


def _open(path: Path, max_pages: int) -> pdfium.PdfDocument:
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(
                "encrypted_pdf", f"{path.name}: the PDF is encrypted (password needed)"
            ) from exc
        raise ExtractionError(
            "corrupt_pdf", f"{path.name}: the PDF is damaged ({type(exc).__name__}: {exc})"
        ) from exc
    if len(doc) > max_pages:
        pages = len(doc)
        doc.close()
        raise ExtractionError(
            "too_many_pages", f"{path.name}: {pages} pages is over the {max_pages}-page limit"
        )
    return doc


def read_pages(path: Path, max_pages: int = 500) -> PdfContent:
    """Text and glyph boxes of every page, in content order."""
    doc = _open(path, max_pages)
    try:
        try:
            meta = doc.get_metadata_dict()
        except UnicodeDecodeError as exc:  # a document information string that is not text
            raise ExtractionError(
                "corrupt_pdf",
                f"{path.name}: the document information is damaged ({type(exc).__name__}: {exc})",
            ) from exc
        pages: list[PageText] = []
        for i in range(len(doc)):
            page = doc[i]
            rotation = page.get_rotation()
            if rotation == 180:  # read upright, as camelot reads it (see _unrotated)
                page.set_rotation(0)
            tp = page.get_textpage()
            text = tp.get_text_range()
            glyphs: list[Glyph] = []
            loose = pdfium_c.FS_RECTF()
            # camelot measures from the MediaBox's lower-left corner, pdfium in user space:
            # a page box not at the origin (北京's (-12, 12, …)) would shift every glyph
            # into the neighbouring cell.
            ox0, oy0, ox1, oy1 = page.get_mediabox()
            turn = _displayed(rotation, ox1 - ox0, oy1 - oy0, _text_turned(tp, text))
            clips: dict[int | None, tuple[float, float, float, float] | None] = {}
            gap_before = False  # a generated space stands between the last glyph and the next
            drawn: dict[tuple[str, int, int], list[Glyph]] = {}
            for k, ch in enumerate(text):
                # pdfium inserts generated line breaks; generated spaces mark visible gaps
                # and are kept, placed between the glyphs they separate (see _gap).
                if ch in "\r\n" or (ch != " " and pdfium_c.FPDFText_IsGenerated(tp.raw, k)):
                    continue
                if ch == " " and pdfium_c.FPDFText_IsGenerated(tp.raw, k):
                    gap_before = True
                    continue
                x0, y0, x1, y1 = tp.get_charbox(k)
                if _clipped(tp, k, clips, (x0 + x1) / 2, (y0 + y1) / 2):
                    continue
                ox, oy = ctypes.c_double(), ctypes.c_double()
                pdfium_c.FPDFText_GetCharOrigin(tp.raw, k, ox, oy)
                # The glyph's size on the page: the loose box spans the font's ascent to
                # descent after the text matrix. FPDFText_GetFontSize ignores that matrix
                # (WPS writes 199 pt text scaled down to 10 pt), which misplaced whole rows.
                pdfium_c.FPDFText_GetLooseCharBox(tp.raw, k, loose)
                left, _ = turn(x0 - ox0, y0 - oy0)
                right, _ = turn(x1 - ox0, y1 - oy0)
                _, low = turn(loose.left - ox0, loose.bottom - oy0)
                _, high = turn(loose.right - ox0, loose.top - oy0)
                _, baseline = turn(ox.value - ox0, oy.value - oy0)
                glyph = Glyph(ch, min(left, right), max(left, right), baseline, abs(high - low))
                if ch != " " and _overprinted(glyph, drawn):
                    gap_before = False
                    continue
                if gap_before and glyphs and (space := _gap(glyphs[-1], glyph)):
                    glyphs.append(space)
                gap_before = False
                glyphs.append(glyph)
            pages.append(PageText(i + 1, text, glyphs, float(page.get_height()), rotation))
            tp.close()
            page.close()
        return PdfContent(len(doc), meta.get("Producer", "") or "", pages)
    except pdfium.PdfiumError as exc:  # a page object that does not load: damaged file
        raise ExtractionError(
            "corrupt_pdf", f"{path.name}: a page is damaged ({type(exc).__name__}: {exc})"
        ) from exc
    finally:
        doc.close()


def _overprinted(glyph: Glyph, drawn: dict[tuple[str, int, int], list[Glyph]]) -> bool:
    """Whether the page drew this glyph already at the same place: a producer's bold
    written as the same text drawn several times a hair apart (西安商务局's 表1–表4: title,
    header and cells drawn three to seven times, read "222000222222年年年部部部门门门…").
    Two copies of a character never stand this close in text read once. Records it
    otherwise."""
    near = 0.25 * max(glyph.size, 1.0)
    # and within half its own width: "..." of a narrow dot is three dots side by side
    across = min(near, 0.5 * max(glyph.x1 - glyph.x0, 0.2))
    bx, by = round(glyph.x0), round(glyph.baseline)
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for other in drawn.get((glyph.char, bx + dx, by + dy), ()):
                if (
                    abs(other.x0 - glyph.x0) < across
                    and abs(other.baseline - glyph.baseline) < near
                ):
                    return True
    drawn.setdefault((glyph.char, bx, by), []).append(glyph)
    return False


def _gap(before: Glyph, after: Glyph) -> Glyph | None:
    """The space pdfium generates for a visible gap, placed in the gap: between the glyphs
    it separates when they stand on one line, else none (a gap at a line end is the wrap
    break, which the cell's text keeps as a line break).

    pdfium positions a generated space from the glyph before it by the font's advance
    without the text matrix, so in text a producer scales down (WPS writes 239 pt text
    scaled by 0.034) the space lands 100 pt and more to the right, outside its cell, and
    西安国资委's "1+ 1+ N" and "50% ." lost their spaces.
    """
    tolerance = 0.5 * min((s for s in (before.size, after.size) if s > 0), default=1.0)
    if abs(before.baseline - after.baseline) > tolerance or after.x0 < before.x1 - tolerance:
        return None
    return Glyph(" ", before.x1, max(before.x1, after.x0), before.baseline, 0.0)


def _displayed(
    rotation: int, width: float, height: float, text_turned: bool
) -> Callable[[float, float], tuple[float, float]]:
    """A point of an unturned page's user space (origin at the MediaBox's corner) where
    camelot measures it. camelot reads a page as shown, unless its text then stands on
    its side, which it turns back upright: a landscape page printed as a portrait page
    with /Rotate 90 or 270 and its text drawn turned (烟台's tables from page 7 on) is
    measured as shown, and pdfium places its glyphs unturned, so their boxes are turned
    into camelot's space; a page whose text is upright in user space is measured there,
    whatever its /Rotate. (/Rotate 180 pages are read with the rotation removed, see
    ``_unrotated``.)"""
    if not text_turned:
        return lambda x, y: (x, y)
    if rotation == 90:  # shown turned clockwise: the unturned left edge is the top
        return lambda x, y: (y, width - x)
    if rotation == 270:
        return lambda x, y: (height - y, x)
    return lambda x, y: (x, y)


def _text_turned(tp: Any, text: str) -> bool:
    """Whether most of a page's characters are drawn on their side in user space (turned
    a quarter, as a landscape page printed on a portrait page with /Rotate draws them)."""
    turned = upright = 0
    for k, ch in enumerate(text[:2000]):
        if not ch.strip():
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(tp.raw, k)
        if angle < 0:  # pdfium could not say
            continue
        quarter = round(angle / (math.pi / 2)) % 4
        turned += quarter in (1, 3)
        upright += quarter in (0, 2)
    return turned > upright


def _clipped(
    tp: Any,
    k: int,
    clips: dict[int | None, tuple[float, float, float, float] | None],
    cx: float,
    cy: float,
) -> bool:
    """Whether the k-th character is hidden by its text object's clip path. Producers
    that cut a merged cell at a page break (WPS, Excel) write the cell's whole text on
    both pages and clip it to the visible part: the rest is in the text layer but not on
    the page, and lands in the rows above or below (a table's header)."""
    obj = pdfium_c.FPDFText_GetTextObject(tp.raw, k)
    key = ctypes.cast(obj, ctypes.c_void_p).value
    if key not in clips:
        clips[key] = _clip_box(obj) if obj else None
    box = clips[key]
    # 1 pt of slack: a glyph's box may touch its cell's clip edge
    return box is not None and not (
        box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1
    )


def _clip_box(obj: Any) -> tuple[float, float, float, float] | None:
    """The bounding box of the intersection of an object's clip paths (None: no clip)."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box = (-1e9, -1e9, 1e9, 1e9)
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        count = pdfium_c.FPDFClipPath_CountPathSegments(clip, i)
        # a cell's clip is a rectangle (move, 3 lines, close): two opposite corners
        # bound it, and reading fewer points is most of the cost on one-glyph objects
        corners = (0, 2) if count in (4, 5) else range(count)
        for j in corners:
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, i, j)
            if pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            box = (
                max(box[0], min(xs)),
                max(box[1], min(ys)),
                min(box[2], max(xs)),
                min(box[3], max(ys)),
            )
    return None if box[0] == -1e9 else box


# What camelot's PDF parser (playa) reports when it had to guess: a stream that does not
# decode, an object that is not where the xref says (the file read has a sound table,
# see ``readable``: the object's header is damaged), an object header or stream
# dictionary that does not parse. pdfium may read such a file without complaint and drop
# what it cannot decode, so these mean "damaged", never "read". (None of them is logged
# for the golden corpus or the shared real documents.)
_DAMAGE = re.compile(
    r"decompress|Rebuilding xref|not found at position|/Length reference"
    r"|Syntax error near position|Incorrect type for stream dictionary"
    r"|Expected object number|odd number of objects|Missing or invalid page object"
    r"|Page has no Type"
)


class _DamageLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.damage: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if _DAMAGE.search(message):
            self.damage.append(message)


def read_grids(path: Path, content: PdfContent) -> list[Grid]:
    """Every ruled table of the document, in page order, as text grids."""
    import camelot  # heavy (OpenCV): imported when a document is actually parsed

    log = logging.getLogger("playa")
    watch = _DamageLog()
    log.addHandler(watch)
    grids: list[Grid] = []
    failure: ExtractionError | None = None
    try:
        _decode_every_stream(path)
        if any(p.rotation == 180 for p in content.pages):
            with tempfile.TemporaryDirectory() as tmp:
                grids = _read_grids(camelot, _unrotated(path, Path(tmp)), content)
        else:
            grids = _read_grids(camelot, path, content)
    except ExtractionError as exc:  # damage logged on the way is the better explanation
        failure = exc
    finally:
        log.removeHandler(watch)
    if watch.damage:
        raise ExtractionError(
            "corrupt_pdf",
            f"{path.name}: damaged PDF streams ({len(watch.damage)} problems, first: "
            f"{watch.damage[0][:120]}); not loaded, to avoid a partial read",
        ) from failure
    if failure is not None:
        raise failure
    return grids


def _decode_every_stream(path: Path) -> None:
    """Decode every stream the document's objects hold once (a few ms): a flipped byte
    in a compressed font or content stream fails its checksum, and the parser logs it as
    damage, where reading the pages alone may just lose some glyphs or rulings without a
    word. The objects are the ones the cross-reference table lists (``readable`` made it
    sound), not a scan of the file: a scan reads "%%EOF1 0 obj" (an update appended
    without a line break, as Word 2007 writes it) as a comment and the object as garbage."""
    import playa

    try:
        with playa.open(str(path)) as doc:
            for objid in dict.fromkeys(doc):  # parsing them: damage logs or raises
                try:
                    obj = doc[objid]
                except KeyError:  # listed but not found: the parser logged why
                    continue
                if _is_stream(obj):
                    try:
                        obj.buffer  # noqa: B018 - decoding is the point
                    except Exception:
                        # A filter playa cannot apply is not damage: what counts is
                        # what the parser logs (a checksum that fails, a stream that
                        # does not inflate), and reading the pages reports breakage.
                        continue
    except Exception as exc:  # the trailer, xref or an object does not parse
        if out_of_memory(exc):
            raise
        raise ExtractionError(
            "corrupt_pdf",
            f"{path.name}: the PDF's objects do not parse ({type(exc).__name__}: {exc}); "
            "not loaded, to avoid a partial read",
        ) from exc


def _unrotated(path: Path, tmp: Path) -> Path:
    """A copy whose upside-down pages (/Rotate 180) are upright: camelot measures such a
    page turned (its tables' boxes flipped), pdfium's glyphs are placed unturned, and
    the two must meet in one space. /Rotate 90 and 270 need no copy."""
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            if doc[i].get_rotation() == 180:
                doc[i].set_rotation(0)
        copy = tmp / path.name
        doc.save(str(copy))
    finally:
        doc.close()
    return copy


#: camelot's page layout without pdfminer's "advanced layout analysis" (grouping text boxes
#: into a reading order, quadratic in the boxes): lattice places text lines in cells and
#: never reads the boxes' order. A page of 3,000 cells (西安's 表13 with a row per unit)
#: took 38 s with it and takes 1 s without; the grids are the same.
LAYOUT: dict[str, Any] = {"boxes_flow": None}


def _read_grids(camelot: Any, path: Path, content: PdfContent) -> list[Grid]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" is normal here
        try:
            with _every_grid_kept(), _filled_paths_as_rules():
                tables: Any = camelot.read_pdf(
                    str(path),
                    pages="all",
                    flavor="lattice",
                    engine="vector",
                    suppress_stdout=True,
                    layout_kwargs=LAYOUT,
                )
        except Exception as exc:  # hostile drawing operators, broken streams
            if out_of_memory(exc):
                raise  # the reader's limit, not the document's fault: out_of_memory
            if _raised_by_parser(exc):
                raise ExtractionError(
                    "corrupt_pdf",
                    f"{path.name}: the PDF's objects do not parse ({type(exc).__name__}: "
                    f"{exc}); not loaded, to avoid a partial read",
                ) from exc
            raise ExtractionError(
                "unparseable_table",
                f"{path.name}: the table ruling could not be read ({type(exc).__name__}: {exc})",
            ) from exc
    grids = [g for g in (_grid(table, content) for table in tables) if _kept(g, content.kinds)]
    # A page whose text prints a target (or money) table but where no ruling was found:
    # its rules are drawn in a way the vector engine does not read (广州's 重点项目
    # tables), and camelot's default engine, which finds lines in the rendered page,
    # does. Costly (~0.4 s a page), so only for those pages, and for the page after a
    # money table read so: its continuation prints no title (广州's 收支总体情况表, 8-9).
    ruled = {g.page for g in grids}
    tried: set[int] = set()
    missed = {*content.kinds.target, *content.kinds.self_evaluation, *content.kinds.money} - ruled
    while missed:
        tried |= missed
        found = _rendered_grids(camelot, path, sorted(missed), content)
        grids += found
        missed = (
            {g.page + 1 for g in found if g.page not in content.kinds.target}
            - ruled
            - tried
            - {content.page_count + 1}
        )
    return _with_captions(grids, content)


MOSTLY_EMPTY = 90.0  # % of a grid's cells empty: rules, not a table (camelot's own gate)


def _every_grid_kept() -> AbstractContextManager[Any]:
    """camelot's lattice parser without its emptiness gate, while we read. camelot drops a
    grid whose cells its own text placement leaves 90% empty, and it places the CJK glyphs
    of LibreOffice output about an em too low: a one-row table (a card's 项目名称 row alone
    at a page foot, a card's last row alone on the next page) read empty to it and was
    dropped, which merged two cards. _mostly_empty applies the gate to the text pdfium
    places. (Extraction runs one document at a time per process.)"""
    from camelot.parsers.lattice import Lattice

    return mock.patch.object(Lattice, "_reject_table", lambda self, table: False)


#: how thin a filled shape is at most to be a rule (camelot's own bound for thin filled
#: rectangles, ``image_processing._LINE_AS_THIN_RECT_TOL``)
THIN_RULE = 1.5


def _filled_paths_as_rules() -> AbstractContextManager[Any]:
    """camelot's vector engine, also taking thin filled paths as rules. camelot takes a
    thin filled rectangle (``re … f``) as a rule, but 广州's and 西安 FY2026's money pages
    draw each rule as a closed four-point path (``m l l l h f``, 0.45 units thick), which
    the parser hands over as a filled curve, not a rectangle: no rule was found on those
    pages (566 such paths on 西安统计局's 表1) and they went to the rendered-page engine,
    ~0.45 s a page instead of ~0.05. A filled path whose box is this thin is a rule
    along its long side, whatever its corners (mitred ones are not quite a rectangle)."""
    from camelot import image_processing
    from playa.miner import LTCurve, LTLine, LTRect

    own = image_processing._ruled_lines_from_layout

    def with_filled_paths(layout: Any) -> list[tuple[float, float, float, float]]:
        out: list[tuple[float, float, float, float]] = own(layout)
        for obj in image_processing._walk_layout_objects(layout):
            if not isinstance(obj, LTCurve) or isinstance(obj, LTLine | LTRect):
                continue  # lines and rectangles: camelot's own
            if getattr(obj, "stroke", False) or not getattr(obj, "fill", False):
                continue
            width, height = obj.x1 - obj.x0, obj.y1 - obj.y0
            if min(width, height) > THIN_RULE or max(width, height) <= THIN_RULE:
                continue
            if width >= height:
                out.append((obj.x0, (obj.y0 + obj.y1) / 2, obj.x1, (obj.y0 + obj.y1) / 2))
            else:
                out.append(((obj.x0 + obj.x1) / 2, obj.y0, (obj.x0 + obj.x1) / 2, obj.y1))
        return out

    return mock.patch.object(image_processing, "_ruled_lines_from_layout", with_filled_paths)


def _kept(grid: Grid, kinds: PageKinds) -> bool:
    """Whether a grid is a table to read: not mostly empty, unless its page prints a money
    table's title and no target table (a money table printed empty, 空表: its header
    over blank rows, is a table with no lines, not rules)."""
    return not _mostly_empty(grid) or (grid.page in kinds.money and grid.page not in kinds.target)


def _rendered_grids(camelot: Any, path: Path, pages: list[int], content: PdfContent) -> list[Grid]:
    """The grids camelot's default engine finds on some pages of the rendered document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with _every_grid_kept():
                rendered: Any = camelot.read_pdf(
                    str(path),
                    pages=",".join(map(str, pages)),
                    flavor="lattice",
                    suppress_stdout=True,
                    layout_kwargs=LAYOUT,
                )
        except Exception as exc:  # those pages stay unread, and are reported so
            if out_of_memory(exc):
                raise
            rendered = []
    return [g for g in (_grid(table, content) for table in rendered) if _kept(g, content.kinds)]


def _mostly_empty(grid: Grid) -> bool:
    cells = [text for row in grid.text for text in row]
    return bool(cells) and 100 * sum(not t.strip() for t in cells) >= MOSTLY_EMPTY * len(cells)


def _grid(table: Any, content: PdfContent) -> Grid:
    page = int(table.page)
    text = content.pages[page - 1]
    return build_grid(table, text.glyphs, page, text.height)


def _raised_by_parser(exc: BaseException) -> bool:
    """Whether camelot failed inside its PDF parser (playa) rather than in its own table
    geometry: the innermost frame of either package is playa's. The parser fails on the
    file's syntax (an object or xref entry that does not parse, a filter name or stream
    data that is garbage, a font whose metrics divide by zero): a damaged file."""
    package = ""
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        top = str(frame.f_globals.get("__name__", "")).split(".")[0]
        package = top if top in ("playa", "camelot") else package
    return package == "playa"


def _with_captions(grids: list[Grid], content: PdfContent) -> list[Grid]:
    """Each grid with the text printed between it and the table above it (or the page
    top): where a card's title, and for some families its only name, is printed."""
    out: list[Grid] = []
    above: dict[int, float] = {}  # page -> bottom of the last table placed, top down
    for grid in sorted(grids, key=lambda g: (g.page, -g.bbox[3])):
        page = content.pages[grid.page - 1]
        ceiling = above.get(grid.page, page.height)
        out.append(
            replace(
                grid,
                caption=lines_between(page.glyphs, grid.bbox[3], ceiling),
                left_columns=columns_left_of(page.glyphs, grid.bbox),
            )
        )
        above[grid.page] = grid.bbox[1]
    return out
