"""Alert messages in Chinese, one per document, from pending alert items (pure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from expectations.rules import RULE_NAMES

SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_CN = {"rejected": "被拒收", "failed": "处理失败", "no_tables": "未发现绩效目标表"}


@dataclass(frozen=True)
class AlertItem:
    key: str  # document_sha256:rule:project_seq — what is sent once per channel
    document_sha256: str
    file_name: str
    issuer: str | None
    fiscal_year: int | None
    rule: str  # a rule id, or the status of a file that was not loaded
    severity: str
    detail: str
    project_seq: int | None = None
    project_name: str | None = None
    indicator_name: str | None = None
    value: str | None = None
    source_page: int | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class Message:
    document_sha256: str
    file_name: str
    title: str
    body: str
    item_keys: tuple[str, ...]


def _finding_line(n: int, item: AlertItem) -> str:
    where = [f"项目{item.project_seq}「{item.project_name}」" if item.project_seq else ""]
    if item.indicator_name:
        where.append(f"指标「{item.indicator_name}」")
    if item.value:
        where.append(f"填报值「{item.value}」")
    page = f"（第{item.source_page}页）" if item.source_page else ""
    return (
        f"{n}. [{SEVERITY_CN.get(item.severity, item.severity)}] "
        f"{RULE_NAMES.get(item.rule, item.rule)}（{item.rule}）："
        f"{' '.join(w for w in where if w)}——{item.detail}{page}"
    )


def compose(items: list[AlertItem]) -> list[Message]:
    """One message per document, its items most severe first."""
    by_doc: dict[str, list[AlertItem]] = defaultdict(list)
    for item in items:
        by_doc[item.document_sha256].append(item)
    messages = []
    for sha, doc_items in by_doc.items():
        first = doc_items[0]
        keys = tuple(sorted({i.key for i in doc_items}))
        unloaded = [i for i in doc_items if i.rule in STATUS_CN]
        if unloaded:
            item = unloaded[0]
            title = f"【绩效目标表{STATUS_CN[item.rule]}】{item.file_name}"
            body = "\n".join(
                [
                    f"文件：{item.file_name}",
                    f"状态：{STATUS_CN[item.rule]}（{item.rule}"
                    + (f"，{item.reason_code}" if item.reason_code else "")
                    + "）",
                    f"原因：{item.detail}",
                    "该文件未入库，请核实后重新报送。",
                ]
            )
            messages.append(Message(sha, item.file_name, title, body, keys))
            continue
        order = {"error": 0, "warning": 1}
        doc_items = sorted(
            doc_items, key=lambda i: (order.get(i.severity, 2), i.project_seq or 0, i.rule)
        )
        errors = sum(i.severity == "error" for i in doc_items)
        warnings = sum(i.severity == "warning" for i in doc_items)
        who = f"{first.issuer}（{first.fiscal_year}年度）"
        title = f"【绩效目标表数据质量】{who}：{errors}个错误，{warnings}个警告"
        lines = [
            f"发布单位：{who}",
            f"文件：{first.file_name}",
            f"发现问题：{errors}个错误，{warnings}个警告",
            "",
        ]
        lines += [_finding_line(n, i) for n, i in enumerate(doc_items, start=1)]
        messages.append(Message(sha, first.file_name, title, "\n".join(lines), keys))
    return messages
