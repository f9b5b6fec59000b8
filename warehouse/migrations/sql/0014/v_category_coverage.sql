    SELECT p.issuer, p.fiscal_year, c.level1, count(DISTINCT p.project_seq) AS projects,
           count(DISTINCT t.project_seq) AS projects_with_category,
           count(DISTINCT p.project_seq) - count(DISTINCT t.project_seq)
               AS projects_without_category
    FROM v_project_funding p
    CROSS JOIN (SELECT DISTINCT level1 FROM dim_indicator_category
                WHERE is_canonical) c
    LEFT JOIN v_indicator_targets t ON t.document_sha256 = p.document_sha256
     AND t.project_seq = p.project_seq AND t.horizon = p.horizon AND t.level1 = c.level1
    WHERE p.horizon = 'annual' AND p.table_kind = 'target'
    GROUP BY p.issuer, p.fiscal_year, c.level1
