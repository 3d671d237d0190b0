"""RDF export is a projection of the networkx graph: golden graphs compared as graphs."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic, to_isomorphic

from kg.export import graphml_bytes, jsonld_bytes, to_rdf, turtle_bytes
from kg.graph import KnowledgeGraph
from kg.namespaces import LT, instance_iri

EXPECTED = """
@prefix lt: <https://w3id.org/lantian/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/lantian/id/> .

id:place\\/510700 a lt:Place ; rdfs:label "绵阳市"@zh ; skos:altLabel "绵阳"@zh ;
    lt:adcode "510700" ; lt:level "prefecture" .
<https://w3id.org/lantian/id/agency/510700/绵阳市生态环境局> a lt:Agency, org:Organization ;
    rdfs:label "绵阳市生态环境局"@zh ; lt:jurisdiction id:place\\/510700 .
<https://w3id.org/lantian/id/target/a.txt/0> a lt:Target ; rdfs:label "优良天数比例88.5%"@zh ;
    lt:indicator "优良天数比例"@zh ; lt:value 88.5 ; lt:unit "%" ; lt:kind "result" ;
    lt:place id:place\\/510700 .
"""


def small_graph() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    city = kg.add(instance_iri("place", "510700"), "Place", "绵阳市", adcode="510700", level="prefecture")
    kg.alt(city, "绵阳", "绵阳市")
    agency = kg.add(instance_iri("agency", "510700", "绵阳市生态环境局"), "Agency", "绵阳市生态环境局")
    kg.link(agency, "jurisdiction", city)
    target = kg.add(instance_iri("target", "a.txt", "0"), "Target", "优良天数比例88.5%",
                    indicator="优良天数比例", value=Decimal("88.5"), unit="%", target_kind="result")
    kg.link(target, "place", city)
    kg.link(target, "place", city)  # twice: still one edge
    return kg


def test_projection_matches_the_golden_graph():
    expected = Graph().parse(data=EXPECTED, format="turtle")
    got = to_rdf(small_graph())
    assert isomorphic(got, expected), to_isomorphic(got).serialize(format="nt")


def test_turtle_and_jsonld_round_trip_to_the_same_graph():
    kg = small_graph()
    rdf = to_rdf(kg)
    assert isomorphic(Graph().parse(data=turtle_bytes(kg), format="turtle"), rdf)
    assert isomorphic(Graph().parse(data=jsonld_bytes(kg), format="json-ld"), rdf)


def test_hostile_text_survives_turtle_escaping():
    kg = KnowledgeGraph()
    nasty = 'a"b\\c\n<script>\t"""'
    kg.add(instance_iri("campaign", nasty), "Campaign", nasty)
    rdf = to_rdf(kg)
    back = Graph().parse(data=turtle_bytes(kg), format="turtle")
    assert isomorphic(back, rdf)
    assert {str(o) for o in back.objects()} >= {nasty}


def test_graphml_has_nodes_and_labelled_edges():
    text = graphml_bytes(small_graph()).decode("utf-8")
    assert text.count("<node ") == 3 and text.count("<edge ") == 2
    assert "jurisdiction" in text and "绵阳|绵阳市" not in text


def test_unknown_kinds_and_attributes_are_refused():
    kg = KnowledgeGraph()
    with pytest.raises(ValueError, match="unknown node kind"):
        kg.add("x", "Planet")
    with pytest.raises(ValueError, match="unknown node attribute"):
        kg.add("y", "Place", "某地", population=3)
    with pytest.raises(AttributeError):
        _ = LT.Plcae


def test_graphml_reads_back_with_every_node_edge_and_typed_attribute():
    import networkx as nx

    kg = small_graph()
    kg.add(instance_iri("campaign", 'a"b<c>&\x01'), "Campaign", 'a"b<c>&\x01')
    back = nx.read_graphml(io.BytesIO(graphml_bytes(kg)))
    assert set(back.nodes) == set(kg.g.nodes)
    assert sorted((s, o, d["predicate"]) for s, o, d in back.edges(data=True)) == sorted(
        (s, o, k) for s, o, k in kg.g.edges(keys=True)
    )
    for iri, data in kg.g.nodes(data=True):
        assert back.nodes[iri]["kind"] == data["kind"]
    assert 'a"b<c>&' in {d.get("label") for _, d in back.nodes(data=True)}
    assert "绵阳" in graphml_bytes(kg).decode("utf-8")  # UTF-8, not character entities
