    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, t.table_kind,
           t.table_number_printed, t.table_title, l.line_seq, l.line_label, l.function_code,
           l.function_level, l.economic_code, l.economic_code_gov, l.is_total, l.measure,
           l.measure_raw, l.amount_yuan, l.unit_printed, l.precision_yuan, l.source_page,
           l.source_table, l.source_row, l.amount_printed, t.table_seq,
           l.unit_name, l.sangong_part, l.classification
    FROM fct_budget_line l
    JOIN budget_table t ON t.budget_table_id = l.budget_table_id
    JOIN document d ON d.document_id = t.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id AND r.part = t.table_kind)
