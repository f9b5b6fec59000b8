"""The value grammar of 指标值/绩效标准: printed text -> operator, number, unit, kind, date.

``≥3.3万人`` and ``不少于33000人`` must become the same (>=, 33000, person); ``2024年12月底前``
a deadline; ``良好`` a qualitative grade (ordinal 1-5 where the word has one, from
``data/grades.csv``). Units and their multipliers are data (``data/units.csv``); a bare
number takes its unit from context (the table's funding unit for a cost indicator, the
indicator's name otherwise) and says so in ``notes`` (``missing_unit``).
"""

from __future__ import annotations

import calendar
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from normalize.text import clean_text

DATA = Path(__file__).parent / "data"

QUANTITATIVE, QUALITATIVE, DEADLINE, EMPTY = "quantitative", "qualitative", "deadline", "empty"
MULTIPLE = "multiple"  # several targets in one cell ("≥30次；≥30篇"): kept as printed

_OP_SYMBOLS = {
    "≥": ">=",
    "≧": ">=",
    ">=": ">=",
    "≤": "<=",
    "≦": "<=",
    "<=": "<=",
    ">": ">",
    "<": "<",
    "=": "=",
}
_OP_WORDS = {
    "不低于": ">=",
    "不少于": ">=",
    "大于等于": ">=",
    "至少": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "小于等于": "<=",
    "控制在": "<=",
    "大于": ">",
    "高于": ">",
    "多于": ">",
    "小于": "<",
    "低于": "<",
    "少于": "<",
    "达到": "=",
    "等于": "=",
}
_SUFFIX_OPS = {
    "以上": ">=",
    "及以上": ">=",
    "以内": "<=",
    "之内": "<=",
    "内": "<=",
    "以下": "<=",
    "及以下": "<=",
    "左右": "=",
}
_PER_PERIOD = re.compile(r"^(?:每年|每月|每季度?|每周|每天|每日|全年|年均)(?=[<>=≥≤\d])")
_MULTIPLIERS = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000)}
_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}

_ops_alt = "|".join(re.escape(k) for k in sorted(_OP_SYMBOLS, key=len, reverse=True))
_words_alt = "|".join(sorted(_OP_WORDS, key=len, reverse=True))
_suffix_alt = "|".join(sorted(_SUFFIX_OPS, key=len, reverse=True))
_QUANT = re.compile(
    rf"^(?P<op>{_ops_alt})?(?P<word>{_words_alt})?"
    r"(?P<sign>[-−])?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零一二两三四五六七八九十]{1,3})"
    r"(?:(?P<unit1>%)?[-~—至](?P<num2>\d+(?:\.\d+)?)(?P<unit2>%)?)?"
    rf"(?P<unit>[^\d\s]*?)(?P<suffix>{_suffix_alt})?$"
)
_DEADLINE = re.compile(
    r"^(?:(?P<year>(?:19|20)\d{2})年|(?P<next>次年|下年|明年)|(?P<this>当年|本年|年度|年))?"
    r"(?:(?P<month>\d{1,2})月(?:份)?)?(?P<end>底|末)?(?P<rel>前|之前|内|以内|完成)?$"
)


@dataclass(frozen=True)
class ParsedValue:
    kind: str
    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None
    date: date | None = None
    grade: int | None = None  # ordinal of a qualitative grade word, 5 = best
    notes: tuple[str, ...] = field(default=())  # finding rule ids the parse raises

    def key(self, text: str) -> str:
        """What must agree between 指标值 and 绩效标准 for them to say the same thing."""
        if self.kind in (QUANTITATIVE, DEADLINE):
            value = None if self.value is None else self.value.normalize()
            return f"{self.op}|{value}|{self.unit}|{self.date}"
        return clean_text(text)


@cache
def _units() -> dict[str, tuple[str, Decimal]]:
    with (DATA / "units.csv").open(encoding="utf-8") as f:
        return {r["printed"]: (r["unit"], Decimal(r["factor"])) for r in csv.DictReader(f)}


@cache
def unit_names() -> dict[str, str]:
    """Canonical unit code -> how it is printed at factor 1 (percent -> %, yuan -> 元)."""
    names: dict[str, str] = {}
    for printed, (code, factor) in _units().items():
        if factor == 1:
            names.setdefault(code, printed)
    return names


@cache
def _grades() -> list[tuple[str, int]]:
    """Grade words, longest first: "程度较高" ends with 较高 before it ends with 高."""
    with (DATA / "grades.csv").open(encoding="utf-8") as f:
        rows = [(r["word"], int(r["grade"])) for r in csv.DictReader(f)]
    return sorted(rows, key=lambda r: -len(r[0]))


