"""Ingest: discovery, encodings, formats, errors (files written to tmp_path)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.errors import CorpusError, InputError
from kg.ingest import discover, read_article

BODY = "5月6日，青山县召开大气污染防治工作会议。县长李大山出席会议并讲话。\n会议要求，坚决打赢蓝天保卫战。\n"


def write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def read(root: Path, name: str, data: bytes | str):
    return read_article(write(root, name, data), root)


# ------------------------------------------------------------------ discover


def test_discover_recursive_sorted_filtered(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.HTML", "a/y.md", "A.TXT", "c.htm", "notes.docx", "d.json", "e.txt.bak"]:
        write(tmp_path, name, BODY)
    write(tmp_path, ".hidden.txt", BODY)
    write(tmp_path, ".git/objects/x.txt", BODY)
    write(tmp_path, "sub/.cache/y.txt", BODY)
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)]
    assert found == ["A.TXT", "a/y.md", "a/z.HTML", "b.txt", "c.htm"]


def test_discover_skips_folder_named_like_article(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    write(tmp_path, "real.txt", BODY)
    assert [p.name for p in discover(tmp_path)] == ["real.txt"]


def test_discover_missing_root(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        discover(tmp_path / "nope")


def test_discover_root_is_file(tmp_path: Path) -> None:
    path = write(tmp_path, "one.txt", BODY)
    with pytest.raises(CorpusError, match="not a folder"):
        discover(path)


def test_discover_empty_folder(tmp_path: Path) -> None:
    assert discover(tmp_path) == []


def test_article_path_is_relative_with_slashes(tmp_path: Path) -> None:
    article = read(tmp_path, "2021/05/news.txt", BODY)
    assert article.path == "2021/05/news.txt"


# ----------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "data", "recorded"),
    [
        ("utf-8", BODY.encode("utf-8"), "utf-8"),
        ("utf-8-sig", BODY.encode("utf-8-sig"), "utf-8-sig"),
        ("utf-16-le-bom", b"\xff\xfe" + BODY.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be-bom", b"\xfe\xff" + BODY.encode("utf-16-be"), "utf-16-be"),
        ("utf-16-le-nobom", BODY.encode("utf-16-le"), "utf-16-le"),
        ("gbk", BODY.encode("gbk"), "gb18030"),
        ("gb2312", BODY.encode("gb2312"), "gb18030"),
        ("gb18030", (BODY + "㐀").encode("gb18030"), "gb18030"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, data: bytes, recorded: str) -> None:
    article = read(tmp_path, f"{encoding}.txt", data)
    assert "青山县召开大气污染防治工作会议" in article.text
    assert "李大山" in article.text
    assert article.meta["encoding"] == recorded
    assert "\ufeff" not in article.text


def test_big5_traditional_is_read_and_simplified(tmp_path: Path) -> None:
    text = "青山縣召開會議，縣長李大山強調，堅決打贏藍天保衛戰。\n全縣優良天數達到兩百天。\n"
    article = read(tmp_path, "big5.txt", text.encode("big5"))
    assert article.meta["encoding"] == "big5"
    assert "青山县召开会议" in article.text
    assert "蓝天保卫战" in article.text


def test_utf8_with_one_broken_byte_stays_utf8(tmp_path: Path) -> None:
    data = BODY.encode("utf-8")
    data = data[:30] + b"\xff" + data[30:]
    article = read(tmp_path, "broken.txt", data)
    assert article.meta["encoding"].startswith("utf-8")
    assert "李大山" in article.text


def test_declared_html_charset(tmp_path: Path) -> None:
    page = f'<html><head><meta charset="gbk"><title>标题</title></head><body><p>{BODY}</p></body></html>'
    article = read(tmp_path, "page.html", page.encode("gbk"))
    assert article.meta["encoding"] == "gb18030"
    assert "县长李大山出席会议" in article.text


# -------------------------------------------------------------------- errors


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty") as info:
        read(tmp_path, "empty.txt", b"")
    assert info.value.path == "empty.txt"


def test_whitespace_only_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read(tmp_path, "blank.txt", "  \n\u3000\n")


def test_only_chrome_is_empty_after_cleaning(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty after cleaning"):
        read(tmp_path, "chrome.txt", "返回首页\n分享:\n版权所有 某某网 ICP备0000号\n")


def test_binary_nul_bytes(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary file"):
        read(tmp_path, "blob.txt", bytes(range(256)) * 4)


def test_binary_with_nul_that_decodes_as_utf16(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary file"):
        read(tmp_path, "pairs.txt", b"\x00\x01\x02\xff" * 200)


def test_binary_signature(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="PDF"):
        read(tmp_path, "report.txt", b"%PDF-1.7\n" + bytes(range(200)))


def test_control_characters_are_binary(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary file"):
        read(tmp_path, "ctrl.txt", b"abc" + b"\x01\x02\x03\x04\x05\x06" * 20)


def test_undecodable(tmp_path: Path) -> None:
    # Not UTF-8, not GB18030, not Big5, and nothing charset-normalizer accepts.
    data = bytes(range(128, 256)) * 3
    with pytest.raises(InputError) as info:
        read(tmp_path, "junk.txt", data)
    assert info.value.path == "junk.txt"
    assert "cannot decode" in info.value.reason


def test_folder_named_like_article(tmp_path: Path) -> None:
    folder = tmp_path / "looks.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="folder"):
        read_article(folder, tmp_path)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # chmod 000 does not stop root (tests may run as root): make the read fail instead.
    path = write(tmp_path, "secret.txt", BODY)

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match="permission denied") as info:
        read_article(path, tmp_path)
    assert info.value.path == "secret.txt"


def test_unreadable_file_by_mode(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", BODY)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # running as root: the mode does not apply
            assert read_article(path, tmp_path).text
        else:
            with pytest.raises(InputError, match="permission denied"):
                read_article(path, tmp_path)
    finally:
        path.chmod(0o644)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_article(tmp_path / "gone.txt", tmp_path)


# ------------------------------------------------------------------- formats


def test_plain_text(tmp_path: Path) -> None:
    article = read(tmp_path, "a.txt", "青山县召开会议\n" + BODY)
    assert article.meta["format"] == "txt"
    assert article.title == "青山县召开会议"
    assert article.text.splitlines()[0] == "青山县召开会议"
    assert "\n\n" not in article.text


def test_front_matter_with_html_body(tmp_path: Path) -> None:
    text = (
        "---\n"
        "layout: post\n"
        'title: "青山县：守好蓝天"\n'
        "date: 2021-03-04 07:42:19 +0800\n"
        "categories: qingshanbao news\n"
        "tags: [环境, 蓝天]\n"
        "---\n"
        "<p>◆王小明</p>\n <p>面对新形势，青山县生态环境局狠抓落实。</p>\n"
        " <p>作者系青山县生态环境局副局长</p><p>（文章来源：青山日报）</p>\n\n"
        "<http://example.org/news/1>\n\n"
        "[返回青山新闻](//example.org/news.html)｜[返回首页](//example.org/)\n"
    )
    article = read(tmp_path, "fm.txt", text)
    assert article.meta["title"] == "青山县:守好蓝天"
    assert article.meta["date"] == "2021-03-04"
    assert article.meta["categories"] == ["qingshanbao", "news"]
    assert article.meta["tags"] == ["环境", "蓝天"]
    assert article.meta["source"] == "青山日报"
    assert article.text.splitlines() == [
        "青山县:守好蓝天",
        "◆王小明",
        "面对新形势,青山县生态环境局狠抓落实。",
        "作者系青山县生态环境局副局长",
    ]


def test_html_page(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>青山县召开会议_青山新闻网</title>
<meta name="publishdate" content="2021-05-06"><style>p{color:red}</style>
<script>var note = "脚本文字";</script></head><body>
<header>青山新闻网 首页 时政</header><nav>导航文字</nav>
<div>当前位置: 首页 &gt;&gt; 时政</div>
<h1>青山县召开大气
污染防治会议</h1>
<div>发布时间:2021-05-06 09:30 来源:青山日报 作者:王小明</div>
<div class="content"><p>　　5月6日，青山县召开会议。县长<b>李大山</b>出席会议。</p>
<p>会议指出，PM２．５浓度下降<span>12.5％</span>。<br>全县要再加把劲。</p></div>
<aside>相关新闻</aside>
<footer>版权所有 青山新闻网</footer></body></html>"""
    article = read(tmp_path, "page.html", page)
    assert article.meta["format"] == "html"
    assert article.meta["title"] == "青山县召开大气污染防治会议"
    assert article.meta["date"] == "2021-05-06"
    assert article.meta["source"] == "青山日报"
    assert "王小明" in article.meta["byline"]
    assert article.text.splitlines() == [
        "青山县召开大气污染防治会议",
        "5月6日,青山县召开会议。县长李大山出席会议。",
        "会议指出,PM2.5浓度下降12.5%。",
        "全县要再加把劲。",
    ]


