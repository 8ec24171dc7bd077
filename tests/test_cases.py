"""End-to-end cases: plans written in the genre's many styles (fixtures/cases/*.txt), each
with the expected result beside it (the .yaml of the same name).

The .yaml lists what an analyst would record: title, date, document number, issuer,
completeness, top-level headings and their kinds, phases (name, start, end), targets
(metric, op, value, unit), tasks (owners, lead, support) and people (role, name).  Every
listed field must match exactly; lists must match in full and in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES
from planparse import parse_file

CASES = sorted((FIXTURES / "cases").glob("*.txt"))


def actual(doc: Any) -> dict[str, Any]:
    return {
        "title": doc.title,
        "date": doc.date,
        "doc_number": doc.doc_number,
        "issuer": doc.issuer,
        "complete": doc.complete,
        "sections": [s.heading for s in doc.sections],
        "kinds": [s.kind for s in doc.sections],
        "phases": [[p.name, p.start, p.end] for p in doc.phases],
        "targets": [[t.metric, t.op, t.value, t.unit] for t in doc.targets],
        "tasks": [[t.owners, t.lead, t.support] for t in doc.tasks],
        "people": [[p.role, p.name] for p in doc.people],
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    expected = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    docs = parse_file(path).documents
    assert len(docs) == expected.pop("documents", 1)
    got = actual(docs[0])
    for field, want in expected.items():
        assert got[field] == want, field


def test_there_are_cases() -> None:
    assert len(CASES) >= 2


def test_impossible_dates_are_flagged_not_accepted() -> None:
    from planparse import parse_text

    r = parse_text("某县工作方案\n一、实施步骤\n1.动员阶段(2019年2月30日—3月5日)。\n2.实施阶段(2019年4月—2020年1月)。")
    assert [(p.start, p.end) for p in r.documents[0].phases] == [(None, "2019-03-05"), ("2019-04", "2020-01")]
    assert r.warnings == ["document 1: phase 1 (动员阶段): impossible date 2019年2月30日 left null"]


def test_figures_in_a_background_section_are_not_targets() -> None:
    from planparse import parse_text

    text = "某县工作方案\n一、工作基础\n2021年全县农村生活垃圾无害化处理率达到82%。\n二、工作目标\n到2023年,农村生活垃圾无害化处理率达到90%以上。\n"
    targets = parse_text(text).documents[0].targets
    assert [(t.metric, t.value) for t in targets] == [("农村生活垃圾无害化处理率", 90)]


def test_a_timetable_section_of_one_period_is_one_phase() -> None:
    from planparse import parse_text

    doc = parse_text("某县读书活动方案\n一、活动主题\n书香润童心。\n二、活动时间\n2022年5月1日—5月31日。\n三、活动内容\n开展读书。\n").documents[0]
    assert [(p.name, p.start, p.end) for p in doc.phases] == [("活动时间", "2022-05-01", "2022-05-31")]
