"""The result cache: each file's reading and counts in one SQLite file, so a re-run reads only what changed.

Three tables, ``raw`` (a reader's output, a :class:`~focuscount.model.Document` before the
reading stage), ``counts`` (a :class:`~focuscount.model.DocumentCounts`) and ``facts``
(small JSON objects, such as what a language pipeline is called, so a run that finds
every file cached need not load spaCy to say so), each row ``key → value`` with the
time it was last used.  Keys are made by the caller
(:mod:`focuscount.cachekeys`); the cache does not interpret them.  Values are
zlib-compressed JSON (:mod:`focuscount.serial`), never pickle: reading a cache file
must never be able to run code.

Durability, because the cache is on by default and a user's run must never fail, or
give a wrong number, because of it:

- WAL mode and one transaction per document: a process killed mid-write leaves every
  row either absent or whole, and two runs can share a cache (``busy_timeout`` waits
  for the other's write).
- :meth:`ResultCache.open` never raises.  A damaged file (not a database, truncated,
  another program's database, a directory in its place) is renamed aside
  (``cache-v1.sqlite3.corrupt-YYYYmmddTHHMMSS``) with one warning and a new one made; a
  folder that cannot be used (read-only, a file) gives one warning and a cache that
  keeps nothing (every lookup misses).
- A row that does not decode is a miss, and is deleted.  An SQLite error in the middle
  of a run (disk full, locked past the timeout) gives one warning and turns the cache
  off for the rest of the run; damage found then is set aside as at opening.

Only the cache commands (:meth:`~ResultCache.info`, :meth:`~ResultCache.prune`,
:meth:`~ResultCache.clear`) raise, a :class:`CacheError`, since the user asked for the
cache itself.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import stat
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from focuscount.errors import ConfigError, FocusCountError
from focuscount.escape import display_path
from focuscount.model import Document, DocumentCounts
from focuscount.safeio import not_a_file
from focuscount.serial import SerialError, decode_counts, decode_document, encode_counts, encode_document

log = logging.getLogger(__name__)

DEFAULT_MAX_AGE_DAYS = 90
FILE_NAME = "cache-v1.sqlite3"
APPLICATION_ID = 0x46434331  # "FCC1" in the database header: this file is a focuscount cache
SCHEMA_VERSION = 2  # 2 added the facts table; a version 1 file gains it when opened
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another run's
COMPRESSION_LEVEL = 6  # zlib's default: a third smaller than level 1 for the same time, on minutes
# A row's last use is written again only when it is older than this: a warm re-run then writes nothing.
TOUCH_AFTER_SECONDS = 24 * 3600
_TOUCH_BATCH = 256  # touched rows written in one transaction
_TABLES = ("raw", "counts", "facts")
_SQLITE_HEADER = b"SQLite format 3\x00"
# Result codes that mean the file is damaged, not merely unusable for now.
_DAMAGED = {11: "SQLITE_CORRUPT", 26: "SQLITE_NOTADB"}

Warn = Callable[[str], None]
Value = TypeVar("Value", Document, DocumentCounts, dict[str, object])


class CacheError(FocusCountError):
    """The cache commands (info, prune, clear) cannot use the cache folder."""


@dataclass(frozen=True)
class CacheInfo:
    """What the cache holds: its file, its size on disk, its rows, and when they were first and last used."""

    path: Path
    size_bytes: int  # the database file and its write-ahead log
    raw_documents: int  # cached readings
    counts: int  # cached counts
    oldest_use: dt.datetime | None  # UTC; None when the cache is empty
    newest_use: dt.datetime | None
    facts: int = 0  # what is known of the language pipelines used (see focuscount.pipeline_facts)


def default_cache_dir() -> Path:
    """The platform's cache folder for focuscount (``~/.cache/focuscount`` on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("focuscount")


def _now() -> float:
    """The time now, in seconds since the epoch (a function so tests can move the clock)."""
    return time.time()


class _Damaged(Exception):
    """The cache file is damaged: set it aside and make a new one."""


class _Unusable(Exception):
    """The cache cannot be used here (permissions, a file where the folder should be …)."""


