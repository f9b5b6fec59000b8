    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, x.project_seq,
           x.rule, x.severity, x.detail
    FROM finding x
    JOIN document d ON d.document_id = x.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    LEFT JOIN project p ON p.document_id = x.document_id AND p.project_seq = x.project_seq
    LEFT JOIN target_set s ON s.project_id = p.project_id
    WHERE d.superseded_by_id IS NULL
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id AND r.part = s.set_kind)
