"""Bounded fuzzing: a damaged golden PDF is refused as damaged, or reads exactly as before.

Mutations (seeded, so a failure reproduces): truncation, random byte flips, zeroed ranges,
duplicated chunks. Every source has target tables, so a mutant may end in two ways only:
``rejected`` as a damaged file (``corrupt_pdf``; ``not_a_pdf`` when the damage hit the
header), or read field for field as its unmutated source (the damage fell where nothing is
read, or on bytes a duplicated chunk restores). ``no_tables``, ``no_text_layer``,
``unparseable_table`` or ``failed`` would be a damaged file passed off as something else,
and a differing read one loaded in part. Each file runs isolated, with a time limit far
above the ~1 s one takes.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from flows.documents import DocumentOutcome, Limits
from flows.workers import run_isolated
from tests.conftest import golden_renderings

MUTANTS = 300  # ~30 s on two cores; fewer would miss what the old reader got wrong (217, 289)
DAMAGED = {"corrupt_pdf", "not_a_pdf"}
PER_FILE_S = 60.0


def _mutants(tmp: Path, count: int) -> list[tuple[Path, Path]]:
    """(mutant, the golden PDF it came from)."""
    rng = random.Random(20261128)
    sources = golden_renderings()
    out = []
    for i in range(count):
        source = rng.choice(sources)
        data = bytearray(source.read_bytes())
        kind = i % 4
        if kind == 0:
            data = data[: rng.randrange(1, len(data))]
        elif kind == 1:
            for _ in range(rng.randrange(1, 200)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == 2:
            start = rng.randrange(len(data))
            data[start : start + rng.randrange(1, 4096)] = bytes(4096)[: len(data) - start]
        else:
            start = rng.randrange(len(data))
            chunk = data[start : start + rng.randrange(1, 8192)]
            data[start:start] = chunk * rng.randrange(1, 4)
        path = tmp / f"mutant_{i:03d}.pdf"
        path.write_bytes(bytes(data))
        out.append((path, source))
    return out


def _read(o: DocumentOutcome) -> dict[str, Any]:
    """Everything of a parsed document that would be loaded."""
    assert o.annex is not None and o.frames is not None
    return {
        "issuer": o.annex.issuer,
        "fiscal_year": o.annex.fiscal_year,
        "page_count": o.annex.page_count,
        "producer": o.annex.producer,
        **{
            name: getattr(o.frames, name).to_dicts()
            for name in ("projects", "funding", "indicators", "tables")
        },
    }


def test_mutated_pdfs_are_refused_as_damaged_or_read_exactly(tmp_path: Path) -> None:
    mutants = _mutants(tmp_path, MUTANTS)
    limits = Limits(timeout_s=PER_FILE_S, memory_mb=3072, workers=2)
    sources = sorted({s for _, s in mutants})
    # one sha256 for all: the frames carry it, and a mutant must equal its source's
    reads = run_isolated([(s, "fuzz") for s in sources], limits)
    expected = {o.path: _read(o) for o in reads}
    assert all(o.parsed for o in reads), [o.message for o in reads if not o.parsed]

    outcomes = run_isolated([(m, "fuzz") for m, _ in mutants], limits)
    assert [o.path for o in outcomes] == [m for m, _ in mutants]
    exact = 0
    for o, (mutant, source) in zip(outcomes, mutants, strict=True):
        case = (mutant.name, source.name, o.status, o.reason_code, o.message)
        if o.parsed:
            exact += 1
            got = _read(o)
            differs = [k for k in got if got[k] != expected[source][k]]
            assert not differs, (*case, "reads differently:", differs)
        else:
            # timeout: one file took longer than PER_FILE_S (a parser loop on damage)
            assert (o.status, o.reason_code in DAMAGED) == ("rejected", True), case
            assert mutant.name in o.message, case
    assert 0 < exact < len(mutants) / 2  # both ways are exercised
