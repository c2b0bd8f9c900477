"""The README and docs/ stay true: the two commands, every option documented, working links, generated output.

Every ``$ focuscount …`` block in README.md and docs/*.md is a cog block (tools/docs_cog.py runs the real
command); ``cog --check`` here fails when one is no longer what the command prints. Regenerate them with
``make docs`` (``.venv/bin/python -m cogapp -r README.md docs/*.md`` from the repository root).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
from helpers import REPO

from focuscount.cli import cli

sys.path.insert(0, str(REPO))  # tools/ is not a package on the path of the tests
from tools import docs_cog

README_PATH = REPO / "README.md"
README = README_PATH.read_text(encoding="utf-8")
DOCS = REPO / "docs"
CLI_DOC = (DOCS / "cli.md").read_text(encoding="utf-8")
PAGES = [README_PATH, *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)


def test_readme_opens_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    assert README.index(first_block.group(0)) < README.index("**focuscount**")
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.strip().splitlines()[-1] == "make test"


def test_readme_is_under_10_kb() -> None:
    assert len(README.encode("utf-8")) < 10_000


def test_the_reference_was_split() -> None:
    """docs/reference.md is gone; its sections live in the pages the README links to."""
    assert not (DOCS / "reference.md").exists()
    for page in ["cli", "ci", "formats", "lexicons", "output", "how-numbers-are-computed", "python-api"]:
        assert f"(docs/{page}.md" in README, page


def all_commands() -> dict[str, click.Command]:
    """Every command by its full name (``""`` for ``focuscount`` itself, ``lexicon check`` for a subcommand)."""
    found: dict[str, click.Command] = {"": cli}
    for name, command in cli.commands.items():
        found[name] = command
        if isinstance(command, click.Group):
            found.update({f"{name} {sub}": subcommand for sub, subcommand in command.commands.items()})
    return found


@pytest.mark.parametrize("name", sorted(all_commands()), ids=lambda name: name or "focuscount")
def test_every_command_and_option_is_documented(name: str) -> None:
    """docs/cli.md shows each command's --help (generated) and names each of its options."""
    assert f"focuscount_help({name!r})" in CLI_DOC, f"docs/cli.md has no focuscount_help({name!r}) block"
    if name:
        assert f"focuscount {name.split()[0]}" in README, f"the README does not name focuscount {name.split()[0]}"
    for parameter in all_commands()[name].params:
        for option in [*parameter.opts, *parameter.secondary_opts]:
            if option.startswith("-"):
                assert option in CLI_DOC, f"focuscount {name} {option} is not in docs/cli.md"


def slugs(markdown: str) -> set[str]:
    """The anchors GitHub makes for the headings of ``markdown`` (outside code), duplicates numbered."""
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *#*$", FENCE.sub("", markdown), re.M):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
        slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
        candidate, number = slug, 0
        while candidate in found:
            number += 1
            candidate = f"{slug}-{number}"
        found.add(candidate)
    return found


def test_slugs_follow_github() -> None:
    assert slugs("## `focuscount chart PATHS… -o FILE`\n## Breakdowns: `--by-speaker`, `--by-slide`\n## A\n## A") == {
        "focuscount-chart-paths--o-file",
        "breakdowns---by-speaker---by-slide",
        "a",
        "a-1",
    }


