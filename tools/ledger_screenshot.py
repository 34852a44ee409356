"""Take docs/images/ledger.png: the page's 台账 view in headless Chromium, after the three
weekly meetings of tests/ledger_notes/ were filed, as of the day after the third.

    python tools/ledger_screenshot.py [OUT.png]

Needs /usr/bin/chromium and the playwright package (no browser download).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "tests" / "ledger_notes"
CHROMIUM = "/usr/bin/chromium"


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    from minutes.ledger.store import open_ledger
    from minutes.pipeline import process

    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "minutes.db")
        ledger = open_ledger(db)
        for notes in sorted(NOTES.iterdir()):
            ledger.file(process(notes), actor="命令行：唐悦")
        ledger.close()
        port = _free_port()
        server = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--port", str(port)],
                                  env={**os.environ, "MINUTES_DB": db, "MINUTES_PROCESSES": "1"})
        try:
            base = _wait(f"http://127.0.0.1:{port}/")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--lang=zh-CN"])
                page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1, locale="zh-CN")
                page.goto(base)
                page.locator("#ledger-table tbody tr[data-id]").first.wait_for()
                page.fill("#ledger-as-of", "2025-03-18")
                page.dispatch_event("#ledger-as-of", "change")
                page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('2025-03-18')")
                page.locator("tr[data-id='智能仓储升级-2025-003'] button.link").click()
                page.locator("#ledger-history tbody tr").nth(4).wait_for()
                page.locator("#ledger").screenshot(path=str(out))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(out)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(base: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "healthz", timeout=1).status_code == 200:
                return base
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit(f"the server at {base} did not start")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images" / "ledger.png")
