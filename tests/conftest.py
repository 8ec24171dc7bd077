from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "000_cb6a3499aac80017.txt"
SAMPLE_GOLD = FIXTURES / "000_cb6a3499aac80017.gold.json"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_gold() -> dict[str, Any]:
    return json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_result(sample_text: str) -> Any:
    from planparse import parse_text

    return parse_text(sample_text, path=str(SAMPLE))