def relative_links(page: Path) -> list[str]:
    """The targets of the Markdown links and images of ``page`` that point inside the repository."""
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)  # cog's code, not links
    text = re.sub(r"`[^`\n]*`", "``", text)  # code spans: `[x](y)` there is not a link
    targets = re.findall(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", text)
    return [target for target in targets if not re.match(r"[a-z][a-z0-9+.-]*:", target)]


LINKS = [(page, target) for page in PAGES for target in relative_links(page)]


def test_the_docs_have_links() -> None:
    assert len(LINKS) > 60
    assert any(target == "docs/images/ratio.png" for _, target in LINKS), "the README shows the chart"


@pytest.mark.parametrize(("page", "target"), LINKS, ids=[f"{p.relative_to(REPO)}->{t}" for p, t in LINKS])
def test_relative_link_works(page: Path, target: str) -> None:
    """Each link points to an existing file inside the repository and, with #anchor, to one of its headings."""
    path, _, anchor = target.partition("#")
    destination = (page.parent / path).resolve() if path else page
    where = f"{page.relative_to(REPO)}: link to {target}"
    assert destination.is_relative_to(REPO), f"{where} leaves the repository"
    assert destination.exists(), f"{where}: {destination.relative_to(REPO)} does not exist"
    if anchor and destination.suffix == ".md":
        assert anchor in slugs(destination.read_text(encoding="utf-8")), f"{where}: no heading makes #{anchor}"


def test_every_shown_run_is_generated() -> None:
    """No hand-pasted output: each block showing ``$ focuscount …`` sits inside a cog block."""
    shown = 0
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        generated = [(m.start(), m.end()) for m in re.finditer(r"\]\]\] -->\n.*?<!-- \[\[\[end\]\]\] -->", text, re.S)]
        for block in re.finditer(r"^```(?:text|console)\n\$ focuscount", text, re.M):
            shown += 1
            line = text.count("\n", 0, block.start()) + 1
            assert any(start < block.start() < end for start, end in generated), (
                f"{page.relative_to(REPO)}:{line}: a `$ focuscount` block that cog does not generate: "
                "put it in a <!-- [[[cog ... ]]] --> block (see tools/docs_cog.py)"
            )
    assert shown >= 40


def cog_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """``cog --check`` over ``paths``, run as ``make docs`` runs cog: the venv's python, from the repository."""
    return subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", *map(str, paths)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


# About 16 s on an idle 2-core machine (30-40 s under load): it runs every command the docs show, and
# `audit --score` alone takes about 10 s of it (it imports spaCy's French tokenizer exceptions).
def test_generated_output_is_current() -> None:
    result = cog_check(*PAGES)
    assert result.returncode == 0, (
        "the docs no longer show what the commands print; run `make docs` "
        f"(.venv/bin/python -m cogapp -r README.md docs/*.md) and review the diff:\n{result.stdout}{result.stderr}"
    )


def help_page(name: str) -> str:
    """A page with one cog block of ``focuscount NAME --help``, as docs/cli.md has it, generated part current."""
    marker = f"<!-- [[[cog from tools.docs_cog import focuscount_help; focuscount_help({name!r}) ]]] -->"
    assert marker in CLI_DOC
    return f"# {name}\n\n{marker}\n{docs_cog.focuscount_help(name)}\n<!-- [[[end]]] -->\n"


def test_cog_check_passes_on_a_current_block(tmp_path: Path) -> None:
    page = tmp_path / "init.md"
    page.write_text(help_page("init"), encoding="utf-8")
    result = cog_check(page)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("tamper", "old", "new"),
    [("a changed word", "Usage: focuscount init", "Usage: focuscount start"), ("a lost line", "--help", "")],
)
def test_cog_check_fails_on_a_tampered_copy(tmp_path: Path, tamper: str, old: str, new: str) -> None:
    current = help_page("init")
    generated = current.index("]]] -->")
    tampered = current[:generated] + current[generated:].replace(old, new, 1)
    assert tampered != current, tamper
    page = tmp_path / "init.md"
    page.write_text(tampered, encoding="utf-8")
    result = cog_check(page)
    assert result.returncode != 0, f"cog --check passed {tamper}"
    assert "Check failed" in result.stdout + result.stderr
    assert page.read_text(encoding="utf-8") == tampered  # --check reports; it never rewrites


# The helpers the cog blocks call.

OUTPUT = "one\ntwo\nthree\nfour\nfive\n"


