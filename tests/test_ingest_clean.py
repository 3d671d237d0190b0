"""Ingest cleaning: chrome, bylines, metadata lines, mojibake, normalisation, PDF joins.

All pages here are invented; names and places are made up.
"""

from __future__ import annotations

import pytest

from kg.ingest.clean import (
    clean_body,
    fix_pollutants,
    has_pinyin_mojibake,
    iso_date,
    join_broken_lines,
    normalise_characters,
    repair_pinyin_mojibake,
    wrap_width,
)


def lines_of(text: str) -> list[str]:
    return clean_body(text).lines


# ------------------------------------------------------------------- chrome


def test_newspaper_page_chrome() -> None:
    page = (
        "通版阅读请点击:\n展开通版\n收缩通版\n当前版:01版\n发布日期:\n"
        "青山县全力推进治污攻坚\n"
        "  3月1日,青山县召开治污攻坚推进会。\n"
        "版权所有:青山日报  技术支持:某某科技\n"
    )
    assert lines_of(page) == ["青山县全力推进治污攻坚", "3月1日,青山县召开治污攻坚推进会。"]


def test_portal_chrome_head_and_tail() -> None:
    page = (
        "某某新媒体集团  主办\n县区分站:\n当前位置: 青山新闻\n\n"
        "青山县收获好天气\n\n"
        "来源: 青山日报  作者:\n2022-11-07 10:24:50\n分享:\n\n"
        "  今年以来,青山县空气质量持续改善。(记者 王小明)\n\n"
        "关键词:环保,河长责任编辑:赵一\n网站地图\n"
    )
    cleaned = clean_body(page)
    assert cleaned.lines == ["青山县收获好天气", "今年以来,青山县空气质量持续改善。"]
    assert cleaned.harvest.sources == ["青山日报"]
    assert cleaned.harvest.dates == ["2022-11-07"]
    assert "责任编辑:赵一" in cleaned.harvest.bylines
    assert "记者 王小明" in cleaned.harvest.bylines


def test_footer_with_address_phone_email() -> None:
    page = (
        "9月6日,青山县县长李大山督导环保工作。\n"
        "青山县生态环境局主办 单位地址:青山县人民路8号 邮编:123000 电话:0123-4567890\n"
        "备案证编号:某ICP备00000000号-3 某公网安备 00000000000000号 网站标识码:0000000000 网站地图\n"
        "扫一扫在手机上查看当前页面\n"
        "主办单位:青山县生态环境局 电子邮箱:qs@example.com\n"
        "技术支持:某某传媒中心 版权所有©某ICP备00000000号\n"
    )
    assert lines_of(page) == ["9月6日,青山县县长李大山督导环保工作。"]


def test_navigation_lines() -> None:
    page = (
        "首页 >> 青山新闻 >> 内容\n"
        "青山县开展巡河\n"
        "青山报 查看原文 我要分享\n"
        "3月26日,副县长李大山开展巡河工作。\n"
        "打开某某新闻 查看更多图片\n"
        "要加强水环境管理,推动河湖环境持续改善。\n"
        "上一页:李大山开展巡河 下一页:王小明到某镇巡河\n"
        "[返回青山新闻](//example.org/qs.html)｜[返回首页](//example.org/)\n"
        "https://example.org/news/123.html\n"
    )
    assert lines_of(page) == [
        "青山县开展巡河",
        "3月26日,副县长李大山开展巡河工作。",
        "要加强水环境管理,推动河湖环境持续改善。",
    ]


def test_pdf_viewer_and_comment_box() -> None:
    page = (
        "PDF «上一版 下一版»本期共4版(1-2-3-4)\n今天是:\n"
        "青山县开会部署蓝天保卫战\n"
        "4月16日,青山县召开会议。\n"
        "全部>>\n标签:\n留言与评论(共有 0 条评论)\n   \n验证码:\n"
    )
    assert lines_of(page) == ["青山县开会部署蓝天保卫战", "4月16日,青山县召开会议。"]


