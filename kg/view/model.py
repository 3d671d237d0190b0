"""What the page shows, derived from the graph: nodes, links and panels.

Posts, roles and mentions are not drawn as nodes: a post is folded into its
holder's panel ("局长 @ 某市生态环境局") and into one link from the official to
the agency (or place) where the post is; a mention becomes a source sentence
in the panel of the entity it denotes. Everything else is a node, with the
links between them, so the picture shows who governs what and where.

The result is plain data (lists, dicts, strings, numbers) with sorted,
index-based references, so the same graph always gives the same page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.graph import EDGES, KnowledgeGraph
from kg.view.layout import component_layout, force_layout, half_width, project

FOLDED = ("Post", "Role", "Mention")
SENTENCE_END = "。！？；!?;\n"
MAX_SENTENCE = 160  # characters of context kept around a mention
MAX_MENTIONS = 25  # source sentences per panel
LARGE = 6000  # graphs with more drawn nodes than this open on a subset
INITIAL_LIMIT = 3000  # of about this many nodes


@dataclass(frozen=True)
class KindStyle:
    zh: str
    color: str
    shape: str
    symbol: str  # for the legend


KINDS: dict[str, KindStyle] = {
    "Place": KindStyle("地点", "#2f9e44", "dot", "●"),
    "Region": KindStyle("区域", "#0c8599", "hexagon", "⬢"),
    "Agency": KindStyle("机构", "#1971c2", "square", "■"),
    "Official": KindStyle("官员", "#e8590c", "star", "★"),
    "Campaign": KindStyle("行动", "#9c36b5", "diamond", "◆"),
    "Target": KindStyle("指标", "#c92a2a", "triangle", "▲"),
    "Article": KindStyle("文章", "#868e96", "triangleDown", "▼"),
}
FOLDED_ZH = {"Post": "职位", "Role": "职务", "Mention": "提及"}

# Link names: Chinese on the canvas, the English term in the tooltip.
RELATIONS: dict[str, tuple[str, str]] = {
    "containedInPlace": ("隶属", "schema:containedInPlace — is part of the place"),
    "jurisdiction": ("辖区", "lt:jurisdiction — governs the place"),
    "subOrganizationOf": ("上级机构", "org:subOrganizationOf — is part of the organisation"),
    "conductedBy": ("实施", "lt:conductedBy — is run by"),
    "place": ("地点", "lt:place — applies to the place"),
    "campaign": ("所属行动", "lt:campaign — belongs to the campaign"),
    "mentions": ("提及", "schema:mentions — the article names it"),
    "post": ("任职", "org:holds → org:Post → org:postIn — holds a post in"),
    "postPlace": ("任职地", "org:holds → org:Post → lt:jurisdiction — holds a post for the place"),
}
# Node attributes listed in the side panel, with their Chinese names.
FACTS = (
    ("adcode", "行政区划代码"), ("level", "层级"), ("indicator", "指标"), ("value", "数值"),
    ("unit", "单位"), ("change", "变化"), ("target_kind", "类别"), ("date", "日期"),
    ("source_path", "文件"), ("byline", "作者"),
)
DIRECT = ("containedInPlace", "jurisdiction", "subOrganizationOf", "conductedBy", "place", "campaign",
          "mentions")


def _label(kind: str, d: dict, iri: str) -> str:
    if kind == "Target":
        value = d.get("value")
        text = f"{d.get('indicator') or d.get('label') or '指标'}"
        if value is not None:
            text += f" {_number(value)}{d.get('unit') or ''}"
        return text
    if kind == "Article":
        return str(d.get("headline") or d.get("label") or d.get("source_path") or iri.rsplit("/", 1)[-1])
    return str(d.get("label") or iri.rsplit("/", 1)[-1])


def _number(value: object) -> str:
    text = str(value)
    return text[:-2] if text.endswith(".0") else text


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def sentence_around(text: str, begin: int, end: int) -> tuple[str, int, int]:
    """The sentence of ``text`` holding [begin, end), and the span's offsets in it.

    A sentence runs between the punctuation marks in SENTENCE_END; very long
    ones are cut to MAX_SENTENCE characters around the span, marked with "…".
    """
    begin = max(0, min(begin, len(text)))
    end = max(begin, min(end, len(text)))
    start = begin
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    stop = end
    while stop < len(text) and text[stop] not in SENTENCE_END:
        stop += 1
    if stop < len(text) and text[stop] != "\n":
        stop += 1
    while start < begin and text[start].isspace():
        start += 1
    prefix = suffix = ""
    room = max(0, MAX_SENTENCE - (end - begin)) // 2
    if begin - start > room:
        start, prefix = begin - room, "…"
    if stop - end > room:
        stop, suffix = end + room, "…"
    sentence = prefix + text[start:stop].rstrip() + suffix
    b = len(prefix) + begin - start
    return sentence, b, b + end - begin


def build_view(kg: KnowledgeGraph) -> dict:
    """The page's data: see the module docstring; cost O(nodes + edges) plus the layout."""
    g = kg.g
    names = {str(v): k for k, v in EDGES.items()}

    def rel(data: dict, key: object) -> str:
        return str(data.get("name") or names.get(str(key), str(key).rsplit("/", 1)[-1].rsplit("#", 1)[-1]))

    iris = sorted(n for n, d in g.nodes(data=True) if d.get("kind") in KINDS)
    index = {iri: i for i, iri in enumerate(iris)}
    out_edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, o, key, data in g.edges(keys=True, data=True):
        out_edges[s][rel(data, key)].append(o)
    for targets in out_edges.values():
        for lst in targets.values():
            lst.sort()

    def first(node: str, name: str) -> str | None:
        lst = out_edges.get(node, {}).get(name)
        return lst[0] if lst else None

    kind_of = {n: d.get("kind") for n, d in g.nodes(data=True)}
    label_of = {n: _label(kind_of[n], d, n) for n, d in g.nodes(data=True) if kind_of[n] != "Mention"}

    links: set[tuple[int, int, str, str]] = set()
    for s in iris:
        for name in DIRECT:
            for o in out_edges.get(s, {}).get(name, ()):
                if o in index and o != s:
                    links.add((index[s], index[o], name, ""))

    # posts: fold into the holder's panel and one link per post
    posts: dict[str, list[str]] = defaultdict(list)
    staff: dict[str, list[str]] = defaultdict(list)
    anchors: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[str]] = defaultdict(set)
    for s, targets in out_edges.items():
        if kind_of.get(s) == "Post":
            for who in targets.get("heldBy", ()):
                holders[s].add(who)
    for person in sorted(n for n in g if kind_of[n] == "Official"):
        for post in out_edges.get(person, {}).get("holds", ()):
            holders[post].add(person)
    for post in sorted(holders):
        role = first(post, "role")
        role_label = (label_of.get(role, "") if role else "") or "职位"  # a post without a title
        body = first(post, "postIn")
        where = first(post, "jurisdiction")
        at = body or where
        text = role_label + (f" @ {label_of[at]}" if at in label_of else "")
        for person in sorted(holders[post]):
            if person not in index:
                continue
            posts[person].append(text)
            if at in index:
                links.add((index[person], index[at], "post" if body else "postPlace", role_label))
                staff[at].append(f"{label_of[person]} — {role_label}")
                anchors[person].add(at)

    # mentions: fold into the denoted node's panel as source sentences
    mentions: dict[str, list[tuple]] = defaultdict(list)
    mention_count: dict[str, int] = defaultdict(int)
    for m in sorted(n for n in g if kind_of[n] == "Mention"):
        d = g.nodes[m]
        art = first(m, "article")
        denoted = first(m, "denotes")
        if denoted not in index or art is None:
            continue
        mention_count[denoted] += 1
        text = str(g.nodes[art].get("text") or "") if art in g else ""
        begin, end = d.get("begin"), d.get("end")
        if text and isinstance(begin, int) and isinstance(end, int):
            sentence, b, e = sentence_around(text, begin, end)
        else:
            sentence = str(d.get("anchor") or label_of[denoted])
            b, e = 0, len(sentence)
        title = label_of.get(art, "")
        mentions[denoted].append((title, begin if isinstance(begin, int) else 0, sentence, b, e))

    # where each node is, for the province/city filter
    place_parent: dict[int, int] = {}
    for iri in iris:
        if kind_of[iri] in ("Place", "Region"):
            anchors[iri].add(iri)
            parent = first(iri, "containedInPlace")
            if parent in index:
                place_parent[index[iri]] = index[parent]
    for iri in iris:
        k = kind_of[iri]
        if k == "Agency":
            anchors[iri].update(out_edges.get(iri, {}).get("jurisdiction", ()))
        elif k == "Target":
            anchors[iri].update(out_edges.get(iri, {}).get("place", ()))
        elif k == "Campaign":
            anchors[iri].update(out_edges.get(iri, {}).get("conductedBy", ()))
        elif k == "Article":
            anchors[iri].update(o for o in out_edges.get(iri, {}).get("mentions", ())
                                if kind_of.get(o) in ("Place", "Region"))
    for iri in iris:  # agencies and campaigns stand for their places
        resolved = set()
        for a in anchors[iri]:
            if kind_of.get(a) in ("Place", "Region"):
                resolved.add(a)
            else:
                resolved.update(x for x in anchors.get(a, ()) if kind_of.get(x) in ("Place", "Region"))
        anchors[iri] = resolved

    nodes = []
    for iri in iris:
        d = g.nodes[iri]
        k = kind_of[iri]
        full = label_of[iri]
        node: dict = {"k": k, "l": full, "iri": iri}
        alts = sorted(str(a) for a in d.get("alt_labels") or () if str(a) != full)
        if k == "Target" and d.get("label") and d["label"] != full:
            alts.insert(0, str(d["label"]))
        if alts:
            node["a"] = alts
        facts = []
        for key, zh in FACTS:
            if d.get(key) is not None and d.get(key) != "":
                facts.append([zh, _number(d[key]) if key == "value" else str(d[key])])
        if d.get("latitude") is not None and d.get("longitude") is not None:
            facts.append(["经纬度", f"{float(d['latitude']):.4f}, {float(d['longitude']):.4f}"])
        if facts:
            node["f"] = facts
        if posts.get(iri):
            node["p"] = sorted(set(posts[iri]))
        if staff.get(iri):
            node["st"] = sorted(set(staff[iri]))
        ms = sorted(mentions.get(iri, ()))
        if ms:
            node["m"] = [[t, s, b, e] for t, _, s, b, e in ms[:MAX_MENTIONS]]
            node["mc"] = mention_count[iri]
        if anchors[iri]:
            node["s"] = sorted(index[a] for a in anchors[iri] if a in index)
        if iri in index and index[iri] in place_parent:
            node["up"] = place_parent[index[iri]]
        nodes.append(node)

    ordered = _merge_post_links(links)
    degree = [0] * len(nodes)
    for s, o, _, _ in ordered:
        degree[s] += 1
        degree[o] += 1
    pairs = [(s, o) for s, o, _, _ in ordered]
    pos = component_layout(len(nodes), pairs)
    for i, node in enumerate(nodes):
        node["x"], node["y"] = float(pos[i, 0]), float(pos[i, 1])
        node["d"] = degree[i]

    coords = {}
    for i, iri in enumerate(iris):
        d = g.nodes[iri]
        if d.get("latitude") is not None and d.get("longitude") is not None:
            coords[i] = (float(d["latitude"]), float(d["longitude"]))
    geo = len(coords) >= 2
    if geo:
        gpos = force_layout(len(nodes), pairs, fixed=project(coords, half_width(len(nodes))))
        for i, node in enumerate(nodes):
            node["gx"], node["gy"] = float(gpos[i, 0]), float(gpos[i, 1])

    counts = defaultdict(int)
    for _, d in g.nodes(data=True):
        counts[str(d.get("kind"))] += 1
    rels_used = sorted({name for _, _, name, _ in ordered})
    return {
        "kinds": [{"kind": k, "zh": s.zh, "color": s.color, "shape": s.shape, "symbol": s.symbol,
                   "count": counts.get(k, 0)} for k, s in KINDS.items()],
        "folded": [{"kind": k, "zh": zh, "count": counts.get(k, 0)} for k, zh in FOLDED_ZH.items()],
        "rels": {name: {"zh": RELATIONS[name][0], "en": RELATIONS[name][1]} for name in rels_used},
        "nodes": nodes,
        "edges": [[s, o, name, label] if label else [s, o, name] for s, o, name, label in ordered],
        "geo": geo,
        "initial": _initial_subset(nodes, ordered),
        "graph": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()},
    }


