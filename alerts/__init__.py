"""Data-quality alerts: what a reviewer must be told after a run, sent once per channel.

Items come from the warehouse, so a run that could not deliver leaves them pending for the
next one: findings of severity warning or error on current documents, and files a run did
not load (rejected, failed, no_tables). An item is keyed by document + rule + project and
goes to each channel once. One message per document, in Chinese, through Apprise URLs
(``mailto://`` SMTP, ``dingtalk://``, ``wecombot://``, ``json://`` webhooks …).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from sqlalchemy import Engine

from alerts.compose import AlertItem, Message, compose
from alerts.state import delivered_keys, mark_delivered, pending_items

log = logging.getLogger(__name__)


@dataclass
class ChannelReport:
    channel: str  # URL with secrets hidden
    messages: list[Message] = field(default_factory=list)
    sent: int = 0
    failed: int = 0


def channel_id(url: str) -> str:
    """Deliveries are recorded per channel by a hash: no secret is stored."""
    return hashlib.sha256(url.encode()).hexdigest()


def _shown(url: str) -> str:
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].rsplit("@", 1)[-1].split("?", 1)[0]
    return f"{scheme}://{host}/…"


def send_alerts(engine: Engine, urls: list[str], dry_run: bool = False) -> list[ChannelReport]:
    """Send every pending item to every channel; a failed channel stays pending."""
    import apprise

    items = pending_items(engine)
    reports = []
    for url in urls:
        cid = channel_id(url)
        done = delivered_keys(engine, cid)
        todo = [i for i in items if i.key not in done]
        report = ChannelReport(_shown(url), compose(todo))
        reports.append(report)
        if dry_run or not report.messages:
            continue
        notifier = apprise.Apprise()
        if not notifier.add(url):
            log.error("alert channel %s: not a valid Apprise URL", report.channel)
            report.failed = len(report.messages)
            continue
        for message in report.messages:
            if notifier.notify(title=message.title, body=message.body):
                mark_delivered(engine, cid, message.item_keys)
                report.sent += 1
            else:  # left pending: the next run tries again
                log.error(
                    "alert channel %s: delivery failed for %s", report.channel, message.file_name
                )
                report.failed += 1
    return reports


__all__ = ["AlertItem", "ChannelReport", "Message", "channel_id", "compose", "send_alerts"]
