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
      AND t.target_value > 0 AND t.target_unit IS NOT NULL AND t.target_unit <> 'percent'