def test_disclaimer_cuts_the_tail() -> None:
    body = [f"第{i}段,青山县推进治污工作,成效明显。" for i in "一二三四五"]
    tail = [
        "某某网-《某某》杂志社官网版权与免责声明:",
        "① 凡本网注明“来源:某某网”的所有作品,版权均属于某某网。",
        "打开微信,点击底部的“发现”,",
        "使用“扫一扫”即可将网页分享至朋友圈。",
    ]
    assert lines_of("\n".join(body + tail)) == body


def test_related_reading_cuts_the_tail() -> None:
    body = ["青山县督察组来我县督察。", "督察组对我县工作表示肯定。"]
    tail = ["相关阅读", "青山县召开另一次会议", "青山县又开会"]
    assert lines_of("\n".join(body + tail)) == body


def test_body_sentences_are_never_chrome() -> None:
    body = [
        "市民可拨打举报电话:12369反映环境问题。",
        "标签化管理是本次改革的重点,版权保护也纳入考核。",
        "会议强调,要把分享经验和查看问题结合起来,持续改善环境。",
        "首页设计以外,网站地图也进行了更新,方便群众查询。",
        "今天天气怎么样?群众最关心这个问题。",
        "今天是世界环境日。",
        "市民扫码即可举报环境问题。",
        "群众可通过扫一扫二维码参与监督。",
        "群众可登录网站查看原文。",
        "上篇文章提到,青山县空气质量持续改善。",
        "当前位置偏远的乡镇也建成了污水处理厂。",
    ]
    assert lines_of("\n".join(body)) == body


def test_chrome_words_inside_long_lines_survive() -> None:
    line = "当前位置" + "是青山县推进生态环境治理的关键节点" * 10 + "。"
    assert len(line) > 160
    assert lines_of(line) == [line]


# ------------------------------------------------------------------ bylines


def test_byline_lines_go_to_meta() -> None:
    page = (
        "通讯员 赵一\n\n"
        "5月4日,青山县生态环境局局长李大山到某镇调研。\n"
        "来源:青山发布\n编校:钱二\n审发:孙 三\n"
    )
    cleaned = clean_body(page)
    assert cleaned.lines == ["5月4日,青山县生态环境局局长李大山到某镇调研。"]
    assert cleaned.harvest.bylines == ["通讯员 赵一", "编校:钱二", "审发:孙 三"]
    assert cleaned.harvest.sources == ["青山发布"]


def test_inline_byline_in_parentheses() -> None:
    page = (
        "本报讯(记者 孙 某)9月21日上午,县长王大山主持召开会议。\n"
        "青山网讯(通讯员周一 吴二)近日,督察组到青山县督察。\n"
    )
    cleaned = clean_body(page)
    assert cleaned.lines == [
        "本报讯9月21日上午,县长王大山主持召开会议。",
        "青山网讯近日,督察组到青山县督察。",
    ]
    assert cleaned.harvest.bylines == ["记者 孙 某", "通讯员周一 吴二"]


def test_bracketed_bylines_and_look_alikes() -> None:
    page = (
        "青山县召开会议,县长李大山出席。【责任编辑:赵一】\n"
        "会议强调落实。[编辑:钱二 审核:孙三]\n"
        "会议听取了(市、区)汇报(试行)(文明城市)(文件)(记者站)(编辑部)(审核通过)。\n"
        "图:青山县河道整治后的新貌\n"
    )
    cleaned = clean_body(page)
    assert cleaned.lines == [
        "青山县召开会议,县长李大山出席。",
        "会议强调落实。",
        "会议听取了(市、区)汇报(试行)(文明城市)(文件)(记者站)(编辑部)(审核通过)。",
        "图:青山县河道整治后的新貌",
    ]
    assert cleaned.harvest.bylines == ["责任编辑:赵一", "编辑:钱二 审核:孙三"]


def test_trailing_name_and_bare_name_line() -> None:
    cleaned = clean_body("青山县召开会议。\n会议要求落实责任。\n各部门作了表态发言。 (郑六)\n")
    assert cleaned.lines[-1] == "各部门作了表态发言。"
    assert cleaned.harvest.bylines == ["郑六"]
    cleaned = clean_body("青山县召开会议。\n会议要求落实责任。\n坚决打赢蓝天保卫战。\n郑小六\n")
    assert cleaned.lines[-1] == "坚决打赢蓝天保卫战。"
    assert cleaned.harvest.bylines == ["郑小六"]


