"""Formats → plain lines: Jekyll front matter, HTML markup, Markdown syntax.

Each reader returns the body as plain text (one block per line, blank lines
kept as paragraph boundaries) and the metadata the markup itself states
(title, date, categories, tags). Cleaning the words themselves (chrome,
encodings of characters, bylines) is ``clean.py``'s job, the same for every
format.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# ---------------------------------------------------------------- front matter

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


@dataclass
class Parsed:
    """Body text of one file and the metadata its markup states."""

    body: str
    meta: dict = field(default_factory=dict)


def split_front_matter(text: str) -> Parsed:
    """Split a leading ``---`` … ``---`` block (Jekyll/Hugo style, YAML-ish) from the body.

    Only the keys an article needs are read (title, date, categories, tags,
    author, source); values may be quoted, ``[a, b]`` lists, ``- item`` lists
    or space/comma-separated words. Text without such a block is returned whole.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Parsed(text)
    fields: dict[str, list[str] | str] = {}
    key: str | None = None
    for raw in match.group(1).splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"^\s*-\s+(.*)$", line)
        if item and key is not None:
            current = fields.get(key)
            values = current if isinstance(current, list) else ([current] if current else [])
            values.append(_unquote(item.group(1)))
            fields[key] = values
            continue
        kv = _KEY_VALUE.match(line)
        if kv is None:
            continue
        key = kv.group(1).lower()
        fields[key] = _unquote(kv.group(2))
    meta: dict = {}
    title = fields.get("title")
    if isinstance(title, str) and title:
        meta["title"] = html.unescape(title)
    date = fields.get("date")
    if isinstance(date, str) and date:
        meta["date_raw"] = date
    for name, aliases in (("categories", ("categories", "category")), ("tags", ("tags", "tag", "keywords"))):
        values: list[str] = []
        for alias in aliases:
            values.extend(_as_list(fields.get(alias)))
        if values:
            meta[name] = values
    for name, aliases in (("author", ("author", "authors")), ("source", ("source",))):
        for alias in aliases:
            found = _as_list(fields.get(alias))
            if found:
                meta[name] = "、".join(found)
                break
    return Parsed(text[match.end():], meta)


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
        if value and '"' in value:
            value = value.replace('\\"', '"')
    return value.strip()


def _as_list(value: list[str] | str | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [v for v in (x.strip() for x in value) if v]
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [v for v in (_unquote(x) for x in value[1:-1].split(",")) if v]
    return [v for v in re.split(r"[,，、\s]+", value) if v]


# ------------------------------------------------------------------------ HTML

_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|h[1-6]|table|tr|td|img|strong|b|em|li|ul|ol|section|article|html|body|font)\b[^>]*>",
    re.I,
)


def looks_like_html(text: str) -> bool:
    """Text that clearly carries HTML markup (so a .txt/.md file is read as HTML)."""
    if re.search(r"<(?:!doctype\s+html|html|body)\b", text[:2000], re.I):
        return True
    return len(_HTML_TAG.findall(text)) >= 3


# Whole subtrees that never hold article text.
_DROP = frozenset(
    "script style nav header footer noscript template svg select option button textarea iframe "
    "object embed aside canvas map".split()
)
# Elements that start and end a block of text (rendered on their own lines).
_BLOCK = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot section article blockquote pre dd dt "
    "dl figure figcaption hr main address center form fieldset caption details summary".split()
)
_CELL = frozenset(("td", "th"))
_HEADINGS = frozenset(("h1", "h2", "h3"))
_LINK_OPEN, _LINK_CLOSE = "\x01", "\x02"
_LINK_SPAN = re.compile("\x01[^\x01\x02]*\x02")
_VOID = frozenset("br hr img meta link input area base col embed param source track wbr".split())
_DATE_META = frozenset(
    "article:published_time pubdate publishdate publish_date publication_date datepublished date "
    "dc.date dc.date.issued og:published_time firstpublishedtime".split()
)
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_NEWLINE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")


