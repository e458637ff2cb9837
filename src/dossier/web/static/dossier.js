// Dossier's own page script. It reads data from <script type="application/json"> blocks and builds
// DOM nodes with textContent only: no text from an article is ever parsed as HTML or run.
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  // Charts: a Plotly spec built by the server; a click on an event opens its provenance page.
  var spec = readJson("chart-spec");
  var chart = document.getElementById("chart");
  if (spec && chart && window.Plotly) {
    // A fixed height: a responsive re-layout then only changes the width.
    if (spec.layout && spec.layout.height) chart.style.height = spec.layout.height + "px";
    window.Plotly.newPlot(chart, spec.data, spec.layout, { displaylogo: false, responsive: true });
    chart.on("plotly_click", function (ev) {
      var url = ev && ev.points && ev.points[0] && ev.points[0].customdata;
      if (typeof url === "string" && /^\/events\/\d+$/.test(url)) window.location.assign(url);
    });
  }

  // Article page: a click on a highlighted extraction shows its record.
  var records = readJson("records");
  var panel = document.getElementById("record-panel");
  if (!records || !panel) return;

  var LINKS = {
    entity_id: function (v) { return "/entities/" + v; },
    speaker_id: function (v) { return "/entities/" + v; },
  };

  function field(dl, name, value) {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    var dt = document.createElement("dt");
    dt.textContent = name;
    var dd = document.createElement("dd");
    if (LINKS[name] && /^\d+$/.test(String(value))) {
      var a = document.createElement("a");
      a.href = LINKS[name](value);
      a.textContent = String(value);
      dd.appendChild(a);
    } else {
      dd.textContent = typeof value === "object" ? JSON.stringify(value) : String(value);
    }
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function show(keys) {
    panel.replaceChildren();
    keys.forEach(function (key) {
      var rec = records[key];
      if (!rec) return;
      var box = document.createElement("section");
      box.className = "record record-" + rec.type;
      box.setAttribute("data-testid", "record");
      var h = document.createElement("h3");
      h.textContent = rec.type;
      box.appendChild(h);
      if (rec.type === "event" && /^\d+$/.test(String(rec.id))) {
        var open = document.createElement("a");
        open.href = "/events/" + rec.id;
        open.textContent = "open event " + rec.id;
        open.setAttribute("data-testid", "open-event");
        box.appendChild(open);
      }
      var dl = document.createElement("dl");
      Object.keys(rec).forEach(function (k) { if (k !== "type") field(dl, k, rec[k]); });
      box.appendChild(dl);
      panel.appendChild(box);
    });
  }

  document.querySelectorAll("[data-keys]").forEach(function (node) {
    function activate() {
      document.querySelectorAll(".x.selected").forEach(function (n) { n.classList.remove("selected"); });
      node.classList.add("selected");
      show(node.getAttribute("data-keys").split(" "));
    }
    node.addEventListener("click", activate);
    node.addEventListener("keydown", function (ev) { if (ev.key === "Enter") activate(); });
  });
})();
