"""Places named at the start of a department's or unit's name, from the gazetteer
(``data/gazetteer.csv``: every province, city and district/county with its short form,
built once by ``fixtures/gazetteer.py`` from cpca's administrative codes).

A name is read as a chain of places, each inside the one before: "山东省烟台市鲁东公证处"
names 山东省 → 烟台市, "广东省广州生态环境监测中心站" 广东省 → 广州市 (a short form after its
province), "中国共产党烟台市委员会宣传部" 烟台市 (the party's name stands first). A unit is
the issuer's when the last place its name gives is the issuer's place, one around it
(its province, its city) or one inside it (a district/county of the issuer's city); it is
another city's only when that place is certain: a full name (天长市, 蓬莱区), or a short form
after the place around it. A short form alone at the start names no other place: 中山大学,
泰山学院 and 南京大学 are not "units of 中山市/泰山区/南京市" a bureau should be alerted of.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from normalize.text import compact

# What may stand before the places in a unit's name: the party's (or its youth league's)
# full or short name ("中国共产党烟台市委员会", "中共烟台市委宣传部", "共青团烟台市委")
_PARTY = re.compile(r"^(?:中国共产党|中共|中国共产主义青年团|共青团)")


@dataclass(frozen=True)
class Place:
    adcode: str
    level: str  # province | city | county
    name: str
    province: str  # "" for a province
    city: str  # a county's city; "" for a province, a city, or a county under its province

    def contains(self, other: Place) -> bool:
        """Whether ``other`` is this place or lies inside it."""
        if self.adcode == other.adcode:
            return True
        if self.level == "province":
            return other.province == self.name
        if self.level == "city":
            return other.level == "county" and (other.province, other.city) == (
                self.province,
                self.name,
            )
        return False


@dataclass(frozen=True)
class _Step:
    places: tuple[Place, ...]  # the places this text may name (鼓楼区: four cities have one)
    certain: bool  # a full name, or a short form after the place around it


@functools.cache
def _index() -> dict[str, tuple[tuple[Place, bool], ...]]:
    """Printed form → the places it names, each with whether the form is the full name."""
    path = Path(__file__).parent / "data" / "gazetteer.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    index: dict[str, list[tuple[Place, bool]]] = {}
    for r in rows:
        place = Place(r["adcode"], r["level"], r["name"], r["province"], r["city"])
        index.setdefault(r["name"], []).append((place, True))
        if r["short"]:
            index.setdefault(r["short"], []).append((place, False))
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def _longest() -> int:
    return max(len(k) for k in _index())


def _chain(name: str | None) -> list[_Step]:
    """The places a name starts with, each inside the one before (longest form first)."""
    text = _PARTY.sub("", compact(name))
    index = _index()
    steps: list[_Step] = []
    pos = 0
    while pos < len(text):
        for size in range(min(_longest(), len(text) - pos), 1, -1):
            named = index.get(text[pos : pos + size], ())
            if steps:  # inside the place before
                named = tuple(
                    (p, full) for p, full in named if any(q.contains(p) for q in steps[-1].places)
                )
                named = tuple((p, full) for p, full in named if p not in steps[-1].places)
            if named:
                full = any(f for _, f in named)
                # a two-character full name (城区, 郊区, 矿区, 涉县) is a word too, and a short
                # form a word's start (中山大学): a place only after the place around it,
                # itself certain ("南京鼓楼医院" names no place for sure)
                certain = (full and size >= 3) or (bool(steps) and steps[-1].certain)
                steps.append(_Step(tuple(p for p, _ in named), certain))
                pos += size
                break
        else:
            break
    return steps


def place_of(name: str | None) -> str | None:
    """The most specific place a department's name starts with ("中共烟台市委宣传部" ->
    烟台市, "福州市仓山生态环境局" -> 仓山区); a leading short form counts (an issuer is a
    local government: "北京城市副中心…" is 北京市's)."""
    steps = _chain(name)
    return _label(steps[-1].places) if steps else None


def _label(places: tuple[Place, ...]) -> str:
    """A place as a finding names it: a district/county with its city (南京市鼓楼区, not
    the 鼓楼区 of 福州; a county-level city alone: 天长市), the bare name where the text
    did not say which one it is."""
    p = places[0]
    if len(places) > 1 or p.level != "county" or not p.city or p.name.endswith("市"):
        return p.name
    return p.city + p.name


def _related(a: tuple[Place, ...], b: tuple[Place, ...]) -> bool:
    return any(p.contains(q) or q.contains(p) for p in a for q in b)


def unit_place(unit: str | None, issuer: str | None) -> str | None:
    """The place a unit's name gives, judged against the issuer's: the issuer's place when
    the unit's is it, around it or inside it; the unit's own place when that is certain and
    another; None when its name gives no place (or only an uncertain one)."""
    own = _chain(issuer)
    steps = _chain(unit)
    if not own or not steps:
        return None
    if _related(steps[-1].places, own[-1].places):
        return _label(own[-1].places)
    return _label(steps[-1].places) if steps[-1].certain else None


def _city_label(p: Place) -> str | None:
    """The city a place is in: a city itself, a county-level city itself (天长市, 天门市),
    a district or county its city; a province none (北京市 is a city too: its own row)."""
    if p.level == "city" or (p.level == "county" and (p.name.endswith("市") or not p.city)):
        return p.name
    return p.city if p.level == "county" else None


def city_of(name: str | None, *, issuer: bool = False) -> str | None:
    """The city a department's or unit's name belongs to, the warehouse's dimension column
    (福州市仓山生态环境局 → 福州市, 山东省烟台市鲁东公证处 → 烟台市, 天长市… → 天长市): the
    most specific place its name gives that lies in one city. An issuer is a local
    government, so a leading short form counts (北京城市副中心… → 北京市); a unit's must be
    certain (中山大学 is no unit of 中山市)."""
    for step in reversed(_chain(name)):
        if not (step.certain or issuer):
            continue
        cities = {c for p in step.places if (c := _city_label(p))}
        if len(cities) == 1:
            return cities.pop()
    return None
