    WITH parts AS (
        SELECT issuer, fiscal_year, measure, amount_yuan,
               CASE WHEN is_total THEN 'total'
                    WHEN line_label LIKE '%出国%' THEN 'abroad'
                    WHEN line_label LIKE '%购置及运行%' OR line_label LIKE '%购置和运行%'
                      OR line_label = '公务用车费' THEN 'vehicle'
                    WHEN line_label LIKE '%购置%' THEN 'vehicle_purchase'
                    WHEN line_label LIKE '%运行%' THEN 'vehicle_operation'
                    WHEN line_label LIKE '%接待%' THEN 'reception'
               END AS part
        FROM v_budget_lines
        WHERE table_kind = 'T07' AND measure IN ('total', 'prior_year')
    ),
    cur AS (
        SELECT issuer, fiscal_year, part,
               sum(CASE WHEN measure = 'total' THEN amount_yuan END) AS amount_yuan,
               sum(CASE WHEN measure = 'prior_year' THEN amount_yuan END) AS printed_prior_yuan
        FROM parts WHERE part IS NOT NULL
        GROUP BY issuer, fiscal_year, part
    )
    SELECT cur.issuer, cur.fiscal_year, cur.part, cur.amount_yuan,
           coalesce(prev.amount_yuan, cur.printed_prior_yuan) AS previous_yuan,
           cur.amount_yuan - coalesce(prev.amount_yuan, cur.printed_prior_yuan) AS change_yuan,
           CAST(100.0 * (cur.amount_yuan - coalesce(prev.amount_yuan, cur.printed_prior_yuan))
                / NULLIF(coalesce(prev.amount_yuan, cur.printed_prior_yuan), 0)
                AS NUMERIC(10, 2)) AS change_pct
    FROM cur
    LEFT JOIN cur prev ON prev.issuer = cur.issuer AND prev.part = cur.part
     AND prev.fiscal_year = cur.fiscal_year - 1
