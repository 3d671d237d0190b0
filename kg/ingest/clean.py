"""Plain text of a page → the article's cleaned, normalised text and metadata.

The steps run in a fixed order because each relies on the one before:

1. characters: line breaks, zero-width characters, control characters;
2. pinyin mojibake (``長(zhǎng)垣``, ``日?qǐng)?bào)``, ``????`` indents), only
   where the text shows that pattern;
3. width and script: full-width ASCII → half-width (exactly what NFKC does to
   those characters, so names in the text are already in the scorer's form),
   traditional → simplified (OpenCC t2s);
4. page chrome (``kg/data/chrome_patterns.txt``), metadata lines
   (``kg/data/ingest_labels.txt``: source, byline, date) and bylines;
5. line breaks inside sentences (PDF extractions) and ``PM 2.5`` spellings.

Every mention offset is computed later on the result, so nothing here has to
keep offsets stable. Patterns are compiled once, when the module is imported.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

from kg.data import read_lines
from kg.errors import DataError
from kg.ingest.encoding import is_common_han

# ------------------------------------------------------------------ characters

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\ufffd\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ENTITY = re.compile(
    r"&(?:nbsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot"
    r"|#\d{2,5}|#x[0-9a-fA-F]{2,4});"
)


def _width_table() -> dict[int, str]:
    """Full-width ASCII, ideographic space, small forms and super/subscript digits → NFKC."""
    table: dict[int, str] = {}
    ranges = [(0xFF01, 0xFF5E), (0xFFE0, 0xFFE6), (0xFE50, 0xFE6B), (0x2070, 0x209F), (0x3000, 0x3000)]
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            ch = chr(code)
            folded = unicodedata.normalize("NFKC", ch)
            if folded != ch and len(folded) == 1:
                table[code] = folded
    table[0x00B2] = "2"
    table[0x00B3] = "3"
    table[0x00B9] = "1"
    return table


_WIDTH = _width_table()
_T2S = OpenCC("t2s")


@lru_cache(maxsize=1)
def _t2s_triggers() -> tuple[frozenset[str] | None, tuple[str, ...]]:
    """What a text must hold for t2s to change it: a character that the
    character table changes, or one of the few changed phrases made only of
    characters it keeps (沈默 → 沉默). ``None`` when OpenCC's tables cannot be
    read: then every text is converted."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"

    def table(name: str) -> dict[str, str]:
        rows = (line.rstrip("\n").split("\t") for line in (folder / name).read_text("utf-8").splitlines())
        return {row[0]: row[1] for row in rows if len(row) == 2}

    try:
        chars, phrases = table("TSCharacters.txt"), table("TSPhrases.txt")
    except OSError:
        return None, ()
    changed = {k for k, v in chars.items() if v != k}
    if not changed:
        return None, ()
    odd = tuple(sorted(k for k, v in phrases.items() if v != k and not changed.intersection(k)))
    return frozenset(changed), odd


def _to_simplified(text: str) -> str:
    # OpenCC's pure-Python conversion cost more than all of ingest; most
    # articles are simplified already and need none.
    chars, phrases = _t2s_triggers()  # read once, at the first text
    if chars is not None and chars.isdisjoint(text) and not any(p in text for p in phrases):
        return text
    return _T2S.convert(text)


