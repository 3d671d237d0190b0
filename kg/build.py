"""``kg build``: the whole flow for one corpus, with atomic outputs.

ingest → annotate → resolve → graph → export/view/store. Every output is first
written to a staging folder inside OUT_DIR, then moved into place, so a build
that fails half-way leaves the previous outputs as they were.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import CorpusError, InputError
from kg.graph import KnowledgeGraph
from kg.model import Article, Skipped

OUTPUT_FILES = ("graph.ttl", "graph.jsonld", "graph.graphml", "graph.html", "summary.json")
STORE_DIR = "store"


@dataclass
class BuildReport:
    """What a build did: for the closing summary and for tests."""

    corpus: Path
    out: Path
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    started: float = 0.0  # perf_counter at the start, for ``seconds``
    outputs: list[Path] = field(default_factory=list)

    def summary_text(self) -> str:
        lines = [
            f"Built {self.out} from {self.corpus} in {self.seconds:.1f} s",
            f"  articles read: {self.articles}; skipped: {len(self.skipped)}",
        ]
        lines += [f"    skipped {s.path}: {s.reason}" for s in self.skipped]
        kinds = ("Place", "Agency", "Official", "Post", "Campaign", "Target", "Region", "Mention")
        lines.append("  entities: " + ", ".join(f"{k} {self.counts.get(k, 0)}" for k in kinds))
        lines.append(f"  triples: {self.triples}")
        lines += [f"  wrote {p}" for p in self.outputs]
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "corpus": self.corpus.name,
            "articles": self.articles,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "counts": dict(sorted(self.counts.items())),
            "triples": self.triples,
        }


def read_corpus(corpus: Path, skipped: list[Skipped]) -> list[Article]:
    """Read every article under ``corpus``; unreadable files go to ``skipped``."""
    from kg.ingest import discover, read_article

    if not corpus.exists():
        raise CorpusError(f"corpus folder {corpus} does not exist; give a folder of articles")
    if not corpus.is_dir():
        raise CorpusError(f"{corpus} is not a folder; give a folder of articles (.txt, .html, .md)")
    articles = []
    for path in discover(corpus):
        try:
            articles.append(read_article(path, corpus))
        except InputError as exc:
            skipped.append(Skipped(exc.path, exc.reason))
    return articles


def _progress(items: Iterable, total: int, enabled: bool, desc: str) -> Iterator:
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield from items
        return
    from tqdm import tqdm  # spaCy depends on tqdm

    yield from tqdm(items, total=total, desc=desc, unit="article", file=sys.stderr, leave=False)


def build_graph(
    articles: list[Article],
    progress: bool = False,
    skipped: list[Skipped] | None = None,
    jobs: int = 0,
) -> KnowledgeGraph:
    """Annotate and resolve ``articles`` into one graph (no files written).

    An article that makes the extractor fail is a bug, not bad input, but one such
    article must not cost the user the rest of the corpus: it goes to ``skipped``
    with the error (and the file to report), and the build goes on. Without a
    ``skipped`` list the error propagates.

    ``jobs``: processes to annotate with (0: one per CPU when the corpus is
    large enough to pay for them; see :mod:`kg.annotate.batch`). The graph is
    the same for any number.
    """
    with _building():
        return _annotate_and_resolve(articles, progress, skipped, jobs)


@contextmanager
def _building() -> Iterator[None]:
    """The pipeline loaded, then the collector tuned for a build (the pipeline
    is frozen out of its sight with everything else alive at that point)."""
    from kg.annotate.pipeline import make_nlp
    from kg.memory import fewer_collections

    make_nlp()
    with fewer_collections():
        yield


def _annotate_and_resolve(
    articles: list[Article], progress: bool, skipped: list[Skipped] | None, jobs: int
) -> KnowledgeGraph:
    from kg.annotate.batch import Failure, annotate_many
    from kg.resolve import Resolver

    resolver = Resolver()
    found = annotate_many([a.text for a in articles], jobs=jobs, catch=skipped is not None)
    for article, ann in _progress(zip(articles, found, strict=True), len(articles), progress, "annotating"):
        if isinstance(ann, Failure):
            assert skipped is not None
            skipped.append(Skipped(article.path, f"extraction failed ({ann.error}); "
                                                 "please report this file as a Lantian bug"))
            continue
        try:
            resolver.add(article, ann)
        except Exception as exc:  # noqa: BLE001 — reported per file, build goes on
            if skipped is None:
                raise
            skipped.append(Skipped(article.path, f"extraction failed ({type(exc).__name__}: {exc}); "
                                                 "please report this file as a Lantian bug"))
    return resolver.finish()


def _swap_in(staging: Path, out: Path, names: list[str]) -> list[Path]:
    written = []
    for name in names:
        src, dst = staging / name, out / name
        if src.is_dir():
            if dst.exists():
                old = out / f".{name}.old"
                shutil.rmtree(old, ignore_errors=True)
                dst.rename(old)
                src.rename(dst)
                shutil.rmtree(old, ignore_errors=True)
            else:
                src.rename(dst)
        else:
            src.replace(dst)
        written.append(dst)
    return written


def build(corpus: Path, out: Path, progress: bool = True, jobs: int = 0) -> BuildReport:
    """Build ``corpus`` into ``out``; return the report (skipped files included).

    Raises CorpusError when the corpus folder is unusable or holds no readable
    article; earlier outputs in ``out`` are then left untouched.
    """
    report = BuildReport(corpus=corpus, out=out, started=time.perf_counter())
    articles = read_corpus(corpus, report.skipped)
    report.articles = len(articles)
    if not articles:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in report.skipped) or "no .txt/.html/.htm/.md files"
        raise CorpusError(f"no readable article under {corpus} ({reasons})")
    with _building():
        _build_into(articles, out, report, progress, jobs)
    return report


def _build_into(articles: list[Article], out: Path, report: BuildReport, progress: bool, jobs: int) -> None:
    from kg.export import count_triples, graphml_bytes, jsonld_bytes, projection, turtle_bytes
    from kg.query.store import build_store
    from kg.view import render_html

    kg = _annotate_and_resolve(articles, progress, report.skipped, jobs)  # build() set up _building()
    report.counts = dict(sorted(Counter(d["kind"] for _, d in kg.g.nodes(data=True)).items()))
    rdf = projection(kg)
    report.triples = count_triples(rdf)

    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        (staging / "graph.ttl").write_bytes(turtle_bytes(rdf))
        (staging / "graph.jsonld").write_bytes(jsonld_bytes(rdf))
        (staging / "graph.graphml").write_bytes(graphml_bytes(kg))
        (staging / "graph.html").write_text(render_html(kg), encoding="utf-8")
        build_store(staging / "graph.ttl", staging / STORE_DIR)
        report.seconds = time.perf_counter() - report.started
        (staging / "summary.json").write_text(
            json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        report.outputs = _swap_in(staging, out, [*OUTPUT_FILES, STORE_DIR])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
