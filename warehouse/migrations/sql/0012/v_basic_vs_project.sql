    WITH grand AS (
        -- the 合计 line of a document's first 一般公共预算支出表 (a second one is another
        -- scope); 基本支出 is its column, or 人员经费 + 公用经费 where no column sums them
        -- (西安 FY2026 prints 人员经费支出 │ 公用经费支出 │ 专项业务经费支出 only)
        SELECT l.issuer, l.fiscal_year,
               sum(CASE WHEN l.measure = 'total' THEN l.amount_yuan END) AS total_yuan,
               coalesce(sum(CASE WHEN l.measure = 'basic' THEN l.amount_yuan END),
                        sum(CASE WHEN l.measure IN ('basic_personnel', 'basic_public')
                                 THEN l.amount_yuan END)) AS basic_yuan,
               sum(CASE WHEN l.measure = 'project' THEN l.amount_yuan END) AS project_yuan
        FROM v_budget_lines l
        JOIN (SELECT document_sha256, min(table_seq) AS table_seq FROM v_budget_tables
              WHERE table_kind = 'T05' GROUP BY document_sha256) f
          ON f.document_sha256 = l.document_sha256 AND f.table_seq = l.table_seq
        JOIN (SELECT document_sha256, table_seq, min(line_seq) AS line_seq
              FROM v_budget_lines
              WHERE table_kind = 'T05' AND is_total
              GROUP BY document_sha256, table_seq) g
          ON g.document_sha256 = l.document_sha256 AND g.table_seq = l.table_seq
         AND g.line_seq = l.line_seq
        GROUP BY l.issuer, l.fiscal_year, l.document_sha256
    )
    SELECT issuer, fiscal_year, sum(total_yuan) AS total_yuan, sum(basic_yuan) AS basic_yuan,
           sum(project_yuan) AS project_yuan,
           CAST(100.0 * sum(basic_yuan) / NULLIF(sum(total_yuan), 0) AS NUMERIC(10, 2))
             AS basic_pct,
           CAST(100.0 * sum(project_yuan) / NULLIF(sum(total_yuan), 0) AS NUMERIC(10, 2))
             AS project_pct
    FROM grand
    GROUP BY issuer, fiscal_year
