"""The result cache: round trips, WAL, kill -9 mid-write, two runs at once, damaged files, unusable folders,
errors mid-run, and the exact numbers of info, prune and clear."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
import pytest
from cache_writer import make_counts, make_document

from focuscount import cache as cache_module
from focuscount.cache import FILE_NAME, CacheError, CacheInfo, ResultCache, default_cache_dir
from focuscount.errors import ConfigError
from focuscount.serial import encode_counts

WRITER = Path(__file__).with_name("cache_writer.py")
ASIDE = r"cache-v1\.sqlite3\.corrupt-\d{8}T\d{6}"
T0 = 1_717_200_000  # 2024-06-01 00:00:00 UTC
DAY = 86_400


class Warnings(list[str]):
    """Collects the warning lines the cache gives."""

    def __call__(self, line: str) -> None:
        self.append(line)


@pytest.fixture
def warnings() -> Warnings:
    return Warnings()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Set the cache's clock (seconds since the epoch)."""
    now = [float(T0)]
    monkeypatch.setattr(cache_module, "_now", lambda: now[0])

    def set_time(seconds: float) -> None:
        now[0] = seconds

    return set_time


@pytest.fixture
def cache(tmp_path: Path, warnings: Warnings) -> Iterator[ResultCache]:
    with ResultCache.open(tmp_path / "cache", on_warning=warnings) as opened:
        yield opened


def sql(path: Path, statement: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run one statement on the cache file from a connection of its own."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        return connection.execute(statement, parameters).fetchall()
    finally:
        connection.close()


def writer(folder: Path, first: int, last: int, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(first), str(last), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(WRITER.parent)},
    )


# --- opening -------------------------------------------------------------------------------------------


def test_open_makes_a_private_folder_and_file(tmp_path: Path, warnings: Warnings) -> None:
    folder = tmp_path / "deep" / "cache"
    with ResultCache.open(folder, on_warning=warnings) as cache:
        assert cache.path == folder / "cache-v1.sqlite3" and cache.enabled
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 & ~_umask()
    assert stat.S_IMODE((folder / FILE_NAME).stat().st_mode) == 0o600
    assert warnings == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_default_folder_is_the_platform_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == platformdirs.user_cache_path("focuscount") == tmp_path / "xdg" / "focuscount"
    with ResultCache.open() as cache:
        assert cache.path == tmp_path / "xdg" / "focuscount" / "cache-v1.sqlite3"


def test_the_file_is_in_wal_mode_with_its_tables(cache: ResultCache) -> None:
    assert sql(cache.path, "PRAGMA journal_mode") == [("wal",)]
    assert sql(cache.path, "PRAGMA application_id") == [(0x46434331,)]
    assert sql(cache.path, "PRAGMA user_version") == [(2,)]
    assert sql(cache.path, "PRAGMA auto_vacuum") == [(2,)]  # incremental
    assert sql(cache.path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") == [
        ("counts",),
        ("facts",),
        ("raw",),
    ]
    assert cache._connection is not None
    assert cache._connection.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL
    assert cache._connection.execute("PRAGMA busy_timeout").fetchone() == (10_000,)


def test_a_version_1_cache_gains_the_facts_table_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "cache-v1.sqlite3"
    with sqlite3.connect(path) as connection:  # what version 1 made: two tables
        connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        for table in ("raw", "counts"):
            connection.execute(
                f"CREATE TABLE {table} (key TEXT PRIMARY KEY NOT NULL, last_used INTEGER NOT NULL, value BLOB NOT NULL)"
            )
        connection.execute("PRAGMA application_id = 1178813233")
        connection.execute("PRAGMA user_version = 1")
    old = ResultCache.open(tmp_path)
    old.put_counts("k", make_counts(1))
    old.close()
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE facts")
        connection.execute("PRAGMA user_version = 1")
    warnings: list[str] = []
    with ResultCache.open(tmp_path, on_warning=warnings.append) as cache:
        assert cache.get_counts("k") == make_counts(1)
        cache.put_fact("f", {"name": "x", "has_word_list": True})
        assert cache.get_fact("f") == {"name": "x", "has_word_list": True}
    assert warnings == []
    assert sql(path, "PRAGMA user_version") == [(2,)]


