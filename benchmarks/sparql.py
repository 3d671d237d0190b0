"""SPARQL speed: Oxigraph (the engine of ``kg query``/``kg serve``) against rdflib's engine.

The graph: fake articles from benchmarks/synthetic.py (real place names,
invented people and campaigns) turned *directly* into contract-shaped
triples — articles with their text, places, agencies, officials with posts
and roles, campaigns, targets, and one mention node per span with NIF
offsets — as if extraction had read every article perfectly. The pipeline
itself is not run: on two cores it would take far longer than this benchmark
is allowed, and its speed is benchmarks/throughput.py's business. Articles
are added until the graph holds at least --triples triples (default 1M).

Both engines load the same N-Triples file. Then every named query in
ontology/queries/*.rq (or --queries DIR) runs as written (no added LIMIT),
results fully materialised (every value of every row read):
  - first one probe run through kg's own engine (kg.query.engine: the guard and
    a worker process on the persisted store); a query still running after
    --cap seconds is stopped there and reported, never timed in-process;
  - oxigraph: pyoxigraph Store.query in this process (--runs runs after a
    warm-up, fewer when they pass --budget seconds), on an in-memory store
    and on the persisted read-only store that ``kg build`` writes and
    ``kg query``/``kg serve`` use;
  - rdflib: Graph.query (at most --rdflib-runs runs within --rdflib-budget
    seconds; a run is cut off after --cap seconds).
Prints p50/p95 in milliseconds and the ratio of rdflib's p50 to Oxigraph's
(in-memory) p50. Goal: Oxigraph p50 ≤ 50 ms on each named query and ≥ 20×
faster than rdflib.

    .venv/bin/python benchmarks/sparql.py [--triples 1000000] [--runs 10] [--queries DIR]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402  (a sibling script, not a package)

from kg.namespaces import PREFIXES, instance_iri  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "ontology" / "queries"

LT = str(PREFIXES["lt"])
ORG = str(PREFIXES["org"])
SCHEMA = str(PREFIXES["schema"])
SKOS = str(PREFIXES["skos"])
RDFS = str(PREFIXES["rdfs"])
NIF = str(PREFIXES["nif"])
FOAF = str(PREFIXES["foaf"])
XSD = str(PREFIXES["xsd"])
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    if lang:
        return f'"{esc}"@{lang}'
    if datatype:
        return f'"{esc}"^^<{datatype}>'
    return f'"{esc}"'


class TripleWriter:
    """Contract-shaped N-Triples for fake articles; each entity described once."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.lines: list[str] = []

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"<{s}> <{p}> {o} .\n")

    def iri(self, thing: object) -> str:
        S = synthetic
        if isinstance(thing, S.Place):
            return instance_iri("place", thing.adcode)
        if isinstance(thing, S.Agency):
            return instance_iri("agency", thing.place.adcode, thing.name)
        if isinstance(thing, S.Official):
            return instance_iri("official", thing.agency.place.adcode, thing.name)
        if isinstance(thing, S.Campaign):
            return instance_iri("campaign", thing.name)
        raise TypeError(thing)

    def describe(self, thing: object, world: synthetic.World) -> str:
        iri = self.iri(thing)
        if iri in self.seen:
            return iri
        self.seen.add(iri)
        S = synthetic
        if isinstance(thing, S.Place):
            self.t(iri, RDF_TYPE, f"<{LT}Place>")
            self.t(iri, RDFS + "label", _lit(thing.name, "zh"))
            self.t(iri, LT + "adcode", _lit(thing.adcode))
            parent = world.parent(thing)
            if parent is not None:
                self.t(iri, SCHEMA + "containedInPlace", f"<{self.describe(parent, world)}>")
        elif isinstance(thing, S.Agency):
            self.t(iri, RDF_TYPE, f"<{LT}Agency>")
            self.t(iri, RDF_TYPE, f"<{ORG}Organization>")
            self.t(iri, RDFS + "label", _lit(thing.name, "zh"))
            self.t(iri, LT + "jurisdiction", f"<{self.describe(thing.place, world)}>")
        elif isinstance(thing, S.Official):
            agency = self.describe(thing.agency, world)
            post = instance_iri("post", thing.agency.place.adcode, thing.name, thing.role)
            role = instance_iri("role", thing.role)
            self.t(iri, RDF_TYPE, f"<{LT}Official>")
            self.t(iri, RDF_TYPE, f"<{FOAF}Person>")
            self.t(iri, RDFS + "label", _lit(thing.name, "zh"))
            self.t(iri, ORG + "holds", f"<{post}>")
            self.t(post, RDF_TYPE, f"<{ORG}Post>")
            self.t(post, ORG + "role", f"<{role}>")
            self.t(post, ORG + "postIn", f"<{agency}>")
            self.t(post, LT + "jurisdiction", f"<{self.iri(thing.agency.place)}>")
            if role not in self.seen:
                self.seen.add(role)
                self.t(role, RDFS + "label", _lit(thing.role, "zh"))
        elif isinstance(thing, S.Campaign):
            self.t(iri, RDF_TYPE, f"<{LT}Campaign>")
            self.t(iri, RDFS + "label", _lit(thing.name, "zh"))
            by = thing.agency if thing.agency is not None else thing.place
            self.t(iri, LT + "conductedBy", f"<{self.describe(by, world)}>")
        return iri

    def article(self, art: synthetic.FakeArticle, world: synthetic.World) -> None:
        a = instance_iri("article", art.path)
        self.t(a, RDF_TYPE, f"<{SCHEMA}NewsArticle>")
        self.t(a, LT + "sourcePath", _lit(art.path))
        self.t(a, SCHEMA + "headline", _lit(art.headline, "zh"))
        self.t(a, SCHEMA + "datePublished", _lit(art.date, datatype=XSD + "date"))
        self.t(a, SCHEMA + "text", _lit(art.text, "zh"))
        mentioned: set[str] = set()
        for span in art.spans:
            thing = span.thing
            if isinstance(thing, synthetic.Target):
                e = instance_iri("target", art.path, f"{span.begin}-{span.end}")
                self.t(e, RDF_TYPE, f"<{LT}Target>")
                self.t(e, LT + "indicator", _lit(thing.indicator, "zh"))
                self.t(e, LT + "value", _lit(thing.value, datatype=XSD + "decimal"))
                self.t(e, LT + "unit", _lit(thing.unit))
                if thing.change:
                    self.t(e, LT + "change", _lit(thing.change, "zh"))
                self.t(e, LT + "kind", _lit(thing.kind))
                self.t(e, LT + "place", f"<{self.describe(thing.place, world)}>")
                if thing.campaign is not None:
                    self.t(e, LT + "campaign", f"<{self.describe(thing.campaign, world)}>")
            else:
                e = self.describe(thing, world)
            if e not in mentioned:
                mentioned.add(e)
                self.t(a, SCHEMA + "mentions", f"<{e}>")
            m = instance_iri("mention", art.path, f"{span.begin}-{span.end}")
            self.t(m, RDF_TYPE, f"<{LT}Mention>")
            self.t(m, LT + "article", f"<{a}>")
            self.t(m, LT + "denotes", f"<{e}>")
            self.t(m, NIF + "beginIndex", _lit(str(span.begin), datatype=XSD + "integer"))
            self.t(m, NIF + "endIndex", _lit(str(span.end), datatype=XSD + "integer"))
            self.t(m, NIF + "anchorOf", _lit(art.text[span.begin:span.end], "zh"))


