"""lt_agencies on a blank pipeline, with invented sentences (places that are
in neither the seeds nor the dev set). Places are injected by hand, as
lt_places would, so these tests do not depend on the gazetteer."""

from __future__ import annotations

import pytest
import spacy
from annotate_helpers import inject_places

from kg.annotate import agencies as agencies_module  # noqa: F401  (registers the factory)
from kg.annotate.agencies import AgencyFinder
from kg.annotate.records import PlaceMention


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")  # character segmentation: our records do not need jieba tokens
    nlp.add_pipe("lt_agencies")
    return nlp


def run(nlp, text: str, places: tuple[str, ...] = ()):
    """Run lt_agencies on ``text`` with PlaceMentions for every occurrence of ``places``."""
    doc = inject_places(nlp.make_doc(text), places)
    doc = nlp.get_pipe("lt_agencies")(doc)
    return doc._.lt.agencies


def names(found) -> list[str]:
    return [a.name for a in found]


def by_name(found, name: str):
    hits = [a for a in found if a.name == name]
    assert hits, f"{name} not in {names(found)}"
    return hits[0]


def test_full_name_with_place(nlp):
    found = run(nlp, "近日,绵阳市生态环境局召开专题会议。", ("绵阳市",))
    a = by_name(found, "绵阳市生态环境局")
    assert (a.place_text, a.level, a.in_title) == ("绵阳市", None, False)
    assert (a.start, a.end) == (3, 11)


def test_place_missed_by_gazetteer_falls_back(nlp):
    # no PlaceMention given: jieba's dictionary knows 绵阳市 as a place name
    a = by_name(run(nlp, "近日,绵阳市生态环境局召开专题会议。"), "绵阳市生态环境局")
    assert a.place_text == "绵阳市"


def test_bare_forms_get_their_level(nlp):
    found = run(nlp, "按照市委、县政府要求,县环保局和区城管局联合检查,镇政府配合。")
    assert [(a.name, a.level) for a in found] == [
        ("市委", "市"),
        ("县政府", "县"),
        ("县环保局", "县"),
        ("区城管局", "区"),
        ("镇政府", "镇"),
    ]
    assert all(a.place_text is None for a in found)


def test_party_committee_with_zhonggong(nlp):
    a = by_name(run(nlp, "中共江油市委召开全会。", ("江油市",)), "中共江油市委")
    assert a.place_text == "江油市"


def test_coordinated_body_shares_place(nlp):
    found = run(nlp, "江油市委、市政府高度重视。", ("江油市",))
    # the level word 市 is the jurisdiction's own suffix: 江油市政府, not 江油市市政府
    a = by_name(found, "江油市政府")
    assert (a.place_text, a.text) == ("江油市", "市政府")


def test_national_bodies_and_abbreviations(nlp):
    found = run(nlp, "中办国办印发意见,党中央、国务院作出部署,自然资源部牵头。")
    assert names(found) == ["中办", "国办", "党中央", "国务院", "自然资源部"]


def test_abbreviation_inside_a_word_is_not_an_agency(nlp):
    assert run(nlp, "集中办理群众投诉。") == []


def test_sub_bodies_nest_with_parents(nlp):
    found = run(nlp, "农业农村部种植业管理司耕地质量处处长出席。")
    full = by_name(found, "农业农村部种植业管理司耕地质量处")
    assert full.parent == "农业农村部种植业管理司"
    assert full.in_title
    assert by_name(found, "农业农村部种植业管理司").parent == "农业农村部"
    assert by_name(found, "农业农村部").parent is None


def test_office_of_a_committee(nlp):
    found = run(nlp, "县委督查室、县政府督查室开展专项督查。")
    assert by_name(found, "县委督查室").parent == "县委"
    assert by_name(found, "县政府督查室").parent == "县政府"


def test_bodies_named_in_titles(nlp):
    found = run(nlp, "县委书记王某、市人大常委会副主任李某、区政府副区长赵某出席。")
    assert [(a.name, a.in_title) for a in found] == [("县委", True), ("市人大常委会", True), ("区政府", True)]


