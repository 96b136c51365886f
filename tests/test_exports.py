"""Exports from the CLI and the web: JSONL exactly per EVENTS.md, CSV, GeoJSON that GIS tools
open, and ACLED-style CSV with ACLED's column names and codes."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_web_support import client_for, make_ledger

from dateline.cli import main
from dateline.serve.acled import COLUMNS as ACLED_COLUMNS
from dateline.serve.exports import CSV_COLUMNS
from dateline.store.db import Store
from dateline.store.reviews import decide

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "EVENTS.md"
EVENT_FIELDS = ["kind", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "claimed_by", "denied_by", "weapons", "country", "admin1", "location", "latitude",
                "longitude", "geo_precision", "fatalities", "injured", "sources", "notes"]
TALLY_FIELDS = ["kind", "metric", "value", "qualifier", "period_start", "period_start_precision", "as_of",
                "attributed_to", "scope", "sources"]


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


def export(ledger: Path, fmt: str, tmp_path: Path) -> str:
    target = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["--db", str(ledger), "export", "--format", fmt, "--output", str(target)])
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


def test_jsonl_is_exactly_the_events_md_records(ledger: Path, tmp_path: Path) -> None:
    lines = [json.loads(line) for line in export(ledger, "jsonl", tmp_path).splitlines()]
    events = [r for r in lines if r["kind"] == "event"]
    tallies = [r for r in lines if r["kind"] == "tally"]
    assert len(events) == 4 and len(tallies) == 1
    for record in events:
        # the EVENTS.md fields in their order, and the record's id after `kind` (issue 13)
        assert list(record) == [EVENT_FIELDS[0], "id", *EVENT_FIELDS[1:]]
        assert all(set(s) == {"article", "quote"} for s in record["sources"])
    assert list(tallies[0]) == [TALLY_FIELDS[0], "id", *TALLY_FIELDS[1:]]
    assert sorted(r["id"] for r in events) == sorted(row["id"] for row in csv.DictReader(
        io.StringIO(export(ledger, "csv", tmp_path))))


def test_jsonl_fields_are_the_ones_the_spec_lists(ledger: Path, tmp_path: Path) -> None:
    if not SPEC.is_file():
        pytest.skip(f"the spec is not here ({SPEC}): clone the project with ../shared beside it")
    spec = SPEC.read_text(encoding="utf-8")
    event_table = spec[spec.index("## Fields of an `event`"):spec.index("## Fields of a `tally`")]
    named = re.findall(r"^\| `([a-z_0-9]+)`(?:, `([a-z_0-9]+)`)? \|", event_table, flags=re.MULTILINE)
    spec_fields = {name for pair in named for name in pair if name}
    line = json.loads(export(ledger, "jsonl", tmp_path).splitlines()[0])
    assert set(line) - {"kind", "id"} == spec_fields


def test_csv_has_one_row_an_event_with_lists_joined(ledger: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(ledger, "csv", tmp_path))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {"ev-asad", "ev-tower", "ev-mashtal", "ev-unplaced"}
    asad = by_id["ev-asad"]
    assert asad["claimed_by"] == "Kataib Hezbollah" and asad["injured"] == "2" and asad["fatalities"] == ""
    assert asad["source_articles"] == "a1" and asad["source_quotes"].startswith("ANBAR - Militants")
    assert float(asad["latitude"]) == pytest.approx(33.7856)


def test_geojson_is_a_feature_collection_of_points_in_lon_lat(ledger: Path, tmp_path: Path) -> None:
    data = json.loads(export(ledger, "geojson", tmp_path))
    assert data["type"] == "FeatureCollection"
    features = {f["id"]: f for f in data["features"]}
    assert set(features) == {"ev-asad", "ev-tower", "ev-mashtal"}  # ev-unplaced has no coordinates
    asad = features["ev-asad"]
    assert asad["type"] == "Feature" and asad["geometry"] == {"type": "Point", "coordinates": [42.4412, 33.7856]}
    assert asad["properties"]["location"] == "Ain al-Asad Air Base"
    assert list(asad["properties"])[1:] == EVENT_FIELDS


def test_acled_csv_uses_acled_columns_and_codes(ledger: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(ledger, "acled", tmp_path))))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    by_id = {row["event_id_cnty"]: row for row in rows}
    tower = by_id["ev-tower"]
    assert tower["event_date"] == "2024-01-28" and tower["year"] == "2024" and tower["time_precision"] == "1"
    assert tower["disorder_type"] == "Political violence" and tower["iso"] == "400"
    # a militia against US forces outside the United States: political militia (3) vs external forces (8)
    assert (tower["inter1"], tower["inter2"], tower["interaction"]) == ("3", "8", "38")
    assert tower["region"] == "Middle East" and tower["source"] == "Euphrates Post" and tower["fatalities"] == "3"
    asad = by_id["ev-asad"]
    assert asad["fatalities"] == "0" and "fatalities not reported" in asad["tags"]
    assert "claimed by: Kataib Hezbollah" in asad["tags"]
    unplaced = by_id["ev-unplaced"]
    # Iraq's government acting in Syria: state forces outside their country are external (8)
    assert unplaced["inter1"] == "8" and unplaced["interaction"] == "80"
    assert unplaced["disorder_type"] == "Strategic developments"


def test_rejected_events_are_left_out_of_every_format(ledger: Path, tmp_path: Path) -> None:
    decide(Store(ledger), "ev-tower", "reject", "alice", "duplicate")
    assert "ev-tower" not in export(ledger, "csv", tmp_path)
    assert "ev-tower" not in export(ledger, "acled", tmp_path)
    assert "ev-tower" not in export(ledger, "geojson", tmp_path)
    kinds = [json.loads(line)["location"] for line in export(ledger, "jsonl", tmp_path).splitlines()
             if json.loads(line)["kind"] == "event"]
    assert "Tower 22" not in kinds and len(kinds) == 3


def test_web_downloads_follow_the_table_filter(ledger: Path) -> None:
    client = client_for(ledger)
    response = client.get("/export/csv?country=Iraq")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'attachment; filename="dateline-events-' in response.headers["content-disposition"]
    assert {row["id"] for row in csv.DictReader(io.StringIO(response.text))} == {"ev-asad", "ev-mashtal"}
    geo = client.get("/export/geojson?actor=Kataib+Hezbollah")
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert {f["id"] for f in geo.json()["features"]} == {"ev-asad", "ev-mashtal"}
    everything = client.get("/export/jsonl").text.splitlines()
    assert len(everything) == 5  # no filter: every kind of record
    assert client.get("/export/xlsx").status_code == 404


def test_cli_export_kind_and_stdout(ledger: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(ledger), "export", "--kind", "tally"])
    assert result.exit_code == 0
    assert [json.loads(line)["kind"] for line in result.output.splitlines()] == ["tally"]
