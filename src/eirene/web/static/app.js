// eirene pages: charts (plotly.js, served from the installed plotly package), sortable
// tables, the network time slider and the dyad drill-down. Data comes from JSON blocks
// in the page (<script type="application/json">), never from inline scripts.
(function () {
  "use strict";
  const COOP = "#2e8b57", CONF = "#c0392b", EVEN = "#9aa5b3";
  const BLOCS = ["#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#bcbd22", "#8c564b", "#e377c2", "#7f7f7f"];
  const config = { displaylogo: false, responsive: true };

  function data(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  // sortable tables: click a header; the choice goes into the URL (?sort=col or -col)
  function sortTable(table, index, dir) {
    const th = table.tHead.rows[0].cells[index];
    const kind = th.dataset.sort;
    const body = table.tBodies[0];
    const rows = Array.from(body.rows).filter((r) => r.cells.length > index);
    const key = (row) => {
      const text = row.cells[index].textContent.trim();
      return kind === "number" ? parseFloat(text) || 0 : text.toLowerCase();
    };
    rows.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
    rows.forEach((r) => body.appendChild(r));
    Array.from(th.parentNode.cells).forEach((c) => c.classList.remove("asc", "desc"));
    th.classList.add(dir > 0 ? "asc" : "desc");
  }
  document.querySelectorAll("table.sortable").forEach((table, t) => {
    if (!table.tHead) return;
    const params = new URLSearchParams(location.search);
    Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
      if (!th.dataset.sort) return;
      th.addEventListener("click", () => {
        const dir = th.classList.contains("asc") ? -1 : 1;
        sortTable(table, i, dir);
        if (t === 0) {
          params.set("sort", (dir < 0 ? "-" : "") + i);
          history.replaceState(null, "", "?" + params.toString());
        }
      });
    });
    const sort = params.get("sort");
    if (t === 0 && sort !== null && /^-?\d+$/.test(sort)) {
      const i = Math.abs(parseInt(sort, 10));
      if (table.tHead.rows[0].cells[i] && table.tHead.rows[0].cells[i].dataset.sort) sortTable(table, i, sort.startsWith("-") ? -1 : 1);
    }
  });

  const QUADS = [["quad_1", "verbal cooperation", "#8fd1a8"], ["quad_2", "material cooperation", COOP],
                 ["quad_3", "verbal conflict", "#f0a899"], ["quad_4", "material conflict", CONF]];

  function years() {
    const rows = data("years-data");
    if (!rows) return;
    Plotly.newPlot("actor-years", [
      { type: "bar", name: "cooperation", x: rows.map((r) => r.year), y: rows.map((r) => r.cooperation), marker: { color: COOP } },
      { type: "bar", name: "conflict", x: rows.map((r) => r.year), y: rows.map((r) => -r.conflict), marker: { color: CONF } },
    ], { barmode: "relative", margin: { t: 10, r: 10, b: 40, l: 40 }, xaxis: { dtick: 1 },
         yaxis: { title: { text: "events (conflict below 0)" } }, legend: { orientation: "h" } }, config);
  }

  // list only the events dated in [start, end) (end null: open); null start lists them all
  function showPeriod(start, end, label) {
    document.querySelector("[data-testid=period-label]").textContent = label;
    document.querySelectorAll("[data-testid=events-table] tbody tr").forEach((row) => {
      const date = row.dataset.date !== undefined ? row.dataset.date : row.cells[0].textContent.trim();
      const inside = start === null || (date && date >= start && (!end || date < end));
      row.style.display = inside ? "" : "none";
    });
  }

  function dyad() {
    const rows = data("dyad-data");
    const el = document.getElementById("dyad-chart");
    if (!rows || !el) return;
    const x = rows.map((r) => r.period);
    Plotly.newPlot(el, [
      { type: "bar", name: "cooperation", x, y: rows.map((r) => r.cooperation), marker: { color: COOP } },
      { type: "bar", name: "conflict", x, y: rows.map((r) => -r.conflict), marker: { color: CONF } },
      { type: "scatter", mode: "lines+markers", name: "balance", x, y: rows.map((r) => r.balance), line: { color: "#17324f" } },
    ], { barmode: "relative", margin: { t: 10, r: 10, b: 40, l: 40 }, xaxis: { type: "date" }, dragmode: "zoom",
         yaxis: { title: { text: "events (conflict below 0)" }, fixedrange: true }, legend: { orientation: "h" } }, config);
    el.on("plotly_click", (ev) => {
      const start = ev.points[0].x.slice(0, 10);
      const i = x.indexOf(start);
      const end = i >= 0 && i + 1 < x.length ? x[i + 1] : null;
      showPeriod(start, end, "from " + start + (end ? " to before " + end : ""));
    });
    // brushing: dragging across the chart zooms to a range of dates; the list follows it
    el.on("plotly_relayout", (ev) => {
      if (ev["xaxis.autorange"]) { showPeriod(null, null, "all periods"); return; }
      const a = ev["xaxis.range[0]"], b = ev["xaxis.range[1]"];
      if (a === undefined || b === undefined) return;
      const start = String(a).slice(0, 10), end = String(b).slice(0, 10);
      showPeriod(start, end, "from " + start + " to before " + end);
    });
  }

  function timeline() {
    const rows = data("timeline-data");
    const el = document.getElementById("timeline");
    if (!rows || !el) return;
    const traces = QUADS.map(([key, name, color]) => ({
      type: "bar", name, x: rows.map((r) => r.period), y: rows.map((r) => r[key]), marker: { color } }));
    Plotly.newPlot(el, traces, { barmode: "stack", margin: { t: 10, r: 10, b: 40, l: 40 },
      legend: { orientation: "h" }, xaxis: { type: "date" }, yaxis: { title: { text: "events" }, fixedrange: true } }, config);
    // brushing the overview's timeline opens the event list of that range
    el.on("plotly_relayout", (ev) => {
      const a = ev["xaxis.range[0]"], b = ev["xaxis.range[1]"];
      if (a === undefined || b === undefined) return;
      const link = document.getElementById("timeline-range");
      const params = new URLSearchParams({ since: String(a).slice(0, 10), until: String(b).slice(0, 10) });
      link.href = "/events?" + params.toString();
      link.textContent = "List the events from " + params.get("since") + " to " + params.get("until");
      link.hidden = false;
    });
  }

  function drawNetwork(el, graph) {
    const pos = {};
    graph.nodes.forEach((n) => { pos[n.key] = n; });
    const maxWeight = Math.max(1, ...graph.edges.map((e) => Math.abs(e.excess)));
    // an edge's colour is its tie's sign, which is the sign of the "against baseline" number shown for it
    const traces = graph.edges.map((e) => ({
      type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
      x: [pos[e.source].x, pos[e.target].x], y: [pos[e.source].y, pos[e.target].y],
      line: { color: e.sign > 0 ? COOP : e.sign < 0 ? CONF : EVEN, width: e.sign ? 1.5 + 6 * (Math.abs(e.excess) / maxWeight) : 1,
              dash: e.sign ? "solid" : "dot" },
      opacity: e.sign ? 0.8 : 0.5,
    }));
    traces.push({
      type: "scatter", mode: "markers", showlegend: false, name: "ties",
      x: graph.edges.map((e) => (pos[e.source].x + pos[e.target].x) / 2),
      y: graph.edges.map((e) => (pos[e.source].y + pos[e.target].y) / 2),
      marker: { size: 9, color: "rgba(0,0,0,0.08)" },
      text: graph.edges.map((e) => `${pos[e.source].name} – ${pos[e.target].name}: ${e.tie}<br>${e.events} events: ${e.cooperation} coop, ${e.conflict} conflict, balance ${e.balance}<br>against baseline ${e.excess >= 0 ? "+" : ""}${e.excess.toFixed(2)} (${e.reason})`),
      hoverinfo: "text",
      customdata: graph.edges.map((e) => `/dyads/${encodeURIComponent(e.source)}/${encodeURIComponent(e.target)}`),
    });
    traces.push({
      type: "scatter", mode: "markers+text", showlegend: false, name: "actors",
      x: graph.nodes.map((n) => n.x), y: graph.nodes.map((n) => n.y),
      text: graph.nodes.map((n) => n.name), textposition: "top center",
      hovertext: graph.nodes.map((n) => `${n.name} (${n.key})<br>${n.events} events · ${n.bloc >= 0 ? "bloc " + n.bloc + " (strength " + (n.strength ?? 0).toFixed(2) + ")" : "unassigned"}`), hoverinfo: "text",
      marker: { size: graph.nodes.map((n) => 10 + 3 * Math.sqrt(n.events)), line: { width: 1, color: "#fff" },
                color: graph.nodes.map((n) => (n.bloc >= 0 ? BLOCS[n.bloc % BLOCS.length] : "#bbb")) },
      customdata: graph.nodes.map((n) => `/actors/${encodeURIComponent(n.key)}`),
    });
    const axis = { visible: false, range: [-1.25, 1.25] };
    const annotations = graph.nodes.length ? [] : [{ text: "No ties between actors in this window", showarrow: false,
      x: 0, y: 0, font: { size: 16, color: "#5c6675" } }];
    Plotly.react(el, traces, { margin: { t: 10, r: 10, b: 10, l: 10 }, xaxis: axis, yaxis: axis, hovermode: "closest",
      annotations }, config);
    document.getElementById("network-counts").textContent = `${graph.nodes.length} actors, ${graph.edges.length} ties`;
  }

  function monthIndex(iso) { return parseInt(iso.slice(0, 4), 10) * 12 + parseInt(iso.slice(5, 7), 10) - 1; }
  function monthIso(i) { const y = Math.floor(i / 12), m = (i % 12) + 1; return `${y}-${String(m).padStart(2, "0")}`; }

  function network() {
    const el = document.getElementById("network-chart");
    const graph = data("network-data");
    if (!el || !graph) return;
    drawNetwork(el, graph);
    el.on("plotly_click", (ev) => { const url = ev.points[0].customdata; if (url) location.href = url; });
    const form = document.getElementById("network-controls");
    const slider = document.getElementById("window-end"), length = document.getElementById("window-length");
    if (!form.dataset.first) return;
    const first = monthIndex(form.dataset.first), last = monthIndex(form.dataset.last);
    slider.min = first; slider.max = last;
    slider.value = graph.until ? monthIndex(graph.until.length === 4 ? graph.until + "-12" : graph.until) : last;
    if (!graph.since && !graph.until) length.value = "0";
    function update() {
      const end = parseInt(slider.value, 10), months = parseInt(length.value, 10);
      const since = months ? monthIso(Math.max(first, end - months + 1)) : "";
      const until = monthIso(end);
      document.getElementById("window-label").textContent = `${since || monthIso(first)} – ${until}`;
      const params = new URLSearchParams();
      form.querySelectorAll("select[name], input[name]:not([type=hidden])").forEach((f) => { if (f.value) params.set(f.name, f.value); });
      if (since) params.set("since", since);
      params.set("until", until);
      history.replaceState(null, "", "/network?" + params.toString());
      document.getElementById("network-json").href = "/api/network?" + params.toString();
      fetch("/api/network?" + params.toString()).then((r) => r.json()).then((g) => { if (g.nodes) drawNetwork(el, g); });
    }
    slider.addEventListener("input", update);
    length.addEventListener("change", update);
  }

  function map() {
    const el = document.getElementById("map-chart");
    const found = data("map-data");
    if (!el || !found) return;
    fetch(el.dataset.outlines).then((r) => r.json()).then((outline) => {
      const places = found.places;
      const most = Math.max(1, ...places.map((p) => p.events));
      const colour = (p) => (p.conflict > p.cooperation ? CONF : p.cooperation > p.conflict ? COOP : EVEN);
      const traces = [
        { type: "scatter", mode: "lines", x: outline.lon, y: outline.lat, line: { color: "#9aa5b3", width: 0.7 },
          hoverinfo: "skip", showlegend: false, name: "countries", connectgaps: false },
        { type: "scatter", mode: "markers", name: "places", showlegend: false,
          x: places.map((p) => p.lon), y: places.map((p) => p.lat),
          text: places.map((p) => `${p.name}${p.precision === "country" ? " (country centre)" : ""}<br>${p.events} events: ${p.cooperation} coop, ${p.conflict} conflict`),
          hoverinfo: "text", customdata: places.map((p) => (p.event_ids.length ? "/events/" + p.event_ids[0] : "")),
          marker: { size: places.map((p) => 8 + 30 * Math.sqrt(p.events / most)), color: places.map(colour),
                    symbol: places.map((p) => (p.precision === "country" ? "circle-open" : "circle")),
                    line: { width: 2, color: places.map(colour) }, opacity: 0.8 } },
      ];
      const lons = places.map((p) => p.lon), lats = places.map((p) => p.lat);
      const pad = 12;
      const xr = places.length ? [Math.min(...lons) - pad, Math.max(...lons) + pad] : [-180, 180];
      const yr = places.length ? [Math.min(...lats) - pad, Math.max(...lats) + pad] : [-60, 85];
      Plotly.newPlot(el, traces, { margin: { t: 10, r: 10, b: 30, l: 40 }, hovermode: "closest",
        xaxis: { range: xr, title: { text: "longitude" }, zeroline: false, showgrid: false },
        yaxis: { range: yr, title: { text: "latitude" }, zeroline: false, showgrid: false, scaleanchor: "x", scaleratio: 1 },
        annotations: places.length ? [] : [{ text: "No event with a place matches", showarrow: false, x: 0, y: 0 }] }, config);
      el.dataset.drawn = String(places.length);
      el.on("plotly_click", (ev) => { const url = ev.points[0].customdata; if (url) location.href = url; });
    });
  }

  timeline(); years(); dyad(); network(); map();
})();
