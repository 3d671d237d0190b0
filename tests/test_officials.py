"""lt_officials (after lt_agencies) on a blank pipeline, with invented names
and places that are in neither the seeds nor the dev set."""

from __future__ import annotations

import pytest
import spacy
from annotate_helpers import inject_places

from kg.annotate import agencies as agencies_module  # noqa: F401  (registers lt_agencies)
from kg.annotate import officials as officials_module  # noqa: F401  (registers lt_officials)
from kg.annotate.records import Title


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("lt_agencies")
    nlp.add_pipe("lt_officials")
    return nlp


def run(nlp, text: str, places: tuple[str, ...] = ()):
    """Inject PlaceMentions (as lt_places would), then run both components."""
    doc = inject_places(nlp.make_doc(text), places)
    for pipe in ("lt_agencies", "lt_officials"):
        doc = nlp.get_pipe(pipe)(doc)
    return doc._.lt.officials


def roles(found) -> dict[str, list[str]]:
    return {o.name: [t.role for t in o.titles] for o in found}


def test_title_chain_before_name_with_body_carried(nlp):
    text = "5月6日,绵阳市生态环境局党组书记、局长、一级调研员欧阳文华到江油调研。"
    (o,) = run(nlp, text, ("绵阳市", "江油"))
    assert (o.name, text[o.start : o.end]) == ("欧阳文华", "欧阳文华")
    assert o.titles == (
        Title("党组书记", "绵阳市生态环境局党组书记", "绵阳市生态环境局", "绵阳市"),
        Title("局长", "局长", "绵阳市生态环境局", "绵阳市"),
        Title("一级调研员", "一级调研员", "绵阳市生态环境局", "绵阳市"),
    )


def test_party_committee_roles_keep_their_level(nlp):
    text = "县委书记钱振宇,县委副书记、县长孙立民,副县长周晓梅出席。"
    found = run(nlp, text)
    assert roles(found) == {"钱振宇": ["县委书记"], "孙立民": ["县委副书记", "县长"], "周晓梅": ["副县长"]}
    sun = found[1]
    assert sun.titles[0] == Title("县委副书记", "县委副书记", "县委", "县")
    assert sun.titles[1] == Title("县长", "县长", None, "县")  # 县长 names no body


def test_jurisdiction_removed_level_kept(nlp):
    text = "江油市委常委、副市长贺明轩,江油市人大常委会副主任龚立新陪同。"
    found = run(nlp, text, ("江油市",))
    he, gong = found
    assert he.titles == (
        Title("市委常委", "江油市委常委", "江油市委", "江油市"),
        Title("副市长", "副市长", None, "江油市"),
    )
    assert gong.titles == (
        Title("市人大常委会副主任", "江油市人大常委会副主任", "江油市人大常委会", "江油市"),
    )


def test_government_body_before_leader_role(nlp):
    (o,) = run(nlp, "德阳市政府副市长聂远航调研。", ("德阳市",))
    assert o.titles == (Title("副市长", "德阳市政府副市长", "德阳市政府", "德阳市"),)


def test_bare_body_takes_place_of_earlier_body_in_sentence(nlp):
    text = "德阳市水利局局长邹海平,党组成员、市水资源监测中心主任孔德明一行调研。"
    found = run(nlp, text, ("德阳市",))
    assert found[1].titles[1] == Title("主任", "市水资源监测中心主任", "市水资源监测中心", "德阳市")


def test_title_distributed_over_enumeration(nlp):
    found = run(nlp, "副县长卜文涛、司马光耀、乔一等参加会议。")
    assert roles(found) == {"卜文涛": ["副县长"], "司马光耀": ["副县长"], "乔一": ["副县长"]}


def test_leaders_listed_without_titles(nlp):
    found = run(nlp, "该县领导邓振华、毛一鸣、郝杰等出席会议。")
    assert [o.name for o in found] == ["邓振华", "毛一鸣", "郝杰"]
    assert all(o.titles == (Title("", "该县领导", None, "县"),) for o in found)


def test_spaced_names_are_joined(nlp):
    text = "副市长孙 伟出席。"
    (o,) = run(nlp, text)
    assert o.name == "孙伟"
    assert text[o.start : o.end] == "孙 伟"


