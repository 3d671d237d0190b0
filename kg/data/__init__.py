"""Data files (gazetteer, lexicons, patterns) with their sources in SOURCES.md."""

from __future__ import annotations

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
