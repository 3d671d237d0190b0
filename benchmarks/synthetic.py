"""Well-formed fake articles over real place names, for speed work only.

Each article is a short, grammatical Chinese news text about local
environmental governance: a meeting in a real prefecture or county (names
and adcodes from kg/data/gazetteer.tsv, or a small built-in list of real
prefectures when the gazetteer is missing), officials with invented names
(a surname from kg/data/surnames.txt plus generic given-name characters)
holding posts in agencies named after the place, invented campaign names and
quantified results and goals. The generator also records, for every entity
it writes, where in the text it is and what it denotes, so a benchmark can
turn a corpus straight into a contract-shaped graph (benchmarks/sparql.py).

These articles never enter quality scoring: their sentences come from a
handful of templates, so they say nothing about how well extraction works.

    .venv/bin/python benchmarks/synthetic.py OUT_DIR [--articles 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "kg" / "data" / "gazetteer.tsv"
SURNAMES = ROOT / "kg" / "data" / "surnames.txt"

# Real prefecture-level cities with their GB/T 2260 codes (fallback only).
FALLBACK_PLACES = [
    ("130100", "石家庄市", "130000"), ("140100", "太原市", "140000"), ("210100", "沈阳市", "210000"),
    ("220100", "长春市", "220000"), ("320500", "苏州市", "320000"), ("330200", "宁波市", "330000"),
    ("340100", "合肥市", "340000"), ("350200", "厦门市", "350000"), ("360100", "南昌市", "360000"),
    ("410100", "郑州市", "410000"), ("420100", "武汉市", "420000"), ("430100", "长沙市", "430000"),
    ("450100", "南宁市", "450000"), ("510100", "成都市", "510000"), ("530100", "昆明市", "530000"),
    ("610100", "西安市", "610000"), ("620100", "兰州市", "620000"), ("650100", "乌鲁木齐市", "650000"),
]
FALLBACK_SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
GIVEN_CHARS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力斌志宏海波鹏宇晨凯"
AGENCY_SUFFIXES = ["生态环境局", "住房和城乡建设局", "水务局", "自然资源和规划局", "城市管理局",
                   "发展和改革委员会"]
ROLES = [("局长", True), ("副局长", False), ("党组书记", True), ("主任", True), ("副主任", False),
         ("科员", False)]
CAMPAIGN_THEMES = ["清流攻坚", "净空护航", "绿脉织补", "静享宁居", "沃土守护", "碧野提升"]
CAMPAIGN_KINDS = ["行动", "专项行动", "三年行动"]
INDICATORS = [("PM2.5平均浓度", "微克/立方米"), ("优良天数比例", "%"), ("PM10平均浓度", "微克/立方米"),
              ("重污染天数", "天"), ("地表水优良水体比例", "%")]
CHANGES = ["同比改善", "同比下降", "同比上升"]


@dataclass(frozen=True)
class Place:
    adcode: str
    name: str
    parent: str | None
    level: str


@dataclass(frozen=True)
class Agency:
    name: str
    place: Place


@dataclass(frozen=True)
class Official:
    name: str
    role: str
    agency: Agency


@dataclass(frozen=True)
class Campaign:
    name: str
    place: Place
    agency: Agency | None = None  # the agency that runs it, when not the place's government


@dataclass(frozen=True)
class Target:
    indicator: str
    value: str
    unit: str
    change: str | None
    kind: str  # "goal" or "result"
    place: Place
    campaign: Campaign | None


@dataclass(frozen=True)
class Span:
    """Characters [begin, end) of the text that name ``thing``."""

    begin: int
    end: int
    thing: object


@dataclass
class FakeArticle:
    path: str
    headline: str
    date: str
    text: str = ""
    spans: list[Span] = field(default_factory=list)


def load_places() -> list[Place]:
    """Prefectures and counties from the gazetteer, or the built-in prefectures."""
    places: list[Place] = []
    if GAZETTEER.is_file():
        for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 4 and cols[0].isdigit() and cols[2] in {"province", "prefecture", "county"}:
                places.append(Place(cols[0], cols[1], cols[3] or None, cols[2]))
    if not places:
        places = [Place(code, name, parent, "prefecture") for code, name, parent in FALLBACK_PLACES]
    return places


def load_surnames() -> list[str]:
    if SURNAMES.is_file():
        names = [ln.strip() for ln in SURNAMES.read_text(encoding="utf-8").splitlines()
                 if ln.strip() and not ln.startswith("#")]
        single = [n for n in names if len(n) == 1]
        if single:
            return single
    return FALLBACK_SURNAMES


class World:
    """A fixed, seeded cast of places, agencies, officials and campaigns."""

    def __init__(self, seed: int = 7, officials_per_agency: int = 4) -> None:
        self.rng = random.Random(seed)
        self.places = load_places()
        self.by_code = {p.adcode: p for p in self.places}
        self.local = [p for p in self.places if p.level in {"prefecture", "county"}] or self.places
        surnames = load_surnames()
        self._agencies: dict[str, list[Agency]] = {}
        self._officials: dict[Agency, list[Official]] = {}
        self._campaigns: dict[str, list[Campaign]] = {}
        self._surnames = surnames
        self._per_agency = officials_per_agency
        self._used_names: set[str] = set()

    def _person_name(self) -> str:
        rng = self.rng
        for _ in range(50):
            given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.randint(1, 2)))
            name = rng.choice(self._surnames) + given
            if name not in self._used_names:
                self._used_names.add(name)
                return name
        return name

    def agencies(self, place: Place) -> list[Agency]:
        if place.adcode not in self._agencies:
            self._agencies[place.adcode] = [Agency(place.name + s, place) for s in AGENCY_SUFFIXES]
        return self._agencies[place.adcode]

    def officials(self, agency: Agency) -> list[Official]:
        if agency not in self._officials:
            roles = self.rng.sample(ROLES, k=min(self._per_agency, len(ROLES)))
            self._officials[agency] = [Official(self._person_name(), role, agency) for role, _ in roles]
        return self._officials[agency]

    def campaigns(self, place: Place) -> list[Campaign]:
        if place.adcode not in self._campaigns:
            short = place.name[:-1] if len(place.name) > 2 else place.name
            themes = self.rng.sample(CAMPAIGN_THEMES, k=2)
            self._campaigns[place.adcode] = [
                Campaign(f"{short}{t}{self.rng.choice(CAMPAIGN_KINDS)}", place,
                         self.agencies(place)[0] if self.rng.random() < 0.3 else None)
                for t in themes
            ]
        return self._campaigns[place.adcode]

    def parent(self, place: Place) -> Place | None:
        return self.by_code.get(place.parent) if place.parent else None


class _Writer:
    def __init__(self, article: FakeArticle) -> None:
        self.article = article
        self.parts: list[str] = []
        self.length = 0

    def say(self, *pieces: str | tuple[str, object]) -> None:
        for piece in pieces:
            if isinstance(piece, tuple):
                text, thing = piece
                self.article.spans.append(Span(self.length, self.length + len(text), thing))
            else:
                text = piece
            self.parts.append(text)
            self.length += len(text)

    def finish(self) -> None:
        self.article.text = "".join(self.parts)


def _number(rng: random.Random, unit: str) -> str:
    if unit == "%":
        return f"{rng.uniform(1, 95):.1f}"
    if unit == "天":
        return str(rng.randint(1, 30))
    return str(rng.randint(15, 80))


def fake_article(world: World, index: int) -> FakeArticle:
    """One article about a random local place; deterministic for a given world and index."""
    rng = world.rng
    place = rng.choice(world.local)
    year = rng.randint(2018, 2024)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    campaign = rng.choice(world.campaigns(place))
    lead_agency = world.agencies(place)[0]
    other_agency = rng.choice(world.agencies(place)[1:])
    speaker = rng.choice(world.officials(lead_agency))
    second = rng.choice(world.officials(other_agency))
    article = FakeArticle(path=f"{index // 1000:03d}/{index:06d}.txt",
                          headline=f"{place.name}推进{campaign.name}", date=date)
    w = _Writer(article)
    w.say((place.name, place), "推进", (campaign.name, campaign), "\n\n")
    w.say(f"{year}年{int(date[5:7])}月{int(date[8:10])}日，", (place.name, place), "召开",
          (campaign.name, campaign), "推进会。")
    w.say((lead_agency.name, lead_agency), speaker.role, (speaker.name, speaker), "出席会议并讲话。")
    parent = world.parent(place)
    if parent is not None:
        w.say("会议传达了", (parent.name, parent), "有关工作要求。")
    for kind in ("result", "goal"):
        indicator, unit = rng.choice(INDICATORS)
        value = _number(rng, unit)
        change = rng.choice(CHANGES) if kind == "result" and rng.random() < 0.7 else None
        target = Target(indicator, value, unit, change, kind, place, campaign if kind == "goal" else None)
        shown = f"{value}{unit}"
        if kind == "result":
            w.say(f"{year - 1}年，", (place.name, place), "全市" if place.level == "prefecture" else "全县")
            tail = f"，{change}{rng.randint(1, 20)}%。" if change else "。"
            w.say((f"{indicator}为{shown}", target), tail)
        else:
            w.say("会议要求，到", f"{year + 1}年，", (place.name, place))
            w.say((f"{indicator}达到{shown}", target), "。")
    w.say((other_agency.name, other_agency), second.role, (second.name, second),
          "表示，将持续推进", (campaign.name, campaign), "，确保各项任务落地见效。")
    w.finish()
    return article


def generate(n_articles: int, seed: int = 7) -> Iterator[FakeArticle]:
    """``n_articles`` fake articles from one seeded world."""
    world = World(seed)
    for i in range(n_articles):
        yield fake_article(world, i)


def write_corpus(folder: Path, n_articles: int, seed: int = 7) -> int:
    """Write a corpus folder that ``kg build`` can read; return the number of characters."""
    chars = 0
    for article in generate(n_articles, seed):
        path = folder / article.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text + "\n", encoding="utf-8")
        chars += len(article.text)
    return chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    chars = write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles ({chars} characters) under {args.out}")


if __name__ == "__main__":
    main()
