"""Per-document isolation: each document is extracted in its own process, within limits.

A hostile or broken PDF can make a parser loop or allocate without end. Each document runs
in a child forked from a forkserver that has the extraction stack imported already (so a
child starts in milliseconds), with an address-space limit, and is killed when it passes
its time limit. Up to ``limits.workers`` documents run at once, which also spreads the
CPU-bound extraction over the machine's cores.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from flows.documents import FAILED, REJECTED, DocumentOutcome, Limits, process

_PRELOAD = ["extractors", "extractors.pdf", "normalize.frames", "camelot", "polars"]


def _child(conn: Connection, path: Path, sha256: str, limits: Limits) -> None:
    limit = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(process(path, sha256, limits))
    finally:
        conn.close()


def _context() -> Any:
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx


def run_isolated(
    jobs: list[tuple[Path, str]], limits: Limits, on_done: Callable[[], None] | None = None
) -> list[DocumentOutcome]:
    """Outcomes of process() for each (path, sha256), in order, each within the limits.

    ``on_done`` is called as each document finishes (progress display)."""
    ctx = _context()
    results: list[DocumentOutcome | None] = [None] * len(jobs)
    pending = list(enumerate(jobs))
    running: dict[int, tuple[Any, Connection, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, limits.workers):
            i, (path, sha) = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, path, sha, limits), daemon=True)
            proc.start()
            child.close()
            running[i] = (proc, parent, time.monotonic())
        now = time.monotonic()
        deadline = min(started + limits.timeout_s for _, _, started in running.values())
        ready = wait(
            [c for _, c, _ in running.values()] + [p.sentinel for p, _, _ in running.values()],
            timeout=max(0.0, deadline - now),
        )
        for i, (proc, conn, started) in list(running.items()):
            path, sha = jobs[i]
            if conn in ready or conn.poll():
                try:
                    results[i] = conn.recv()
                except EOFError:
                    results[i] = _died(path, sha, proc, limits)
            elif proc.sentinel in ready and not proc.is_alive():
                results[i] = _died(path, sha, proc, limits)
            elif time.monotonic() - started > limits.timeout_s:
                proc.kill()
                results[i] = DocumentOutcome(
                    path,
                    sha,
                    REJECTED,
                    "timeout",
                    f"{path.name}: still reading after {limits.timeout_s:g} s; stopped",
                )
            else:
                continue
            proc.join(timeout=5)
            conn.close()
            del running[i]
            if on_done is not None:
                on_done()
    return [r for r in results if r is not None]


def _died(path: Path, sha: str, proc: Any, limits: Limits) -> DocumentOutcome:
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
