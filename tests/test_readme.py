"""The README stays true: its two commands, its documented options, and its example output."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner
from helpers import REPO

from focuscount.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    assert README.index(first_block.group(0)) < README.index("**focuscount**")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make test"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"focuscount {name}" in README
    for parameter in cli.commands[name].params:
        for option in parameter.opts:
            if option.startswith("-") and option not in {"-h", "--help"}:
                assert option in README, f"{name} {option} is not in README.md"


def test_readme_shows_the_real_demo_output() -> None:
    block = re.search(r"\$ focuscount analyze examples/\n(.*?)```", README, re.S)
    assert block is not None
    previous = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, ["analyze", "examples/"])
    finally:
        os.chdir(previous)
    assert result.exit_code == 0
    assert result.stdout == block.group(1)
