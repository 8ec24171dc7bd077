"""Tests of planparse.loading and planparse.formats: bytes to text."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.errors import InputError
from planparse.formats import format_number, html_to_text, int_to_chinese
from planparse.loading import Source, decode_bytes, detect_encoding, plausibility, read_source

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "000_cb6a3499aac80017.txt"


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_simplified(sample: str) -> str:
    import opencc

    return str(opencc.OpenCC("t2s").convert(sample))


# --------------------------------------------------------------------------- #
# Round trips through the encodings
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("big5", "big5"),
        ("utf-16", "utf-16"),  # BOM in the platform's order
        ("utf-32", "utf-32"),
    ],
)
def test_sample_round_trip(tmp_path: Path, sample: str, codec: str, expected: str) -> None:
    data = sample.encode(codec, errors="strict")
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    src = read_source(path)
    assert src.text == sample
    assert src.encoding == expected
    assert src.format == "text"
    assert src.path == str(path)
    assert src.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_utf16_with_explicit_bom_order(sample: str, bom: bytes, codec: str) -> None:
    src = decode_bytes(bom + sample.encode(codec), path="plan.txt")
    assert src.text == sample
    assert src.encoding == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_detected_by_nul_pattern(sample: str, codec: str) -> None:
    src = decode_bytes(sample.encode(codec), path="plan.txt")
    assert src.text == sample
    assert src.encoding == codec


def test_simplified_sample_in_gbk_and_gb2312(sample_simplified: str) -> None:
    gbk = decode_bytes(sample_simplified.encode("gbk"))
    assert gbk.text == sample_simplified
    assert gbk.encoding == "gb18030"


def test_gb18030_four_byte_characters() -> None:
    text = "关于做好𠮷野家和䶮字录入工作的实施方案\n一、工作目标\n"
    assert detect_encoding(text.encode("gb18030")) == "gb18030"


def test_crlf_is_kept(sample: str) -> None:
    text = sample.replace("\n", "\r\n")
    assert decode_bytes(text.encode("gb18030")).text == text


# Short texts in the genre: Big5 bytes also decode as GB18030 (and often the reverse),
# so the plausibility score must pick the right one even for a few characters.
SHORT_TEXTS = [
    "實施方案",
    "工作方案",
    "一、指導思想",
    "二、工作目標",
    "（三）保障措施",
    "各鄉鎮人民政府：",
    "成立領導小組",
    "組長：王 雄",
    "2013年6月底前完成",
    "加強組織領導，落實工作責任。",
    "附件：任務分解表",
    "市委、市政府",
    "創建省級文明城市",
    "教育局辦公室",
    "嚴格考核，獎懲分明",
]


@pytest.mark.parametrize("text", SHORT_TEXTS)
@pytest.mark.parametrize("codec", ["gb18030", "big5"])
def test_short_traditional_texts(text: str, codec: str) -> None:
    src = decode_bytes(text.encode(codec), path="x.txt")
    assert src.text == text
    assert src.encoding == codec


SHORT_SIMPLIFIED = [
    "实施方案",
    "一、指导思想",
    "关于印发《全市创建文明城市工作方案》的通知",
    "各县（市、区）人民政府，市直各单位：",
    "领导小组办公室设在市发改委",
    "2015年底前全面完成",
    "三是强化督查考核。",
]


@pytest.mark.parametrize("text", SHORT_SIMPLIFIED)
def test_short_simplified_texts_in_gb(text: str) -> None:
    src = decode_bytes(text.encode("gb18030"), path="x.txt")
    assert src.text == text
    assert src.encoding == "gb18030"


def test_random_windows_of_sample(sample: str) -> None:
    """Windows of 8 characters of the sample, in Big5 and GB18030, decode exactly."""
    rng = random.Random(7)
    failures = []
    for _ in range(300):
        start = rng.randrange(0, len(sample) - 8)
        piece = sample[start : start + 8]
        if piece.isascii() or not piece.strip():
            continue
        for codec in ("big5", "gb18030"):
            try:
                got = decode_bytes(piece.encode(codec)).text
            except InputError:
                got = None
            if got != piece:
                failures.append((codec, piece))
    assert len(failures) <= 3, failures


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("日本語のテキストです。東京都の計画。".encode("shift_jis"), "Shift-JIS"),
        ("Café résumé naïve façade à côté".encode("latin-1"), "Latin-1"),
        (("Le développement économique de la région. " * 20).encode("cp1252"), "cp1252"),
        (bytes(range(0x80, 0x100)) * 4, "high bytes"),
    ],
)
def test_mojibake_is_refused(data: bytes, why: str) -> None:
    with pytest.raises(InputError, match=r"cannot decode x\.txt: tried utf-8, gb18030, big5; pass --encoding"):
        decode_bytes(data, path="x.txt")


def test_plausibility_scores(sample: str) -> None:
    big5 = sample[:3000].encode("big5")
    assert plausibility(sample[:3000]) > 0.95
    assert plausibility(big5.decode("gb18030")) < 0.3
    assert plausibility("abc") == 1.0
    assert plausibility("\ue000\ue001中") < 0


def test_truncated_utf8_keeps_the_text(sample: str) -> None:
    data = sample.encode("utf-8")
    cut = data[: len(data) - 1]  # the sample ends with CJK characters... or whatever it ends with
    while cut and cut[-1] < 0x80:
        cut = cut[:-1]
    cut = cut[:-1]
    src = decode_bytes(cut)
    assert src.encoding == "utf-8"
    assert src.text.endswith("\ufffd")
    assert sample.startswith(src.text[:-1])


# --------------------------------------------------------------------------- #
# --encoding
# --------------------------------------------------------------------------- #


def test_encoding_override(sample: str) -> None:
    data = sample.encode("big5")
    src = decode_bytes(data, encoding="big5")
    assert (src.text, src.encoding) == (sample, "big5")
    # A wrong but valid choice is honoured as asked.
    assert decode_bytes(data, encoding="gbk").encoding == "gb18030"


@pytest.mark.parametrize(
    ("name", "codec"),
    [("GBK", "gb18030"), ("gb2312", "gb18030"), ("UTF8", "utf-8"), ("Big5", "big5"), ("cp950", "cp950")],
)
def test_encoding_names_resolved(name: str, codec: str) -> None:
    assert decode_bytes("方案".encode(codec), encoding=name).encoding == codec


def test_encoding_utf8_with_bom_strips_bom() -> None:
    src = decode_bytes(b"\xef\xbb\xbf" + "方案".encode(), encoding="utf-8")
    assert (src.text, src.encoding) == ("方案", "utf-8-sig")


@pytest.mark.parametrize("name", ["no-such-codec", "base64", "rot13", ""])
def test_unknown_encoding(name: str) -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode_bytes("方案".encode(), path="x.txt", encoding=name)


def test_wrong_encoding_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"cannot decode x\.txt as utf-8: invalid byte 0x.. at offset 0"):
        decode_bytes("方案".encode("gb18030"), path="x.txt", encoding="utf-8")


# --------------------------------------------------------------------------- #
# Bad input
# --------------------------------------------------------------------------- #


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError, match=f"^no such file: {path}$"):
        read_source(path)


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"is a directory; use `planparse batch`$"):
        read_source(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("方案", encoding="utf-8")
    path.chmod(0)
    try:
        if os.geteuid() != 0:
            with pytest.raises(InputError, match="permission denied"):
                read_source(path)
            return
        # root reads everything: read as an unprivileged user in a forked child.
        tmp_path.chmod(0o755)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: drop privileges, report the message, exit at once
            try:
                os.setgid(65534)
                os.setuid(65534)
                try:
                    read_source(path)
                    message = "read it"
                except InputError as exc:
                    message = str(exc)
                os.write(write_end, message.encode())
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            message = pipe.read().decode()
        os.waitpid(pid, 0)
        if not message:
            pytest.skip("could not drop privileges in a child process")
        assert message == f"cannot read {path}: permission denied"
    finally:
        path.chmod(0o644)


def test_permission_error_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("方案", encoding="utf-8")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match=f"^cannot read {path}: permission denied$"):
        read_source(path)


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", b"\n\n\r\n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n", "\u3000\u3000\n".encode(),
     "\u3000 \n".encode("gb18030"), b"\xff\xfe" + " \n".encode("utf-16-le")],
)
def test_empty_inputs(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=f"^{path} is empty$"):
        read_source(path)


def test_zero_byte_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match=r"^- is empty$"):
        read_source("-")


def test_missing_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match=r"^- is empty$"):
        read_source("-")


def test_stdin(monkeypatch: pytest.MonkeyPatch, sample: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(sample.encode("big5"))))
    src = read_source("-")
    assert (src.text, src.encoding, src.path) == (sample, "big5", "-")


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (PNG, "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Word 97-2003 .doc / OLE2 document"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip archive"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "RTF document"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 50, "ELF executable"),
        (random.Random(3).randbytes(4096), "contains NUL bytes"),
        (b"abc\x00def\x00\x00ghi", "contains NUL bytes"),
        (bytes(range(1, 32)) * 20, "contains control characters"),
    ],
)
def test_binary_inputs(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_source(path)
    assert str(info.value) == (
        f"{path} looks like a binary file ({kind}), which planparse cannot read; "
        "convert it to text, .html or .docx first"
    )


def _zip(files: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        ({"a.txt": "方案"}, "ZIP archive"),
        ({"xl/workbook.xml": "<workbook/>"}, "Excel spreadsheet (.xlsx)"),
        ({"ppt/presentation.xml": "<p/>"}, "PowerPoint presentation (.pptx)"),
        ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
         "OpenDocument file (.odt/.ods)"),
    ],
)
def test_zip_that_is_not_docx(files: dict[str, str | bytes], kind: str) -> None:
    with pytest.raises(InputError, match="^" + re.escape(f"plan.docx looks like a binary file ({kind})")):
        decode_bytes(_zip(files), path="plan.docx")


def test_damaged_docx() -> None:
    data = _zip({"word/document.xml": "<w:document><unclosed>"})
    with pytest.raises(InputError, match=r"^cannot read plan\.docx as a Word document: word/document.xml is not"):
        decode_bytes(data, path="plan.docx")
    truncated = _zip({"word/document.xml": "x" * 1000})[:40]
    with pytest.raises(InputError, match="looks like a binary file"):
        decode_bytes(truncated, path="plan.docx")


def test_ten_megabyte_single_line(tmp_path: Path, sample_simplified: str) -> None:
    path = tmp_path / "long.txt"
    path.write_bytes(("为" * 3_400_000).encode("utf-8")[:10_000_000])
    start = time.perf_counter()
    src = read_source(path)
    assert time.perf_counter() - start < 1.0
    assert len(src.text) == 3_333_334  # the last character cut in half becomes U+FFFD
    line = "".join(sample_simplified.split()) * 200
    path.write_bytes(line.encode("gb18030")[:10_000_000])
    start = time.perf_counter()
    src = read_source(path)
    assert time.perf_counter() - start < 1.0
    assert src.encoding == "gb18030"


def test_speed_large_files(sample: str, sample_simplified: str) -> None:
    big = sample.encode("utf-8") * (50_000_000 // len(sample.encode("utf-8")))
    start = time.perf_counter()
    src = decode_bytes(big, path="big.txt")
    elapsed = time.perf_counter() - start
    assert src.encoding == "utf-8"
    assert elapsed < 1.0, elapsed
    gb = sample_simplified.encode("gb18030")
    gb = gb * (1_000_000 // len(gb) + 1)
    start = time.perf_counter()
    src = decode_bytes(gb, path="gb.txt")
    elapsed = time.perf_counter() - start
    assert src.encoding == "gb18030"
    assert elapsed < 0.3, elapsed


# --------------------------------------------------------------------------- #
# HTML
# --------------------------------------------------------------------------- #

PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>某某市人民政府门户网站</title>
<style>p { margin: 0 } .nav { color: red }</style>
<script type="text/javascript">var s = "<p>不要</p>"; document.write(s);</script>
</head>
<body>
<nav><a href="/">首页</a> | <a href="/zw">政务公开</a></nav>
<div class="content">
  <h1>关于印发某某县创建文明城市
      工作实施方案的通知</h1>
  <p>各乡镇人民政府：</p>
  <p>&nbsp;&nbsp;现将《实施方案》印发给你们，请认真贯彻执行。</p>
  <p>一、指导思想<br>以科学发展观为指导<br/>全面推进创建工作。</p>
  <div style="display:none">隐藏内容</div>
  <table border="1">
    <tr><th>序号</th><th>工作任务</th><th>责任单位</th></tr>
    <tr><td>1</td><td><p>加强宣传</p></td><td>宣传部<br>文明办</td></tr>
    <tr><td>2<td>整治环境<td>城管局
  </table>
  <p>某某县人民政府办公室&#12288;2013年5月6日</p>
</div>
<footer>版权所有 &copy; 某某市人民政府</footer>
<script>alert("再见")</script>
</body>
</html>
"""

