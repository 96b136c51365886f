"""Writes the ledger out in the formats other tools read (EVENTS.md JSONL first)."""
from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from typing import Any, TextIO

from dateline.model import EventRecord, Record, record_from_dict, record_kind
from dateline.serve.acled import COLUMNS, acled_row
from dateline.serve.actors import ActorDirectory
from dateline.store.db import Store
from dateline.store.ledger_index import ensure_ledger_index
from dateline.store.ledger_queries import EventFilter, record_bodies
from dateline.store.reviews import rejected_ids


def write_jsonl(records: Iterable[Record | tuple[str, Record]], handle: TextIO) -> int:
    """Writes one EVENTS.md record a line; returns how many were written. Given (record id,
    record) pairs, each line carries the record's `id` too (the id of `explain`, the web pages,
    the CSV and the GeoJSON), after `kind` and before the EVENTS.md fields."""
    count = 0
    for item in records:
        if isinstance(item, tuple):
            record_id, record = item
            exported = record.as_export()
            line = {"kind": exported.pop("kind"), "id": record_id, **exported}
        else:
            line = item.as_export()
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    return count


# -- beside the EVENTS.md lines: CSV, GeoJSON and ACLED-style CSV, and what may be exported ----

EXPORT_FORMATS = ("jsonl", "csv", "geojson", "acled")
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "geojson": "application/geo+json",
               "acled": "text/csv"}
SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "geojson": ".geojson", "acled": ".acled.csv"}
# Dateline's own CSV: the EVENTS.md event fields in their order, lists joined with "; ".
CSV_COLUMNS = ("id", "event_date", "date_precision", "event_type", "sub_event_type", "actor1",
               "actor2", "claimed_by", "denied_by", "weapons", "country", "admin1", "location",
               "latitude", "longitude", "geo_precision", "fatalities", "injured", "notes",
               "source_articles", "source_quotes", "review")


def exportable_records(store: Store, kinds: Iterable[str] = (), flt: EventFilter | None = None
                       ) -> list[tuple[str, Record]]:
    """Returns (record id, record) for what an export holds: every record but rejected ones, of
    the given kinds (all when none); with a filter, the events that match it."""
    rejected = rejected_ids(store.connection)
    if flt is not None:
        ensure_ledger_index(store)
        where, params = flt.where()
        ids = [row[0] for row in store.connection.execute(
            f"SELECT e.record_id FROM event_index e WHERE {where}"
            " ORDER BY e.event_date, e.record_id", params)]
        bodies = record_bodies(store.connection, ids)
        return [(rid, record_from_dict(bodies[rid])) for rid in ids
                if rid in bodies and rid not in rejected]
    wanted = set(kinds)
    return [(rid, record) for rid, record in store.records()
            if rid not in rejected and (not wanted or record_kind(record) in wanted)]


def _statuses(store: Store) -> dict[str, str]:
    return {row[0]: row[1] for row in store.connection.execute("SELECT record_id, status FROM review_state")}


def write_csv(records: Iterable[tuple[str, Record]], handle: TextIO,
              statuses: dict[str, str] | None = None) -> int:
    """Writes events as CSV (CSV_COLUMNS, header first); returns how many rows were written."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record_id, record in records:
        if not isinstance(record, EventRecord):
            continue
        data = record.as_export()
        row = [record_id] + [_cell(data[name]) for name in CSV_COLUMNS[1:-3]]
        row += ["; ".join(s.article for s in record.sources), " | ".join(s.quote for s in record.sources),
                (statuses or {}).get(record_id, "")]
        writer.writerow(row)
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def write_geojson(records: Iterable[tuple[str, Record]], handle: TextIO) -> int:
    """Writes located events as a GeoJSON FeatureCollection of points (RFC 7946: lon, lat;
    properties are the EVENTS.md fields); returns how many features were written."""
    handle.write('{"type":"FeatureCollection","features":[')
    count = 0
    for record_id, record in records:
        if not isinstance(record, EventRecord) or record.latitude is None or record.longitude is None:
            continue
        feature = {"type": "Feature", "id": record_id,
                   "geometry": {"type": "Point", "coordinates": [record.longitude, record.latitude]},
                   "properties": {"id": record_id, **record.as_export()}}
        handle.write(("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False))
        count += 1
    handle.write("\n]}\n")
    return count


def write_acled_csv(records: Iterable[tuple[str, Record]], handle: TextIO, outlets: dict[str, str],
                    directory: ActorDirectory) -> int:
    """Writes events with ACLED's column names and codes (see `acled.py`); returns the row count."""
    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    count = 0
    for record_id, record in records:
        if isinstance(record, EventRecord):
            writer.writerow(acled_row(record_id, record, outlets, directory, stamp))
            count += 1
    return count


def write_export(store: Store, fmt: str, handle: TextIO, kinds: Iterable[str] = (),
                 flt: EventFilter | None = None, directory: ActorDirectory | None = None) -> int:
    """Writes the ledger in one of EXPORT_FORMATS, rejected events left out; returns the count.
    JSONL holds every kind asked for (all by default); the others hold events."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"format is one of {', '.join(EXPORT_FORMATS)}, not {fmt!r}")
    if fmt != "jsonl" and not kinds:
        kinds = ("event",)
    records = exportable_records(store, kinds, flt)
    if fmt == "jsonl":
        return write_jsonl(records, handle)
    if fmt == "csv":
        return write_csv(records, handle, _statuses(store))
    if fmt == "geojson":
        return write_geojson(records, handle)
    outlets = {row[0]: row[1] or "" for row in store.connection.execute("SELECT id, outlet FROM articles")}
    return write_acled_csv(records, handle, outlets, directory or ActorDirectory.from_knowledge_base())
