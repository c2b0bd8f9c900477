"""Baselines for ``no_regression``: a saved JSON report, or the same files at a git revision.

A git baseline is read with ``git show REV:path`` into a temporary folder (the
working tree and the checkout are never touched) and analysed with the current
lexicon and reading options, so the two ratios are comparable by construction.
A saved report records the hash of the lexicon it was made with; every field the
comparison uses is checked before it is trusted (a hand-edited or foreign JSON
file is an error naming the field, never a crash or a silent pass).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from focuscount.errors import ConfigError
from focuscount.escape import display_path
from focuscount.safeio import read_input_json

SAVE_AGAIN = "save the baseline again with `focuscount analyze -f json -o FILE`"


@dataclass(frozen=True)
class Baseline:
    """The ratios to compare with: overall and per document (keyed by path relative to ``root``)."""

    label: str  # "report.json", "origin/main"
    ratio: float | None
    documents: dict[str, float | None]
    root: Path  # document paths are keyed relative to this folder
    lexicon_name: str | None = None  # a saved report's lexicon; None for a git baseline (the current one)
    lexicon_hash: str | None = None


def relative_key(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (``minutes/2024-03-12.md``), or as given.

    The key is spelled as saved reports spell paths (undecodable bytes as ``\\xNN``,
    controls as escapes), so a Latin-1 file name finds its baseline entry.
    """
    try:
        key = Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        key = path.as_posix()
    return display_path(key)


def load_report_baseline(path: Path, root: Path | None = None) -> Baseline:
    """A baseline from a report saved with ``focuscount analyze --format json``.

    Raises :class:`ConfigError` naming the file, and the field, when the file is not
    a regular file, not JSON, not a focuscount report, or holds a value of the
    wrong type (a ratio must be a number from 0 to 1, or null).
    """
    data = read_input_json(path, "baseline report", "baseline is not a readable JSON report")
    if not isinstance(data, dict) or data.get("schema") != "focuscount/analyze/v1":
        raise ConfigError(
            path, "baseline is not a focuscount report: save one with `focuscount analyze -f json -o FILE`"
        )
    fields = _Fields(path)
    lexicon = fields.table(data, "lexicon")
    lexicon_name = fields.string(lexicon, "lexicon.name")
    lexicon_hash = fields.string(lexicon, "lexicon.hash")
    ratio = fields.ratio(fields.table(data, "summary"), "summary.ratio")
    items = data.get("documents")
    if not isinstance(items, list):
        raise fields.wrong("documents", "a list of documents", items)
    documents: dict[str, float | None] = {}
    for index, item in enumerate(items):
        name = f"documents[{index}]"
        if not isinstance(item, dict):
            raise fields.wrong(name, "an object with 'path' and 'ratio'", item)
        document = fields.string(item, f"{name}.path")
        documents[relative_key(Path(document), root or Path.cwd())] = fields.ratio(item, f"{name}.ratio")
    return Baseline(path.name, ratio, documents, root or Path.cwd(), lexicon_name, lexicon_hash)


@dataclass(frozen=True)
class _Fields:
    """Typed access to a report's fields; each error names the field by its JSON path."""

    path: Path

    def wrong(self, name: str, wanted: str, value: object) -> ConfigError:
        if value is _MISSING:
            return ConfigError(self.path, f"baseline field '{name}' is missing; {SAVE_AGAIN}")
        return ConfigError(self.path, f"baseline field '{name}' must be {wanted}, not {_shown(value)}; {SAVE_AGAIN}")

    def table(self, data: dict, name: str) -> dict:
        value = data.get(name, _MISSING)
        if not isinstance(value, dict):
            raise self.wrong(name, "an object", value)
        return value

    def string(self, data: dict, name: str) -> str:
        value = data.get(name.rsplit(".", 1)[-1], _MISSING)
        if not isinstance(value, str) or not value or "\0" in value:
            raise self.wrong(name, "a non-empty string", value)
        return value

    def ratio(self, data: dict, name: str) -> float | None:
        value = data.get(name.rsplit(".", 1)[-1], _MISSING)
        if value is None:
            return None
        # NaN compares false with every threshold, so a NaN baseline would pass any regression
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.wrong(name, "a ratio from 0 to 1, or null", value)
        return float(value)


_MISSING = object()


def _shown(value: object) -> str:
    """A value as JSON would spell it, short: ``"high"``, ``NaN``, ``an object``."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def git_files_at(revision: str, paths: Iterable[Path], into: Path) -> Path:
    """Write the files under ``paths`` as they were at ``revision`` below ``into``; return the repo root.

    Uses ``git ls-tree`` and ``git show`` only: the working tree, the index and
    HEAD stay as they are.
    """
    if not revision.strip() or revision.startswith("-"):  # "-…" would reach git as an option
        raise ConfigError(None, f"`baseline_ref`: '{revision}' is not a git revision", parameters=("baseline_ref",))
    paths = list(paths)
    start = paths[0] if paths else Path.cwd()
    folder = start if start.is_dir() else start.parent
    root = Path(_git(["rev-parse", "--show-toplevel"], folder or Path.cwd()).decode().strip())
    _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], root, f"unknown revision '{revision}'")
    specs = [relative_key(path, root) for path in paths] or ["."]
    listing = _git(["ls-tree", "-r", "-z", "--name-only", revision, "--", *specs], root).decode()
    for name in filter(None, listing.split("\0")):
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(["show", f"{revision}:{name}"], root))
    return root


def git_baseline(
    revision: str,
    paths: Iterable[Path],
    ratios: Callable[[list[Path]], tuple[float | None, dict[Path, float | None]]],
) -> Baseline:
    """A baseline from the same files at ``revision``; ``ratios`` analyses a list of paths.

    ``ratios`` returns the overall ratio and each document's ratio by path; it is
    given the copies' paths, so the analysis (lexicon, dates) is the caller's.
    """
    paths = list(paths)
    with tempfile.TemporaryDirectory(prefix="focuscount-baseline-") as temporary:
        copy = Path(temporary)
        root = git_files_at(revision, paths, copy)
        copies = [copy / relative_key(path, root) for path in paths] or [copy]
        existing = [path for path in copies if path.exists()]
        if not existing:
            return Baseline(revision, None, {}, root)
        overall, per_document = ratios(existing)
        documents = {relative_key(path, copy): ratio for path, ratio in per_document.items()}
    return Baseline(revision, overall, documents, root)


def _git(arguments: list[str], folder: Path, failure: str | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise ConfigError(
            None, "`baseline_ref` needs git, which is not installed", parameters=("baseline_ref",)
        ) from error
    if result.returncode != 0:
        detail = failure or result.stderr.decode(errors="replace").strip().splitlines()[-1:]
        if isinstance(detail, list):
            detail = detail[0] if detail else f"git {arguments[0]} failed"
        raise ConfigError(None, f"`baseline_ref`: {detail}", parameters=("baseline_ref",))
    return result.stdout