PAGE_LINES = [
    "关于印发某某县创建文明城市 工作实施方案的通知",
    "各乡镇人民政府：",
    "现将《实施方案》印发给你们，请认真贯彻执行。",
    "一、指导思想",
    "以科学发展观为指导",
    "全面推进创建工作。",
    "序号\t工作任务\t责任单位",
    "1\t加强宣传\t宣传部 文明办",
    "2\t整治环境\t城管局",
    "某某县人民政府办公室\u30002013年5月6日",
]


def test_html_page_in_gbk(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    data = PAGE.encode("gbk")
    path.write_bytes(data)
    src = read_source(path)
    assert src.format == "html"
    assert src.encoding == "gb18030"
    assert src.text.split("\n") == PAGE_LINES
    assert src.sha256 == hashlib.sha256(data).hexdigest()


def test_html_detected_by_content_whatever_the_extension() -> None:
    src = decode_bytes(PAGE.encode("gbk"), path="download.txt")
    assert src.format == "html"
    assert src.text.split("\n") == PAGE_LINES


def test_html_meta_charset_that_lies() -> None:
    """A page declaring gb2312 but written in UTF-8 (or Big5) is still read correctly."""
    assert decode_bytes(PAGE.encode("utf-8"), path="p.html").text.split("\n") == PAGE_LINES
    trad = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>胡家小學創建省級文明城市工作實施方案</p><p>一、指導思想</p></body></html>"
    )
    src = decode_bytes(trad.encode("big5"), path="p.html")
    assert src.encoding == "big5"
    assert src.text == "胡家小學創建省級文明城市工作實施方案\n一、指導思想"


