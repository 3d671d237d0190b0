"""A query worker: a child process that evaluates queries on a read-only store.

Oxigraph has no per-query timeout and a native call cannot be interrupted
from Python, so evaluation happens here, in a process the engine can kill
when a query runs past its deadline (a cartesian product over a million
triples, an ORDER BY over all of them). The worker also checks the deadline
and the row limit between rows, so most over-long queries end politely and
the worker lives on.

Protocol on stdin/stdout: one JSON line per request; each reply is a JSON
header line, followed by ``length`` bytes of body when ``ok`` is true.
Run as ``python -m kg.query.worker STORE_DIR``.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from typing import BinaryIO

import pyoxigraph as ox

from kg.query import format as fmt


class _Stop(Exception):
    def __init__(self, error: str, message: str) -> None:
        self.error = error
        self.message = message


def _graph_term(iri: str | None) -> ox.NamedNode | ox.DefaultGraph:
    return ox.DefaultGraph() if iri is None else ox.NamedNode(iri)


def _collect(results, deadline: float, max_rows: int, timeout: float) -> list:
    rows = []
    check_every = 64
    for n, item in enumerate(results, 1):
        if n > max_rows:
            raise _Stop("rows", f"the query returned more than {max_rows} rows (the result-row limit); "
                                "add LIMIT, narrow the pattern, or raise --max-rows")
        rows.append(item)
        if n % check_every == 0 and time.monotonic() > deadline:
            raise _Stop("time", f"the query ran past its {timeout:g} s time limit and was stopped; "
                                "add LIMIT or narrow the pattern, or raise --timeout")
    return rows


def evaluate(store: ox.Store, req: dict) -> tuple[str, bytes, int]:
    """Run one request; return (media type, body, rows) or raise _Stop."""
    started = time.monotonic()
    timeout = float(req.get("timeout", 30.0))
    deadline = started + timeout
    max_rows = int(req.get("max_rows", 100_000))
    media = req["media"]
    kwargs: dict = {"prefixes": None}
    if req.get("default_graph") is not None:
        kwargs["default_graph"] = [_graph_term(g) for g in req["default_graph"]]
    if req.get("named_graphs") is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req["named_graphs"]]
    try:
        results = store.query(req["query"], **kwargs)
    except SyntaxError as exc:
        raise _Stop("syntax", f"malformed query: {exc}") from None
    try:
        if isinstance(results, ox.QueryBoolean):
            kind = fmt.RESULT_TYPES.get(media, "table")
            return (media, fmt.ask_bytes(bool(results), kind), 1)
        if isinstance(results, ox.QuerySolutions):
            variables = [v.value for v in results.variables]
            solutions = _collect(results, deadline, max_rows, timeout)
            rows = [[s[i] for i in range(len(variables))] for s in solutions]
            if media in fmt.RESULT_TYPES:
                writer = fmt.SELECT_WRITERS[fmt.RESULT_TYPES[media]]
            elif media in fmt.GRAPH_TYPES:
                raise _Stop("accept", f"{media} is for CONSTRUCT/DESCRIBE results; "
                                      "ask for application/sparql-results+json, +xml, text/csv or "
                                      "text/tab-separated-values")
            else:
                writer = fmt.select_table
            return (media, writer(variables, rows), len(rows))
        triples = _collect(results, deadline, max_rows, timeout)
        graph_fmt = fmt.GRAPH_TYPES.get(media, ox.RdfFormat.TURTLE)
        return (media if media in fmt.GRAPH_TYPES else "text/turtle",
                fmt.graph_bytes(triples, graph_fmt), len(triples))
    except OSError as exc:
        raise _Stop("internal", f"the store could not be read: {exc}") from None
    except (SyntaxError, ValueError, TypeError) as exc:
        # Oxigraph reports evaluation errors (e.g. a missing SERVICE handler) this way.
        raise _Stop("eval", f"the query could not be evaluated: {exc}") from None


def _send(out: BinaryIO, header: dict, body: bytes = b"") -> None:
    out.write(json.dumps(header).encode("utf-8") + b"\n")
    if body:
        out.write(body)
    out.flush()


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C in a terminal reaches the whole process group; the engine that
    # started this worker stops it (and stdin closing ends the loop below).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    args = sys.argv[1:] if argv is None else argv
    out = sys.stdout.buffer
    try:
        store = ox.Store.read_only(args[0])
        graphs = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    except (OSError, IndexError) as exc:
        _send(out, {"ready": False, "message": f"cannot open the store: {exc}"})
        return 2
    _send(out, {"ready": True, "graphs": graphs})
    for line in sys.stdin.buffer:
        try:
            req = json.loads(line)
            media, body, rows = evaluate(store, req)
        except _Stop as stop:
            _send(out, {"ok": False, "error": stop.error, "message": stop.message})
            continue
        except ValueError as exc:
            _send(out, {"ok": False, "error": "internal", "message": f"bad request to worker: {exc}"})
            continue
        _send(out, {"ok": True, "media": media, "length": len(body), "rows": rows}, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
