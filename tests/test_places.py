"""The lt_places component on a blank pipeline, with invented sentences."""

from __future__ import annotations

import pytest
import spacy

import kg.annotate.places  # noqa: F401  (registers lt_places)
import kg.annotate.records  # noqa: F401  (registers Doc._.lt)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("lt_places")
    return nlp


def places(doc):
    return [(m.text, m.name, m.adcode) for m in doc._.lt.places]


def assert_offsets(doc):
    for group in (doc._.lt.places, doc._.lt.regions, doc._.lt.anaphora):
        for m in group:
            assert doc.text[m.start : m.end] == m.text


def test_full_short_and_inside_longer_names(nlp):
    doc = nlp("江西省赣州市生态环境局召开会议。赣州空气质量持续改善。")
    assert_offsets(doc)
    assert places(doc) == [
        ("江西省", "江西省", "360000"),
        ("赣州市", "赣州市", "360700"),
        ("赣州", "赣州市", "360700"),
    ]
    assert doc._.lt.places[1].start == 3 and doc._.lt.places[1].end == 6


def test_place_inside_title(nlp):
    doc = nlp("绵阳市委常委、江油市副市长王某出席。")
    assert_offsets(doc)
    assert [m.name for m in doc._.lt.places] == ["绵阳市", "江油市"]
    jiangyou = doc._.lt.places[1]
    assert (jiangyou.level, jiangyou.parent) == ("county", "510700")
    assert [s.text for s in doc.spans["places"]][0].startswith("绵阳")


def test_renamed_county_gets_current_name(nlp):
    doc = nlp("邵东县环保局召开会议。")
    [m] = doc._.lt.places
    assert (m.text, m.name, m.adcode) == ("邵东县", "邵东市", "430582")


def test_county_short_form_needs_its_province_in_the_article(nlp):
    assert places(nlp("江油经济发展很快。")) == []
    doc = nlp("绵阳市召开会议，江油经济发展很快。")
    assert ("江油", "江油市", "510781") in places(doc)


def test_two_character_names_only_as_whole_words(nlp):
    assert places(nlp("市委和县委高度重视。")) == []
    assert places(nlp("安徽省和县召开会议。")) == [("安徽省", "安徽省", "340000"), ("和县", "和县", "340523")]


def test_townships_by_suffix(nlp):
    doc = nlp("调研组来到江油市雁门镇、谷镇污水处理厂和柏林街道办事处。")
    assert_offsets(doc)
    towns = [(m.text, m.name, m.level, m.adcode) for m in doc._.lt.places if m.level == "township"]
    assert towns == [
        ("雁门镇", "雁门镇", "township", None),
        ("谷镇", "谷镇", "township", None),
        ("柏林街道", "柏林街道", "township", None),
    ]
    assert doc._.lt.places[1].parent == "510781"  # 雁门镇 follows 江油市


def test_township_longest_match(nlp):
    doc = nlp("江油市石桥镇街道召开会议。")
    assert [m.name for m in doc._.lt.places] == ["江油市", "石桥镇街道"]


def test_township_stop_list(nlp):
    doc = nlp("推进示范城镇建设，各乡镇要加快小城镇和特色小镇建设，统筹城乡发展，工业和城镇污水。")
    assert places(doc) == []


def test_regions_are_never_places(nlp):
    doc = nlp("长三角和汾渭平原的城市，长江经济带，衡水湖保护。")
    assert_offsets(doc)
    assert places(doc) == []
    assert [r.name for r in doc._.lt.regions] == ["长三角", "汾渭平原", "长江经济带", "衡水湖"]


def test_anaphora(nlp):
    doc = nlp("我市优良天数增加，全县上下努力，该局负责。食品安全市场监管。全国形势向好。")
    assert_offsets(doc)
    got = [(a.text, a.level, a.target) for a in doc._.lt.anaphora]
    assert got == [("我市", "市", "place"), ("全县", "县", "place"), ("该局", "局", "agency")]
    assert places(doc) == []


def test_newspaper_and_media_names_are_not_places(nlp):
    doc = nlp("据衡水日报报道。来源：江油发布")
    assert places(doc) == []
    doc = nlp("衡水市发布重污染天气预警。")
    assert places(doc) == [("衡水市", "衡水市", "131100")]


def test_brands_and_given_names_are_not_places(nlp):
    assert places(nlp("河北省衡水老白干集团。")) == [("河北省", "河北省", "130000")]
    assert places(nlp("江西省副市长李赣州指出，李赣州强调。")) == [("江西省", "江西省", "360000")]


