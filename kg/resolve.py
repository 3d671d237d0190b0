"""Resolve: from per-article annotation records to one graph.

What this stage decides, and why here rather than in the components:
- the article's own place ("home"), by level: 我市/全市/市委 refer to the city the
  article is about, 县委 to its county; only places the article names count;
- canonical names: bare agencies get their jurisdiction written out (市委 in an
  article about 滨州 → 滨州市委), 中共 and 人民 are folded into aliases;
- posts: each title becomes an org:Post with an org:Role, its body and place;
- identity: the same place (adcode), the same agency (name + jurisdiction) and
  the same person (name + jurisdiction, or name + role when no place is known)
  are one node across articles; what cannot be placed stays article-scoped, so
  two different cities' bare 市委 never merge;
- provenance: a lt:Mention with exact offsets for every schema:mentions.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from kg.annotate.records import (
    AgencyMention,
    Annotations,
    OfficialMention,
    PlaceMention,
    TargetMention,
    Title,
)
from kg.data import read_lines
from kg.graph import KnowledgeGraph
from kg.model import Article
from kg.namespaces import instance_iri

# Words a bare body or anaphor names its level with, longest first (自治区 before 区).
LEVEL_WORDS = ("自治区", "自治州", "自治县", "街道", "省", "市", "县", "区", "旗", "州", "盟", "镇", "乡")


def level_prefix(name: str) -> str | None:
    """The level word a bare name starts with (自治区生态环境厅 → 自治区), if any.
    市场… is a market, not a city."""
    if name.startswith("市场"):
        return None
    return next((w for w in LEVEL_WORDS if name.startswith(w)), None)


SENTENCE_END = re.compile(r"[。！？!?；;\n]")
NATIONAL_PREFIXES = ("中央", "中共中央", "党中央", "国务院", "国家", "全国", "最高")
HEADLINE_WEIGHT = 3
OUTLET_WEIGHT = 2
ZONE_WORDS = (
    "经济开发区", "经济技术开发区", "高新技术产业开发区", "高新区", "开发区", "新区", "工业园区", "园区",
)
# Heads of units named for the lower place they serve (…局江油分局, …支队城关大队).
BRANCH_HEADS = ("分局", "大队", "中队")
MINISTRY = re.compile(r"^[\u4e00-\u9fff]{1,6}部")
# Bodies that name a higher authority's inspection rather than the local place's own work.
_NOT_LOCAL_CAMPAIGN = ("督察", "中央", "国家")


def fold_agency_name(name: str) -> str:
    """Canonical spelling of an agency name: without 中共 and 人民 (人民政府 → 政府,
    人民法院 → 法院).

    The guide keeps those words only in aliases."""
    folded = name
    if folded.startswith("中共") and len(folded) > 3:
        folded = folded[2:]
    for long, short in (("人民政府", "政府"), ("人民检察院", "检察院"), ("人民法院", "法院")):
        folded = folded.replace(long, short)
    return folded


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


@dataclass
class _Place:
    iri: str
    name: str
    level: str | None
    adcode: str | None
    first: int
    count: int = 0


@dataclass
class _Context:
    """What resolution knows about one article."""

    article: Article
    iri: str
    key: tuple[str, ...]
    places: dict[str, _Place] = field(default_factory=dict)  # iri → place
    by_name: dict[str, str] = field(default_factory=dict)  # surface/name → place iri
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # place mention offsets
    agencies: dict[str, str] = field(default_factory=dict)  # written/folded name → agency iri
    people: dict[str, str] = field(default_factory=dict)  # official name → person iri
    anaphor_spans: list[tuple[int, int, str]] = field(default_factory=list)  # 全市 → home iri
    main_home: str | None = None
    headline_end: int = 0  # the headline's end offset when the text starts with it
    sentence_starts: list[int] = field(default_factory=lambda: [0])

    def home(self, level: str | None) -> str | None:
        """The article's own place at ``level`` (市/县/区/省/镇…): the most often named
        place whose name ends with it; ties go to the first named."""
        if not level:
            return None
        cands = [p for p in self.places.values() if p.name.endswith(level)]
        if level == "市":
            cands = [p for p in cands if p.level != "township"]
        if not cands:
            return None
        best = min(cands, key=lambda p: (-p.count, p.first))
        return best.iri


class Resolver:
    """Accumulates articles into one KnowledgeGraph (see the module docstring)."""

    def __init__(self) -> None:
        from kg.gazetteer import load_gazetteer

        self.kg = KnowledgeGraph()
        self.gaz = load_gazetteer()
        self._national = frozenset(read_lines("agency_national.txt"))

    # -- public -----------------------------------------------------------
    def add(self, article: Article, ann: Annotations) -> None:
        """Add one article and everything its annotations say."""
        key = tuple(article.path.split("/"))
        art = self.kg.add(
            instance_iri("article", *key),
            "Article",
            article.title or article.path,
            source_path=article.path,
            headline=article.title,
            date=article.date,
            text=article.text,
            byline=article.meta.get("byline") or None,
            section=article.meta.get("categories") or None,
            keywords=article.meta.get("tags") or None,
        )
        ctx = _Context(article=article, iri=art, key=key)
        ctx.sentence_starts += [m.end() for m in SENTENCE_END.finditer(article.text)]
        if article.title and article.text.startswith(article.title):
            ctx.headline_end = len(article.title)
        self._places(ctx, ann)
        self._anaphora(ctx, ann)
        for region in ann.regions:
            iri = self.kg.add(instance_iri("region", region.name), "Region", region.name)
            self.kg.alt(iri, region.text)
            self._mention(ctx, iri, region.start, region.end, region.text)
        for agency in ann.agencies:
            iri = self._agency(ctx, agency)
            self._mention(ctx, iri, agency.start, agency.end, agency.text)
        # Titled mentions first, so a later bare repeat (张某强调) joins the
        # person its titled mention (县长张某) established in this article.
        for official in sorted(ann.officials, key=lambda o: (not o.titles, o.start)):
            self._official(ctx, official)
        self._campaigns(ctx, ann)
        for target in ann.targets:
            self._target(ctx, target)

    def finish(self) -> KnowledgeGraph:
        """Return the graph built so far."""
        return self.kg

    # -- places -------------------------------------------------------------
    def _place_node(self, adcode: str) -> str:
        """Add the gazetteer place ``adcode`` and its ancestors (not as mentions)."""
        iri = instance_iri("place", adcode)
        if iri in self.kg.g:
            return iri
        div = self.gaz.by_adcode(adcode)
        if div is None:
            return self.kg.add(iri, "Place", None, adcode=adcode)
        self.kg.add(iri, "Place", div.name, adcode=div.adcode, level=div.level,
                    latitude=div.latitude, longitude=div.longitude)
        if div.parent:
            parent = self._place_node(div.parent)
            self.kg.link(iri, "containedInPlace", parent)
        return iri

    def _places(self, ctx: _Context, ann: Annotations) -> None:
        known: list[tuple[PlaceMention, str]] = []
        townships: list[PlaceMention] = []
        for pm in ann.places:
            if pm.adcode:
                known.append((pm, self._place_node(pm.adcode)))
            else:
                townships.append(pm)
        for pm, iri in known:
            self._count_place(ctx, pm, iri, self.kg.g.nodes[iri].get("label") or pm.name,
                              self.kg.g.nodes[iri].get("level") or pm.level, pm.adcode)
        self._count_outlets(ctx, ann)
        # Townships and unknown places: under their parent where known, else under
        # the article's county, else scoped to the article.
        county = ctx.home("县") or ctx.home("区") or ctx.home("市")
        for pm in townships:
            parent_iri = instance_iri("place", pm.parent) if pm.parent else county
            if parent_iri and parent_iri in self.kg.g:
                scope = (self.kg.g.nodes[parent_iri].get("adcode") or _hash(parent_iri),)
            else:
                scope = ("article", *ctx.key)
                parent_iri = None
            iri = self.kg.add(instance_iri("place", *scope, pm.name), "Place", pm.name,
                              level=pm.level or "township")
            if parent_iri:
                self.kg.link(iri, "containedInPlace", parent_iri)
            self._count_place(ctx, pm, iri, pm.name, pm.level or "township", None)
        for pm, iri in [*known, *((pm, ctx.by_name[pm.name]) for pm in townships)]:
            self.kg.alt(iri, pm.text)
            self._mention(ctx, iri, pm.start, pm.end, pm.text)
        ctx.main_home = self._main_home(ctx, ann)

    def _count_outlets(self, ctx: _Context, ann: Annotations) -> None:
        """A city's or county's own paper at the top of the article (牡丹江日报)
        says where it is from: two more votes for that place, when the body names
        it too (the paper's name itself is no place mention)."""
        for adcode in ann.outlet_places:
            place = ctx.places.get(instance_iri("place", adcode))
            if place is not None:
                place.count += OUTLET_WEIGHT

    def _count_place(self, ctx: _Context, pm: PlaceMention, iri: str, name: str,
                     level: str | None, adcode: str | None) -> None:
        place = ctx.places.get(iri)
        if place is None:
            place = ctx.places[iri] = _Place(iri, name, level, adcode, pm.start)
        # A place in the headline is what the article is about: it weighs as much
        # as three mentions in the body when choosing the article's own place.
        place.count += HEADLINE_WEIGHT if pm.start < ctx.headline_end else 1
        ctx.by_name[pm.text] = iri
        ctx.by_name[name] = iri
        ctx.spans.append((pm.start, pm.end, iri))

    def _main_home(self, ctx: _Context, ann: Annotations) -> str | None:
        """The place the article is about: the place its names (headline counted
        thrice) and its anaphora (我市, 全县: each a vote for the place of that
        level) point to most; None when nothing stands out (one mention each of
        several places)."""
        if not ctx.places:
            return None
        votes = Counter({iri: p.count for iri, p in ctx.places.items()})
        for an in ann.anaphora:
            home = ctx.home(an.level) if an.target == "place" else None
            if home:
                votes[home] += 1
        best = min(ctx.places.values(), key=lambda p: (-votes[p.iri], p.first))
        if len(ctx.places) == 1 or votes[best.iri] >= 2:
            return best.iri
        return None

    def _anaphora(self, ctx: _Context, ann: Annotations) -> None:
        for an in ann.anaphora:
            if an.target == "place":
                home = ctx.home(an.level)
                if home:
                    self._mention(ctx, home, an.start, an.end, an.text)
                    ctx.anaphor_spans.append((an.start, an.end, home))

    def _place_in(self, ctx: _Context, start: int, end: int) -> str | None:
        """The place named by a mention inside [start, end)."""
        for s, e, iri in ctx.spans:
            if s >= start and e <= end:
                return iri
        return None

    def _place_by_text(self, ctx: _Context, text: str | None, pos: int) -> str | None:
        """A place written as ``text`` (a name, or a bare level character) at ``pos``."""
        if not text:
            return None
        if text in ctx.by_name:
            return ctx.by_name[text]
        if text in LEVEL_WORDS:
            return self._home_near(ctx, text, pos)
        return None

    def _home_near(self, ctx: _Context, level: str, pos: int) -> str | None:
        """The place a bare level word at ``pos`` refers to: the last place of that
        level named earlier in the same sentence (绵阳市生态环境局…、市…中心: still
        绵阳市), else the article's own place at that level."""
        begin = self._sentence_start(ctx, pos)
        best = None
        for s, _e, iri in ctx.spans:
            if begin <= s < pos and ctx.places[iri].name.endswith(level):
                if best is None or s > best[0]:
                    best = (s, iri)
        return best[1] if best else ctx.home(level)

    @staticmethod
    def _sentence_start(ctx: _Context, pos: int) -> int:
        """Offset where the sentence holding ``pos`` begins (a bisect over the
        article's sentence starts, found once per article)."""
        starts = ctx.sentence_starts
        return starts[bisect_right(starts, pos) - 1]

    # -- agencies -------------------------------------------------------------
    def _agency_iri(self, ctx: _Context, written: str, place_text: str | None, level: str | None,
                    pos: int, place_iri: str | None = None, jurisdiction: str | None = None,
                    branch: AgencyMention | None = None) -> str:
        """Canonical agency node for a written name (added if new)."""
        folded = fold_agency_name(written)
        rest = folded
        if not level and not place_text:
            level = level_prefix(folded)  # 省委省政府…督察组 is a bare provincial body
        if place_iri is None and place_text:
            place_iri = self._place_by_text(ctx, place_text, pos)
        if place_text and folded.startswith(place_text):
            rest = folded[len(place_text):]
        elif place_iri is None and level and folded.startswith(level):
            place_iri = self._home_near(ctx, level, pos)
            rest = folded[len(level):] if place_iri else folded
            if place_iri and not rest:
                place_iri = None  # a bare level word is no agency
        if place_iri:
            place = self.kg.g.nodes[place_iri]
            # A zone's name is a proper name (某某经济开发区管委会): keep it as written.
            canonical = folded if rest.startswith(ZONE_WORDS) else place["label"] + rest
            if jurisdiction is None and branch is not None:
                jurisdiction = self._branch_place(ctx, branch, place_iri)
            place_iri = jurisdiction or place_iri
            scope: tuple[str, ...] = (self.kg.g.nodes[place_iri].get("adcode") or _hash(place_iri),)
        elif level or place_text:
            canonical, scope = folded, ("article", *ctx.key)
        elif not self._is_national(folded) and ctx.main_home:
            # A named local body without its jurisdiction written (组建生态环境执法指挥中心
            # in an article about one city) belongs to the article's own place.
            place_iri = ctx.main_home
            place = self.kg.g.nodes[place_iri]
            canonical = place["label"] + folded
            scope = (place.get("adcode") or _hash(place_iri),)
        else:
            canonical, scope = folded, ()
        iri = self.kg.add(instance_iri("agency", *scope, canonical), "Agency", canonical)
        self.kg.alt(iri, written, folded)
        if place_iri:
            self.kg.link(iri, "jurisdiction", place_iri)
        ctx.agencies.setdefault(written, iri)
        ctx.agencies.setdefault(folded, iri)
        return iri

    def _is_national(self, name: str) -> bool:
        """National bodies keep no jurisdiction: the listed ones, those named for the
        centre (中央…, 国家…, 国务院…), and ministries (…部)."""
        return name in self._national or name.startswith(NATIONAL_PREFIXES) or bool(MINISTRY.match(name))

    def _agency(self, ctx: _Context, am: AgencyMention) -> str:
        place_iri = self._place_in(ctx, am.start, am.start + len(am.place_text)) if am.place_text else None
        # A branch named for a lower place (…市生态环境局某某分局, …州生态环境局某市分局)
        # serves that place: the last place named inside the name.
        inner = [iri for s, e, iri in ctx.spans if am.start <= s and e <= am.end]
        jurisdiction = inner[-1] if place_iri and inner and inner[-1] != place_iri else None
        iri = self._agency_iri(ctx, am.name, am.place_text, am.level, am.start, place_iri, jurisdiction,
                               branch=am if am.text.endswith(BRANCH_HEADS) else None)
        if am.parent and am.parent in ctx.agencies:
            self.kg.link(iri, "subOrganizationOf", ctx.agencies[am.parent])
        return iri

    def _branch_place(self, ctx: _Context, am: AgencyMention, parent_iri: str) -> str | None:
        """The division a branch is named for when the place step did not mark it
        (…生态环境局南海分局: 南海 is also a sea, so no short form; …支队城关大队):
        the child of the parent's division whose name or short form is the stem
        between the parent body's head (局, 支队) and the branch head."""
        head = am.text[:-2]
        k = max(head.rfind("局"), head.rfind("支队"))
        if head.rfind("支队") == k and k >= 0:
            k += 1  # past 支队
        stem = head[k + 1:] if k >= 0 else head  # 某某分局 written alone
        parent = self.kg.g.nodes[parent_iri].get("adcode")
        if len(stem) < 2 or not parent:
            return None
        found = {d.adcode: d for form in (stem, stem + "区", stem + "县", stem + "市")
                 for d in self.gaz.lookup(form) if d.parent == parent}
        if len(found) != 1:
            return None
        (div,) = found.values()
        start = am.start + k + 1
        pm = PlaceMention(start, start + len(stem), stem, div.name, div.adcode, div.level, div.parent)
        iri = self._place_node(div.adcode)
        self._count_place(ctx, pm, iri, div.name, div.level, div.adcode)
        self.kg.alt(iri, stem)
        self._mention(ctx, iri, pm.start, pm.end, stem)
        return iri

    def _body(self, ctx: _Context, title: Title, pos: int) -> str | None:
        if not title.body:
            return None
        if title.body in ctx.agencies:
            return ctx.agencies[title.body]
        level = level_prefix(title.body)
        return self._agency_iri(ctx, title.body, title.place_text, level, pos)

    # -- officials ------------------------------------------------------------
    def _official(self, ctx: _Context, om: OfficialMention) -> None:
        if not om.titles and om.name in ctx.people:
            self._mention(ctx, ctx.people[om.name], om.start, om.end, om.text)
            return
        posts = []
        for title in om.titles:
            body = self._body(ctx, title, om.start)
            place = None
            if body:
                place = next(iter(self.kg.objects(body, "jurisdiction")), None)
            if place is None:
                place = self._place_by_text(ctx, title.place_text, om.start)
            if place is None and title.role.startswith("村"):
                # A village post (村党支部书记, 村级河长): villages are not in the
                # gazetteer, so the township named before it in the sentence.
                place = self._sentence_place(ctx, om.start, level="township")
            posts.append((title, body, place))
        place = next((p for _, _, p in posts if p), None)
        roles = [t.role for t, _, _ in posts if t.role]
        if place:
            scope: tuple[str, ...] = (self.kg.g.nodes[place].get("adcode") or _hash(place),)
        elif roles:
            scope = ("role", roles[0])
        else:
            scope = ("article", *ctx.key)
        person = self.kg.add(instance_iri("official", *scope, om.name), "Official", om.name)
        ctx.people.setdefault(om.name, person)
        self.kg.alt(person, om.text.replace(" ", "").replace("\u3000", ""))
        for title, body, post_place in posts:
            if not title.role:
                continue
            where = body or post_place or ""
            post = self.kg.add(
                instance_iri("post", *scope, om.name, title.role, _hash(where)),
                "Post",
                (self.kg.g.nodes[where]["label"] if where else "") + title.role,
            )
            role = self.kg.add(instance_iri("role", title.role), "Role", title.role)
            self.kg.link(person, "holds", post)
            self.kg.link(post, "role", role)
            if body:
                self.kg.link(post, "postIn", body)
            if post_place:
                self.kg.link(post, "jurisdiction", post_place)
        if place and not any(t.role for t in om.titles):
            # A leader listed without a title (该县领导…): placed, but holds no post.
            post = self.kg.add(instance_iri("post", *scope, om.name, "", _hash(place)), "Post",
                               self.kg.g.nodes[place]["label"])
            self.kg.link(person, "holds", post)
            self.kg.link(post, "jurisdiction", place)
        self._mention(ctx, person, om.start, om.end, om.text)

    # -- campaigns and targets --------------------------------------------------
    def _campaigns(self, ctx: _Context, ann: Annotations) -> None:
        for cm in ann.campaigns:
            iri = self.kg.add(instance_iri("campaign", cm.name), "Campaign", cm.name)
            self.kg.alt(iri, cm.text)
            if not any(w in cm.name for w in _NOT_LOCAL_CAMPAIGN):
                # Who runs it: a place named earlier in its sentence (平罗县启动…),
                # unless that is only a wider place; else the article's own place.
                runner = self._sentence_place(ctx, cm.start)
                if runner is None or (ctx.main_home and self._contains(runner, ctx.main_home)):
                    runner = ctx.main_home
                if runner:
                    self.kg.link(iri, "conductedBy", runner)
            self._mention(ctx, iri, cm.start, cm.end, cm.text)

    def _target(self, ctx: _Context, tm: TargetMention) -> None:
        label = f"{tm.indicator}{tm.change or ''}{tm.value}{tm.unit}"
        iri = self.kg.add(
            instance_iri("target", *ctx.key, f"{tm.start}-{tm.end}", tm.indicator, str(tm.value), tm.unit),
            "Target",
            label,
            indicator=tm.indicator,
            value=tm.value,
            unit=tm.unit,
            change=tm.change,
            target_kind=tm.kind,
        )
        place = self._place_in(ctx, tm.start, tm.end) or self._sentence_place(ctx, tm.start)
        if place is None or (ctx.main_home and self._contains(place, ctx.main_home)):
            # 在全省排名第三 / 岳阳市下达的…: a wider place in the sentence is the
            # scope of the figure; the figure is about the article's own place.
            place = ctx.main_home
        if place:
            self.kg.link(iri, "place", place)
        if tm.campaign:
            camp = self.kg.add(instance_iri("campaign", tm.campaign), "Campaign", tm.campaign)
            self.kg.link(iri, "campaign", camp)
        self._mention(ctx, iri, tm.start, tm.end, tm.text)

    def _contains(self, outer: str, inner: str) -> bool:
        """Whether place ``outer`` encloses place ``inner`` (schema:containedInPlace*)."""
        seen = set()
        node = inner
        while node not in seen:
            seen.add(node)
            parents = self.kg.objects(node, "containedInPlace")
            if not parents:
                return False
            node = parents[0]
            if node == outer:
                return True
        return False

    def _sentence_place(self, ctx: _Context, start: int, level: str | None = None) -> str | None:
        """The last place (of ``level``, if given) named earlier in the same sentence,
        by name or, unless a level is asked for, by anaphor (…到某县调研。全市…: 全市)."""
        begin = self._sentence_start(ctx, start)
        best = None
        spans = ctx.spans if level else ctx.spans + ctx.anaphor_spans
        for s, e, iri in spans:
            if level and ctx.places[iri].level != level:
                continue
            if begin <= s and e <= start and (best is None or s > best[0]):
                best = (s, iri)
        return best[1] if best else None

    # -- provenance -------------------------------------------------------------
    def _mention(self, ctx: _Context, entity: str, start: int, end: int, written: str) -> None:
        """Record that the article names ``entity`` at [start, end).

        The anchor is cut from the article text itself, so provenance can never
        disagree with the offsets whatever a component put in ``written``."""
        anchor = ctx.article.text[start:end]
        if not anchor or start < 0:
            raise ValueError(f"{ctx.article.path}: empty mention {start}-{end} for {written!r}")
        iri = instance_iri("mention", *ctx.key, f"{start}-{end}-{_hash(entity)}")
        self.kg.add(iri, "Mention", None, begin=start, end=end, anchor=anchor)
        self.kg.link(iri, "article", ctx.iri)
        self.kg.link(iri, "denotes", entity)
        self.kg.link(ctx.iri, "mentions", entity)
