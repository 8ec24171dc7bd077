"""`planparse batch` and `planparse extract --format csv` through click's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SAMPLE
from planparse.cli import main
from planparse.export import TABLES
from test_batch import BAD, GOOD, PLANS, make_tree


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "in")


def _good_only(tmp_path: Path) -> Path:
    src = tmp_path / "good"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(PLANS["县卫生局爱国卫生月活动实施方案.txt"], encoding="utf-8")
    (src / "sub" / "b.txt").write_text(PLANS["sub/镇创建文明村镇工作方案.txt"], encoding="utf-8")
    return src


def test_batch_with_failures(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(tree), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    failed = [x for x in lines if x.startswith("planparse: failed: ")]
    assert [x.split(": ")[2] for x in failed] == sorted(BAD)
    summary = [x for x in lines if x.startswith("planparse: 7 files (4 converted, 3 failed): ")]
    assert len(summary) == 1 and summary[0].endswith(" s")
    assert f"failures are listed in {out / 'failures.jsonl'}" in result.stderr
    assert len((out / "failures.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == sorted(
        Path(r).with_suffix(".json").as_posix() for r in GOOD)
    assert not list(out.rglob("*.part"))


def test_batch_all_good_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(_good_only(tmp_path)), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("planparse: 2 files (2 converted, 0 failed): ")
    assert (tmp_path / "out" / "sub" / "b.json").exists()


def test_batch_quiet_still_lists_failures(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 1
    assert [x.split(": ")[1] for x in result.stderr.splitlines()] == ["failed"] * 3


def test_batch_report_option(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), "--report", str(report), "-j1"])
    assert result.exit_code == 1
    assert [json.loads(x)["file"] for x in report.read_text(encoding="utf-8").splitlines()] == sorted(BAD)


def test_batch_skip_existing(runner: CliRunner, tmp_path: Path) -> None:
    src, out = _good_only(tmp_path), tmp_path / "out"
    assert runner.invoke(main, ["batch", str(src), "-o", str(out)]).exit_code == 0
    again = runner.invoke(main, ["batch", str(src), "-o", str(out), "--skip-existing"])
    assert again.exit_code == 0
    assert again.stderr.startswith("planparse: 2 files (0 converted, 2 skipped, 0 failed): ")


def test_batch_jsonl(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), "-f", "jsonl", "-j", "2"])
    assert result.exit_code == 1
    records = [json.loads(x) for x in (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {Path(r["file"]).relative_to(tree).as_posix() for r in records} == set(GOOD)
    assert all(isinstance(r["index"], int) and r["document"]["index"] == r["index"] for r in records)


def test_batch_csv_with_bom(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(tree), "-o", str(out), "-f", "csv", "--bom", "--glob", "*.txt"])
    assert result.exit_code == 1
    for name, header in TABLES.items():
        with (out / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert tuple(rows[0]) == header
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as fh:
        docs = list(csv.DictReader(fh))
    assert {Path(r["file"]).name for r in docs} == {Path(r).name for r in GOOD if r.endswith(".txt")}


def test_batch_glob_is_repeatable(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), "-g", "*.htm", "-g", "*方案.txt"])
    assert result.exit_code == 0, result.stderr
    assert "3 files (3 converted, 0 failed)" in result.stderr


def test_batch_no_matching_files_warns(runner: CliRunner, tree: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), "-g", "*.pdf"])
    assert result.exit_code == 0
    assert "planparse: warning: no files matching *.pdf" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["-j", "0"],
        ["-f", "xml"],
        ["-f", "csv", "--skip-existing"],
        ["--script", "latin"],
    ],
)
def test_batch_usage_errors_exit_2(runner: CliRunner, tree: Path, tmp_path: Path, args: list[str]) -> None:
    result = runner.invoke(main, ["batch", str(tree), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_batch_needs_an_output(runner: CliRunner, tree: Path) -> None:
    assert runner.invoke(main, ["batch", str(tree)]).exit_code == 2


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda t: ["batch", str(t), "-o", str(t)], "is the input folder"),
        (lambda t: ["batch", str(t), "-o", str(t.parent)], "inside the output folder"),
        (lambda t: ["batch", str(t / "nope"), "-o", str(t.parent / "o")], "no such folder"),
        (lambda t: ["batch", str(t / "empty.txt"), "-o", str(t.parent / "o")], "is not a folder"),
        (lambda t: ["batch", str(t), "-o", str(t.parent / "o"), "--encoding", "klingon"], "unknown encoding"),
    ],
)
def test_batch_errors_are_one_line(runner: CliRunner, tree: Path, make: object, message: str) -> None:
    result = runner.invoke(main, make(tree))  # type: ignore[operator]
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planparse: error: ") and message in lines[0]


def test_batch_script_passed_through(runner: CliRunner, tmp_path: Path) -> None:
    src = _good_only(tmp_path)
    assert runner.invoke(main, ["batch", str(src), "-o", str(tmp_path / "o"), "--script", "traditional"]).exit_code == 0
    data = json.loads((tmp_path / "o" / "a.json").read_text(encoding="utf-8"))
    assert data["source"]["script"] == "traditional" and "衛生" in data["documents"][0]["title"]


def _markers(node: dict[str, object]) -> set[str]:
    children = node["children"]
    assert isinstance(children, list)
    return {str(node["marker"])} | {m for child in children for m in _markers(child)}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_inline_items_like_extract(runner: CliRunner, tmp_path: Path, jobs: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "p.txt").write_text(
        "某镇环境整治工作方案\n一、主要任务\n一是清理垃圾;二是整治河道;三是美化村庄。\n二、工作要求\n各村要高度重视。\n",
        encoding="utf-8",
    )
    for flag in ([], ["--inline-items"]):
        out = tmp_path / f"o{len(flag)}"
        assert runner.invoke(main, ["batch", str(src), "-o", str(out), "-j", jobs, *flag]).exit_code == 0
        batch_doc = json.loads((out / "p.json").read_text(encoding="utf-8"))["documents"][0]
        single = runner.invoke(main, ["extract", str(src / "p.txt"), *flag])
        assert single.exit_code == 0
        assert batch_doc["sections"] == json.loads(single.stdout)["documents"][0]["sections"]
        markers = {m for sec in batch_doc["sections"] for m in _markers(sec)}
        assert ({"一是", "二是", "三是"} <= markers) == bool(flag)


# --------------------------------------------------------------------------- #
# extract --format csv / jsonl
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("output", [None, "-"])
def test_extract_csv_needs_a_folder(runner: CliRunner, output: str | None) -> None:
    args = ["extract", str(SAMPLE), "-f", "csv"] + (["-o", output] if output else [])
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planparse: error: ") and "-o DIR" in lines[0]


def test_extract_csv_writes_tables(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "new" / "tables"
    result = runner.invoke(main, ["extract", str(SAMPLE), "-f", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        docs = list(csv.DictReader(fh))
    assert [d["document"] for d in docs] == ["1", "2", "3", "4", "5"]
    assert docs[0]["title"] == "胡家小学创建省级文明城市工作实施方案"
    assert not (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_extract_csv_bom(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "-f", "csv", "-o", str(tmp_path), "--bom"])
    assert result.exit_code == 0
    assert (tmp_path / "sections.csv").read_bytes().startswith(b"\xef\xbb\xbffile,")


def test_extract_csv_onto_a_file_fails(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text("keep")
    result = runner.invoke(main, ["extract", str(SAMPLE), "-f", "csv", "-o", str(tmp_path / "f.csv")])
    assert result.exit_code == 1 and len(result.stderr.strip().splitlines()) == 1
    assert (tmp_path / "f.csv").read_text() == "keep"


def test_extract_csv_from_stdin(runner: CliRunner, tmp_path: Path) -> None:
    text = PLANS["sub/镇创建文明村镇工作方案.txt"]
    result = runner.invoke(main, ["extract", "-", "-f", "csv", "-o", str(tmp_path)], input=text.encode())
    assert result.exit_code == 0, result.stderr
    with (tmp_path / "sections.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["heading"] for r in rows if r["level"] == "1"] == ["总体目标", "主要任务", "保障措施"]


def test_extract_jsonl_from_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["extract", "-", "-f", "jsonl"], input=SAMPLE.read_bytes())
    assert result.exit_code == 0
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["index"] for r in records] == [1, 2, 3, 4, 5]
    assert {r["file"] for r in records} == {"-"}


def test_extract_json_onto_a_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["extract", str(SAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []
