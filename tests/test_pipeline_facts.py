"""focuscount.pipeline_facts: a run whose every file is cached never loads spaCy, and says the same of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import REPO

from focuscount.analysis import analyze
from focuscount.cache import ResultCache
from focuscount.cachekeys import pipeline_key
from focuscount.errors import LexiconError
from focuscount.lexicon import load_lexicon
from focuscount.options import DEFAULT_READ, Execution
from focuscount.pipeline_facts import PipelineFacts, pipeline_facts, ready_to_count
from focuscount.work import CountJob

# The last lines of a run in a fresh interpreter: did it import spaCy?
PROBE = textwrap.dedent(
    """
    import sys
    from focuscount.cli import main
    sys.argv[0] = "focuscount"
    try:
        main()
    except SystemExit as stop:
        code = stop.code
    print("SPACY-LOADED" if "spacy" in sys.modules else "SPACY-NOT-LOADED", code, file=sys.stderr)
    """
)


def run_fresh(*args: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FOCUSCOUNT_CACHE": "1"}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)], capture_output=True, text=True, env=environment, check=False
    )


@pytest.fixture
def minutes(tmp_path: Path) -> Path:
    folder = tmp_path / "minutes"
    folder.mkdir()
    for path in (REPO / "examples" / "minutes").glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "2025-02-11-board-minutes.md").write_text(
        "# Board of Trustees\n\nMinutes of the meeting held on 11 February 2025.\n\n"
        "Patrons asked for longer opening hours; the library budget was approved.\n",
        encoding="utf-8",
    )
    return folder


def test_a_warm_run_never_loads_spacy_and_prints_the_same(minutes: Path, tmp_path: Path) -> None:
    commands = [("analyze", minutes), ("analyze", minutes, "-f", "json"), ("check", minutes)]
    uncached = [run_fresh(*command, "--no-cache", "--jobs", "1") for command in commands]
    cache = tmp_path / "cache"
    cold = run_fresh("analyze", minutes, "--cache-dir", cache, "--jobs", "1")
    assert cold.stderr.splitlines()[-1] == "SPACY-LOADED 0"
    for command, expected in zip(commands, uncached, strict=True):
        warm = run_fresh(*command, "--cache-dir", cache, "--jobs", "1")
        assert warm.stderr.splitlines()[-1].split()[0] == "SPACY-NOT-LOADED", warm.stderr
        assert (warm.returncode, warm.stdout) == (expected.returncode, expected.stdout)
        assert warm.stderr.splitlines()[-1].split()[-1] == expected.stderr.splitlines()[-1].split()[-1]  # the status
    assert json.loads(uncached[1].stdout)["pipeline"] == "spacy.blank('en') + lookup lemmas"


def test_one_new_file_loads_spacy_to_count_it(minutes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert run_fresh("analyze", minutes, "--cache-dir", cache, "--jobs", "1").returncode == 0
    (minutes / "2025-03-11-board-minutes.txt").write_text("Users and patrons first; the library second.\n")
    again = run_fresh("analyze", minutes, "--cache-dir", cache, "--jobs", "1")
    assert again.stderr.splitlines()[-1] == "SPACY-LOADED 0"
    assert "2025-03-11-board-minutes.txt" in again.stdout


def test_the_facts_come_from_the_cache_once_known(tmp_path: Path) -> None:
    with ResultCache.open(tmp_path) as cache:
        first = pipeline_facts("en", None, cache)
        assert first == PipelineFacts("spacy.blank('en') + lookup lemmas", True)
        assert cache.get_fact(pipeline_key("en", None)) == {"name": first.name, "has_word_list": True}
        cache.put_fact(pipeline_key("en", None), {"name": "as kept", "has_word_list": False})
        assert pipeline_facts("en", None, cache) == PipelineFacts("as kept", False)
        cache.put_fact(pipeline_key("en", None), {"name": 3})  # not what a run keeps: the pipeline says
        assert pipeline_facts("en", None, cache) == first


def test_an_unknown_language_fails_before_any_file_and_is_never_kept(tmp_path: Path) -> None:
    source = tmp_path / "qq.toml"
    source.write_text(
        'language = "qq"\n[ratio]\nfocus = "a"\nversus = "b"\n[categories.a]\nterms = ["x"]\n[categories.b]\nterms = ["y"]\n',
        encoding="utf-8",
    )
    lexicon = load_lexicon(source)
    with ResultCache.open(tmp_path / "cache") as cache:
        for _ in range(2):
            with pytest.raises(LexiconError, match="unknown language 'qq'"):
                ready_to_count(CountJob(lexicon, DEFAULT_READ, 8), cache)
        assert cache.info().facts == 0


def test_numbers_only_entries_keep_only_what_dating_reads(minutes: Path, tmp_path: Path) -> None:
    lexicon = load_lexicon()
    with ResultCache.open(tmp_path / "cache") as cache:
        execution = Execution(cache=cache)
        cold = analyze([minutes], lexicon, execution=execution, evidence=False)
        warm = analyze([minutes], lexicon, execution=execution, evidence=False)
        assert cache._connection is not None
        rows = cache._connection.execute("SELECT value FROM counts").fetchall()
    assert warm == cold
    dated = {c.document.path.name: c.document.date for c in warm.documents}
    assert str(dated["2025-02-11-board-minutes.md"]) == "2025-02-11"
    sizes = sorted(len(value) for (value,) in rows)
    assert len(sizes) == 2 * len(dated)  # with hits, and numbers alone
    assert sizes[0] * 3 < sizes[-1]  # the numbers alone are far smaller than the counts with their text and hits
