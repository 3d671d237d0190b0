"""Project the networkx graph to RDF (Turtle, JSON-LD) and to GraphML.

Turtle is written deterministically: rdflib's serializer sorts subjects and
predicates, and the graph has no blank nodes, so the same corpus gives the
same bytes.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.graph import KINDS, PROPERTIES, KnowledgeGraph
from kg.namespaces import PREFIXES


def _literal(value: object, literal: str) -> Literal:
    if literal == "zh":
        return Literal(str(value), lang="zh")
    if literal == "decimal":
        # XSD canonical form ("32.0", "3.5"): rdflib's Turtle writer rewrites
        # Decimal("32") as 32.0 but its JSON-LD writer keeps "32", two different
        # RDF terms; writing the canonical form makes every format agree.
        lex = format(Decimal(str(value)).normalize(), "f")
        return Literal(lex if "." in lex else lex + ".0", datatype=XSD.decimal)
    if literal == "int":
        return Literal(int(value), datatype=XSD.integer)  # type: ignore[call-overload]
    if literal == "date":
        return Literal(str(value), datatype=XSD.date)
    return Literal(str(value))


def to_rdf(kg: KnowledgeGraph) -> Graph:
    """Return the rdflib Graph of ``kg`` (contract terms, see graph-contract.md)."""
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, str(ns), replace=True)
    for iri, data in kg.g.nodes(data=True):
        s = URIRef(iri)
        for cls in KINDS[data["kind"]]:
            out.add((s, RDF.type, cls))
        for key, prop in PROPERTIES.items():
            value = data.get(key)
            if value is None:
                continue
            values = sorted(value, key=str) if prop.multi else [value]
            for v in values:
                out.add((s, prop.predicate, _literal(v, prop.literal)))
    for s, o, pred in kg.g.edges(keys=True):
        out.add((URIRef(s), URIRef(pred), URIRef(o)))
    return out


def turtle_bytes(rdf: Graph) -> bytes:
    """Serialise as Turtle (UTF-8)."""
    return rdf.serialize(format="turtle", encoding="utf-8")


def jsonld_bytes(rdf: Graph) -> bytes:
    """Serialise as JSON-LD with the contract's prefixes as context."""
    context = {p: str(ns) for p, ns in PREFIXES.items()}
    return rdf.serialize(format="json-ld", context=context, indent=1, encoding="utf-8")


def graphml_bytes(kg: KnowledgeGraph) -> bytes:
    """GraphML for Gephi and Neo4j: scalar attributes only (sets joined with "|",
    decimals as strings), edge label = predicate short name. The article text is
    left out: it bloats the file and graph tools cannot use it."""
    g = nx.MultiDiGraph()
    for iri, data in sorted(kg.g.nodes(data=True)):
        attrs: dict[str, object] = {}
        for key, value in data.items():
            if key == "text" or value is None:
                continue
            if isinstance(value, (set, frozenset, list, tuple)):
                value = "|".join(sorted(str(v) for v in value))
            elif isinstance(value, Decimal):
                value = str(value)
            attrs[key] = value
        g.add_node(iri, **attrs)
    for s, o, key, data in sorted(kg.g.edges(keys=True, data=True)):
        g.add_edge(s, o, key=key, label=data.get("name", ""), predicate=key)
    return "\n".join(nx.generate_graphml(g)).encode("utf-8")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
