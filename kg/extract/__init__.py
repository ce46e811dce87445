"""Extract stage: an `Article` in, an `Extraction` (mentions, triples, positions) out.

`PIPELINE` names the components in the order they run; each is registered in
`kg.extract.pipeline.REGISTRY` by the module that defines it.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract import (  # noqa: F401 - register the components
    assertions,
    coref,
    dates,
    linker,
    names,
    persons,
    relations,
    salience,
    sentences,
    tagger,
)
from kg.extract.models import Models, shipped
from kg.extract.pipeline import REGISTRY, Doc
from kg.model import Article, Extraction

PIPELINE = ("sentences", "dates", "gazetteer", "place_abbreviations", "organizations", "organization_lists", "products", "versions",
            "persons", "events", "tagger", "event_parts", "appositions", "venues", "coreference", "relations", "linker", "assertions",
            "salience")


def run(article: Article, pipeline: Sequence[str] = PIPELINE, models: Models | None = None) -> Doc:
    doc = Doc(article, models=models or shipped())
    for name in pipeline:
        REGISTRY[name](doc)
    return doc


def extract(article: Article, pipeline: Sequence[str] = PIPELINE, models: Models | None = None) -> Extraction:
    doc = run(article, pipeline, models)
    return Extraction(article, list(doc.mentions) if doc.entities is None else doc.entities, doc.triples, doc.positions, doc.aliases)
