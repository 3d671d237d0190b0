"""The named queries in ontology/queries answer their questions.

Every named query is about one place (mention_provenance: one thing), with a
default when run as written (the place with the most places directly inside
it) and a focus that kg.query.named sets. Three layers: every query parses and
runs in both engines (pyoxigraph, rdflib) with the same answer, as written and
for several focuses, on a small hand-written graph whose expected rows are
known exactly; the seed build gives the rows that the seed articles' gold
annotations call for (seed names are allowed here: these tests assert on the
seed corpus); and a two-article corpus of invented text checks the
cross-article count end to end.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from kg.errors import QueryError
from kg.query.named import has_focus, with_focus

QUERIES = Path(__file__).resolve().parent.parent / "ontology" / "queries"
QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))

Row = dict[str, str]


def query_text(name: str, focus: str | None = None) -> str:
    """The named query as written (its default focus), or asking about ``focus``."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    return text if focus is None else with_focus(text, focus)


def run_oxigraph(store: pyoxigraph.Store, name: str, focus: str | None = None) -> list[Row]:
    """Rows as {variable: lexical form}; unbound variables are left out."""
    solutions = store.query(query_text(name, focus))
    names = [v.value for v in solutions.variables]
    rows = []
    for sol in solutions:
        row = {}
        for var in names:
            term = sol[var]
            if term is not None:
                row[var] = term.value
        rows.append(row)
    return rows


def run_rdflib(graph: Graph, name: str, focus: str | None = None) -> list[Row]:
    result = graph.query(query_text(name, focus))
    names = [str(v) for v in result.vars or []]
    rows = []
    for sol in result:
        rows.append({var: str(sol[var]) for var in names if sol[var] is not None})
    return rows


