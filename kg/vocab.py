"""IRIs of the ontology and of the resources the tool mints."""

from __future__ import annotations

import hashlib
import re
from functools import cache

from pyoxigraph import NamedNode
from pypinyin import lazy_pinyin

ONTOLOGY = "https://w3id.org/china-ai-kg/ontology#"
RESOURCE = "https://w3id.org/china-ai-kg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

PREFIXES = {"kgo": ONTOLOGY, "kgr": RESOURCE, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS,
            "prov": PROV, "dcterms": DCTERMS, "schema": SCHEMA}

PREDICATES = ("hosts", "coOrganizes", "heldIn", "startDate", "endDate", "affiliatedWith", "participatesIn",
              "launchedAt", "memberOf", "ledBy", "develops", "subOrganizationOf")
DATE_PREDICATES = frozenset({"startDate", "endDate"})

_KIND_PATH = {"Organization": "org", "Person": "person", "Event": "event", "Place": "place",
              "Product": "product"}


def kgo(local: str) -> NamedNode:
    return NamedNode(ONTOLOGY + local)


def rdf(local: str) -> NamedNode:
    return NamedNode(RDF + local)


def rdfs(local: str) -> NamedNode:
    return NamedNode(RDFS + local)


def skos(local: str) -> NamedNode:
    return NamedNode(SKOS + local)


def prov(local: str) -> NamedNode:
    return NamedNode(PROV + local)


def dcterms(local: str) -> NamedNode:
    return NamedNode(DCTERMS + local)


def schema(local: str) -> NamedNode:
    return NamedNode(SCHEMA + local)


def xsd(local: str) -> NamedNode:
    return NamedNode(XSD + local)


@cache
def slug(name: str) -> str:
    """Readable ASCII from a name: pinyin for Han characters, lower-case Latin kept."""
    parts = [re.sub(r"[^0-9a-z]+", "-", p.lower()).strip("-") for p in lazy_pinyin(name)]
    text = "-".join(p for p in parts if p)
    return re.sub(r"-{2,}", "-", text)[:60] or "x"


def entity_iri(kind: str, name: str, variant: int = 1) -> NamedNode:
    """Deterministic: the same kind and canonical name give the same IRI, in every build."""
    digest = hashlib.sha1(f"{kind}\n{name}".encode()).hexdigest()[:6]
    tail = f"-{variant}" if variant > 1 else ""
    return NamedNode(f"{RESOURCE}{_KIND_PATH[kind]}/{slug(name)}-{digest}{tail}")


# Every entity's types and names, once: kept out of the article graphs, where an entity named in
# hundreds of articles would repeat them hundreds of times in the union that queries see
# (measured on the large corpus: 268,000 label triples for 28,000 distinct ones, and label
# joins 10 to 1,000 times slower).
ENTITIES_GRAPH = NamedNode(RESOURCE + "graph/entities")


def article_iri(article_id: str) -> NamedNode:
    return NamedNode(f"{RESOURCE}article/{article_id}")


def article_id_of(iri: str) -> str:
    return iri.rstrip(">").rsplit("/", 1)[-1]
