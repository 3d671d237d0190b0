"""Query results as bytes: the W3C SPARQL result formats, RDF formats and a text table.

The engine collects rows itself (so it can stop at the row limit and the
deadline) and hands plain rows to these writers; they depend only on the
pyoxigraph term classes. Writers follow:
JSON https://www.w3.org/TR/sparql11-results-json/,
XML https://www.w3.org/TR/rdf-sparql-XMLres/,
CSV/TSV https://www.w3.org/TR/sparql11-results-csv-tsv/.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.namespaces import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# media type -> short name, for SELECT/ASK and for CONSTRUCT/DESCRIBE.
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
RESULT_ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
GRAPH_ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
    "application/json": "application/ld+json",
}

Row = Sequence["ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None"]


def _prefixes() -> dict[str, str]:
    return {k: str(v) for k, v in PREFIXES.items()}


def term_json(term: object) -> dict:
    """One RDF term in the SPARQL JSON results shape."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        }}
    raise TypeError(f"not an RDF term: {term!r}")


def select_json(variables: list[str], rows: list[Row]) -> bytes:
    bindings = [
        {v: term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows
    ]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _term_xml(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_term_xml(term.subject)}</subject>"
                f"<predicate>{_term_xml(term.predicate)}</predicate>"
                f"<object>{_term_xml(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def select_xml(variables: list[str], rows: list[Row]) -> bytes:
    parts = [_XML_HEAD, "<head>"]
    parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
    parts.append("</head>\n<results>\n")
    for row in rows:
        parts.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is not None:
                parts.append(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>")
        parts.append("</result>\n")
    parts.append("</results>\n</sparql>\n")
    return "".join(parts).encode("utf-8")


def _term_csv(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def select_csv(variables: list[str], rows: list[Row]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_term_csv(t) for t in row])
    return buf.getvalue().encode("utf-8")


def select_tsv(variables: list[str], rows: list[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        # str() of a pyoxigraph term is its N-Triples / Turtle form, as TSV wants.
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def ask_bytes(value: bool, kind: str) -> bytes:
    if kind == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if kind == "xml":
        word = "true" if value else "false"
        return (_XML_HEAD + f"<head/>\n<boolean>{word}</boolean>\n</sparql>\n").encode()
    if kind == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if kind == "tsv":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    return b"true\n" if value else b"false\n"


SELECT_WRITERS = {"json": select_json, "xml": select_xml, "csv": select_csv, "tsv": select_tsv}


def graph_bytes(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """CONSTRUCT/DESCRIBE results in an RDF format (Turtle with the contract's prefixes)."""
    prefixes = _prefixes() if fmt == ox.RdfFormat.TURTLE else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


# ----- the text table of ``kg query`` -----

def compact(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """``https://w3id.org/lantian/ontology#Place`` → ``lt:Place``; other IRIs in <…>."""
    best = None
    for name, ns in (prefixes or _prefixes()).items():
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            local = iri[len(ns):]
            if local and all(c.isalnum() or c in "_-./" for c in local) and not local.endswith("."):
                best = (name, ns)
    if best:
        return f"{best[0]}:{iri[len(best[1]):]}"
    return f"<{iri}>"


def term_text(term: object, prefixes: dict[str, str] | None = None) -> str:
    """A term for people: literals as their lexical form, IRIs compacted."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def select_table(variables: list[str], rows: list[Row]) -> bytes:
    """Aligned columns (Chinese characters count double), one header and a rule."""
    prefixes = _prefixes()
    cells = [[term_text(t, prefixes).replace("\n", " ") for t in row] for row in rows]
    widths = [max([_width(v), *(_width(r[i]) for r in cells)]) for i, v in enumerate(variables)]
    lines = ["  ".join(_pad(v, w) for v, w in zip(variables, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return ("\n".join(lines) + "\n").encode("utf-8")


def negotiate(accept: str | None, graph_result: bool) -> str | None:
    """Pick the response media type from an Accept header; None when nothing fits (406).

    No header, or only wildcards, gives SPARQL JSON (SELECT/ASK) or Turtle.
    """
    offered = list(GRAPH_TYPES) if graph_result else list(RESULT_TYPES)
    aliases = GRAPH_ALIASES if graph_result else RESULT_ALIASES
    if not accept or not accept.strip():
        return offered[0]
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or not media:
            continue
        media = aliases.get(media, media)
        if media in offered:
            choices.append((q, -order, media))
        elif media == "*/*" or (media.endswith("/*") and any(o.startswith(media[:-1]) for o in offered)):
            pick = next(o for o in offered if media == "*/*" or o.startswith(media[:-1]))
            choices.append((q - 0.0001, -order, pick))
    if not choices:
        return None
    return max(choices)[2]
