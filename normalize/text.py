"""Cell text clean-up shared by every stage: the contract's "printed text" form.

The contract keeps text as printed, minus line-wrap breaks and stray spaces inside CJK
text. A table cell that wraps ("经济效\\n益指标") or a PDF-to-text gap ("经济效 益指标") must
compare equal to the unwrapped label, wherever the producer happened to break the line.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from pathlib import Path

# Han, CJK symbols/punctuation, kana and full-width forms: Chinese text has no word spaces,
# so any space touching one of these is layout, not content.
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_SPACES = re.compile(r"\s+")
_WRAP_AFTER_HYPHEN = re.compile(r"-\n\s*")
# A gap inside a number is the font's letter spacing, not a space: "1 5" (15), "0 .8",
# "964 .85", "1- 12月" as typeset by some producers; the printed number has none.
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[ \t]+(?=[\d.．])|(?<=\d[.．\-－])[ \t]+(?=\d)")
# Kangxi/CJK radical code points that some PDF producers emit for ordinary characters
# ("⽣" U+2F63 for 生): never meant as radicals in an annex, so they become the characters.
_RADICALS = re.compile("[\u2e80-\u2fdf]")


@functools.cache
def _variants() -> dict[int, str]:
    """Characters some producers' fonts emit for the standard one (data/char_variants.csv)."""
    path = Path(__file__).parent / "data" / "char_variants.csv"
    with path.open(encoding="utf-8") as f:
        return {ord(row["printed"]): row["standard"] for row in csv.DictReader(f)}


def clean_text(text: str | None) -> str:
    """Printed text with wrap breaks, spaces next to CJK characters and gaps inside
    numbers removed."""
    if not text:
        return ""
    text = text.replace("\u3000", " ")
    text = _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_variants())
    text = _SPACE_NEAR_CJK.sub("", text)
    text = _WRAP_AFTER_HYPHEN.sub("-", text)  # a code wrapped at its hyphen: GZIT2022-SM-⏎W-C
    text = _SPACE_IN_NUMBER.sub("", text)
    return _SPACES.sub(" ", text).strip()


# "指标1：", "指标3: ", "指标：" numbering in front of an indicator's name (older Shaanxi cards)
# "指标1：", printed twice by some 西安 2022 cards ("指标1：指标1：系统故障修复响应时间")
_NUMBERING = re.compile(r"^(?:指标\d*\s*[：:]\s*)+")


def indicator_name(text: str | None) -> str:
    """An indicator's printed name without the numbering prefix some cards print."""
    return _NUMBERING.sub("", clean_text(text))


def numbered(text: str | None) -> bool:
    """Whether an indicator's printed name starts with the numbering prefix ("指标 3：")."""
    return bool(_NUMBERING.match(clean_text(text)))


# "253_烟台市审计局": 主管部门及代码 prints the department's budget code in front; the
# central template brackets it ("[292] 国家信访局")
_DEPARTMENT_CODE = re.compile(r"^(?:\d+\s*[_＿\-—]|[\[［【]\s*\d+\s*[\]］】])\s*")


def department_name(text: str | None) -> str:
    """A 主管部门 as printed, without its budget code."""
    return _DEPARTMENT_CODE.sub("", clean_text(text))


def attribute_kind(printed: str | None) -> str | None:
    """项目属性 as one of 新增 / 延续 / 一次性 (data/project_attributes.csv); None when
    nothing is printed or the wording is not known (the raw text is kept beside)."""
    return _attributes().get(compact(printed)) if printed else None


@functools.cache
def _attributes() -> dict[str, str]:
    with (Path(__file__).parent / "data" / "project_attributes.csv").open(encoding="utf-8") as f:
        return {r["printed"]: r["canonical"] for r in csv.DictReader(f)}


def compact(text: str | None) -> str:
    """All whitespace removed: for matching labels, never for stored text."""
    return _SPACES.sub("", (text or "").replace("\u3000", ""))
