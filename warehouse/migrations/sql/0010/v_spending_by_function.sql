    WITH coded AS (
        SELECT document_sha256, issuer, fiscal_year, table_seq, function_code, measure,
               amount_yuan
        FROM v_budget_lines l
        WHERE table_kind = 'T05' AND function_code IS NOT NULL AND NOT is_total
          AND measure IN ('total', 'basic', 'project')
          -- a document's first 一般公共预算支出表 (a second one is another scope)
          AND table_seq = (SELECT min(t.table_seq) FROM v_budget_tables t
                           WHERE t.document_sha256 = l.document_sha256
                             AND t.table_kind = 'T05')
    ),
    leaves AS (
        -- the deepest lines printed: a 类 whose 款 are printed is counted through them,
        -- so tables printed down to 项 only (北京, 泉州) answer by 类 and 款 as well
        SELECT c.* FROM coded c
        WHERE NOT EXISTS (
            SELECT 1 FROM coded x
            WHERE x.document_sha256 = c.document_sha256 AND x.table_seq = c.table_seq
              AND x.measure = c.measure
              AND length(x.function_code) > length(c.function_code)
              AND substr(x.function_code, 1, length(c.function_code)) = c.function_code)
    ),
    levels AS (
        SELECT issuer, fiscal_year, substr(function_code, 1, 3) AS function_code,
               '类' AS function_level, measure, amount_yuan
        FROM leaves
        UNION ALL
        SELECT issuer, fiscal_year, substr(function_code, 1, 5), '款', measure, amount_yuan
        FROM leaves WHERE length(function_code) >= 5
    )
    SELECT v.issuer, v.fiscal_year, v.function_code, v.function_level,
           (SELECT min(f.function_name) FROM dim_function_class f
            WHERE f.function_code = v.function_code
              AND f.edition_year = v.fiscal_year) AS function_name,
           sum(CASE WHEN v.measure = 'total' THEN v.amount_yuan END) AS total_yuan,
           sum(CASE WHEN v.measure = 'basic' THEN v.amount_yuan END) AS basic_yuan,
           sum(CASE WHEN v.measure = 'project' THEN v.amount_yuan END) AS project_yuan
    FROM levels v
    GROUP BY v.issuer, v.fiscal_year, v.function_code, v.function_level
