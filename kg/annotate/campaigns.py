"""lt_campaigns: named, bounded efforts of environmental governance.

Campaigns are written as a domain stem plus a head word (蓝天保卫战,
柴油货车污染治理攻坚战, 机动车尾气专项整治), as a quoted name with or without a head
(“三减三增”三年行动, “清废行动”, “X”执法专项行动 with modifier words from
kg/data/campaign_quote_modifiers.txt, 河湖“X”专项行动 with a two-character
domain noun before the quote, or 河湖“清四乱” with a numbered name and no head),
“X” with a short noun phrase and 行动 (“五水共治”碧水行动), a river or lake before
the quote (长江“十年禁渔”攻坚战), “X”建设 for an environmental model (“无废城市”建设),
or as an inspection round (第三轮中央生态环境保护督察; a bare 督察“回头看” takes
the full round named in the document, else stays as written). In 甲与乙保卫战 the
first item must read as a battle stem (巡河履职与碧水保卫战 names one battle).
Around the name sit verbs and adverbs (坚决打赢这场…) that the guide
keeps out of the canonical name, so every stem is cut on the left at the
rightmost boundary word (kg/data/campaign_boundaries.txt) or place name, then
checked against a domain list so that generic words alone (攻坚战, 持久战) and
efforts outside the environment (安全生产专项整治) are not campaigns.

All word lists are data files (kg/data/campaign_*.txt); regexes are compiled once
per component. Cost: a handful of linear regex scans per document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.chars import CharFold
from kg.annotate.records import CampaignMention, doc_text, mirror_spans
from kg.data import alternation, read_lines
from kg.errors import DataError

SPAN_KEY = "campaigns"
SPAN_LABEL = "CAMPAIGN"

_CN_NUM = "一二两三四五六七八九十百"
# Characters a stem may contain: Chinese, Latin letters and digits (VOCs, PM2.5).
_STEM_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9.+]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LIST_SEP = "、和及与"
_YEAR = re.compile(r"\d{2,4}(?:年度|年)")
_STEM_MAX = 16
# how far left of a cut stem a boundary word may begin (the longest boundaries are 4)
_BOUNDARY_REACH = 3
# a name before 流域 is a river's (金溪流域…专项行动), even where it reads as a place
_BASIN = "流域"
# a verb and a numbered object in quotes (清四乱, 治三污): a campaign when a domain noun
# comes before it; the numbered object alone (河湖“四乱”问题) names the problems
_NUMBERED_NAME = re.compile(r"[\u4e00-\u9fff][一二两三四五六七八九十]+[\u4e00-\u9fff]{1,2}")
# an inspection round named by its follow-up alone (此次督察“回头看”)
# the last character of a two-character river or lake name (闽江, 太湖) written before a
# quoted name; a first character from _NOT_WATER_NAME makes it a verb or a scope (沿江, 全湖)
_WATER_BODY = "江河湖海"
_NOT_WATER_NAME = "沿全各跨入出护治净清"
_BARE_REVIEW = re.compile(r"督[察查]“回头看”")
# Punctuation and quote marks normalised so that both ingest variants match.
_BRACKETS = CharFold({"「": "“", "」": "”", "『": "“", "』": "”", "＂": '"', "〝": "“", "〞": "”"})


def pair_quotes(text: str) -> str:
    """Return a same-length copy of ``text`` with straight double quotes paired
    into “ and ” (per line), and 「」『』 folded to “”.

    Ingest may leave ASCII quotes; pairing them keeps offsets while letting one
    set of patterns match both spellings."""
    text = _BRACKETS(text)
    if '"' not in text:
        return text
    out: list[str] = []
    opening = True
    for ch in text:
        if ch == "\n":
            opening = True
            out.append(ch)
        elif ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
    return "".join(out)


def normalise_quotes(name: str) -> str:
    """Quotes in a campaign name, normalised to “” (the guide's form)."""
    return pair_quotes(name)


LEVEL_LEAD = re.compile(r"全?[省市县区](?![场容政域级委府直属里内辖属])")


@dataclass(frozen=True)
class CampaignLexicon:
    """The word lists the finder uses, read from kg/data/campaign_*.txt."""

    battle_heads: tuple[str, ...]
    action_heads: tuple[str, ...]
    standalone_heads: frozenset[str]
    quote_heads: tuple[str, ...]
    quote_suffixes: tuple[str, ...]
    quote_modifiers: tuple[str, ...]
    plan_words: tuple[str, ...]
    boundaries: tuple[str, ...]
    prefixes: tuple[str, ...]
    domain: tuple[str, ...]
    exclude: tuple[str, ...]
    insp_levels: tuple[str, ...]
    insp_topics: tuple[str, ...]
    insp_after: tuple[str, ...]

    @classmethod
    def load(cls) -> CampaignLexicon:
        heads = read_lines("campaign_action_heads.txt")
        insp: dict[str, list[str]] = {"level": [], "topic": [], "after": []}
        for line in read_lines("campaign_inspection.txt"):
            kind, _, word = line.partition("\t")
            if kind not in insp or not word.strip():
                raise DataError(
                    f"kg/data/campaign_inspection.txt: bad line {line!r}; "
                    "write 'level|topic|after<TAB>word'"
                )
            insp[kind].append(word.strip())
        return cls(
            battle_heads=tuple(read_lines("campaign_battle_heads.txt")),
            action_heads=tuple(h.rstrip("*") for h in heads),
            standalone_heads=frozenset(h.rstrip("*") for h in heads if h.endswith("*")),
            quote_heads=tuple(read_lines("campaign_quote_heads.txt")),
            quote_suffixes=tuple(read_lines("campaign_quote_suffixes.txt")),
            quote_modifiers=tuple(read_lines("campaign_quote_modifiers.txt")),
            plan_words=tuple(read_lines("campaign_plan_words.txt")),
            boundaries=tuple(read_lines("campaign_boundaries.txt")),
            prefixes=tuple(read_lines("campaign_prefixes.txt")),
            domain=tuple(read_lines("campaign_domain.txt")),
            exclude=tuple(read_lines("campaign_exclude.txt")),
            insp_levels=tuple(insp["level"]),
            insp_topics=tuple(insp["topic"]),
            insp_after=tuple(insp["after"]),
        )


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    name: str
    text: str | None = None  # None: the slice of the document
    source: str = ""


class CampaignFinder:
    """Finds campaign mentions in a text; one instance per pipeline (regexes compiled once)."""

    def __init__(self, lex: CampaignLexicon) -> None:
        self.lex = lex
        self._battle = re.compile(rf"(?:[{_CN_NUM}]大)?(?:{alternation(lex.battle_heads)})")
        self._action = re.compile(alternation(lex.action_heads))
        self._quoted = re.compile(r"“([^“”\n]{1,24})”")
        self._quote_head = re.compile(alternation(lex.quote_heads))
        self._quote_noun = re.compile(r"([\u4e00-\u9fff]{2,7}?)行动(?![\u4e00-\u9fff]{0,2}(?:方案|计划))")
        # “三大保卫战”: a counted battle in quotes is a name of its own (unquoted, the
        # count alone names no campaign; with its items it is split into them)
        self._quoted_count = re.compile(rf"[{_CN_NUM}]大(?:{alternation(lex.battle_heads)})")
        # “利剑”执法专项行动, “X”专项监督行动: modifier words, then a head
        self._quote_mod_head = re.compile(
            rf"(?:{alternation(lex.quote_modifiers)})+?(?:{alternation(lex.quote_heads)})"
        )
        self._domain_chars = frozenset(w for w in lex.domain if len(w) == 1)
        self._domain_words = frozenset(w for w in lex.domain if len(w) == 2)
        self._plan = re.compile(alternation(lex.plan_words))
        self._fold_heads = frozenset(h for h in lex.action_heads if h.endswith("年行动"))
        self._alias_attack = re.compile(
            r"(防治|综合治理|综合整治|治理|整治)攻坚(?!战|行动|专项|冲刺|百日|月|季|办|指挥)"
        )
        self._countdown = re.compile(rf"(冲刺|决战)(\d+|[{_CN_NUM}]+)天")
        self._launch = re.compile(
            r"(?:开展|实施|启动|打响|深化|推进|部署)([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(攻坚|行动)(?=[,，。;；、!?！？\s]|$)"
        )
        self._inspection = re.compile(
            rf"(?P<ord>(?:第[{_CN_NUM}\d]+[轮批])+)?"
            rf"(?P<lvl>{alternation(lex.insp_levels)})"
            rf"(?P<nth>第[{_CN_NUM}]+)?"
            rf"(?P<topic>{alternation(lex.insp_topics)})?"
            r"(?P<spec>[\u4e00-\u9fff]{2,6}?专项)?"
            r"督[察查]"
            r"(?P<hkk>“回头看”|回头看)?"
        )
        self._insp_after = re.compile(alternation(lex.insp_after))
        self._boundary_at = re.compile(f"(?=({alternation(lex.boundaries) or '(?!)'}))")
        self._insp_topic = re.compile(alternation(lex.insp_topics))

    # -- helpers ---------------------------------------------------------------
    def _stem_start(self, text: str, end: int, stops: Sequence[tuple[int, int]]) -> int:
        """Start of the stem that ends at ``end``: back over name characters, then
        after the rightmost boundary word, year or place name inside that run."""
        lo = max(0, end - _STEM_MAX)
        i = end
        while i > lo and _STEM_CHAR.match(text[i - 1]):
            i -= 1
        window = text[i:end]
        best = 0
        # the run was cut at _STEM_MAX: a boundary word may straddle the cut (持续开展|
        # 重点区域…: 展 alone must not start the stem), so look a few characters further
        reach = 0
        if i == lo and lo > 0 and _STEM_CHAR.match(text[lo - 1]):
            # never start inside a number (2023年 → 3年)
            cut = re.match(r"[\d.]+(?:年度|年)?", window)
            best = cut.end() if cut else 0
            reach = min(lo, _BOUNDARY_REACH)
        wide = text[i - reach:end]
        # the end of the rightmost-ending boundary word: at each start the longest
        # word (the lookahead finds overlapping ones)
        for m in self._boundary_at.finditer(wide):
            best = max(best, m.end(1) - reach)
        for m in _YEAR.finditer(window):
            best = max(best, m.end())
        start = i + best
        for s, e in stops:
            if start <= e <= end and s < e and not text.startswith(_BASIN, e):
                start = max(start, e)  # a place ends the stem; a river's 流域 does not
        return start

    def _valid_stem(self, stem: str) -> bool:
        if len(stem) < 2:
            return False
        if any(w in stem for w in self.lex.exclude):
            return False
        return any(w in stem for w in self.lex.domain)

    def _with_prefix(self, text: str, start: int) -> int:
        """Extend ``start`` left over verbs like 坚决打赢这场 (kept in the text only)."""
        moved = True
        while moved:
            moved = False
            for word in self.lex.prefixes:
                if text.startswith(word, start - len(word)) and start - len(word) >= 0:
                    start -= len(word)
                    moved = True
                    break
        return start

    def _strip_prefix(self, name: str) -> str:
        changed = True
        while changed:
            changed = False
            for word in self.lex.prefixes + ("开展", "实施", "启动", "推进"):
                if name.startswith(word) and len(name) > len(word) + 1:
                    name = name[len(word):]
                    changed = True
        # A jurisdiction word is who runs it, not part of its name (县污染防治攻坚战),
        # unless it starts a word of its own (市容, 区域, 县级…).
        level = LEVEL_LEAD.match(name)
        if level and self._valid_stem(name[level.end():]):
            name = name[level.end():]
        return name

    # -- finders ---------------------------------------------------------------
    def _battles(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        for m in self._battle.finditer(t):
            head_end = m.end()
            head = t[m.start():head_end]
            count = head[0] if head[1:2] == "大" and len(head) > 3 else ""
            base = head[2:] if count else head
            items = self._enumeration(t, m.start(), stops)
            if items:
                if count and _cn_int(count) not in (None, len(items)):
                    items = items[-(_cn_int(count) or len(items)):]
                for k, (s, e) in enumerate(items):
                    name = t[s:e] + base
                    if k == len(items) - 1:
                        yield _Cand(s, head_end, name, text=name, source="battle")
                    else:
                        yield _Cand(s, e, name, text=name, source="battle")
                continue
            s = self._stem_start(t, m.start(), stops)
            stem = t[s:m.start()]
            if count or not self._valid_stem(stem):
                continue
            level = LEVEL_LEAD.match(stem)
            if level and self._valid_stem(stem[level.end():]):
                stem = stem[level.end():]  # 县污染防治攻坚战: the county runs it
            yield _Cand(self._with_prefix(t, s), head_end, stem + base, source="battle")

    def _enumeration(
        self, t: str, head_start: int, stops: Sequence[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """Items of 蓝天、碧水、净土(三大)保卫战 before a shared head, or []."""
        items: list[tuple[int, int]] = []
        end = head_start
        while True:
            s = end
            while s > 0 and end - s < 4 and _HAN.match(t[s - 1]) and t[s - 1] not in _LIST_SEP:
                s -= 1
            if not items and end - s < 2:
                return []
            sep = t[s - 1] if s > 0 else ""
            if sep and sep in _LIST_SEP:
                if end - s < 2:
                    return []
                items.append((s, end))
                end = s - 1
                continue
            # first item of the list: cut at boundaries like an ordinary stem
            if not items:
                return []
            s2 = self._stem_start(t, end, stops)
            if end - s2 < 2:
                return []
            items.append((s2, end))
            break
        items.reverse()
        if not all(self._valid_stem(t[s:e]) for s, e in items):
            return []
        if any(t[s:e].endswith(self.lex.battle_heads) for s, e in items):
            return []  # 蓝天保卫战、碧水保卫战: each battle is named in full, not a shared head
        if items and items[0][0] > 0 and t[items[0][1]] in "和及与" and not self._battle_stem(
            t[items[0][0]:items[0][1]]
        ):
            return []  # 把巡河履职与碧水保卫战结合: a task joined to a battle, not a battle
        return items

    def _battle_stem(self, stem: str) -> bool:
        """A stem a battle is named by: short (蓝天, 碧水) or holding a domain word
        of two characters or more (生态环境); 巡河履职 is a duty, not a battle."""
        return len(stem) <= 2 or any(len(w) > 1 and w in stem for w in self.lex.domain)

    def _actions(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        for m in self._action.finditer(t):
            hs, he = m.span()
            if hs > 0 and t[hs - 1] == "”":
                continue  # quoted form: found by _quoted
            if self._action.match(t, he):
                continue  # 专项整治三年行动: the longer name ending at the next head is found
            if self._plan.match(t, he):
                continue
            s = self._stem_start(t, hs, stops)
            stem = t[s:hs]
            if s > 0 and t[s - 1] == "、":
                continue  # one task in a list of tasks (…、城区河道专项整治、…)
            if any(stem.endswith(h) for h in self.lex.battle_heads):
                continue
            if not self._valid_stem(stem):
                if m.group() not in self.lex.standalone_heads:
                    continue
                s, stem = hs, ""  # 夏季百日攻坚行动 → 百日攻坚行动
            yield _Cand(s, he, stem + m.group(), source="action")

    def _quoted_names(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        for m in self._quoted.finditer(t):
            inner = m.group(1).strip()
            if not inner or any(w in inner for w in self.lex.exclude):
                continue
            head = (
                self._quote_head.match(t, m.end())
                or self._quote_mod_head.match(t, m.end())
                or self._quote_noun_head(t, m.end())
            )
            if head and head.group() == "建设" and not self._valid_stem(inner):
                head = None  # “平安乡村”建设: a model to build, but not an environmental one
            if head:  # also inside a plan's title: “三减三增”三年行动方案
                pre = self._quote_prefix(t, m.start())
                name = f"{pre}“{inner}”{head.group()}"
                if inner in self.lex.standalone_heads:
                    name = inner  # “百日攻坚”行动 is the campaign 百日攻坚 (a name on its own)
                yield _Cand(m.start() - len(pre), head.end(), name, source="quoted")
                continue
            pre = self._quote_prefix(t, m.start())
            if pre and _NUMBERED_NAME.fullmatch(inner):
                # 河湖“清四乱”问题整改: a numbered name with its domain noun, no head
                yield _Cand(m.start() - len(pre), m.end(), f"{pre}“{inner}”", source="prefixed")
                continue
            if self._quoted_count.fullmatch(inner):
                yield _Cand(m.start(), m.end(), f"“{inner}”", source="quoted")
                continue
            if len(inner) < 3 or any(inner.endswith(h) for h in self.lex.battle_heads):
                continue
            if any(inner.endswith(suf) for suf in self.lex.quote_suffixes):
                name = self._strip_prefix(inner)
                yield _Cand(m.start(), m.end(), name, source="quoted")

    def _quote_noun_head(self, t: str, qe: int) -> re.Match[str] | None:
        """“X”碧水行动, “X”示范区建设行动: a short noun phrase, then 行动, right after
        the quote; a boundary word inside (“X”期间开展行动) makes it a sentence."""
        m = self._quote_noun.match(t, qe)
        if not m or any(w in m.group(1) for w in self.lex.boundaries):
            return None
        if len(m.group(1)) > 5 and not any(len(w) > 1 and w in m.group(1) for w in self.lex.domain):
            return None  # a longer phrase must name its field (“X”生态保护修复行动)
        return m

    def _quote_prefix(self, t: str, qs: int) -> str:
        """A two-character domain noun written right before a quoted name (河湖“清四乱”
        专项行动) belongs to the name; anything longer is left out, since verbs
        (检查, 开展) usually precede it."""
        pre = t[max(0, qs - 2):qs]
        if len(pre) < 2 or not all(_HAN.match(ch) for ch in pre):
            return ""
        if pre in self._domain_words or all(ch in self._domain_chars for ch in pre):
            return pre
        if pre[-1] in _WATER_BODY and pre[0] not in _NOT_WATER_NAME:
            return pre  # a river or lake named before the quote (闽江“清四乱”攻坚战)
        return ""

    def _attack_aliases(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        """…防治攻坚 is the …防治攻坚战 named without 战; …治理攻坚 a campaign itself."""
        for m in self._alias_attack.finditer(t):
            stem_end = m.start(1) + len(m.group(1))
            s = self._stem_start(t, stem_end, stops)
            stem = t[s:stem_end]
            if len(stem) <= len(m.group(1)) or not self._valid_stem(stem):
                continue
            name = stem + ("攻坚战" if m.group(1) == "防治" else "攻坚")
            yield _Cand(s, m.end(), name, source="alias")

    def _countdowns(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        for m in self._countdown.finditer(t):
            s = self._stem_start(t, m.start(), stops)
            stem = t[s:m.start()]
            if stem.endswith("攻坚战"):
                stem = stem[:-1]
            if self._valid_stem(stem):
                yield _Cand(s, m.end(), stem + m.group(), source="countdown")
            elif m.group(1) == "决战" and not stem:
                yield _Cand(m.start(), m.end(), m.group(), source="countdown")

    def _launched(self, t: str, stops: Sequence[tuple[int, int]]) -> Iterable[_Cand]:
        for m in self._launch.finditer(t):
            stem, head = m.group(1), m.group(2)
            if head == "攻坚" and stem.endswith(("防治", "治理", "整治")):
                continue  # _attack_aliases
            if head == "行动" and (len(stem) > 3 or self._action.search(stem + head)):
                continue  # long phrases are descriptions; 专项行动 etc. are found by _actions
            s = self._stem_start(t, m.end(1), stops)
            stem = t[s:m.end(1)]
            if self._valid_stem(stem):
                yield _Cand(s, m.end(), stem + head, source="launch")

    def _inspections(self, t: str) -> Iterable[_Cand]:
        for m in self._inspection.finditer(t):
            if self._insp_after.match(t, m.end()):
                continue
            if m.start() > 0 and t[m.start() - 1] == "、" and not m.group("ord"):
                continue  # 中央、省级环保督察: a generic reference to several levels
            if m.group("lvl") == "省" and m.start() > 0 and t[m.start() - 1] in "全本我该":
                continue
            name = m.group().replace("回头看", "“回头看”").replace("““", "“").replace("””", "”")
            yield _Cand(m.start(), m.end(), name, source="inspection")

    # -- main ------------------------------------------------------------------
    def find(self, text: str, stops: Sequence[tuple[int, int]] = ()) -> list[CampaignMention]:
        """Campaign mentions in ``text``; ``stops`` are spans (place names) that
        end a stem on the left."""
        t = pair_quotes(text)
        cands: list[_Cand] = []
        cands += self._battles(t, stops)
        cands += self._actions(t, stops)
        cands += self._quoted_names(t, stops)
        cands += self._attack_aliases(t, stops)
        cands += self._countdowns(t, stops)
        cands += self._launched(t, stops)
        cands += self._inspections(t)
        cands = self._rename(cands)
        cands = self._fold_prefixed(cands)
        cands += self._bare_reviews(t, cands)
        cands += self._bare_quotes(t, cands)
        cands = _dedupe(cands)
        out = []
        for c in sorted(cands, key=lambda c: (c.start, c.end)):
            written = text[c.start:c.end] if c.text is None else c.text
            out.append(CampaignMention(c.start, c.end, written, normalise_quotes(c.name)))
        return out

    def _rename(self, cands: list[_Cand]) -> list[_Cand]:
        """Fold the short forms of one document onto its long forms: X攻坚 → X攻坚战
        when both occur; 中央督察 → 中央环保督察 (the first full form written)."""
        names = {c.name for c in cands}
        out = []
        for c in cands:
            if c.name.endswith("攻坚") and c.name + "战" in names:
                c = _Cand(c.start, c.end, c.name + "战", c.text, c.source)
            elif c.name in self.lex.standalone_heads:
                # 此次百日攻坚行动 after VOCs综合治理百日攻坚行动: the one named in full
                full_names = [n for n in names if n != c.name and n.endswith(c.name)]
                if len(full_names) == 1:
                    c = _Cand(c.start, c.end, full_names[0], c.text, c.source)
            elif c.source == "action":
                # X专项整治 beside X专项整治三年行动: the short form of one campaign
                longer = next(
                    (n for n in names if n.startswith(c.name) and n[len(c.name):] in self._fold_heads),
                    None,
                )
                if longer:
                    c = _Cand(c.start, c.end, longer, c.text, c.source)
            out.append(c)
        full: dict[str, str] = {}
        for c in sorted(out, key=lambda c: c.start):
            if c.source == "inspection":
                key = self._insp_key(c.name)
                if key != c.name and key not in full.values():
                    full.setdefault(key, c.name)
        renamed = []
        for c in out:
            if c.source == "inspection":
                key = self._insp_key(c.name)
                if key in full and c.name != full[key]:
                    c = _Cand(c.start, c.end, full[key], c.text, c.source)
            renamed.append(c)
        return renamed

    def _fold_prefixed(self, cands: list[_Cand]) -> list[_Cand]:
        """河湖“清四乱” is an alias of 河湖“清四乱”专项行动 when both are written."""
        names = sorted({c.name for c in cands if c.source != "prefixed"}, key=len)
        out = []
        for c in cands:
            if c.source == "prefixed":
                longer = next((n for n in names if n.startswith(c.name) and n != c.name), None)
                if longer:
                    c = _Cand(c.start, c.end, longer, c.text, c.source)
            out.append(c)
        return out

    def _bare_reviews(self, t: str, cands: list[_Cand]) -> list[_Cand]:
        """督察“回头看” with no level before it: the round named in full elsewhere in
        the document, or, when none is, the name as written."""
        full = next((c.name for c in cands if c.source == "inspection" and "回头看" in c.name), None)
        out = []
        for m in _BARE_REVIEW.finditer(t):
            if any(c.start <= m.start() < c.end for c in cands):
                continue
            out.append(_Cand(m.start(), m.end(), full or m.group(), source="inspection"))
        return out

    def _insp_key(self, name: str) -> str:
        key = self._insp_topic.sub("", name)
        return re.sub(rf"^(?:第[{_CN_NUM}\d]+[轮批])+", "", key)

    def _bare_quotes(self, t: str, cands: list[_Cand]) -> list[_Cand]:
        """“三减三增” alone is an alias of “三减三增”三年行动 found in the same document."""
        by_quote: dict[str, str] = {}
        for c in cands:
            m = re.match(r"“([^”]+)”.", c.name)
            if m:
                by_quote.setdefault(m.group(1), c.name)
        if not by_quote:
            return []
        taken = [(c.start, c.end) for c in cands]
        extra = []
        for m in self._quoted.finditer(t):
            name = by_quote.get(m.group(1).strip())
            if name and not any(s <= m.start() < e for s, e in taken):
                extra.append(_Cand(m.start(), m.end(), name, source="bare"))
        return extra


def _dedupe(cands: list[_Cand]) -> list[_Cand]:
    """One candidate per span; of overlapping candidates with the same name, the longest."""
    keep: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        clash = False
        for k in keep:
            overlap = c.start < k.end and k.start < c.end
            if overlap and (k.name == c.name or (k.start, k.end) == (c.start, c.end)):
                clash = True
                break
            # an alias form inside a longer, different campaign (…攻坚 inside …攻坚行动)
            # and a countdown inside a quoted name (“决战N天”攻坚行动 holds 决战N天)
            if overlap and c.source in ("alias", "launch", "countdown") and k.start <= c.start \
                    and c.end <= k.end:
                clash = True
                break
        if not clash:
            keep.append(c)
    return keep


def _cn_int(s: str) -> int | None:
    """Value of a one-character count (三大 → 3)."""
    pos = "一二三四五六七八九十".find(s) if len(s) == 1 else -1
    return 2 if s == "两" else (pos + 1 if pos >= 0 else None)


class CampaignsComponent:
    """spaCy component: appends CampaignMention records to ``doc._.lt.campaigns``."""

    def __init__(self, finder: CampaignFinder) -> None:
        self.finder = finder

    def __call__(self, doc: Doc) -> Doc:
        ann = doc._.lt
        stops = [(p.start, p.end) for p in ann.places]
        found = self.finder.find(doc_text(doc), stops)
        ann.campaigns.extend(found)
        mirror_spans(doc, SPAN_KEY, ann.campaigns, SPAN_LABEL)
        return doc


@Language.factory("lt_campaigns", assigns=["doc.spans"], requires=[], default_config={})
def make_campaigns(nlp: Language, name: str) -> CampaignsComponent:
    """Build the component (reads kg/data/campaign_*.txt once)."""
    return CampaignsComponent(CampaignFinder(CampaignLexicon.load()))
