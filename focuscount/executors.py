"""Run one function over many items: in this process, in a pool of worker processes, or on a Dask cluster.

Generic: it knows nothing of documents.  Every executor yields the results in the
order of the items, pulls the items lazily and keeps at most ``window`` of them in
flight (so memory stays flat whatever the number of items), and runs
``init(state)`` once in each worker process before its first item (so an expensive
set-up, such as loading spaCy, happens once per worker, not once per item).

A worker that crashes or runs past the time limit on one item fails that item only:
``on_failure(item, reason)`` gives its result, and the pool goes on.  An ordinary
exception raised by ``work`` is not a failure but a bug: it is raised again here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Protocol, Self, TypeVar

from focuscount.errors import ConfigError

if TYPE_CHECKING:  # both are imported only when used: `focuscount --help` pays for neither
    import distributed
    import pebble

    from focuscount.options import ExecutorKind

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

Init = Callable[[S], None]
Work = Callable[[T], R]
OnFailure = Callable[[T, str], R]

# Items in flight per worker by default.  One is busy, the others wait in the pool's
# queue so a worker never idles between items, and leave room for a slow item at the
# head of the order (results behind it wait for it); see the module's docs for figures.
WINDOW_PER_WORKER = 4


class Executor(Protocol):
    """Runs ``work`` over ``items`` and yields the results in the order of the items."""

    def run(
        self, init: Callable[[S], None], state: S, work: Callable[[T], R], items: Iterable[T],
        on_failure: Callable[[T, str], R],
    ) -> Generator[R, None, None]:  # fmt: skip
        """Yield ``work(item)`` for each item, in order; ``on_failure(item, reason)`` for an item that failed."""
        ...

    def close(self) -> None:
        """Stop the workers (if any): no process is left behind."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None: ...


class _Closing:
    """``with executor: …`` closes it, whatever happens inside."""

    def close(self) -> None:
        """Nothing to stop."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def default_jobs() -> int:
    """The number of CPUs this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def make_executor(
    kind: ExecutorKind, jobs: int, timeout: float | None, scheduler: str | None = None, *,
    window: int | None = None, preload: Sequence[str] = (),
) -> Executor:  # fmt: skip
    """The executor for ``kind``: ``local`` with ``jobs`` 1 runs in this process, ``local`` with more a process pool.

    ``dask`` needs ``scheduler``, the address of a running Dask scheduler (``tcp://host:8786``).
    ``timeout`` is the time limit per item in seconds (None: none; not enforced in this process).
    ``window`` is the number of items in flight (default: 4 per worker); ``preload`` names
    modules the pool's worker server imports once, so a worker started later (after a crash)
    does not import them again.
    """
    if jobs < 1:
        raise ConfigError(None, f"`jobs` must be at least 1, not {jobs}", parameters=("jobs",))
    if timeout is not None and not timeout > 0:
        raise ConfigError(
            None, f"`timeout` must be a positive number of seconds, not {timeout}", parameters=("timeout",)
        )
    if window is not None and window < 1:
        raise ConfigError(None, f"`window` must be at least 1, not {window}", parameters=("window",))
    if kind == "dask":
        if not scheduler:
            raise ConfigError(
                None, "the dask executor needs `scheduler`, the address of a running Dask scheduler (tcp://host:8786)",
                parameters=("scheduler",),
            )  # fmt: skip
        return Dask(scheduler, timeout, window=window)
    if kind != "local":
        raise ConfigError(None, f"`kind` must be 'local' or 'dask', not {kind!r}", parameters=("kind",))
    if scheduler is not None:
        raise ConfigError(None, "`scheduler` is only for the dask executor", parameters=("scheduler",))
    if jobs == 1:
        return InProcess()
    return Adaptive(jobs, timeout, window=window, preload=preload)


def timeout_reason(timeout: float) -> str:
    """The reason given for an item that ran past the time limit."""
    return f"took longer than {timeout:g} s to read (the time limit per file)"


