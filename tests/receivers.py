"""Real alert receivers on loopback: an SMTP server (aiosmtpd) and an HTTP webhook sink."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(port: int) -> Iterator[list[dict[str, str]]]:
    """Collects every mail as {"subject", "body", "to"}."""
    from aiosmtpd.controller import Controller

    received: list[dict[str, str]] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            mail = message_from_bytes(envelope.content, policy=policy.default)
            body = mail.get_body(preferencelist=("plain", "html"))
            received.append(
                {
                    "subject": str(mail["subject"]),
                    "to": ",".join(envelope.rcpt_tos),
                    "body": body.get_content() if body else "",
                }
            )
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield received
    finally:
        controller.stop()


@contextmanager
def webhook_server(port: int) -> Iterator[list[dict[str, Any]]]:
    """Collects every POSTed JSON body."""
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            received.append(json.loads(self.rfile.read(length) or b"{}"))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield received
    finally:
        server.shutdown()
        server.server_close()