def test_ambiguous_name_resolved_by_context(nlp):
    doc = nlp("福建省福州市鼓楼区召开会议。")
    gulou = doc._.lt.places[-1]
    assert (gulou.name, gulou.adcode) == ("鼓楼区", "350102")
    assert set(gulou.candidates) == {"320106", "320302", "410204"}


def test_ambiguous_name_without_context_keeps_name_not_adcode(nlp):
    [m] = nlp("鼓楼区召开会议。")._.lt.places
    assert (m.name, m.adcode) == ("鼓楼区", None)
    assert len(m.candidates) == 4


def test_shared_short_form_prefers_prefecture_over_its_county(nlp):
    [m] = nlp("长沙空气质量改善。")._.lt.places
    assert (m.name, m.adcode) == ("长沙市", "430100")


def test_district_name_followed_by_a_word_with_qu(nlp):
    assert places(nlp("维护和平区域稳定。")) == []


def test_prefecture_short_form_beats_township_reading(nlp):
    [m] = nlp("江西省景德镇陶瓷。")._.lt.places[1:]
    assert (m.name, m.adcode) == ("景德镇市", "360200")


def test_township_stems_in_context(nlp):
    doc = nlp("县委书记深入大石桥镇、东风乡和北关街道调研，随后来到王家庄镇，又到白庙乡。")
    towns = [m.name for m in doc._.lt.places if m.level == "township"]
    assert towns == ["大石桥镇", "东风乡", "北关街道", "王家庄镇", "白庙乡"]
    assert_offsets(doc)


def test_not_townships(nlp):
    doc = nlp("全区12个镇街落实河长制。他先后担任过乡党委书记、镇长。推进新型城镇化。")
    assert places(doc) == []


def test_adjacent_division_resolves_a_shared_name(nlp):
    doc = nlp("沈阳市铁西区和鞍山市铁西区都有企业。")
    assert [(m.name, m.adcode) for m in doc._.lt.places] == [
        ("沈阳市", "210100"), ("铁西区", "210106"), ("鞍山市", "210300"), ("铁西区", "210303"),
    ]


def test_short_form_right_after_a_body(nlp):
    doc = nlp("安阳市生态环境局殷都分局、龙安分局联合执法。")
    assert [m.name for m in doc._.lt.places] == ["安阳市", "殷都区", "龙安区"]


def test_given_name_before_a_speech_verb(nlp):
    doc = nlp("浙江省召开会议，王金华指出，金华空气质量改善。")
    assert [m.text for m in doc._.lt.places] == ["浙江省", "金华"]
    assert doc._.lt.places[1].start == doc.text.rindex("金华")


def test_factory_config_switches_townships_off():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("lt_places", config={"townships": False})
    assert places(nlp("调研组来到王家庄镇。")) == []


def test_span_groups_mirror_the_records(nlp):
    doc = nlp("我市地处长三角，江西省赣州市。")
    assert [s.label_ for s in doc.spans["places"]] == ["PLACE", "PLACE"]
    assert [s.text for s in doc.spans["regions"]] == ["长三角"]
    assert [s.text for s in doc.spans["anaphora"]] == ["我市"]


def test_full_name_must_start_a_word(nlp):
    assert places(nlp("沿海城市空气质量较好。")) == []
    assert places(nlp("前往海城市调研。")) == [("海城市", "海城市", "210381")]


def test_street_named_township_is_not_the_province(nlp):
    # 河北/安徽 are short forms of provinces; followed by 路 they name a street
    doc = nlp("江苏省扬州市邗江区会同河北路街道办事处、安徽路街道开展检查。")
    assert_offsets(doc)
    names = [m.name for m in doc._.lt.places]
    assert "河北路街道" in names and "安徽路街道" in names
    assert "河北省" not in names and "安徽省" not in names


def test_street_named_after_a_place_is_no_place(nlp):
    assert [m.name for m in nlp("游客在四川中路漫步。")._.lt.places] == []


def test_common_road_word_is_no_township(nlp):
    assert nlp("环卫工人对马路街道进行清扫。")._.lt.places == []


def test_preposition_before_township_stem(nlp):
    doc = nlp("江苏省扬州市以汊河街道、杭集镇为重点推进治理。")
    names = [m.name for m in doc._.lt.places]
    assert "汊河街道" in names and "以汊河街道" not in names


