"""Every command has help with an example, and the README documents it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.cli import EXAMPLES, _parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("name", commands())
def test_every_command_has_help_with_an_example(name: str, capsys: pytest.CaptureFixture):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and f"kg {name}" in out
    assert name in EXAMPLES


@pytest.mark.parametrize("name", commands())
def test_readme_documents_every_command(name: str):
    assert re.search(rf"kg {name}\b", README), f"README lacks a reference for kg {name}"


def test_readme_has_exactly_two_setup_commands():
    block = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands_ = re.findall(r"^\s*(scripts/install\.sh.*)$", block, flags=re.M)
    assert len(commands_) == 2, commands_
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert commands_[1].strip() in ci
