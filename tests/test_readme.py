"""The README and the reference stay true: the two commands, the documented options, the example output."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

from focuscount.cli import cli

README = (REPO / "README.md").read_text(encoding="utf-8")
REFERENCE = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")
DOCS = README + "\n" + REFERENCE  # what a user reads: the README first, the reference for the rest


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
                assert option in DOCS, f"{name} {option} is not in README.md or docs/reference.md"


def shown_commands() -> list[tuple[str, str]]:
    """``(command, output)`` for each README block that starts with ``$ focuscount …`` and shows all its output."""
    found = []
    for block in re.findall(r"```text\n(\$ focuscount [^\n]*)\n(.*?)```", DOCS, re.S):
        command, output = block
        if "\n...\n" in f"\n{output}" or "/path/to/" in output or not output.strip():
            continue  # an excerpt, or output that depends on where focuscount is installed
        found.append((command.removeprefix("$ focuscount "), output))
    return found


def test_readme_shows_real_output_for_many_commands() -> None:
    commands = [command for command, _ in shown_commands()]
    assert "analyze examples/" in commands
    assert len(commands) >= 5


@pytest.mark.parametrize(("command", "output"), shown_commands(), ids=[c for c, _ in shown_commands()])
def test_readme_output_is_real(command: str, output: str) -> None:
    previous = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(cli, shlex.split(command))
    finally:
        os.chdir(previous)
    assert result.output == output  # standard output and error, as a terminal shows them


def test_python_example_runs(tmp_path: Path) -> None:
    block = re.search(r"```python\n(.*?)```", DOCS, re.S)
    assert block is not None
    code = block.group(1).replace("/tmp/ratio.svg", str(tmp_path / "ratio.svg"))
    previous = os.getcwd()
    os.chdir(REPO)
    try:
        exec(compile(code, "docs/reference.md", "exec"), {})
    finally:
        os.chdir(previous)
    assert (tmp_path / "ratio.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_readme_is_short_and_links_to_the_reference() -> None:
    assert len(README.encode("utf-8")) < 10_000
    for anchor in re.findall(r"\(docs/reference\.md#([a-z0-9-]+)\)", README):
        headings = re.findall(r"^#+ (.+)$", REFERENCE, re.M)
        slugs = {re.sub(r"[^a-z0-9 -]", "", heading.lower()).replace(" ", "-") for heading in headings}
        assert anchor in slugs, anchor
