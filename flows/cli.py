"""The ``budget-etl`` command (DESIGN §4 contract): ``ingest PATH... [--warehouse] [--json]``.

Exit codes: 0 nothing rejected or failed, 1 something was (the rest still loaded),
2 usage or configuration errors.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Annotated, Any

import typer

from warehouse.db import shown_url

log = logging.getLogger("budget_etl")
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Budget annex (项目支出绩效目标表) ETL into a queryable warehouse.",
)

# Prefect runs offline and quiet unless the operator configured it otherwise.
_PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_ENABLED": "false",
}


@app.callback()
def _root() -> None:
    """Budget annex ETL."""


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (recursive)")],
    warehouse: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the warehouse")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON run summary")] = False,
    prefect: Annotated[
        bool, typer.Option("--prefect", help="run as a tracked Prefect flow run")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="log what the libraries say too")
    ] = False,
) -> None:
    """Extract, validate and load annex PDFs; one status per document.

    The run is inline (no Prefect server needed) unless PREFECT_API_URL is set, --prefect
    is given or BUDGET_ETL_DASK_ADDRESS names a Dask cluster: then it is a tracked Prefect
    flow run (budget-etl-ingest) on that API (--prefect without an API: a temporary local
    Prefect server, ~10 s more). The steps and their order are the same either way.
    """
    from flows.workers import warm_up

    # The validator (great_expectations: seconds of imports) starts first, on the other
    # core, while this process reads its settings and opens the warehouse; the readers'
    # forkserver starts when the run begins (no earlier: it would slow the validator down).
    warm_up(paths, readers=False)
    settings, url = _configure(warehouse, verbose)
    log.info("settings read; validator starting")
    _open_warehouse(url)
    log.info("warehouse schema current")
    parameters = settings.run_parameters(
        url, [str(p) for p in paths], 0.0, progress=not as_json and sys.stderr.isatty()
    )
    try:
        if settings.tracked(asked=prefect):
            from flows.ingest import flow_for

            summary = flow_for(settings)(**parameters)
        else:
            from flows.pipeline import run_ingest

            summary = run_ingest(**parameters)
    except Exception as exc:  # warehouse unreachable, bad URL: configuration, not a document
        typer.echo(f"budget-etl: cannot run against {url}: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from exc
    if as_json:
        out = {
            "run_id": summary.run_id,
            "warehouse": shown_url(url),
            "documents": summary.documents,
            "report": summary.report,
            "alerts": summary.alerts,
        }
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_human(summary.documents, url)
        if summary.report:
            typer.echo(f"report: {summary.report}")
        for path in summary.deferred:
            typer.echo(f"[deferred] {path}: still being written; next run")
        for a in summary.alerts:
            typer.echo(f"alerts {a['channel']}: {a['sent']} sent, {a['failed']} failed")
    raise typer.Exit(summary.exit_code)


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option(help="folder the departments' annexes land in")],
    cron: Annotated[str | None, typer.Option(help="schedule; default BUDGET_ETL_CRON")] = None,
    warehouse: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the warehouse")] = None,
) -> None:
    """Serve the ingestion flow on a schedule (Asia/Shanghai) against a Prefect server.

    Needs PREFECT_API_URL pointing at a running ``prefect server start``; runs until
    stopped. Files modified in the last BUDGET_ETL_SETTLE_S seconds wait for the next run.
    """
    settings, url = _configure(warehouse)
    _open_warehouse(url)
    from flows.ingest import deployment_for

    deployment = deployment_for(settings, url, inbox, cron or settings.cron)
    from prefect import serve as prefect_serve

    prefect_serve(deployment)


@app.command()
def alerts(
    warehouse: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the warehouse")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="show, do not send")] = False,
) -> None:
    """Send the pending data-quality alerts (each item once per channel)."""
    settings, url = _configure(warehouse)
    from alerts import send_alerts
    from warehouse.db import make_engine, upgrade

    if not settings.alert_urls:
        typer.echo("budget-etl: no alert channels configured (BUDGET_ETL_ALERT_URLS)", err=True)
        raise typer.Exit(2)
    engine = make_engine(url)
    try:
        upgrade(engine)
        reports = send_alerts(
            engine, [u.get_secret_value() for u in settings.alert_urls], dry_run=dry_run
        )
    except Exception as exc:
        typer.echo(f"budget-etl: cannot run against {url}: {type(exc).__name__}: {exc}", err=True)
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    failed = False
    for r in reports:
        verb = "would send" if dry_run else f"sent {r.sent}, failed {r.failed} of"
        typer.echo(f"== {r.channel}: {verb} {len(r.messages)} messages")
        failed = failed or r.failed > 0
        if dry_run:
            for m in r.messages:
                typer.echo(f"--- {m.title}\n{m.body}\n")
    raise typer.Exit(1 if failed else 0)


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="a named query (see --help)")],
    warehouse: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the warehouse")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, json or parquet")] = "table",
    out: Annotated[Path | None, typer.Option(help="write to this file instead of stdout")] = None,
) -> None:
    """Cross-department queries: funding_by_department, cost_per_output,
    satisfaction_by_department, category_coverage, yoy_changes, findings_scoreboard."""
    from warehouse.queries import QUERIES, run_query

    if name not in QUERIES:
        known = "\n".join(f"  {k:28} {v[1]}" for k, v in QUERIES.items())
        typer.echo(f"budget-etl: no query {name!r}; the named queries are:\n{known}", err=True)
        raise typer.Exit(2)
    if fmt not in ("table", "csv", "json", "parquet"):
        typer.echo(f"budget-etl: unknown format {fmt!r}", err=True)
        raise typer.Exit(2)
    if fmt == "parquet" and out is None:
        out = Path(f"{name}.parquet")
    _, url = _configure(warehouse)
    _open_warehouse(url)
    frame = run_query(url, name)
    if fmt == "parquet":
        assert out is not None
        frame.write_parquet(out)
        typer.echo(f"{frame.height} rows -> {out}")
        return
    if fmt == "csv":
        text = frame.write_csv()
    elif fmt == "json":
        text = json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1)
    else:
        import polars as pl

        with pl.Config(
            tbl_rows=-1,
            tbl_cols=-1,
            tbl_width_chars=200,
            fmt_str_lengths=40,
            tbl_hide_dataframe_shape=True,
        ):
            text = str(frame)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"{frame.height} rows -> {out}")
    else:
        typer.echo(text)


@app.command()
def report(
    out: Annotated[Path, typer.Option(help="folder for index.html")] = Path("budget_etl_report"),
    warehouse: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the warehouse")] = None,
) -> None:
    """Write the cross-department HTML report (offline, charts inline)."""
    from warehouse.report import write_report

    _, url = _configure(warehouse)
    _open_warehouse(url)
    typer.echo(f"report: {write_report(url, shown_url(url), out)}")


def _open_warehouse(url: str) -> None:
    """Reach the warehouse and bring its schema up to date before any work, or exit 2."""
    from warehouse.db import make_engine, upgrade

    engine = None
    try:
        engine = make_engine(url)
        upgrade(engine)
    except Exception as exc:
        if "lock" in str(exc).lower():  # DuckDB: one writing process per file
            typer.echo(
                f"budget-etl: the warehouse {shown_url(url)} is in use by another "
                "process; wait for it to finish, or use PostgreSQL "
                "(--warehouse postgresql+psycopg://…) for concurrent runs",
                err=True,
            )
        else:
            typer.echo(
                f"budget-etl: cannot open the warehouse {shown_url(url)}: "
                f"{type(exc).__name__}: {str(exc).splitlines()[0]}",
                err=True,
            )
        raise typer.Exit(2) from exc
    finally:
        if engine is not None:
            engine.dispose()


def _configure(warehouse: str | None, verbose: bool = False) -> tuple[Any, str]:
    """Settings (read once) and the warehouse URL, or exit 2 on bad configuration.

    Logging: the program's own warnings only; ``verbose`` lets the libraries speak too."""
    from flows.settings import Settings
    from warehouse.db import default_url

    logging.basicConfig(
        level=logging.INFO if verbose else logging.ERROR,
        format="%(levelname)s %(name)s: [%(relativeCreated)5.0f ms] %(message)s",
    )
    logging.getLogger("budget_etl").setLevel(logging.INFO if verbose else logging.WARNING)
    if not verbose:
        warnings.filterwarnings("ignore")

    try:
        settings = Settings()
    except Exception as exc:
        typer.echo(f"budget-etl: bad configuration: {exc}", err=True)
        raise typer.Exit(2) from exc
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    return settings, warehouse or settings.warehouse_url or default_url()


