"""Bounded fuzzing: mutated golden PDFs must each end with a contract status, in time.

Mutations (seeded, so a failure reproduces): truncation, random byte flips, zeroed ranges,
duplicated chunks. Each file runs isolated with a short time limit; the run itself must
finish and classify every file, whatever the parser meets.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from fixtures.accuracy import pipeline_rows, score_rows
from flows.documents import Limits
from flows.workers import run_isolated
from tests.conftest import expected_for, golden_renderings

STATUSES = {"no_tables", "rejected", ""}  # "" = parsed (would load); never "failed"
REASONS = {
    None,
    "empty_file",
    "not_a_pdf",
    "corrupt_pdf",
    "encrypted_pdf",
    "no_text_layer",
    "unparseable_table",
    "file_too_large",
    "too_many_pages",
    "timeout",
    "out_of_memory",
}


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
        path = tmp / f"mutant_{i:02d}.pdf"
        path.write_bytes(bytes(data))
        out.append((path, source))
    return out


def test_mutated_pdfs_all_end_with_a_status(tmp_path: Path) -> None:
    mutants = _mutants(tmp_path, 48)
    files = [m for m, _ in mutants]
    limits = Limits(timeout_s=30, memory_mb=3072, workers=2)
    started = time.monotonic()
    outcomes = run_isolated([(p, f"sha{i}") for i, p in enumerate(files)], limits)
    elapsed = time.monotonic() - started
    assert [o.path for o in outcomes] == files
    for o, (_, source) in zip(outcomes, mutants, strict=True):
        assert o.status in STATUSES, (o.path.name, o.status, o.message)
        assert o.reason_code in REASONS, (o.path.name, o.reason_code)
        if o.status:
            assert o.path.name in o.message
        else:
            # A mutant that still parses must read exactly as its source: a damaged file
            # is refused, never loaded in part.
            funding, targets, _ = pipeline_rows(o.path)
            score = score_rows(funding, targets, expected_for(source))
            assert score.problems == [], (o.path.name, source.name, score.problems[:3])
    # bounded: never more than the per-file limit per file, spread over two workers
    assert elapsed < len(files) * limits.timeout_s / 2 + 30
