"""Same-length character folding (full-width digits, quote variants).

``str.translate`` with a dict looks every character up, which on Chinese text
cost more than some of our components; the characters folded are rare, so
replacing each one that occurs is a few fast scans instead.
"""

from __future__ import annotations


class CharFold:
    """A one-to-one character mapping applied with ``str.replace``; lengths and
    so offsets are kept."""

    def __init__(self, mapping: dict[str, str]) -> None:
        for a, b in mapping.items():
            if len(a) != 1 or len(b) != 1:
                raise ValueError(f"CharFold maps single characters, not {a!r} → {b!r}")
            if b in mapping:  # replaced one after another, a chain would fold twice
                raise ValueError(f"CharFold: {b!r} is both a result and a key")
        self.pairs = tuple(sorted(mapping.items()))

    def __call__(self, text: str) -> str:
        for a, b in self.pairs:
            if a in text:
                text = text.replace(a, b)
        return text
