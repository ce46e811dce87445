"""How the HTML network view scales: synthetic graphs of 1k, 5k and 20k entities.

For each size: the HTML file's size, the time to generate it (layout included), and, in
headless Chromium, the time from navigation until the network and its names are drawn
(the page sets `window.kgSettled` then). Prints a table and appends it to benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/viz.py            # 1000 5000 20000
    .venv/bin/python benchmarks/viz.py --smoke    # 200 nodes, not recorded

Goal: 5,000 nodes drawn and settled in under 5 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks"))
from common import record  # noqa: E402

from kg.export.network import FORCE_LIMIT, components  # noqa: E402
from kg.export.viz import render_html  # noqa: E402
from tests.export.chromium import Chromium, available  # noqa: E402

KINDS = (("Organization", ("Company", "University", "ResearchInstitute", "Laboratory", "Alliance"), 0.3),
         ("Person", ("Person",), 0.5), ("Event", ("Forum", "Summit", "Conference"), 0.1),
         ("Place", ("City",), 0.04), ("Product", ("Model", "Chip", "Platform"), 0.06))


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """Organisations with persons around them, events they meet at: about 1.6 relations per entity."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    by_kind: dict[str, list[str]] = {}
    for kind, types, share in KINDS:
        for i in range(max(1, int(n * share))):
            node = f"{kind.lower()}/{i}"
            graph.add_node(node, label=f"{kind[:3]}{i}机构", label_en=f"{kind} {i}", type=rng.choice(types),
                           kind=kind, aliases=[f"别名{kind}{i}"], positions=[], articles=rng.randint(1, 5))
            by_kind.setdefault(kind, []).append(node)
    orgs, persons, events = by_kind["Organization"], by_kind["Person"], by_kind["Event"]
    weights = [1 / (i + 1) for i in range(len(orgs))]  # a few big organisations, many small ones

    def edge(u: str, v: str, predicate: str) -> None:
        graph.add_edge(u, v, key=predicate, predicate=predicate, label_zh=predicate, label_en=predicate,
                       evidence=f"{u} {predicate} {v} 的证据句子。", article="合成文章", article_date="2021-12-01",
                       confidence=0.9, sources=1)

    for person in persons:
        edge(person, rng.choices(orgs, weights)[0], "affiliatedWith")
        if rng.random() < 0.5:
            edge(person, rng.choice(events), "participatesIn")
    for event in events:
        edge(rng.choices(orgs, weights)[0], event, "hosts")
        edge(event, rng.choice(by_kind["Place"]), "heldIn")
    for org in orgs:
        if rng.random() < 0.3:
            edge(org, rng.choices(orgs, weights)[0], "memberOf")
    for product in by_kind["Product"]:
        edge(rng.choices(orgs, weights)[0], product, "develops")
    graph.remove_edges_from([(u, v, k) for u, v, k in graph.edges(keys=True) if u == v])
    return graph


def measure(n: int, folder: Path) -> dict[str, object]:
    graph = synthetic(n)
    start = time.perf_counter()
    path = render_html(graph, folder / f"graph-{n}.html")
    generated = time.perf_counter() - start
    row = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(),
           "components": len(components(graph)),
           "size_mb": path.stat().st_size / 1e6, "generate_s": generated, "drawn_s": None, "settled_s": None}
    if available():
        with Chromium() as chrome:
            chrome.open(path, timeout=300)
            settled = chrome.wait_for("window.kgSettled", timeout=300)
            row["drawn_s"] = chrome.eval("window.kgDrawn") / 1000
            row["settled_s"] = settled / 1000
            errors = chrome.eval("window.kgErrors") + chrome.exceptions
            if errors:
                print(f"page errors at {n}: {errors}", file=sys.stderr)
    return row


def table(rows: list[dict[str, object]]) -> str:
    def s(value: object, fmt: str) -> str:
        return "n/a" if value is None else format(value, fmt)

    lines = ["| nodes | edges | components | HTML size | generation | first drawn | drawn and settled |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        lines.append(f"| {r['nodes']:,} | {r['edges']:,} | {r['components']:,} | {s(r['size_mb'], '.1f')} MB "
                     f"| {s(r['generate_s'], '.2f')} s | {s(r['drawn_s'], '.2f')} s | {s(r['settled_s'], '.2f')} s |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
    parser.add_argument("--smoke", action="store_true", help="one graph of 200 nodes, not recorded")
    args = parser.parse_args()
    sizes = [200] if args.smoke else args.sizes
    if not available():
        print("note: no Chromium at /usr/bin/chromium; browser times are n/a", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="kg-viz-bench-") as tmp:
        rows = []
        for n in sizes:
            rows.append(measure(n, Path(tmp)))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    record("Network view (`benchmarks/viz.py`)",
           "headless Chromium; positions computed beforehand (components packed largest first, "
           f"force-directed up to {FORCE_LIMIT} nodes, community spirals above), names placed by the page.\n\n"
           + table(rows), args.smoke)


if __name__ == "__main__":
    main()