def test_html_title_falls_back_to_title_tag(tmp_path: Path) -> None:
    page = (
        "<html><head><title>青山县开会 - 青山新闻网</title></head>"
        "<body><p>正文一句话。</p><p>正文二。</p></body></html>"
    )
    article = read(tmp_path, "t.htm", page)
    assert article.meta["title"] == "青山县开会"
    assert "青山新闻网" not in article.text


def test_markdown(tmp_path: Path) -> None:
    text = (
        "# 青山县治水记\n\n"
        "青山县**全面推行**河长制，详见[通知](http://example.org/a)。\n\n"
        "> 引用一段话。\n\n"
        "- 第一项工作要点。\n"
        "![图片](http://example.org/p.png)\n\n"
        "| 指标 | 数值 |\n|---|---|\n| 优良天数 | 300天 |\n\n"
        "[返回首页](http://example.org/)\n"
    )
    article = read(tmp_path, "a.md", text)
    assert article.meta["format"] == "md"
    assert article.meta["title"] == "青山县治水记"
    assert article.text.splitlines() == [
        "青山县治水记",
        "青山县全面推行河长制,详见通知。",
        "引用一段话。",
        "第一项工作要点。",
        "指标 数值",
        "优良天数 300天",
    ]


def test_markdown_front_matter_title_not_duplicated(tmp_path: Path) -> None:
    text = "---\ntitle: 青山县治水记\n---\n# 青山县治水记\n\n正文一句。\n"
    article = read(tmp_path, "b.md", text)
    assert article.text.splitlines() == ["青山县治水记", "正文一句。"]


def test_meta_keys_always_present(tmp_path: Path) -> None:
    article = read(tmp_path, "plain.txt", "只有一行正文,没有标题。")
    keys = {"title", "date", "categories", "tags", "byline", "source", "encoding", "format"}
    assert set(article.meta) == keys
    assert article.meta["title"] == ""
    assert article.title is None
