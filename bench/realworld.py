"""Per-page extraction time on real disclosures (shared/realworld) and on the golden corpus.

Runs each PDF through the same per-document path as the flow (flows.documents.process:
sniff, pdfium text, camelot ruling, annex model, normalisation), three times, and keeps
the fastest run. Writes its section of bench/RESULTS.md.

Run: ``python bench/realworld.py``
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(Path(__file__).parent))

sys.path.insert(0, str(Path(__file__).parent))

from _results import write_section  # noqa: E402

from flows.documents import Limits, process  # noqa: E402


def measure(pdf: Path) -> tuple[str, int, float]:
    best = float("inf")
    outcome = None
    for _ in range(3):
        started = time.perf_counter()
        outcome = process(pdf, "bench", Limits())
        best = min(best, time.perf_counter() - started)
    assert outcome is not None
    pages = outcome.annex.page_count if outcome.annex else _pages(pdf)
    return outcome.status or "parsed", pages, best


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(str(pdf)))


def main() -> None:
    realworld = sorted((ROOT.parent / "shared" / "realworld").rglob("*.pdf"))
    golden = sorted((ROOT / "fixtures" / "golden").glob("*.pdf"))
    process(golden[0], "warm-up", Limits())  # imports (camelot, OpenCV) are start-up cost
    lines = [
        "## Extraction time per page (bench/realworld.py)",
        "",
        "One process, warm imports, fastest of 3 runs per file; the whole per-document path "
        "(sniff, text, ruling, annex model, normalisation).",
        "",
        "| corpus | file | status | pages | seconds | s/page |",
        "|---|---|---|---:|---:|---:|",
    ]
    totals: dict[str, list[float]] = {}
    for corpus, files in (("realworld", realworld), ("golden", golden)):
        for pdf in files:
            status, pages, seconds = measure(pdf)
            totals.setdefault(corpus, [0, 0])
            totals[corpus][0] += pages
            totals[corpus][1] += seconds
            lines.append(
                f"| {corpus} | {pdf.name} | {status} | {pages} | {seconds:.2f} | "
                f"{seconds / max(pages, 1):.3f} |"
            )
    lines.append("")
    for corpus, (pages, seconds) in totals.items():
        lines.append(
            f"- {corpus}: {int(pages)} pages in {seconds:.1f} s = "
            f"{seconds / pages:.3f} s/page ({pages / seconds:.1f} pages/s)"
        )
    write_section("realworld", "\n".join(lines))
    print("\n".join(lines[-len(totals) :]))


if __name__ == "__main__":
    main()
