"""lt_officials: named officials and the titles written next to them.

There is no list of given names: a name is a surname from
``kg/data/surnames.txt`` plus one or two characters, and it is only taken
where something anchors it — a title chain right before it (县委副书记、县长
张某), a title right after it (习近平总书记), an enumeration after an anchored
name (副县长卜某、司某), a "X领导" list (县领导王某、李某), a byline whose
author states a post (◆张某 … 作者系…副局长), or a speaker at the start of a
clause (楼某某强调). The name must end where the text says so: at
punctuation, at a word from ``official_boundaries.txt`` (主持, 强调, 等…),
or, failing that, where jieba's dictionary says a word starts. A boundary
of one character does not end a name when a common verb starts one
character earlier (李某|陪同, not 李某陪|同), and the split whose remainder
starts the more frequent word wins (皇甫某某|接受).

Titles are split at 、 and keep their level: 县委 + 书记 → 县委书记; the body
is the agency lt_agencies found right before the role (so this component
runs after it), carried over the enumeration for department posts
(党组书记、局长: both of 绵阳市生态环境局) but not for government leaders
(县委书记、县长: 县长 names no body). Reporters, editors and authors of
bylines (记者 X, 编校:X) are never officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.agencies import CJK, lexicon
from kg.annotate.records import AgencyMention, OfficialMention, PlaceMention, Title, doc_text, mirror_spans
from kg.annotate.words import freq as _freq
from kg.annotate.words import is_word
from kg.annotate.words import tag as _tag
from kg.data import alternation, read_lines

PUNCT_END = set("、，,。；;：:！!？?）)】]」』”\"’'《》〈〉<>·…—-/|\n\r\t \u3000\u00a0")
SPACES = " \u3000\u00a0"
NAME_DOTS = "·•・‧"  # between the parts of a transliterated name
LEADING_VERBS = ("牵头", "带头", "带队", "率队", "一行")
LISTED_NAME_STOP = frozenset("的了和与及等各该有关部门单位负责同志们人员长书记主任")
CLAUSE_START = set("。！!？?；;\n，,：:")
LEVEL_CHARS = "省市县区州盟旗镇乡"
LEADER_ROLE = re.compile(f"^(?:常务|代)?副?(?:[{LEVEL_CHARS}])长$")
PARTY_ROLE = re.compile(f"^([{LEVEL_CHARS}])(?:委|党委|党工委)(?:书记|副书记|常委|委员)$")
DEPT_OFFICES = "局厅处科司部所站院队"
# jieba tags of words that follow a name rather than end it (verbs,
# prepositions, adverbs, conjunctions) and how common such a word must be
VERB_TAGS = frozenset("vpdc")
VERB_MIN_FREQ = 100
# single characters a name written before its title may follow (在, 由…的王某县长)
NAME_LEFT_EDGES = ("在", "由", "和", "与", "及", "对", "向", "据", "经", "的")
BYLINE_MARKS = "◆◇■□●○▲△★☆※♦"
# Party/people's-congress roles written with their body (县委 + 书记).
PARTY_BODY_ROLES = frozenset(
    {
        "书记",
        "副书记",
        "第一书记",
        "专职副书记",
        "常委",
        "委员",
        "主任",
        "副主任",
        "常务副主任",
        "主席",
        "副主席",
        "秘书长",
        "副秘书长",
    }
)


# Roles that keep their (bare) body like a Party role does (市政府秘书长, 办事处主任):
# the body is the post's level, not a department.
LEVEL_KEPT_ROLES = {
    "政府": frozenset({"秘书长", "副秘书长"}),
    "人民政府": frozenset({"秘书长", "副秘书长"}),
    "办事处": frozenset({"主任", "副主任"}),
    "委办": frozenset({"主任", "副主任", "常务副主任"}),  # 县委办主任: the Party committee's office
}


def _with_body(titles: tuple[Title, ...], body: AgencyMention) -> tuple[Title, ...]:
    """Give ``body`` to the titles that name none of their own (局长, 主任 — not
    县长 or 市委书记, which carry their level)."""
    return tuple(
        Title(role=t.role, raw=t.raw, body=body.name, place_text=body.place_text or body.level)
        if _role_level(t.role) is None and not LEADER_ROLE.match(t.role)
        else t
        for t in titles
    )


def _head(agency: AgencyMention) -> str:
    """The body's name with its jurisdiction removed and its level kept
    (锦州市河长制办公室 → 市河长制办公室, 中共某县委 → 县委)."""
    head = agency.name[2:] if agency.name.startswith("中共") else agency.name
    if agency.place_text and head.startswith(agency.place_text):
        lv = agency.place_text[-1] if agency.place_text[-1] in LEVEL_CHARS else ""
        head = lv + head[len(agency.place_text) :]
    return head


def _overlaps(n: _Name, found: dict[tuple[int, int], OfficialMention]) -> bool:
    """A name read before a role that cuts into a name already found
    (市委书记王建华任组长: 华任 is no name)."""
    return any(s < n.end and n.start < e and (s, e) != (n.start, n.end) for s, e in found)


@dataclass(frozen=True)
class OfficialLexicon:
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: tuple[str, ...]
    stopchars: frozenset[str]
    boundaries: tuple[str, ...]
    reporter_cues: tuple[str, ...]
    leader_cues: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    meeting_verbs: tuple[str, ...]
    chain_bodies: tuple[str, ...] = ()
    water_suffixes: str = ""

    @classmethod
    def load(cls) -> OfficialLexicon:
        names = read_lines("surnames.txt")
        return cls(
            surnames=frozenset(n for n in names if len(n) == 1),
            compound_surnames=frozenset(n for n in names if len(n) == 2),
            titles=tuple(read_lines("titles.txt")),
            stopchars=frozenset(read_lines("official_stopchars.txt")),
            boundaries=tuple(sorted(read_lines("official_boundaries.txt"), key=len, reverse=True)),
            reporter_cues=tuple(sorted(read_lines("official_reporter_cues.txt"), key=len, reverse=True)),
            leader_cues=tuple(read_lines("official_leader_cues.txt")),
            speech_verbs=tuple(read_lines("official_speech_verbs.txt")),
            meeting_verbs=tuple(read_lines("official_meeting_verbs.txt")),
            chain_bodies=tuple(read_lines("official_chain_bodies.txt")),
            water_suffixes="".join(read_lines("official_water_suffixes.txt")),
        )


@lru_cache(maxsize=1)
def official_lexicon() -> OfficialLexicon:
    return OfficialLexicon.load()


@dataclass
class _Name:
    start: int
    end: int
    name: str


@dataclass
class _Role:
    start: int  # start of the element (place or agency before the role, if any)
    role_start: int
    end: int
    title: Title
    agency: AgencyMention | None


class OfficialFinder:
    """Find officials in a text, given the agencies and places found before."""

    def __init__(self, lex: OfficialLexicon | None = None, repeat_mentions: bool = False) -> None:
        self.lex = lex or official_lexicon()
        self.repeat_mentions = repeat_mentions
        self._speech_re = re.compile(alternation(self.lex.speech_verbs) or "(?!)")
        self.role_re = re.compile(f"(?:{alternation(self.lex.titles)})(?![会制台])")
        self.party_heads = lexicon().party_heads
        levels = "|".join(re.escape(x) for x in lexicon().levels)
        cues = alternation(self.lex.leader_cues)
        self.leader_re = re.compile(f"(?:该|本|我|全)?(?P<lv>{levels})(?:{cues})")
        self.byline_re = re.compile(
            f"^[ \\t\u3000]*[{BYLINE_MARKS}]?[ \\t\u3000]*"
            f"(?P<n>[\u3400-\u9fff](?:[ \u3000]{{1,2}}[\u3400-\u9fff]|[\u3400-\u9fff]{{1,3}}))[ \\t\u3000]*$",
            re.M,
        )

    # -- names -----------------------------------------------------------------
    def _bounded(self, text: str, pos: int) -> bool:
        if pos >= len(text) or text[pos] in PUNCT_END:
            return True
        if any(text.startswith(w, pos) for w in self.lex.boundaries):
            return True
        if any(text.startswith(w, pos) for w in self.lex.speech_verbs):
            return True
        return bool(self.role_re.match(text, pos))

    def _given_ok(self, text: str, start: int, end: int) -> bool:
        chunk = text[start:end]
        if not chunk or any(not CJK.match(c) or c in self.lex.stopchars for c in chunk):
            return False
        return not self.role_re.match(text, start)

    def _surname_at(self, text: str, i: int) -> int:
        """Length of the surname starting at ``i`` (2 for 欧阳), 0 if none."""
        if text[i : i + 2] in self.lex.compound_surnames:
            return 2
        if i < len(text) and text[i] in self.lex.surnames:
            return 1
        return 0

    def name_at(self, text: str, i: int, strict: bool = False) -> _Name | None:
        n = self._name_at(text, i, strict)
        if n is None:
            return None
        dotted = self._dotted(text, n)
        if dotted is not n:
            return dotted  # 艾尔肯·吐尔逊: a transliterated name, never a dictionary word
        sl = self._surname_at(text, i)
        if _common_word(n.name[: sl + 1]) or (len(n.name) > sl + 1 and _common_word(n.name, 20)):
            return None
        if len(n.name) == sl + 1 and is_word(n.name, 300):  # 周密(部署), 高度(重视)
            # 副区长李娜主持: a dictionary person name right after a title and
            # ended by a speech verb or punctuation is still a name
            anchored = self._after_title(text, i) and self._said_end(text, n.end)
            if not (_tag(n.name).startswith("nr") and anchored):
                return None
        # 包保责|任制: the last character starts a word the text goes on with
        cross = text[n.end - 1 : n.end + 1]
        if n.end - n.start == len(n.name) and _common_word(cross, 500) and _tag(cross)[:1] in "nv":
            if not self._clear_end(text, n.end):
                return None
        return n

    def _dotted(self, text: str, n: _Name) -> _Name:
        """``n`` extended over the parts of a transliterated name written with
        middle dots (巴特尔·乌力吉, 阿不都·热合曼·买买提), each part 2–6
        characters and the last one ended like any name; ``n`` itself when no
        dot follows. Dots are written ·, whatever the text used."""
        end = n.end
        while end < len(text) and text[end] in NAME_DOTS:
            k = end + 1
            j = k
            while j < len(text) and j - k < 6 and CJK.match(text[j]) and text[j] not in NAME_DOTS:
                j += 1
            # the shortest part that something ends (吐尔逊|表示, not 吐尔逊表示)
            ends = (e for e in range(k + 2, j + 1) if self._bounded(text, e) or text[e] in NAME_DOTS)
            part_end = next(ends, None)
            if part_end is None:
                break
            end = part_end
        if end == n.end:
            return n
        name = "".join("·" if ch in NAME_DOTS else ch for ch in text[n.start:end] if ch not in SPACES)
        return _Name(n.start, end, name)

    def _long_name(self, text: str, i: int, j: int) -> bool:
        """A four-character name (surname + three, as Yi and Tibetan names are
        written) only where a title comes right before it and a speech verb or
        punctuation right after, and no dictionary word hides in it."""
        if j + 3 > len(text) or not self._given_ok(text, j, j + 3):
            return False
        if not (self._after_title(text, i) and self._said_end(text, j + 3)):
            return False
        return not any(_freq(text[k : k + 2]) >= VERB_MIN_FREQ for k in range(i, j + 2))

    def _said_end(self, text: str, pos: int) -> bool:
        """Punctuation, a speech verb or a meeting verb at ``pos`` (not a
        boundary such as 部署, which also follows adverbs: 周密部署)."""
        if pos >= len(text) or text[pos] in PUNCT_END:
            return True
        return any(text.startswith(w, pos) for w in self.lex.speech_verbs + self.lex.meeting_verbs)

    def _after_title(self, text: str, i: int) -> bool:
        """True when a title from the lexicon ends right at ``i``."""
        return any(text.endswith(t, 0, i) for t in self.lex.titles)

    def _name_at(self, text: str, i: int, strict: bool = False) -> _Name | None:
        """A person's name starting at ``i``, ended by the text. ``strict``
        (lists, repeats) wants a clear end; otherwise (right after a title)
        jieba's dictionary decides between one and two given characters."""
        sl = self._surname_at(text, i)
        if not sl:
            return None
        j = i + sl
        # spaced names, set to a fixed width: 李 海, 黄 海燕, 欧阳 丽华
        if j < len(text) and text[j] in SPACES:
            surname = text[i:j]
            k = j
            while k < len(text) and text[k] in SPACES and k - j < 3:
                k += 1
            if k < len(text) and self._given_ok(text, k, k + 1) and self._bounded(text, k + 1):
                if k + 1 >= len(text) or text[k + 1] not in SPACES or not self._given_ok(text, k + 2, k + 3):
                    return _Name(i, k + 1, surname + text[k])
                if self._bounded(text, k + 3) and (k + 3 >= len(text) or text[k + 3] not in SPACES):
                    # 钱 立 波: every character set apart
                    return _Name(i, k + 3, surname + text[k] + text[k + 2])
            if (
                k - j == 1
                and self._given_ok(text, k, k + 2)
                and len(text) >= k + 2
                and (self._bounded(text, k + 2) or _freq(text[k + 2 : k + 4]) >= VERB_MIN_FREQ)
                and not self._verb_at(text, k + 1)
            ):
                return _Name(i, k + 2, surname + text[k : k + 2])
            return None
        two = self._given_ok(text, j, j + 2) and len(text) >= j + 2
        one = self._given_ok(text, j, j + 1)
        if two and self._bounded(text, j + 2):
            # 李军陪同, 刘斌受到: a verb starts on the second given character
            # and only a one-character word ends the longer reading
            if not (one and self._verb_at(text, j + 1) and not self._clear_end(text, j + 2)):
                return _Name(i, j + 2, text[i : j + 2])
        if one and self._bounded(text, j + 1):
            return _Name(i, j + 1, text[i : j + 1])
        if strict:
            return None
        if sl == 1 and self._long_name(text, i, j):
            return _Name(i, j + 3, text[i : j + 3])  # 局长阿西木呷表示: a Yi or Tibetan name
        if one and not two and j + 1 < len(text) and text[j + 1] in self.lex.stopchars:
            return _Name(i, j + 1, text[i : j + 1])  # 曹某以…方式: a function character ends it
        if two:
            # the split whose remainder starts the more frequent word:
            # 皇甫立新|接受 rather than 皇甫立|新接
            if _freq(text[j + 1 : j + 3]) > max(_freq(text[j + 2 : j + 4]), _freq(text[j + 2 : j + 5])):
                return _Name(i, j + 1, text[i : j + 1])
            return _Name(i, j + 2, text[i : j + 2])
        return None

    def _verb_at(self, text: str, pos: int) -> bool:
        """True when a common verb, preposition or adverb of two or three
        characters starts at ``pos`` (陪同, 受到, 接受): jieba's dictionary
        and tags decide, not a list."""
        for n in (2, 3):
            w = text[pos : pos + n]
            if len(w) == n and _freq(w) >= VERB_MIN_FREQ and _tag(w)[:1] in VERB_TAGS:
                return True
        return False

    def _clear_end(self, text: str, pos: int) -> bool:
        """A name ending at ``pos`` is ended by punctuation, a title or a
        boundary word of two or more characters (not a lone 同, 到)."""
        if pos >= len(text) or text[pos] in PUNCT_END:
            return True
        if any(len(w) > 1 and text.startswith(w, pos) for w in self.lex.boundaries):
            return True
        if any(text.startswith(w, pos) for w in self.lex.speech_verbs):
            return True
        return bool(self.role_re.match(text, pos))

    # -- titles ----------------------------------------------------------------
    def _roles(
        self, text: str, agencies: list[AgencyMention], places: list[PlaceMention], excluded: list[bool]
    ) -> list[_Role]:
        covered = [False] * (len(text) + 1)
        for a in agencies:
            for k in range(a.start, a.end):
                covered[k] = True
        ag_by_end: dict[int, AgencyMention] = {}
        for a in agencies:
            if a.end not in ag_by_end or a.start < ag_by_end[a.end].start:
                ag_by_end[a.end] = a
        pl_by_end = {p.end: p for p in places}
        roles, i = [], 0
        search = self.role_re.search
        # A title is tried at each position left to right, outside bodies and
        # excluded stretches; search() skips the positions where none starts.
        while (m := search(text, i)) is not None:
            if covered[m.start()] or excluded[m.start()]:
                i = m.start() + 1
                continue
            i = m.end()
            if any(text.endswith(v, 0, m.start()) for v in self.lex.meeting_verbs):
                continue
            agency = ag_by_end.get(m.start())
            start = agency.start if agency else m.start()
            role = m.group()
            lead = self._level_lead(text, m.start(), covered, pl_by_end) if agency is None else 0
            if lead:  # 、区总河长, 、区级河长: the level stays with the role
                role = text[m.start() - lead : m.start()] + role
                start = m.start() - lead
            place = None
            if agency is None and not lead and m.start() in pl_by_end:
                place = pl_by_end[m.start()]
                start = place.start
            roles.append(
                _Role(
                    start,
                    m.start(),
                    m.end(),
                    self._title(text, role, agency, place, agencies, start),
                    agency,
                )
            )
        return roles

    @staticmethod
    def _level_lead(text: str, pos: int, covered: list[bool], pl_by_end: dict) -> int:
        """Length of a bare level written before a role (区 in 区总河长, 区级 in
        区级河长) that starts the chain item: right after 、, a clause mark or the
        text's start, and not part of a place or a body. 0 when there is none."""
        for lead in (2, 1):
            s = pos - lead
            if s < 0 or any(covered[s:pos]) or pos in pl_by_end:
                continue
            written = text[s:pos]
            if written[0] not in LEVEL_CHARS or (lead == 2 and written[1] != "级"):
                continue
            if s == 0 or text[s - 1] in PUNCT_END or text[s - 1] in CLAUSE_START:
                return lead
        return 0

    def _title(
        self,
        text: str,
        role: str,
        agency: AgencyMention | None,
        place: PlaceMention | None,
        agencies: list[AgencyMention],
        start: int,
    ) -> Title:
        if agency is not None:
            raw = text[agency.start : agency.end] + role
            place_text = agency.place_text
            if place_text is None and agency.level:
                place_text = self._place_from_sentence(text, agency, agencies) or agency.level
            head = _head(agency)
            bare = head[1:] if head[:1] in LEVEL_CHARS else head
            kept = role in LEVEL_KEPT_ROLES.get(bare, ())
            if (bare in self.party_heads and role in PARTY_BODY_ROLES) or kept:
                return Title(role=head + role, raw=raw, body=agency.name, place_text=place_text)
            return Title(role=role, raw=raw, body=agency.name, place_text=place_text)
        if place is not None:
            return Title(role=role, raw=place.text + role, body=None, place_text=place.text)
        lv = _role_level(role)
        m = PARTY_ROLE.match(role)
        body = f"{m.group(1)}委" if m else None
        return Title(role=role, raw=role, body=body, place_text=lv)

    @staticmethod
    def _place_from_sentence(text: str, agency: AgencyMention, agencies: list[AgencyMention]) -> str | None:
        """A bare body (市生态环境监测中心) after a full one of the same
        level in the sentence (绵阳市生态环境局…) shares its place."""
        sent_start = max(text.rfind(c, 0, agency.start) for c in "。！？\n") + 1
        best = None
        for a in agencies:
            if (
                sent_start <= a.start < agency.start
                and a.place_text
                and a.place_text.endswith(agency.level or "-")
            ):
                best = a.place_text
        return best

    def _chain(self, roles: list[_Role], text: str, k: int) -> list[_Role]:
        """The roles joined by 、 that end with ``roles[k]``."""
        chain = [roles[k]]
        j = k - 1
        while j >= 0 and self._joined(text, roles[j], chain[0]):
            chain.insert(0, roles[j])
            j -= 1
        return chain

    def _joined(self, text: str, prev: _Role, nxt: _Role) -> bool:
        """``prev`` 、 ``nxt``, allowing a river's name before a river-chief
        post (县委办主任、某某河县级河长)."""
        if prev.end >= len(text) or text[prev.end] != "、":
            return False
        gap = text[prev.end + 1 : nxt.start]
        if not gap:
            return True
        return (
            len(gap) <= 6
            and all(CJK.match(c) for c in gap)
            and gap[-1] in self.lex.water_suffixes
            and any(w in nxt.title.role for w in ("河长", "湖长"))
        )

    def _chain_bodies(self, text: str, chain: list[_Role], titles: tuple[Title, ...]) -> tuple[Title, ...]:
        """In a chain of posts, a coordination body's post keeps its body
        (县长、县某某领导小组组长 → 县某某领导小组组长); alone it is the bare role."""
        if len(chain) < 2 or len(titles) != len(chain):
            return titles
        out = list(titles)
        for i, r in enumerate(chain):
            if r.agency is None or out[i].role != text[r.role_start : r.end]:
                continue
            head = _head(r.agency)
            if head.endswith(self.lex.chain_bodies):
                out[i] = replace(out[i], role=head + out[i].role)
        return tuple(out)

    @staticmethod
    def _carry(chain: list[_Role]) -> tuple[Title, ...]:
        """Carry body and place over an enumeration of titles (党组书记、局长)."""
        out: list[Title] = []
        for r in chain:
            t = r.title
            if out and r.agency is None and t.raw == t.role:
                prev = out[-1]
                lv = _role_level(t.role)
                place = t.place_text
                if prev.place_text and (lv is None or prev.place_text.endswith(lv)):
                    place = prev.place_text
                body = t.body
                level_marked = t.role[0] in LEVEL_CHARS  # 区总河长 names no department
                if body is None and lv is None and not LEADER_ROLE.match(t.role) and not level_marked:
                    body = prev.body
                t = Title(role=t.role, raw=t.raw, body=body, place_text=place)
            out.append(t)
        return tuple(out)

    @staticmethod
    def _infer_body(
        text: str, start: int, titles: tuple[Title, ...], agencies: list[AgencyMention]
    ) -> tuple[Title, ...]:
        """党组书记、局长戴某 with no body written: the department the sentence
        is about (绵阳市生态环境局…成立由党组书记、局长戴某任组长的…)."""
        if any(t.body for t in titles):
            return titles
        sent_start = max(text.rfind(c, 0, start) for c in "。！？；;\n") + 1
        before = [a for a in agencies if sent_start <= a.start and a.end <= start]
        body = None
        for t in titles:
            office = t.role[-2] if t.role.endswith("长") and len(t.role) >= 2 else None
            for a in reversed(before):
                if office and office in DEPT_OFFICES and a.name.endswith(office):
                    body = a
                elif t.role.startswith("党组") and not a.in_title and a.name[-1] in DEPT_OFFICES + "委办心":
                    body = a
                if body:
                    break
            if body:
                break
        if body is None:
            return titles
        return _with_body(titles, body)

    @staticmethod
    def _bare_body(
        text: str, start: int, titles: tuple[Title, ...], agencies: list[AgencyMention]
    ) -> tuple[Title, ...]:
        """局党组书记、局长谭某, 督察组组长东方某: a body named earlier in the
        article, written again by its head alone at the start of a clause."""
        if not titles or titles[0].body:
            return titles
        k = start
        while k > 0 and start - k < 6 and CJK.match(text[k - 1]):
            k -= 1
        head = text[k:start]
        if not head or (k > 0 and text[k - 1] not in CLAUSE_START and text[k - 1] not in PUNCT_END):
            return titles
        body = None
        for a in agencies:
            if a.end <= k and len(a.name) > len(head) and a.name.endswith(head) and not a.in_title:
                body = a
        if body is None:
            return titles
        if any(t.body for t in titles):
            # 执法检查组组长、市人大常委会主任某: the bare head names the first post's
            # body; the later posts keep their own.
            return _with_body(titles[:1], body) + titles[1:]
        return _with_body(titles, body)

    # -- exclusions --------------------------------------------------------------
    def _excluded(self, text: str) -> list[bool]:
        """Characters in bylines: the names after 记者, 编辑, 作者: …"""
        ex = [False] * (len(text) + 1)
        for cue in self.lex.reporter_cues:
            start = 0
            while (i := text.find(cue, start)) >= 0:
                start = i + len(cue)
                j = start
                if j < len(text) and text[j] in ":：/ \u3000\u00a0":
                    j += 1
                elif len(cue) == 1:
                    continue
                if cue == "作者" and text.startswith("系", j):
                    continue
                k = j
                while k < len(text) and k - j < 24 and text[k] not in "）)】]，,。；;\n":
                    k += 1
                for p in range(i, k):
                    ex[p] = True
        return ex

    # -- main ----------------------------------------------------------------------
    def find(
        self, text: str, agencies: list[AgencyMention] | None = None, places: list[PlaceMention] | None = None
    ) -> list[OfficialMention]:
        agencies = agencies or []
        places = places or []
        excluded = self._excluded(text)
        roles = self._roles(text, agencies, places, excluded)
        found: dict[tuple[int, int], OfficialMention] = {}

        def add(n: _Name, titles: tuple[Title, ...]) -> None:
            if any(excluded[n.start : n.end]):
                return
            key = (n.start, n.end)
            if key in found:
                titles = found[key].titles + tuple(t for t in titles if t not in found[key].titles)
            found[key] = OfficialMention(n.start, n.end, text[n.start : n.end], n.name, titles)

        role_starts = {r.start for r in roles}
        agency_ends = {a.end for a in agencies}
        for k, r in enumerate(roles):
            chain = self._chain(roles, text, k)
            nxt = roles[k + 1] if k + 1 < len(roles) else None
            if nxt is not None and nxt.start == r.end + 1 and text[r.end] == "、":
                continue  # the chain goes on
            titles = self._infer_body(text, chain[0].start, self._carry(chain), agencies)
            titles = self._bare_body(text, chain[0].start, titles, agencies)
            titles = self._chain_bodies(text, chain, titles)
            n = self.name_at(text, r.end)
            if n is None or not self._said_end(text, n.end):
                # 州长沙马拉则主持: 则 ends 沙马拉 only weakly; the four characters
                # before 主持 are the name
                n = self._four_after_title(text, r.end) or n
            if n is None:
                n = self._spaced_after(text, r.end)
            if n is None:
                n = self._known_person_at(text, r.end)
            if n is not None:
                extra = self._appointed(text, n.end)
                add(n, titles + extra)
                self._enumeration(text, n, titles, role_starts, add)
                continue
            n = self._name_before(text, chain[0].start, agency_ends)
            if n is not None and self._bounded(text, r.end) and not _overlaps(n, found):
                add(n, titles)
        self._deputies(text, found)
        self._leaders(text, add)
        self._byline(text, agencies, places, add)
        self._speakers(text, add, {o.name for o in found.values()})
        if self.repeat_mentions:
            self._repeats(text, found, excluded)
        return sorted(found.values(), key=lambda o: o.start)

    @staticmethod
    def _deputies(text: str, found: dict[tuple[int, int], OfficialMention]) -> None:
        """督察组组长东方某…，副组长卓某: a deputy named in the same sentence
        right after the head shares the head's body."""
        heads: list[Title] = []  # the previous official's posts with a body
        last_end = -1
        for key in sorted(found):
            o = found[key]
            if any(c in text[last_end : o.start] for c in "。！？\n"):
                heads = []
            titles = list(o.titles)
            for i, t in enumerate(titles):
                if t.body is not None or LEADER_ROLE.match(t.role) or _role_level(t.role) is not None:
                    continue
                # 组长某、市人大常委会主任某，副组长某: the deputy matches the head's
                # post of the same role, whichever of the head's posts it is
                last = next((h for h in reversed(heads) if t.role == "副" + h.role), None)
                if last is not None:
                    titles[i] = Title(role=t.role, raw=t.raw, body=last.body, place_text=last.place_text)
            if titles != list(o.titles):
                found[key] = OfficialMention(o.start, o.end, o.text, o.name, tuple(titles))
            with_body = [t for t in o.titles if t.body]
            if with_body:
                heads = with_body
            last_end = o.end

    def _appointed(self, text: str, pos: int) -> tuple[Title, ...]:
        """戴某任组长: a post the name is given right after it."""
        for verb in ("担任", "任"):
            if not text.startswith(verb, pos):
                continue
            m = self.role_re.match(text, pos + len(verb))
            if m and (self._bounded(text, m.end()) or text.startswith("的", m.end())):
                return (Title(role=m.group(), raw=m.group()),)
        return ()

    def _enumeration(self, text: str, first: _Name, titles, role_starts: set[int], add) -> None:
        pos = first.end
        names = [first]
        while pos < len(text) and text[pos] == "、" and pos + 1 not in role_starts:
            n = self.name_at(text, pos + 1, strict=True) or self._listed_name(text, pos + 1)
            if n is None or self.role_re.match(text, n.end):
                break
            add(n, titles)
            names.append(n)
            pos = n.end
        # 副县长甲、乙、丙任副总指挥: the post given after the list is each one's
        appointed = self._appointed(text, names[-1].end) if len(names) > 1 else ()
        for n in names if appointed else ():
            add(n, titles + appointed)

    def _spaced_after(self, text: str, pos: int) -> _Name | None:
        """鞍山市市长 郑某某: a name set one or two spaces after its title,
        taken only with a clear end (strict)."""
        k = pos
        while k < len(text) and text[k] in SPACES and k - pos < 2:
            k += 1
        if k == pos:
            return None
        return self.name_at(text, k, strict=True)

    def _name_before(self, text: str, end: int, agency_ends: set[int] = frozenset()) -> _Name | None:
        """A name written right before a title (李某某县长), bounded on its left
        (also by a body's name: 某某局张某局长)."""
        for length in (3, 2, 4):
            s = end - length
            if s < 0:
                continue
            if (
                s > 0
                and CJK.match(text[s - 1])
                and not is_word(text[max(0, s - 2) : s])
                and not any(text.endswith(w, 0, s) for w in NAME_LEFT_EDGES)
                and s not in agency_ends
            ):
                continue
            n = self.name_at(text, s, strict=True)
            if n is not None and n.end == end:
                return n
        return None

    def _leaders(self, text: str, add) -> None:
        for m in self.leader_re.finditer(text):
            title = Title(role="", raw=m.group(), body=None, place_text=m.group("lv"))
            pos = m.end()
            for word in ("还有", "有"):  # 出席会议的市领导还有王某、李某
                if text.startswith(word, pos):
                    pos += len(word)
                    break
            first = True
            while True:
                n = self.name_at(text, pos, strict=True)
                if n is None and not first:
                    n = self._listed_name(text, pos)
                if n is None:
                    break
                first = False
                add(n, (title,))
                if n.end < len(text) and text[n.end] in "、，,":
                    pos = n.end + 1
                    continue
                break

    def _four_after_title(self, text: str, pos: int) -> _Name | None:
        """A four-character Tibetan or Yi name right after a title (区长次仁顿珠，
        州长沙马拉则主持): taken only where no shorter name ends cleanly, the four
        characters are followed by punctuation or a speech, meeting or leading
        verb, and they are not a phrase (高度重视 is a word; 巡查责任 holds
        common words)."""
        e = pos + 4
        if e > len(text) or not all(CJK.match(c) and c not in self.lex.stopchars for c in text[pos:e]):
            return None
        if not (self._said_end(text, e) or text.startswith(LEADING_VERBS, e)):
            return None
        run = text[pos:e]
        if is_word(run) or self.role_re.search(run):
            return None
        if any(_common_word(h, 100) for h in (run[:2], run[2:])):
            return None  # names transcribed by sound hold no common word
        return _Name(pos, e, run)

    def _known_person_at(self, text: str, pos: int) -> _Name | None:
        """A name with no surname from the table right after a title: one
        jieba's dictionary knows as a person's name (旗长斯琴高娃主持:
        Mongolian, Tibetan, Uyghur names), or one written with middle dots
        (副主席阿不都·热合曼)."""
        for n in (5, 4, 3, 2):
            e = pos + n
            if e >= len(text) or not all(CJK.match(c) for c in text[pos:e]):
                continue
            if text[e] in NAME_DOTS and n <= 4:
                dotted = self._dotted(text, _Name(pos, e, text[pos:e]))
                if dotted.end > e:
                    return dotted
            # three or more characters, ended by punctuation or a speech or
            # meeting verb: 周密 (nr in jieba) before 部署 is an adverb
            word = text[pos:e]
            if n >= 3 and _tag(word).startswith("nr") and is_word(word) and self._said_end(text, e):
                return _Name(pos, e, word)
        return None

    def _listed_name(self, text: str, pos: int) -> _Name | None:
        """A later item of a leaders list with no surname from the table
        (市领导王某、朝鲁、乌云其木格出席: Mongolian, Tibetan and Uyghur names):
        2–5 name characters ended by 、，, or a boundary word, not a common
        word, no function character."""
        for n in range(2, 6):
            e = pos + n
            # transliterations use characters Han given names avoid (其木格), so
            # only a few function and body characters rule an item out
            if e > len(text) or not all(CJK.match(c) and c not in LISTED_NAME_STOP for c in text[pos:e]):
                return None
            if e < len(text) and (text[e] in "、，," or self._bounded(text, e)):
                item = text[pos:e]
                tag = _tag(item)
                if is_word(item, 50) and (tag == "n" or not tag.startswith("n")):
                    return None  # a common word (jieba keeps some such names as nr, ns, nz)
                return self._dotted(text, _Name(pos, e, item))
        return None

    def _byline(self, text: str, agencies, places, add) -> None:
        """◆Name at the top, 作者系…(title) at the bottom: the author is an official."""
        m = re.search(r"作者系", text)
        if not m:
            return
        top = self.byline_re.search(text, 0, min(len(text), 400))
        if top is None:
            return
        n = self.name_at(text, top.start("n"), strict=True)
        if n is None or n.end != top.end("n"):
            return
        stop = len(text)
        for c in "。\n）)":
            k = text.find(c, m.end())
            if 0 <= k < stop:
                stop = k
        sub_roles = [
            r
            for r in self._roles(text, agencies, places, [False] * (len(text) + 1))
            if m.end() <= r.start and r.end <= stop
        ]
        if not sub_roles:
            return
        chain = self._chain(sub_roles, text, len(sub_roles) - 1)
        add(n, self._carry(chain))

    def _speakers(self, text: str, add, known: set[str]) -> None:
        """楼某某强调 at the start of a clause: a speaker, even with no title
        (only names not found with a title: one person, one record)."""
        for m in self._speech_re.finditer(text):
            for length in (3, 4):
                s = m.start() - length
                if s < 0 or (s > 0 and text[s - 1] not in CLAUSE_START):
                    continue
                n = self.name_at(text, s, strict=True)
                if n is None or n.end != m.start() or n.end - n.start < 3:
                    continue
                if is_word(n.name, 300) or n.name in known:
                    continue
                known.add(n.name)
                add(n, ())

    def _repeats(self, text: str, found: dict, excluded: list[bool]) -> None:
        """Other bounded occurrences of a name already found (张某强调…)."""
        names = {o.name: o for o in found.values() if o.name == o.text}
        for name in names:
            start = 0
            while (i := text.find(name, start)) >= 0:
                start = i + 1
                e = i + len(name)
                if (i, e) in found or any(excluded[i:e]) or not self._bounded(text, e):
                    continue
                if any(a <= i < b or a < e <= b for a, b in found):
                    continue
                found[(i, e)] = OfficialMention(i, e, name, name, ())


