"""Exception types of planparse.

Every error a user can cause derives from :class:`PlanParseError`; the CLI turns
each into a one-line message and the exit code stored on the class.
"""

from __future__ import annotations


class PlanParseError(Exception):
    """Base class of the errors planparse raises on purpose."""

    exit_code = 1


class InputError(PlanParseError):
    """The input cannot be read: missing, a directory, binary, empty, or undecodable."""


class VocabularyError(PlanParseError):
    """A vocabulary file shipped with planparse (or given by the user) is malformed."""


class OutputError(PlanParseError):
    """An output cannot be written."""
