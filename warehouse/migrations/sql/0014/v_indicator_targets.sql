    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, x.horizon, c.level1, c.level2, x.level1_raw, x.level2_raw,
           x.indicator_name, x.target_text, x.standard_text, x.target_op, x.target_value,
           x.target_unit, x.target_kind, x.target_date, x.source_page, x.target_grade,
           x.source_table, x.source_row, s.set_kind, x.weight, x.target_unit_printed,
           x.unit_dimension, x.target_value_base, ds.scope, ds.document_kind, x.activity,
           s.table_kind, x.actual_text, x.actual_value, x.actual_unit, x.score
    FROM fct_indicator_target x
    JOIN project p ON p.project_id = x.project_id
    JOIN target_set s ON s.project_id = p.project_id
    JOIN document d ON d.document_id = p.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    LEFT JOIN dim_indicator_category c ON c.category_id = x.category_id
    LEFT JOIN document_scope ds ON ds.document_id = d.document_id
    WHERE d.superseded_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id
                        AND r.part = CASE WHEN s.table_kind = 'self_evaluation'
                                          THEN 'self_eval:' || s.set_kind
                                          ELSE s.set_kind END)
