    SELECT cur.issuer, cur.fiscal_year, cur.project_name, prev.total_yuan AS previous_yuan,
           cur.total_yuan, cur.total_yuan - prev.total_yuan AS change_yuan,
           CAST(100.0 * (cur.total_yuan - prev.total_yuan) / NULLIF(prev.total_yuan, 0)
                AS NUMERIC(10, 2)) AS change_pct
    FROM v_project_funding cur
    JOIN v_project_funding prev ON prev.issuer = cur.issuer
     AND prev.project_name = cur.project_name AND prev.fiscal_year = cur.fiscal_year - 1
     AND prev.horizon = 'annual' AND prev.table_kind = 'target'
    WHERE cur.horizon = 'annual' AND cur.table_kind = 'target'
