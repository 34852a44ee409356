"""End to end: the real server (`minutes serve` in a subprocess) driven in headless Debian Chromium.

Upload a Word file on the page, see the action items, change an owner in the table,
download the Word minutes and the tracker, and read the edited owner back from them.
Needs /usr/bin/chromium (apt: chromium) and the playwright package (no browser download).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import docx
import httpx
import openpyxl
import pytest
from wordfiles import free_port, word_file

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TOKEN = "e2e-token"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def notes_docx() -> bytes:
    """Meeting info lines, a 待办 list and an action table, as a person would write them."""
    return word_file(["会议时间：2024年6月14日 14:30", "会议地点：3楼会议室", "主持人：王强", "记录人：李娜",
                      "参会人员：王强、李娜、张伟、赵敏", "一、决议", "1. 同意采用A方案。", "二、待办事项",
                      "1. 张伟负责完成A方案技术文档，6月20日前提交。", "2. 李娜尽快整理用户反馈。"],
                     [["任务", "负责人", "截止日期"], ["更新部署脚本", "赵敏", "6月21日"]], title="产品上线进度同步会")


@pytest.fixture(scope="module")
def sync_api():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium")
    try:
        from playwright import sync_api
    except ImportError:
        pytest.skip("the playwright package is missing: pip install playwright (no browser download needed)")
    return sync_api


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = {**os.environ, "MINUTES_API_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "minutes", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stderr.close()


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(base + "healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not answer within {seconds} s")


@pytest.fixture
def page(sync_api, server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(server)
            yield page
            assert not errors, errors
        finally:
            browser.close()


def test_browser_upload_edit_owner_and_download_word_minutes(page, tmp_path):
    page.fill("#token", TOKEN)
    page.evaluate("""() => { window.busySeen = false;
        new MutationObserver(() => { window.busySeen ||= document.body.classList.contains('busy'); })
            .observe(document.body, {attributes: true}); }""")
    page.set_input_files("#file", files=[{"name": "周会.docx", "mimeType": DOCX_TYPE, "buffer": notes_docx()}])
    rows = page.locator("#actions tbody tr")
    rows.nth(2).locator("input.owner").wait_for()
    assert page.evaluate("window.busySeen") and page.locator("#progress").is_hidden()

    assert rows.count() == 3
    assert [rows.nth(i).locator("input.owner").input_value() for i in range(3)] == ["张伟", "李娜", "赵敏"]
    assert "产品上线进度同步会" in page.locator("#meeting").inner_text()
    assert "尽快" in page.locator("#source mark.finding").all_inner_texts()

    rows.nth(1).click()
    assert "李娜尽快整理用户反馈" in page.locator("#evidence").inner_text()
    assert "李娜" in page.locator("#source mark.picked").all_inner_texts()

    rows.nth(0).locator("input.owner").fill("赵六")
    minutes = download(page, "minutes", "docx", tmp_path)
    assert minutes.name == "周会-会议纪要.docx"
    assert owner_of(docx.Document(str(minutes)), "完成A方案技术文档") == "赵六"

    tracker = download(page, "tracker", "xlsx", tmp_path)
    sheet = openpyxl.load_workbook(tracker).worksheets[0]
    assert any(row[2] == "赵六" for row in sheet.iter_rows(values_only=True))


def download(page, document: str, fmt: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.click(f".downloads button[data-document={document}][data-format={fmt}]")
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


def owner_of(document, task: str) -> str:
    """The 负责人 cell of the row whose task cell holds ``task``, in the minutes' action table."""
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        for row in table.rows[1:]:
            cells = [c.text for c in row.cells]
            if "负责人" in header and any(task in c for c in cells):
                return cells[header.index("负责人")]
    raise AssertionError(f"no action table row holds {task!r}")


def test_browser_wrong_token_shows_the_error(page):
    page.fill("#token", "wrong")
    page.set_input_files("#file", files=[{"name": "周会.docx", "mimeType": DOCX_TYPE, "buffer": notes_docx()}])
    error = page.locator("#error")
    error.wait_for()
    assert "访问令牌" in error.inner_text()
    assert page.locator("#result").is_hidden()


def test_browser_needs_no_outside_resources(page, server):
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    page.reload()
    page.click("#paste-box summary")
    page.fill("#paste", "待办：\n1. 张伟负责整理需求，6月20日前完成。")
    page.fill("#token", TOKEN)
    page.click("#paste-submit")
    page.locator("#actions tbody tr input.owner").wait_for()
    assert not outside, outside