def test_facts_round_trip_and_a_damaged_fact_is_a_miss(cache: ResultCache) -> None:
    assert cache.get_fact("pipeline") is None
    cache.put_fact("pipeline", {"name": "spacy.blank('en') + lookup lemmas", "has_word_list": True})
    assert cache.get_fact("pipeline") == {"name": "spacy.blank('en') + lookup lemmas", "has_word_list": True}
    assert cache._connection is not None
    for value in (zlib.compress(b"[1, 2]"), zlib.compress(b"not json"), b"not zlib"):
        cache._connection.execute("UPDATE facts SET value = ? WHERE key = 'pipeline'", (value,))
        assert cache.get_fact("pipeline") is None
        cache.put_fact("pipeline", {"name": "n", "has_word_list": False})


# --- round trips ------------------------------------------------------------------------------------------


def test_what_is_put_is_got_back_exactly(cache: ResultCache) -> None:
    assert cache.get_raw("a1") is None and cache.get_counts("a1") is None
    cache.put_raw("a1", make_document(1))
    cache.put_counts("c1", make_counts(1))
    cache.put("a2", make_document(2), "c2", make_counts(2))
    cache.put(None, None, "c3", make_counts(3))  # its reading came from the cache
    assert cache.get_raw("a1") == make_document(1) and cache.get_counts("c1") == make_counts(1)
    assert cache.get_raw("a2") == make_document(2) and cache.get_counts("c2") == make_counts(2)
    assert cache.get_counts("c3") == make_counts(3)
    assert cache.get_raw("c1") is None and cache.get_counts("a1") is None  # one table per kind
    cache.put_counts("c1", make_counts(7))  # replaced
    assert cache.get_counts("c1") == make_counts(7)
    assert (cache.info().raw_documents, cache.info().counts) == (2, 3)


def test_rows_outlive_the_process(tmp_path: Path, warnings: Warnings) -> None:
    with ResultCache.open(tmp_path, on_warning=warnings) as cache:
        cache.put("r", make_document(4), "c", make_counts(4, hits=2_000))
    with ResultCache.open(tmp_path, on_warning=warnings) as cache:
        assert cache.get_counts("c") == make_counts(4, hits=2_000) and cache.get_raw("r") == make_document(4)
    assert warnings == []
    assert not (tmp_path / f"{FILE_NAME}-wal").exists()  # the last connection checkpointed the log


def test_values_are_compressed_json_never_pickle(cache: ResultCache) -> None:
    cache.put_counts("c", make_counts(8))
    (value,) = sql(cache.path, "SELECT value FROM counts WHERE key = 'c'")[0]
    assert isinstance(value, bytes) and zlib.decompress(value) == encode_counts(make_counts(8))
    assert json.loads(zlib.decompress(value))[1] == "counts"


def test_put_stores_the_reading_and_the_counts_in_one_transaction(cache: ResultCache, warnings: Warnings) -> None:
    # A trigger refuses the counts: the reading, in the same transaction, must not stay either.
    sql(cache.path, "CREATE TRIGGER refuse BEFORE INSERT ON counts BEGIN SELECT RAISE(ABORT, 'refused'); END")
    cache.put("r", make_document(1), "c", make_counts(1))
    assert sql(cache.path, "SELECT count(*) FROM raw") == [(0,)]
    assert warnings == [f"{cache.path}: the cache failed while writing (refused); going on without it for this run"]
    assert not cache.enabled


def test_a_row_that_does_not_decode_is_a_miss_and_is_removed(cache: ResultCache, warnings: Warnings) -> None:
    for key in ("garbage", "not-zlib-json", "other-schema", "text"):
        cache.put_counts(key, make_counts(1))
    other_schema = zlib.compress(encode_counts(make_counts(1)).replace(b'["', b'["0000', 1))
    sql(cache.path, "UPDATE counts SET value = ? WHERE key = 'garbage'", (os.urandom(300),))
    sql(cache.path, "UPDATE counts SET value = ? WHERE key = 'not-zlib-json'", (zlib.compress(b"[1, 2"),))
    sql(cache.path, "UPDATE counts SET value = ? WHERE key = 'other-schema'", (other_schema,))
    sql(cache.path, "UPDATE counts SET value = 'text' WHERE key = 'text'")
    cache.put_raw("raw", make_document(1))
    sql(cache.path, "UPDATE raw SET value = ? WHERE key = 'raw'", (zlib.compress(encode_counts(make_counts(1))),))
    for key in ("garbage", "not-zlib-json", "other-schema", "text"):
        assert cache.get_counts(key) is None
    assert cache.get_raw("raw") is None  # counts where a reading should be
    assert sql(cache.path, "SELECT count(*) FROM counts") == [(0,)] and sql(cache.path, "SELECT count(*) FROM raw") == [
        (0,)
    ]
    assert warnings == [] and cache.enabled
    cache.put_counts("garbage", make_counts(2))
    assert cache.get_counts("garbage") == make_counts(2)


