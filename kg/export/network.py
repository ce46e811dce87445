"""The entity graph as a networkx MultiDiGraph, and GraphML, GEXF and CSV files made from it.

Nodes are the entities (organisations, persons, events, places, products), keyed by IRI;
edges are the relations between them (one edge per distinct subject, predicate, object,
keyed by the predicate). `startDate`/`endDate` are not edges: they become the
`start_date`/`end_date` attributes of events.

Node attributes
    label (Chinese name), label_en (English name or ""), type (most specific class, e.g.
    Company), kind (top class: Organization, Person, Event, Place, Product), aliases (list
    of other names), positions (list of "title @ organisation" strings from kgo:Position),
    articles (number of source articles, via kgo:mentionedIn), dates (sorted list of the
    dates of those articles), start_date / end_date (events only, when known).
Edge attributes
    predicate (local name, e.g. affiliatedWith), label_zh, label_en (from ontology/kg.ttl),
    evidence (the sentence of the most confident evidence), article (that article's title,
    or its file name when it has none), article_date, confidence (highest over the
    evidence), sources (number of evidence statements), dates (dates of their articles).

Lists are kept as lists in the graph; the file writers join them with " | ".

The layout, colours and sizes live here too, because the GEXF file and the HTML view
(`kg.export.viz`, which depends on this module and not the other way) draw alike.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict, deque
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import networkx as nx
from pyoxigraph import RdfFormat, parse

from kg.errors import InputError, NotFoundError
from kg.ontology import TOP_CLASSES, top_class
from kg.resources import data_dir
from kg.store import Store
from kg.vocab import DATE_PREDICATES, ONTOLOGY, PREDICATES, RDFS, RESOURCE

EDGE_PREDICATES = tuple(p for p in PREDICATES if p not in DATE_PREDICATES)

NODE_COLUMNS = ("id", "label", "label_en", "type", "kind", "aliases", "positions", "articles", "degree",
                "start_date", "end_date")
EDGE_COLUMNS = ("source", "target", "source_label", "target_label", "predicate", "label_zh", "label_en",
                "confidence", "sources", "evidence", "article", "article_date")


@cache
def ontology_labels() -> dict[str, dict[str, str]]:
    """Local name of every class and property in our namespace → {"zh": ..., "en": ...}."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(data_dir("ontology").glob("*.ttl")):
        with path.open("rb") as handle:
            for triple in parse(handle, format=RdfFormat.TURTLE):
                if triple.predicate.value == RDFS + "label" and triple.subject.value.startswith(ONTOLOGY):
                    lang = getattr(triple.object, "language", None) or "en"
                    labels[triple.subject.value[len(ONTOLOGY):]][lang] = triple.object.value
    return dict(labels)


def class_label(local: str, lang: str = "zh") -> str:
    return ontology_labels().get(local, {}).get(lang, local)


# --- fetching ---------------------------------------------------------------------------------

_ENTITIES = f"""
SELECT ?e ?type WHERE {{ ?e a ?type .
  FILTER(STRSTARTS(STR(?e), "{RESOURCE}") && STRSTARTS(STR(?type), "{ONTOLOGY}")) }}"""
_NAMES = """
SELECT ?e ?p ?name WHERE { VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?name }"""
_MENTIONS = """
SELECT ?e ?a ?date WHERE { ?e kgo:mentionedIn ?a . OPTIONAL { ?a dcterms:date ?date } }"""
_POSITIONS = """
SELECT ?holder ?title ?org WHERE { ?pos a kgo:Position ; kgo:holder ?holder ; kgo:title ?title .
  FILTER(LANG(?title) = "zh" || LANG(?title) = "") OPTIONAL { ?pos kgo:atOrganization ?org } }"""
