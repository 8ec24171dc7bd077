"""The command line through click's CliRunner: output contract, formats, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import SAMPLE
from planparse.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("planparse, version ")


def test_extract_json_contract(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"schema_version", "source", "documents", "warnings"}
    assert set(data["source"]) == {"path", "sha256", "encoding", "script"}
    assert data["source"]["encoding"] == "utf-8"
    assert len(data["documents"]) == 5
    doc = data["documents"][0]
    for key in ("index", "title", "doc_number", "issuer", "date", "complete", "span", "sections", "phases",
                "targets", "tasks", "people", "references"):
        assert key in doc
    section = doc["sections"][0]
    for key in ("id", "marker", "level", "heading", "kind", "span", "children"):
        assert key in section
    assert doc["title"] == "胡家小学创建省级文明城市工作实施方案"


def test_extract_yaml_loads_and_shows_characters(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "--format", "yaml"])
    assert result.exit_code == 0
    assert "胡家小学" in result.stdout  # characters, not \\u escapes
    data = yaml.safe_load(result.stdout)
    assert len(data["documents"]) == 5


def test_extract_jsonl_one_document_per_line(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "-f", "jsonl"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5
    assert [json.loads(x)["document"]["index"] for x in lines] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(("script", "title"), [("simplified", "胡家小学"), ("traditional", "胡家小學"), ("original", "胡家小學")])
def test_script_option(runner: CliRunner, script: str, title: str) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "--script", script])
    data = json.loads(result.stdout)
    assert data["documents"][0]["title"].startswith(title)
    assert data["source"]["script"] == ("traditional" if script != "simplified" else "simplified")


def test_original_script_of_a_simplified_input(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "plan.txt"
    f.write_text("某校创建文明校园工作方案\n一、指导思想\n内容。\n", encoding="utf-8")
    data = json.loads(runner.invoke(main, ["extract", str(f), "--script", "original"]).stdout)
    assert data["source"]["script"] == "simplified"
    assert data["documents"][0]["title"] == "某校创建文明校园工作方案"


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-"], input="某校工作方案\n一、指导思想\n内容。\n".encode())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["title"] == "某校工作方案"


def test_output_file_is_written_whole(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = runner.invoke(main, ["extract", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["documents"]) == 5
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_output_to_a_missing_folder_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "out.json")])
    assert result.exit_code == 1
    assert result.stderr.startswith("planparse: error: cannot write")
    assert len(result.stderr.strip().splitlines()) == 1


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_INPUTS = {
    "missing": (lambda d: d / "missing.txt", "no such file"),
    "directory": (lambda d: d, "is a directory"),
    "empty": (lambda d: _write(d / "empty.txt", b""), "is empty"),
    "whitespace": (lambda d: _write(d / "blank.txt", " \n\u3000\n".encode()), "is empty"),
    "binary": (lambda d: _write(d / "img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), "binary"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_1(runner: CliRunner, tmp_path: Path, case: str) -> None:
    make, message = BAD_INPUTS[case]
    result = runner.invoke(main, ["extract", str(make(tmp_path))])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planparse: error: ")
    assert message in lines[0]


def test_usage_error_exit_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "--format", "xml"])
    assert result.exit_code == 2


def test_normalize_prints_the_working_text(runner: CliRunner) -> None:
    result = runner.invoke(main, ["normalize", str(SAMPLE)])
    assert result.exit_code == 0
    assert "正确引导" in result.stdout and "10月15日" in result.stdout
    assert "“三个代表”" in result.stdout and "滨质技监发〔2011〕32号" in result.stdout


def test_schema_is_json_schema_of_the_output(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "PlanResult"
    assert {"schema_version", "source", "documents", "warnings"} <= set(schema["properties"])


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, cmd in main.commands.items():
        assert cmd.help, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, name


def test_python_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "planparse", "--version"], capture_output=True, text=True, check=True)
    assert "planparse" in out.stdout


def test_a_stray_invalid_byte_is_replaced_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:5000] + b"\xff" + data[5000:])
    result = runner.invoke(main, ["extract", str(damaged)])
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert len(out["documents"]) == 5 and out["source"]["encoding"] == "utf-8"
    assert out["warnings"][0] == "1 invalid UTF-8 byte sequence(s) replaced with U+FFFD"
    assert result.stderr.strip() == "planparse: warning: 1 invalid UTF-8 byte sequence(s) replaced with U+FFFD"


def test_warnings_go_to_stderr(runner: CliRunner, tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("这是一段没有任何编号结构的文字。\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", str(plain)])
    assert result.exit_code == 0
    assert result.stderr.strip() == "planparse: warning: no numbered sections found"
