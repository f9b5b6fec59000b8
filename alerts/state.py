"""Alert state kept in the warehouse: pending items (findings, unloaded files), deliveries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, insert, select, text

from alerts.compose import AlertItem
from warehouse.models import AlertDelivery

_FINDINGS = text("""
    SELECT d.document_sha256, d.file_name, i.issuer_name, d.fiscal_year, f.rule, f.severity,
           f.detail, f.project_seq, p.project_name, f.indicator_name, f.value, f.source_page
    FROM finding f
    JOIN document d ON d.document_id = f.document_id
    JOIN dim_issuer i ON i.issuer_id = d.issuer_id
    LEFT JOIN project p ON p.document_id = d.document_id AND p.project_seq = f.project_seq
    LEFT JOIN target_set s ON s.project_id = p.project_id
    WHERE d.superseded_by_id IS NULL AND f.severity IN ('error', 'warning')
      AND NOT EXISTS (SELECT 1 FROM supersession r
                      WHERE r.document_id = d.document_id AND r.part = s.set_kind)
    ORDER BY d.document_sha256, f.project_seq, f.rule
""")
# The latest word on each file that was not loaded, unless it has been loaded since.
_UNLOADED = text("""
    SELECT r.document_sha256, r.file_name, r.status, r.reason_code, r.message
    FROM rejection r
    WHERE r.rejection_id = (SELECT max(r2.rejection_id) FROM rejection r2
                            WHERE r2.document_sha256 = r.document_sha256)
      AND NOT EXISTS (SELECT 1 FROM document d WHERE d.document_sha256 = r.document_sha256)
    ORDER BY r.rejection_id
""")


def pending_items(engine: Engine) -> list[AlertItem]:
    """Everything a reviewer should hear about, as of now (delivered or not)."""
    with engine.connect() as conn:
        findings = conn.execute(_FINDINGS).all()
        unloaded = conn.execute(_UNLOADED).all()
    items = [
        AlertItem(
            key=f"{r.document_sha256}:{r.rule}:{r.project_seq}",
            document_sha256=r.document_sha256,
            file_name=r.file_name,
            issuer=r.issuer_name,
            fiscal_year=r.fiscal_year,
            rule=r.rule,
            severity=r.severity,
            detail=r.detail,
            project_seq=r.project_seq,
            project_name=r.project_name,
            indicator_name=r.indicator_name,
            value=r.value,
            source_page=r.source_page,
        )
        for r in findings
    ]
    items += [
        AlertItem(
            key=f"{r.document_sha256}:{r.status}:",
            document_sha256=r.document_sha256,
            file_name=r.file_name,
            issuer=None,
            fiscal_year=None,
            rule=r.status,
            severity="error",
            detail=r.message,
            reason_code=r.reason_code,
        )
        for r in unloaded
    ]
    return items


def delivered_keys(engine: Engine, channel: str) -> set[str]:
    with engine.connect() as conn:
        return set(
            conn.execute(
                select(AlertDelivery.item_key).where(AlertDelivery.channel == channel)
            ).scalars()
        )


def mark_delivered(engine: Engine, channel: str, keys: tuple[str, ...]) -> None:
    now = datetime.now()
    with engine.begin() as conn:
        done = set(
            conn.execute(
                select(AlertDelivery.item_key).where(
                    AlertDelivery.channel == channel, AlertDelivery.item_key.in_(keys)
                )
            ).scalars()
        )
        rows = [{"channel": channel, "item_key": k, "sent_at": now} for k in keys if k not in done]
        if rows:
            conn.execute(insert(AlertDelivery), rows)