_DATES = """
SELECT ?e ?p ?date WHERE { VALUES ?p { kgo:startDate kgo:endDate } ?e ?p ?date }"""
_RELATIONS = """
SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }"""
_EVIDENCE = """
SELECT ?s ?p ?o ?sentence ?confidence ?a ?title ?file ?date WHERE {
  ?ev a kgo:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?ev kgo:sentence ?sentence } OPTIONAL { ?ev kgo:confidence ?confidence }
  OPTIONAL { ?ev prov:wasDerivedFrom ?a .
             OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a kgo:fileName ?file }
             OPTIONAL { ?a dcterms:date ?date } } }"""


def _local(iri: str) -> str:
    return iri[len(ONTOLOGY):] if iri.startswith(ONTOLOGY) else iri


def _value(row: dict, name: str) -> str:
    term = row.get(name)
    return term.value if term is not None else ""


def _most_specific(types: Iterable[str]) -> str:
    """The deepest class; ties broken by name so the choice is stable."""
    def depth(local: str) -> int:
        from kg.ontology import parents

        n, seen = 0, {local}
        while local in parents() and parents()[local] not in seen:
            local = parents()[local]
            seen.add(local)
            n += 1
        return n

    return sorted(types, key=lambda t: (-depth(t), t))[0]


def full_graph(store: Store) -> nx.MultiDiGraph:
    """Every entity and every relation between entities, with all attributes (no selection)."""
    graph = nx.MultiDiGraph()
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.query(_ENTITIES).rows:
        local = _local(row["type"].value)
        if top_class(local) in TOP_CLASSES:
            types[row["e"].value].add(local)
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"zh": [], "en": [], "alt": []})
    for row in store.query(_NAMES).rows:
        e, name = row["e"].value, row["name"]
        if e not in types:
            continue
        lang = getattr(name, "language", None) or ""
        slot = "alt" if row["p"].value.endswith("altLabel") else ("en" if lang == "en" else "zh")
        if name.value not in names[e][slot]:
            names[e][slot].append(name.value)
    mentions: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.query(_MENTIONS).rows:
        mentions[row["e"].value][row["a"].value] = _value(row, "date")
    for iri, kinds in types.items():
        specific = _most_specific(kinds)
        label_zh = sorted(names[iri]["zh"])
        label_en = sorted(names[iri]["en"])
        label = label_zh[0] if label_zh else (label_en[0] if label_en else iri.rsplit("/", 1)[-1])
        aliases = sorted({*label_zh[1:], *names[iri]["alt"], *label_en[1:]} - {label})
        graph.add_node(iri, label=label, label_en=label_en[0] if label_en else "", type=specific,
                       kind=top_class(specific), aliases=aliases, positions=[],
                       articles=len(mentions[iri]), dates=sorted(d for d in mentions[iri].values() if d))
    for row in store.query(_POSITIONS).rows:
        holder = row["holder"].value
        if holder not in graph:
            continue
        org = _value(row, "org")
        text = row["title"].value
        if org in graph:
            text += " @ " + graph.nodes[org]["label"]
        if text not in graph.nodes[holder]["positions"]:
            graph.nodes[holder]["positions"].append(text)
    for row in store.query(_DATES).rows:
        e = row["e"].value
        if e in graph:
            key = "start_date" if row["p"].value.endswith("startDate") else "end_date"
            graph.nodes[e][key] = min(graph.nodes[e].get(key) or row["date"].value, row["date"].value)
    evidence: dict[tuple[str, str, str], list[dict[str, object]]] = defaultdict(list)
    for row in store.query(_EVIDENCE).rows:
        key = (row["s"].value, _local(row["p"].value), row["o"].value)
        conf = _value(row, "confidence")
        evidence[key].append({"sentence": _value(row, "sentence"), "confidence": float(conf) if conf else 0.0,
                              "article": _value(row, "title") or _value(row, "file") or _value(row, "a"),
                              "date": _value(row, "date")})
    values = " ".join(f"kgo:{p}" for p in EDGE_PREDICATES)
    for row in store.query(_RELATIONS % values).rows:
        s, p, o = row["s"].value, _local(row["p"].value), row["o"].value
        if s not in graph or o not in graph:
            continue
        found = sorted(evidence.get((s, p, o), []), key=lambda ev: (-ev["confidence"], ev["date"], ev["sentence"]))
        best = found[0] if found else {"sentence": "", "confidence": 0.0, "article": "", "date": ""}
        graph.add_edge(s, o, key=p, predicate=p, label_zh=class_label(p, "zh"), label_en=class_label(p, "en"),
                       evidence=best["sentence"], article=best["article"], article_date=best["date"],
                       confidence=best["confidence"], sources=len(found),
                       dates=sorted({ev["date"] for ev in found if ev["date"]}))
    return graph