def test_author_content_lines_are_kept() -> None:
    page = "◆王小明\n面对新形势,要抓好落实。\n作者系青山县生态环境局副局长\n"
    assert lines_of(page) == ["◆王小明", "面对新形势,要抓好落实。", "作者系青山县生态环境局副局长"]


def test_reporter_sentence_is_not_a_byline() -> None:
    page = "记者从青山县生态环境局获悉\n今年全县空气质量持续改善。\n"
    assert lines_of(page)[0] == "记者从青山县生态环境局获悉"


# -------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-11-07 10:24:50", "2022-11-07"),
        ("2022年2月28日", "2022-02-28"),
        ("分类 : 2018年01月23日 10:06", "2018-01-23"),
        ("2021/3/5", "2021-03-05"),
        ("2021-13-05", None),
        ("5月6日", None),
    ],
)
def test_iso_date(text: str, iso: str | None) -> None:
    assert iso_date(text) == iso


def test_publication_line_near_top_gives_date() -> None:
    page = "青山县治污见成效\n分类 : 2018年01月23日 10:06\n2017年,青山县完成锅炉改造。\n2018年2月23日\n"
    cleaned = clean_body(page)
    assert cleaned.harvest.dates == ["2018-01-23"]
    assert cleaned.harvest.late_dates == ["2018-02-23"]
    assert cleaned.lines == ["青山县治污见成效", "2017年,青山县完成锅炉改造。"]


def test_date_line_in_the_middle_is_content() -> None:
    events = [f"第{i}件事发生了。" for i in range(1, 10)]
    page = "\n".join(["青山县大事记", *events[:8], "2020年5月1日", *events[8:], "结束了。", "真的结束了。"])
    cleaned = clean_body(page)
    assert "2020年5月1日" in cleaned.lines
    assert cleaned.harvest.dates == [] and cleaned.harvest.late_dates == []


def test_meta_line_with_author_and_source() -> None:
    page = "李大山开展巡河工作\n2024-03-28 19:38:00作者:周一来源:县水利局\n\n3月26日,李大山巡河。\n"
    cleaned = clean_body(page)
    assert cleaned.lines == ["李大山开展巡河工作", "3月26日,李大山巡河。"]
    assert cleaned.harvest.dates == ["2024-03-28"]
    assert cleaned.harvest.bylines == ["作者:周一"]
    assert cleaned.harvest.sources == ["县水利局"]


# ----------------------------------------------------------- normalisation


def test_full_width_ascii_folds_like_nfkc() -> None:
    text = normalise_characters("ＰＭ２．５浓度下降１２％，（市、区）：ＡＢＣ！　好")
    assert text == "PM2.5浓度下降12%,(市、区):ABC! 好"


def test_chinese_punctuation_kept() -> None:
    text = "“蓝天”行动、《方案》。……——·【通知】"
    assert normalise_characters(text) == text


def test_traditional_to_simplified() -> None:
    assert normalise_characters("長垣縣環境保護局堅決打贏藍天保衛戰") == "长垣县环境保护局坚决打赢蓝天保卫战"


def test_simplified_text_unchanged_by_t2s() -> None:
    text = "青山县生态环境局著名的乾隆碑刻周边,河长制工作扎实推进。"
    assert normalise_characters(text) == text


def test_invisible_characters_and_whitespace() -> None:
    page = "\ufeff青山\u200b县\u3000\u3000召开  会议。\r\n\r\n\t会议\u00a0强调。\r"
    assert lines_of(page) == ["青山县 召开 会议。", "会议 强调。"]


def test_html_entities_in_text_files() -> None:
    assert clean_body("青山县&ldquo;蓝天&rdquo;行动&nbsp;启动。", unescape_entities=True).lines == [
        "青山县“蓝天”行动 启动。"
    ]


