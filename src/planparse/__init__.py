"""planparse: Chinese government implementation plans as normalised, source-grounded data.

The public API::

    from planparse import parse_text, parse_file
    result = parse_file("plan.txt")
    for doc in result.documents:
        print(doc.title, [s.heading for s in doc.sections])
"""

from __future__ import annotations

from .api import iter_parse, parse_file, parse_text
from .errors import InputError, OutputError, PlanParseError, VocabularyError
from .models import (
    SCHEMA_VERSION,
    Document,
    Person,
    Phase,
    PlanResult,
    Reference,
    Section,
    SourceInfo,
    Span,
    Target,
    Task,
)

#: The package version (pyproject.toml reads it from here; importlib.metadata costs ~70 ms at start-up).
__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "InputError",
    "OutputError",
    "Person",
    "Phase",
    "PlanParseError",
    "PlanResult",
    "Reference",
    "Section",
    "SourceInfo",
    "Span",
    "Target",
    "Task",
    "VocabularyError",
    "__version__",
    "iter_parse",
    "parse_file",
    "parse_text",
]
