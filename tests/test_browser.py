"""End to end: the real server (`minutes serve` in a subprocess) driven in headless Debian Chromium.

Upload a Word file on the page, edit every kind of field (meeting info, decisions and their
grounds, each column of the action items, rows added and deleted), download the Word
minutes (with review notes), the Excel tracker and the Markdown, and read the edits back
from them; a phone-sized screen; a bad file; keyboard and screen-reader basics.
Needs /usr/bin/chromium (apt: chromium) and the playwright package (no browser download).
"""
from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from wordfiles import free_port, wait_until_up, word_file

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
def server(tmp_path_factory):
    port = free_port()
    # the page files into a ledger: a throwaway one, never minutes.db in the checkout
    ledger = tmp_path_factory.mktemp("ledger") / "ledger.db"
    env = {**os.environ, "MINUTES_API_TOKEN": TOKEN, "MINUTES_DB": str(ledger)}
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
    assert page.locator("#meeting input[data-field=title]").input_value() == "产品上线进度同步会"
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


# --------------------------------------------------------------------------- #
# Editing every kind of field, and the downloads that follow the edits
# --------------------------------------------------------------------------- #
def review_docx() -> bytes:
    return word_file(["会议时间：2024年4月10日 14:30", "会议地点：3楼会议室", "主持人：王强", "记录人：李娜",
                      "参会人员：王强、李娜、张伟、赵敏", "一、决议", "结论：同意采用A方案。", "依据：A方案成本低30%。",
                      "二、待办事项", "1. 张伟负责完成A方案技术文档，4月20日前提交。", "2. 李娜尽快整理用户反馈。",
                      "3. 赵敏更新部署脚本，4月25日前完成。"], title="产品上线进度同步会")


def upload(page, name: str, data: bytes, mime: str = DOCX_TYPE) -> None:
    page.fill("#token", TOKEN)
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": data}])


def row(page, n: int):
    return page.locator("#actions tbody tr").nth(n)


def type_deadline(page, n: int, text: str, shown: str) -> None:
    field = row(page, n).locator("input.deadline")
    field.fill(text)
    field.press("Tab")
    page.wait_for_function("([n, shown]) => document.querySelectorAll('#actions tbody tr')[n]"
                           ".querySelector('.resolved').textContent.includes(shown)", arg=[n, shown])


def test_browser_edit_every_kind_of_field_and_download(page, tmp_path):
    upload(page, "评审会.docx", review_docx())
    row(page, 2).locator("input.owner").wait_for()
    meeting = lambda field: page.locator(f"#meeting [data-field={field}]")     # noqa: E731
    meeting("title").fill("产品上线评审会")
    meeting("location").fill("5楼大会议室")
    meeting("host").fill("周敏")
    meeting("attendees").fill("王强、李娜、张伟、赵敏、钱进")
    if not page.locator("#frame-box").evaluate("d => d.open"):
        page.click("#frame-box summary")
    page.fill("#frame [data-field=doc_number]", "〔2024〕第3期")
    page.fill("#frame [data-field=distribution]", "各部门")

    page.locator(".decision-text").first.fill("同意采用A方案，4月底上线")
    page.locator(".decision-rationale").first.fill("A方案成本低30%\n用户调研支持A方案")
    page.click("#add-decision")
    page.locator(".decision-text").last.fill("暂停B方案")
    page.click("#add-decision")
    page.locator(".decision-text").last.fill("这一条随后删除")
    page.locator("#decisions li").last.locator("button.delete").click()

    first = row(page, 0)
    first.locator("textarea.task").fill("完成A方案技术文档并组织评审")
    first.locator("input.owner").fill("孙丽")
    first.locator("input.department").fill("研发部")
    first.locator("input.collaborators").fill("张伟、赵敏")
    first.locator("select.priority").select_option("high")
    type_deadline(page, 0, "4月30日", "2024年4月30日（周二）")
    type_deadline(page, 1, "下周三", "2024年4月17日（周三）")
    row(page, 2).locator("button.delete").click()
    page.click("#add-action")
    assert page.locator("#actions tbody tr").count() == 3
    row(page, 2).locator("textarea.task").fill("联系供应商报价")
    page.check("#review-notes")

    minutes = docx.Document(str(download(page, "minutes", "docx", tmp_path)))
    text = all_text(minutes)
    for said in ("产品上线评审会纪要", "5楼大会议室", "周敏", "钱进", "〔2024〕第3期", "分送：各部门。",
                 "同意采用A方案，4月底上线", "用户调研支持A方案", "暂停B方案", "完成A方案技术文档并组织评审",
                 "研发部", "张伟、赵敏", "2024年4月30日", "2024年4月17日", "联系供应商报价"):
        assert said in text, said
    assert "这一条随后删除" not in text and "更新部署脚本" not in text
    actions = {r[1]: r for r in action_rows(minutes)}
    assert actions["完成A方案技术文档并组织评审"][2:4] == ["孙丽", "研发部"] and actions["完成A方案技术文档并组织评审"][6] == "高"
    notes = next(t for t in minutes.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "类别"])
    notes = [[c.text for c in r.cells] for r in notes.rows[1:]]
    assert any(n[2] == "联系供应商报价" and "缺少负责人" in n[1] for n in notes)      # the added row, checked again
    assert not any(n[2] == "尽快" for n in notes)                                   # 尽快 was replaced by a date

    sheet = openpyxl.load_workbook(download(page, "tracker", "xlsx", tmp_path)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in rows] == ["完成A方案技术文档并组织评审", "整理用户反馈", "联系供应商报价"]
    assert rows[0][2:7] == ("孙丽", "研发部", "张伟、赵敏", datetime(2024, 4, 30), "高")
    assert rows[1][5] == datetime(2024, 4, 17)

    markdown = download(page, "minutes", "md", tmp_path).read_text(encoding="utf-8")
    assert markdown.startswith("# 产品上线评审会纪要") and "| 孙丽 |" in markdown


