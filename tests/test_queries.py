"""Named cross-department queries and the report, from a warehouse loaded with golden
annexes, identical on the embedded default and PostgreSQL; the report in real Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from statistics import mean
from typing import Any

import polars as pl
import pytest

from tests.conftest import cli, golden_renderings, query, require
from warehouse.queries import QUERIES, run_query

CORPUS = golden_renderings()  # renderings of one annex supersede each other


@pytest.fixture
def loaded(duckdb_url: str, postgres_url: str, prefect_harness: None) -> dict[str, str]:
    from flows.ingest import ingest_flow

    for url in (duckdb_url, postgres_url):
        summary = ingest_flow([str(p) for p in CORPUS], url)
        assert {d["status"] for d in summary.documents} == {"loaded"}
    return {"duckdb": duckdb_url, "postgres": postgres_url}


def _rows(frame: pl.DataFrame, **match: Any) -> list[dict[str, Any]]:
    return [r for r in frame.to_dicts() if all(r[k] == v for k, v in match.items())]


def test_named_queries_answer_and_agree(loaded: dict[str, str]) -> None:
    results = {db: {name: run_query(url, name) for name in QUERIES} for db, url in loaded.items()}
    for name in QUERIES:  # the same rows on both warehouses (collations order text apart)
        a, b = results["duckdb"][name], results["postgres"][name]
        assert a.columns == b.columns, name
        assert sorted(_loose(a)) == sorted(_loose(b)), name
    q = results["duckdb"]
    hrss = dict(issuer="天门市人力资源和社会保障局", fiscal_year=2023)
    assert _rows(q["funding_by_department"], **hrss, project_attribute="延续项目")[0][
        "total_yuan"
    ] == Decimal("550000.00")  # 40万 + 15万
    assert _rows(q["cost_per_output"], **hrss, indicator_name="档案数字化份数")[0][
        "yuan_per_unit"
    ] == Decimal("20.00")  # 25万 / 12500 份
    health = _rows(q["satisfaction_by_department"], issuer="天门市卫生健康委员会")[0]
    assert (health["min_target_pct"], health["below_90"]) == (Decimal("85"), 1)
    market = _rows(q["category_coverage"], issuer="天门市市场监督管理局", level1="满意度指标")
    assert market[0]["projects_without_category"] == 1
    yoy = {r["project_name"]: r["change_pct"] for r in q["yoy_changes"].to_dicts()}
    assert yoy == {
        "学生资助经费": Decimal("20.00"),
        "教师培训经费": Decimal("25.00"),
        "校舍维修改造项目": Decimal("0.00"),
    }
    board = _rows(q["findings_scoreboard"], **hrss)[0]
    # missing_unit and cost_indicator_not_quantified are info now (measured precision)
    assert (board["errors"], board["warnings"]) == (7, 15)


def _loose(frame: pl.DataFrame) -> list[tuple[str, ...]]:
    """Rows as text with normalised numbers (drivers differ in decimal scale)."""
    return [
        tuple(
            str(Decimal(str(v)).normalize())
            if isinstance(v, Decimal | float | int) and not isinstance(v, bool)
            else str(v)
            for v in row
        )
        for row in frame.iter_rows()
    ]


def test_query_formats(loaded: dict[str, str], tmp_path: Path) -> None:
    command = cli()
    url = loaded["postgres"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [command, "query", *args, "--warehouse", url],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    csv = run("findings_scoreboard", "--format", "csv")
    assert csv.returncode == 0 and csv.stdout.startswith("issuer,fiscal_year,projects,errors")
    rows = json.loads(run("yoy_changes", "--format", "json").stdout)
    assert {r["project_name"] for r in rows} == {"学生资助经费", "教师培训经费", "校舍维修改造项目"}
    assert run("funding_by_department", "--format", "parquet", "--out", "f.parquet").returncode == 0
    assert pl.read_parquet(tmp_path / "f.parquet").height > 0
    assert "天门市教育局" in run("cost_per_output").stdout
    assert run("no_such_query").returncode == 2


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: Each chart of the report, by title: its unit and, per series (legend name), the
#: department-year values it must draw, computed here from the contract views' rows.
CHARTS: dict[str, tuple[str, dict[str, str]]] = {
    "年度资金总额（万元）": (
        "万",
        {
            "年度资金总额": "SELECT issuer, fiscal_year, total_yuan / 10000 FROM v_project_funding"
            " WHERE horizon = 'annual'"
        },
    ),
    "满意度目标（%）": (
        "%",
        {
            name: "SELECT issuer, fiscal_year, target_value FROM v_indicator_targets"
            " WHERE horizon = 'annual' AND level1 = '满意度指标' AND target_unit = 'percent'"
            for name in ("平均目标", "最低目标")
        },
    ),
    "数据质量问题（个）": (
        "",
        {
            name: "SELECT p.issuer, p.fiscal_year, f.rule FROM"
            " (SELECT DISTINCT document_sha256, issuer, fiscal_year FROM v_project_funding"
            "  WHERE horizon = 'annual') p"
            " LEFT JOIN v_findings f ON f.document_sha256 = p.document_sha256"
            f" AND f.severity = '{severity}'"
            for name, severity in (("错误", "error"), ("警告", "warning"))
        },
    ),
}


def _findings(rules: list[str | None]) -> int:
    return sum(r is not None for r in rules)  # None: a document without such findings


_AGGREGATE: dict[str, Callable[[list[Any]], Any]] = {
    "年度资金总额": sum,
    "平均目标": mean,
    "最低目标": min,
    "错误": _findings,
    "警告": _findings,
}


def _expected(url: str) -> dict[str, dict[str, dict[str, float]]]:
    """chart title -> "issuer year" -> series -> value, from the warehouse's rows."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for title, (_, series) in CHARTS.items():
        for name, sql in series.items():
            grouped: dict[str, list[Any]] = {}
            for issuer, year, value in query(url, sql):
                grouped.setdefault(f"{issuer} {year}", []).append(value)
            for label, values in grouped.items():
                value = _AGGREGATE[name](values)
                out.setdefault(title, {}).setdefault(label, {})[name] = float(value)
    return out


#: What each chart draws, as laid out on screen (boxes relative to the chart).
_CHARTS_JS = """[...document.querySelectorAll("svg.chart")].map(svg => {
  const o = svg.getBoundingClientRect();
  const box = e => { const b = e.getBoundingClientRect();
    return {x: b.x - o.x, y: b.y - o.y, width: b.width, height: b.height}; };
  const rects = [...svg.querySelectorAll("rect")];
  return {
    title: svg.getAttribute("aria-label"),
    texts: [...svg.querySelectorAll("text")].map(t => ({
      text: t.textContent, anchor: getComputedStyle(t).textAnchor, ...box(t)})),
    bars: rects.filter(r => r.querySelector("title")).map(r => ({
      tip: r.querySelector("title").textContent, fill: getComputedStyle(r).fill, ...box(r)})),
    swatches: rects.filter(r => !r.querySelector("title")).map(r => ({
      fill: getComputedStyle(r).fill, ...box(r)})),
  };
})"""
_NUMBER = re.compile(r"^(-?[\d,]+(?:\.\d+)?)(\D*)$")


def _mid(box: dict[str, Any]) -> float:
    return float(box["y"] + box["height"] / 2)


def _read_chart(chart: dict[str, Any], unit: str) -> dict[str, dict[str, float]]:
    """ "issuer year" -> series -> value as a reader finds it: the bar beside each label,
    its series by its colour in the legend, its value printed at its end; the bar's length
    must be that value on the chart's one scale, its tooltip the same value."""
    labels = sorted((t for t in chart["texts"] if t["anchor"] == "end"), key=lambda t: t["y"])
    values = [t for t in chart["texts"] if _NUMBER.match(t["text"])]
    legend = {
        t["text"]: min(chart["swatches"], key=lambda s: abs(_mid(s) - _mid(t)))["fill"]
        for t in chart["texts"]
        if t["anchor"] != "end" and t not in values and t["text"] != chart["title"]
    }
    bars = chart["bars"]
    assert bars and len({b["x"] for b in bars}) == 1, "bars do not share a baseline"
    seen: dict[str, dict[str, float]] = {}
    for bar in bars:
        label = max((t for t in labels if t["y"] <= _mid(bar)), key=lambda t: t["y"])
        named = [name for name, fill in legend.items() if fill == bar["fill"]]
        assert len(named) == 1, f"{bar['tip']} drawn in {bar['fill']}; legend: {legend}"
        series = named[0]
        printed = min(values, key=lambda t: abs(_mid(t) - _mid(bar)))
        assert 0 <= printed["x"] - (bar["x"] + bar["width"]) <= 8, (bar, printed)
        number, suffix = _NUMBER.match(printed["text"]).groups()  # type: ignore[union-attr]
        assert suffix == unit, printed
        tip_name, tip_value = bar["tip"].split(": ")
        assert tip_name == series and tip_value.endswith(unit), bar
        value = float(tip_value.removesuffix(unit).replace(",", ""))
        assert abs(float(number.replace(",", "")) - value) <= 0.5, (printed, bar)
        assert series not in seen.get(label["text"], {}), (label, series)
        seen.setdefault(label["text"], {})[series] = value
        bar["value"] = value
    top = max(bars, key=lambda b: b["value"])
    for bar in bars:
        drawn = bar["value"] * top["width"] / top["value"] if top["value"] else 0.0
        assert abs(bar["width"] - drawn) <= 0.5, f"bar {bar} drawn for {drawn:.1f} px"
    return seen


