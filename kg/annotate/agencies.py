"""lt_agencies: government and Party bodies named in the text.

Chinese agency names are built from a small grammar rather than listed: an
optional 中共, a jurisdiction (绵阳市, or only its level 市 in 市委), and a
core — a government or Party head (委, 政府, 人大常委会), a department
stem with a suffix (生态环境 + 局, 水利 + 部), a national body (国务院) —
followed by any number of sub-bodies (水利部 + 河湖管理司 + 河湖长制工作处).
Named governance bodies (…领导小组, …指挥部) have a free phrase before
their suffix; it starts at the nearest clear boundary (成立, 的, a quote).
Every piece of vocabulary lives in ``kg/data/agency_*.txt``; this module
holds only the grammar, so a new department is a line in a data file.

Names are as written; the resolver completes bare forms (市委) with the
article's place, folds 中共 and 人民, and merges aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.records import AgencyMention, PlaceMention, doc_text, mirror_spans
from kg.annotate.words import is_word, tag
from kg.data import alternation, read_lines
from kg.errors import DataError

CJK = re.compile(r"[\u3400-\u9fff]")
# Characters that always end a free phrase (a named body's modifier).
PHRASE_BREAK = set("，,。；;：:！!？?、（）()【】[]《》<>〈〉「」『』\"'“”‘’ \t\r\n\u3000·—-…/|")
# Characters a ministry's sub-body name (种植业管理司) does not contain.
FREE_STOP = (
    "的了在是和与及等到对向为将把被从要也都就并或这那其之以于个们各该本我第年月日召开出席主持长署通报印发"
)
# Field units of a bureau (公安局 → 支队 → 大队 → 中队), named freely.
UNITS = "总队|支队|大队|中队"
FIELD_UNITS = ("支队", "大队", "中队")
# bureaus whose branches are named for a county alone (昌平分局)
BRANCH_PARENT_HEADS = ("生态环境局", "环境保护局", "环保局")
# heads of coordination bodies whose office may be written with the head alone
COORDINATION_HEADS = ("领导小组", "指挥部", "委员会")
UNIT_STOP = "的了在是和与及等到对向为将把被从要也都就并或这那其之以于个们各该本我第年月日长"
COORDINATORS = "和与及、"
ORDINAL = "第[一二三四五六七八九十百零〇0-9]+"
# Anaphoric or quantifying characters before a level character: 全市, 我县, 各区.
ANAPHOR_BEFORE_LEVEL = set("全我该本各两此其")


def _is_noun(text: str) -> bool:
    """True for a dictionary noun (洱海, 湿地), not a verb (加强)."""
    return is_word(text, 5) and tag(text).startswith("n")


def _modifier(text: str) -> bool:
    """True for a dictionary word that is not a verb (安全, 生产), so it may name
    a firm's department (安全环保部); 配合 or 会同 would start a new clause."""
    return is_word(text, 5) and not (tag(text) or "v").startswith(("v", "p", "c", "d"))


PLACE_TAGS = frozenset({"ns", "nr", "nrt", "nz"})


def is_place_word(text: str) -> bool:
    """True when jieba's dictionary knows ``text`` as a proper noun (绵阳市,
    江油市): the fallback for places the gazetteer step did not mark."""
    return is_word(text) and tag(text) in PLACE_TAGS


@dataclass(frozen=True)
class Suffix:
    text: str
    kinds: frozenset[str]
    block: str