def action_rows(document) -> list[list[str]]:
    return [[c.text for c in r.cells] for t in document.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "任务"]
            for r in t.rows[1:]]


def all_text(document) -> str:
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_browser_deadline_that_fixes_no_day_says_what_the_document_will_say(page):
    upload(page, "评审会.docx", review_docx())
    row(page, 0).locator("input.owner").wait_for()
    type_deadline(page, 0, "尽快", "尽快（未定）")
    assert "无法确定日期" in row(page, 0).locator(".resolved").inner_text()


# --------------------------------------------------------------------------- #
# A phone, a bad file, the keyboard and a screen reader
# --------------------------------------------------------------------------- #
def test_browser_phone_layout_has_no_sideways_scroll(sync_api, server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            page.goto(server)
            upload(page, "评审会.docx", review_docx())
            row(page, 2).locator("input.owner").wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            for selector in ("textarea.task", "input.owner", "input.deadline", "select.priority"):
                box = row(page, 0).locator(selector).bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 390, selector
            assert row(page, 0).locator("textarea.task").bounding_box()["width"] >= 250
            assert page.locator("#add-action").is_visible() and page.locator(".downloads button").first.is_visible()
        finally:
            browser.close()


@pytest.mark.parametrize("name, data, words", [
    ("会议记录.pdf", b"%PDF-1.4 not notes", ["“会议记录.pdf”不是能处理的文件类型", "另存为"]),
    ("损坏.docx", b"PK\x03\x04 this is not a real Word file", ["“损坏.docx”已损坏", "另存为 .docx"]),
    ("空白.txt", b"   \n", ["“空白.txt”里没有文字"]),
])
def test_browser_bad_file_shows_a_chinese_error_and_clears_old_results(page, name, data, words):
    upload(page, "评审会.docx", review_docx())
    row(page, 0).locator("input.owner").wait_for()
    page.set_input_files("#file", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    error = page.locator("#error")
    error.wait_for()
    text = error.inner_text()
    assert all(w in text for w in words), text
    assert not any(english in text for english in ("is not", "expected", "cannot", "error"))
    assert page.locator("#result").is_hidden() and page.locator("#actions tbody tr").count() == 0


def test_browser_keyboard_and_screen_reader_basics(page):
    page.fill("#token", TOKEN)
    page.focus("#token")
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
    assert "file" not in focused and "choose" in focused          # the hidden file input takes no focus
    page.focus("#choose")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")                            # focus is visible
    page.set_input_files("#file", files=[{"name": "评审会.docx", "mimeType": DOCX_TYPE, "buffer": review_docx()}])
    page.wait_for_function("document.querySelector('#announce').textContent.includes('已分析')")
    assert "项待办" in page.locator("#announce").inner_text()
    finding = page.locator("#findings li").first
    assert finding.get_attribute("role") == "button" and finding.get_attribute("tabindex") == "0"
    finding.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#source mark.flash")
    page.wait_for_selector("#source mark.flash", state="detached", timeout=5000)
    finding.focus()
    page.keyboard.press(" ")
    page.wait_for_selector("#source mark.flash")
