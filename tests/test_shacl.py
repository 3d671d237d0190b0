"""The SHACL shapes (ontology/shapes.ttl) accept the seed build and reject
graphs that break the contract.

The negative cases start from one small valid graph (invented names) and break
one thing each, so a failing shape shows up as exactly one failing case.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg import namespaces as kns
from kg.namespaces import LT, NIF

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"

TEXT = "青禾市生态环境局局长石明远说，青禾市清溪攻坚行动中PM2.5平均浓度同比下降5.2%。"

# (mention id, entity id, anchor) — offsets are found in TEXT.
SPANS = [
    ("m1", "agency", "青禾市生态环境局"),
    ("m2", "place", "青禾市"),
    ("m3", "official", "石明远"),
    ("m4", "campaign", "清溪攻坚行动"),
    ("m5", "target", "PM2.5平均浓度同比下降5.2%"),
]

PREFIXES = """\
@prefix lt: <https://w3id.org/lantian/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/lantian/id/> .
"""

ENTITIES = """\
id:place a lt:Place ; rdfs:label "青禾市"@zh ; skos:altLabel "青禾"@zh ;
    lt:adcode "990100" ; lt:level "prefecture" ; schema:containedInPlace id:province .
id:province a lt:Place ; rdfs:label "云岭省"@zh ; lt:adcode "990000" ; lt:level "province" .
id:agency a lt:Agency , org:Organization ; rdfs:label "青禾市生态环境局"@zh ;
    lt:jurisdiction id:place .
id:official a lt:Official , foaf:Person ; rdfs:label "石明远"@zh ; org:holds id:post .
id:post a org:Post ; org:role id:role ; org:postIn id:agency ; lt:jurisdiction id:place ;
    org:heldBy id:official .
id:role a org:Role ; rdfs:label "局长"@zh .
id:campaign a lt:Campaign ; rdfs:label "清溪攻坚行动"@zh ; lt:conductedBy id:place , id:agency .
id:target a lt:Target ; lt:indicator "PM2.5平均浓度"@zh ; lt:value 5.2 ; lt:unit "%" ;
    lt:change "同比下降"@zh ; lt:kind "result" ; lt:place id:place ; lt:campaign id:campaign .
