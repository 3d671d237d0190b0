"""`kg eval`: users who bring their own gold get the scorer's table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = "绵阳市召开会议。市委书记钱振宇强调，要坚决打赢蓝天保卫战。\n"
GOLD = {
    "doc": "x.txt",
    "places": [{"name": "绵阳市", "aliases": []}],
    "agencies": [{"name": "绵阳市委", "aliases": ["市委"], "place": "绵阳市"}],
    "officials": [{"name": "钱振宇", "titles": ["市委书记"], "place": "绵阳市", "agency": "绵阳市委"}],
    "campaigns": [{"name": "蓝天保卫战", "aliases": [], "places": ["绵阳市"]}],
    "targets": [],
}


def make_gold(tmp_path: Path, gold: dict) -> Path:
    gold_dir = tmp_path / "gold"
    (gold_dir / "articles").mkdir(parents=True)
    (gold_dir / "articles" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (gold_dir / "x.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return gold_dir


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg", "eval", *args], capture_output=True, text=True, timeout=300
    )


def test_eval_builds_the_articles_and_prints_the_table(tmp_path: Path):
    result = run(str(make_gold(tmp_path, GOLD)), "--json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["scores"]
    assert scores["places"]["tp"] == 1 and scores["officials"]["tp"] == 1
    assert scores["micro"]["f1"] == 1.0, scores


def test_eval_counts_what_gold_does_not_have(tmp_path: Path):
    gold = dict(GOLD, officials=[], agencies=[])
    result = run(str(make_gold(tmp_path, gold)))
    assert result.returncode == 0, result.stderr
    lines = {ln.split()[0]: ln.split() for ln in result.stdout.splitlines() if ln.strip()}
    assert lines["officials"][1:4] == ["0.000", "1.000", "0.000"]  # P, R, F1: one extra
    assert "micro" in lines and "macro" in lines


def test_eval_reads_an_existing_build(tmp_path: Path):
    gold_dir = make_gold(tmp_path, GOLD)
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "kg", "build", str(gold_dir / "articles"), "-o", str(out)],
                   check=True, capture_output=True, timeout=300)
    result = run(str(gold_dir), str(out), "--details")
    assert result.returncode == 0, result.stderr
    assert "micro" in result.stdout


def test_eval_without_gold_files_is_a_clear_error(tmp_path: Path):
    result = run(str(tmp_path))
    assert result.returncode == 2
    assert "no gold .json files" in result.stderr
