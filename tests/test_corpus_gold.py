"""The corpus of plans in the genre's styles (fixtures/plans) against its gold files.

The figures are pooled over all files, as the evaluation does; the bars sit a little
under what planparse reaches today, so that a regression fails here.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import FIXTURES
from goldcheck import score
from planparse import parse_file

GOLD_FILES = sorted((FIXTURES / "plans").glob("*.gold.json"))

BARS = {
    "doc_count": 1.0,
    "title": 1.0,
    "date": 1.0,
    "doc_number": 1.0,
    "complete": 1.0,
    # 40_huanbao_gongzuoyaodian numbers its items 1.-8. only: the analyst lists no top-level
    # section, planparse keeps them as the top level of the tree (a judgement call)
    "sections": 0.97,
    # 61's 考核办法 has "考核内容": its analyst says other, planparse says tasks (内容)
    "section_kind": 0.99,
    # 68: "国庆节后至10月底" starts on 10-01 here, in October (month precision) for its analyst
    "phases": 0.99,
    # analysts differ on a few conventions (翻一番 as x2 or +100%, 每千人口 opening a metric in
    # the unit or not, frequencies as 次 or 次/月) and the held-out batches keep some misses
    "targets": 0.96,
    "owners": 0.98,
    "owner_lists_exact": 0.97,
    "people": 0.97,
}


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    gold_docs: list[dict[str, Any]] = []
    pred_docs: list[dict[str, Any]] = []
    counts = []
    for path in GOLD_FILES:
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred = parse_file(path.parent / gold["source"]).model_dump(mode="json")["documents"]
        counts.append(len(pred) == len(gold["documents"]))
        pred += [{}] * (len(gold["documents"]) - len(pred))
        gold_docs += gold["documents"]
        pred_docs += pred[: len(gold["documents"])]
    out = score(gold_docs, pred_docs)
    out["doc_count"] = sum(counts) / len(counts)
    return out


def test_corpus_is_there() -> None:
    assert len(GOLD_FILES) >= 89


@pytest.mark.parametrize(("field", "bar"), sorted(BARS.items()))
def test_field_meets_its_bar(figures: dict[str, float], field: str, bar: float) -> None:
    assert figures[field] >= bar, f"{field}: {figures[field]:.3f} < {bar}"
