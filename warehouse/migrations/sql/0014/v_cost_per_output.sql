    WITH project_lines AS (
        -- the project's line in the document's 项目支出表 (X_project) where its name is
        -- printed there once (one name under several units is no one project's)
        SELECT document_sha256, line_label,
               CAST(min(amount_yuan) AS NUMERIC(20, 2)) AS amount_yuan
        FROM v_budget_lines
        WHERE table_kind = 'X_project' AND measure = 'total' AND NOT is_total
        GROUP BY document_sha256, line_label
        HAVING count(*) = 1
    )
    SELECT t.issuer, t.fiscal_year, t.project_seq, t.project_name, t.indicator_name,
           t.target_value AS quantity, t.target_unit AS quantity_unit,
           CAST(coalesce(f.total_yuan, p.amount_yuan) AS NUMERIC(20, 2)) AS total_yuan,
           CAST(coalesce(f.total_yuan, p.amount_yuan) / t.target_value AS NUMERIC(20, 2))
             AS yuan_per_unit,
           (SELECT max(c.target_value) FROM v_indicator_targets c
             WHERE c.document_sha256 = t.document_sha256 AND c.project_seq = t.project_seq
               AND c.horizon = 'annual' AND c.level1 = '成本指标'
               AND c.target_unit = 'yuan' AND c.table_kind = 'target') AS cost_target_yuan,
           p.amount_yuan AS project_line_yuan,
           CASE WHEN f.total_yuan IS NOT NULL THEN 'target_table'
                ELSE 'project_table' END AS total_source
    FROM v_indicator_targets t
    LEFT JOIN v_project_funding f ON f.document_sha256 = t.document_sha256
     AND f.project_seq = t.project_seq AND f.horizon = t.horizon
    LEFT JOIN project_lines p ON p.document_sha256 = t.document_sha256
     AND p.line_label = t.project_name
    WHERE t.horizon = 'annual' AND t.table_kind = 'target' AND t.level2 = '数量指标' AND t.target_kind = 'quantitative'
      AND t.target_value > 0 AND t.target_unit IS NOT NULL AND t.target_unit <> 'percent'
      AND coalesce(f.total_yuan, p.amount_yuan) IS NOT NULL