def test_single_character_given_name(nlp):
    found = run(nlp, "市长郝杰主持会议,副市长邹平在会上讲话。")
    assert [o.name for o in found] == ["郝杰", "邹平"]


def test_name_ends_where_a_word_starts(nlp):
    # 强调 follows 2 given characters; 溯流 ends a 1-character given name
    found = run(nlp, "区长覃建强调,村级河长甘林溯流追查。")
    assert [o.name for o in found] == ["覃建", "甘林"]


def test_title_after_name(nlp):
    (o,) = run(nlp, "会上,韦振东县长指出,要抓好落实。")
    assert o.name == "韦振东"
    assert [t.role for t in o.titles] == ["县长"]


def test_leader_named_with_general_secretary_title(nlp):
    found = run(nlp, "习近平总书记指出,要坚持生态优先。")
    assert roles(found) == {"习近平": ["总书记"]}


def test_doctrines_and_unnamed_leaders_are_not_officials(nlp):
    text = "深入学习习近平生态文明思想,落实习总书记要求,总书记强调绿色发展。"
    assert run(nlp, text) == []


def test_reporters_and_editors_are_not_officials(nlp):
    text = "本报讯(记者 聂 远 通讯员 祁明 郝杰)副市长邹平出席。(编辑 甘林)\n责任编辑:龚立新\n审发:杜 文"
    assert [o.name for o in run(nlp, text)] == ["邹平"]


def test_byline_author_who_is_an_official(nlp):
    text = "◆邝思远\n面对新形势,必须抓好落实。\n作者系四川省德阳市生态环境局党组成员、副局长"
    (o,) = run(nlp, text, ("四川省", "德阳市"))
    assert o.name == "邝思远"
    assert [(t.role, t.body) for t in o.titles] == [
        ("党组成员", "德阳市生态环境局"),
        ("副局长", "德阳市生态环境局"),
    ]


def test_speaker_without_title(nlp):
    found = run(nlp, "会议指出,要落实责任。覃振国强调,要抓好整改。")
    assert roles(found) == {"覃振国": []}


def test_appointed_role_after_name_and_body_from_sentence(nlp):
    text = "德阳市水利局成立由党组书记、局长邹海平任组长的工作专班。"
    (o,) = run(nlp, text, ("德阳市",))
    assert [(t.role, t.body) for t in o.titles] == [
        ("党组书记", "德阳市水利局"),
        ("局长", "德阳市水利局"),
        ("组长", None),
    ]


def test_role_in_a_meeting_name_anchors_no_name(nlp):
    assert run(nlp, "市长主持召开市长周例会,听取汇报。")[1:] == []
    assert [o.name for o in run(nlp, "市长主持召开市长周例会。")] == []


def test_common_words_after_a_role_are_not_names(nlp):
    assert run(nlp, "检查了河长公示牌,县长高度重视,主任文件批示。") == []


def test_records_are_mirrored_as_spans(nlp):
    doc = nlp.make_doc("副市长邹平出席。")
    for pipe in ("lt_agencies", "lt_officials"):
        doc = nlp.get_pipe(pipe)(doc)
    assert [s.text for s in doc.spans["officials"]] == ["邹平"]


def test_leader_list_after_you(nlp):
    found = run(nlp, "出席会议的市领导还有孙立民、周晓梅。")
    assert [o.name for o in found] == ["孙立民", "周晓梅"]


def test_name_before_de(nlp):
    (o,) = run(nlp, "在市委书记钱振宇的带领下,全市上下齐心协力。")
    assert o.name == "钱振宇"


def test_committee_first_deputy_director(nlp):
    text = "市委副书记、市长、市生态环境保护委员会第一副主任方振华主持会议。"
    (o,) = run(nlp, text)
    assert [(t.role, t.body) for t in o.titles] == [
        ("市委副书记", "市委"),
        ("市长", None),
        # in a chain of posts a coordination body's post keeps its body
        ("市生态环境保护委员会第一副主任", "市生态环境保护委员会"),
    ]


def test_coordination_body_post_kept_in_chain_bare_alone(nlp):
    text = (
        "县长、县大气污染防治工作领导小组组长欧阳文华主持会议。"
        "海门市水务局局长、市河长制办公室主任龚立新参加。"
        "市生态环境保护委员会主任贺明轩要求抓好整改。"
    )
    found = run(nlp, text, ("海门市",))
    assert roles(found) == {
        "欧阳文华": ["县长", "县大气污染防治工作领导小组组长"],
        "龚立新": ["局长", "市河长制办公室主任"],
        "贺明轩": ["主任"],
    }
    assert found[0].titles[1].body == "县大气污染防治工作领导小组"


