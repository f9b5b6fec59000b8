"""Reading cost per page by kind: a money-table page against a target-table page, on
the real documents of ../shared/realworld (crawl and targets).

Each document is read once whole to learn which pages print what, by the product's own
classification: target pages are ``PdfContent.kinds.target`` (page text prints a target
table's header, or continues one: the ``pages T`` of bench/crawl.py); money pages are the
pages that print a money table's title (``kinds.money``) together with the pages the money
reader read a table from (a continued money table prints no title). A page of both kinds
is left out of both. Then, per document, two small PDFs are cut out with pypdfium2 (its
target pages only, its money pages only) and each is timed through the per-document path
of bench/realworld.py and the flow (``flows.documents.process``: sniff, pdfium text,
camelot ruling, annex model, normalisation), called as its two parts (``extract``,
``normalise``) so that a cut whose cover is gone still normalises (the whole document's
issuer and year supplied; process would reject it before normalising): one process, warm
imports, the two cuts' runs alternating, fastest of ``--runs``.

Cutting pages out changes their context (a continued table whose first page is absent,
no cover page to name the issuer): a cut may read differently from the whole document;
this measures the reading cost, not the result.

Run: ``python bench/page_kinds.py [--runs 3] [--limit N]``
"""

from __future__ import annotations

import argparse
import hashlib
import math
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
from _results import write_section  # noqa: E402

from extractors import extract  # noqa: E402
from extractors.model import ExtractionError  # noqa: E402
from extractors.pdf import read_pages, readable  # noqa: E402
from flows.documents import Limits, process  # noqa: E402
from normalize.frames import normalise  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "realworld"
CRAWL, TARGETS = REALWORLD / "crawl", REALWORLD / "targets"
TARGET, MONEY = "target", "money"


@dataclass
class Cut:
    pages: int
    seconds: float = math.inf
    status: str = ""

    @property
    def per_page(self) -> float:
        return self.seconds / self.pages


@dataclass
class Document:
    corpus: str  # the crawl's set (targets / other), or "targets" for ../targets
    name: str  # city folder / file
    path: Path
    pages: int
    cuts: dict[str, Cut] = field(default_factory=dict)
    both: int = 0  # pages of both kinds, left out
    issuer: str = ""  # as the whole document names them
    year: int | None = None


