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
# Cross-department views behind ``budget-etl query`` (and any BI tool), current documents
# only, annual horizon unless a column says otherwise.
_QUERIES_0006 = {
    "v_funding_by_department": """
    SELECT issuer, fiscal_year, project_attribute, count(*) AS projects,
           sum(total_yuan) AS total_yuan, sum(fiscal_yuan) AS fiscal_yuan,
           sum(other_yuan) AS other_yuan
    FROM v_project_funding WHERE horizon = 'annual'
    GROUP BY issuer, fiscal_year, project_attribute""",
    "v_cost_per_output": """
    SELECT t.issuer, t.fiscal_year, t.project_seq, t.project_name, t.indicator_name,
           t.target_value AS quantity, t.target_unit AS quantity_unit, f.total_yuan,
           CAST(f.total_yuan / t.target_value AS NUMERIC(20, 2)) AS yuan_per_unit,
           (SELECT max(c.target_value) FROM v_indicator_targets c
             WHERE c.document_sha256 = t.document_sha256 AND c.project_seq = t.project_seq
               AND c.horizon = 'annual' AND c.level1 = '成本指标'
               AND c.target_unit = 'yuan') AS cost_target_yuan
    FROM v_indicator_targets t
    JOIN v_project_funding f ON f.document_sha256 = t.document_sha256
     AND f.project_seq = t.project_seq AND f.horizon = t.horizon
    WHERE t.horizon = 'annual' AND t.level2 = '数量指标' AND t.target_kind = 'quantitative'
      AND t.target_value > 0 AND t.target_unit IS NOT NULL AND t.target_unit <> 'percent'""",
    "v_satisfaction_by_department": """
    SELECT issuer, fiscal_year, count(*) AS targets, min(target_value) AS min_target_pct,
           CAST(avg(target_value) AS NUMERIC(10, 2)) AS avg_target_pct,
           count(*) FILTER (WHERE target_value < 90) AS below_90
    FROM v_indicator_targets
    WHERE horizon = 'annual' AND level1 = '满意度指标' AND target_unit = 'percent'
    GROUP BY issuer, fiscal_year""",
    "v_category_coverage": """
    SELECT p.issuer, p.fiscal_year, c.level1, count(DISTINCT p.project_seq) AS projects,
           count(DISTINCT t.project_seq) AS projects_with_category,
           count(DISTINCT p.project_seq) - count(DISTINCT t.project_seq)
               AS projects_without_category
    FROM v_project_funding p
    CROSS JOIN (SELECT DISTINCT level1 FROM dim_indicator_category
                WHERE is_canonical) c
    LEFT JOIN v_indicator_targets t ON t.document_sha256 = p.document_sha256
     AND t.project_seq = p.project_seq AND t.horizon = p.horizon AND t.level1 = c.level1
    WHERE p.horizon = 'annual'
    GROUP BY p.issuer, p.fiscal_year, c.level1""",
    "v_yoy_changes": """
    SELECT cur.issuer, cur.fiscal_year, cur.project_name, prev.total_yuan AS previous_yuan,
           cur.total_yuan, cur.total_yuan - prev.total_yuan AS change_yuan,
           CAST(100.0 * (cur.total_yuan - prev.total_yuan) / NULLIF(prev.total_yuan, 0)
                AS NUMERIC(10, 2)) AS change_pct
    FROM v_project_funding cur
    JOIN v_project_funding prev ON prev.issuer = cur.issuer
     AND prev.project_name = cur.project_name AND prev.fiscal_year = cur.fiscal_year - 1
     AND prev.horizon = 'annual'
    WHERE cur.horizon = 'annual'""",
    "v_findings_scoreboard": """
    SELECT d.issuer, d.fiscal_year, d.projects,
           count(f.rule) FILTER (WHERE f.severity = 'error') AS errors,
           count(f.rule) FILTER (WHERE f.severity = 'warning') AS warnings,
           count(f.rule) FILTER (WHERE f.severity = 'info') AS infos,
           CAST(1.0 * count(f.rule) FILTER (WHERE f.severity IN ('error', 'warning'))
                / NULLIF(d.projects, 0) AS NUMERIC(10, 2)) AS problems_per_project
    FROM (SELECT document_sha256, issuer, fiscal_year, count(*) AS projects
          FROM v_project_funding WHERE horizon = 'annual'
          GROUP BY document_sha256, issuer, fiscal_year) d
    LEFT JOIN v_findings f ON f.document_sha256 = d.document_sha256
    GROUP BY d.issuer, d.fiscal_year, d.projects""",
}
AT_REVISION["0006"] = {**AT_REVISION["0003"], **_QUERIES_0006}

VIEWS = AT_REVISION[max(AT_REVISION)]
