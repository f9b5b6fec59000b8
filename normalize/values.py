"""The value grammar of 指标值/绩效标准: printed text -> operator, number, unit, kind, date.

``≥3.3万人`` and ``不少于33000人`` must become the same (>=, 33000, person); ``2024年12月底前``
a deadline; ``良好`` a qualitative grade (ordinal 1-5 where the word has one, from
``data/grades.csv``). A quantity is ``op number unit``: the operator printed as a symbol or
a word (before the number, or 以上/以内 after it), words may stand around it
(``≤资金下达后2日``, ``全年≥10000家次``), the number may carry 万/亿 and thousands
separators; the whole target may stand in brackets (``（≥95%）``) and a note in brackets
may follow the unit (``≥2项（决策咨询研究、…）``). A cell with several quantities (``≥30次；
≥30篇``, a share and its cap ``按投资额30%且≤100万元/家``) is ``multiple``, kept as printed.
The unit is looked up in the unit registry (``normalize.units``); one it does
not know keeps the number (``unit_printed`` says what was printed, ``notes`` raise
``unknown_unit``). A bare number takes its unit from context (the indicator's name, the
table's funding unit for a cost indicator) and says so in ``notes`` (``missing_unit``)
where the name does not give it.
"""

from __future__ import annotations

import calendar
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, Inexact, InvalidOperation, localcontext
from fractions import Fraction
from functools import cache
from pathlib import Path

from normalize.text import clean_text, compact
from normalize.units import MULTIPLIERS, Resolved, base_value, fold, forms, lookup, units

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
    # 》《 are what a Chinese input method types for > and < ("》90%")
    "》": ">",
    "《": "<",
    "=": "=",
}
_OP_WORDS = {
    "不低于": ">=",
    "不少于": ">=",
    "不小于": ">=",
    "大于等于": ">=",
    "大于或等于": ">=",
    "至少": ">=",
    "最低": ">=",
    "最少": ">=",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "不大于": "<=",
    "小于等于": "<=",
    "小于或等于": "<=",
    "控制在": "<=",
    "最高": "<=",
    "最多": "<=",
    "大于": ">",
    "高于": ">",
    "多于": ">",
    "超过": ">",
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
    "内完成": "<=",
    "以内完成": "<=",
    "以下": "<=",
    "及以下": "<=",
    "左右": "=",
    # the time a thing takes: "分10个月发放完成" (paid out over 10 months)
    "完成": "=",
    "发放完成": "=",
}
# words before a quantity that say what period it is per, not what it measures
_PER_PERIOD = re.compile(r"^(?:每年|每月|每季度?|每周|每天|每日|每期|全年|年均|年度|当年|本年)$")
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
_MAX_UNKNOWN_UNIT = 5  # longer text after a number is words, not a unit ("个区提供服务")
_PERCENT_AND_WORD = re.compile(r"%[\u4e00-\u9fff]{1,4}")
# no unit holds digits, sentence punctuation or the words of a date ("12月前完成", "7月底前",
# "2026年初", "11月中旬")
_NOT_IN_A_UNIT = re.compile(r"[\d,;:。!?，；：！？]|[前底末初旬]")
# inside a unit the registry does not know: an aside in brackets that prints no number
# ("≥25000频率（频道）次"), and the number of a rate's denominator ("≤1次/48小时": once in
# 48 hours; "≤14.5/10万": per 100,000). The registry composes no rate per N of a unit, so
# these keep their number and the unit as printed (unknown_unit), unconverted.
_ASIDE = re.compile(r"\([^()\d]+\)(?=.)")  # inside it: a note at its end is _with_note's
_PER_NUMBER = re.compile(r"(?<=/)\d+(?:\.\d+)?(?=[^\d.])")  # not a fraction "2/3"
VALUE_PLACES = Decimal("1e-4")  # target_value is NUMERIC(24, 4)

