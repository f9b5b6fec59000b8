    SELECT issuer, fiscal_year, project_attribute, count(*) AS projects,
           sum(total_yuan) AS total_yuan, sum(fiscal_yuan) AS fiscal_yuan,
           sum(other_yuan) AS other_yuan
    FROM v_project_funding WHERE horizon = 'annual' AND table_kind = 'target'
    GROUP BY issuer, fiscal_year, project_attribute