def normalise_characters(text: str) -> str:
    """Unify line breaks, drop invisible/control characters, fold full-width
    ASCII to half-width and traditional characters to simplified ones.

    Chinese punctuation outside the full-width ASCII block (。、“”《》…—·)
    is left as it is: NFKC leaves it too.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = text.translate(_WIDTH)
    return _to_simplified(text)


# -------------------------------------------------------------------- mojibake

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zü{_TONED}]{{1,7}}[1-5]?"
_PINYIN_AFTER_HAN = re.compile(rf"(?<=[\u3400-\u9fff])\([a-zü]*[{_TONED}][a-zü{_TONED}]*\)")
_PINYIN_GROUP = re.compile(rf"\({_SYLLABLE}\)")
_MANGLED_GROUP = re.compile(rf"\?{_SYLLABLE}\)(?P<debris>[\u3400-\u9fff])?")
_QUESTION_RUN = re.compile(r"\?{2,}|(?m:^\?+)")


def has_pinyin_mojibake(text: str) -> bool:
    """Text whose characters carry parenthesised pinyin (``長(zhǎng)垣``) —
    a scraping artefact — at least three times."""
    return len(_PINYIN_AFTER_HAN.findall(text, 0, 20000)) >= 3


def repair_pinyin_mojibake(text: str) -> str:
    """Remove pinyin annotations, their mangled ``?pinyin)`` forms and the
    ``?`` runs used as indentation. Only call it on text where
    ``has_pinyin_mojibake`` is true: elsewhere ``?`` is a question mark.

    A mangled group swallowed the characters around it; a rare character right
    after one is the debris of that (``償?shù)膶?shí)施``), so it goes too.
    """
    text = _PINYIN_GROUP.sub("", text)
    text = _MANGLED_GROUP.sub(_drop_debris, text)
    return _QUESTION_RUN.sub("", text)


def _drop_debris(match: re.Match[str]) -> str:
    debris = match.group("debris")
    return "" if not debris or not is_common_han(debris) else debris


# --------------------------------------------------------------------- chrome


@dataclass(frozen=True)
class _Chrome:
    line: tuple[re.Pattern[str], ...]
    edge: tuple[re.Pattern[str], ...]
    footer: tuple[re.Pattern[str], ...]
    cut: tuple[re.Pattern[str], ...]


_MAX_CHROME_LINE = 160
_MAX_FOOTER_LINE = 200
_EDGE_HEAD, _EDGE_TAIL = 6, 4
_SENTENCE_END = re.compile(r"[。!?…][”’」』)\]]*$")


@lru_cache(maxsize=1)
def _chrome() -> _Chrome:
    kinds: dict[str, list[re.Pattern[str]]] = {"line": [], "edge": [], "footer": [], "cut": []}
    for entry in read_lines("chrome_patterns.txt"):
        kind, _, pattern = entry.partition(" ")
        pattern = pattern.strip()
        if kind not in kinds or not pattern:
            raise DataError(
                f"chrome_patterns.txt: bad line {entry!r}; expected 'KIND  REGEX' with KIND one of "
                "line, edge, footer, cut; fix the data file"
            )
        kinds[kind].append(re.compile(pattern))
    return _Chrome(*(tuple(kinds[k]) for k in ("line", "edge", "footer", "cut")))


def _is_chrome_line(line: str, k: int, n: int) -> bool:
    if len(line) > _MAX_CHROME_LINE:
        return False
    chrome = _chrome()
    if any(p.fullmatch(line) for p in chrome.line):
        return True
    if (k < _EDGE_HEAD or k >= n - _EDGE_TAIL) and any(p.fullmatch(line) for p in chrome.edge):
        return True
    return False


def _is_footer_line(line: str) -> bool:
    if len(line) > _MAX_FOOTER_LINE or _SENTENCE_END.search(line):
        return False
    return any(p.search(line) for p in _chrome().footer)


def _is_cut_line(line: str) -> bool:
    return len(line) <= 40 and any(p.fullmatch(line) for p in _chrome().cut)


# ----------------------------------------------------------- metadata lines

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
)
_SHORT_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[-/月]\s*\d{1,2}(?!\d)\s*日?")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")
_SEPARATORS = re.compile(r"[\s|｜/·•,、;【】\[\]()]+")


@dataclass(frozen=True)
class _Labels:
    field: re.Pattern[str]  # any label followed by a colon
    kind: dict[str, str]
    bare_line: re.Pattern[str]  # "记者 张三 李四 通讯员 王五"
    inline: re.Pattern[str]  # "(记者 张三)" inside a paragraph


@lru_cache(maxsize=1)
def _labels() -> _Labels:
    kind: dict[str, str] = {}
    bare: list[str] = []
    attached: list[str] = []
    for entry in read_lines("ingest_labels.txt"):
        k, _, label = entry.partition(" ")
        label = label.strip()
        if k == "bare":
            bare.append(label)
        elif k == "attached":
            attached.append(label)
        else:
            kind.setdefault(label, k)
    alternatives = "|".join(re.escape(x) for x in sorted(kind, key=len, reverse=True))
    field_re = re.compile(rf"(?P<label>{alternatives})\s*[:丨|]")
    bare_alt = "|".join(re.escape(x) for x in sorted(bare, key=len, reverse=True))
    name = r"[\u4e00-\u9fff·]{1,4}"
    names = rf"{name}(?:[\s、,]+{name})*"
    bare_line = re.compile(rf"(?:(?:{bare_alt})(?:\s*:\s*|\s+){names}\s*)+")
    bylines = [label for label, k in kind.items() if k == "byline"]
    byline_alt = "|".join(re.escape(x) for x in sorted(bylines, key=len, reverse=True))
    attached_alt = "|".join(re.escape(x) for x in sorted(attached, key=len, reverse=True))
    item = (
        rf"(?:(?:{byline_alt})(?:\s*:\s*|\s+){names}"
        rf"|(?:{attached_alt})[\u4e00-\u9fff·]{{2,4}}(?:[\s、,]+{name})*)"
    )
    inline = re.compile(rf"[(\[【]\s*(?:{item}\s*)+[)\]】]")
    return _Labels(field_re, kind, bare_line, inline)


@dataclass
class Harvest:
    """Metadata found in the lines that leave the text."""

    bylines: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # publication lines near the top
    late_dates: list[str] = field(default_factory=list)  # signature dates at the end

    def add_byline(self, text: str) -> None:
        text = re.sub(r"\s+", " ", text).strip(" ,、;|()[]【】")
        if text and text not in self.bylines:
            self.bylines.append(text)

    def add_source(self, text: str) -> None:
        text = text.strip(" ,、;|()[]【】<>《》")
        if text and text not in self.sources:
            self.sources.append(text)


def iso_date(text: str) -> str | None:
    """The first full date in ``text`` (2022-11-07, 2022年2月28日, 2018/01/23) as YYYY-MM-DD."""
    for match in _DATE.finditer(text):
        y, m, d = int(match["y"]), int(match["m"]), int(match["d"])
        if 1 <= m <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _strip_datetimes(text: str, short: bool = False) -> str:
    """``text`` without its dates and times (``short``: also dates without a
    year, and weekdays — not in names, where 周一 may be a person)."""
    text = _DATE.sub(" ", text)
    text = _TIME.sub(" ", text)
    if short:
        text = _WEEKDAY.sub(" ", _SHORT_DATE.sub(" ", text))
    return text


def _meta_line(line: str, harvest: Harvest, near_top: bool, near_end: bool) -> bool:
    """Whether ``line`` is only metadata fields and dates; if so record them."""
    if len(line) > 100:
        return False
    labels = _labels()
    if labels.bare_line.fullmatch(line):
        harvest.add_byline(line)
        return True
    fields = list(labels.field.finditer(line))
    prefix = line[: fields[0].start()] if fields else line
    rest = _SEPARATORS.sub("", _strip_datetimes(prefix, short=True))
    if rest:
        return False
    if not fields:
        # A line that is only a date/time: a publication line near the top,
        # a signature date at the end.
        if not (_DATE.search(line) or _TIME.search(line)) or not (near_top or near_end):
            return False
        date = iso_date(line)
        if date:
            (harvest.dates if near_top else harvest.late_dates).append(date)
        return True
    found: list[tuple[str, str]] = []
    for i, match in enumerate(fields):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        value = line[match.end():end].strip()
        kind = labels.kind[match["label"]]
        if kind == "date":
            if _SEPARATORS.sub("", _strip_datetimes(value, short=True)):
                return False
        elif len(value) > 40 or re.search(r"[。!?;]", value):
            return False
        found.append((kind, value if kind != "byline" else f"{match['label']}:{value}"))
    date = iso_date(line)
    if date and (near_top or any(kind == "date" for kind, _ in found)):
        harvest.dates.append(date)
    for kind, value in found:
        value_text = _strip_datetimes(value).strip()
        if kind == "byline" and value_text.split(":", 1)[-1].strip():
            harvest.add_byline(value_text)
        elif kind == "source" and value_text:
            harvest.add_source(value_text)
    return True


def _harvest_from_chrome(line: str, harvest: Harvest) -> None:
    """A chrome line can still carry a byline ("关键词:… 责任编辑:张三")."""
    labels = _labels()
    for i, match in enumerate(fields := list(labels.field.finditer(line))):
        end = fields[i + 1].start() if i + 1 < len(fields) else len(line)
        value = _strip_datetimes(line[match.end():end]).strip()
        kind = labels.kind[match["label"]]
        if not value or len(value) > 30 or re.search(r"[。!?;“”\"]", value):
            continue
        if kind == "byline":
            harvest.add_byline(f"{match['label']}:{value}")
        elif kind == "source":
            harvest.add_source(value)


# ------------------------------------------------------------- line breaks


@dataclass(frozen=True)
class _Join:
    before_number: re.Pattern[str]
    after_number: re.Pattern[str]


@lru_cache(maxsize=1)
def _join_words() -> _Join:
    words: dict[str, list[str]] = {"before_number": [], "after_number": []}
    for entry in read_lines("ingest_join.txt"):
        kind, _, word = entry.partition(" ")
        if kind in words and word.strip():
            words[kind].append(re.escape(word.strip()))
    before = "|".join(sorted(words["before_number"], key=len, reverse=True))
    after = "|".join(sorted(words["after_number"], key=len, reverse=True))
    return _Join(
        before_number=re.compile(rf"(?:{before})$"),
        after_number=re.compile(rf"^(?:{after})"),
    )


_NEW_BLOCK = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+[章节条部分项]|[一二三四五六七八九十]+[、.]|"
    r"\([一二三四五六七八九十\d]+\)|\d+[、.](?!\d)|\d+\)|[①-⑳]|[●○■□◆◇▲△★☆•·※▪►\-—]|附件|附表)"
)
_CONTINUATION_START = re.compile(r"[,、。;:!?%)\]」』”’》】]")
_NUMBER_WITH_UNIT = re.compile(r"^\d+(?:\.\d+)?\s*(?:%|‰|[\u4e00-\u9fff]|μg|ug|mg)")
_ENDS_NUMBER = re.compile(r"\d(?:\.\d+)?$")
_POLLUTANT_PREFIX = re.compile(r"(?<![A-Za-z])(?:PM|pm|Pm|O|NO|SO|CO)$")


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def wrap_width(lines: list[str]) -> int | None:
    """The width at which the text was hard-wrapped, if it was.

    A hard-wrapped text (a PDF extraction) has many lines of (nearly) the same
    width and almost none wider; news written one paragraph per line does not.
    Widths count CJK characters double, as a page lays them out.
    """
    widths = sorted((_display_width(ln) for ln in lines if ln), reverse=True)
    long = [w for w in widths if w >= 20]
    if len(long) < 4:
        return None
    for top in sorted(set(long), reverse=True):
        wider = sum(1 for w in long if w > top)
        if wider > max(1, len(long) // 10):
            return None
        near = sum(1 for w in long if top - 4 <= w <= top)
        if near >= 3 and near >= 0.4 * len(long):
            return top
    return None


def _should_join(cur: str, nxt: str, width: int | None) -> bool:
    if not cur or not nxt or _SENTENCE_END.search(cur):
        return False
    # Breaks inside a token: "PM\n2.5", "15.\n94%", "15\n.94%"; a line never
    # starts with a comma or a closing mark.
    if _POLLUTANT_PREFIX.search(cur) and nxt[0].isdigit():
        return True
    if re.search(r"\d\.$", cur) and nxt[0].isdigit():
        return True
    if re.search(r"\d$", cur) and re.match(r"\.\d|[%‰]", nxt):
        return True
    if _CONTINUATION_START.match(nxt):
        return True
    if _NEW_BLOCK.match(nxt):
        return False
    words = _join_words()
    if len(cur) >= 8 and words.before_number.search(cur) and _NUMBER_WITH_UNIT.match(nxt):
        return True
    if len(cur) >= 6 and _ENDS_NUMBER.search(cur) and words.after_number.match(nxt):
        return True
    if width is not None and _display_width(cur) >= width - 4 and not re.search(r"[;:]$", cur):
        return True
    return False


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join lines broken inside a sentence (PDF text); "" separates blocks and
    is never joined across."""
    width = wrap_width(lines)
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and _should_join(out[-1], line, width):
            sep = " " if re.search(r"[A-Za-z]$", out[-1]) and re.match(r"[A-Za-z]", line) else ""
            out[-1] = out[-1] + sep + line
        else:
            out.append(line)
    return out


