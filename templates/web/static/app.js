// 会议纪要助手: upload → /api/v1/extract → show and edit → /api/v1/render. No build step, no dependencies.
"use strict";

(function () {
  const $ = (selector) => document.querySelector(selector);
  const MAX_BYTES = Number(document.body.dataset.maxBytes);
  const DEADLINE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
  const PRIORITIES = [["high", "高"], ["medium", "中"], ["low", "低"]];
  const SEVERITIES = { error: "错误", warning: "警告", info: "提示" };
  const MEETING = [
    ["title", "会议名称"], ["date", "日期"], ["time", "时间"], ["location", "地点"], ["host", "主持人"],
    ["recorder", "记录人"], ["attendees", "参会人员"], ["departments", "参会部门"], ["absent", "缺席人员"],
  ];
  const HINTS = {
    400: "请求格式有误", 401: "访问令牌不正确或未填写", 413: "文件太大", 415: "不支持的文件类型（请使用 .docx、.txt 或 .md）",
    422: "内容无法处理", 503: "服务器繁忙，请稍后再试", 504: "处理超时，请拆分文件后再试",
  };

  const state = { extraction: null, selected: null, entries: new Map(), findings: new Map(), picked: new Map() };

  // ------------------------------------------------------------------ helpers
  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props || {});
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  function showError(error) {
    const box = $("#error");
    box.textContent = error && error.message ? error.message : String(error);
    box.hidden = false;
  }

  function clearError() {
    $("#error").hidden = true;
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
      xhr.onerror = () => reject(new Error("无法连接服务器"));
      xhr.send(payload);
    });
  }

  async function failure(xhr) {
    let body = xhr.response;
    if (body instanceof Blob) body = await body.text().then(JSON.parse).catch(() => null);
    const detail = body && body.error ? body.error.message : "";
    const hint = HINTS[xhr.status] || "服务器出错（" + xhr.status + "）";
    return new Error(detail ? hint + "：" + detail : hint);
  }

  function busy(on, text) {
    $("#progress").hidden = !on;
    document.body.classList.toggle("busy", on);
    document.body.setAttribute("aria-busy", String(on));
    document.querySelectorAll("button, input[type=file]").forEach((b) => { b.disabled = on; });
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

  function run(promise, then) {
    clearError();
    promise.then(then).catch(showError).finally(() => busy(false));
  }

  // ------------------------------------------------------------------ input
  function analyzeFile(file) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showError("文件太大：" + sizeText(file.size) + "，上限为 " + sizeText(MAX_BYTES));
      return;
    }
    const form = new FormData();
    form.append("file", file, file.name);
    if ($("#ref-date").value) form.append("ref_date", $("#ref-date").value);
    busy(true);
    run(send("api/v1/extract", form, { onUpload: progress }), (xhr) => show(xhr.response));
  }

  function analyzeText() {
    const text = $("#paste").value;
    if (!text.trim()) {
      showError("请先粘贴会议记录");
      return;
    }
    const payload = { text, filename: $("#paste-md").checked ? "粘贴文字.md" : "粘贴文字.txt" };
    if ($("#ref-date").value) payload.ref_date = $("#ref-date").value;
    busy(true);
    run(send("api/v1/extract", payload, { onUpload: progress }), (xhr) => show(xhr.response));
  }

  // ------------------------------------------------------------------ results
  function show(extraction) {
    state.extraction = extraction;
    state.selected = null;
    $("#source-name").textContent = extraction.source;
    showMeeting(extraction.meeting);
    showDecisions(extraction.decisions);
    showSource(extraction.document_text || [], extraction.lint);
    showActions(extraction.action_items);
    showFindings(extraction.lint);
    $("#result").hidden = false;
  }

  function showMeeting(meeting) {
    const time = meeting.start_time ? meeting.start_time + (meeting.end_time ? "–" + meeting.end_time : "") : null;
    const values = Object.assign({}, meeting, { time });
    $("#meeting").replaceChildren(...MEETING.flatMap(([key, label]) => {
      const value = Array.isArray(values[key]) ? values[key].join("、") : values[key];
      return [el("dt", {}, label), el("dd", { className: value ? "" : "none" }, value || "未识别")];
    }));
  }

  function showDecisions(decisions) {
    const items = decisions.map((d) => el("li", {},
      el("span", {}, d.text),
      d.topic ? el("small", { className: "topic" }, "议题：" + d.topic) : null,
      d.rationale.length ? el("ul", { className: "rationale" }, ...d.rationale.map((r) => el("li", {}, "依据：" + r))) : null));
    $("#decisions").replaceChildren(...(items.length ? items : [el("li", { className: "none" }, "未识别到决议")]));
  }

  function showActions(items) {
    const rows = items.map(actionRow);
    $("#actions tbody").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colSpan: 5, className: "none" }, "未识别到待办事项"))]));
    $("#evidence").hidden = true;
  }

  function actionRow(item, index) {
    const original = { owner: item.owner, department: item.owner_department, deadline: item.deadline, text: item.deadline_text };
    const owner = el("input", { type: "text", className: "owner", value: item.owner || "", placeholder: "未指定" });
    owner.setAttribute("aria-label", "第 " + (index + 1) + " 项的负责人");
    owner.addEventListener("input", () => {
      item.owner = owner.value.trim() || null;
      item.owner_department = item.owner === original.owner ? original.department : null;
    });
    const row = el("tr", { tabIndex: -1 },
      el("td", {}, String(index + 1)),
      el("td", { className: "task" }, item.task),
      el("td", {}, owner),
      el("td", {}, deadlineInput(item, index, original)),
      el("td", {}, priorityInput(item, index)));
    row.addEventListener("click", () => select(index));
    row.addEventListener("focusin", () => select(index));
    return row;
  }

  function deadlineInput(item, index, original) {
    const input = el("input", { type: "text", className: "deadline", value: item.deadline || "", placeholder: "YYYY-MM-DD" });
    input.setAttribute("aria-label", "第 " + (index + 1) + " 项的截止日期");
    input.title = item.deadline_text ? "原文：" + item.deadline_text : "";
    input.addEventListener("input", () => {
      const value = input.value.trim();
      const valid = value === "" || DEADLINE.test(value);
      input.classList.toggle("invalid", !valid);
      input.setAttribute("aria-invalid", String(!valid));
      if (!valid) return;
      item.deadline = value || null;
      item.deadline_text = item.deadline === original.deadline ? original.text : null;
    });
    return input;
  }

  function priorityInput(item, index) {
    const select = el("select", { className: "priority" },
      ...PRIORITIES.map(([value, label]) => el("option", { value, selected: item.priority === value }, label)));
    select.setAttribute("aria-label", "第 " + (index + 1) + " 项的优先级");
    select.addEventListener("change", () => { item.priority = select.value; });
    return select;
  }

  function showFindings(findings) {
    $("#finding-count").textContent = findings.length ? "（" + findings.length + " 条）" : "";
    const items = findings.map((f, i) => {
      const li = el("li", { className: "sev-" + f.severity, tabIndex: 0 },
        el("span", { className: "badge" }, SEVERITIES[f.severity] || f.severity),
        el("strong", {}, f.label || f.rule), " ", el("q", {}, f.text), " ",
        el("span", {}, f.message),
        f.suggestion ? el("small", { className: "suggestion" }, "建议：" + f.suggestion) : null);
      li.addEventListener("click", () => reveal("f" + i));
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
    const { entry, node } = state.entries.get(key);
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
    const evidence = state.extraction.action_items[index].evidence || {};
    const before = Array.from(state.picked.keys());
    state.picked = group(EVIDENCE.map(([field, label]) => evidence[field] &&
      rangeOf(evidence[field], evidence[field].text, { id: "e-" + field, kind: "picked picked-" + field, title: label })));
    new Set(before.concat(Array.from(state.picked.keys()))).forEach(paint);
    showEvidence(evidence);
    reveal("e-task") || reveal("e-owner");
  }

  function showEvidence(evidence) {
    const rows = EVIDENCE.filter(([field]) => evidence[field]).map(([field, label]) =>
      el("div", {}, el("span", { className: "label" }, label + "："), el("q", {}, evidence[field].text)));
    $("#evidence").replaceChildren(...(rows.length ? rows : [el("div", { className: "none" }, "没有记录出处")]));
    $("#evidence").hidden = false;
  }

  // ------------------------------------------------------------------ downloads
  function download(button) {
    if (!state.extraction) return;
    if (document.querySelector("#actions input.invalid")) {
      showError("截止日期格式应为 YYYY-MM-DD（或 YYYY-MM-DDTHH:MM），请先改正");
      return;
    }
    const query = new URLSearchParams({
      document: button.dataset.document, format: button.dataset.format,
      style: $("#style").value, review_notes: String($("#review-notes").checked),
    });
    const extraction = Object.assign({}, state.extraction);
    delete extraction.document_text;
    busy(true, "正在生成文件…");
    run(send("api/v1/render?" + query, { extraction }, { responseType: "blob" }),
      (xhr) => save(xhr.response, fileName(xhr.getResponseHeader("Content-Disposition") || "")));
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
    $("#file").addEventListener("change", (e) => { analyzeFile(e.target.files[0]); e.target.value = ""; });
    drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      analyzeFile(e.dataTransfer.files[0]);
    });
    drop.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") $("#file").click(); });
    $("#paste-submit").addEventListener("click", analyzeText);
    document.querySelectorAll(".downloads button").forEach((b) => b.addEventListener("click", () => download(b)));
    const token = $("#token");
    if (token) {
      token.value = sessionStorage.getItem("minutes-token") || "";
      token.addEventListener("change", () => sessionStorage.setItem("minutes-token", token.value.trim()));
    }
  }

  wire();
})();
