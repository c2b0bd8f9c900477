"""focuscount.executors: order, window, init once per worker, failures isolated, no process left behind, Dask."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import executor_work
import pytest

from focuscount.errors import ConfigError
from focuscount.executors import (
    Adaptive,
    Dask,
    InProcess,
    ProcessPool,
    crash_reason,
    default_jobs,
    make_executor,
    start_method,
    timeout_reason,
)

STATE: dict[str, object] = {"label": "Alderbrook Public Library"}
LANGUAGE: dict[str, object] = {"language": "en"}


def sleepy_items(count: int, seed: int) -> list[tuple[str, float]]:
    shuffle = random.Random(seed)
    return [("sleep", round(shuffle.uniform(0, 0.03), 4)) for _ in range(count)]


PROC = Path("/proc")
pytestmark = pytest.mark.skipif(not (PROC / "self" / "stat").exists(), reason="needs /proc to see child processes")


def process_table() -> dict[int, tuple[int, str]]:
    """Every live process (zombies left out): pid → (parent pid, command line), from /proc."""
    table = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # it ended while we looked
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if state != "Z":
            table[int(entry.name)] = (int(parent), command)
    return table


def workers_of(pids: set[int]) -> set[int]:
    """The processes of ``pids`` still alive (zombies count as gone)."""
    return pids & set(process_table())


def descendants(root: int, table: dict[int, tuple[int, str]]) -> set[int]:
    found: set[int] = set()
    parents = {root}
    while parents:
        parents = {pid for pid, (parent, _) in table.items() if parent in parents} - found
        found |= parents
    return found


def leftover_children() -> set[int]:
    """Child processes of this test process but multiprocessing's fork server and resource tracker.

    Those two are one each per program, idle, and exit with it; the pool's workers are
    children of the fork server, so they are counted.
    """
    table = process_table()
    helpers = {
        pid
        for pid, (parent, command) in table.items()
        if parent == os.getpid()
        and ("multiprocessing.forkserver" in command or "multiprocessing.resource_tracker" in command)
    }
    return descendants(os.getpid(), table) - helpers


@pytest.fixture
def pool2() -> Iterator[ProcessPool]:
    with ProcessPool(2, timeout=None) as pool:
        yield pool


# --- make_executor, default_jobs, reasons ---


def test_make_executor_kinds() -> None:
    assert isinstance(make_executor("local", 1, 120), InProcess)
    adaptive = make_executor("local", 3, 120.0)
    assert isinstance(adaptive, Adaptive)  # in this process until the run proves long, then in a pool
    pool = adaptive.pool
    assert isinstance(pool, ProcessPool)
    assert (pool.jobs, pool.timeout, pool.window) == (3, 120.0, 12)
    assert make_executor("local", 2, None, window=5).pool.window == 5  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("local", 0, 120), "`jobs` must be at least 1, not 0"),
        (("local", 2, 0), "`timeout` must be a positive number of seconds, not 0"),
        (("local", 2, -5.0), "`timeout` must be a positive number of seconds, not -5.0"),
        (
            ("dask", 2, 120),
            "the dask executor needs `scheduler`, the address of a running Dask scheduler (tcp://host:8786)",
        ),
        (("local", 2, 120, "tcp://10.0.0.5:8786"), "`scheduler` is only for the dask executor"),
        (("threads", 2, 120), "`kind` must be 'local' or 'dask', not 'threads'"),
    ],
)
def test_make_executor_errors(arguments: tuple, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        make_executor(*arguments)
    assert str(caught.value) == message


def test_make_executor_window_error() -> None:
    with pytest.raises(ConfigError, match=r"^`window` must be at least 1, not 0$"):
        make_executor("local", 2, 120, window=0)


def test_default_jobs_is_the_affinity_mask() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_reasons() -> None:
    assert timeout_reason(120) == "took longer than 120 s to read (the time limit per file)"
    assert timeout_reason(0.5) == "took longer than 0.5 s to read (the time limit per file)"
    assert crash_reason(-11) == "the worker reading it crashed (signal 11, SIGSEGV)"
    assert crash_reason(-9) == (
        "the worker reading it was killed (signal 9, SIGKILL; often the system running out of memory)"
    )
    assert crash_reason(3) == "the worker reading it exited unexpectedly (exit code 3)"
    assert crash_reason(None) == "the worker reading it stopped unexpectedly"


def test_start_method_is_not_fork() -> None:
    assert start_method() == "forkserver"  # Linux; spawn where there is no fork server


# --- InProcess ---


def test_in_process_runs_init_once_and_keeps_order(tmp_path: Path) -> None:
    log = tmp_path / "inits"
    state = {**STATE, "log": str(log)}
    executor = InProcess()
    items = sleepy_items(6, seed=1)
    first = list(executor.run(executor_work.init, state, executor_work.work, items, executor_work.failure))
    again = list(executor.run(executor_work.init, state, executor_work.work, items[:2], executor_work.failure))
    assert [(a, v) for a, v, _, _ in first] == items
    assert {pid for _, _, pid, _ in first + again} == {os.getpid()}
    assert log.read_text().splitlines() == [str(os.getpid())]  # the same init and state: not again


def test_in_process_runs_init_only_when_there_is_an_item(tmp_path: Path) -> None:
    log = tmp_path / "inits"
    state = {**STATE, "log": str(log)}
    executor = InProcess()
    assert list(executor.run(executor_work.init, state, executor_work.work, [], executor_work.failure)) == []
    assert not log.exists()  # nothing to work on: the set-up (spaCy, in a run) is never paid for
    results = list(executor.run(executor_work.init, state, executor_work.work, [("sleep", 0)], executor_work.failure))
    assert len(results) == 1
    assert log.read_text().splitlines() == [str(os.getpid())]


def test_in_process_memory_error_fails_the_item_and_exception_is_raised() -> None:
    executor = InProcess()
    items = [("sleep", 0), ("memory", 1), ("sleep", 0)]
    results = list(executor.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert results[1] == ("memory", 1, -1, "the worker reading it ran out of memory")
    with pytest.raises(ValueError, match="bad item 7"):
        list(executor.run(executor_work.init, STATE, executor_work.work, [("raise", 7)], executor_work.failure))


def test_in_process_pulls_lazily() -> None:
    pulled = []

    def items() -> Iterator[tuple[str, float]]:
        for number in range(100):
            pulled.append(number)
            yield ("sleep", 0)

    results = InProcess().run(executor_work.init, STATE, executor_work.work, items(), executor_work.failure)
    next(results)
    next(results)
    assert pulled == [0, 1]


# --- ProcessPool ---


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_order_is_kept_under_random_sleeps(jobs: int) -> None:
    items = sleepy_items(40, seed=jobs)
    with ProcessPool(jobs, timeout=None) as pool:
        results = list(pool.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert [(action, value) for action, value, _, _ in results] == items
    assert {label for _, _, _, label in results} == {"Alderbrook Public Library"}
    assert os.getpid() not in {pid for _, _, pid, _ in results}
    assert len({pid for _, _, pid, _ in results}) <= jobs


def test_window_bounds_the_items_pulled_ahead(pool2: ProcessPool) -> None:
    pulled = 0

    def items() -> Iterator[tuple[str, float]]:
        nonlocal pulled
        for _ in range(60):
            pulled += 1
            yield ("sleep", 0.001)

    window = pool2.window
    assert window == 8
    ahead = []
    for received, _ in enumerate(
        pool2.run(executor_work.init, STATE, executor_work.work, items(), executor_work.failure), start=1
    ):
        ahead.append(pulled - received)
    assert max(ahead) == window  # the window refilled before each result is handed over, never more
    assert ahead[-1] == 0


def test_init_runs_once_per_worker(tmp_path: Path) -> None:
    log = tmp_path / "inits"
    state = {**STATE, "log": str(log)}
    items = sleepy_items(30, seed=3)
    with ProcessPool(2, timeout=None) as pool:
        results = list(pool.run(executor_work.init, state, executor_work.work, items, executor_work.failure))
        again = list(pool.run(executor_work.init, state, executor_work.work, items, executor_work.failure))
    inits = log.read_text().splitlines()
    assert len(inits) == 2
    assert sorted(inits) == sorted(set(inits))  # one per process
    assert {str(pid) for _, _, pid, _ in results + again} <= set(inits)


def test_a_timeout_fails_that_item_only() -> None:
    items = [("sleep", 0.01), ("sleep", 30), ("sleep", 0.01), ("sleep", 0.02)]
    start = time.perf_counter()
    with ProcessPool(2, timeout=1.0) as pool:
        results = list(pool.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert time.perf_counter() - start < 15
    assert results == [
        ("sleep", 0.01, results[0][2], "Alderbrook Public Library"),
        ("sleep", 30, -1, "took longer than 1 s to read (the time limit per file)"),
        ("sleep", 0.01, results[2][2], "Alderbrook Public Library"),
        ("sleep", 0.02, results[3][2], "Alderbrook Public Library"),
    ]


def test_a_timeout_error_raised_by_work_is_not_the_time_limit(pool2: ProcessPool) -> None:
    with pytest.raises(TimeoutError, match="the network share did not answer"):
        list(pool2.run(executor_work.init, STATE, executor_work.work, [("timeout_error", 0)], executor_work.failure))


@pytest.mark.parametrize(
    ("crash", "reason"),
    [
        (("exit", 3), "the worker reading it exited unexpectedly (exit code 3)"),
        (("segfault", 0), "the worker reading it crashed (signal 11, SIGSEGV)"),
        (("memory", 0), "the worker reading it ran out of memory"),
    ],
)
def test_a_crash_fails_that_item_only(crash: tuple[str, float], reason: str) -> None:
    items = [("sleep", 0.01), crash, *sleepy_items(6, seed=5)]
    with ProcessPool(2, timeout=None) as pool:
        results = list(pool.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert results[1] == (*crash, -1, reason)
    assert [(a, v) for a, v, _, _ in results] == items
    assert [label for _, _, _, label in results if label != reason] == ["Alderbrook Public Library"] * 7


def test_an_exception_in_work_is_raised_and_the_workers_stopped() -> None:
    pool = ProcessPool(2, timeout=None)
    items = [("sleep", 0.01), ("raise", 7), *sleepy_items(10, seed=6)]
    with pytest.raises(ValueError, match=r"^bad item 7$") as caught:
        list(pool.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert "executor_work.py" in str(caught.value.__cause__)  # the worker's traceback
    assert leftover_children() == set()
    # The executor still works: a new pool for the next run.
    assert len(list(pool.run(executor_work.init, STATE, executor_work.work, items[:1], executor_work.failure))) == 1
    pool.close()


def test_an_exception_in_init_is_raised() -> None:
    with (
        ProcessPool(2, timeout=None) as pool,
        pytest.raises(RuntimeError, match=r"^cannot load the pipeline for en$"),
    ):
        list(
            pool.run(
                executor_work.failing_init,
                LANGUAGE,
                executor_work.work,
                [("sleep", 0)],
                executor_work.failure,
            )
        )


def test_close_leaves_no_child_process() -> None:
    pool = ProcessPool(2, timeout=None)
    results = list(
        pool.run(executor_work.init, STATE, executor_work.work, sleepy_items(8, seed=7), executor_work.failure)
    )
    pids = {pid for _, _, pid, _ in results}
    assert workers_of(pids) == pids
    pool.close()
    assert workers_of(pids) == set()
    assert leftover_children() == set()


def test_stopping_early_stops_the_workers() -> None:
    pool = ProcessPool(2, timeout=None)
    started = time.perf_counter()
    results = pool.run(
        executor_work.init, STATE, executor_work.work, [("sleep", 0), ("sleep", 5)], executor_work.failure
    )
    pid = next(results)[2]
    results.close()  # the caller stops reading: GeneratorExit in the generator, with an item in flight
    assert workers_of({pid}) == set()
    assert leftover_children() == set()
    assert time.perf_counter() - started < 5
    pool.close()


INTERRUPTED = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    import executor_work
    from focuscount.executors import ProcessPool

    if __name__ == "__main__":  # the fork server imports this module again: start no pool there
        pool = ProcessPool(2, timeout=None)
        items = [("sleep", 0.01)] * 2 + [("sleep", 60)] * 6
        try:
            for _, _, pid, _ in pool.run(executor_work.init, {{"label": "x"}}, executor_work.work, items, executor_work.failure):
                print(pid, flush=True)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
    """
)