def test_place_name_is_a_township_stem_even_when_frequent(nlp):
    # 山东 is a frequent word and a province's short form; before 街道 it is the stem
    doc = nlp("吉林省长春市到小营镇和山东街道实地检查。")
    names = [m.name for m in doc._.lt.places]
    assert "山东街道" in names and "山东省" not in names


def test_township_stem_starts_after_de(nlp):
    doc = nlp("江西省上饶市与双港镇相邻的松湖乡也同步推进禁渔。")
    assert "松湖乡" in [m.name for m in doc._.lt.places]


def test_a_place_before_the_verb_fa_bu_is_still_a_place():
    import spacy

    import kg.annotate.places  # noqa: F401
    import kg.annotate.records  # noqa: F401

    nlp = spacy.blank("zh")
    nlp.add_pipe("lt_places")
    doc = nlp("四川发布5月全省环境空气质量状况\n来源:单县发布")
    assert [p.name for p in doc._.lt.places] == ["四川省"]


def test_common_word_township_in_a_list(nlp):
    # 太阳 is a frequent word: alone before 街道 it is no name, in a list of townships it is
    doc = nlp("青石镇、梅林乡、太阳街道要抓好河流整治。")
    assert "太阳街道" in [m.text for m in doc._.lt.places]
    doc = nlp("太阳街道要抓好河流整治。")
    assert "太阳街道" not in [m.text for m in doc._.lt.places]


def test_township_level_word_is_no_township(nlp):
    doc = nlp("他详细询问镇级河长和乡级干部的履职情况。")
    assert places(doc) == []


def test_common_word_short_form_is_no_place(nlp):
    # 沿河 (along the river) is also a county's short form
    doc = nlp("县长沿河步行察看河道保洁情况。")
    assert places(doc) == []


def test_township_stem_holding_a_short_form_or_region(nlp):
    doc = nlp("县领导深入柳树乡、泰山镇、白塔畈镇实地巡查。")
    assert [n for _, n, _ in places(doc)] == ["柳树乡", "泰山镇", "白塔畈镇"]


def test_listed_township_with_a_body_word_in_its_stem(nlp):
    doc = nlp("区攻坚办与白楼镇、新站镇签订目标责任书。")
    assert [n for _, n, _ in places(doc)] == ["白楼镇", "新站镇"]


def test_short_form_before_river_words_is_a_river(nlp):
    doc = nlp("江西省召开会议。资溪空气质量持续改善。")
    assert ("资溪", "资溪县") in [(t, n) for t, n, _ in places(doc)]
    doc = nlp("江西省召开会议。资溪流域综合整治推进，资溪国控断面水质稳定。")
    assert [n for _, n, _ in places(doc)] == ["江西省"]


def test_township_after_particle_and_measure_word(nlp):
    doc = nlp("副县长带队检查了石坪镇、龙泉镇部分村街，察看了双溪镇污水处理站。")
    assert [t for t, _, _ in places(doc)] == ["石坪镇", "龙泉镇", "双溪镇"]
    doc = nlp("要求于年底前完成12座城镇污水处理厂提标改造。")
    assert places(doc) == []


def test_ethnic_townships_and_sumu_by_suffix(nlp):
    doc = nlp("在吉拉苏木、杏山达斡尔族乡和新华镇开展巡查。")
    assert_offsets(doc)
    assert [(m.name, m.level) for m in doc._.lt.places] == [
        ("吉拉苏木", "township"), ("杏山达斡尔族乡", "township"), ("新华镇", "township")
    ]


def test_a_suffix_that_starts_a_county_name_ends_no_township(nlp):
    doc = nlp("甘肃省镇原县召开会议。蒲河镇原段水质稳定。")
    assert "蒲河镇" not in [m.name for m in doc._.lt.places]
    assert [m.name for m in doc._.lt.places].count("镇原县") == 2


def test_township_list_items_verbs_and_words_across_the_suffix(nlp):
    doc = nlp("检查组赴白沙镇、新村镇督导。要补齐城镇污水管网短板，加强跨镇界河段联防联控。")
    assert [m.name for m in doc._.lt.places] == ["白沙镇", "新村镇"]


def test_minzu_townships_named_with_the_people(nlp):
    doc = nlp("工作组来到达旺门巴民族乡和林坝镇。")
    assert [m.name for m in doc._.lt.places if m.level == "township"] == ["达旺门巴民族乡", "林坝镇"]
