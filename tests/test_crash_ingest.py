"""`kill -9` an ingest at random points, the ledger update included, then run it again: the
database ends exactly as after one clean run (articles, mentions, links, ledger, ids).
Issue 12's crash test and defect 4."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from db_state import db_state
from synthetic_news import write_corpus

ARTICLES = 160
DATELINE = [sys.executable, "-m", "dateline"]


def _ingest(db: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*DATELINE, "--db", str(db), "ingest", "-q", str(corpus)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_at(db: Path, corpus: Path, articles: int) -> None:
    """Starts an ingest and kills it (SIGKILL) as soon as `articles` articles are stored."""
    process = _ingest(db, corpus)
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:
        if _count(db) >= articles:
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.003)
    process.wait()


def test_kill_9_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", ARTICLES)
    clean = tmp_path / "clean.db"
    assert _ingest(clean, corpus).wait() == 0
    expected = db_state(clean)
    assert len(expected["articles"]) == ARTICLES and len(expected["records"]) > 50
    assert expected["stale"] == [(0, 0)]

    crashed = tmp_path / "crashed.db"
    rng = random.Random(int(os.environ.get("CRASH_SEED", "14")))
    first, second = sorted(rng.sample(range(1, ARTICLES // 2), 2))
    # Mid-batch, then with every article stored (inside the ledger update), then mid-batch again.
    for articles in (first, ARTICLES // 2 + second, ARTICLES):
        _kill_at(crashed, corpus, articles)
        stored = db_state(crashed)
        if articles == ARTICLES:
            assert stored["records"] != expected["records"], "the kill came after the ledger update"
            assert stored["stale"] != [(0, 0)], "the store did not mark the ledger stale"
    rerun = _ingest(crashed, corpus)
    _out, errors = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, errors.decode()
    assert db_state(crashed) == expected