# --- selection --------------------------------------------------------------------------------

def _type_matcher(types: Iterable[str]):
    """--type accepts top classes or subclasses, in English or Chinese, in any case."""
    wanted = set()
    known = {t for t in ontology_labels() if top_class(t) in TOP_CLASSES}
    for given in types:
        hits = {t for t in known if given.casefold() in (t.casefold(), *(v.casefold() for v in
                                                                         ontology_labels()[t].values()))}
        if not hits:
            raise InputError(f"unknown entity type {given!r}; one of: {', '.join(sorted(known))}")
        wanted |= hits
    return lambda data: data["type"] in wanted or data["kind"] in wanted


def _check_predicates(predicates: Iterable[str]) -> set[str]:
    chosen = set()
    for given in predicates:
        hits = [p for p in EDGE_PREDICATES if given.casefold() in
                (p.casefold(), class_label(p, "zh"), class_label(p, "en").casefold())]
        if not hits:
            raise InputError(f"unknown predicate {given!r}; one of: {', '.join(EDGE_PREDICATES)}")
        chosen.update(hits)
    return chosen


def names_of(data: dict) -> list[str]:
    return [n for n in (data.get("label"), data.get("label_en"), *data.get("aliases", ())) if n]


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node called `name` (label, English name, alias or IRI); the best connected on ties."""
    if name in graph:
        return name
    folded = name.casefold()
    hits = [n for n, d in graph.nodes(data=True) if folded in (x.casefold() for x in names_of(d))]
    if not hits:
        raise NotFoundError(f"no entity named {name!r} in the graph")
    return max(hits, key=lambda n: (graph.degree(n), n))


def _in_range(dates: list[str], since: str | None, until: str | None) -> bool:
    # Dates are xsd:date or xsd:gYearMonth strings; comparing prefixes keeps 2021-12 inside 2021-12-01..
    return any((not since or d >= since[:len(d)]) and (not until or d[:len(until)] <= until) for d in dates)


def select(graph: nx.MultiDiGraph, types=None, predicates=None, ego=None, depth=1, min_degree=0,
           max_nodes=None, since=None, until=None, isolated=True) -> nx.MultiDiGraph:
    """A copy of `graph` cut down in this order: dates, types, predicates, ego, min degree, isolated
    entities, max nodes.

    since/until keep relations with evidence from an article in the range and entities
    mentioned in one; with --predicate, entities left without any relation are dropped;
    isolated=False drops every entity without a relation; max_nodes keeps the
    best-connected entities (degree, then articles, then name).
    """
    g = graph.copy()
    if since or until:
        g.remove_edges_from([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                             if not _in_range(d.get("dates", []), since, until)])
        g.remove_nodes_from([n for n, d in g.nodes(data=True)
                             if not _in_range(d.get("dates", []), since, until) and g.degree(n) == 0])
    if types:
        keep = _type_matcher(types)
        g.remove_nodes_from([n for n, d in g.nodes(data=True) if not keep(d)])
    if predicates:
        chosen = _check_predicates(predicates)
        g.remove_edges_from([(u, v, k) for u, v, k, d in g.edges(keys=True, data=True)
                             if d["predicate"] not in chosen])
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if ego:
        centre = find_node(g, ego)
        seen, queue = {centre: 0}, deque([centre])
        while queue:
            node = queue.popleft()
            if seen[node] >= depth:
                continue
            for nxt in (*g.successors(node), *g.predecessors(node)):
                if nxt not in seen:
                    seen[nxt] = seen[node] + 1
                    queue.append(nxt)
        g = g.subgraph(seen).copy()
    if min_degree or not isolated:
        g.remove_nodes_from([n for n in list(g) if g.degree(n) < max(min_degree, 0 if isolated else 1)])
    if max_nodes is not None and g.number_of_nodes() > max_nodes:
        ranked = sorted(g.nodes(data=True), key=lambda nd: (-g.degree(nd[0]), -nd[1].get("articles", 0),
                                                             nd[1].get("label", ""), nd[0]))
        g = g.subgraph([n for n, _ in ranked[:max_nodes]]).copy()
    return g


def to_networkx(store: Store, types=None, predicates=None, ego=None, depth=1, min_degree=0, max_nodes=None,
                since=None, until=None) -> nx.MultiDiGraph:
    """The entity graph of the store, optionally cut down (see `select`)."""
    return select(full_graph(store), types=types, predicates=predicates, ego=ego, depth=depth,
                  min_degree=min_degree, max_nodes=max_nodes, since=since, until=until)


# --- summaries --------------------------------------------------------------------------------

def top_entities(graph: nx.MultiDiGraph, n: int = 10) -> dict[str, list[tuple[str, str, int]]]:
    """The most connected organisations and persons, and the events with most participants:
    lists of (IRI, label, count)."""
    def ranked(kind: str, count) -> list[tuple[str, str, int]]:
        rows = [(node, d["label"], count(node)) for node, d in graph.nodes(data=True) if d["kind"] == kind]
        return sorted(rows, key=lambda r: (-r[2], r[1], r[0]))[:n]

    def participants(event: str) -> int:
        return len({u for u, _, k in graph.in_edges(event, keys=True) if k == "participatesIn"})

    return {"organizations": ranked("Organization", graph.degree), "persons": ranked("Person", graph.degree),
            "events": ranked("Event", participants)}


# --- drawing: layout, colours and sizes, for the GEXF file and the HTML view alike ---------

LOUVAIN_SEED = 42
# Components up to this many nodes get a force-directed layout (numpy, O(n²) a step); larger ones spirals.
FORCE_LIMIT = 500

TYPE_COLORS = {
    # organisations: one distinct colour per subtype
    "Organization": "#78909c", "Company": "#1e88e5", "University": "#00acc1", "ResearchInstitute": "#43a047",
    "Laboratory": "#9e9d24", "GovernmentBody": "#8e24aa", "Alliance": "#d81b60", "Association": "#6d4c41",
    "Media": "#5c6bc0", "Community": "#26a69a",
    "Person": "#fb8c00",
    "Event": "#e53935", "Forum": "#f4511e", "Summit": "#c62828", "Conference": "#ef5350", "Workshop": "#ff7043",
    "Exhibition": "#bf360c", "Competition": "#ff5252", "Ceremony": "#d84315", "LaunchEvent": "#b71c1c",
    "Place": "#7cb342", "Country": "#558b2f", "Province": "#689f38", "City": "#8bc34a", "District": "#9ccc65",
    "Venue": "#33691e",
    "Product": "#ffb300", "Model": "#ffa000", "Framework": "#fdd835", "Platform": "#f9a825", "Chip": "#ff6f00",
    "Software": "#ffca28",
}
COMMUNITY_COLORS = ("#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00acc1", "#d81b60", "#6d4c41",
                    "#7cb342", "#5c6bc0", "#fdd835", "#26a69a", "#f4511e", "#9e9d24", "#3949ab", "#c0ca33",
                    "#ad1457", "#00897b", "#ffb300", "#546e7a")
PREDICATE_COLORS = dict(zip(EDGE_PREDICATES, ("#c62828", "#ef6c00", "#2e7d32", "#1565c0", "#6a1b9a",
                                              "#ad1457", "#00838f", "#4e342e", "#558b2f", "#37474f"), strict=True))


def node_size(degree: int) -> float:
    return round(min(60.0, 8 + 5 * math.sqrt(degree)), 1)


def _sorted_simple(graph: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph with nodes and edges in sorted order, so that a seeded algorithm
    on it does not depend on the order in which the store gave them."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph, key=str))
    simple.add_edges_from(sorted((tuple(sorted((u, v), key=str)) for u, v in graph.edges()), key=str))
    return simple


def communities(graph: nx.MultiDiGraph) -> list[set]:
    """Louvain communities on the undirected graph, largest first (fixed seed: stable colours)."""
    simple = _sorted_simple(graph)
    found = nx.community.louvain_communities(simple, seed=LOUVAIN_SEED) if simple.number_of_nodes() else []
    return sorted(found, key=lambda c: (-len(c), min(map(str, c))))


def node_colors(graph: nx.MultiDiGraph, color_by: str = "type", groups: list[set] | None = None) -> dict:
    if color_by == "community":
        colors = {}
        for i, group in enumerate(groups if groups is not None else communities(graph)):
            for node in group:
                colors[node] = COMMUNITY_COLORS[i % len(COMMUNITY_COLORS)] if i < len(COMMUNITY_COLORS) else "#b0bec5"
        return colors
    if color_by != "type":
        raise ValueError(f"color_by is 'type' or 'community', not {color_by!r}")
    return {n: TYPE_COLORS.get(d.get("type"), "#90a4ae") for n, d in graph.nodes(data=True)}


def components(graph: nx.MultiDiGraph) -> list[set]:
    """Connected components (edge direction ignored), largest first; ties by their first node."""
    return sorted(nx.weakly_connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))


def importance(graph: nx.MultiDiGraph) -> list:
    """Nodes from the most to the least important: relations, then source articles, then name."""
    return sorted(graph, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("articles", 0),
                                        graph.nodes[n].get("label", ""), str(n)))


def layout(graph: nx.MultiDiGraph, spacing: float = 45.0) -> dict:
    """Positions: each connected component laid out on its own and the components packed in rows,
    largest first, so the biggest structure is where the eye starts and no component overlaps another.

    A component of up to FORCE_LIMIT nodes gets a force-directed layout (seeded, so stable); a
    larger one, where that costs too much, its Louvain communities as sunflower spirals.
    """
    boxes = []
    for group in components(graph):
        local = _component_layout(graph.subgraph(group), spacing)
        xs, ys = [x for x, _ in local.values()], [y for _, y in local.values()]
        boxes.append((local, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    return _pack(boxes, spacing * 0.6)



def _component_layout(component: nx.MultiDiGraph, spacing: float) -> dict:
    n = component.number_of_nodes()
    if n == 1:
        return {next(iter(component)): (0.0, 0.0)}
    if n > FORCE_LIMIT:
        return _spirals(component, communities(component), spacing)
    simple = _sorted_simple(component)
    found = nx.spring_layout(simple, seed=LOUVAIN_SEED, iterations=100)
    # Scaled so that the median relation is two spacings long, whatever the component's extent.
    lengths = sorted(math.dist(found[u], found[v]) for u, v in simple.edges())
    scale = 2 * spacing / max(lengths[len(lengths) // 2], 1e-9)
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in found.items()}


def _spirals(graph: nx.MultiDiGraph, groups: list[set], spacing: float) -> dict:
    """Communities packed in rows, each a sunflower spiral with its hubs in the middle: O(n)."""
    golden = math.pi * (3 - math.sqrt(5))
    boxes = []
    for group in groups:
        ordered = sorted(group, key=lambda n: (-graph.degree(n), str(n)))
        local = {node: (spacing * math.sqrt(i) * math.cos(i * golden), spacing * math.sqrt(i) * math.sin(i * golden))
                 for i, node in enumerate(ordered)}
        radius = spacing * math.sqrt(len(group))
        boxes.append((local, -radius, -radius, 2 * radius, 2 * radius))
    return _pack(boxes, spacing)


def _pack(boxes: list[tuple[dict, float, float, float, float]], margin: float) -> dict:
    """Shelf packing in the given order, a margin around each box (left, top, width, height), in
    rows about 1.6 times as wide as the whole is high."""
    boxes = [(local, left, top, width + 2 * margin, height + 2 * margin) for local, left, top, width, height in boxes]
    area = sum(w * h for _, _, _, w, h in boxes)
    row_width = max(math.sqrt(area * 1.6), max((w for *_, w, _ in boxes), default=1.0))
    positions, x, y, row_height = {}, 0.0, 0.0, 0.0
    for local, left, top, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in local.items():
            positions[node] = (round(x + margin + dx - left, 1), round(y + margin + dy - top, 1))
        x += width
        row_height = max(row_height, height)
    return positions


# --- files ------------------------------------------------------------------------------------

def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list attributes joined by " | " and no missing values, as GraphML and GEXF want."""
    flat = nx.MultiDiGraph()
    node_keys = sorted({k for _, d in graph.nodes(data=True) for k in d})
    for node, data in graph.nodes(data=True):
        flat.add_node(node, **{k: _cell(data.get(k, "")) for k in node_keys if k != "dates"})
    for u, v, k, data in graph.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **{a: _cell(x) for a, x in data.items() if a != "dates"})
    return flat