# --- kill -9 and two runs at once --------------------------------------------------------------------------


def test_a_writer_killed_mid_write_leaves_every_row_absent_or_exact(tmp_path: Path) -> None:
    hits = 3_000  # large rows: a kill lands inside a write more often than between two
    for attempt, delay in enumerate((0.1, 0.3, 0.6, 1.1)):
        first = attempt * 1_000
        process = writer(tmp_path, first, first + 1_000, "--hits", str(hits))
        assert process.stdout is not None
        assert process.stdout.readline().strip() == str(first)  # one row committed: the writer is busy writing
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        _, errors = process.communicate()
        assert process.returncode == -signal.SIGKILL and errors == ""
        assert (tmp_path / f"{FILE_NAME}-wal").stat().st_size > 0  # a log left behind for the next open to recover
        warnings = Warnings()
        with ResultCache.open(tmp_path, on_warning=warnings) as cache:
            found = 0
            for i in range(first, first + 1_000):
                counts, raw = cache.get_counts(f"counts-{i}"), cache.get_raw(f"raw-{i}")
                assert (counts is None) == (raw is None), i  # both in one transaction, or neither
                if counts is not None:
                    assert counts == make_counts(i, hits) and raw == make_document(i)
                    found += 1
            assert found >= 1 and warnings == []
        assert sql(tmp_path / FILE_NAME, "PRAGMA integrity_check") == [("ok",)]


def test_two_runs_share_a_cache_at_once(tmp_path: Path) -> None:
    # Overlapping ranges: both write rows 50-99, each reading back as it goes, while this process reads too.
    first, second = writer(tmp_path, 0, 100, "--read"), writer(tmp_path, 50, 150, "--read")
    seen = 0
    with ResultCache.open(tmp_path) as reader:
        while first.poll() is None or second.poll() is None:
            for i in range(0, 150, 7):
                counts = reader.get_counts(f"counts-{i}")
                assert counts is None or counts == make_counts(i)
                seen += counts is not None
    for process in (first, second):
        output, errors = process.communicate()
        assert (process.returncode, errors) == (0, "")
        assert len(output.split()) == 100
    with ResultCache.open(tmp_path) as cache:
        assert all(cache.get_counts(f"counts-{i}") == make_counts(i) for i in range(150))
        assert (cache.info().raw_documents, cache.info().counts) == (150, 150)
    assert seen > 0


# --- damaged files -------------------------------------------------------------------------------------------


def _garbage(path: Path) -> bytes:
    data = b"\x00PK\x03\x04 not a database" + os.urandom(5000)
    path.write_bytes(data)
    return data


def _truncated(path: Path) -> bytes:
    with ResultCache.open(path.parent) as cache:
        for i in range(30):
            cache.put(f"raw-{i}", make_document(i), f"counts-{i}", make_counts(i, hits=500))
    data = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(data)
    return data


def _other_schema(path: Path) -> bytes:
    sql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    sql(path, "INSERT INTO notes (body) VALUES ('Alderbrook Public Library: agenda items')")
    return path.read_bytes()


def _other_columns(path: Path) -> bytes:
    sql(path, f"PRAGMA application_id = {0x46434331}")
    sql(path, "PRAGMA user_version = 1")
    sql(path, "CREATE TABLE raw (key TEXT, value BLOB)")
    sql(path, "CREATE TABLE counts (key TEXT, value BLOB)")
    return path.read_bytes()


def _directory(path: Path) -> bytes:
    path.mkdir()
    (path / "minutes.txt").write_text("Present: Ruth Calloway (Chair)")
    return b""


def _fifo(path: Path) -> bytes:
    os.mkfifo(path)
    return b""


