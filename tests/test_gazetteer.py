"""kg.gazetteer: lookups by adcode, full name, short form and former name; parents."""

from __future__ import annotations

import pytest

from kg.gazetteer import Division, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def test_full_name_lookup(gaz):
    [d] = gaz.lookup("绵阳市")
    assert isinstance(d, Division)
    assert (d.adcode, d.level, d.parent, d.short) == ("510700", "prefecture", "510000", "绵阳")
    assert d.latitude is not None and 31 < d.latitude < 32


def test_short_forms(gaz):
    assert [d.name for d in gaz.lookup("江油")] == ["江油市"]
    assert [d.adcode for d in gaz.lookup("内蒙古")] == ["150000"]
    assert [d.name for d in gaz.lookup("广西")] == ["广西壮族自治区"]
    assert gaz.by_adcode("450000").short == "广西"
    assert gaz.kind("江油") == "short" and gaz.kind("江油市") == "full"


def test_no_one_character_or_common_word_short_forms(gaz):
    assert all(len(d.short) >= 2 for d in gaz if d.short)
    assert gaz.by_adcode("340523").name == "和县" and gaz.by_adcode("340523").short == ""
    assert gaz.lookup("和平") == []  # 和平区/和平县: a common word, no short form
    assert gaz.lookup("开发") == []


def test_renamed_county(gaz):
    [d] = gaz.lookup("邵东县")
    assert (d.adcode, d.name) == ("430582", "邵东市")
    assert gaz.kind("邵东县") == "old"


def test_ambiguous_names(gaz):
    codes = {d.adcode for d in gaz.lookup("鼓楼区")}
    assert codes == {"320106", "320302", "350102", "410204"}
    # 长沙 names the prefecture and its county
    assert {d.name for d in gaz.lookup("长沙")} == {"长沙市", "长沙县"}


def test_parents_up_to_province(gaz):
    d = gaz.lookup("江油市")[0]
    assert gaz.parent(d).adcode == "510700"
    assert [a.adcode for a in gaz.ancestors(d)] == ["510700", "510000"]
    assert gaz.province(d).adcode == "510000"
    prov = gaz.by_adcode("510000")
    assert gaz.parent(prov) is None and gaz.province(prov) is prov


def test_municipality_districts_hang_under_the_municipality(gaz):
    d = gaz.lookup("浦东新区")[0]
    assert d.parent == "310000"
    assert gaz.by_adcode("310000").level == "province"
    assert gaz.by_adcode("310100") is None  # the 市辖区 pseudo-prefecture is dropped
    assert gaz.lookup("渝中区")[0].parent == "500000"


def test_directly_administered_county_level_units(gaz):
    d = gaz.lookup("仙桃市")[0]
    assert (d.level, d.parent) == ("county", "420000")


def test_every_parent_exists(gaz):
    for d in gaz:
        assert len(d.adcode) == 6 and d.adcode.isdigit()
        if d.level == "province":
            assert d.parent == ""
        else:
            assert gaz.by_adcode(d.parent) is not None, d


def test_autonomous_divisions_answer_to_their_everyday_form():
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    assert [d.name for d in gaz.lookup("北川县")] == ["北川羌族自治县"]
    assert [d.name for d in gaz.lookup("恩施州")] == ["恩施土家族苗族自治州"]
