"""Project the networkx graph to RDF (Turtle, JSON-LD) and to GraphML.

The projection is one function, :func:`triples`: each node's ``kind`` gives its
classes, each attribute in ``kg.graph.PROPERTIES`` one predicate, each edge its
predicate key. Turtle and JSON-LD are written straight from it, sorted, so the
same corpus gives the same bytes and a large graph serialises in seconds
(rdflib's own Turtle writer took ~7 s for 80k triples); ``to_rdf`` builds an
rdflib Graph from the same triples for callers that want one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.graph import KINDS, PROPERTIES, KnowledgeGraph
from kg.namespaces import PREFIXES


class Term(NamedTuple):
    """An RDF term: an IRI (``lang`` and ``datatype`` empty) or a literal."""

    value: str
    is_iri: bool = False
    lang: str = ""
    datatype: str = ""


def _decimal_lexical(value: object) -> str:
    # XSD canonical form ("32.0", "3.5"): one lexical form per value, so every
    # format and every reader agrees on the term.
    lex = format(Decimal(str(value)).normalize(), "f")
    return lex if "." in lex else lex + ".0"


def _literal(value: object, literal: str) -> Term:
    if literal == "zh":
        return Term(str(value), lang="zh")
    if literal == "decimal":
        return Term(_decimal_lexical(value), datatype=str(XSD.decimal))
    if literal == "int":
        return Term(str(int(value)), datatype=str(XSD.integer))  # type: ignore[call-overload]
    if literal == "date":
        return Term(str(value), datatype=str(XSD.date))
    return Term(str(value))


def triples_by_subject(kg: KnowledgeGraph) -> Iterator[tuple[str, list[tuple[str, list[Term]]]]]:
    """For each node (sorted by IRI): its predicates (rdf:type first, then sorted)
    with their sorted objects. This is the whole projection."""
    g = kg.g
    for iri in sorted(g.nodes):
        data = g.nodes[iri]
        preds: dict[str, list[Term]] = {
            str(RDF.type): [Term(str(c), True) for c in KINDS[data["kind"]]],
        }
        for key, prop in PROPERTIES.items():
            value = data.get(key)
            if value is None:
                continue
            values = value if prop.multi else [value]
            preds.setdefault(str(prop.predicate), []).extend(_literal(v, prop.literal) for v in values)
        for _, obj, pred in g.out_edges(iri, keys=True):
            preds.setdefault(pred, []).append(Term(obj, True))
        ordered = [(p, sorted(set(preds[p]))) for p in sorted(preds, key=lambda p: (p != str(RDF.type), p))]
        yield iri, [(p, objs) for p, objs in ordered if objs]


def to_rdf(kg: KnowledgeGraph) -> Graph:
    """Return the rdflib Graph of ``kg`` (contract terms, see graph-contract.md)."""
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, str(ns), replace=True)
    for iri, preds in triples_by_subject(kg):
        s = URIRef(iri)
        for pred, objs in preds:
            p = URIRef(pred)
            for o in objs:
                if o.is_iri:
                    out.add((s, p, URIRef(o.value)))
                else:
                    out.add((s, p, Literal(o.value, lang=o.lang or None,
                                           datatype=URIRef(o.datatype) if o.datatype else None)))
    return out


# -- Turtle -----------------------------------------------------------------------
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                          "\b": "\\b", "\f": "\\f"})
_PREFIX_BY_NS = sorted(((str(ns), p) for p, ns in PREFIXES.items() if p != "id"), key=lambda x: -len(x[0]))
_SIMPLE_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _iri(iri: str) -> str:
    for ns, prefix in _PREFIX_BY_NS:
        if iri.startswith(ns):
            local = iri[len(ns):]
            if local and local[0].isalpha() and set(local) <= _SIMPLE_LOCAL:
                return f"{prefix}:{local}"
    if any(ch in iri for ch in '<>"{}|^`\\ ') or any(ord(ch) < 0x21 for ch in iri):
        raise ValueError(f"IRI with characters Turtle cannot carry: {iri!r}")
    return f"<{iri}>"


def _turtle_term(t: Term) -> str:
    if t.is_iri:
        return _iri(t.value)
    text = '"' + t.value.translate(_ESCAPES) + '"'
    if t.lang:
        return f"{text}@{t.lang}"
    if t.datatype == str(XSD.decimal) or t.datatype == str(XSD.integer):
        return t.value  # Turtle's bare numbers have exactly these datatypes
    if t.datatype:
        return f"{text}^^{_iri(t.datatype)}"
    return text


def turtle_bytes(kg: KnowledgeGraph) -> bytes:
    """The graph as Turtle (UTF-8), sorted, with the contract's prefixes."""
    used = {p: ns for p, ns in PREFIXES.items() if p != "id"}
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(used.items())]
    lines.append("")
    for iri, preds in triples_by_subject(kg):
        parts = []
        for pred, objs in preds:
            p = "a" if pred == str(RDF.type) else _iri(pred)
            parts.append(f"    {p} " + ", ".join(_turtle_term(o) for o in objs))
        lines.append(_iri(iri) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines).encode("utf-8")


# -- JSON-LD ----------------------------------------------------------------------
def _compact(iri: str) -> str:
    for ns, prefix in _PREFIX_BY_NS:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def jsonld_bytes(kg: KnowledgeGraph) -> bytes:
    """The graph as JSON-LD: a flat ``@graph`` of node objects, the contract's
    prefixes as context, values with explicit language or datatype."""
    context = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "id"}
    nodes = []
    for iri, preds in triples_by_subject(kg):
        node: dict[str, object] = {"@id": iri}
        for pred, objs in preds:
            if pred == str(RDF.type):
                node["@type"] = [_compact(o.value) for o in objs]
                continue
            values: list[dict[str, str]] = []
            for o in objs:
                if o.is_iri:
                    values.append({"@id": o.value})
                elif o.lang:
                    values.append({"@value": o.value, "@language": o.lang})
                elif o.datatype:
                    values.append({"@value": o.value, "@type": _compact(o.datatype)})
                else:
                    values.append({"@value": o.value})
            node[_compact(pred)] = values
        nodes.append(node)
    doc = {"@context": context, "@graph": nodes}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def count_triples(kg: KnowledgeGraph) -> int:
    """Number of RDF triples the projection gives."""
    return sum(len(objs) for _, preds in triples_by_subject(kg) for _, objs in preds)


# -- GraphML ----------------------------------------------------------------------
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
