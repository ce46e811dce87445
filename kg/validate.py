"""SHACL validation of the stored graph: the shapes it must conform to (`ontology/shapes.ttl`) and
the junk it may hold (`ontology/quality.ttl`, warnings), counted per shape.

pyshacl's own report lists every result; on a real graph that is thousands of lines of
warnings, so the report here counts the entities each shape flags, out of those it checks,
with a few of their names, and a graph conforms while it has no violation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyshacl
import rdflib
from pyoxigraph import RdfFormat, serialize
from rdflib.namespace import RDF, RDFS, SH

from kg.ontology import parents
from kg.resources import data_dir
from kg.store import Store
from kg.vocab import ONTOLOGY

SHAPE_FILES = ("shapes.ttl", "quality.ttl")
EXAMPLES = 3


def union_graph(store: Store) -> rdflib.Graph:
    from pyoxigraph import Triple

    triples = {Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    graph = rdflib.Graph()
    graph.parse(data=serialize(sorted(triples, key=str), format=RdfFormat.N_TRIPLES), format="nt")
    return graph


@dataclass(frozen=True)
class ShapeCount:
    """What one shape found: its severity, name and message, the entities it flagged out of
    those of its target class, and a few of the offending values."""

    severity: str
    shape: str
    label: str
    message: str
    flagged: int
    checked: int | None
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    conforms: bool
    counts: tuple[ShapeCount, ...]

    def of(self, severity: str) -> list[ShapeCount]:
        return [c for c in self.counts if c.severity == severity]

    def text(self) -> str:
        """Violations, then warnings, one line per shape."""
        lines = []
        for severity, title in (("Violation", "violations"), ("Warning", "warnings")):
            found = self.of(severity)
            if not found:
                continue
            lines.append(f"{title}, entities flagged per shape:")
            for c in found:
                share = f" of {c.checked:,} ({100 * c.flagged / c.checked:.1f}%)" if c.checked else ""
                lines.append(f"  {c.flagged:>6,}{share}  {c.label} ({c.shape}): {c.message}")
                if c.examples:
                    lines.append(f"          e.g. {', '.join(c.examples)}")
        verdict = ("the graph conforms to the shapes" if self.conforms
                   else "the graph does not conform to the shapes")
        if self.conforms:
            verdict += " (no violations" + (", but warnings above)" if self.of("Warning") else ", no warnings)")
        return "\n".join([*lines, verdict]) + "\n"


def shapes_graph() -> rdflib.Graph:
    graph = rdflib.Graph()
    for name in SHAPE_FILES:
        graph.parse(data_dir("ontology") / name, format="turtle")
    return graph


def validate(graph: rdflib.Graph) -> Report:
    """Validate `graph` (the union of the articles) and count the results per shape."""
    shapes = shapes_graph()
    ontology = rdflib.Graph().parse(data_dir("ontology") / "kg.ttl", format="turtle")
    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                            advanced=True, allow_warnings=True)
    return Report(bool(conforms), tuple(_counts(results, shapes, graph)))


def _counts(results: rdflib.Graph, shapes: rdflib.Graph, data: rdflib.Graph) -> list[ShapeCount]:
    owner = {prop: node for node, prop in shapes.subject_objects(SH.property)}
    flagged: dict[tuple[str, rdflib.term.Node], set] = defaultdict(set)
    examples: dict[tuple[str, rdflib.term.Node], list[str]] = defaultdict(list)
    messages: dict[tuple[str, rdflib.term.Node], str] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        source = results.value(result, SH.sourceShape)
        shape = source if isinstance(source, rdflib.URIRef) else owner.get(source, source)
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        key = (severity, shape)
        focus = results.value(result, SH.focusNode)
        flagged[key].add(focus)
        value = results.value(result, SH.value)
        shown = str(value if isinstance(value, rdflib.Literal) else data.value(focus, RDFS.label) or focus)
        if len(examples[key]) < EXAMPLES and shown not in examples[key]:
            examples[key].append(shown)
        messages.setdefault(key, str(results.value(result, SH.resultMessage) or ""))
    sizes = _class_sizes(data)
    counts = []
    for (severity, shape), focus in flagged.items():
        target = shapes.value(shape, SH.targetClass)
        name = shapes.namespace_manager.normalizeUri(shape) if isinstance(shape, rdflib.URIRef) else "a shape"
        counts.append(ShapeCount(severity, name, str(shapes.value(shape, RDFS.label) or name),
                                 messages[severity, shape], len(focus),
                                 sizes.get(str(target)[len(ONTOLOGY):]) if target is not None else None,
                                 tuple(examples[severity, shape])))
    return sorted(counts, key=lambda c: (c.severity != "Violation", -c.flagged, c.shape))


def _class_sizes(data: rdflib.Graph) -> dict[str, int]:
    """Instances per class of ours, subclasses counted in their ancestors (as sh:targetClass does)."""
    members: dict[str, set] = defaultdict(set)
    for subject, cls in data.subject_objects(RDF.type):
        local = str(cls)[len(ONTOLOGY):] if str(cls).startswith(ONTOLOGY) else None
        seen = set()
        while local and local not in seen:
            members[local].add(subject)
            seen.add(local)
            local = parents().get(local)
    return {cls: len(found) for cls, found in members.items()}
