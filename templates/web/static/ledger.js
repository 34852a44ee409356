// 任务跟踪台账: the ledger view of the page, over /api/v1/ledger. No build step, no dependencies.
// Filters, overdue rows marked, a task's history, inline status/progress edits (each saved at once and
// recorded with the page as its source), filing notes, confirming pending reports, exports.
"use strict";

(function () {
  const STATUSES = ["未开始", "进行中", "已完成", "延期", "待验收"];
  const API = "api/v1/ledger";
  const root = document.getElementById("ledger");
  if (!root) return;
  const state = { tasks: [], selected: null, generation: 0 };

  function el(tag, props, ...children) {
    const node = Object.assign(document.createElement(tag), props || {});
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function today() {
    const d = new Date();
    return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  // ------------------------------------------------------------------ requests
  function headers(json) {
    const h = { "X-Minutes-Client": "web" };
    const token = document.getElementById("token");
    if (token && token.value.trim()) h.Authorization = "Bearer " + token.value.trim();
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  async function call(method, path, body) {
    const options = { method, headers: headers(body !== undefined && !(body instanceof FormData)) };
    if (body !== undefined) options.body = body instanceof FormData ? body : JSON.stringify(body);
    const response = await fetch(API + path, options);
    if (response.ok) return response;
    const data = await response.json().catch(() => null);
    const message = data && data.error ? data.error.message : "服务器出错（" + response.status + "）";
    throw new Error(response.status === 401 ? "访问令牌不正确或未填写：" + message : message);
  }

  function say(text, isError) {
    const box = root.querySelector(".ledger-status");
    box.textContent = text;
    box.classList.toggle("error", Boolean(isError));
  }

  function by() {
    const name = root.querySelector("#ledger-by").value.trim();
    try { localStorage.setItem("minutes-ledger-by", name); } catch (e) { /* private mode */ }
    return name || null;
  }

  // ------------------------------------------------------------------ layout
  function build() {
    const statusFilter = el("select", { id: "ledger-status" }, el("option", { value: "" }, "全部状态"),
      ...STATUSES.map((s) => el("option", { value: s }, s)));
    let saved = "";
    try { saved = localStorage.getItem("minutes-ledger-by") || ""; } catch (e) { /* private mode */ }
    root.replaceChildren(
      el("h2", {}, "任务跟踪台账 ", el("small", {}, "（跨会议跟踪每项任务；改状态和进度会立即保存并记入变更记录）")),
      el("div", { className: "ledger-tools" },
        el("label", {}, "负责人 ", el("input", { id: "ledger-owner", type: "text", placeholder: "全部" })),
        el("label", {}, "部门 ", el("input", { id: "ledger-dept", type: "text", placeholder: "全部" })),
        el("label", {}, "状态 ", statusFilter),
        el("label", {}, el("input", { id: "ledger-overdue", type: "checkbox" }), " 只看逾期"),
        el("label", {}, "截至 ", el("input", { id: "ledger-as-of", type: "date", value: today() })),
        el("button", { type: "button", id: "ledger-refresh" }, "刷新")),
      el("div", { className: "ledger-tools" },
        el("label", {}, "我的姓名（记入变更记录） ", el("input", { id: "ledger-by", type: "text", value: saved, placeholder: "可不填" })),
        el("label", { className: "button ledger-file" }, "登记会议记录", el("input", { id: "ledger-file", type: "file", accept: ".docx,.txt,.md,.json" })),
        el("label", {}, "项目简称 ", el("input", { id: "ledger-project", type: "text", placeholder: "默认取会议名称" })),
        el("button", { type: "button", className: "ledger-export", value: "xlsx" }, "导出 Excel"),
        el("button", { type: "button", className: "ledger-export", value: "csv" }, "导出 CSV")),
      el("p", { className: "ledger-status", role: "status" }),
      el("table", { id: "ledger-table", className: "ledger-table" },
        el("thead", {}, el("tr", {}, ...["任务ID", "任务", "负责人", "部门", "计划完成", "状态", "进度", "是否滞后", ""].map((h) => el("th", {}, h)))),
        el("tbody")),
      el("section", { id: "ledger-history", className: "ledger-history", hidden: true }),
      el("section", { id: "ledger-pending", className: "ledger-pending", hidden: true }));
    root.querySelector("#ledger-refresh").addEventListener("click", refresh);
    ["#ledger-status", "#ledger-overdue", "#ledger-as-of"].forEach((s) => root.querySelector(s).addEventListener("change", refresh));
    ["#ledger-owner", "#ledger-dept"].forEach((s) => root.querySelector(s).addEventListener("keydown", (e) => { if (e.key === "Enter") refresh(); }));
    root.querySelector("#ledger-file").addEventListener("change", (e) => fileNotes(e.target.files[0]));
    root.querySelectorAll(".ledger-export").forEach((b) => b.addEventListener("click", () => exportAs(b.value)));
  }

  function query() {
    const params = new URLSearchParams({ as_of: root.querySelector("#ledger-as-of").value || today() });
    const owner = root.querySelector("#ledger-owner").value.trim();
    const dept = root.querySelector("#ledger-dept").value.trim();
    const status = root.querySelector("#ledger-status").value;
    if (owner) params.set("owner", owner);
    if (dept) params.set("dept", dept);
    if (status) params.set("status", status);
    if (root.querySelector("#ledger-overdue").checked) params.set("overdue", "true");
    return params;
  }

  // ------------------------------------------------------------------ the table
  // Only the newest refresh draws: an older answer arriving late must not overwrite it.
  async function refresh() {
    const mine = ++state.generation;
    try {
      const data = await (await call("GET", "/tasks?" + query())).json();
      if (mine !== state.generation) return;
      state.tasks = data.tasks;
      showTasks(data);
      await showPending();
    } catch (error) {
      if (mine === state.generation) say(error.message, true);
    }
  }

  function showTasks(data) {
    const rows = data.tasks.map(taskRow);
    root.querySelector("#ledger-table tbody").replaceChildren(...(rows.length ? rows
      : [el("tr", {}, el("td", { colSpan: 9, className: "none" }, "没有符合条件的任务"))]));
    const late = data.tasks.filter((t) => t.late).length;
    say("共 " + data.count + " 项，滞后 " + late + " 项（截至 " + data.as_of + "）");
  }

  function taskRow(task) {
    const row = el("tr", { className: task.overdue ? "overdue" : task.late ? "behind" : task.status === "已完成" ? "done" : "" });
    row.dataset.id = task.id;
    const lateText = task.overdue ? "逾期" + task.days_overdue + "天" : task.late ? "滞后" : "否";
    row.append(
      el("td", { className: "id" }, task.id),
      el("td", { className: "task", title: task.risk ? "风险：" + task.risk : "" }, task.task),
      el("td", {}, task.owner || "—"),
      el("td", {}, task.department || "—"),
      el("td", {}, task.deadline ? task.deadline.replace("T", " ") : "未定"),
      el("td", {}, statusInput(task)),
      el("td", { className: "nowrap" }, progressInput(task)),
      el("td", {}, el("span", { className: task.late ? "mark late" : "mark" }, lateText)),
      el("td", {}, historyButton(task)));
    return row;
  }

  function statusInput(task) {
    const select = el("select", { className: "state" }, ...STATUSES.map((s) => el("option", { value: s, selected: s === task.status }, s)));
    select.setAttribute("aria-label", task.id + " 的状态");
    select.addEventListener("change", () => save(task, { status: select.value }));
    return select;
  }

  function progressInput(task) {
    const input = el("input", { className: "pct", type: "number", min: 0, max: 100, step: 5, value: task.progress });
    input.setAttribute("aria-label", task.id + " 的进度（%）");
    input.addEventListener("change", () => {
      const value = Number(input.value);
      if (!Number.isInteger(value) || value < 0 || value > 100) {
        input.classList.add("invalid");
        say("进度应为 0 到 100 的整数", true);
        return;
      }
      input.classList.remove("invalid");
      save(task, { progress: value });
    });
    return el("span", {}, input, "%");
  }

  function historyButton(task) {
    const button = el("button", { type: "button", className: "link" }, "变更记录");
    button.addEventListener("click", () => showHistory(task.id));
    return button;
  }

  async function save(task, change) {
    try {
      const data = await (await call("PATCH", "/tasks/" + encodeURIComponent(task.id), Object.assign({ by: by() }, change))).json();
      const what = data.changes.map((c) => c.label + " " + (c.old || "—") + " → " + (c.new || "—")).join("；");
      await refresh();
      say(task.id + " 已保存：" + (what || "无变化"));
      if (state.selected === task.id) await showHistory(task.id);
    } catch (error) {
      say(task.id + " 未保存：" + error.message, true);
      await refresh();
    }
  }

  // ------------------------------------------------------------------ history
  async function showHistory(id) {
    state.selected = id;
    const box = root.querySelector("#ledger-history");
    try {
      const task = await (await call("GET", "/tasks/" + encodeURIComponent(id) + "?as_of=" + query().get("as_of"))).json();
      root.querySelectorAll("#ledger-table tbody tr").forEach((r) => r.classList.toggle("selected", r.dataset.id === id));
      const rows = (task.history || []).map((h) => el("tr", {},
        el("td", {}, h.at.replace("T", " ")),
        el("td", {}, h.meeting || h.actor),
        el("td", {}, h.label),
        el("td", {}, h.field === "created" ? h.new : (h.old || "—") + " → " + (h.new || "—")),
        el("td", { className: "note" }, h.note || "")));
      box.replaceChildren(
        el("h3", {}, task.id + " " + task.task),
        el("p", { className: "hint" }, "来源会议：" + (task.meeting || "—") + (task.risk ? "　风险：" + task.risk : "")),
        el("table", { className: "ledger-table" },
          el("thead", {}, el("tr", {}, ...["时间（UTC）", "来源", "项目", "变更", "原文"].map((h) => el("th", {}, h)))),
          el("tbody", {}, ...rows)));
      box.hidden = false;
    } catch (error) {
      say(error.message, true);
    }
  }

  // ------------------------------------------------------------------ pending reports
  async function showPending() {
    const box = root.querySelector("#ledger-pending");
    const waiting = await (await call("GET", "/pending")).json();
    box.hidden = waiting.length === 0;
    box.replaceChildren(el("h3", {}, "待确认的进展汇报（" + waiting.length + "）"),
      el("p", { className: "hint" }, "这些汇报无法确定对应哪项任务，不会被自动应用；请选出对应的任务后确认。"),
      ...waiting.map(pendingItem));
  }

  function pendingItem(p) {
    const choice = el("select", {}, ...p.candidates.map((c) => el("option", { value: c.task_id }, c.task_id + "（相似度 " + c.score.toFixed(2) + "）")),
      ...state.tasks.filter((t) => !p.candidates.some((c) => c.task_id === t.id)).map((t) => el("option", { value: t.id }, t.id + " " + t.task)));
    const button = el("button", { type: "button" }, "确认");
    button.addEventListener("click", async () => {
      try {
        await call("POST", "/pending/" + p.id + "/confirm", { task_id: choice.value, by: by() });
        await refresh();
        say("汇报 #" + p.id + " 已应用到 " + choice.value);
      } catch (error) {
        say(error.message, true);
      }
    });
    return el("div", { className: "pending-item" },
      el("span", {}, "#" + p.id + " " + (p.report.text || p.report.task) + "（" + p.reason_label + "，来自 " + p.meeting + "）"), " ", choice, " ", button);
  }

  // ------------------------------------------------------------------ filing and export
  async function fileNotes(file) {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    const params = new URLSearchParams();
    const project = root.querySelector("#ledger-project").value.trim();
    if (project) params.set("project", project);
    if (by()) params.set("by", by());
    say("正在登记 " + file.name + "…");
    try {
      const result = await (await call("POST", "/meetings?" + params, form)).json();
      await refresh();
      say(filingText(result));
    } catch (error) {
      say(file.name + " 未登记：" + error.message, true);
    }
    root.querySelector("#ledger-file").value = "";
  }

  function filingText(result) {
    if (result.already_filed) return result.meeting + "：已登记过，台账未改动";
    return result.meeting + "：新任务 " + result.created.length + " 项，更新 " + Object.keys(result.updated).length +
      " 项" + (result.pending.length ? "，待确认 " + result.pending.length + " 项" : "");
  }

  async function exportAs(format) {
    try {
      const params = query();
      params.delete("overdue");
      params.set("format", format);
      const blob = await (await call("GET", "/export?" + params)).blob();
      const link = el("a", { href: URL.createObjectURL(blob), download: (format === "csv" ? "台账任务." : "任务跟踪台账.") + format });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (error) {
      say(error.message, true);
    }
  }

  // A reviewed extraction from the rest of the page (dispatched as "minutes:file-extraction").
  document.addEventListener("minutes:file-extraction", async (event) => {
    try {
      const result = await (await call("POST", "/meetings" + (by() ? "?by=" + encodeURIComponent(by()) : ""), { extraction: event.detail })).json();
      await refresh();
      say(filingText(result));
    } catch (error) {
      say("未登记：" + error.message, true);
    }
  });

  build();
  const token = document.getElementById("token");
  if (token) token.addEventListener("change", refresh);
  refresh();
})();
