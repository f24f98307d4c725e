"use strict";
// legible's console: the flows of the app as they are answered, one
// flow's tree, timeline and near misses, the app's map, and its state.
// Plain JavaScript, no libraries: everything comes from this server's
// /_legible/api, and every value is written as text, never as markup.

const api = "/_legible/api";
const maxRows = 1000;
const state = { flows: [], pending: [], paused: false, selected: null, map: null, syncs: new Map(), coll: null, offset: 0 };

// --- helpers ---------------------------------------------------------

function auth() {
  const token = sessionStorage.getItem("legible-admin-token");
  return token ? { Authorization: "Bearer " + token } : {};
}

async function get(path) {
  const res = await fetch(api + path, { headers: auth() });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.errors ? body.errors.body.join("; ") : res.statusText;
    throw new Error(res.status + ": " + msg);
  }
  return body;
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined) e.append(k);
  return e;
}

const svgNS = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const k of kids) e.append(k);
  return e;
}

const $ = (id) => document.getElementById(id);
const json = (v) => JSON.stringify(v, null, 2);
const clock = (t) => new Date(t).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(t).getMilliseconds()).padStart(3, "0");
const ms = (n) => (n < 1 ? n.toFixed(2) : n.toFixed(1));

function showError(where, err) {
  where.replaceChildren(el("p", { class: "error" }, String(err.message || err)));
}

// --- views -----------------------------------------------------------

function pickView(name) {
  for (const t of document.querySelectorAll(".tab")) t.setAttribute("aria-selected", String(t.dataset.view === name));
  for (const v of document.querySelectorAll(".view")) v.hidden = v.id !== "view-" + name;
  if (name === "map" && !state.map) loadMap();
  if (name === "state") loadState();
}

// --- flows -----------------------------------------------------------

function outcomeOf(f) {
  return (f.outcome || "").split(":")[0];
}

function matches(f) {
  const route = $("f-route").value, status = $("f-status").value, outcome = $("f-outcome").value;
  const text = $("f-text").value.trim().toLowerCase();
  if (route && f.method + " " + f.route !== route) return false;
  if (status && String(f.status)[0] !== status) return false;
  if (outcome === "unanswered" && f.answered) return false;
  if (outcome && outcome !== "unanswered" && outcomeOf(f) !== outcome) return false;
  return !text || (f.input || "").toLowerCase().includes(text);
}

function row(f) {
  const outcome = outcomeOf(f);
  return el("tr", { "data-id": f.id, onclick: () => openFlow(f.id) },
    el("td", { class: "time" }, f.start ? clock(f.start) : ""),
    el("td", {}, f.method || ""),
    el("td", { class: "route", title: f.input }, f.route || f.id),
    el("td", { class: "status s" + String(f.status)[0] }, f.status ? String(f.status) : "–"),
    el("td", { class: "mono" }, ms(f.durationMs || 0)),
    el("td", { class: "outcome-" + (f.answered ? outcome.split(" ")[0] : "failed"), title: f.outcome }, f.answered ? f.outcome : "unanswered"),
    el("td", { class: "mono" }, String(f.attempts || 1)));
}

function renderFlows() {
  const body = $("flows").tBodies[0];
  body.replaceChildren(...state.flows.filter(matches).map(row));
  $("no-flows").hidden = state.flows.length > 0;
  markSelected();
}

function markSelected() {
  for (const tr of $("flows").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.id === state.selected);
}

function addFlow(f) {
  if (state.flows.some((g) => g.id === f.id) || state.pending.some((g) => g.id === f.id)) return;
  if (state.paused) {
    state.pending.unshift(f);
    state.pending.length = Math.min(state.pending.length, maxRows);
    $("pause").textContent = "Resume (" + state.pending.length + " new)";
    return;
  }
  state.flows.unshift(f);
  state.flows.length = Math.min(state.flows.length, maxRows);
  addRouteOption(f);
  $("no-flows").hidden = true;
  if (!matches(f)) return;
  const tr = row(f);
  tr.classList.add("fresh");
  const body = $("flows").tBodies[0];
  body.prepend(tr);
  while (body.rows.length > maxRows) body.lastChild.remove();
}

function addRouteOption(f) {
  const name = f.method + " " + f.route;
  if (!f.route || [...$("f-route").options].some((o) => o.value === name)) return;
  $("f-route").append(el("option", { value: name }, name));
}

function togglePause() {
  state.paused = !state.paused;
  $("pause").classList.toggle("on", state.paused);
  setLive(state.paused ? "paused" : "on");
  if (!state.paused) {
    state.flows = state.pending.concat(state.flows).slice(0, maxRows);
    state.pending = [];
    $("pause").textContent = "Pause";
    state.flows.forEach(addRouteOption);
    renderFlows();
  }
}

