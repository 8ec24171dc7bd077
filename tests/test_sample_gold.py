"""The sample compilation against its gold annotations (fixtures/*.gold.json).

Each field has the bar its issue sets; tests/goldcheck.py compares the way the
evaluation does (punctuation-insensitive strings, greedy one-to-one pairing).
"""

from __future__ import annotations

from typing import Any

import pytest

from goldcheck import score

BARS = {
    "doc_count": 1.0,
    "title": 1.0,
    "complete": 1.0,
    "sections": 1.0,
    "section_kind": 1.0,
    "date": 1.0,
    "doc_number": 1.0,
    "phases": 1.0,
    "owners": 0.97,
    "owner_lists_exact": 0.90,
    "people": 0.90,
}


@pytest.fixture(scope="module")
def figures(sample_result: Any, sample_gold: dict[str, Any]) -> dict[str, float]:
    pred = sample_result.model_dump(mode="json")["documents"]
    return score(sample_gold["documents"], pred)


@pytest.mark.parametrize(("field", "bar"), sorted(BARS.items()))
def test_field_meets_its_bar(figures: dict[str, float], field: str, bar: float) -> None:
    assert figures[field] >= bar, f"{field}: {figures[field]:.3f} < {bar}"
