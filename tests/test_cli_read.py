"""The read commands as a new user meets them: one rejection rule with the web, the table's
filters and review column, summary's latest events first, and the mistakes that used to leave
them stuck (a mistyped --db, --db after the command, a busy port)."""
from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_web_support import make_ledger

from dateline.cli import main
from dateline.cli_read import fit_table, move_global_options
from dateline.store.db import Store
from dateline.store.reviews import decide


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    path = make_ledger(tmp_path / "ledger.db")
    store = Store(path)
    decide(store, "ev-tower", "reject", "alice", "duplicate of a wire report")
    decide(store, "ev-asad", "confirm", "alice")
    store.close()
    return path


def event_ids(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line.startswith("ev-")]


def test_events_leave_out_rejected_events_like_the_web_and_say_each_review(ledger: Path) -> None:
    shown = run("--db", str(ledger), "events")
    assert shown.exit_code == 0, shown.output
    assert event_ids(shown.output) == ["ev-mashtal", "ev-asad", "ev-unplaced"]
    header = shown.output.splitlines()[0].split()
    assert header[-1] == "review"
    rows = {line.split()[0]: line.split()[-1] for line in shown.output.splitlines() if line.startswith("ev-")}
    assert rows == {"ev-mashtal": "unreviewed", "ev-asad": "confirmed", "ev-unplaced": "unreviewed"}
    every = run("--db", str(ledger), "events", "--include-rejected")
    assert "ev-tower" in event_ids(every.output) and "rejected" in every.output
    only = run("--db", str(ledger), "events", "--status", "rejected")
    assert event_ids(only.output) == ["ev-tower"]


def test_tallies_count_the_ledger_without_rejected_events(tmp_path: Path) -> None:
    import json

    def ledger_count(db: Path) -> int:
        series = json.loads(run("--db", str(db), "tallies", "--json").output)
        return int(series[0]["points"][-1]["ledger_count"])

    untouched = make_ledger(tmp_path / "untouched.db")
    reviewed = make_ledger(tmp_path / "reviewed.db")
    store = Store(reviewed)
    decide(store, "ev-asad", "reject", "alice", "not an attack")  # the one event in the tally's span
    store.close()
    assert ledger_count(untouched) == 1 and ledger_count(reviewed) == 0


def test_events_take_the_web_tables_filters(ledger: Path) -> None:
    period = run("--db", str(ledger), "events", "--from", "2024-01-01", "--to", "2024-01-31")
    assert event_ids(period.output) == ["ev-asad"]  # ev-tower is rejected
    assert event_ids(run("--db", str(ledger), "events", "--country", "Iraq", "--province", "Baghdad").output) == ["ev-mashtal"]
    assert event_ids(run("--db", str(ledger), "events", "--type", "Strategic developments").output) == ["ev-unplaced"]
    assert event_ids(run("--db", str(ledger), "events", "-q", "Asad").output) == ["ev-asad"]
    # an acronym the knowledge base holds is read as the canonical name, and said so
    by_acronym = run("--db", str(ledger), "events", "--actor", "KH")
    assert event_ids(by_acronym.output) == ["ev-mashtal", "ev-asad"]  # target, and claimant
    assert "'KH' is 'Kataib Hezbollah'" in by_acronym.output
    bad = run("--db", str(ledger), "events", "--from", "2024-13-45")
    assert bad.exit_code == 1 and "--from 2024-13-45 is not a date: there is no month 13" in bad.output


def test_events_fit_the_terminal(ledger: Path) -> None:
    wide = run("--db", str(ledger), "events", env={"COLUMNS": "200"})
    narrow = run("--db", str(ledger), "events", env={"COLUMNS": "100"})
    assert max(len(line) for line in narrow.output.splitlines()) <= 100
    assert max(len(line) for line in wide.output.splitlines()) > 100  # nothing clipped when it fits
    assert "…" in narrow.output and event_ids(narrow.output) == event_ids(wide.output)


def test_fit_table_clips_the_widest_text_columns_first() -> None:
    header = ("id", "actor1", "place")
    rows = [("ev-1", "Military Forces of the United States", "Ain al-Asad Air Base")]
    lines = fit_table(header, rows, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].startswith("ev-1  ")  # the id is never clipped
    assert fit_table(header, rows, width=200)[2].split("  ")[1] == "Military Forces of the United States"


def test_summary_counts_without_rejected_and_lists_latest_first(ledger: Path) -> None:
    out = run("--db", str(ledger), "summary").output
    assert "events:     3 (and 1 rejected, left out)" in out
    latest = out[out.index("latest events"):].splitlines()[1:]
    dates = [line.split()[0] for line in latest if line.strip()]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-02-07"
    assert "2024-01-28" not in dates  # the rejected event


def test_read_commands_refuse_a_missing_database_and_create_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "ledgr.db"
    for command in (["summary"], ["events"], ["articles"], ["export"], ["serve", "--port", "1"], ["sources"]):
        result = run("--db", str(typo), *command)
        assert result.exit_code == 1, command
        assert f"--db {typo}: no such database file" in result.output
        assert not typo.exists(), command
    folder = run("--db", str(tmp_path), "summary")
    assert folder.exit_code == 1 and "is a folder, not a database file" in folder.output


def test_global_options_are_accepted_after_the_command(ledger: Path) -> None:
    after = run("summary", "--db", str(ledger))
    assert after.exit_code == 0, after.output
    assert str(ledger.resolve()) in after.output
    shown = run("show", "a1", f"--db={ledger}")
    assert shown.exit_code == 0 and "Tigris Monitor" in shown.output
    assert move_global_options(["show", "x", "--db", "f"]) == ["--db", "f", "show", "x"]
    assert move_global_options(["ingest", "--", "--db"]) == ["ingest", "--", "--db"]


def test_serve_on_a_busy_port_says_so_and_suggests_another(ledger: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("--db", str(ledger), "serve", "--port", str(port))
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.output and f"--port {port + 1}" in result.output
    assert "serving" not in result.output


def test_jsonl_export_lines_carry_the_record_id(ledger: Path) -> None:
    import json

    lines = [json.loads(line) for line in run("--db", str(ledger), "export").output.splitlines()]
    assert {r["id"] for r in lines} == {"ev-asad", "ev-mashtal", "ev-unplaced", "ta-pentagon"}
    ids = {row[0] for row in sqlite3.connect(ledger).execute("SELECT id FROM records")}
    assert {r["id"] for r in lines} <= ids