def test_report_in_headless_chromium(loaded: dict[str, str], tmp_path: Path) -> None:
    """The report as a person sees it in Chromium: Chinese text drawn in a font that has
    it (not blank, not tofu), and each chart drawing the warehouse's numbers."""
    from tests.chromium import chromium, unreadable_glyphs

    require(CHROMIUM is not None, "chromium (installed by .ci/run)")
    assert CHROMIUM is not None
    command = cli()
    for db, url in loaded.items():
        made = subprocess.run(
            [command, "report", "--out", str(tmp_path / db), "--warehouse", url],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert made.returncode == 0, made.stderr
    page = (tmp_path / "postgres" / "index.html").as_uri()
    with chromium(CHROMIUM, tmp_path / "profile") as browser:
        browser.open(page)
        assert browser.problems() == []
        assert browser.evaluate("document.querySelector('h1').textContent") == (
            "项目支出绩效目标跨部门报告"
        )
        assert unreadable_glyphs(browser) == {}
        charts = browser.evaluate(_CHARTS_JS)
    assert [c["title"] for c in charts] == list(CHARTS)
    expected = _expected(loaded["postgres"])
    for chart in charts:
        drawn = _read_chart(chart, CHARTS[chart["title"]][0])
        want = expected[chart["title"]]
        assert drawn.keys() == want.keys(), chart["title"]
        for label, series in want.items():
            for name, value in series.items():
                assert abs(drawn[label][name] - value) <= 0.005, (chart["title"], label, name)

    # The glyph check can fail: the same page where Chromium finds only Latin fonts.
    latin = [d for d in Path("/usr/share/fonts/truetype").glob("dejavu*") if d.is_dir()]
    assert latin, "no DejaVu fonts for the control"
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        + "".join(f"<dir>{d}</dir>" for d in latin)
        + f"<cachedir>{tmp_path / 'fontcache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    with chromium(CHROMIUM, tmp_path / "latin-only", env) as bare:
        bare.open(page)
        tofu = unreadable_glyphs(bare)
    assert tofu and all(len(f["unreadable"]) == f["of"] for f in tofu.values()), tofu
