"""The rule suites run: every document of a run checked in one go.

``validate`` stacks the run's documents into one frame per grain (projects, funding,
indicators), runs one great-expectations suite per frame in an ephemeral context, and maps
every unexpected row back to document, project, horizon and indicator row as a finding.
great_expectations is imported here, on first use: the import alone costs seconds.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import polars as pl

from expectations.frames import DocumentToCheck, build_frames
from expectations.rules import RULES, THRESHOLDS, Rule

FINDINGS_SCHEMA = {
    "document_sha256": pl.String,
    "project_seq": pl.Int32,
    "horizon": pl.String,
    "row_seq": pl.Int32,
    "rule": pl.String,
    "severity": pl.String,
    "detail": pl.String,
    "indicator_name": pl.String,  # the indicator row a finding is about, if any
    "value": pl.String,  # the printed value the rule judged
    "source_page": pl.Int32,
}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "—"


def _detail(rule: Rule, row: dict[str, Any]) -> str:
    shown = _Blank({k: ("—" if v is None else v) for k, v in row.items()})
    return rule.detail.format_map(shown)


def _kwargs(rule: Rule, thresholds: dict[str, float]) -> dict[str, Any]:
    return {
        k: thresholds[v[1:]] if isinstance(v, str) and v.startswith("$") else v
        for k, v in rule.kwargs.items()
    }


def _run_suites(
    frames: dict[str, pl.DataFrame], thresholds: dict[str, float]
) -> dict[int, list[int]]:
    """Rule index -> unexpected row indices, one batch and suite per frame."""
    # GX logs every ephemeral context it makes at INFO; a run needs none of it.
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("run")
    failures: dict[int, list[int]] = {}
    by_frame: dict[str, list[tuple[int, Rule]]] = defaultdict(list)
    for i, rule in enumerate(RULES):
        by_frame[rule.frame].append((i, rule))
    for name, rules in by_frame.items():
        frame = frames[name]
        if frame.height == 0:
            continue
        columns = sorted({c for _, r in rules for c in _columns(r)})
        # GX has no polars source; hand it just the columns the rules read.
        df = frame.select(columns).to_pandas(use_pyarrow_extension_array=False)
        batch = (
            source.add_dataframe_asset(name)
            .add_batch_definition_whole_dataframe("all")
            .get_batch(batch_parameters={"dataframe": df})
        )
        suite = gx.ExpectationSuite(name=name)
        for i, rule in rules:
            expectation = getattr(gxe, rule.expectation)(
                **_kwargs(rule, thresholds),
                meta={"rule": rule.rule, "severity": rule.severity, "index": i},
            )
            suite.add_expectation(expectation)
        result = batch.validate(suite, result_format="COMPLETE")
        for r in result.results:
            assert r.expectation_config is not None
            index = int(r.expectation_config.meta["index"])
            if not r.success:
                failures[index] = [int(k) for k in r.result.get("unexpected_index_list") or []]
    return failures


def _columns(rule: Rule) -> list[str]:
    kw = rule.kwargs
    return [kw[k] for k in ("column", "column_A", "column_B") if k in kw] + list(
        kw.get("column_list", [])
    )


def validate(
    docs: list[DocumentToCheck], thresholds: dict[str, float] | None = None
) -> pl.DataFrame:
    """Findings for all documents of a run (FINDINGS_SCHEMA), most severe first."""
    thresholds = {**THRESHOLDS, **(thresholds or {})}
    docs = [d for d in docs if d.has_content]
    if not docs:
        return pl.DataFrame(schema=FINDINGS_SCHEMA)
    frames = build_frames(docs)
    rows = []
    for index, row_ids in _run_suites(frames, thresholds).items():
        rule = RULES[index]
        frame = frames[rule.frame]
        for k in row_ids:
            row = frame.row(k, named=True)
            rows.append(
                {
                    "document_sha256": row["document_sha256"],
                    "project_seq": row["project_seq"],
                    "horizon": row.get("horizon"),
                    "row_seq": row.get("row_seq"),
                    "rule": rule.rule,
                    "severity": rule.severity,
                    "detail": _detail(rule, row),
                    "indicator_name": row.get("indicator_name"),
                    "value": None
                    if not rule.value or row.get(rule.value) is None
                    else str(row[rule.value]),
                    "source_page": row.get("source_page"),
                }
            )
    findings = pl.DataFrame(rows, schema=FINDINGS_SCHEMA)
    return findings.sort(
        pl.col("document_sha256"),
        pl.col("severity").replace_strict(SEVERITY_ORDER),
        pl.col("project_seq"),
        pl.col("rule"),
        pl.col("horizon"),
        pl.col("row_seq"),
        nulls_last=True,
    )
