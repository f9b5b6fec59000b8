"""Headless Chromium driven over the DevTools protocol, for tests of what a person sees:
the pixels text is drawn with, the geometry of drawn elements, the console."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
    "--remote-debugging-port=0",
]


class Page:
    """One page target: commands answered in order, events kept in ``events``."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.events: list[dict[str, Any]] = []
        self._next = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self._next += 1
        self.ws.send(json.dumps({"id": self._next, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=120))
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def wait_for(self, event: str, timeout: float = 120) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for e in self.events:
                if e.get("method") == event:
                    return e
            message = json.loads(self.ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (promises awaited)."""
        answer = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(f"JavaScript failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def open(self, url: str, width: int = 1280, height: int = 2000) -> None:
        """Load ``url`` in a ``width`` x ``height`` viewport at scale 1, fonts loaded."""
        for domain in ("Page", "Runtime", "Log", "DOM", "CSS"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(() => true)")

    def screenshot(self, x: int, y: int, width: int, height: int) -> Any:
        """The pixels of a viewport region, as a PIL image."""
        from PIL import Image

        shot = self.send(
            "Page.captureScreenshot",
            format="png",
            clip={"x": x, "y": y, "width": width, "height": height, "scale": 1},
        )
        return Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")

    def platform_fonts(self, selector: str) -> list[str]:
        """The fonts Chromium drew an element's text with (family: glyphs)."""
        root = self.send("DOM.getDocument")["root"]["nodeId"]
        node = self.send("DOM.querySelector", nodeId=root, selector=selector)["nodeId"]
        fonts = self.send("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
        return [f"{f['familyName']}: {f['glyphCount']}" for f in fonts]

    def problems(self) -> list[str]:
        """What the page logged: console calls, uncaught exceptions, warnings and errors
        (a resource that failed to load, say)."""
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled":
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("warning", "error"):
                out.append(f"{params['entry']['level']}: {params['entry']['text']}")
        return out


@contextmanager
def chromium(binary: str, profile: Path, env: dict[str, str] | None = None) -> Iterator[Page]:
    """A headless Chromium (its own profile folder, ``env`` if given) and its page;
    Chromium's own log goes to ``profile``/chromium.log."""
    from websockets.sync.client import connect

    profile.mkdir(parents=True, exist_ok=True)
    log = (profile / "chromium.log").open("wb")
    browser = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=log,
        stderr=log,
        env=env,
        start_new_session=True,  # the wrapper script and its children: one group to stop
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if browser.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Chromium did not start: {profile / 'chromium.log'}")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30) as r:
            targets = json.load(r)
        url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        with connect(url, max_size=None, open_timeout=30) as ws:
            yield Page(ws)
    finally:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(browser.pid, signal.SIGTERM)
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait(timeout=10)
        log.close()


#: Every CJK ideograph of the page's text, grouped by the font (family, weight, style)
#: it is set in.
_CJK_BY_FONT = r"""(() => {
  const ideograph = /[\u3400-\u4dbf\u4e00-\u9fff]/gu;
  const groups = new Map();
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const chars = n.data.match(ideograph);
    if (!chars) continue;
    const s = getComputedStyle(n.parentElement);
    const key = [s.fontFamily, s.fontWeight, s.fontStyle].join("|");
    if (!groups.has(key))
      groups.set(key, {family: s.fontFamily, weight: s.fontWeight, style: s.fontStyle,
                       chars: new Set()});
    chars.forEach(c => groups.get(key).chars.add(c));
  }
  return [...groups.values()].map(g => ({...g, chars: [...g.chars].sort()}));
})()"""

#: One cell per character (and a blank one) per font, at whole-pixel positions over the
#: page, so that equal glyphs give equal pixels.
_SPECIMEN = r"""((groups, cell) => {
  const sheet = document.createElement("div");
  sheet.style.cssText = "position:fixed;left:0;top:0;right:0;bottom:0;background:#fff;" +
                        "z-index:2147483647";
  const perRow = Math.floor(innerWidth / cell);
  let slot = 0;
  const placed = groups.map((g, i) => [...g.chars, ""].map((c, j) => {
    const x = (slot % perRow) * cell, y = Math.floor(slot / perRow) * cell;
    slot += 1;
    const span = document.createElement("span");
    span.id = `glyph-${i}-${j}`;
    span.textContent = c;
    span.style.cssText = `position:absolute;left:${x}px;top:${y}px;width:${cell}px;` +
      `height:${cell}px;overflow:hidden;color:#000;font-size:${cell * 0.7}px;` +
      `line-height:${cell}px;font-family:${g.family};font-weight:${g.weight};` +
      `font-style:${g.style}`;
    sheet.appendChild(span);
    return [x, y];
  }));
  document.body.appendChild(sheet);
  return placed;
})"""


def unreadable_glyphs(page: Page, cell: int = 40) -> dict[str, Any]:
    """Chinese characters of the open page that are not drawn as themselves: blank, or
    drawn the same as another character (tofu: one "missing glyph" box for all).

    Each CJK ideograph of the page's text is drawn again in the font it is set in (family
    stack, weight, style, so with the same fallback), one to a cell at whole pixels, and
    the cells' pixels compared. Returns, per font that has unreadable characters, those
    characters and the fonts Chromium drew them with; empty when all are readable."""
    groups = page.evaluate(_CJK_BY_FONT)
    if not groups:
        raise AssertionError("no Chinese text on the page")
    placed = page.evaluate(f"{_SPECIMEN}({json.dumps(groups)}, {cell})")
    bottom = max(y for cells in placed for _, y in cells) + cell
    sheet = page.screenshot(0, 0, max(x for cells in placed for x, _ in cells) + cell, bottom)
    found: dict[str, Any] = {}
    for i, (g, cells) in enumerate(zip(groups, placed, strict=True)):
        pixels = [sheet.crop((x, y, x + cell, y + cell)).tobytes() for x, y in cells]
        *drawn, blank = pixels
        seen: dict[bytes, list[str]] = {}
        for c, p in zip(g["chars"], drawn, strict=True):
            seen.setdefault(p, []).append(c)
        bad = [c for p, cs in seen.items() if p == blank or len(cs) > 1 for c in cs]
        if bad:
            found[f"{g['family']} {g['weight']} {g['style']}"] = {
                "unreadable": "".join(sorted(bad)),
                "of": len(g["chars"]),
                "drawn with": page.platform_fonts(f"#glyph-{i}-0"),
            }
    page.evaluate("document.body.lastElementChild.remove(), true")
    return found
