"""Several processes on one database (issue 12, defects 9 and 10): creating it at once, ingesting
overlapping input at once, and ingesting while the server reads."""
from __future__ import annotations

import http.client
import json
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from dateline.store.db import Store, _migrations

ROOT = Path(__file__).resolve().parents[1]

# A child that waits for a shared start time (so the processes collide), then runs `body`.
CHILD = textwrap.dedent("""
    import sys, time
    start = float(sys.argv[1])
    while time.time() < start:
        time.sleep(0.001)
""")

# Ingest with a stand-in extractor that takes a little time per article, so two processes are
# both between "is this text known?" and "store it" for the same article.
INGEST = CHILD + textwrap.dedent("""
    from dateline.pipeline import ingest
    from dateline.store.db import Store

    class Slow:
        def extract(self, article):
            time.sleep(0.02)
            return []

    report = ingest(Store(sys.argv[2]), sys.argv[3:], Slow())
    print(len(report.new), len(report.known), len(report.rejected))
""")

STORY = ("Rockets hit the base in {place} on Monday night, officials said, in attack number {n}.\n\n"
         "No one was hurt in the attack, a spokesman for the council said by telephone on Tuesday.\n")


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert "Traceback" not in err, err
    return out


def test_processes_creating_a_database_at_once_all_succeed(tmp_path: Path) -> None:
    latest = max(version for version, _name, _sql in _migrations())
    for attempt in range(5):
        path = tmp_path / f"new-{attempt}.db"
        start = time.time() + 1.5
        processes = [spawn(CHILD + "from dateline.store.db import Store\nStore(sys.argv[2]).close()\n",
                           str(start), str(path)) for _ in range(4)]
        for process in processes:
            finish(process)
        connection = sqlite3.connect(path)
        assert connection.execute("PRAGMA user_version").fetchone()[0] == latest
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_ingests_of_overlapping_input_store_each_article_once(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for n in range(30):
        text = STORY.format(place="Anbar", n=n)
        # The same files in the same order, at the same moment: the two meet on every article.
        if n < 25:
            (first / f"story-{n:02d}.txt").write_text(text, encoding="utf-8")
        (second / f"story-{n:02d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "shared.db"
    Store(db).close()  # migrated first: this test is about the articles, not the schema
    start = time.time() + 2.0
    runs = [spawn(INGEST, str(start), str(db), str(first)), spawn(INGEST, str(start), str(db), str(second))]
    counts = [tuple(int(n) for n in finish(process).split()) for process in runs]
    assert [c[0] + c[1] for c in counts] == [25, 30]  # every input is new or already known
    assert all(c[2] == 0 for c in counts)  # none rejected
    assert counts[0][0] + counts[1][0] == 30  # each article stored by exactly one of them
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_ingest_while_the_server_reads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"story-{n:02d}.txt").write_text(STORY.format(place="Baghdad", n=n), encoding="utf-8")
    db = tmp_path / "served.db"
    Store(db).close()  # `serve` reads an existing database; the ingest below fills it
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "dateline", "--db", str(db), "serve", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    statuses: list[int] = []
    stop = threading.Event()

    def read() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            for path in ("/api/events?limit=5", "/", "/timeline", "/map/markers.json", "/api/articles"):
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                statuses.append(response.status)

    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=5).request("GET", "/api/session")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        ingest = spawn(INGEST, str(time.time()), str(db), str(folder))
        assert finish(ingest).split() == ["40", "0", "0"]
        time.sleep(0.5)
        stop.set()
        reader.join(timeout=60)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", "/api/articles?limit=1000")
        articles = json.loads(connection.getresponse().read())
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert len(statuses) >= 10 and set(statuses) == {200}
    assert len(articles) == 40
