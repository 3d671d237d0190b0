"""The HTML view without a browser: what is drawn, folded, escaped and embedded."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pytest

from kg.graph import KnowledgeGraph
from kg.view import model as view_model
from kg.view import render_html
from kg.view.html import script_json
from kg.view.layout import NODE_GAP, component_layout, force_layout, half_width
from kg.view.model import build_view, sentence_around

ID = "https://w3id.org/lantian/id/"
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "<svg onload=window.__pwned=3>",
    "\"quoted\" 'single' </title> & &amp;",
    "line\u2028sep\u2029para",
]


def small_graph(order: int = 1) -> KnowledgeGraph:
    """One province, one city with an agency and its head, a campaign, a target and one article."""
    kg = KnowledgeGraph()
    text = "青川市生态环境局局长柯远山表示，青川市将开展碧水行动。今年PM2.5浓度下降5%！"
    steps = [
        lambda: kg.add(ID + "place/990000", "Place", "青岚省", adcode="990000", level="province",
                       latitude=30.0, longitude=110.0),
        lambda: kg.add(ID + "place/990100", "Place", "青川市", adcode="990100", level="city",
                       latitude=30.5, longitude=111.0, alt_labels={"青川"}),
        lambda: kg.add(ID + "agency/a", "Agency", "青川市生态环境局"),
        lambda: kg.add(ID + "official/k", "Official", "柯远山"),
        lambda: kg.add(ID + "post/p", "Post", "青川市生态环境局局长"),
        lambda: kg.add(ID + "role/r", "Role", "局长"),
        lambda: kg.add(ID + "campaign/c", "Campaign", "碧水行动"),
        lambda: kg.add(ID + "target/t", "Target", None, indicator="PM2.5浓度", value=5, unit="%",
                       change="下降", target_kind="result"),
        lambda: kg.add(ID + "article/1", "Article", None, headline="青川治水", source_path="a.txt",
                       text=text),
    ]
    for step in steps[::order]:
        step()
    links = [
        ("place/990100", "containedInPlace", "place/990000"),
        ("agency/a", "jurisdiction", "place/990100"),
        ("official/k", "holds", "post/p"),
        ("post/p", "heldBy", "official/k"),
        ("post/p", "role", "role/r"),
        ("post/p", "postIn", "agency/a"),
        ("campaign/c", "conductedBy", "place/990100"),
        ("target/t", "place", "place/990100"),
        ("target/t", "campaign", "campaign/c"),
    ]
    for s, p, o in links[::order]:
        kg.link(ID + s, p, ID + o)
    for n, (anchor, iri) in enumerate([("青川市生态环境局", "agency/a"), ("柯远山", "official/k"),
                                       ("青川市", "place/990100"), ("碧水行动", "campaign/c")]):
        begin = text.index(anchor) if anchor != "青川市" else text.index(anchor, 12)
        m = kg.add(f"{ID}mention/{n}", "Mention", None, begin=begin, end=begin + len(anchor), anchor=anchor)
        kg.link(m, "article", ID + "article/1")
        kg.link(m, "denotes", ID + iri)
        kg.link(ID + "article/1", "mentions", ID + iri)
    return kg


def hostile_graph() -> KnowledgeGraph:
    """Every label and sentence carries markup that would run if it reached an HTML sink."""
    kg = KnowledgeGraph()
    text = "".join(f"报道称{h}出席会议。" for h in HOSTILE)
    art = kg.add(ID + "article/x", "Article", None, headline=HOSTILE[0] + "标题", source_path="x.txt",
                 text=text)
    place = kg.add(ID + "place/x", "Place", HOSTILE[3], alt_labels={HOSTILE[2]})
    for n, h in enumerate(HOSTILE):
        who = kg.add(f"{ID}official/{n}", "Official", h, alt_labels={h + "别名"})
        post = kg.add(f"{ID}post/{n}", "Post", h + "职位")
        role = kg.add(f"{ID}role/{n}", "Role", h[:6] + "</title>")
        agency = kg.add(f"{ID}agency/{n}", "Agency", "局" + h)
        kg.link(who, "holds", post)
        kg.link(post, "role", role)
        kg.link(post, "postIn", agency)
        kg.link(agency, "jurisdiction", place)
        begin = text.index(h)
        m = kg.add(f"{ID}mention/{n}", "Mention", None, begin=begin, end=begin + len(h), anchor=h)
        kg.link(m, "article", art)
        kg.link(m, "denotes", who)
        kg.link(art, "mentions", who)
    return kg


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="lt-data">(.*?)</script>', html, re.S)
    assert match, "the page embeds its data as application/json"
    return json.loads(match.group(1))


def test_script_json_escapes_markup_and_line_separators() -> None:
    text = script_json({"k": HOSTILE})
    for ch in "<>&\u2028\u2029":
        assert ch not in text
    assert json.loads(text) == {"k": HOSTILE}


def test_posts_roles_mentions_are_folded_not_drawn() -> None:
    view = build_view(small_graph())
    kinds = sorted(n["k"] for n in view["nodes"])
    assert kinds == ["Agency", "Article", "Campaign", "Official", "Place", "Place", "Target"]
    person = next(n for n in view["nodes"] if n["k"] == "Official")
    assert person["p"] == ["局长 @ 青川市生态环境局"]
    agency = next(n for n in view["nodes"] if n["k"] == "Agency")
    assert agency["st"] == ["柯远山 — 局长"]
    # the folded post becomes one link official → agency labelled with the role
    names = [n["l"] for n in view["nodes"]]
    post_links = [e for e in view["edges"] if e[2] == "post"]
    assert [(names[e[0]], names[e[1]], e[3]) for e in post_links] == [("柯远山", "青川市生态环境局", "局长")]
    assert {c["kind"]: c["count"] for c in view["folded"]} == {"Post": 1, "Role": 1, "Mention": 4}


def test_mentions_carry_their_sentence_and_article_title() -> None:
    view = build_view(small_graph())
    person = next(n for n in view["nodes"] if n["k"] == "Official")
    assert person["mc"] == 1
    title, sentence, b, e = person["m"][0]
    assert title == "青川治水"
    assert sentence == "青川市生态环境局局长柯远山表示，青川市将开展碧水行动。"
    assert sentence[b:e] == "柯远山"
    target = next(n for n in view["nodes"] if n["k"] == "Target")
    assert target["l"] == "PM2.5浓度 5%"
    assert ["变化", "下降"] in target["f"]


def test_sentence_around_stops_at_sentence_punctuation_and_cuts_long_ones() -> None:
    text = "第一句。第二句有名字甲乙丙在此；第三句！"
    s, b, e = sentence_around(text, text.index("甲乙丙"), text.index("甲乙丙") + 3)
    assert (s, s[b:e]) == ("第二句有名字甲乙丙在此；", "甲乙丙")
    long_text = "长" * 500 + "目标" + "尾" * 500 + "。"
    s, b, e = sentence_around(long_text, 500, 502)
    assert s[b:e] == "目标" and s.startswith("…") and s.endswith("…")
    assert len(s) <= view_model.MAX_SENTENCE + 2
    s, b, e = sentence_around("行一\n行二里有词\n行三", 7, 8)
    assert s == "行二里有词" and s[b:e] == "词"


def test_links_are_named_in_chinese_with_the_english_term() -> None:
    view = build_view(small_graph())
    assert view["rels"]["containedInPlace"]["zh"] == "隶属"
    assert "schema:containedInPlace" in view["rels"]["containedInPlace"]["en"]
    assert "org:postIn" in view["rels"]["post"]["en"]
    assert set(view["rels"]) == {e[2] for e in view["edges"]}


def test_region_filter_anchors_follow_jurisdiction() -> None:
    view = build_view(small_graph())
    names = [n["l"] for n in view["nodes"]]
    city = names.index("青川市")
    by_name = {n["l"]: n for n in view["nodes"]}
    assert by_name["青川市"]["up"] == names.index("青岚省")
    for name in ("青川市生态环境局", "柯远山", "碧水行动", "PM2.5浓度 5%", "青川治水"):
        assert by_name[name]["s"] == [city], name


def test_same_graph_gives_the_same_bytes_whatever_the_insertion_order() -> None:
    first = render_html(small_graph(order=1))
    assert render_html(small_graph(order=1)) == first
    assert render_html(small_graph(order=-1)) == first


def test_page_is_self_contained() -> None:
    html = render_html(small_graph())
    assert not re.search(r"<(script|img|iframe|link)[^>]*\s(src|href)=", html, re.I)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "bootstrap" not in html.lower()
    assert len(re.findall(r"^<script", html, re.M)) == 3  # data, vis-network, the view


def test_csp_allows_exactly_the_page_scripts() -> None:
    html = render_html(small_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_hostile_text_never_appears_as_markup() -> None:
    html = render_html(hostile_graph())
    vis = re.findall(r"^<script>\n(.*?)\n</script>", html, re.S | re.M)[0]
    page = html.replace(vis, "")  # vis-network's own code is not under test here
    for h in HOSTILE:
        assert h not in page
    data = re.search(r'id="lt-data">(.*?)</script>', page, re.S).group(1)
    assert "__pwned" in data and "onerror" in data  # the text is there, escaped inside the JSON
    outside = page.replace(data, "")
    assert "__pwned" not in outside and "onerror" not in outside and "onload" not in outside
    assert page.count("</title>") == 1
    assert page.count("</script>") == 3
    data = page_data(html)
    labels = {n["l"] for n in data["nodes"]}
    assert set(HOSTILE) <= labels  # round-trips exactly, nothing lost or double-escaped


def test_large_graphs_open_on_the_biggest_places(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.view.synthetic import synthetic_graph

    monkeypatch.setattr(view_model, "LARGE", 100)
    monkeypatch.setattr(view_model, "INITIAL_LIMIT", 60)
    view = build_view(synthetic_graph(300))
    initial = view["initial"]
    assert initial is not None and 0 < len(initial) <= 60
    weight = {}
    for n in view["nodes"]:
        for a in n.get("s", ()):
            weight[a] = weight.get(a, 0) + 1
    assert max(weight, key=lambda i: (weight[i], -i)) in initial
    monkeypatch.setattr(view_model, "LARGE", 100_000)
    assert build_view(synthetic_graph(300))["initial"] is None


def test_layout_is_seeded_bounded_and_respects_pinned_nodes() -> None:
    edges = [(i, (i * 7) % 50) for i in range(50)]
    a = force_layout(50, edges)
    assert (a == force_layout(50, edges)).all()
    assert abs(a).max() <= half_width(50) == 600
    big = [(i, i // 2) for i in range(1, 800)]
    b = force_layout(800, big)  # the particle-mesh path
    assert abs(b).max() <= half_width(800) and len({tuple(p) for p in b.tolist()}) > 780
    pinned = force_layout(50, edges, fixed={0: (100.0, -200.0), 1: (-300.0, 50.0)})
    assert tuple(pinned[0]) == (100.0, -200.0) and tuple(pinned[1]) == (-300.0, 50.0)


def test_geographic_layout_only_with_coordinates() -> None:
    view = build_view(small_graph())
    assert view["geo"] is True
    by_name = {n["l"]: n for n in view["nodes"]}
    # east is right, north is up (vis-network's y grows downwards)
    assert by_name["青川市"]["gx"] > by_name["青岚省"]["gx"]
    assert by_name["青川市"]["gy"] < by_name["青岚省"]["gy"]
    assert build_view(hostile_graph())["geo"] is False


def test_empty_graph_renders() -> None:
    data = page_data(render_html(KnowledgeGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_two_posts_in_one_body_make_one_link_with_both_titles() -> None:
    kg = small_graph()
    post = kg.add(ID + "post/q", "Post", "青川市生态环境局党组书记")
    role = kg.add(ID + "role/s", "Role", "党组书记")
    kg.link(ID + "official/k", "holds", post)
    kg.link(post, "role", role)
    kg.link(post, "postIn", ID + "agency/a")
    view = build_view(kg)
    post_links = [e for e in view["edges"] if e[2] == "post"]
    assert len(post_links) == 1 and post_links[0][3] == "党组书记、局长"
    person = next(n for n in view["nodes"] if n["k"] == "Official")
    assert person["p"] == ["党组书记 @ 青川市生态环境局", "局长 @ 青川市生态环境局"]


def test_components_are_laid_out_apart_and_spaced_for_reading() -> None:
    star = [(0, i) for i in range(1, 30)]  # a hub with 29 leaves
    chain = [(30 + i, 31 + i) for i in range(19)]  # and a separate chain of 20
    pos = component_layout(50, star + chain)
    assert (pos == component_layout(50, star + chain)).all()
    a, b = pos[:30], pos[30:]
    a_lo, a_hi, b_lo, b_hi = a.min(axis=0), a.max(axis=0), b.min(axis=0), b.max(axis=0)
    assert (a_hi < b_lo).any() or (b_hi < a_lo).any(), "the two components' boxes overlap"
    d = ((a[:, None, :] - a[None, :, :]) ** 2).sum(axis=2) ** 0.5
    d[range(30), range(30)] = float("inf")
    assert (d.min(axis=1) >= NODE_GAP * 0.5).mean() >= 0.8  # most leaves are apart
