"""What the annotate components find, as exact character-offset records.

Jieba's tokens do not always line up with the things we extract (绵阳市 inside a
single token 绵阳市生态环境局), and provenance needs exact offsets, so every
component appends records here; spans in ``doc.spans`` are only a mirror,
expanded to token boundaries, for spaCy's own tools.

Offsets are code points into ``doc.text`` (the article's cleaned text), end
exclusive. Names are as written, after light normalisation; canonical names,
jurisdictions and identity across articles are the resolver's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Doc


@dataclass(frozen=True)
class PlaceMention:
    """A place named in the text (绵阳市, 绵阳, 青莲镇).

    ``adcode`` and ``name`` (full current name) come from the gazetteer where it
    knows the place; a township found by its suffix alone has no adcode.
    ``level`` is province / prefecture / county / township.
    ``parent`` is the adcode of the enclosing division when known.
    """

    start: int
    end: int
    text: str
    name: str
    adcode: str | None = None
    level: str | None = None
    parent: str | None = None
    candidates: tuple[str, ...] = ()  # other adcodes sharing the name (朝阳区…)


@dataclass(frozen=True)
class RegionMention:
    """A region or natural feature (京津冀, 黄河流域): never a Place."""

    start: int
    end: int
    text: str
    name: str


@dataclass(frozen=True)
class AnaphorMention:
    """A reference to the article's own place or body: 我市, 全县, 该局, 本区.

    ``level`` is the suffix it refers to (市, 县, 区, 省, 镇, 乡, 局…);
    ``target`` is "place" or "agency".
    """

    start: int
    end: int
    text: str
    level: str
    target: str = "place"


@dataclass(frozen=True)
class AgencyMention:
    """A government or Party body (绵阳市生态环境局, 县委, 生态环境部大气环境司).

    ``name`` is the form written (中共 and 人民 kept; the resolver folds them);
    ``place_text`` the jurisdiction written inside it (绵阳市), if any;
    ``level`` the level a bare form implies (市 for 市委, 县 for 县环保局);
    ``parent`` the enclosing body written before it (水利部 for 生态环境部大气环境司);
    ``in_title`` is true when it was named only inside an official's title.
    """

    start: int
    end: int
    text: str
    name: str
    place_text: str | None = None
    level: str | None = None
    parent: str | None = None
    in_title: bool = False


@dataclass(frozen=True)
class Title:
    """One post of an official, split at 、: ``role`` without jurisdiction but
    with level (县委书记, 局长, 市委常委); ``raw`` as written; ``body`` the agency
    named or implied (绵阳市生态环境局, 县委) or None; ``place_text`` the
    jurisdiction written or implied (绵阳市, 县) or None."""

    role: str
    raw: str
    body: str | None = None
    place_text: str | None = None


@dataclass(frozen=True)
class OfficialMention:
    """A named official (the name's own offsets) with the titles written next to it."""

    start: int
    end: int
    text: str
    name: str
    titles: tuple[Title, ...] = ()


@dataclass(frozen=True)
class CampaignMention:
    """A named campaign; ``name`` canonical (no verbs, “” quotes), ``text`` as written."""

    start: int
    end: int
    text: str
    name: str


@dataclass(frozen=True)
class TargetMention:
    """One quantified statement: indicator + change + value + unit.

    ``unit`` is normalised (%, 百分点, μg/m3, 天, 名 …); ``kind`` is "goal" or
    "result"; ``campaign`` is the canonical name of a campaign the sentence
    ties it to, if any.
    """

    start: int
    end: int
    text: str
    indicator: str
    value: Decimal
    unit: str
    change: str | None = None
    kind: str = "result"
    campaign: str | None = None


@dataclass
class Annotations:
    """Everything the pipeline found in one document."""

    places: list[PlaceMention] = field(default_factory=list)
    regions: list[RegionMention] = field(default_factory=list)
    anaphora: list[AnaphorMention] = field(default_factory=list)
    agencies: list[AgencyMention] = field(default_factory=list)
    officials: list[OfficialMention] = field(default_factory=list)
    campaigns: list[CampaignMention] = field(default_factory=list)
    targets: list[TargetMention] = field(default_factory=list)
    # adcodes of a prefecture or county whose own paper heads the text (牡丹江日报):
    # not a place mention, a hint of where the article is from
    outlet_places: list[str] = field(default_factory=list)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy rebuilds it from every token on
    each access (about a third of a second per 100k characters), more than all
    our regexes together. A Doc's text never changes once it is made."""
    text = doc.user_data.get("lt_text")
    if text is None:
        text = doc.user_data["lt_text"] = doc.text
    return text


def _get_annotations(doc: Doc) -> Annotations:
    ann = doc.user_data.get("lt")
    if ann is None:
        ann = doc.user_data["lt"] = Annotations()
    return ann


if not Doc.has_extension("lt"):
    Doc.set_extension("lt", getter=_get_annotations)


def mirror_spans(doc: Doc, key: str, records: list, label: str) -> None:
    """Mirror records as a span group (expanded to token boundaries)."""
    spans = []
    for rec in records:
        span = doc.char_span(rec.start, rec.end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans
