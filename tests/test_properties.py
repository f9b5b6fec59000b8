"""Property tests: printed styles of the same commitment parse back to the same numbers."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.text import clean_text
from normalize.values import parse_value

OP_STYLES = {
    ">=": ["≥", "≧", "不低于", "不少于", ">="],
    "<=": ["≤", "≦", "不高于", "不超过", "<="],
    ">": [">", "＞", "大于"],
    "<": ["<", "＜", "小于"],
    "=": ["", "=", "＝", "达到"],
}
SUFFIX_STYLES = {">=": "以上", "<=": "以内"}
UNITS = {
    "%": ("percent", 1),
    "人": ("person", 1),
    "万人": ("person", 10000),
    "人次": ("person_time", 1),
    "次": ("times", 1),
    "天": ("day", 1),
    "个月": ("month", 1),
    "项": ("item", 1),
    "份": ("copy", 1),
    "户": ("household", 1),
    "亩": ("mu", 1),
    "公里": ("km", 1),
    "平方米": ("m2", 1),
    "元": ("yuan", 1),
    "万元": ("yuan", 10000),
}
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _number(value: Decimal, thousands: bool, fullwidth: bool) -> str:
    text = f"{value:,f}" if thousands else f"{value:f}"
    return text.translate(FULLWIDTH) if fullwidth else text


@st.composite
def printed(draw: st.DrawFn) -> tuple[str, str, Decimal, str]:
    op = draw(st.sampled_from(sorted(OP_STYLES)))
    unit = draw(st.sampled_from(sorted(UNITS)))
    value = draw(
        st.decimals(
            min_value=0,
            max_value=100 if unit == "%" else 10**6,
            places=draw(st.integers(0, 2)),
            allow_nan=False,
            allow_infinity=False,
        )
    )
    number = _number(value, draw(st.booleans()) and unit != "%", draw(st.booleans()))
    space = draw(st.sampled_from(["", " "]))
    if op in SUFFIX_STYLES and draw(st.booleans()):
        text = f"{number}{space}{unit}{SUFFIX_STYLES[op]}"
    else:
        text = f"{draw(st.sampled_from(OP_STYLES[op]))}{space}{number}{space}{unit}"
    code, factor = UNITS[unit]
    return text, op, value * factor, code


@settings(max_examples=400, deadline=None)
@given(printed())
def test_printed_styles_parse_back(case: tuple[str, str, Decimal, str]) -> None:
    text, op, value, unit = case
    pv = parse_value(text, is_cost=unit == "yuan")
    assert (pv.kind, pv.op, pv.unit) == ("quantitative", op, unit), text
    assert pv.value == value, text


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        printed().map(lambda c: c[0]),
        st.text(
            alphabet="良好较高显著有所提升逐步改善按时足额及时年度内前底 ≥≤%0123456789万人次",
            max_size=12,
        ),
    )
)
def test_normalisation_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once
    assert parse_value(once) == parse_value(text)
