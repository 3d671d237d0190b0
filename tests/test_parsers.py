"""Independent RDF parsers read the seed build's output as rdflib does.

graph.ttl is read by Raptor (``rapper``), Serd (``serdi``), pyoxigraph and
rdflib, and each must find the same triples: a Turtle file that only rdflib
accepts (an unescaped "/" in a prefixed name, a bad language tag) would break
users' tools. graph.jsonld must hold the same graph as graph.ttl.

Raptor and Serd are system packages; when they are missing these tests fail
(not skip) so that a machine without them does not pass silently.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

INSTALL_HINT = (
    "is not installed; run the project's install script (scripts/install.sh), "
    "or: sudo apt-get install raptor2-utils serdi"
)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} {INSTALL_HINT}")
    return path


@pytest.fixture(scope="module")
def ttl(seeds_build: Path) -> Path:
    return seeds_build / "graph.ttl"


@pytest.fixture(scope="module")
def rdflib_graph(ttl: Path) -> Graph:
    g = Graph().parse(ttl, format="turtle")
    assert len(g) > 100, "the seed build should have more than a hundred triples"
    return g


def rapper_count(path: Path) -> int:
    proc = subprocess.run(
        [tool("rapper"), "-i", "turtle", "-c", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, f"rapper rejected {path}:\n{proc.stderr[-3000:]}"
    found = re.search(r"returned (\d+) triples?", proc.stderr)
    assert found, f"no triple count in rapper's output:\n{proc.stderr[-3000:]}"
    return int(found.group(1))


def serdi_ntriples(path: Path) -> str:
    proc = subprocess.run(
        [tool("serdi"), "-i", "turtle", "-o", "ntriples", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, f"serdi rejected {path}:\n{proc.stderr[-3000:]}"
    return proc.stdout


def test_rapper_counts_the_same_triples(ttl: Path, rdflib_graph: Graph) -> None:
    assert rapper_count(ttl) == len(rdflib_graph)


def test_serdi_reads_the_same_triples(ttl: Path, rdflib_graph: Graph) -> None:
    nt = serdi_ntriples(ttl)
    lines = [ln for ln in nt.splitlines() if ln.strip()]
    assert len(lines) == len(rdflib_graph)
    # Not only the count: the triples Serd reads are the ones rdflib reads.
    assert set(Graph().parse(data=nt, format="nt")) == set(rdflib_graph)


def test_pyoxigraph_counts_the_same_triples(ttl: Path, rdflib_graph: Graph) -> None:
    quads = list(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(rdflib_graph)
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(rdflib_graph)


def test_jsonld_has_the_same_triple_count(seeds_build: Path, rdflib_graph: Graph) -> None:
    jsonld = seeds_build / "graph.jsonld"
    assert len(Graph().parse(jsonld, format="json-ld")) == len(rdflib_graph)
    quads = list(pyoxigraph.parse(path=str(jsonld), format=pyoxigraph.RdfFormat.JSON_LD))
    assert len(quads) == len(rdflib_graph)


def test_jsonld_holds_the_same_triples(seeds_build: Path, rdflib_graph: Graph) -> None:
    """Same terms, not only the same values: "32"^^xsd:decimal and "32.0"^^xsd:decimal
    are different RDF terms, so both files must write one lexical form."""
    from_jsonld = Graph().parse(seeds_build / "graph.jsonld", format="json-ld")
    only_ttl = sorted(map(str, set(rdflib_graph) - set(from_jsonld)))[:5]
    only_jsonld = sorted(map(str, set(from_jsonld) - set(rdflib_graph)))[:5]
    assert not only_ttl and not only_jsonld, f"only in Turtle: {only_ttl}\nonly in JSON-LD: {only_jsonld}"
    assert isomorphic(from_jsonld, rdflib_graph)


def test_rapper_rejects_what_it_should(tmp_path: Path) -> None:
    """The parsers are strict where rdflib's serializer must be careful:
    a "/" in a prefixed name is not Turtle."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        '@prefix id: <https://w3id.org/lantian/id/> .\n'
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        'id:place/990100 rdfs:label "青禾市"@zh .\n',
        encoding="utf-8",
    )
    proc = subprocess.run([tool("rapper"), "-i", "turtle", "-c", str(bad)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert proc.returncode != 0
    proc = subprocess.run([tool("serdi"), "-i", "turtle", "-o", "ntriples", str(bad)], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode != 0