def _common_word(text: str, min_freq: int = 100) -> bool:
    """True for a dictionary word that is not a person's or place's name
    (公示, 高度): a surname followed by it is not a name (江海 in 江海波 is)."""
    if not is_word(text, min_freq):
        return False
    t = _tag(text)
    return not (t.startswith("nr") or t == "ns")


def _role_level(role: str) -> str | None:
    m = LEADER_ROLE.match(role)
    if m:
        return next(c for c in reversed(role) if c in LEVEL_CHARS)
    m = PARTY_ROLE.match(role)
    if m:
        return m.group(1)
    return None


@Language.factory(
    "lt_officials",
    assigns=["doc._.lt"],
    requires=["doc._.lt"],
    default_config={"span_key": "officials", "repeat_mentions": True},
)
def make_officials(nlp: Language, name: str, span_key: str, repeat_mentions: bool) -> OfficialsComponent:
    """``repeat_mentions``: also emit, with no titles, every other bounded
    occurrence of a name found once (more provenance; the resolver must then
    merge officials by name within an article)."""
    return OfficialsComponent(span_key=span_key, repeat_mentions=repeat_mentions)


class OfficialsComponent:
    """Append OfficialMention records to ``doc._.lt.officials`` (runs after
    lt_agencies: the titles' bodies are the agencies it found)."""

    def __init__(self, span_key: str = "officials", repeat_mentions: bool = False) -> None:
        self.span_key = span_key
        self.finder = OfficialFinder(repeat_mentions=repeat_mentions)

    def __call__(self, doc: Doc) -> Doc:
        ann = doc._.lt
        ann.officials.extend(self.finder.find(doc_text(doc), list(ann.agencies), list(ann.places)))
        # A place read inside a person's name (唐宏伟区长: 宏伟区) is not a place:
        # the name is anchored by its title, the place only by the gazetteer.
        names = [(o.start, o.end) for o in ann.officials]
        if names:
            ann.places[:] = [p for p in ann.places if not any(s < p.end and p.start < e for s, e in names)]
            mirror_spans(doc, "places", ann.places, "PLACE")
        mirror_spans(doc, self.span_key, ann.officials, "OFFICIAL")
        return doc
