"""The reviewable report of a run: one static HTML page built from the validation results.

Readable offline (inline CSS, no scripts, no external assets). Every finding links to its
document at the page it was read from (``file.pdf#page=N``) and names the project,
horizon, table row and printed value; files that were not loaded are listed with why.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, select_autoescape

from expectations.rules import RULE_NAMES

_TEMPLATE = Path(__file__).with_name("report.html.j2")


def write_report(
    out_dir: Path, run_id: int, warehouse: str, documents: list[dict[str, Any]]
) -> Path:
    """Write ``run-<id>.html`` for a run summary's documents; returns its path."""
    env = Environment(autoescape=select_autoescape(default=True))
    docs = []
    for d in documents:
        path = Path(d["path"])
        docs.append(
            {
                **d,
                "name": path.name,
                "uri": path.resolve().as_uri() if path.exists() else "",
                "counts": {
                    s: sum(f["severity"] == s for f in d["findings"])
                    for s in ("error", "warning", "info")
                },
            }
        )
    html = env.from_string(_TEMPLATE.read_text(encoding="utf-8")).render(
        run_id=run_id,
        warehouse=warehouse,
        documents=docs,
        rule_names=RULE_NAMES,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"run-{run_id}.html"
    target.write_text(html, encoding="utf-8")
    return target
