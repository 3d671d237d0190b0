"""`kg build` end to end: outputs, bad input, atomic replacement, determinism."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import OUTPUT_FILES, build
from kg.errors import CorpusError

ROOT = Path(__file__).resolve().parent.parent
GOOD = "绵阳市生态环境局召开会议，部署蓝天保卫战工作。\n全市优良天数比例达到88.5%。\n"


def kg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=300)


def test_seeds_build_writes_every_output(seeds_build: Path):
    for name in OUTPUT_FILES:
        assert (seeds_build / name).stat().st_size > 0, name
    assert (seeds_build / "store").is_dir()
    assert not (seeds_build / ".staging").exists()


def test_bad_files_are_reported_and_the_rest_is_built(tmp_path: Path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    out = tmp_path / "out"
    result = kg_cli("build", str(corpus), "-o", str(out), "--no-progress")
    assert result.returncode == 1, result.stderr
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr
    assert "sub/good.txt" in (out / "graph.ttl").read_text(encoding="utf-8")
    assert "articles read: 1; skipped: 2" in result.stdout


def test_a_failed_build_leaves_earlier_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    (corpus / "b.txt").write_text("衡水市召开会议。", encoding="utf-8")

    import kg.view

    def broken(_kg):
        raise RuntimeError("disk full")

    monkeypatch.setattr(kg.view, "render_html", broken)
    with pytest.raises(RuntimeError):
        build(corpus, out, progress=False)
    after = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    assert after == before
    assert not (out / ".staging").exists()


def test_a_corpus_without_readable_articles_is_an_error(tmp_path: Path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="x.txt"):
        build(tmp_path / "c", tmp_path / "out", progress=False)
    result = kg_cli("build", str(tmp_path / "missing"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_same_corpus_gives_byte_identical_turtle(tmp_path: Path, seeds_build: Path):
    again = tmp_path / "again"
    build(ROOT / "seeds", again, progress=False)
    assert (again / "graph.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()
    assert (again / "graph.html").read_bytes() == (seeds_build / "graph.html").read_bytes()


def test_committed_output_is_fresh(seeds_build: Path):
    """output/ is committed for visitors; it must be what the code builds now.
    If this fails, run: kg build seeds -o output"""
    committed = ROOT / "output" / "graph.ttl"
    assert committed.exists(), "output/graph.ttl is missing: run kg build seeds -o output"
    assert committed.read_bytes() == (seeds_build / "graph.ttl").read_bytes(), (
        "output/ is stale: run kg build seeds -o output and commit it"
    )


def test_an_extractor_failure_on_one_article_skips_only_that_article(tmp_path: Path, monkeypatch):
    import kg.resolve

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text("衡水市召开会议，部署碧水保卫战。", encoding="utf-8")
    original = kg.resolve.Resolver.add

    def fragile(self, article, ann):
        if article.path == "b.txt":
            raise RuntimeError("boom")
        return original(self, article, ann)

    monkeypatch.setattr(kg.resolve.Resolver, "add", fragile)
    report = build(corpus, tmp_path / "out", progress=False)
    assert [(s.path, "boom" in s.reason) for s in report.skipped] == [("b.txt", True)]
    assert "a.txt" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path):
    # kg build … | head -1: the pipe closes before the summary is printed
    out = str(tmp_path / "out")
    cmd = [sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "-o", out, "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err
    assert (tmp_path / "out" / "graph.ttl").exists()
