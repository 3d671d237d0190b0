"""The resolver on hand-made annotation records (no extraction involved), so a
failure here is about resolution: home places, canonical names, posts, identity."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from kg.annotate.records import (
    AgencyMention,
    AnaphorMention,
    Annotations,
    CampaignMention,
    OfficialMention,
    PlaceMention,
    TargetMention,
    Title,
)
from kg.export import to_rdf
from kg.model import Article
from kg.namespaces import LT, ORG, RDFS, SCHEMA, instance_iri
from kg.resolve import Resolver, fold_agency_name

TEXT = (
    "江油市委书记钱振宇主持召开会议。市委、市人民政府高度重视，"
    "我市坚决打好碧水保卫战，优良天数比例达到90.1%。"
)


def at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def annotations(text: str = TEXT) -> Annotations:
    ann = Annotations()
    s, e = at(text, "江油市")
    ann.places.append(PlaceMention(s, e, "江油市", "江油市", "510781", "county", "510700"))
    s, e = at(text, "我市")
    ann.anaphora.append(AnaphorMention(s, e, "我市", "市"))
    s, e = at(text, "江油市委")
    ann.agencies.append(AgencyMention(s, e, "江油市委", "江油市委", place_text="江油市", in_title=True))
    s, e = at(text, "市委", 1)
    ann.agencies.append(AgencyMention(s, e, "市委", "市委", level="市"))
    s, e = at(text, "市人民政府")
    ann.agencies.append(AgencyMention(s, e, "市人民政府", "市人民政府", level="市"))
    s, e = at(text, "钱振宇")
    title = Title(role="市委书记", raw="江油市委书记", body="江油市委", place_text="江油市")
    ann.officials.append(OfficialMention(s, e, "钱振宇", "钱振宇", (title,)))
    s, e = at(text, "碧水保卫战")
    ann.campaigns.append(CampaignMention(s - 2, e, "打好碧水保卫战", "碧水保卫战"))
    s, e = at(text, "优良天数比例达到90.1%")
    ann.targets.append(TargetMention(s, e, text[s:e], "优良天数比例", Decimal("90.1"), "%"))
    return ann


def resolve(*docs: tuple[str, str, Annotations]):
    resolver = Resolver()
    for path, text, ann in docs:
        resolver.add(Article(path, text, {"title": "测试"}), ann)
    return to_rdf(resolver.finish())


def label(g, node) -> str:
    return str(g.value(node, RDFS.label))


def test_fold_agency_name_drops_zhonggong_and_renmin():
    assert fold_agency_name("中共江油市委") == "江油市委"
    assert fold_agency_name("江油市人民政府") == "江油市政府"
    assert fold_agency_name("江油市人民检察院") == "江油市检察院"
    assert fold_agency_name("人民日报") == "人民日报"


def test_bare_agencies_take_the_articles_city():
    g = resolve(("a.txt", TEXT, annotations()))
    place = URIRef(instance_iri("place", "510781"))
    agencies = {label(g, a): a for a in g.subjects(predicate=None, object=LT.Agency)}
    assert set(agencies) == {"江油市委", "江油市政府"}
    gov = agencies["江油市政府"]
    assert (gov, LT.jurisdiction, place) in g
    forms = {str(o) for o in g.objects(gov, None) if isinstance(o, Literal)}
    assert {"市人民政府", "市政府"} <= forms
    # the written 江油市委 and the bare 市委 are one node
    assert len([a for a in g.subjects(LT.jurisdiction, place) if (a, None, LT.Agency) in g]) == 2


def test_post_has_role_body_and_place():
    g = resolve(("a.txt", TEXT, annotations()))
    person = URIRef(instance_iri("official", "510781", "钱振宇"))
    assert (person, RDFS.label, Literal("钱振宇", lang="zh")) in g
    (post,) = list(g.objects(person, ORG.holds))
    role = g.value(post, ORG.role)
    assert label(g, role) == "市委书记"
    assert label(g, g.value(post, ORG.postIn)) == "江油市委"
    assert g.value(post, LT.jurisdiction) == URIRef(instance_iri("place", "510781"))


def test_place_ancestors_and_anaphora():
    g = resolve(("a.txt", TEXT, annotations()))
    county = URIRef(instance_iri("place", "510781"))
    city = g.value(county, SCHEMA.containedInPlace)
    assert label(g, city) == "绵阳市"
    assert label(g, g.value(city, SCHEMA.containedInPlace)) == "四川省"
    article = URIRef(instance_iri("article", "a.txt"))
    # 我市 is a mention of the county-level city
    mentions = [m for m in g.subjects(LT.denotes, county) if (m, LT.article, article) in g]
    texts = sorted(str(g.value(m, URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf")))
                   for m in mentions)
    assert texts == ["我市", "江油市"]
    # the city is an ancestor only: not mentioned by the article
    assert (article, SCHEMA.mentions, city) not in g


def test_campaign_and_target_are_placed():
    g = resolve(("a.txt", TEXT, annotations()))
    county = URIRef(instance_iri("place", "510781"))
    camp = URIRef(instance_iri("campaign", "碧水保卫战"))
    assert (camp, LT.conductedBy, county) in g
    (target,) = list(g.subjects(LT.indicator, Literal("优良天数比例", lang="zh")))
    assert g.value(target, LT.value).toPython() == Decimal("90.1")
    assert g.value(target, LT.place) == county
    assert str(g.value(target, LT.kind)) == "result"


def test_same_official_in_two_articles_is_one_node_and_unplaced_agencies_are_not():
    other = "市委召开会议。"
    ann2 = Annotations()
    ann2.agencies.append(AgencyMention(0, 2, "市委", "市委", level="市"))
    g = resolve(("a.txt", TEXT, annotations()), ("b.txt", TEXT, annotations()), ("c.txt", other, ann2))
    officials = set(g.subjects(None, LT.Official))
    assert len(officials) == 1
    # c.txt names no place: its 市委 stays as written, scoped to the article
    c_agencies = [a for a in g.objects(URIRef(instance_iri("article", "c.txt")), SCHEMA.mentions)]
    assert [label(g, a) for a in c_agencies] == ["市委"]
    assert g.value(c_agencies[0], LT.jurisdiction) is None
    assert c_agencies[0] not in set(g.objects(URIRef(instance_iri("article", "a.txt")), SCHEMA.mentions))


def test_every_mention_anchor_matches_the_text():
    g = resolve(("a.txt", TEXT, annotations()))
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    for m in g.subjects(None, LT.Mention):
        begin = g.value(m, URIRef(nif + "beginIndex")).toPython()
        end = g.value(m, URIRef(nif + "endIndex")).toPython()
        assert TEXT[begin:end] == str(g.value(m, URIRef(nif + "anchorOf")))


def test_a_bare_repeat_of_a_name_joins_the_titled_person():
    text = TEXT + "钱振宇强调，要抓好落实。"
    ann = annotations(text)
    s, e = at(text, "钱振宇", 1)
    ann.officials.insert(0, OfficialMention(s, e, "钱振宇", "钱振宇"))
    g = resolve(("a.txt", text, ann))
    (person,) = list(g.subjects(None, LT.Official))
    assert len(list(g.subjects(LT.denotes, person))) == 2


def test_a_branch_named_for_a_county_serves_that_county():
    text = "绵阳市生态环境局江油分局开展执法检查。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 3, "绵阳市", "绵阳市", "510700", "prefecture", "510000"))
    s, e = at(text, "江油")
    ann.places.append(PlaceMention(s, e, "江油", "江油市", "510781", "county", "510700"))
    s, e = at(text, "绵阳市生态环境局江油分局")
    ann.agencies.append(AgencyMention(s, e, text[s:e], text[s:e], place_text="绵阳市"))
    g = resolve(("a.txt", text, ann))
    (agency,) = list(g.subjects(None, LT.Agency))
    assert label(g, agency) == "绵阳市生态环境局江油分局"
    assert g.value(agency, LT.jurisdiction) == URIRef(instance_iri("place", "510781"))


def test_a_ranking_within_the_province_is_about_the_articles_place():
    text = "我市在四川省排名第三。全市优良天数达到300天。"
    ann = Annotations()
    s, e = at(text, "我市")
    ann.anaphora.append(AnaphorMention(s, e, "我市", "市"))
    ann.places.append(PlaceMention(100, 103, "绵阳市", "绵阳市", "510700", "prefecture", "510000"))
    s, e = at(text, "四川省")
    ann.places.append(PlaceMention(s, e, "四川省", "四川省", "510000", "province", None))
    s, e = at(text, "排名第三")
    ann.targets.append(TargetMention(s, e, text[s:e], "排名", Decimal(3), "名"))
    text = text + " " * 80 + "绵阳市"
    end = len(text)
    ann.places[0] = PlaceMention(end - 3, end, "绵阳市", "绵阳市", "510700", "prefecture", "510000")
    g = resolve(("a.txt", text, ann))
    (target,) = list(g.subjects(None, LT.Target))
    assert g.value(target, LT.place) == URIRef(instance_iri("place", "510700"))


def test_level_words_of_autonomous_regions():
    from kg.resolve import level_prefix

    assert level_prefix("自治区生态环境厅") == "自治区"
    assert level_prefix("区委") == "区"
    assert level_prefix("市场监管局") is None


def test_a_campaign_is_run_by_the_place_named_in_its_sentence():
    text = "绵阳市召开会议。江油市启动碧水保卫战。绵阳市要求各地落实。"
    ann = Annotations()
    for name, code, level in (("绵阳市", "510700", "prefecture"), ("江油市", "510781", "county")):
        for nth in range(text.count(name)):
            s, e = at(text, name, nth)
            ann.places.append(PlaceMention(s, e, name, name, code, level, None))
    ann.places.sort(key=lambda p: p.start)
    s, e = at(text, "碧水保卫战")
    ann.campaigns.append(CampaignMention(s, e, "碧水保卫战", "碧水保卫战"))
    g = resolve(("a.txt", text, ann))
    camp = URIRef(instance_iri("campaign", "碧水保卫战"))
    assert list(g.objects(camp, LT.conductedBy)) == [URIRef(instance_iri("place", "510781"))]


def test_a_village_post_is_placed_in_the_township_named_before_it():
    text = "江油市青莲镇太白村党支部书记、村级河长李明说。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 3, "江油市", "江油市", "510781", "county", "510700"))
    ann.places.append(PlaceMention(3, 6, "青莲镇", "青莲镇", None, "township", "510781"))
    s, e = at(text, "李明")
    titles = (Title("村党支部书记", "村党支部书记"), Title("村级河长", "村级河长"))
    ann.officials.append(OfficialMention(s, e, "李明", "李明", titles))
    g = resolve(("a.txt", text, ann))
    (person,) = list(g.subjects(None, LT.Official))
    places = {label(g, g.value(p, LT.jurisdiction)) for p in g.objects(person, ORG.holds)}
    assert places == {"青莲镇"}


def test_a_branch_whose_place_was_not_marked_is_found_in_the_gazetteer():
    text = "绵阳市生态环境局召开会议。市生态环境局江油分局通报情况。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 3, "绵阳市", "绵阳市", "510700", "prefecture", "510000"))
    s, e = at(text, "市生态环境局江油分局")
    ann.agencies.append(AgencyMention(s, e, text[s:e], text[s:e], level="市"))
    g = resolve(("a.txt", text, ann))
    (agency,) = list(g.subjects(None, LT.Agency))
    county = URIRef(instance_iri("place", "510781"))
    assert label(g, agency) == "绵阳市生态环境局江油分局"
    assert g.value(agency, LT.jurisdiction) == county
    assert (URIRef(instance_iri("article", "a.txt")), SCHEMA.mentions, county) in g


def test_a_field_unit_serves_the_district_it_is_named_for():
    text = "绵阳市公安局交通警察支队涪城大队查处车辆。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 3, "绵阳市", "绵阳市", "510700", "prefecture", "510000"))
    s, e = at(text, "绵阳市公安局交通警察支队涪城大队")
    ann.agencies.append(AgencyMention(s, e, text[s:e], text[s:e], place_text="绵阳市"))
    g = resolve(("a.txt", text, ann))
    (agency,) = list(g.subjects(None, LT.Agency))
    assert label(g, g.value(agency, LT.jurisdiction)) == "涪城区"


def test_the_headline_place_is_the_articles_own_place():
    text = "绵阳市空气质量周报\n江油市排名第一。江油市优良天数7天。全市优良天数6天。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 3, "绵阳市", "绵阳市", "510700", "prefecture", "510000"))
    for nth in range(2):
        s, e = at(text, "江油市", nth)
        ann.places.append(PlaceMention(s, e, "江油市", "江油市", "510781", "county", "510700"))
    s, e = at(text, "全市")
    ann.anaphora.append(AnaphorMention(s, e, "全市", "市"))
    s, e = at(text, "优良天数6天")
    ann.targets.append(TargetMention(s, e, text[s:e], "优良天数", Decimal(6), "天"))
    resolver = Resolver()
    resolver.add(Article("a.txt", text, {"title": "绵阳市空气质量周报"}), ann)
    g = to_rdf(resolver.finish())
    (target,) = list(g.subjects(None, LT.Target))
    assert g.value(target, LT.place) == URIRef(instance_iri("place", "510700"))


def test_a_zone_keeps_its_own_name_and_is_placed():
    text = "江油经济开发区管委会召开会议。"
    ann = Annotations()
    ann.places.append(PlaceMention(0, 2, "江油", "江油市", "510781", "county", "510700"))
    s, e = at(text, "江油经济开发区管委会")
    ann.agencies.append(AgencyMention(s, e, text[s:e], text[s:e], place_text="江油"))
    g = resolve(("a.txt", text, ann))
    (agency,) = list(g.subjects(None, LT.Agency))
    assert label(g, agency) == "江油经济开发区管委会"
    assert g.value(agency, LT.jurisdiction) == URIRef(instance_iri("place", "510781"))


def test_a_city_paper_at_the_top_says_which_city_the_article_is_about():
    from kg.build import build_graph
    from kg.model import Article

    text = ("保定日报 2024年5月6日 第02版\n市生态环境局召开会议\n"
            "5月5日，保定市召开会议。涿州市、涿州市、安国市、安国市的任务完成较好。"
            "市生态环境局局长周立平要求，全市要抓好落实。")
    kg = build_graph([Article("a.txt", text, {"title": "市生态环境局召开会议"})])
    agency = next(n for n, d in kg.g.nodes(data=True) if d["kind"] == "Agency" and "生态环境局" in d["label"])
    assert kg.g.nodes[agency]["label"] == "保定市生态环境局"
    assert [kg.g.nodes[p]["label"] for p in kg.objects(agency, "jurisdiction")] == ["保定市"]
