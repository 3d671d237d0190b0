"""lt_targets: quantified statements (indicator + change + value + unit).

A target is a number with a unit that a sentence ties to an indicator:
PM2.5平均浓度为38微克/立方米, 同比下降9.5%, 查处环境违法案件56起, 安装120个扬尘监测设备,
排名全省第一, 达到地表水Ⅱ类. The indicator is found, in this order, before the
number in its clause (scaffolding such as 全市/共/已/为 cut off), after a
classifier (120个扬尘监测设备), shared with the number just before it
(16台58.5蒸吨), or carried from the sentence's subject (…,同比下降9.5%).

Precision matters as much as recall, so each unit class has a gate
(kg/data/units.tsv): days need an indicator about days, money a fine or fund,
people an enforcement verb, counts a noun that is not organisation (39个部门);
dates, numbers inside campaign names (冲刺45天) and inside 《titles》 are skipped.
kg/data/target_exclude.txt lists what is never a target: economic indicators
(地区生产总值), the facts of an offence (导致8亩耕地受到污染), manpower (出动执法人员)
and stocks or scopes (共有渔民412户, 涉及我市46件).

Wrapped lines (a PDF's PM\\n2.5) are read with the soft breaks taken out and the
offsets mapped back; a headline figure repeated in the body is kept once, as
the body's; ranking lists (前三位依次为甲、乙、丙) give one rank per item, and ranks
from the bottom (后三位…, 倒数第一) are counted from the total the sentence states
(全省11个设区市), or skipped when it states none. An agent written before an output
is cut (全市生态环境部门共立案查处… → 立案查处…); a count governed by 对 takes the
action after its object (对3家…企业下达整改通知 → 下达整改通知); a gap to a goal
(与目标相比仍高出5微克/立方米) and the scope of a figure (12个国考、市考断面水质达标率)
are not targets.

A bare figure after a place (乙市为21微克/立方米) takes the last indicator stated
with its unit; AQI readings are unitless targets; 分列第二、第三 gives one rank each.

Word lists are data files (kg/data/units.tsv, indicators.txt, target_*.txt);
regexes are compiled once per component. Cost: linear scans per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.campaigns import pair_quotes
from kg.annotate.chars import CharFold
from kg.annotate.records import CampaignMention, TargetMention, doc_text, mirror_spans
from kg.data import alternation, read_lines
from kg.errors import DataError

SPAN_KEY = "targets"
SPAN_LABEL = "TARGET"

_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_CN_NUM = "零〇一二两三四五六七八九十百"
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_WIDTH = CharFold({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%"})
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE_BREAK = set(",，;；:：、")
_RANK_BREAK = set(",，;；:：")
_PM = re.compile(r"(?i)pm\s*[_\s]?\s*(2\.5|10)")
_PAREN = re.compile(r"[(（][^()（）]{3,20}[)）]")  # (由低到高排序), not 五县(区)
_MAX_BLOCK = 200  # no blocked span (title, campaign, URL, e-mail) is longer
_BLOCK = re.compile(r"《[^》\n]{0,120}》|https?://\S{1,150}|[A-Za-z0-9_.\-]{1,64}@[A-Za-z0-9.\-]{1,64}")
_AFTER_DAYS = re.compile(r"(?:内|以内|之内|后|以后|前|以前|来|以来|左右|时间)")
_DAYS_CAP = ("控制在", "不超过", "少于", "低于", "减少到", "减少至", "降至", "降到")
_CAP = re.compile(r"(?:最高|最多|不超过|最低|每)")
_LEAD_COUNT = re.compile(r"^(?:[^,，;；]{0,12}?等)?\d+(?:\.\d+)?(?:余|多)?[个家座条处]")
_MID_CUT = re.compile(r"^.*(?:累计|共计|合计|已经|总共|开展)")
_QUALITY_END = ("比例", "率", "浓度", "占比", "指数", "天数")
_OBJ_BREAK = _CLAUSE_BREAK | set("-|_—()（）")
_OBJ_LEAD = re.compile(r"^(?:以上的|以上|以下的|左右的|长的|的|余)+")
_OBJ_STOP = re.compile(
    r"排名|位列|位居|名列|(?<!平)均|都|分别|全部|已|"
    r"进行|纳入|开展|实施|实现|完成|安装|达到|得到|通过|参与|给予|予以|受到|等|和|及|与|并|,|，|"
    r"将于|将在|将要"  # 剩余2个水体将于年底前完成整治: the noun ends before the deadline
)
_OBJ_TRAIL = ("建设", "工作", "任务")
_TASK_LEAD = re.compile(r"推进|推动|开展|实施|加快|深化|抓好|完成|启动|全面|持续|扎实")
_ACT_LEAD = re.compile(r"(?:进行了|进行|予以|给予了|给予|被|完成了|完成)")
# the agent of an output written before it (全市生态环境部门共立案查处…, 某分局依法对该厂罚款):
# cut up to the verb; the verb must follow for the cut to apply
# a list joiner left alone before a figure (…分别下降15.2%和14.1%): the same indicator again
_JOINERS = ("和", "及", "与", "、", "以及")
# words ending in a scaffold character that belong to the indicator (环境违法行为)
_RIGHT_KEEP = ("行为",)
_AGENT = re.compile(
    r"^.{0,24}?(?:部门|分局|局|支队|大队|中队|政府|管委会|委员会|督察组|检察院|法院)"
    r"(?:全年|今年|去年|当年|年内|上半年|下半年)?(?:共|依法|先后|分别|累计|已|还)*(?:对[^,，;；]{0,12}?)?"
    r"(?=(?P<verb>罚款|处以|立案|查处|处罚|转办|交办|受理|办结|责令|约谈|问责|移送))"
)
# the effort a figure was reached in, written before it (行动共检查餐饮单位312家 → 检查餐饮单位)
_DURING = re.compile(
    r"^.{0,12}?(?:行动|活动|期间)中?(?:共计|累计|共|先后)+"
    r"(?=检查|排查|巡查|查处|立案|处罚|罚款|整改|督促)"
)
_OBJ_OF = re.compile(r"^(?:对|向)?(?:该|其|此|涉事)[^,，;；]{0,6}?(?=(?:处以|处)?罚款$)")
# a count ranked among: 全省11个设区市 (倒数第一 of 11 is rank 11)
_RANKED_TOTAL = re.compile(
    r"(\d+|[一二两三四五六七八九十]+)个(?:[^\d,，;；。、]{0,4}?)"
    r"(?:设区市|地级市|城市|地市|县区|区县|县市区|县（市、区）|县\(市、区\)|旗县区|旗县|旗区|省份|省区市|乡镇|街道|镇街)"
)
# the action of a 对-phrase after its counted object (对3家…企业下达整改通知)
_OBJ_ACTION = re.compile(
    r"(?:进行了|进行|予以|给予|依法|实施)?(?P<verb>下达|下发|责令|立案|处罚|查处|罚款|约谈|问责|通报|关停|取缔|"
    r"整治|拆除|查封|扣押|移送|督办|挂牌|限期)"
)
# a figure that is a gap to a goal or standard, not a result (仍高出5微克/立方米)
_GAP = re.compile(r"(?:高出|超出|高于|差距)$")
_STANDARD = re.compile(r"目标|标准|限值|考核")
_SCOPE_OF_FIGURE = re.compile(
    r"(?:比例|率|浓度|占比|指数|天数)(?:保持|达到|达|为|稳定|均|同比|提高|提升|下降|\d)"
)
# a fine stated with penalty points (罚款200元并记3分) is the rule applied, not an output
_PENALTY_RULE = re.compile(r"\s?(?:并|且)?(?:记|扣)\d+分")
# a quantity the offender disposed of (将约120吨废酸液倾倒至…): the facts of an offence
_DISPOSAL_LEAD = re.compile(r"将(?:约|近|共)?$")
_DISPOSAL = re.compile(r"倾倒|倾排|排入|偷排|填埋|丢弃|堆放|抛洒")
# a quality figure brought to nothing, in words (力争重污染天数为零)
_ZERO_DAYS = re.compile(
    r"(?P<ind>[^\d,，;；:：、]{0,12}?天数)(?:为|降为|降至|减少至|减少到|控制为|实现)零(?![\u4e00-\u9fff]?[星点])"
)
_CLASS_CHANGE = re.compile(
    r"(?P<cmp>同比|环比|较上年|较去年)?(?P<word>提升|提高|改善|上升|下降)(?P<n>[一二两三四1-4])个(?:水质)?类别"
)


@dataclass(frozen=True)
class _Unit:
    unit: str
    cls: str


def _pairs(name: str, kinds: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in kinds}
    for line in read_lines(name):
        kind, _, word = line.partition("\t")
        if kind not in out or not word.strip():
            kinds_text = "|".join(sorted(kinds))
            raise DataError(f"kg/data/{name}: bad line {line!r}; write '<{kinds_text}><TAB>word'")
        out[kind].append(word.strip())
    return out


@dataclass(frozen=True)
class TargetLexicon:
    """Word lists for targets, from kg/data (units.tsv, indicators.txt, target_*.txt)."""

    units: dict[str, _Unit]
    attrs: tuple[str, ...]
    money: tuple[str, ...]
    enforce: tuple[str, ...]
    org_nouns: tuple[str, ...]
    bodies: tuple[str, ...]
    time_nouns: tuple[str, ...]
    changes: dict[str, str]
    goal_cues: tuple[str, ...]
    result_cues: tuple[str, ...]
    left: tuple[str, ...]
    right: tuple[str, ...]
    verbs: tuple[str, ...]
    dates: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    rank_scope: tuple[str, ...]
    rank_back: tuple[str, ...]
    rank_after: tuple[str, ...]
    econ: tuple[str, ...] = ()
    crime: tuple[str, ...] = ()
    manpower: tuple[str, ...] = ()
    stock: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> TargetLexicon:
        units = {}
        for line in read_lines("units.tsv"):
            parts = line.split("\t")
            if len(parts) != 3:
                raise DataError(f"kg/data/units.tsv: bad line {line!r}; write 'surface<TAB>unit<TAB>class'")
            units[parts[0]] = _Unit(parts[1], parts[2])
        ind = _pairs("indicators.txt", {"attr", "money", "enforce", "noun", "body", "time"})
        cues = _pairs("target_cues.txt", {"goal", "result"})
        scaffold = _pairs("target_scaffold.txt", {"left", "right"})
        rank = _pairs("target_rank.txt", {"verb", "scope", "back", "after"})
        exclude = _pairs("target_exclude.txt", {"econ", "crime", "manpower", "stock"})
        changes = {}
        for line in read_lines("target_changes.txt"):
            surface, _, canon = line.partition("\t")
            changes[surface.strip()] = canon.strip() or surface.strip()
        return cls(
            units=units,
            attrs=tuple(ind["attr"]),
            money=tuple(ind["money"]),
            enforce=tuple(ind["enforce"]),
            org_nouns=tuple(ind["noun"]),
            bodies=tuple(ind["body"]),
            time_nouns=tuple(ind["time"]),
            changes=changes,
            goal_cues=tuple(cues["goal"]),
            result_cues=tuple(cues["result"]),
            left=tuple(sorted(scaffold["left"], key=len, reverse=True)),
            right=tuple(sorted(scaffold["right"], key=len, reverse=True)),
            verbs=tuple(read_lines("target_specific_verbs.txt")),
            dates=tuple(read_lines("target_dates.txt")),
            rank_verbs=tuple(rank["verb"]),
            rank_scope=tuple(rank["scope"]),
            rank_back=tuple(rank["back"]),
            rank_after=tuple(rank["after"]),
            econ=tuple(exclude["econ"]),
            crime=tuple(exclude["crime"]),
            manpower=tuple(exclude["manpower"]),
            stock=tuple(exclude["stock"]),
        )


def cn_to_int(s: str) -> int | None:
    """Value of a small Chinese or Arabic numeral (第十一 → 11, 二十三 → 23, 6 → 6)."""
    if s.isdigit():
        return int(s)
    if not s or any(ch not in _CN_NUM for ch in s):
        return None
    if "百" in s:
        head, _, rest = s.partition("百")
        hundreds = _CN_DIGITS.get(head, 1) if head else 1
        tail = cn_to_int(rest.lstrip("零〇")) if rest else 0
        return None if tail is None else hundreds * 100 + tail
    if "十" in s:
        head, _, rest = s.partition("十")
        tens = _CN_DIGITS.get(head, 1) if head else 1
        ones = _CN_DIGITS.get(rest, 0) if rest else 0
        return tens * 10 + ones
    if len(s) == 1:
        return _CN_DIGITS.get(s)
    return None


def normalise_indicator(text: str) -> str:
    """Indicator as stored: no spaces or quotes, PM 2.5 / pm_2.5 → PM2.5."""
    text = _PM.sub(lambda m: "PM" + m.group(1), text)
    text = re.sub(r"\s+", "", text)
    # 淘汰国三及以下排放标准柴油货车 → 淘汰柴油货车: the emission class is a qualifier
    text = _EMISSION_CLASS.sub("", text) or text
    return text.strip("“”\"'《》")


@dataclass
class _State:
    """What a sentence has said so far: its subject and the last target."""

    subject: str | None = None
    prev_end: int = -1
    prev_indicator: str | None = None
    prev_start: int = -1
    prev_change: str | None = None
    subjects: tuple[str, ...] = ()
    # the last indicator stated with each unit (PM2.5浓度 for μg/m3), so that a bare
    # figure in a list of places (乙市为21微克/立方米) takes the indicator of its unit
    by_unit: dict[str, str] = field(default_factory=dict)
    subject_unit: str | None = None


class TargetFinder:
    """Finds target mentions in a text; one instance per pipeline."""

    def __init__(self, lex: TargetLexicon) -> None:
        self.lex = lex
        self._acts = sorted(set(lex.verbs + lex.enforce), key=len, reverse=True)
        self._left_words = tuple(lex.left)
        self._rank_after = re.compile(
            rf"(?:[（(][^()（）]{{0,8}}[)）])?(?:中|里|内)?(?:{alternation(lex.rank_verbs) or '(?!)'})"
        )
        self._right_words = tuple(lex.right)
        units = alternation(lex.units)
        self._num = re.compile(
            rf"(?<![A-Za-z0-9_.\-/:+~第])(\d+(?:\.\d+)?)(\s?(?:余|多)?\s?)({units})"
        )
        self._list = re.compile(
            rf"(?<![A-Za-z0-9_.\-/:+~第])(?:\d+(?:\.\d+)?%?、)+(?P<last>\d+(?:\.\d+)?)"
            rf"\s?(?:余|多)?\s?(?P<unit>{units})"
        )
        self._index = re.compile(
            rf"(?:指数(?:[(（]AQI[)）])?|(?<![A-Za-z])AQI)(?:为|是|达到|达)?(\d+(?:\.\d+)?)(?![\d.%]|\s?(?:{units}))"
        )
        self._rank = re.compile(
            rf"(?P<verb>{alternation(lex.rank_verbs)})(?P<scope>[^\s,，。;；、:：第]{{0,12}}?)"
            rf"第(?P<n>[{_CN_NUM}\d]+)(?P<suf>位|名)?(?!{alternation(lex.rank_after)})"
        )
        self._rank_scope = re.compile(
            rf"(?<![排名居列在])(?:{alternation(lex.rank_scope)})第(?P<n>[{_CN_NUM}\d]+)(?:位|名)?"
            rf"(?!{alternation(lex.rank_after)})"
        )
        self._back = re.compile(rf"(?:{alternation(lex.rank_back)})(?P<n>[{_CN_NUM}\d]+)")
        # What every event pattern below needs somewhere in the sentence (a digit,
        # 第, 零, 类, a 退后-style word with its number, 前N名): most sentences
        # hold none of it and are skipped without running a dozen patterns.
        self._events_need = re.compile(
            rf"[\d第零类]|(?:{alternation(lex.rank_back)})[{_CN_NUM}\d]"
            r"|[前后][一二两三四五六七八九十\d]{1,2}[位名]|排名前|位列前|位居前"
        )
        self._water = re.compile(
            r"(?P<verb>达到|达|为|保持在|保持|稳定在|稳定达到|优于|提升至|提升到|提升为|改善至|改善为|恢复至|恢复到)"
            r"(?P<pre>地表水|国家地表水)?(?P<cls>Ⅲ|Ⅱ|Ⅰ|Ⅳ|Ⅴ|III|II|IV|I|V)类(?![—\-~至、])"
        )
        self._dates = re.compile("|".join(f"(?:{d})" for d in lex.dates))
        self._goal = re.compile("|".join(f"(?:{c})" for c in lex.goal_cues))
        self._result = re.compile("|".join(f"(?:{c})" for c in lex.result_cues))
        self._change = re.compile(
            rf"(?P<cmp>同比|环比)?(?P<word>{alternation(lex.changes)})$"
        )
        self._comparison = re.compile(r"(?:较|比|与)(?:去年|上年|上月|上周|前年|\d{4}年)?(?:同期)?(?:相比)?$")

    # -- cleaning ----------------------------------------------------------------
    def _strip(self, s: str, places: Sequence[str]) -> str:
        changed = True
        left, right = self._left_words, self._right_words
        places_t = tuple(p for p in places if p)
        while changed and s:
            changed = False
            if s.startswith(left):  # one test for the usual case: no word to cut
                for w in self.lex.left:
                    if s.startswith(w) and len(s) >= len(w):
                        s, changed = s[len(w):], True
                        break
            if places_t and s.startswith(places_t):
                for p in places_t:
                    if s.startswith(p):
                        s, changed = s[len(p):], True
                        break
            if s.endswith(right) and not s.endswith(_RIGHT_KEEP):
                for w in self.lex.right:
                    if s.endswith(w):
                        s, changed = s[: -len(w)], True
                        break
            if s[:1] in "“”\"（(" or s[-1:] in "“”\"":
                s, changed = s.strip("“”\"").lstrip("（("), True
        return s

    def _clean_left(
        self, left: str, places: Sequence[str], with_change: bool = True
    ) -> tuple[str | None, str]:
        """(change, indicator) from the words before a number."""
        s = _PAREN.sub("", left)
        s = self._dates.sub("", s)
        s = self._strip(s, places)
        s = _LEAD_COUNT.sub("", s)  # 8个国控断面水质优良比例 → 国控断面水质优良比例
        cut = _MID_CUT.search(s)
        if cut and cut.end() < len(s):
            s = s[cut.end():]  # 督察期间累计交办信访件 → 交办信访件
        agent = _AGENT.search(s)
        if agent:
            s = s[agent.end():]  # 全市生态环境部门共立案查处… → 立案查处…
        else:
            s = _DURING.sub("", s)
        s = _OBJ_OF.sub("", s)  # 对该企业罚款 → 罚款
        change = None
        if with_change:
            m = self._change.search(s)
            if m and not s.endswith(("率", "幅")):
                change = (m.group("cmp") or "") + self.lex.changes[m.group("word")]
                s = s[: m.start()]
                s = self._comparison.sub("", s)
                s = self._strip(s, places)
        return change, normalise_indicator(s)

    def _object(self, t: str, pos: int, limit: int) -> tuple[str, int]:
        """The noun counted by a classifier: text after the unit, up to a verb or break."""
        end = pos
        while end < limit and end - pos < 16 and t[end] not in _OBJ_BREAK and not t[end].isdigit():
            end += 1
        seg = t[pos:end]
        lead = _OBJ_LEAD.match(seg)
        offset = lead.end() if lead else 0
        seg = seg[offset:]
        m = _OBJ_STOP.search(seg)
        if m:
            seg = seg[: m.start()]
        for w in _OBJ_TRAIL:
            if seg.endswith(w) and len(seg) > len(w):
                seg = seg[: -len(w)]
        return normalise_indicator(seg), pos + offset + len(seg)

    def _antecedent(self, t: str, s0: int, clause: int, obj: str) -> str:
        """推进钢铁企业超低排放改造,完成12家企业改造: a short noun+verb object that
        repeats the task of the clause before is that task, written in full."""
        verb = next((v for v in self.lex.verbs if obj.endswith(v) and len(obj) > len(v)), None)
        if verb is None or clause - 1 <= s0:
            return obj
        prev_start = self._clause_start(t, s0, clause - 1, _CLAUSE_BREAK)
        prev = t[prev_start:clause - 1]
        noun = obj[: -len(verb)]
        if not prev.endswith(verb) or noun not in prev[:-len(verb)] or len(prev) <= len(obj):
            return obj
        task = _TASK_LEAD.split(prev)[-1]
        return task if len(task) > len(obj) else obj

    def _named_before(self, t: str, s0: int, clause: int, st: _State, places) -> str | None:
        """A quality indicator named, with no figure, in the clause just before
        (…浓度同比下降幅度最大,为9.8%), or None."""
        if clause - 1 <= s0 or st.prev_end >= clause - 1:
            return None
        prev_start = self._clause_start(t, s0, clause - 1, _CLAUSE_BREAK)
        if st.prev_end > prev_start:
            return None
        m = _NAMED.search(t, prev_start, clause - 1)
        if not m:
            return None
        _, ind = self._clean_left(m.group(), places, with_change=False)
        return ind or None

    def _action_after(self, t: str, pos: int, limit: int) -> tuple[str, int] | None:
        """An action written right after a counted noun (…3家餐饮店安装油烟净化设施,
        6名干部进行了问责): (indicator, end), or None."""
        m = _ACT_LEAD.match(t, pos, limit)
        at = m.end() if m else pos
        for v in self._acts:
            if t.startswith(v, at):
                if v in self.lex.enforce and v not in self.lex.verbs:
                    return v, at + len(v)
                obj, obj_end = self._object(t, at + len(v), limit)
                return (v + obj, obj_end) if obj else (v, at + len(v))
        return None

    def _scope_of_figure(self, t: str, pos: int, limit: int) -> bool:
        """Whether the words after a count, up to the clause end, hold a quality figure."""
        end = pos
        while end < limit and end - pos < 24 and t[end] not in _RANK_BREAK and t[end] not in "，,":
            end += 1
        return bool(_SCOPE_OF_FIGURE.search(t, pos, end))

    def _action_of_object(self, t: str, pos: int, limit: int) -> tuple[str, int] | None:
        """对3家未落实扬尘防控措施的渣土运输企业下达整改通知: the verb phrase after the
        counted object (looked for after its last 的), up to the clause end."""
        end = pos
        while end < limit and end - pos < 40 and t[end] not in _CLAUSE_BREAK:
            end += 1
        start = t.rfind("的", pos, end) + 1 or pos
        m = _OBJ_ACTION.search(t, start, end)
        if not m or end - m.start("verb") > 12:
            return None
        # the counted noun stays in front when short (扬尘不达标工地下达整改通知), so the
        # indicator says what was acted on as well as the action
        noun = t[start:m.start()]
        if not 2 <= len(noun) <= 8 or re.search(r"[\d“”\"]", noun):
            noun = ""
        return normalise_indicator(noun + t[m.start("verb"):end]), end

    def _listed_scope_verb(self, t: str, s0: int, clause: int, places: Sequence[str]) -> str:
        """检查甲镇、乙路沿线餐饮单位214家: the verb before a list of scopes governs the
        count after the list; '' when no verb heads the list or a figure sits in it."""
        wide = self._clause_start(t, s0, clause - 1, _RANK_BREAK)
        head = t[wide:clause - 1]
        if re.search(r"\d", head):
            return ""
        best = ""
        pos = -1
        for v in self.lex.verbs:
            k = head.rfind(v)
            if k > pos or (k == pos and k >= 0 and len(v) > len(best)):
                pos, best = k, v
        if pos < 0:
            return ""
        rest = head[pos + len(best):]
        if any(self._is_verb(rest[i:]) for i in range(len(rest))):
            return ""
        return best

    def _is_verb(self, s: str) -> bool:
        return any(s == v or (s.endswith(v) and len(s) <= len(v) + 2) for v in self.lex.verbs)

    def _org_noun(self, ind: str) -> bool:
        if any(b in ind for b in self.lex.bodies):
            return True
        for n in self.lex.org_nouns:
            if ind == n or (len(n) > 1 and ind.endswith(n)):
                # 检查餐饮单位312家: businesses an inspection reached, not bodies in organisation
                return not (n == "单位" and len(ind) > len(n) + 2 and ind[:2] in self._acts)
        return False

    def _kind(self, t: str, sent_start: int, clause_start: int, pos: int) -> str:
        """goal or result: the nearest cue before the number in its sentence wins,
        and a result cue in the number's own clause wins outright."""
        if self._result.search(t, clause_start, pos):
            return "result"
        last_goal = max((m.end() for m in self._goal.finditer(t, sent_start, pos)), default=-1)
        if last_goal < 0:
            return "result"
        last_result = max((m.end() for m in self._result.finditer(t, sent_start, pos)), default=-1)
        return "result" if last_result > last_goal else "goal"

    # -- main ----------------------------------------------------------------------
    def find(
        self,
        text: str,
        campaigns: Sequence[CampaignMention] = (),
        places: Sequence[str] = (),
    ) -> list[TargetMention]:
        """Targets in ``text``; ``campaigns`` block their numbers (冲刺45天) and tie
        figures to them; ``places`` are place names cut from indicator edges."""
        t = _WIDTH(pair_quotes(text))
        keep = _soft_breaks(t)
        if keep is not None:  # wrapped lines (PDF): read the text with the breaks taken out
            newpos = [0] * (len(t) + 1)
            k = 0
            for i in range(len(t)):
                newpos[i] = k
                if k < len(keep) and keep[k] == i:
                    k += 1
            newpos[len(t)] = k
            t = "".join(t[i] for i in keep)
            campaigns = [
                CampaignMention(newpos[c.start], newpos[c.end], c.text, c.name) for c in campaigns
            ]
            found = self._find(t, campaigns, places)
            return [
                TargetMention(keep[f.start], keep[f.end - 1] + 1, f.text, f.indicator, f.value,
                              f.unit, f.change, f.kind, f.campaign)
                for f in found
            ]
        return self._find(t, campaigns, places)

    def _find(
        self, t: str, campaigns: Sequence[CampaignMention], places: Sequence[str]
    ) -> list[TargetMention]:
        blocked = sorted([(c.start, c.end) for c in campaigns] + [m.span() for m in _BLOCK.finditer(t)])
        camps = sorted(campaigns, key=lambda c: c.start)
        camp_starts = [c.start for c in camps]
        places = sorted(set(places), key=len, reverse=True)
        out: list[TargetMention] = []
        gate = self._events_need.search
        for sm in _SENTENCE.finditer(t):
            s0, s1 = sm.span()
            if gate(t, s0, s1) is None:
                continue
            lo, hi = bisect_left(camp_starts, s0), bisect_left(camp_starts, s1)
            local = []
            for k in range(bisect_left(blocked, (s0 - _MAX_BLOCK, 0)), len(blocked)):
                if blocked[k][0] >= s1:
                    break
                if blocked[k][1] > s0:
                    local.append(blocked[k])
            out += self._sentence(t, s0, s1, local, camps[lo:hi], places)
        # a headline repeats a figure of the body: one statement, kept once (the body's)
        head_end = _head_end(t)
        if head_end > 0:
            body = {(tm.value, tm.unit, tm.change) for tm in out if tm.start > head_end}
            out = [tm for tm in out if tm.start > head_end or (tm.value, tm.unit, tm.change) not in body]
        seen: set[tuple] = set()
        unique = []
        for tm in out:
            key = (tm.indicator, tm.value, tm.unit, tm.change, tm.kind)
            if key not in seen:
                seen.add(key)
                unique.append(tm)
        return unique

    def _sentence(self, t, s0, s1, blocked, campaigns, places) -> list[TargetMention]:
        events = []
        sent = t[s0:s1]
        # each pattern below is tried only where the word it cannot match
        # without is in the sentence (第 for ranks, 类 for water classes…)
        in_list: list[tuple[int, int]] = []
        if "、" in sent:
            for m in self._list.finditer(t, s0, s1):
                events.append((m.start(), "list", m))
                in_list.append(m.span())
        for m in self._num.finditer(t, s0, s1):
            if not any(a <= m.start() < b for a, b in in_list):
                events.append((m.start(), "num", m))
        if "指数" in sent or "AQI" in sent:
            for m in self._index.finditer(t, s0, s1):
                events.append((m.start(1), "index", m))
        ordinal = "第" in sent
        if ordinal:
            split = [m.span() for m in _SPLIT_RANK.finditer(t, s0, s1)]
            for m in self._rank.finditer(t, s0, s1):
                if not any(a <= m.start() < b for a, b in split):  # 分居第二、第三: one list
                    events.append((m.start(), "rank", m))
            for m in self._rank_scope.finditer(t, s0, s1):
                events.append((m.start(), "back", m))
        for m in self._back.finditer(t, s0, s1):
            events.append((m.start(), "back", m))
        if "类" in sent:
            for m in self._water.finditer(t, s0, s1):
                events.append((m.start("cls"), "water", m))
            for m in _CLASS_CHANGE.finditer(t, s0, s1):
                events.append((m.start(), "class_change", m))
        if "零" in sent:
            for m in _ZERO_DAYS.finditer(t, s0, s1):
                events.append((m.start(), "zero_days", m))
        if ordinal:
            for m in _SPLIT_RANK.finditer(t, s0, s1):
                events.append((m.start(), "split_rank", m))
        if "前" in sent:
            for m in _SPLIT_TOP.finditer(t, s0, s1):
                events.append((m.start(), "split_top", m))
        if "依次" in sent:
            for m in _ORDER.finditer(t, s0, s1):
                events.append((m.start("items"), "order", m))
        events.sort(key=lambda e: e[0])
        st = _State()
        out: list[TargetMention] = []
        for pos, kind, m in events:
            if any(a <= pos < b for a, b in blocked):
                continue
            handler = getattr(self, f"_on_{kind}")
            found = handler(t, s0, s1, m, st, places)
            for tm in found:
                camp = _campaign_before(campaigns, s0, tm.start)
                if camp:
                    tm = TargetMention(tm.start, tm.end, tm.text, tm.indicator, tm.value, tm.unit,
                                       tm.change, tm.kind, camp)
                out.append(tm)
        return [TargetMention(o.start, o.end, _slice(t, o), o.indicator, o.value, o.unit, o.change,
                              o.kind, o.campaign) for o in out]

    def _clause_start(self, t: str, s0: int, pos: int, breaks: set[str]) -> int:
        i = pos
        while i > s0 and t[i - 1] not in breaks and not (i >= 2 and t[i - 2 : i] == "——"):
            if t[i - 1].isspace() and not (t[i - 2 : i - 1].isascii() and t[i : i + 1].isascii()):
                break  # a gap in page chrome (阅读 12 次 点赞…), but not PM 2.5
            if t[i - 1] in ")）":  # 水质优良(一、二类)比例: a list inside brackets breaks nothing
                k = max(t.rfind("(", s0, i - 1), t.rfind("（", s0, i - 1))
                if k >= s0 and i - 1 - k <= 20:
                    i = k
                    continue
            i -= 1
        return i

    def _on_num(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        num_start = m.start(1)
        total = _RANKED_TOTAL.match(t, num_start)
        if total and self._rank_after.match(t, total.end()):
            return []  # 在全市5个县(市、区)中排名第二: the field ranked in, not a count
        if num_start >= 1 and t[num_start - 1] == " " and num_start >= 2 and t[num_start - 2].isascii() \
                and t[num_start - 2].isalpha():
            return []
        info = self.lex.units[m.group(3)]
        if info.cls == "measure" and _THRESHOLD.match(t, m.end()):
            return []  # 淘汰10蒸吨以下燃煤锅炉14台: the size of what is counted, not a figure
        value = Decimal(m.group(1))
        if info.cls in ("count", "person") and value == 0:
            return []
        clause = self._clause_start(t, s0, num_start, _CLAUSE_BREAK)
        share = st.prev_end >= clause and t[st.prev_end:num_start].strip() == ""
        left_from = max(clause, st.prev_end) if st.prev_end >= clause else clause
        raw_left = t[left_from:num_start]
        change, ind = self._clean_left(raw_left, places)
        if info.cls == "count" and ind and clause > s0 and t[clause - 1] == "、" \
                and st.prev_end < clause:
            ind = self._listed_scope_verb(t, s0, clause, places) + ind
        joined = ind in _JOINERS and st.prev_indicator is not None and st.prev_end >= clause
        if joined:  # 分别同比下降15.2%和14.1%: the second figure of the same indicator
            ind, change = "", change or st.prev_change
        unit_end = m.end()
        end = unit_end
        obj = ""
        if info.cls in ("count", "measure", "person", "percent"):
            obj, obj_end = self._object(t, unit_end, s1)
            if obj and any(obj.startswith(n) for n in self.lex.time_nouns):
                return []
        explicit = True
        if info.cls == "count" and obj and _ASSIGNED_BEFORE.search(raw_left) \
                and _SETTLED_COUNT.match(t, unit_end):
            # 交办的98件信访件已办结96件: the workload; the settled figure after it starts anew
            st.prev_end, st.prev_indicator = obj_end, None
            return []
        if info.cls == "count" and self._strip(obj, ()).endswith(_QUALITY_END):
            return []  # 8个国控断面水质优良比例达到100%: the count is the scope of a figure
        if info.cls == "count" and self._scope_of_figure(t, unit_end, s1):
            return []  # 12个国考、市考断面水质达标率保持100%: the same, over a list
        if info.cls == "count" and obj.startswith("涉") and not self._is_verb(ind):
            return []  # 对136家涉VOCs企业实施…: the size of the scope, not an output
        if _GAP.search(raw_left.rstrip()) and _STANDARD.search(t, s0, num_start):
            return []  # 与目标相比仍高出5微克/立方米: a gap to a goal, not a figure reached
        if info.cls == "count" and raw_left.rstrip().endswith("对") and obj:
            act = self._action_of_object(t, unit_end, s1)
            if act and re.search(r"\d", act[0]):
                return []  # 对2名责任人各罚款1000元: the amount after is the output, not the count
            if act:  # 对3家未落实…的企业下达整改通知: the action is the output
                ind, end = act
                obj = ""
        if info.cls in ("count", "person") and obj:
            if not ind:
                obj = self._antecedent(t, s0, clause, obj)
            ind = ind + obj if ind and self._is_verb(ind) else obj
            end = obj_end
            act = self._action_after(t, obj_end, s1)
            if act and not self._is_verb(raw_left.strip()[-2:]):
                ind, end = act  # 督促3家餐饮店安装油烟净化设施: what they did is the output
        elif info.cls == "measure" and obj and (not ind or self._is_verb(ind)):
            ind = ind + obj
            end = obj_end
        elif info.cls == "percent" and not ind and not st.subject and obj:
            ind = obj
            end = obj_end
        if not ind:
            explicit = False
            named = self._named_before(t, s0, clause, st, places)
            if (share or joined) and st.prev_indicator:
                ind = st.prev_indicator
            elif named:
                ind = named  # 乙区PM2.5浓度下降幅度最大,为9.8%: the clause before names it
                st.subject, st.subject_unit = named, info.unit
            elif st.subject and not change and st.subject_unit not in (None, info.unit) \
                    and info.unit in st.by_unit:
                ind = st.by_unit[info.unit]  # 乙市优良天数比例达100%;丙市为23微克/立方米
            elif st.subject:
                ind = st.subject
            else:
                return []
        elif ind in self.lex.attrs:
            explicit = False
            ind = (st.subject or "") + ind
        if not self._gate(t, s0, s1, info, ind, raw_left, num_start, unit_end, end):
            return []
        start = self._indicator_start(t, left_from, num_start, ind) if explicit else num_start
        if change and not explicit:
            back = 2 if change.startswith(("同比", "环比")) else 0
            start = max(left_from, t.rfind(change[-2:], left_from, num_start) - back)
        if share and not explicit:
            start = st.prev_start
        kind = self._kind(t, s0, clause, num_start)
        st.prev_end, st.prev_indicator, st.prev_start, st.prev_change = end, ind, start, change
        if explicit:
            st.subject, st.subject_unit = ind, info.unit
        if not change:
            st.by_unit[info.unit] = ind
        unit = info.unit
        if unit == "吨/平方公里" and raw_left.rstrip().endswith("每月"):
            unit += "·月"  # 每月2.8吨/平方公里: a monthly rate, as 吨/平方公里·月
        return [TargetMention(start, end, "", ind, value, unit, change, kind)]

    def _gate(self, t, s0, s1, info: _Unit, ind, raw_left, num_start, unit_end, end) -> bool:
        """Whether a number of this unit class, with this indicator, is a target."""
        if any(w in ind for w in self.lex.econ):
            return False  # 地区生产总值增长5.5%: not an environmental indicator
        if info.cls in ("count", "person") and any(w in ind or w in raw_left for w in self.lex.manpower):
            return False  # 出动执法人员412人次: effort, not output
        if info.unit == "项" and not any(w in ind or w in raw_left for w in _ISSUE_WORDS) \
                and not ("完成" in ind and "整改" in t[s0:num_start]):
            return False  # 整改问题12项 counts problems; 11项警示教育 counts activities
        if info.cls == "count" and _ASSIGNED.search(ind) and not _SETTLED.search(ind):
            return False  # 督察组交办信访件46件: what was handed over, not what was done
        if info.cls == "count" and any(w in raw_left for w in self.lex.stock):
            return False  # 全镇共有渔民412户, 涉及我市46件: a stock or a scope
        if info.cls == "count":
            whole = t[self._clause_start(t, s0, num_start, _RANK_BREAK):num_start]
            if any(w in whole and "、" in whole[whole.find(w):] for w in self.lex.stock):
                return False  # 园区现有化工、制药企业37家: the stock word heads the list
        if info.cls == "measure" and any(w in raw_left for w in self.lex.crime):
            return False  # 将废酸12.6吨倾倒…, 导致8亩耕地受到污染: facts of an offence
        if info.cls == "measure" and _DISPOSAL_LEAD.search(raw_left.rstrip()):
            clause_end = end
            while clause_end < s1 and clause_end - end < 24 and t[clause_end] not in _CLAUSE_BREAK:
                clause_end += 1
            if _DISPOSAL.search(t, end, clause_end):
                return False  # 该企业将约120吨废酸液倾倒至…: what was dumped, not removed
        if info.cls == "days":
            # 30天内完成 is a deadline; 重污染天数控制在3天以内 a cap on a quality figure
            capped = raw_left.rstrip().endswith(_DAYS_CAP)
            return "天" in ind and (capped or not _AFTER_DAYS.match(t, unit_end))
        if info.cls == "money":
            if _PENALTY_RULE.match(t, unit_end):
                return False
            return any(w in ind or w in raw_left for w in self.lex.money) and not _CAP.search(raw_left)
        if info.cls == "person":
            return any(w in ind or w in raw_left for w in self.lex.enforce)
        if info.cls in ("count", "measure"):
            if self._org_noun(ind):
                return False
            scope = raw_left.endswith("有") or ind.endswith("中") or t.startswith("中", end)
            return not (info.cls == "count" and scope)  # 有11个城市…, 全省13个设区市中
        if info.cls == "percent":
            # a standard being applied (执行…节能80%设计标准), not a figure
            return not ("执行" in t[s0:num_start] and "标准" in t[num_start:s1])
        return True

    def _on_list(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """PM2.5、PM10平均浓度分别为35、62微克/立方米: one target per listed value,
        paired with the listed subjects (or the sentence's last list of subjects)."""
        info = self.lex.units[m.group("unit")]
        nums = [(n.start(), n.group()) for n in _NUMBER.finditer(t, m.start(), m.end("last"))]
        clause = self._clause_start(t, s0, m.start(), _RANK_BREAK)
        clause = max(clause, st.prev_end)
        raw_left = t[clause:m.start()]
        change, ind = self._clean_left(raw_left.replace("分别", ""), places)
        subjects = _split_subjects(ind) if ind else list(st.subjects)
        if len(subjects) > 1 and all(x in places for x in subjects[:-1]):
            # 甲市、乙县、丙县优良天数比例分别为…: the list names places, the figure is one
            shared = self._strip(subjects[-1], places)
            subjects = [shared] * len(nums) if shared else []  # the first place may be cut
        if len(subjects) != len(nums):
            return []
        out = []
        kind = self._kind(t, s0, clause, m.start())
        for (pos, num), subject in zip(nums, subjects, strict=True):
            if not self._gate(t, s0, s1, info, subject, raw_left, pos, m.end(), m.end()):
                return []
            out.append(TargetMention(pos, pos + len(num), "", subject, Decimal(num), info.unit, change, kind))
        st.subjects = subjects
        st.subject = subjects[-1]
        st.prev_end, st.prev_indicator, st.prev_start = m.end(), subjects[-1], m.start()
        return out

    def _indicator_start(self, t: str, lo: int, hi: int, ind: str) -> int:
        head = ind[:2]
        pos = t.find(head, lo, hi) if head else -1
        return pos if pos >= 0 else hi

    def _on_index(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        num_start = m.start(1)
        clause = self._clause_start(t, s0, num_start, _CLAUSE_BREAK)
        _, ind = self._clean_left(t[clause:num_start], places)
        aqi = _AQI.search(t, clause, num_start)
        if aqi:
            ind = "AQI"  # 空气质量指数（AQI）为118, 乙市AQI为76: the index by its short name
        elif not ind.endswith("指数"):
            return []
        st.subject, st.prev_end, st.prev_indicator = ind, m.end(), ind
        start = self._indicator_start(t, clause, num_start, ind)
        st.prev_start = start
        return [TargetMention(start, m.end(), "", ind, Decimal(m.group(1)), "", None,
                              self._kind(t, s0, clause, num_start))]

    def _rank_base(self, t, s0, verb_start, st: _State, places) -> list[str]:
        clause = self._clause_start(t, s0, verb_start, _RANK_BREAK)
        if st.prev_end > clause:
            clause = st.prev_end
        left = _PAREN.sub("", t[clause:verb_start])
        left = self._dates.sub("", left)
        x, sep, y = left.rpartition("在")
        if not sep:
            x, y = left, ""
        y = self._strip(y, places)
        items = []
        for item in x.split("、"):
            _, item = self._clean_left(item, places, with_change=False)
            if item and not item.endswith("工作"):
                items.append(item)
        if items:
            return [(st.subject or "") + i if i in self.lex.attrs else i for i in items]
        if st.subject:
            return [st.subject]
        _, y = self._clean_left(y, places, with_change=False)
        y = re.sub(r"\d+个|中$", "", y)  # 在全市8个县区中排名第2 → 县区排名
        if y:
            return [y]
        # 排名前三位…，其中丙排名倒数第一: the criterion named earlier in the sentence
        return [self._order_indicator(t, s0, clause, st, places)]

    def _rank_targets(self, t, s0, m, value, st: _State, places) -> list[TargetMention]:
        if value is None or value <= 0:
            return []
        bases = self._rank_base(t, s0, m.start(), st, places)
        clause = self._clause_start(t, s0, m.start(), _CLAUSE_BREAK)
        kind = self._kind(t, s0, clause, m.start())
        out = []
        for base in bases:
            ind = base if base.endswith("排名") else base + "排名"
            out.append(TargetMention(m.start(), m.end(), "", ind, Decimal(value), "名", None, kind))
        return out

    def _on_rank(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        if m.group("verb") == "排" and m.start() > 0 and t[m.start() - 1] in "安编并":
            return []
        value = cn_to_int(m.group("n"))
        if "倒数" in m.group("scope"):
            # 倒数第一 among 11 is rank 11; with no count stated, the rank is unknown
            total = self._ranked_total(t, s0, m.start())
            if total is None or value is None or value > total:
                return []
            value = total - value + 1
        return self._rank_targets(t, s0, m, value, st, places)

    def _on_split_rank(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """乙县、丙县分列第二、第三: one rank per listed number, of the criterion
        the sentence ranks by (the places before 分列 are who, not what)."""
        ranks = []
        for n in re.finditer(rf"[{_CN_NUM}\d]+", m.group("ns")):
            value = cn_to_int(n.group())
            if value is None or value <= 0:
                return []
            pos = m.start("ns") + n.start()
            ranks.append((value, pos - 1, pos + len(n.group())))
        return self._split_targets(t, s0, m, ranks, st, places)

    def _on_split_top(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """甲、乙、丙分列前三位 (排名前三): ranks 1, 2, 3 in the order the list
        gives; only where exactly that many are listed before."""
        n = cn_to_int(m.group("n"))
        if n is None or not 2 <= n <= 10:
            return []
        ranks = [(k, m.start("n"), m.end()) for k in range(1, n + 1)]
        return self._split_targets(t, s0, m, ranks, st, places, listed_only=True)

    def _split_targets(
        self, t, s0, m, ranks, st: _State, places, listed_only: bool = False
    ) -> list[TargetMention]:
        """One rank target per (value, start, end). When the list before 分列 has
        as many items as there are ranks, each target starts at its own item,
        so that the place it names is the one the rank belongs to; with
        ``listed_only`` (排名前三) there are no targets otherwise."""
        clause = self._clause_start(t, s0, m.start(), _RANK_BREAK)
        items = [i for i in re.finditer(r"[^、]+", t[clause:m.start()]) if i.group().strip()]
        paired = len(items) == len(ranks) > 1
        if listed_only and not paired:
            return []
        out: list[TargetMention] = []
        for k, (value, start, end) in enumerate(ranks):
            if paired:
                start = clause + items[k].start() + len(items[k].group()) - len(items[k].group().lstrip())
            for tm in self._rank_targets(t, s0, m, value, st, places):
                out.append(TargetMention(start, end, "", tm.indicator, tm.value, tm.unit, tm.change, tm.kind))
        return out

    def _ranked_total(self, t: str, s0: int, pos: int) -> int | None:
        """How many are ranked, when the sentence says so before ``pos`` (全省11个设区市)."""
        found = None
        for c in _RANKED_TOTAL.finditer(t, s0, pos):
            found = cn_to_int(c.group(1))
        return found

    def _on_back(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        return self._rank_targets(t, s0, m, cn_to_int(m.group("n")), st, places)

    def _on_order(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """前三位依次为甲、乙、丙 → ranks 1, 2, 3; 后三位依次为甲、乙、丙 with 丙排名第十四
        written after → ranks 12 and 13 (the explicit 14 is found as a rank itself)."""
        n = cn_to_int(m.group("n"))
        items = [(k.start(), k.end()) for k in _ITEM.finditer(t, m.start("items"), m.end("items"))]
        if not n or len(items) != n:
            return []
        if m.group("dir") == "前":
            ranks = list(range(1, n + 1))
        else:
            last = t[items[-1][0]:items[-1][1]]
            said = re.compile(re.escape(last) + rf"[^。;；]{{0,12}}?(倒数)?第([{_CN_NUM}\d]+)")
            known = said.search(t, m.end(), s1)
            total = self._ranked_total(t, s0, m.start())
            if known and not known.group(1):
                top = cn_to_int(known.group(2))  # 丙排名第十四: the last is said, as a rank
            elif known:
                top = total  # 丙排名倒数第一: said again, found as a rank of its own
            else:
                top = None
            if known and top and top >= n:
                ranks = list(range(top - n + 1, top))
                items = items[:-1]
            elif total and total >= n:
                ranks = list(range(total - n + 1, total + 1))  # 后三位 of 11: 9, 10, 11
            else:
                return []
        ind = self._order_indicator(t, s0, m.start(), st, places)
        kind = self._kind(t, s0, m.start(), m.start())
        return [TargetMention(a, b, "", ind, Decimal(r), "名", None, kind)
                for (a, b), r in zip(items, ranks, strict=True)]

    def _order_indicator(self, t, s0, pos, st: _State, places) -> str:
        """The ranking criterion: the last …排名 written before the list in its sentence."""
        k = t.rfind("排名", s0, pos)
        while k >= 0:
            clause = self._clause_start(t, s0, k, _CLAUSE_BREAK)
            left = re.sub(r"^(?:按照|根据|依据|按)", "", t[clause:k])
            _, ind = self._clean_left(left, places, with_change=False)
            if ind:
                return ind + "排名"
            k = t.rfind("排名", s0, k)
        return (st.subject or "") + "排名"

    def _on_zero_days(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """力争重污染天数为零: a count of days brought to 0, written as a word."""
        clause = self._clause_start(t, s0, m.start("ind") + len(m.group("ind")), _CLAUSE_BREAK)
        _, ind = self._clean_left(t[clause:m.end("ind")], places, with_change=False)
        if not ind or "天" not in ind:
            return []
        start = self._indicator_start(t, clause, m.end("ind"), ind)
        kind = self._kind(t, s0, clause, m.end("ind"))
        return [TargetMention(start, m.end(), "", ind, Decimal(0), "天", None, kind)]

    def _on_class_change(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        """同比提升一个类别: a water-quality class gained or lost, as 1 个类别."""
        value = cn_to_int(m.group("n"))
        if not value:
            return []
        cmp = m.group("cmp") or ""
        change = (cmp if cmp in ("同比", "环比") else "") + m.group("word")
        kind = self._kind(t, s0, self._clause_start(t, s0, m.start(), _CLAUSE_BREAK), m.start())
        return [TargetMention(m.start(), m.end(), "", "水质", Decimal(value), "个类别", change, kind)]

    def _on_water(self, t, s0, s1, m, st: _State, places) -> list[TargetMention]:
        value = _ROMAN.get(m.group("cls"))
        if value is None:
            return []
        opened = max(t.rfind("(", s0, m.start()), t.rfind("（", s0, m.start()))
        if opened >= 0 and max(t.rfind(")", opened, m.start()), t.rfind("）", opened, m.start())) < 0 \
                and t[m.end():m.end() + 1] in (")", "）"):
            return []  # 水质优良(达到或优于Ⅲ类)比例: the definition of a figure, not a figure
        clause = self._clause_start(t, s0, m.start(), _CLAUSE_BREAK)
        _, ind = self._clean_left(t[clause:m.start()], places, with_change=False)
        ind = ind or st.subject or "水质"
        start = self._indicator_start(t, clause, m.start(), ind)
        kind = self._kind(t, s0, clause, m.start())
        return [TargetMention(start, m.end(), "", ind, Decimal(value), "类", None, kind)]


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ORDER = re.compile(
    r"(?P<dir>前|后)(?P<n>[一二两三四五六七八九十\d]{1,2})(?:位|名)[^,，;；。:：]{0,8}?依次(?:为|是)"
    r"(?P<items>[^,，;；。:：、]{2,12}(?:、[^,，;；。:：、]{2,12})+)"
)
_ITEM = re.compile(r"[^、]+")
# what a count in 项 must be about to be an output: problems and their rectification
_ISSUE_WORDS = ("问题", "整改")
# a count of cases handed over (交办信访件46件) is a workload; settling them is the output
_ASSIGNED = re.compile(r"[交转]办(?!件)")
# 交办的98件信访件: the handed-over cases counted before their noun
_ASSIGNED_BEFORE = re.compile(r"[交转]办的\s*$")
# …then a settled figure of its own in the clause (已办结96件); 已全部办结 makes the count the output
_SETTLED_COUNT = re.compile(r"[^,，;；。]{0,16}?\d")
_SETTLED = re.compile(r"办结|完成|整改到位|查处|立案|收到|受理|接到")
# 乙县、丙县分列第二、第三: several ranks for the places listed before
_SPLIT_RANK = re.compile(
    rf"分(?:列|居|别位列|别位居|别排名|别排在)第(?P<ns>[{_CN_NUM}\d]+(?:、第?[{_CN_NUM}\d]+)+)(?:位|名)?"
)
# a measure that qualifies the noun after it (10蒸吨以下燃煤锅炉, 35蒸吨/小时及以下锅炉)
_THRESHOLD = re.compile(r"(?:/小时)?(?:及)?以[下上](?=[\u4e00-\u9fff])(?!的)")
# 甲、乙、丙分列前三位: the first N, in the order listed
_SPLIT_TOP = re.compile(
    rf"(?:分(?:列|居|别位列|别位居|别排名|别排在|别位于)|排名|位列|位居)前(?P<n>[{_CN_NUM}\d]{{1,2}})(?:位|名)?"
)
_EMISSION_CLASS = re.compile(r"国[一二三四五六1-6Ⅰ-Ⅵ]及以下(?:排放)?(?:标准)?的?(?=[\u4e00-\u9fff])")
_AQI = re.compile(r"(?<![A-Za-z])AQI(?:[)）]|为|是|达到|达)*$")
_NAMED = re.compile(
    r"[A-Za-z0-9.\u4e00-\u9fff]{0,12}?(?:浓度|比例|天数|指数)(?=同比|环比|较|下降|上升|降幅|增幅|改善|最低|最高|最好|最差)"
)
_WRAP_END = re.compile(r"[A-Za-z0-9/.]$")
_WRAP_START = re.compile(r"^[A-Za-z0-9.,，;；%、]")
_SENT_END = "。！？!?；;:：”)）》】"


def _head_end(t: str) -> int:
    """End of the headline block: the lines before the first line that holds a
    full stop (masthead, headline, byline), or -1."""
    stop = t.find("。")
    if stop < 0:
        return -1
    return t.rfind("\n", 0, stop)


def _soft_breaks(t: str) -> list[int] | None:
    """Indices of ``t`` to keep when line breaks inside a sentence (a PDF's wrapped
    lines: PM\\n2.5, 力争达到\\n87%) are taken out, or None when there are none.

    A break is soft when its line does not end a sentence and either side cuts a
    token (a digit, a Latin letter or a unit on one side), or the line is long
    (a wrapped paragraph) and the next line goes on with Chinese text."""
    if "\n" not in t:
        return None
    lines = t.split("\n")
    drop: list[int] = []
    pos = 0
    for k, line in enumerate(lines[:-1]):
        nxt = lines[k + 1]
        end = pos + len(line)
        pos = end + 1
        body = line.rstrip()
        if not body or not nxt.strip() or body[-1] in _SENT_END or len(body) < 2:
            continue
        token_cut = bool(_WRAP_END.search(body) or _WRAP_START.match(nxt))
        wrapped = len(body) >= 30 and "\u4e00" <= nxt[:1] <= "\u9fff"
        if token_cut or wrapped:
            drop.append(end)
    if not drop:
        return None
    gone = set(drop)
    return [i for i in range(len(t)) if i not in gone]


_POLLUTANT = re.compile(r"^(PM2\.5|PM10|O3|臭氧|SO2|NO2|CO|二氧化硫|二氧化氮|一氧化碳|细颗粒物|可吸入颗粒物)")


def _split_subjects(ind: str) -> list[str]:
    """PM2.5、PM10平均浓度 → [PM2.5平均浓度, PM10平均浓度]: a shared tail is given
    to the bare pollutant names before it."""
    items = [i for i in re.split(r"[、和及与]", ind) if i]
    if len(items) < 2:
        return items
    last = items[-1]
    head = _POLLUTANT.match(last)
    tail = last[head.end():] if head else ""
    return [i + tail if tail and _POLLUTANT.fullmatch(i) else i for i in items[:-1]] + [last]


def _slice(t: str, tm: TargetMention) -> str:
    return t[tm.start:tm.end]


def _campaign_before(campaigns: Sequence[CampaignMention], s0: int, pos: int) -> str | None:
    best = None
    for c in campaigns:
        if s0 <= c.start and c.end <= pos and (best is None or c.start > best.start):
            best = c
    return best.name if best else None


class TargetsComponent:
    """spaCy component: appends TargetMention records to ``doc._.lt.targets``."""

    def __init__(self, finder: TargetFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        ann = doc._.lt
        text = doc_text(doc)
        places = [p.text for p in ann.places] + [p.name for p in ann.places]
        found = self.finder.find(text, ann.campaigns, places)
        # the text field is what the document says, not the normalised copy
        found = [
            TargetMention(f.start, f.end, text[f.start:f.end], f.indicator, f.value, f.unit,
                          f.change, f.kind, f.campaign)
            for f in found
        ]
        ann.targets.extend(found)
        mirror_spans(doc, SPAN_KEY, ann.targets, SPAN_LABEL)
        return doc


@Language.factory("lt_targets", assigns=["doc.spans"], requires=[], default_config={})
def make_targets(nlp: Language, name: str) -> TargetsComponent:
    """Build the component (reads kg/data/units.tsv, indicators.txt, target_*.txt once)."""
    return TargetsComponent(TargetFinder(TargetLexicon.load()))
