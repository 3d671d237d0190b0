"""Every committed data file has its source recorded, and parses."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest

from kg.data import DATA_DIR, read_lines

SOURCES = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
PATTERNS = [p.strip() for h in re.findall(r"^## (.+)$", SOURCES, flags=re.M) for p in h.split(",")]
DATA_FILES = sorted(p.name for p in DATA_DIR.iterdir() if p.suffix in (".txt", ".tsv"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_has_a_source(name: str):
    assert any(fnmatch.fnmatch(name, pat) for pat in PATTERNS), f"add {name} to kg/data/SOURCES.md"


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_is_utf8_with_content(name: str):
    assert read_lines(name), f"{name} has no entries"


def test_data_files_ship_with_the_package():
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"data/*"' in pyproject