_PM25 = re.compile(r"(?<![A-Za-z])[Pp][Mm]\s*[_\-]?\s*2\s*\.\s*5(?!\d)")
_PM10 = re.compile(r"(?<![A-Za-z])[Pp][Mm]\s*[_\-]?\s*10(?!\d)")


def fix_pollutants(line: str) -> str:
    """``PM 2.5``, ``pm_2.5``, ``pm2.5`` → ``PM2.5``; ``PM 10`` → ``PM10``."""
    return _PM10.sub("PM10", _PM25.sub("PM2.5", line))


# ----------------------------------------------------------------- the whole


_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|//|/|\./|\.\./|www\.)[^)\s]*\)")
_AUTOLINK = re.compile(r"<(?:https?:)?//[^>\s]+>")
_TRAILING_NAME = re.compile(r"(?<=[。!?”\s])\(([\u4e00-\u9fff·]{2,4}(?:[\s、,][\u4e00-\u9fff·]{1,4})*)\)$")
_BARE_NAME = re.compile(r"[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff]\s[\u4e00-\u9fff]{1,2}")


@dataclass
class Cleaned:
    """The article's text as lines, and what was learnt while cleaning it."""

    lines: list[str]
    harvest: Harvest
    mojibake: bool = False
    traditional: bool = False


