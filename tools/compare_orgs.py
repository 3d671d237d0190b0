"""Print the agencies and officials the pipeline finds next to a gold file's.

Usage: python tools/compare_orgs.py GOLD_DIR ARTICLES_DIR [NAME ...]

A development aid for lt_agencies / lt_officials (the scorer judges the whole
graph; this shows the raw mentions before the resolver). Reads articles with
kg.ingest.read_article, so the text is the cleaned text the pipeline sees.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.annotate.pipeline import make_nlp
from kg.ingest import read_article


def main(argv: list[str]) -> int:
    gold_dir, art_dir = Path(argv[0]), Path(argv[1])
    only = set(argv[2:])
    nlp = make_nlp()
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        if only and gf.stem not in only:
            continue
        path = art_dir / gold["doc"]
        art = read_article(path, art_dir)
        doc = nlp(art.text)
        ann = doc._.lt
        print(f"===== {gold['doc']}")
        got = sorted({a.name for a in ann.agencies})
        want = sorted(
            {a["name"] for a in gold["agencies"]} | {x for a in gold["agencies"] for x in a["aliases"]}
        )
        print("  agencies got :", [(a.name, a.place_text, a.level, a.in_title) for a in ann.agencies])
        print("  agencies gold:", [(a["name"], a["aliases"]) for a in gold["agencies"]])
        print(
            "  agency extra :",
            [g for g in got if g not in want and not any(g.endswith(w) or w.endswith(g) for w in want)],
        )
        for o in ann.officials:
            print("  O got ", o.name, [(t.role, t.body, t.place_text) for t in o.titles])
        for o in gold["officials"]:
            print("  O gold", o["name"], o["titles"], o["agency"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