_ops_alt = "|".join(re.escape(k) for k in sorted(_OP_SYMBOLS, key=len, reverse=True))
_words_alt = "|".join(sorted(_OP_WORDS, key=len, reverse=True))
_suffix_alt = "|".join(sorted(_SUFFIX_OPS, key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUANT = re.compile(
    # an operator may stand before the words that lead to the number ("≤资金下达后2日")
    # or right before it ("全年≥10000家次"); the lead is as short as can be
    rf"^(?P<op0>{_ops_alt})?(?P<lead>\D*?)(?P<op>{_ops_alt})?(?P<word>{_words_alt})?"
    rf"(?P<sign>[-−])?(?P<num>{_NUM})"
    # a range "10-12", "90%-95%": read as its lower bound (see parse_value)
    rf"(?:(?P<unit1>%)?[-~—至到](?P<num2>{_NUM}))?"
    rf"(?P<unit>.*?)(?P<suffix>{_suffix_alt})?$"
)
# 一次, 两次, 十二个: a Chinese numeral counts only with a unit the registry knows
_CN_QUANT = re.compile(
    rf"^(?P<op>{_ops_alt})?(?P<word>{_words_alt})?(?P<num>[零一二两三四五六七八九十]{{1,3}})"
    rf"(?P<unit>.+?)(?P<suffix>{_suffix_alt})?$"
)
_DEADLINE = re.compile(
    # 每年 in a one-year target table is this fiscal year ("每年4月-9月": see _deadline)
    r"^(?:(?P<year>(?:19|20)\d{2})年|(?P<next>次年|下年|明年)|(?P<this>当年|本年|年度|每年|年))?"
    # a period "3月-6月", "2月至12月", "9-12月", "1月--12月" ends at its last month: that
    # is the deadline
    r"(?:(?:\d{1,2}(?:月(?:\d{1,2}日)?)?)?[-－—~至到]{1,2})?(?:(?P=year)年)?"
    r"(?:(?P<month>\d{1,2})月(?:份)?(?:(?P<day>\d{1,2})日)?)?"
    # 底/末/下旬 end the month; 中旬 ends on the 20th, 上旬 and 初 ("12月初") on the 10th
    r"(?P<end>底|末|上旬|中旬|下旬|初)?"
    # "前", "完成", "前完成" ("2022年11月30日前完成"), "前完工"; "2026年全年" (a service
    # through the year: it runs until the year's end)
    r"(?P<rel>(?:前|之前|以前|内|以内|全年)?(?:完成|完工)?)$"
)
# A date printed as eight digits with a bound and a day's unit: 北京应急管理局's
# "≤20261130日", "≤20260831工作日", "＝20261125日" (the 时效 row's name says "11月30日前完成")
_COMPACT_DATE = re.compile(
    r"^(?P<op>[<≤=]?)(?P<year>(?:19|20)\d{2})(?P<month>\d{2})(?P<day>\d{2})"
    r"(?:日|号|工作日)?(?:前|之前|以前)?$"
)
# days of one month, "11月1日-15日": the window ends on its last day
_DAY_WINDOW = re.compile(
    r"^(?:(?P<year>(?:19|20)\d{2})年)?(?P<month>\d{1,2})月\d{1,2}日?[-－—~至到]{1,2}"
    r"(?P<day>\d{1,2})日(?P<rel>(?:前|之前|以前)?(?:完成|完工)?)$"
)
_PART_DAY = {"上旬": 10, "初": 10, "中旬": 20}
# A year alone ("2022年", "2026年度"): no deadline (no day is printed) and no duration
_BARE_YEAR = re.compile(r"^=?((?:19|20)\d{2})年度?$")
# words before a date: "下达时间不迟于2026年9月30日", "项目相关报告11月30日之前完成",
# "完成时限（9月15日）". Read only where they say "by": 不迟于/不晚于, a 前 after the date,
# or a time-limit word before the date in brackets; never in a sentence (punctuation) or a
# recurring one (每月15日之前: no single date), and the date must stand at the end.
_DEADLINE_LEAD = re.compile(
    r"^(?P<lead>[^\d,;。:()每]{1,20}?)(?P<by>不迟于|不晚于)?(?P<open>\()?"
    r"(?P<date>(?:19|20)?\d[^()]*?)(?(open)\))$"
)
_LIMIT_WORD = re.compile(r"(?:时限|时间|期限|日期)$")
# an indicator named as a time limit: "验收时限", "项目完成时间", "资金拨付及时性"
_TIME_LIMIT_NAME = re.compile(r"时限|时间|期限|日期|完成年度|及时")
_NAME_BRACKET = re.compile(r"[(（]([^()（）]+)[)）]$")
# the whole target in brackets, "（≥95%）": after folding, brackets are ASCII
_ENCLOSED = re.compile(r"^\(([^()]+)\)$")
# a note in brackets after a quantity: "≥2项（决策咨询研究、…）", "＝1个（台、套、件、辆）";
# not one that prints a number ("2元/吨（最高不超过2000万元/年）" is a second target)
_NOTE = re.compile(r"\([^()\d]*\)$")
# between the parts of a cell that prints several quantities: "30%，且≤300万元/项目",
# "实际购房金额的50%，最高100万元" (a comma before a digit group is a thousands separator)
_PARTS = re.compile(r"且|,(?!\d{3}(?!\d))")
# a second target in brackets after a first: "2元/吨（最高不超过2000万元/年）"
_TARGET_NOTE = re.compile(r"^(?P<head>[^()]+)\((?P<note>[^()]*\d[^()]*)\)$")
# a share and, in a word or two, what it pays: "按50%贴息", "按采购额2%奖补"
_SHARE_FOR = re.compile(r"^(按\D*?\d+(?:\.\d+)?%)[^\d%]{1,4}$")
# words, then an operator symbol and what it bounds, to the end of the cell
_BOUND_AT_END = re.compile(
    rf"^(?P<lead>[^;,。且≥≤≧≦<>=》《]+?)(?P<bound>(?:{_ops_alt})[^;,。≥≤≧≦<>=》《]+)$"
)


@dataclass(frozen=True)
class ParsedValue:
    kind: str
    op: str | None = None
    value: Decimal | None = None
    unit: str | None = None  # canonical unit code; None when unknown or not given
    date: date | None = None
    grade: int | None = None  # ordinal of a qualitative grade word, 5 = best
    notes: tuple[str, ...] = field(default=())  # finding rule ids the parse raises
    unit_printed: str | None = None  # the unit as printed (None: none printed)
    dimension: str | None = None  # the unit's dimension (money, count, time, rate ...)
    value_base: Decimal | None = None  # value in the dimension's base unit
    unit_name: str | None = None  # the canonical unit as printed at factor 1

    def key(self, text: str) -> str:
        """What must agree between 指标值 and 绩效标准 for them to say the same thing."""
        if self.kind in (QUANTITATIVE, DEADLINE):
            value = None if self.value is None else self.value.normalize()
            return f"{self.op}|{value}|{self.unit or self.unit_printed}|{self.date}"
        return clean_text(text)


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
    """Name endings that give a unit (培训人数 -> person), longest first; an empty unit
    says the ending gives none (频率 is not a percent, though it ends in 率)."""
    with (DATA / "name_units.csv").open(encoding="utf-8") as f:
        rows = [(r["suffix"], r["unit"]) for r in csv.DictReader(f)]
    for suffix, unit in rows:
        if unit and unit not in units():
            raise ValueError(f"name_units.csv: {suffix} names no unit ({unit})")
    return sorted(rows, key=lambda r: -len(r[0]))


def _bracket_unit(name: str) -> Resolved | None:
    """A unit printed in brackets at the end of the name: 补助资金（万元）, 培训人数(人)."""
    m = _NAME_BRACKET.search(name)
    return lookup(m.group(1)) if m else None


def _bracket_rate_head(name: str) -> str:
    """The unit leading a rate the name's closing brackets print and the registry cannot
    compose, or 万/亿 there ("" where there is none): 人均会议成本(元/人天) -> 元,
    四类会议（元·人/天） -> 元, 案件质量评审(件/每人每日) -> 件, 涉及资金额（亿） -> 亿. The
    name gives the unit; only the registry lacks it."""
    m = _NAME_BRACKET.search(name)
    if m is None:
        return ""
    head = re.split(r"[/·]", m.group(1), maxsplit=1)[0]
    if head in MULTIPLIERS or (head and head != m.group(1) and lookup(head) is not None):
        return head
    return ""


def _name_unit(name: str) -> Resolved | None:
    """The unit a name's ending gives, the longest ending that does: a listed ending
    (培训人数 -> person), or a count word and 数 / 数量 (开展宣传活动场次数 -> 场次,
    入户宣传覆盖户数 -> 户)."""
    found: list[tuple[int, Resolved | None]] = [
        (len(suffix), Resolved(units()[code], Fraction(1)) if code else None)
        for suffix, code in _name_units()
        if name.endswith(suffix)
    ]
    for tail in ("数量", "数"):
        head = name.removesuffix(tail)
        for k in range(1, min(4, len(head)) + 1) if head != name else ():
            form = forms().get(fold(head[-k:]))
            if form is not None and form.unit.dimension == "count":
                found.append((k + len(tail), form))
    return max(found, key=lambda f: f[0])[1] if found else None


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


def _compact_date(text: str, fiscal_year: int | None) -> ParsedValue | None:
    """A deadline printed as one eight-digit number (see _COMPACT_DATE), when it is a day
    of the table's year or the next: not a count that happens to read as one."""
    m = _COMPACT_DATE.match(text)
    if m is None:
        return None
    year, month, day = (int(m.group(k)) for k in ("year", "month", "day"))
    if fiscal_year is not None and year not in (fiscal_year, fiscal_year + 1):
        return None
    try:
        return ParsedValue(DEADLINE, op="<=", date=date(year, month, day))
    except ValueError:
        return None


def _deadline(text: str, fiscal_year: int | None) -> ParsedValue | None:
    if (compact_date := _compact_date(text, fiscal_year)) is not None:
        return compact_date
    m = _DEADLINE.match(text) or _DAY_WINDOW.match(text)
    if m is None:
        return _deadline_after_words(text, fiscal_year)
    found = m.groupdict()
    if not (found["year"] or found.get("next") or found.get("this") or found["month"]):
        return None
    if not (found["rel"] or found.get("end") or found["month"]):
        return None  # a bare "2024年" is a year, not a deadline
    if found["year"]:
        year = int(found["year"])
    elif fiscal_year is None:
        return None
    else:
        year = fiscal_year + (1 if found.get("next") else 0)
    month = int(found["month"]) if found["month"] else 12
    if not 1 <= month <= 12:
        return None
    part = found.get("end")
    if part in _PART_DAY:
        if not found["month"]:
            return None  # "2026年初" is early in the year, not a date
        found["day"] = str(_PART_DAY[part])
    if found["day"]:  # "2026年9月30日前", "12月20日"
        try:
            return ParsedValue(DEADLINE, op="<=", date=date(year, month, int(found["day"])))
        except ValueError:
            return None  # "2026年9月31日前": no such day; the text stays as printed
    return ParsedValue(DEADLINE, op="<=", date=_month_end(year, month))


def _deadline_after_words(text: str, fiscal_year: int | None) -> ParsedValue | None:
    """A date after words that say it is the deadline (see _DEADLINE_LEAD)."""
    m = _DEADLINE_LEAD.match(text)
    if m is None:
        return None
    inner = _DEADLINE.match(m.group("date")) or _DAY_WINDOW.match(m.group("date"))
    if inner is None or not inner.group("month"):
        return None
    says_by = (
        m.group("by")
        or "前" in inner.group("rel")
        or (m.group("open") and _LIMIT_WORD.search(m.group("lead")))
    )
    return _deadline(m.group("date"), fiscal_year) if says_by else None


def _folded(printed: str) -> tuple[str, list[int]]:
    """NFKC (full-width digits, ％ and ＞＜＝ fold) without spaces, and for each character
    the position in ``printed`` it comes from (to give back the unit as printed)."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(printed):
        for f in unicodedata.normalize("NFKC", ch):
            if not f.isspace():
                chars.append(f)
                origin.append(i)
    return "".join(chars), origin


def _scaled(number: Decimal, factor: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 60
        ctx.clear_flags()
        value = number * Decimal(factor.numerator) / Decimal(factor.denominator)
        return value.quantize(VALUE_PLACES) if ctx.flags[Inexact] else value


@dataclass(frozen=True)
class _UnitText:
    """The text after the number, read: a registry unit, a bare multiplier, or neither."""

    resolved: Resolved | None
    multiplier: Fraction
    known: bool  # False: text is printed that the registry does not know


def _read_unit(text: str) -> _UnitText:
    if not text:
        return _UnitText(None, Fraction(1), True)
    if (found := lookup(text)) is not None:
        return _UnitText(found, Fraction(1), True)
    if text in MULTIPLIERS:  # "≤ 70.7 万": the unit comes from context
        return _UnitText(None, MULTIPLIERS[text], True)
    if text[0] in "万亿":  # "≥2万台次": the number is still 20000 of something
        return _UnitText(None, MULTIPLIERS[text[0]], False)
    return _UnitText(None, Fraction(1), False)


def _unknown_is_a_unit(text: str, lead: str) -> bool:
    """Whether text after a number the registry does not know may be read as a unit:
    short, no digits or sentence punctuation, and no words before the number (with
    words around it, "为全市3个区提供服务" is a sentence, not a measure). An aside in
    brackets ("频率（频道）次") and the number of a rate's denominator ("次/48小时", "/10万")
    are part of the unit: the rest must pass."""
    rest = _PER_NUMBER.sub("", _ASIDE.sub("", text), count=1)
    return (
        len(rest) <= _MAX_UNKNOWN_UNIT
        and not _NOT_IN_A_UNIT.search(rest)
        and (not lead or bool(_PER_PERIOD.match(lead)))
    )


def _unit_from_context(
    name: str, is_cost: bool, funding_unit: str, multiplier: Fraction, unit_column: bool = False
) -> tuple[Resolved | None, Fraction, tuple[str, ...]]:
    """The unit of a bare number: a unit the name prints in brackets; for a cost row the
    table's funding unit ("≤25" in a 万元 table is 25万元, flagged: the cell prints none;
    "≤10万" is 万元); else the unit the name's ending gives, or none (flagged, unless the
    row's own unit column printed something: 北京's 度量单位 "万" under 用户量月活峰值
    "≥1000" is the table's unit, a count of what the name says)."""
    if (resolved := _bracket_unit(name)) is not None:
        return resolved, multiplier, ()
    if head := _bracket_rate_head(name):  # not the funding header's 万元 either: 350 元/人天
        if is_cost and head in MULTIPLIERS:  # 法律咨询服务成本（万/年） ≤3: 3万元 a year
            return Resolved(units()["yuan"], Fraction(1)), multiplier * MULTIPLIERS[head], ()
        return None, multiplier, ()
    if is_cost:
        yuan = units()["yuan"]
        if multiplier != 1:
            return Resolved(yuan, Fraction(1)), multiplier, ()
        table = lookup(funding_unit)
        return (
            Resolved(yuan, table.factor if table else Fraction(10000)),
            multiplier,
            ("missing_unit",),
        )
    if (resolved := _name_unit(name)) is not None:
        return resolved, multiplier, ()
    if unit_column:
        return None, multiplier, ()
    return None, multiplier, ("missing_unit",)  # "5" for 抽取调查小区的数量: 5 of what?


def parse_value(
    text: str | None,
    *,
    is_cost: bool = False,
    funding_unit: str = "万元",
    indicator_name: str = "",
    fiscal_year: int | None = None,
    unit_column: bool = False,
    is_time: bool = False,
) -> ParsedValue:
    """Parse one printed target or standard in its context (``unit_column``: the row's
    unit column printed something, joined into the text; ``is_time``: the row is a
    时效指标, whose year or year.month is a deadline)."""
    printed = clean_text(text)
    if not printed:
        return ParsedValue(EMPTY)
    s, origin = _folded(printed)
    # NFKC folded "；" to ";": a separator at either end separates nothing, and a full
    # stop ends the sentence ("不少于350个。", "2026年10月30日前完成.")
    start, end = len(s) - len(s.lstrip(";")), len(s.rstrip(";。."))
    s, origin = s[start:end], origin[start:end]
    if _ENCLOSED.match(s):  # "（≥95%）", "(=100%)": the target in brackets
        s, origin = s[1:-1], origin[1:-1]
    # several targets in one cell: "≥30次;≥30篇", "≥225户、≥1800户" (、 between operators)
    if len([part for part in re.split(r";|、(?=[≥≤>=<≧≦])", s) if part]) > 1:
        return ParsedValue(MULTIPLE)
    context = _Context(is_cost, funding_unit, indicator_name, fiscal_year, unit_column, is_time)
    parsed = _parse(printed, s, origin, context)
    if parsed.kind != QUALITATIVE or not re.search(r"\d", s):
        return parsed
    return (
        _with_note(printed, s, origin, context)
        or _several(s, context)
        or _bound_after_words(printed, s, origin, context)
        or _one_bound_among_words(printed, s, origin, context)
        or parsed
    )


@dataclass(frozen=True)
class _Context:
    """What a target is read in: its indicator (a cost? its name) and its table."""

    is_cost: bool
    funding_unit: str
    indicator_name: str
    fiscal_year: int | None
    unit_column: bool = False  # the row's unit column printed something
    is_time: bool = False  # a 时效指标 row

    @property
    def time_limit(self) -> bool:
        """Whether the target is a point in time: a 时效指标, or a name saying so."""
        return self.is_time or bool(_TIME_LIMIT_NAME.search(compact(self.indicator_name)))

    def parse(self, text: str) -> ParsedValue:
        return parse_value(
            text,
            is_cost=self.is_cost,
            funding_unit=self.funding_unit,
            indicator_name=self.indicator_name,
            fiscal_year=self.fiscal_year,
            unit_column=self.unit_column,
            is_time=self.is_time,
        )


def _with_note(printed: str, s: str, origin: list[int], context: _Context) -> ParsedValue | None:
    """A quantity with a note in brackets after it ("≥2项（决策咨询研究、烟台经济发展分析
    研究）", "＝1个（台、套、件、辆）"): the quantity, when its unit is one the registry knows
    (the note stays in the printed text)."""
    note = _NOTE.search(s)
    if note is None or note.start() == 0:
        return None
    head = context.parse(printed[: origin[note.start()]])
    return head if head.kind == QUANTITATIVE and not head.notes else None


def _bound_after_words(
    printed: str, s: str, origin: list[int], context: _Context
) -> ParsedValue | None:
    """Words naming the measure, numbers among them, then a bound that ends the cell
    ("1-12月执行率≥95%", "连续24小时内接通的来电数量与来电总量的比率≥95%"): the bound. Not
    in a sentence (punctuation in the words), not after 且 (a second target: _several), and
    not where the words print a quantity the bound is an alternative to
    ("7个工作日或按双方协商≤60天"); an alternative in words ("较上一年下降或≤ 14.5/10万")
    leaves the bound the cell's one number."""
    m = _BOUND_AT_END.match(s)
    if m is None or re.search(r"\d.*或", m.group("lead")):
        return None
    bound = context.parse(printed[origin[m.start("bound")] :])
    return bound if bound.kind == QUANTITATIVE else None


def _one_bound_among_words(
    printed: str, s: str, origin: list[int], context: _Context
) -> ParsedValue | None:
    """Clauses of which one alone prints a number, a bound (an operator symbol) in a unit
    the registry knows, the others words ("增加降水量≥10%，受到普遍好评"): the bound. The
    words are a remark no number measures ("受到普遍好评"); the bound is the one target a
    reviewer can check, and the printed text keeps the rest."""
    starts = [0, *(m.end() for m in _PARTS.finditer(s))]
    ends = [*(m.start() for m in _PARTS.finditer(s)), len(s)]
    numbered = [(a, b) for a, b in zip(starts, ends, strict=True) if re.search(r"\d", s[a:b])]
    if len(starts) < 2 or len(numbered) != 1:
        return None
    a, b = numbered[0]
    if not re.search(_ops_alt, s[a:b]):
        return None
    bound = context.parse(printed[origin[a] : origin[b - 1] + 1])
    return bound if bound.kind == QUANTITATIVE and not bound.notes else None


def _several(s: str, context: _Context) -> ParsedValue | None:
    """Several quantities in one sentence ("按投资额30%且≤100万元/家", "实际购房金额的50%，
    最高100万元，财政承担50%"), or a second one in brackets after the first ("2元/吨（最高
    不超过2000万元/年）": a rate and its cap): MULTIPLE when every part is a quantity in a
    unit the registry knows, or a deadline; a part in words ("受到普遍好评") keeps the cell
    whole. A share may name what it pays ("按50%贴息且≤20万元/家": 50%, and the cap)."""
    parts: list[str] = []
    for part in filter(None, _PARTS.split(s)):
        note = _TARGET_NOTE.match(part)
        parts.extend(note.group("head", "note") if note else [part])
    if len(parts) < 2:
        return None
    for part in parts:
        parsed = context.parse(part)
        if parsed.kind == QUALITATIVE and (share := _SHARE_FOR.match(part)):
            parsed = context.parse(share.group(1))
        if not (parsed.kind == DEADLINE or (parsed.kind == QUANTITATIVE and not parsed.notes)):
            return None
    return ParsedValue(MULTIPLE)


# dates written with dots: "2022.11.1-2022.12.31", "2022.12.31" (the deadline is the last
# day), and "2022.12" (a month: only where the row is a point in time, else a number)
_DOTTED_DAY = re.compile(
    r"^(?:(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}[-－—~至到]{1,2})?"
    r"(?P<year>(?:19|20)\d{2})\.(?P<month>\d{1,2})\.(?P<day>\d{1,2})(?:前|之前|以前)?$"
)
_DOTTED_MONTH = re.compile(r"^(?P<year>(?:19|20)\d{2})\.(?P<month>\d{1,2})(?:前|之前|以前)?$")


def _dotted_date(s: str, context: _Context) -> ParsedValue | None:
    """A deadline written with dots (see _DOTTED_DAY), or None."""
    if m := _DOTTED_DAY.match(s):
        try:
            end = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError:
            return None  # no such day: the text stays as printed
        return ParsedValue(DEADLINE, op="<=", date=end)
    if (m := _DOTTED_MONTH.match(s)) and context.time_limit and 1 <= int(m["month"]) <= 12:
        return ParsedValue(DEADLINE, op="<=", date=_month_end(int(m["year"]), int(m["month"])))
    return None


def _name_operator(name: str) -> str | None:
    """The operator an indicator's name ends with ("支出金额不超过": <=), if any (the
    longest word that ends it)."""
    key = compact(name).rstrip("：:")
    words = [w for w in _OP_WORDS if key.endswith(w)]
    return _OP_WORDS[max(words, key=len)] if words else None


def _parse(printed: str, s: str, origin: list[int], context: _Context) -> ParsedValue:
    """One target (folded ``s``, each character's position in ``printed``): a deadline, a
    quantity, or words."""
    if (deadline := _deadline(s, context.fiscal_year) or _dotted_date(s, context)) is not None:
        return deadline
    if (bare := _BARE_YEAR.match(s)) and (
        context.fiscal_year is None or abs(int(bare.group(1)) - context.fiscal_year) <= 5
    ):
        # a year, not 2022 years; in a 时效指标 or under a name that says it is a time
        # limit (验收时限, 完成时间) the deadline is the year's end, elsewhere words
        if context.time_limit:
            year = int(bare.group(1))
            return ParsedValue(DEADLINE, op="<=", date=date(year, 12, 31))
        return _qualitative(s)
    m = _QUANT.match(s)
    cn = None if m else _CN_QUANT.match(s)
    match = m or cn
    if match is None or (number := _number(match.group("num"))) is None:
        return _qualitative(s)
    op = (
        _OP_SYMBOLS.get(match.group("op") or "")
        or _OP_WORDS.get(match.group("word") or "")
        or (_OP_SYMBOLS.get(m.group("op0") or "") if m else None)
    )
    unit_group = "unit"
    if m and m.group("num2"):
        # A range "10-12", "90%-95%": the lower bound is the commitment, so the value is
        # the lower bound and the operator >=; the upper bound stays in the printed text.
        op = ">="
        if not m.group("unit") and m.group("unit1"):
            unit_group = "unit1"
    if match.group("suffix") and op in (None, "="):  # 达到100%以上 is at least 100%
        op = _SUFFIX_OPS[match.group("suffix")]
    # the operator written at the end of the indicator's name over a bare value (烟台司法局:
    # "支出金额不超过" │ "160万", "小于" │ "5起")
    op = op or _name_operator(context.indicator_name) or "="
    unit_text = match.group(unit_group) or ""
    a, b = match.span(unit_group)
    if _PERCENT_AND_WORD.fullmatch(unit_text):
        # "100%保障", "100%覆盖": a percent, and a word on what it covers (烟台商务局 p39)
        unit_text, b = unit_text[0], a + 1
    unit_printed = re.sub(r"\s+", "", printed[origin[a] : origin[b - 1] + 1]) if b > a else None
    read = _read_unit(unit_text)
    lead = m.group("lead") if m else ""
    notes: list[str] = []
    if not read.known and (cn or not _unknown_is_a_unit(unit_text, lead)):
        return _qualitative(s)  # a number among words: not a measure
    if not read.known:
        notes.append("unknown_unit")
    resolved, factor = read.resolved, read.multiplier
    if resolved is None and read.known:
        # nothing but a number (and maybe 万) is printed: the unit comes from context
        resolved, factor, note = _unit_from_context(
            clean_text(context.indicator_name),
            context.is_cost,
            context.funding_unit,
            factor,
            context.unit_column,
        )
        notes.extend(note)
    if resolved is not None:
        factor *= resolved.factor
    value = _scaled(number, factor) * (-1 if m and m.group("sign") else 1)
    unit = resolved.unit if resolved is not None else None
    if unit is not None and unit.code == "percent" and not Decimal(0) <= value <= Decimal(100):
        notes.append("rate_out_of_range")
    return ParsedValue(
        QUANTITATIVE,
        op=op,
        value=value,
        unit=unit.code if unit else None,
        notes=tuple(notes),
        unit_printed=unit_printed,
        dimension=unit.dimension if unit else None,
        value_base=base_value(value, unit) if unit else None,
        unit_name=unit.name if unit else None,
    )