@dataclass(frozen=True)
class AgencyLexicon:
    """Every word list the grammar uses (loaded once from ``kg/data``)."""

    levels: tuple[str, ...]
    heads: tuple[str, ...]
    party_heads: frozenset[str]
    bare_heads: tuple[str, ...]
    stems: tuple[str, ...]
    modifiers: tuple[str, ...]
    suffixes: tuple[Suffix, ...]
    national: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    inside: tuple[str, ...]
    start: tuple[str, ...]
    allow: tuple[str, ...]
    owner: tuple[str, ...]
    boundaries: tuple[str, ...]
    titles: tuple[str, ...]

    @classmethod
    def load(cls) -> AgencyLexicon:
        heads, party = [], set()
        for line in read_lines("agency_heads.txt"):
            parts = line.split()
            heads.append(parts[0])
            if "party" in parts[1:]:
                party.add(parts[0])
        suffixes = []
        for line in read_lines("agency_suffixes.txt"):
            parts = line.split()
            if len(parts) < 2:
                raise DataError(
                    f"agency_suffixes.txt: line {line!r} needs a suffix and its kinds (dept,sub,named)"
                )
            block = parts[2][1:] if len(parts) > 2 and parts[2].startswith("!") else ""
            suffixes.append(Suffix(parts[0], frozenset(parts[1].split(",")), block))
        keys = ("before", "after", "inside", "start", "allow", "owner")
        context: dict[str, list[str]] = {k: [] for k in keys}
        for line in read_lines("agency_context.txt"):
            key, _, word = line.partition(" ")
            if key not in context or not word.strip():
                raise DataError(
                    f"agency_context.txt: line {line!r} must be "
                    "'before|after|inside|start|allow|owner WORD'"
                )
            context[key].append(word.strip())
        return cls(
            levels=tuple(read_lines("agency_levels.txt")),
            heads=tuple(heads),
            party_heads=frozenset(party),
            bare_heads=tuple(read_lines("agency_bare_heads.txt")),
            stems=tuple(read_lines("agency_stems.txt")),
            modifiers=tuple(read_lines("agency_modifiers.txt")),
            suffixes=tuple(suffixes),
            national=tuple(read_lines("agency_national.txt")),
            before=tuple(context["before"]),
            after=tuple(context["after"]),
            inside=tuple(context["inside"]),
            start=tuple(context["start"]),
            allow=tuple(context["allow"]),
            owner=tuple(context["owner"]),
            boundaries=tuple(read_lines("agency_boundaries.txt")),
            titles=tuple(read_lines("titles.txt")),
        )


@lru_cache(maxsize=1)
def lexicon() -> AgencyLexicon:
    return AgencyLexicon.load()


def _suffix_alt(suffixes: list[Suffix]) -> str:
    parts = []
    for s in sorted(suffixes, key=lambda s: (-len(s.text), s.text)):
        block = f"(?![{re.escape(s.block)}])" if s.block else ""
        parts.append(f"{re.escape(s.text)}{block}")
    return "|".join(parts)


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str  # gov | dept | national | bare | named
    level: str | None = None
    place_text: str | None = None
    parent_end: int | None = None  # end of the enclosing body written before it
    synthetic: str = ""  # head shared from a listed body (碑林区 + 政府), appended to the name
    prefix: str = ""  # body the name is written under (县委 + 宣传部), prepended to the name


