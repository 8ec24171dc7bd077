"""The whole pipeline on the sample in every input format: the same plan, whatever the bytes.

The sample is written out in each legacy and Unicode encoding, as an HTML page and
as a Word .docx (both built here), read back with :func:`planparse.parse_file`, and
compared with the result of the UTF-8 text: same documents, titles, section trees,
phases, targets, tasks, people and references.  For the encodings the decoded text
is the same string, so the spans must be identical too; HTML and .docx rebuild the
text from markup, so there the spans are left out of the comparison.
"""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from conftest import SAMPLE
from planparse import parse_file
from planparse.cli import main
from planparse.models import PlanResult

#: Stand-in for a character an encoding cannot represent (it exists in every codec tested).
PLACEHOLDER = "□"


def representable(text: str, codec: str) -> str:
    """``text`` with every character that ``codec`` cannot encode replaced by :data:`PLACEHOLDER`."""
    bad = set()
    for ch in set(text):
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            bad.add(ch)
    return "".join(PLACEHOLDER if ch in bad else ch for ch in text)


def strip_volatile(value: Any, *, spans: bool) -> Any:
    """A model dump without ``source`` and, unless ``spans``, without any span."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key == "source":
                continue
            if not spans and key in ("span", "heading_span", "title_span"):
                continue
            out[key] = strip_volatile(item, spans=spans)
        return out
    if isinstance(value, list):
        return [strip_volatile(item, spans=spans) for item in value]
    return value


def content(result: PlanResult, *, spans: bool) -> dict[str, Any]:
    data: dict[str, Any] = strip_volatile(result.model_dump(), spans=spans)
    return data


def heading_tree(result: PlanResult) -> list[list[tuple[str, str, str]]]:
    """Per document: (id, marker, heading) of every section, depth first."""

    def walk(sections: list[Any]) -> list[tuple[str, str, str]]:
        out = []
        for s in sections:
            out.append((s.id, s.marker, s.heading))
            out.extend(walk(s.children))
        return out

    return [walk(d.sections) for d in result.documents]


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def reference(tmp_path: Path, text: str) -> PlanResult:
    path = tmp_path / "reference.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def assert_same(got: PlanResult, want: PlanResult, *, spans: bool) -> None:
    assert [d.title for d in got.documents] == [d.title for d in want.documents]
    assert heading_tree(got) == heading_tree(want)
    assert [[p.model_dump(exclude={"span"}) for p in d.phases] for d in got.documents] == [
        [p.model_dump(exclude={"span"}) for p in d.phases] for d in want.documents
    ]
    assert [[t.model_dump(exclude={"span"}) for t in d.targets] for d in got.documents] == [
        [t.model_dump(exclude={"span"}) for t in d.targets] for d in want.documents
    ]
    assert content(got, spans=spans) == content(want, spans=spans)


def test_reference_result_is_substantial(tmp_path: Path, sample: str) -> None:
    """The comparisons below mean something only if the UTF-8 result has content."""
    want = reference(tmp_path, sample)
    assert len(want.documents) == 5
    assert all(d.title for d in want.documents)
    assert sum(len(tree) for tree in heading_tree(want)) >= 20
    assert sum(len(d.phases) for d in want.documents) >= 3
    assert want.source.encoding == "utf-8"


ENCODINGS = [
    # (codec used to write, bytes prefix, the encoding planparse must report)
    ("gb18030", b"", "gb18030"),
    ("big5", b"", "big5"),
    ("utf-16-le", b"\xff\xfe", "utf-16"),
    ("utf-16-be", b"\xfe\xff", "utf-16"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
]


@pytest.mark.parametrize(("codec", "bom", "reported"), ENCODINGS, ids=[e[0] + ("-bom" if e[1] else "") for e in ENCODINGS])
def test_encodings_give_identical_results(tmp_path: Path, sample: str, codec: str, bom: bytes, reported: str) -> None:
    text = representable(sample, codec)
    assert text.count(PLACEHOLDER) <= 20, "the sample should be (nearly) representable"
    want = reference(tmp_path, text)
    path = tmp_path / f"sample.{codec}.txt"
    path.write_bytes(bom + text.encode(codec))
    got = parse_file(path)
    assert got.source.encoding == reported
    assert got.source.sha256 != want.source.sha256  # hashes the bytes, which differ
    assert_same(got, want, spans=True)


def test_placeholder_helper() -> None:
    # "为" and "积" are Simplified only and have no Big5 code; the helper swaps exactly those.
    assert representable("为了积極響應", "big5") == f"{PLACEHOLDER}了{PLACEHOLDER}極響應"
    assert representable("为了积極響應", "gb18030") == "为了积極響應"


def html_page(text: str) -> str:
    body = "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in text.split("\n"))
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\"><title>页面标题</title>"
        "<style>p { margin: 0 }</style><script>var x = '一、不是标题';</script></head>\n"
        f"<body>\n<nav>首页 &gt; 通知公告</nav>\n{body}\n</body>\n</html>\n"
    )


def docx_bytes(text: str) -> bytes:
    """A minimal Word document with one ``w:p`` per line."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{w}"><w:body>{paragraphs}<w:sectPr/></w:body></w:document>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>'
    )
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_html_page(tmp_path: Path, sample: str, encoding: str) -> None:
    want = reference(tmp_path, sample)
    page = html_page(sample).replace('charset="utf-8"', f'charset="{encoding}"')
    path = tmp_path / "sample.html"
    path.write_bytes(page.encode(encoding))
    got = parse_file(path)
    assert got.source.encoding == encoding
    assert_same(got, want, spans=False)


