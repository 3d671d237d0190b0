"""The knowledge graph as a networkx MultiDiGraph whose node ids are IRIs.

RDF export is a projection of this graph, not a translation: every node's
``kind`` maps to its RDF classes and every attribute named in ``PROPERTIES`` to
one predicate, and every edge carries its predicate IRI as its key. The view
and the query engine read the same structure.

Node attributes:
    kind        one of KINDS ("Place", "Agency", …)
    label       canonical name (rdfs:label @zh); alt_labels: set of other forms
    …           literal properties named in PROPERTIES (adcode, value, begin…)
Edges: ``g.add_edge(s, o, key=predicate_iri)``; at most one edge per
(subject, predicate, object).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from rdflib import URIRef

from kg.namespaces import FOAF, LT, NIF, ORG, RDFS, SCHEMA, SKOS


@dataclass(frozen=True)
class Prop:
    """How a node attribute becomes RDF: predicate and literal type
    ("zh" language-tagged string, "str" plain string, "decimal", "int", "date")."""

    predicate: URIRef
    literal: str
    multi: bool = False


KINDS: dict[str, tuple[URIRef, ...]] = {
    "Article": (SCHEMA.NewsArticle,),
    "Place": (LT.Place,),
    "Region": (LT.Region,),
    "Agency": (LT.Agency, ORG.Organization),
    "Official": (LT.Official, FOAF.Person),
    "Post": (ORG.Post,),
    "Role": (ORG.Role,),
    "Campaign": (LT.Campaign,),
    "Target": (LT.Target,),
    "Mention": (LT.Mention,),
}

PROPERTIES: dict[str, Prop] = {
    "label": Prop(RDFS.label, "zh"),
    "alt_labels": Prop(SKOS.altLabel, "zh", multi=True),
    # places
    "adcode": Prop(LT.adcode, "str"),
    "level": Prop(LT.level, "str"),
    "latitude": Prop(SCHEMA.latitude, "decimal"),
    "longitude": Prop(SCHEMA.longitude, "decimal"),
    # articles
    "source_path": Prop(LT.sourcePath, "str"),
    "headline": Prop(SCHEMA.headline, "zh"),
    "date": Prop(SCHEMA.datePublished, "date"),
    "text": Prop(SCHEMA.text, "zh"),
    "byline": Prop(SCHEMA.creditText, "zh"),
    "section": Prop(SCHEMA.articleSection, "zh", multi=True),
    "keywords": Prop(SCHEMA.keywords, "zh", multi=True),
    # targets
    "indicator": Prop(LT.indicator, "zh"),
    "value": Prop(LT.value, "decimal"),
    "unit": Prop(LT.unit, "str"),
    "change": Prop(LT.change, "zh"),
    "target_kind": Prop(LT.kind, "str"),
    # mentions
    "begin": Prop(NIF.beginIndex, "int"),
    "end": Prop(NIF.endIndex, "int"),
    "anchor": Prop(NIF.anchorOf, "zh"),
}

# Edge predicates by short name, for readable code at call sites.
EDGES: dict[str, URIRef] = {
    "containedInPlace": SCHEMA.containedInPlace,
    "jurisdiction": LT.jurisdiction,
    "holds": ORG.holds,
    "heldBy": ORG.heldBy,
    "role": ORG.role,
    "postIn": ORG.postIn,
    "subOrganizationOf": ORG.subOrganizationOf,
    "conductedBy": LT.conductedBy,
    "place": LT.place,
    "campaign": LT.campaign,
    "mentions": SCHEMA.mentions,
    "article": LT.article,
    "denotes": LT.denotes,
}


class KnowledgeGraph:
    """A thin builder over ``nx.MultiDiGraph`` that keeps the conventions above."""

    def __init__(self, graph: nx.MultiDiGraph | None = None) -> None:
        self.g = graph if graph is not None else nx.MultiDiGraph()

    def add(self, iri: str, kind: str, label: str | None = None, **attrs: object) -> str:
        """Add a node or merge attributes into it; return its IRI.

        A later label does not replace an earlier one (the first canonical
        name wins); it becomes an alt label instead.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown node kind {kind!r}; expected one of {sorted(KINDS)}")
        if iri not in self.g:
            self.g.add_node(iri, kind=kind, alt_labels=set())
        data = self.g.nodes[iri]
        if data["kind"] != kind:
            raise ValueError(f"node {iri} is a {data['kind']}, not a {kind}")
        if label:
            if data.get("label") is None:
                data["label"] = label
            elif data["label"] != label:
                data["alt_labels"].add(label)
        for key, value in attrs.items():
            if key not in PROPERTIES:
                raise ValueError(f"unknown node attribute {key!r}; add it to kg.graph.PROPERTIES")
            if value is None:
                continue
            if PROPERTIES[key].multi:
                data.setdefault(key, set()).update(value if isinstance(value, Iterable) else [value])
            else:
                data.setdefault(key, value)
        return iri

    def alt(self, iri: str, *labels: str) -> None:
        """Record other forms seen of a node's name."""
        data = self.g.nodes[iri]
        for lab in labels:
            if lab and lab != data.get("label"):
                data["alt_labels"].add(lab)

    def objects(self, subject: str, predicate: str) -> list[str]:
        """The objects of ``subject --predicate-->`` edges, sorted (a direct look
        at the adjacency dict: an edge view costs more than the whole lookup)."""
        pred = str(EDGES[predicate])
        return sorted(v for v, keys in self.g._succ.get(subject, {}).items() if pred in keys)

    def link(self, subject: str, predicate: str, obj: str) -> None:
        """Add the edge ``subject --predicate--> obj`` once (predicate: a key of EDGES)."""
        pred = str(EDGES[predicate])
        # A direct look at the adjacency dict: has_edge costs more than the add.
        keys = self.g._succ.get(subject, {}).get(obj)
        if keys is None or pred not in keys:
            self.g.add_edge(subject, obj, key=pred, predicate=pred, name=predicate)