def clean_body(body: str, unescape_entities: bool = False) -> Cleaned:
    """Run every cleaning step over a body of plain text (see the module docstring)."""
    harvest = Harvest()
    if unescape_entities and _ENTITY.search(body):
        body = html.unescape(body)
    body = _LINE_BREAKS.sub("\n", body)
    body = _INVISIBLE.sub("", body)
    mojibake = has_pinyin_mojibake(body)
    if mojibake:
        body = repair_pinyin_mojibake(body)
    simplified = normalise_characters(body)
    traditional = simplified != body.translate(_WIDTH)
    lines = [_SPACES.sub(" ", ln).strip() for ln in simplified.split("\n")]
    lines = _strip_chrome(lines, harvest)
    lines = _strip_bylines(lines, harvest)
    lines = [fix_pollutants(ln) for ln in lines]
    lines = join_broken_lines(lines)
    lines = [fix_pollutants(ln) for ln in lines if ln]
    return Cleaned(lines, harvest, mojibake, traditional)


def _strip_chrome(lines: list[str], harvest: Harvest) -> list[str]:
    """Blank out chrome and metadata lines ("" keeps the block boundary)."""
    positions = [i for i, ln in enumerate(lines) if ln]
    n = len(positions)
    out = list(lines)
    for k, i in enumerate(positions):
        line = out[i]
        if _is_cut_line(line):
            if k >= n / 2 or any(_SENTENCE_END.search(out[j]) for j in positions[:k]):
                for j in positions[k:]:
                    out[j] = ""
                break
            out[i] = ""
            continue
        if _is_chrome_line(line, k, n) or _is_footer_line(line):
            _harvest_from_chrome(line, harvest)
            out[i] = ""
            continue
        near_end = k >= n - 3
        near_top = k < 2 or (k < 8 and not near_end)
        if _meta_line(line, harvest, near_top=near_top, near_end=near_end):
            out[i] = ""
            continue
        line = _AUTOLINK.sub("", _MD_LINK.sub(r"\1", line)).strip()
        out[i] = line
    return out


