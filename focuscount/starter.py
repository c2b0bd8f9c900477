"""The starter focuscount.toml that ``focuscount init`` writes."""

from __future__ import annotations

from pathlib import Path

from focuscount.errors import ConfigError

STARTER = """\
# focuscount settings. Command-line options win over FOCUSCOUNT_* environment
# variables, which win over this file. The same keys also work under
# [tool.focuscount] in pyproject.toml.

# Files and folders to read when no PATHS are given (relative to this file).
paths = ["docs"]

# Globs of files to leave out, relative to each folder searched.
exclude = ["**/drafts/*", "*.tmp.md"]

# A shipped lexicon name (`focuscount lexicons`) or a path to your own TOML file.
lexicon = "library"

# How dated documents are grouped: meeting, month, quarter or year.
by = "meeting"

# A CSV of path,date rows for documents whose date is not in their name or text.
# dates = "dates.csv"

[check]
# Each rule takes a number, or a table with its thresholds and a severity:
# "error" fails the check (exit 1), "warning" is reported only.

# The ratio customer / (customer + institution) must reach this, over all
# documents and for each document.
min_ratio = { overall = 0.5, per_document = 0.4, severity = "error" }

# Institution-oriented hits per 1,000 words must not pass this.
max_institution_rate = { per_document = 60, severity = "warning" }

# A document shorter than this is too short to judge: a finding, not a pass.
min_words = { per_document = 200, severity = "warning" }

# Fail when the ratio drops by more than the tolerance against a baseline:
# a report saved with `focuscount analyze -f json -o baseline.json`, or the
# same files at a git revision (read with git show).
# no_regression = { tolerance = 0.02, baseline_ref = "origin/main", severity = "error" }
"""


def write_starter(path: Path) -> None:
    """Write :data:`STARTER` to ``path``; an existing file is never overwritten."""
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(STARTER)
    except FileExistsError as error:
        raise ConfigError(path, "already exists; focuscount init never overwrites it") from error
    except OSError as error:
        raise ConfigError(path, f"cannot write ({error.strerror or error})") from error