def write_graph(path: Path, min_triples: int, seed: int) -> tuple[int, int]:
    """Write fake articles' triples to ``path`` until there are ``min_triples``; (articles, triples)."""
    world = synthetic.World(seed)
    writer = TripleWriter()
    n = 0
    with path.open("w", encoding="utf-8") as out:
        written = 0
        while written < min_triples:
            writer.article(synthetic.fake_article(world, n), world)
            n += 1
            if len(writer.lines) > 50_000 or written + len(writer.lines) >= min_triples:
                out.writelines(writer.lines)
                written += len(writer.lines)
                writer.lines.clear()
    return n, written


def _materialise_ox(store: ox.Store, query: str) -> int:
    results = store.query(query)
    names = [v.value for v in results.variables]
    rows = 0
    for solution in results:
        for name in names:
            solution[name]
        rows += 1
    return rows


def _materialise_rdflib(graph: Graph, query: str) -> int:
    rows = 0
    for row in graph.query(query):
        for value in row:
            str(value) if value is not None else None
        rows += 1
    return rows


class _Cut(Exception):
    pass


def _timed(fn: Callable[[], int], cap: float | None = None) -> tuple[float, int]:
    if cap:
        def alarm(signum, frame):  # noqa: ANN001
            raise _Cut
        old = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, cap)
    try:
        started = time.perf_counter()
        rows = fn()
        return (time.perf_counter() - started) * 1000, rows
    finally:
        if cap:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)


def _repeat(fn: Callable[[], int], runs: int, budget: float) -> list[float]:
    """Milliseconds of up to ``runs`` runs after a warm-up, stopping once ``budget`` s are spent."""
    first, _ = _timed(fn)
    samples: list[float] = [] if first < budget * 100 else [first]  # slow: the warm-up counts
    spent = first / 1000
    while len(samples) < runs and (not samples or spent < budget):
        ms, _ = _timed(fn)
        samples.append(ms)
        spent += ms / 1000
    return samples


