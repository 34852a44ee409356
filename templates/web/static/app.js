// 会议纪要助手: upload → /api/v1/extract → show and edit every field → /api/v1/render. No build step, no dependencies.
"use strict";

(function () {
  const $ = (selector) => document.querySelector(selector);
  const MAX_BYTES = Number(document.body.dataset.maxBytes);
  const ACCEPTED = [".docx", ".txt", ".md"];
  const PRIORITIES = [["high", "高"], ["medium", "中"], ["low", "低"]];
  const SEVERITIES = { error: "错误", warning: "警告", info: "提示" };
  const WEEKDAYS = "日一二三四五六";
  // [key, label, kind]: text | list (names joined with 、) | date | time | long (a paragraph)
  const MEETING = [
    ["title", "会议名称", "text"], ["date", "会议日期", "date"], ["start_time", "开始时间", "time"],
    ["end_time", "结束时间", "time"], ["location", "地点", "text"], ["host", "主持人", "text"],
    ["recorder", "记录人", "text"], ["attendees", "参会人员", "list"], ["departments", "参会部门", "list"],
    ["observers", "列席人员", "list"], ["absent", "缺席人员", "list"],
  ];
  const FRAME = [
    ["doc_number", "文号 / 期号", "text"], ["issuer", "发文机关", "text"], ["issue_date", "印发日期", "date"],
    ["signer", "签发人", "text"], ["distribution", "分送", "text"], ["cc", "抄送", "text"],
    ["next_meeting", "下次会议", "text"], ["opening", "开头段落", "long"],
  ];
  const LIST_SPLIT = /[、，,；;\s]+/;

  const state = { extraction: null, name: "", selected: null, entries: new Map(), findings: new Map(),
    picked: new Map(), pending: new Set(), resolvers: [] };

  // ------------------------------------------------------------------ helpers
  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props || {});
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  function names(text) {
    return text.split(LIST_SPLIT).map((s) => s.trim()).filter(Boolean);
  }

  function announce(text) {
    const box = $("#announce");
    box.textContent = "";
    setTimeout(() => { box.textContent = text; }, 50);   // a changed text is read even when it repeats
  }

  function dayLabel(iso) {
    if (!iso) return "";
    const [day, clock] = iso.split("T");
    const [y, m, d] = day.split("-").map(Number);
    const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return y + "年" + m + "月" + d + "日（周" + weekday + "）" + (clock ? " " + clock : "");
  }

  // ------------------------------------------------------------------ errors, in Chinese: what went wrong and what to do
  function problem(error, file) {
    const name = file ? "“" + file + "”" : "这份内容";
    const cases = {
      unsupported: [name + "不是能处理的文件类型",
        "请上传 .docx、.txt 或 .md 文件；.doc、.wps 请先在 Word 或 WPS 中“另存为”.docx，PDF 请复制文字后用“粘贴文字”。"],
      too_large: [name + "太大", "上限为 " + sizeText(MAX_BYTES) + "。请删去其中的图片，或把记录拆成几份分别上传。"],
      empty: [name + "里没有文字", "请确认选对了文件；扫描件或图片请先转成文字再上传。"],
      encoding: [name + "的文字编码无法识别", "请用记事本或 Word 打开它，另存为 UTF-8 编码的 .txt 后再上传。"],
      corrupt: [name + "已损坏，或不是真正的 Word 文件", "请在 Word 或 WPS 中打开它，另存为 .docx 后再上传。"],
      bad_json: [name + "不是本工具导出的纪要数据", "请上传会议记录（.docx、.txt 或 .md）。"],
      unauthorized: ["访问令牌不正确或未填写", "请向管理员索取令牌，填到页面上方的“访问令牌”框中后重试。"],
      busy: ["服务器正忙", "请过几秒钟再试。"],
      timeout: [name + "处理超时", "请把记录拆成几份，分别上传。"],
      network: ["无法连接服务器", "请检查网络，或请管理员确认服务仍在运行。"],
      invalid: ["提交的内容不完整或格式不对", "请刷新页面后重试；仍然不行请联系管理员。"],
      bad_request: ["提交的内容不完整或格式不对", "请刷新页面后重试；仍然不行请联系管理员。"],
    };
    return cases[error.code] || ["服务器出错（" + (error.status || "未知") + "）", "文件没有被保存。请稍后重试；仍然不行请联系管理员。"];
  }

  function showError([title, fix]) {
    $("#error").replaceChildren(el("strong", {}, title), el("span", {}, fix));
    $("#error").hidden = false;
  }

  function clearError() {
    $("#error").hidden = true;
  }

  function clearResults() {
    state.extraction = null;
    state.selected = null;
    $("#result").hidden = true;
    ["#meeting", "#frame", "#decisions", "#actions tbody", "#findings", "#source"].forEach((s) => $(s).replaceChildren());
  }

  // ------------------------------------------------------------------ requests
  function send(url, payload, options) {
    const { onUpload, responseType } = options || {};
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.responseType = responseType || "json";
      const token = $("#token") && $("#token").value.trim();
      if (token) xhr.setRequestHeader("Authorization", "Bearer " + token);
      if (!(payload instanceof FormData)) {
        xhr.setRequestHeader("Content-Type", "application/json");
        payload = JSON.stringify(payload);
      }
      if (onUpload) {
        xhr.upload.onprogress = (e) => e.lengthComputable && onUpload(e.loaded / e.total);
        xhr.upload.onload = () => onUpload(1);
      }
      xhr.onload = () => (xhr.status === 200 ? resolve(xhr) : failure(xhr).then(reject));
      xhr.onerror = () => reject({ code: "network" });
      xhr.send(payload);
    });
  }

  async function failure(xhr) {
    let body = xhr.response;
    if (body instanceof Blob) body = await body.text().then(JSON.parse).catch(() => null);
    return { code: body && body.error ? body.error.code : "http", status: xhr.status };
  }

  function busy(on, text) {
    $("#progress").hidden = !on;
    document.body.classList.toggle("busy", on);
    document.body.setAttribute("aria-busy", String(on));
    document.querySelectorAll("#input button, .downloads button").forEach((b) => { b.disabled = on; });
    if (on) progress(text === undefined ? 0 : 1, text);
  }

  function progress(fraction, text) {
    const bar = $("#bar");
    if (fraction < 1) {
      bar.value = Math.round(fraction * 100);
      $("#status").textContent = "正在上传… " + Math.round(fraction * 100) + "%";
    } else {
      bar.removeAttribute("value");
      $("#status").textContent = text || "正在分析，请稍候…";
    }
  }

  // ------------------------------------------------------------------ input
  function analyzeFile(file) {
    if (!file) return;
    clearError();
    const suffix = file.name.slice(file.name.lastIndexOf(".")).toLowerCase();
    const refused = !ACCEPTED.includes(suffix) ? { code: "unsupported" } : file.size > MAX_BYTES ? { code: "too_large" }
      : file.size === 0 ? { code: "empty" } : null;
    if (refused) {
      clearResults();
      showError(problem(refused, file.name));
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    if ($("#ref-date").value) form.append("ref_date", $("#ref-date").value);
    analyze(send("api/v1/extract", form, { onUpload: progress }), file.name);
  }

  function analyzeText() {
    const text = $("#paste").value;
    if (!text.trim()) {
      showError(["还没有粘贴文字", "请把会议记录粘贴到文本框中，再点“分析文字”。"]);
      return;
    }
    const payload = { text, filename: $("#paste-md").checked ? "粘贴文字.md" : "粘贴文字.txt" };
    if ($("#ref-date").value) payload.ref_date = $("#ref-date").value;
    analyze(send("api/v1/extract", payload, { onUpload: progress }), "粘贴的文字");
  }

  function analyze(request, name) {
    clearError();
    busy(true);
    request.then((xhr) => show(xhr.response, name))
      .catch((error) => { clearResults(); showError(problem(error, name)); announce("分析失败：" + problem(error, name)[0]); })
      .finally(() => busy(false));
  }

  // ------------------------------------------------------------------ results
  function show(extraction, name) {
    state.extraction = extraction;
    state.name = name;
    state.selected = null;
    $("#source-name").textContent = extraction.source;
    showMeeting(extraction.meeting);
    showDecisions();
    showSource(extraction.document_text || [], extraction.lint);
    showActions();
    showFindings(extraction.lint);
    dateWarning();
    $("#result").hidden = false;
    announce("已分析" + (name ? "“" + name + "”" : "") + "：" + extraction.action_items.length + " 项待办，"
      + extraction.decisions.length + " 条决议，" + extraction.lint.length + " 条检查意见。");
  }

  function dateWarning() {
    const box = $("#date-warning");
    const undated = state.extraction && !state.extraction.meeting.date && !$("#ref-date").value;
    box.hidden = !undated;
    box.textContent = undated ? "记录中没有会议日期，“下周三”“3个工作日内”等相对期限按今天推算。请在“会议信息”中填写会议日期，"
      + "截止日期会按它重新换算。" : "";
  }

  // one labelled input bound to obj[key]
  function field(obj, key, label, kind, onChange) {
    const value = Array.isArray(obj[key]) ? obj[key].join("、") : (obj[key] || "");
    const input = kind === "long" ? el("textarea", { rows: 3, value })
      : el("input", { type: kind === "date" || kind === "time" ? kind : "text", value });
    input.dataset.field = key;
    input.addEventListener("input", () => {
      const text = input.value.trim();
      obj[key] = kind === "list" ? names(text) : (text || null);
      if (onChange) onChange(key);
    });
    return el("label", { className: kind === "long" ? "wide" : "" }, label, input);
  }

  function showMeeting(meeting) {
    const changed = (key) => {
      if (key === "date" || key === "start_time") reresolveDeadlines();
      if (key === "date") dateWarning();
    };
    $("#meeting").replaceChildren(...MEETING.map(([key, label, kind]) => field(meeting, key, label, kind, changed)));
    $("#frame").replaceChildren(...FRAME.map(([key, label, kind]) => field(meeting, key, label, kind)));
    $("#frame-box").open = FRAME.some(([key]) => meeting[key]);
  }

  // ------------------------------------------------------------------ decisions
  function showDecisions() {
    const decisions = state.extraction.decisions;
    const items = decisions.map((d, i) => decisionItem(d, i));
    $("#decisions").replaceChildren(...(items.length ? items : [el("li", { className: "none" }, "未识别到决议，可点“添加决议”")]));
  }

  function decisionItem(decision, index) {
    const n = index + 1;
    const text = el("textarea", { rows: 2, value: decision.text, className: "decision-text" });
    text.setAttribute("aria-label", "第 " + n + " 条决议");
    text.addEventListener("input", () => { decision.text = text.value.trim(); });
    const topic = el("input", { type: "text", value: decision.topic || "", className: "decision-topic" });
    topic.addEventListener("input", () => { decision.topic = topic.value.trim() || null; });
    const grounds = el("textarea", { rows: 2, value: (decision.rationale || []).join("\n"), className: "decision-rationale" });
    grounds.addEventListener("input", () => { decision.rationale = grounds.value.split("\n").map((s) => s.trim()).filter(Boolean); });
    const remove = el("button", { type: "button", className: "delete" }, "删除");
    remove.setAttribute("aria-label", "删除第 " + n + " 条决议");
    remove.addEventListener("click", () => {
      state.extraction.decisions.splice(index, 1);
      showDecisions();
      announce("已删除第 " + n + " 条决议");
    });
    return el("li", {}, el("div", { className: "decision" },
      el("label", { className: "text" }, "决议", text), remove,
      el("label", { className: "topic" }, "议题", topic),
      el("label", { className: "rationale" }, "依据（每行一条）", grounds)));
  }

  function addDecision() {
    const decisions = state.extraction.decisions;
    const last = decisions[decisions.length - 1];
    decisions.push({ text: "", topic: last ? last.topic : null, rationale: [], section: last ? last.section : null });
    showDecisions();
    $("#decisions li:last-child .decision-text").focus();
    announce("已添加第 " + decisions.length + " 条决议");
  }

  // ------------------------------------------------------------------ action items
  function showActions() {
    state.resolvers = [];
    const items = state.extraction.action_items;
    const rows = items.map(actionRow);
    $("#actions tbody").replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colSpan: 8, className: "none" }, "未识别到待办事项，可点“添加待办”"))]));
    $("#evidence").hidden = true;
  }

  function cell(label, content, className) {
    const td = el("td", { className: className || "" }, content);
    if (label) td.dataset.label = label;
    return td;
  }

  function input(item, key, index, label, className, list) {
    const value = list ? (item[key] || []).join("、") : (item[key] || "");
    const node = el("input", { type: "text", className, value, placeholder: "未指定" });
    node.setAttribute("aria-label", "第 " + (index + 1) + " 项的" + label);
    node.addEventListener("input", () => {
      const text = node.value.trim();
      item[key] = list ? names(text) : (text || null);
    });
    return node;
  }

  function actionRow(item, index) {
    const task = el("textarea", { className: "task", rows: 2, value: item.task });
    task.setAttribute("aria-label", "第 " + (index + 1) + " 项的任务");
    task.addEventListener("input", () => { item.task = task.value.trim(); });
    const remove = el("button", { type: "button", className: "delete" }, "删除");
    remove.setAttribute("aria-label", "删除第 " + (index + 1) + " 项待办");
    remove.addEventListener("click", (e) => { e.stopPropagation(); deleteAction(index); });
    const row = el("tr", { tabIndex: -1 },
      cell("", String(index + 1), "no"),
      cell("任务", task, "task-cell"),
      cell("负责人", input(item, "owner", index, "负责人", "owner")),
      cell("部门", input(item, "owner_department", index, "部门", "department")),
      cell("协作人", input(item, "collaborators", index, "协作人", "collaborators", true)),
      cell("截止日期", deadlineInput(item, index), "deadline-cell"),
      cell("优先级", priorityInput(item, index)),
      cell("", remove));
    row.addEventListener("click", () => select(index));
    row.addEventListener("focusin", () => select(index));
    return row;
  }

  function deadlineInput(item, index) {
    const node = el("input", { type: "text", className: "deadline", value: item.deadline_text || item.deadline || "",
      placeholder: "如 4月30日、下周三" });
    node.setAttribute("aria-label", "第 " + (index + 1) + " 项的截止日期");
    const out = el("output", { className: "resolved" });
    out.setAttribute("aria-live", "polite");
    const said = (text, unset) => { out.textContent = text; out.classList.toggle("unset", !!unset); };
    said(item.deadline ? "→ " + dayLabel(item.deadline) : item.deadline_text ? "无法确定日期：文档中记为“" + item.deadline_text + "（未定）”"
      : "未填写：文档中记为“—”", !item.deadline);
    const resolve = () => resolveDeadline(item, node.value.trim(), said);
    let timer = null;
    node.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(resolve, 250); });
    node.addEventListener("change", () => { clearTimeout(timer); resolve(); });
    state.resolvers[index] = () => node.value.trim() && resolve();
    return el("span", {}, node, out);
  }

  // The server reads the words the way it reads the notes (4月30日, 下周三, 3个工作日内), from the meeting's date.
  function resolveDeadline(item, text, said) {
    if (!text) {
      item.deadline = null;
      item.deadline_text = null;
      said("未填写：文档中记为“—”", true);
      return;
    }
    const meeting = state.extraction.meeting;
    const payload = { text };
    const ref = meeting.date || $("#ref-date").value;
    if (ref) payload.ref_date = ref;
    if (meeting.start_time) payload.start_time = meeting.start_time;
    const request = send("api/v1/deadline", payload).then((xhr) => {
      const answer = xhr.response;
      item.deadline = answer.deadline;
      item.deadline_text = text;
      said(answer.deadline ? "→ " + answer.label : "无法确定日期：" + answer.explanation, !answer.deadline);
    }).catch((error) => said("无法换算：" + problem(error).join("，"), true));
    state.pending.add(request);
    request.finally(() => state.pending.delete(request));
  }

  function reresolveDeadlines() {
    state.resolvers.forEach((resolve) => resolve && resolve());
  }

  function priorityInput(item, index) {
    const node = el("select", { className: "priority" },
      ...PRIORITIES.map(([value, label]) => el("option", { value, selected: item.priority === value }, label)));
    node.setAttribute("aria-label", "第 " + (index + 1) + " 项的优先级");
    node.addEventListener("change", () => { item.priority = node.value; });
    return node;
  }

  function addAction() {
    const items = state.extraction.action_items;
    const last = items[items.length - 1];
    items.push({ task: "", owner: null, owner_department: null, collaborators: [], deadline: null, deadline_text: null,
      priority: "medium", line: null, topic: last ? last.topic : null, section: last ? last.section : null, evidence: {} });
    showActions();
    $("#actions tbody tr:last-child textarea.task").focus();
    announce("已添加第 " + items.length + " 项待办");
  }

  function deleteAction(index) {
    state.extraction.action_items.splice(index, 1);
    state.selected = null;
    showActions();
    const before = Array.from(state.picked.keys());
    state.picked = new Map();
    before.forEach(paint);
    announce("已删除第 " + (index + 1) + " 项待办");
  }

  // ------------------------------------------------------------------ findings
  function showFindings(findings) {
    $("#finding-count").textContent = findings.length ? "（" + findings.length + " 条）" : "";
    const items = findings.map((f, i) => {
      const li = el("li", { className: "sev-" + f.severity, tabIndex: 0 },
        el("span", { className: "badge" }, SEVERITIES[f.severity] || f.severity),
        el("strong", {}, f.label || f.rule), " ", f.message.includes(f.text) ? null : el("q", {}, f.text), " ",
        el("span", {}, f.message),
        f.suggestion ? el("small", { className: "suggestion" }, "建议：" + f.suggestion) : null);
      li.setAttribute("role", "button");
      li.addEventListener("click", () => reveal("f" + i));
      li.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          reveal("f" + i);
        }
      });
      return li;
    });
    $("#findings").replaceChildren(...(items.length ? items : [el("li", { className: "none" }, "没有发现问题")]));
  }

  // ------------------------------------------------------------------ source text and highlights
  function showSource(entries, findings) {
    state.entries = new Map();
    state.picked = new Map();
    const box = $("#source");
    box.replaceChildren();
    for (const entry of entries) {
      const node = entry.table != null ? cellNode(box, entry) : lineNode(box, entry);
      node.dataset.key = entry.key;
      state.entries.set(entry.key, { entry, node });
    }
    state.findings = group(findings.map((f, i) => rangeOf(f.location || f, f.text, {
      id: "f" + i, kind: "finding sev-" + f.severity, title: (f.label || f.rule) + "：" + f.message,
    })));
    state.entries.forEach((_, key) => paint(key));
  }

  function lineNode(box, entry) {
    const node = el("div", { className: entry.heading ? "line heading" : "line" });
    if (entry.line != null) node.dataset.n = entry.line;
    box.append(node);
    return node;
  }

  // A Word table cell, in the table and row it belongs to (started when the last ones differ).
  function cellNode(box, entry) {
    let table = box.lastElementChild;
    if (!table || table.dataset.table !== String(entry.table)) {
      table = el("table", { className: "doc-table" });
      table.dataset.table = entry.table;
      box.append(table);
    }
    let row = table.lastElementChild;
    if (!row || row.dataset.row !== String(entry.row)) {
      row = el("tr");
      row.dataset.row = entry.row;
      table.append(row);
    }
    return row.appendChild(el("td"));
  }

  function keyOf(loc) {
    if (loc.line != null) return "l" + loc.line;
    if (loc.table != null) return "t" + loc.table + "r" + loc.row + "c" + loc.cell;
    if (loc.paragraph != null) return "p" + loc.paragraph;
    return null;
  }

  // The characters [start, end) of an entry that `text` at `loc` covers. When the words are not there
  // verbatim (an item rule quotes the task, cut from owner and deadline words), search for them; failing
  // that, mark from the column to the end of the sentence.
  function rangeOf(loc, text, mark) {
    const found = state.entries.get(keyOf(loc || {}));
    if (!found || !text) return null;
    const chars = Array.from(found.entry.text);
    const column = Math.min(Math.max(0, (loc.column || 1) - 1), chars.length);
    const length = Array.from(text).length;
    let span = [column, sentenceEnd(chars, column)];
    if (chars.slice(column, column + length).join("") === text) span = [column, column + length];
    else if (found.entry.text.includes(text)) {
      const start = Array.from(found.entry.text.slice(0, found.entry.text.indexOf(text))).length;
      span = [start, start + length];
    }
    return Object.assign({ key: keyOf(loc), start: span[0], end: span[1] }, mark);
  }

  function sentenceEnd(chars, from) {
    const end = chars.findIndex((c, i) => i >= from && "。；;！？!?\n".includes(c));
    return end < 0 ? chars.length : end;
  }

  function group(ranges) {
    const byKey = new Map();
    for (const r of ranges.filter(Boolean)) byKey.set(r.key, (byKey.get(r.key) || []).concat([r]));
    return byKey;
  }

  function paint(key) {
    const found = state.entries.get(key);
    if (!found) return;
    const { entry, node } = found;
    const ranges = (state.findings.get(key) || []).concat(state.picked.get(key) || []);
    const chars = Array.from(entry.text);
    const cover = chars.map((_, i) => ranges.filter((r) => r.start <= i && i < r.end));
    node.replaceChildren();
    for (let i = 0; i < chars.length;) {
      let j = i + 1;
      while (j < chars.length && same(cover[i], cover[j])) j++;
      node.append(cover[i].length ? markOf(cover[i], chars.slice(i, j).join("")) : chars.slice(i, j).join(""));
      i = j;
    }
  }

  function same(a, b) {
    return a.length === b.length && a.every((r, i) => r === b[i]);
  }

  function markOf(ranges, text) {
    const mark = el("mark", { className: ranges.map((r) => r.kind).join(" "), title: ranges.map((r) => r.title).join("\n") }, text);
    mark.dataset.ids = ranges.map((r) => r.id).join(" ");
    return mark;
  }

  function reveal(id) {
    const mark = document.querySelector('mark[data-ids~="' + id + '"]');
    if (!mark) return false;
    mark.scrollIntoView({ block: "center", behavior: "smooth" });
    mark.classList.add("flash");
    setTimeout(() => mark.classList.remove("flash"), 1200);
    return true;
  }

  // ------------------------------------------------------------------ selecting an action item
  const EVIDENCE = [["task", "任务原文"], ["owner", "负责人"], ["deadline", "截止时间"]];

  function select(index) {
    if (state.selected === index) return;
    state.selected = index;
    document.querySelectorAll("#actions tbody tr").forEach((tr, i) => tr.classList.toggle("selected", i === index));
    const item = state.extraction.action_items[index];
    const evidence = (item && item.evidence) || {};
    const before = Array.from(state.picked.keys());
    state.picked = group(EVIDENCE.map(([name, label]) => evidence[name] &&
      rangeOf(evidence[name], evidence[name].text, { id: "e-" + name, kind: "picked picked-" + name, title: label })));
    new Set(before.concat(Array.from(state.picked.keys()))).forEach(paint);
    showEvidence(evidence);
    reveal("e-task") || reveal("e-owner");
  }

  function showEvidence(evidence) {
    const rows = EVIDENCE.filter(([name]) => evidence[name]).map(([name, label]) =>
      el("div", {}, el("span", { className: "label" }, label + "："), el("q", {}, evidence[name].text)));
    $("#evidence").replaceChildren(...(rows.length ? rows : [el("div", { className: "none" }, "原文中没有出处（手工添加的一项）")]));
    $("#evidence").hidden = false;
  }

  // ------------------------------------------------------------------ downloads: the extraction as edited
  function edited() {
    const extraction = Object.assign({}, state.extraction);
    delete extraction.document_text;
    extraction.decisions = extraction.decisions.filter((d) => d.text.trim());
    extraction.action_items = extraction.action_items.filter((a) => a.task.trim());
    return extraction;
  }

  async function download(button) {
    if (!state.extraction) return;
    clearError();
    busy(true, "正在生成文件…");
    await Promise.allSettled(Array.from(state.pending));
    const query = new URLSearchParams({
      document: button.dataset.document, format: button.dataset.format,
      style: $("#style").value, review_notes: String($("#review-notes").checked),
    });
    send("api/v1/render?" + query, { extraction: edited() }, { responseType: "blob" })
      .then((xhr) => {
        const name = fileName(xhr.getResponseHeader("Content-Disposition") || "");
        save(xhr.response, name);
        announce("已生成“" + name + "”");
      })
      .catch((error) => showError(problem(error, button.textContent)))
      .finally(() => busy(false));
  }

  // The ledger view (ledger.js) files what it is handed: the extraction as edited here.
  async function fileToLedger() {
    if (!state.extraction) return;
    await Promise.allSettled(Array.from(state.pending));
    document.dispatchEvent(new CustomEvent("minutes:file-extraction", { detail: edited() }));
    $("#ledger").scrollIntoView({ block: "start" });
  }

  function fileName(disposition) {
    const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (utf8) return decodeURIComponent(utf8[1]);
    const plain = /filename="([^"]+)"/i.exec(disposition);
    return plain ? plain[1] : "download";
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // ------------------------------------------------------------------ wiring
  function wire() {
    $("#max-size").textContent = sizeText(MAX_BYTES);
    const drop = $("#drop");
    $("#choose").addEventListener("click", () => $("#file").click());
    $("#file").addEventListener("change", (e) => { analyzeFile(e.target.files[0]); e.target.value = ""; });
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      analyzeFile(e.dataTransfer.files[0]);
    });
    $("#paste-submit").addEventListener("click", analyzeText);
    $("#ref-date").addEventListener("change", dateWarning);
    $("#add-decision").addEventListener("click", addDecision);
    $("#add-action").addEventListener("click", addAction);
    document.querySelectorAll(".downloads button[data-document]").forEach((b) => b.addEventListener("click", () => download(b)));
    $("#file-to-ledger").addEventListener("click", fileToLedger);
    const token = $("#token");
    if (token) {
      token.value = sessionStorage.getItem("minutes-token") || "";
      token.addEventListener("change", () => sessionStorage.setItem("minutes-token", token.value.trim()));
    }
  }

  wire();
})();