def crash_reason(exit_code: int | None) -> str:
    """The reason given for an item whose worker process died (exit code, or minus the signal number)."""
    if exit_code is None:
        return "the worker reading it stopped unexpectedly"
    if exit_code < 0:
        try:
            name = signal.Signals(-exit_code).name
        except ValueError:
            name = "unknown signal"
        if -exit_code == signal.SIGKILL:
            # The kernel's out-of-memory killer sends SIGKILL; say so, it is the usual cause.
            cause = "often the system running out of memory"
            return f"the worker reading it was killed (signal {-exit_code}, {name}; {cause})"
        return f"the worker reading it crashed (signal {-exit_code}, {name})"
    return f"the worker reading it exited unexpectedly (exit code {exit_code})"


MEMORY_REASON = "the worker reading it ran out of memory"


class InProcess(_Closing):
    """Runs everything in this process (``--jobs 1``): no pool, no pickling, no time limit."""

    def __init__(self) -> None:
        self._ready: tuple[object, object] | None = None  # (init, state) last initialised

    def run(
        self, init: Callable[[S], None], state: S, work: Callable[[T], R], items: Iterable[T],
        on_failure: Callable[[T, str], R],
    ) -> Generator[R, None, None]:  # fmt: skip
        """Yield ``work(item)`` for each item, in order; ``init(state)`` runs once (again only for a new pair).

        ``init`` runs before the first item, not before the run: a run with no item to work on never pays for it.
        """
        for item in items:
            if self._ready is None or self._ready[0] is not init or self._ready[1] is not state:
                init(state)
                self._ready = (init, state)
            try:
                result = work(item)
            except MemoryError:
                # The same outcome as in a pool: that item fails, the run goes on.
                result = on_failure(item, MEMORY_REASON)
            yield result


# A pool of workers takes about 2 s to start (each loads spaCy), so a run that this process finishes sooner
# never starts one: it goes on in this process until it has spent this long, then hands the rest to the pool.
ADAPT_AFTER_SECONDS = 2.0


class Adaptive(_Closing):
    """``--jobs N`` with N > 1: the first files in this process, the rest in a pool once the run proves long.

    The files counted here come first and the pool's next, each in order, so the results
    are those of any other executor, in the same order.  The time limit per item applies
    to the pool's items only (this process cannot stop its own work).
    """

    def __init__(
        self, jobs: int, timeout: float | None, *, window: int | None = None, preload: Sequence[str] = (),
        after: float | None = None,
    ) -> None:  # fmt: skip
        self.local = InProcess()
        self.pool = ProcessPool(jobs, timeout, window=window, preload=preload)
        self.after = ADAPT_AFTER_SECONDS if after is None else after

    def run(
        self, init: Callable[[S], None], state: S, work: Callable[[T], R], items: Iterable[T],
        on_failure: Callable[[T, str], R],
    ) -> Generator[R, None, None]:  # fmt: skip
        """Yield ``work(item)`` for each item, in order: here until ``after`` seconds have passed, then in the pool."""
        source = iter(items)
        deadline = time.monotonic() + self.after
        left = _Until(source, deadline)
        yield from self.local.run(init, state, work, left, on_failure)
        if left.exhausted:
            return
        yield from self.pool.run(init, state, work, source, on_failure)

    def close(self) -> None:
        self.pool.close()


class _Until(Generic[T]):
    """The items of ``source`` until ``deadline`` (checked after each one is used); the rest stay in ``source``."""

    def __init__(self, source: Iterator[T], deadline: float) -> None:
        self.source = source
        self.deadline = deadline
        self.exhausted = False

    def __iter__(self) -> Iterator[T]:
        for item in self.source:
            yield item
            if time.monotonic() >= self.deadline:
                return
        self.exhausted = True


# In a worker process: the exception init(state) raised, raised again on each item so the
# main process sees the bug (a failing initializer would otherwise make pebble start workers forever).
_init_error: BaseException | None = None


def _initialise(init: Callable[[Any], None], state: Any) -> None:
    global _init_error
    try:
        init(state)
    except Exception as error:  # noqa: BLE001 - kept, and raised in the main process with the first item
        _init_error = error


