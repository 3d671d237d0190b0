"""``kg eval``: score a graph against gold annotations (annotation-guide format).

The scoring is the reference scorer's (the team's ``score.py``), kept in step with
it so users who bring their own gold get the same table we report: entities and
targets judged per article, links pooled over the set, micro and macro averages.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

LT = Namespace("https://w3id.org/lantian/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

ORDER = [
    "places", "agencies", "officials", "campaigns", "targets",
    "official~title", "official~place", "official~agency", "agency~place", "campaign~place", "target~place",
]
ENTITY_TYPES = {
    "places": LT.Place,
    "agencies": LT.Agency,
    "officials": LT.Official,
    "campaigns": LT.Campaign,
}
QUOTES = str.maketrans({'"': "“", "＂": "“", "「": "“", "」": "”", "『": "“", "』": "”", "'": "‘"})
UNITS = {
    "微克/立方米": "μg/m3", "μg/m³": "μg/m3", "ug/m3": "μg/m3", "µg/m3": "μg/m3", "μg/立方米": "μg/m3",
    "个百分点": "百分点", "百分比": "%", "％": "%",
}


def norm(text: str) -> str:
    """Fold the differences that do not change a name."""
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"\s+", "", text).translate(QUOTES)
    # pair up plain double quotes as “…”
    out, open_ = [], True
    for ch in text:
        if ch in "“”":
            out.append("“" if open_ else "”")
            open_ = not open_
        else:
            out.append(ch)
    return "".join(out).lower()


def norm_unit(unit: str | None) -> str:
    u = unicodedata.normalize("NFKC", str(unit or "")).strip()
    u = u.replace("μ", "μ").replace("µ", "μ")
    return UNITS.get(u, u)


def to_decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return None


def indicator_key(text: str) -> str:
    t = norm(text)
    for word in ("平均", "浓度", "均值", "均", "同比", "全市", "全县", "全省", "累计"):
        t = t.replace(word, "")
    return t


def indicators_agree(a: str, b: str) -> bool:
    a, b = indicator_key(a), indicator_key(b)
    if not a or not b:
        return True
    if a in b or b in a:
        return True
    grams = lambda s: {s[i : i + 2] for i in range(len(s) - 1)} or {s}
    ga, gb = grams(a), grams(b)
    return len(ga & gb) / len(ga | gb) >= 0.3


class Counts:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def labels(g: Graph, node) -> set[str]:
    out = {norm(o) for o in g.objects(node, RDFS.label)}
    out |= {norm(o) for o in g.objects(node, SKOS.altLabel)}
    out |= {norm(o) for o in g.objects(node, SKOS.prefLabel)}
    return {x for x in out if x}


def main_label(g: Graph, node) -> str:
    found = sorted(norm(o) for o in g.objects(node, RDFS.label))
    return found[0] if found else str(node)


def article_index(g: Graph) -> dict[str, URIRef]:
    index = {}
    for art, path in g.subject_objects(LT.sourcePath):
        index[Path(str(path)).name] = art
    return index


class Matcher:
    """Maps predicted nodes of one type to gold canonical names, one to one."""

    def __init__(self, gold_items: list[dict]) -> None:
        self.forms = []
        for item in gold_items:
            names = {norm(item["name"])} | {norm(a) for a in item.get("aliases") or []}
            self.forms.append((norm(item["name"]), names))

    def match(self, g: Graph, nodes: list) -> tuple[dict, int, int, int]:
        """Return ({node: gold canonical}, tp, fp, fn)."""
        mapping, used = {}, set()
        # nodes whose canonical label hits a canonical gold name first, then the rest
        order = sorted(nodes, key=lambda n: (main_label(g, n) not in {c for c, _ in self.forms}, str(n)))
        for node in order:
            forms = labels(g, node)
            for i, (canon, names) in enumerate(self.forms):
                if i not in used and forms & names:
                    mapping[node] = canon
                    used.add(i)
                    break
        tp = len(used)
        fp = len(nodes) - len(mapping)
        fn = len(self.forms) - tp
        return mapping, tp, fp, fn


def match_targets(golds: list[dict], preds: list[dict]) -> dict[int, int]:
    """Pair gold and predicted targets one to one: same value and unit, agreeing
    indicator. Maximum matching (augmenting paths), trying the closest candidates
    first: same indicator, then same place."""
    cands = []
    for gt in golds:
        gv, gu = to_decimal(gt.get("value")), norm_unit(gt.get("unit"))
        row = []
        for i, pt in enumerate(preds):
            if pt["value"] == gv and pt["unit"] == gu and indicators_agree(gt.get("indicator", ""), pt["indicator"]):
                closeness = (indicator_key(gt.get("indicator", "")) == indicator_key(pt["indicator"])) * 2
                closeness += bool(gt.get("place")) and pt["place"] == norm(gt["place"])
                row.append((-closeness, i))
        cands.append([i for _, i in sorted(row)])
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set) -> bool:
        for pi in cands[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(golds)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def pair_score(pred: set, gold: set) -> tuple[int, int, int]:
    return len(pred & gold), len(pred - gold), len(gold - pred)


def score(graph_path: Path, gold_dir: Path, details: bool = False) -> dict:
    g = Graph()
    g.parse(graph_path)
    articles = article_index(g)
    counts: dict[str, Counts] = defaultdict(Counts)
    misses: dict[str, list] = defaultdict(list)
    # Links are facts of the whole graph: one node serves every article that names
    # it, so its links are pooled over the set rather than judged per article.
    pairs_pred: dict[str, set] = defaultdict(set)
    pairs_gold: dict[str, set] = defaultdict(set)

    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        doc = Path(gold["doc"]).name
        art = articles.get(doc)
        mentioned = sorted(set(g.objects(art, SCHEMA.mentions)), key=str) if art is not None else []
        if art is None:
            misses["articles"].append(doc)

        canon: dict = {}  # predicted node -> gold canonical (or its own label)
        place_names = set()
        for key, cls in ENTITY_TYPES.items():
            nodes = [n for n in mentioned if (n, RDF.type, cls) in g]
            mapping, tp, fp, fn = Matcher(gold.get(key) or []).match(g, nodes)
            counts[key].add(tp, fp, fn)
            for n in nodes:
                canon[n] = mapping.get(n, main_label(g, n))
            if details:
                got = set(mapping.values())
                misses[key] += [f"{doc}: missed {i['name']}" for i in gold.get(key) or [] if norm(i["name"]) not in got]
                misses[key] += [f"{doc}: extra {main_label(g, n)}" for n in nodes if n not in mapping]
        for item in gold.get("places") or []:
            place_names |= {norm(item["name"])} | {norm(a) for a in item.get("aliases") or []}

        def place_of(node) -> str | None:
            if node is None:
                return None
            if (node, RDF.type, LT.Place) in g:
                return canon.get(node, main_label(g, node))
            for p in g.objects(node, LT.jurisdiction):
                return place_of(p)
            return None

        def strip_place(title: str) -> str:
            t = norm(title)
            for name in sorted(place_names, key=len, reverse=True):
                if name and t.startswith(name) and len(t) > len(name):
                    return t[len(name):]
            return t

        # officials: titles, places, agencies
        pred_titles, pred_oplaces, pred_oagencies = set(), set(), set()
        for person in (n for n in mentioned if (n, RDF.type, LT.Official) in g):
            name = canon[person]
            for post in g.objects(person, ORG.holds):
                for role in g.objects(post, ORG.role):
                    for lab in g.objects(role, RDFS.label):
                        pred_titles.add((name, strip_place(lab)))
                places = {place_of(p) for p in g.objects(post, LT.jurisdiction)}
                for agency in g.objects(post, ORG.postIn):
                    pred_oagencies.add((name, canon.get(agency, main_label(g, agency))))
                    places.add(place_of(agency))
                pred_oplaces |= {(name, p) for p in places if p}
        gold_titles, gold_oplaces, gold_oagencies = set(), set(), set()
        for o in gold.get("officials") or []:
            name = norm(o["name"])
            gold_titles |= {(name, strip_place(t)) for t in o.get("titles") or []}
            if o.get("place"):
                gold_oplaces.add((name, norm(o["place"])))
            if o.get("agency"):
                gold_oagencies.add((name, norm(o["agency"])))
        # score official-agency only where gold names an agency for that person
        gold_agency_people = {n for n, _ in gold_oagencies}
        pred_oagencies = {(n, a) for n, a in pred_oagencies if n in gold_agency_people}

        # agency jurisdiction
        pred_aplaces = set()
        for agency in (n for n in mentioned if (n, RDF.type, LT.Agency) in g):
            p = place_of(agency)
            if p:
                pred_aplaces.add((canon[agency], p))
        gold_aplaces = {(norm(a["name"]), norm(a["place"])) for a in gold.get("agencies") or [] if a.get("place")}

        # campaigns run by places
        pred_cplaces = set()
        for camp in (n for n in mentioned if (n, RDF.type, LT.Campaign) in g):
            for who in g.objects(camp, LT.conductedBy):
                p = place_of(who)
                if p:
                    pred_cplaces.add((canon[camp], p))
        gold_cplaces = {(norm(c["name"]), norm(p)) for c in gold.get("campaigns") or [] for p in c.get("places") or []}

        for key, pred, gold_set in (
            ("official~title", pred_titles, gold_titles),
            ("official~place", pred_oplaces, gold_oplaces),
            ("official~agency", pred_oagencies, gold_oagencies),
            ("agency~place", pred_aplaces, gold_aplaces),
            ("campaign~place", pred_cplaces, gold_cplaces),
        ):
            pairs_pred[key] |= pred
            pairs_gold[key] |= gold_set

        # targets: value + unit + agreeing indicator, one to one
        preds = []
        for t in (n for n in mentioned if (n, RDF.type, LT.Target) in g):
            preds.append(
                {
                    "node": t,
                    "indicator": " ".join(str(x) for x in g.objects(t, LT.indicator)),
                    "value": to_decimal(next(iter(g.objects(t, LT.value)), None)),
                    "unit": norm_unit(next(iter(g.objects(t, LT.unit)), "")),
                    "place": place_of(next(iter(g.objects(t, LT.place)), None)),
                }
            )
        golds = gold.get("targets") or []
        match = match_targets(golds, preds)
        tp_t = len(match)
        tp_tp = sum(1 for gi, pi in match.items() if golds[gi].get("place") and preds[pi]["place"] == norm(golds[gi]["place"]))
        if details:
            misses["targets"] += [
                f"{doc}: missed {gt.get('indicator')} {gt.get('value')}{gt.get('unit')}" for gi, gt in enumerate(golds) if gi not in match
            ]
            taken = set(match.values())
            misses["targets"] += [
                f"{doc}: extra {p['indicator']} {p['value']}{p['unit']}" for i, p in enumerate(preds) if i not in taken
            ]
        n_gold_t = len(gold.get("targets") or [])
        counts["targets"].add(tp_t, len(preds) - tp_t, n_gold_t - tp_t)
        n_tp_gold = sum(1 for gt in gold.get("targets") or [] if gt.get("place"))
        n_tp_pred = sum(1 for p in preds if p["place"])
        counts["target~place"].add(tp_tp, n_tp_pred - tp_tp, n_tp_gold - tp_tp)

    for key in pairs_gold.keys() | pairs_pred.keys():
        pred, gold_set = pairs_pred[key], pairs_gold[key]
        counts[key].add(*pair_score(pred, gold_set))
        if details:
            misses[key] += [f"missed {x}" for x in sorted(gold_set - pred)]
            misses[key] += [f"extra {x}" for x in sorted(pred - gold_set)]

    def row(c: Counts) -> dict:
        p, r, f = c.prf()
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": c.tp, "fp": c.fp, "fn": c.fn}

    table = {key: row(counts[key]) for key in ORDER if key in counts}
    total = Counts()
    for c in counts.values():
        total.add(c.tp, c.fp, c.fn)
    table["micro"] = row(total)
    f1s = [table[k]["f1"] for k in ORDER if k in table]
    table["macro"] = {"p": None, "r": None, "f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0, "tp": None, "fp": None, "fn": None}
    return {"scores": table, "details": dict(misses) if details else {}}


def format_table(scores: dict) -> str:
    """The scorer's table: P, R, F1, tp, fp, fn per row."""
    lines = [f"{'':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for key, s in scores.items():
        if s["p"] is None:
            lines.append(f"{key:18} {'':6} {'':6} {s['f1']:6.3f}   (mean F1 of the rows above)")
            continue
        lines.append(f"{key:18} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['tp']:5} {s['fp']:5} {s['fn']:5}")
    return "\n".join(lines)


def run_eval(gold_dir: Path, corpus: Path | None = None, details: bool = False, as_json: bool = False) -> int:
    """Build (or read) a graph and print its scores against ``gold_dir``.

    ``corpus`` is a folder of articles (built into a temporary folder), a build's
    output folder (its graph.ttl is read), or a graph file; by default
    ``gold_dir/articles``.
    """
    import tempfile

    from kg.build import build
    from kg.errors import CorpusError

    if not gold_dir.is_dir() or not any(gold_dir.glob("*.json")):
        raise CorpusError(f"{gold_dir} holds no gold .json files; give a folder of gold annotations")
    corpus = corpus if corpus is not None else gold_dir / "articles"
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        if corpus.is_file():
            graph_path = corpus
        elif (corpus / "graph.ttl").is_file():
            graph_path = corpus / "graph.ttl"
        else:
            build(corpus, Path(tmp), progress=False)
            graph_path = Path(tmp) / "graph.ttl"
        result = score(graph_path, gold_dir, details=details)
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for key, rows in result["details"].items():
        print(f"## {key}")
        for row in rows:
            print("  ", row)
    print(format_table(result["scores"]))
    return 0
