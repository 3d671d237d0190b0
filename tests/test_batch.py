"""Annotation on several processes: same records, same graph, failures reported."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.annotate.batch as batch
from kg.annotate.batch import Failure, annotate_many, choose_jobs
from kg.build import build, build_graph
from kg.export import turtle_bytes
from kg.model import Article

TEXTS = [
    "丽江市生态环境局局长和建军表示，今年全市PM2.5平均浓度同比下降6.1%。",
    "玉龙县委书记木青松主持召开会议，部署净土保卫战。",
    "古城区人民政府副区长沙玉兰、杨晓东出席。",
    "全县优良天数比例达到97.3%，力争2025年达到98%。",
    "宁蒗县开展“清废行动”，共检查企业56家，罚款32万元。",
]


def test_automatic_jobs_stay_in_one_process_for_a_small_corpus():
    assert choose_jobs(0, TEXTS) == 1


def test_automatic_jobs_use_the_cpus_for_a_large_corpus(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(batch, "available_cpus", lambda: 3)
    assert choose_jobs(0, ["字" * batch.MIN_PARALLEL_CHARS] * 10) == 3


def test_explicit_jobs_are_capped_by_the_number_of_articles():
    assert choose_jobs(4, TEXTS[:2]) == 2
    assert choose_jobs(1, TEXTS) == 1


def test_negative_jobs_are_an_error():
    with pytest.raises(ValueError, match="jobs"):
        choose_jobs(-1, TEXTS)


def test_several_processes_find_the_same_records_in_the_same_order():
    one = list(annotate_many(TEXTS, jobs=1))
    two = list(annotate_many(TEXTS, jobs=2))
    assert two == one
    assert any(ann.officials for ann in one)  # the sentences hold something to find


def test_the_graph_is_byte_identical_for_any_number_of_jobs():
    articles = [Article(f"{i}.txt", t, {"title": t[:10]}) for i, t in enumerate(TEXTS)]
    assert turtle_bytes(build_graph(articles, jobs=2)) == turtle_bytes(build_graph(articles, jobs=1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_the_extractor_fails_on_is_skipped_in_any_mode(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    original = batch._annotate

    def fragile(text: str):
        if "爆炸" in text:
            raise RuntimeError("boom")
        return original(text)

    # Workers are forked after this patch, so they run it too.
    monkeypatch.setattr(batch, "_annotate", fragile)
    assert isinstance(list(annotate_many(["爆炸", TEXTS[0]], jobs=jobs))[0], Failure)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(TEXTS):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    (corpus / "bad.txt").write_text("化工厂爆炸事故通报。", encoding="utf-8")
    report = build(corpus, tmp_path / "out", progress=False, jobs=jobs)
    assert [(s.path, "boom" in s.reason) for s in report.skipped] == [("bad.txt", True)]
    assert "玉龙县" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_without_a_skipped_list_the_error_propagates(monkeypatch: pytest.MonkeyPatch):
    def broken(text: str):
        raise RuntimeError("boom")

    monkeypatch.setattr(batch, "_annotate", broken)
    with pytest.raises(RuntimeError, match="boom"):
        build_graph([Article("a.txt", TEXTS[0], {"title": "x"})], jobs=1)


def test_char_fold_gives_what_translate_gives_and_refuses_chains():
    from kg.annotate.chars import CharFold

    mapping = {"１": "1", "％": "%", "「": "“"}
    text = "「某县」ＰＭ浓度下降１２％，１"
    assert CharFold(mapping)(text) == text.translate(str.maketrans(mapping))
    with pytest.raises(ValueError, match="both"):
        CharFold({"a": "b", "b": "c"})
    with pytest.raises(ValueError, match="single"):
        CharFold({"ab": "c"})


def test_workers_stop_when_the_caller_stops_early():
    import multiprocessing

    found = annotate_many(TEXTS * 4, jobs=2)
    assert len(multiprocessing.active_children()) == 2  # started before the first item is asked for
    next(found)
    found.close()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("text", "quota"), [("200000 100000\n", 2), ("50000 100000", 1), ("max 100000", None), ("garbage", None)]
)
def test_a_container_cpu_quota_caps_the_workers(tmp_path: Path, text: str, quota: int | None):
    cpu_max = tmp_path / "cpu.max"
    cpu_max.write_text(text, encoding="ascii")
    assert batch._cgroup_quota(cpu_max) == quota
    assert batch._cgroup_quota(tmp_path / "missing") is None


def test_a_dead_worker_ends_the_build_with_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import os

    from kg.errors import WorkerError

    original = batch._annotate

    def dying(text: str):
        if "爆炸" in text:
            os._exit(9)  # as if killed for memory
        return original(text)

    monkeypatch.setattr(batch, "_annotate", dying)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate([*TEXTS, "化工厂爆炸事故通报。"]):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("earlier build", encoding="utf-8")
    with pytest.raises(WorkerError, match="--jobs 1"):
        build(corpus, out, progress=False, jobs=2)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "earlier build"