def _work_in_worker(work: Callable[[Any], Any], item: Any) -> Any:
    if _init_error is not None:
        raise _init_error
    return work(item)


def start_method() -> str:
    """The multiprocessing start method of the pool: forkserver where the system has it, else spawn.

    Not fork: pebble's pool runs three threads in the main process and forks replacement
    workers from one of them, and forking a process with threads can leave a lock held
    forever in the child (Python 3.12 warns about it, 3.14 no longer forks by default).
    The fork server is a small single-threaded process that forks the workers; each
    worker then imports what it needs and runs ``init``: measured on 2 cores with spaCy,
    1.7 s to the first results (fork: 0.5 s), and 1.8 s to replace a crashed worker
    (0.7 s with ``preload=("spacy", "focuscount.nlp")``).
    """
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ProcessPool(_Closing):
    """A pool of ``jobs`` worker processes (pebble), with a time limit per item and crash isolation.

    The pool is started by the first :meth:`run` and kept for the next run with the same
    ``init`` and ``state``; :meth:`close` stops it.  If a run ends early (an exception,
    Ctrl-C, the caller stopping), the workers are stopped at once.
    """

    def __init__(
        self, jobs: int, timeout: float | None, *, window: int | None = None, preload: Sequence[str] = ()
    ) -> None:
        if jobs < 1:
            raise ConfigError(None, f"`jobs` must be at least 1, not {jobs}", parameters=("jobs",))
        self.jobs = jobs
        self.timeout = timeout
        self.window = window if window is not None else WINDOW_PER_WORKER * jobs
        self.preload = tuple(preload)
        self._pool: pebble.ProcessPool | None = None
        self._pool_for: tuple[object, object] | None = None
        self._in_flight: set[Future[Any]] = set()  # of every run not yet finished

    def run(
        self, init: Callable[[S], None], state: S, work: Callable[[T], R], items: Iterable[T],
        on_failure: Callable[[T, str], R],
    ) -> Generator[R, None, None]:  # fmt: skip
        """Yield ``work(item)`` for each item, in order, with at most ``window`` items in flight."""
        pool = self._start(init, state)
        pending: deque[tuple[T, Future[Any]]] = deque()
        source = iter(items)
        finished = False
        try:
            self._fill(pool, work, source, pending)
            while pending:
                item, future = pending.popleft()
                result = self._outcome(item, future, on_failure)
                self._in_flight.discard(future)
                # Refill before handing the result over: the workers keep busy while the caller uses it.
                self._fill(pool, work, source, pending)
                yield result
            finished = True
        finally:
            if not finished:
                # An exception, Ctrl-C (KeyboardInterrupt, or the CLI's Interrupted) or an early stop:
                # the items in flight are not wanted, and no worker may outlive the run.
                self._stop()

    def _start(self, init: Callable[[S], None], state: S) -> pebble.ProcessPool:
        if self._pool is not None and self._pool_for is not None:
            if self._pool_for[0] is init and self._pool_for[1] is state and self._pool.active:
                return self._pool
            self.close()
        import pebble

        context = multiprocessing.get_context(start_method())
        if self.preload and context.get_start_method() == "forkserver":
            # Heeded only before the fork server starts (it is one per program).
            context.set_forkserver_preload(list(self.preload))
        self._pool = pebble.ProcessPool(
            max_workers=self.jobs, initializer=_initialise, initargs=(init, state), context=context
        )
        self._pool_for = (init, state)
        return self._pool

    def _fill(
        self, pool: pebble.ProcessPool, work: Callable[[T], Any], source: Iterator[T],
        pending: deque[tuple[T, Future[Any]]],
    ) -> None:  # fmt: skip
        while len(pending) < self.window:
            item = next(source, _END)
            if item is _END:
                return
            future = pool.schedule(_work_in_worker, args=(work, item), timeout=self.timeout)
            self._in_flight.add(future)
            pending.append((item, future))

    def _outcome(self, item: T, future: Future[Any], on_failure: Callable[[T, str], R]) -> R:
        import pebble

        try:
            return future.result()
        except pebble.ProcessExpired as error:
            return on_failure(item, crash_reason(error.exitcode))
        except TimeoutError as error:
            # pebble's own: a TimeoutError raised by work() itself arrives with the worker's traceback as its cause.
            if error.__cause__ is None and self.timeout is not None:
                return on_failure(item, timeout_reason(self.timeout))
            raise
        except MemoryError:
            return on_failure(item, MEMORY_REASON)

    def _stop(self) -> None:
        pool, self._pool, self._pool_for = self._pool, None, None
        self._in_flight.clear()
        if pool is not None:
            pool.stop()
            pool.join()

    def close(self) -> None:
        """Stop the workers: let idle ones exit, kill busy ones (a run not read to its end)."""
        if self._pool is None:
            return
        if any(not future.done() for future in self._in_flight):
            self._stop()
            return
        pool, self._pool, self._pool_for = self._pool, None, None
        self._in_flight.clear()
        pool.close()
        pool.join(timeout=10)
        if pool.active:  # a worker that does not exit when asked
            pool.stop()
            pool.join()