def test_party_group_inside_a_title_is_not_an_agency(nlp):
    found = run(nlp, "德阳市水利局党组书记、局长出席。", ("德阳市",))
    assert names(found) == ["德阳市水利局"]


def test_party_group_standing_alone_is_an_agency(nlp):
    found = run(nlp, "德阳市水利局党组始终坚持学习。", ("德阳市",))
    assert by_name(found, "德阳市水利局党组").parent == "德阳市水利局"


def test_leader_role_alone_names_no_agency(nlp):
    assert run(nlp, "县长主持召开会议。") == []


def test_long_named_bodies_start_at_a_boundary(nlp):
    text = (
        "该局成立由局长任组长的嘉陵江流域水生态保护重点工作推进领导小组,"
        "市里成立了“全面加强大气污染防治攻坚总指挥部”,尽快组建生态环境应急指挥中心。"
    )
    assert names(run(nlp, text)) == [
        "嘉陵江流域水生态保护重点工作推进领导小组",
        "全面加强大气污染防治攻坚总指挥部",
        "生态环境应急指挥中心",
    ]


def test_named_body_needs_a_governance_word(nlp):
    assert run(nlp, "他们要紧密配合督察组做好工作。") == []


def test_inspection_team_with_ordinal(nlp):
    found = run(nlp, "中央第五生态环境保护督察组进驻,省委省政府第三环境保护督察组组长到场。")
    assert names(found) == ["中央第五生态环境保护督察组", "省委省政府第三环境保护督察组"]


def test_generic_plurals_are_not_agencies(nlp):
    text = "各级党委(党组)、各级各部门、县直各部门、相关部门、市县两级生态环境部门、12个乡镇党委政府要落实。"
    assert run(nlp, text) == []


def test_department_word_in_other_words(nlp):
    assert run(nlp, "环保部门要抓好生态环境部署,水利部门配合。") == []


def test_enterprises_media_and_chrome_are_not_agencies(nlp):
    text = "四川长虹集团有限公司、绵阳日报社报道。来源:市生态环境局\n主办单位:江油市生态环境局"
    assert run(nlp, text, ("江油市",)) == []


def test_body_in_a_document_title_is_not_an_agency(nlp):
    assert run(nlp, "印发《江油市党委政府环境保护工作职责》。", ("江油市",)) == []


def test_records_are_mirrored_as_spans(nlp):
    doc = nlp.make_doc("县环保局开展检查。")
    doc = nlp.get_pipe("lt_agencies")(doc)
    assert [s.text for s in doc.spans["agencies"]] == ["县环保局"]


def test_branch_of_a_bureau_and_ministry_bureau(nlp):
    found = run(nlp, "德阳市生态环境局旌阳分局、生态环境部西南督察局参加。", ("德阳市",))
    assert by_name(found, "德阳市生态环境局旌阳分局").parent == "德阳市生态环境局"
    assert by_name(found, "生态环境部西南督察局").parent == "生态环境部"


def test_office_of_a_leading_group(nlp):
    found = run(nlp, "省生态环境保护督察整改工作领导小组办公室印发通知。")
    office = by_name(found, "省生态环境保护督察整改工作领导小组办公室")
    assert office.parent == "省生态环境保护督察整改工作领导小组"
    assert office.level == "省"


def test_development_zone_committee_and_inspection_round(nlp):
    found = run(nlp, "高新区、经开区管委会作表态发言,省委第三巡视组进驻。")
    assert names(found) == ["经开区管委会", "省委第三巡视组"]


def test_chained_places_give_the_innermost_jurisdiction(nlp):
    found = run(nlp, "南充市顺庆区人民政府办公室印发通知。", ("南充市", "顺庆区"))
    a = by_name(found, "顺庆区人民政府办公室")
    assert a.place_text == "顺庆区"


# -- boundaries and forms seen in other regions' reporting ---------------------------


def test_standing_committee_and_no_place_inside_a_verb(nlp):
    found = names(run(nlp, "县委书记主持召开县委常委会会议。"))
    assert "县委常委会" in found
    assert not any(n.startswith("开") for n in found)


