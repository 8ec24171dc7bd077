"""Extractors: the ordered, named stages that fill a document's lists.

Each extractor is a function ``(view, found) -> dict`` that reads one document
through its :class:`~planparse.extract.view.DocumentView` and returns the
:class:`~planparse.models.Document` fields it fills.  ``found`` holds what earlier
extractors returned for the same document (the phase extractor reads the
document date that the metadata extractor found), so the order below matters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .view import DocumentView

Extractor = Callable[[DocumentView, dict[str, Any]], dict[str, Any]]

#: (name, function) in the order they run.  Filled by :func:`registry` on first use,
#: so that importing planparse stays cheap.
EXTRACTORS: list[tuple[str, Extractor]] = []


def registry() -> list[tuple[str, Extractor]]:
    """The extractors, imported on first use."""
    if not EXTRACTORS:
        EXTRACTORS.extend(_registry())
    return EXTRACTORS


def _registry() -> list[tuple[str, Extractor]]:
    from .metadata import extract_metadata
    from .people import extract_people
    from .phases import extract_phases
    from .targets import extract_targets
    from .tasks import extract_tasks

    return [
        ("metadata", extract_metadata),  # first: phases infer years from the document date
        ("phases", extract_phases),
        ("tasks", extract_tasks),  # before targets: a target links to the task holding it
        ("targets", extract_targets),
        ("people", extract_people),
    ]


def run_all(view: DocumentView, only: set[str] | None = None) -> dict[str, Any]:
    """Run the extractors on one document and merge their fields.

    Keys starting with ``_`` pass working data between extractors and are dropped,
    except ``_warnings``: the messages extractors raise, gathered for the result.
    """
    found: dict[str, Any] = {}
    warnings: list[str] = []
    for name, fn in registry():
        if only is None or name in only:
            fields = fn(view, found)
            warnings += fields.pop("_warnings", [])
            found.update(fields)
    out = {k: v for k, v in found.items() if not k.startswith("_")}
    out["_warnings"] = warnings
    return out
