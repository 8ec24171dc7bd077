"""The documentation stays true: doctests run, every command is in the README,
and the README's two set-up commands are the ones CI runs."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

from planparse.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["planparse.api", "planparse.numerals"])
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"planparse {command}" in README


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line for line in README.splitlines() if line.startswith("python3 -m venv") and "pytest" in line)
    assert test_command.split(" && ")[:2] == ci.strip().splitlines()[-1].split(" && ")[:2]
    assert "pytest" in ci.strip().splitlines()[-1]
    sample_command = next(line for line in README.splitlines() if line.startswith("python3 -m venv") and "extract" in line)
    assert "fixtures/000_cb6a3499aac80017.txt" in sample_command