def test_party_department_head_and_county_office_director(nlp):
    text = "县委常委、宣传部长钱振宇,县委常委、县委办主任、白沙河县级河长孙立民陪同。"
    found = run(nlp, text)
    assert roles(found) == {
        "钱振宇": ["县委常委", "宣传部长"],
        "孙立民": ["县委常委", "县委办主任", "县级河长"],
    }


def test_name_that_starts_like_a_place_word(nlp):
    # 江海 is a dictionary word (a place), still a possible start of a name
    (o,) = run(nlp, "市委书记江海波出席会议。")
    assert o.name == "江海波"


def test_verb_after_role_is_not_a_name(nlp):
    assert run(nlp, "县长周密部署,局长项目推进。") == []


def test_enumerated_titles_across_bodies(nlp):
    (o,) = run(nlp, "副市长、市公安局局长邹海平出席。")
    assert [(t.role, t.body, t.place_text) for t in o.titles] == [
        ("副市长", None, "市"),
        ("局长", "市公安局", "市"),
    ]


# -- where a name ends, and more ways a name is anchored ----------------------------


def test_given_name_does_not_swallow_a_following_verb(nlp):
    found = run(nlp, "副县长欧阳峻,嵊泗县委书记赵磊陪同。镇党委副书记、镇长孙浩受到诫勉谈话。")
    assert set(roles(found)) == {"欧阳峻", "赵磊", "孙浩"}
    assert roles(found)["孙浩"] == ["镇党委副书记", "镇长"]


def test_longer_name_kept_when_a_clear_word_follows(nlp):
    assert "王志强" in roles(run(nlp, "县委书记王志强调研了污水处理厂。"))


def test_compound_surname_keeps_two_given_characters(nlp):
    found = run(nlp, "舟山市委常委、副市长司马文博接受采访时表示,", ("舟山市",))
    assert roles(found) == {"司马文博": ["市委常委", "副市长"]}


def test_level_leader_cues(nlp):
    found = run(nlp, "县级领导丁远航、孔德成、毛丽参加会议。市委领导江华出席。")
    assert set(roles(found)) == {"丁远航", "孔德成", "毛丽", "江华"}


def test_leader_cue_before_a_common_word_is_no_name(nlp):
    assert run(nlp, "该局建立了县级领导包保责任制,包保领导每月到现场。") == []


def test_name_after_de_and_before_title(nlp):
    found = run(nlp, "正在青石村调研的邓国华县长表示,将继续推进治理。")
    assert roles(found) == {"邓国华": ["县长"]}


def test_space_between_title_and_name(nlp):
    assert roles(run(nlp, "舟山市市长 范文涛\n一、工作回顾", ("舟山市",))) == {"范文涛": ["市长"]}
    assert roles(run(nlp, "(作者系漳浦县水利局副局长\u3000姚文斌)", ("漳浦县",))) == {"姚文斌": ["副局长"]}


def test_spaced_two_character_given_name(nlp):
    found = run(nlp, "青石镇镇长宋 丽娟汇报了工作。据承办检察官吕 焱介绍,案件已审结。")
    assert roles(found) == {"宋丽娟": ["镇长"], "吕焱": ["检察官"]}


def test_function_character_ends_a_name_after_a_title(nlp):
    found = run(nlp, "县委书记、县级总河长魏东以暗访方式巡河。")
    assert roles(found) == {"魏东": ["县委书记", "县级总河长"]}


def test_less_common_surname(nlp):
    assert "占志华" in roles(run(nlp, "县委常委、副县长占志华在调研时要求,"))


def test_body_written_by_its_head_alone(nlp):
    text = "漳浦县生态环境局召开会议。四、下步工作。局党组书记、局长钟 凯要求,各大队落实责任。"
    found = run(nlp, text, ("漳浦县",))
    official = next(o for o in found if o.name == "钟凯")
    assert [t.body for t in official.titles] == ["漳浦县生态环境局", "漳浦县生态环境局"]


