"""Per-document isolation: documents are read in worker processes, within limits.

A hostile or broken PDF can make a parser loop or allocate without end. Documents are read
in a few long-lived worker processes (forked from a forkserver that has the extraction
stack imported, each with an address-space limit); a worker that passes a document's time
limit is killed and replaced, and one that dies takes only its current document with it.
Workers are reused (a fresh process per document would pay the parsers' warm-up every
time) and recycled after ``RECYCLE_AFTER`` documents so that no memory builds up. Up to
``limits.workers`` documents run at once, spreading the CPU-bound extraction over cores.

The address-space limit shows in three ways: MemoryError, ENOMEM (the reader answers
``out_of_memory`` itself), or native code that aborts when an allocation fails (playa's
compiled parser prints "fatal: out of memory" and raises SIGABRT). For the last, the
parent samples each busy worker's address space: a reader that dies by a signal with its
address space near the limit ran out of memory; one that dies well below it crashed.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
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
SAMPLE_S = 0.1  # how often busy workers' address space is read
NEAR_LIMIT = 0.8  # a signal death above this share of the memory limit: out of memory


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
    peak_mb: float = 0.0  # largest address space seen while reading the current job


def _address_space_mb(pid: int) -> float:
    """A process's address space now (what RLIMIT_AS limits); 0 where /proc says nothing."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


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
                    w.job, w.started, w.peak_mb = pending.pop(0), time.monotonic(), 0.0
                    w.conn.send(jobs[w.job])
            busy = [w for w in workers if w.job is not None]
            deadline = min(w.started + limits.timeout_s for w in busy)
            ready = wait(
                [w.conn for w in busy] + [w.proc.sentinel for w in busy],
                timeout=min(SAMPLE_S, max(0.0, deadline - time.monotonic())),
            )
            for w in busy:
                w.peak_mb = max(w.peak_mb, _address_space_mb(w.proc.pid))
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
                        outcome, replace = _died(path, sha, w, limits), True
                elif w.proc.sentinel in ready and not w.proc.is_alive():
                    outcome, replace = _died(path, sha, w, limits), True
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
                # What a reader freed after running out of memory may stay mapped: the next
                # document gets a fresh worker.
                spent = outcome.reason_code == "out_of_memory"
                if replace or spent or w.done >= RECYCLE_AFTER:
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


def _died(path: Path, sha: str, worker: _Worker, limits: Limits) -> DocumentOutcome:
    from flows.documents import FAILED, REJECTED, DocumentOutcome

    worker.proc.join(timeout=5)
    code = worker.proc.exitcode
    if code is not None and code < 0:  # killed by a signal: an allocation failed, a crash
        # SIGKILL: the kernel's OOM killer. Other signals (SIGABRT, SIGSEGV) are native
        # code failing an allocation only when the address space was near the limit.
        oom = code == -signal.SIGKILL or worker.peak_mb >= NEAR_LIMIT * limits.memory_mb
        return DocumentOutcome(
            path,
            sha,
            REJECTED,
            "out_of_memory" if oom else "unparseable_table",
            f"{path.name}: the reader process died (signal {-code}{_signal_name(-code)}) "
            f"with {worker.peak_mb:.0f} MB of address space in use, {limits.memory_mb} MB "
            "allowed",
        )
    return DocumentOutcome(
        path, sha, FAILED, None, f"{path.name}: the reader process exited ({code}) without a result"
    )


def _signal_name(number: int) -> str:
    try:
        return f" {signal.Signals(number).name}"
    except ValueError:
        return ""
