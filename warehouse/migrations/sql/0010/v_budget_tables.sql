    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, t.table_kind,
           t.table_number_printed, t.table_title, t.pages, t.lines, t.empty, t.unit_printed,
           t.table_seq
    FROM budget_table t
    JOIN document d ON d.document_id = t.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id AND r.part = t.table_kind)
