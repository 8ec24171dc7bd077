"""The output contract: pydantic models of a parsed input.

Field names are part of planparse's public contract (evaluation tools and users'
scripts read them), so they change only with ``SCHEMA_VERSION``.  Every extracted
item carries a :class:`Span` of character offsets into the decoded input.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Op = Literal[">=", ">", "<=", "<", "="]
Script = Literal["simplified", "traditional", "original"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Half-open range ``[start, end)`` of character offsets into the decoded input."""

    start: int = Field(ge=0, description="Offset of the first character.")
    end: int = Field(ge=0, description="Offset after the last character.")


class Section(_Model):
    """A numbered section and its subsections."""

    id: str = Field(description='Position in the tree: "3.2" is the second child of the third top-level section.')
    marker: str = Field(description='The marker as written, e.g. "一、", "（二）", "1.".')
    numeral: int = Field(description="The marker's number (一 -> 1, (二) -> 2).")
    level: int = Field(ge=1, description="Depth in the tree; 1 is top level.")
    heading: str = Field(description="The heading phrase, without marker and trailing punctuation.")
    kind: str | None = Field(
        default=None,
        description="For top-level sections: guiding_ideology, goals, principles, organization, tasks, "
        "standards, steps, requirements, measures or other.",
    )
    span: Span = Field(description="From the marker to the end of the section's last line.")
    heading_span: Span = Field(description="The heading phrase.")
    children: list[Section] = Field(default_factory=list)


class Phase(_Model):
    """A stage of the plan's timetable."""

    order: int = Field(ge=1)
    name: str
    start: str | None = Field(
        description='ISO date at the precision written ("2013", "2013-02", "2013-02-01"; "--05-30" without a year).'
    )
    end: str | None = Field(description="ISO date, or null when the end is not a date (e.g. 检查前).")
    start_text: str | None = Field(default=None, description="The start as written.")
    end_text: str | None = Field(default=None, description='The end as written, e.g. "检查前".')
    year_inferred: bool = Field(default=False, description="True when a year was not written but inferred.")
    section: str | None = Field(default=None, description="Id of the section the phase was found in.")
    span: Span


class Target(_Model):
    """A quantitative target: metric, comparator, value and unit."""

    metric: str
    subject: str | None = None
    op: Op
    value: float | int
    value_max: float | int | None = Field(default=None, description="Upper end of a range (300~500平方米).")
    unit: str
    change: Literal["increase", "decrease"] | None = Field(
        default=None, description="Set when the target is a change (提高/下降 …) rather than a level."
    )
    text: str = Field(description="The shortest clause holding metric and number.")
    deadline: str | None = Field(default=None, description="ISO date by which the target is to be met.")
    deadline_text: str | None = Field(default=None, description='The deadline as written, e.g. "2020年底前".')
    task: int | None = Field(
        default=None, description="Index into the document's tasks of the task whose item holds it (its owners)."
    )
    section: str | None = None
    span: Span


class Task(_Model):
    """A task with the units responsible for it."""

    section: str | None = None
    heading: str | None = Field(default=None, description="Heading of the numbered item the assignment belongs to.")
    owners: list[str] = Field(description="Unit names in the order written.")
    lead: list[str] = Field(default_factory=list, description="Lead units (牵头单位) when distinguished.")
    support: list[str] = Field(default_factory=list, description="Supporting units (配合单位) when distinguished.")
    leaders: list[str] = Field(default_factory=list, description="Officials named as responsible (责任领导).")
    label: str | None = Field(
        default=None, description='The label as written, e.g. "责任单位"; "table" for a row of a task table.'
    )
    deadline: str | None = Field(default=None, description="ISO date of the deadline (完成时限), when it is a date.")
    deadline_text: str | None = Field(default=None, description='The deadline as written, e.g. "2019年6月底前".')
    span: Span


class Person(_Model):
    """A member of a leadership group."""

    role: str
    name: str | None
    title: str | None = Field(default=None, description="Post, e.g. 市长; not part of the name.")
    span: Span


class Reference(_Model):
    """A document cited in the text."""

    title: str
    number: str | None = None
    span: Span


class Document(_Model):
    """One plan (a compilation holds several)."""

    index: int = Field(ge=1, description="1-based position in the input.")
    title: str | None
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = Field(default=None, description="Issuing/signing date, ISO.")
    complete: bool = Field(default=True, description="False when the document is visibly cut off.")
    span: Span
    title_span: Span | None = None
    sections: list[Section] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list, description="Members of leadership groups, by name.")
    posts: list[Person] = Field(
        default_factory=list, description="Roles given by post only (由局长任组长): name is null, title holds the post."
    )
    references: list[Reference] = Field(default_factory=list)


class SourceInfo(_Model):
    path: str
    sha256: str
    encoding: str
    script: Script = Field(description="Script of the strings in this output.")


class PlanResult(_Model):
    """Everything planparse found in one input."""

    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    documents: list[Document]
    warnings: list[str] = Field(default_factory=list)
