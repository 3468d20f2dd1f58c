// tipgraph serve: the page. It talks to the server only through the
// /api/ endpoints of the CLI (GET /api/<command>?flag=value, .csv for CSV,
// /api/map.svg and /api/map.png for the map). No framework, no inline
// script or style: the server's Content-Security-Policy forbids them.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  // state is everything the page shows; every view is drawn from it.
  const state = {
    firstYear: 0,
    lastYear: 0,
    from: "",
    to: "",
    removed: [], // what-if: country codes removed, in click order
    whatif: false,
    names: {}, // country code -> name
    hubs: null, // last hubs document
    hubSort: { key: "transit", dir: -1 },
    group: "", // selected group id
    mapSeq: 0, // guards against out-of-order map responses
  };

  // query builds a query string: arrays become repeated parameters,
  // empty values are left out.
  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) {
        v.forEach((x) => q.append(k, x));
      } else if (v !== "" && v !== undefined && v !== null) {
        q.append(k, String(v));
      }
    }
    const s = q.toString();
    return s ? "?" + s : "";
  }

  // api fetches /api/<cmd> as JSON; a non-2xx answer throws its "error".
  async function api(cmd, params) {
    const res = await fetch("/api/" + cmd + query(params || {}));
    const text = await res.text();
    if (!res.ok) {
      let msg = res.status + " " + res.statusText;
      try {
        const e = JSON.parse(text);
        if (e && e.error) msg = e.error;
      } catch (_) { /* not JSON */ }
      throw new Error(msg);
    }
    return JSON.parse(text);
  }

  // filters are the global filters of the header.
  function filters() {
    const f = {};
    if (!$("all-years").checked) f.year = $("year").value;
    if ($("form").value) f.form = $("form").value;
    if ($("vector").value) f.vector = $("vector").value;
    return f;
  }

  // mapParams are the parameters of the current map.
  function mapParams() {
    const p = filters();
    if (state.from && state.to) {
      p.from = state.from;
      p.to = state.to;
    }
    if (state.removed.length) p.remove = state.removed.slice();
    return p;
  }

  const fmt = new Intl.NumberFormat("en");
  const num = (x) => (typeof x === "number" ? fmt.format(x) : x === null || x === undefined ? "" : String(x));
  const fix = (d) => (x) => (typeof x === "number" ? x.toFixed(d) : "");
  const pct = (x) => (typeof x === "number" ? (100 * x).toFixed(1) + "%" : "");
  const name = (c) => (state.names[c] ? state.names[c] + " (" + c + ")" : c);

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const kid of kids.flat()) {
      if (kid === null || kid === undefined) continue;
      e.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }

  function setStatus(msg, isError) {
    const s = $("status");
    s.textContent = msg;
    s.classList.toggle("error", !!isError);
  }

  function showError(out, err) {
    out.replaceChildren(el("p", { class: "note error", text: err.message }));
  }

  // table draws rows under columns {key, label, num, fmt, cls}; with sort
  // ({key, dir}) and onSort the headers are buttons that sort by them.
  function table(cols, rows, sort, onSort, rowAttrs) {
    const head = el("tr", {}, cols.map((c) => {
      const th = el("th", { scope: "col", class: c.num ? "num" : "" });
      if (onSort) {
        if (sort.key === c.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
        th.append(el("button", { type: "button", text: c.label, onclick: () => onSort(c.key) }));
      } else {
        th.textContent = c.label;
      }
      return th;
    }));
    const body = rows.map((r, i) => el("tr", rowAttrs ? rowAttrs(r, i) : {}, cols.map((c) => {
      const v = c.get ? c.get(r, i) : r[c.key];
      const cell = c.cell ? c.cell(r, i) : null;
      return el("td", { class: [c.num ? "num" : "", c.cls ? c.cls(r) : ""].join(" ").trim() },
        cell !== null ? cell : (c.fmt ? c.fmt(v) : num(v)));
    })));
    return el("table", {}, el("thead", {}, head), el("tbody", {}, body));
  }

  // ---- Map: fetch the SVG, insert it, pan and zoom by its viewBox. ----

  const view = { base: null, vb: null };

  async function drawMap() {
    const seq = ++state.mapSeq;
    const box = $("map");
    const params = mapParams();
    const url = "/api/map.svg" + query(params);
    $("dl-svg").href = url;
    $("dl-png").href = "/api/map.png" + query(params);
    const note = $("map-note");
    note.classList.remove("error");
    try {
      // An empty selection gives no map worth drawing: say so instead.
      const sum = await api("summary", filters());
      if (seq !== state.mapSeq) return;
      if (!sum.records) {
        box.replaceChildren(el("p", { class: "empty", text: "No records match these filters." }));
        note.textContent = "";
        view.base = null;
        return;
      }
      const res = await fetch(url);
      const text = await res.text();
      if (seq !== state.mapSeq) return;
      if (!res.ok) {
        let msg = res.status + " " + res.statusText;
        try { msg = JSON.parse(text).error || msg; } catch (_) { /* not JSON */ }
        throw new Error(msg);
      }
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const svg = doc.documentElement;
      if (svg.nodeName !== "svg") throw new Error("the map is not an SVG document");
      svg.removeAttribute("width");
      svg.removeAttribute("height");
      svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", "Route map");
      const base = svg.getAttribute("viewBox").split(/[\s,]+/).map(Number);
      const same = view.base && view.base.every((v, i) => Math.abs(v - base[i]) < 0.5);
      view.base = base;
      if (!same || !view.vb) view.vb = base.slice();
      svg.setAttribute("viewBox", view.vb.join(" "));
      box.replaceChildren(document.importNode(svg, true));
      const parts = [sum.victims !== undefined ? num(sum.victims) + " victims in " + num(sum.records) + " records" : ""];
      if (state.from && state.to) parts.push("routes " + state.from + " \u2192 " + state.to);
      if (state.removed.length) parts.push("removed " + state.removed.join(", "));
      note.textContent = parts.filter(Boolean).join("; ");
    } catch (err) {
      if (seq !== state.mapSeq) return;
      note.textContent = "Map: " + err.message;
      note.classList.add("error");
    }
  }

  function applyView() {
    const svg = $("map").querySelector("svg");
    if (svg && view.vb) svg.setAttribute("viewBox", view.vb.map((v) => v.toFixed(2)).join(" "));
  }

  // zoom scales the view by f (>1 zooms in) around the point (px, py) given
  // as fractions of the box.
  function zoom(f, px, py) {
    if (!view.vb) return;
    const [x, y, w, h] = view.vb;
    const nw = Math.min(Math.max(w / f, view.base[2] / 20), view.base[2] * 4);
    const nh = nw * h / w;
    view.vb = [x + (w - nw) * px, y + (h - nh) * py, nw, nh];
    applyView();
  }

  // scale is SVG units per screen pixel of the map box (meet: the larger).
  function scale() {
    const box = $("map");
    return Math.max(view.vb[2] / box.clientWidth, view.vb[3] / box.clientHeight);
  }

  function setupMap() {
    const box = $("map");
    let drag = null;
    let moved = false;
    box.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || !view.vb) return;
      drag = { x: e.clientX, y: e.clientY, vb: view.vb.slice(), s: scale() };
      moved = false;
    });
    box.addEventListener("pointermove", (e) => {
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!moved && Math.hypot(dx, dy) < 4) return;
      if (!moved) {
        moved = true;
        box.setPointerCapture(e.pointerId);
        box.classList.add("dragging");
      }
      view.vb = [drag.vb[0] - dx * drag.s, drag.vb[1] - dy * drag.s, drag.vb[2], drag.vb[3]];
      applyView();
    });
    const end = () => {
      drag = null;
      box.classList.remove("dragging");
    };
    box.addEventListener("pointerup", end);
    box.addEventListener("pointercancel", end);
    box.addEventListener("wheel", (e) => {
      if (!view.vb) return;
      e.preventDefault();
      const r = box.getBoundingClientRect();
      zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height);
    }, { passive: false });
    box.addEventListener("keydown", (e) => {
      if (!view.vb) return;
      const step = 40 * scale();
      const keys = {
        "+": () => zoom(1.2, 0.5, 0.5), "=": () => zoom(1.2, 0.5, 0.5), "-": () => zoom(1 / 1.2, 0.5, 0.5),
        ArrowLeft: () => { view.vb[0] -= step; applyView(); }, ArrowRight: () => { view.vb[0] += step; applyView(); },
        ArrowUp: () => { view.vb[1] -= step; applyView(); }, ArrowDown: () => { view.vb[1] += step; applyView(); },
        "0": () => { view.vb = view.base.slice(); applyView(); },
      };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
    // What-if: a click on a country node (its <title> is the code; the
    // label node's is CODE.label) removes it, a second click puts it back.
    box.addEventListener("click", (e) => {
      if (moved) { moved = false; return; }
      if (!state.whatif) return;
      const node = e.target.closest && e.target.closest("g.node");
      if (!node) return;
      const t = node.querySelector("title");
      const code = t ? t.textContent.trim().replace(/\.label$/, "") : "";
      if (!/^[A-Z]{2,3}$/.test(code)) return;
      toggleRemoved(code);
    });
    $("zoom-in").addEventListener("click", () => zoom(1.25, 0.5, 0.5));
    $("zoom-out").addEventListener("click", () => zoom(1 / 1.25, 0.5, 0.5));
    $("zoom-reset").addEventListener("click", () => {
      if (view.base) { view.vb = view.base.slice(); applyView(); }
    });
  }

  // ---- What-if. ----

  function setWhatif(on) {
    state.whatif = on;
    const b = $("whatif");
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.textContent = on ? "What-if: on (click a country)" : "What-if: off";
    $("map").classList.toggle("whatif", on);
    if (on) {
      selectTab("whatif");
    } else if (state.removed.length) {
      // Leaving what-if mode puts the removed countries back.
      state.removed = [];
      drawMap();
      drawDivert();
    }
  }

  function toggleRemoved(code) {
    const i = state.removed.indexOf(code);
    if (i >= 0) state.removed.splice(i, 1);
    else state.removed.push(code);
    drawMap();
    drawDivert();
  }

  async function drawDivert() {
    const out = $("whatif-out");
    $("removed").textContent = state.removed.length ? state.removed.map(name).join(", ") : "none";
    const link = $("dl-divert");
    if (!state.removed.length) {
      out.replaceChildren();
      link.hidden = true;
      return;
    }
    const params = Object.assign(filters(), { remove: state.removed.slice() });
    link.href = "/api/divert.csv" + query(params);
    link.hidden = false;
    try {
      const d = await api("divert", params);
      const fig = (label, v) => el("div", {}, el("strong", { text: num(v) }), label);
      out.replaceChildren(
        el("div", { class: "figures", id: "whatif-figures" },
          fig("affected", d.affected), fig("rerouted", d.rerouted), fig("deterred", d.deterred), fig("disrupted", d.disrupted)),
        el("p", { class: "help", text: "Affected: victims of the " + num(d.records) + " records through " + state.removed.join(", ") +
          ". Rerouted: moved to the best remaining path; deterred: not moved (displacement " + d.displacement +
          "); disrupted: no path remains." }),
        el("h3", { text: "Flows" }),
        (d.reroutes && d.reroutes.length) ? table([
          { key: "origin", label: "Origin", fmt: name },
          { key: "destination", label: "Destination", fmt: name },
          { key: "old_path", label: "Old path", fmt: (p) => (p || []).join(" > ") },
          { key: "new_path", label: "New path", fmt: (p) => (p && p.length ? p.join(" > ") : "none (disrupted)") },
          { key: "victims", label: "Victims", num: true },
        ], d.reroutes) : el("p", { class: "help", text: "No record passes through the removed countries as a transit country, so nothing changes." }),
        el("h3", { text: "Transit change" }),
        table([
          { key: "country", label: "Country", fmt: name },
          { key: "transit_before", label: "Before", num: true },
          { key: "transit_after", label: "After", num: true },
          { key: "delta", label: "Change", num: true, fmt: (v) => (v > 0 ? "+" : "") + num(v) },
        ], (d.countries || []).filter((c) => c.delta !== 0 || state.removed.includes(c.country))),
      );
    } catch (err) {
      showError(out, err);
    }
  }

  // ---- Routes. ----

  async function drawRoutes() {
    const out = $("routes-out");
    const link = $("dl-routes");
    if (!state.from || !state.to) {
      out.replaceChildren(el("p", { class: "help", text: "Choose two countries to list the routes the records report between them and the best paths in the leg graph; the map then shows only those routes." }));
      link.hidden = true;
      return;
    }
    const params = Object.assign(filters(), { from: state.from, to: state.to });
    link.href = "/api/routes.csv" + query(params);
    link.hidden = false;
    try {
      const r = await api("routes", params);
      const path = (p) => (p || []).join(" > ");
      out.replaceChildren(
        el("h3", { text: "Observed routes " + name(r.from) + " \u2192 " + name(r.to) + " (" + r.observed.length + ")" }),
        r.observed.length ? table([
          { key: "path", label: "Route", fmt: path },
          { key: "victims", label: "Victims", num: true },
          { key: "records", label: "Records", num: true },
        ], r.observed) : el("p", { class: "help", text: "None: no record passes through both countries in this order." }),
        el("h3", { text: "Best paths in the leg graph by " + r.by + " (up to " + r.k + ")" }),
        r.paths.length ? table([
          { key: "path", label: "Path", fmt: path },
          { key: "hops", label: "Hops", num: true },
          { key: "cost", label: "Cost", num: true, fmt: fix(3) },
          { key: "min_leg_victims", label: "Thinnest leg", num: true },
        ], r.paths) : el("p", { class: "help", text: "None: no path leads there in the filtered leg graph." }),
      );
    } catch (err) {
      showError(out, err);
    }
  }

  // ---- Hubs. ----

  const hubCols = [
    { key: "rank", label: "#", num: true, get: (r) => r.rank },
    { key: "country", label: "Code" },
    { key: "name", label: "Country" },
    { key: "transit", label: "Transit", num: true },
    { key: "inflow", label: "Inflow", num: true },
    { key: "outflow", label: "Outflow", num: true },
    { key: "betweenness", label: "Betweenness", num: true, fmt: fix(4) },
    { key: "pagerank", label: "PageRank", num: true, fmt: fix(4) },
    { key: "groups", label: "Groups", num: true },
  ];

  function sortHubs(key) {
    const s = state.hubSort;
    if (s.key === key) s.dir = -s.dir;
    else { s.key = key; s.dir = (key === "country" || key === "name" || key === "rank") ? 1 : -1; }
    renderHubs();
  }

  function renderHubs() {
    const out = $("hubs-out");
    if (!state.hubs) return;
    const { key, dir } = state.hubSort;
    const rows = state.hubs.hubs.map((h, i) => Object.assign({ rank: i + 1 }, h));
    rows.sort((a, b) => {
      const x = a[key], y = b[key];
      const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
      return c * dir || a.country.localeCompare(b.country);
    });
    out.replaceChildren(
      el("p", { class: "help", text: rows.length + " countries; ranked by transit victims. Click a header to sort." }),
      table(hubCols, rows, state.hubSort, sortHubs));
  }

  async function drawHubs() {
    const params = filters();
    $("dl-hubs").href = "/api/hubs.csv" + query(params);
    try {
      state.hubs = await api("hubs", params);
      renderHubs();
    } catch (err) {
      showError($("hubs-out"), err);
    }
  }

  // ---- Emerging sources. ----

  let emergingDestinationsFilled = false;

  async function drawEmerging() {
    const out = $("emerging-out");
    const params = filters();
    const dest = $("destination").value;
    if (dest) params.destination = dest;
    // Each destination between its own earlier and later records (reports
    // cover destinations in different years), or common periods.
    // Or a trend over every reporting year (Cochran-Armitage); shares
    // among victims of other citizenships only (docs/emerging.md).
    if ($("by-year").checked) params["by-year"] = "true";
    else if ($("own-periods").checked) params["own-periods"] = "true";
    if ($("foreign").checked) params.foreign = "true";
    $("dl-emerging").href = "/api/emerging.csv" + query(params);
    try {
      const e = await api("emerging", params);
      if (!emergingDestinationsFilled && !dest) {
        const sel = $("destination");
        for (const d of e.destinations || []) sel.append(el("option", { value: d.destination, text: d.name + " (" + d.destination + ")" }));
        emergingDestinationsFilled = true;
      }
      const periods = e.by_year ? "Trend of each share over the destination's reporting years (Cochran-Armitage; missing years left out)" : e.own_periods ? "Each destination against its own earlier and later records" : "Baseline " + e.baseline + " against recent " + e.recent;
      const tests = e.fdr === "off" ? "raw p-values" : "Benjamini-Hochberg q-values over " + e.tests + " tests";
      const parts = [el("p", { class: "help", text: periods + "; a change is significant at q < " + e.alpha + " (" + tests + "; z-test, or Fisher's exact test for small counts)." })];
      for (const d of e.destinations || []) {
        const origins = (d.origins || []).filter((o) => o.status !== "stable");
        const when = d.baseline_period ? " (" + d.baseline_period + " \u2192 " + d.recent_period + ")" : "";
        parts.push(el("h3", { text: d.name + " (" + d.destination + "): " + num(d.baseline_total) + " \u2192 " + num(d.recent_total) + " victims" + when }));
        parts.push(origins.length ? table([
          { key: "name", label: "Origin", get: (o) => o.name + " (" + o.country + ")" },
          { key: "status", label: "Status", cls: (o) => "status-" + o.status },
          { key: "baseline_share", label: "Baseline", num: true, fmt: pct },
          { key: "recent_share", label: "Recent", num: true, fmt: pct },
          { key: "recent_victims", label: "Victims", num: true },
          ...(e.by_year ? [{ key: "slope", label: "Points a year", num: true, fmt: (s) => (typeof s === "number" ? s.toFixed(2) : "") }] : []),
          { key: "p_value", label: "p", num: true, fmt: (p) => (typeof p === "number" ? p.toExponential(1) : "") },
          { key: "q_value", label: "q", num: true, fmt: (q) => (typeof q === "number" ? q.toExponential(1) : "") },
        ], origins) : el("p", { class: "help", text: "No origin changed significantly." }));
        if (d.missing_years && d.missing_years.length) parts.push(el("p", { class: "help", text: "Missing years (left out, not zero): " + d.missing_years.join(", ") }));
        const dom = d.domestic;
        if (dom) parts.push(el("p", { class: "help", text: "Own nationals: " + pct(dom.baseline_share) + " \u2192 " + pct(dom.recent_share) + " of all victims" + (e.foreign ? ", set apart from the shares above." : "; " + Math.round(100 * dom.part_of_change) + "% of the share that moved between origins is theirs.") }));
      }
      if (e.uncovered && e.uncovered.length) {
        parts.push(el("p", { class: "help", text: "Not compared: " + e.uncovered.map((n) => n.name + " (" + n.destination + (n.reason ? ": " + n.reason : ", victims in one period only") + ")").join(", ") }));
      }
      if (!(e.destinations || []).length) parts.push(el("p", { class: "help", text: "No destination has victims in both periods." }));
      out.replaceChildren(...parts);
    } catch (err) {
      showError(out, err);
    }
  }

  // ---- Trafficker groups. ----

  // The header's filters restrict the records a group operates (victims,
  // their origins, route countries); members and structure do not change.
  async function drawGroups() {
    const out = $("groups-out");
    const params = filters();
    $("dl-groups").href = "/api/groups.csv" + query(params);
    try {
      const g = await api("groups", params);
      out.replaceChildren(
        el("p", { class: "help", text: (g.groups || []).length + " groups; victims and countries count the records of the filters above, members and structure are those of the whole dataset. Choose one for its structure." }),
        table([
          { key: "name", label: "Group", cell: (r) => el("button", { type: "button", class: "link", text: r.name, "aria-label": "Show group " + r.name, onclick: () => selectGroup(r.id) }) },
          { key: "members", label: "Members", num: true },
          { key: "structure", label: "Structure" },
          { key: "countries", label: "Countries", fmt: (c) => (c || []).join(", ") },
          { key: "victims", label: "Victims", num: true },
        ], g.groups || [], null, null, (r) => ({ class: r.id === state.group ? "selected" : "", "data-group": r.id })),
      );
    } catch (err) {
      showError(out, err);
    }
  }

  async function selectGroup(id) {
    state.group = id;
    for (const tr of $("groups-out").querySelectorAll("tr[data-group]")) tr.classList.toggle("selected", tr.dataset.group === id);
    const out = $("group-detail");
    out.replaceChildren(el("p", { class: "help", text: "Loading " + id + "\u2026" }));
    try {
      const d = await api("groups", Object.assign(filters(), { group: id }));
      const g = (d.groups || [])[0];
      if (!g) throw new Error("no group " + id);
      const roles = Object.entries(g.roles || {}).map(([r, n]) => r + " " + n).join(", ");
      const kids = [
        el("h3", { text: g.name }),
        el("p", {}, g.members + " members, " + g.ties + " ties, " + g.structure + "; roles: " + (roles || "none") +
          "; countries: " + (g.countries || []).join(", ") + "; " + num(g.victims) + " victims on the flows it operates."),
      ];
      if ((g.brokers || []).length) kids.push(el("p", {}, "Brokers: " + g.brokers.map((b) => b.person + " (" + b.betweenness.toFixed(2) + ")").join(", ")));
      if ((g.cut_points || []).length) kids.push(el("p", {}, "Cut points: " + g.cut_points.join(", ")));
      // The group's diagram, if the server lets map.svg take export's
      // --group; the contract does not promise it, so its absence is
      // reported, not an error.
      const diagram = el("div", { class: "diagram", id: "group-diagram" });
      kids.push(diagram);
      out.replaceChildren(...kids);
      out.scrollIntoView({ block: "nearest" });
      const res = await fetch("/api/map.svg" + query({ group: id }));
      if (state.group !== id) return;
      if (res.ok) {
        const svg = new DOMParser().parseFromString(await res.text(), "image/svg+xml").documentElement;
        if (svg.nodeName === "svg") {
          svg.removeAttribute("width");
          svg.removeAttribute("height");
          diagram.replaceChildren(document.importNode(svg, true));
          return;
        }
      }
      diagram.replaceChildren(el("p", { class: "help", text: "No group diagram: this server's map endpoint does not draw groups." }));
    } catch (err) {
      showError(out, err);
    }
  }

  // ---- Tabs. ----

  const tabs = ["routes", "whatif", "hubs", "emerging", "groups"];

  function selectTab(name, focus) {
    for (const t of tabs) {
      const on = t === name;
      const b = $("tab-" + t);
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      $("panel-" + t).hidden = !on;
      if (on && focus) b.focus();
    }
  }

  function setupTabs() {
    tabs.forEach((t, i) => {
      const b = $("tab-" + t);
      b.addEventListener("click", () => selectTab(t));
      b.addEventListener("keydown", (e) => {
        let j = -1;
        if (e.key === "ArrowRight") j = (i + 1) % tabs.length;
        if (e.key === "ArrowLeft") j = (i + tabs.length - 1) % tabs.length;
        if (e.key === "Home") j = 0;
        if (e.key === "End") j = tabs.length - 1;
        if (j >= 0) {
          e.preventDefault();
          selectTab(tabs[j], true);
        }
      });
    });
  }

  // ---- Wiring. ----

  // redraw draws every filtered view again.
  async function redraw() {
    setStatus("Loading\u2026");
    const jobs = [drawMap(), drawHubs(), drawRoutes(), drawEmerging(), drawDivert(), drawGroups()];
    if (state.group) jobs.push(selectGroup(state.group));
    await Promise.all(jobs);
    const f = filters();
    setStatus(Object.keys(f).length ? "Filtered: " + Object.entries(f).map(([k, v]) => k + " " + v).join(", ") : "All records");
  }

  function yearLabel() {
    $("year-out").textContent = $("all-years").checked ? "all" : $("year").value;
  }

  async function init() {
    // A server with a token: the browser signed in (serve sets this
    // readable flag beside its HttpOnly session cookie).
    if (document.cookie.split("; ").includes("tipgraph_signed_in=1")) $("signout").hidden = false;
    setupTabs();
    setupMap();
    const sum = await api("summary", {});
    $("dataset").textContent = "dataset " + sum.dataset;
    state.firstYear = sum.first_year;
    state.lastYear = sum.last_year;
    const y = $("year");
    y.min = sum.first_year;
    y.max = sum.last_year;
    y.value = sum.last_year;
    yearLabel();

    // From/to choices: every country of the unfiltered hubs list.
    const hubs = await api("hubs", {});
    const countries = hubs.hubs.slice().sort((a, b) => a.name.localeCompare(b.name));
    for (const h of countries) {
      state.names[h.country] = h.name;
      for (const id of ["from", "to"]) $(id).append(el("option", { value: h.country, text: h.name + " (" + h.country + ")" }));
    }

    $("all-years").addEventListener("change", () => {
      y.disabled = $("all-years").checked;
      yearLabel();
      redraw();
    });
    y.addEventListener("input", yearLabel);
    y.addEventListener("change", redraw);
    $("form").addEventListener("change", redraw);
    $("vector").addEventListener("change", redraw);
    $("filters").addEventListener("submit", (e) => e.preventDefault());

    $("route-form").addEventListener("submit", (e) => {
      e.preventDefault();
      state.from = $("from").value;
      state.to = $("to").value;
      if (!state.from || !state.to) {
        showError($("routes-out"), new Error("Choose both a From and a To country."));
        return;
      }
      drawRoutes();
      drawMap();
    });
    $("route-clear").addEventListener("click", () => {
      state.from = state.to = "";
      $("from").value = $("to").value = "";
      drawRoutes();
      drawMap();
    });
    $("whatif").addEventListener("click", () => setWhatif(!state.whatif));
    $("whatif-clear").addEventListener("click", () => {
      state.removed = [];
      drawMap();
      drawDivert();
    });
    $("destination").addEventListener("change", drawEmerging);
    $("own-periods").addEventListener("change", drawEmerging);
    $("by-year").addEventListener("change", drawEmerging);
    $("foreign").addEventListener("change", drawEmerging);

    await redraw();
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", () => {
    init().catch((err) => setStatus("Cannot load: " + err.message, true));
  });
})();
