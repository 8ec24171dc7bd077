"""Leadership groups: who holds which role (组长, 副组长, 成员, 主任 …)."""

from __future__ import annotations

from typing import Any

from ..models import Person
from ..people_text import find_people
from .view import DocumentView


def extract_people(view: DocumentView, found: dict[str, Any]) -> dict[str, Any]:
    """``people`` (members named) and ``posts`` (roles given by post only: 由局长任组长)."""
    base = view.start
    people: list[Person] = []
    posts: list[Person] = []
    for p in find_people(view.doc_text):
        person = Person(role=p.role, name=p.name, title=p.title, span=view.span(base + p.start, base + p.end))
        (people if p.named else posts).append(person)
    return {"people": people, "posts": posts}
