"""``kg query`` and the engine behind it: formats, errors, limits, the persisted store."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import GraphSourceError, QueryError, QueryForbidden, QueryLimitExceeded
from kg.query import run_query_command
from kg.query.engine import Engine, RowLimitExceeded, TimeLimitExceeded
from kg.query.store import MARKER, build_store, resolve_source

# A small graph in the contract's shape, with invented names.
SAMPLE_TTL = """\
@prefix lt:     <https://w3id.org/lantian/ontology#> .
@prefix org:    <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

<https://w3id.org/lantian/id/place/990100> a lt:Place ;
    rdfs:label "青禾市"@zh ; skos:altLabel "青禾"@zh ; lt:adcode "990100" .
<https://w3id.org/lantian/id/place/990102> a lt:Place ;
    rdfs:label "云岭区"@zh ; lt:adcode "990102" ;
    schema:containedInPlace <https://w3id.org/lantian/id/place/990100> .
<https://w3id.org/lantian/id/agency/a1> a lt:Agency, org:Organization ;
    rdfs:label "青禾市生态环境局"@zh ;
    lt:jurisdiction <https://w3id.org/lantian/id/place/990100> .
<https://w3id.org/lantian/id/official/o1> a lt:Official ;
    rdfs:label "林一舟"@zh ;
    org:holds <https://w3id.org/lantian/id/post/p1> .
<https://w3id.org/lantian/id/post/p1> a org:Post ;
    org:role <https://w3id.org/lantian/id/role/r1> ;
    org:postIn <https://w3id.org/lantian/id/agency/a1> .
<https://w3id.org/lantian/id/role/r1> rdfs:label "局长"@zh .
<https://w3id.org/lantian/id/campaign/c1> a lt:Campaign ;
    rdfs:label "碧水行动"@zh ;
    lt:conductedBy <https://w3id.org/lantian/id/place/990100> .
<https://w3id.org/lantian/id/target/t1> a lt:Target ;
    lt:indicator "PM2.5平均浓度"@zh ; lt:value 3.5 ; lt:unit "%" ;
    lt:kind "result" ; lt:place <https://w3id.org/lantian/id/place/990100> .
<https://w3id.org/lantian/id/article/x1> a schema:NewsArticle ;
    lt:sourcePath "a/001.txt" ; schema:headline "青禾市推进碧水行动, \\"两个\\" 目标"@zh ;
    schema:datePublished "2023-05-04"^^xsd:date ;
    schema:mentions <https://w3id.org/lantian/id/place/990100>,
        <https://w3id.org/lantian/id/official/o1> .
"""

PLACES = """PREFIX lt: <https://w3id.org/lantian/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?place ?label WHERE { ?place a lt:Place ; rdfs:label ?label } ORDER BY ?label"""

# A cross product of 7 triple patterns over the sample graph: ~10^11 solutions.
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
           "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u }")


def write_sample(folder: Path, with_store: bool = True) -> Path:
    """An output folder like a build's: graph.ttl (+ store/)."""
    folder.mkdir(parents=True, exist_ok=True)
    ttl = folder / "graph.ttl"
    ttl.write_text(SAMPLE_TTL, encoding="utf-8")
    if with_store:
        build_store(ttl, folder / "store")
    return folder


