"""Validation in a background process, started before it is needed.

``import great_expectations`` alone takes seconds. A run starts the validator as soon as it
knows it has documents to read: the import then happens on another core while the readers
work, and ``validate`` is ready when the documents are. One validator serves every run of
the process (tests, ``serve``); one that died is replaced on the next call.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import socket
import subprocess
import sys
import threading
import warnings
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is imported before anything heavy: keep it light
    import polars as pl

    from expectations.frames import DocumentToCheck

#: A batch still unanswered after this long is given up (the process is killed).
TIMEOUT_S = 900.0


class ValidationFailed(Exception):
    """The suites could not run on a batch; the message names the exception's type."""


def _serve(conn: Connection) -> None:
    # GX logs every ephemeral context it makes at INFO; a run needs none of it.
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")  # library deprecations are not for the run's output
    import great_expectations  # noqa: F401 - the slow part, done before any work arrives

    from expectations.suites import validate

    try:
        while (job := conn.recv()) is not None:
            docs, thresholds = job
            try:
                conn.send((True, validate(docs, thresholds)))
            except Exception as exc:
                conn.send((False, f"{type(exc).__name__}: {exc}"))
    except (EOFError, KeyboardInterrupt):
        pass


class Validator:
    """``expectations.validate`` in a child interpreter (``python -m expectations.background``:
    unlike multiprocessing's spawn, it does not re-run the caller's main script)."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "expectations.background", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._conn = Connection(ours.detach())
        self._lock = threading.Lock()

    def alive(self) -> bool:
        return self.process.poll() is None

    def validate(self, docs: list[DocumentToCheck], thresholds: dict[str, float]) -> pl.DataFrame:
        with self._lock:
            try:
                self._conn.send((docs, thresholds))
                if not self._conn.poll(TIMEOUT_S):
                    raise ValidationFailed(f"no answer from the validator in {TIMEOUT_S:g} s")
                ok, payload = self._conn.recv()
            except (EOFError, OSError) as exc:
                self.close()
                raise ValidationFailed(
                    f"the validator process died ({type(exc).__name__}, exit code "
                    f"{self.process.returncode})"
                ) from exc
            except ValidationFailed:
                self.close()
                raise
        if not ok:
            raise ValidationFailed(payload)
        return payload

    def close(self, wait: bool = True) -> None:
        """Ask the process to end (it releases what GX holds), kill it if it will not.
        ``wait=False`` (at exit) lets it finish on its own instead of waiting for it."""
        if self.alive():
            with contextlib.suppress(OSError):
                self._conn.send(None)
            if not wait:
                self._conn.close()
                return
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=3)
        if self.alive():
            self.process.kill()
            self.process.wait(timeout=5)
        self._conn.close()


_CURRENT: Validator | None = None
_START = threading.Lock()


def validator() -> Validator:
    """The process's validator, started on first use (or again if it died)."""
    global _CURRENT
    with _START:
        if _CURRENT is None or not _CURRENT.alive():
            _CURRENT = Validator()
            atexit.register(_CURRENT.close, wait=False)
        return _CURRENT


if __name__ == "__main__":  # the child: python -m expectations.background FD
    _serve(Connection(int(sys.argv[1])))