"""


def _article_ttl() -> str:
    lines = [
        f'id:article a schema:NewsArticle ; lt:sourcePath "a/one.txt" ;\n'
        f'    schema:datePublished "2021-03-04"^^xsd:date ; schema:text "{TEXT}"@zh ;\n'
        "    schema:mentions " + " , ".join(f"id:{e}" for _, e, _ in SPANS) + " ."
    ]
    for mid, entity, anchor in SPANS:
        begin = TEXT.index(anchor)
        lines.append(
            f"id:{mid} a lt:Mention ; lt:article id:article ; lt:denotes id:{entity} ;\n"
            f'    nif:beginIndex {begin} ; nif:endIndex {begin + len(anchor)} ; nif:anchorOf "{anchor}"@zh .'
        )
    return "\n".join(lines) + "\n"


def valid_graph() -> Graph:
    """A small graph that meets every shape."""
    return Graph().parse(data=PREFIXES + ENTITIES + _article_ttl(), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "lantian.ttl", format="turtle")


def check(data: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True, allow_warnings=False
    )
    return bool(conforms), report, text


def violations(report: Graph) -> list[tuple[str, str]]:
    """(focus node, source shape's path or constraint) of each violation, for asserts."""
    out = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = str(report.value(result, SH.focusNode))
        path = report.value(result, SH.resultPath)
        component = report.value(result, SH.sourceConstraintComponent)
        out.append((focus, str(path) if path is not None else str(component)))
    return out


ID = "https://w3id.org/lantian/id/"


def test_valid_graph_conforms(shapes: Graph, ontology: Graph) -> None:
    conforms, _, text = check(valid_graph(), shapes, ontology)
    assert conforms, text


def test_untitled_official_post_conforms(shapes: Graph, ontology: Graph) -> None:
    """A leader listed without a title holds a post known only by its place."""
    g = valid_graph()
    g.remove((_u("post"), URIRef("http://www.w3.org/ns/org#role"), None))
    conforms, _, text = check(g, shapes, ontology)
    assert conforms, text


def test_seed_build_conforms(seeds_build: Path, shapes: Graph, ontology: Graph) -> None:
    data = Graph().parse(seeds_build / "graph.ttl", format="turtle")
    assert len(data) > 0
    conforms, _, text = check(data, shapes, ontology)
    assert conforms, text[:5000]


def _broken(remove: list[tuple], add: list[tuple]) -> Graph:
    g = valid_graph()
    for triple in remove:
        g.remove(triple)
    for triple in add:
        g.add(triple)
    return g


def _u(local: str) -> URIRef:
    return URIRef(ID + local)


BREAKS = {
    "adcode with five digits": (
        [(_u("place"), LT.adcode, None)],
        [(_u("place"), LT.adcode, Literal("99010"))],
        ("place", str(LT.adcode)),
    ),
    "adcode with letters": (
        [(_u("place"), LT.adcode, None)],
        [(_u("place"), LT.adcode, Literal("99010A"))],
        ("place", str(LT.adcode)),
    ),
    "two canonical labels": (
        [],
        [(_u("place"), RDFS.label, Literal("青禾", lang="zh"))],
        ("place", str(RDFS.label)),
    ),
    "label without language": (
        [(_u("agency"), RDFS.label, None)],
        [(_u("agency"), RDFS.label, Literal("青禾市生态环境局"))],
        ("agency", str(RDFS.label)),
    ),
    "label in English": (
        [(_u("campaign"), RDFS.label, None)],
        [(_u("campaign"), RDFS.label, Literal("Clear Creek action", lang="en"))],
        ("campaign", str(RDFS.label)),
    ),
    "official without label": (
        [(_u("official"), RDFS.label, None)],
        [],
        ("official", str(RDFS.label)),
    ),
    "place contained in an agency": (
        [(_u("place"), kns.SCHEMA.containedInPlace, None)],
        [(_u("place"), kns.SCHEMA.containedInPlace, _u("agency"))],
        ("place", str(kns.SCHEMA.containedInPlace)),
    ),
    "agency jurisdiction not a place": (
        [(_u("agency"), LT.jurisdiction, None)],
        [(_u("agency"), LT.jurisdiction, _u("campaign"))],
        ("agency", str(LT.jurisdiction)),
    ),
    "role without label": (
        [(_u("role"), RDFS.label, None)],
        [],
        ("role", str(RDFS.label)),
    ),
    "post in a place instead of an agency": (
        [(_u("post"), URIRef("http://www.w3.org/ns/org#postIn"), None)],
        [(_u("post"), URIRef("http://www.w3.org/ns/org#postIn"), _u("place"))],
        ("post", "http://www.w3.org/ns/org#postIn"),
    ),
    "post with more than one role": (
        [],
        [(_u("post"), URIRef("http://www.w3.org/ns/org#role"), _u("role2")),
         (_u("role2"), RDF.type, URIRef("http://www.w3.org/ns/org#Role")),
         (_u("role2"), RDFS.label, Literal("处长", lang="zh"))],
        ("post", "http://www.w3.org/ns/org#role"),
    ),
    "post with neither role nor jurisdiction": (
        [(_u("post"), URIRef("http://www.w3.org/ns/org#role"), None), (_u("post"), LT.jurisdiction, None)],
        [],
        ("post", str(SH.OrConstraintComponent)),
    ),
    "target value as a string": (
        [(_u("target"), LT.value, None)],
        [(_u("target"), LT.value, Literal("5.2"))],
        ("target", str(LT.value)),
    ),
    "target without unit": (
        [(_u("target"), LT.unit, None)],
        [],
        ("target", str(LT.unit)),
    ),
    "target kind not goal or result": (
        [(_u("target"), LT.kind, None)],
        [(_u("target"), LT.kind, Literal("plan"))],
        ("target", str(LT.kind)),
    ),
    "campaign conducted by an official": (
        [],
        [(_u("campaign"), LT.conductedBy, _u("official"))],
        ("campaign", str(LT.conductedBy)),
    ),
    "article with two source paths": (
        [],
        [(_u("article"), LT.sourcePath, Literal("b/two.txt"))],
        ("article", str(LT.sourcePath)),
    ),
    "date that is not an xsd:date": (
        [(_u("article"), kns.SCHEMA.datePublished, None)],
        [(_u("article"), kns.SCHEMA.datePublished, Literal("2021年3月4日"))],
        ("article", str(kns.SCHEMA.datePublished)),
    ),
    "mention anchor differs from the text": (
        [(_u("m3"), NIF.anchorOf, None)],
        [(_u("m3"), NIF.anchorOf, Literal("石明", lang="zh"))],
        ("m3", str(SH.SPARQLConstraintComponent)),
    ),
    "mention offsets shifted by one": (
        [(_u("m2"), NIF.beginIndex, None), (_u("m2"), NIF.endIndex, None)],
        [
            (_u("m2"), NIF.beginIndex, Literal(1, datatype=kns.XSD.integer)),
            (_u("m2"), NIF.endIndex, Literal(4, datatype=kns.XSD.integer)),
        ],
        ("m2", str(SH.SPARQLConstraintComponent)),
    ),
    "mention that ends past the text": (
        [(_u("m5"), NIF.endIndex, None)],
        [(_u("m5"), NIF.endIndex, Literal(len(TEXT) + 5, datatype=kns.XSD.integer))],
        ("m5", str(SH.SPARQLConstraintComponent)),
    ),
    "mention with begin after end": (
        [(_u("m4"), NIF.beginIndex, None)],
        [(_u("m4"), NIF.beginIndex, Literal(30, datatype=kns.XSD.integer))],
        ("m4", str(NIF.beginIndex)),
    ),
    "negative begin": (
        [(_u("m4"), NIF.beginIndex, None)],
        [(_u("m4"), NIF.beginIndex, Literal(-1, datatype=kns.XSD.integer))],
        ("m4", str(NIF.beginIndex)),
    ),
    "mention without article": (
        [(_u("m1"), LT.article, None)],
        [],
        ("m1", str(LT.article)),
    ),
    "schema:mentions without a mention node": (
        [(_u("m3"), None, None)],
        [],
        ("article", str(SH.SPARQLConstraintComponent)),
    ),
    "mention of something the article does not schema:mentions": (
        [(_u("article"), kns.SCHEMA.mentions, _u("campaign"))],
        [],
        ("m4", str(SH.SPARQLConstraintComponent)),
    ),
    "article mentions a role": (
        [],
        [(_u("article"), kns.SCHEMA.mentions, _u("role"))],
        ("article", str(kns.SCHEMA.mentions)),
    ),
    "region that is also a place": (
        [],
        [
            (_u("basin"), RDF.type, LT.Region),
            (_u("basin"), RDF.type, LT.Place),
            (_u("basin"), RDFS.label, Literal("清溪流域", lang="zh")),
        ],
        ("basin", str(SH.NotConstraintComponent)),
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_broken_graph_fails(name: str, shapes: Graph, ontology: Graph) -> None:
    remove, add, (focus, where) = BREAKS[name]
    conforms, report, text = check(_broken(remove, add), shapes, ontology)
    assert not conforms, f"{name}: expected a violation"
    assert (ID + focus, where) in violations(report), f"{name}: {violations(report)}\n{text}"