class AgencyFinder:
    """Find agency spans in a text with the grammar above (pure function of
    text + places, so it is testable without spaCy)."""

    def __init__(self, lex: AgencyLexicon | None = None) -> None:
        self.lex = lex or lexicon()
        lx = self.lex
        level = f"(?:{alternation(lx.levels)})"
        stem = f"(?:{alternation(lx.stems)})"
        word = f"(?:{alternation(list(lx.stems) + list(lx.modifiers))})"
        dept_suf = _suffix_alt([s for s in lx.suffixes if "dept" in s.kinds])
        sub_suf = _suffix_alt([s for s in lx.suffixes if "sub" in s.kinds])
        prefix = f"(?:中央|国家|{level}委{level}?政府|(?P<lv2>{level}))"
        self.level_re = re.compile(level)
        # a named body's phrase says what it governs: it holds a known word
        self.word_re = re.compile(word + "|生态|环境|污染|防治|保护|治理|攻坚|监督|督察|督查|发展|区|园")
        self.gov_re = re.compile(f"(?P<lv>{level})(?:{alternation(lx.heads)})(?![员])")
        # 生态环境局, 市环保局, 中央第三生态环境保护督察组, 省委第三巡视组 (a
        # prefix and an ordinal may stand for the stem)
        self.dept_re = re.compile(
            f"{prefix}?(?:{ORDINAL})?{stem}{word}{{0,4}}(?:{dept_suf})"
            f"|(?:中央|国家|{level}委{level}?政府|{level}委|{level})(?:{ORDINAL})(?:{dept_suf})"
        )
        self.sub_re = re.compile(f"{word}{{1,5}}(?:{sub_suf})|党组(?![书副成会])")
        # a ministry's departments and divisions have free names (种植业管理司)
        free = f"[^\\s{re.escape(FREE_STOP)}\\W\\d]"
        ministry_suf = _suffix_alt([s for s in lx.suffixes if s.text in ("司", "处", "局")])
        self.ministry_sub_re = re.compile(f"{free}{{2,8}}?(?:{ministry_suf})")
        # a bureau's branches are named after their district (…局岱山分局), and so
        # are its detachments and brigades (…公安局交通警察支队, …支队城关大队)
        unit = f"[^\\s{re.escape(UNIT_STOP)}\\W\\d]"  # 交通警察: 通 may stand here
        self.branch_re = re.compile(f"{free}{{2,4}}?分局|{unit}{{2,10}}?(?:{UNITS})")
        self.unit_re = re.compile(f"{unit}{{2,4}}?(?:{UNITS})")
        # a department named for what it manages, right after a place (某州
        # + 洱海 + 保护管理局): the free part must be a dictionary word
        self.anchored_re = re.compile(f"(?P<w>{free}{{2,3}}?){word}{{1,4}}(?:{dept_suf})")
        # a leading group's or committee's own office (…领导小组办公室)
        self.office_re = re.compile("办公室")
        self.national_re = re.compile(alternation(lx.national))
        self.bare_re = re.compile(f"(?:{alternation(lx.bare_heads)})")
        named = sorted((s for s in lx.suffixes if "named" in s.kinds), key=lambda s: -len(s.text))
        self.named_re = re.compile(_suffix_alt(named))
        self.title_re = re.compile(f"(?:{alternation(lx.titles)})(?![会])")

    # -- helpers -------------------------------------------------------------
    def _word_crossing(self, text: str, start: int, end: int) -> bool:
        """True when a dictionary word crosses the span's edge (集中办理 for 中办)."""
        left = text[start - 1 : start + 1] if start > 0 else ""
        right = text[end - 1 : end + 1] if end < len(text) else ""
        return (len(left) == 2 and is_word(left)) or (len(right) == 2 and is_word(right))

    def _place_before(
        self, text: str, pos: int, lv: str | None, places: list[PlaceMention]
    ) -> tuple[int, str] | None:
        """A place written right before a body: one ending at ``pos`` (绵阳 +
        生态环境局) or one whose own suffix is the body's level character
        (绵阳市 + 市委's 市). Falls back to jieba's dictionary of place names
        when the gazetteer step found none there."""
        for p in places:
            if p.end == pos and p.start < pos:
                return p.start, text[p.start : p.end]
            if lv and p.end == pos + len(lv) and p.start < pos and text[p.start : p.end].endswith(lv):
                return p.start, text[p.start : p.end]
        if lv:
            # a place named elsewhere in the article, written here too (向海东市委:
            # 海东市, not jieba's 东市)
            end = pos + len(lv)
            for name in sorted({p.text for p in places}, key=len, reverse=True):
                if name.endswith(lv) and len(name) > len(lv) and text.endswith(name, 0, end):
                    return end - len(name), name
            for k in (4, 3, 2, 1):
                s = pos - k
                if s < 0:
                    continue
                cand = text[s:end]
                if cand[0] in ANAPHOR_BEFORE_LEVEL or not all(CJK.match(c) for c in cand):
                    continue
                # 召开县委: a word crossing the left edge (召开) is no place's start
                if s > 0 and is_word(text[s - 1 : s + 1], 100) and not is_place_word(text[s - 1 : s + 1]):
                    continue
                if is_place_word(cand):
                    return s, cand
        return None

    def _outer_place(
        self, text: str, start: int, inner: str, places: list[PlaceMention]
    ) -> tuple[int, str] | None:
        """The enclosing place written right before a short form with no level
        suffix (南平市 + 建阳 + 生态环境局): the body is named with both, and
        serves the inner one (the resolver links a branch to its last place)."""
        if self.level_re.fullmatch(inner[-1]) or any(inner.endswith(lv) for lv in self.lex.levels):
            return None
        for p in places:
            if p.end == start and p.start < start and any(p.text.endswith(lv) for lv in self.lex.levels):
                return p.start, text[p.start : p.end]
        return None

    def _generic_before(self, text: str, start: int) -> bool:
        head = text[max(0, start - 6) : start]
        if any(head.endswith(w) for w in self.lex.before):
            return not any(head.endswith(w) for w in self.lex.allow)
        # 乡镇党委, 市县环保局: a bare form's level character after another one
        if start > 0 and self.level_re.match(text, start) and self.level_re.fullmatch(text[start - 1]):
            return True
        return False

    def _owned(self, text: str, start: int) -> bool:
        """True when an enterprise is written just before, in the same phrase
        (某某公司安全环保部): the match is the firm's own department, not a ministry."""
        for w in self.lex.owner:
            for gap in range(0, 3):  # 公司 + 安全 + 环保部; not 公司 + 配合 + 生态环境局
                s = start - gap - len(w)
                if s >= 0 and text.startswith(w, s) and (gap == 0 or _modifier(text[s + len(w) : start])):
                    return True
        return False

    def _generic_after(self, text: str, end: int) -> bool:
        tail = text[end : end + 4]
        if self.title_re.match(text, end):  # 某部 + 新闻发言人: a post, not a newspaper
            return False
        return any(tail.startswith(w) for w in self.lex.after)

    def _subs(self, text: str, end: int) -> list[int]:
        """Ends of the sub-bodies written right after a body (司, 处, 室…)."""
        ends = []
        while True:
            m = self.sub_re.match(text, end)
            if not m and text[end - 1 : end] in ("部", "司", "厅"):
                m = self.ministry_sub_re.match(text, end)
            if not m and text[end - 1 : end] == "局":
                m = self.branch_re.match(text, end)
            if not m and text.endswith(("总队", "支队", "大队"), 0, end):
                m = self.unit_re.match(text, end)
            if not m and text.endswith(("小组", "委员会", "指挥部"), 0, end):
                m = self.office_re.match(text, end)
            if not m:
                return ends
            end = m.end()
            ends.append(end)

    def _named_start(self, text: str, suffix_start: int) -> int | None:
        """Left edge of a named body's free phrase, or None when there is no
        clear boundary within reach."""
        lo = max(0, suffix_start - 40)
        i = suffix_start
        while i > lo:
            if text[i - 1] in PHRASE_BREAK:
                return i
            for w in self.lex.boundaries:
                if text.endswith(w, 0, i):
                    return i
            i -= 1
        return 0 if i == 0 else None

    def _after_listed_body(self, text: str, start: int, end: int) -> int:
        """Where a named body's phrase starts when a whole body and a conjunction
        come first (莲湖区政府和某某新区管委会: the phrase is 某某新区)."""
        for rx in (self.gov_re, self.dept_re):
            for m in rx.finditer(text, start, end):
                if m.end() < end and text[m.end()] in COORDINATORS:
                    start = max(start, m.end() + 1)
        return start

    def _ellipsis(self, text: str, chosen: list[_Candidate], places: list[PlaceMention]) -> list[_Candidate]:
        """新城区、碑林区、莲湖区政府: places listed before a body written once share
        its head, so each place has its own body (新城区政府, 碑林区政府…). Only
        places of the same level (their last character) are taken."""
        by_end = {p.end: p for p in places}
        out: list[_Candidate] = []
        for c in chosen:
            if c.kind not in ("gov", "dept") or not c.place_text or c.parent_end:
                continue
            head = text[c.start + len(c.place_text) : c.end]
            level = c.place_text[-1]
            pos = c.start
            while pos > 0 and text[pos - 1] == "、" and (p := by_end.get(pos - 1)) is not None:
                if not p.text.endswith(level) or not self.level_re.fullmatch(level):
                    break
                out.append(_Candidate(p.start, p.end, c.kind, None, p.text, synthetic=head))
                pos = p.start
        return out

    def _chained_bodies(self, text: str, chosen: list[_Candidate]) -> list[_Candidate]:
        """A body written without its owner in a title chain after the owner's post
        (区委常委、宣传部部长; 某某街道党工委副书记、办事处主任): the 部 is the
        committee's (区委宣传部), the 办事处/政府 the same place's (某某街道办事处).
        Fixes the chosen bare 部 in place; returns the new 办事处-type bodies."""
        starts = {c.start: c for c in chosen}
        heads = [h for h in self.lex.heads if h not in self.lex.party_heads]
        new: list[_Candidate] = []
        for a in chosen:
            if not (a.place_text or a.level) or a.parent_end:
                continue
            t = self.title_re.match(text, a.end)
            if not t or text[t.end() : t.end() + 1] != "、":
                continue
            pos = t.end() + 1
            b = starts.get(pos)
            owner = text[a.start : a.end]
            if b is not None:
                if (
                    not b.place_text and not b.level and b.kind == "dept" and owner.endswith("委")
                    and text[b.end - 1] == "部" and self.title_re.match(text, b.end)
                ):
                    b.prefix, b.place_text, b.level = owner, a.place_text, a.level
                continue
            for h in sorted(heads, key=len, reverse=True):
                if text.startswith(h, pos) and self.title_re.match(text, pos + len(h)):
                    where = a.place_text or a.level or ""
                    new.append(_Candidate(pos, pos + len(h), "gov", a.level, a.place_text, prefix=where))
                    break
        return new

    def _bare_branches(
        self, text: str, chosen: list[_Candidate], places: list[PlaceMention]
    ) -> list[_Candidate]:
        """某某分局 written alone, named for a county (昌平分局、顺义分局), in an
        article that names the prefecture's bureau (某市生态环境局) anywhere: the
        branch is that bureau's (市生态环境局 + 某某分局). The county must lie in
        the bureau's prefecture, and the bureau must be the only such one."""
        taken = [False] * (len(text) + 1)
        for c in chosen:
            for i in range(c.start, c.end):
                taken[i] = True
        place_at = {p.start: p for p in places}
        bureaus: dict[str, _Candidate] = {}
        for c in chosen:
            if c.kind != "dept" or c.parent_end or not text.endswith(BRANCH_PARENT_HEADS, 0, c.end):
                continue
            p = place_at.get(c.start) if c.place_text else None
            if p is not None and p.adcode and p.level == "prefecture":
                bureaus[p.adcode + text[c.start + len(c.place_text) : c.end]] = c
        out: list[_Candidate] = []
        for p in places:
            e = p.end
            if not text.startswith("分局", e) or any(taken[p.start : e + 2]) or not p.parent:
                continue
            found = [(k, c) for k, c in bureaus.items() if k.startswith(p.parent)]
            if len(found) != 1:
                continue
            head, c = found[0][0][len(p.parent) :], found[0][1]
            level = c.place_text[-1] if c.place_text and c.place_text[-1] in "市州盟" else None
            if level is None:
                continue
            out.append(_Candidate(p.start, e + 2, "dept", level, None, prefix=level + head))
        return out

    def _bare_offices(self, text: str, chosen: list[_Candidate]) -> list[_Candidate]:
        """…成立某某工作领导小组，领导小组办公室设在…: the office written with the
        group's head alone is the office of the last such group named before it."""
        taken = [False] * (len(text) + 1)
        for c in chosen:
            for i in range(c.start, c.end):
                taken[i] = True
        out: list[_Candidate] = []
        for head in COORDINATION_HEADS:
            bare = head + "办公室"
            for m in re.finditer(bare, text):
                s, e = m.start(), m.end()
                if any(taken[s:e]) or (s > 0 and CJK.match(text[s - 1])):
                    continue
                groups = [
                    c for c in chosen if c.end <= s and text.endswith(head, 0, c.end) and not c.synthetic
                ]
                if not groups:
                    continue
                g = max(groups, key=lambda c: c.end)
                owner = text[g.start : g.end - len(head)]
                if not owner:
                    continue
                out.append(_Candidate(s, e, g.kind, g.level, g.place_text, prefix=g.prefix + owner))
        return out

    # -- main ----------------------------------------------------------------
    def find(self, text: str, places: list[PlaceMention] | None = None) -> list[AgencyMention]:
        places = places or []
        cands: list[_Candidate] = []
        for m in self.gov_re.finditer(text):
            lv = m.group("lv")
            cands.append(_Candidate(m.start(), m.end(), "gov", level=lv))
        for m in self.dept_re.finditer(text):
            lv = m.group("lv2")
            cands.append(_Candidate(m.start(), m.end(), "dept", level=lv))
        place_starts = {p.start for p in places}
        for p in places:
            m = None if p.end in place_starts else self.anchored_re.match(text, p.end)
            if (
                m
                and _is_noun(m.group("w"))
                and not self.level_re.match(text, m.end("w"))
                and not is_word(m.group("w") + text[m.end("w")], 5)
            ):
                cands.append(_Candidate(p.end, m.end(), "dept"))
        for m in self.national_re.finditer(text):
            if len(m.group()) <= 2 and self._word_crossing(text, m.start(), m.end()):
                continue
            cands.append(_Candidate(m.start(), m.end(), "national"))
        for m in self.bare_re.finditer(text):
            cands.append(_Candidate(m.start(), m.end(), "bare"))
        for m in self.named_re.finditer(text):
            s = self._named_start(text, m.start())
            if s is None:
                continue
            while s < m.start() and text[s] in "“\"‘'「『":
                s += 1
            s = self._after_listed_body(text, s, m.start())
            phrase = text[s : m.start()]
            shortest = 2 if m.group() == "管委会" else 4  # 高新区管委会
            if len(phrase) < shortest or any(w in phrase for w in self.lex.inside):
                continue
            if self.named_re.search(phrase) or not self.word_re.search(phrase):
                continue
            if any(phrase.startswith(w) for w in self.lex.start):
                continue
            if not all(CJK.match(c) or c.isalnum() for c in phrase):
                continue
            cands.append(_Candidate(s, m.end(), "named"))

        # jurisdiction written before the body
        for c in cands:
            if c.kind in ("gov", "dept"):
                found = self._place_before(text, c.start, c.level, places)
                if found:
                    c.start, c.place_text = found
                    c.level = None
                    outer = self._outer_place(text, c.start, c.place_text, places)
                    if outer:  # 南平市建阳生态环境局: the city's name is part of the body's
                        c.start, c.place_text = outer
            elif c.kind == "named":
                # 南阳市卧龙区…办公室: the jurisdiction is the last of the places
                # written in a row at the start; the name starts there
                starts = {p.start: p for p in places}
                chained = None
                while c.start in starts and starts[c.start].end < c.end:
                    chained = starts[c.start]
                    if chained.end not in starts:
                        break
                    c.start = chained.end
                if chained is not None:
                    c.start = chained.start
                    c.place_text = text[chained.start : chained.end]
                else:
                    lvm = self.level_re.match(text, c.start)
                    if lvm and lvm.end() < c.end:
                        c.level = lvm.group()
            if c.kind in ("gov", "dept") and text.endswith("中共", 0, c.start):
                c.start -= 2
        cands = [c for c in cands if c.kind != "gov" or c.level or c.place_text]
        cands = [
            c
            for c in cands
            if c.kind not in ("national", "dept") or c.level or c.place_text or not self._owned(text, c.start)
        ]

        # sub-bodies: extend, remembering each enclosing body
        extended: list[_Candidate] = []
        for c in cands:
            extended.append(c)
            for end in self._subs(text, c.end):
                extended.append(
                    _Candidate(c.start, end, c.kind, c.level, c.place_text, parent_end=extended[-1].end)
                )
        # longest wins; nested enclosing bodies (same start, parents) are kept
        extended.sort(key=lambda c: (-(c.end - c.start), c.start))
        chosen: list[_Candidate] = []
        taken = [False] * (len(text) + 1)
        for c in extended:
            if any(taken[c.start : c.end]):
                continue
            if self._generic_before(text, c.start) or self._generic_after(text, c.end):
                continue
            if _inside_book_title(text, c.start):
                continue
            chosen.append(c)
            for i in range(c.start, c.end):
                taken[i] = True
        # enclosing bodies of the chosen ones (水利部 in 生态环境部大气环境司)
        by_span = {(c.start, c.end): c for c in extended}
        parents = []
        for c in chosen:
            field_unit = text.endswith(FIELD_UNITS, 0, c.end)
            pe = c.parent_end
            while pe is not None:
                p = by_span.get((c.start, pe))
                if p is None:
                    break
                if field_unit and text.endswith(FIELD_UNITS, 0, pe):
                    break  # …支队城关大队: a brigade's detachment is not an actor; the bureau
                    # that a detachment is written under (市公安局…支队) is
                parents.append(p)
                pe = p.parent_end
        chosen.extend(parents)
        # enclosing bodies first (水利部 before 生态环境部大气环境司): a reader can link
        # each body to a parent it has already seen
        chosen.extend(self._ellipsis(text, chosen, places))
        chosen.extend(self._chained_bodies(text, chosen))
        chosen.extend(self._bare_branches(text, chosen, places))
        chosen.extend(self._bare_offices(text, chosen))
        chosen.sort(key=lambda c: (c.start, c.end))
        self._coordinate(text, chosen)
        out = []
        for c in chosen:
            name = text[c.start : c.end]
            parent = text[c.start : c.parent_end] if c.parent_end else None
            out.append(
                AgencyMention(
                    start=c.start,
                    end=c.end,
                    text=name,
                    name=re.sub(r"\s+", "", c.prefix + name + c.synthetic),
                    place_text=c.place_text,
                    level=None if c.place_text else c.level,
                    parent=parent,
                    in_title=not c.synthetic and bool(self.title_re.match(text, c.end)),
                )
            )
        return _expand_abbreviations(out)

    def _coordinate(self, text: str, chosen: list[_Candidate]) -> None:
        """江油市委、市政府: the second body shares the first one's place."""
        for a, b in zip(chosen, chosen[1:], strict=False):
            if (
                a.place_text
                and not b.place_text
                and b.level
                and a.place_text.endswith(b.level)
                and text[a.end : b.start] in ("、", "和", "与", "及")
            ):
                b.place_text = a.place_text
                if not b.prefix and text.startswith(b.level, b.start):
                    # 宝鸡市委、市政府 -> 宝鸡市政府: the level word is the jurisdiction's own
                    # suffix, so it is not written twice (宝鸡市市政府).
                    b.prefix = a.place_text[: -len(b.level)]


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[tuple[str, str], ...]:
    pairs = []
    for ln in read_lines("agency_abbreviations.txt"):
        short, _, full = ln.partition("\t")
        if not full:
            raise DataError(f"agency_abbreviations.txt: {ln!r} needs a short form, a tab and the full form")
        pairs.append((short, full.strip()))
    return tuple(pairs)


