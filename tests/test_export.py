"""Writers: JSON Lines records, CSV tables, atomic writes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLE
from planparse.errors import OutputError
from planparse.export import (
    LIST_SEPARATOR,
    TABLES,
    CsvTableWriter,
    jsonl_records,
    render,
    table_rows,
    to_json,
    to_jsonl,
    write_atomic,
    write_csv_tables,
)
from planparse.models import Document, Person, Phase, PlanResult, Section, SourceInfo, Span, Target, Task


def _sp(a: int, b: int) -> Span:
    return Span(start=a, end=b)


def _section(id_: str, a: int, b: int, children: list[Section] | None = None) -> Section:
    level = id_.count(".") + 1
    return Section(id=id_, marker="一、" if level == 1 else "(一)", numeral=int(id_.rsplit(".", 1)[-1]), level=level,
                   heading=f"标题{id_}", span=_sp(a, b), heading_span=_sp(a + 2, a + 6), children=children or [])


def _handmade() -> PlanResult:
    """A result built by hand, so the tables are tested whatever the extractors find."""
    doc = Document(
        index=1, title="某县创建卫生城市工作方案", doc_number="某政办发〔2013〕5号", issuer=None, date="2013-03-01",
        complete=False, span=_sp(0, 500), title_span=_sp(0, 12),
        sections=[_section("1", 13, 100), _section("2", 100, 400, [_section("2.1", 110, 200), _section("2.2", 200, 400)])],
        phases=[Phase(order=1, name="宣传发动阶段", start="2013-04", end=None, end_text="检查前", year_inferred=True,
                      section="2", span=_sp(120, 150))],
        targets=[Target(metric="知晓率", op=">=", value=90, unit="%", text="知晓率达90%以上", section="1",
                        span=_sp(20, 30)),
                 Target(metric="面积", op="=", value=300.5, value_max=500, unit="平方米", change="increase",
                        text='新增绿地300.5~500平方米,含"口袋公园"', span=_sp(40, 60))],
        tasks=[Task(section="2.1", heading="整治环境", owners=["县卫生局", "县城管局"], lead=["县卫生局"],
                    support=["县城管局"], label="责任单位", span=_sp(130, 160)),
               Task(owners=["各乡镇人民政府"], span=_sp(450, 460))],
        people=[Person(role="组长", name="王建国", title="副县长", span=_sp(210, 220)),
                Person(role="成员", name=None, span=_sp(480, 490))],
    )
    doc2 = Document(index=2, title=None, span=_sp(500, 600))
    return PlanResult(source=SourceInfo(path="plans/a.txt", sha256="ab" * 32, encoding="gb18030", script="simplified"),
                      documents=[doc, doc2], warnings=["first warning", "second"])


def _dicts(rows: dict[str, list[list[str]]], table: str) -> list[dict[str, str]]:
    return [dict(zip(TABLES[table], r, strict=True)) for r in rows[table]]


def test_every_row_has_its_table_columns() -> None:
    rows = table_rows(_handmade())
    assert set(rows) == set(TABLES)
    for name, table in rows.items():
        assert all(len(r) == len(TABLES[name]) for r in table), name
        assert all(isinstance(c, str) for r in table for c in r), name
        assert TABLES[name][:2] == ("file", "document")


@pytest.mark.parametrize(("table", "count"), [("documents", 2), ("sections", 4), ("phases", 1), ("targets", 2),
                                               ("tasks", 2), ("people", 2)])
def test_one_row_per_item(table: str, count: int) -> None:
    assert len(table_rows(_handmade())[table]) == count


def test_documents_row() -> None:
    d1, d2 = _dicts(table_rows(_handmade()), "documents")
    assert d1["file"] == "plans/a.txt" and d1["document"] == "1" and d2["document"] == "2"
    assert (d1["title"], d1["doc_number"], d1["issuer"], d1["date"]) == (
        "某县创建卫生城市工作方案", "某政办发〔2013〕5号", "", "2013-03-01")
    assert d1["complete"] == "false" and d2["complete"] == "true"
    assert (d1["sections"], d1["phases"], d1["targets"], d1["tasks"], d1["people"]) == ("4", "1", "2", "2", "2")
    assert (d1["span_start"], d1["span_end"], d1["title_start"], d1["title_end"]) == ("0", "500", "0", "12")
    assert (d2["title"], d2["title_start"], d2["title_end"]) == ("", "", "")
    assert d1["encoding"] == "gb18030" and d1["sha256"] == "ab" * 32
    assert d1["warnings"] == f"first warning{LIST_SEPARATOR}second"


def test_sections_are_flattened_with_their_parent() -> None:
    rows = _dicts(table_rows(_handmade()), "sections")
    assert [(r["section"], r["parent"], r["level"]) for r in rows] == [
        ("1", "", "1"), ("2", "", "1"), ("2.1", "2", "2"), ("2.2", "2", "2")]
    assert rows[2]["heading"] == "标题2.1" and rows[2]["span_start"] == "110" and rows[2]["heading_end"] == "116"


def test_items() -> None:
    rows = table_rows(_handmade())
    (phase,) = _dicts(rows, "phases")
    assert (phase["section"], phase["item"], phase["start"], phase["end"], phase["end_text"]) == (
        "2", "1", "2013-04", "", "检查前")
    assert phase["year_inferred"] == "true"
    t1, t2 = _dicts(rows, "targets")
    assert (t1["op"], t1["value"], t1["value_max"], t1["unit"], t1["section"]) == (">=", "90", "", "%", "1")
    assert (t2["value"], t2["value_max"], t2["change"], t2["item"], t2["section"]) == ("300.5", "500", "increase",
                                                                                       "2", "")
    k1, k2 = _dicts(rows, "tasks")
    assert k1["owners"] == "县卫生局、县城管局" and k1["lead"] == "县卫生局" and k1["support"] == "县城管局"
    assert (k2["owners"], k2["lead"], k2["section"], k2["heading"]) == ("各乡镇人民政府", "", "", "")
    p1, p2 = _dicts(rows, "people")
    # People have no section in the model: it is the innermost section holding the span.
    assert (p1["role"], p1["name"], p1["title"], p1["section"]) == ("组长", "王建国", "副县长", "2.2")
    assert (p2["name"], p2["section"], p2["span_start"], p2["span_end"]) == ("", "", "480", "490")


def test_csv_files_round_trip(tmp_path: Path) -> None:
    result = _handmade()
    counts = write_csv_tables([result, result], tmp_path / "tables")
    assert counts == {"documents": 4, "sections": 8, "phases": 2, "targets": 4, "tasks": 4, "people": 4}
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    expected = table_rows(result)
    for name, header in TABLES.items():
        raw = (tmp_path / "tables" / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert tuple(rows[0]) == header
        assert rows[1:] == expected[name] * 2  # quotes, commas and Chinese survive


def test_bom_for_excel(tmp_path: Path) -> None:
    write_csv_tables([_handmade()], tmp_path, bom=True)
    for name in TABLES:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbffile,document,")
        assert raw.count(b"\xef\xbb\xbf") == 1


def test_pandas_reads_the_tables(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    write_csv_tables([_handmade()], tmp_path, bom=True)
    df = pd.read_csv(tmp_path / "targets.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(df.columns) == list(TABLES["targets"])
    assert df["text"].tolist()[1] == '新增绿地300.5~500平方米,含"口袋公园"'


def test_writer_leaves_nothing_on_error(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), CsvTableWriter(tmp_path) as tables:
        tables.add(_handmade())
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_writer_on_a_file_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="cannot write CSV tables"):
        CsvTableWriter(tmp_path / "f")


def test_sample_tables(sample_result: Any) -> None:
    rows = table_rows(sample_result)
    assert [r[1] for r in rows["documents"]] == ["1", "2", "3", "4", "5"]
    n_sections = sum(1 for d in sample_result.documents for _ in _flatten(d.sections))
    assert len(rows["sections"]) == n_sections > 5
    assert {r[0] for table in rows.values() for r in table} == {str(SAMPLE)}


def _flatten(sections: list[Section]) -> Any:
    for s in sections:
        yield s
        yield from _flatten(s.children)


def test_jsonl_records_carry_file_and_index() -> None:
    records = list(jsonl_records(_handmade()))
    assert [(r["file"], r["index"], r["document"]["index"]) for r in records] == [
        ("plans/a.txt", 1, 1), ("plans/a.txt", 2, 2)]
    assert set(records[0]) == {"file", "index", "schema_version", "source", "warnings", "document"}
    lines = to_jsonl(_handmade()).splitlines()
    assert [json.loads(x)["index"] for x in lines] == [1, 2]
    assert "某县" in lines[0]  # characters, not escapes


@pytest.mark.parametrize(("fmt", "message"), [("csv", "write_csv_tables"), ("xml", "unknown format")])
def test_render_unknown_formats(fmt: str, message: str) -> None:
    with pytest.raises(OutputError, match=message):
        render(_handmade(), fmt)


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old")
    write_atomic(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "missing" / "a.json", "x")


def test_to_json_is_the_standard_pretty_json(sample_result: Any) -> None:
    odd = _handmade().model_copy(update={"warnings": ["tab\there", "quote \" back\\slash", "\u2028 line sep", "\x01"]})
    for result in (odd, sample_result):
        assert to_json(result) == json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
