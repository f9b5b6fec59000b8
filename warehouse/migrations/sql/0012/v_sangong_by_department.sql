    WITH parts AS (
        -- the part each line prints, classified once when it was loaded (sangong_part);
        -- the table's own lines (not a 预算单位's row), a document's first T07 (a second
        -- one is another scope), a part's first line
        SELECT issuer, fiscal_year, measure, amount_yuan, sangong_part AS part,
               row_number() OVER (PARTITION BY document_sha256, sangong_part, measure
                                  ORDER BY line_seq) AS nth
        FROM v_budget_lines l
        WHERE table_kind = 'T07' AND sangong_part IS NOT NULL AND unit_name = ''
          AND measure IN ('total', 'prior_year')
          AND table_seq = (SELECT min(t.table_seq) FROM v_budget_tables t
                           WHERE t.document_sha256 = l.document_sha256
                             AND t.table_kind = 'T07')
    ),
    cur AS (
        SELECT issuer, fiscal_year, part,
               sum(CASE WHEN measure = 'total' THEN amount_yuan END) AS amount_yuan,
               sum(CASE WHEN measure = 'prior_year' THEN amount_yuan END) AS printed_prior_yuan
        FROM parts WHERE nth = 1
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
