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


def _state(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": connection.execute("SELECT id, content_hash, origin, title, published, text, minhash"
                                           " FROM articles ORDER BY id").fetchall(),
            "mentions": connection.execute("SELECT id, article_id, kind, position, body FROM mentions"
                                           " ORDER BY id").fetchall(),
            "links": connection.execute("SELECT * FROM article_links ORDER BY 1, 2").fetchall(),
            "records": connection.execute("SELECT id, kind, body, sort_date FROM records ORDER BY id").fetchall(),
            "record_mentions": connection.execute("SELECT * FROM record_mentions ORDER BY 1, 2").fetchall(),
            "events_indexed": connection.execute("SELECT record_id FROM event_index ORDER BY 1").fetchall(),
            "stale": connection.execute("SELECT (SELECT count(*) FROM ledger_pending),"
                                        " (SELECT full FROM ledger_sync)").fetchall(),
        }


def test_kill_9_at_random_points_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "wire.jsonl", ARTICLES)
    clean = tmp_path / "clean.db"
    assert _ingest(clean, corpus).wait() == 0
    expected = _state(clean)
    assert len(expected["articles"]) == ARTICLES and len(expected["records"]) > 50
    assert expected["stale"] == [(0, 0)]

    crashed = tmp_path / "crashed.db"
    rng = random.Random(int(os.environ.get("CRASH_SEED", "14")))
    first, second = sorted(rng.sample(range(1, ARTICLES // 2), 2))
    # Mid-batch, then with every article stored (inside the ledger update), then mid-batch again.
    for articles in (first, ARTICLES // 2 + second, ARTICLES):
        _kill_at(crashed, corpus, articles)
        stored = _state(crashed)
        if articles == ARTICLES:
            assert stored["records"] != expected["records"], "the kill came after the ledger update"
            assert stored["stale"] != [(0, 0)], "the store did not mark the ledger stale"
    rerun = _ingest(crashed, corpus)
    _out, errors = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, errors.decode()
    assert _state(crashed) == expected