_END: Any = object()

# How long to try reaching a Dask scheduler before saying it cannot be reached.
DASK_CONNECT_SECONDS = 30.0


# In a Dask worker process: the runs whose init(state) has run here, by token.
_dask_ready: set[str] = set()
_dask_lock = threading.Lock()


def _dask_task(init: Callable[[Any], None], state: Any, work: Callable[[Any], Any], item: Any, token: str) -> Any:
    # The lock makes init run once even on a worker with several threads; the others wait for it.
    with _dask_lock:
        if token not in _dask_ready:
            init(state)
            _dask_ready.add(token)
    # Pickled here, as one bytes value: Dask serialises a list or tuple element by element,
    # which made a result of 2,300 small tuples (256 KB) take 300 ms to arrive instead of 5 ms.
    return pickle.dumps(work(item), protocol=pickle.HIGHEST_PROTOCOL)


class Dask(_Closing):
    """Runs the items on a Dask distributed cluster (``--executor dask --scheduler ADDRESS``).

    ``state`` is sent to every worker once (scattered, broadcast); each task then
    carries only ``work``, the item and a token, and runs ``init(state)`` on a worker
    process the first time that worker sees the token.  Results come back in order,
    with at most ``window`` items in flight or waiting for their turn (default: four
    per worker thread of the cluster).

    The time limit counts from when an item is sent (or from the last time-out, for
    items that may have queued behind it); an item past it fails, and the worker
    process running it is restarted, since Dask cannot stop a running function any
    other way.  A worker process that dies is restarted by its nanny
    and the scheduler retries the task (``distributed.scheduler.allowed-failures``, 3);
    an item that kills every worker it is tried on fails.
    """

    def __init__(self, scheduler: str | distributed.Client, timeout: float | None, *, window: int | None = None):
        try:
            import distributed
        except ImportError as error:
            raise ConfigError(
                None, "the dask executor needs the `dask` extra: pip install 'focuscount[dask]'", parameters=("kind",)
            ) from error
        self.timeout = timeout
        self.window = window
        if isinstance(scheduler, str):
            try:
                self._client = distributed.Client(scheduler, timeout=DASK_CONNECT_SECONDS)
            except OSError as error:
                raise ConfigError(
                    None, f"cannot reach the Dask scheduler at {scheduler} ({error}); start it, or check `scheduler`",
                    parameters=("scheduler",),
                ) from error  # fmt: skip
            self._owns_client = True
        else:
            self._client = scheduler
            self._owns_client = False

    def run(
        self, init: Callable[[S], None], state: S, work: Callable[[T], R], items: Iterable[T],
        on_failure: Callable[[T, str], R],
    ) -> Generator[R, None, None]:  # fmt: skip
        """Yield ``work(item)`` for each item, in order; the items run on the cluster's workers."""
        import distributed

        client = self._client
        token = uuid.uuid4().hex
        # In a list: scatter() would send a dict's values (or a list's items) one by one.
        [shared_state] = client.scatter([state], broadcast=True, hash=False)
        window = self.window or max(2, WINDOW_PER_WORKER * sum(client.nthreads().values()))
        source = enumerate(items)
        waiting: dict[distributed.Future, tuple[int, T, float]] = {}  # future → (index, item, deadline)
        done: dict[int, R] = {}  # results that came back before their turn
        # Results stream back as they complete (one round trip each, not a wait then a fetch).
        arrivals = distributed.as_completed(with_results=True, raise_errors=False)
        next_index = 0
        exhausted = False
        finished = False
        try:
            while True:
                while not exhausted and len(waiting) + len(done) < window:
                    entry = next(source, None)
                    if entry is None:
                        exhausted = True
                        break
                    index, item = entry
                    future = client.submit(
                        _dask_task, init, shared_state, work, item, token, pure=False, key=f"focuscount-{token}-{index}"
                    )
                    deadline = time.monotonic() + self.timeout if self.timeout is not None else float("inf")
                    waiting[future] = (index, item, deadline)
                    arrivals.add(future)
                while next_index in done:
                    result = done.pop(next_index)
                    next_index += 1
                    yield result
                if not waiting:
                    if exhausted and not done:
                        break
                    continue
                first_deadline = min(deadline for _, _, deadline in waiting.values())
                pause = min(1.0, max(0.0, first_deadline - time.monotonic()))
                with arrivals.thread_condition:  # notified under this lock as each result arrives
                    if not arrivals.has_ready():
                        arrivals.thread_condition.wait(timeout=pause)
                for future, result in arrivals.next_batch(block=False):
                    if future in waiting:  # not one given up on below
                        index, item, _ = waiting.pop(future)
                        done[index] = self._outcome(item, future, result, on_failure)
                now = time.monotonic()
                late = [future for future, (_, _, deadline) in waiting.items() if deadline <= now]
                if late:
                    self._give_up(late)
                for future in late:
                    index, item, _ = waiting.pop(future)
                    assert self.timeout is not None
                    done[index] = on_failure(item, timeout_reason(self.timeout))
                if late:
                    # The others may have queued behind a late one (or on the restarted worker): a fresh limit.
                    waiting = {
                        future: (index, item, now + (self.timeout or 0)) for future, (index, item, _) in waiting.items()
                    }
            finished = True
        finally:
            if not finished and waiting:
                client.cancel(list(waiting))
            client.cancel([shared_state])

    def _give_up(self, late: list[distributed.Future]) -> None:
        """Cancel tasks past the time limit, and restart the worker processes running them.

        Dask cannot stop a running function: a cancelled task keeps its worker thread busy
        and the tasks queued behind it would run out of time too.  Restarting the worker
        (its nanny starts a fresh process, which runs ``init`` again) is what the local
        pool does with a worker past its limit.
        """
        keys = {future.key for future in late}
        running = [worker for worker, processing in self._client.processing().items() if keys.intersection(processing)]
        self._client.cancel(late)
        if running:
            self._client.restart_workers(running, raise_for_error=False)

    def _outcome(self, item: T, future: distributed.Future, result: Any, on_failure: Callable[[T, str], R]) -> R:
        import distributed

        if future.status == "cancelled":
            return on_failure(item, "the Dask scheduler cancelled it (a worker or the scheduler went away)")
        if future.status != "error":
            return pickle.loads(result)  # pickled by _dask_task: as trusted as Dask's own messages
        if isinstance(result, tuple):  # (type, exception, traceback), as as_completed gives an error
            result = result[1].with_traceback(result[2])
        if isinstance(result, distributed.KilledWorker):
            return on_failure(item, "the worker reading it crashed (every Dask worker it was tried on died)")
        if isinstance(result, MemoryError):
            return on_failure(item, MEMORY_REASON)
        raise result

    def close(self) -> None:
        """Close the client if this executor opened it (a client passed in stays open)."""
        if self._owns_client:
            self._client.close()


__all__ = [
    "Dask", "Executor", "InProcess", "Init", "OnFailure", "ProcessPool", "Work", "crash_reason", "default_jobs",
    "make_executor", "start_method", "timeout_reason",
]  # fmt: skip
