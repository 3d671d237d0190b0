"""The whole extractor on articles written for this test: places, people,
agencies and campaigns found in neither the seeds nor the dev set."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import URIRef

from kg.build import build_graph
from kg.export import to_rdf
from kg.model import Article
from kg.namespaces import LT, ORG, RDFS, SCHEMA

ARTICLES = {
    "mianyang.txt": (
        "绵阳市召开大气污染防治工作推进会\n"
        "11月3日，绵阳市召开全市大气污染防治工作推进会。市委副书记、市长钱振宇出席会议并讲话，"
        "副市长欧阳文华主持会议。市生态环境局、市住建局负责同志参加会议。\n"
        "钱振宇指出，今年以来全市坚决打赢蓝天保卫战，1至10月，我市PM2.5平均浓度为31微克/立方米，"
        "同比下降8.9%；优良天数达到268天，同比增加12天。\n"
        "绵阳市生态环境局党组书记、局长孙建国介绍，今年共查处环境违法案件126起，罚款860余万元。\n"
    ),
    "yixian.txt": (
        "黟县部署“清废行动”\n"
        "3月12日，黟县生态环境保护委员会召开全体会议。县委书记汪建新出席并讲话，县委副书记、县长程晓峰主持，"
        "县领导胡文斌、江小燕出席。会议要求，持续开展“清废行动”，力争全县优良天数比例保持在97%以上。"
        "宏村镇、西递镇要加强景区周边环境整治。(通讯员 胡小明)\n"
    ),
}


@pytest.fixture(scope="module")
def graph():
    return to_rdf(build_graph([Article(p, t, {"title": t.split("\n")[0]}) for p, t in ARTICLES.items()]))


def mentioned(g, path: str, cls) -> dict[str, URIRef]:
    art = next(a for a in g.subjects(LT.sourcePath) if str(g.value(a, LT.sourcePath)) == path)
    return {str(g.value(e, RDFS.label)): e for e in g.objects(art, SCHEMA.mentions) if (e, None, cls) in g}


def posts(g, person) -> set[tuple[str, str]]:
    out = set()
    for post in g.objects(person, ORG.holds):
        role = g.value(post, ORG.role)
        body = g.value(post, ORG.postIn)
        out.add((
            str(g.value(role, RDFS.label)) if role else "",
            str(g.value(body, RDFS.label)) if body else "",
        ))
    return out


def test_places_are_found_with_their_adcodes(graph):
    places = mentioned(graph, "yixian.txt", LT.Place)
    assert {"黟县", "宏村镇", "西递镇"} <= set(places)
    assert str(graph.value(places["黟县"], LT.adcode)) == "341023"
    assert "绵阳市" in mentioned(graph, "mianyang.txt", LT.Place)


def test_officials_get_their_posts_and_reporters_do_not(graph):
    people = mentioned(graph, "mianyang.txt", LT.Official)
    assert set(people) == {"钱振宇", "欧阳文华", "孙建国"}
    assert posts(graph, people["孙建国"]) == {("党组书记", "绵阳市生态环境局"), ("局长", "绵阳市生态环境局")}
    assert ("市委副书记", "绵阳市委") in posts(graph, people["钱振宇"])
    county = mentioned(graph, "yixian.txt", LT.Official)
    assert {"汪建新", "程晓峰", "胡文斌", "江小燕"} == set(county)  # not the correspondent


def test_bare_agencies_get_the_articles_city(graph):
    agencies = mentioned(graph, "mianyang.txt", LT.Agency)
    assert {"绵阳市生态环境局", "绵阳市住建局", "绵阳市委"} <= set(agencies)
    for name in agencies:
        assert str(graph.value(graph.value(agencies[name], LT.jurisdiction), RDFS.label)) == "绵阳市"


def test_campaigns_and_targets(graph):
    camps = mentioned(graph, "yixian.txt", LT.Campaign)
    assert "清废行动" in {n.strip("“”") for n in camps}
    targets = {
        (str(graph.value(t, LT.indicator)), graph.value(t, LT.value).toPython(), str(graph.value(t, LT.unit)))
        for t in mentioned(graph, "mianyang.txt", LT.Target).values()
    }
    assert ("PM2.5平均浓度", Decimal("31"), "μg/m3") in targets
    assert any(v == Decimal("8.9") and u == "%" for _, v, u in targets)
    assert any(v == Decimal("860") and u == "万元" for _, v, u in targets)
