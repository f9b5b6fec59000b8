    SELECT l.issuer, l.fiscal_year,
           sum(CASE WHEN l.measure = 'total' THEN l.amount_yuan END) AS total_yuan,
           sum(CASE WHEN l.measure = 'basic' THEN l.amount_yuan END) AS basic_yuan,
           sum(CASE WHEN l.measure = 'project' THEN l.amount_yuan END) AS project_yuan,
           CAST(100.0 * sum(CASE WHEN l.measure = 'basic' THEN l.amount_yuan END)
                / NULLIF(sum(CASE WHEN l.measure = 'total' THEN l.amount_yuan END), 0)
                AS NUMERIC(10, 2)) AS basic_pct,
           CAST(100.0 * sum(CASE WHEN l.measure = 'project' THEN l.amount_yuan END)
                / NULLIF(sum(CASE WHEN l.measure = 'total' THEN l.amount_yuan END), 0)
                AS NUMERIC(10, 2)) AS project_pct
    FROM v_budget_lines l
    JOIN (SELECT document_sha256, table_seq, min(line_seq) AS line_seq
          FROM v_budget_lines
          WHERE table_kind = 'T05' AND is_total
          GROUP BY document_sha256, table_seq) g
      ON g.document_sha256 = l.document_sha256 AND g.table_seq = l.table_seq
     AND g.line_seq = l.line_seq
    GROUP BY l.issuer, l.fiscal_year
