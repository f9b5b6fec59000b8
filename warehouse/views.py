"""The contract views (DESIGN §4): current document versions only, printed text kept.

Plain SQL that DuckDB and PostgreSQL both run. Definitions are versioned by the migration
that creates them (``AT_REVISION``): a migration uses the text of its own revision, so an
old migration keeps building the schema of its day. ``VIEWS`` is the newest. Columns are
only ever added (the contract is extended, never renamed).
"""

from __future__ import annotations

_CURRENT = """
    FROM {fact} x
    JOIN project p ON p.project_id = x.project_id
    JOIN document d ON d.document_id = p.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id{join}
    WHERE d.superseded_by_id IS NULL"""
_CATEGORY = "\n    LEFT JOIN dim_indicator_category c ON c.category_id = x.category_id"

_FUNDING = """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, p.implementing_unit, p.project_attribute, x.horizon,
           x.period_start_year, x.period_end_year, x.total_yuan, x.fiscal_yuan, x.other_yuan
    """ + _CURRENT.format(fact="fct_project_funding", join="")

_TARGETS_COLUMNS = """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, x.horizon, c.level1, c.level2, x.level1_raw, x.level2_raw,
           x.indicator_name, x.target_text, x.standard_text, x.target_op, x.target_value,
           x.target_unit, x.target_kind, x.target_date, x.source_page"""
_TARGETS_FROM = _CURRENT.format(fact="fct_indicator_target", join=_CATEGORY)

_FINDINGS = """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, x.project_seq,
           x.rule, x.severity, x.detail
    FROM finding x
    JOIN document d ON d.document_id = x.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL"""

AT_REVISION: dict[str, dict[str, str]] = {
    "0001": {
        "v_project_funding": _FUNDING,
        "v_indicator_targets": _TARGETS_COLUMNS + _TARGETS_FROM,
        "v_findings": _FINDINGS,
    },
    "0003": {
        "v_project_funding": _FUNDING,
        # added: target_grade (ordinal of a qualitative target), source_table, source_row
        "v_indicator_targets": _TARGETS_COLUMNS
        + ", x.target_grade, x.source_table, x.source_row"
        + _TARGETS_FROM,
        "v_findings": _FINDINGS,
    },
}
VIEWS = AT_REVISION[max(AT_REVISION)]