def test_html_spans_point_into_the_extracted_text(tmp_path: Path, sample: str) -> None:
    from planparse.loading import read_source

    path = tmp_path / "sample.htm"
    path.write_text(html_page(sample), encoding="utf-8")
    text = read_source(path).text
    got = parse_file(path)
    assert "不是标题" not in text and "首页" not in text  # script and nav are dropped
    for doc in got.documents:
        assert doc.title_span is not None
        assert text[doc.title_span.start : doc.title_span.end].strip()
        for section in doc.sections:
            assert text[section.span.start : section.span.end].lstrip().startswith(section.marker[:1])


def test_docx(tmp_path: Path, sample: str) -> None:
    want = reference(tmp_path, sample)
    path = tmp_path / "sample.docx"
    path.write_bytes(docx_bytes(sample))
    got = parse_file(path)
    assert got.source.encoding == "docx"
    assert_same(got, want, spans=False)


def test_docx_without_extension_is_recognised(tmp_path: Path, sample: str) -> None:
    want = reference(tmp_path, sample)
    path = tmp_path / "download.bin"
    path.write_bytes(docx_bytes(sample))
    assert_same(parse_file(path), want, spans=False)


@pytest.mark.parametrize("codec", ["big5", "gb18030", "cp950"])
def test_cli_encoding_override(tmp_path: Path, sample: str, codec: str) -> None:
    want = reference(tmp_path, sample)
    path = tmp_path / "sample.txt"
    path.write_bytes(sample.encode(codec))
    result = CliRunner().invoke(main, ["extract", str(path), "--encoding", codec])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["encoding"] == codec
    got = PlanResult.model_validate(data)
    assert_same(got, want, spans=True)


def test_cli_wrong_encoding_override_is_refused(tmp_path: Path, sample: str) -> None:
    path = tmp_path / "sample.txt"
    path.write_bytes(sample.encode("big5"))
    result = CliRunner().invoke(main, ["extract", str(path), "--encoding", "utf-8"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("planparse: error: cannot decode")
    assert "Traceback" not in result.stderr


def test_a_parse_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    from planparse import parse_text

    assert gc.isenabled()
    parse_text("某县工作方案\n一、工作目标\n知晓率达90%以上。\n")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text("某县工作方案\n一、工作目标\n知晓率达90%以上。\n")
        assert not gc.isenabled()
    finally:
        gc.enable()
