"""Compare lt_places against gold place lists, article by article.

    .venv/bin/python tools/compare_places.py ../shared/gold/dev ../shared/gold/dev/articles
    .venv/bin/python tools/compare_places.py ../shared/gold/seeds seeds

Prints, per article, the canonical names found vs gold (matched on the name or an
alias, as the reference scorer does), then precision/recall/F1 over all articles.
Texts go through kg.ingest's cleaner when it is importable, else are read raw
(with OpenCC t2s), so the numbers approximate what the full build sees.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def read_text(path: Path) -> str:
    try:
        from kg.ingest import read_article  # type: ignore[attr-defined]

        return read_article(path, path.parent).text
    except Exception:  # noqa: BLE001 - ingest is optional here; fall back to the raw text
        import opencc

        raw = path.read_bytes().decode("utf-8", errors="replace")
        return opencc.OpenCC("t2s").convert(raw)


def main() -> None:
    gold_dir, text_dir = Path(sys.argv[1]), Path(sys.argv[2])
    import spacy

    import kg.annotate.places  # noqa: F401
    import kg.annotate.records  # noqa: F401
    from kg.annotate.pipeline import _init_jieba

    _init_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("lt_places")
    tp = fp = fn = 0
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = nlp(read_text(text_dir / gold["doc"]))
        found = {}
        for m in doc._.lt.places:
            found.setdefault(m.name, set()).add(m.text)
        gold_names = {}
        for p in gold.get("places") or []:
            gold_names[p["name"]] = {p["name"], *(p.get("aliases") or [])}
        hit = {g for g, forms in gold_names.items() if g in found or forms & set(found)}
        known = set().union(*gold_names.values()) if gold_names else set()
        extra = [f for f in found if f not in known]
        missed = sorted(set(gold_names) - hit)
        tp += len(hit)
        fp += len(extra)
        fn += len(missed)
        mark = "ok " if not extra and not missed else "ERR"
        print(f"{mark} {gold['doc']:<28} found={sorted(found)} gold={sorted(gold_names)}"
              + (f" extra={extra}" if extra else "") + (f" missed={missed}" if missed else ""))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"places: tp={tp} fp={fp} fn={fn}  P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
