"""Every printed target and standard of the golden corpus normalises to a kind, and every
one that prints a number yields operator, value and unit, or a finding that says why not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures.accuracy import pipeline_rows
from tests.conftest import golden_renderings

KINDS = {"quantitative", "qualitative", "deadline", "empty", "multiple"}


@pytest.mark.parametrize("pdf", golden_renderings(), ids=lambda p: p.stem)
def test_every_value_has_a_kind_and_numbers_are_measured(pdf: Path) -> None:
    _, targets, _ = pipeline_rows(pdf)
    unexplained = []
    for row in targets:
        for side in ("target", "standard"):
            text, kind = row[f"{side}_text"], row[f"{side}_kind"]
            assert kind in KINDS, (text, kind)
            if not re.search(r"\d", text or "") or kind == "deadline":
                continue
            measured = (
                kind == "quantitative" and row[f"{side}_op"] and (row[f"{side}_value"] is not None)
            )
            explained = row[f"{side}_notes"]  # e.g. missing_unit
            if not (measured and (row[f"{side}_unit"] or explained)):
                unexplained.append((side, text))
    assert unexplained == []
