"""Throughput of the build against jieba's own segmentation, measured in one run.

Corpus: the seed articles (seeds/) and, when present, the dev articles
(../shared/gold/dev/articles), repeated N times (default 20). Prints characters
per second for
  - jieba.cut over the same cleaned texts (the baseline: segmentation alone),
  - the extraction (annotate + resolve into the networkx graph),
  - the whole build (also RDF projection and Turtle serialisation),
and the ratios to jieba. Goal: extraction ≥ 0.5 of jieba.

    .venv/bin/python benchmarks/throughput.py [--repeat 20] [DIR ...]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT / "seeds", ROOT.parent / "shared" / "gold" / "dev" / "articles"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()

    import jieba

    from kg.annotate.batch import available_cpus, choose_jobs
    from kg.annotate.pipeline import make_nlp
    from kg.build import build_graph, read_corpus
    from kg.export import turtle_bytes

    articles = []
    for folder in args.dirs or [d for d in DEFAULT_DIRS if d.is_dir()]:
        articles += read_corpus(folder, [])
    corpus = [replace(a, path=f"{i}/{a.path}") for i in range(args.repeat) for a in articles]
    chars = sum(len(a.text) for a in corpus)
    make_nlp()  # load jieba and the pipeline before timing
    print(f"corpus: {len(articles)} articles x {args.repeat} = {len(corpus)} articles, {chars:,} characters")

    t = time.perf_counter()
    for a in corpus:
        list(jieba.cut(a.text))
    t_jieba = time.perf_counter() - t

    t = time.perf_counter()
    kg_one = build_graph(corpus, jobs=1)
    t_one = time.perf_counter() - t

    jobs = choose_jobs(0, [a.text for a in corpus])
    t = time.perf_counter()
    kg = build_graph(corpus)  # as `kg build` does: jobs=0, one process per CPU
    t_extract = time.perf_counter() - t
    t = time.perf_counter()
    ttl = turtle_bytes(kg)
    t_export = time.perf_counter() - t
    if ttl != turtle_bytes(kg_one):
        raise SystemExit("error: the graph differs between 1 and several processes")

    rows = [
        ("jieba.cut (baseline, 1 process)", t_jieba),
        ("extraction, 1 process", t_one),
        (f"extraction, build default ({jobs} proc.)", t_extract),
        ("whole build (+Turtle)", t_extract + t_export),
    ]
    print(f"CPUs available: {available_cpus()}")
    print(f"{'':38} {'seconds':>8} {'chars/s':>10} {'ratio to jieba':>15}")
    for name, secs in rows:
        print(f"{name:38} {secs:8.2f} {chars / secs:10,.0f} {t_jieba / secs:15.2f}")


if __name__ == "__main__":
    main()
