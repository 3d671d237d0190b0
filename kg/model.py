"""Plain records passed between stages.

``Article`` is what ingest hands to annotate: the cleaned text whose code-point
offsets every mention refers to, and the metadata found around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article after ingest.

    ``path`` is relative to the corpus folder with "/" separators (it becomes
    ``lt:sourcePath``); ``text`` is the cleaned, normalised body (``schema:text``);
    ``meta`` holds what was found around it: ``title``, ``date`` (ISO
    ``YYYY-MM-DD``), ``categories``, ``tags``, ``byline``, ``source``,
    ``encoding``, ``format``.
    """

    path: str
    text: str
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def title(self) -> str | None:
        return self.meta.get("title") or None

    @property
    def date(self) -> str | None:
        return self.meta.get("date") or None


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read as an article, and why."""

    path: str
    reason: str
