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
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

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


Subject = tuple[str, list[tuple[str, list[Term]]]]
Projection = list[Subject]
_RDF_TYPE = str(RDF.type)


def triples_by_subject(kg: KnowledgeGraph) -> Iterator[Subject]:
    """For each node (sorted by IRI): its predicates (rdf:type first, then sorted)
    with their sorted objects. This is the whole projection."""
    g = kg.g
    succ = g._succ  # the adjacency dict: an edge view per node costs more than its edges
    for iri in sorted(g.nodes):
        data = g.nodes[iri]
        preds: dict[str, list[Term]] = {
            _RDF_TYPE: [Term(str(c), True) for c in KINDS[data["kind"]]],
        }
        for key, prop in PROPERTIES.items():
            value = data.get(key)
            if value is None:
                continue
            values = value if prop.multi else [value]
            preds.setdefault(str(prop.predicate), []).extend(_literal(v, prop.literal) for v in values)
        for obj, keys in succ[iri].items():
            for pred in keys:
                preds.setdefault(pred, []).append(Term(obj, True))
        ordered = [(p, sorted(set(preds[p]))) for p in sorted(preds, key=lambda p: (p != _RDF_TYPE, p))]
        yield iri, [(p, objs) for p, objs in ordered if objs]


def projection(kg: KnowledgeGraph) -> Projection:
    """The projection, computed once for several writers (a build writes three)."""
    return list(triples_by_subject(kg))


def _subjects(source: KnowledgeGraph | Projection) -> Iterable[Subject]:
    return triples_by_subject(source) if isinstance(source, KnowledgeGraph) else source


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


@lru_cache(maxsize=1 << 18)  # objects and predicates repeat across subjects
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


def turtle_bytes(source: KnowledgeGraph | Projection) -> bytes:
    """The graph (or its :func:`projection`) as Turtle (UTF-8), sorted, with the
    contract's prefixes."""
    used = {p: ns for p, ns in PREFIXES.items() if p != "id"}
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(used.items())]
    lines.append("")
    for iri, preds in _subjects(source):
        parts = []
        for pred, objs in preds:
            p = "a" if pred == _RDF_TYPE else _iri(pred)
            parts.append(f"    {p} " + ", ".join(_turtle_term(o) for o in objs))
        lines.append(_iri(iri) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines).encode("utf-8")


# -- JSON-LD ----------------------------------------------------------------------
def _compact(iri: str) -> str:
    for ns, prefix in _PREFIX_BY_NS:
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def jsonld_bytes(source: KnowledgeGraph | Projection) -> bytes:
    """The graph (or its :func:`projection`) as JSON-LD: a flat ``@graph`` of
    node objects, the contract's prefixes as context, values with explicit
    language or datatype."""
    context = {p: str(ns) for p, ns in sorted(PREFIXES.items()) if p != "id"}
    nodes: list[str] = []
    for iri, preds in _subjects(source):
        node: dict[str, object] = {"@id": iri}
        for pred, objs in preds:
            if pred == _RDF_TYPE:
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
        nodes.append(json.dumps(node, ensure_ascii=False))
    # One node object per line: json's indenting encoder is pure Python and
    # took three times as long as the whole Turtle writer; a line per node
    # still reads and diffs well.
    head = json.dumps(context, ensure_ascii=False, indent=1).replace("\n", "\n ")
    body = ",\n  ".join(nodes)
    return ('{\n "@context": ' + head + ',\n "@graph": [\n  ' + body + "\n ]\n}\n").encode("utf-8")


def count_triples(source: KnowledgeGraph | Projection) -> int:
    """Number of RDF triples the projection gives."""
    return sum(len(objs) for _, preds in _subjects(source) for _, objs in preds)


# -- GraphML ----------------------------------------------------------------------
_GRAPHML_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"))
# characters XML 1.0 cannot carry at all (control characters other than tab/LF/CR)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _graphml_scalar(value: object) -> object:
    if isinstance(value, (set, frozenset, list, tuple)):
        return "|".join(sorted(str(v) for v in value))
    if isinstance(value, Decimal):
        return str(value)
    return value


def _graphml_type(values: list[object]) -> str:
    for py, name in _GRAPHML_TYPES:
        # bool is an int: a boolean key holds only bools, a long key no bools
        if all(isinstance(v, py) and (py is bool or not isinstance(v, bool)) for v in values):
            return name
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _xml_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(_XML_BAD.sub("", str(value)))


def _xml_attr(value: str) -> str:
    return quoteattr(_XML_BAD.sub("", value))


def graphml_bytes(kg: KnowledgeGraph) -> bytes:
    """GraphML for Gephi and Neo4j: scalar attributes only (sets joined with "|",
    decimals as strings), edge label = predicate short name. The article text is
    left out: it bloats the file and graph tools cannot use it.

    Written directly, in UTF-8 and sorted (networkx's writer took longer than
    the whole extraction and wrote every Chinese character as an entity)."""
    nodes = []
    node_values: dict[str, list[object]] = {}
    for iri, data in sorted(kg.g.nodes(data=True)):
        attrs = {k: _graphml_scalar(v) for k, v in data.items() if k != "text" and v is not None}
        for k, v in attrs.items():
            node_values.setdefault(k, []).append(v)
        nodes.append((iri, attrs))
    edges = sorted(kg.g.edges(keys=True, data=True))
    keys = [("node", name, _graphml_type(vals)) for name, vals in sorted(node_values.items())]
    keys += [("edge", "label", "string"), ("edge", "predicate", "string")]
    ids = {(kind, name): f"d{i}" for i, (kind, name, _) in enumerate(keys)}

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    out += [
        f'  <key id="{ids[(kind, name)]}" for="{kind}" attr.name={_xml_attr(name)} attr.type="{typ}" />'
        for kind, name, typ in keys
    ]
    out.append('  <graph edgedefault="directed">')
    for iri, attrs in nodes:
        out.append(f"    <node id={_xml_attr(iri)}>")
        for k, v in sorted(attrs.items()):
            out.append(f'      <data key="{ids[("node", k)]}">{_xml_text(v)}</data>')
        out.append("    </node>")
    label_key, pred_key = ids[("edge", "label")], ids[("edge", "predicate")]
    for s, o, key, data in edges:
        out.append(f"    <edge source={_xml_attr(s)} target={_xml_attr(o)} id={_xml_attr(key)}>")
        out.append(f'      <data key="{label_key}">{_xml_text(data.get("name", ""))}</data>')
        out.append(f'      <data key="{pred_key}">{_xml_text(key)}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out).encode("utf-8")
