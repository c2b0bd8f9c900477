"""The README and the reference stay true: the two commands, the documented options, the example output."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import click
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


def all_commands() -> dict[str, click.Command]:
    """Every command by its full name, the subcommands of a group (``lexicon check``) included."""
    found: dict[str, click.Command] = {}
    for name, command in cli.commands.items():
        found[name] = command
        if isinstance(command, click.Group):
            found.update({f"{name} {sub}": subcommand for sub, subcommand in command.commands.items()})
    return found


@pytest.mark.parametrize("name", sorted(all_commands()))
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"focuscount {name.split()[0]}" in README
    if " " in name:  # a subcommand: `lexicon check` in the reference's table of them
        assert f"`{name}" in DOCS, f"{name} is not in docs/reference.md"
    for parameter in all_commands()[name].params:
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
    assert any(command.startswith("analyze examples/") for command, _ in shown_excerpts() + shown_commands())
    assert len(commands) >= 5


def output_in_repo(command: str) -> str:
    """What ``focuscount COMMAND`` prints (standard output and error, as a terminal shows them), run in the repo."""
    previous = os.getcwd()
    os.chdir(REPO)
    try:
        return CliRunner().invoke(cli, shlex.split(command)).output
    finally:
        os.chdir(previous)


@pytest.mark.parametrize(("command", "output"), shown_commands(), ids=[c for c, _ in shown_commands()])
def test_readme_output_is_real(command: str, output: str) -> None:
    assert output_in_repo(command) == output


def shown_excerpts() -> list[tuple[str, list[str]]]:
    """``(command, chunks)`` for each block that shows a ``$ focuscount …`` command's output with ``...`` gaps."""
    found = []
    for command, output in re.findall(r"```text\n(\$ focuscount [^\n]*)\n(.*?)```", DOCS, re.S):
        if "\n...\n" not in f"\n{output}" or "/path/to/" in output:
            continue
        chunks = [chunk.strip("\n") for chunk in re.split(r"^\.\.\.$", output, flags=re.M)]
        found.append((command.removeprefix("$ focuscount "), [chunk for chunk in chunks if chunk]))
    return found


@pytest.mark.parametrize(("command", "chunks"), shown_excerpts(), ids=[c for c, _ in shown_excerpts()])
def test_excerpts_are_real(command: str, chunks: list[str]) -> None:
    """Each part of an excerpt is in the command's real output, in the order shown."""
    output = output_in_repo(command)
    position = 0
    for chunk in chunks:
        found = output.find(chunk, position)
        assert found >= 0, f"not in the output of `focuscount {command}` (after position {position}):\n{chunk}"
        position = found + len(chunk)


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