def _expand_abbreviations(found: list[AgencyMention]) -> list[AgencyMention]:
    """县城管执法局 after 某县城市管理执法局: the short form names the same body,
    so it takes the full form's wording (same jurisdiction or level)."""

    def rest(a: AgencyMention) -> str:
        where = a.place_text or a.level or ""
        return a.name[len(where) :] if where and a.name.startswith(where) else a.name

    full_rests = {(rest(a), (a.place_text or a.level or "")[-1:]) for a in found}
    out = []
    for a in found:
        r = rest(a)
        lv = (a.place_text or a.level or "")[-1:]
        for short, full in _abbreviations():
            if short in r and full not in r and (r.replace(short, full, 1), lv) in full_rests:
                a = replace(a, name=a.name[: len(a.name) - len(r)] + r.replace(short, full, 1))
                break
        out.append(a)
    return out


def _inside_book_title(text: str, pos: int) -> bool:
    """True inside 《…》 (a document's title names its issuer, not an actor)."""
    left = text.rfind("《", 0, pos)
    if left < 0:
        return False
    right = text.rfind("》", 0, pos)
    return right < left and text.find("》", pos) >= 0


@Language.factory(
    "lt_agencies",
    assigns=["doc._.lt"],
    requires=["doc._.lt"],
    default_config={"span_key": "agencies"},
)
def make_agencies(nlp: Language, name: str, span_key: str) -> AgenciesComponent:
    return AgenciesComponent(span_key=span_key)


class AgenciesComponent:
    """Append AgencyMention records to ``doc._.lt.agencies`` (places, if the
    lt_places step ran, give the jurisdiction's exact extent)."""

    def __init__(self, span_key: str = "agencies") -> None:
        self.span_key = span_key
        self.finder = AgencyFinder()

    def __call__(self, doc: Doc) -> Doc:
        ann = doc._.lt
        found = self.finder.find(doc_text(doc), list(ann.places))
        ann.agencies.extend(found)
        mirror_spans(doc, self.span_key, ann.agencies, "AGENCY")
        return doc