def _print_human(documents: list[dict[str, Any]], url: str) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, markup=False, soft_wrap=True)
    for d in documents:
        counts = {
            s: sum(f["severity"] == s for f in d["findings"]) for s in ("error", "warning", "info")
        }
        head = f"[{d['status']}] {d['path']}"
        if d["reason_code"]:
            head += f" ({d['reason_code']})"
        console.print(head)
        if d["status"] == "loaded":
            console.print(
                f"    {d['issuer']} {d['fiscal_year']}: {d['projects']} projects, "
                f"{d['indicators']} indicator rows; findings: {counts['error']} "
                f"error, {counts['warning']} warning, {counts['info']} info"
            )
            for f in d["findings"]:
                if f["severity"] != "info":
                    console.print(
                        f"    - {f['severity']} {f['rule']} 项目{f['project_seq']}: {f['detail']}"
                    )
        else:
            console.print(f"    {d['message']}")
    if any(d["status"] in ("loaded", "unchanged") for d in documents):
        _print_projects(console, Table, url, [d["sha256"] for d in documents])
    console.print(f"warehouse: {shown_url(url)}")


def _print_projects(console: Any, table_cls: Any, url: str, shas: list[str]) -> None:
    """A short cross-project summary of the documents of this run, read from the views."""
    from warehouse.queries import project_summary

    rows = project_summary(url, shas)
    table = table_cls(title="项目概览 (年度资金总额, 元)")
    for col in ("issuer", "#", "project", "annual_total_yuan", "indicators", "findings"):
        table.add_column(
            col, justify="left" if col in ("issuer", "project") else "right", overflow="fold"
        )
    for r in rows:
        table.add_row(
            r["issuer"],
            str(r["project_seq"]),
            r["project_name"],
            f"{r['annual_total_yuan']:,.2f}" if r["annual_total_yuan"] is not None else "—",
            str(r["indicators"]),
            str(r["findings"]),
        )
    console.print(table)


def main() -> None:
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
