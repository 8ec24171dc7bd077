"""Bad input through ``planparse extract``: one line on stderr, an exit code, nothing on stdout.

Every input a user can get wrong (empty, binary, a folder, a missing file, an
unknown encoding...) must end in ``planparse: error: <message>`` on a single line
of stderr, exit code 1, empty stdout and no traceback.  Inputs that are odd but
readable (a 10 MB line, a 5 MB file, text without any numbered section) must give
a valid result instead.  The 50 MB case lives in ``benchmarks/adversarial.py``.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import SAMPLE
from planparse.cli import main
from planparse.models import PlanResult


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def assert_one_line_error(result: Result, *fragments: str, code: int = 1) -> str:
    """The failure contract; returns the message after ``planparse: error: ``."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    err = result.stderr
    assert "Traceback" not in err
    assert "internal error" not in err
    assert err.endswith("\n") and err.count("\n") == 1, repr(err)
    assert err.startswith("planparse: error: "), repr(err)
    message = err[len("planparse: error: ") :].strip()
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def assert_valid_result(result: Result) -> PlanResult:
    assert result.exit_code == 0, (result.exit_code, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    return PlanResult.model_validate_json(result.stdout)


def random_bytes(n: int, seed: int, *, nul: bool) -> bytes:
    rng = random.Random(seed)
    data = bytearray(rng.randrange(256) for _ in range(n))
    if nul:
        data[10:12] = b"\x00\x00"
    else:
        # high bytes only, no NUL and no control character: undecodable, but not obviously binary
        data = bytearray(0x80 + b % 0x7F for b in data)
    return bytes(data)


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


# (file name, bytes, fragments expected in the message)
BAD_FILES: list[tuple[str, bytes, tuple[str, ...]]] = [
    ("empty.txt", b"", ("empty.txt", "is empty")),
    ("blank.txt", b" \n\t\r\n  \n", ("blank.txt", "is empty")),
    ("bom-only.txt", b"\xef\xbb\xbf", ("is empty",)),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)), ("binary", "PNG")),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ("binary", "PDF")),
    ("plan.txt.pdf", b"%PDF-1.4\n" + "一、指导思想\n".encode() * 20, ("PDF",)),
    ("noise.bin", random_bytes(4096, 1, nul=True), ("binary", "NUL")),
    ("noise.txt", random_bytes(4096, 2, nul=True), ("binary",)),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ("binary", ".doc")),
    ("sheet.xlsx", _zip({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}), ("Excel",)),
    ("empty.html", b"<!DOCTYPE html><html><head><title>t</title></head><body> </body></html>", ("empty",)),
]


@pytest.mark.parametrize(("name", "data", "fragments"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file(runner: CliRunner, tmp_path: Path, name: str, data: bytes, fragments: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(runner.invoke(main, ["extract", str(path)]), *fragments)


def test_undecodable_high_bytes(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "mojibake.txt"
    path.write_bytes(random_bytes(4096, 3, nul=False))
    message = assert_one_line_error(runner.invoke(main, ["extract", str(path)]))
    assert "cannot decode" in message or "binary" in message


def test_directory(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text("一、指导思想\n", encoding="utf-8")
    assert_one_line_error(runner.invoke(main, ["extract", str(folder)]), "is a directory", "planparse batch")


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "plan.txt"
    assert_one_line_error(runner.invoke(main, ["extract", str(missing)]), "no such file", "plan.txt")


def test_zero_byte_stdin(runner: CliRunner) -> None:
    assert_one_line_error(runner.invoke(main, ["extract", "-"], input=b""), "is empty")


def test_binary_stdin(runner: CliRunner) -> None:
    assert_one_line_error(runner.invoke(main, ["extract", "-"], input=b"%PDF-1.5\n..."), "PDF")


@pytest.mark.parametrize("encoding", ["klingon", "utf-9", "base64", ""])
def test_unknown_encoding(runner: CliRunner, encoding: str) -> None:
    # checked before the file is read: even a good file is refused
    message = assert_one_line_error(runner.invoke(main, ["extract", str(SAMPLE), "--encoding", encoding]))
    assert message.startswith("unknown encoding")


def test_wrong_encoding(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("一、指导思想\n坚持以人为本。\n".encode("gb18030"))
    assert_one_line_error(runner.invoke(main, ["extract", str(path), "--encoding", "utf-8"]),
                          "cannot decode", "utf-8", "offset")


def test_error_goes_to_stderr_even_with_output_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    out = tmp_path / "out.json"
    assert_one_line_error(runner.invoke(main, ["extract", str(path), "-o", str(out)]), "is empty")
    assert not out.exists()  # no half-written output


# --- odd but readable ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "这是一段没有任何结构的文字，只是随便写写，没有编号，也没有标题。",
        "Hello, world. Plain English prose without any numbered heading.\n" * 3,
        "?" * 500 + "\n" + "*" * 500,
        "加强组织领导\n落实工作责任\n严格考核奖惩\n",
    ],
    ids=["chinese-prose", "english", "marks", "bare-lines"],
)
def test_text_without_structure(runner: CliRunner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "prose.txt"
    path.write_text(text, encoding="utf-8")
    result = assert_valid_result(runner.invoke(main, ["extract", str(path)]))
    assert result.warnings == ["no numbered sections found"]
    assert len(result.documents) == 1
    assert result.documents[0].sections == []


def test_structured_text_has_no_warning(runner: CliRunner) -> None:
    result = assert_valid_result(runner.invoke(main, ["extract", str(SAMPLE)]))
    assert result.warnings == []


@pytest.fixture(scope="module")
def sample() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_ten_megabyte_single_line(runner: CliRunner, tmp_path: Path, sample: str) -> None:
    line = sample.replace("\n", "")
    text = (line * (10_000_000 // len(line) + 1))[:10_000_000]
    assert "\n" not in text
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    result = assert_valid_result(runner.invoke(main, ["extract", str(path)]))
    assert result.source.encoding == "utf-8"
    for doc in result.documents:
        assert doc.span.end <= len(text)


def test_five_megabyte_file(runner: CliRunner, tmp_path: Path, sample: str) -> None:
    copies = 5_000_000 // len(sample) + 1
    path = tmp_path / "big.txt"
    path.write_text((sample + "\n") * copies, encoding="utf-8")
    out = tmp_path / "big.json"
    result = runner.invoke(main, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    parsed = PlanResult.model_validate(data)
    # the sample's five articles restart at 第一篇 in every copy: documents are found in each
    assert len(parsed.documents) >= 5
    assert parsed.documents[-1].span.end <= (len(sample) + 1) * copies