async function loadFlows() {
  const list = await get("/flows");
  $("app-name").textContent = list.app;
  state.flows = list.flows;
  state.flows.forEach(addRouteOption);
  renderFlows();
}

// --- the live stream -------------------------------------------------

function setLive(how) {
  const text = { on: "live", paused: "paused", off: "reconnecting…" }[how];
  $("live").className = "live " + how;
  $("live").textContent = text;
}

async function onEvent(block) {
  let event = "message", data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (!data) return;
  const v = JSON.parse(data);
  if (event === "hello") {
    await loadFlows(); // the flows answered before this stream, or while it was down
    setLive(state.paused ? "paused" : "on");
  } else if (event === "flow") addFlow(v);
  else if (event === "dropped") {
    $("dropped").hidden = false;
    $("dropped").textContent = v + " flows came faster than this page read them; the list was fetched again.";
    loadFlows().catch(() => {});
  } else if (event === "reload" && state.map) {
    state.map = null;
    if (!$("view-map").hidden) loadMap();
  }
}

async function stream() {
  for (;;) {
    try {
      const res = await fetch(api + "/live", { headers: auth() });
      if (!res.ok) throw new Error("status " + res.status);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
          await onEvent(buf.slice(0, i));
          buf = buf.slice(i + 2);
        }
      }
    } catch (err) {
      // the server went away or restarts: try again
    }
    setLive("off");
    await new Promise((r) => setTimeout(r, 1000));
  }
}

// --- one flow --------------------------------------------------------

async function openFlow(id, explain) {
  state.selected = id;
  markSelected();
  const pane = $("detail");
  try {
    const d = await get("/flows/" + encodeURIComponent(id) + (explain ? "?explain=1" : ""));
    renderDetail(pane, d, explain || !d.summary.answered ? "why" : "tree");
  } catch (err) {
    showError(pane, err);
  }
}

function renderDetail(pane, d, tab) {
  const s = d.summary, t = d.trace;
  const tabs = { tree: () => tree(t.tree), timeline: () => timeline(t), why: () => why(d), test: () => asTest(d) };
  const body = el("div", { id: "subview" });
  const bar = el("div", { class: "subtabs" }, ...Object.keys(tabs).map((k) =>
    el("button", { class: "subtab", "data-tab": k, onclick: () => pick(k) }, { tree: "Tree", timeline: "Timeline", why: "Why", test: "As a test" }[k])));
  function pick(k) {
    for (const b of bar.children) b.setAttribute("aria-selected", String(b.dataset.tab === k));
    body.replaceChildren(tabs[k]());
  }
  pane.replaceChildren(
    el("h2", {}, (s.method || "") + " " + (s.route || "") + "  ", el("span", { class: "status s" + String(s.status)[0] }, s.status ? String(s.status) : "–")),
    el("div", { class: "facts" },
      el("span", {}, "flow " + s.id), el("span", {}, ms(s.durationMs) + " ms"),
      el("span", {}, s.outcome || "no database"), el("span", {}, (s.attempts || 1) + (s.attempts > 1 ? " attempts" : " attempt"))),
    bar, body);
  pick(tab);
}

function tree(nodes) {
  return el("ul", { class: "tree", id: "tree" }, nodes.map((n) => {
    const failed = n.failure || (n.output && n.output.error !== undefined);
    return el("li", {},
      el("div", { class: "node" },
        n.sync ? el("span", { class: "sync", title: "where this sync is written", onclick: () => showSync(n.sync) }, n.sync) : null,
        el("span", { class: "action" + (failed ? " error" : "") }, n.concept + "." + n.action),
        el("span", { class: "ms" }, ms(n.durationMs) + " ms")),
      el("div", { class: "io" }, el("b", {}, "in  "), JSON.stringify(n.input)),
      n.failure ? el("div", { class: "io error" }, el("b", {}, "failed  "), n.failure)
        : el("div", { class: "io" }, el("b", {}, "out "), JSON.stringify(n.output)),
      n.children.length ? tree(n.children) : null);
  }));
}

function flat(nodes, depth, out) {
  for (const n of nodes) {
    out.push({ n, depth });
    flat(n.children, depth + 1, out);
  }
  return out;
}

function timeline(t) {
  const start = Date.parse(t.start), total = Math.max(t.durationMs, 0.001);
  const rows = flat(t.tree, 0, []).sort((a, b) => Date.parse(a.n.start) - Date.parse(b.n.start));
  return el("div", { class: "timeline", id: "timeline" }, rows.map(({ n, depth }) => {
    const bar = el("div", { class: "tl-bar" + (n.failure || (n.output && n.output.error !== undefined) ? " error" : ""), title: ms(n.durationMs) + " ms" });
    bar.style.left = Math.min(100, ((Date.parse(n.start) - start) / total) * 100) + "%";
    bar.style.width = Math.max(0.3, (n.durationMs / total) * 100) + "%";
    const label = el("div", { class: "tl-label", title: n.sync || "" }, "  ".repeat(depth) + n.concept + "." + n.action);
    return el("div", { class: "tl-row" }, label, el("div", { class: "tl-track" }, bar));
  }));
}

