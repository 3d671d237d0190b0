"""SPARQL over a build: the Oxigraph engine behind ``kg query`` and ``kg serve``.

rdflib stays for modelling and export; queries run on pyoxigraph, which is
tens of times faster on large graphs (benchmarks/sparql.py) and reads the
store ``kg build`` persists. Both commands share one engine (kg.query.engine)
and one guard (kg.query.guard): read-only, offline, time- and row-limited.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.errors import QueryError

FORMATS = {
    "table": "table",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json",
}


def read_query_arg(query: str) -> str:
    """``query`` as given: SPARQL text, or the text of the .rq file it names."""
    stripped = query.strip()
    looks_like_path = stripped.endswith(".rq") or ("\n" not in stripped and "{" not in stripped)
    if looks_like_path:
        path = Path(stripped)
        try:
            is_file = path.is_file()
        except OSError:
            is_file = False
        if is_file:
            try:
                return path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise QueryError(f"cannot read query file {path}: {exc}") from exc
        if stripped.endswith(".rq"):
            raise QueryError(f"query file {path} does not exist; give SPARQL text or a .rq file")
    return query


def run_query_command(graph: Path, query: str, *, fmt: str = "table", timeout: float = 30.0,
                      max_rows: int = 100_000, focus: str | None = None) -> int:
    """Run one query on ``graph`` (output folder or graph file) and print the results.

    SELECT prints ``fmt`` (table, csv, tsv, json); ASK prints true/false (a
    SPARQL JSON boolean with ``json``); CONSTRUCT/DESCRIBE print Turtle.
    ``focus`` asks a named query (ontology/queries) about the place or thing
    of that name instead of its default (kg.query.named).
    Raises GraphSourceError, QueryError, QueryForbidden or QueryLimitExceeded.
    """
    from kg.query.engine import Engine

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    text = read_query_arg(query)
    if focus is not None:
        from kg.query.named import with_focus

        text = with_focus(text, focus)
    with Engine(Path(graph), workers=1, timeout=timeout, max_rows=max_rows) as engine:
        info = engine.check(text)
        if info.is_graph_result:
            media = "text/turtle"
        elif info.form == "ASK" and fmt != "json":
            media = "table"  # plain true/false
        else:
            media = FORMATS[fmt]
        result = engine.execute(text, media=media, info=info)
    out = sys.stdout
    out.flush()
    out.buffer.write(result.body)
    out.buffer.flush()
    return 0
