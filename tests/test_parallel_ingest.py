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


def test_many_small_tasks_keep_article_order_around_rejected_lines(tmp_path: Path, monkeypatch) -> None:
    """Tasks of 3 documents, 2 in flight a worker: the window is refilled many times, documents
    are held back between refills, and rejected lines sit among them; the outcome is still the
    single process's, in the same order."""
    from dask.distributed import Client, LocalCluster

    from dateline import parallel
    from dateline.extract.extractor import Extractor
    from dateline.extract.kb import load_knowledge_base
    from dateline.pipeline import ingest
    from dateline.store.db import Store

    lines = write_corpus(tmp_path / "wire.jsonl", 30, seed=3).read_text(encoding="utf-8").splitlines()
    for position in (25, 17, 9, 4):
        lines.insert(position, "not json" if position % 2 else '{"id": "empty", "text": ""}')
    lines += [lines[0], "{broken"]  # the same report again (already known), a rejected last line
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kb = load_knowledge_base()
    single = ingest(Store(tmp_path / "single.db"), [str(mixed)], Extractor.from_kb(kb))
    monkeypatch.setattr(parallel, "BATCH", 3)
    monkeypatch.setattr(parallel, "TASKS_AHEAD", 2)
    submissions: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        original_map = client.map

        def counting_map(function, items, **options):  # type: ignore[no-untyped-def]
            submissions.append(len(items))
            return original_map(function, items, **options)

        monkeypatch.setattr(client, "map", counting_map)
        on_dask = parallel.parallel_ingest(Store(tmp_path / "dask.db"), [str(mixed)], kb, client)
    assert len(submissions) >= 4 and max(submissions) > 1  # refills, several tasks a submission
    assert (on_dask.new, on_dask.known) == (single.new, single.known) and len(single.new) == 30
    assert [(e.origin, e.problem) for e in on_dask.rejected] == [(e.origin, e.problem) for e in single.rejected]
    assert len(single.rejected) == 5
    assert db_state(tmp_path / "dask.db") == db_state(tmp_path / "single.db")


def test_the_last_tasks_of_a_run_shrink_so_the_workers_end_together() -> None:
    from dateline.parallel import BATCH, _task_sizes

    assert _task_sizes(5 * BATCH, False, 2) == [BATCH] * 5
    last = _task_sizes(100, True, 2)
    assert sum(last) == 100 and max(last) <= BATCH
    assert last == sorted(last, reverse=True) and last[-2:] == [1, 1]
    assert sum(last[len(last) // 2:]) < 100 // 4  # the second half of the tasks is a small share