# ----------------------------------------------------------------- mojibake


MOJIBAKE = (
    "首頁(yè) >> 某某日?qǐng)?bào) >> 內(nèi)容\n\n"
    "打贏(yíng)藍(lán)天保衛(wèi)戰(zhàn) 青山為人民交出答卷\n\n"
    "????近年來(lái),青山縣生態(tài)環(huán)境分局牢牢守住底線(xiàn)。\n\n"
    "????今天天氣怎么樣?如何解決問(wèn)題?每天都要研判。???????(周一)\n"
)


def test_mojibake_detected_only_with_pinyin() -> None:
    assert has_pinyin_mojibake(MOJIBAKE)
    assert not has_pinyin_mojibake("今天天气怎么样?明天呢?(完)")
    assert not has_pinyin_mojibake("青山县(Qingshan County)开展行动(a)。")


def test_mojibake_repaired() -> None:
    cleaned = clean_body(MOJIBAKE)
    text = "\n".join(cleaned.lines)
    assert cleaned.mojibake
    assert cleaned.lines == [
        "打赢蓝天保卫战 青山为人民交出答卷",
        "近年来,青山县生态环境分局牢牢守住底线。",
        "今天天气怎么样?如何解决问题?每天都要研判。",
    ]
    assert "(zh" not in text and "??" not in text
    assert cleaned.harvest.bylines == ["周一"]


def test_mangled_group_and_debris() -> None:
    assert repair_pinyin_mojibake("補(bǔ)償?shù)膶?shí)施") == "補償施"


def test_question_marks_kept_without_mojibake() -> None:
    text = "今天天气怎么样??群众问。"
    assert lines_of(text) == [text]


# ---------------------------------------------------------------- PDF joins


def test_breaks_inside_numbers_and_pollutants_join() -> None:
    page = (
        "细颗粒物(PM 2.5\n年均浓度为32微克/立方米,同比下降\n15.94%;"
        "可吸入颗粒物(PM\n10)年均浓度为58微克\n,优良天数比例为\n82.5%。\n"
    )
    assert lines_of(page) == [
        "细颗粒物(PM2.5年均浓度为32微克/立方米,同比下降15.94%;可吸入颗粒物(PM10)年均浓度为58微克,"
        "优良天数比例为82.5%。"
    ]


def test_headings_are_not_joined_to_body() -> None:
    page = (
        "青山县召开大气污染防治会议\n"
        "一、工作成效\n"
        "2021年,全县优良天数达到300天。\n"
        "强化保障推动工作\n"
        "20日,县长李大山主持会议。\n"
        "2019\n2020\n"
    )
    assert lines_of(page) == [
        "青山县召开大气污染防治会议",
        "一、工作成效",
        "2021年,全县优良天数达到300天。",
        "强化保障推动工作",
        "20日,县长李大山主持会议。",
        "2019",
        "2020",
    ]


WRAPPED = (
    "青山市第一季度生态环境质量报告显示全市空气质量总体稳定,细颗粒\n"
    "物平均浓度为三十二微克每立方米,较去年同期有所下降,全市优良天\n"
    "数比例达到百分之八十以上,各县区空气质量均有不同程度改善,其中\n"
    "东湖区改善幅度最大。\n"
    "全市地表水水质总体良好,国控断面水质优良比例保持在较高水平,饮\n"
    "用水水源地水质达标率为百分之百。\n"
    "一、下一步工作\n"
    "继续推进治理。\n"
)


def test_hard_wrapped_text_is_rejoined() -> None:
    assert wrap_width(WRAPPED.splitlines()) is not None
    assert lines_of(WRAPPED) == [
        "青山市第一季度生态环境质量报告显示全市空气质量总体稳定,细颗粒物平均浓度为三十二微克每立方米,"
        "较去年同期有所下降,全市优良天数比例达到百分之八十以上,各县区空气质量均有不同程度改善,"
        "其中东湖区改善幅度最大。",
        "全市地表水水质总体良好,国控断面水质优良比例保持在较高水平,饮用水水源地水质达标率为百分之百。",
        "一、下一步工作",
        "继续推进治理。",
    ]