@pytest.fixture()
def sample_out(tmp_path: Path) -> Path:
    return write_sample(tmp_path / "out")


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_table_shows_lexical_forms_and_compact_iris(sample_out: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, str(sample_out), PLACES)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["place", "label"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["id:place/990102", "云岭区"]
    assert lines[3].split() == ["id:place/990100", "青禾市"]
    assert lines[-1] == "(2 rows)"
    # Chinese characters count double: the rule under "label" is as wide as 青禾市 (6 columns).
    assert lines[1].split()[1] == "-" * 6


def test_csv_tsv_json_follow_the_w3c_formats(sample_out: Path, capsys) -> None:
    _, out, _ = run_cli(capsys, str(sample_out), PLACES, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [["place", "label"], ["https://w3id.org/lantian/id/place/990102", "云岭区"],
                    ["https://w3id.org/lantian/id/place/990100", "青禾市"]]
    assert "\r\n" in out

    _, out, _ = run_cli(capsys, str(sample_out), PLACES, "--format", "tsv")
    assert out.splitlines() == ["?place\t?label",
                                '<https://w3id.org/lantian/id/place/990102>\t"云岭区"@zh',
                                '<https://w3id.org/lantian/id/place/990100>\t"青禾市"@zh']

    _, out, _ = run_cli(capsys, str(sample_out), PLACES, "--format", "json")
    doc = json.loads(out)
    assert doc["head"]["vars"] == ["place", "label"]
    assert doc["results"]["bindings"][1] == {
        "place": {"type": "uri", "value": "https://w3id.org/lantian/id/place/990100"},
        "label": {"type": "literal", "value": "青禾市", "xml:lang": "zh"},
    }


def test_typed_literals_and_unbound_values_in_json(sample_out: Path, capsys) -> None:
    query = ("PREFIX lt: <https://w3id.org/lantian/ontology#>\n"
             "SELECT ?v ?c WHERE { ?t lt:value ?v OPTIONAL { ?t lt:campaign ?c } }")
    _, out, _ = run_cli(capsys, str(sample_out), query, "-f", "json")
    binding = json.loads(out)["results"]["bindings"][0]
    assert binding == {"v": {"type": "literal", "value": "3.5",
                             "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}}


def test_ask_and_construct(sample_out: Path, capsys) -> None:
    _, out, _ = run_cli(capsys, str(sample_out), "ASK { ?s a <https://w3id.org/lantian/ontology#Campaign> }")
    assert out == "true\n"
    _, out, _ = run_cli(capsys, str(sample_out), "ASK { ?s a <https://w3id.org/lantian/ontology#Nope> }")
    assert out == "false\n"
    query = ("PREFIX lt: <https://w3id.org/lantian/ontology#>\n"
             "CONSTRUCT { ?c lt:conductedBy ?p } WHERE { ?c lt:conductedBy ?p }")
    _, out, _ = run_cli(capsys, str(sample_out), query)
    from rdflib import Graph, URIRef

    g = Graph().parse(data=out, format="turtle")
    assert set(g) == {(URIRef("https://w3id.org/lantian/id/campaign/c1"),
                       URIRef("https://w3id.org/lantian/ontology#conductedBy"),
                       URIRef("https://w3id.org/lantian/id/place/990100"))}
    assert "@prefix lt:" in out


def test_query_from_a_rq_file_and_a_graph_file(tmp_path: Path, sample_out: Path, capsys) -> None:
    rq = tmp_path / "places.rq"
    rq.write_text(PLACES, encoding="utf-8")
    code, out, _ = run_cli(capsys, str(sample_out / "graph.ttl"), str(rq), "-f", "csv")
    assert code == 0
    assert out.count("\r\n") == 3


def test_missing_rq_file_is_an_error(sample_out: Path, capsys) -> None:
    code, _, err = run_cli(capsys, str(sample_out), "nope/missing.rq")
    assert code == 2
    assert "missing.rq does not exist" in err


def test_errors_exit_2_with_a_message(tmp_path: Path, sample_out: Path, capsys) -> None:
    code, out, err = run_cli(capsys, str(tmp_path / "nowhere"), PLACES)
    assert (code, out) == (2, "")
    assert "does not exist" in err

    code, _, err = run_cli(capsys, str(sample_out), "SELECT * WHERE { ?s ?p ?o ")
    assert code == 2
    assert err.startswith("error: malformed query:") and "1:" in err  # the parser's position

    code, _, err = run_cli(capsys, str(sample_out), "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert code == 2 and "SERVICE" in err

    code, _, err = run_cli(capsys, str(sample_out), "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "5")
    assert code == 2 and "more than 5 rows" in err


def test_error_classes(sample_out: Path, tmp_path: Path) -> None:
    with pytest.raises(GraphSourceError, match="no graph.ttl"):
        run_query_command(tmp_path, PLACES)
    with pytest.raises(QueryForbidden):
        run_query_command(sample_out, "INSERT DATA { <http://a/> <http://b/> 1 }")
    with pytest.raises(QueryError, match="malformed"):
        run_query_command(sample_out, "SELEKT * { ?s ?p ?o }")
    with pytest.raises(RowLimitExceeded):
        run_query_command(sample_out, "SELECT * { ?s ?p ?o }", max_rows=3)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a/> <http://b/> .", encoding="utf-8")
    with pytest.raises(GraphSourceError, match="not valid RDF"):
        run_query_command(bad, PLACES)


def test_runaway_query_is_stopped_near_its_time_limit(sample_out: Path) -> None:
    with Engine(sample_out, timeout=1.5) as engine:
        started = time.monotonic()
        with pytest.raises(TimeLimitExceeded, match="1.5 s time limit"):
            engine.execute(RUNAWAY)
        elapsed = time.monotonic() - started
        assert 1.4 < elapsed < 15  # ended by the limit, not hung
        # The engine replaced its worker and still answers.
        result = engine.execute(PLACES, media="text/csv")
        assert result.rows == 2
    assert issubclass(TimeLimitExceeded, QueryLimitExceeded)


def test_persisted_store_is_used_and_stale_one_ignored(tmp_path: Path) -> None:
    out = write_sample(tmp_path / "out")
    marker = json.loads((out / "store" / MARKER).read_text(encoding="utf-8"))
    assert marker["triples"] > 30
    assert resolve_source(out).store_dir == out / "store"
    assert resolve_source(out / "graph.ttl").store_dir == out / "store"

    # graph.ttl rewritten after the store: the store is stale, the Turtle wins.
    time.sleep(0.01)
    (out / "graph.ttl").write_text(SAMPLE_TTL.replace("云岭区", "松溪区"), encoding="utf-8")
    os.utime(out / "graph.ttl")
    assert resolve_source(out).store_dir is None
    with Engine(out) as engine:
        body = engine.execute(PLACES, media="text/csv").body.decode("utf-8")
    assert "松溪区" in body and "云岭区" not in body


def test_store_alone_is_enough(tmp_path: Path) -> None:
    out = write_sample(tmp_path / "out")
    (out / "graph.ttl").unlink()
    with Engine(out) as engine:
        assert engine.execute(PLACES, media="text/csv").rows == 2


def test_fallback_store_is_temporary(tmp_path: Path) -> None:
    out = write_sample(tmp_path / "out", with_store=False)
    engine = Engine(out)
    temp = engine._store.path
    assert temp.exists() and out not in temp.parents
    engine.close()
    assert not temp.exists()


def test_query_on_a_real_build(seeds_build: Path, capsys) -> None:
    assert (seeds_build / "store" / MARKER).is_file()
    query = ("PREFIX lt: <https://w3id.org/lantian/ontology#>\n"
             "SELECT (COUNT(?p) AS ?n) WHERE { ?p a lt:Place ; lt:adcode ?code }")
    code, out, _ = run_cli(capsys, str(seeds_build), query, "-f", "json")
    assert code == 0
    n = int(json.loads(out)["results"]["bindings"][0]["n"]["value"])
    assert n > 0
    # The same answer as rdflib gives on the exported Turtle.
    from rdflib import Graph

    g = Graph().parse(seeds_build / "graph.ttl", format="turtle")
    assert n == int(next(iter(g.query(query)))[0])


def test_named_query_with_a_focus(sample_out: Path, capsys) -> None:
    rq = str(Path(__file__).resolve().parent.parent / "ontology" / "queries" / "place_targets.rq")
    assert run_query_command(sample_out, rq, fmt="csv") == 0  # as written: 青禾市, the broadest region
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["placeLabel"], r["indicator"], r["value"]) for r in rows] == [
        ("青禾市", "PM2.5平均浓度", "3.5")]
    run_query_command(sample_out, rq, fmt="csv", focus="云岭区")  # inside 青禾市: no targets of its own
    assert list(csv.DictReader(io.StringIO(capsys.readouterr().out))) == []
    with pytest.raises(QueryError, match="no default focus"):
        run_query_command(sample_out, PLACES, focus="青禾市")
