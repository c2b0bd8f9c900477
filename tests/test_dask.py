"""--executor dask: the same bytes as a local run, from a LocalCluster of 2 worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO

from focuscount.cli import cli

distributed = pytest.importorskip(
    "distributed", reason="the dask extra is not installed: pip install 'focuscount[dask]'"
)

pytestmark = pytest.mark.slow  # a cluster's workers each load spaCy: about 20 s in all


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        yield cluster.scheduler_address


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def test_a_dask_run_prints_what_a_local_run_prints(scheduler: str, tmp_path: Path) -> None:
    # A copy the workers cannot see at its path would still be read: each task carries the file's bytes.
    local = run("analyze", REPO / "examples", "-f", "json", "--by-speaker", "--jobs", "1")
    remote = run(
        "analyze", REPO / "examples", "-f", "json", "--by-speaker", "--executor", "dask", "--scheduler", scheduler
    )
    assert local[0] == 0
    assert remote == local


def test_dask_needs_a_scheduler() -> None:
    code, _, err = run("analyze", REPO / "examples", "--executor", "dask")
    assert code == 2
    assert err.splitlines()[-1] == "Error: --executor dask needs the address of a scheduler in --scheduler"