def _cell(value: object) -> object:
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(x) for x in value)
    return "" if value is None else value


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(_flat(graph), path, encoding="utf-8")
    return path


def write_gexf(graph: nx.MultiDiGraph, path: str | Path, color_by: str = "type") -> Path:
    """GEXF 1.2 for Gephi, with viz colour (by type or community), size (by degree) and position."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flat = _flat(graph)
    colors = node_colors(graph, color_by)
    positions = layout(graph)
    for node, data in flat.nodes(data=True):
        red, green, blue = (int(colors[node][i:i + 2], 16) for i in (1, 3, 5))
        x, y = positions[node]
        data["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0},
                       "size": float(node_size(graph.degree(node))),
                       "position": {"x": float(x), "y": float(-y), "z": 0.0}}
    nx.write_gexf(flat, path, encoding="utf-8", version="1.2draft")
    return path


def write_csv(graph: nx.MultiDiGraph, directory: str | Path) -> tuple[Path, Path]:
    """nodes.csv and edges.csv (UTF-8 with a BOM so spreadsheets read the Chinese right).

    nodes.csv: id (IRI), label (Chinese name), label_en, type (most specific class),
      kind (Organization/Person/Event/Place/Product), aliases and positions (joined by " | "),
      articles (number of source articles), degree (relations in the graph),
      start_date, end_date (events).
    edges.csv: source, target (IRIs), source_label, target_label, predicate (e.g. affiliatedWith),
      label_zh, label_en (the predicate's labels), confidence (highest over the evidence),
      sources (number of evidence statements), evidence (sentence of the best evidence),
      article (its article's title), article_date.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    with nodes_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        for node, data in sorted(graph.nodes(data=True)):
            row = {**data, "id": node, "degree": graph.degree(node)}
            writer.writerow([_cell(row.get(c, "")) for c in NODE_COLUMNS])
    with edges_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EDGE_COLUMNS)
        for u, v, _, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
            row = {**data, "source": u, "target": v, "source_label": graph.nodes[u]["label"],
                   "target_label": graph.nodes[v]["label"]}
            writer.writerow([_cell(row.get(c, "")) for c in EDGE_COLUMNS])
    return nodes_path, edges_path

