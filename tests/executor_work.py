"""Toy work for tests/test_executors.py: top-level functions a worker process can import by name.

Each item is a tuple (action, value); the work function returns what happened and where,
so a test can see which process ran it and whether init ran there first.
"""

from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path

# Set by init() in each worker process.
initialised: dict[str, object] = {}


def init(state: dict[str, object]) -> None:
    """Record the state; append this process's id to state["log"] (a file) so a test can count inits."""
    initialised.update(state)
    log = state.get("log")
    if isinstance(log, str):
        with Path(log).open("a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\n")


def failing_init(state: dict[str, object]) -> None:
    """An initializer with a bug."""
    raise RuntimeError(f"cannot load the pipeline for {state.get('language')}")


def work(item: tuple[str, float]) -> tuple[str, float, int, object]:
    """Do what the item says; return (action, value, process id, the state's label)."""
    action, value = item
    if action == "sleep":
        time.sleep(value)
    elif action == "exit":
        os._exit(int(value))
    elif action == "segfault":
        ctypes.string_at(0)  # reads address 0: SIGSEGV
    elif action == "raise":
        raise ValueError(f"bad item {value}")
    elif action == "memory":
        raise MemoryError
    elif action == "timeout_error":
        raise TimeoutError("the network share did not answer")
    elif action == "big":
        return action, value, os.getpid(), "x" * int(value)
    if "label" not in initialised:
        raise AssertionError("work ran before init")
    return action, value, os.getpid(), initialised["label"]


def failure(item: tuple[str, float], reason: str) -> tuple[str, float, int, object]:
    """What a failed item gives: the reason in place of the label."""
    return item[0], item[1], -1, reason
