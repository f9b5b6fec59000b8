"""Alerts reach real receivers on loopback (SMTP and a JSON webhook), with the right
content, once; a failed delivery stays pending and goes out on the next run."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pydantic import SecretStr

from alerts import send_alerts
from tests.conftest import GOLDEN, cli
from tests.receivers import free_port, smtp_server, webhook_server
from warehouse.db import make_engine

SAMPLE = GOLDEN / "tianmen_hrss_2023.word.pdf"


def _mailto(port: int) -> str:
    return f"mailto://127.0.0.1:{port}?mode=insecure&from=etl@bureau.local&to=review@bureau.local"


def test_alerts_arrive_once_with_content(
    tmp_path: Path, warehouse_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    bad = tmp_path / "部门报送.pdf"
    bad.write_bytes(b"not a pdf at all")
    smtp_port, hook_port = free_port(), free_port()
    urls = [SecretStr(_mailto(smtp_port)), SecretStr(f"json://127.0.0.1:{hook_port}/hook")]
    with smtp_server(smtp_port) as mails, webhook_server(hook_port) as posts:
        first = ingest_flow(
            [str(SAMPLE), str(bad)],
            warehouse_url,
            report_dir=str(tmp_path / "reports"),
            alert_urls=urls,
        )
        assert [a["sent"] for a in first.alerts] == [2, 2]
        second = ingest_flow([str(SAMPLE), str(bad)], warehouse_url, alert_urls=urls)
        assert [a["sent"] for a in second.alerts] == [0, 0]  # deduplicated across runs

    assert len(mails) == 2 and len(posts) == 2
    findings_mail = next(m for m in mails if "数据质量" in m["subject"])
    assert "天门市人力资源和社会保障局" in findings_mail["subject"]
    body = findings_mail["body"]
    for expected in (
        "tianmen_hrss_2023.word.pdf",
        "implementing_unit_other_city",
        "天长市人力资源和社会保障局",
        "仲裁院办案经费项目",
        "midterm_total_less_than_annual",
        "value_standard_mismatch",
        "投诉对象满意度",
        "填报值「≥90%」",
        "label_truncated",
        "服务对象满意",
    ):
        assert expected in body, expected
    assert "attribute_nonstandard" not in body  # info findings are not alerted
    rejected_mail = next(m for m in mails if "被拒收" in m["subject"])
    assert bad.name in rejected_mail["body"] and "not_a_pdf" in rejected_mail["body"]
    assert {p["title"] for p in posts} == {m["subject"] for m in mails}


def test_failed_delivery_is_retried_next_time(warehouse_url: str, prefect_harness: None) -> None:
    from flows.ingest import ingest_flow

    port = free_port()  # nothing listens yet
    url = f"json://127.0.0.1:{port}/hook"
    first = ingest_flow([str(SAMPLE)], warehouse_url, alert_urls=[SecretStr(url)])
    assert first.documents[0]["status"] == "loaded"  # a failed delivery never fails the load
    assert first.alerts == [
        {"channel": f"json://127.0.0.1:{port}/…", "messages": 1, "sent": 0, "failed": 1}
    ]
    engine = make_engine(warehouse_url)
    with webhook_server(port) as posts:
        reports = send_alerts(engine, [url])
        again = send_alerts(engine, [url])
    engine.dispose()
    assert (reports[0].sent, again[0].sent, len(posts)) == (1, 0, 1)


def test_dry_run_shows_without_sending(tmp_path: Path) -> None:
    command = cli()
    port = free_port()
    env = {
        **os.environ,
        "BUDGET_ETL_ALERT_URLS": f'["json://127.0.0.1:{port}/hook"]',
        "BUDGET_ETL_REPORT_DIR": str(tmp_path / "reports"),
    }
    with webhook_server(port) as posts:
        # the receiver is up, yet the ingest's own alert step is what sends: use a dry run
        # on a warehouse loaded without channels
        env_no_alerts = {**env, "BUDGET_ETL_ALERT_URLS": "[]"}
        subprocess.run(
            [command, "ingest", str(SAMPLE)],
            cwd=tmp_path,
            env=env_no_alerts,
            check=False,
            capture_output=True,
            timeout=600,
        )
        dry = subprocess.run(
            [command, "alerts", "--dry-run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert posts == []
    assert dry.returncode == 0, dry.stderr
    assert "would send 1 messages" in dry.stdout
    assert "天门市人力资源和社会保障局" in dry.stdout
    assert (tmp_path / "reports" / "run-1.html").exists()


def test_report_links_findings_to_pages_and_works_offline(
    tmp_path: Path, duckdb_url: str, prefect_harness: None
) -> None:
    from flows.ingest import ingest_flow

    summary = ingest_flow([str(SAMPLE)], duckdb_url, report_dir=str(tmp_path))
    assert summary.report is not None
    html = Path(summary.report).read_text(encoding="utf-8")
    assert f"{SAMPLE.resolve().as_uri()}#page=2" in html  # 仲裁院办案经费项目 is on page 2
    assert "implementing_unit_other_city" in html and "实施单位属其他市县" in html
    assert "第22行" in html or "第21行" in html  # the row of 投诉对象满意度
    assert "<script" not in html and "https://" not in html and "http://" not in html


def test_fiscal_office_channels_are_understood() -> None:
    import apprise

    notifier = apprise.Apprise()
    for url in (
        "dingtalk://abcdef0123456789/",
        "wecombot://0123456789abcdef",
        "mailtos://user:pass@smtp.example.gov.cn?to=review@example.gov.cn",
        "json://127.0.0.1:8080/hook",
    ):
        assert notifier.add(url), url