def _pcts(samples: list[float]) -> tuple[float, float]:
    if len(samples) == 1:
        return samples[0], samples[0]
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def named_queries(folder: Path = QUERIES) -> Iterator[tuple[str, str]]:
    for path in sorted(folder.glob("*.rq")):
        yield path.stem, path.read_text(encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="least number of triples")
    ap.add_argument("--runs", type=int, default=10, help="timed Oxigraph runs per query")
    ap.add_argument("--budget", type=float, default=8.0,
                    help="seconds of Oxigraph runs per query and store, after which fewer runs count")
    ap.add_argument("--cap", type=float, default=30.0,
                    help="seconds one run may take (longer: reported as cut, not repeated)")
    ap.add_argument("--rdflib-runs", type=int, default=5, help="most timed rdflib runs per query")
    ap.add_argument("--rdflib-budget", type=float, default=15.0, help="seconds of rdflib runs per query")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--queries", type=Path, default=QUERIES, help="folder of .rq files to time")
    args = ap.parse_args()

    queries = list(named_queries(args.queries))
    if not queries:
        print(f"no named queries in {args.queries}", file=sys.stderr)
        return 2
    from kg.errors import QueryLimitExceeded
    from kg.query.engine import Engine
    from kg.query.store import build_store

    with tempfile.TemporaryDirectory(prefix="lantian-bench-") as tmp:
        nt = Path(tmp) / "graph.nt"
        t0 = time.perf_counter()
        articles, triples = write_graph(nt, args.triples, args.seed)
        t1 = time.perf_counter()
        print(f"graph: {triples:,} triples from {articles:,} synthetic articles "
              f"({nt.stat().st_size / 1e6:.0f} MB N-Triples, generated in {t1 - t0:.1f} s)")
        build_store(nt, Path(tmp) / "store")
        t2 = time.perf_counter()
        disk = ox.Store.read_only(str(Path(tmp) / "store"))
        print(f"oxigraph: persisted store built in {t2 - t1:.1f} s ({len(disk):,} quads)")
        memory = ox.Store()
        memory.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
        t3 = time.perf_counter()
        print(f"oxigraph: in-memory store loaded in {t3 - t2:.1f} s")
        graph = Graph()
        graph.parse(nt, format="nt")
        t4 = time.perf_counter()
        print(f"rdflib:   parsed in {t4 - t3:.1f} s ({len(graph):,} triples)")
        # A probe through kg's own engine: a run past --cap is stopped (a worker
        # process is killed), so a pathological query cannot stall the benchmark.
        engine = Engine(nt, workers=1, timeout=args.cap, max_rows=100_000_000)
        print()
        header = (f"{'query':<26} {'rows':>7}  {'oxigraph mem p50/p95':>20}  {'oxigraph store p50/p95':>22}  "
                  f"{'rdflib p50/p95 ms':>22}  {'rdflib/ox':>9}")
        print(header + "\n" + "-" * len(header))
        failures = []
        try:
            for name, query in queries:
                try:
                    probe = engine.execute(query, media="text/csv")
                except QueryLimitExceeded:
                    print(f"{name:<26} {'?':>7}  {'> cap (stopped)':>20}", flush=True)
                    failures.append(f"{name}: oxigraph took more than {args.cap:g} s")
                    continue
                rows = probe.rows
                mem = _repeat(lambda q=query: _materialise_ox(memory, q), args.runs, args.budget)
                dsk = _repeat(lambda q=query: _materialise_ox(disk, q), args.runs, args.budget)
                ox50, ox95 = _pcts(mem)
                st50, st95 = _pcts(dsk)
                rd_samples: list[float] = []
                spent = 0.0
                cut = False
                while len(rd_samples) < args.rdflib_runs and spent < args.rdflib_budget:
                    try:
                        ms, rd_rows = _timed(lambda q=query: _materialise_rdflib(graph, q), args.cap)
                    except _Cut:
                        cut = True
                        break
                    if rd_rows != rows:
                        print(f"  warning: {name}: rdflib gave {rd_rows} rows, oxigraph {rows}")
                    rd_samples.append(ms)
                    spent += ms / 1000
                if cut and not rd_samples:
                    rd = f">{args.cap * 1000:,.0f} (cut)"
                    ratio = args.cap * 1000 / ox50
                    ratio_text = f">{ratio:.0f}×"
                else:
                    rd50, rd95 = _pcts(rd_samples)
                    rd = f"{rd50:,.0f}/{rd95:,.0f} (n={len(rd_samples)})"
                    ratio = rd50 / ox50
                    ratio_text = f"{ratio:.0f}×"
                mem_text, store_text = f"{ox50:.1f}/{ox95:.1f}", f"{st50:.1f}/{st95:.1f}"
                print(f"{name:<26} {rows:>7}  {mem_text:>20}  {store_text:>22}  {rd:>22}  {ratio_text:>9}",
                      flush=True)
                if ox50 > 50:
                    failures.append(f"{name}: oxigraph p50 {ox50:.1f} ms > 50 ms")
                if ratio < 20:
                    failures.append(f"{name}: only {ratio:.1f}× faster than rdflib")
        finally:
            engine.close()
        print(f"\ntotal {time.perf_counter() - t0:.0f} s")
        if failures:
            print("goal not met:\n  " + "\n  ".join(failures))
        else:
            print("goal met: every named query p50 ≤ 50 ms on Oxigraph and ≥ 20× faster than rdflib")
    return 0


if __name__ == "__main__":
    sys.exit(main())