class _TextExtractor(HTMLParser):
    """Collect visible text with block structure; remember <title>, <h1> and date metas."""

    def __init__(self, keep_lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_lines = keep_lines
        self.parts: list[str] = []
        self.drop_depth = 0
        self.drop_stack: list[str] = []
        self.pre_depth = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self.in_title = False
        self.in_h1 = False
        self.link_depth = 0
        self.heading_depth = 0
        self.metas: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(dict(attrs))
            return
        if self.drop_depth:
            if tag == self.drop_stack[-1] and tag not in _VOID:
                self.drop_depth += 1
            return
        if tag in _DROP and tag not in _VOID:
            self.drop_depth = 1
            self.drop_stack.append(tag)
            return
        if tag == "title":
            self.in_title = True
        elif tag == "h1":
            self.in_h1 = True
        if tag == "pre":
            self.pre_depth += 1
        elif tag == "a":
            self.link_depth += 1
        elif tag in _HEADINGS:
            self.heading_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.drop_depth:
            if tag == self.drop_stack[-1]:
                self.drop_depth -= 1
                if self.drop_depth == 0:
                    self.drop_stack.pop()
            return
        if tag == "title":
            self.in_title = False
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.h1.append("\n\n")
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        elif tag == "a" and self.link_depth:
            self.link_depth -= 1
        elif tag in _HEADINGS and self.heading_depth:
            self.heading_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        if self.in_title:
            self.title.append(data)
            return
        if self.in_h1:
            self.h1.append(data)
        if self.pre_depth:
            self.parts.append(data)
            return
        if self.link_depth and not self.heading_depth and data.strip():
            # Link text is marked so that lines made only of links (menus,
            # lists of other articles) can be dropped once lines exist.
            self.parts.append(_LINK_OPEN + _flow(data) + _LINK_CLOSE)
            return
        if self.keep_lines:
            # Markup inside a text file: its line breaks still separate paragraphs.
            chunks = data.split("\n")
            for i, chunk in enumerate(chunks):
                if i:
                    self.parts.append("\n")
                self.parts.append(_flow(chunk))
        else:
            self.parts.append(_flow(data))

    def _meta(self, attrs: dict[str, str | None]) -> None:
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if name and content:
            self.metas.setdefault(name, content.strip())


def _flow(data: str) -> str:
    """Whitespace in HTML text is a space, except that a line break between two
    CJK characters is nothing (Chinese has no spaces between words)."""
    data = _NEWLINE_BETWEEN_CJK.sub("", data)
    return re.sub(r"\s+", " ", data)


def _drop_link_lines(body: str) -> str:
    """Remove lines whose only words are link texts (menus, "related articles"
    lists): an article's sentences are not links. Then remove the markers."""
    kept = []
    for line in body.split("\n"):
        plain = line.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "").strip()
        if (
            _LINK_OPEN in line
            and not re.search(r"\w", _LINK_SPAN.sub("", line))
            and not re.search(r"[。!?！？]$", plain)
        ):
            kept.append("")
        else:
            kept.append(plain if _LINK_OPEN in line else line)
    return "\n".join(kept)


def html_to_text(markup: str, keep_lines: bool = False) -> Parsed:
    """Visible text of an HTML page or fragment, one block per line.

    Drops script/style/nav/header/footer/aside subtrees and comments. The title
    is the first ``<h1>`` (the article's own headline), else ``og:title``,
    else ``<title>`` cut at its site-name separator. ``keep_lines`` is for
    markup embedded in a text file, whose line breaks also separate paragraphs.
    """
    parser = _TextExtractor(keep_lines)
    parser.feed(markup)
    parser.close()
    body = _drop_link_lines("".join(parser.parts))
    meta: dict = {}
    h1 = [_flow(chunk).strip() for chunk in "".join(parser.h1).split("\n\n") if chunk.strip()]
    title = h1[0] if h1 else ""
    if not title:
        title = parser.metas.get("og:title", "")
    if not title:
        page_title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
        title = re.split(r"\s+[-|–—_]\s+|_|\|", page_title)[0].strip() if page_title else ""
    if title:
        meta["title"] = re.sub(r"\s+", " ", title).strip()
    for key in _DATE_META:
        if key in parser.metas:
            meta["date_raw"] = parser.metas[key]
            break
    keywords = parser.metas.get("keywords")
    if keywords:
        meta["tags"] = [k for k in re.split(r"[,，、;；\s]+", keywords) if k]
    return Parsed(body, meta)


# -------------------------------------------------------------------- Markdown

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_QUOTE = re.compile(r"^\s*(>\s?)+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")


def markdown_to_text(text: str) -> Parsed:
    """Markdown syntax → plain lines: headings, emphasis, images, lists, quotes,
    tables, code fences and reference definitions lose their markup.

    Inline links keep their text; lines made only of links are page chrome and
    are removed later by the chrome patterns, so links are left to ``clean``.
    The first heading is the title.
    """
    meta: dict = {}
    out: list[str] = []
    for line in text.split("\n"):
        if any(p.match(line) for p in (_MD_FENCE, _MD_RULE, _MD_TABLE_RULE, _MD_REFDEF)):
            out.append("")
            continue
        line = _MD_IMAGE.sub("", line)
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            if "title" not in meta and line.strip():
                meta["title"] = line.strip()
        line = _MD_QUOTE.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        if line.strip().startswith("|") and line.strip().endswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        out.append(line)
    return Parsed("\n".join(out), meta)