def _merge_post_links(links: set[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """One link per (official, place or agency): two posts in one body would
    otherwise draw two edges on top of each other; their titles are joined,
    and the bare "职位" (a post without a title) goes when a title is known."""
    titles: dict[tuple[int, int, str], set[str]] = defaultdict(set)
    for s, o, name, label in links:
        titles[(s, o, name)].add(label)
    merged = []
    for (s, o, name), labels in titles.items():
        named = sorted(lab for lab in labels if lab and lab != "职位")
        merged.append((s, o, name, "、".join(named) if named else ("职位" if "职位" in labels else "")))
    return sorted(merged)


def _initial_subset(nodes: list[dict], links: list[tuple[int, int, str, str]]) -> list[int] | None:
    """For a very large graph, the nodes shown first: the places with the most
    nodes around them, each with its neighbourhood, up to INITIAL_LIMIT nodes."""
    if len(nodes) <= LARGE:
        return None
    neighbours: dict[int, set[int]] = defaultdict(set)
    for s, o, _, _ in links:
        neighbours[s].add(o)
        neighbours[o].add(s)
    weight = defaultdict(int)
    for node in nodes:
        for a in node.get("s", ()):
            weight[a] += 1
    hubs = [i for i, n in enumerate(nodes) if n["k"] in ("Place", "Region")]
    hubs.sort(key=lambda i: (-weight[i], -len(neighbours[i]), i))
    if not hubs:
        hubs = sorted(range(len(nodes)), key=lambda i: (-len(neighbours[i]), i))
    chosen: set[int] = set()
    for hub in hubs:
        if len(chosen) >= INITIAL_LIMIT:
            break
        chosen.add(hub)
        for nb in sorted(neighbours[hub], key=lambda i: (-len(neighbours[i]), i)):
            if len(chosen) >= INITIAL_LIMIT:
                break
            chosen.add(nb)
    return sorted(chosen)
