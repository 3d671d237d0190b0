"""The ``kg`` command: a thin layer over the library.

Every subcommand's help ends with an example (tests/test_docs.py checks it).
Exit codes: 0 success; 1 the command finished but some input failed (a build
with skipped files); 2 usage error or a failure that produced nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg import __version__
from kg.errors import LantianError

EXAMPLES = {
    "build": "example:\n  kg build seeds -o output",
    "query": (
        "examples:\n"
        "  kg query output 'SELECT ?s WHERE { ?s a <https://w3id.org/lantian/ontology#Place> }'\n"
        "  kg query output/graph.ttl ontology/queries/agency_leaders.rq --format csv"
    ),
    "serve": "example:\n  kg serve output --port 7878   # then open http://127.0.0.1:7878/",
    "eval": (
        "examples:\n"
        "  kg eval my_gold/ my_corpus/      # build my_corpus, score against my_gold\n"
        "  kg eval my_gold/ output/         # score an existing build"
    ),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Lantian (蓝天): turn Chinese environmental-governance news into a knowledge graph.",
        epilog="Run 'kg COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help_,
            description=description,
            epilog=EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    p = add(
        "build",
        "build a graph from a folder of articles",
        "Read every article under CORPUS_DIR (.txt, .html, .htm, .md, recursively) and write "
        "graph.ttl, graph.jsonld, graph.graphml, graph.html and summary.json to OUT_DIR. "
        "Outputs are replaced only by a complete new set.",
    )
    p.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    p.add_argument("-o", "--out", type=Path, default=Path("output"), metavar="OUT_DIR",
                   help="output folder (default: output)")
    p.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                   help="processes to annotate with (default 0: one per CPU, for corpora "
                        "over 50,000 characters); the graph is the same for any N")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    p.set_defaults(func=_cmd_build)

    p = add(
        "query",
        "run a SPARQL query on a build",
        "Run a SPARQL 1.1 query (text, or a .rq file) on a build's output folder or a graph file, "
        "with the same read-only, offline engine as 'kg serve'.",
    )
    p.add_argument("graph", type=Path, metavar="GRAPH_OR_OUT_DIR")
    p.add_argument("query", metavar="SPARQL_OR_FILE")
    p.add_argument("--format", "-f", choices=["table", "csv", "tsv", "json"], default="table",
                   help="output format (default: table)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before the query is stopped")
    p.add_argument("--max-rows", type=int, default=100_000, help="most result rows returned")
    p.add_argument("--focus", metavar="NAME", default=None,
                   help="ask a named query (ontology/queries/*.rq) about the place or thing called NAME "
                        "instead of its default")
    p.set_defaults(func=_cmd_query)

    p = add(
        "serve",
        "serve a build over the SPARQL 1.1 Protocol",
        "Serve PATH (a build's output folder or a graph file) read-only at /sparql, with a query "
        "page at /. Binds 127.0.0.1 unless --host says otherwise.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout", type=float, default=10.0, help="per-query time limit in seconds")
    p.add_argument("--max-rows", type=int, default=10_000, help="most result rows per query")
    p.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes")
    p.set_defaults(func=_cmd_serve)

    p = add(
        "eval",
        "score a build against gold annotations",
        "Score a graph against GOLD_DIR (one JSON file per article, as in the annotation guide) and "
        "print precision, recall and F1 per type and link. CORPUS_DIR may be a folder of articles "
        "(built first, into a temporary folder) or a build's output folder; by default GOLD_DIR/articles.",
    )
    p.add_argument("gold", type=Path, metavar="GOLD_DIR")
    p.add_argument("corpus", type=Path, nargs="?", metavar="CORPUS_DIR")
    p.add_argument("--details", action="store_true", help="list every miss and every extra")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=_cmd_eval)
    return parser


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"--jobs takes 0 (one per CPU) or a positive number, not {value!r}")
    return n


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    report = build(args.corpus, args.out, progress=not args.no_progress and not args.quiet,
                   jobs=args.jobs)
    if not args.quiet:
        print(report.summary_text())
    for skipped in report.skipped:
        print(f"error: {skipped.path}: {skipped.reason}", file=sys.stderr)
    return 1 if report.skipped else 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import run_query_command

    return run_query_command(
        args.graph, args.query, fmt=args.format, timeout=args.timeout, max_rows=args.max_rows,
        focus=args.focus,
    )


def _cmd_serve(args: argparse.Namespace) -> int:
    from kg.query.server import serve

    serve(args.path, host=args.host, port=args.port, timeout=args.timeout,
          max_rows=args.max_rows, max_body=args.max_body)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import run_eval

    return run_eval(args.gold, args.corpus, details=args.details, as_json=args.json)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``kg`` console script."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except LantianError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (kg query … | head): not an error worth a traceback;
        # stdout is pointed at devnull so that Python's exit flush stays quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
