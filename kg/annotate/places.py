"""The ``lt_places`` component: places, regions and anaphora named in the text.

What it writes to ``doc._.lt`` (see :mod:`kg.annotate.records`):

- ``places``: every gazetteer division named by full name (绵阳市), short form
  (绵阳), or former name (长垣县 → 长垣市), also inside longer names
  (绵阳市生态环境局); and townships found by their suffix (青莲镇, 临江街道),
  which have no adcode.
- ``regions``: regions and natural features (京津冀, 黄河流域): never places.
- ``anaphora``: 我市, 全县, 该局… (they refer to the article's own place or body).

How: a hash index of every surface form by its first two characters finds the
longest form starting at each position (about 10 ms per 100k characters, see
:class:`SurfaceIndex`); then rules drop matches that are parts of other words
(jieba token boundaries), media names (四川日报), brands and people's given
names; then names shared by several divisions (朝阳区, 朝阳) are resolved from
the article's other places, or keep ``adcode=None`` with ``candidates``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from kg.annotate.records import AnaphorMention, PlaceMention, RegionMention, doc_text, mirror_spans
from kg.annotate.words import freq as _freq
from kg.annotate.words import is_word, tag
from kg.data import read_lines
from kg.errors import DataError
from kg.gazetteer import Division, Gazetteer, load_gazetteer

CJK = re.compile(r"[\u4e00-\u9fff]")
# A township stem that is a jieba word this frequent is a common noun (城市街道,
# 重点镇). Real stems can be frequent words too (长安镇 5355, 柏林街道 1260), and
# verbs before 街道 (清扫街道) are more common than before 镇/乡, hence two bars.
COMMON_STEM_FREQ = 10000
COMMON_HEAD_FREQ = 2500
COMMON_STEM_FREQ_STREET = 2000
# A road's name that is this frequent a word is a common noun (马路 660, 水路 601);
# real street names are rare words (中山路 287, 湖南路 11).
COMMON_ROAD_FREQ = 500
LISTED_BAD_INSIDE = frozenset("的了过着之与及等是在对为把被将和或")
AFTER_BODY = frozenset("局厅委府")
# A city or county paper named this near the start is the masthead (牡丹江日报 …)
OUTLET_REACH = 200  # a short form may follow a body's name directly
ITEM_SEPARATORS = frozenset("、，,。；;：:！!？?\n（）()“”《》 \t")


class SurfaceIndex:
    """Every surface form (≥ 2 characters), indexed by its first two characters.

    ``scan`` finds the longest form starting at each position with one regex pass
    over the possible first characters and a dict lookup per hit. Measured on
    150k characters: 15 ms, against 135 ms for one regex compiled from a trie of
    the same ~7,000 forms (sre tries a trie's first-level branches one by one)
    and 280 ms for jieba's own segmentation.
    """

    def __init__(self, words: list[str]) -> None:
        short = [w for w in words if len(w) < 2]
        if short:
            raise DataError(f"place surface forms must have 2+ characters: {short[:5]}")
        self.words = frozenset(words)
        lengths: dict[str, set[int]] = {}
        for w in words:
            lengths.setdefault(w[:2], set()).add(len(w))
        self.lengths = {p: sorted(ls, reverse=True) for p, ls in lengths.items()}
        firsts = "".join(sorted({w[0] for w in words}))
        self.first = re.compile("[" + re.escape(firsts) + "]")

    def scan(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the longest surface form starting at each position."""
        out = []
        get = self.lengths.get
        words = self.words
        for m in self.first.finditer(text):
            i = m.start()
            ls = get(text[i : i + 2])
            if ls:
                for n in ls:
                    if text[i : i + n] in words:
                        out.append((i, i + n))
                        break
        return out


@dataclass(frozen=True)
class _Lexicon:
    """Everything the component reads from kg/data, loaded once per process."""

    gaz: Gazetteer
    surfaces: dict[str, str]  # surface -> "full" | "old" | "short" | "region" | "anaphor"
    matcher: SurfaceIndex
    anaphora: dict[str, tuple[str, str]]
    media: re.Pattern
    brand: re.Pattern
    brand_end: re.Pattern
    generic: frozenset[str]
    township_suffix: re.Pattern
    township_names: dict[str, str]
    township_stop: frozenset[str]
    bad_single: frozenset[str]
    bad_inside: frozenset[str]
    trim_front: frozenset[str]
    title_ends: frozenset[str]
    surnames: frozenset[str]
    person_next: re.Pattern
    street: re.Pattern
    short_stop: frozenset[str] = frozenset()
    water: re.Pattern | None = None


@lru_cache(maxsize=1)
def load_lexicon() -> _Lexicon:
    """Read the data files and compile the matcher (about 50 ms, once)."""
    gaz = load_gazetteer()
    surfaces: dict[str, str] = gaz.surfaces()
    for name in read_lines("regions.txt"):
        if surfaces.get(name) != "full":
            surfaces[name] = "region"
    anaphora: dict[str, tuple[str, str]] = {}
    for ln in read_lines("anaphora.txt"):
        parts = ln.split("\t")
        if len(parts) != 3:
            raise DataError(f"anaphora.txt: expected word TAB level TAB target, got {ln!r}")
        anaphora[parts[0]] = (parts[1], parts[2])
        surfaces.setdefault(parts[0], "anaphor")
    matcher = SurfaceIndex(sorted(surfaces))
    media = re.compile("|".join(f"(?:{p})" for p in read_lines("place_media.txt")))
    brand_words = "|".join(map(re.escape, read_lines("place_brand_suffixes.txt")))
    brand = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + brand_words + ")")
    brand_end = re.compile("(?:" + brand_words + ")$")
    township: dict[str, str] = {}
    for ln in read_lines("place_township.txt"):
        written, _, named = ln.partition("\t")
        township[written] = named or written
    suffix_re = re.compile("|".join(map(re.escape, sorted(township, key=len, reverse=True))))
    chars = read_lines("place_township_stop_chars.txt")
    person = read_lines("place_person_context.txt")
    if len(chars) != 3 or len(person) != 3:
        raise DataError("place_township_stop_chars.txt and place_person_context.txt need 3 lines each")
    return _Lexicon(
        gaz=gaz,
        surfaces=surfaces,
        matcher=matcher,
        anaphora=anaphora,
        media=media,
        brand=brand,
        brand_end=brand_end,
        generic=frozenset(read_lines("place_generic_names.txt")),
        township_suffix=suffix_re,
        township_names=township,
        township_stop=frozenset(read_lines("place_township_stop.txt")),
        bad_single=frozenset(chars[0]),
        bad_inside=frozenset(chars[1]),
        trim_front=frozenset(chars[2]),
        title_ends=frozenset(person[0]),
        surnames=frozenset(person[1]),
        person_next=re.compile("|".join(map(re.escape, person[2].split("|")))),
        street=re.compile("|".join(f"(?:{p})" for p in read_lines("place_street_words.txt"))),
        short_stop=frozenset(read_lines("place_short_stop.txt")),
        water=re.compile("|".join(f"(?:{p})" for p in read_lines("place_water_words.txt"))),
    )