DAMAGE = {
    "garbage bytes": (_garbage, "not an SQLite database"),
    "a truncated database": (_truncated, "truncated: "),
    "another program's database": (_other_schema, "another program's database"),
    "a database of other tables": (_other_columns, "its tables are not a focuscount cache's"),
    "a directory": (_directory, "a directory, not a file"),
    "a named pipe": (_fifo, "a named pipe, not a file"),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_file_is_set_aside_with_one_warning_and_a_new_one_made(tmp_path: Path, damage: str) -> None:
    make, reason = DAMAGE[damage]
    path = tmp_path / FILE_NAME
    content = make(path)
    warnings = Warnings()
    with ResultCache.open(tmp_path, on_warning=warnings) as cache:
        assert cache.enabled
        cache.put("raw", make_document(1), "counts", make_counts(1))
        assert cache.get_counts("counts") == make_counts(1) and cache.get_raw("raw") == make_document(1)
        assert cache.info().counts == 1
    assert len(warnings) == 1
    pattern = (
        rf"{re.escape(str(path))}: the cache file was damaged \((.*)\); set it aside as ({ASIDE}) and started a new one"
    )
    found = re.fullmatch(pattern, warnings[0])
    assert found, warnings[0]
    assert found.group(1).startswith(reason)
    aside = tmp_path / found.group(2)
    if content:
        assert aside.read_bytes() == content  # kept as it was, for a look
    else:
        assert os.path.lexists(aside) and not aside.is_file()
    assert sorted(name for name in os.listdir(tmp_path) if not name.startswith(FILE_NAME + "-")) == sorted(
        [FILE_NAME, aside.name]
    )


def test_the_truncated_database_is_named_with_its_sizes(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    _truncated(path)
    warnings = Warnings()
    ResultCache.open(tmp_path, on_warning=warnings).close()
    size = len(path.with_name(re.search(ASIDE, warnings[0]).group(0)).read_bytes())  # type: ignore[union-attr]
    assert f"(truncated: {size} of {2 * size} bytes)" in warnings[0]


def test_damage_found_mid_run_is_set_aside_once_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    with ResultCache.open(tmp_path) as cache:
        for i in range(40):
            cache.put(f"raw-{i}", make_document(i), f"counts-{i}", make_counts(i, hits=500))
    data = bytearray(path.read_bytes())
    data[8192:-4096] = b"\xa5" * (len(data) - 8192 - 4096)  # the header and the first pages intact: it opens
    path.write_bytes(bytes(data))
    warnings = Warnings()
    with ResultCache.open(tmp_path, on_warning=warnings) as cache:
        assert warnings == []
        results = [cache.get_counts(f"counts-{i}") for i in range(40)]
        assert all(counts is None or counts == make_counts(i, hits=500) for i, counts in enumerate(results))
        assert len(warnings) == 1
        assert re.fullmatch(
            rf"{re.escape(str(path))}: the cache file was damaged \(database disk image is malformed\); set it aside as {ASIDE} and started a new one",
            warnings[0],
        )
        assert cache.enabled
        cache.put("raw-x", make_document(9), "counts-x", make_counts(9))
        assert cache.get_counts("counts-x") == make_counts(9)
    assert sql(path, "PRAGMA integrity_check") == [("ok",)]


# --- unusable folders and errors mid-run ----------------------------------------------------------------------


def _as_other_user(function: Callable[[], list[str]]) -> list[str]:
    """``function()`` run by a user that cannot write where root could (in a forked child, when this is root)."""
    if os.geteuid() != 0:
        return function()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        try:
            os.setgid(65534)
            os.setuid(65534)  # nobody
            os.write(writing, json.dumps(function()).encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        output = pipe.read()
    os.waitpid(child, 0)
    return json.loads(output)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the nobody user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="focuscount-cache-test-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _use_read_only(folder: Path) -> list[str]:
    warnings = Warnings()
    with ResultCache.open(folder, on_warning=warnings) as cache:
        cache.put("raw", make_document(1), "counts", make_counts(1))
        results = [str(cache.enabled), str(cache.get_counts("counts")), str(cache.get_counts("c0"))]
        try:
            cache.info()
        except CacheError as error:
            results.append(str(error))
    return warnings + results


def test_a_read_only_empty_folder_gives_a_cache_that_keeps_nothing_and_one_warning(shared_tmp: Path) -> None:
    folder = shared_tmp / "cache"
    folder.mkdir(mode=0o555)
    folder.chmod(0o555)
    problem = f"{folder}: cannot keep the cache here (Permission denied)"
    expected = [
        f"{problem}; going on without it: check the folder's permissions or choose another",
        "False",
        "None",
        "None",
        problem,
    ]
    assert _as_other_user(lambda: _use_read_only(folder)) == expected
    assert os.listdir(folder) == []


def test_a_read_only_folder_with_a_cache_in_it_keeps_nothing_and_warns_once(shared_tmp: Path) -> None:
    folder = shared_tmp / "cache"
    with ResultCache.open(folder) as cache:
        cache.put_counts("c0", make_counts(0))
    folder.chmod(0o555)
    (folder / FILE_NAME).chmod(0o444)
    lines = _as_other_user(lambda: _use_read_only(folder))
    assert len(lines) == 5 and lines[1:4] == ["False", "None", "None"]
    assert re.fullmatch(
        rf"{re.escape(str(folder))}: cannot keep the cache here \((unable to open database file|attempt to write a readonly database)\); going on without it: check the folder's permissions or choose another",
        lines[0],
    )


def test_a_file_where_the_folder_should_be_gives_a_cache_that_keeps_nothing(tmp_path: Path, warnings: Warnings) -> None:
    folder = tmp_path / "cache"
    folder.write_text("Alderbrook Public Library")
    with ResultCache.open(folder, on_warning=warnings) as cache:
        cache.put("r", make_document(1), "c", make_counts(1))
        assert cache.get_counts("c") is None and cache.get_raw("r") is None and not cache.enabled
        with pytest.raises(
            CacheError, match=rf"^{re.escape(str(folder))}: cannot make the cache folder \(File exists\)$"
        ):
            cache.prune()
    assert warnings == [
        f"{folder}: cannot make the cache folder (File exists); going on without it: check the path or choose another folder"
    ]
    assert folder.read_text() == "Alderbrook Public Library"


def test_a_full_disk_mid_run_warns_once_and_turns_the_cache_off(cache: ResultCache, warnings: Warnings) -> None:
    cache.put_counts("c0", make_counts(0))
    assert cache._connection is not None
    pages = cache._connection.execute("PRAGMA page_count").fetchone()[0]
    cache._connection.execute(f"PRAGMA max_page_count = {pages + 2}")  # as if the disk filled up
    for i in range(1, 6):
        cache.put(f"r{i}", make_document(i), f"c{i}", make_counts(i, hits=1_000))
    assert warnings == [
        f"{cache.path}: the cache failed while writing (database or disk is full); going on without it for this run"
    ]
    assert not cache.enabled and cache.get_counts("c0") is None  # off for the rest of the run
    assert sql(cache.path, "SELECT key FROM counts") == [("c0",)]


def test_a_lock_held_past_the_timeout_warns_once_and_turns_the_cache_off(
    tmp_path: Path, warnings: Warnings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT_MS", 200)
    with ResultCache.open(tmp_path, on_warning=warnings) as cache:
        other = sqlite3.connect(cache.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another run writing, and never finishing
        started = time.monotonic()
        cache.put_counts("c", make_counts(1))
        waited = time.monotonic() - started
        cache.put_counts("c", make_counts(1))
        other.execute("ROLLBACK")
        other.close()
    assert 0.15 < waited < 5
    assert warnings == [
        f"{cache.path}: the cache failed while writing (database is locked); going on without it for this run"
    ]


def test_a_forked_child_never_uses_the_parents_connection(cache: ResultCache) -> None:
    cache.put_counts("c", make_counts(1))
    child = os.fork()
    if child == 0:  # pragma: no cover - the child
        code = 0 if cache.get_counts("c") is None else 1
        cache.put_counts("child", make_counts(2))
        cache.close()
        os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert cache.get_counts("c") == make_counts(1) and cache.get_counts("child") is None


def test_a_closed_cache_keeps_nothing_and_close_twice_is_fine(tmp_path: Path) -> None:
    cache = ResultCache.open(tmp_path)
    cache.close()
    cache.close()
    cache.put_counts("c", make_counts(1))
    assert cache.get_counts("c") is None
    with pytest.raises(CacheError, match=rf"^{re.escape(str(tmp_path / FILE_NAME))}: the cache is closed$"):
        cache.clear()


# --- info, prune, clear ----------------------------------------------------------------------------------


def _fill(cache: ResultCache, clock: Callable[[float], None]) -> None:
    clock(T0)
    for i in range(3):
        cache.put(f"r{i}", make_document(i), f"c{i}", make_counts(i))  # 3 readings, 3 counts at T0
    clock(T0 + 30 * DAY)
    cache.put_counts("c3", make_counts(3))
    clock(T0 + 95 * DAY)
    cache.put_raw("r3", make_document(3))
    cache.put_counts("c4", make_counts(4))


def test_info_counts_rows_and_gives_first_and_last_use(cache: ResultCache, clock: Callable[[float], None]) -> None:
    empty = cache.info()
    assert empty == CacheInfo(cache.path, empty.size_bytes, 0, 0, None, None)
    _fill(cache, clock)
    info = cache.info()
    assert (info.raw_documents, info.counts) == (4, 5)
    assert info.oldest_use == dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
    assert info.newest_use == dt.datetime(2024, 9, 4, tzinfo=dt.UTC)
    assert info.size_bytes == cache.path.stat().st_size + cache.path.with_name(FILE_NAME + "-wal").stat().st_size


def test_prune_removes_rows_unused_for_the_age_given(cache: ResultCache, clock: Callable[[float], None]) -> None:
    _fill(cache, clock)
    clock(T0 + 100 * DAY)
    assert cache.prune(dt.timedelta(days=80)) == 6  # the 3 readings and 3 counts of T0
    assert (cache.info().raw_documents, cache.info().counts) == (1, 2)
    assert cache.prune() == 0  # 90 days: c3 is 70 days old
    clock(T0 + 121 * DAY)
    assert cache.prune() == 1
    assert cache.get_counts("c4") == make_counts(4) and cache.get_raw("r3") == make_document(3)
    assert cache.prune(dt.timedelta(0)) == 2
    assert cache.info() == CacheInfo(cache.path, cache.info().size_bytes, 0, 0, None, None)


def test_a_row_read_is_kept_from_prune(cache: ResultCache, clock: Callable[[float], None]) -> None:
    _fill(cache, clock)
    cache.close()
    clock(T0 + 89 * DAY)
    with ResultCache.open(cache.path.parent) as later:  # a later run reads two of the rows
        assert later.get_counts("c0") == make_counts(0) and later.get_raw("r1") == make_document(1)
    clock(T0 + 100 * DAY)
    cache = ResultCache.open(cache.path.parent)
    assert cache.prune() == 4  # r0, r2, c1, c2: c0 and r1 were read 11 days ago
    assert sorted(key for (key,) in sql(cache.path, "SELECT key FROM raw UNION ALL SELECT key FROM counts")) == [
        "c0", "c3", "c4", "r1", "r3",
    ]  # fmt: skip
    cache.close()


def test_a_read_writes_a_rows_last_use_once_a_run_and_not_within_a_day(
    cache: ResultCache, clock: Callable[[float], None]
) -> None:
    _fill(cache, clock)
    cache.close()
    cache = ResultCache.open(cache.path.parent)  # a new run: what the last one wrote counts as used then

    def last_used(key: str) -> int:
        cache.info()  # writes the last uses seen so far
        return sql(cache.path, "SELECT last_used FROM counts WHERE key = ?", (key,))[0][0]  # type: ignore[return-value]

    clock(T0 + 95 * DAY + 3_600)
    cache.get_counts("c4")
    assert last_used("c4") == T0 + 95 * DAY  # used an hour ago: not written again
    clock(T0 + 40 * DAY)
    cache.get_counts("c3")
    clock(T0 + 50 * DAY)
    cache.get_counts("c3")
    assert last_used("c3") == T0 + 40 * DAY  # once a run
    cache.close()
    with ResultCache.open(cache.path.parent) as again:
        again.get_counts("c3")
    assert sql(cache.path, "SELECT last_used FROM counts WHERE key = 'c3'") == [(T0 + 50 * DAY,)]  # next run, at close


def test_clear_removes_every_row_and_gives_the_space_back(cache: ResultCache, clock: Callable[[float], None]) -> None:
    _fill(cache, clock)
    for i in range(20):
        cache.put_counts(f"big-{i}", make_counts(i, hits=2_000))
    before = cache.info().size_bytes
    assert cache.clear() == 29
    after = cache.info()
    assert (after.raw_documents, after.counts, after.oldest_use) == (0, 0, None)
    assert after.size_bytes < before / 10
    assert cache.clear() == 0
    cache.put_counts("c", make_counts(1))
    assert cache.get_counts("c") == make_counts(1)


def test_prune_refuses_a_negative_age(cache: ResultCache) -> None:
    with pytest.raises(ConfigError, match=r"^`older_than` must not be negative$") as raised:
        cache.prune(dt.timedelta(days=-1))
    assert raised.value.parameters == ("older_than",)
