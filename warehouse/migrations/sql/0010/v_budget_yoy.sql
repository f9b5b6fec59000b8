    WITH totals AS (
        SELECT l.issuer, l.fiscal_year, l.amount_yuan AS total_yuan
        FROM v_budget_lines l
        JOIN (SELECT document_sha256, table_seq, max(line_seq) AS line_seq
              FROM v_budget_lines
              WHERE table_kind = 'T01' AND is_total AND measure IN ('expense', 'expense_total')
              GROUP BY document_sha256, table_seq) g
          ON g.document_sha256 = l.document_sha256 AND g.table_seq = l.table_seq
         AND g.line_seq = l.line_seq
        WHERE l.measure IN ('expense', 'expense_total')
    )
    SELECT cur.issuer, cur.fiscal_year, prev.total_yuan AS previous_yuan, cur.total_yuan,
           cur.total_yuan - prev.total_yuan AS change_yuan,
           CAST(100.0 * (cur.total_yuan - prev.total_yuan) / NULLIF(prev.total_yuan, 0)
                AS NUMERIC(10, 2)) AS change_pct
    FROM totals cur
    LEFT JOIN totals prev ON prev.issuer = cur.issuer AND prev.fiscal_year = cur.fiscal_year - 1