@pytest.mark.parametrize(
    ("lines", "shown"),
    [
        (None, OUTPUT),
        ((0, 2), "one\ntwo\n...\n"),
        ((-2, None), "...\nfour\nfive\n"),
        ((1, 2), "...\ntwo\n...\n"),
        ([(0, 1), (3, 4)], "one\n...\nfour\n...\n"),
        ([(0, 1), (1, 2)], "one\ntwo\n...\n"),
        (("three", None), "...\nthree\nfour\nfive\n"),
        (("two", "four"), "...\ntwo\nthree\n...\n"),
        ((-100, 100), OUTPUT),
    ],
)
def test_excerpt_marks_each_cut(lines: docs_cog.Cut | list[docs_cog.Cut] | None, shown: str) -> None:
    assert docs_cog.excerpt(OUTPUT, lines) == shown


def test_excerpt_names_a_missing_line() -> None:
    with pytest.raises(ValueError, match="no line starting with 'six'"):
        docs_cog.excerpt(OUTPUT, ("six", None))


def test_help_is_100_columns_wide(capsys: pytest.CaptureFixture[str]) -> None:
    block = docs_cog.focuscount_help("lexicon check")
    assert block.startswith("```text\n$ focuscount lexicon check --help\nUsage: focuscount lexicon check")
    assert block.endswith("```")
    assert max(len(line) for line in block.splitlines()) <= docs_cog.WIDTH
    assert max(len(line) for line in block.splitlines()) > 80  # wrapped at 100, not at click's default 80
    assert capsys.readouterr().out == block + "\n"  # outside cog, the block goes to standard output


def test_output_ignores_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOCUSCOUNT_LEXICON", "business")
    output, code = docs_cog.run_focuscount("lexicon list")
    assert code == 0
    assert "library (default)" in output
    assert "(configured)" not in output  # FOCUSCOUNT_LEXICON would mark business as the settings' choice


def test_installed_folders_are_not_shown() -> None:
    output, code = docs_cog.run_focuscount("lexicons")
    assert code == 0
    assert str(REPO) not in output
    assert "  /path/to/site-packages/focuscount/lexicons/library.toml\n" in output


def test_written_files_go_to_a_temporary_folder() -> None:
    written = REPO / "alderbrook-docs-test.toml"
    command = (
        f"lexicon import tests/fixtures/lexicon-tools/board.dic -o {written.name} --focus patrons --versus institution"
    )
    output, code = docs_cog.run_focuscount(command, writes=[written.name])
    assert code == 0
    assert f"focuscount: wrote {written.name}: 3 categories" in output
    assert "/tmp" not in output and "focuscount-docs-" not in output
    assert not written.exists()


def test_an_unexpected_exit_status_stops_the_docs() -> None:
    with pytest.raises(RuntimeError, match="exited 1, not 0"):
        docs_cog.focuscount_output("lexicon check tests/fixtures/lexicon-tools/messy.toml", status=0)
    with pytest.raises(RuntimeError, match="exited 2, not 0"):
        docs_cog.focuscount_output("lexicon check no-such-lexicon.toml")


def test_the_block_that_needs_ocr_and_libreoffice_is_checked_where_they_are_installed() -> None:
    """Where Tesseract or LibreOffice is missing, cog keeps the README's block as it is (not re-run): here it is."""
    missing = docs_cog.missing_programs(("tesseract", "soffice"))
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}; the README's OCR and .doc block is kept, not re-run")
    marker = re.search(r'<!-- \[\[\[cog .*focuscount_output\((".*?scanned-minutes\.pdf.*?)\) \]\]\] -->\n', README)
    assert marker is not None, "the README shows a scan and a .doc read"
    shown = README[marker.end() : README.index("<!-- [[[end]]] -->", marker.end())].rstrip("\n")
    command = re.match(r'"([^"]+)"', marker.group(1))
    assert command is not None
    generated = docs_cog.focuscount_output(
        command.group(1), lines=[(0, 3), ("tests/fixtures/legacy-minutes.doc", -2)], needs=("tesseract", "soffice")
    )
    assert generated == shown
    assert "(OCR)" in shown and "legacy-minutes.doc   paragraph" in shown
