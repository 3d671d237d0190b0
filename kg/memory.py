"""Garbage-collector settings for a build.

A build allocates millions of small objects that live until it ends (records,
graph nodes, RDF terms), and each full collection walks every object alive,
the loaded pipeline (spaCy's vocabulary, jieba's tables) included: a fifth of
the extraction's time went there.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run a block with less collector work, then restore the settings.

    The objects alive on entry (the pipeline, once loaded) are frozen out of
    the collector's sight and young collections are made rarer; cycles are
    still collected.
    """
    old = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(old[0], 20_000), old[1], old[2])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()
