"""The indicator taxonomy (DESIGN §3) and how printed level labels map onto it.

The canonical table and the known variants are data (``data/taxonomy.csv``,
``data/label_variants.csv``). Each label is classified as ``exact``, ``variant`` (another
wording), ``legacy`` (pre-2021 成本指标 under 产出指标), ``truncated`` (cut by the producer)
``unknown`` (kept as printed, flagged) or ``absent`` (not printed: flat cards).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from normalize.text import compact

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Levels:
    level1: str
    level2: str
    level1_match: str
    level2_match: str


@cache
def canonical_level2() -> dict[str, str]:
    """Canonical level2 -> its level1."""
    with (DATA / "taxonomy.csv").open(encoding="utf-8") as f:
        return {r["level2"]: r["level1"] for r in csv.DictReader(f)}


@cache
def canonical_level1() -> frozenset[str]:
    return frozenset(canonical_level2().values())


@cache
def _variants() -> dict[tuple[str, str], tuple[str, str]]:
    with (DATA / "label_variants.csv").open(encoding="utf-8") as f:
        return {(r["level"], r["raw"]): (r["canonical"], r["match"]) for r in csv.DictReader(f)}


# the points a scored table gives the label ("产出指标（50分）", "产出指标50分", "产出指标50":
# 西安's 绩效自评表): a note on the label, not part of it
_POINTS = re.compile(r"\(?\d+(?:\.\d+)?分?\)?$")


def _classify(label: str, level: str, canon: frozenset[str] | dict[str, str]) -> tuple[str, str]:
    # NFKC: full-width letters/digits and compatibility forms read as their plain twins
    key = unicodedata.normalize("NFKC", compact(label))
    key = _POINTS.sub("", key) or key
    if not key:  # not printed (flat cards have no 一级/二级): nothing to recognise
        return "", "absent"
    if key in canon:
        return key, "exact"
    if (level, key) in _variants():
        return _variants()[(level, key)]
    if key + "指标" in canon:
        return key + "指标", "variant"
    prefixed = [c for c in canon if len(key) >= 3 and c.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0], "truncated"
    return key, "unknown"


def classify(level1_raw: str, level2_raw: str) -> Levels:
    """Canonical level1/level2 of a printed pair, with how each was recognised."""
    level2, m2 = _classify(level2_raw, "level2", canonical_level2())
    level1, m1 = _classify(level1_raw, "level1", canonical_level1())
    if m2 not in ("unknown", "absent"):
        parent = canonical_level2()[level2]
        if not compact(level1_raw):
            m1 = "inferred"  # no level1 printed: the level2 says which it is
        elif parent != level1 and m1 != "unknown":
            m1 = "legacy"  # e.g. 产出指标 / 成本指标 -> 成本指标 / 经济成本指标
        level1 = parent
    return Levels(level1, level2, m1, m2)