@dataclass
class _Cand:
    start: int
    end: int
    kind: str  # full, old, short, region, anaphor, township
    divs: list[Division]
    name: str = ""
    parent: str | None = None

    @property
    def text_len(self) -> int:
        return self.end - self.start


# Tie-break when two candidates are equally long: a full name beats a short form
# (景德镇 for 景德镇市), which beats a township read from the suffix.
PRIORITY = {"full": 0, "old": 1, "region": 2, "short": 3, "township": 4, "anaphor": 5}


class PlacesComponent:
    """Callable pipeline component; see the module docstring."""

    def __init__(self, townships: bool = True, require_context_for_county_short: bool = True) -> None:
        self.lex = load_lexicon()
        self.townships = townships
        self.require_context = require_context_for_county_short

    # -- candidate generation -------------------------------------------------
    @staticmethod
    def _boundaries(doc: Doc) -> tuple[set[int], set[int]]:
        """Character offsets where jieba tokens start and end (array access: iterating
        Token objects would cost more than the whole match)."""
        arr = doc.to_array([IDX, LENGTH])
        if len(arr) == 0:
            return set(), set()
        starts = arr[:, 0].tolist()
        ends = (arr[:, 0] + arr[:, 1]).tolist()
        return set(starts), set(ends)

    def _gazetteer_candidates(
        self, text: str, starts: set[int], ends: set[int]
    ) -> tuple[list[_Cand], list, list[str]]:
        lex = self.lex
        out: list[_Cand] = []
        blocked: list[tuple[int, int]] = []  # media names: nothing inside them is a place
        outlets: list[str] = []  # …but a city's own paper at the top says where the article is from
        persons: set[str] = set()
        name_ends: set[int] = set()
        for s, e in lex.matcher.scan(text):
            surface = text[s:e]
            kind = lex.surfaces[surface]
            if kind == "anaphor":
                if s in starts:
                    out.append(_Cand(s, e, kind, []))
                continue
            if kind == "region":
                out.append(_Cand(s, e, kind, [], name=surface))
                continue
            # Every name starts a jieba token (沿海城市 holds no 海城市); right after
            # a full name or a body (安阳市生态环境局|殷都分局) jieba may glue the
            # first character to the left, so the start is trusted there. Short
            # forms and 2-character names (单县, 和县) must also end a token, so
            # 提高县域 and 市委和县委 do not match; longer names may run on (江油市委).
            left_ok = s in starts or s in name_ends or (s > 0 and text[s - 1] in AFTER_BODY)
            if not left_ok:
                continue
            if (kind == "short" or len(surface) <= 2) and e not in ends:
                continue
            if surface[-1] == "区" and e < len(text) and text[e] in "域位间块别分" \
                    and not text.startswith(("分列", "分居", "分别"), e):
                continue  # 和平区域: 区域 is a word, not the district 和平区 (but 莲池区|分列第五)
            media = lex.media.match(text, e)
            if media:
                blocked.append((s, media.end()))
                if s < OUTLET_REACH and kind in ("full", "short"):
                    outlets.extend(d.adcode for d in lex.gaz.lookup(surface)
                                   if d.level in ("prefecture", "county") and d.adcode)
                continue
            if kind == "short" and lex.street.match(text, e):
                continue  # 湖南路, 宁海大道: a street named after the place, not the place
            if kind == "short" and lex.water is not None and lex.water.match(text, e):
                continue  # 金沙流域, 清江水质: a river or lake named like the place
            if kind == "short":
                if surface in lex.short_stop:
                    continue  # 沿河 (along the river): a common word, also read when the
                    # gazetteer was built before the word joined the list
                if lex.brand.match(text, e) or self._in_brand_list(text, s, e):
                    continue
                if self._person_name(text, s, e, persons):
                    continue
            divs = lex.gaz.lookup(surface)
            if kind == "full":
                divs = [d for d in divs if d.name == surface]
            out.append(_Cand(s, e, kind, divs))
            if kind in ("full", "old"):
                name_ends.add(e)
        # A given name found once after a title is a given name everywhere.
        if persons:
            out = [c for c in out if not (c.kind == "short" and text[max(0, c.start - 1) : c.end] in persons)]
        return out, blocked, outlets

    def _in_brand_list(self, text: str, s: int, e: int) -> bool:
        """True when the short form starts a longer item of a 、-list whose items
        are enterprises (卫华集团、河南矿山、某某医疗): then it is a brand."""
        a, b = s, e
        while a > 0 and text[a - 1] not in ITEM_SEPARATORS:
            a -= 1
        while b < len(text) and text[b] not in ITEM_SEPARATORS:
            b += 1
        if b == e or a != s:
            return False
        items = [text[a:b]]
        left = a - 1
        while left >= 0 and text[left] == "、" and len(items) < 6:
            k = left
            while k > 0 and text[k - 1] not in ITEM_SEPARATORS:
                k -= 1
            items.append(text[k:left])
            left = k - 1
        right = b
        while right < len(text) and text[right] == "、" and len(items) < 12:
            k = right + 1
            while k < len(text) and text[k] not in ITEM_SEPARATORS:
                k += 1
            items.append(text[right + 1 : k])
            right = k
        if len(items) < 2:
            return False
        return any(self.lex.brand_end.search(item) for item in items)

    def _person_name(self, text: str, s: int, e: int, persons: set[str]) -> bool:
        lex = self.lex
        if s < 1 or text[s - 1] not in lex.surnames:
            return False
        if (s >= 2 and text[s - 2] in lex.title_ends) or lex.person_next.match(text, e):
            persons.add(text[s - 1 : e])
            return True
        return False

    def _township_candidates(self, text: str, starts: set[int], taken: list[_Cand]) -> list[_Cand]:
        lex = self.lex
        # A stem never reaches back into a name found before it: 江油市青莲镇 -> 青莲镇.
        # A short form ending right at the suffix (临江 in 临江街道) is the stem itself.
        hard = sorted(c.end for c in taken if c.kind not in ("short", "region"))
        soft = sorted(c.end for c in taken if c.kind in ("short", "region"))
        short_ends = {c.end: c for c in taken if c.kind in ("short", "region")}
        place_ends = {c.end: c for c in taken if c.kind in ("full", "old", "short")}
        place_starts = {c.start for c in taken if c.kind in ("full", "old", "short")}
        out = []
        for m in lex.township_suffix.finditer(text):
            s, e = m.start(), m.end()
            if s in place_starts:
                continue  # 嫩江镇赉段: 镇 starts the county 镇赉, it ends no township
            written = m.group(0)
            named = lex.township_names[written]
            if written == "乡" and e < len(text) and text[e] in "村镇土亲愁情贤音里民级":
                continue
            if written == "镇" and e < len(text) and text[e] in "压静守痛定化级":
                continue  # 镇级河长: 镇级 is "township-level", no township's name
            k = bisect_right(hard, s)
            limit = hard[k - 1] if k else 0
            k = bisect_left(soft, s)
            if k:
                short_end = soft[k - 1]
                short = short_ends[short_end]
                if short_end == s and 2 <= s - short.start <= 3 and short.start >= limit:
                    # 衡山镇: a county's short form right before 镇/乡 is the township's stem.
                    limit = short.start
                elif short_end < s and s - short.start <= 3 and short.start >= limit:
                    limit = max(limit, short.start)  # 白塔畈镇: the short form heads a longer stem
                else:
                    limit = max(limit, short_end)
            j = s
            while j > limit and s - j < 4 and CJK.match(text[j - 1]):
                j -= 1
            if j == s:
                continue
            listed = _in_township_list(text, j, e)
            stem = self._pick_stem(text, s, s - j, starts, named, limit, listed)
            if stem is None:
                continue
            st, end = s - len(stem), s + len(named)  # the span is the name (X街道), not 办事处
            if self._township_stopped(text, st, end, listed):
                continue
            if text[st] in lex.trim_front and text[st + 1 : end] in lex.township_stop:
                continue  # 工业和城镇: 和 is a conjunction, 城镇 a common noun
            cand = _Cand(st, end, "township", [], name=stem + named)
            prev = place_ends.get(st)
            if prev is not None and len(prev.divs) == 1 and prev.divs[0].level == "county":
                cand.parent = prev.divs[0].adcode
            out.append(cand)
        return out

    def _pick_stem(
        self, text: str, s: int, max_len: int, starts: set[int], named: str, limit: int, listed: bool = False
    ) -> str | None:
        """The township's stem before the suffix at ``s``: the longest 2-3
        characters (4 for X镇街道) starting at a jieba token boundary, or right after
        a preposition or conjunction (到|柳林镇, 对|白马镇); or one character right
        after a boundary (石镇). None when the stem looks like a common word."""
        lex = self.lex
        if named == "街道" and text[s - 1] in "路街" and max_len >= 2:
            return self._street_stem(text, s, max_len, starts)
        longest = 4 if named == "街道" else 3
        stem = None
        forced = False
        for n in range(min(longest, max_len), 1, -1):
            cand = text[s - n : s]
            if n == 4 and cand[-1] not in "镇乡":
                continue
            if n >= 3 and cand[0] in lex.trim_front:
                forced = True  # the stem starts after this function word
                continue
            if n == 3 and _freq(cand[:2]) >= COMMON_HEAD_FREQ:
                continue  # 担任过乡…: a common word is no stem's head
            if forced or n == max_len or s - n in starts:
                stem = cand
                break
            forced = False
        if stem is None:
            # 石镇: a one-character stem right after a boundary.
            if named == "镇" and max_len >= 1:
                ch = text[s - 1]
                # …and 镇 ends a jieba token: 跨镇界 is one word, no township 跨镇
                ends_token = s + 1 >= len(text) or s + 1 in starts
                if (s - 1 == limit or (s >= 2 and not CJK.match(text[s - 2]))) and ch not in lex.bad_single \
                        and ends_token:
                    return ch
            return None
        inside = stem[:-1] if named == "街道" and stem[-1] in "镇乡" else stem
        # An item of a township list (白楼镇、新站镇) is a name even with a body word
        # (站, 所) inside; only function words still rule the stem out.
        bad_inside = LISTED_BAD_INSIDE if listed else lex.bad_inside
        if any(ch in bad_inside for ch in inside):
            return None
        common = _freq(stem) >= (COMMON_STEM_FREQ_STREET if named == "街道" else COMMON_STEM_FREQ)
        if common and not listed and lex.surfaces.get(stem) not in ("full", "short"):
            return None  # 城市街道, 重点镇: a common noun before the suffix (河南街道 is a name)
        return stem

    def _street_stem(self, text: str, s: int, max_len: int, starts: set[int]) -> str | None:
        """The stem of a township named after its street (湖南路街道, 中山北路街道):
        the street's name is the stem even when its head is a frequent word or a
        place's short form; it starts after a function word or at a token start."""
        lex = self.lex
        for n in range(min(4, max_len), 1, -1):
            cand = text[s - n : s]
            if any(ch in lex.trim_front for ch in cand):
                continue  # 对|马路, 以|某路: the stem starts after the function word
            if n == max_len or s - n in starts or text[s - n - 1] in lex.trim_front:
                return None if _freq(cand) >= COMMON_ROAD_FREQ else cand
        return None

    def _township_stopped(self, text: str, start: int, end: int, listed: bool = False) -> bool:
        """True when a stop word (城镇, 示范城镇) covers the whole candidate, or ends
        it after a common word, a verb or a modifier (统筹|城乡, 补齐|城镇, 小|城镇);
        禹|村镇 stays, and so does an item of a township list (英州镇、新|村镇)."""
        lex = self.lex
        for w in lex.township_stop:
            ws = end - len(w)
            if ws < 0 or text[ws:end] != w:
                continue
            if ws <= start:
                return True
            head = text[start:ws]
            if len(head) == 1 and head in lex.bad_single and not listed:
                return True
            if len(head) >= 2 and (_freq(head) >= 300 or _is_verb(head)):
                return True
        return False

    # -- selection and resolution ------------------------------------------------
    @staticmethod
    def _select(cands: list[_Cand]) -> list[_Cand]:
        """Longest match wins; non-overlapping."""
        chosen: list[_Cand] = []
        used = bytearray()
        for c in sorted(cands, key=lambda c: (-c.text_len, PRIORITY[c.kind], c.start)):
            if len(used) < c.end:
                used.extend(b"\0" * (c.end - len(used)))
            if any(used[c.start : c.end]):
                continue
            used[c.start : c.end] = b"\1" * c.text_len
            chosen.append(c)
        return sorted(chosen, key=lambda c: c.start)

    def _resolve(self, places: list[_Cand], anaphor_levels: set[str]) -> list[PlaceMention | None]:
        gaz = self.lex.gaz

        def context_codes(cands: list[_Cand]) -> set[str]:
            codes: set[str] = set()
            for c in cands:
                if len(c.divs) == 1:
                    d = c.divs[0]
                    codes.add(d.adcode)
                    codes.update(a.adcode for a in gaz.ancestors(d))
            return codes

        anchors = [
            c for c in places
            if len(c.divs) == 1 and (c.kind != "short" or c.divs[0].level != "county")
            and c.divs[0].name not in self.lex.generic
        ]
        ctx = context_codes(anchors)
        resolved: dict[int, Division | None] = {}
        prev_end: dict[int, _Cand] = {c.end: c for c in places if len(c.divs) == 1}
        for c in places:
            if c.kind == "township" or len(c.divs) == 1:
                continue
            before = prev_end.get(c.start)
            if before is not None:  # 沈阳市铁西区: the division written right before
                inside = [d for d in c.divs if before.divs[0] in gaz.ancestors(d)]
                if len(inside) == 1:
                    resolved[id(c)] = inside[0]
                    continue
            best = self._by_context(c.divs, ctx)
            resolved[id(c)] = best
        ctx |= context_codes([_Cand(0, 0, "x", [d]) for d in resolved.values() if d is not None])

        out: list[PlaceMention | None] = []
        for c in places:
            if c.kind == "township":
                out.append(PlaceMention(c.start, c.end, "", c.name, None, "township", c.parent))
                continue
            if len(c.divs) == 1:
                d = c.divs[0]
                keep = True
                chain = {a.adcode for a in gaz.ancestors(d)}
                if d.name in self.lex.generic:
                    keep = d.parent in ctx
                elif c.kind == "short" and d.level == "county" and self.require_context:
                    own = d.name[-1] in anaphor_levels
                    others = ctx - {d.adcode}
                    keep = own or bool(chain & others) or d.adcode in ctx
                out.append(self._mention(c, d) if keep else None)
                continue
            d = resolved.get(id(c))
            if d is None:
                d = self._without_context(c.divs)
            if d is not None:
                if d.name in self.lex.generic and d.parent not in ctx:
                    out.append(None)
                else:
                    out.append(self._mention(c, d))
            elif (
                c.kind != "short"
                and len({x.name for x in c.divs}) == 1
                and c.divs[0].name not in self.lex.generic
            ):
                # 朝阳区 with no other place to place it: the name is sure, the adcode is not.
                out.append(PlaceMention(c.start, c.end, "", c.divs[0].name, None, c.divs[0].level, None,
                                        tuple(x.adcode for x in c.divs)))
            else:
                out.append(None)
        return out

    def _by_context(self, divs: list[Division], ctx: set[str]) -> Division | None:
        gaz = self.lex.gaz
        scored = []
        for d in divs:
            chain = gaz.ancestors(d)
            score = 0
            if chain and chain[0].adcode in ctx:
                score = 2  # its prefecture (or province for a prefecture) is named
            elif any(a.adcode in ctx for a in chain):
                score = 1
            elif d.adcode in ctx:
                score = 3
            scored.append((score, d))
        top = max(s for s, _ in scored)
        best = [d for s, d in scored if s == top]
        return best[0] if top > 0 and len(best) == 1 else None

    def _without_context(self, divs: list[Division]) -> Division | None:
        """A shared name with no help from the article: a province wins (河北 is
        the province, not Tianjin's 河北区); a prefecture wins over its own
        counties (抚顺市 over 抚顺县); otherwise nobody wins."""
        gaz = self.lex.gaz
        provinces = [d for d in divs if d.level == "province"]
        if len(provinces) == 1:
            return provinces[0]
        prefs = [d for d in divs if d.level == "prefecture"]
        if len(prefs) == 1:
            p = prefs[0]
            if all(d is p or p in gaz.ancestors(d) for d in divs):
                return p
        return None

    def _mention(self, c: _Cand, d: Division) -> PlaceMention:
        cands = tuple(x.adcode for x in c.divs if x.adcode != d.adcode)
        return PlaceMention(c.start, c.end, "", d.name, d.adcode, d.level, d.parent or None, cands)

    # -- the component -------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        starts, ends = self._boundaries(doc)
        cands, blocked, outlets = self._gazetteer_candidates(text, starts, ends)
        if self.townships:
            cands += self._township_candidates(text, starts, cands)
        if blocked:
            cands = [c for c in cands if not any(c.start < be and bs < c.end for bs, be in blocked)]
        chosen = self._select(cands)
        ann = doc._.lt
        places = [c for c in chosen if c.kind not in ("region", "anaphor")]
        anaphor_levels = set()
        for c in chosen:
            if c.kind == "region":
                ann.regions.append(RegionMention(c.start, c.end, text[c.start : c.end], c.name))
            elif c.kind == "anaphor":
                surface = text[c.start : c.end]
                level, target = self.lex.anaphora[surface]
                anaphor_levels.add(level)
                ann.anaphora.append(AnaphorMention(c.start, c.end, surface, level, target))
        for c, men in zip(places, self._resolve(places, anaphor_levels), strict=True):
            if men is None:
                continue
            ann.places.append(
                PlaceMention(c.start, c.end, text[c.start : c.end], men.name, men.adcode, men.level,
                             men.parent, men.candidates)
            )
        ann.outlet_places.extend(sorted(set(outlets)))
        mirror_spans(doc, "places", ann.places, "PLACE")
        mirror_spans(doc, "regions", ann.regions, "REGION")
        mirror_spans(doc, "anaphora", ann.anaphora, "ANAPHOR")
        return doc


