"""Data files (gazetteer, lexicons, patterns) with their sources in SOURCES.md."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kg.errors import DataError

DATA_DIR = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """Path of a committed data file (it may not exist: callers decide)."""
    return DATA_DIR / name


def read_lines(name: str) -> list[str]:
    """Non-empty, non-comment (``#``) lines of a UTF-8 data file, stripped."""
    path = data_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"data file {path} cannot be read ({exc}); reinstall Lantian") from exc
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def alternation(words: Iterable[str]) -> str:
    """A regex that matches any of ``words``, preferring the longest (so 人大常委会
    wins over 人大), written as a trie (生态(?:环境(?:局)?)?) and the same in every
    run.

    The words that can match at one position are prefixes of one another, so
    trying them longest first is what a trie with greedy optional tails does;
    the trie only saves Python's regex engine from trying hundreds of
    alternatives one by one at every character.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    keys = sorted(k for k in node if k)
    if not keys:
        return ""
    if all(set(node[k]) == {""} for k in keys) and len(keys) > 1:
        body = "[" + "".join(re.escape(k) for k in keys) + "]"  # leaves: one class
    else:
        branches = [re.escape(k) + _trie_pattern(node[k]) for k in keys]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends and len(branches) == 1 and len(branches[0]) > 1:
            body = "(?:" + body + ")"
    return body + "?" if ends else body