def test_autonomous_region_is_a_level(nlp):
    found = run(nlp, "全面完成自治区生态环境厅下达的年度任务。")
    assert [(a.name, a.level) for a in found] == [("自治区生态环境厅", "自治区")]


def test_place_named_elsewhere_in_the_article_is_used_whole(nlp):
    text = "普洱市召开会议。督察组向普洱市委反馈情况。"
    found = AgencyFinder().find(text, [PlaceMention(0, 3, "普洱市", "普洱市")])
    assert [(a.name, a.place_text) for a in found] == [("普洱市委", "普洱市")]


def test_named_body_starts_after_a_request_verb(nlp):
    text = "如有异议,请向嵊泗县环境整治工作领导小组办公室反映。"
    found = names(run(nlp, text, ("嵊泗县",)))
    assert "嵊泗县环境整治工作领导小组办公室" in found
    assert not any("请" in n for n in found)


def test_comprehensive_enforcement_bureau(nlp):
    assert names(run(nlp, "经市综合行政执法局核查,已督促整改。")) == ["市综合行政执法局"]


def test_division_of_a_provincial_department(nlp):
    found = names(run(nlp, "湖北省生态环境厅水生态环境处负责人介绍", ("湖北省",)))
    assert "湖北省生态环境厅水生态环境处" in found


def test_data_source_names_a_body_but_a_source_line_does_not(nlp):
    assert names(run(nlp, "数据来源:湖北省生态环境监测中心", ("湖北省",))) == ["湖北省生态环境监测中心"]
    assert names(run(nlp, "来源:湖北省生态环境厅", ("湖北省",))) == []


def test_city_and_district_short_form_name_one_body(nlp):
    found = run(nlp, "宁德市蕉城生态环境局副局长到场。", ("宁德市", "蕉城"))
    assert [(a.name, a.place_text) for a in found] == [("宁德市蕉城生态环境局", "宁德市")]


def test_department_named_for_what_it_manages(nlp):
    assert names(run(nlp, "丽水市瓯江保护管理局局长介绍", ("丽水市",))) == ["丽水市瓯江保护管理局"]
    assert names(run(nlp, "丽水市加强保护管理局", ("丽水市",))) == []


def test_listed_places_share_the_body_written_once(nlp):
    found = run(nlp, "柳州市城中区、鱼峰区、柳南区政府和柳东新区管委会负责落实。",
                ("柳州市", "城中区", "鱼峰区", "柳南区"))
    got = {a.name: a.place_text for a in found}
    assert got["城中区政府"] == "城中区"
    assert got["鱼峰区政府"] == "鱼峰区"
    assert got["柳南区政府"] == "柳南区"
    assert "柳东新区管委会" in got
    assert not any("和" in n for n in got)


def test_listed_places_of_another_level_do_not_share(nlp):
    found = run(nlp, "广西壮族自治区、柳州市政府联合发文。", ("广西壮族自治区", "柳州市"))
    assert "广西壮族自治区政府" not in names(found)


def test_police_field_units_are_one_body(nlp):
    found = run(nlp, "桂林市公安局交通警察支队象山大队查处违法车辆。", ("桂林市",))
    assert names(found) == ["桂林市公安局交通警察支队象山大队"]


def test_rectification_office(nlp):
    found = run(nlp, "据柳州市环保督察整改办统计,", ("柳州市",))
    assert names(found) == ["柳州市环保督察整改办"]


def test_department_in_a_title_chain_belongs_to_the_committee(nlp):
    found = run(nlp, "区委常委、宣传部部长顾某出席。")
    dept = by_name(found, "区委宣传部")
    assert dept.level == "区" and dept.text == "宣传部"


def test_office_in_a_title_chain_belongs_to_the_same_township(nlp):
    found = run(nlp, "汊河街道党工委副书记、办事处主任顾某陪同。", ("汊河街道",))
    office = by_name(found, "汊河街道办事处")
    assert office.place_text == "汊河街道" and office.text == "办事处"


