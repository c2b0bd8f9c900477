"""The cache as a run uses it: warm runs give the same bytes, a lexicon change re-counts without parsing, a
renamed file keeps its counts under its new name and date, and `focuscount cache` shows, prunes and clears."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

import focuscount.readers.text as text_reader
from focuscount.cache import FILE_NAME
from focuscount.cli import cli

EXAMPLES = REPO / "examples"


def run(*args: str | Path, cache_dir: Path | None = None) -> tuple[int, str, str]:
    env = {"FOCUSCOUNT_CACHE": "1"}
    extra = ["--cache-dir", str(cache_dir)] if cache_dir is not None else []
    arguments = [str(arg) for arg in args]
    if arguments and arguments[0] in {"analyze", "explain", "terms", "check", "chart", "report"}:
        arguments = [arguments[0], *extra, *arguments[1:]]
    result = CliRunner(env=env).invoke(cli, arguments)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    shutil.copytree(EXAMPLES / "minutes", folder)
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ("analyze", "-f", "json"),
        ("analyze", "-f", "json", "--language", "auto"),
        ("explain",),
        ("terms", "--unmatched", "--names"),
    ],
    ids=["analyze", "language-auto", "explain", "terms"],
)
def test_a_warm_run_prints_the_same_bytes(minutes: Path, tmp_path: Path, command: tuple[str, ...]) -> None:
    cache = tmp_path / "cache"
    cold = run(command[0], minutes, *command[1:], cache_dir=cache)
    assert cold[0] == 0
    assert (cache / FILE_NAME).is_file()
    warm = run(command[0], minutes, *command[1:], cache_dir=cache)
    uncached = run(command[0], minutes, *command[1:], "--no-cache")
    assert warm == cold == uncached


def test_a_warm_run_reads_no_file(minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    cold = run("analyze", minutes, "-f", "json", cache_dir=cache)

    def unreadable(path: Path, limits: object) -> object:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(text_reader, "read", unreadable)
    assert run("analyze", minutes, "-f", "json", cache_dir=cache) == cold


def test_a_lexicon_change_counts_again_from_the_cached_reading(
    minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(
        '[ratio]\nfocus = "customer"\nversus = "institution"\n'
        '[categories.customer]\nterms = ["patron", "resident"]\n[categories.institution]\nterms = ["staff"]\n',
        encoding="utf-8",
    )
    run("analyze", minutes, cache_dir=cache)  # readings cached, counted with the default lexicon
    expected = run("analyze", minutes, "-l", lexicon, "-f", "json", "--no-cache")

    def unreadable(path: Path, limits: object) -> object:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(text_reader, "read", unreadable)
    assert run("analyze", minutes, "-l", lexicon, "-f", "json", cache_dir=cache) == expected


def test_a_renamed_file_keeps_its_counts_under_its_new_name_and_date(minutes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run("analyze", minutes, cache_dir=cache)
    (minutes / "2024-01-16-board-minutes.txt").rename(minutes / "2024-02-20-board-minutes.txt")
    warm = run("analyze", minutes, "-f", "json", cache_dir=cache)
    assert warm == run("analyze", minutes, "-f", "json", "--no-cache")
    assert '"path": "' + str(minutes / "2024-02-20-board-minutes.txt") in warm[1]
    assert '"date": "2024-02-20"' in warm[1]


def test_no_cache_writes_nothing(minutes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    code, _, _ = run("analyze", minutes, "--no-cache", cache_dir=cache)
    assert code == 0
    assert not cache.exists()


def test_a_damaged_cache_is_set_aside_and_the_run_goes_on(minutes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / FILE_NAME).write_bytes(b"this is not a database" * 100)
    code, out, err = run("analyze", minutes, "-f", "json", cache_dir=cache)
    assert code == 0
    assert (code, out) == run("analyze", minutes, "-f", "json", "--no-cache")[:2]
    (warning,) = [line for line in err.splitlines() if "cache" in line]
    assert warning.startswith(f"focuscount: warning: {cache / FILE_NAME}: the cache file was damaged (")
    assert "set it aside as cache-v1.sqlite3.corrupt-" in warning
    assert len(list(cache.glob(FILE_NAME + ".corrupt-*"))) == 1


def test_cache_info_prune_and_clear(minutes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run("analyze", minutes, cache_dir=cache)
    code, out, _ = run("cache", "info", "--cache-dir", cache)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"cache: {cache / FILE_NAME}"
    # Each file's counts with their hits, and the numbers alone; and what the pipeline is called (one).
    assert lines[2] == "readings: 12 files; counts: 24 entries; pipelines: 1"
    assert run("cache", "prune", "--cache-dir", cache)[2] == "focuscount: removed 0 entries not used for 90 days\n"
    assert run("cache", "clear", "--cache-dir", cache)[2] == "focuscount: removed 37 entries\n"
    assert run("cache", "info", "--cache-dir", cache)[1].splitlines()[2] == "readings: 0 files; counts: 0 entries; pipelines: 0"


def test_the_cache_folder_comes_from_the_settings(
    minutes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "focuscount.toml").write_text('cache_dir = "my-cache"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("analyze", "minutes")[0] == 0
    assert (tmp_path / "my-cache" / FILE_NAME).is_file()
    assert run("cache", "info")[1].splitlines()[0] == f"cache: {Path('my-cache') / FILE_NAME}"


def test_counts_pruned_by_another_run_meanwhile_are_counted_again(minutes: Path, tmp_path: Path) -> None:
    from focuscount.analysis import analyze
    from focuscount.cache import ResultCache
    from focuscount.options import Execution

    with ResultCache.open(tmp_path / "cache") as cache:
        expected = analyze([minutes], execution=Execution(cache=cache))
        # Found when the file is met, gone when its turn comes (a `cache prune` in another terminal):
        cache.get_counts = lambda key: None  # type: ignore[method-assign]
        again = analyze([minutes], execution=Execution(cache=cache))
    assert again == expected