TOWNSHIP_NEIGHBOUR = re.compile(r"[\u4e00-\u9fff]{2,4}(?:镇|乡|街道)")


def _in_township_list(text: str, stem_start: int, end: int) -> bool:
    """True when the candidate is an item of a list of townships (李庄镇、太阳街道):
    a 、 joins it to another name with a township suffix. A frequent word as a
    stem (太阳) is then still a name, not a common noun."""
    if stem_start >= 1 and text[stem_start - 1] == "、":
        if TOWNSHIP_NEIGHBOUR.search(text, max(0, stem_start - 6), stem_start - 1) and text[
            : stem_start - 1
        ].endswith(("镇", "乡", "街道")):
            return True
    return end < len(text) and text[end] == "、" and bool(TOWNSHIP_NEIGHBOUR.match(text, end + 1))


def _is_verb(word: str) -> bool:
    """True for a word jieba's dictionary tags as a verb (补齐, 推进)."""
    return is_word(word) and tag(word).startswith("v")


@Language.factory(
    "lt_places",
    assigns=["doc._.lt", "doc.spans"],
    default_config={"townships": True, "require_context_for_county_short": True},
)
def make_places(
    nlp: Language, name: str, townships: bool, require_context_for_county_short: bool
) -> PlacesComponent:
    """``townships``: also find 乡/镇/街道 by suffix. ``require_context_for_county_short``:
    a county's short form (新泰) counts only where the article also names its
    province or something in it, or speaks of its own county/city (我县, 全市)."""
    return PlacesComponent(
        townships=townships, require_context_for_county_short=require_context_for_county_short
    )
