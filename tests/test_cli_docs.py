"""Docs stay honest: every command has help text with an example and a line in the README."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert len(main.commands[name].help or "") > 40


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"dateline(?: --\S+ \S+)* {name}\b", README), f"README shows no '{name}' example"


def test_every_option_has_help_text() -> None:
    for name, command in main.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert getattr(param, "help", None), f"{name} {param.name} has no help"
