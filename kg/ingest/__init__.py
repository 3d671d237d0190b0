"""Ingest: corpus files (bytes) → ``Article`` (cleaned text + metadata).

``discover`` lists the articles of a corpus folder; ``read_article`` reads one
of them: it finds the encoding (``encoding.py``), removes the markup of its
format (``readers.py``) and cleans the words (``clean.py``). Every later
stage works on ``Article.text`` only, so whatever is not article content must
leave here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg.errors import CorpusError, InputError
from kg.ingest.clean import Cleaned, clean_body, clean_title, guess_title, iso_date, normalise_characters
from kg.ingest.encoding import decode
from kg.ingest.readers import html_to_text, looks_like_html, markdown_to_text, split_front_matter
from kg.model import Article

__all__ = ["ARTICLE_SUFFIXES", "discover", "read_article"]

ARTICLE_SUFFIXES = frozenset((".txt", ".html", ".htm", ".md"))
_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".md": "md"}


def discover(root: Path) -> list[Path]:
    """Every article file under ``root``, recursively, sorted by relative path.

    Articles are ``.txt``, ``.html``, ``.htm`` and ``.md`` files (any case).
    Hidden files and folders (``.git``, ``.DS_Store``) are skipped without
    being entered. Raises ``CorpusError`` when ``root`` is missing or not a
    folder; an empty folder gives an empty list.
    """
    root = Path(root)
    if not root.exists():
        raise CorpusError(f"corpus folder {root} does not exist; give the folder that holds the articles")
    if not root.is_dir():
        raise CorpusError(f"corpus path {root} is not a folder; give the folder that holds the articles")
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            path = Path(folder) / name
            if path.is_file():
                found.append((path.relative_to(root).as_posix(), path))
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]


def read_article(path: Path, root: Path) -> Article:
    """Read one article file; raise ``InputError`` when it is not a readable article.

    ``Article.path`` is ``path`` relative to ``root`` with "/" separators.
    Errors name the file and the problem: unreadable (permissions, a folder),
    binary, empty (also: nothing left once markup and page chrome are gone),
    undecodable.
    """
    path, root = Path(path), Path(root)
    try:
        relpath = path.relative_to(root).as_posix()
    except ValueError:
        relpath = path.as_posix()
    if path.is_dir():
        raise InputError(relpath, "is a folder, not a file; only files can be articles")
    try:
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(
            relpath, "cannot be read: permission denied; make the file readable (chmod +r)"
        ) from exc
    except OSError as exc:
        raise InputError(relpath, f"cannot be read: {exc.strerror or exc}") from exc
    decoded = decode(data, relpath)
    fmt = _FORMATS.get(path.suffix.lower(), "txt")
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError(relpath, "empty file (only whitespace); remove it or give it content")

    parsed = split_front_matter(text)
    meta: dict = dict(parsed.meta)
    front_title = meta.get("title")
    body = parsed.body
    if fmt == "html" or looks_like_html(body):
        markup = html_to_text(body, keep_lines=fmt != "html")
        body = markup.body
        for key, value in markup.meta.items():
            meta.setdefault(key, value)
    elif fmt == "md":
        md = markdown_to_text(body)
        body = md.body
        for key, value in md.meta.items():
            meta.setdefault(key, value)

    cleaned = clean_body(body, unescape_entities=fmt != "html")
    lines = cleaned.lines
    title = clean_title(meta.get("title"), cleaned.mojibake)
    if title and front_title and not _near_top(title, lines):
        # A front-matter title is the article's headline: it belongs to the text.
        lines = [title, *lines]
    if not title:
        title = guess_title(lines)
    if not lines:
        raise InputError(
            relpath, "empty after cleaning: no article text left once markup and page chrome were removed"
        )
    meta = _meta(meta, cleaned, title, decoded.encoding, fmt)
    return Article(path=relpath, text="\n".join(lines), meta=meta)


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def _near_top(title: str, lines: list[str]) -> bool:
    key = _squash(title)
    return any(key and key in _squash(line) for line in lines[:3])


def _meta(meta: dict, cleaned: Cleaned, title: str | None, encoding: str, fmt: str) -> dict:
    harvest = cleaned.harvest
    date = iso_date(meta["date_raw"]) if meta.get("date_raw") else None
    if date is None and (harvest.dates or harvest.late_dates):
        date = (harvest.dates or harvest.late_dates)[0]
    bylines = list(harvest.bylines)
    if meta.get("author"):
        bylines.insert(0, f"作者:{meta['author']}")
    source = meta.get("source") or (harvest.sources[0] if harvest.sources else "")
    return {
        "title": title or "",
        "date": date or "",
        "categories": list(meta.get("categories", [])),
        "tags": list(meta.get("tags", [])),
        "byline": "; ".join(bylines),
        "source": normalise_characters(source).strip() if source else "",
        "encoding": encoding,
        "format": fmt,
    }
