"""Per-document work without orchestration: discover files, sniff them, extract and normalise.

Every file ends as a ``DocumentOutcome`` with one status of the contract; nothing here
raises for a bad document. Prefect wraps these functions in ``flows.ingest``.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from extractors import Annex, ExtractionError, extract
from extractors.document import ISSUER_PLACES
from extractors.model import out_of_memory
from extractors.pages import page_ranges, pages_phrase
from flows.settings import Limits
from normalize.frames import NormalisedDocument, normalise

LOADED, UNCHANGED, NO_TABLES, REJECTED, FAILED = (
    "loaded",
    "unchanged",
    "no_tables",
    "rejected",
    "failed",
)


@dataclass
class DocumentOutcome:
    path: Path
    sha256: str = ""
    status: str = ""
    reason_code: str | None = None
    message: str = ""
    annex: Annex | None = None
    frames: NormalisedDocument | None = None
    findings: list[dict[str, object]] = field(default_factory=list)
    #: ``host:pid`` of the process that ran its readers: on a Dask cluster, the worker.
    read_on: str = ""

    @property
    def parsed(self) -> bool:
        return self.frames is not None and not self.status


def discover(paths: list[Path], settle_s: float = 0.0) -> tuple[list[Path], list[Path]]:
    """PDF files under the given paths (folders recursively), each once, in a stable order,
    and those modified in the last ``settle_s`` seconds (maybe still being copied in),
    which wait for a later run."""
    found: dict[Path, None] = {}
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() == ".pdf":
                    found[f] = None
        else:
            found[p] = None
    if settle_s <= 0:
        return list(found), []
    cutoff = time.time() - settle_s
    ready = [f for f in found if not f.is_file() or f.stat().st_mtime <= cutoff]
    return ready, [f for f in found if f not in ready]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process(path: Path, sha256: str, limits: Limits) -> DocumentOutcome:
    """Extract and normalise one file; the outcome's status is set unless it parsed."""
    outcome = DocumentOutcome(path=path, sha256=sha256)
    try:
        annex = extract(path, max_bytes=limits.max_file_bytes, max_pages=limits.max_pages)
        if not annex.projects and not annex.money_tables:
            if annex.target_pages and not annex.self_evaluation_pages:
                # printed, but no set could be read: never silent
                raise ExtractionError(
                    "unparseable_table",
                    f"{path.name}: pages {page_ranges(annex.target_pages)} print target tables, "
                    "but no target set could be read from them",
                )
            outcome.annex = annex  # its coverage is still reported
            return _end(outcome, NO_TABLES, None, _no_tables(path, annex))
        what = "target tables" if annex.projects else "money tables"
        if not annex.issuer:
            raise ExtractionError(
                "unparseable_table",
                f"{path.name}: {what} found, but nothing names the issuer; looked for "
                f"{ISSUER_PLACES}",
            )
        if annex.fiscal_year is None:
            raise ExtractionError(
                "unparseable_table",
                f"{path.name}: {what} of {annex.issuer} found, but no fiscal year is "
                "printed with its name, in a subtitle or table title, or anywhere as 20XX年度",
            )
        outcome.annex = annex
        outcome.frames = normalise(annex, sha256)
        return outcome
    except ExtractionError as exc:
        return _end(outcome, REJECTED, exc.reason_code, str(exc))
    except Exception as exc:  # one bad document must never end the run
        if out_of_memory(exc):  # MemoryError, or ENOMEM where a thread or mapping failed
            return _end(
                outcome,
                REJECTED,
                "out_of_memory",
                f"{path.name}: reading it needed more than {limits.memory_mb} MB "
                f"({type(exc).__name__}: {exc})",
            )
        return _end(outcome, FAILED, None, f"{path.name}: unexpected {type(exc).__name__}: {exc}")


def _no_tables(path: Path, annex: Annex) -> str:
    """Why a readable document loaded nothing: no target table, or (a 部门决算) its
    self-evaluation tables yielded no set; target pages left unread are named."""
    if not annex.self_evaluation_pages:
        return (
            f"{path.name}: no 项目支出绩效目标表 and no standard money table (收支总表 …) "
            f"found in {annex.page_count} pages"
        )
    message = (
        f"{path.name}: pages {page_ranges(annex.self_evaluation_pages)} hold self-evaluation "
        "tables (绩效自评表: targets beside 实际完成值 and scores), and no set was read "
        "from them"
    )
    if annex.unread_pages:  # an evaluation report's indicator table, say: never silent
        message += f"; indicator tables not read on {pages_phrase(annex.unread_pages)}"
    return message


def _end(
    outcome: DocumentOutcome, status: str, reason: str | None, message: str
) -> DocumentOutcome:
    outcome.status, outcome.reason_code, outcome.message = status, reason, message
    return outcome
