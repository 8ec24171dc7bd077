"""planparse.batch.convert_folder: a folder of plans in, outputs and a failure report out."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLE
from planparse.batch import convert_folder, find_inputs
from planparse.errors import InputError, OutputError
from planparse.export import TABLES

PLANS = {
    "县卫生局爱国卫生月活动实施方案.txt": """某县卫生局关于开展第二十五个爱国卫生月活动的实施方案

为进一步改善城乡环境卫生面貌，根据上级要求，结合我县实际，制定本方案。
一、指导思想
坚持政府组织、部门协作、群众动手的工作方针，广泛开展爱国卫生运动。
二、工作目标
城区主次干道保洁率达到95%以上，群众卫生知识知晓率达到80%以上。
三、组织领导
成立活动领导小组，由县政府副县长王建国任组长，县卫生局局长李明任副组长。
四、实施步骤
（一）宣传发动阶段（2013年4月1日至4月10日）。
（二）集中整治阶段（2013年4月11日至4月25日）。
（三）总结验收阶段（2013年4月26日至4月30日）。
五、工作要求
各单位要高度重视，责任单位：县卫生局、县城管局、各乡镇人民政府。
""",
    "sub/镇创建文明村镇工作方案.txt": """某镇创建文明村镇工作方案

一、总体目标
到2015年，全镇80%以上的村达到县级文明村标准。
二、主要任务
1.加强思想道德建设。牵头单位：镇党委宣传办；配合单位：镇文化站、各村委会。
2.整治村容村貌。责任单位：镇村建办。
三、保障措施
（一）加强领导。
（二）强化督查。
""",
    "sub/deeper/市教育局校园安全行动计划.htm": """<html><head><meta charset="utf-8"><title>行动计划</title></head>