@pytest.mark.parametrize(
    "text", ["Café", "naïve résumé", "Ελληνικά κείμενα", "Русский текст", "Ϊ", "中文 and English", "\u00a9 2013"]
)
def test_valid_utf8_stays_utf8(text: str) -> None:
    """Valid UTF-8 wins even when its GB18030 reading would look like Chinese (Café = Caf茅)."""
    assert decode_bytes(text.encode()).encoding == "utf-8"


def test_utf8_with_impossible_characters_is_reconsidered() -> None:
    # GB bytes that are also valid UTF-8, but as UTF-8 yield C1 controls
    text = "中文\u0085\u0086"
    data = text.encode("utf-8")
    assert plausibility(data.decode("utf-8")) < 0
    assert decode_bytes(data).encoding == "utf-8"  # no plausible CJK reading: still UTF-8


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_html_in_utf16_without_bom(codec: str) -> None:
    page = "<!DOCTYPE html><html><body><p>实施方案</p><p>二、目标</p></body></html>"
    src = decode_bytes(page.encode(codec), path="p")
    assert (src.text, src.format, src.encoding) == ("实施方案\n二、目标", "html", codec)
    forced = decode_bytes(page.encode(codec), path="p", encoding=codec)
    assert (forced.text, forced.format) == ("实施方案\n二、目标", "html")


