"""The files changed in a git working tree since a revision, for ``check --changed-since REV``.

"Changed" is what the working tree holds that REV does not: commits since REV,
staged changes and unstaged edits (``git diff --name-only REV``, which compares
the working tree with REV), plus new files git does not track yet and does not
ignore (``git ls-files --others --exclude-standard``), since a new set of minutes
is often checked before it is added.  Git runs with a list of arguments, never
through a shell, and reads only: the working tree, the index and HEAD stay as
they are.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from focuscount.errors import ConfigError
from focuscount.escape import display_path

PARAMETER = "changed_since"


def changed_files(revision: str, folder: Path | None = None) -> tuple[Path, ...]:
    """Absolute paths of the files changed since ``revision`` in the repository holding ``folder``.

    ``folder`` defaults to the working folder.  Deleted files are left out (there
    is nothing to read).  Raises :class:`ConfigError` naming ``changed_since`` when
    git is missing, ``folder`` is not in a git repository, or ``revision`` names no
    commit.
    """
    folder = folder or Path.cwd()
    if not revision.strip() or revision.startswith("-"):  # "-…" would reach git as an option
        raise ConfigError(None, f"`{PARAMETER}`: '{revision}' is not a git revision", parameters=(PARAMETER,))
    top = _git(["rev-parse", "--show-toplevel"], folder, f"{display_path(folder)} is not in a git repository")
    root = Path(top.decode("utf-8", "surrogateescape").strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root, f"unknown revision '{revision}'")
    names = _git(["diff", "--name-only", "--no-renames", "--no-ext-diff", "-z", revision, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], root)
    found = {
        root / name
        for name in (names + untracked).decode("utf-8", "surrogateescape").split("\0")
        if name and (root / name).exists()
    }
    return tuple(sorted(found))


def _git(arguments: list[str], folder: Path, failure: str | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise ConfigError(None, f"`{PARAMETER}` needs git, which is not installed", parameters=(PARAMETER,)) from error
    except NotADirectoryError as error:
        raise ConfigError(
            None, f"`{PARAMETER}`: {display_path(folder)} is not a folder", parameters=(PARAMETER,)
        ) from error
    if result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip().splitlines()
        detail = failure or (said[-1] if said else f"git {arguments[0]} failed")
        raise ConfigError(None, f"`{PARAMETER}`: {detail}", parameters=(PARAMETER,))
    return result.stdout