def oxigraph_store(ttl: str | Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    if isinstance(ttl, Path):
        store.load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
    else:
        store.load(ttl.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def pick(rows: list[Row], *keys: str) -> set[tuple[str | None, ...]]:
    return {tuple(row.get(k) for k in keys) for row in rows}


# ---------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_there_are_named_queries() -> None:
    assert {
        "agency_leaders", "place_targets", "place_campaigns", "officials_multi_articles",
        "agencies_by_place", "mention_provenance",
    } <= set(QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_header_has_title_and_descriptions_in_both_languages(name: str) -> None:
    lines = query_text(name).splitlines()
    titles = [ln.removeprefix("# title:").strip() for ln in lines if ln.startswith("# title:")]
    descriptions = [
        ln.removeprefix("# description:").strip() for ln in lines if ln.startswith("# description:")
    ]
    assert len(titles) == 1, f"{name}: one '# title: 中文 / English' line"
    zh, sep, en = titles[0].partition(" / ")
    assert sep and HAN.search(zh) and en and not HAN.search(en), f"{name}: title {titles[0]!r}"
    assert len(descriptions) == 2, f"{name}: two '# description:' lines, Chinese then English"
    assert HAN.search(descriptions[0]) and re.search(r"[A-Za-z]{4}", descriptions[1])
    assert lines[0].startswith("# title:"), f"{name}: the header comes first"


# ---------------------------------------------------------------------------
# A hand-written graph (invented names) with exactly known answers
# ---------------------------------------------------------------------------

TEXT_ONE = "青禾市生态环境局局长石明远说，青禾市PM2.5平均浓度同比下降5.2%。松川县县长周海平出席。"
TEXT_TWO = "石明远和副局长林晓到松川县调研，松川县力争优良天数达到300天。"

MINI = f"""
@prefix lt: <https://w3id.org/lantian/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix : <https://w3id.org/lantian/id/> .

:prov a lt:Place ; rdfs:label "云岭省"@zh ; lt:adcode "990000" .
:city a lt:Place ; rdfs:label "青禾市"@zh ; lt:adcode "990100" ; schema:containedInPlace :prov .
:county a lt:Place ; rdfs:label "松川县"@zh ; lt:adcode "990121" ; schema:containedInPlace :city .

:bureau a lt:Agency , org:Organization ; rdfs:label "青禾市生态环境局"@zh ; lt:jurisdiction :city .
:cgov a lt:Agency , org:Organization ; rdfs:label "松川县政府"@zh ; lt:jurisdiction :county .
:ministry a lt:Agency , org:Organization ; rdfs:label "水务部"@zh .

:shi a lt:Official , foaf:Person ; rdfs:label "石明远"@zh ; org:holds :p1 , :p2 .
:p1 a org:Post ; org:role :chief ; org:postIn :bureau .
:p2 a org:Post ; org:role :secretary ; org:postIn :bureau .
:lin a lt:Official , foaf:Person ; rdfs:label "林晓"@zh ; org:holds :p3 .
:p3 a org:Post ; org:role :deputy ; org:postIn :bureau .
:zhou a lt:Official , foaf:Person ; rdfs:label "周海平"@zh ; org:holds :p4 .
:p4 a org:Post ; org:role :countyHead ; lt:jurisdiction :county .
:han a lt:Official , foaf:Person ; rdfs:label "韩松"@zh ; org:holds :p5 , :p6 .
:p5 a org:Post ; org:role :member ; lt:jurisdiction :county .
:p6 a org:Post ; org:role :clerk ; org:postIn :cgov .
:qian a lt:Official , foaf:Person ; rdfs:label "钱程"@zh ; org:holds :p7 .
:p7 a org:Post ; org:role :secretary .
:chief a org:Role ; rdfs:label "局长"@zh .
:secretary a org:Role ; rdfs:label "党组书记"@zh .
:deputy a org:Role ; rdfs:label "副局长"@zh .
:countyHead a org:Role ; rdfs:label "县长"@zh .
:member a org:Role ; rdfs:label "县委常委"@zh .
:clerk a org:Role ; rdfs:label "主任科员"@zh .

:creek a lt:Campaign ; rdfs:label "清溪攻坚行动"@zh ; lt:conductedBy :city .
:fields a lt:Campaign ; rdfs:label "碧野三年行动"@zh ; lt:conductedBy :cgov , :ministry .

:t1 a lt:Target ; lt:indicator "PM2.5平均浓度"@zh ; lt:value 5.2 ; lt:unit "%" ;
    lt:change "同比下降"@zh ; lt:kind "result" ; lt:place :city ; lt:campaign :creek .
:t2 a lt:Target ; lt:indicator "优良天数"@zh ; lt:value 300.0 ; lt:unit "天" ;
    lt:kind "goal" ; lt:place :county .

:a1 a schema:NewsArticle ; lt:sourcePath "a/one.txt" ; schema:text "{TEXT_ONE}"@zh ;
    schema:mentions :city , :bureau , :shi , :t1 , :county , :zhou .
:a2 a schema:NewsArticle ; lt:sourcePath "b/two.txt" ; schema:text "{TEXT_TWO}"@zh ;
    schema:mentions :shi , :lin , :county , :t2 .

:m1 a lt:Mention ; lt:article :a1 ; lt:denotes :shi ;
    nif:beginIndex {TEXT_ONE.index("石明远")} ; nif:endIndex {TEXT_ONE.index("石明远") + 3} ;
    nif:anchorOf "石明远"@zh .
:m2 a lt:Mention ; lt:article :a2 ; lt:denotes :shi ;
    nif:beginIndex 0 ; nif:endIndex 3 ; nif:anchorOf "石明远"@zh .
:m3 a lt:Mention ; lt:article :a1 ; lt:denotes :t1 ;
    nif:beginIndex {TEXT_ONE.index("PM2.5")} ; nif:endIndex {TEXT_ONE.index("。")} ;
    nif:anchorOf "PM2.5平均浓度同比下降5.2%"@zh .
"""


@pytest.fixture(scope="module")
def mini_store() -> pyoxigraph.Store:
    return oxigraph_store(MINI)


@pytest.fixture(scope="module")
def mini_graph() -> Graph:
    return Graph().parse(data=MINI, format="turtle")


def _canonical(rows: list[Row]) -> list[tuple]:
    out = []
    for row in rows:
        row = dict(row)
        if "sourcePaths" in row:  # GROUP_CONCAT order is up to the engine
            row["sourcePaths"] = " | ".join(sorted(row["sourcePaths"].split(" | ")))
        if "value" in row:
            row["value"] = str(Decimal(row["value"]).normalize())
        out.append(tuple(sorted(row.items())))
    return sorted(out)


FOCUSES = [None, "云岭省", "青禾市", "松川县", "石明远", "清溪攻坚行动", "无此地"]


@pytest.mark.parametrize("focus", FOCUSES)
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_engines_agree(name: str, focus: str | None, mini_store: pyoxigraph.Store,
                       mini_graph: Graph) -> None:
    ox = run_oxigraph(mini_store, name, focus)
    rl = run_rdflib(mini_graph, name, focus)
    if focus is None:
        assert ox, f"{name} as written found nothing in the hand-written graph"
    if focus == "无此地":
        assert ox == []  # a name the graph does not hold: no rows, not everything
    assert _canonical(ox) == _canonical(rl)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_named_query_takes_a_focus(name: str) -> None:
    text = query_text(name)
    assert has_focus(text)
    focused = with_focus(text, '某"地')
    assert not has_focus(focused)
    assert 'VALUES ?focusLabel { "某\\"地"@zh }' in focused
    assert "default focus" not in focused.split("VALUES ?focusLabel", 1)[1].split("\n", 1)[0]


def test_with_focus_refuses_what_it_cannot_do() -> None:
    with pytest.raises(QueryError, match="no default focus"):
        with_focus("SELECT * WHERE { ?s ?p ?o }", "某市")
    with pytest.raises(QueryError, match="empty"):
        with_focus(query_text("place_targets"), " ")


def test_default_focus_is_the_broadest_region(mini_store: pyoxigraph.Store) -> None:
    # 云岭省 and 青禾市 each hold one place directly; the tie goes to the
    # smaller IRI (:city), whose places are 青禾市 and 松川县.
    rows = run_oxigraph(mini_store, "agencies_by_place")
    assert {r["placeLabel"] for r in rows} == {"青禾市", "松川县"}


def test_agency_leaders_mini(mini_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(mini_store, "agency_leaders")
    assert pick(rows, "officialLabel", "roleLabel", "agencyLabel", "placeLabel") == {
        ("石明远", "局长", "青禾市生态环境局", "青禾市"),
        ("石明远", "党组书记", "青禾市生态环境局", "青禾市"),
        ("周海平", "县长", None, "松川县"),  # no agency named: listed by jurisdiction
    }
    # left out: 副局长 (deputy), 县委常委 and 主任科员 (not heads), and a
    # 党组书记 post with neither agency nor place.
    county = run_oxigraph(mini_store, "agency_leaders", "松川县")
    assert pick(county, "officialLabel", "roleLabel") == {("周海平", "县长")}


def test_place_targets_mini(mini_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(mini_store, "place_targets")
    assert pick(rows, "placeLabel", "indicator", "value", "unit", "change", "kind", "campaignLabel",
                "sourcePath") == {
        ("青禾市", "PM2.5平均浓度", "5.2", "%", "同比下降", "result", "清溪攻坚行动", "a/one.txt"),
        ("松川县", "优良天数", "300", "天", None, "goal", None, "b/two.txt"),
    }
    county = run_oxigraph(mini_store, "place_targets", "松川县")
    assert pick(county, "placeLabel", "indicator") == {("松川县", "优良天数")}


def test_place_campaigns_mini(mini_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(mini_store, "place_campaigns")
    assert pick(rows, "placeLabel", "campaignLabel", "byLabel") == {
        ("青禾市", "清溪攻坚行动", "青禾市"),  # conducted by the place itself
        ("松川县", "碧野三年行动", "松川县政府"),  # by the county's government
    }  # 水务部 has no jurisdiction, so it adds no place
    assert run_oxigraph(mini_store, "place_campaigns", "云岭省") == rows


def test_officials_multi_articles_mini(mini_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(mini_store, "officials_multi_articles")
    assert len(rows) == 1
    assert rows[0]["officialLabel"] == "石明远"
    assert rows[0]["articles"] == "2"
    assert sorted(rows[0]["sourcePaths"].split(" | ")) == ["a/one.txt", "b/two.txt"]
    # Both articles mention 松川县; 周海平 is named in one of them only.
    county = run_oxigraph(mini_store, "officials_multi_articles", "松川县")
    assert pick(county, "officialLabel", "articles") == {("石明远", "2")}


def test_agencies_by_place_mini(mini_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(mini_store, "agencies_by_place", "云岭省")
    assert pick(rows, "placeLabel", "agencyLabel") == {
        ("青禾市", "青禾市生态环境局"),
        ("松川县", "松川县政府"),
    }  # 水务部 governs no place
    county = run_oxigraph(mini_store, "agencies_by_place", "松川县")
    assert pick(county, "placeLabel", "agencyLabel") == {("松川县", "松川县政府")}


def test_mention_provenance_mini(mini_store: pyoxigraph.Store) -> None:
    # As written: 青禾市, never mentioned by itself here, and its target.
    rows = run_oxigraph(mini_store, "mention_provenance")
    assert pick(rows, "label", "sourcePath", "begin", "anchor") == {
        ("PM2.5平均浓度", "a/one.txt", "18", "PM2.5平均浓度同比下降5.2%"),
    }
    target = rows[0]
    assert target["context"] == TEXT_ONE[0:TEXT_ONE.index("。") + 20]
    official = run_oxigraph(mini_store, "mention_provenance", "石明远")
    assert pick(official, "label", "sourcePath", "begin", "anchor") == {
        ("石明远", "a/one.txt", "10", "石明远"),
        ("石明远", "b/two.txt", "0", "石明远"),
    }
    for row in official:
        assert row["anchor"] in row["context"]
    campaign = run_oxigraph(mini_store, "mention_provenance", "清溪攻坚行动")
    assert pick(campaign, "label", "anchor") == {("PM2.5平均浓度", "PM2.5平均浓度同比下降5.2%")}


# ---------------------------------------------------------------------------
# The seed build, checked against the seed articles' gold annotations
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_store(seeds_build: Path) -> pyoxigraph.Store:
    return oxigraph_store(seeds_build / "graph.ttl")


@pytest.fixture(scope="module")
def seeds_graph(seeds_build: Path) -> Graph:
    return Graph().parse(seeds_build / "graph.ttl", format="turtle")


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_engines_agree_on_seed_build(name: str, seeds_store: pyoxigraph.Store, seeds_graph: Graph) -> None:
    assert _canonical(run_oxigraph(seeds_store, name)) == _canonical(run_rdflib(seeds_graph, name))


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_every_named_query_answers_as_written_on_seed_build(name: str,
                                                            seeds_store: pyoxigraph.Store) -> None:
    assert run_oxigraph(seeds_store, name), f"{name} as written found nothing in the seed build"


@pytest.mark.parametrize("focus", ["泰安市", "河南省", "滨州市生态环境局"])
@pytest.mark.parametrize("name", QUERY_NAMES)
def test_engines_agree_on_seed_build_focused(name: str, focus: str, seeds_store: pyoxigraph.Store,
                                            seeds_graph: Graph) -> None:
    assert (_canonical(run_oxigraph(seeds_store, name, focus))
            == _canonical(run_rdflib(seeds_graph, name, focus)))


def test_agency_leaders_seeds(seeds_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(seeds_store, "agency_leaders", "泰安市")
    got = pick(rows, "officialLabel", "roleLabel", "agencyLabel")
    assert ("戴先锋", "局长", "泰安市生态环境局") in got
    rows = run_oxigraph(seeds_store, "agency_leaders", "河南省")  # 博爱县 lies inside it
    assert ("张建", "县长") in pick(rows, "officialLabel", "roleLabel")
    assert ("张建", "县长", "博爱县") in pick(rows, "officialLabel", "roleLabel", "placeLabel")
    assert not any("副" in r["roleLabel"] for r in rows)
    names = {r["officialLabel"] for r in rows}
    assert "张沁峰" not in names  # 副县长 only
    names = {r["officialLabel"] for r in run_oxigraph(seeds_store, "agency_leaders", "石家庄市")}
    assert "康媛媛" not in names  # 副局长 only


def test_place_targets_seeds(seeds_store: pyoxigraph.Store) -> None:
    def got(focus: str) -> set[tuple]:
        return {
            (r["placeLabel"], r["indicator"], Decimal(r["value"]), r["unit"], r.get("change"), r["kind"],
             r.get("sourcePath"))
            for r in run_oxigraph(seeds_store, "place_targets", focus)
        }
    taian = got("泰安市")
    assert ("泰安市", "PM2.5平均浓度", Decimal("3.5"), "%", "同比改善", "result",
            "001_351d81832e120c13.txt") in taian
    assert ("泰安市", "行政处罚", Decimal("32"), "起", None, "result", "001_351d81832e120c13.txt") in taian
    assert ("泰安市", "罚款金额", Decimal("470"), "万元", None, "result", "001_351d81832e120c13.txt") in taian
    assert {p for p, *_ in taian} == {"泰安市"}
    assert {(p, k) for p, i, v, u, c, k, s in got("博爱县") if i == "六县(市)排名"} >= {
        ("博爱县", "goal"), ("博爱县", "result"),
    }


def test_place_campaigns_seeds(seeds_store: pyoxigraph.Store) -> None:
    shandong = pick(run_oxigraph(seeds_store, "place_campaigns", "山东省"), "placeLabel", "campaignLabel")
    assert {("泰安市", "蓝天保卫战"), ("滨州市", "污染防治攻坚战")} <= shandong
    henan = pick(run_oxigraph(seeds_store, "place_campaigns", "河南省"), "placeLabel", "campaignLabel")
    assert {("长垣市", "蓝天保卫战"), ("博爱县", "大气污染防治攻坚战")} <= henan
    assert not {p for p, _ in henan} & {"泰安市", "滨州市"}


def test_officials_multi_articles_seeds(seeds_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(seeds_store, "officials_multi_articles", "山东省")
    got = pick(rows, "officialLabel", "articles")
    assert ("习近平", "2") in got  # 总书记 in two articles about places in 山东省
    assert all(int(n) >= 2 for _, n in got)
    assert "戴先锋" not in {name for name, _ in got}  # one article only
    assert run_oxigraph(seeds_store, "officials_multi_articles", "泰安市") == []  # one article


def test_agencies_by_place_seeds(seeds_store: pyoxigraph.Store) -> None:
    got = pick(run_oxigraph(seeds_store, "agencies_by_place", "泰安市"), "placeLabel", "agencyLabel")
    assert ("泰安市", "泰安市生态环境局") in got
    got = pick(run_oxigraph(seeds_store, "agencies_by_place", "河南省"), "placeLabel", "agencyLabel")
    assert ("博爱县", "博爱县环保局") in got  # a county inside the province


def test_mention_provenance_seeds(seeds_store: pyoxigraph.Store) -> None:
    rows = run_oxigraph(seeds_store, "mention_provenance", "泰安市生态环境局")
    assert rows
    for row in rows:
        assert row["anchor"] in row.get("context", ""), row
    assert ("泰安市生态环境局", "001_351d81832e120c13.txt") in pick(rows, "label", "sourcePath")
    place = run_oxigraph(seeds_store, "mention_provenance", "泰安市")
    labels = {r["label"] for r in place}
    assert "泰安市" in labels  # the place itself
    assert any(label.startswith("PM2.5平均浓度") for label in labels)  # and its targets


# ---------------------------------------------------------------------------
# End to end: two invented articles naming one invented official
# ---------------------------------------------------------------------------


def test_officials_multi_articles_across_built_corpus(tmp_path: Path) -> None:
    from kg.build import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text(
        "黄山市黟县召开大气污染防治工作会议\n\n"
        "3月5日，黟县县长周海平主持召开全县大气污染防治工作会议，要求各部门压实责任。\n",
        encoding="utf-8",
    )
    (corpus / "two.txt").write_text(
        "黟县开展秸秆禁烧督导检查\n\n"
        "4月9日，黟县县长周海平带队督导检查秸秆禁烧工作，强调要守住生态底线。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    rows = run_oxigraph(oxigraph_store(out / "graph.ttl"), "officials_multi_articles")
    hits = [r for r in rows if r["officialLabel"] == "周海平"]
    assert len(hits) == 1, rows
    assert hits[0]["articles"] == "2"
    assert sorted(hits[0]["sourcePaths"].split(" | ")) == ["one.txt", "two.txt"]
