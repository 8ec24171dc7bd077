"""What an extractor sees of one document."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..models import Span
from ..normalize import NormalizedText
from ..segment import DocumentSegment, SectionNode
from .deadlines import Deadlines


@dataclass
class DocumentView:
    """One document of the input: its working text, its segment and its sections.

    Offsets are working-text offsets (``view.text``); :meth:`span` maps them to the
    original text for the output.
    """

    nt: NormalizedText
    seg: DocumentSegment
    _flat: list[SectionNode] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._flat = self.seg.all_sections()
        self._starts = [s.start for s in self._flat]

    @property
    def text(self) -> str:
        """The whole working text (use :attr:`start` / :attr:`end` for this document)."""
        return self.nt.text

    @property
    def start(self) -> int:
        return self.seg.start

    @property
    def end(self) -> int:
        return self.seg.end

    @property
    def doc_text(self) -> str:
        """This document's working text."""
        return self.nt.text[self.seg.start : self.seg.end]

    @property
    def sections(self) -> list[SectionNode]:
        """All sections, flattened in document order."""
        return self._flat

    @cached_property
    def deadlines(self) -> Deadlines:
        """Deadline-like dates of this document (``view.deadlines.at(start, end)``)."""
        return Deadlines(self.nt.text, self.seg.start, self.seg.end)

    def span(self, start: int, end: int) -> Span:
        """Original-text span of working-text ``[start, end)``."""
        return self.nt.span(start, end)

    def section_at(self, offset: int) -> SectionNode | None:
        """The deepest section whose text holds ``offset``."""
        k = bisect_right(self._starts, offset) - 1
        while k >= 0:
            s = self._flat[k]
            if s.start <= offset < max(s.end, s.heading_end):
                return s
            k -= 1
        return None

    def top_sections(self, kind: str) -> list[SectionNode]:
        """Top-level sections of the given kind."""
        return [s for s in self.seg.sections if s.kind == kind]
