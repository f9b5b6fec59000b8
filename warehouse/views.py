"""The contract views (DESIGN §4): current document versions only, printed text kept.

Plain SQL that DuckDB and PostgreSQL both run. A migration freezes the text it creates;
``VIEWS`` here is the current definition that a new migration copies when a view changes.
"""

from __future__ import annotations

_CURRENT = """
    FROM {fact} x
    JOIN project p ON p.project_id = x.project_id
    JOIN document d ON d.document_id = p.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL"""

VIEWS: dict[str, str] = {
    "v_project_funding": """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, p.implementing_unit, p.project_attribute, x.horizon,
           x.period_start_year, x.period_end_year, x.total_yuan, x.fiscal_yuan, x.other_yuan
    """
    + _CURRENT.format(fact="fct_project_funding"),
    "v_indicator_targets": """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, x.horizon, c.level1, c.level2, x.level1_raw, x.level2_raw,
           x.indicator_name, x.target_text, x.standard_text, x.target_op, x.target_value,
           x.target_unit, x.target_kind, x.target_date, x.source_page
    """
    + _CURRENT.format(fact="fct_indicator_target").replace(
        "    WHERE",
        "    LEFT JOIN dim_indicator_category c ON c.category_id = x.category_id\n    WHERE",
    ),
    "v_findings": """
    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, x.project_seq,
           x.rule, x.severity, x.detail
    FROM finding x
    JOIN document d ON d.document_id = x.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL""",
}
