"""Shared fixtures: one build of the committed seeds per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output folder of ``kg build seeds`` (built once per session; read-only for tests)."""
    from kg.build import build

    out = tmp_path_factory.mktemp("seeds_build")
    build(SEEDS, out, progress=False)
    return out
