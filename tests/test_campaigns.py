"""lt_campaigns on a blank pipeline, with invented sentences (no seed or dev names)."""

from __future__ import annotations

import pytest
import spacy

import kg.annotate.campaigns  # noqa: F401  (registers lt_campaigns)
import kg.annotate.records  # noqa: F401  (registers Doc._.lt)
from kg.annotate.campaigns import CampaignFinder, CampaignLexicon, pair_quotes


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("lt_campaigns")
    return nlp


def names(nlp, text: str) -> list[str]:
    return [c.name for c in nlp(text)._.lt.campaigns]


def test_verbs_and_adverbs_are_cut_from_the_name_but_kept_in_the_text(nlp):
    doc = nlp("全区坚决打赢碧水保卫战，扎实推进柴油货车污染治理攻坚战。")
    found = [(c.name, c.text) for c in doc._.lt.campaigns]
    assert found == [
        ("碧水保卫战", "坚决打赢碧水保卫战"),
        ("柴油货车污染治理攻坚战", "柴油货车污染治理攻坚战"),
    ]
    for c in doc._.lt.campaigns:
        assert doc.text[c.start:c.end] == c.text


def test_jurisdiction_words_and_years_are_not_part_of_the_name(nlp):
    assert names(nlp, "全市2023年城市黑臭水体治理攻坚战调度会召开") == ["城市黑臭水体治理攻坚战"]


def test_enumeration_shares_the_head(nlp):
    doc = nlp("全力打好蓝天、碧水、净土、清废四大保卫战。")
    cams = doc._.lt.campaigns
    assert [c.name for c in cams] == ["蓝天保卫战", "碧水保卫战", "净土保卫战", "清废保卫战"]
    assert doc.text[cams[0].start:cams[0].end] == "蓝天"
    assert doc.text[cams[2].start:cams[2].end] == "净土"


def test_enumeration_without_a_count(nlp):
    assert names(nlp, "深入打好蓝天、碧水保卫战五年行动方案") == ["蓝天保卫战", "碧水保卫战"]


def test_quoted_campaign_drops_enclosing_quotes(nlp):
    doc = nlp("我县启动“清废行动”，效果明显。")
    (c,) = doc._.lt.campaigns
    assert (c.name, c.text) == ("清废行动", "“清废行动”")


def test_quoted_name_with_head_keeps_quotes_and_ascii_quotes_are_paired(nlp):
    assert names(nlp, "推进“绿盾2023”专项行动") == ["“绿盾2023”专项行动"]
    assert names(nlp, '推进"绿盾2023"专项行动') == ["“绿盾2023”专项行动"]


def test_bare_quote_is_an_alias_of_the_quoted_campaign(nlp):
    found = names(nlp, "全面实施“三减三增”三年行动。调整结构，做到“三减三增”。")
    assert found == ["“三减三增”三年行动", "“三减三增”三年行动"]


def test_bare_attack_form_is_an_alias_of_the_battle(nlp):
    assert names(nlp, "部署全市夏季臭氧污染防治攻坚工作。") == ["夏季臭氧污染防治攻坚战"]


def test_countdown_campaign_and_the_battle_inside_it(nlp):
    found = sorted(names(nlp, "开展大气污染防治攻坚战冲刺45天以来"))
    assert found == ["大气污染防治攻坚冲刺45天", "大气污染防治攻坚战"]


def test_inspection_rounds(nlp):
    assert names(nlp, "第三轮中央生态环境保护督察反馈问题整改") == ["第三轮中央生态环境保护督察"]
    assert names(nlp, "以中央环保督察“回头看”为契机") == ["中央环保督察“回头看”"]


def test_inspection_round_with_batch(nlp):
    assert names(nlp, "迎接第二轮第三批中央生态环境保护督察。") == ["第二轮第三批中央生态环境保护督察"]


def test_short_action_launched_without_quotes(nlp):
    assert names(nlp, "全市开展清河行动，部署蓝天行动。") == ["清河行动", "蓝天行动"]
    assert names(nlp, "采取有力行动，开展环境整治行动。") == []


def test_inspection_short_form_folds_onto_the_full_form(nlp):
    found = names(nlp, "落实第二轮中央生态环境保护督察反馈意见，整改中央督察交办问题。")
    assert found == ["第二轮中央生态环境保护督察", "第二轮中央生态环境保护督察"]


def test_inspection_teams_and_generic_levels_are_not_rounds(nlp):
    assert names(nlp, "中央第三生态环境保护督察组进驻。") == []
    assert names(nlp, "落实中央、省级生态环境保护督察整改要求。") == []


def test_plan_title_names_the_battle_not_a_three_year_action(nlp):
    assert names(nlp, "确保“打赢蓝天保卫战三年行动计划”目标任务圆满完成") == ["蓝天保卫战"]


def test_one_task_in_a_list_is_not_a_campaign(nlp):
    found = names(nlp, "开展秸秆禁烧、城区河道专项整治、餐饮油烟治理等“五大攻坚”行动。")
    assert found == ["“五大攻坚”行动"]