def test_deputy_after_the_head_shares_the_body(nlp):
    text = "湖北省第三生态环境保护督察组向舟山市反馈情况。督察组组长东方晓作反馈讲话,副组长吴敏出席会议。"
    found = {o.name: o for o in run(nlp, text, ("湖北省", "舟山市"))}
    assert [t.body for t in found["吴敏"].titles] == ["湖北省第三生态环境保护督察组"]
    assert [t.body for t in found["东方晓"].titles] == ["湖北省第三生态环境保护督察组"]


def test_deputy_in_another_sentence_keeps_no_body(nlp):
    text = "湖北省第三生态环境保护督察组组长东方晓作反馈讲话。副组长吴敏出席会议。"
    found = {o.name: o for o in run(nlp, text, ("湖北省",))}
    assert [t.body for t in found["吴敏"].titles] == [None]


def test_level_kept_on_government_and_office_roles(nlp):
    found = run(nlp, "市政府秘书长翟某某、市政府副秘书长柏文、葛一鸣陪同。")
    assert roles(found) == {
        "翟某某": ["市政府秘书长"],
        "柏文": ["市政府副秘书长"],
        "葛一鸣": ["市政府副秘书长"],
    }


def test_bare_level_before_a_role_stays_in_the_chain(nlp):
    found = run(nlp, "6月1日,区委书记、区总河长柏文带队巡河。副区长、区级河长葛一鸣参加。")
    assert roles(found) == {"柏文": ["区委书记", "区总河长"], "葛一鸣": ["副区长", "区级河长"]}


def test_township_committee_and_office_roles(nlp):
    found = run(nlp, "汊河街道党工委副书记、办事处主任柏文陪同。", ("汊河街道",))
    (o,) = found
    assert [t.role for t in o.titles] == ["党工委副书记", "办事处主任"]
    assert o.titles[0].body == "汊河街道党工委"


def test_name_between_a_body_and_its_title(nlp):
    (o,) = run(nlp, "会上,邗江生态环境局柏文局长通报了情况。", ("邗江",))
    assert o.name == "柏文"
    assert o.titles[0].role == "局长" and o.titles[0].body == "邗江生态环境局"


def test_lake_chief_titles_keep_their_level(nlp):
    found = run(nlp, "县委书记、县总湖长柯远山出席并讲话,县长、县副总湖长贺青林主持。")
    assert roles(found) == {"柯远山": ["县委书记", "县总湖长"], "贺青林": ["县长", "县副总湖长"]}


def test_spokesperson_takes_the_ministry(nlp):
    found = run(nlp, "水利部新闻发言人钱松涛主持发布会。")
    assert roles(found) == {"钱松涛": ["新闻发言人"]}
    assert found[0].titles[0].body == "水利部"


def test_dictionary_person_name_after_title(nlp):
    # 李娜 is a jieba word (tagged nr); after a title and before 主持 it is a name,
    # while 周密 before 部署 stays an adverb
    assert roles(run(nlp, "副区长李娜主持。")) == {"李娜": ["副区长"]}
    assert run(nlp, "县长周密部署,局长项目推进。") == []


def test_four_character_name_needs_title_and_speech_verb(nlp):
    assert roles(run(nlp, "某某分局局长阿果拉且表示,将全力配合。")) == {"阿果拉且": ["分局局长"]}
    assert "阿果拉且" not in roles(run(nlp, "阿果拉且表示,将全力配合。"))
    assert roles(run(nlp, "局长王小明主持会议。")) == {"王小明": ["局长"]}


def test_bare_head_names_the_first_post_and_its_deputy(nlp):
    text = (
        "柳州市人大常委会执法检查组赴企业检查。"
        "执法检查组组长、市人大常委会主任韦建国,副组长、市人大常委会副主任蒙丽出席。"
    )
    found = {o.name: o for o in run(nlp, text, ("柳州市",))}
    head, deputy = found["韦建国"].titles, found["蒙丽"].titles
    assert (head[0].role, head[0].body) == ("组长", "柳州市人大常委会执法检查组")
    assert head[1].body == "市人大常委会"
    assert (deputy[0].role, deputy[0].body) == ("副组长", "柳州市人大常委会执法检查组")
    assert deputy[1].body == "市人大常委会"


