"""Baselines for ``no_regression``: a saved JSON report, or the same files at a git revision.

A git baseline is read with ``git show REV:path`` into a temporary folder (the
working tree and the checkout are never touched) and analysed with the same
lexicon, so the two ratios are comparable.
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


@dataclass(frozen=True)
class Baseline:
    """The ratios to compare with: overall and per document (keyed by path relative to ``root``)."""

    label: str  # "report.json", "origin/main"
    ratio: float | None
    documents: dict[str, float | None]
    root: Path  # document paths are keyed relative to this folder


def relative_key(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (``minutes/2024-03-12.md``), or as given."""
    try:
        return Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def load_report_baseline(path: Path, root: Path | None = None) -> Baseline:
    """A baseline from a report saved with ``focuscount analyze --format json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(path, "baseline report not found") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(path, f"baseline is not a readable JSON report ({error})") from error
    if not isinstance(data, dict) or data.get("schema") != "focuscount/analyze/v1":
        raise ConfigError(
            path, "baseline is not a focuscount report: save one with `focuscount analyze -f json -o FILE`"
        )
    try:
        ratio = data["summary"]["ratio"]
        documents = {relative_key(Path(item["path"]), root or Path.cwd()): item["ratio"] for item in data["documents"]}
    except (KeyError, TypeError) as error:
        raise ConfigError(path, f"baseline report lacks {error}: save it again with this version") from error
    return Baseline(path.name, ratio, documents, root or Path.cwd())


def git_files_at(revision: str, paths: Iterable[Path], into: Path) -> Path:
    """Write the files under ``paths`` as they were at ``revision`` below ``into``; return the repo root.

    Uses ``git ls-tree`` and ``git show`` only: the working tree, the index and
    HEAD stay as they are.
    """
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
        raise ConfigError(None, "--baseline-ref needs git, which is not installed") from error
    if result.returncode != 0:
        detail = failure or result.stderr.decode(errors="replace").strip().splitlines()[-1:]
        if isinstance(detail, list):
            detail = detail[0] if detail else f"git {arguments[0]} failed"
        raise ConfigError(None, f"--baseline-ref: {detail}")
    return result.stdout