function why(d) {
  if (!d.explained) {
    return el("div", {},
      el("p", {}, d.why || (d.summary.answered ? "A sync answered this flow's request." : "")),
      d.summary.answered && !d.why ? el("button", { id: "explain", onclick: () => openFlow(d.summary.id, true) }, "Explain the syncs of this route that did not fire") : null);
  }
  if (d.misses.length === 0) return el("p", { id: "misses" }, "Every sync of this route that answers fired.");
  return el("div", {},
    el("p", {}, d.summary.answered ? "The syncs of this route that answer and did not fire, and what stopped each:" : "No sync answered this request. The syncs of its route that answer, and what stopped each:"),
    el("ul", { class: "misses", id: "misses" }, d.misses.map((m) => el("li", {},
      el("span", { class: "sync", onclick: () => showSync(m.sync) }, m.sync), " ",
      el("span", { class: "where" }, m.file + ":" + m.line),
      el("span", { class: "why" }, m.why)))));
}

function asTest(d) {
  if (d.stepError) return el("p", {}, d.stepError);
  const pre = el("pre", { id: "step" }, d.step);
  const copy = el("button", { onclick: async () => {
    try {
      await navigator.clipboard.writeText(d.step);
      copy.textContent = "Copied";
    } catch (err) {
      getSelection().selectAllChildren(pre);
      copy.textContent = "Selected: copy it with Ctrl+C";
    }
  } }, "Copy");
  return el("div", {}, el("p", {}, "Paste this step into a scenario of a test file (NAME.test.yaml); put back what the trace masked."), copy, pre);
}

// --- the map ---------------------------------------------------------

async function loadMap() {
  try {
    const m = await get("/map");
    state.map = m;
    state.syncs = new Map(m.syncs.map((s) => [s.name, s]));
    const picks = [el("li", { "data-route": "", onclick: () => drawRoute("") }, "concepts and syncs")];
    for (const r of m.routes) picks.push(el("li", { "data-route": r, onclick: () => drawRoute(r) }, r));
    $("routes").replaceChildren(...picks);
    await drawRoute(state.route || "");
  } catch (err) {
    showError($("graph"), err);
  }
}

async function drawRoute(name) {
  state.route = name;
  for (const li of $("routes").children) li.classList.toggle("selected", li.dataset.route === name);
  $("map-title").textContent = name ? "The flow of " + name : state.map.app + ": concepts, and the syncs between them";
  $("cases").replaceChildren();
  try {
    if (!name) {
      $("graph").replaceChildren(draw(state.map.concepts, ""));
      return;
    }
    const r = await get("/map/route?route=" + encodeURIComponent(name));
    $("graph").replaceChildren(draw(r.drawing, name));
    $("cases").replaceChildren(el("h3", {}, "Its cases"), el("ul", {}, r.cases.map((c) => el("li", {}, c))));
  } catch (err) {
    showError($("graph"), err);
  }
}

function pathOf(points) {
  let d = "M" + points[0][0] + "," + points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [px, py] = points[i - 1], [qx, qy] = points[i], dx = (qx - px) / 2;
    d += " C" + (px + dx) + "," + py + " " + (qx - dx) + "," + qy + " " + qx + "," + qy;
  }
  return d;
}

function loopOf(b) {
  const cx = b.x + b.w / 2, y = b.y;
  return "M" + (cx - 14) + "," + y + " C" + (cx - 40) + "," + (y - 34) + " " + (cx + 40) + "," + (y - 34) + " " + (cx + 14) + "," + y;
}

function nodeClass(label, i, route) {
  if (route && i === 0) return "n route";
  if (label.endsWith("✗ error")) return "n error";
  if (route && label === "Requesting.respond") return "n respond";
  return "n";
}

