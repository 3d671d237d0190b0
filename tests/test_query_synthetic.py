"""The benchmark's synthetic corpus is well formed (spans point at what they name, the graph parses),
and on it the named queries give the same rows in Oxigraph and rdflib, as written and focused."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import sparql  # noqa: E402
import synthetic  # noqa: E402


def test_spans_name_their_things() -> None:
    articles = list(synthetic.generate(30, seed=3))
    assert len({a.path for a in articles}) == 30
    kinds = set()
    for article in articles:
        assert article.text.startswith(article.headline)
        for span in article.spans:
            shown = article.text[span.begin:span.end]
            thing = span.thing
            kinds.add(type(thing).__name__)
            if isinstance(thing, synthetic.Target):
                assert shown.startswith(thing.indicator) and thing.value in shown
            else:
                assert shown == thing.name
    assert kinds == {"Place", "Agency", "Official", "Campaign", "Target"}


def test_places_are_real_divisions() -> None:
    places = synthetic.load_places()
    assert len(places) >= 18
    assert all(len(p.adcode) == 6 and p.adcode.isdigit() for p in places)
    suffixes = tuple("省市区县旗州盟乡镇")
    named = [p for p in places if p.name.endswith(suffixes)]
    assert len(named) >= 0.99 * len(places)
    assert all(p.parent is None or p.parent.isdigit() for p in places)


def test_same_seed_same_corpus() -> None:
    first = [a.text for a in synthetic.generate(5, seed=11)]
    again = [a.text for a in synthetic.generate(5, seed=11)]
    other = [a.text for a in synthetic.generate(5, seed=12)]
    assert first == again and first != other


def test_benchmark_graph_is_contract_shaped(tmp_path: Path) -> None:
    nt = tmp_path / "g.nt"
    articles, triples = sparql.write_graph(nt, 2_000, seed=5)
    store = ox.Store()
    store.load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    assert len(store) == triples >= 2_000
    q = """PREFIX lt: <https://w3id.org/lantian/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?text ?b ?e ?anchor WHERE {
  ?m a lt:Mention ; lt:article ?a ; lt:denotes ?x ;
     nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor .
  ?a schema:text ?text ; schema:mentions ?x .
}"""
    rows = list(store.query(q))
    assert rows
    for row in rows:
        text, begin, end = row["text"].value, int(row["b"].value), int(row["e"].value)
        assert text[begin:end] == row["anchor"].value
    count = "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a <https://schema.org/NewsArticle> }"
    assert int(next(iter(store.query(count)))["n"].value) == articles


def _rows(names: list[str], solutions) -> list[tuple]:  # noqa: ANN001 (either engine's rows)
    out = []
    for row in solutions:
        values = {}
        for i, name in enumerate(names):
            term = row[i]
            if term is None:
                continue
            text = str(term.value) if hasattr(term, "value") and not isinstance(term, str) else str(term)
            if name == "value":
                text = str(Decimal(text).normalize())
            if name == "sourcePaths":  # GROUP_CONCAT order is up to the engine
                text = " | ".join(sorted(text.split(" | ")))
            values[name] = text
        out.append(tuple(sorted(values.items())))
    return sorted(out)


def test_named_queries_agree_with_rdflib_on_synthetic_graph(tmp_path: Path) -> None:
    """What the benchmark times is correct: the same rows from both engines, as written and focused."""
    from rdflib import Graph

    from kg.query.named import with_focus

    nt = tmp_path / "g.nt"
    sparql.write_graph(nt, 3_000, seed=9)
    store = ox.Store()
    store.load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph().parse(nt, format="nt")
    places, things = sparql.pick_focuses(store)
    assert len(places) >= 3 and len(things) == len(places) + 3
    answered = 0
    for name, query in sparql.named_queries():
        focuses = things if name == "mention_provenance" else places
        for text in [query] + [with_focus(query, f) for f in (focuses[0], focuses[-1])]:
            ox_result = store.query(text)
            names = [v.value for v in ox_result.variables]
            ox_rows = _rows(names, ([s[n] for n in names] for s in ox_result))
            rl_result = graph.query(text)
            rl_rows = _rows([str(v) for v in rl_result.vars], rl_result)
            assert ox_rows == rl_rows, name
            answered += bool(ox_rows)
    assert answered >= 12  # most forms find something, so the comparison is not vacuous