def test_spokesperson_after_ministry_is_not_media(nlp):
    assert "水利部" in names(run(nlp, "水利部新闻发言人钱松涛主持发布会。"))
    assert names(run(nlp, "水利部新闻中心发布消息。")) == []


def test_received_is_a_boundary_of_named_bodies(nlp):
    found = run(nlp, "截至6月1日,青木区共收到督察组转办件30件。", ("青木区",))
    assert not any(n.endswith("督察组") for n in names(found))


def test_firm_department_is_not_a_ministry(nlp):
    assert names(run(nlp, "某某煤化公司安全环保部负责人表示。")) == []
    assert names(run(nlp, "某某公司环保部负责人表示。")) == []
    assert names(run(nlp, "企业配合市生态环境局开展检查。")) == ["市生态环境局"]


def test_bureau_above_a_police_detachment_is_listed(nlp):
    found = run(nlp, "桂林市公安局交通警察支队联合市交通运输局开展检查。", ("桂林市",))
    assert by_name(found, "桂林市公安局交通警察支队").parent == "桂林市公安局"
    assert by_name(found, "桂林市公安局").parent is None


def test_detachment_with_a_long_name(nlp):
    found = run(nlp, "市公安局食品药品环境犯罪侦查支队支队长出席。")
    assert by_name(found, "市公安局食品药品环境犯罪侦查支队").parent == "市公安局"


def test_inspection_group_and_vehicle_centre_are_sub_bodies(nlp):
    found = run(nlp, "柳州市人大常委会执法检查组赴企业检查。", ("柳州市",))
    assert by_name(found, "柳州市人大常委会执法检查组").parent == "柳州市人大常委会"
    found = run(nlp, "桂林市生态环境局机动车排污监控中心主任表示", ("桂林市",))
    assert by_name(found, "桂林市生态环境局机动车排污监控中心").parent == "桂林市生态环境局"


def test_government_press_office(nlp):
    found = run(nlp, "柳州市政府新闻办举行发布会,省政府新闻办公室派员参加。", ("柳州市",))
    assert names(found) == ["柳州市政府新闻办", "省政府新闻办公室"]


def test_bare_branch_named_for_a_county_joins_its_prefecture_bureau():
    text = "白河市生态环境局召开会议。青山分局、柳溪分局等8个县区分局负责同志参加,外县的石门分局未到会。"
    places = [
        PlaceMention(0, 3, "白河市", "白河市", "990100", "prefecture", "990000"),
        PlaceMention(13, 15, "青山", "青山县", "990101", "county", "990100"),
        PlaceMention(18, 20, "柳溪", "柳溪区", "990102", "county", "990100"),
        PlaceMention(37, 39, "石门", "石门县", "980101", "county", "980100"),
    ]
    found = AgencyFinder().find(text, places)
    assert names(found) == ["白河市生态环境局", "市生态环境局青山分局", "市生态环境局柳溪分局"]
    branch = found[1]
    assert (text[branch.start : branch.end], branch.level, branch.place_text) == ("青山分局", "市", None)


def test_office_written_with_the_group_head_alone():
    text = "白河市成立市环境整治工作领导小组，领导小组办公室设在市生态环境局。"
    found = AgencyFinder().find(text, [PlaceMention(0, 3, "白河市", "白河市")])
    office = by_name(found, "市环境整治工作领导小组办公室")
    assert text[office.start : office.end] == "领导小组办公室"
    text = "县长任组长的县环境整治指挥部设立。其他领导小组办公室另行通知。"
    assert "县环境整治领导小组办公室" not in names(AgencyFinder().find(text, []))


def test_short_form_takes_the_full_form_named_in_the_article(nlp):
    found = run(nlp, "白河县城市管理执法局开展整治,县城管执法局局长带队。", ("白河县",))
    assert names(found) == ["白河县城市管理执法局", "县城市管理执法局"]
    found = run(nlp, "县城管执法局局长带队。")
    assert names(found) == ["县城管执法局"]
