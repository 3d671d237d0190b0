"""The ontology (ontology/lantian.ttl) declares every term the graph uses.

Every ``lt:`` term in ``kg.namespaces.LT`` is declared with Chinese and English
labels and comments, the ontology declares no ``lt:`` term the code lacks, the
ranges agree with the literal types the export writes, and every class and
predicate that a build emits is either declared here or a real term of a
standard vocabulary (checked against rdflib's closed namespaces, so a typo such
as ``schema:mention`` fails).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns

from kg import graph as kg_graph
from kg import namespaces as kns

ONTOLOGY_FILE = Path(__file__).resolve().parent.parent / "ontology" / "lantian.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/lantian/ontology")
LT_NS = str(kns.LT._NS)
LT_TERMS = sorted(kns.LT.__annotations__)

# Closed standard vocabularies: a term must exist in them, not just share the prefix.
STANDARD = {
    str(ns.RDF): ns.RDF,
    str(ns.RDFS): ns.RDFS,
    str(ns.SKOS): ns.SKOS,
    str(ns.SDO): ns.SDO,
    str(ns.ORG): ns.ORG,
    str(ns.FOAF): ns.FOAF,
    str(ns.XSD): ns.XSD,
    str(kns.NIF._NS): None,  # NIF Core: checked against the full list below
}
NIF_CORE_TERMS = {
    "String", "Phrase", "Context", "Structure", "Word", "Sentence",
    "beginIndex", "endIndex", "anchorOf", "referenceContext", "isString",
}
PROPERTY_TYPES = {ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty, ns.OWL.AnnotationProperty}
LITERAL_RANGES = {"zh": ns.RDF.langString, "str": ns.XSD.string, "decimal": ns.XSD.decimal,
                  "int": ns.XSD.integer, "date": ns.XSD.date}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def declared(onto: Graph, term: URIRef) -> bool:
    types = set(onto.objects(term, ns.RDF.type))
    return ns.OWL.Class in types or bool(types & PROPERTY_TYPES)


def is_standard(term: URIRef) -> bool:
    for base, vocab in STANDARD.items():
        if str(term).startswith(base):
            local = str(term)[len(base):]
            if vocab is None:
                return local in NIF_CORE_TERMS
            return term in vocab
    return False


def known(onto: Graph, term: URIRef) -> bool:
    return declared(onto, term) or is_standard(term)


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, ns.RDF.type, ns.OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, ns.OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, ns.DCTERMS.license) is not None
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, ns.DCTERMS.title)}
    assert titles == {"zh", "en"}


@pytest.mark.parametrize("name", LT_TERMS)
def test_lt_term_declared_with_labels_and_comments(onto: Graph, name: str) -> None:
    term = URIRef(LT_NS + name)
    types = set(onto.objects(term, ns.RDF.type))
    if name[0].isupper():
        assert ns.OWL.Class in types, f"lt:{name} must be an owl:Class"
    else:
        assert types & {ns.OWL.ObjectProperty, ns.OWL.DatatypeProperty}, (
            f"lt:{name} must be an owl:ObjectProperty or owl:DatatypeProperty"
        )
        assert onto.value(term, ns.RDFS.domain) is not None, f"lt:{name} needs an rdfs:domain"
    for prop in (ns.RDFS.label, ns.RDFS.comment):
        values = list(onto.objects(term, prop))
        langs = sorted(v.language for v in values if isinstance(v, Literal))
        assert langs == ["en", "zh"], f"lt:{name} needs one {prop} in zh and one in en, got {langs}"
    assert (term, ns.RDFS.isDefinedBy, ONTOLOGY_IRI) in onto


def test_no_lt_term_beyond_the_code(onto: Graph) -> None:
    in_ontology = {
        str(s)[len(LT_NS):]
        for s in onto.subjects(ns.RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(LT_NS)
    }
    assert in_ontology == set(LT_TERMS), "ontology and kg.namespaces.LT must list the same lt: terms"


def test_object_properties_have_ranges(onto: Graph) -> None:
    for name in LT_TERMS:
        term = URIRef(LT_NS + name)
        if (term, ns.RDF.type, ns.OWL.ObjectProperty) in onto and name != "denotes":
            assert onto.value(term, ns.RDFS.range) is not None, f"lt:{name} needs an rdfs:range"


def test_ranges_match_exported_literal_types(onto: Graph) -> None:
    """A datatype property's range is the literal type kg.export writes for it."""
    checked = 0
    for key, prop in kg_graph.PROPERTIES.items():
        if not str(prop.predicate).startswith(LT_NS) or key == "target_kind":
            continue
        rng = onto.value(prop.predicate, ns.RDFS.range)
        assert rng == LITERAL_RANGES[prop.literal], f"{key}: range {rng}, export writes {prop.literal}"
        checked += 1
    assert checked >= 6


def test_target_kind_range_is_goal_or_result(onto: Graph) -> None:
    rng = onto.value(kns.LT.kind, ns.RDFS.range)
    one_of = onto.value(rng, ns.OWL.oneOf)
    from rdflib.collection import Collection

    assert {str(v) for v in Collection(onto, one_of)} == {"goal", "result"}


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (kns.LT.Place, ns.SDO.AdministrativeArea),
        (kns.LT.Place, ns.SDO.Place),
        (kns.LT.Region, ns.SDO.Place),
        (kns.LT.Agency, ns.ORG.Organization),
        (kns.LT.Official, ns.FOAF.Person),
        (kns.LT.Campaign, URIRef("http://www.w3.org/ns/prov#Activity")),
        (kns.LT.Mention, URIRef(str(kns.NIF._NS) + "String")),
    ],
)
def test_class_alignments(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, ns.RDFS.subClassOf, sup) in onto


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (kns.LT.adcode, ns.SKOS.notation),
        (kns.LT.jurisdiction, ns.SDO.areaServed),
        (kns.LT.denotes, URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef")),
    ],
)
def test_property_alignments(onto: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, ns.RDFS.subPropertyOf, sup) in onto


def test_code_terms_are_declared_or_standard(onto: Graph) -> None:
    """Every class and predicate kg.graph can emit, even those the seeds lack."""
    terms = {cls for classes in kg_graph.KINDS.values() for cls in classes}
    terms |= {p.predicate for p in kg_graph.PROPERTIES.values()}
    terms |= set(kg_graph.EDGES.values())
    unknown = sorted(str(t) for t in terms if not known(onto, t))
    assert not unknown, f"declare these in ontology/lantian.ttl or fix the IRI: {unknown}"


def test_standard_check_rejects_typos() -> None:
    assert is_standard(ns.SDO.mentions)
    assert not is_standard(URIRef("https://schema.org/mention"))
    assert not is_standard(URIRef("http://www.w3.org/ns/org#hold"))
    assert not is_standard(URIRef(str(kns.NIF._NS) + "beginindex"))


def test_seed_build_terms_are_declared_or_standard(onto: Graph, seeds_build: Path) -> None:
    data = Graph().parse(seeds_build / "graph.ttl", format="turtle")
    predicates = set(data.predicates())
    classes = set(data.objects(None, ns.RDF.type))
    assert kns.LT.Place in classes and ns.RDF.type in predicates
    unknown = sorted(str(t) for t in predicates | classes if not known(onto, t))
    assert not unknown, f"the build emits terms the ontology does not declare: {unknown}"
