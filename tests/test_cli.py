"""The command line end to end: ingest, re-ingest, bad input, listing, explain, export, --kb."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dateline.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "sample"
EVENT_FIELDS = ["kind", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "claimed_by", "denied_by", "weapons", "country", "admin1", "location", "latitude",
                "longitude", "geo_precision", "fatalities", "injured", "sources", "notes"]


def run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "sample.db"
    result = run(db, "ingest", str(SAMPLE))
    assert result.exit_code == 0, result.output
    return db


def test_ingest_reports_and_reingest_adds_nothing(sample_db: Path) -> None:
    count = sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count >= 10
    again = run(sample_db, "ingest", str(SAMPLE))
    assert again.exit_code == 0
    assert again.output.strip().splitlines()[-1] == f"0 new, {count} already known, 0 rejected"
    assert sqlite3.connect(sample_db).execute("SELECT count(*) FROM articles").fetchone()[0] == count


def test_bad_inputs_are_named_exit_one_and_leave_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "dump.jsonl").write_text('{"id": "ok-1", "text": "Rockets hit the Ain al-Asad air base in '
                                         'Anbar on Monday, officials said. Nobody was hurt."}\n{broken\n',
                                         encoding="utf-8")
    db = tmp_path / "bad.db"
    result = run(db, "ingest", str(tmp_path / "empty.txt"), str(tmp_path / "binary.html"),
                 str(tmp_path / "dump.jsonl"), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    rejected = [line for line in result.output.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 4
    for name in ("empty.txt", "binary.html", "dump.jsonl:2", "missing.txt"):
        assert any(name in line for line in rejected), name
    assert result.output.strip().splitlines()[-1] == "1 new, 0 already known, 4 rejected"
    ids = [row[0] for row in sqlite3.connect(db).execute("SELECT id FROM articles")]
    assert ids == ["ok-1"]


def test_articles_json_and_show(sample_db: Path) -> None:
    listed = json.loads(run(sample_db, "articles", "--json").output)
    assert {"id", "url", "outlet", "title", "published", "published_method"} <= set(listed[0])
    assert all(a["published"] for a in listed)
    shown = run(sample_db, "show", listed[0]["id"])
    assert shown.exit_code == 0 and f"id:        {listed[0]['id']}" in shown.output
    missing = run(sample_db, "show", "no-such-article")
    assert missing.exit_code == 1 and "no article with id 'no-such-article'" in missing.output


def test_export_follows_the_record_contract(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.jsonl"
    assert run(sample_db, "export", "--format", "jsonl", "--output", str(out)).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    events = [r for r in records if r["kind"] == "event"]
    # every EVENTS.md field in its order, plus the record's id (the id of explain and the web pages)
    assert events and all([k for k in e if k != "id"] == EVENT_FIELDS for e in events)
    record_ids = {row[0] for row in sqlite3.connect(sample_db).execute("SELECT id FROM records")}
    assert all(r["id"] in record_ids for r in records) and len({r["id"] for r in records}) == len(records)
    assert run(sample_db, "explain", events[0]["id"]).output.startswith(f"{events[0]['id']} (event)")
    ids = {row[0] for row in sqlite3.connect(sample_db).execute("SELECT id FROM articles")}
    assert all(s["article"] in ids for e in events for s in e["sources"])
    assert any(len({s["article"] for s in e["sources"]}) > 1 for e in events), "a merged event"


def test_explain_names_words_and_rules(sample_db: Path) -> None:
    record_id = sqlite3.connect(sample_db).execute(
        "SELECT id FROM records WHERE kind = 'event' ORDER BY id LIMIT 1").fetchone()[0]
    explained = run(sample_db, "explain", record_id).output
    assert "event_type:" in explained and "rule:" in explained and "from: “" in explained
    assert "sources:" in explained


def test_user_kb_file_extends_extraction(tmp_path: Path) -> None:
    kb = tmp_path / "my_conflict.toml"
    kb.write_text('[[actor]]\nname = "Saraya Testing Brigade"\naliases = ["Saraya Testing Brigade"]\n'
                  'type = "militia"\ncountry = "Iraq"\nsource = "test"\n', encoding="utf-8")
    article = tmp_path / "one.jsonl"
    article.write_text(json.dumps({"id": "kb-1", "published": "2024-03-05", "text":
                                   "A drone strike by the Saraya Testing Brigade hit a US base near Erbil "
                                   "on Monday, officials said."}) + "\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    assert run(db, "ingest", str(article)).exit_code == 0
    before = json.loads(run(db, "export").output.splitlines()[0])
    assert before["actor1"] == "Unidentified Armed Group (Iraq)"
    result = CliRunner().invoke(main, ["--db", str(db), "--kb", str(kb), "reextract"], catch_exceptions=False)
    assert result.exit_code == 0
    after = [json.loads(line) for line in run(db, "export").output.splitlines()]
    assert [r["actor1"] for r in after if r["kind"] == "event"] == ["Saraya Testing Brigade"]


def test_broken_kb_file_is_a_clear_error(tmp_path: Path) -> None:
    kb = tmp_path / "broken.toml"
    kb.write_text("[[actor]\nname = 'x'", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "--kb", str(kb), "ingest",
                                       str(SAMPLE)])
    assert result.exit_code == 1
    assert "broken.toml" in result.output and "Traceback" not in result.output


def test_tallies_series_shows_ledger_count(sample_db: Path) -> None:
    series = json.loads(run(sample_db, "tallies", "--json").output)
    assert series and all("ledger_count" in p for s in series for p in s["points"])


def test_an_extraction_failure_rejects_one_article_and_the_run_goes_on(tmp_path: Path) -> None:
    from dateline.model import Article
    from dateline.pipeline import ingest
    from dateline.store.db import Store

    class Flaky:
        def extract(self, article: Article) -> list[object]:
            if "boom" in article.text:
                raise ValueError("unexpected shape")
            return []

    corpus = tmp_path / "two.jsonl"
    corpus.write_text(json.dumps({"id": "bad", "text": "Rockets hit a base on Monday. boom boom."}) + "\n"
                      + json.dumps({"id": "good", "text": "Rockets hit a base in Anbar on Monday."}) + "\n",
                      encoding="utf-8")
    store = Store(tmp_path / "flaky.db")
    report = ingest(store, [str(corpus)], Flaky())  # type: ignore[arg-type]
    assert report.new == ["good"]
    assert len(report.rejected) == 1 and "extraction failed (ValueError" in str(report.rejected[0])
    assert [a.id for a in store.articles()] == ["good"]
