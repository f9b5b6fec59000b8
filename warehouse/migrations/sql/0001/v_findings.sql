    SELECT d.document_sha256, i.issuer_name AS issuer, d.fiscal_year, x.project_seq,
           x.rule, x.severity, x.detail
    FROM finding x
    JOIN document d ON d.document_id = x.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    WHERE d.superseded_by_id IS NULL