<body><p>市教育局校园安全专项整治行动计划</p>
<p>一、工作目标</p><p>学校安全隐患整改率达100%。</p>
<p>二、工作步骤</p><p>（一）自查自纠阶段：2014年3月至4月。</p><p>（二）督查整改阶段：2014年5月至6月。</p>
</body></html>
""",
}

#: name -> a word of the expected error message
BAD = {
    "empty.txt": "is empty",
    "sub/scan.txt": "binary",
    "garbled.txt": "cannot decode",
}


def make_tree(root: Path) -> Path:
    """Write the good plans, a copy of the sample and the bad files under ``root``; returns ``root``."""
    for rel, text in PLANS.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copyfile(SAMPLE, root / "sub" / "sample.txt")
    (root / "empty.txt").write_bytes(b"")
    (root / "sub" / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    rnd = random.Random(7)
    (root / "garbled.txt").write_bytes(bytes(rnd.randrange(0x80, 0x100) for _ in range(4000)))
    (root / "notes.md").write_text("# not a plan, not matched by the default patterns\n", encoding="utf-8")
    return root


GOOD = sorted([*PLANS, "sub/sample.txt"])


# --------------------------------------------------------------------------- #
# Tests
# --------------------------------------------------------------------------- #


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def _snapshot(root: Path) -> dict[str, bytes]:
    return {rel: (root / rel).read_bytes() for rel in _files(root)}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return make_tree(tmp_path / "in")


def test_find_inputs_default_patterns(tree: Path) -> None:
    assert find_inputs(tree) == sorted([*GOOD, *BAD])


@pytest.mark.parametrize(
    ("globs", "expected"),
    [
        (["*.htm"], ["sub/deeper/市教育局校园安全行动计划.htm"]),
        (["*.HTM"], ["sub/deeper/市教育局校园安全行动计划.htm"]),  # case-insensitive
        (["*.md"], ["notes.md"]),
        (["sub/*.txt"], ["sub/sample.txt", "sub/scan.txt", "sub/镇创建文明村镇工作方案.txt"]),
        (["*方案.txt", "*.md"], ["notes.md", "sub/镇创建文明村镇工作方案.txt", "县卫生局爱国卫生月活动实施方案.txt"]),
        (["*.pdf"], []),
    ],
)
def test_find_inputs_patterns(tree: Path, globs: list[str], expected: list[str]) -> None:
    assert find_inputs(tree, globs) == expected


def test_find_inputs_skips_hidden_and_excluded(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / ".git" / "x.txt").write_text("某方案\n一、目标\n", encoding="utf-8")
    (tree / ".hidden.txt").write_text("某方案\n一、目标\n", encoding="utf-8")
    assert find_inputs(tree) == sorted([*GOOD, *BAD])
    assert find_inputs(tree, exclude=[tree / "sub"]) == sorted(r for r in [*GOOD, *BAD] if not r.startswith("sub/"))


def test_find_inputs_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        find_inputs(tmp_path / "nope")


def test_good_files_converted_bad_ones_reported(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = convert_folder(tree, out, jobs=1)
    assert (summary.files, summary.converted, summary.failed, summary.skipped) == (7, 4, 3, 0)
    assert not summary.ok
    assert summary.documents >= 8  # the sample alone holds 5 plans
    # One JSON per good input, mirroring the tree; nothing for bad files; no temporary files.
    expected = sorted(str(Path(r).with_suffix(".json").as_posix()) for r in GOOD)
    assert _files(out) == sorted([*expected, "failures.jsonl"])
    assert not list(out.rglob("*.part")) and not list(out.rglob(".*"))
    # The report: one JSON object per failed file, with the reason.
    records = [json.loads(line) for line in (out / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["file"] for r in records] == sorted(BAD)
    for r in records:
        assert BAD[r["file"]] in r["error"] and r["type"] == "InputError"
    assert [f.file for f in summary.failures] == sorted(BAD)
    # The outputs are the library's JSON for each input.
    data = json.loads((out / "sub" / "sample.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == 5
    assert data["source"]["path"] == str(tree / "sub" / "sample.txt")
    assert data["source"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_all_good_is_ok_and_report_empty(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(PLANS["县卫生局爱国卫生月活动实施方案.txt"], encoding="utf-8")
    summary = convert_folder(src, tmp_path / "out", jobs=1, fmt="yaml")
    assert summary.ok and summary.converted == 1
    assert (tmp_path / "out" / "failures.jsonl").read_text() == ""
    data = yaml.safe_load((tmp_path / "out" / "a.yaml").read_text(encoding="utf-8"))
    assert data["documents"][0]["title"] == "某县卫生局关于开展第二十五个爱国卫生月活动的实施方案"


def test_inputs_are_never_touched(tree: Path, tmp_path: Path) -> None:
    before = _snapshot(tree)
    convert_folder(tree, tmp_path / "out", jobs=1)
    convert_folder(tree, tree / "converted", jobs=1, fmt="csv")  # output folder inside the input folder
    after = _snapshot(tree)
    assert {k: v for k, v in after.items() if not k.startswith("converted/")} == before


def test_output_inside_input_is_not_read_back(tree: Path) -> None:
    convert_folder(tree, tree / "out", jobs=1, globs=["*"])
    second = convert_folder(tree, tree / "out", jobs=1, globs=["*"])
    assert second.files == 8  # the 7 inputs and notes.md, never the outputs
    assert not (tree / "out" / "out").exists()


@pytest.mark.parametrize("where", ["same", "parent"])
def test_refuses_output_folders_that_hold_the_inputs(tree: Path, where: str) -> None:
    out = tree if where == "same" else tree.parent
    before = _snapshot(tree.parent)
    with pytest.raises(OutputError, match="input folder"):
        convert_folder(tree, out, jobs=1)
    assert _snapshot(tree.parent) == before


def test_symlink_in_output_folder_cannot_lead_outside(tree: Path, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    summary = convert_folder(tree, out, jobs=1)
    assert list(elsewhere.iterdir()) == []
    escaped = {f.file for f in summary.failures if f.error_type == "OutputError"}
    assert escaped == {
        "sub/sample.txt", "sub/scan.txt", "sub/镇创建文明村镇工作方案.txt", "sub/deeper/市教育局校园安全行动计划.htm"
    }
    assert (out / "县卫生局爱国卫生月活动实施方案.json").exists()


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    # An input that is a symbolic link to the very file its output would be.
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (out / "a.json").write_text(PLANS["sub/镇创建文明村镇工作方案.txt"], encoding="utf-8")
    (src / "a.json").symlink_to(out / "a.json")
    (src / "b.txt").write_text(PLANS["sub/镇创建文明村镇工作方案.txt"], encoding="utf-8")
    summary = convert_folder(src, out, jobs=1, globs=["*.json", "*.txt"])
    assert [(f.file, f.error_type) for f in summary.failures] == [("a.json", "OutputError")]
    assert "overwrite an input" in (summary.failures[0].error or "")
    assert (out / "a.json").read_text(encoding="utf-8") == PLANS["sub/镇创建文明村镇工作方案.txt"]
    assert summary.converted == 1 and (out / "b.json").exists()


def test_output_folder_linked_to_the_input_folder_is_refused(tree: Path, tmp_path: Path) -> None:
    (tmp_path / "link").symlink_to(tree, target_is_directory=True)
    with pytest.raises(OutputError, match="is the input folder"):
        convert_folder(tree, tmp_path / "link", jobs=1)


def test_stem_collisions_keep_the_extension(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text = PLANS["sub/镇创建文明村镇工作方案.txt"]
    (src / "plan.txt").write_text(text, encoding="utf-8")
    (src / "Plan.html").write_text(f"<html><body><pre>{text}</pre></body></html>", encoding="utf-8")
    (src / "other.txt").write_text(text, encoding="utf-8")
    convert_folder(src, tmp_path / "out", jobs=1)
    assert _files(tmp_path / "out") == ["Plan.html.json", "failures.jsonl", "other.json", "plan.txt.json"]


def test_skip_existing(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_folder(tree, out, jobs=1)
    target = out / "sub" / "sample.json"
    os.utime(target, (1, 1))
    again = convert_folder(tree, out, jobs=1, skip_existing=True)
    assert (again.converted, again.skipped, again.failed) == (0, 4, 3)
    assert target.stat().st_mtime == 1
    # A changed input is converted again; so is everything when the script changes.
    (tree / "sub" / "sample.txt").write_bytes(SAMPLE.read_bytes() + "\n附件：无\n".encode())
    third = convert_folder(tree, out, jobs=1, skip_existing=True)
    assert (third.converted, third.skipped) == (1, 3)
    assert target.stat().st_mtime != 1
    fourth = convert_folder(tree, out, jobs=1, skip_existing=True, script="traditional")
    assert (fourth.converted, fourth.skipped) == (4, 0)


def test_skip_existing_redoes_a_damaged_output(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    convert_folder(tree, out, jobs=1)
    (out / "sub" / "sample.json").write_text('{"source": ', encoding="utf-8")
    again = convert_folder(tree, out, jobs=1, skip_existing=True)
    assert (again.converted, again.skipped) == (1, 3)
    assert json.loads((out / "sub" / "sample.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_two_workers_give_the_same_outputs_as_one(tree: Path, tmp_path: Path, fmt: str) -> None:
    one = convert_folder(tree, tmp_path / "one", jobs=1, fmt=fmt)
    two = convert_folder(tree, tmp_path / "two", jobs=2, fmt=fmt)
    assert two.jobs == 2
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")
    assert (one.converted, one.failed, one.documents) == (two.converted, two.failed, two.documents)


def test_many_files_in_chunks_keep_their_order(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"p{i:02d}.txt").write_text(f"第{i}号工作方案\n一、工作目标\n内容{i}。\n", encoding="utf-8")
    (src / "p17.txt").write_bytes(b"")
    summary = convert_folder(src, tmp_path / "out", jobs=2, fmt="jsonl")
    lines = (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    files = [Path(json.loads(x)["file"]).name for x in lines]
    assert files == [f"p{i:02d}.txt" for i in range(40) if i != 17]
    assert summary.failed == 1 and summary.failures[0].file == "p17.txt"


def test_jsonl_one_document_per_line(tree: Path, tmp_path: Path) -> None:
    summary = convert_folder(tree, tmp_path / "out", jobs=1, fmt="jsonl")
    assert summary.outputs == (tmp_path / "out" / "documents.jsonl",)
    lines = (tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == summary.documents
    sample = [r for r in records if r["file"].endswith("sample.txt")]
    assert [r["index"] for r in sample] == [1, 2, 3, 4, 5]
    assert all(r["document"]["index"] == r["index"] for r in records)
    assert _files(tmp_path / "out") == ["documents.jsonl", "failures.jsonl"]


def test_csv_tables(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = convert_folder(tree, out, jobs=1, fmt="csv")
    assert _files(out) == sorted([*(f"{t}.csv" for t in TABLES), "failures.jsonl"])
    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == TABLES["documents"]
    assert len(rows) - 1 == summary.documents
    with (out / "sections.csv").open(encoding="utf-8", newline="") as fh:
        sections = list(csv.DictReader(fh))
    assert {r["file"] for r in sections} == {str(tree / r) for r in GOOD}


def test_a_bug_in_one_file_is_isolated(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planparse.api

    real = planparse.api.parse_text

    def flaky(text: str, **kw: object) -> object:
        if "校园安全" in text:
            raise RuntimeError("boom")
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(planparse.api, "parse_text", flaky)
    summary = convert_folder(tree, tmp_path / "out", jobs=1)
    bug = [f for f in summary.failures if f.error_type == "RuntimeError"]
    assert [f.file for f in bug] == ["sub/deeper/市教育局校园安全行动计划.htm"]
    assert bug[0].error == "internal error: RuntimeError: boom"
    records = [json.loads(x) for x in (tmp_path / "out" / "failures.jsonl").read_text(encoding="utf-8").splitlines()]
    (record,) = [r for r in records if r["type"] == "RuntimeError"]
    assert "Traceback" in record["traceback"] and "boom" in record["traceback"]
    assert all("traceback" not in r for r in records if r["type"] == "InputError")
    assert summary.converted == 3


def test_progress_is_called_for_every_file(tree: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, str, int, int]] = []
    convert_folder(tree, tmp_path / "out", jobs=1, progress=lambda r, d, t: calls.append((r.file, r.status, d, t)))
    assert [c[2] for c in calls] == list(range(1, 8))
    assert {c[3] for c in calls} == {7}
    assert {c[0] for c in calls if c[1] == "failed"} == set(BAD)


def test_report_elsewhere(tree: Path, tmp_path: Path) -> None:
    summary = convert_folder(tree, tmp_path / "out", jobs=1, report=tmp_path / "logs" / "bad.jsonl")
    assert summary.report == tmp_path / "logs" / "bad.jsonl"
    assert len((tmp_path / "logs" / "bad.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    assert not (tmp_path / "out" / "failures.jsonl").exists()


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    summary = convert_folder(tmp_path / "in", tmp_path / "out", fmt="jsonl")
    assert (summary.files, summary.failed) == (0, 0)
    assert (tmp_path / "out" / "documents.jsonl").read_text() == ""


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"fmt": "xml"}, OutputError, "unknown format"),
        ({"fmt": "csv", "skip_existing": True}, OutputError, "skip-existing"),
        ({"encoding": "no-such-codec"}, InputError, "unknown encoding"),
        ({"globs": []}, InputError, "patterns"),
    ],
)
def test_bad_arguments(tree: Path, tmp_path: Path, kwargs: dict[str, object], error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        convert_folder(tree, tmp_path / "out", **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_encoding_is_passed_through(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "gb.txt").write_bytes(PLANS["sub/镇创建文明村镇工作方案.txt"].encode("gb18030"))
    ok = convert_folder(src, tmp_path / "a", jobs=1, encoding="gb18030")
    assert ok.converted == 1
    data = json.loads((tmp_path / "a" / "gb.json").read_text(encoding="utf-8"))
    assert data["source"]["encoding"] == "gb18030" and data["documents"][0]["title"] == "某镇创建文明村镇工作方案"
    bad = convert_folder(src, tmp_path / "b", jobs=1, encoding="utf-8")
    assert bad.failed == 1 and "cannot decode" in (bad.failures[0].error or "")


def test_summary_line(tree: Path, tmp_path: Path) -> None:
    line = convert_folder(tree, tmp_path / "out", jobs=1).line()
    assert line.startswith("7 files (4 converted, 3 failed): ")
    for word in ("documents", "phases", "targets", "tasks", "people", " s"):
        assert word in line
