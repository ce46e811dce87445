"""An interactive HTML view of the entity graph: one self-contained file drawn with vis-network.

pyvis assembles the nodes, edges and options; the page around them is ours, because
pyvis's own template loads Bootstrap and vis-network from CDNs. Here vis-network's
script and style are copied into the page from the copy shipped inside the pyvis
package, so the file opens with no network.

Safety: all data travels as one JSON document in a `<script type="application/json">`
element with `<`, `>` and `&` written as `\\u003c`, `\\u003e`, `\\u0026`; the page reads it with
JSON.parse and puts text into the page only through `textContent` (labels are drawn on
a canvas). Tooltips are DOM elements built that way, so text from articles never runs.

Layout and names: positions are computed beforehand by `kg.export.network.layout`
(connected components apart, the largest first) and physics stays off, so the drawing is
still from the start and the same every time. vis-network draws the shapes; the page
draws the names itself after each frame, at a fixed size on screen, in order of
importance, leaving out a name that would overlap one already drawn. The page opens on
the largest components and sets `window.kgSettled` (milliseconds since navigation) once
the network is drawn, and `window.kgNames` to the names drawn last.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from kg.export.network import (
    COMMUNITY_COLORS,
    EDGE_PREDICATES,
    LOUVAIN_SEED,
    PREDICATE_COLORS,
    TYPE_COLORS,
    class_label,
    communities,
    components,
    importance,
    layout,
    names_of,
    node_colors,
    node_size,
)

SHAPES = {"Organization": "dot", "Person": "diamond", "Event": "star", "Place": "triangle", "Product": "square"}
FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'


def _options(n_nodes: int, n_edges: int) -> dict:
    big = n_nodes > 2000
    return {
        "autoResize": True,
        "nodes": {"borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "smooth": False, "width": 1, "selectionWidth": 2},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "navigationButtons": False, "keyboard": False, "multiselect": False},
        "layout": {"improvedLayout": False, "randomSeed": LOUVAIN_SEED},
        "physics": {"enabled": False},
    }


def _first_screen(graph: nx.MultiDiGraph) -> set:
    """The largest components, until they hold a third of the nodes: what the page shows first, big
    enough to read; the many small ones are a zoom out away."""
    chosen: set = set()
    for group in components(graph):
        if len(chosen) >= graph.number_of_nodes() / 3:
            break
        chosen |= group
    return chosen


def _edge_id(i: int) -> str:
    return f"e{i}"


def page_data(graph: nx.MultiDiGraph, color_by: str = "type", hidden: int = 0) -> dict:
    """Everything the page needs, as plain JSON-ready data (built with pyvis's Network).

    Nodes carry their name as `name`, not vis's `label`: the page draws the names itself,
    `rank` (0 the most important) deciding which win where they would overlap. `hidden` is
    the number of entities left out (those without relations), said on the page.
    """
    from pyvis.network import Network

    groups = communities(graph) if color_by == "community" else None
    colors = node_colors(graph, color_by, groups)
    positions = layout(graph)
    rank = {node: i for i, node in enumerate(importance(graph))}
    first_screen = _first_screen(graph)
    community_of = {n: i for i, g in enumerate(groups or []) for n in g}
    ids = {node: i for i, node in enumerate(sorted(graph))}
    net = Network(directed=True, cdn_resources="in_line")
    nodes = []
    for node in sorted(graph):
        data = graph.nodes[node]
        item = {"id": ids[node], "name": data.get("label") or str(node), "nameEn": data.get("label_en", ""),
                "rank": rank[node], "shape": SHAPES.get(data.get("kind"), "dot"),
                "color": colors[node], "size": node_size(graph.degree(node)),
                "iri": str(node), "kgType": data.get("type", ""), "kgKind": data.get("kind", ""),
                "names": names_of(data), "aliases": list(data.get("aliases", [])),
                "positions": list(data.get("positions", [])), "articles": data.get("articles", 0),
                "x": positions[node][0], "y": positions[node][1]}
        if node in first_screen:
            item["first"] = True
        for key in ("start_date", "end_date"):
            if data.get(key):
                item[key] = data[key]
        if node in community_of:
            item["community"] = community_of[node] + 1
        nodes.append(item)
    edges = []
    for i, (u, v, key, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: (ids[e[0]],
                                                                                                   ids[e[1]],
                                                                                                   str(e[2])))):
        predicate = data.get("predicate", str(key))
        edges.append({"id": _edge_id(i), "from": ids[u], "to": ids[v],
                      "color": {"color": PREDICATE_COLORS.get(predicate, "#90a4ae"), "opacity": 0.7},
                      "kgPred": predicate, "evidence": data.get("evidence", ""), "article": data.get("article", ""),
                      "date": data.get("article_date", ""), "confidence": data.get("confidence", 0.0),
                      "sources": data.get("sources", 0)})
    # pyvis holds the network; its add_node/add_edge check duplicates in O(n) each, so set the lists directly.
    net.nodes, net.edges, net.node_ids = nodes, edges, list(range(len(nodes)))
    net.node_map = {n["id"]: n for n in nodes}
    net.options = _options(len(nodes), len(edges))
    nodes, edges, _, _, _, options = net.get_network_data()
    types = {t: {"zh": class_label(t, "zh"), "en": class_label(t, "en"), "color": TYPE_COLORS.get(t, "#90a4ae"),
                 "shape": SHAPES.get(kind, "dot"), "kind": kind}
             for t, kind in sorted({(d.get("type", ""), d.get("kind", "")) for _, d in graph.nodes(data=True)})}
    predicates = {p: {"zh": class_label(p, "zh"), "en": class_label(p, "en"), "color": PREDICATE_COLORS.get(p)}
                  for p in EDGE_PREDICATES}
    legend_communities = [{"n": i + 1, "size": len(g), "color": COMMUNITY_COLORS[i]}
                          for i, g in enumerate((groups or [])[:len(COMMUNITY_COLORS)])]
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "colorBy": color_by,
            "hidden": hidden, "font": FONT, "types": types, "predicates": predicates,
            "communities": legend_communities,
            "kinds": {k: {"zh": class_label(k, "zh"), "en": class_label(k, "en"), "shape": s}
                      for k, s in SHAPES.items()}}


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>`, `&` or line separators in the text."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    folder = sorted(lib.glob("vis-*"), key=lambda p: tuple(int(x) for x in p.name[4:].split(".")))[-1]
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def render_html(graph: nx.MultiDiGraph, path: str | Path, color_by: str = "type",
                title: str = "China AI knowledge graph", hidden: int = 0) -> Path:
    """Write the graph as one self-contained interactive HTML page; return its path. `hidden`: the
    number of entities without relations that were left out, which the page mentions."""
    if color_by not in ("type", "community"):
        raise ValueError(f"color_by is 'type' or 'community', not {color_by!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    script, style = _vis_assets()
    page = (PAGE.replace("%TITLE%", html.escape(title))
            .replace("%STYLE%", style)
            .replace("%APP_STYLE%", APP_STYLE.replace("%FONT%", FONT))
            .replace("%DATA%", script_json(page_data(graph, color_by, hidden)))
            .replace("%VIS%", script)
            .replace("%APP%", APP_SCRIPT))
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
    return path


PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>%TITLE%</title>
<style>%STYLE%</style>
<style>%APP_STYLE%</style>
</head>
<body>
<header id="kg-bar">
  <strong id="kg-title">%TITLE%</strong>
  <form id="kg-search-form" role="search" autocomplete="off">
    <input id="kg-search" type="search" placeholder="搜索 Search name / alias" aria-label="Search by name or alias">
    <button type="submit">查找 Find</button>
    <span id="kg-search-result" aria-live="polite"></span>
  </form>
  <span id="kg-count"></span>
</header>
<aside id="kg-panel">
  <section><h2>类型 Types</h2><div id="kg-types"></div></section>
  <section><h2>关系 Relations</h2><div id="kg-predicates"></div></section>
  <section id="kg-communities-section" hidden><h2>社区 Communities</h2><div id="kg-communities"></div></section>
  <p class="kg-hint">形状 Shapes: <span id="kg-shapes"></span></p>
</aside>
<main id="kg-network"></main>
<div id="kg-tooltip" role="tooltip" hidden></div>
<script type="application/json" id="kg-data">%DATA%</script>
<script>%VIS%</script>
<script>%APP%</script>
</body>
</html>
"""

APP_STYLE = """
html, body { margin: 0; height: 100%; font-family: %FONT%; font-size: 13px; color: #222; }
#kg-bar { position: fixed; top: 0; left: 0; right: 0; height: 44px; display: flex; align-items: center; gap: 16px;
  padding: 0 12px; background: #263238; color: #fff; z-index: 3; }
#kg-bar input { width: 220px; padding: 4px 6px; }
#kg-search-result { margin-left: 8px; color: #ffe082; }
#kg-count { margin-left: auto; color: #cfd8dc; }
#kg-panel { position: fixed; top: 44px; left: 0; bottom: 0; width: 230px; overflow: auto; padding: 6px 10px;
  background: #fafafa; border-right: 1px solid #ddd; z-index: 2; box-sizing: border-box; }
#kg-panel h2 { font-size: 13px; margin: 10px 0 4px; }
#kg-panel label { display: flex; align-items: center; gap: 5px; margin: 2px 0; cursor: pointer; }
.kg-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; border: 1px solid #0003; }
.kg-line { display: inline-block; width: 16px; height: 3px; }
.kg-n { color: #888; }
.kg-hint { color: #666; font-size: 12px; }
#kg-network { position: fixed; top: 44px; left: 230px; right: 0; bottom: 0; }
#kg-tooltip { position: fixed; max-width: 420px; padding: 8px 10px; background: #fff; border: 1px solid #999;
  border-radius: 4px; box-shadow: 0 2px 8px #0003; z-index: 5; pointer-events: none; white-space: normal; }
#kg-tooltip .kg-tip-title { font-weight: bold; font-size: 14px; margin-bottom: 4px; }
#kg-tooltip .kg-tip-row { margin: 2px 0; }
#kg-tooltip .kg-tip-key { color: #666; }
#kg-tooltip .kg-evidence { margin-top: 4px; padding: 4px 6px; background: #f5f5f5; border-left: 3px solid #90a4ae; }
"""

APP_SCRIPT = r"""
(function () {
  "use strict";
  window.kgErrors = [];
  window.addEventListener("error", function (e) { window.kgErrors.push(String(e.message)); });
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function row(parent, key, value) {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    var r = el("div", "kg-tip-row");
    r.appendChild(el("span", "kg-tip-key", key + ": "));
    r.appendChild(el("span", null, Array.isArray(value) ? value.join("、") : value));
    parent.appendChild(r);
  }
  function typeName(t) { var d = data.types[t]; return d ? d.zh + " " + d.en : t; }
  function predName(p) { var d = data.predicates[p]; return d ? d.zh + " " + d.en : p; }

  function nodeTip(n) {
    var box = el("div");
    box.appendChild(el("div", "kg-tip-title", n.nameEn && n.nameEn !== n.name ? n.name + " · " + n.nameEn : n.name));
    row(box, "类型 Type", typeName(n.kgType));
    row(box, "别名 Aliases", n.aliases);
    row(box, "职务 Positions", n.positions);
    row(box, "来源文章 Source articles", n.articles);
    row(box, "开始 Start", n.start_date);
    row(box, "结束 End", n.end_date);
    row(box, "社区 Community", n.community);
    return box;
  }
  function edgeTip(e) {
    var box = el("div");
    var from = byId[e.from], to = byId[e.to];
    box.appendChild(el("div", "kg-tip-title", from.name + " → " + to.name));
    row(box, "关系 Predicate", predName(e.kgPred));
    row(box, "置信度 Confidence", e.confidence);
    row(box, "文章 Article", e.article);
    row(box, "日期 Date", e.date);
    if (e.sources > 1) row(box, "证据数 Evidence", e.sources);
    if (e.evidence) box.appendChild(el("div", "kg-evidence", e.evidence));
    return box;
  }

  // --- legend and filters ---
  var shownTypes = {}, shownPreds = {};
  var typeCounts = {}, predCounts = {};
  data.nodes.forEach(function (n) { typeCounts[n.kgType] = (typeCounts[n.kgType] || 0) + 1; });
  data.edges.forEach(function (e) { predCounts[e.kgPred] = (predCounts[e.kgPred] || 0) + 1; });
  function checkbox(container, key, swatch, text, count, state, onChange) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.key = key;
    state[key] = true;
    box.addEventListener("change", function () { state[key] = box.checked; onChange(); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", null, text));
    label.appendChild(el("span", "kg-n", "(" + count + ")"));
    container.appendChild(label);
  }
  var typesBox = document.getElementById("kg-types");
  Object.keys(data.types).sort(function (a, b) {
    var ka = data.types[a].kind, kb = data.types[b].kind;
    return ka === kb ? (a < b ? -1 : 1) : (ka < kb ? -1 : 1);
  }).forEach(function (t) {
    var sw = el("span", "kg-swatch");
    sw.style.background = data.colorBy === "type" ? data.types[t].color : "#fff";
    checkbox(typesBox, t, sw, typeName(t), typeCounts[t] || 0, shownTypes, refilter);
  });
  var predBox = document.getElementById("kg-predicates");
  Object.keys(data.predicates).forEach(function (p) {
    if (!predCounts[p]) return;
    var sw = el("span", "kg-line");
    sw.style.background = data.predicates[p].color || "#999";
    checkbox(predBox, p, sw, predName(p), predCounts[p], shownPreds, refilter);
  });
  if (data.colorBy === "community") {
    document.getElementById("kg-communities-section").hidden = false;
    var cbox = document.getElementById("kg-communities");
    data.communities.forEach(function (c) {
      var line = el("div");
      var sw = el("span", "kg-swatch"); sw.style.background = c.color;
      line.appendChild(sw);
      line.appendChild(el("span", null, " #" + c.n + " "));
      line.appendChild(el("span", "kg-n", "(" + c.size + ")"));
      cbox.appendChild(line);
    });
  }
  document.getElementById("kg-shapes").textContent = Object.keys(data.kinds).map(function (k) {
    var d = data.kinds[k];
    return d.zh + " " + d.en + " = " + d.shape;
  }).join("; ");

  // --- the network ---
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return shownTypes[n.kgType] !== false; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return shownPreds[e.kgPred] !== false; } });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;
  function counts() {
    document.getElementById("kg-count").textContent =
      nodeView.length + " / " + data.nodes.length + " 节点 nodes · " +
      edgeView.length + " / " + data.edges.length + " 关系 edges" +
      (data.hidden ? " · " + data.hidden + " 个无关系实体未画 without relations, not drawn (--isolated)" : "");
  }
  function refilter() { nodeView.refresh(); edgeView.refresh(); counts(); }
  counts();

  window.kgDrawn = null;
  window.kgSettled = null;
  function settled() {
    if (window.kgSettled !== null) return;
    requestAnimationFrame(function () {
      window.kgSettled = performance.now();
      document.body.setAttribute("data-kg-settled", "1");
    });
  }
  var first = data.nodes.filter(function (n) { return n.first; }).map(function (n) { return n.id; });
  if (first.length && first.length < data.nodes.length) network.fit({ nodes: first, animation: false });
  network.once("afterDrawing", function () { window.kgDrawn = performance.now(); settled(); });

  // --- names: drawn after the network, at a fixed size on screen, the most important first; a name
  // that would overlap one already placed is left out, so zooming in makes room for more ---
  var ranked = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var widths = {};
  var MAX_NAMES = 300, CELL = 80;
  function fontOf(rank) {
    return rank < 12 ? ["bold ", 15] : rank < 60 ? ["", 13] : ["", 12];
  }
  window.kgNames = [];
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale(), view = network.getViewPosition();
    var w = container.clientWidth, h = container.clientHeight;
    var positions = network.getPositions();
    var grid = {}, placed = [];
    function free(box) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          var cell = grid[gx + "," + gy];
          if (!cell) continue;
          for (var i = 0; i < cell.length; i++) {
            var o = cell[i];
            if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return false;
          }
        }
      }
      return true;
    }
    function occupy(box) {
      for (var gx = Math.floor(box[0] / CELL); gx <= Math.floor(box[2] / CELL); gx++) {
        for (var gy = Math.floor(box[1] / CELL); gy <= Math.floor(box[3] / CELL); gy++) {
          (grid[gx + "," + gy] = grid[gx + "," + gy] || []).push(box);
        }
      }
    }
    ctx.save();
    ctx.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (var i = 0; i < ranked.length && placed.length < MAX_NAMES; i++) {
      var n = ranked[i], p = positions[n.id];
      if (!p || shownTypes[n.kgType] === false) continue;
      var x = (p.x - view.x) * scale + w / 2, y = (p.y - view.y) * scale + h / 2 + n.size * scale + 2;
      if (x < -100 || x > w + 100 || y < -30 || y > h + 30) continue;
      var f = fontOf(n.rank), font = f[0] + f[1] + "px " + data.font;
      ctx.font = font;
      var key = n.id + font, width = widths[key] || (widths[key] = ctx.measureText(n.name).width);
      var box = [x - width / 2 - 2, y - 1, x + width / 2 + 2, y + f[1] + 3];
      if (!free(box)) continue;
      occupy(box);
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.85)";
      ctx.strokeText(n.name, x, y);
      ctx.fillStyle = n.rank < 12 ? "#111" : "#333";
      ctx.fillText(n.name, x, y);
      placed.push({id: n.id, name: n.name, box: box});
    }
    ctx.restore();
    window.kgNames = placed;
  });

  // --- tooltips: built from text nodes, shown next to the pointer ---
  var tip = document.getElementById("kg-tooltip");
  function showTip(content, pointer) {
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    tip.appendChild(content);
    tip.hidden = false;
    var rect = container.getBoundingClientRect();
    var x = rect.left + (pointer ? pointer.x : 0) + 14, y = rect.top + (pointer ? pointer.y : 0) + 14;
    tip.style.left = Math.max(0, Math.min(x, window.innerWidth - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.max(0, Math.min(y, window.innerHeight - tip.offsetHeight - 4)) + "px";
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverNode", function (p) { showTip(nodeTip(byId[p.node]), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip(edgeById[p.edge]), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    if (p.nodes.length) showTip(nodeTip(byId[p.nodes[0]]), p.pointer.DOM);
    else if (p.edges.length) showTip(edgeTip(edgeById[p.edges[0]]), p.pointer.DOM);
    else hideTip();
  });
  window.kgShowEdgeTip = function (id) { showTip(edgeTip(edgeById[id]), null); return tip.textContent; };

  // --- search by any name ---
  var index = data.nodes.map(function (n) {
    return { id: n.id, names: n.names.map(function (s) { return String(s).toLowerCase(); }) };
  });
  function find(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) return null;
    var best = null, bestRank = 9;
    index.forEach(function (entry) {
      if (!nodeView.get(entry.id)) return;
      entry.names.forEach(function (name) {
        var rank = name === q ? 0 : name.indexOf(q) === 0 ? 1 : name.indexOf(q) >= 0 ? 2 : 9;
        if (rank < bestRank || (rank === bestRank && best !== null && byId[entry.id].size > byId[best].size)) {
          best = entry.id; bestRank = rank;
        }
      });
    });
    return best;
  }
  window.kgSearch = function (query) {
    var id = find(query), out = document.getElementById("kg-search-result");
    if (id === null) { out.textContent = "未找到 not found"; return null; }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: data.nodes.length < 2000 ? { duration: 400 } : false });
    out.textContent = "→ " + byId[id].name;
    window.kgFocused = id;
    return id;
  };
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    window.kgSearch(document.getElementById("kg-search").value);
  });
})();
"""
