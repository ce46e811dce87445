"""The HTML network view: self-contained, escaped, and working in a real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.api import KnowledgeGraph
from kg.export.viz import page_data, render_html, script_json

from .chromium import CHROMIUM, Chromium, available

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
EVIL = ['<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>', '"><svg onload=alert(3)>',
        "&lt;b&gt;'\u2028"]

browser = pytest.mark.skipif(not available(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory) -> nx.MultiDiGraph:
    folder = tmp_path_factory.mktemp("store") / "kg-store"
    with KnowledgeGraph.open(str(folder)) as kg:
        kg.build([SAMPLES])
        return kg.to_networkx()


@pytest.fixture(scope="module")
def sample_page(sample_graph, tmp_path_factory) -> Path:
    return render_html(sample_graph, tmp_path_factory.mktemp("page") / "graph.html")


def evil_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i, text in enumerate(EVIL):
        graph.add_node(f"n{i}", label=text, label_en=text, type="Company", kind="Organization", aliases=[text],
                       positions=[text], articles=1)
    graph.add_node("p", label="张三", label_en="", type="Person", kind="Person", aliases=[], positions=[],
                   articles=1)
    for i, text in enumerate(EVIL):
        graph.add_edge("p", f"n{i}", key="affiliatedWith", predicate="affiliatedWith", label_zh=text,
                       label_en=text, evidence=text, article=text, article_date="2021-12-01", confidence=0.9,
                       sources=1)
    return graph


def test_page_is_self_contained(sample_page):
    text = sample_page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I)
    assert "bootstrap" not in text.lower()
    assert "vis.Network" in text and "Content-Security-Policy" in text


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_labels_are_data_not_markup(tmp_path):
    path = render_html(evil_graph(), tmp_path / "evil.html")
    text = path.read_text(encoding="utf-8")
    for evil in EVIL[:3]:
        assert evil not in text
    # the page's three scripts (data, vis-network, ours) and nothing closes one early
    assert text.count("</script>") == 3 and len(re.findall(r"^<script", text, re.M)) == 3
    data = page_data(evil_graph())
    assert {n["name"] for n in data["nodes"]} >= set(EVIL)


def stars(sizes: list[int], lone: int = 0) -> nx.MultiDiGraph:
    """One star per size (an organisation and its people), and `lone` entities without relations."""
    graph = nx.MultiDiGraph()
    for s, size in enumerate(sizes):
        hub = f"org{s}"
        graph.add_node(hub, label=f"机构{s}号", label_en="", type="Company", kind="Organization", aliases=[],
                       positions=[], articles=size)
        for i in range(1, size):
            graph.add_node(f"p{s}-{i}", label=f"人物{s}之{i}", label_en="", type="Person", kind="Person", aliases=[],
                           positions=[], articles=1)
            graph.add_edge(f"p{s}-{i}", hub, key="affiliatedWith", predicate="affiliatedWith")
    for i in range(lone):
        graph.add_node(f"lone{i}", label=f"孤立{i}", label_en="", type="Company", kind="Organization", aliases=[],
                       positions=[], articles=1)
    return graph


def test_components_are_laid_out_apart_the_largest_first():
    graph = stars([3, 40, 12, 2, 2])
    positions = page_data(graph)["nodes"]
    boxes = {}
    for node in positions:
        star = node["iri"].split("-")[0].removeprefix("p").removeprefix("org")
        left, top, right, bottom = boxes.get(star, (node["x"], node["y"], node["x"], node["y"]))
        boxes[star] = (min(left, node["x"]), min(top, node["y"]), max(right, node["x"]), max(bottom, node["y"]))
    for a in boxes:
        for b in boxes:
            if a < b:
                A, B = boxes[a], boxes[b]
                assert A[2] < B[0] or B[2] < A[0] or A[3] < B[1] or B[3] < A[1], (a, b)
    # the 40-node star starts the first row, top left; the first screen shows it
    assert min(boxes, key=lambda s: (boxes[s][1], boxes[s][0])) == "1"
    assert {n["iri"] for n in positions if n.get("first")} == set(nx.node_connected_component(
        graph.to_undirected(), "org1"))


def test_the_layout_does_not_depend_on_the_order_the_store_gives():
    from kg.export.network import layout

    graph = stars([12, 5, 2])
    backwards = nx.MultiDiGraph()
    backwards.add_nodes_from(reversed(list(graph.nodes(data=True))))
    backwards.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert layout(backwards) == layout(graph)


def test_every_node_has_a_position_and_nothing_moves_after_drawing():
    data = page_data(stars([30, 20, 5]), color_by="community")
    assert not data["options"]["physics"]["enabled"]
    assert all("x" in n and "y" in n and "community" in n for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == 55
    # the page draws the names, most important (most relations) first
    assert min(data["nodes"], key=lambda n: n["rank"])["name"] == "机构0号"
    assert all("label" not in n for n in data["nodes"]) and all("label" not in e for e in data["edges"])


def test_entities_without_relations_are_drawn_only_when_asked(tmp_path):
    with KnowledgeGraph.open("memory:") as kg:
        kg.build([SAMPLES])
        whole = kg.to_networkx()
        lone = {n for n in whole if whole.degree(n) == 0}
        page, drawn = kg.viz(tmp_path / "g.html")
        _, everything = kg.viz(tmp_path / "all.html", isolated=True)
    assert lone, "the samples have entities without relations"
    assert not lone & set(drawn) and set(everything) == set(whole)
    text = page.read_text(encoding="utf-8")
    assert f'"hidden":{len(lone)}' in text


def _open(chrome: Chromium, page: Path) -> None:
    chrome.open(page)
    chrome.wait_for("window.kgSettled", timeout=60)


@browser
@pytest.mark.slow
def test_sample_page_draws_offline_without_errors(sample_page, sample_graph):
    with Chromium(offline=True) as chrome:
        _open(chrome, sample_page)
        chrome.pump(0.5)
        drawn = chrome.eval("""(() => { const c = document.querySelector('#kg-network canvas');
            const ids = window.kgNodes.getIds(); const pos = window.kgNetwork.getPositions(ids);
            return {canvas: !!c && c.width > 0, nodes: ids.length, positioned: Object.keys(pos).length,
                    edges: window.kgEdges.length, errors: window.kgErrors,
                    legend: document.querySelectorAll('#kg-types input').length,
                    preds: document.querySelectorAll('#kg-predicates input').length}; })()""")
        assert drawn["canvas"]
        assert drawn["nodes"] == drawn["positioned"] == sample_graph.number_of_nodes()
        assert drawn["edges"] == sample_graph.number_of_edges()
        assert drawn["legend"] == len({d["type"] for _, d in sample_graph.nodes(data=True)})
        assert drawn["preds"] == len({d["predicate"] for *_, d in sample_graph.edges(data=True)})
        assert drawn["errors"] == []
        errors = [m for m in chrome.console if m["type"] in ("error", "warning", "assert")]
        assert errors == [] and chrome.exceptions == []
        assert {u for u in chrome.requests if not u.startswith("data:")} == {sample_page.resolve().as_uri()}
        # the filters hide and show
        visible = chrome.eval("""(() => { const box = document.querySelector('#kg-types input');
            box.click(); const hidden = document.getElementById('kg-count').textContent;
            box.click(); return [hidden, document.getElementById('kg-count').textContent]; })()""")
        assert visible[0] != visible[1]


@browser
@pytest.mark.slow
def test_search_finds_a_node_by_alias(sample_page, sample_graph):
    node, data = next((n, d) for n, d in sorted(sample_graph.nodes(data=True)) if d["aliases"])
    alias = data["aliases"][0]
    with Chromium() as chrome:
        _open(chrome, sample_page)
        found = chrome.eval(f"""(() => {{ document.getElementById('kg-search').value = {json.dumps(alias)};
            document.getElementById('kg-search-form').requestSubmit();
            const id = window.kgFocused; const n = window.kgNodes.get(id);
            return {{iri: n.iri, selected: window.kgNetwork.getSelectedNodes(),
                    result: document.getElementById('kg-search-result').textContent}}; }})()""")
        assert found["iri"] == node
        assert found["selected"] and data["label"] in found["result"]


@browser
@pytest.mark.slow
def test_edge_tooltip_shows_the_evidence(sample_page, sample_graph):
    with Chromium() as chrome:
        _open(chrome, sample_page)
        # Find a point on an edge with evidence that no node covers, then hover there with the mouse.
        target = chrome.eval("""(() => {
            const net = window.kgNetwork; net.setOptions({edges: {smooth: false}}); net.fit();
            const rect = document.getElementById('kg-network').getBoundingClientRect();
            const all = net.getPositions();
            for (const e of window.kgEdges.get()) {
              if (!e.evidence) continue;
              const p = net.getPositions([e.from, e.to]);
              for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                const at = net.canvasToDOM({x: p[e.from].x + f * (p[e.to].x - p[e.from].x),
                                            y: p[e.from].y + f * (p[e.to].y - p[e.from].y)});
                if (at.x < 5 || at.y < 5 || at.x > rect.width - 5 || at.y > rect.height - 5) continue;
                if (net.getNodeAt(at) !== undefined || net.getEdgeAt(at) !== e.id) continue;
                // and away from every node's drawn label too, which also takes the hover
                const clear = Object.values(all).every(q => {
                  const d = net.canvasToDOM(q); return Math.hypot(d.x - at.x, d.y - at.y) > 40; });
                if (clear) return {x: rect.left + at.x, y: rect.top + at.y, evidence: e.evidence, id: e.id};
              }
            }
            return null; })()""")
        assert target, "no edge with evidence is free to hover"
        chrome.pump(0.3)
        chrome.mouse_move(target["x"] - 30, target["y"] - 30)
        chrome.mouse_move(target["x"], target["y"])
        shown = chrome.wait_for("""(() => { const t = document.getElementById('kg-tooltip');
            return !t.hidden && t.textContent; })()""", timeout=10)
        assert target["evidence"] in shown
        assert "任职于" in shown or "Predicate" in shown


@browser
@pytest.mark.slow
def test_malicious_labels_render_as_text_and_never_run(tmp_path):
    path = render_html(evil_graph(), tmp_path / "evil.html")
    with Chromium() as chrome:
        chrome.send("Page.addScriptToEvaluateOnNewDocument", source="""
            window.alert = function (x) { console.log('XSS-MARKER ' + x); window.__xss = true; };
            window.confirm = window.prompt = window.alert;""")
        _open(chrome, path)
        for i, evil in enumerate(EVIL):
            assert chrome.eval(f"window.kgSearch({json.dumps(evil)}) !== null"), evil
            shown = chrome.eval(f"window.kgShowEdgeTip('e{i}')")
            assert evil in shown
        chrome.pump(0.5)
        state = chrome.eval("""({xss: !!window.__xss, imgs: document.querySelectorAll('img').length,
            svgs: document.querySelectorAll('svg').length, scripts: document.scripts.length,
            result: document.getElementById('kg-search-result').textContent})""")
        assert state == {"xss": False, "imgs": 0, "svgs": 0, "scripts": 3, "result": state["result"]}
        assert EVIL[-1].split("\u2028")[0] in state["result"]
        assert not any("XSS-MARKER" in m["text"] for m in chrome.console)
        assert not any(e["method"] == "Page.javascriptDialogOpening" for e in chrome.events)


@browser
@pytest.mark.slow
def test_chinese_text_is_drawn_with_a_font_that_has_its_glyphs(sample_page):
    """Without a CJK font Chromium draws every Chinese character as the same box, the glyph it draws
    for a character no font has; with one, 人 and 工 look different and like neither."""
    with Chromium() as chrome:
        _open(chrome, sample_page)
        same = chrome.eval("""(() => {
            const font = '32px ' + getComputedStyle(document.body).fontFamily;
            const pixels = (text) => { const c = document.createElement('canvas'); c.width = c.height = 40;
              const ctx = c.getContext('2d'); ctx.font = font; ctx.fillText(text, 2, 34);
              return Array.from(ctx.getImageData(0, 0, 40, 40).data).join(); };
            const ren = pixels('人'), gong = pixels('工'), missing = pixels('\\u{F0000}');
            return {renIsGong: ren === gong, renIsMissing: ren === missing, blank: ren === pixels('')}; })()""")
        chrome.eval("""(() => { const s = document.createElement('span'); s.id = 'kg-probe';
            s.textContent = '人工智能'; document.body.appendChild(s); })()""")
        fonts = chrome.platform_fonts("#kg-probe")
        assert same == {"renIsGong": False, "renIsMissing": False, "blank": False}, (
            f"Chinese is drawn as missing glyphs (fonts used: {fonts}); install a CJK font: "
            "apt-get install fonts-noto-cjk")


@browser
@pytest.mark.slow
def test_names_never_overlap_and_more_appear_as_one_zooms_in(tmp_path):
    path = render_html(stars([60, 40, 25, *[6] * 20, *[2] * 60]), tmp_path / "stars.html")
    with Chromium() as chrome:
        _open(chrome, path)
        chrome.pump(0.3)
        first = chrome.eval("window.kgNames")
        boxes = [n["box"] for n in first]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        names = [n["name"] for n in first]
        assert names[:3] == ["机构0号", "机构1号", "机构2号"]  # hubs first, at the first zoom level
        assert 10 < len(names) < 300  # not every one of the 380 names: the rest would pile up
        chrome.eval("""(() => { const net = window.kgNetwork, hub = window.kgNodes.get({filter: n => n.rank === 0})[0];
            net.moveTo({position: net.getPositions([hub.id])[hub.id], scale: net.getScale() * 4}); })()""")
        chrome.pump(0.3)
        closer = {n["name"] for n in chrome.eval("window.kgNames")}
        assert "机构0号" in closer  # the most important name stays
        assert len(closer - set(names)) > 5  # and names left out before now have room