def test_paragraph_per_line_news_has_no_wrap_width() -> None:
    news = [
        "5月6日,青山县召开全县大气污染防治工作会议,县长李大山出席会议并讲话。",
        "会议指出,今年以来全县空气质量持续改善。",
        "会议要求,各乡镇各部门要进一步压实责任,强化措施,坚决打赢蓝天保卫战,确保完成全年目标任务。",
        "县领导王小明、赵一、钱二出席会议。",
        "会上,各乡镇递交了目标责任书。",
    ]
    assert wrap_width(news) is None
    assert join_broken_lines(news) == news


def test_blank_line_is_never_joined_across() -> None:
    assert join_broken_lines(["同比下降", "", "15%的目标"]) == ["同比下降", "", "15%的目标"]


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("PM 2.5浓度", "PM2.5浓度"),
        ("pm_2.5平均浓度", "PM2.5平均浓度"),
        ("pm2.5", "PM2.5"),
        ("PM 10浓度", "PM10浓度"),
        ("PM100", "PM100"),
        ("PM2.5和PM10", "PM2.5和PM10"),
    ],
)
def test_fix_pollutants(raw: str, fixed: str) -> None:
    assert fix_pollutants(raw) == fixed


# ------------------------------------------------------------ whole pages

GOV_PAGE = """青山县人民政府门户网站
首页 > 新闻中心 > 部门动态
青山县生态环境局开展执法检查
发布时间：2021-06-03 10:20:33 来源：青山县生态环境局 【字体：大 中 小】 【打印】 【关闭】
　　6月2日，青山县生态环境局局长王某某带队开展执法检查，检查企业12家，立案处罚3起。
　　王某某要求，要持续加大执法力度，坚决打好污染防治攻坚战。
（责任编辑：赵某）
扫一扫在手机打开当前页
【打印本页】 【关闭窗口】
相关链接：
国务院 | 省政府 | 市政府
主办：青山县人民政府办公室 承办：青山县大数据中心
地址：青山县人民路1号 邮编：123456
网站标识码：1234567890 X ICP备12345678号
"""


def test_government_portal_page() -> None:
    cleaned = clean_body(GOV_PAGE)
    assert cleaned.lines == [
        "青山县生态环境局开展执法检查",
        "6月2日,青山县生态环境局局长王某某带队开展执法检查,检查企业12家,立案处罚3起。",
        "王某某要求,要持续加大执法力度,坚决打好污染防治攻坚战。",
    ]
    assert cleaned.harvest.dates == ["2021-06-03"]
    assert cleaned.harvest.sources == ["青山县生态环境局"]
    assert cleaned.harvest.bylines == ["责任编辑:赵某"]


WECHAT_PAGE = """原创 青山发布 青山发布 2021-06-03 10:20
点击上方蓝字关注我们
青山县打好蓝天保卫战
6月2日，青山县召开会议，部署蓝天保卫战。
会议要求，全县优良天数比例达到85%以上。
来源丨青山县生态环境局
编辑 | 张某
审核 | 李某
往期推荐
青山县开展植树活动
- END -
"""


def test_social_media_page() -> None:
    cleaned = clean_body(WECHAT_PAGE)
    assert cleaned.lines == [
        "青山县打好蓝天保卫战",
        "6月2日,青山县召开会议,部署蓝天保卫战。",
        "会议要求,全县优良天数比例达到85%以上。",
    ]
    assert cleaned.harvest.sources == ["青山县生态环境局"]
    assert cleaned.harvest.bylines == ["编辑:张某", "审核:李某"]


def test_the_simplified_fast_path_gives_what_opencc_gives():
    from opencc import OpenCC

    from kg.ingest.clean import _to_simplified

    t2s = OpenCC("t2s")
    for text in ("丽江市生态环境局召开会议", "麗江市生態環境局召開會議", "他沈默了很久", "沈阳和沈船",
                 "沈河区", "PM2.5濃度下降"):
        assert _to_simplified(text) == t2s.convert(text), text
