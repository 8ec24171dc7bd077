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
