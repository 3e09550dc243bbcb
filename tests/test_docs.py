"""Every CLI command is documented in the README, and the README's two commands exist."""

from __future__ import annotations

import argparse
from pathlib import Path

from evidence_lab.cli import _parser

ROOT = Path(__file__).resolve().parents[1]


def _commands() -> list[str]:
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands() if f"evidence-lab {c}" not in readme]
    assert not missing, f"document these commands in README.md: {missing}"


def test_readme_commands_are_make_targets_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