class ResultCache:
    """Cached readings and counts, keyed by strings the caller makes; see the module docstring.

    Made by :meth:`open`.  Use it from the process that opened it (a forked child's
    calls are no-ops); a lock makes it safe to share between threads.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection | None, warn: Warn | None, problem: str) -> None:
        self.path = path
        self._connection = connection
        self._warn = warn
        # Why the cache keeps nothing (the reason a cache command gives), "" while it works.
        self._problem = problem
        self._pid = os.getpid()
        self._lock = threading.RLock()
        self._touched: set[tuple[str, str]] = set()  # rows whose last use this run has seen (at most one write each)
        self._pending: list[tuple[str, int, str]] = []  # (table, time, key) not yet written
        self._rebuilt = False

    @classmethod
    def open(cls, folder: Path | None = None, *, on_warning: Warn | None = None) -> ResultCache:
        """The cache in ``folder`` (default :func:`default_cache_dir`), made (mode 0o700) when missing.

        Never raises: see the module docstring for what a damaged file or an unusable
        folder gives; ``on_warning`` receives the one line that says so.
        """
        folder = default_cache_dir() if folder is None else Path(folder)
        path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            connection = _connect_or_set_aside(path, on_warning)
        except _Unusable as error:
            problem = f"{display_path(folder)}: cannot keep the cache here ({error})"
            if on_warning is not None:
                on_warning(f"{problem}; going on without it: check the folder's permissions or choose another")
            return cls(path, None, on_warning, problem)
        except OSError as error:
            problem = f"{display_path(folder)}: cannot make the cache folder ({error.strerror or error})"
            if on_warning is not None:
                on_warning(f"{problem}; going on without it: check the path or choose another folder")
            return cls(path, None, on_warning, problem)
        return cls(path, connection, on_warning, "")

    @property
    def enabled(self) -> bool:
        """True while the cache keeps and gives results (False after a warning turned it off)."""
        return self._connection is not None

    # --- lookups and stores, for a run: they never raise -------------------------------------------

    def get_raw(self, key: str) -> Document | None:
        """The cached reading under ``key``, or None."""
        return self._get("raw", key, decode_document)

    def has_counts(self, key: str) -> bool:
        """True when counts are stored under ``key`` (not decoded: a caller may read them later, or not at all)."""
        with self._lock:
            connection = self._usable()
            if connection is None:
                return False
            try:
                return connection.execute("SELECT 1 FROM counts WHERE key = ?", (key,)).fetchone() is not None
            except sqlite3.Error as error:
                self._failed(f"reading counts row {key}", error)
                return False

    def get_counts(self, key: str) -> DocumentCounts | None:
        """The cached counts under ``key``, or None."""
        return self._get("counts", key, decode_counts)

    def get_fact(self, key: str) -> dict[str, object] | None:
        """The fact (a JSON object) kept under ``key``, or None."""
        return self._get("facts", key, _decode_fact)

    def put_fact(self, key: str, fact: dict[str, object]) -> None:
        """Keep ``fact`` (a JSON object of plain values) under ``key``."""
        self._put([("facts", key, _pack(json.dumps(fact, sort_keys=True).encode("utf-8")))])

    def put_raw(self, key: str, document: Document) -> None:
        """Keep ``document`` (a reader's output) under ``key``."""
        self._put([("raw", key, _pack(encode_document(document)))])

    def put_counts(self, key: str, counts: DocumentCounts) -> None:
        """Keep ``counts`` under ``key``."""
        self._put([("counts", key, _pack(encode_counts(counts)))])

    def put_packed(self, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Keep rows already packed by :func:`pack_document` / :func:`pack_counts` (table, key, value), in one
        transaction: a worker process packs a file's entries, so the main process only writes them."""
        self._put([(table, key, value) for table, key, value in rows if table in _TABLES])

    def put(
        self,
        raw_key: str | None,
        raw: Document | None,
        counts_key: str,
        counts: DocumentCounts,
        also: Sequence[tuple[str, DocumentCounts]] = (),
    ) -> None:
        """Keep a file's reading (when given: None when it came from the cache) and its counts, in one transaction.

        ``also`` are more counts of the same file to keep in that transaction (the same counts without their
        hits, for a run that needs only the numbers).
        """
        rows = [("counts", counts_key, _pack(encode_counts(counts)))]
        rows += [("counts", key, _pack(encode_counts(more))) for key, more in also]
        if raw_key is not None and raw is not None:
            rows.insert(0, ("raw", raw_key, _pack(encode_document(raw))))
        self._put(rows)

    # --- the cache commands: they raise CacheError ---------------------------------------------------

    def info(self) -> CacheInfo:
        """The cache's file, size and rows."""
        with self._command("read the cache") as connection:
            self._flush(connection)
            raw = connection.execute("SELECT count(*) FROM raw").fetchone()[0]
            counts = connection.execute("SELECT count(*) FROM counts").fetchone()[0]
            facts = connection.execute("SELECT count(*) FROM facts").fetchone()[0]
            oldest, newest = connection.execute(
                "SELECT min(last_used), max(last_used) FROM (SELECT last_used FROM raw UNION ALL "
                "SELECT last_used FROM counts UNION ALL SELECT last_used FROM facts)"
            ).fetchone()
        return CacheInfo(self.path, _size_on_disk(self.path), raw, counts, _utc(oldest), _utc(newest), facts)

    def prune(self, older_than: dt.timedelta = dt.timedelta(days=DEFAULT_MAX_AGE_DAYS)) -> int:
        """Remove the rows not used for ``older_than``; the number of rows removed."""
        if older_than < dt.timedelta(0):
            raise ConfigError(None, "`older_than` must not be negative", parameters=("older_than",))
        cutoff = _now() - older_than.total_seconds()
        return self._remove("WHERE last_used < ?", (cutoff,))

    def clear(self) -> int:
        """Remove every row; the number removed."""
        return self._remove("", ())

    def close(self) -> None:
        """Write the last uses seen and close the file (the cache keeps nothing more after)."""
        with self._lock:
            connection, self._connection = self._connection, None
            if connection is None or os.getpid() != self._pid:
                return
            try:
                self._flush(connection)
            except sqlite3.Error as error:
                log.debug("%s: last uses not written at close: %s", self.path, error)
            finally:
                connection.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    # --- inside -------------------------------------------------------------------------------------

    def _get(self, table: str, key: str, decode: Callable[[bytes], Value]) -> Value | None:
        with self._lock:
            connection = self._usable()
            if connection is None:
                return None
            try:
                row = connection.execute(f"SELECT last_used, value FROM {table} WHERE key = ?", (key,)).fetchone()
                if row is None:
                    return None
                last_used, value = row
                try:
                    found = decode(zlib.decompress(value))
                except (zlib.error, SerialError, TypeError) as error:
                    # Only that value is removed: another run may have replaced it with a good one meanwhile.
                    log.debug("%s: %s row %s does not decode (%s): removed", self.path, table, key, error)
                    connection.execute(f"DELETE FROM {table} WHERE key = ? AND value = ?", (key, value))
                    return None
                self._touch(connection, table, key, last_used)
                return found
            except sqlite3.Error as error:
                self._failed(f"reading {table} row {key}", error)
                return None

    def _put(self, rows: list[tuple[str, str, bytes]]) -> None:
        with self._lock:
            connection = self._usable()
            if connection is None:
                return
            now = int(_now())
            try:
                with _transaction(connection):
                    for table, key, value in rows:
                        connection.execute(
                            f"INSERT OR REPLACE INTO {table} (key, last_used, value) VALUES (?, ?, ?)",
                            (key, now, value),
                        )
            except sqlite3.Error as error:
                self._failed("writing", error)
            else:
                self._touched.update((table, key) for table, key, _ in rows)

    def _touch(self, connection: sqlite3.Connection, table: str, key: str, last_used: object) -> None:
        """Note that a row was used, written in batches, at most once per row per run (and once a day)."""
        now = int(_now())
        if (table, key) in self._touched or (isinstance(last_used, int) and last_used >= now - TOUCH_AFTER_SECONDS):
            return
        self._touched.add((table, key))
        self._pending.append((table, now, key))
        if len(self._pending) >= _TOUCH_BATCH:
            self._flush(connection)

    def _flush(self, connection: sqlite3.Connection) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        with _transaction(connection):
            for table in _TABLES:
                connection.executemany(
                    f"UPDATE {table} SET last_used = max(last_used, ?) WHERE key = ?",
                    [(when, key) for name, when, key in pending if name == table],
                )

    def _remove(self, where: str, parameters: tuple[float, ...]) -> int:
        with self._command("change the cache") as connection:
            self._flush(connection)
            with _transaction(connection):
                removed = sum(
                    connection.execute(f"DELETE FROM {table} {where}", parameters).rowcount for table in _TABLES
                )
            # Give the freed pages back to the file system (auto_vacuum is incremental), and empty the log.
            # executescript: it steps the pragma to its end (execute() frees one page per step taken).
            connection.executescript("PRAGMA incremental_vacuum;")
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return removed

    @contextmanager
    def _command(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._usable()
            if connection is None:
                raise CacheError(self._problem or f"{display_path(self.path)}: the cache is closed")
            try:
                yield connection
            except sqlite3.Error as error:
                raise CacheError(
                    f"{display_path(self.path)}: cannot {action} ({error}); try again, or remove the file"
                ) from error

    def _usable(self) -> sqlite3.Connection | None:
        # A forked child must not use its parent's connection (SQLite forbids it: it would damage the file).
        return self._connection if os.getpid() == self._pid else None

    def _failed(self, action: str, error: sqlite3.Error) -> None:
        """An SQLite error mid-run: damage is set aside once; anything else turns the cache off, with one warning."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
        self._pending = []
        code = getattr(error, "sqlite_errorcode", 0) & 0xFF
        if code in _DAMAGED and not self._rebuilt:
            self._rebuilt = True
            try:
                self._connection = _connect_or_set_aside(self.path, self._warn, damage=str(error))
                return
            except (_Unusable, OSError) as failure:
                error = sqlite3.OperationalError(str(failure))
        self._problem = f"{display_path(self.path)}: the cache failed while {action} ({error})"
        if self._warn is not None:
            self._warn(f"{self._problem}; going on without it for this run")


def pack_document(document: Document) -> bytes:
    """``document`` as the cache keeps it in its ``raw`` table (compressed JSON)."""
    return _pack(encode_document(document))


def pack_counts(counts: DocumentCounts) -> bytes:
    """``counts`` as the cache keeps them in its ``counts`` table (compressed JSON)."""
    return _pack(encode_counts(counts))


def _decode_fact(data: bytes) -> dict[str, object]:
    try:
        fact = json.loads(data)
    except ValueError as error:
        raise SerialError(f"not JSON ({error})") from error
    if not isinstance(fact, dict):
        raise SerialError("a fact that is not a JSON object")
    return fact


def _pack(data: bytes) -> bytes:
    return zlib.compress(data, COMPRESSION_LEVEL)


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock at once (waiting up to busy_timeout): a deferred transaction that reads
    # first could fail to upgrade, without waiting, when another run writes.
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _connect_or_set_aside(path: Path, warn: Warn | None, damage: str | None = None) -> sqlite3.Connection:
    """A connection to the cache at ``path``; a damaged file is renamed aside, with a warning, and a new one made."""
    if damage is None:
        try:
            return _connect(path)
        except _Damaged as error:
            damage = str(error)
    aside = _set_aside(path)
    if warn is not None:
        warn(
            f"{display_path(path)}: the cache file was damaged ({damage}); set it aside as {display_path(aside.name)}"
            " and started a new one"
        )
    try:
        return _connect(path)
    except _Damaged as error:  # damaged again at once: something keeps writing there
        raise _Unusable(str(error)) from error


def _connect(path: Path) -> sqlite3.Connection:
    """Open (or make) the cache at ``path``; raises _Damaged or _Unusable."""
    _check_file(path)
    try:
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise _classify(error) from error
    try:
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        application, version = (
            connection.execute("PRAGMA application_id").fetchone()[0],
            connection.execute("PRAGMA user_version").fetchone()[0],
        )
        if (application, version) == (0, 0):
            if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise _Damaged("another program's database")
            _create(connection)
        elif application == APPLICATION_ID and version == 1:
            _check_tables(connection, _TABLES[:2])  # a damaged one is set aside as it was, not upgraded
            _upgrade_from_1(connection)
        elif (application, version) != (APPLICATION_ID, SCHEMA_VERSION):
            raise _Damaged("another program's database, or another version's")
        else:
            _check_tables(connection)
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            raise _Unusable("its file system cannot hold a write-ahead log")
        connection.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at every checkpoint, never torn
        connection.execute("PRAGMA journal_size_limit = 33554432")
        # Can it write?  A read-only cache would fail at the first store: say so now, once.
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        connection.close()
        raise _classify(error) from error
    except BaseException:
        connection.close()
        raise
    return connection


def _check_file(path: Path) -> None:
    """Catch, before SQLite opens it, what is not a database file or is a truncated one; make a new one private."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _Damaged("a broken link") from None
        try:
            # Made here so it is private from the start: it holds the text of every document read.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600))
        except FileExistsError:
            pass  # another run made it meanwhile
        except OSError as error:
            raise _Unusable(error.strerror or str(error)) from error
        return
    except OSError as error:
        raise _Unusable(error.strerror or str(error)) from error
    if not stat.S_ISREG(mode):
        raise _Damaged(not_a_file(mode))
    try:
        with open(path, "rb") as file:
            header = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except OSError as error:
        raise _Unusable(error.strerror or str(error)) from error
    if size == 0:
        return  # a new, empty database
    if len(header) < 100 or not header.startswith(_SQLITE_HEADER):
        raise _Damaged("not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    # With an empty log the file itself must hold every page its header counts (with frames in the log,
    # or a checkpoint cut short, SQLite's recovery from the log decides).
    log_size = _size(path.with_name(path.name + "-wal"))
    if counter_valid and log_size == 0 and size < pages * page_size:
        raise _Damaged(f"truncated: {size} of {pages * page_size} bytes")


def _create(connection: sqlite3.Connection) -> None:
    # Incremental auto-vacuum must be chosen before the first table: prune and clear then shrink the file.
    connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
    with _transaction(connection):
        if connection.execute("PRAGMA user_version").fetchone()[0] != 0:
            return  # another run made it between our look and our lock
        for table in _TABLES:
            _create_table(connection, table)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _upgrade_from_1(connection: sqlite3.Connection) -> None:
    """A version 1 cache (raw and counts, both still good) gains the facts table."""
    with _transaction(connection):
        if connection.execute("PRAGMA user_version").fetchone()[0] != 1:
            return  # another run upgraded it between our look and our lock
        _create_table(connection, "facts")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _create_table(connection: sqlite3.Connection, table: str) -> None:
    # last_used before value: reading it (prune, info) then never reads the value's overflow pages.
    connection.execute(
        f"CREATE TABLE {table} (key TEXT PRIMARY KEY NOT NULL, last_used INTEGER NOT NULL, value BLOB NOT NULL)"
    )


def _check_tables(connection: sqlite3.Connection, tables: Sequence[str] = _TABLES) -> None:
    columns = {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")] for table in tables}
    if any(names != ["key", "last_used", "value"] for names in columns.values()):
        raise _Damaged("its tables are not a focuscount cache's")


def _classify(error: sqlite3.Error) -> Exception:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return _Damaged(str(error)) if code in _DAMAGED else _Unusable(str(error))


def _set_aside(path: Path) -> Path:
    """Rename the damaged file (and its log and shared memory, which must not meet a new file) aside."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while os.path.lexists(aside):
        number += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")
    try:
        os.rename(path, aside)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if os.path.lexists(companion):
                os.rename(companion, aside.with_name(aside.name + suffix))
    except FileNotFoundError:
        pass  # another run set it aside first
    except OSError as error:
        raise _Unusable(f"the damaged cache file cannot be set aside: {error.strerror or error}") from error
    return aside


def _size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _size_on_disk(path: Path) -> int:
    return _size(path) + _size(path.with_name(path.name + "-wal"))


def _utc(seconds: int | None) -> dt.datetime | None:
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, dt.UTC)
