    WITH lines AS (
        -- the part each line prints, classified once when it was loaded (sangong_part);
        -- the table's own lines (its 合计 row, not a 预算单位's row; a table that prints
        -- unit rows only: its first unit's, 深圳's one unit) of a document's first T07 (a
        -- second one is another scope); a line's amount is its 合计 column, or the sum
        -- of its fund columns where the table prints the parts by fund only (深圳)
        SELECT document_sha256, issuer, fiscal_year, sangong_part AS part, line_seq,
               coalesce(sum(CASE WHEN measure = 'total' THEN amount_yuan END),
                        sum(CASE WHEN measure IN ('fiscal_general', 'fiscal_fund',
                                                  'fiscal_state_capital')
                                 THEN amount_yuan END)) AS amount_yuan,
               sum(CASE WHEN measure = 'prior_year' THEN amount_yuan END) AS printed_prior_yuan
        FROM v_budget_lines l
        WHERE table_kind = 'T07' AND sangong_part IS NOT NULL
          AND (unit_name = '' OR NOT EXISTS (
                   SELECT 1 FROM v_budget_lines u
                   WHERE u.document_sha256 = l.document_sha256
                     AND u.table_seq = l.table_seq AND u.unit_name = ''))
          AND table_seq = (SELECT min(t.table_seq) FROM v_budget_tables t
                           WHERE t.document_sha256 = l.document_sha256
                             AND t.table_kind = 'T07')
        GROUP BY document_sha256, issuer, fiscal_year, sangong_part, line_seq
    ),
    firsts AS (
        -- a part's first line (a part printed twice is counted once)
        SELECT *, row_number() OVER (PARTITION BY document_sha256, part ORDER BY line_seq)
                  AS nth
        FROM lines
    ),
    cur AS (
        SELECT issuer, fiscal_year, part, sum(amount_yuan) AS amount_yuan,
               sum(printed_prior_yuan) AS printed_prior_yuan
        FROM firsts WHERE nth = 1
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