function draw(d, route) {
  const root = svg("svg", { width: d.width, height: d.height, viewBox: "0 0 " + d.width + " " + d.height, id: "drawing", "data-route": route });
  root.append(svg("defs", {}, svg("marker", { id: "head", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
    svg("path", { d: "M0,0 L10,5 L0,10 z", fill: "#8a97a3" }))));
  d.edges.forEach((e) => {
    const g = svg("g", { class: "e" });
    g.append(svg("path", { d: e.points ? pathOf(e.points) : loopOf(d.nodes[e.from]), "marker-end": "url(#head)" }));
    const w = e.label.length * 6.7 + 10;
    const lbl = svg("g", { class: "lbl", "data-syncs": e.syncs.join(" "), onclick: () => pickEdge(g, e) },
      svg("rect", { x: e.at[0] - w / 2, y: e.at[1] - 9, width: w, height: 17, rx: 3 }));
    const text = svg("text", { x: e.at[0], y: e.at[1] + 4, "text-anchor": "middle" });
    text.textContent = e.label;
    lbl.append(text);
    g.append(lbl);
    root.append(g);
  });
  d.nodes.forEach((n, i) => {
    const text = svg("text", { x: n.x + n.w / 2, y: n.y + n.h / 2 + 4, "text-anchor": "middle" });
    text.textContent = n.label;
    root.append(svg("g", { class: nodeClass(n.label, i, route) }, svg("rect", { x: n.x, y: n.y, width: n.w, height: n.h, rx: 5 }), text));
  });
  return root;
}

function pickEdge(g, e) {
  for (const p of document.querySelectorAll("#drawing .e.picked")) p.classList.remove("picked");
  g.classList.add("picked");
  if (e.syncs.length === 1) return showSync(e.syncs[0]);
  $("sync").replaceChildren(el("h3", {}, e.label), el("ul", { class: "picks" },
    e.syncs.map((s) => el("li", { onclick: () => showSync(s) }, s))));
}

async function showSync(name) {
  if (!state.map) {
    try {
      const m = await get("/map");
      state.map = m;
      state.syncs = new Map(m.syncs.map((s) => [s.name, s]));
    } catch (err) {
      return;
    }
  }
  const s = state.syncs.get(name);
  const panel = $("sync");
  if (!s) return panel.replaceChildren(el("p", {}, "The app has no sync " + name + " now."));
  const editor = "vscode://file/" + s.path.replace(/^\//, "") + ":" + s.line + ":" + s.col;
  panel.replaceChildren(el("h3", { id: "sync-name" }, s.name),
    el("div", { class: "where", id: "sync-where" }, s.file + ":" + s.line + ":" + s.col + "  ", el("a", { href: editor }, "open in the editor")),
    el("pre", {}, s.source));
  if ($("view-map").hidden) pickView("map");
}

// --- state -----------------------------------------------------------

async function loadState() {
  try {
    const concepts = await get("/state");
    const items = [];
    for (const c of concepts) {
      items.push(el("li", { class: "concept" }, c.concept));
      if (c.collections.length === 0) items.push(el("li", { class: "muted" }, "keeps no collection"));
      for (const k of c.collections) {
        items.push(el("li", { "data-coll": k.name, class: k.name === state.coll ? "selected" : "", onclick: () => openColl(k.name, 0) },
          k.name.split(".").slice(1).join("."), el("span", { class: "count" }, String(k.count))));
      }
    }
    $("concepts").replaceChildren(...items);
    if (state.coll) openColl(state.coll, state.offset);
  } catch (err) {
    showError($("docs"), err);
  }
}

async function openColl(name, offset) {
  state.coll = name;
  state.offset = offset;
  for (const li of $("concepts").children) li.classList.toggle("selected", li.dataset.coll === name);
  $("coll-title").textContent = name;
  try {
    const p = await get("/state/" + encodeURIComponent(name) + "?offset=" + offset);
    delete $("docs").dataset.lookup;
    $("docs").replaceChildren(...p.docs.map(docBox));
    if (p.docs.length === 0) $("docs").append(el("p", { class: "empty" }, "No documents."));
    $("range").textContent = p.total ? (offset + 1) + "–" + (offset + p.docs.length) + " of " + p.total : "0 of 0";
    $("prev").disabled = offset === 0;
    $("next").disabled = offset + p.docs.length >= p.total;
  } catch (err) {
    showError($("docs"), err);
  }
}

function docBox(d) {
  return el("div", { class: "doc", "data-id": d.id }, el("div", { class: "id" }, d.id), el("pre", {}, json(d.doc)));
}

async function lookup(ev) {
  ev.preventDefault();
  const id = $("lookup-id").value.trim();
  if (!state.coll || !id) return;
  try {
    const d = await get("/state/" + encodeURIComponent(state.coll) + "/" + encodeURIComponent(id));
    $("docs").replaceChildren(docBox(d));
    $("docs").dataset.lookup = id;
    $("range").textContent = "by id";
  } catch (err) {
    showError($("docs"), err);
  }
}

// --- start -----------------------------------------------------------

function start() {
  for (const t of document.querySelectorAll(".tab")) t.addEventListener("click", () => pickView(t.dataset.view));
  for (const id of ["f-route", "f-status", "f-outcome", "f-text"]) $(id).addEventListener("input", renderFlows);
  $("pause").addEventListener("click", togglePause);
  $("prev").addEventListener("click", () => openColl(state.coll, Math.max(0, state.offset - 20)));
  $("next").addEventListener("click", () => openColl(state.coll, state.offset + 20));
  $("lookup").addEventListener("submit", lookup);
  stream();
}

start();