def test_shu_in_a_given_name_is_not_the_title_shuji():
    import spacy

    import kg.annotate.officials  # noqa: F401
    import kg.annotate.records  # noqa: F401

    nlp = spacy.blank("zh")
    nlp.add_pipe("lt_officials")
    names = [o.name for o in nlp("县领导钱书勤、江小燕出席。张书记强调要抓好落实。")._.lt.officials]
    assert names == ["钱书勤", "江小燕"]


def test_no_second_name_cut_out_of_a_found_one(nlp):
    found = run(nlp, "市委、市政府成立工作领导小组,由市委书记龚立华任组长,各县设立工作专班。")
    assert [o.name for o in found] == ["龚立华"]


def test_names_with_middle_dots_are_whole(nlp):
    found = run(nlp, "市委副书记、市长艾山江·吾守尔主持会议，自治区副主席阿不都•热合曼强调。")
    assert roles(found) == {"艾山江·吾守尔": ["市委副书记", "市长"], "阿不都·热合曼": ["副主席"]}


def test_later_list_items_need_no_surname_from_the_table(nlp):
    found = run(nlp, "市领导王立新、巴图、乌兰出席。副县长赵明、朝克、阿依古丽·买买提分别发言。")
    assert roles(found) == {
        "王立新": [""], "巴图": [""], "乌兰": [""],
        "赵明": ["副县长"], "朝克": ["副县长"], "阿依古丽·买买提": ["副县长"],
    }
    # the list ends at the first item that is no name
    text = "市领导王立新、各部门负责人参加，区领导李明、环保、住建等部门出席。"
    assert [o.name for o in run(nlp, text)] == ["王立新", "李明"]


def test_a_place_read_inside_an_officials_name_is_dropped():
    from kg.annotate.pipeline import make_nlp

    nlp = make_nlp()
    text = "会议由区政协主席主持，唐宏伟区长到会讲话。"
    alone = nlp.get_pipe("lt_places")(nlp.make_doc(text))
    assert [p.name for p in alone._.lt.places] == ["宏伟区"]  # what the gazetteer reads
    doc = nlp(text)
    assert [o.name for o in doc._.lt.officials] == ["唐宏伟"]
    assert doc._.lt.places == [] and list(doc.spans["places"]) == []


def test_rarer_compound_surnames(nlp):
    found = run(nlp, "副县长贺兰晓云、钟离文博出席。")
    assert roles(found) == {"贺兰晓云": ["副县长"], "钟离文博": ["副县长"]}


def test_spaced_names_ended_by_leading_verbs(nlp):
    found = run(nlp, "镇长、镇级副总河长孙 凯带头巡河，东湖村村级河长吴 杰牵头制定村规民约。")
    assert roles(found) == {"孙凯": ["镇长", "镇级副总河长"], "吴杰": ["村级河长"]}


def test_co_leaders_are_a_post_not_a_name(nlp):
    assert run(nlp, "成立由县委、县政府主要负责同志任双组长的领导小组。") == []


def test_a_post_given_after_a_list_of_names_is_each_ones(nlp):
    found = run(nlp, "副县长赵立新、钱 波、阿依努尔任副总指挥。")
    assert roles(found) == {n: ["副县长", "副总指挥"] for n in ("赵立新", "钱波", "阿依努尔")}


def test_spaced_names_with_compound_surnames(nlp):
    found = run(nlp, "县委书记上官 明远主持会议，督察组组长东方 振华通报意见。")
    assert roles(found) == {"上官明远": ["县委书记"], "东方振华": ["组长"]}


def test_four_character_names_after_a_title_without_a_common_word(nlp):
    found = run(nlp, "区长扎西平措，副区长德吉卓玛牵头推进。局长高度重视，河长巡查责任落实。")
    assert roles(found) == {"扎西平措": ["区长"], "德吉卓玛": ["副区长"]}


def test_a_post_taken_with_danren(nlp):
    found = run(nlp, "副市长孙 斌、钱立军担任副总指挥。")
    assert roles(found) == {"孙斌": ["副市长", "副总指挥"], "钱立军": ["副市长", "副总指挥"]}


def test_a_name_with_every_character_spaced(nlp):
    found = run(nlp, "市领导高建国、孙 立 波、李娜出席。")
    assert roles(found) == {"高建国": [""], "孙立波": [""], "李娜": [""]}
