"""Vocabularies are data: each loads, and a malformed one is refused with a clear error."""

from __future__ import annotations

import pytest

from planparse import vocab
from planparse.errors import VocabularyError
from planparse.vocab import StrictModel


def test_every_shipped_vocabulary_loads() -> None:
    from planparse.dates import words
    from planparse.owners_text import UnitVocab
    from planparse.people_text import RoleVocab
    from planparse.segment import vocabulary as sections
    from planparse.tables_text import vocabulary as tables
    from planparse.targets_text import TargetVocab

    assert sections().kinds["steps"] and tables().task_columns and words().range_separators
    assert vocab.load("units.yaml", UnitVocab).suffixes
    assert vocab.load("roles.yaml", RoleVocab).roles
    assert vocab.load("targets.yaml", TargetVocab).units


class Words(StrictModel):
    words: list[str]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"words": ["达", "以上", "达"]}, "duplicate word '达'"),
        ({"words": ["达", ""]}, "empty word"),
        ({"words": ["达"], "typo": []}, "Extra inputs are not permitted"),
    ],
)
def test_malformed_word_lists_are_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Words.model_validate(data)


def test_a_bad_file_is_a_vocabulary_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vocab, "_raw_yaml", lambda name: {"words": ["a", "a"]})
    vocab._cache.clear()
    with pytest.raises(VocabularyError, match=r"vocabulary broken.yaml: .*duplicate word 'a'"):
        vocab.load("broken.yaml", Words)
    vocab._cache.clear()
