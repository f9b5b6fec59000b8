"""Printed amounts as exact yuan: the one home of a unit's factor and of the rounding a
printed amount carries. Every reader's amounts (a set's funding, a money table's line)
pass through here."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import polars as pl

YUAN = pl.Decimal(20, 2)
UNIT_FACTORS = {"万元": Decimal(10000), "元": Decimal(1)}
#: what a cell prints for "no amount": a dash, a slash, 无
NO_AMOUNT = frozenset({"-", "—", "－", "——", "/", "无"})


# a unit printed in the amount's own cell ("2400000 万元", 西安工信局 FY2022 p60): it is
# the amount's unit, whatever the header says
_CELL_UNIT = re.compile(r"(.*\d)(万元|元)")


def _number_and_unit(printed: str, funding_unit: str) -> tuple[str, str]:
    s = re.sub(r"[\s,，]", "", printed)
    if m := _CELL_UNIT.fullmatch(s):
        return m.group(1), m.group(2)
    return s, funding_unit


def to_yuan(printed: str | None, funding_unit: str) -> Decimal | None:
    """A printed amount ("70.7", "36,000,000.00", "2400000万元") in the header's unit (or
    the unit printed in its cell), as exact yuan."""
    if printed is None:
        return None
    s, unit = _number_and_unit(printed, funding_unit)
    if not s or s in NO_AMOUNT:
        return None
    try:
        return (Decimal(s) * UNIT_FACTORS.get(unit, Decimal(1))).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def printed_place_yuan(printed: str | None, funding_unit: str) -> Decimal:
    """One unit in the last place an amount is printed to, in yuan ("417.41" 万元 -> 100):
    the rounding a printed sum of rounded amounts may carry per addend."""
    s, funding_unit = _number_and_unit(printed or "", funding_unit)
    try:
        exponent = Decimal(s).as_tuple().exponent
    except InvalidOperation:
        return Decimal(0)
    place = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    return place * UNIT_FACTORS.get(funding_unit, Decimal(1))