def test_unquoted_action_needs_an_environmental_stem(nlp):
    assert names(nlp, "开展机动车尾气专项整治。") == ["机动车尾气专项整治"]
    assert names(nlp, "安全生产专项整治三年行动扎实推进。") == []
    assert names(nlp, "要强化专项行动，将专项行动纳入考核。") == []


@pytest.mark.parametrize(
    "text",
    [
        "深入推进党史学习教育，开展作风建设年活动。",
        "全面推行河长制，落实网格化监管和销号管理制度。",
        "坚持绿水青山就是金山银山理念。",
        "打了一场攻坚战、持久战，这十场标志性战役都要打赢。",
        "将环境治理列为全市持续推进的攻坚战之一。",
    ],
)
def test_not_campaigns(nlp, text):
    assert names(nlp, text) == []


def test_spans_are_mirrored(nlp):
    doc = nlp("坚决打赢净土保卫战。")
    assert [s.label_ for s in doc.spans["campaigns"]] == ["CAMPAIGN"]
    assert "净土保卫战" in doc.spans["campaigns"][0].text


def test_pair_quotes_keeps_length_and_pairs_per_line():
    text = '开展"清河"行动\n"半个'
    out = pair_quotes(text)
    assert len(out) == len(text)
    assert out == "开展“清河”行动\n“半个"


def test_quoted_name_with_modifier_and_head():
    finder = CampaignFinder(CampaignLexicon.load())
    got = [m.name for m in finder.find("本月深入开展2025年“青锋”执法专项行动,并启动“护航秋收”专项监督行动。")]
    assert got == ["“青锋”执法专项行动", "“护航秋收”专项监督行动"]


def test_quoted_name_keeps_a_domain_noun_before_it_but_not_a_verb():
    finder = CampaignFinder(CampaignLexicon.load())
    assert [m.name for m in finder.find("督导河湖“清淤泥”专项行动进展。")] == ["河湖“清淤泥”专项行动"]
    assert [m.name for m in finder.find("部署“清淤泥”专项行动。")] == ["“清淤泥”专项行动"]


def test_support_verbs_are_not_part_of_the_name():
    finder = CampaignFinder(CampaignLexicon.load())
    got = [(m.text, m.name) for m in finder.find("要助力碧水保卫战,聚焦蓝天保卫战。")]
    assert [name for _, name in got] == ["碧水保卫战", "蓝天保卫战"]


def test_two_names_joined_by_ji_and_nested_heads():
    finder = CampaignFinder(CampaignLexicon.load())
    got = {m.name for m in finder.find("召开2025年蓝天保卫战暨机动车尾气污染治理攻坚战推进会。")}
    assert got == {"蓝天保卫战", "机动车尾气污染治理攻坚战"}
    got = [m.name for m in finder.find("以太湖生态环境专项整治三年行动为抓手。")]
    assert got == ["太湖生态环境专项整治三年行动"]


def test_quoted_standalone_head_is_named_by_itself():
    finder = CampaignFinder(CampaignLexicon.load())
    assert [m.name for m in finder.find("启动“百日攻坚”行动。")] == ["百日攻坚"]


def test_a_numbered_quoted_name_after_a_domain_noun_is_a_campaign(nlp):
    assert names(nlp, "年底前全县河湖“清五乱”问题整改率达到100%。") == ["河湖“清五乱”"]
    # the numbered problems alone are not the campaign
    assert names(nlp, "清理河湖“五乱”问题30个。") == []
    # with the full name written, the short form is its alias
    assert names(nlp, "开展河湖“清五乱”专项行动，河湖“清五乱”问题全部销号。") == [
        "河湖“清五乱”专项行动", "河湖“清五乱”专项行动"]


def test_a_bare_follow_up_inspection_is_named_as_written_or_folded(nlp):
    assert names(nlp, "该市将以此次督察“回头看”为契机推进整改。") == ["督察“回头看”"]
    assert names(nlp, "省级生态环境保护督察“回头看”进驻后，督察“回头看”交办件全部办结。") == [
        "省级生态环境保护督察“回头看”", "省级生态环境保护督察“回头看”"]


def test_a_duty_joined_to_a_battle_is_not_a_battle(nlp):
    assert names(nlp, "要把巡河履职与碧水保卫战紧密结合。") == ["碧水保卫战"]
    assert names(nlp, "打赢蓝天和碧水保卫战。") == ["蓝天保卫战", "碧水保卫战"]


def test_battles_each_named_in_full_are_not_an_enumeration(nlp):
    found = names(nlp, "全市要坚决打赢蓝天保卫战、碧水保卫战、净土保卫战，确保空气改善。")
    assert found == ["蓝天保卫战", "碧水保卫战", "净土保卫战"]


def test_a_river_name_before_a_quoted_name_belongs_to_it(nlp):
    assert names(nlp, "坚决打好闽江“清淤护岸”攻坚战。") == ["闽江“清淤护岸”攻坚战"]
    # a scope word before the quote stays out
    assert names(nlp, "推进沿江“清淤护岸”攻坚战。") == ["“清淤护岸”攻坚战"]


