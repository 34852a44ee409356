"""The page's 台账 view in headless Debian Chromium against a live server: filters, overdue rows
marked, a task's history, inline status/progress edits saved with the page as their source,
filing notes, and confirming a report the ledger would not guess."""
from __future__ import annotations

import pytest
from ledgerdb import NOTES, live_servers
from test_browser import CHROMIUM, CHROMIUM_ARGS, sync_api  # noqa: F401 (sync_api: a fixture shared with the page's tests)

from minutes.ledger.store import open_ledger
from minutes.pipeline import process

pytestmark = pytest.mark.browser
TOKEN = "ledger-e2e"
FOURTH = "智能仓储升级项目周例会（第4次）\n会议时间：2025年3月24日\n一、上周任务进展\n1. WMS接口（负责人：贺军）—— 已完成。\n"


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory):
    """The scenario's three meetings, filed from the command line before the page opens.

    One server and ledger for the module: the first test only reads, the others change
    tasks the earlier ones do not look at."""
    path = str(tmp_path_factory.mktemp("ledger-page") / "minutes.db")
    ledger = open_ledger(path)
    for name in ("01-启动会.md", "02-第一次周会.txt", "03-第二次周会.md"):
        ledger.file(process(NOTES / name), actor="命令行：唐悦")
    ledger.close()
    return path


@pytest.fixture(scope="module")
def browser(sync_api, ledger_path):
    with live_servers({"MINUTES_DB": ledger_path, "MINUTES_API_TOKEN": TOKEN}) as (base,):
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium, base
            finally:
                chromium.close()


@pytest.fixture
def page(browser):
    chromium, base = browser
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)         # the first filing waits for the job process to warm up
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base)
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.locator("#ledger-table tbody tr[data-id]").first.wait_for()
    yield page
    page.close()
    assert not errors, errors


def rows(page) -> dict[str, str]:
    """Task ID → the row's class (overdue / behind / done / "")."""
    found = page.locator("#ledger-table tbody tr[data-id]")
    return {found.nth(i).get_attribute("data-id"): found.nth(i).get_attribute("class") or ""
            for i in range(found.count())}


def set_and_wait(page, selector: str, value: str, expect: str) -> None:
    page.fill(selector, value)
    page.dispatch_event(selector, "change")
    page.wait_for_function("text => document.querySelector('.ledger-status').textContent.includes(text)", arg=expect)


def test_ledger_browser_marks_overdue_rows_and_filters(page):
    set_and_wait(page, "#ledger-as-of", "2025-03-18", "截至 2025-03-18")
    marked = rows(page)
    assert len(marked) == 8
    assert {i for i, c in marked.items() if c == "overdue"} == {"智能仓储升级-2025-003", "智能仓储升级-2025-004"}
    assert "逾期4天" in page.locator("tr[data-id='智能仓储升级-2025-004']").inner_text()
    page.fill("#ledger-owner", "邵婷")
    page.press("#ledger-owner", "Enter")
    page.wait_for_function("() => document.querySelectorAll('#ledger-table tbody tr[data-id]').length === 2")
    assert sorted(rows(page)) == ["智能仓储升级-2025-004", "智能仓储升级-2025-008"]
    page.check("#ledger-overdue")
    page.wait_for_function("() => document.querySelectorAll('#ledger-table tbody tr[data-id]').length === 1")


def test_ledger_browser_inline_edits_are_saved_with_their_source(page, ledger_path):
    page.fill("#ledger-by", "邵婷")
    row = page.locator("tr[data-id='智能仓储升级-2025-004']")
    row.locator("select.state").select_option("已完成")
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('已保存')")
    row = page.locator("tr[data-id='智能仓储升级-2025-008']")
    row.locator("input.pct").fill("30")
    row.locator("input.pct").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('008 已保存')")

    ledger = open_ledger(ledger_path)
    done, started = ledger.task("智能仓储升级-2025-004"), ledger.task("智能仓储升级-2025-008")
    assert (done.status, done.progress) == ("已完成", 100) and (started.status, started.progress) == ("进行中", 30)
    assert {(c.field, c.new, c.actor) for c in done.history[-3:]} >= {("status", "已完成", "网页：邵婷")}

    page.locator("tr[data-id='智能仓储升级-2025-004'] button.link").click()
    history = page.locator("#ledger-history")
    history.locator("tbody tr").nth(3).wait_for()
    text = history.inner_text()
    assert "搭建WMS测试环境" in text and "进行中 → 已完成" in text and "智能仓储升级项目周例会（第2次）" in text


def test_ledger_browser_files_notes_and_confirms_an_ambiguous_report(page, ledger_path):
    page.set_input_files("#ledger-file", files=[{"name": "第4次.txt", "mimeType": "text/plain",
                                                 "buffer": FOURTH.encode("utf-8")}])
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('待确认 1 项')")
    pending = page.locator("#ledger-pending")
    assert "有多个可能的任务" in pending.inner_text()
    pending.locator("select").select_option("智能仓储升级-2025-001")
    pending.locator("button").click()
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('已应用到')")
    pending.wait_for(state="hidden")
    assert open_ledger(ledger_path).pending() == []


def test_ledger_browser_files_a_reviewed_extraction_from_the_page(page, ledger_path):
    """The rest of the page hands a reviewed extraction over as a "minutes:file-extraction" event."""
    notes = "仓储周会\n会议时间：2025年3月31日\n待办事项：\n1. 唐悦负责组织仓库员工培训，4月3日前完成。\n"
    page.evaluate("""async ([token, text]) => {
        const answer = await fetch("api/v1/extract", {method: "POST", headers: {"Content-Type": "application/json",
            Authorization: "Bearer " + token}, body: JSON.stringify({text, filename: "仓储周会.txt"})});
        const extraction = await answer.json();
        extraction.action_items[0].owner = "邵婷";
        document.dispatchEvent(new CustomEvent("minutes:file-extraction", {detail: extraction}));
    }""", [TOKEN, notes])
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('新任务 1 项')")
    ledger = open_ledger(ledger_path)
    filed = [t for t in ledger.tasks() if t.task == "组织仓库员工培训"]
    assert [(t.owner, t.deadline) for t in filed] == [("邵婷", "2025-04-03")]
    assert ledger.task(filed[0].id).history[0].actor == "网页"


def test_ledger_browser_files_the_edited_extraction_with_the_pages_button(page, ledger_path):
    """登记到台账 under the downloads files what the secretary sees, edits included."""
    page.click("#paste-box summary")
    page.fill("#paste", "仓储月会\n会议时间：2025年4月7日\n待办事项：\n1. 唐悦负责盘点冷库温控记录，4月11日前完成。\n")
    page.click("#paste-submit")
    owner = page.locator("#actions tbody tr input.owner").first
    owner.wait_for()
    owner.fill("邵婷")
    owner.dispatch_event("change")
    page.click("#file-to-ledger")
    page.wait_for_function("() => document.querySelector('.ledger-status').textContent.includes('新任务 1 项')")
    filed = [t for t in open_ledger(ledger_path).tasks() if t.task == "盘点冷库温控记录"]
    assert [(t.owner, t.deadline) for t in filed] == [("邵婷", "2025-04-11")]
