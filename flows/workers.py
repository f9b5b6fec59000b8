"""Per-document isolation: documents are read in worker processes, within limits.

A hostile or broken PDF can make a parser loop or allocate without end. Documents are read
in a few long-lived worker processes (forked from a forkserver that has the extraction
stack imported, each with an address-space limit); a worker that passes a document's time
limit is killed and replaced, and one that dies takes only its current document with it.
Workers are reused (a fresh process per document would pay the parsers' warm-up every
time) and recycled after ``RECYCLE_AFTER`` documents so that no memory builds up. Up to
``limits.workers`` documents run at once, spreading the CPU-bound extraction over cores.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.settings import Limits

if TYPE_CHECKING:
    from flows.documents import DocumentOutcome

_PRELOAD = ["extractors", "extractors.pdf", "normalize.frames", "camelot", "polars"]
RECYCLE_AFTER = 50


def _serve(conn: Connection, limits: Limits) -> None:
    """Worker loop: read (path, sha256) jobs until None, answer each with its outcome."""
    from flows.documents import process  # preloaded in the forkserver

    limit = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        while (job := conn.recv()) is not None:
            conn.send(process(job[0], job[1], limits))
    except EOFError:
        pass
    finally:
        conn.close()


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    done: int = 0
    job: int | None = None  # index of the document it is reading
    started: float = 0.0


def _context() -> Any:
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def warm_up(paths: Sequence[str | Path], readers: bool = True) -> None:
    """Start, on the other cores, what a run with documents to read will wait for: the
    validator (great_expectations takes seconds to import) and the readers' forkserver
    (camelot, pdfium: ~3 s of imports). Called as early as possible; cheap when running.
    Light on purpose: the CLI calls it before importing anything heavy itself."""
    if not any(Path(p).exists() for p in paths):
        return
    from multiprocessing import forkserver

    from expectations.background import validator

    validator()
    if readers:
        _context()
        forkserver.ensure_running()


def _spawn(ctx: Any, limits: Limits) -> _Worker:
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child, limits), daemon=True)
    proc.start()
    child.close()
    return _Worker(proc, parent)


def _stop(worker: _Worker, kill: bool = False) -> None:
    if kill:
        worker.proc.kill()
    else:
        with contextlib.suppress(BrokenPipeError, OSError):  # already gone
            worker.conn.send(None)
    worker.proc.join(timeout=5)
    if worker.proc.is_alive():
        worker.proc.kill()
        worker.proc.join(timeout=5)
    worker.conn.close()


def run_isolated(
    jobs: list[tuple[Path, str]], limits: Limits, on_done: Callable[[], None] | None = None
) -> list[DocumentOutcome]:
    """Outcomes of process() for each (path, sha256), in order, each within the limits.

    ``on_done`` is called as each document finishes (progress display). Each outcome
    names this process as where it was read (``read_on``, lineage across a cluster)."""
    from flows.documents import REJECTED, DocumentOutcome

    ctx = _context()
    results: list[DocumentOutcome | None] = [None] * len(jobs)
    pending = list(range(len(jobs)))
    workers = [_spawn(ctx, limits) for _ in range(min(max(1, limits.workers), len(jobs)))]
    try:
        while pending or any(w.job is not None for w in workers):
            for w in workers:
                if w.job is None and pending:
                    w.job, w.started = pending.pop(0), time.monotonic()
                    w.conn.send(jobs[w.job])
            busy = [w for w in workers if w.job is not None]
            deadline = min(w.started + limits.timeout_s for w in busy)
            ready = wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
            for i, w in enumerate(workers):
                if w.job is None:
                    continue
                path, sha = jobs[w.job]
                outcome: DocumentOutcome | None = None
                replace = False
                if w.conn in ready or w.conn.poll():
                    try:
                        outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome, replace = _died(path, sha, w.proc, limits), True
                elif w.proc.sentinel in ready and not w.proc.is_alive():
                    outcome, replace = _died(path, sha, w.proc, limits), True
                elif time.monotonic() - w.started > limits.timeout_s:
                    _stop(w, kill=True)
                    outcome = DocumentOutcome(
                        path,
                        sha,
                        REJECTED,
                        "timeout",
                        f"{path.name}: still reading after {limits.timeout_s:g} s; stopped",
                    )
                    replace = True
                if outcome is None:
                    continue
                results[w.job] = outcome
                w.job, w.done = None, w.done + 1
                if replace or w.done >= RECYCLE_AFTER:
                    if not replace:
                        _stop(w)
                    workers[i] = _spawn(ctx, limits)
                if on_done is not None:
                    on_done()
    finally:
        for w in workers:
            if w.proc.is_alive():
                _stop(w, kill=w.job is not None)
    here = f"{socket.gethostname()}:{os.getpid()}"
    for r in results:
        if r is not None:
            r.read_on = here
    return [r for r in results if r is not None]


def _died(path: Path, sha: str, proc: Any, limits: Limits) -> DocumentOutcome:
    from flows.documents import FAILED, REJECTED, DocumentOutcome

    proc.join(timeout=5)
    code = proc.exitcode
    if code is not None and code < 0:  # killed by a signal: the kernel's OOM killer, a crash
        return DocumentOutcome(
            path,
            sha,
            REJECTED,
            "out_of_memory" if code == -9 else "unparseable_table",
            f"{path.name}: the reader process died (signal {-code}) "
            f"within the {limits.memory_mb} MB limit",
        )
    return DocumentOutcome(
        path, sha, FAILED, None, f"{path.name}: the reader process exited ({code}) without a result"
    )
