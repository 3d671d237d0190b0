"""The guard reads queries as SPARQL tokens: keywords count only where they are keywords."""

from __future__ import annotations

import pytest

from kg.errors import QueryForbidden
from kg.query.guard import check_query, tokenize

ALLOWED = [
    'SELECT ("SERVICE" AS ?x) WHERE {}',
    "SELECT ('LOAD <http://example.org/>' AS ?x) WHERE {}",
    'SELECT ?x WHERE { ?x ?p """a long string that says SERVICE <http://example.org/> { }""" }',
    "PREFIX ex: <http://example.org/>\nSELECT ?service WHERE { ?s ex:service ?service }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://example.org/> in a comment",
    'ASK { ?s ?p "x"@service }',
    "SELECT ?s WHERE { ?s <http://example.org/service/load> ?o }",
    "SELECT ?s WHERE { _:service ?p ?s }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER(?o<3||?o>4) }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "DESCRIBE <http://example.org/a>",
]

REFUSED = [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("select * where { sErViCe <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { ?s ?p ?o . SERVICE ?endpoint { ?s ?p ?o } }", "SERVICE"),
    ("SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }", "INSERT"),
    ("PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ex:p ?o }", "DELETE"),
    ("DROP ALL", "DROP"),
    ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }", "FROM"),
    ("PREFIX ex: <http://example.org/>\nSELECT * FROM NAMED ex:g WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
]


@pytest.mark.parametrize("query", ALLOWED)
def test_allowed_queries_pass(query: str) -> None:
    info = check_query(query)
    assert info.form in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


@pytest.mark.parametrize(("query", "word"), REFUSED)
def test_forbidden_queries_are_refused(query: str, word: str) -> None:
    with pytest.raises(QueryForbidden, match=word):
        check_query(query)


def test_from_a_graph_in_the_store_is_allowed() -> None:
    info = check_query(
        "PREFIX ex: <http://example.org/>\nSELECT * FROM ex:g FROM NAMED <http://example.org/h> { ?s ?p ?o }",
        frozenset({"http://example.org/g", "http://example.org/h"}),
    )
    assert info.from_graphs == ["http://example.org/g"]
    assert info.from_named_graphs == ["http://example.org/h"]


def test_relative_from_is_resolved_against_base() -> None:
    with pytest.raises(QueryForbidden, match="http://example.org/data/g.ttl"):
        check_query("BASE <http://example.org/data/>\nSELECT * FROM <g.ttl> { ?s ?p ?o }")


def test_query_form_is_reported() -> None:
    assert check_query("PREFIX a: <http://a/> BASE <http://b/> ASK { ?s ?p ?o }").form == "ASK"
    assert check_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").is_graph_result
    assert not check_query("SELECT * { ?s ?p ?o }").is_graph_result


def test_tokenizer_kinds() -> None:
    tokens = tokenize('SELECT ?x WHERE { ?x ex:p "a \\" b"@zh ; <http://x/y> _:b # c\n }')
    kinds = [(t.kind, t.text) for t in tokens]
    assert kinds == [
        ("word", "SELECT"), ("var", "?x"), ("word", "WHERE"), ("punct", "{"), ("var", "?x"),
        ("pname", "ex:p"), ("string", '"a \\" b"'), ("lang", "@zh"), ("punct", ";"),
        ("iri", "http://x/y"), ("bnode", "_:b"), ("punct", "}"),
    ]