def test_ctrl_c_stops_the_workers(tmp_path: Path) -> None:
    script = tmp_path / "interrupted.py"
    script.write_text(INTERRUPTED.format(tests=str(Path(__file__).parent)), encoding="utf-8")
    # A process group of its own, as a shell gives a command: Ctrl-C reaches the main process and its workers.
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert process.stdout is not None
    worker_pids = {int(process.stdout.readline()), int(process.stdout.readline())}
    every_child = descendants(process.pid, process_table())
    assert worker_pids <= every_child
    os.killpg(process.pid, signal.SIGINT)
    assert process.stdout.readline() == "interrupted\n"
    assert process.wait(timeout=20) == 0
    deadline = time.monotonic() + 5
    while workers_of(every_child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers_of(every_child) == set()  # the workers and the fork server: nothing is left


# --- Dask ---


@pytest.fixture(scope="module")
def dask_client() -> Iterator[object]:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, worker_dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_gives_the_same_results_as_in_process(dask_client: object, tmp_path: Path) -> None:
    items = [*sleepy_items(30, seed=9), ("memory", 2), *sleepy_items(5, seed=10)]
    expected = list(InProcess().run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    with Dask(dask_client, timeout=None, window=6) as executor:  # type: ignore[arg-type]
        results = list(executor.run(executor_work.init, STATE, executor_work.work, items, executor_work.failure))
    assert [(a, v, label) for a, v, _, label in results] == [(a, v, label) for a, v, _, label in expected]
    assert len({pid for _, _, pid, _ in results if pid != -1}) == 2  # both workers took part
    assert os.getpid() not in {pid for _, _, pid, _ in results}


@pytest.mark.slow
def test_dask_init_once_per_worker_and_timeout_and_exception(dask_client: object, tmp_path: Path) -> None:
    log = tmp_path / "inits"
    state = {**STATE, "log": str(log)}
    executor = Dask(dask_client, timeout=1.5, window=4)  # type: ignore[arg-type]
    items = [*sleepy_items(10, seed=11), ("sleep", 4), ("sleep", 0)]
    results = list(executor.run(executor_work.init, state, executor_work.work, items, executor_work.failure))
    assert results[10] == ("sleep", 4, -1, "took longer than 1.5 s to read (the time limit per file)")
    assert [(a, v) for a, v, _, _ in results] == items
    inits = log.read_text().splitlines()
    # Once per worker process: the two, and the one restarted after the time limit if it took an item after.
    assert len(inits) == len(set(inits)) in (2, 3)
    with pytest.raises(ValueError, match=r"^bad item 8$"):
        list(executor.run(executor_work.init, STATE, executor_work.work, [("raise", 8)], executor_work.failure))
    executor.close()  # a client passed in stays open
    assert dask_client.status == "running"  # type: ignore[attr-defined]


def test_dask_scheduler_that_cannot_be_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import focuscount.executors

    monkeypatch.setattr(focuscount.executors, "DASK_CONNECT_SECONDS", 1.0)
    with pytest.raises(ConfigError) as caught:
        make_executor("dask", 2, 120, "tcp://127.0.0.1:1")
    assert str(caught.value) == (
        "cannot reach the Dask scheduler at tcp://127.0.0.1:1 (Timed out trying to connect to tcp://127.0.0.1:1"
        " after 1 s); start it, or check `scheduler`"
    )
    assert caught.value.parameters == ("scheduler",)


# ---------------------------------------------------------------------------------------------- adaptive


def test_adaptive_runs_a_short_run_here_and_starts_no_pool() -> None:
    items = [("sleep", 0.0)] * 5
    with Adaptive(2, 10.0, after=60.0) as adaptive:
        results = list(
            adaptive.run(executor_work.init, {"label": "here"}, executor_work.work, items, executor_work.failure)
        )
        assert adaptive.pool._pool is None
    assert [(action, pid, label) for action, _, pid, label in results] == [("sleep", os.getpid(), "here")] * 5


def test_adaptive_hands_the_rest_to_the_pool_in_order() -> None:
    # Three items here (0.2 s each past a 0.5 s deadline), the rest in the pool: one ordered stream.
    items = [("sleep", 0.2)] * 3 + [("sleep", 0.01 * (index % 3)) for index in range(8)]
    with Adaptive(2, 10.0, after=0.5) as adaptive:
        results = list(
            adaptive.run(executor_work.init, {"label": "both"}, executor_work.work, items, executor_work.failure)
        )
    assert [(action, value) for action, value, _, _ in results] == items
    here = [pid for _, _, pid, _ in results if pid == os.getpid()]
    assert len(here) == 3  # the deadline is checked after each item done here
    assert all(pid != os.getpid() for _, _, pid, _ in results[3:])


def test_adaptive_isolates_a_crash_in_the_pool() -> None:
    items = [("sleep", 0.0), ("segfault", 0.0), ("sleep", 0.0)]
    with Adaptive(2, 10.0, after=0.0) as adaptive:
        results = list(
            adaptive.run(executor_work.init, {"label": "x"}, executor_work.work, items, executor_work.failure)
        )
    assert results[1][3] == "the worker reading it crashed (signal 11, SIGSEGV)"
    assert [result[0] for result in results] == ["sleep", "segfault", "sleep"]
