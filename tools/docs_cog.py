"""What the cog blocks of README.md and docs/*.md call to print real focuscount output.

    make docs          (or, from the repository root: .venv/bin/python -m cogapp -r README.md docs/*.md)

Each block looks like this, and cog replaces everything between ``]]] -->`` and
``<!-- [[[end]]] -->`` with what the code prints::

    <!-- [[[cog from tools.docs_cog import focuscount_output; focuscount_output("lexicons")]]] -->
    ...generated...
    <!-- [[[end]]] -->

Commands run in this process through click's ``CliRunner`` (no subprocess, no
terminal): from the repository root, with every ``FOCUSCOUNT_*`` variable cleared,
``NO_COLOR=1`` and a terminal width of 100 columns, so the output is the same on
every machine. The one thing that would differ between machines, the folder
focuscount is installed in (``focuscount lexicons`` prints it), is replaced by
``/path/to/site-packages/focuscount``; that replacement does not re-align a table, so
do not show a table with installed paths in it (``lexicon list``), whose column widths would
still differ. Commands that write a file (``-o audit.csv``)
write it into a temporary folder, so generating the docs never leaves files behind,
and the temporary path is shown as the name written in the command.

A block whose command needs a program that may be missing (``needs=("tesseract",)`` for
OCR, ``("soffice",)`` for a .doc) is re-run where the program is installed; where it is
not, the block keeps the output it has (cog's ``previous``), so that the rest of the
docs can still be checked there.  ``tests/test_docs.py`` says which blocks that skipped.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from click.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
WIDTH = 100  # columns of the pretend terminal: --help text wraps here

# A cut is a slice of the output's lines: (start, stop) as in Python (negative counts from the end,
# None for "to the end"), or a string: the first line (at or after the cut's start) that starts with it.
LineBound = int | str | None
Cut = tuple[LineBound, LineBound]


def run_focuscount(
    command: str | Sequence[str], cwd: Path = REPO, writes: Iterable[str] = (), terminal: int | None = None
) -> tuple[str, int]:
    """``(output, exit status)`` of ``focuscount COMMAND``: standard output and error as a terminal shows them.

    ``writes`` names the files the command writes (as they appear in it, e.g. ``"audit.csv"``): each is
    redirected into a temporary folder and its name put back in the output.  With ``terminal``, standard
    output is taken for a terminal of that many columns (tables are fitted to it; colour stays off).
    """
    # Imported here so that importing this module (for its constants, or in tests) stays cheap.
    import focuscount.terminal
    from focuscount.cli import cli

    arguments = shlex.split(command) if isinstance(command, str) else list(command)
    environment: dict[str, str | None] = {name: None for name in os.environ if name.startswith("FOCUSCOUNT_")}
    environment.update({"NO_COLOR": "1", "COLUMNS": str(terminal or WIDTH), "LINES": "50"})
    previous = Path.cwd()
    really_a_terminal = focuscount.terminal.is_terminal
    with tempfile.TemporaryDirectory(prefix="focuscount-docs-") as scratch:
        replaced = {name: str(Path(scratch) / Path(name).name) for name in writes}
        arguments = [replaced.get(argument, argument) for argument in arguments]
        os.chdir(cwd)
        if terminal is not None:
            focuscount.terminal.is_terminal = lambda stream: stream is sys.stdout or really_a_terminal(stream)
        try:
            result = CliRunner(env=environment).invoke(cli, arguments, terminal_width=WIDTH, prog_name="focuscount")
        finally:
            focuscount.terminal.is_terminal = really_a_terminal
            os.chdir(previous)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # A crash would otherwise be pasted into the docs as if it were the output.
        raise RuntimeError(f"focuscount {shlex.join(arguments)} crashed: {result.exception!r}") from result.exception
    output = result.output
    for name, path in replaced.items():
        output = output.replace(path, name)
    return normalise(output), result.exit_code


def normalise(output: str) -> str:
    """``output`` with the folders focuscount and its lexicons are installed in shown as ``/path/to/site-packages``.

    They are the only part of the shown output that depends on the machine (and on an editable install,
    where the lexicons stay in the checkout's ``lexicons/``).
    """
    import focuscount
    from focuscount.lexicon import lexicon_dirs

    shown = "/path/to/site-packages/focuscount"
    # The longest first, so a lexicon folder inside the package is not half replaced.
    folders = {str(folder.resolve()): f"{shown}/lexicons" for folder in lexicon_dirs()}
    folders[str(Path(focuscount.__file__).resolve().parent)] = shown
    for folder in sorted(folders, key=len, reverse=True):
        output = output.replace(folder, folders[folder])
    return output


def _index(lines: list[str], bound: LineBound, start: int, default: int) -> int:
    """The line index a cut's bound stands for (a Python slice bound, clamped); a string is searched from ``start``."""
    if bound is None:
        return default
    if isinstance(bound, int):
        return slice(bound, None).indices(len(lines))[0]
    for index in range(start, len(lines)):
        if lines[index].startswith(bound):
            return index
    raise ValueError(f"no line starting with {bound!r} in the output (after line {start + 1})")


def excerpt(output: str, lines: Cut | Sequence[Cut] | None) -> str:
    """The lines of ``output`` that ``lines`` selects, each cut marked by a line ``...``."""
    if lines is None:
        return output
    every = output.splitlines()
    single = len(lines) == 2 and not isinstance(lines[0], tuple)
    cuts: list[Cut] = [lines] if single else list(lines)  # type: ignore[list-item]
    shown: list[str] = []
    position = 0
    for start_bound, stop_bound in cuts:
        start = _index(every, start_bound, position, 0)
        stop = _index(every, stop_bound, start + 1, len(every))
        if start > position:
            shown.append("...")
        shown.extend(every[start:stop])
        position = stop
    if position < len(every):
        shown.append("...")
    return "\n".join(shown) + "\n"


def text_block(command_line: str, body: str) -> str:
    """A Markdown ```text block: the command line, then its output."""
    body = body if not body or body.endswith("\n") else body + "\n"
    return f"```text\n{command_line}\n{body}```"


def missing_programs(needs: Iterable[str]) -> list[str]:
    """The programs of ``needs`` that are not installed (``soffice`` is looked for where LibreOffice installs it)."""
    from focuscount.readers.legacy import find_office

    def installed(name: str) -> bool:
        return find_office() is not None if name == "soffice" else shutil.which(name) is not None

    return [name for name in needs if not installed(name)]


def focuscount_output(
    command: str,
    lines: Cut | Sequence[Cut] | None = None,
    cwd: Path = REPO,
    writes: Iterable[str] = (),
    status: int | None = None,
    needs: Sequence[str] = (),
    terminal: int | None = None,
) -> str:
    """Print (for cog) a ```text block of ``$ focuscount COMMAND`` and its real output, or an excerpt of it.

    ``lines`` picks the lines to show: ``(start, stop)`` or several of them, each a line index (negative
    from the end) or the text a line starts with; a cut is shown as ``...``. ``status``, when given, is
    the exit status the command must end with (so a doc cannot silently show a failure as a success).
    ``needs`` names programs the command needs: where one is missing, the block keeps what it shows.
    ``terminal`` shows the output as a terminal of that many columns gets it (``$ COLUMNS=88 focuscount …``).
    """
    if missing_programs(needs):
        import cog

        cog.out(cog.previous)
        return cog.previous
    output, code = run_focuscount(command, cwd=cwd, writes=writes, terminal=terminal)
    expected = status if status is not None else (code if code in (0, 1) else 0)
    if code != expected:
        raise RuntimeError(f"focuscount {command} exited {code}, not {expected}:\n{output}")
    shown = f"$ focuscount {command}" if terminal is None else f"$ COLUMNS={terminal} focuscount {command}"
    block = text_block(shown, excerpt(output, lines))
    _print(block)
    return block


def focuscount_help(command: str = "", lines: Cut | Sequence[Cut] | None = None) -> str:
    """Print (for cog) a ```text block of ``$ focuscount COMMAND --help`` (``""`` for the top level)."""
    arguments = [*command.split(), "--help"]
    output, code = run_focuscount(arguments)
    if code != 0:
        raise RuntimeError(f"focuscount {' '.join(arguments)} exited {code}:\n{output}")
    block = text_block(f"$ focuscount {' '.join(arguments)}", excerpt(output, lines))
    _print(block)
    return block


def _print(block: str) -> None:
    """Hand a block to cog when a cog block is running, else to standard output (to try a helper by hand)."""
    try:
        import cog  # the module cog provides to the code of a block

        cog.outl(block)
    except (ImportError, AttributeError):
        sys.stdout.write(block + "\n")


if __name__ == "__main__":
    # Try a command by hand: .venv/bin/python tools/docs_cog.py 'analyze examples/ --by quarter'
    focuscount_output(" ".join(sys.argv[1:]))


DRAFT_MINUTES = """Minutes of the Board of Trustees meeting held on Tuesday 20 January 2026
Alderbrook Public Library, Board Room, Main Library, 7:00 pm

Present: the Chair, the Vice-Chair, the Treasurer and four trustees.

1. Approval of the minutes
The minutes of the meeting held on 18 November 2025 were approved.

2. Finance and governance
The Treasurer presented the budget for 2026-27. The board reviewed the
staffing structure, the administration budget and the policy on procurement.
Internal procedures for purchasing were revised, and the governance review
was noted. The library's resources budget and the building maintenance plan
were approved. The board agreed the committee structure and the policy on
delegated authority, and asked the Director to report on staff training.

3. Any other business
One patron letter about the car park was noted.
"""


def changed_since_example() -> Path:
    """A git repository of the example corpus and its settings, with one new draft not yet committed.

    For ``check --changed-since HEAD``: the draft is the only document the per-document
    rules judge. The folder is removed when the process ends.
    """
    import atexit
    import subprocess

    folder = Path(tempfile.mkdtemp(prefix="focuscount-docs-git-"))
    atexit.register(shutil.rmtree, folder, True)
    for part in ("minutes", "talks"):
        shutil.copytree(REPO / "examples" / part, folder / part)
    settings = (REPO / "examples" / "ci" / "focuscount.toml").read_text(encoding="utf-8")
    (folder / "focuscount.toml").write_text(settings.replace('"../minutes", "../talks"', '"minutes", "talks"'), "utf-8")
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Board Secretary", "GIT_AUTHOR_EMAIL": "secretary@example.org",
        "GIT_COMMITTER_NAME": "Board Secretary", "GIT_COMMITTER_EMAIL": "secretary@example.org",
    }  # fmt: skip
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Minutes to November 2025"]):
        subprocess.run(["git", *command], cwd=folder, env=environment, check=True, capture_output=True)
    (folder / "minutes" / "2026-01-20-board-minutes.txt").write_text(DRAFT_MINUTES, encoding="utf-8")
    return folder
