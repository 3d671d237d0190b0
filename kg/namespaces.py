"""Every IRI the graph uses, defined once.

The ``DefinedNamespace`` classes fail on typos (``LT.Plcae`` raises), so a
misspelt term is an error at import or test time rather than a silent new
predicate in users' data. Instance IRIs are built only by the helpers at the
bottom, so the same thing gets the same IRI in every build.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.namespace import SDO as SCHEMA

__all__ = [
    "FOAF", "ID", "LT", "NIF", "ORG", "PREFIXES", "RDF", "RDFS", "SCHEMA", "SKOS", "XSD",
    "instance_iri",
]


class LT(DefinedNamespace):
    """The Lantian ontology (``ontology/lantian.ttl`` documents every term)."""

    _fail = True
    _NS = Namespace("https://w3id.org/lantian/ontology#")

    # classes
    Place: URIRef
    Region: URIRef
    Agency: URIRef
    Official: URIRef
    Campaign: URIRef
    Target: URIRef
    Mention: URIRef
    # properties
    adcode: URIRef
    level: URIRef
    jurisdiction: URIRef
    conductedBy: URIRef
    indicator: URIRef
    value: URIRef
    unit: URIRef
    change: URIRef
    kind: URIRef
    place: URIRef
    campaign: URIRef
    article: URIRef
    denotes: URIRef
    sourcePath: URIRef


class NIF(DefinedNamespace):
    """The few NIF Core terms used for mention offsets."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef


ID = Namespace("https://w3id.org/lantian/id/")

PREFIXES: dict[str, Namespace | str] = {
    "lt": str(LT._NS),
    "org": str(ORG),
    "schema": "https://schema.org/",
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "nif": str(NIF._NS),
    "foaf": str(FOAF),
    "xsd": str(XSD),
    "id": str(ID),
}

# Letters and digits of any script, "_", "-", "." and "~" are safe in an IRI
# path segment; everything else is percent-encoded.
_UNSAFE = re.compile(r"[^\w.~-]")


@lru_cache(maxsize=65536)
def _segment(part: str) -> str:
    return _UNSAFE.sub(lambda m: quote(m.group(), safe=""), part) or "_"


def instance_iri(kind: str, *parts: str) -> str:
    """Return the IRI of an instance: ``ID/kind/part1/part2``.

    Parts are the thing's stable key (an adcode, or a canonical name and its
    jurisdiction), never a counter, so builds agree on identifiers.
    """
    return str(ID) + "/".join([_segment(kind), *(_segment(p) for p in parts)])
