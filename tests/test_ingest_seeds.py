"""Ingest over the committed seed articles: what must never survive cleaning.

The assertions are about structure (chrome, markup, mojibake, normalisation),
not about the names in the articles.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.ingest import discover, read_article
from kg.ingest.clean import normalise_characters

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

CHROME = [
    "通版阅读", "展开通版", "收缩通版", "当前版", "发布日期", "返回首页", "返回", "ICP", "公网安备",
    "版权所有", "免责声明", "扫一扫", "查看原文", "我要分享", "首页 >>", "http", "](", "<p", "</p>",
    "技术支持", "文章来源", "(zh", "??",
]


@pytest.fixture(scope="module")
def articles() -> dict[str, object]:
    paths = discover(SEEDS)
    assert len(paths) >= 5
    return {p.name[:3]: read_article(p, SEEDS) for p in paths}


def test_no_chrome_survives(articles: dict) -> None:
    for key, article in articles.items():
        for needle in CHROME:
            assert needle not in article.text, (key, needle)


def test_text_is_normalised(articles: dict) -> None:
    for key, article in articles.items():
        lines = article.text.split("\n")
        assert all(line and line == line.strip() for line in lines), key
        assert not re.search(r"[\uff01-\uff5e\u3000\u200b\ufeff]", article.text), key
        assert not re.search(r"  ", article.text), key
        assert normalise_characters(article.text) == article.text, key


def test_front_matter_seed(articles: dict) -> None:
    article = articles["000"]
    assert article.meta["date"] == "2022-02-28"
    assert article.meta["categories"] and article.meta["tags"]
    assert article.meta["source"]
    lines = article.text.split("\n")
    assert lines[0] == article.meta["title"]
    assert lines[1].startswith("◆")  # the author line is content: the author is an official
    assert lines[-1].startswith("作者系")


def test_mojibake_seed(articles: dict) -> None:
    article = articles["003"]
    text = article.text
    assert "(zh" not in text and "??" not in text and "????" not in text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", text)
    assert "?" in text  # real question marks stay
    assert normalise_characters(text) == text  # nothing traditional left
    assert article.meta["title"] and text.startswith(article.meta["title"])
    assert article.meta["byline"]
    assert text.endswith("。")


def test_newspaper_seed_starts_with_headline(articles: dict) -> None:
    article = articles["002"]
    assert article.meta["title"] == article.text.split("\n")[0]
    assert len(article.text.split("\n")) == 7


def test_trailing_byline_removed(articles: dict) -> None:
    article = articles["004"]
    assert article.text.endswith("。")
    assert article.meta["byline"]


def test_disclaimer_block_removed(articles: dict) -> None:
    text = articles["001"].text
    assert text.endswith("。")
    assert "本网" not in text and "朋友圈" not in text and "邮箱" not in text
