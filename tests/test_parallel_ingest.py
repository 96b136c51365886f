"""`dateline ingest --workers N`: extraction on a local Dask cluster of processes gives the same
database as a single-process run (one writer, in article order); --scheduler reaches an
existing cluster."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main
from db_state import db_state
from synthetic_news import write_corpus

SAMPLE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "sample"


def _run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dateline", "--db", str(db), "ingest", "-q", *args],
                          capture_output=True, text=True, timeout=900)


def test_two_workers_give_the_same_database_as_one_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", 40, seed=9)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": ""}\nnot json\n', encoding="utf-8")
    sources = [str(SAMPLE), str(corpus), str(broken), str(corpus)]  # the second pass is all known
    single = _run(tmp_path / "single.db", *sources)
    parallel = _run(tmp_path / "parallel.db", "--workers", "2", *sources)
    assert single.returncode == parallel.returncode == 1  # the broken lines are rejected by both
    assert parallel.stdout == single.stdout and "already known" in single.stdout
    assert sorted(parallel.stderr.splitlines()) == sorted(single.stderr.splitlines())
    expected = db_state(tmp_path / "single.db")
    assert len(expected["records"]) > 20
    assert db_state(tmp_path / "parallel.db") == expected


def test_scheduler_address_sends_the_work_to_an_existing_cluster(tmp_path: Path) -> None:
    from dask.distributed import LocalCluster

    corpus = write_corpus(tmp_path / "wire.jsonl", 12, seed=4)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["--db", str(tmp_path / "remote.db"), "ingest", "-q",
                                           "--scheduler", cluster.scheduler_address, str(corpus)])
    assert result.exit_code == 0, result.output
    assert "12 new" in result.output
    assert _run(tmp_path / "local.db", str(corpus)).returncode == 0
    assert db_state(tmp_path / "remote.db") == db_state(tmp_path / "local.db")


def test_an_unreachable_scheduler_is_one_clear_line(tmp_path: Path) -> None:
    result = _run(tmp_path / "x.db", "--scheduler", "tcp://127.0.0.1:9", str(SAMPLE))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: tcp://127.0.0.1:9: cannot start or reach the Dask cluster")
