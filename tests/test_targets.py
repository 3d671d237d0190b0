"""lt_targets on a blank pipeline, with invented sentences (no seed or dev figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import spacy

import kg.annotate.campaigns  # noqa: F401  (registers lt_campaigns)
import kg.annotate.records  # noqa: F401  (registers Doc._.lt)
import kg.annotate.targets  # noqa: F401  (registers lt_targets)
from kg.annotate.targets import cn_to_int, normalise_indicator


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("lt_campaigns")
    nlp.add_pipe("lt_targets")
    return nlp


def rows(nlp, text: str) -> list[tuple]:
    return [(t.indicator, t.value, t.unit, t.change, t.kind) for t in nlp(text)._.lt.targets]


def values(nlp, text: str) -> list[tuple[Decimal, str]]:
    return [(t.value, t.unit) for t in nlp(text)._.lt.targets]


def test_concentration_and_change_carry_the_subject(nlp):
    assert rows(nlp, "今年以来，全市PM2.5平均浓度为38微克/立方米，同比下降9.5%。") == [
        ("PM2.5平均浓度", Decimal("38"), "μg/m3", None, "result"),
        ("PM2.5平均浓度", Decimal("9.5"), "%", "同比下降", "result"),
    ]


def test_percentage_points_and_days(nlp):
    assert rows(nlp, "优良天数比例达到85.2%，同比上升2.1个百分点；重污染天数为3天，较去年同期减少5天。") == [
        ("优良天数比例", Decimal("85.2"), "%", None, "result"),
        ("优良天数比例", Decimal("2.1"), "百分点", "同比上升", "result"),
        ("重污染天数", Decimal("3"), "天", None, "result"),
        ("重污染天数", Decimal("5"), "天", "减少", "result"),
    ]


def test_share_is_an_attribute_of_the_subject(nlp):
    found = rows(nlp, "我区优良天数201天，占比76.4%。")
    assert found[1][:3] == ("优良天数占比", Decimal("76.4"), "%")


def test_enforcement_outputs(nlp):
    assert rows(nlp, "查处环境违法案件56起，罚没款360余万元，行政拘留7人。") == [
        ("查处环境违法案件", Decimal("56"), "起", None, "result"),
        ("罚没款", Decimal("360"), "万元", None, "result"),
        ("行政拘留", Decimal("7"), "人", None, "result"),
    ]


def test_money_keeps_decimals(nlp):
    (t,) = nlp("罚款金额98765.43元。")._.lt.targets
    assert t.value == Decimal("98765.43") and t.unit == "元" and t.indicator == "罚款金额"


def test_rankings(nlp):
    found = rows(nlp, "PM10平均浓度为52微克/立方米，排名全市第三。")
    assert found[1] == ("PM10平均浓度排名", Decimal("3"), "名", None, "result")
    assert values(nlp, "空气质量综合指数位列全省第十一位。") == [(Decimal("11"), "名")]
    found = rows(nlp, "实现了PM2.5浓度“退出后十”目标。")
    assert found == [("PM2.5浓度排名", Decimal("10"), "名", None, "result")]


def test_ranking_of_each_listed_subject(nlp):
    found = rows(nlp, "其中，综合指数、pm_2.5平均浓度在全省11个城市均排第二位。")
    assert [f[0] for f in found] == ["综合指数排名", "PM2.5平均浓度排名"]
    assert {f[1] for f in found} == {Decimal("2")}


def test_rank_written_with_its_scope_only(nlp):
    found = rows(nlp, "臭氧浓度为150微克/立方米，同比下降6.2%，改善幅度全省第一。")
    assert found[2] == ("臭氧浓度改善幅度排名", Decimal("1"), "名", None, "result")
    assert rows(nlp, "成为全省第一家通过验收的园区。") == []


def test_listed_values_pair_with_listed_subjects(nlp):
    assert rows(nlp, "全县PM2.5、PM10平均浓度分别为31、57微克/立方米，同比分别下降6.1%、4.4%。") == [
        ("PM2.5平均浓度", Decimal("31"), "μg/m3", None, "result"),
        ("PM10平均浓度", Decimal("57"), "μg/m3", None, "result"),
        ("PM2.5平均浓度", Decimal("6.1"), "%", "同比下降", "result"),
        ("PM10平均浓度", Decimal("4.4"), "%", "同比下降", "result"),
    ]


def test_count_that_scopes_a_figure_is_not_a_target(nlp):
    assert values(nlp, "全县6个省控断面水质优良比例达到100%。") == [(Decimal("100"), "%")]


def test_counted_noun_follows_the_classifier(nlp):
    found = rows(nlp, "全县安装120个扬尘在线监测设备，铺设50多公里污水管网。")
    assert found[0][1:3] == (Decimal("120"), "个") and "扬尘在线监测设备" in found[0][0]
    assert found[1][1:3] == (Decimal("50"), "公里") and "污水管网" in found[1][0]


def test_two_units_of_one_output(nlp):
    assert rows(nlp, "淘汰燃煤锅炉16台58.5蒸吨。") == [
        ("淘汰燃煤锅炉", Decimal("16"), "台", None, "result"),
        ("淘汰燃煤锅炉", Decimal("58.5"), "蒸吨", None, "result"),
    ]


def test_water_class(nlp):
    found = rows(nlp, "1-9月，断面水质稳定达到地表水Ⅲ类标准。")
    assert found == [("断面水质", Decimal("3"), "类", None, "result")]
    # a class range inside an indicator is no class target
    assert values(nlp, "Ⅰ—Ⅲ类水质断面比例为88.6%。") == [(Decimal("88.6"), "%")]


def test_large_units(nlp):
    assert values(nlp, "力争到2030年，地源热泵应用面积达到1.8亿平方米。") == [(Decimal("1.8"), "亿平方米")]


def test_goals(nlp):
    found = rows(nlp, "到2025年，全市PM2.5浓度要控制在33微克/立方米以内。")
    assert found == [("PM2.5浓度", Decimal("33"), "μg/m3", None, "goal")]
    assert rows(nlp, "力争全年优良天数比例达到80%以上。")[0][4] == "goal"
    assert rows(nlp, "按照督察组工作要求，已办结46件。")[0][4] == "result"


@pytest.mark.parametrize(
    "text",
    [
        "2021年12月1日至15日，检查组赴某县督导。",
        "市局一行6人到某县调研。",
        "进一步明确27个部门职责。",
        "开展大气污染防治冲刺45天活动。",
        "联系电话：0531-12345678，邮编250001。",
        "印发《某某市2023年空气质量改善12项措施》。",
        "前9个月，全市上下共同努力。",
        "要求3天内完成整改。",
        "对企业最高奖补20万元。",
        "落实“1+1+8”工作方案。",
        "1.加强组织领导，落实20项重点任务。",
        "全市共设立县级河长218名。",
        "全省13个设区市中，有11个城市达标。",
        "全面执行居住建筑节能75%设计标准。",
        "相关评论(已有 0 条评论)",
        "阅读 3456次 点赞56个",
    ],
)
def test_not_targets(nlp, text):
    assert rows(nlp, text) == []


def test_pm_spellings_are_normalised(nlp):
    assert rows(nlp, "pm_2.5平均浓度为41微克/立方米")[0][0] == "PM2.5平均浓度"
    assert normalise_indicator("PM 2.5浓度") == "PM2.5浓度"


def test_unit_spellings_are_normalised(nlp):
    assert values(nlp, "PM10浓度为85 μg/m³，臭氧浓度为150ug/m3。") == [
        (Decimal("85"), "μg/m3"),
        (Decimal("150"), "μg/m3"),
    ]


def test_target_tied_to_the_campaign_of_its_sentence(nlp):
    (t,) = nlp("在“清废行动”中，查处非法倾倒案件12起。")._.lt.targets
    assert t.campaign == "清废行动"


def test_offsets_and_spans(nlp):
    doc = nlp("全市优良天数为250天。")
    (t,) = doc._.lt.targets
    assert doc.text[t.start:t.end] == t.text == "优良天数为250天"
    assert [s.label_ for s in doc.spans["targets"]] == ["TARGET"]


def test_chinese_numerals():
    found = [cn_to_int(s) for s in ("一", "十", "十一", "二十三", "一百零五", "7", "x")]
    assert found == [1, 10, 11, 23, 105, 7, None]


def test_economic_indicators_are_not_targets(nlp):
    assert values(nlp, "地区生产总值增长6.1%左右;重污染天数控制在4天以内。") == [(Decimal("4"), "天")]


def test_facts_of_an_offence_and_manpower_are_not_targets(nlp):
    text = (
        "张某指使工人将废液9.3吨倾倒于沟渠,导致约5亩农田受到污染。"
        "全月共出动执法人员300人次,检查企业120家次。"
    )
    assert values(nlp, text) == [(Decimal("120"), "家次")]


def test_zong_is_qi_and_ming_counts_people(nlp):
    got = rows(nlp, "该局今年以来查处环境违法案件37宗。共问责9名领导干部,其中组织调整3人。")
    assert got == [
        ("查处环境违法案件", Decimal("37"), "起", None, "result"),
        ("问责领导干部", Decimal("9"), "人", None, "result"),
        ("组织调整", Decimal("3"), "人", None, "result"),
    ]


def test_listed_water_bodies_before_a_count_are_not_the_indicator(nlp):
    got = rows(nlp, "清江、沅江等6个国考断面水质优良比例为83.3%。")
    assert got == [("国考断面水质优良比例", Decimal("83.3"), "%", None, "result")]


def test_wrapped_pdf_lines_are_read_as_one_sentence(nlp):
    text = "前言\n全县PM\n2.5年均浓度为31μg/m\n3,同比下降\n4.2%;全年淘汰老旧柴油货车\n812辆。"
    got = rows(nlp, text)
    assert got[:2] == [
        ("PM2.5年均浓度", Decimal("31"), "μg/m3", None, "result"),
        ("PM2.5年均浓度", Decimal("4.2"), "%", "同比下降", "result"),
    ]
    assert (Decimal("812"), "辆") in values(nlp, text)
    assert nlp(text)._.lt.targets[0].text == "PM\n2.5年均浓度为31μg/m\n3"


def test_a_headline_figure_repeated_in_the_body_is_kept_once(nlp):
    text = "全县上半年空气优良率达97.1%\n全县上半年空气质量优良天数比例达97.1%,同比上升1.2个百分点。"
    got = rows(nlp, text)
    assert [r[1] for r in got] == [Decimal("97.1"), Decimal("1.2")]
    assert got[0][0] == "空气质量优良天数比例"


def test_patrols_counted_in_ten_thousands_and_stocks_skipped(nlp):
    text = "全县河长累计巡河2.3万余次;全村共有养殖户57户,镇里开展联合巡查31次。"
    assert rows(nlp, text) == [
        ("巡河", Decimal("2.3"), "万次", None, "result"),
        ("联合巡查", Decimal("31"), "次", None, "result"),
    ]


def test_action_written_after_the_counted_noun(nlp):
    assert rows(nlp, "已督促7家饭店安装油烟净化设施。对失职的4名干部进行了问责。") == [
        ("安装油烟净化设施", Decimal("7"), "家", None, "result"),
        ("问责", Decimal("4"), "人", None, "result"),
    ]


def test_short_object_takes_the_task_of_the_clause_before(nlp):
    got = rows(nlp, "推进水泥企业超低排放改造,年内完成6家企业改造任务。")
    assert [r[:3] for r in got] == [("水泥企业超低排放改造", Decimal("6"), "家")]


def test_ranking_lists_give_one_rank_per_item(nlp):
    text = (
        "按照环境空气质量综合指数排名,前三位依次为甲城、乙城、丙城;"
        "排名后两位的依次为丁城、戊城,其中戊城排名全省第九。"
    )
    got = [(t.indicator, t.value, t.text) for t in nlp(text)._.lt.targets]
    assert got[:4] == [
        ("环境空气质量综合指数排名", Decimal("1"), "甲城"),
        ("环境空气质量综合指数排名", Decimal("2"), "乙城"),
        ("环境空气质量综合指数排名", Decimal("3"), "丙城"),
        ("环境空气质量综合指数排名", Decimal("8"), "丁城"),
    ]
    assert [t.value for t in nlp(text)._.lt.targets][4:] == [Decimal("9")]


def test_indicator_named_in_the_clause_before_its_figure(nlp):
    got = rows(nlp, "其中PM10平均浓度同比下降幅度最大,为7.7%。")
    assert got == [("PM10平均浓度", Decimal("7.7"), "%", None, "result")]


def test_deadline_month_and_water_class_verbs_are_cut(nlp):
    assert rows(nlp, "确保10月底前整改率达到100%。")[0][0] == "整改率"
    assert rows(nlp, "沙河3个断面水质均达到或优于Ⅲ类。")[0][:3] == ("沙河3个断面水质", Decimal("3"), "类")


def _find(text: str, places: list[str]) -> list[tuple]:
    from kg.annotate.targets import TargetFinder, TargetLexicon

    finder = TargetFinder(TargetLexicon.load())
    return [(t.indicator, t.value, t.unit, t.change) for t in finder.find(text, (), places)]


def test_last_places_of_a_stated_count_are_ranked_from_the_bottom():
    text = ("上周，全省9个设区市空气质量综合指数排名前两位的城市依次为青岩、白溪，"
            "后两位依次为赤水、墨川，其中墨川市排名倒数第一。")
    found = _find(text, ["青岩", "白溪", "赤水", "墨川", "墨川市"])
    ranks = sorted(v for ind, v, unit, _ in found if unit == "名" and ind.endswith("综合指数排名"))
    assert ranks == [Decimal(1), Decimal(2), Decimal(8), Decimal(9)]


def test_from_the_bottom_without_a_count_is_skipped():
    assert [r for r in _find("该市空气质量排名倒数第二。", ["该市"]) if r[2] == "名"] == []


def test_a_worsening_is_a_change_of_the_carried_indicator():
    found = _find("青岩市空气质量综合指数同比改善3.2%；墨川市同比恶化1.4%。", ["青岩市", "墨川市"])
    assert ("空气质量综合指数", Decimal("1.4"), "%", "同比恶化") in found


def test_the_agent_before_an_output_is_cut():
    text = "全县生态环境部门共立案查处环境违法案件41起，县生态环境局东关分局依法对该厂罚款12万元。"
    found = _find(text, [])
    assert ("立案查处环境违法案件", Decimal(41), "起", None) in found
    assert ("罚款", Decimal(12), "万元", None) in found


def test_the_action_after_a_counted_object_of_dui_is_the_output():
    found = _find("对7家未落实扬尘防控措施的搅拌站下达整改通知，对2家未落实要求的工地立案处罚。", [])
    # the action is the output; a short counted noun stays in front of it
    assert ("搅拌站下达整改通知", Decimal(7), "家", None) in found
    assert ("工地立案处罚", Decimal(2), "家", None) in found
    found = _find("对14个扬尘不达标工地下达整改通知。", [])
    assert found == [("扬尘不达标工地下达整改通知", Decimal(14), "个", None)]


def test_dust_fall_keeps_its_monthly_unit():
    found = _find("全县降尘量为每月3.1吨/平方公里，同比下降8%。", [])
    assert found == [
        ("降尘量", Decimal("3.1"), "吨/平方公里·月", None),
        ("降尘量", Decimal(8), "%", "同比下降"),
    ]


def test_a_water_class_gained_is_one_class():
    found = _find("石门河断面水质稳定达到Ⅱ类，同比提升一个类别。", [])
    assert ("水质", Decimal(1), "个类别", "同比提升") in found


def test_gaps_scopes_and_stocks_are_not_targets():
    assert _find("与年度目标相比，全县PM2.5平均浓度仍高出3微克/立方米。", []) == []
    assert [r for r in _find("全县8个省考、县考断面水质达标率保持100%。", []) if r[2] == "个"] == []
    assert _find("我们对县内52家涉VOCs企业实施分类管理。", []) == []


def test_a_bare_figure_in_a_list_of_places_takes_the_indicator_of_its_unit():
    text = ("分城市看，PM2.5浓度最低的是青岩市，为12微克/立方米；墨川市为19微克/立方米，同比下降6.1%；"
            "白沙市为16微克/立方米，优良天数比例达100%；石岭市为22微克/立方米。")
    found = _find(text, ["青岩市", "墨川市", "白沙市", "石岭市"])
    conc = [f for f in found if f[2] == "μg/m3"]
    assert [f[0] for f in conc] == ["PM2.5浓度"] * 4
    assert [f[1] for f in conc] == [Decimal(12), Decimal(19), Decimal(16), Decimal(22)]
    assert ("PM2.5浓度", Decimal("6.1"), "%", "同比下降") in found
    assert ("优良天数比例", Decimal(100), "%", None) in found


def test_aqi_readings_are_targets_without_a_unit():
    text = "市区环境空气质量指数（AQI）为97，首要污染物为PM10；青岩市AQI为64，墨川市AQI为51。"
    found = _find(text, ["青岩市", "墨川市"])
    assert [(f[0], f[1], f[2]) for f in found if f[0] == "AQI"] == [
        ("AQI", Decimal(97), ""), ("AQI", Decimal(64), ""), ("AQI", Decimal(51), ""),
    ]


def test_problems_counted_in_xiang_are_targets_and_activities_are_not():
    found = _find("督察反馈问题已完成整改9项。", [])
    assert [(f[1], f[2]) for f in found] == [(Decimal(9), "项")] and "整改" in found[0][0]
    assert _find("通过7项警示教育和主题实践活动锤炼作风。", []) == []


def test_units_an_inspection_reached_are_not_bodies_in_organisation():
    found = _find("专项行动共检查汽修单位215家，督促整改问题汽修厂31家。", [])
    assert ("检查汽修单位", Decimal(215), "家", None) in found
    assert _find("全县有18个单位参加。", []) == []


def test_stocks_listing_several_kinds_and_reporting_counts_are_not_targets():
    assert _find("园区现有印染、造纸企业41家。", []) == []
    assert _find("会上，东岭镇、西岭镇等5个乡镇作了表态发言。", []) == []
    assert _find("市生态环境局通报4起环境违法典型案例。", []) == []
    assert _find("全县水稻种植面积80万亩。", []) == []


def test_ranks_listed_after_fenlie_give_one_rank_each():
    text = "青岩市空气质量综合指数3.10，排名全省第一；墨川市、白沙市分居第二、第三。"
    found = _find(text, ["青岩市", "墨川市", "白沙市"])
    ranks = [(f[0], f[1]) for f in found if f[2] == "名"]
    assert ranks == [("空气质量综合指数排名", Decimal(1)), ("空气质量综合指数排名", Decimal(2)),
                     ("空气质量综合指数排名", Decimal(3))]


def test_a_counted_noun_ends_before_a_deadline():
    found = _find("剩余3个水体将于11月底前完成整治。", [])
    assert [(f[0], f[1], f[2]) for f in found] == [("水体", Decimal(3), "个")]


def test_an_emission_class_qualifier_is_left_out_of_the_indicator():
    assert normalise_indicator("淘汰国四及以下排放标准营运货车") == "淘汰营运货车"
    assert normalise_indicator("国六标准车辆") == "国六标准车辆"


def test_a_class_in_brackets_defines_the_figure_and_is_not_one(nlp):
    got = values(nlp, "全县6个断面水质优良(达到或优于Ⅲ类)比例为83.3%。")
    assert got == [(Decimal("83.3"), "%")]


def test_a_fine_with_penalty_points_is_a_rule_not_an_output(nlp):
    assert values(nlp, "对违规货车罚款200元并记3分。") == []


def test_the_action_after_a_counted_object_with_shixing(nlp):
    got = rows(nlp, "该中队已对9辆超标车辆实施限期维修。")
    assert [(r[0], r[1], r[2]) for r in got] == [("超标车辆限期维修", Decimal("9"), "辆")]


def test_a_count_whose_action_carries_its_own_figure_is_left_to_that_figure(nlp):
    got = values(nlp, "对3名村干部各罚款800元。")
    assert got == [(Decimal("800"), "元")]


def test_what_an_offender_dumped_is_not_a_target_but_the_damage_is(nlp):
    got = rows(nlp, "该厂将约85吨废碱液倾倒至河滩。经评估，生态环境损害数额为210万元。")
    assert [(r[0], r[1], r[2]) for r in got] == [("生态环境损害数额", Decimal("210"), "万元")]


def test_heavy_pollution_days_brought_to_zero_in_words(nlp):
    got = rows(nlp, "两县将开展冬季攻坚，力争重污染天数为零。")
    assert [(r[0], r[1], r[2], r[4]) for r in got] == [("重污染天数", Decimal("0"), "天", "goal")]


def test_grids_drawn_for_supervision_are_organisation_not_output(nlp):
    got = values(nlp, "全镇划分环境监管网格36个，网格员上报问题210个。")
    assert got == [(Decimal("210"), "个")]


def test_cases_handed_over_are_workload_and_settling_them_is_the_output(nlp):
    got = rows(nlp, "督察组交办该县信访件31件，已办结29件；整改任务9项，已完成整改6项，阶段性完成2项。")
    assert [(r[1], r[2]) for r in got] == [
        (Decimal("29"), "件"), (Decimal("6"), "项"), (Decimal("2"), "项"),
    ]


def test_cases_passed_on_are_workload_but_cases_received_count(nlp):
    assert values(nlp, "督察组共转办群众信访举报件75件，该市已办结70件。") == [(Decimal("70"), "件")]
    assert (Decimal("33"), "件") in values(nlp, "截至月底，该区共收到督察组转办件33件，已办结30件。")


def test_a_figure_joined_by_and_repeats_the_indicator_and_change(nlp):
    got = rows(nlp, "两县PM2.5平均浓度分别同比下降12.4%和9.8%。")
    assert [(r[0], r[1], r[3]) for r in got] == [
        ("PM2.5平均浓度", Decimal("12.4"), "同比下降"),
        ("PM2.5平均浓度", Decimal("9.8"), "同比下降"),
    ]


def test_an_agent_and_a_time_word_are_cut_but_behaviour_keeps_its_last_character(nlp):
    got = rows(nlp, "市生态环境局全年查处环境违法行为57起。")
    assert [(r[0], r[1], r[2]) for r in got] == [("查处环境违法行为", Decimal("57"), "起")]


def test_a_verb_before_a_list_of_scopes_governs_the_count_after_it(nlp):
    got = rows(nlp, "此次行动共检查东关镇、滨河路沿线餐饮单位126家。")
    assert [(r[1], r[2]) for r in got] == [(Decimal("126"), "家")]
    assert got[0][0].startswith("检查") and got[0][0].endswith("餐饮单位")
    # two figures in a list: each keeps its own verb
    got = rows(nlp, "全镇检查企业12家、整改问题30个。")
    assert [(r[0], r[1]) for r in got] == [("检查企业", Decimal("12")), ("整改问题", Decimal("30"))]


def test_cases_handed_over_counted_before_their_noun_are_workload(nlp):
    got = rows(nlp, "截至目前，该县交办的45件信访件已办结41件。")
    assert [(r[0], r[1], r[2]) for r in got] == [("办结", Decimal("41"), "件")]
    # with no settled figure of their own, all of them settled is the output
    assert values(nlp, "督察组交办的37件信访件已全部办结。") == [(Decimal("37"), "件")]


def test_a_cap_word_is_not_part_of_the_indicator(nlp):
    assert [r[0] for r in rows(nlp, "确保PM2.5平均浓度不高于31微克/立方米，重污染天数不超过3天。")] == [
        "PM2.5平均浓度", "重污染天数"
    ]


def test_the_field_ranked_in_is_no_count(nlp):
    got = rows(nlp, "全县空气质量综合指数在全市7个县(市、区)中排名第三，在全盟6个旗县中位列第一。")
    assert [(r[0], r[1], r[2]) for r in got] == [
        ("空气质量综合指数排名", Decimal("3"), "名"), ("旗县排名", Decimal("1"), "名")
    ]


def test_the_first_n_listed_take_ranks_in_order():
    from kg.annotate.pipeline import make_nlp  # the places found are who is ranked, not what

    got = make_nlp()("按照空气质量综合指数排名，蠡县、博野县、高阳县分列前三位。")._.lt.targets
    assert [(t.indicator, t.value) for t in got] == [("空气质量综合指数排名", Decimal(k)) for k in (1, 2, 3)]


def test_each_listed_place_keeps_its_own_rank():
    from kg.build import build_graph
    from kg.model import Article

    text = ("某市通报空气质量。按照空气质量综合指数排名，蠡县、博野县、高阳县分列前三位；"
            "竞秀区、莲池区分列第四、第五。")
    kg = build_graph([Article("a.txt", text, {"title": "通报"})])
    got = {
        (d["value"], kg.g.nodes[kg.objects(n, "place")[0]]["label"])
        for n, d in kg.g.nodes(data=True) if d["kind"] == "Target"
    }
    assert got == {(Decimal(1), "蠡县"), (Decimal(2), "博野县"), (Decimal(3), "高阳县"),
                   (Decimal(4), "竞秀区"), (Decimal(5), "莲池区")}


def test_a_list_inside_brackets_stays_in_the_indicator(nlp):
    got = rows(nlp, "全市近岸海域海水水质优良(一、二类)比例为96.1%。")
    assert [(r[0], r[1]) for r in got] == [("近岸海域海水水质优良比例", Decimal("96.1"))]


def test_a_size_threshold_is_not_a_figure(nlp):
    got = rows(nlp, "年底前淘汰10蒸吨以下燃煤锅炉23台。")
    assert [(r[1], r[2]) for r in got] == [(Decimal(23), "台")]


def test_first_months_leave_the_indicator(nlp):
    assert [r[0] for r in rows(nlp, "前10月优良天数达241天。")] == ["优良天数"]


def test_a_list_ranked_top_n_takes_ranks_in_order():
    from kg.annotate.pipeline import make_nlp

    text = "按空气质量综合指数排名，蠡县、博野县、高阳县排名前三；全市在全省排名前三。"
    got = make_nlp()(text)._.lt.targets
    assert [(t.indicator, t.value) for t in got] == [("空气质量综合指数排名", Decimal(k)) for k in (1, 2, 3)]
