"""Writers: a :class:`~planparse.models.PlanResult` as JSON, YAML or JSON Lines.

Writers live in the library (not in the CLI) so that scripts can reuse them.
:func:`write_atomic` never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .errors import OutputError
from .models import PlanResult


def to_json(result: PlanResult) -> str:
    """Pretty-printed JSON with Chinese as characters."""
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def to_yaml(result: PlanResult) -> str:
    """Block-style YAML with Chinese as characters; loads back with ``yaml.safe_load``."""
    import yaml

    return yaml.safe_dump(result.model_dump(mode="json"), allow_unicode=True, sort_keys=False, width=1000)


def jsonl_records(result: PlanResult) -> Iterator[dict[str, Any]]:
    """One record per document, each carrying its source and index."""
    meta = result.model_dump(mode="json", include={"schema_version", "source", "warnings"})
    for doc in result.documents:
        yield {"file": result.source.path, **meta, "document": doc.model_dump(mode="json")}


def to_jsonl(result: PlanResult) -> str:
    """JSON Lines: one document per line, for ``jq`` and streaming loaders."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_records(result))


#: Text writers by format name.
WRITERS: dict[str, Callable[[PlanResult], str]] = {"json": to_json, "yaml": to_yaml, "jsonl": to_jsonl}


def render(result: PlanResult, fmt: str) -> str:
    """The result in one of :data:`WRITERS`' formats."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise OutputError(f"unknown format {fmt!r}; choose one of {', '.join(WRITERS)}") from None
    return writer(result)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Readers see either the old file or the complete new one, never a part.

    :raises OutputError: when the folder does not exist or is not writable.
    """
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
