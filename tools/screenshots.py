#!/usr/bin/env python3
"""Remake the pictures in README.md and docs/ from the real documents and the real page.

    python tools/screenshots.py

Documents: the examples rendered by minutes, converted to PDF by LibreOffice and to PNG
by pdftoppm (poppler-utils). The page: `minutes serve` driven in headless Chromium, an
example uploaded and a deadline typed, on a desktop and on a 390 px phone. Needs
libreoffice (writer and calc), poppler-utils, chromium and Chinese fonts
(fonts-noto-cjk, fonts-arphic-ukai) from Debian.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"
EXAMPLES = ROOT / "examples"
DPI = 70
CHROMIUM = "/usr/bin/chromium"


def documents(work: Path) -> dict[str, Path]:
    """The files to picture, rendered from the examples."""
    from minutes import process
    from minutes.render import render_minutes_docx, render_tracker_docx, render_tracker_xlsx
    review = process(EXAMPLES / "产品评审会.txt")
    formal = process(EXAMPLES / "防汛专题会.txt")
    files = {"minutes_standard": (render_minutes_docx(review), "docx"),
             "minutes_formal": (render_minutes_docx(formal, style="formal"), "docx"),
             "tracker": (render_tracker_docx(review), "docx"),
             "tracker_xlsx": (render_tracker_xlsx(review), "xlsx")}
    out = {}
    for name, (data, suffix) in files.items():
        out[name] = work / f"{name}.{suffix}"
        out[name].write_bytes(data)
    return out


def to_png(document: Path, name: str, pages: tuple[int, ...] = (1,)) -> list[Path]:
    """Each wanted page of ``document`` as docs/images/NAME.png (NAME-N.png for a later page N; -1 is the last)."""
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(document.parent), str(document)],
                   check=True, capture_output=True, timeout=180)
    pdf = document.with_suffix(".pdf")
    count = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    written = []
    for page in pages:
        number = count if page == -1 else page
        target = IMAGES / (name if page == 1 else f"{name}_last" if page == -1 else f"{name}_{page}")
        subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(DPI), "-f", str(number), "-l", str(number),
                        str(pdf), str(target)], check=True, timeout=60)
        written.append(target.with_suffix(".png"))
    return written


def page_pictures() -> list[Path]:
    from playwright.sync_api import sync_playwright
    sys.path.insert(0, str(ROOT / "tests"))
    from wordfiles import free_port
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait(base)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox",
                                                                                "--lang=zh-CN"])
            shots = [_shoot(browser, base, "page", {"width": 1280, "height": 1150}),
                     _shoot(browser, base, "page_phone", {"width": 390, "height": 844}, "#actions")]
            browser.close()
        return shots
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait(base: str) -> None:
    for _ in range(300):
        try:
            if httpx.get(base + "healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def _shoot(browser, base: str, name: str, viewport: dict, scroll_to: str | None = None) -> Path:
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    page.goto(base)
    page.set_input_files("#file", str(EXAMPLES / "产品评审会.txt"))
    deadline = page.locator("#actions tbody tr").nth(2).locator("input.deadline")
    deadline.fill("6月28日17:00前")
    deadline.press("Tab")
    page.wait_for_function("document.querySelectorAll('#actions tbody tr')[2].querySelector('.resolved')"
                           ".textContent.includes('2024年6月28日')")
    if scroll_to:
        page.locator(scroll_to).scroll_into_view_if_needed()
    else:
        page.evaluate("window.scrollTo(0, document.querySelector('#decisions-title').getBoundingClientRect().top"
                      " + window.scrollY - 24)")
    target = IMAGES / f"{name}.png"
    page.screenshot(path=str(target))
    page.close()
    return target


def main() -> None:
    missing = [tool for tool in ("soffice", "pdftoppm", "pdfinfo") if not shutil.which(tool)]
    if missing or not Path(CHROMIUM).exists():
        sys.exit(f"screenshots need {', '.join(missing + ([CHROMIUM] if not Path(CHROMIUM).exists() else []))}")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        files = documents(Path(work))
        written = to_png(files["minutes_standard"], "minutes_standard")
        written += to_png(files["minutes_formal"], "minutes_formal", (1, -1))
        written += to_png(files["tracker"], "tracker")
        written += to_png(files["tracker_xlsx"], "tracker_xlsx")
    written += page_pictures()
    for path in written:
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