def _strip_bylines(lines: list[str], harvest: Harvest) -> list[str]:
    """Move bylines out of the text: "(记者 张三)" inside paragraphs, a
    trailing "(张三)" and a bare name as the last line."""
    labels = _labels()
    out = []
    for line in lines:
        if line:
            for match in labels.inline.finditer(line):
                harvest.add_byline(match.group(0)[1:-1])
            line = labels.inline.sub("", line).strip()
        out.append(line)
    content = [i for i, ln in enumerate(out) if ln]
    if len(content) >= 3:
        last = content[-1]
        match = _TRAILING_NAME.search(out[last])
        if match:
            harvest.add_byline(match.group(1))
            out[last] = out[last][: match.start()].rstrip()
        elif _BARE_NAME.fullmatch(out[last]) and _SENTENCE_END.search(out[content[-2]]):
            harvest.add_byline(out[last])
            out[last] = ""
    return out


# --------------------------------------------------------------------- titles

_TITLE_MAX = 60


def clean_title(raw: str | None, mojibake: bool = False) -> str | None:
    """A title from markup (front matter, ``<h1>``), normalised like the text."""
    if not raw:
        return None
    title = repair_pinyin_mojibake(raw) if mojibake else raw
    title = _SPACES.sub(" ", normalise_characters(title).replace("\n", " ")).strip()
    return title or None


def guess_title(lines: list[str]) -> str | None:
    """A plain-text article's headline: a short first line without sentence
    punctuation, followed by more text."""
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > _TITLE_MAX or "。" in first or _SENTENCE_END.search(first):
        return None
    if re.search(r"[,:;、]$", first):
        return None
    if first.startswith("本报") or not re.search(r"[\u4e00-\u9fff]", first):
        return None
    return first