def corpus() -> list[Document]:
    """Every PDF of crawl (MANIFEST order by name) and targets, each content once."""
    rows = (CRAWL / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    seen: set[str] = set()
    docs: list[Document] = []
    for sha, kind, pages, name in sorted((r.split("\t") for r in rows), key=lambda r: r[3]):
        seen.add(sha)
        docs.append(Document(kind, name, CRAWL / name, int(pages)))
    for pdf in sorted(TARGETS.rglob("*.pdf")):
        sha = hashlib.sha256(pdf.read_bytes()).hexdigest()
        if sha not in seen:
            seen.add(sha)
            docs.append(Document("targets/", str(pdf.relative_to(TARGETS)), pdf, 0))
    return docs


def classify(doc: Document) -> tuple[list[int], list[int]] | str:
    """The document's target pages and money pages (1-based), or why it cannot be read."""
    try:
        annex = extract(doc.path)
        with readable(doc.path) as source:
            kinds = read_pages(source).kinds
    except ExtractionError as exc:
        return exc.reason_code
    doc.pages, doc.issuer, doc.year = annex.page_count, annex.issuer, annex.fiscal_year
    target = set(kinds.target)
    money = set(kinds.money) | {p for t in annex.money_tables for p in t.pages}
    doc.both = len(target & money)
    return sorted(target - money), sorted(money - target)


def cut(source: Path, pages: list[int], out: Path) -> Path:
    """A new PDF of the given pages (1-based) of ``source``, in order."""
    with readable(source) as readable_source:
        src = pdfium.PdfDocument(str(readable_source))
        new = pdfium.PdfDocument.new()
        try:
            new.import_pages(src, [p - 1 for p in pages])
            new.save(str(out))
        finally:
            new.close()
            src.close()
    return out


def read(pdf: Path, issuer: str, year: int | None) -> str:
    """The per-document path of ``flows.documents.process`` (extract: sniff, text, ruling,
    annex model; then normalise), with the issuer and year of the whole document supplied
    when the cut does not print them (its cover cut off), where process would stop before
    normalising. Its status."""
    limits = Limits()
    try:
        annex = extract(pdf, max_bytes=limits.max_file_bytes, max_pages=limits.max_pages)
    except ExtractionError as exc:
        return f"rejected {exc.reason_code}"
    if not annex.projects and not annex.money_tables:
        return "no_tables"
    status = "parsed"
    if not annex.issuer or annex.fiscal_year is None:
        annex.issuer, annex.fiscal_year = annex.issuer or issuer, annex.fiscal_year or year
        status = "parsed, issuer/year supplied"
    normalise(annex, "bench")
    return status


def time_cuts(doc: Document, files: dict[str, Path], runs: int) -> None:
    """Fastest of ``runs`` per cut, the cuts' runs alternating (load drift hits both)."""
    for _ in range(runs):
        for kind, pdf in files.items():
            started = time.perf_counter()
            status = read(pdf, doc.issuer, doc.year)
            seconds = time.perf_counter() - started
            doc.cuts[kind].seconds = min(doc.cuts[kind].seconds, seconds)
            doc.cuts[kind].status = status


def nearest_rank(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def report(docs: list[Document], unreadable: dict[str, str], runs: int) -> str:
    measured = [d for d in docs if d.cuts]
    lines = [
        "## Reading cost per page by kind (bench/page_kinds.py)",
        "",
        f"The real documents of `../shared/realworld` (crawl and targets, {len(docs)} "
        f"documents, {len(unreadable)} not readable whole and left out). Each is read whole "
        "once to find its pages by the product's own classification: target pages = pages "
        "whose text prints a target table or continues one (`pages T` of section `crawl`), "
        "money pages = pages that print a money table's title plus the pages the money "
        "reader read a table from (a continuation prints no title); a page of both kinds "
        "is left out of both. Per document, its target pages and its money pages are cut "
        "into two new PDFs (pypdfium2) and each is read through the whole per-document "
        "path of section `realworld` (`flows.documents.process`: sniff, text, ruling, "
        "annex model, normalisation), called as its two parts (`extract`, `normalise`) so "
        "that a cut whose cover is gone still normalises, with the whole document's issuer "
        "and year supplied (process would reject it before normalising): one process, warm "
        f"imports, fastest of {runs} runs, the two cuts' runs alternating. Cutting pages "
        "out changes their context (a continued table whose first page is absent, no cover "
        "page naming the issuer), so a cut may read differently from the whole document "
        "(statuses below); this times reading, not its result. One process on one core, "
        "on a machine shared with other jobs (hence fastest of N); not comparable with the "
        "crawl's s/page, which ran two documents at once.",
        "",
        "| kind | documents | pages | seconds | s/page | median s/page (per document) "
        "| p90 s/page |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    per_kind: dict[str, tuple[int, float, list[float]]] = {}
    for kind in (TARGET, MONEY):
        cuts = [d.cuts[kind] for d in measured if kind in d.cuts]
        if not cuts:
            raise SystemExit(f"no document prints a {kind} page")
        pages = sum(c.pages for c in cuts)
        seconds = sum(c.seconds for c in cuts)
        rates = [c.per_page for c in cuts]
        per_kind[kind] = (pages, seconds, rates)
        lines.append(
            f"| {kind} | {len(cuts)} | {pages} | {seconds:.1f} | {seconds / pages:.3f} | "
            f"{statistics.median(rates):.3f} | {nearest_rank(rates, 0.9):.3f} |"
        )
    (tp, ts, trates), (mp, ms, mrates) = per_kind[TARGET], per_kind[MONEY]
    ratio = (ms / mp) / (ts / tp)
    paired = [
        d.cuts[MONEY].per_page / d.cuts[TARGET].per_page
        for d in measured
        if TARGET in d.cuts and MONEY in d.cuts
    ]
    median_ratio = statistics.median(mrates) / statistics.median(trates)
    verdict = "holds" if ratio <= 1.0 else "does not hold"
    lines += [
        "",
        f"Verdict: a money page costs {ms / mp:.3f} s, a target page {ts / tp:.3f} s: money "
        f"= {ratio:.2f}× target over all pages (medians of the documents: {median_ratio:.2f}×; "
        f"in the {len(paired)} documents that print both, money/target per document: median "
        f"{statistics.median(paired):.2f}×, {sum(r <= 1 for r in paired)} of {len(paired)} at "
        f"or below 1×). The issue's bar (a money page costs no more than a target page) "
        f"{verdict}.",
        "",
        "Per document (`set`: the crawl's label; `targets/`: ../shared/realworld/targets): "
        "pages and s/page of each cut (`–`: no page of that kind), "
        "`M/T` = money s/page over target s/page, `both` = pages of both kinds left out.",
        "",
        "| set | document | pages | T pages | T s/page | M pages | M s/page | M/T | both |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def cell(d: Document, kind: str) -> str:
        c = d.cuts.get(kind)
        return f"{c.pages} | {c.per_page:.3f}" if c else "– | –"

    for d in measured:
        mt = (
            f"{d.cuts[MONEY].per_page / d.cuts[TARGET].per_page:.2f}"
            if TARGET in d.cuts and MONEY in d.cuts
            else "–"
        )
        lines.append(
            f"| {d.corpus} | {d.name} | {d.pages} | {cell(d, TARGET)} | {cell(d, MONEY)} "
            f"| {mt} | {d.both or ''} |"
        )
    statuses = Counter((k, c.status) for d in measured for k, c in d.cuts.items())
    lines += [
        "",
        "Statuses of the cut documents: "
        + ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())),
        "Documents with neither kind: "
        + (", ".join(d.name for d in docs if not d.cuts and d.name not in unreadable) or "none")
        + "; not readable whole: "
        + (", ".join(f"{n} ({r})" for n, r in unreadable.items()) or "none")
        + ".",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per cut; the fastest counts")
    parser.add_argument("--limit", type=int, help="only the first N documents (a trial run)")
    args = parser.parse_args()
    docs = corpus()[: args.limit]
    golden = sorted((ROOT / "fixtures" / "golden").glob("*.pdf"))
    process(golden[0], "warm-up", Limits())  # imports (camelot, OpenCV) are start-up cost
    unreadable: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, doc in enumerate(docs):
            kinds = classify(doc)
            if isinstance(kinds, str):
                unreadable[doc.name] = kinds
                continue
            files: dict[str, Path] = {}
            for kind, pages in zip((TARGET, MONEY), kinds, strict=True):
                if pages:
                    files[kind] = cut(doc.path, pages, Path(tmp) / f"{i:03d}_{kind}.pdf")
                    doc.cuts[kind] = Cut(len(pages))
            time_cuts(doc, files, args.runs)
            print(
                f"{doc.name}: "
                + ", ".join(
                    f"{k} {c.pages} p {c.per_page:.3f} s/p ({c.status})"
                    for k, c in doc.cuts.items()
                ),
                flush=True,
            )
    body = report(docs, unreadable, args.runs)
    if args.limit is None:  # a trial run does not replace the section
        write_section("page_kinds", body)
    print("\n".join(line for line in body.splitlines() if not line.startswith("| ")))


if __name__ == "__main__":
    main()
