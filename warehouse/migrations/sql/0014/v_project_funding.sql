    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, p.project_seq,
           p.project_name, p.implementing_unit, p.project_attribute, x.horizon,
           x.period_start_year, x.period_end_year, x.total_yuan, x.fiscal_yuan, x.other_yuan,
           s.set_kind, s.project_code, s.department, s.attribute_kind, c.scope,
           c.document_kind, s.table_kind, s.score_total
    FROM fct_project_funding x
    JOIN project p ON p.project_id = x.project_id
    JOIN target_set s ON s.project_id = p.project_id
    JOIN document d ON d.document_id = p.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    LEFT JOIN document_scope c ON c.document_id = d.document_id
    WHERE d.superseded_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id
                        AND r.part = CASE WHEN s.table_kind = 'self_evaluation'
                                          THEN 'self_eval:' || s.set_kind
                                          ELSE s.set_kind END)
