"""``kg serve``: the SPARQL 1.1 Protocol over HTTP, with a real client and plain requests.

Servers bind 127.0.0.1 on a free port and are shut down at the end of each module.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from SPARQLWrapper import JSON, POST, XML, SPARQLWrapper
from test_query import PLACES, RUNAWAY, write_sample

from kg.query.server import SparqlServer, make_server

LT = "https://w3id.org/lantian/ontology#"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    out = write_sample(tmp_path_factory.mktemp("serve") / "out")
    queries = tmp_path_factory.mktemp("queries")
    (queries / "places.rq").write_text("# title: 地方 / Places\n" + PLACES, encoding="utf-8")
    srv = make_server(out, timeout=1.5, max_rows=20, max_body=4096, workers=2,
                      queries_dir=queries, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


def request(srv: SparqlServer, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def get(srv: SparqlServer, query: str, accept: str | None = None, extra: str = "") -> tuple:
    headers = {"Accept": accept} if accept else {}
    return request(srv, "GET", f"/sparql?query={quote(query)}{extra}", headers=headers)


# ----- a real client -----

def test_sparqlwrapper_json_and_xml(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(PLACES)
    client.setReturnFormat(JSON)
    doc = client.query().convert()
    labels = [b["label"]["value"] for b in doc["results"]["bindings"]]
    assert labels == ["云岭区", "青禾市"]

    client.setReturnFormat(XML)
    xml = client.query().convert()
    literals = [n.firstChild.data for n in xml.getElementsByTagName("literal")]
    assert literals == ["云岭区", "青禾市"]
    assert xml.getElementsByTagName("literal")[0].getAttribute("xml:lang") == "zh"

    client.setMethod(POST)
    client.setReturnFormat(JSON)
    assert len(client.query().convert()["results"]["bindings"]) == 2


def test_sparqlwrapper_ask(server: SparqlServer) -> None:
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(f"ASK {{ ?s a <{LT}Campaign> }}")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


# ----- each protocol form -----

def test_get_post_form_and_post_direct_agree(server: SparqlServer) -> None:
    accept = {"Accept": "application/sparql-results+json"}
    status1, _, body1 = get(server, PLACES, accept["Accept"], "&format=json&output=json")
    status2, _, body2 = request(server, "POST", "/sparql", urlencode({"query": PLACES}).encode(),
                                {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    status3, _, body3 = request(server, "POST", "/sparql", PLACES.encode(),
                                {**accept, "Content-Type": "application/sparql-query"})
    assert status1 == status2 == status3 == 200
    assert json.loads(body1) == json.loads(body2) == json.loads(body3)


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_select_content_negotiation(server: SparqlServer, accept: str | None, expected: str) -> None:
    status, headers, body = get(server, PLACES, accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == expected
    assert "青禾市".encode() in body


@pytest.mark.parametrize(("accept", "expected", "marker"), [
    ("text/turtle", "text/turtle", b"lt:conductedBy"),
    ("application/n-triples", "application/n-triples", f"<{LT}conductedBy>".encode()),
    ("application/ld+json", "application/ld+json", f'"{LT}conductedBy"'.encode()),
])
def test_construct_content_negotiation(server: SparqlServer, accept: str, expected: str,
                                       marker: bytes) -> None:
    query = f"CONSTRUCT {{ ?c <{LT}conductedBy> ?p }} WHERE {{ ?c <{LT}conductedBy> ?p }}"
    status, headers, body = get(server, query, accept)
    assert status == 200
    assert headers["content-type"].split(";")[0] == expected
    assert marker in body


def test_unacceptable_format_is_406(server: SparqlServer) -> None:
    status, _, body = get(server, PLACES, "image/png")
    assert status == 406
    assert b"sparql-results+json" in body
    status, _, _ = get(server, "DESCRIBE <https://w3id.org/lantian/id/place/990100>", "text/csv")
    assert status == 406


def test_cors(server: SparqlServer) -> None:
    status, headers, _ = request(server, "OPTIONS", "/sparql", headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    assert "content-type" in headers["access-control-allow-headers"].lower()
    _, headers, _ = get(server, PLACES)
    assert headers["access-control-allow-origin"] == "*"


# ----- error codes -----

def test_malformed_query_is_400_with_the_parsers_message(server: SparqlServer) -> None:
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ")
    assert status == 400
    assert headers["content-type"].startswith("text/plain")
    assert body.startswith(b"malformed query: error at 1:")


def test_missing_or_repeated_query_is_400(server: SparqlServer) -> None:
    assert request(server, "GET", "/sparql")[0] == 400
    assert request(server, "GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D")[0] == 400


def test_updates_are_refused_and_change_nothing(server: SparqlServer) -> None:
    update = f"INSERT DATA {{ <https://w3id.org/lantian/id/place/1> a <{LT}Place> }}"
    forms = [
        ("POST", urlencode({"update": update}).encode(), "application/x-www-form-urlencoded"),
        ("POST", update.encode(), "application/sparql-update"),
        ("POST", urlencode({"query": update}).encode(), "application/x-www-form-urlencoded"),
        ("POST", f"DELETE WHERE {{ ?s a <{LT}Place> }}".encode(), "application/sparql-query"),
    ]
    for method, body, content_type in forms:
        status, _, _ = request(server, method, "/sparql", body, {"Content-Type": content_type})
        assert status == 403, content_type
    assert get(server, update)[0] == 403
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = request(server, method, "/sparql", b"", {"Content-Length": "0"})
        assert status == 405 and "GET" in headers["allow"]
    _, _, body = get(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{LT}Place> }}", "text/csv")
    assert body.split(b"\r\n")[1] == b"2"


def test_unknown_graph_parameters_are_400(server: SparqlServer) -> None:
    status, _, body = get(server, PLACES, extra="&default-graph-uri=" + quote("http://example.org/g"))
    assert status == 400 and b"not in this store" in body
    status, _, _ = get(server, PLACES, extra="&named-graph-uri=" + quote("http://example.org/g"))
    assert status == 400


def test_body_size_limit_is_413(server: SparqlServer) -> None:
    big = b"# " + b"x" * 5000 + b"\nASK {}"
    status, _, body = request(server, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"4096" in body


def test_other_body_types_are_415(server: SparqlServer) -> None:
    status, _, _ = request(server, "POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"})
    assert status == 415


def test_row_limit_is_a_clear_error(server: SparqlServer) -> None:
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422
    assert b"more than 20 rows" in body


def test_runaway_query_is_503_and_does_not_block_others(server: SparqlServer) -> None:
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        outcome["status"], _, outcome["body"] = get(server, RUNAWAY)
        outcome["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    status, _, _ = get(server, PLACES)
    assert status == 200
    assert thread.is_alive()  # answered by the second worker while the runaway still ran
    thread.join(timeout=10)
    assert outcome["status"] == 503
    assert b"time limit" in outcome["body"]
    assert outcome["elapsed"] < 15  # ended by the limit, not hung (timing: benchmarks)
    assert get(server, PLACES)[0] == 200  # the killed worker was replaced


# ----- nothing leaves the machine -----

class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def _record(self) -> None:
        type(self).hits.append(f"{self.command} {self.path}")
        body = b"<http://a/> <http://b/> <http://c/> ."
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _record  # noqa: N815

    def log_message(self, *args: object) -> None:
        pass


def test_service_load_and_from_never_reach_a_listener(server: SparqlServer) -> None:
    listener = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=listener.serve_forever, daemon=True)
    thread.start()
    try:
        remote = f"http://127.0.0.1:{listener.server_address[1]}"
        queries = [
            f"SELECT * WHERE {{ SERVICE <{remote}/sparql> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{remote}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <{remote}/data.ttl> WHERE {{ ?s ?p ?o }}",
            f"SELECT * FROM NAMED <{remote}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            f"LOAD <{remote}/data.ttl>",
        ]
        for query in queries:
            status, _, body = get(server, query)
            assert status == 403, query
            status, _, _ = request(server, "POST", "/sparql", query.encode(),
                                   {"Content-Type": "application/sparql-query"})
            assert status == 403, query
        status, _, _ = get(server, PLACES, extra="&default-graph-uri=" + quote(remote + "/data.ttl"))
        assert status == 400
        time.sleep(0.3)
        assert _Recorder.hits == []
        # The listener does answer when asked directly: the silence above means something.
        conn = http.client.HTTPConnection("127.0.0.1", listener.server_address[1], timeout=5)
        conn.request("GET", "/probe")
        assert conn.getresponse().status == 200
        conn.close()
        assert _Recorder.hits == ["GET /probe"]
    finally:
        listener.shutdown()
        listener.server_close()


# ----- the page -----

def test_query_page_and_named_queries(server: SparqlServer) -> None:
    status, headers, body = request(server, "GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    page = body.decode("utf-8")
    assert "<textarea" in page and "/static/app.js" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    status, _, js = request(server, "GET", "/static/app.js")
    assert status == 200
    assert b"innerHTML" not in js and b"textContent" in js
    status, _, body = request(server, "GET", "/queries.json")
    assert status == 200
    assert json.loads(body) == [{"name": "places", "title": "地方 / Places",
                                 "query": "# title: 地方 / Places\n" + PLACES}]
    assert request(server, "GET", "/nothing")[0] == 404


def test_server_binds_loopback_by_default(tmp_path: Path) -> None:
    out = write_sample(tmp_path / "out")
    srv = make_server(out, quiet=True)
    try:
        assert srv.server_address[0] == "127.0.0.1"
        assert urlsplit(srv.url).hostname == "127.0.0.1"
    finally:
        srv.server_close()


def test_kg_serve_command_prints_url_answers_and_stops_cleanly(tmp_path: Path) -> None:
    import os
    import re
    import signal
    import subprocess
    import sys
    import urllib.request

    out = write_sample(tmp_path / "out")
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(out), "--port", "0", "--timeout", "5"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        assert match, line
        url = match.group(1)
        with urllib.request.urlopen(url + "sparql?query=" + quote(f"ASK {{ ?s a <{LT}Place> }}"),
                                    timeout=10) as resp:
            assert json.loads(resp.read())["boolean"] is True
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True)
        workers = [int(p) for p in children.stdout.split()]
        assert workers  # the query workers are child processes of the server
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        time.sleep(0.2)
        for pid in workers:  # stopped with the server
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
