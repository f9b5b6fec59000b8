    SELECT issuer, fiscal_year, count(*) AS targets, min(target_value) AS min_target_pct,
           CAST(avg(target_value) AS NUMERIC(10, 2)) AS avg_target_pct,
           count(*) FILTER (WHERE target_value < 90) AS below_90
    FROM v_indicator_targets
    WHERE horizon = 'annual' AND table_kind = 'target' AND level1 = '满意度指标' AND target_unit = 'percent'
    GROUP BY issuer, fiscal_year
