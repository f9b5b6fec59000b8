"""Serialized indicator cells (O1, Guangdong): a set's whole indicator list in one cell.

The cell holds numbered items, each ``<no> <一级> <二级> <name> <values>``:

    1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:每年≥20场；年度指标值:每年≥20场。
    1、1－产出指标，12－质量指标，环境应急事件响应率；实施周期指标值：100%，年度指标值：100%;2、…
    1.1－产出指标，…   （1）产出指标；数量指标；…

Numbering (``1、`` ``1.`` ``（1）``), the framework's codes in front of the level labels
(``1-`` ``11－``, or none), the separators between parts (``；`` ``，`` ``;`` ``,``) and the
value labels (实施周期 / 中期 / 年度 指标值) vary by department; the order of the parts does
not. An item is found by its number (the next in sequence), its levels are the first
two parts, its name what lies between them and the first value label. Text off the
grammar is kept as a row of its own (name = the text, no target) so a rule reports it.
"""

from __future__ import annotations

import re

from extractors.model import IndicatorRow

# An item's number at the start of the cell or after an item's end: "1、", "2.", "（3）"
_NUMBER = re.compile(r"(?:^|(?<=[。；;，,]))(?:(\d+)[、.．](?!\d+[%％.．])|[（(](\d+)[）)])")
_SEPARATOR = re.compile(r"[；;，,]")
_CODE = re.compile(r"^\d+(?:\.\d+)*[-－—–]")  # "1-", "11－", "1.1-": a label's framework code
_VALUE_LABEL = re.compile(r"(实施周期|中期|年度)指标值[:：]")
_HORIZON = {"实施周期": "midterm", "中期": "midterm", "年度": "annual"}


def _items(text: str) -> list[tuple[int, str, str]]:
    """(offset, text as printed, text without its number) of each numbered item, numbers
    taken only in sequence (1, 2, 3 …): a value such as "；3.5亿" does not start an item
    unless 3 is the next number."""
    starts: list[tuple[int, int]] = []  # (offset of the number, offset after it)
    expected = 1
    for m in _NUMBER.finditer(text):
        if int(m.group(1) or m.group(2)) == expected:
            starts.append((m.start(), m.end()))
            expected += 1
    if not starts:
        return [(0, text, text)] if text else []
    out = [(0, text[: starts[0][0]], text[: starts[0][0]])] if starts[0][0] > 0 else []
    for k, (begin, after) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(text)
        out.append((begin, text[begin:end], text[after:end]))
    return out


def _level(part: str) -> str:
    return _CODE.sub("", part.strip())


def parse_item(item: str) -> tuple[str, str, str, dict[str, str]] | None:
    """(一级, 二级, name, {horizon: value}) of one item without its number, or None when
    it does not follow the grammar (no annual value, fewer than three parts)."""
    labels = list(_VALUE_LABEL.finditer(item))
    if not labels or not any(_HORIZON[m.group(1)] == "annual" for m in labels):
        return None
    head = item[: labels[0].start()]
    parts = _SEPARATOR.split(head, maxsplit=2)
    if len(parts) < 3:
        return None
    level1, level2, name = _level(parts[0]), _level(parts[1]), parts[2]
    name = re.sub(r"[；;，,]+$", "", name)
    values: dict[str, str] = {}
    for k, m in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(item)
        values[_HORIZON[m.group(1)]] = re.sub(r"[。；;，,]+$", "", item[m.end() : end])
    if not (level1 and level2 and name):
        return None
    return level1, level2, name, values


def parse_serialized(parts: list[tuple[str, int, int, int]]) -> list[IndicatorRow]:
    """The indicator rows a set's serialized cell holds, midterm then annual per item, in
    printed order. ``parts``: the cell's text on each (page, row, table) it is printed
    on, in order; a cell cut by a page break goes on where it stopped, even inside an
    item, and each row is placed where its item starts."""
    text, starts = "", []
    for part, *where in parts:
        starts.append((len(text), where))
        # Line wraps inside the cell are not spaces (the text layer puts one at some).
        text += re.sub(r"\s+", "", part)

    def placed(row: IndicatorRow, offset: int) -> IndicatorRow:
        row.page, row.row, row.table = next(w for o, w in reversed(starts) if o <= offset)
        return row

    rows: list[IndicatorRow] = []
    for offset, printed, item in _items(text):
        parsed = parse_item(item)
        if parsed is None:
            if item.strip("；;。，, "):
                unread = IndicatorRow("annual", "", "", printed.rstrip("；;。"), "", "", 0, 0)
                rows.append(placed(unread, offset))
            continue
        level1, level2, name, values = parsed
        for horizon in ("midterm", "annual"):
            if horizon in values:
                row = IndicatorRow(horizon, level1, level2, name, values[horizon], "", 0, 0)
                rows.append(placed(row, offset))
    return rows
