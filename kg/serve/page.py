"""The pages of `kg serve`: the query page at `/` (self-contained HTML, no CDN), the curated
queries it offers, and the network view of a CONSTRUCT result."""

from __future__ import annotations

import tempfile
from pathlib import Path


def network_page(ntriples: bytes) -> str:
    """The network view of CONSTRUCT triples, drawn by kg.export.viz."""
    import networkx as nx
    from pyoxigraph import RdfFormat, parse

    from kg.export.viz import render_html
    from kg.ontology import top_class
    from kg.vocab import ONTOLOGY, RDF, RDFS

    graph = nx.MultiDiGraph()
    labels: dict[str, dict[str, str]] = {}
    types: dict[str, str] = {}
    edges = []
    for t in parse(ntriples, format=RdfFormat.N_TRIPLES):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == RDFS + "label":
            labels.setdefault(s, {})[getattr(o, "language", None) or ""] = o.value
        elif p == RDF + "type" and o.value.startswith(ONTOLOGY):
            types[s] = o.value[len(ONTOLOGY):]
        elif type(o).__name__ == "NamedNode" and p.startswith(ONTOLOGY):
            edges.append((s, p[len(ONTOLOGY):], o.value))
    for s, p, o in edges:
        for iri in (s, o):
            if iri not in graph:
                names = labels.get(iri, {})
                kind = types.get(iri, "Organization")
                graph.add_node(iri, label=names.get("zh") or names.get("") or iri.rsplit("/", 1)[-1],
                               label_en=names.get("en", ""), type=kind, kind=top_class(kind) or kind, aliases=[],
                               positions=[], articles=0, dates=[])
        graph.add_edge(s, o, key=p, predicate=p, label_zh=p, label_en=p, evidence="", article="", article_date="",
                       confidence=0.0, sources=0, dates=[])
    with tempfile.TemporaryDirectory() as tmp:
        path = render_html(graph, Path(tmp) / "network.html", title="kg serve — network view")
        return Path(path).read_text(encoding="utf-8")


def curated_json() -> list[dict[str, object]]:
    from kg.api import curated_queries

    return [{"name": q.name, "en": q.en, "zh": q.zh, "params": q.params, "text": q.text}
            for q in curated_queries()]


PAGE = r"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<title>china-ai-kg · SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:.6em 1em}header h1{font-size:1.1em;margin:0}
main{padding:1em;max-width:1400px}
label{font-weight:600;margin-right:.5em}
select,input,textarea,button{font:inherit}
textarea{width:100%;height:16em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;box-sizing:border-box}
#about{color:#555;margin:.4em 0}
#params span{margin-right:1em}
button{padding:.3em 1.2em;margin:.5em .5em .5em 0}
#status{color:#555}#status.error{color:#b71c1c;white-space:pre-wrap;font-family:ui-monospace,monospace}
table{border-collapse:collapse;margin-top:.5em;background:#fff}
th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#eceff1}
td a{color:#1565c0;text-decoration:none}
</style></head>
<body><header><h1>china-ai-kg · SPARQL 查询 / query</h1></header>
<main>
<div><label for="pick">常用查询 Curated query</label><select id="pick">
<option value="">— 自己写 / write your own —</option></select></div>
<div id="about"></div>
<div id="params"></div>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<div><button id="run">运行 Run</button>
<a id="viz" href="#" target="_blank" hidden>网络视图 Network view</a>
<span id="status"></span></div>
<div id="out"></div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let catalog = [];
const page = new URLSearchParams(location.search);

function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function showParams(q) {
  const box = $("params"); box.replaceChildren();
  for (const p of (q ? q.params : [])) {
    const span = el("span"), lab = el("label", p.name), inp = el("input");
    lab.htmlFor = "param-" + p.name; inp.id = "param-" + p.name; inp.dataset.name = p.name;
    inp.placeholder = p.meaning; inp.title = p.meaning; inp.size = 16;
    if (page.has(p.name)) inp.value = page.get(p.name);
    span.append(lab, inp); box.append(span);
  }
}

function pick(name) {
  const q = catalog.find((c) => c.name === name);
  $("about").textContent = q ? q.zh + " — " + q.en : "";
  if (q) $("query").value = q.text;
  showParams(q);
}

// Only http(s) IRIs become links: the store may hold any IRI, javascript: and data: ones included.
function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri" && /^https?:\/\//i.test(term.value)) {
    const a = el("a", term.value); a.href = term.value; a.target = "_blank"; a.rel = "noopener noreferrer";
    td.append(a);
  } else td.textContent = term.value;
  return td;
}

function table(head, rows) {
  const t = el("table"), thead = el("thead"), tr = el("tr"), tbody = el("tbody");
  t.id = "results";
  for (const h of head) tr.append(el("th", h));
  thead.append(tr); t.append(thead);
  for (const r of rows) { const row = el("tr"); for (const c of r) row.append(c); tbody.append(row); }
  t.append(tbody); $("out").replaceChildren(t);
}

function ntriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    const m = line.match(/^(\S+) (\S+) (.*) \.$/);
    if (!m) continue;
    rows.push([m[1], m[2], m[3]].map((x) => {
      const td = el("td");
      td.textContent = x.startsWith("<") ? x.slice(1, -1) : x.replace(/^"(.*)"(@[\w-]+|\^\^<[^>]*>)?$/, "$1");
      return td;
    }));
  }
  return rows;
}

async function run() {
  const form = new URLSearchParams();
  form.set("query", $("query").value);
  for (const inp of document.querySelectorAll("#params input")) {
    if (inp.value.trim()) form.set("$" + inp.dataset.name, inp.value.trim());
  }
  $("status").className = ""; $("status").textContent = "运行中 running…"; $("viz").hidden = true;
  const t0 = performance.now();
  let resp;
  try {
    resp = await fetch("sparql", {method: "POST", body: form,
      headers: {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}});
  } catch (err) { $("status").className = "error"; $("status").textContent = String(err); return; }
  const ms = Math.round(performance.now() - t0);
  const text = await resp.text();
  if (!resp.ok) {
    $("status").className = "error"; $("status").textContent = resp.status + " " + text;
    $("out").replaceChildren(); return;
  }
  const cut = resp.headers.get("X-KG-Truncated");
  const note = cut ? "（已截断 truncated at " + cut + "）" : "";
  if ((resp.headers.get("Content-Type") || "").includes("n-triples")) {
    const rows = ntriples(text);
    table(["subject", "predicate", "object"], rows);
    $("status").textContent = rows.length + " triples · " + ms + " ms " + note;
    const viz = new URLSearchParams(form); $("viz").href = "viz?" + viz.toString(); $("viz").hidden = false;
    return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) {
    $("out").replaceChildren(el("p", "ASK → " + data.boolean)); $("status").textContent = ms + " ms"; return;
  }
  const vars = data.head.vars, rows = data.results.bindings.map((b) => vars.map((v) => cell(b[v])));
  table(vars, rows);
  $("status").textContent = rows.length + " 行 rows · " + ms + " ms " + note;
}

async function init() {
  $("run").addEventListener("click", run);
  $("pick").addEventListener("change", (e) => pick(e.target.value));
  try { catalog = await (await fetch("queries")).json(); } catch (err) { catalog = []; }
  for (const q of catalog) { const o = el("option", q.name + " — " + q.zh); o.value = q.name; $("pick").append(o); }
  if (page.has("q")) { $("pick").value = page.get("q"); pick(page.get("q")); }
  else if (page.has("query")) $("query").value = page.get("query");
  if (page.get("run") === "1") await run();
  document.body.dataset.ready = "1";
}
init();
</script>
</body></html>
"""
