"""The unit registry: what a printed unit means, its dimension, and its base-unit value.

Units are data. ``data/units.csv`` lists the canonical units: a code (the warehouse's
``target_unit``), a dimension (money, percent, count, time, area, length, volume, mass,
energy, score, level: an ordinal 级), the name printed at factor 1, and ``base_factor``,
the dimension's base unit per one of it (元, %, 小时, 平方米, 米, 立方米, 千克, 千瓦时; a
count word is its own base). An empty base factor means the unit does not convert: 美元
(no fixed rate to 元), 个工作日 (how many hours a working day has is not printed).
``data/unit_forms.csv`` lists every printed spelling with the unit it names and a multiplier
(万元 = 10000 yuan).

Two rules make the rest: a spelling may carry a leading 万 / 亿 / 千 multiplier (万条,
亿美元, 千瓦时 is a spelling of its own and wins), and a rate is printed X/Y: everything
after the first "/" is the denominator, its parts joined by further "/" or by "·", "*",
".", "、" (元/人/天, 元/人·天, 元/人*月, 元/人、月 all mean 元 per person-day/month; 每 before
a part says "per" again: 万元/每项目). A rate's code is
``<x>_per_<y>[_<z>]``, its dimension ``rate``, its base value in base X per base Y
(元/人/天 in 元 per person per hour). Count-or-count spellings (家/次, 台/套) are
spellings of one count unit, listed as such.

Time converts with 1 天 = 24 小时, 1 年 = 365 天 and 1 个月 = 1/12 年 (730 小时, so that
twelve months are a year), 1 季度 = 3 个月. 1 亩 = 2000/3 平方米.

pint was tried (0.25.3: the newest the package index offers here) with a definitions file
of these names. It parses CJK names and keeps Decimals, but the cases it would handle are
the easy ones: the printed forms need our own reading first (台（套）, the denominator
grammar above, 24小时/天), every count word would be a dimension of its own there while
the contract groups them as ``count``, and its import costs ~0.8 s per process. Exact
fractions over a small table do the conversion; tests/test_values.py checks them.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

#: a multiplier printed in front of a unit (≥2万条, ≥22.6亿美元); 千 only where the rest is
#: a unit we know (千字, 千瓦 are units of their own, not thousands of 字 / 瓦)
MULTIPLIERS = {"万": Fraction(10000), "亿": Fraction(100000000), "千": Fraction(1000)}
_RATE_PARTS = re.compile(r"[·*.・×、]")
MAX_CODE = 60  # dim_unit.unit_code / fct_indicator_target.target_unit
BASE_PLACES = Decimal("1e-10")  # target_value_base is NUMERIC(38, 10)


@dataclass(frozen=True)
class Unit:
    code: str
    dimension: str
    name: str  # as printed at factor 1
    base_factor: Fraction | None  # base units per one of this unit; None: does not convert


@dataclass(frozen=True)
class Resolved:
    """A printed unit read: the unit, and the multiplier from the printed one (万元: 10000)."""

    unit: Unit
    factor: Fraction


def fold(text: str) -> str:
    """The form a unit is looked up in: NFKC (（）->(), ％->%, ㎡->m2), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _fraction(text: str) -> Fraction | None:
    return Fraction(text) if text.strip() else None


@cache
def units() -> dict[str, Unit]:
    """Canonical units by code."""
    with (DATA / "units.csv").open(encoding="utf-8") as f:
        return {
            r["unit"]: Unit(r["unit"], r["dimension"], r["name"], _fraction(r["base_factor"]))
            for r in csv.DictReader(f)
        }


@cache
def forms() -> dict[str, Resolved]:
    """Every printed spelling (folded) -> its unit and multiplier."""
    registry = units()
    out: dict[str, Resolved] = {}
    with (DATA / "unit_forms.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            printed = fold(r["printed"])
            if r["unit"] not in registry:
                raise ValueError(f"unit_forms.csv: {r['printed']} names no unit ({r['unit']})")
            if printed in out:
                raise ValueError(f"unit_forms.csv: {r['printed']} is listed twice")
            out[printed] = Resolved(registry[r["unit"]], Fraction(r["factor"]))
    return out


def _single(text: str) -> Resolved | None:
    """A spelling, or a multiplier and a spelling (万条, 亿美元)."""
    if (found := forms().get(text)) is not None:
        return found
    if len(text) > 1 and text[0] in MULTIPLIERS and (rest := forms().get(text[1:])) is not None:
        return Resolved(rest.unit, rest.factor * MULTIPLIERS[text[0]])
    return None


def _rate(head: Resolved, parts: list[Resolved]) -> Resolved | None:
    code = f"{head.unit.code}_per_{'_'.join(p.unit.code for p in parts)}"
    if len(code) > MAX_CODE:
        return None
    base: Fraction | None = head.unit.base_factor
    factor = head.factor
    for p in parts:
        factor /= p.factor
        base = None if base is None or p.unit.base_factor is None else base / p.unit.base_factor
    name = "/".join([head.unit.name, *(p.unit.name for p in parts)])
    return Resolved(Unit(code, "rate", name, base), factor)


@cache
def lookup(printed: str) -> Resolved | None:
    """What a printed unit means, or None when the registry does not know it."""
    text = fold(printed)
    if not text:
        return None
    if (found := _single(text)) is not None:
        return found
    head, _, tail = text.partition("/")
    if not (head and tail):
        return None
    pieces = [p.removeprefix("每") for t in tail.split("/") for p in _RATE_PARTS.split(t)]
    parts = [forms().get(p) for p in pieces]
    numerator = _single(head)
    if numerator is None or len(parts) > 2 or any(p is None for p in parts):
        return None
    return _rate(numerator, [p for p in parts if p is not None])


def to_decimal(value: Fraction, places: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(places)


def base_value(value: Decimal, unit: Unit) -> Decimal | None:
    """``value`` (in ``unit``) in its dimension's base unit; None where it does not convert."""
    if unit.base_factor is None:
        return None
    return to_decimal(Fraction(value) * unit.base_factor, BASE_PLACES)
