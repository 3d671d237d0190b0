"""Print the campaigns and targets Lantian finds next to the gold lists.

Usage: python tools/compare_events.py [--campaigns|--targets] [ARTICLE_STEM ...]

Reads the seed articles (seeds/) and the dev articles (../shared/gold/dev/articles)
through kg.ingest and kg.annotate.pipeline.make_nlp(), then prints, per article,
gold items with ✓ (found) or ✗ (missed) and predicted items that match nothing
(+). Matching follows the reference scorer: campaigns by any name or alias form,
targets by value, unit and an agreeing indicator. A development aid only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold"  # the team checkout beside this one
SCORER = ROOT.parent / "shared" / "tools" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _articles() -> list[tuple[Path, Path, Path]]:
    pairs = []
    for gold in sorted((GOLD / "seeds").glob("*.json")):
        doc = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        pairs.append((ROOT / "seeds" / doc, ROOT / "seeds", gold))
    for gold in sorted((GOLD / "dev").glob("*.json")):
        doc = json.loads(gold.read_text(encoding="utf-8"))["doc"]
        pairs.append((GOLD / "dev" / "articles" / doc, GOLD / "dev" / "articles", gold))
    return pairs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("only", nargs="*", help="article name prefixes to show")
    ap.add_argument("--campaigns", action="store_true")
    ap.add_argument("--targets", action="store_true")
    args = ap.parse_args(argv)
    show_c = args.campaigns or not args.targets
    show_t = args.targets or not args.campaigns

    from kg.annotate.pipeline import make_nlp
    from kg.ingest import read_article

    sc = _scorer()
    nlp = make_nlp()
    tot = {"c": [0, 0, 0], "t": [0, 0, 0]}
    for path, root, gold_path in _articles():
        if args.only and not any(path.name.startswith(o) for o in args.only):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = read_article(path, root).text
        doc = nlp(text)
        ann = doc._.lt
        print(f"===== {gold_path.parent.name}/{path.name}")
        if show_c:
            pred: dict[str, set[str]] = {}
            for c in ann.campaigns:
                pred.setdefault(c.name, set()).update({sc.norm(c.name), sc.norm(c.text)})
            used = set()
            for g in gold.get("campaigns") or []:
                forms = {sc.norm(g["name"])} | {sc.norm(a) for a in g.get("aliases") or []}
                hit = next((n for n, f in pred.items() if n not in used and f & forms), None)
                if hit:
                    used.add(hit)
                note = f"  ← {hit}" if hit and hit != g["name"] else ""
                print(f"  C {'✓' if hit else '✗'} {g['name']}{note}")
            for n in pred:
                if n not in used:
                    texts = sorted({c.text for c in ann.campaigns if c.name == n})
                    print(f"  C + {n}  {texts}")
            tot["c"][0] += len(used)
            tot["c"][1] += len(pred) - len(used)
            tot["c"][2] += len(gold.get("campaigns") or []) - len(used)
        if show_t:
            golds = gold.get("targets") or []
            preds = [
                {
                    "indicator": t.indicator,
                    "value": sc.to_decimal(t.value),
                    "unit": sc.norm_unit(t.unit),
                    "place": None,
                }
                for t in ann.targets
            ]
            match = sc.match_targets(golds, preds)
            for gi, g in enumerate(golds):
                mark = "✓" if gi in match else "✗"
                extra = ""
                if gi in match:
                    t = ann.targets[match[gi]]
                    extra = f"  ← {t.indicator} {t.change} {t.kind}"
                what = f"{g['value']} {g['unit']} {g['change']} {g['kind']}"
                print(f"  T {mark} {g['indicator']} | {what}{extra}")
            taken = set(match.values())
            for i, t in enumerate(ann.targets):
                if i not in taken:
                    print(f"  T + {t.indicator} | {t.value} {t.unit} {t.change} {t.kind}  «{t.text}»")
            tot["t"][0] += len(match)
            tot["t"][1] += len(preds) - len(match)
            tot["t"][2] += len(golds) - len(match)
    for key, (tp, fp, fn) in tot.items():
        if tp + fp + fn:
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            label = "campaigns" if key == "c" else "targets"
            print(f"{label}: P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
