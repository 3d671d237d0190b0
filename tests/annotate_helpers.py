"""Helpers for component tests on a blank pipeline."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.annotate.records import PlaceMention


def inject_places(doc: Doc, places: tuple[str, ...]) -> Doc:
    """Add a PlaceMention for every occurrence of each name, as lt_places would,
    so a later component can be tested without the gazetteer step."""
    text = doc.text
    for name in places:
        start = 0
        while (i := text.find(name, start)) >= 0:
            doc._.lt.places.append(PlaceMention(i, i + len(name), name, name))
            start = i + 1
    return doc
