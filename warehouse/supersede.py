"""Which parts of an earlier document a later one replaces, and why: a pure rule.

A document is its issuer and fiscal year, its scope (the 本级 / 汇总 its cover prints, and
the kind of document: 部门预算, 单位预算 …) and its part: the kinds of content it holds,
target sets by kind (project | department | transfer) and money tables by kind (T01 …).
A later document replaces an earlier one of the same issuer and year only where it
repeats it: the same scope, and in a part both hold, a set of the earlier one again (by
project code or by name) or the same money table. Otherwise both stay current: a
department's 部门预算 and its 单位预算（本级）are two documents, and so are a 部门整体 form
published alone and the department's project list. A resubmission repeats its sets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from normalize.text import compact

#: the kinds of target set (extractors.model.Project.set_kind); every other part is a
#: money table's kind, which a document holds at most once
SET_KINDS = ("project", "department", "transfer")
#: a self-evaluation's sets (绩效自评表 of a 部门决算) are a part of their own per set kind:
#: they repeat the year's targets of its 部门预算, which they never replace
SELF_EVALUATION_PART = "self_eval:"  # parts are at most 20 characters
SET_PARTS = (*SET_KINDS, *(SELF_EVALUATION_PART + k for k in SET_KINDS))


def set_part(set_kind: str, table_kind: str = "target") -> str:
    """The part a target set belongs to: its kind, apart for a self-evaluation's."""
    return SELF_EVALUATION_PART + set_kind if table_kind == "self_evaluation" else set_kind


#: a department's own set (部门整体) is the department: one per document, however named
DEPARTMENT_KEY = "部门整体"


@dataclass(frozen=True)
class Identity:
    """What a document is, beside its issuer and fiscal year."""

    scope: str = ""  # 本级 | 汇总 | "" (none printed)
    document_kind: str = ""  # 部门预算 | 单位预算 | 部门决算 … | "" (no cover)
    #: part -> what it holds, each item by its keys: a set by "code:…" and "name:…", a
    #: money table by its kind
    parts: Mapping[str, tuple[frozenset[str], ...]] = field(default_factory=dict)

    @property
    def scope_text(self) -> str:
        return " ".join(x for x in (self.scope, self.document_kind) if x) or "no scope printed"


def identity(
    scope: str,
    document_kind: str,
    sets: Iterable[tuple[str, str | None, str]],
    money_kinds: Iterable[str] = (),
) -> Identity:
    """A document's identity from its sets as (part, project_code, project_name) and
    the kinds of its money tables. A code printed on several sets of the document names a
    unit, not a set (a list's 单位编码), and is not a key."""
    sets = list(sets)
    codes = Counter(compact(code) for _, code, _ in sets if code)
    parts: dict[str, list[frozenset[str]]] = {}
    for kind, code, name in sets:
        keys = {f"name:{compact(name)}"} if compact(name) else set()
        if kind.endswith("department"):
            keys = {DEPARTMENT_KEY}
        elif code and codes[compact(code)] == 1:
            keys.add(f"code:{compact(code)}")
        parts.setdefault(kind, []).append(frozenset(keys))
    for kind in money_kinds:
        parts[kind] = [frozenset({kind})]
    return Identity(scope, document_kind, {k: tuple(v) for k, v in parts.items()})


def replaced_parts(later: Identity, earlier: Identity) -> dict[str, str]:
    """The parts of ``earlier`` that ``later`` repeats, each with the reason."""
    if (later.scope, later.document_kind) != (earlier.scope, earlier.document_kind):
        return {}
    out: dict[str, str] = {}
    for part, items in earlier.parts.items():
        again = frozenset().union(*later.parts.get(part, ()))
        repeated = sum(bool(keys & again) for keys in items)
        if not repeated:
            continue
        if part not in SET_PARTS:
            out[part] = f"repeats money table {part} ({earlier.scope_text})"
        elif part.endswith("department"):
            out[part] = f"repeats the 部门整体 set ({earlier.scope_text})"
        else:
            out[part] = (
                f"repeats {repeated} of {len(items)} {part} sets by code or name "
                f"({earlier.scope_text})"
            )
    return out
