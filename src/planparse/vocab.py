"""Vocabularies kept as data.

Each stage keeps its words (section-kind synonyms, comparator words, units, role
words, date words) in a YAML file under ``planparse/data``.  A file is read once,
validated by a pydantic model that rejects unknown keys, and cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .errors import VocabularyError

M = TypeVar("M", bound=BaseModel)


class StrictModel(BaseModel):
    """Base for vocabulary models: unknown keys are an error, instances are frozen, and
    every list of words is checked for empty and repeated words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _word_lists_are_clean(self) -> StrictModel:
        for name, value in self:
            if isinstance(value, list) and value and all(isinstance(w, str) for w in value):
                unique_words(value, f"{type(self).__name__}.{name}")
        return self


@cache
def read_data_text(name: str) -> str:
    """Return the text of a file shipped in ``planparse/data``."""
    return resources.files("planparse").joinpath("data").joinpath(name).read_text(encoding="utf-8")


def _raw_yaml(name: str) -> Any:
    try:
        # libyaml's loader when PyYAML has it: the pure-Python one costs ~0.1 s at start-up
        return yaml.load(read_data_text(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"cannot read vocabulary {name}: {exc}") from exc


_cache: dict[tuple[str, type[BaseModel]], BaseModel] = {}


def load(name: str, model: type[M]) -> M:
    """Load ``planparse/data/<name>`` into ``model``, once per process.

    :param name: file name inside the package's data folder, e.g. ``"sections.yaml"``.
    :param model: pydantic model class describing the file (use :class:`StrictModel`).
    :raises VocabularyError: when the file is missing, not YAML, or does not fit the model.
    """
    key = (name, model)
    cached = _cache.get(key)
    if cached is None:
        try:
            cached = model.model_validate(_raw_yaml(name))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise VocabularyError(f"vocabulary {name}: {where}: {first['msg']}") from exc
        _cache[key] = cached
    return cached  # type: ignore[return-value]


def unique_words(words: list[str], what: str) -> list[str]:
    """Validator helper: reject empty and duplicated entries in a word list."""
    seen: set[str] = set()
    for w in words:
        if not w:
            raise ValueError(f"empty word in {what}")
        if w in seen:
            raise ValueError(f"duplicate word {w!r} in {what}")
        seen.add(w)
    return words
