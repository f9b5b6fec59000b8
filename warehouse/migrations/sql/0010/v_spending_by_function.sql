    SELECT issuer, fiscal_year, function_code, function_level,
           min(line_label) AS function_name,
           sum(CASE WHEN measure = 'total' THEN amount_yuan END) AS total_yuan,
           sum(CASE WHEN measure = 'basic' THEN amount_yuan END) AS basic_yuan,
           sum(CASE WHEN measure = 'project' THEN amount_yuan END) AS project_yuan
    FROM v_budget_lines
    WHERE table_kind = 'T05' AND function_level IN ('类', '款') AND NOT is_total
    GROUP BY issuer, fiscal_year, function_code, function_level