def _qualitative(text: str) -> ParsedValue:
    grade = next((g for word, g in _grades() if text.endswith(word)), None)
    return ParsedValue(QUALITATIVE, grade=grade)


@cache
def _name_units() -> list[tuple[str, str]]:
    with (DATA / "name_units.csv").open(encoding="utf-8") as f:
        return [(r["suffix"], r["unit"]) for r in csv.DictReader(f)]


def _number(text: str) -> Decimal | None:
    if text and all(ch in _CN_DIGITS for ch in text):
        # simple numerals only (一次, 两次, 十二个): tens digit, 十, units digit
        if "十" in text:
            tens, _, units = text.partition("十")
            return Decimal(
                (_CN_DIGITS.get(tens, 1) if tens else 1) * 10
                + (_CN_DIGITS.get(units, 0) if units else 0)
            )
        return Decimal(_CN_DIGITS[text]) if len(text) == 1 else None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _deadline(text: str, fiscal_year: int | None) -> ParsedValue | None:
    m = _DEADLINE.match(text)
    if not m or not (m.group("year") or m.group("next") or m.group("this") or m.group("month")):
        return None
    if not (m.group("rel") or m.group("end") or m.group("month")):
        return None  # a bare "2024年" is a year, not a deadline
    if m.group("year"):
        year = int(m.group("year"))
    elif fiscal_year is None:
        return None
    else:
        year = fiscal_year + (1 if m.group("next") else 0)
    month = int(m.group("month")) if m.group("month") else 12
    if not 1 <= month <= 12:
        return None
    return ParsedValue(DEADLINE, op="<=", date=_month_end(year, month))


def parse_value(
    text: str | None,
    *,
    is_cost: bool = False,
    funding_unit: str = "万元",
    indicator_name: str = "",
    fiscal_year: int | None = None,
) -> ParsedValue:
    """Parse one printed target or standard in its context."""
    printed = clean_text(text)
    if not printed:
        return ParsedValue(EMPTY)
    # NFKC folds full-width digits, ％ and ＞＜＝; then drop the spaces left between tokens.
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", printed))
    s = s.strip(";")  # NFKC folded "；" to ";"; a trailing one separates nothing
    if len([part for part in s.split(";") if part]) > 1:
        return ParsedValue(MULTIPLE)
    if (deadline := _deadline(s, fiscal_year)) is not None:
        return deadline
    # "每年≥20场": the period a count is per is not part of the measure
    m = _QUANT.match(_PER_PERIOD.sub("", s))
    if not m:
        return _qualitative(s)
    number = _number(m.group("num"))
    if number is None:
        return _qualitative(s)
    op = _OP_SYMBOLS.get(m.group("op") or "") or _OP_WORDS.get(m.group("word") or "")
    unit_text = m.group("unit") or ""
    if m.group("num2"):
        # a range "90%-95%": the lower bound is the commitment
        op = ">="
        unit_text = unit_text or m.group("unit1") or m.group("unit2") or ""
    if m.group("suffix"):
        op = op or _SUFFIX_OPS[m.group("suffix")]
    op = op or "="
    multiplier = Decimal(1)
    if unit_text[:1] in _MULTIPLIERS and unit_text not in _units():
        multiplier, unit_text = _MULTIPLIERS[unit_text[0]], unit_text[1:]
    notes: list[str] = []
    unit: str | None
    if unit_text in _units():
        unit, factor = _units()[unit_text]
        multiplier *= factor
    elif unit_text:
        return _qualitative(s)  # a number followed by words: not a measure
    elif is_cost:
        # "≤25" in a cost row means the table's funding unit; "≤10万" means 万元.
        unit = "yuan"
        if multiplier == 1:
            multiplier = _units()[funding_unit][1]
            notes.append("missing_unit")
    else:
        unit = next(
            (u for suffix, u in _name_units() if clean_text(indicator_name).endswith(suffix)), None
        )
        if unit is None:
            notes.append("missing_unit")  # "5" for 抽取调查小区的数量: 5 of what?
    value = number * multiplier * (-1 if m.group("sign") else 1)
    if unit == "percent" and not Decimal(0) <= value <= Decimal(100):
        notes.append("rate_out_of_range")
    return ParsedValue(QUANTITATIVE, op=op, value=value, unit=unit, notes=tuple(notes))
