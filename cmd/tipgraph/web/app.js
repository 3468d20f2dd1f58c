// tipgraph serve: the page. It talks to the server only through the
// /api/ endpoints of the CLI (GET /api/<command>?flag=value, .csv for CSV,
// /api/map.svg and /api/map.png for the map). No framework, no inline
// script or style: the server's Content-Security-Policy forbids them.
//
// The view lives in the query string, with the CLI's flag names (tab,
// years or year, form, vector, from, to, remove, country): a reload or a
// link restores it. Only the visible tab fetches; the others are drawn
// when opened.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);

  const tabs = ["map", "routes", "whatif", "hubs", "emerging", "groups", "estimate"];

  // state is everything the page shows; every view is drawn from it and
  // written to the URL.
  const state = {
    tab: "map",
    yearFrom: "", // "" or a year
    yearTo: "",
    form: "",
    vector: "",
    from: "",
    to: "",
    removed: [], // what-if: country codes closed to transit, in click order
    whatif: false,
    country: "", // the country profile shown
    destination: "", // emerging: one destination, or all
    aggregate: "", // the map: "" (auto), "country" or "region"
    names: {}, // country code -> name
    codes: {}, // lower-case name or code -> code
    years: [], // every year from the data's first to last
    emptyYears: new Set(),
    hubs: null, // last hubs document
    hubSort: { key: "transit", dir: -1 },
    group: "", // selected group id
    mapSeq: 0, // guards against out-of-order map responses
    stale: new Set(tabs), // tabs to draw again when opened
  };

  // Tables longer than this show their first rows and a button for the
  // rest (all rows print).
  const pageRows = 50;
  // Rows per list the country and emerging endpoints return.
  const apiTop = 20;
  const emergingTop = 10;
  // Destinations the emerging panel draws before a button for the rest.
  const pageDestinations = 25;

  // pending counts the requests in flight: the page test waits for 0.
  let pending = 0;
  function busy(d) {
    pending += d;
    document.body.dataset.busy = String(pending);
  }

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

  // fetchText fetches a URL; a non-2xx answer throws its "error". The
  // server's dataset does not change while it runs, so answers are kept
  // (the last cacheSize of them) and a view seen before draws at once.
  const cache = new Map();
  const cacheSize = 24;
  function fetchText(url, signal) {
    if (cache.has(url)) {
      if (signal) signal.settled = true; // nothing of its own to cancel
      const hit = cache.get(url);
      cache.delete(url);
      cache.set(url, hit); // most recently used last
      return hit;
    }
    const p = load(url, signal);
    cache.set(url, p);
    p.catch(() => cache.delete(url)); // a failure is asked again
    while (cache.size > cacheSize) cache.delete(cache.keys().next().value);
    return p;
  }

  async function load(url, signal) {
    busy(1);
    try {
      const res = await fetch(url, { signal });
      const text = await res.text();
      if (!res.ok) {
        let msg = res.status + " " + res.statusText;
        try {
          const e = JSON.parse(text);
          if (e && e.error) msg = e.error;
        } catch (_) { /* not JSON */ }
        throw new Error(msg);
      }
      return text;
    } finally {
      if (signal) signal.settled = true; // newSignal leaves a settled answer be
      busy(-1);
    }
  }

  // api fetches /api/<cmd> as JSON; for a view, a newer request of the
  // view cancels this one (newSignal).
  async function api(cmd, params, view) {
    const url = "/api/" + cmd + query(params || {});
    return JSON.parse(await fetchText(url, view ? newSignal(view, url) : undefined));
  }

  // cancels holds, per view, the way to cancel its request in flight: a
  // newer draw of the view cancels the older one's request, and the
  // server stops computing it (only views whose URLs no other view asks
  // for use this).
  // A request for the URL already in flight keeps it.
  const cancels = {};
  function newSignal(view, url) {
    const old = cancels[view];
    if (old && old.url === url) return old.ctl.signal;
    if (old && !old.ctl.signal.settled) {
      old.ctl.abort();
      cache.delete(old.url);
    }
    const ctl = new AbortController();
    cancels[view] = { url, ctl };
    return ctl.signal;
  }

  // period is the year filter: {years: "A-B"}, {year: "A"} or {}.
  function period() {
    const a = state.yearFrom, b = state.yearTo;
    if (!a && !b) return {};
    const lo = a || String(state.years[0]);
    const hi = b || String(state.years[state.years.length - 1]);
    return lo === hi ? { year: lo } : { years: lo + "-" + hi };
  }

  // filters are the global filters of the header, as API parameters.
  function filters() {
    const f = period();
    if (state.form) f.form = state.form;
    if (state.vector) f.vector = state.vector;
    return f;
  }

  function filterText() {
    const f = filters();
    const parts = Object.entries(f).map(([k, v]) => k + " " + v);
    return parts.length ? "Filtered: " + parts.join(", ") : "All records";
  }

  // mapParams are the parameters of the current map.
  function mapParams() {
    const p = filters();
    if (state.from && state.to) {
      p.from = state.from;
      p.to = state.to;
    }
    if (state.removed.length) p.remove = state.removed.slice();
    // A what-if is always drawn by country, its main legs (auto); the
    // API refuses region for it, and country would draw every leg.
    if (state.aggregate && !state.removed.length) p.aggregate = state.aggregate;
    return p;
  }

  // ---- The URL. ----

  // writeURL puts the view in the query string (no reload, no history
  // entry per click).
  function writeURL() {
    const p = Object.assign({}, period());
    if (state.tab !== "map") p.tab = state.tab;
    if (state.form) p.form = state.form;
    if (state.vector) p.vector = state.vector;
    if (state.aggregate) p.aggregate = state.aggregate;
    if (state.from) p.from = state.from;
    if (state.to) p.to = state.to;
    if (state.removed.length) p.remove = state.removed.slice();
    if (state.country) p.country = state.country;
    // What-if on with nothing removed yet; removed countries imply it.
    if (state.whatif && !state.removed.length) p.whatif = "on";
    if (state.group) p.group = state.group;
    // The emerging controls, by the names of emerging's flags; a switch
    // is written when it is not at its default.
    if (state.destination) p.destination = state.destination;
    for (const [k, def] of emergingSwitches) if ($(k).checked !== def) p[k] = String($(k).checked);
    const ordered = {};
    for (const k of ["tab", "years", "year", "form", "vector", "aggregate", "from", "to", "remove", "whatif", "country", "group", "destination", "own-periods", "by-year", "foreign"]) if (k in p) ordered[k] = p[k];
    const url = location.pathname + query(ordered);
    if (url !== location.pathname + location.search) history.replaceState(null, "", url);
    $("print-filters").textContent = filterText() + (state.removed.length ? "; removed " + state.removed.join(", ") : "") +
      (state.from && state.to ? "; routes " + state.from + " \u2192 " + state.to : "") + (state.country ? "; country " + state.country : "");
  }

  // readURL sets the state from the query string; an unknown value is
  // reported, not silently dropped.
  function readURL() {
    const q = new URLSearchParams(location.search);
    const problems = [];
    const tab = q.get("tab");
    if (tab) {
      if (tabs.includes(tab)) state.tab = tab;
      else problems.push("tab " + JSON.stringify(tab) + " (want " + tabs.join(", ") + ")");
    }
    const yr = /^\d{4}$/;
    if (q.get("years")) {
      const m = /^(\d{4})-(\d{4})$/.exec(q.get("years")) || /^(\d{4})()$/.exec(q.get("years"));
      if (m) {
        state.yearFrom = m[1];
        state.yearTo = m[2] || m[1];
      } else problems.push("years " + JSON.stringify(q.get("years")) + " (want 2003-2007)");
    } else if (q.get("year")) {
      if (yr.test(q.get("year"))) state.yearFrom = state.yearTo = q.get("year");
      else problems.push("year " + JSON.stringify(q.get("year")));
    }
    for (const k of ["form", "vector", "aggregate"]) {
      const v = q.get(k);
      if (!v) continue;
      if ([...$(k).options].some((o) => o.value === v)) state[k] = v;
      else problems.push(k + " " + JSON.stringify(v));
    }
    const country = (k) => {
      const v = q.get(k);
      if (!v) return "";
      const c = resolve(v);
      if (!c) problems.push(k + " " + JSON.stringify(v) + " is not a country of this dataset");
      return c;
    };
    state.from = country("from");
    state.to = country("to");
    state.country = country("country");
    for (const v of q.getAll("remove")) {
      const c = resolve(v);
      if (c && !state.removed.includes(c)) state.removed.push(c);
      else if (!c) problems.push("remove " + JSON.stringify(v) + " is not a country of this dataset");
    }
    state.whatif = state.removed.length > 0 || q.get("whatif") === "on";
    if (q.get("group")) state.group = q.get("group");
    state.destination = country("destination");
    for (const [k] of emergingSwitches) {
      const v = q.get(k);
      if (v === null) continue;
      if (v === "" || v === "true" || v === "1") $(k).checked = true;
      else if (v === "false" || v === "0") $(k).checked = false;
      else problems.push(k + " " + JSON.stringify(v) + " (want true or false)");
    }
    return problems;
  }

  // emergingSwitches are the emerging tab's checkboxes (ids = the flags'
  // names) with their defaults.
  const emergingSwitches = [["own-periods", true], ["by-year", false], ["foreign", false]];

  // resolve finds a country of the data by code or name (any case), or
  // "Name (CODE)" as the search list writes it.
  function resolve(s) {
    s = String(s || "").trim();
    const m = /\(([A-Za-z]{2,3})\)\s*$/.exec(s);
    if (m) s = m[1];
    return state.codes[s.toLowerCase()] || "";
  }

  // ---- Small helpers. ----

  // ticket starts a draw of a view: its fresh() is false once a later
  // draw of the same view started, so a slow old answer never overwrites
  // a newer one.
  const tickets = {};
  function ticket(view) {
    const n = (tickets[view] || 0) + 1;
    tickets[view] = n;
    return () => tickets[view] === n;
  }

  const fmt = new Intl.NumberFormat("en");
  const num = (x) => (typeof x === "number" ? fmt.format(x) : x === null || x === undefined ? "" : String(x));
  const fix = (d) => (x) => (typeof x === "number" ? x.toFixed(d) : "");
  const pct = (x) => (typeof x === "number" ? (100 * x).toFixed(1) + "%" : "");
  const name = (c) => (state.names[c] ? state.names[c] + " (" + c + ")" : c);
  const pathText = (p) => (p || []).join(" > ");

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

  // svgEl makes an SVG element with attributes and children.
  function svgEl(tag, attrs, ...kids) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const kid of kids.flat()) if (kid) e.append(kid);
    return e;
  }

  // trendChart draws small multiples of origins at one destination (as
  // the briefing's, exports.TrendChart): for each, its victims in each
  // reporting year and its share of the year's victims, each plot scaled
  // to its own largest value. A hidden count (null) and a year without
  // records are gaps, never zeros; a lone point is a dot.
  function trendChart(years, totals, origins) {
    const W = 230, H = 196, PH = 48, cols = Math.min(2, origins.length);
    const rows = Math.ceil(origins.length / cols);
    const first = years[0], last = years[years.length - 1];
    const x = (y) => (last === first ? (W - 20) / 2 : 34 + (y - first) * (W - 56) / (last - first));
    const svg = svgEl("svg", { class: "trend", viewBox: "0 0 " + cols * W + " " + rows * H, width: cols * W, height: rows * H, role: "img" });
    const plot = (g, top, vals, label, fmt, colour) => {
      const peak = Math.max(0, ...vals.filter((v) => v !== null));
      const bottom = top + PH;
      const y = (v) => (peak > 0 ? bottom - (v / peak) * PH : bottom);
      g.append(svgEl("line", { x1: x(first) - 4, y1: bottom, x2: x(last) + 4, y2: bottom, stroke: "#BBBBBB" }));
      for (const yr of years) g.append(svgEl("line", { x1: x(yr), y1: bottom, x2: x(yr), y2: bottom + 3, stroke: "#BBBBBB" }));
      g.append(svgEl("text", { x: 8, y: top - 8, "font-size": 11, fill: "#666666", text: label + ", up to " + fmt(peak) }));
      let run = [];
      const flush = () => {
        if (run.length === 1) g.append(svgEl("circle", { cx: run[0][0], cy: run[0][1], r: 2.5, fill: colour }));
        else if (run.length > 1) g.append(svgEl("polyline", { points: run.map((p) => p.join(",")).join(" "), fill: "none", stroke: colour, "stroke-width": 2, "stroke-linejoin": "round" }));
        run = [];
      };
      years.forEach((yr, j) => {
        if (vals[j] === null || (j > 0 && yr !== years[j - 1] + 1)) flush();
        if (vals[j] !== null) run.push([x(yr).toFixed(1), y(vals[j]).toFixed(1)]);
        else g.append(svgEl("text", { x: x(yr), y: bottom + 4, "font-size": 10, "text-anchor": "middle", fill: "#666666", text: "\u00d7" }));
      });
      flush();
    };
    origins.forEach((o, i) => {
      const g = svgEl("g", { transform: "translate(" + (i % cols) * W + "," + Math.floor(i / cols) * H + ")" });
      g.append(svgEl("title", { text: o.name + " (" + o.country + ")" }));
      const label = o.name + " (" + o.country + ")";
      g.append(svgEl("text", { x: 8, y: 16, "font-size": 13, "font-weight": "bold", fill: "#222222", text: label.length > 30 ? label.slice(0, 29) + "\u2026" : label }));
      const v = years.map((_, j) => (o.year_victims || [])[j] ?? null);
      const share = v.map((n, j) => (n === null || totals[j] === null || !totals[j] ? null : (100 * n) / totals[j]));
      plot(g, 40, v, "victims", (n) => num(Math.round(n)), "#998EC3");
      plot(g, 40 + PH + 24, share, "share", (n) => Math.round(n) + "%", "#F1A340");
      for (const yr of [first, last]) g.append(svgEl("text", { x: x(yr), y: 40 + 2 * PH + 24 + 15, "font-size": 11, "text-anchor": "middle", fill: "#666666", text: String(yr) }));
      svg.append(g);
    });
    return svg;
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
  // Past pageRows rows it shows a button for the rest; printing shows
  // every row.
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
    const row = (r, i) => el("tr", rowAttrs ? rowAttrs(r, i) : {}, cols.map((c) => {
      const v = c.get ? c.get(r, i) : r[c.key];
      const cell = c.cell ? c.cell(r, i) : null;
      return el("td", { class: [c.num ? "num" : "", c.cls ? c.cls(r) : ""].join(" ").trim() },
        cell !== null ? cell : (c.fmt ? c.fmt(v) : num(v)));
    }));
    // Rows past the first page are built only when asked for (the
    // button, or printing).
    const tbody = el("tbody", {}, rows.slice(0, pageRows).map(row));
    const t = el("table", {}, el("thead", {}, head), tbody);
    if (rows.length <= pageRows) return t;
    const more = el("button", {
      type: "button", class: "more", text: "Show all " + num(rows.length) + " rows (" + num(rows.length - pageRows) + " more)",
      onclick: () => {
        tbody.append(...rows.slice(pageRows).map((r, i) => row(r, i + pageRows)));
        more.remove();
      },
    });
    return el("div", { class: "table-wrap" }, t, more);
  }

  // leftOut says what a capped answer left out.
  function leftOut(lo, what) {
    if (!lo || !lo.rows) return null;
    return el("p", { class: "help left-out", text: "\u2026 " + num(lo.rows) + " more " + what + (lo.victims !== undefined && lo.victims !== null ? " (" + num(lo.victims) + " victims)" : "") + " not listed; the CSV has them all." });
  }

  // ---- Map: fetch the SVG, insert it, pan and zoom by its viewBox. ----

  const view = { base: null, vb: null };

  // clearMap empties the map and says why.
  function clearMap(msg, isError) {
    $("map").replaceChildren(el("p", { class: "empty" + (isError ? " error" : ""), text: msg }));
    view.base = null;
    const note = $("map-note");
    note.textContent = isError ? "No map: " + msg : "";
    note.classList.toggle("error", !!isError);
  }

  async function drawMap() {
    const seq = ++state.mapSeq;
    const box = $("map");
    const params = mapParams();
    // Shown in the pane, the map is asked a little narrower in points
    // than the pane is in pixels (the frame has margins around it), so
    // its labels, which keep their size in points, are at least 11 px;
    // the downloads are the full-size map.
    const width = Math.round(Math.min(1000, Math.max(400, 0.88 * (box.clientWidth || 1200))));
    const url = "/api/map.svg" + query(width < 1000 ? Object.assign({}, params, { width: String(width) }) : params);
    $("dl-svg").href = "/api/map.svg" + query(params);
    $("dl-png").href = "/api/map.png" + query(params);
    const note = $("map-note");
    note.classList.remove("error");
    // The summary and the map are fetched together; an empty selection
    // gives no map worth drawing, so it says so instead.
    const sumP = api("summary", filters());
    const mapP = fetchText(url, newSignal("map", url));
    mapP.catch(() => {}); // handled below, after the summary
    try {
      const sum = await sumP;
      if (seq !== state.mapSeq) return;
      if (!sum.records) {
        clearMap("No records match these filters.");
        return;
      }
      const text = await mapP;
      if (seq !== state.mapSeq) return;
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
      markCountry();
      const parts = [num(sum.victims) + " victims in " + num(sum.records) + " records"];
      if (state.from && state.to) parts.push("routes " + state.from + " \u2192 " + state.to);
      if (state.removed.length) parts.push("removed " + state.removed.join(", "));
      note.textContent = parts.join("; ");
    } catch (err) {
      if (seq !== state.mapSeq) return;
      clearMap(err.message, true);
    }
  }

  // nodeCode is the country code of a map element: its data-country, or
  // the <title> of its Graphviz node (CODE, or CODE.label for a label).
  function nodeCode(target) {
    const d = target.closest && target.closest("[data-country]");
    if (d) return d.getAttribute("data-country");
    const node = target.closest && target.closest("g.node");
    if (!node) return "";
    const t = node.querySelector("title");
    const code = t ? t.textContent.trim().replace(/\.label$/, "") : "";
    return /^[A-Z]{2,3}$/.test(code) ? code : "";
  }

  // markCountry outlines the selected country's node.
  function markCountry() {
    for (const g of $("map").querySelectorAll(".picked")) g.classList.remove("picked");
    if (!state.country) return;
    for (const g of $("map").querySelectorAll("g.node, [data-country]")) {
      if (nodeCode(g) === state.country) g.classList.add("picked");
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
    // A click on a country shows its profile; in what-if mode it removes
    // the country (a second click puts it back).
    box.addEventListener("click", (e) => {
      if (moved) { moved = false; return; }
      const code = nodeCode(e.target);
      if (!code) return;
      if (state.whatif) toggleRemoved(code);
      else selectCountry(code);
    });
    $("zoom-in").addEventListener("click", () => zoom(1.25, 0.5, 0.5));
    $("zoom-out").addEventListener("click", () => zoom(1 / 1.25, 0.5, 0.5));
    $("zoom-reset").addEventListener("click", () => {
      if (view.base) { view.vb = view.base.slice(); applyView(); }
    });
  }

  // ---- A country's profile. ----

  function selectCountry(code) {
    state.country = code;
    writeURL();
    markCountry();
    drawCountry();
  }

  async function drawCountry() {
    const fresh = ticket("country");
    const card = $("country-card");
    const out = $("country-out");
    if (!state.country) {
      card.hidden = true;
      return;
    }
    card.hidden = false;
    const code = state.country;
    $("country-h").textContent = name(code);
    $("country-remove").textContent = state.removed.includes(code) ? "Put back in what-if" : "Remove in what-if";
    const params = Object.assign(filters(), { country: code, top: apiTop });
    $("dl-country").href = "/api/country.csv" + query(Object.assign(filters(), { country: code, top: 0 }));
    out.replaceChildren(el("p", { class: "help", text: "Loading " + name(code) + "\u2026" }));
    try {
      const c = await api("country", params, "country");
      if (!fresh() || state.country !== code) return;
      const lo = c.left_out || {};
      const partnerCols = [
        { key: "name", label: "Partner", get: (p) => p.name + " (" + p.country + ")" },
        { key: "victims", label: "Victims", num: true },
        { key: "records", label: "Records", num: true },
      ];
      const none = (msg) => el("p", { class: "help", text: msg });
      const trendMax = Math.max(1, ...c.trend.map((t) => Math.max(t.as_destination || 0, t.as_origin || 0, t.as_transit || 0)));
      const bar = (v, cls) => el("span", { class: "bar " + cls, "data-w": Math.round(100 * (v || 0) / trendMax) });
      const kids = [
        el("div", { class: "figures", id: "country-figures" },
          el("div", {}, el("strong", { text: num(c.inflow) }), "inflow"),
          el("div", {}, el("strong", { text: num(c.outflow) }), "outflow"),
          el("div", {}, el("strong", { text: num(c.transit) }), "transit"),
          el("div", {}, el("strong", { text: num(c.groups.length) }), "groups")),
        el("h3", { text: "Inflow by partner" }),
        c.inflow_by_partner.length ? table(partnerCols, c.inflow_by_partner) : none("No leg leads into it."),
        leftOut(lo.inflow_by_partner, "partners"),
        el("h3", { text: "Outflow by partner" }),
        c.outflow_by_partner.length ? table(partnerCols, c.outflow_by_partner) : none("No leg leaves it."),
        leftOut(lo.outflow_by_partner, "partners"),
        el("h3", { text: "Transit" }),
        c.transit_by_partner.length ? table([
          { key: "from", label: "From", fmt: name },
          { key: "to", label: "To", fmt: name },
          { key: "victims", label: "Victims", num: true },
          { key: "records", label: "Records", num: true },
        ], c.transit_by_partner) : none("No record names it as a transit country."),
        leftOut(lo.transit_by_partner, "transit pairs"),
        el("h3", { text: "Routes through it" }),
        c.routes.length ? table([
          { key: "path", label: "Route", fmt: pathText },
          { key: "victims", label: "Victims", num: true },
          { key: "records", label: "Records", num: true },
        ], c.routes) : none("No record passes through it."),
        leftOut(lo.routes, "routes"),
        el("h3", { text: "Groups operating there" }),
        c.groups.length ? el("p", {}, c.groups.map((g) => g.name + " (" + g.id + ")").join(", ")) : none("None in the data."),
        el("h3", { text: "Trend: victims of its records by period" }),
        c.trend.length ? table([
          { key: "period", label: "Period" },
          { key: "as_destination", label: "As destination", num: true, cell: (t) => el("span", {}, bar(t.as_destination, "dest"), num(t.as_destination)) },
          { key: "as_origin", label: "As origin", num: true, cell: (t) => el("span", {}, bar(t.as_origin, "orig"), num(t.as_origin)) },
          { key: "as_transit", label: "As transit", num: true, cell: (t) => el("span", {}, bar(t.as_transit, "tran"), num(t.as_transit)) },
        ], c.trend) : none("No records under these filters."),
      ];
      out.replaceChildren(...kids.filter(Boolean));
      // Bar widths by class (the CSP forbids inline styles).
      for (const b of out.querySelectorAll(".bar")) b.classList.add("w" + Math.round(Number(b.dataset.w) / 10));
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  // ---- What-if. ----

  // setWhatif turns what-if mode on or off; quiet leaves the drawing to
  // the caller.
  function setWhatif(on, quiet) {
    state.whatif = on;
    const b = $("whatif");
    b.setAttribute("aria-pressed", on ? "true" : "false");
    b.textContent = on ? "What-if: on (click a country)" : "What-if: off";
    $("map").classList.toggle("whatif", on);
    if (on) {
      selectTab("whatif", false, quiet);
    } else if (state.removed.length) {
      // Leaving what-if mode puts the removed countries back.
      state.removed = [];
      removedChanged();
    }
  }

  function toggleRemoved(code) {
    const i = state.removed.indexOf(code);
    if (i >= 0) state.removed.splice(i, 1);
    else state.removed.push(code);
    if (state.removed.length && !state.whatif) setWhatif(true, true);
    removedChanged();
  }

  // removedChanged redraws what a removal changes: the map, the what-if
  // and routes panels, and the country card's button.
  function removedChanged() {
    writeURL();
    $("removed").textContent = state.removed.length ? state.removed.map(name).join(", ") : "none";
    drawMap();
    invalidate(["whatif", "routes"]);
    if (state.country) $("country-remove").textContent = state.removed.includes(state.country) ? "Put back in what-if" : "Remove in what-if";
  }

  async function drawDivert() {
    const fresh = ticket("divert");
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
    params.limit = 200;
    try {
      const d = await api("divert", params, "divert");
      if (!fresh()) return;
      const fig = (label, v) => el("div", {}, el("strong", { text: num(v) }), label);
      const moved = d.reroutes || [];
      const changed = (d.countries || []).filter((c) => c.delta !== 0 || state.removed.includes(c.country));
      out.replaceChildren(
        el("div", { class: "figures", id: "whatif-figures" },
          fig("affected", d.affected), fig("rerouted", d.rerouted), fig("deterred", d.deterred), fig("disrupted", d.disrupted)),
        el("p", { class: "help", text: d.note || ("Affected: victims of the " + num(d.records) + " records through " + state.removed.join(", ") +
          ". Rerouted: moved to the best remaining path; deterred: not moved (displacement " + d.displacement +
          "); disrupted: no path remains.") }),
        el("h3", { text: "Flows" + (d.reroutes_left_out ? " (the " + num(moved.length) + " largest of " + num(moved.length + d.reroutes_left_out.rows) + "; the CSV has all)" : "") }),
        moved.length ? table([
          { key: "origin", label: "Origin", fmt: name },
          { key: "destination", label: "Destination", fmt: name },
          { key: "old_path", label: "Old path", fmt: pathText },
          { key: "new_path", label: "New path", fmt: (p) => (p && p.length ? pathText(p) : "none (disrupted)") },
          { key: "victims", label: "Victims", num: true },
        ], moved) : el("p", { class: "help", text: "No record passes through the removed countries as a transit country, so nothing changes." }),
        el("h3", { text: "Transit change" }),
        table([
          { key: "country", label: "Country", fmt: name },
          { key: "transit_before", label: "Before", num: true },
          { key: "transit_after", label: "After", num: true },
          { key: "delta", label: "Change", num: true, fmt: (v) => (v > 0 ? "+" : "") + num(v) },
        ], changed),
      );
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  // ---- Routes. ----

  async function drawRoutes() {
    const fresh = ticket("routes");
    const out = $("routes-out");
    const link = $("dl-routes");
    $("from").value = state.from;
    $("to").value = state.to;
    if (!state.from || !state.to) {
      out.replaceChildren(el("p", { class: "help", text: "Choose two countries to list the routes the records report between them and the best paths in the leg graph; the map then shows only those routes. An active what-if closes its countries to transit here too." }));
      link.hidden = true;
      return;
    }
    const params = Object.assign(filters(), { from: state.from, to: state.to });
    if (state.removed.length) params.remove = state.removed.slice();
    link.href = "/api/routes.csv" + query(params);
    link.hidden = false;
    try {
      const r = await api("routes", params, "routes");
      if (!fresh()) return;
      const kids = [];
      if (r.closed) {
        const c = r.closed;
        kids.push(el("p", { class: "note whatif-note", text: "What-if: " + r.removed.map(name).join(", ") + " closed to transit; " +
          (c.routes ? num(c.routes) + " observed route(s) through them left out (" + num(c.records) + " records, " + num(c.victims) + " victims)" : "no observed route between these countries passes through them") +
          "; no path passes through them." }));
      }
      if (r.note) kids.push(el("p", { class: "help", text: r.note }));
      kids.push(
        el("h3", { text: "Observed routes " + name(r.from) + " \u2192 " + name(r.to) + " (" + r.observed.length + ")" }),
        r.observed.length ? table([
          { key: "path", label: "Route", fmt: pathText },
          { key: "victims", label: "Victims", num: true },
          { key: "records", label: "Records", num: true },
        ], r.observed) : el("p", { class: "help", text: r.closed && r.closed.routes ? "None left open." : "None: no record passes through both countries in this order." }),
        el("h3", { text: "Best paths in the leg graph by " + r.by + " (up to " + r.k + ")" }),
        r.paths.length ? table([
          { key: "path", label: "Path", fmt: pathText },
          { key: "hops", label: "Hops", num: true },
          { key: "cost", label: "Cost", num: true, fmt: fix(3) },
          { key: "min_leg_victims", label: "Thinnest leg", num: true },
        ], r.paths) : el("p", { class: "help", text: "None: no path leads there in the filtered leg graph." }),
      );
      out.replaceChildren(...kids);
    } catch (err) {
      if (fresh()) showError(out, err);
      if (fresh()) clearMap("the route query failed: " + err.message, true);
    }
  }

  // ---- Overview (the map tab). ----

  async function drawOverview() {
    const fresh = ticket("overview");
    const out = $("map-out");
    const params = filters();
    $("dl-summary").href = "/api/summary.csv" + query(params);
    try {
      const s = await api("summary", params);
      if (!fresh()) return;
      const rows = [
        ["Records", num(s.records)], ["Victims", num(s.victims)], ["Countries", num(s.countries)], ["Legs", num(s.legs)],
        ["Transit countries", num(s.transit_countries)], ["Periods", (s.periods || []).join(", ")],
        ["Victims by form", Object.entries(s.victims_by_form || {}).map(([k, v]) => k + " " + num(v)).join(", ")],
        ["Leg victims by vector", Object.entries(s.leg_victims_by_vector || {}).map(([k, v]) => k + " " + num(v)).join(", ")],
      ];
      out.replaceChildren(
        el("p", { class: "help", text: "Click a country on the map, or search for it above, for its profile. " + filterText() + "." }),
        table([{ key: 0, label: "" }, { key: 1, label: "" }], rows));
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  // ---- Hubs. ----

  const hubCols = [
    { key: "rank", label: "#", num: true, get: (r) => r.rank },
    { key: "country", label: "Code", cell: (r) => el("button", { type: "button", class: "link", text: r.country, onclick: () => selectCountry(r.country) }) },
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
      el("p", { class: "help", text: rows.length + " countries; ranked by " + state.hubs.by + " victims. Click a header to sort, a code for the country's profile." }),
      table(hubCols, rows, state.hubSort, sortHubs));
  }

  async function drawHubs() {
    const fresh = ticket("hubs");
    const params = filters();
    $("dl-hubs").href = "/api/hubs.csv" + query(params);
    try {
      const h = await api("hubs", params);
      if (!fresh()) return;
      state.hubs = h;
      renderHubs();
    } catch (err) {
      if (fresh()) showError($("hubs-out"), err);
    }
  }

  // ---- Emerging sources. ----

  let emergingDestinationsFilled = false;

  // emergingPeriods are the parameters of emerging under the year
  // filter: a range of two years or more is split into its earlier and
  // later halves (an odd middle year left out); one year cannot be
  // compared with itself, so it gives a reason instead.
  function emergingPeriods() {
    const p = period();
    if (p.year) return { reason: "Emerging sources compare two periods, and the year filter keeps only " + p.year + ": choose a range of at least two years (or all years)." };
    if (!p.years) return { params: {} };
    const [a, b] = p.years.split("-").map(Number);
    const half = Math.floor((b - a + 1) / 2);
    const span = (x, y) => (x === y ? String(x) : x + "-" + y);
    return { params: { baseline: span(a, a + half - 1), recent: span(b - half + 1, b) }, halves: true };
  }

  async function drawEmerging() {
    const fresh = ticket("emerging");
    const out = $("emerging-out");
    const link = $("dl-emerging");
    const params = filters();
    const dest = state.destination;
    if (dest) params.destination = dest;
    // Each destination between its own earlier and later records (reports
    // cover destinations in different years), or a trend over every
    // reporting year (Cochran-Armitage); under a year range, the range's
    // halves. Shares among victims of other citizenships only with
    // foreign (docs/emerging.md).
    const byYear = $("by-year").checked;
    const per = emergingPeriods();
    if (byYear) {
      params["by-year"] = "true";
    } else if (per.reason) {
      out.replaceChildren(el("p", { class: "note", id: "emerging-reason", text: per.reason }));
      link.hidden = true;
      return;
    } else if (per.halves) {
      Object.assign(params, per.params);
    } else if ($("own-periods").checked) {
      params["own-periods"] = "true";
    }
    if ($("foreign").checked) params.foreign = "true";
    $("own-periods").disabled = byYear || !!per.halves;
    link.href = "/api/emerging.csv" + query(params);
    link.hidden = false;
    params.top = emergingTop;
    try {
      const e = await api("emerging", params, "emerging");
      if (!fresh()) return;
      if (!emergingDestinationsFilled && !dest) {
        const sel = $("destination");
        const have = new Set([...sel.options].map((o) => o.value));
        for (const d of e.destinations || []) if (!have.has(d.destination)) sel.append(el("option", { value: d.destination, text: d.name + " (" + d.destination + ")" }));
        emergingDestinationsFilled = true;
      }
      const periods = e.by_year ? "Trend of each share over the destination's reporting years (Cochran-Armitage; missing years left out)"
        : e.own_periods ? "Each destination against its own earlier and later records"
          : per.halves ? "The earlier half of " + period().years + " (" + e.baseline + ") against the later half (" + e.recent + ")"
            : "Baseline " + e.baseline + " against recent " + e.recent;
      const tests = e.fdr === "off" ? "raw p-values" : "Benjamini-Hochberg q-values over " + num(e.tests) + " tests";
      const parts = [el("p", { class: "help", id: "emerging-periods", text: periods + "; a change is significant at q < " + e.alpha + " (" + tests + "; z-test, or Fisher's exact test for small counts)." })];
      if (!e.by_year) parts.push(el("p", { class: "help", text: "Tick \u201ctrend over every reporting year\u201d for line charts of each destination's origins over the years." }));
      if (e.spanning_records) parts.push(el("p", { class: "help", text: num(e.spanning_records) + " records (" + num(e.spanning_victims) + " victims) span both periods and are left out." }));
      // Many destinations: the first ones, then a button for the rest.
      const dests = e.destinations || [];
      const destParts = (d) => {
        const out = [];
        const origins = (d.origins || []).filter((o) => o.status !== "stable");
        const when = d.baseline_period ? " (" + d.baseline_period + " \u2192 " + d.recent_period + ")" : "";
        out.push(el("h3", { text: d.name + " (" + d.destination + "): " + num(d.baseline_total) + " \u2192 " + num(d.recent_total) + " victims" + when }));
        out.push(origins.length ? table([
          { key: "name", label: "Origin", get: (o) => o.name + " (" + o.country + ")" },
          { key: "status", label: "Status", cls: (o) => "status-" + o.status },
          { key: "baseline_share", label: "Baseline", num: true, fmt: pct },
          { key: "recent_share", label: "Recent", num: true, fmt: pct },
          { key: "recent_victims", label: "Victims", num: true },
          ...(e.by_year ? [{ key: "slope", label: "Points a year", num: true, fmt: (s) => (typeof s === "number" ? s.toFixed(2) : "") }] : []),
          { key: "p_value", label: "p", num: true, fmt: (p) => (typeof p === "number" ? p.toExponential(1) : "") },
          { key: "q_value", label: "q", num: true, fmt: (q) => (typeof q === "number" ? q.toExponential(1) : "") },
        ], origins) : el("p", { class: "help", text: "No origin changed significantly." }));
        if (d.origins_left_out) out.push(el("p", { class: "help left-out", text: "\u2026 " + num(d.origins_left_out) + (d.origins_left_out === 1 ? " more origin whose share changed" : " more origins whose shares changed") + " less; the CSV has them all." }));
        if (d.missing_years && d.missing_years.length) out.push(el("p", { class: "help", text: "Missing years (left out, not zero): " + d.missing_years.join(", ") }));
        // Line charts of the origins with most victims over the years.
        if (e.by_year && (d.years || []).length >= 2 && (d.origins || []).length) {
          const total = (o) => (o.year_victims || []).reduce((a, n) => a + (n || 0), 0);
          const top = d.origins.slice().sort((a, b) => total(b) - total(a) || a.country.localeCompare(b.country)).slice(0, 6);
          out.push(el("p", { class: "help", text: "Victims (purple) and share of the year's victims (orange) of the " + (top.length === 1 ? "origin" : top.length + " origins") + " listed with most victims, each scaled to its own largest value; gaps are years without records and hidden counts (\u00d7), never zeros." }));
          out.push(el("div", { class: "trend-chart" }, trendChart(d.years, d.year_totals || [], top)));
        }
        const dom = d.domestic;
        if (dom) out.push(el("p", { class: "help", text: "Own nationals: " + pct(dom.baseline_share) + " \u2192 " + pct(dom.recent_share) + " of all victims" + (e.foreign ? ", set apart from the shares above." : "; " + Math.round(100 * dom.part_of_change) + "% of the share that moved between origins is theirs.") }));
        return out;
      };
      dests.slice(0, pageDestinations).forEach((d) => parts.push(...destParts(d)));
      if (dests.length > pageDestinations) {
        const rest = el("div", { class: "rest" });
        const more = el("button", {
          type: "button", class: "more", text: "Show all " + num(dests.length) + " destinations (" + num(dests.length - pageDestinations) + " more)",
          onclick: () => {
            rest.replaceChildren(...dests.slice(pageDestinations).flatMap(destParts));
            more.remove();
          },
        });
        parts.push(rest, more);
      }
      if (e.uncovered && e.uncovered.length) {
        parts.push(el("p", { class: "help", text: "Not compared: " + e.uncovered.map((n) => n.name + " (" + n.destination + (n.reason ? ": " + n.reason : ", victims in one period only") + ")").join(", ") }));
      }
      if (!(e.destinations || []).length) parts.push(el("p", { class: "help", text: "No destination has victims in both periods." }));
      out.replaceChildren(...parts);
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  // ---- Trafficker groups. ----

  // The header's filters restrict the records a group operates (victims,
  // their origins, route countries); members and structure do not change.
  async function drawGroups() {
    const fresh = ticket("groups");
    const out = $("groups-out");
    const params = filters();
    $("dl-groups").href = "/api/groups.csv" + query(params);
    try {
      const g = await api("groups", params);
      if (!fresh()) return;
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
      if (state.group) selectGroup(state.group);
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  async function selectGroup(id) {
    state.group = id;
    writeURL();
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
      const timeline = el("div", { id: "group-timeline" });
      const diagram = el("div", { class: "diagram", id: "group-diagram" });
      kids.push(timeline, diagram);
      out.replaceChildren(...kids);
      drawTimeline(id, timeline);
      let text = "";
      try {
        text = await fetchText("/api/map.svg" + query({ group: id }));
      } catch (err) {
        diagram.replaceChildren(el("p", { class: "help", text: "No group diagram: " + err.message }));
        return;
      }
      if (state.group !== id) return;
      const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
      if (svg.nodeName === "svg") {
        svg.removeAttribute("width");
        svg.removeAttribute("height");
        diagram.replaceChildren(document.importNode(svg, true));
      }
    } catch (err) {
      showError(out, err);
    }
  }

  // drawTimeline shows how the group's brokers change over the periods of
  // its dated ties (groups --by-period), or nothing when they carry none.
  async function drawTimeline(id, out) {
    const params = Object.assign(filters(), { group: id, "by-period": "true", brokers: "3" });
    try {
      const tl = await api("groups", params);
      if (state.group !== id || !(tl.periods || []).length) return;
      const cell = (b, i) => (b.rank[i] ? b.betweenness[i].toFixed(3) + " (#" + b.rank[i] + ")" : "\u2013");
      const move = (m) => (m ? m.person + " " + m.betweenness_before.toFixed(3) + " \u2192 " + m.betweenness_after.toFixed(3) : "\u2013");
      const cols = [{ key: "person", label: "Person", fmt: String }].concat(tl.periods.map((p, i) => ({
        key: "p" + i, label: String(p.period), num: true, cell: (r) => (r.person ? cell(r, i) : r.cells[i]),
      })), [{ key: "change", label: "Change", num: true, cell: (r) => (r.person ? (r.change >= 0 ? "+" : "") + r.change.toFixed(3) : "") }]);
      const rows = (tl.brokers || []).concat([
        { person: "", label: "Rose most", cells: tl.periods.map((p) => move(p.rise)) },
        { person: "", label: "Fell most", cells: tl.periods.map((p) => move(p.fall)) },
      ]);
      cols[0].cell = (r) => (r.person ? r.person : el("span", { class: "help", text: r.label }));
      out.replaceChildren(
        el("h4", { text: "Brokers over time" }),
        el("p", { class: "help", text: "The top 3 brokers of each period of the group's dated ties (" + num(tl.dated_ties) + " dated, " + num(tl.undated_ties) +
          " undated, counted in every period): " + (tl.weighted ? "weighted betweenness" : "betweenness") + " (rank); \u2013 no broker that period." }),
        el("div", { class: "timeline" }, table(cols, rows)),
        el("p", {}, el("a", { class: "csv", href: "/api/groups.csv" + query(params), text: "Brokers over time CSV" })),
      );
    } catch (err) {
      if (state.group === id) showError(out, err);
    }
  }

  // ---- Estimate. ----

  async function drawEstimate() {
    const fresh = ticket("estimate");
    const out = $("estimate-out");
    const params = filters();
    $("dl-estimate").href = "/api/estimate.csv" + query(params);
    try {
      const e = await api("estimate", params);
      if (!fresh()) return;
      const money = (v) => (typeof v === "number" ? num(Math.round(v)) : "");
      out.replaceChildren(
        el("p", { class: "help", text: "Detection-rate correction (docs/methods.md): stock = detected / detection rate; annual flow = stock / turnover years; value = services x price." }),
        table([{ key: 0, label: "" }, { key: 1, label: "", num: true }], [
          ["Detected victims", num(e.detected)], ["Detection rate", String(e.detection_rate)], ["Stock", num(Math.round(e.stock))],
          ["Turnover years", String(e.turnover_years)], ["Annual flow", num(Math.round(e.annual_flow))],
          ["Services a year", money(e.services)], ["Value (" + e.currency + ")", money(e.value)],
          ...(e.value_usd ? [["Value (USD)", money(e.value_usd)]] : []),
        ]));
    } catch (err) {
      if (fresh()) showError(out, err);
    }
  }

  // ---- Tabs: only the visible one fetches. ----

  const drawTab = {
    map: drawOverview, routes: drawRoutes, whatif: drawDivert, hubs: drawHubs,
    emerging: drawEmerging, groups: drawGroups, estimate: drawEstimate,
  };

  // invalidate marks tabs to draw again; the visible one draws now.
  function invalidate(names) {
    for (const t of names) state.stale.add(t);
    if (state.stale.has(state.tab)) {
      state.stale.delete(state.tab);
      return drawTab[state.tab]();
    }
    return Promise.resolve();
  }

  // selectTab shows a tab and draws it if it is stale (unless quiet).
  function selectTab(name, focus, quiet) {
    state.tab = name;
    for (const t of tabs) {
      const on = t === name;
      const b = $("tab-" + t);
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      $("panel-" + t).hidden = !on;
      if (on && focus) b.focus();
    }
    document.body.dataset.tab = name;
    writeURL();
    return quiet ? Promise.resolve() : invalidate([]);
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

  // redraw draws the map, the country card and the visible tab again
  // under new filters; the hidden tabs wait until opened.
  async function redraw() {
    writeURL();
    setStatus("Loading\u2026");
    const t0 = performance.now();
    await Promise.all([drawMap(), drawCountry(), invalidate(tabs)]);
    setStatus(filterText() + " (" + Math.round(performance.now() - t0) + " ms)");
  }

  // scheduleRedraw redraws after the filters have been still for a
  // moment, so choosing a first and a last year asks once.
  let redrawTimer = 0;
  function scheduleRedraw() {
    if (redrawTimer) clearTimeout(redrawTimer);
    else busy(1); // a redraw is due: the page is not idle
    redrawTimer = setTimeout(() => {
      redrawTimer = 0;
      busy(-1);
      redraw();
    }, 150);
  }

  // setupYears fills the range selects; a year no record covers is
  // marked empty.
  function setupYears(sum) {
    state.years = [];
    for (let y = sum.first_year; y <= sum.last_year; y++) state.years.push(y);
    const covered = new Set();
    for (const p of sum.periods || []) {
      const [a, b] = String(p).split("-").map(Number);
      for (let y = a; y <= (b || a); y++) covered.add(y);
    }
    state.emptyYears = new Set(state.years.filter((y) => !covered.has(y)));
    for (const id of ["year-from", "year-to"]) {
      for (const y of state.years) {
        const empty = state.emptyYears.has(y);
        $(id).append(el("option", { value: String(y), text: y + (empty ? " (no records)" : ""), class: empty ? "empty-year" : "" }));
      }
    }
    const empty = [...state.emptyYears];
    $("empty-years").textContent = empty.length ? "no records in " + compactYears(empty) : "";
  }

  // compactYears writes 1997, 1998, 1999, 2002 as "1997-1999, 2002".
  function compactYears(ys) {
    const out = [];
    for (let i = 0; i < ys.length; i++) {
      let j = i;
      while (j + 1 < ys.length && ys[j + 1] === ys[j] + 1) j++;
      out.push(i === j ? String(ys[i]) : ys[i] + "-" + ys[j]);
      i = j;
    }
    return out.join(", ");
  }

  function showSetAside(sa) {
    const p = $("set-aside");
    if (!sa || !sa.rows) {
      p.hidden = true;
      return;
    }
    const reasons = (sa.reasons || []).map((r) => r.reason + " (" + num(r.rows) + ")").join("; ");
    p.textContent = num(sa.rows) + " input rows set aside (" + num(sa.victims) + " victims): " + reasons;
    p.hidden = false;
  }

  // syncControls puts the state in the header's and panels' controls.
  function syncControls() {
    $("year-from").value = state.yearFrom;
    $("year-to").value = state.yearTo;
    $("form").value = state.form;
    $("vector").value = state.vector;
    $("aggregate").value = state.aggregate;
    $("from").value = state.from;
    $("to").value = state.to;
    $("search").value = state.country ? name(state.country) : "";
    $("removed").textContent = state.removed.length ? state.removed.map(name).join(", ") : "none";
    const b = $("whatif");
    b.setAttribute("aria-pressed", state.whatif ? "true" : "false");
    b.textContent = state.whatif ? "What-if: on (click a country)" : "What-if: off";
    $("map").classList.toggle("whatif", state.whatif);
    // The destination may not be listed yet (the list comes with the
    // first answer for every destination).
    const sel = $("destination");
    if (state.destination && ![...sel.options].some((o) => o.value === state.destination)) {
      sel.append(el("option", { value: state.destination, text: name(state.destination) }));
    }
    sel.value = state.destination;
  }

  async function init() {
    // A server with a token: the browser signed in (serve sets this
    // readable flag beside its HttpOnly session cookie).
    if (document.cookie.split("; ").includes("tipgraph_signed_in=1")) $("signout").hidden = false;
    setupTabs();
    setupMap();
    const [sum, hubs] = await Promise.all([api("summary", {}), api("hubs", {})]);
    $("dataset").textContent = "dataset " + sum.dataset;
    showSetAside(sum.set_aside);
    setupYears(sum);

    // Countries: every country of the unfiltered hubs list, for the
    // search box, the what-if picker and the route selects.
    const countries = hubs.hubs.slice().sort((a, b) => a.name.localeCompare(b.name));
    const list = $("country-list");
    for (const h of countries) {
      state.names[h.country] = h.name;
      state.codes[h.country.toLowerCase()] = h.country;
      state.codes[h.name.toLowerCase()] = h.country;
      list.append(el("option", { value: h.name + " (" + h.country + ")" }));
      for (const id of ["from", "to"]) $(id).append(el("option", { value: h.country, text: h.name + " (" + h.country + ")" }));
    }

    const problems = readURL();
    syncControls();
    if (problems.length) setStatus("Left out of the link: " + problems.join("; "), true);

    const yearChange = () => {
      state.yearFrom = $("year-from").value;
      state.yearTo = $("year-to").value;
      // A range runs forwards: a first year after the last moves the last.
      if (state.yearFrom && state.yearTo && Number(state.yearFrom) > Number(state.yearTo)) {
        state.yearTo = state.yearFrom;
        $("year-to").value = state.yearTo;
      }
      scheduleRedraw();
    };
    $("year-from").addEventListener("change", yearChange);
    $("year-to").addEventListener("change", yearChange);
    $("form").addEventListener("change", () => { state.form = $("form").value; scheduleRedraw(); });
    $("vector").addEventListener("change", () => { state.vector = $("vector").value; scheduleRedraw(); });
    $("aggregate").addEventListener("change", () => {
      state.aggregate = $("aggregate").value;
      writeURL();
      drawMap();
    });
    $("filters").addEventListener("submit", (e) => {
      e.preventDefault();
      pickSearch();
    });
    const pickSearch = () => {
      const v = $("search").value;
      if (!v.trim()) return;
      const code = resolve(v);
      if (!code) {
        setStatus("No country " + JSON.stringify(v) + " in this dataset", true);
        return;
      }
      $("search").value = name(code);
      selectCountry(code);
    };
    $("search").addEventListener("change", pickSearch);
    $("country-close").addEventListener("click", () => {
      state.country = "";
      $("search").value = "";
      writeURL();
      markCountry();
      drawCountry();
    });
    $("country-remove").addEventListener("click", () => {
      if (state.country) toggleRemoved(state.country);
    });

    $("route-form").addEventListener("submit", (e) => {
      e.preventDefault();
      state.from = $("from").value;
      state.to = $("to").value;
      if (!state.from || !state.to) {
        showError($("routes-out"), new Error("Choose both a From and a To country."));
        return;
      }
      writeURL();
      drawRoutes();
      drawMap();
    });
    $("route-clear").addEventListener("click", () => {
      state.from = state.to = "";
      writeURL();
      drawRoutes();
      drawMap();
    });
    $("whatif").addEventListener("click", () => setWhatif(!state.whatif));
    $("whatif-clear").addEventListener("click", () => {
      state.removed = [];
      removedChanged();
    });
    $("remove-form").addEventListener("submit", (e) => {
      e.preventDefault();
      const v = $("remove-search").value;
      const code = resolve(v);
      if (!code) {
        showError($("whatif-out"), new Error("No country " + JSON.stringify(v) + " in this dataset."));
        return;
      }
      $("remove-search").value = "";
      if (!state.removed.includes(code)) toggleRemoved(code);
    });
    $("destination").addEventListener("change", () => {
      state.destination = $("destination").value;
      writeURL();
      drawEmerging();
    });
    for (const [k] of emergingSwitches) {
      $(k).addEventListener("change", () => {
        writeURL();
        drawEmerging();
      });
    }
    $("print").addEventListener("click", () => window.print());
    // Printing shows every row and destination.
    const expand = () => {
      // Twice: the destinations a first click adds have tables of their own.
      for (let i = 0; i < 2; i++) for (const b of document.querySelectorAll("button.more")) b.click();
    };
    window.addEventListener("beforeprint", expand);
    window.matchMedia("print").addEventListener("change", (e) => { if (e.matches) expand(); });

    selectTab(state.tab, false, true);
    await redraw();
    if (problems.length) setStatus("Left out of the link: " + problems.join("; "), true);
    document.body.dataset.ready = "true";
  }

  document.addEventListener("DOMContentLoaded", () => {
    init().catch((err) => setStatus("Cannot load: " + err.message, true));
  });
})();
