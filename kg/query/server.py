"""``kg serve``: the W3C SPARQL 1.1 Protocol at /sparql, a query page at /.

Standard library only (http.server). Every request thread hands its query
to the shared Engine, whose worker processes carry the time limit, so a
runaway query never holds the server. What is refused, and why, is in the
README's threat model: read-only, offline, bounded bodies, bounded results.

Status codes: 400 malformed query or protocol error (the parser's message
in the body), 403 update or a query that would reach outside the store,
405 other methods, 406 no acceptable result format, 411/413 missing or
oversized body, 415 unknown body type, 422 result-row limit, 503 time limit.
"""

from __future__ import annotations

import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError, QueryForbidden
from kg.query.engine import Engine, NotAcceptable, RowLimitExceeded, TimeLimitExceeded
from kg.query.format import negotiate

DEFAULT_QUERIES = Path(__file__).resolve().parents[2] / "ontology" / "queries"
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
}
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept",
    "Access-Control-Max-Age": "600",
}
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


class ProtocolError(Exception):
    """A request the protocol answers with ``status`` and a plain-text message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def named_queries(folder: Path) -> list[dict[str, str]]:
    """The example queries: every .rq file in ``folder``, with its leading comment as title."""
    out = []
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        comments = [ln.lstrip("#").strip() for ln in text.splitlines() if ln.startswith("#")]
        titled = [c.split(":", 1)[1].strip() for c in comments if c.lower().startswith("title:")]
        title = next(iter(titled + [c for c in comments if c]), path.stem)
        out.append({"name": path.stem, "title": title, "query": text})
    return out


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server that owns an Engine (closed by ``server_close``)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], engine: Engine, *, max_body: int,
                 queries_dir: Path) -> None:
        self.engine = engine
        self.max_body = max_body
        self.queries_dir = queries_dir
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.engine.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "lantian-sparql/0.1"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request (no slow-loris hold)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)

    # ----- responses -----

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in {**CORS, **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip("\n") + "\n").encode("utf-8"),
                   "text/plain; charset=utf-8", headers)

    # ----- methods -----

    def do_OPTIONS(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_response(HTTPStatus.NO_CONTENT)
        for key, value in CORS.items():
            self.send_header(key, value)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/sparql":
            self._handle(lambda: self._params_from_get(url.query))
        elif url.path in STATIC:
            name, content_type = STATIC[url.path]
            body = resources.files("kg.query").joinpath("static", name).read_bytes()
            self._send(HTTPStatus.OK, body, content_type, {
                "Content-Security-Policy": "default-src 'self'; connect-src *",
                "Cache-Control": "no-cache",
            })
        elif url.path == "/queries.json":
            body = json.dumps(named_queries(self.server.queries_dir), ensure_ascii=False).encode("utf-8")
            self._send(HTTPStatus.OK, body, "application/json; charset=utf-8")
        else:
            self._error(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint is /sparql")

    do_HEAD = do_GET  # noqa: N815

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.close_connection = True  # the body was not read
            self._error(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; the SPARQL endpoint is /sparql")
            return
        self._handle(lambda: self._params_from_post(url.query))

    def _refuse_method(self) -> None:
        self.close_connection = True  # the body, if any, was not read
        self._error(HTTPStatus.METHOD_NOT_ALLOWED,
                    f"{self.command} is not allowed: this endpoint is read-only (use GET or POST with "
                    "a query)", {"Allow": "GET, POST, OPTIONS"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815

    # ----- the protocol -----

    def _params_from_get(self, query_string: str) -> dict[str, list[str]]:
        return parse_qs(query_string, keep_blank_values=True)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise ProtocolError(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length header")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise ProtocolError(HTTPStatus.LENGTH_REQUIRED, "send the body with a Content-Length header")
        try:
            length = int(length_text)
        except ValueError:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, "Content-Length is not a number") from None
        if length < 0:
            raise ProtocolError(HTTPStatus.BAD_REQUEST, "Content-Length is negative")
        if length > self.server.max_body:
            self.close_connection = True
            raise ProtocolError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                f"the request body is {length} bytes; the limit is {self.server.max_body}")
        return self.rfile.read(length)

    def _params_from_post(self, query_string: str) -> dict[str, list[str]]:
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._read_body()
        params = parse_qs(query_string, keep_blank_values=True)
        if content_type == FORM:
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                raise ProtocolError(HTTPStatus.BAD_REQUEST, "the form body is not UTF-8") from None
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            return params
        if content_type == SPARQL_QUERY:
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                raise ProtocolError(HTTPStatus.BAD_REQUEST, "the query body is not UTF-8") from None
            return params
        if content_type == SPARQL_UPDATE:
            raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
        raise ProtocolError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                            f"POST a body of type {FORM} or {SPARQL_QUERY}, not {content_type or 'none'}")

    def _handle(self, get_params) -> None:
        try:
            params = get_params()
            self._answer(params)
        except ProtocolError as exc:
            self._error(exc.status, str(exc), exc.headers)
        except QueryForbidden as exc:
            self._error(HTTPStatus.FORBIDDEN, str(exc))
        except NotAcceptable as exc:
            self._error(HTTPStatus.NOT_ACCEPTABLE, str(exc))
        except TimeLimitExceeded as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except RowLimitExceeded as exc:
            self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc))
        except QueryError as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            raise ProtocolError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise ProtocolError(HTTPStatus.BAD_REQUEST,
                                "give exactly one SPARQL query in the 'query' parameter"
                                if len(queries) != 1 else "the query is empty")
        query = queries[0]
        engine = self.server.engine
        default_graph = params.get("default-graph-uri")
        named = params.get("named-graph-uri")
        for iri in (default_graph or []) + (named or []):
            if iri not in engine.graphs:
                raise ProtocolError(HTTPStatus.BAD_REQUEST,
                                    f"graph <{iri}> is not in this store (it holds only its default "
                                    "graph); leave out default-graph-uri and named-graph-uri")
        info = engine.check(query)
        media = negotiate(self.headers.get("Accept"), info.is_graph_result)
        if media is None:
            kind = "CONSTRUCT/DESCRIBE" if info.is_graph_result else "SELECT/ASK"
            offered = ("text/turtle, application/n-triples, application/ld+json" if info.is_graph_result
                       else "application/sparql-results+json, application/sparql-results+xml, text/csv, "
                            "text/tab-separated-values")
            raise ProtocolError(HTTPStatus.NOT_ACCEPTABLE, f"{kind} results come as {offered}")
        result = engine.execute(query, media=media, info=info, default_graph=default_graph,
                                named_graphs=named)
        content_type = result.media_type
        if content_type.startswith("text/") or content_type.endswith("json"):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, result.body, content_type, {"Vary": "Accept"})


def make_server(path: Path, *, host: str = "127.0.0.1", port: int = 0, timeout: float = 10.0,
                max_rows: int = 10_000, max_body: int = 1_000_000, workers: int = 2,
                queries_dir: Path | None = None, quiet: bool = False) -> SparqlServer:
    """A ready server (not yet serving): call ``serve_forever`` (e.g. in a thread),
    then ``shutdown`` and ``server_close``. Port 0 picks a free port (see ``.url``).
    """
    engine = Engine(Path(path), workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        server = SparqlServer((host, port), engine, max_body=max_body,
                              queries_dir=queries_dir or DEFAULT_QUERIES)
    except BaseException:
        engine.close()
        raise
    server.quiet = quiet
    return server


def serve(path: Path, *, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
          max_rows: int = 10_000, max_body: int = 1_000_000) -> None:
    """Serve ``path`` until Ctrl-C; prints the URL to stderr."""
    server = make_server(path, host=host, port=port, timeout=timeout, max_rows=max_rows,
                         max_body=max_body)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        print(f"warning: serving on {host}: anyone who can reach this address can query the graph",
              file=sys.stderr)
    print(f"serving {path} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops",
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
