    SELECT d.document_sha256, d.file_name, i.issuer_name AS issuer, d.fiscal_year, c.scope,
           c.document_kind, t.part, d.ingested_at, r.document_id IS NULL AS is_current,
           n.document_sha256 AS superseded_by_sha256,
           n.file_name AS superseded_by_file_name, r.reason AS superseded_reason,
           r.superseded_at
    FROM document d
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    LEFT JOIN document_scope c ON c.document_id = d.document_id
    LEFT JOIN document_part t ON t.document_id = d.document_id
    LEFT JOIN supersession r ON r.document_id = d.document_id AND r.part = t.part
    LEFT JOIN document n ON n.document_id = r.superseded_by_id
