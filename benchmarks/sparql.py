"""SPARQL speed: Oxigraph (the engine of ``kg query``/``kg serve``) against rdflib's engine.

The graph: fake articles from benchmarks/synthetic.py (real place names,
invented people and campaigns) turned *directly* into contract-shaped
triples — articles with their text, places, agencies, officials with posts
and roles, campaigns, targets, and one mention node per span with NIF
offsets — as if extraction had read every article perfectly. The pipeline
itself is not run: on two cores it would take far longer than this benchmark
is allowed, and its speed is benchmarks/throughput.py's business. Articles
are added until the graph holds at least --triples triples (default 1M).

Every named query in ontology/queries/*.rq is about one place (and the
places inside it) or, for mention_provenance, one thing; run as written it
picks a default (the place with the most places directly inside it). Each
query is timed two ways:
  - focused: asked about several focuses drawn from the graph
    (kg.query.named.with_focus, the VALUES line a person would write):
    places ranked by how many articles mention them or a place inside them,
    taking the largest, the 99th and 90th percentile and the median; for
    mention_provenance also the most-mentioned agency, official and
    campaign. p50/p95 are over all runs of all focuses together, and rows
    gives the smallest and largest answer;
  - as written: the default focus, chosen by the query itself.
Results fully materialised (every value of every row read in Python):
  - oxigraph: pyoxigraph Store.query in this process (--runs runs per focus
    after a warm-up), on an in-memory store and on the persisted read-only
    store that ``kg build`` writes and ``kg query``/``kg serve`` use;
  - kg engine: kg.query.engine over the persisted store, as ``kg serve``
    answers (guard, worker process, results serialised to SPARQL JSON and
    piped back), --engine-runs runs per focus; also the probe that stops a
    query still running after --cap seconds (a worker process is killed);
  - rdflib: Graph.query on the same triples, one run per focus, smallest
    focus first, each cut off after --rdflib-cap seconds (a cut run counts
    as the cap: a lower bound, shown with ">").
Prints p50/p95 in milliseconds and the ratio of rdflib's p50 to Oxigraph's
(in-memory) p50. Goal: Oxigraph p50 ≤ 50 ms on each named query and ≥ 20×
faster than rdflib. Row equality between the engines is checked by
tests/test_query_synthetic.py on a small synthetic graph and by
tests/test_named_queries.py; here a differing row count is printed as a
warning.

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


def _subjects(store: ox.Store, predicate: str, obj: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
    return store.quads_for_pattern(None, ox.NamedNode(predicate), obj, ox.DefaultGraph())


def pick_focuses(store: ox.Store) -> tuple[list[str], list[str]]:
    """Focus labels for the named queries: (places, things for mention_provenance).

    Places are ranked by the articles that mention them or a place inside
    them; the largest, the 99th and 90th percentile and the median are taken.
    Only labels that name one node are used, so each focus asks about one thing.
    """
    label_of: dict[str, str] = {}
    holders: dict[str, int] = {}
    for quad in _subjects(store, RDFS + "label"):
        text = quad.object.value
        label_of[quad.subject.value] = text
        holders[text] = holders.get(text, 0) + 1
    parent = {q.subject.value: q.object.value for q in _subjects(store, SCHEMA + "containedInPlace")}
    mentions: dict[str, int] = {}
    for quad in _subjects(store, SCHEMA + "mentions"):
        mentions[quad.object.value] = mentions.get(quad.object.value, 0) + 1

    def typed(kind: str) -> list[str]:
        return [q.subject.value for q in _subjects(store, RDF_TYPE, ox.NamedNode(LT + kind))]

    places = typed("Place")
    subtree = dict.fromkeys(places, 0)
    for place in places:
        node, seen = place, set()
        while node is not None and node not in seen:
            seen.add(node)
            if node in subtree:
                subtree[node] += mentions.get(place, 0)
            node = parent.get(node)
    ranked = sorted((p for p in places if holders.get(label_of.get(p, ""), 0) == 1),
                    key=lambda p: (-subtree[p], p))
    place_focus: list[str] = []
    for fraction in (0.0, 0.01, 0.1, 0.5):
        label = label_of[ranked[min(len(ranked) - 1, round(fraction * (len(ranked) - 1)))]]
        if label not in place_focus:
            place_focus.append(label)
    things = list(place_focus)
    for kind in ("Agency", "Official", "Campaign"):
        unique = [e for e in typed(kind) if holders.get(label_of.get(e, ""), 0) == 1]
        if unique:
            things.append(label_of[max(unique, key=lambda e: (mentions.get(e, 0), e))])
    return place_focus, things


def _fmt(p50: float, p95: float) -> str:
    return f"{p50:.1f}/{p95:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000, help="least number of triples")
    ap.add_argument("--runs", type=int, default=10, help="timed Oxigraph runs per focus")
    ap.add_argument("--engine-runs", type=int, default=3, help="timed kg engine runs per focus")
    ap.add_argument("--budget", type=float, default=8.0,
                    help="seconds of Oxigraph runs per query, store and focus, after which fewer runs count")
    ap.add_argument("--cap", type=float, default=30.0,
                    help="seconds the kg engine probe may take before the query is reported as stopped")
    ap.add_argument("--rdflib-cap", type=float, default=10.0,
                    help="seconds one rdflib run may take (longer: cut, counted as this lower bound)")
    ap.add_argument("--no-rdflib", action="store_true", help="time Oxigraph only")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--queries", type=Path, default=QUERIES, help="folder of .rq files to time")
    args = ap.parse_args()

    queries = list(named_queries(args.queries))
    if not queries:
        print(f"no named queries in {args.queries}", file=sys.stderr)
        return 2
    from kg.errors import QueryLimitExceeded
    from kg.query.engine import Engine
    from kg.query.named import has_focus, with_focus
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
        if not args.no_rdflib:
            graph.parse(nt, format="nt")
            print(f"rdflib:   parsed in {time.perf_counter() - t3:.1f} s ({len(graph):,} triples)")
        place_focus, thing_focus = pick_focuses(memory)
        print(f"focuses (places, largest first): {', '.join(place_focus)}")
        print(f"mention_provenance also: {', '.join(thing_focus[len(place_focus):])}")
        engine = Engine(nt, workers=1, timeout=args.cap, max_rows=100_000_000)
        print("\ntimes in ms, p50/p95; rows: fewest–most over the focuses")
        header = (f"{'query':<26} {'form':<10} {'rows':>9}  {'ox memory':>13}  {'ox store':>13}  "
                  f"{'kg engine':>13}  {'rdflib':>15}  {'rdflib/ox':>9}")
        print(header + "\n" + "-" * len(header))
        failures: list[str] = []
        try:
            for name, query in queries:
                forms: list[tuple[str, list[str]]] = []
                if has_focus(query):
                    focuses = thing_focus if name == "mention_provenance" else place_focus
                    forms.append((f"focused×{len(focuses)}", [with_focus(query, f) for f in focuses]))
                forms.append(("as written", [query]))
                for form, texts in forms:
                    try:
                        counts = [engine.execute(q, media="text/csv").rows for q in texts]
                    except QueryLimitExceeded:
                        print(f"{name:<26} {form:<10} {'?':>9}  > {args.cap:g} s (stopped)", flush=True)
                        failures.append(f"{name} ({form}): oxigraph took more than {args.cap:g} s")
                        continue
                    share = args.budget / len(texts)
                    mem = [ms for q in texts for ms in
                           _repeat(lambda q=q: _materialise_ox(memory, q), args.runs, share)]
                    dsk = [ms for q in texts for ms in
                           _repeat(lambda q=q: _materialise_ox(disk, q), args.runs, share)]
                    eng: list[float] = []
                    for q in texts:
                        for _ in range(args.engine_runs):
                            started = time.perf_counter()
                            engine.execute(q)
                            eng.append((time.perf_counter() - started) * 1000)
                    ox50, ox95 = _pcts(mem)
                    st50, st95 = _pcts(dsk)
                    en50, en95 = _pcts(eng)
                    rd_text, ratio_text, ratio = "not run", "", None
                    if not args.no_rdflib:
                        rd: list[float] = []
                        cut = 0
                        for q, n in sorted(zip(texts, counts, strict=True), key=lambda pair: pair[1]):
                            try:
                                ms, rd_rows = _timed(lambda q=q: _materialise_rdflib(graph, q),
                                                     args.rdflib_cap)
                            except _Cut:
                                cut += 1
                                rd.append(args.rdflib_cap * 1000)
                                continue
                            if rd_rows != n:
                                print(f"  warning: {name}: rdflib gave {rd_rows} rows, oxigraph {n}")
                            rd.append(ms)
                        rd50, rd95 = _pcts(rd)
                        lower = rd50 >= args.rdflib_cap * 1000
                        mark = ">" if lower else ""
                        rd_text = f"{mark}{rd50:,.0f}/{'>' if cut else ''}{rd95:,.0f}"
                        if cut:
                            rd_text += f" ({cut} cut)"
                        ratio = rd50 / ox50
                        ratio_text = f"{mark}{ratio:,.0f}×"
                    rows_text = (f"{min(counts):,}–{max(counts):,}" if len(counts) > 1
                                 else f"{counts[0]:,}")
                    print(f"{name:<26} {form:<10} {rows_text:>9}  {_fmt(ox50, ox95):>13}  "
                          f"{_fmt(st50, st95):>13}  {_fmt(en50, en95):>13}  {rd_text:>15}  "
                          f"{ratio_text:>9}", flush=True)
                    if ox50 > 50:
                        failures.append(f"{name} ({form}): oxigraph p50 {ox50:.1f} ms > 50 ms (in memory)")
                    if st50 > 50:
                        failures.append(f"{name} ({form}): oxigraph p50 {st50:.1f} ms > 50 ms "
                                        "(persisted store)")
                    if ratio is not None and ratio < 20:
                        failures.append(f"{name} ({form}): only {ratio:.1f}× faster than rdflib")
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
