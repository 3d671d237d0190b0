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
    """A regex alternation of ``words``, longest first (so 人大常委会 wins over 人大),
    ties in code-point order so the pattern is the same in every run."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
