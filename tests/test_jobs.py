"""--jobs: the same bytes for any number of workers; a file whose worker fails is skipped with the reason;
a short run never pays for starting a pool."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import REPO

import focuscount.executors as executors
from focuscount import analysis
from focuscount.analysis import analyze
from focuscount.cli import cli
from focuscount.options import Execution

FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, every fixture format, and files that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(REPO / "examples" / "minutes", folder / "minutes")
    shutil.copytree(REPO / "examples" / "talks", folder / "talks")
    for name in ("deck.pptx", "deck.odp", "full.docx", "full.odt", "meeting.vtt", "multipage.pdf", "scanned.pdf"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "2024-12-01-empty.txt").write_bytes(b"")
    (folder / "2024-12-02-broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    return folder


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "command",
    [("analyze", "-f", "json", "--by-speaker", "--by-section"), ("analyze",), ("explain", "--ignored"), ("terms",)],
    ids=["analyze-json", "analyze-table", "explain", "terms"],
)
def test_the_output_is_the_same_for_any_number_of_workers(
    corpus: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = run(command[0], corpus, "--jobs", "1", *command[1:])
    monkeypatch.setattr(executors, "ADAPT_AFTER_SECONDS", 0.0)  # every file through the pool
    pooled = run(command[0], corpus, "--jobs", "2", *command[1:])
    assert serial[0] == 0
    assert pooled == serial
    assert "skipped: empty file (0 bytes)" in serial[2]


def test_a_short_run_starts_no_pool(corpus: Path) -> None:
    built: list[executors.Executor] = []
    real = executors.make_executor

    def spy(*args: Any, **kwargs: Any) -> executors.Executor:
        built.append(real(*args, **kwargs))
        return built[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(executors, "make_executor", spy)
        result = analyze([corpus / "minutes" / "2024-01-16-board-minutes.txt"], execution=Execution(jobs=2))
    assert len(result.documents) == 1
    (adaptive,) = built
    assert isinstance(adaptive, executors.Adaptive)
    assert adaptive.pool._pool is None  # never started


class _FailingSecond:
    """An executor whose second file's worker 'crashed': the run must skip that file alone, in its place."""

    def run(
        self, init: Callable[[Any], None], state: Any, work: Callable[[Any], Any], items: Iterable[Any],
        on_failure: Callable[[Any, str], Any],
    ) -> Iterator[Any]:  # fmt: skip
        init(state)
        for index, item in enumerate(items):
            yield on_failure(item, executors.crash_reason(-11)) if index == 1 else work(item)

    def close(self) -> None:
        pass


def test_a_file_whose_worker_crashed_is_skipped_in_its_place(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(executors, "make_executor", lambda *args, **kwargs: _FailingSecond())
    items = list(analysis.iter_document_counts([corpus / "minutes"], analysis.load_lexicon("library")))
    names = [item.path.name if hasattr(item, "reason") else item.document.path.name for item in items]
    assert names == sorted(path.name for path in (corpus / "minutes").iterdir())
    skipped = items[1]
    assert skipped.reason == "the worker reading it crashed (signal 11, SIGSEGV)"  # type: ignore[union-attr]
    assert all(hasattr(item, "document") for index, item in enumerate(items) if index != 1)
