"""Which pages of a document print a target table (or a money table), found from page
text alone.

Camelot and the readers decide what a table holds; this stage does not use them. It
looks at each page's text for the header labels target tables print (data:
``labels/pages.yaml``), so that a page the readers could not read is known and reported
(``unread_target_page``, the run summary's ``coverage``) instead of lost silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.document import LABEL_DATA
from extractors.kinds import money_pages

_GROUPS: tuple[tuple[str, ...], ...] = tuple(tuple(g) for g in LABEL_DATA["target_page"].values())
_SELF_EVALUATION: tuple[str, ...] = tuple(LABEL_DATA["self_evaluation_page"])
_LEVEL_WORDS: tuple[str, ...] = tuple(LABEL_DATA["level_words"])
_SPACES = re.compile(r"\s+")
_LABELS = "|".join(sorted({re.escape(lb) for g in _GROUPS for lb in g}, key=len, reverse=True))
_MENTION = re.compile(
    f"(?<=[{''.join(LABEL_DATA['mention_before'])}])(?:{_LABELS})"
    f"|(?:{_LABELS})(?=[{''.join(LABEL_DATA['mention_after'])}])"
)

TARGET, SELF_EVALUATION = "target", "self_evaluation"


@dataclass(frozen=True)
class PageKinds:
    """1-based page numbers of the pages that print target tables, and of those that
    print self-evaluation tables (绩效自评表: targets beside what was achieved)."""

    target: tuple[int, ...] = ()
    self_evaluation: tuple[int, ...] = ()
    # pages that print a standard money table's title (kinds.money_pages)
    money: tuple[int, ...] = ()


def _kind(text: str, previous: str | None) -> str | None:
    key = _SPACES.sub("", text)
    cells = _MENTION.sub("", key)  # header labels written in a sentence do not count
    header = any(all(label in cells for label in group) for group in _GROUPS)
    # no header of its own: the rest of the table on the page before (header printed on
    # the first page only), known by the level labels its rows print
    continues = previous is not None and any(w in key for w in _LEVEL_WORDS)
    evaluation = any(label in key for label in _SELF_EVALUATION)
    # a 部门整体支出绩效自评表 prints tasks and money, no indicator header, on its first page
    if evaluation and (header or continues or "自评表" in key):
        return SELF_EVALUATION
    if not (header or continues):
        return None
    return TARGET if header else previous


def page_kinds(page_texts: list[str]) -> PageKinds:
    """The kind of table each page prints, by its text (pages in order)."""
    kinds: list[str | None] = []
    for text in page_texts:
        kinds.append(_kind(text, kinds[-1] if kinds else None))
    return PageKinds(
        target=tuple(i for i, k in enumerate(kinds, start=1) if k == TARGET),
        self_evaluation=tuple(i for i, k in enumerate(kinds, start=1) if k == SELF_EVALUATION),
        money=money_pages(page_texts),
    )


def pages_phrase(pages: tuple[int, ...] | list[int]) -> str:
    """ "page 46" or "pages 30-36, 40", as a message names them."""
    return f"page{'s' if len(pages) > 1 else ''} {page_ranges(pages)}"


def page_ranges(pages: tuple[int, ...] | list[int]) -> str:
    """Page numbers as ranges, as a message prints them: (3, 4, 5, 9) -> "3-5, 9"."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in runs)
