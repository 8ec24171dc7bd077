"""Document metadata: issuing date, document number, issuer, cited documents."""

from __future__ import annotations

from typing import Any

from ..metadata_text import find_doc_number, find_issue_date, find_issuer, find_references
from ..models import Reference
from ..segment import clean
from .view import DocumentView


def extract_metadata(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``date``, ``doc_number``, ``issuer`` and ``references`` of one document."""
    text, base = view.doc_text, view.start
    date = find_issue_date(text)
    number = find_doc_number(text)
    issuer = find_issuer(text)
    return {
        "date": date.iso() if date else None,
        "doc_number": number.value if number else None,
        "issuer": clean(issuer.value) if issuer else None,
        "references": [
            Reference(title=clean(r.title), number=r.number, span=view.span(base + r.start, base + r.end))
            for r in find_references(text)
        ],
    }
