    SELECT d.issuer, d.fiscal_year, d.projects,
           count(f.rule) FILTER (WHERE f.severity = 'error') AS errors,
           count(f.rule) FILTER (WHERE f.severity = 'warning') AS warnings,
           count(f.rule) FILTER (WHERE f.severity = 'info') AS infos,
           CAST(1.0 * count(f.rule) FILTER (WHERE f.severity IN ('error', 'warning'))
                / NULLIF(d.projects, 0) AS NUMERIC(10, 2)) AS problems_per_project
    FROM (SELECT document_sha256, issuer, fiscal_year, count(*) AS projects
          FROM v_project_funding WHERE horizon = 'annual'
          GROUP BY document_sha256, issuer, fiscal_year) d
    LEFT JOIN v_findings f ON f.document_sha256 = d.document_sha256
    GROUP BY d.issuer, d.fiscal_year, d.projects