def test_html_meta_charset_big5() -> None:
    page = '<html><head><meta charset="big5"></head><body><p>實施方案</p><p>一、指導思想</p></body></html>'
    src = decode_bytes(page.encode("big5"), path="p.html")
    assert (src.text, src.encoding) == ("實施方案\n一、指導思想", "big5")


def test_html_utf16_with_bom() -> None:
    page = "<!doctype html><html><body><p>实施方案</p><p>二、目标</p></body></html>"
    src = decode_bytes(page.encode("utf-16"), path="p")
    assert (src.text, src.format, src.encoding) == ("实施方案\n二、目标", "html", "utf-16")


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>一</p><p>二</p>", "一\n二"),
        ("<div>甲<div>乙</div>丙</div>", "甲\n乙\n丙"),
        ("<p>甲<br><br><br>乙</p>", "甲\n乙"),
        ("<p>王&nbsp;&nbsp;雄</p>", "王 雄"),
        ("<p>a\n   b</p>", "a b"),
        ("<ul><li>第一项</li><li>第二项</li></ul>", "第一项\n第二项"),
        ("<header>网站首页</header><p>正文</p>", "正文"),
        ("<article><header><h1>标题</h1></header><p>正文</p><footer>2013年</footer></article>", "标题\n正文\n2013年"),
        ("<p>正文</p><footer><p>网站地图</p></footer>", "正文"),
        ("<nav><ul><li>首页</li><li><nav>x</nav>关于</li></ul></nav><p>正文</p>", "正文"),
        ("<p hidden>隐藏</p><p>显示</p>", "显示"),
        ("<p hidden>隐藏<p>显示<p>也显示", "显示\n也显示"),
        ("<html><head><title>标题</title><meta charset=utf-8><p>正文", "正文"),
        ("<div style='DISPLAY: none'><div>隐藏</div></div><p>显示</p>", "显示"),
        ("<noscript>请开启脚本</noscript><p>显示</p>", "显示"),
        ("<head><title>标题</title><body><p>正文</p>", "正文"),
        ("<p>&lt;b&gt; &amp; &#x4E00; &#20108;</p>", "<b> & 一 二"),
        ("<pre>第一行\n第二行</pre>", "第一行\n第二行"),
        ("<table><tr><td>a</td><td></td><td>c</td></tr></table>", "a\t\tc"),
        ("<table><tr><td>a</td><td>b</td><td></td></tr></table>", "a\tb"),
        # a layout table: a single cell, or a cell holding a table, keeps its lines
        ("<table><tr><td><p>第一段</p><p>第二段</p></td></tr></table>", "第一段\n第二段"),
        (
            "<table><tr><td>左栏</td><td><table><tr><td>甲</td><td>乙</td></tr></table><p>正文</p></td></tr></table>",
            "左栏\n甲\t乙\n正文",
        ),
        ("<table><tr><td>1<td>2<tr><td>3<td>4</table>", "1\t2\n3\t4"),
        # a page laid out as a table: a menu cell beside a cell of running text
        (
            "<table><tr><td><a>首页</a><br><a>政务公开</a></td><td>"
            + "".join(f"<p>第{i}段。</p>" for i in range(1, 8))
            + "</td></tr></table>",
            "首页\n政务公开\n" + "\n".join(f"第{i}段。" for i in range(1, 8)),
        ),
        ("<table><tr><td>任务</td><td>" + "很长的说明" * 101 + "</td></tr></table>", "任务\n" + "很长的说明" * 101),
        (
            "<html><head><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml>"
            "<![endif]--></head><body><p class=MsoNormal>正文<o:p></o:p></p><xml>x</xml></body></html>",
            "正文",
        ),
        ("<table><caption>表1 任务分解</caption><tr><td>a</td><td>b</td></tr></table>", "表1 任务分解\na\tb"),
        ("<p>未闭合<table><tr><td>x</td><td>y</td>", "未闭合\nx\ty"),
        ("<script>var a='</p>';</script><p>正文</p>", "正文"),
        ("<p>a</p><!-- <p>注释</p> --><p>b</p>", "a\nb"),
        ("<p>行一</p>\r\n\r\n<p>行二</p>", "行一\n行二"),
        ("<p>PM2.5<75微克</p><p>a < b > c</p>", "PM2.5<75微克\na < b > c"),
        ("<p>x<y<z</p>", "x<y<z"),
        ("<p>正文</p><!-- 未闭合的注释 <p>不要</p>", "正文"),
        ("<!--[if !IE]><!--><p>显示</p><!--<![endif]-->", "显示"),
        ("<p><img src=x alt=图片><br/>文字</p>", "文字"),
        # a cell spanning rows repeats in each; one spanning columns keeps the columns aligned
        (
            "<table><tr><td>2</td><td>建设</td><td rowspan='2'>县水利局</td><td>县财政局</td></tr>"
            "<tr><td>3</td><td>改造</td><td>县住建局</td></tr><tr><td>4</td><td>保障</td><td>县应急局</td>"
            "<td>—</td></tr></table>",
            "2\t建设\t县水利局\t县财政局\n3\t改造\t县水利局\t县住建局\n4\t保障\t县应急局\t—",
        ),
        (
            "<table><tr><td colspan=2>任务</td><td>单位</td></tr><tr><td>1</td><td>宣传</td><td>宣传部</td></tr></table>",
            "任务\t\t单位\n1\t宣传\t宣传部",
        ),
        ("<table><tr><td rowspan=3>甲</td><td>a</td></tr><tr><td>b</td></tr></table>", "甲\ta\n甲\tb"),
    ],
)
def test_html_to_text(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


@pytest.mark.parametrize(
    "markup",
    ["a<b" * 50_000, "<" * 200_000, "<!--" * 50_000, "<a " + "b=c " * 50_000, "</" * 100_000,
     "<p>" * 30_000, "<table><tr><td>" * 10_000, "<div hidden>" * 30_000, "<![CDATA[" * 30_000],
)
def test_html_hostile_markup_is_fast(markup: str) -> None:
    """Quadratic behaviour would take minutes here (html.parser alone takes 26 s on a<b * 50,000)."""
    start = time.perf_counter()
    html_to_text(markup)
    assert time.perf_counter() - start < 2.0


def test_html_with_no_text() -> None:
    page = "<html><head><title>x</title></head><body><script>1</script></body></html>"
    with pytest.raises(InputError, match=r"^p\.html is empty \(the page has no visible text\)$"):
        decode_bytes(page.encode(), path="p.html")


@pytest.mark.parametrize(
    ("head", "is_html"),
    [
        (b"<!DOCTYPE html>\n<html>", True),
        (b"\xef\xbb\xbf  <html lang='zh'>", True),
        (b"<!-- saved from url=(0042)http://www.gov.cn/ -->\r\n<html>", True),
        (b'<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "x">', True),
        ("一、<html>标签说明".encode(), False),
        (b"plain text mentioning <html> later", False),
    ],
)
def test_html_sniffing(head: bytes, is_html: bool) -> None:
    from planparse.formats import looks_like_html

    assert looks_like_html(head) is is_html


def test_text_file_mentioning_html_is_text() -> None:
    src = decode_bytes("第一条 网页使用<html>标签。\n第二条 其他。".encode(), path="a.txt")
    assert src.format == "text"
    assert src.text == "第一条 网页使用<html>标签。\n第二条 其他。"


# --------------------------------------------------------------------------- #
# .docx
# --------------------------------------------------------------------------- #

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _para(text: str, num: tuple[int, int] | None = None, style: str | None = None) -> str:
    ppr = ""
    if num is not None or style is not None:
        inner = f'<w:pStyle w:val="{style}"/>' if style else ""
        if num is not None:
            inner += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr = f"<w:pPr>{inner}</w:pPr>"
    runs = "".join(
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{piece}</w:t></w:r>' for piece in text.split("|")
    )
    return f"<w:p>{ppr}{runs}</w:p>"


def _cell(*paragraphs: str) -> str:
    return "<w:tc><w:tcPr/>" + "".join(_para(p) for p in paragraphs) + "</w:tc>"


def _docx(body: str, numbering: str | None = None, styles: str | None = None) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": document.encode("utf-8"),
    }
    if numbering is not None:
        files["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    if styles is not None:
        files["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    return _zip(files)


def test_docx_paragraphs_and_table(tmp_path: Path) -> None:
    body = (
        _para("胡家小学|创建省级文明城市|工作实施方案")
        + _para("")
        + _para("一、指导思想")
        + "<w:p><w:r><w:t>以行风建设为突破口</w:t><w:br/><w:t>以形象建设为立足点</w:t></w:r></w:p>"
        + "<w:tbl><w:tblPr/>"
        + "<w:tr>" + _cell("序号") + _cell("工作任务") + _cell("责任单位") + "</w:tr>"
        + "<w:tr>" + _cell("1") + _cell("加强宣传") + _cell("宣传部", "文明办") + "</w:tr>"
        + "<w:tr>" + _cell("2") + _cell("") + _cell("城管局") + "</w:tr>"
        + "</w:tbl>"
        + "<w:p><w:r><w:t>组长：</w:t><w:tab/><w:t>王 雄</w:t></w:r></w:p>"
        + '<w:p><w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的文字</w:t></w:r></w:ins>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + '<w:sdt><w:sdtPr/><w:sdtContent>' + _para("二〇一三年五月六日") + "</w:sdtContent></w:sdt>"
    )
    path = tmp_path / "plan.docx"
    data = _docx(body)
    path.write_bytes(data)
    src = read_source(path)
    assert src == Source(
        text="\n".join([
            "胡家小学创建省级文明城市工作实施方案",
            "一、指导思想",
            "以行风建设为突破口",
            "以形象建设为立足点",
            "序号\t工作任务\t责任单位",
            "1\t加强宣传\t宣传部 文明办",
            "2\t\t城管局",
            "组长：\t王 雄",
            "插入的文字3",
            "二〇一三年五月六日",
        ]),
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="docx",
        format="docx",
    )


def test_docx_merged_cells_repeat_their_text() -> None:
    def cell(text: str, props: str) -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{_para(text)}</w:tc>"

    restart, cont = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = (
        "<w:tbl>"
        + "<w:tr>" + _cell("2") + cell("县水利局", restart) + _cell("县财政局") + "</w:tr>"
        + "<w:tr>" + _cell("3") + cell("", cont) + _cell("县住建局") + "</w:tr>"
        + "<w:tr>" + cell("合计", '<w:gridSpan w:val="2"/>') + _cell("2项") + "</w:tr>"
        + "</w:tbl>"
    )
    assert decode_bytes(_docx(body)).text == "2\t县水利局\t县财政局\n3\t县水利局\t县住建局\n合计\t\t2项"


def test_docx_detected_by_content_not_extension() -> None:
    src = decode_bytes(_docx(_para("实施方案")), path="download")
    assert (src.text, src.format) == ("实施方案", "docx")


def test_docx_text_box_and_alternate_content() -> None:
    body = (
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        + _para("文本框内容")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + _para("文本框内容")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>"
    )
    assert decode_bytes(_docx(body)).text == "正文\n文本框内容"


def test_docx_nested_table_keeps_lines() -> None:
    inner = "<w:tbl><w:tr>" + _cell("甲") + _cell("乙") + "</w:tr></w:tbl>"
    body = "<w:tbl><w:tr>" + _cell("左栏") + "<w:tc>" + inner + _para("正文") + "</w:tc></w:tr></w:tbl>"
    assert decode_bytes(_docx(body)).text == "左栏\n甲\t乙\n正文"


NUMBERING = """
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf06c"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
"""

STYLES = """
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
"""


def test_docx_automatic_numbering() -> None:
    body = (
        _para("指导思想", (1, 0))
        + _para("工作目标", (1, 0))
        + _para("总体目标", (1, 1))
        + _para("具体目标", (1, 1))
        + _para("第一项", (1, 2))
        + _para("第二项", (1, 2))
        + _para("加强领导", (1, 1))
        + _para("要点", (2, 0))
        + _para("保障措施", style="MyHeading")
        + _para("", (1, 0))  # an empty numbered paragraph shows nothing
        + _para("组织保障", (1, 1))
    )
    text = decode_bytes(_docx(body, NUMBERING, STYLES)).text
    assert text.split("\n") == [
        "一、指导思想",
        "二、工作目标",
        "（一）总体目标",
        "（二）具体目标",
        "1. 第一项",
        "2. 第二项",
        "（三）加强领导",
        "要点",
        "三、保障措施",
        "（一）组织保障",
    ]


@pytest.mark.parametrize(
    ("number", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (2, "decimalEnclosedCircle", "②"),
        (2, "decimalEnclosedCircleChinese", "②"),
        (4, "decimalEnclosedParen", "⑷"),
        (12, "decimalFullWidth", "１２"),
        (4, "lowerRoman", "iv"),
        (27, "upperLetter", "AA"),
        (3, "decimal", "3"),
        (3, "somethingNew", "3"),
    ],
)
def test_format_number(number: int, fmt: str, expected: str) -> None:
    assert format_number(number, fmt) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "一"), (10, "十"), (15, "十五"), (110, "一百一十"), (1001, "一千零一"), (20000, "二万"),
     (10010, "一万零一十"), (0, "0")],
)
def test_int_to_chinese(number: int, expected: str) -> None:
    assert int_to_chinese(number) == expected