def test_a_quoted_name_with_a_short_noun_before_xingdong(nlp):
    assert names(nlp, "将把“三水同治”清流行动作为重点。") == ["“三水同治”清流行动"]
    assert names(nlp, "深入实施「洁净空气」示范镇创建行动。") == ["“洁净空气”示范镇创建行动"]
    assert names(nlp, "“十五五”期间开展行动。") == []


def test_a_campaign_folded_into_a_list_by_narui_is_cut_there(nlp):
    found = names(nlp, "将把工地扬尘治理纳入大气污染防治攻坚战重点任务。")
    assert found == ["大气污染防治攻坚战"]


def test_a_short_form_folds_into_its_three_year_action(nlp):
    text = "召开巢湖生态环境专项整治推进会。巢湖生态环境专项整治三年行动开展以来成效明显。"
    assert set(names(nlp, text)) == {"巢湖生态环境专项整治三年行动"}


def test_volatile_organic_compounds_are_an_environmental_domain(nlp):
    assert names(nlp, "全区开展VOCs治理攻坚行动。") == ["VOCs治理攻坚行动"]
    assert names(nlp, "坚决打好挥发性有机物治理攻坚战。") == ["挥发性有机物治理攻坚战"]


def test_a_bare_hundred_day_action_refers_to_the_one_named_in_full(nlp):
    text = "园区启动扬尘综合治理百日攻坚行动。此次百日攻坚行动将覆盖全部工地。"
    assert set(names(nlp, text)) == {"扬尘综合治理百日攻坚行动"}
    assert names(nlp, "全县开展夏季百日攻坚行动。") == ["百日攻坚行动"]


def test_a_quoted_environmental_model_to_build_is_a_campaign(nlp):
    assert names(nlp, "以“无废园区”建设为抓手，推进治理。") == ["“无废园区”建设"]
    assert names(nlp, "以“平安乡村”建设为抓手。") == []


def test_a_countdown_inside_a_quoted_name_is_not_a_second_campaign(nlp):
    got = names(nlp, "各镇要以“决战60天”攻坚行动为抓手，打好碧水保卫战。")
    assert "“决战60天”攻坚行动" in got
    assert "决战60天" not in got


def test_a_jurisdiction_word_is_not_part_of_the_campaign_name():
    import spacy

    import kg.annotate.campaigns  # noqa: F401
    import kg.annotate.records  # noqa: F401

    nlp = spacy.blank("zh")
    nlp.add_pipe("lt_campaigns")
    names = [c.name for c in nlp("坚决打好县污染防治攻坚战，开展市容环境整治专项行动。")._.lt.campaigns]
    assert names == ["污染防治攻坚战", "市容环境整治专项行动"]


def test_a_boundary_verb_cut_by_the_stem_limit_does_not_leave_half_a_word(nlp):
    # the run before 攻坚 is longer than a stem; 开展 straddles the cut and 重点区域 is scope
    got = names(nlp, "会议要求持续开展重点区域冬春季大气污染综合治理攻坚。")
    assert got == ["冬春季大气污染综合治理攻坚"]


def test_a_river_name_before_its_basin_stays_in_the_name():
    finder = CampaignFinder(CampaignLexicon.load())
    text = "扎实推进青溪流域水环境综合整治攻坚专项行动。"
    stop = text.index("青溪")
    # a place finder may read 青溪 as a place: a place ends a stem, a river's 流域 does not
    found = finder.find(text, [(stop, stop + 2)])
    assert [c.name for c in found] == ["青溪流域水环境综合整治攻坚专项行动"]
    other = "扎实推进西山县水环境综合整治攻坚专项行动。"
    s = other.index("西山县")
    assert [c.name for c in finder.find(other, [(s, s + 3)])] == ["水环境综合整治攻坚专项行动"]


def test_a_quoted_name_with_a_longer_field_phrase_and_action(nlp):
    assert names(nlp, "围绕“秀美南岭”生态保护修复行动，加快治理。") == ["“秀美南岭”生态保护修复行动"]
    # a long phrase that names no field is a sentence, not a campaign name
    assert names(nlp, "围绕“秀美南岭”主题宣传教育活动行动起来。") == []


def test_a_quoted_counted_battle_is_a_name_but_the_bare_count_is_not(nlp):
    assert names(nlp, "今年要深入开展“三大保卫战”。") == ["“三大保卫战”"]
    assert names(nlp, "今年要深入开展三大保卫战。") == []
    assert names(nlp, "打好“蓝天、碧水、净土三大保卫战”。") == ["蓝天保卫战", "碧水保卫战", "净土保卫战"]


def test_a_protection_and_restoration_programme_is_a_campaign(nlp):
    assert names(nlp, "持续推进清江流域生态保护和修复提升工程。") == ["清江流域生态保护和修复提升工程"]
    assert names(nlp, "某公司参与了部分河道的生态修复工程。") == []


def test_verbs_before_a_campaign_are_left_out():
    from kg.annotate.pipeline import make_nlp

    doc = make_nlp()("当前已进入秋冬季大气污染综合治理攻坚关键期，要扛起蓝天保卫战政治责任。")
    assert [c.name for c in doc._.lt.campaigns] == ["秋冬季大气污染综合治理攻坚", "蓝天保卫战"]
