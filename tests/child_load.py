"""A loader run in a child process by tests/test_versioning.py.

``python -m tests.child_load URL PDF kill`` extracts PDF and loads it into URL, and the
process SIGKILLs itself in the middle of the load's transaction, as an operator's kill -9
or the OOM killer would. Prints ``loaded`` or ``unchanged`` should it survive.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import event

from flows.documents import Limits, process, sha256_of
from warehouse.db import make_engine, upgrade
from warehouse.load import AlreadyLoaded, DocumentMeta, load_document, start_run


def main(url: str, pdf: Path, mode: str) -> None:
    outcome = process(pdf, sha256_of(pdf), Limits())
    assert outcome.annex is not None and outcome.frames is not None
    engine = make_engine(url)
    upgrade(engine)
    run_id = start_run(engine)

    @event.listens_for(engine, "after_cursor_execute")
    def _interfere(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if mode == "kill" and "fct_indicator_target" in statement and "INSERT" in statement:
            os.kill(os.getpid(), signal.SIGKILL)

    import polars as pl

    from expectations import FINDINGS_SCHEMA

    annex = outcome.annex
    try:
        load_document(
            engine,
            run_id,
            DocumentMeta.of(outcome.sha256, pdf.name, annex),
            annex.issuer,
            annex.fiscal_year or 0,
            outcome.frames,
            pl.DataFrame(
                schema={k: v for k, v in FINDINGS_SCHEMA.items() if k != "document_sha256"}
            ),
        )
        print("loaded")
    except AlreadyLoaded:
        print("unchanged")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3])