def test_docx_with_dtd_is_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>'
    )
    data = _zip({"word/document.xml": bomb})
    with pytest.raises(InputError, match="declares a DTD"):
        decode_bytes(data, path="bomb.docx")


def test_empty_docx() -> None:
    with pytest.raises(InputError, match=r"^e\.docx is empty \(the document has no text\)$"):
        decode_bytes(_docx(_para("") + _para("  ")), path="e.docx")


def test_docx_with_corrupt_deflate_data() -> None:
    data = bytearray(_docx(_para("实施方案" * 200)))
    start = data.find(b"word/document.xml") + len(b"word/document.xml")
    for i in range(start + 10, start + 60):
        data[i] ^= 0x5A
    with pytest.raises(InputError):
        decode_bytes(bytes(data), path="bad.docx")


def test_docx_nested_too_deeply() -> None:
    depth = 5000
    body = "<w:p>" + "<w:hyperlink>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:hyperlink>" * depth + "</w:p>"
    with pytest.raises(InputError, match="nested too deeply"):
        decode_bytes(_docx(body), path="deep.docx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from(["x.txt", "x.html", "x.docx", "-"]))
def test_any_bytes_give_a_source_or_an_input_error(data: bytes, path: str) -> None:
    try:
        src = decode_bytes(data, path=path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert src.text.strip()
        assert src.format in ("text", "html")


HTML_PIECES = [
    *"<>/!-=\"' abp\n&;#x中文",
    "<p>", "</td>", "<td>", "<tr>", "<table>", "<!--", "-->", "<br>", "<nav>", "</nav>", "<pre>", "</table>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES)).map("".join))
def test_html_to_text_never_fails(markup: str) -> None:
    text = html_to_text(markup)
    assert "\n\n" not in text
